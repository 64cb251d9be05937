import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BaselineError, checkSchemaChange, readAllowlist, resolveBaseline, SCHEMA_FILE, type AllowlistEntry, type SchemaCheckReport } from '../../scripts/schemaContract';

// The breaking-change check of the schema contract (scripts/schemaContract.ts) on synthetic schema
// pairs, and how it finds the previous committed version in real git repositories made for the
// test (a clean checkout, a change in progress, a single version, a shallow clone, no repository).

const BASE = `
type Query {
  apps(first: Int): [App!]!
  app(id: ID!): App
}
type App {
  id: ID!
  name: String!
  legacyName: String @deprecated(reason: "Use name.")
  owner: String
  status: AppStatus
  kpi(name: String!, range: String @deprecated(reason: "Use startTime.")): Float
}
enum AppStatus { ACTIVE ARCHIVED OLD @deprecated(reason: "Never returned since 2024.") }
type Mutation { createApp(input: CreateAppInput!): App }
input CreateAppInput { name: String! tags: [String!] @deprecated(reason: "Tag after creating.") }
`;

/** Module-private: the verdicts of a check, as `verdict path` lines. */
function verdicts(report: SchemaCheckReport): string[] {
  return report.changes.map(({ verdict, change }) => `${verdict} ${change.type} ${change.path}`);
}

/** Module-private: checks BASE → BASE with `edit` applied. */
function check(edit: (sdl: string) => string, allowlist: readonly AllowlistEntry[] = []): Promise<SchemaCheckReport> {
  const newSdl = edit(BASE);
  if (newSdl === BASE) throw new Error('the edit changed nothing: the test would prove nothing');
  return checkSchemaChange({ oldSdl: BASE, newSdl, allowlist });
}

describe('the breaking-change check on synthetic schema pairs', () => {
  test('removing a field that was not deprecated is breaking', async () => {
    const report = await check((sdl) => sdl.replace('  owner: String\n', ''));
    expect(verdicts(report)).toEqual(['breaking FIELD_REMOVED App.owner']);
    expect(report.ok).toBe(false);
  });

  test('removing a field the previous version deprecated is allowed', async () => {
    const report = await check((sdl) => sdl.replace('  legacyName: String @deprecated(reason: "Use name.")\n', ''));
    expect(report.changes.map(({ verdict, change, reason }) => ({ verdict, type: change.type, path: change.path, reason }))).toEqual([
      { verdict: 'deprecated-removal', type: 'FIELD_REMOVED', path: 'App.legacyName', reason: 'deprecated in the previous version: Use name.' },
    ]);
    expect(report.ok).toBe(true);
  });

  test('deprecating and removing in the same change is still breaking (the deprecation must ship first)', async () => {
    const once = await check((sdl) => sdl.replace('  owner: String\n', '  owner: String @deprecated(reason: "Gone.")\n'));
    expect(once.ok).toBe(true);
    const both = await check((sdl) => sdl.replace('  owner: String\n', ''));
    expect(both.ok).toBe(false);
  });

  test('removing a deprecated argument, enum value or input field is allowed; a live one is breaking', async () => {
    const deprecated = await check((sdl) =>
      sdl.replace(', range: String @deprecated(reason: "Use startTime.")', '').replace(' OLD @deprecated(reason: "Never returned since 2024.")', '').replace(' tags: [String!] @deprecated(reason: "Tag after creating.")', ''),
    );
    expect(verdicts(deprecated).sort()).toEqual(['deprecated-removal ENUM_VALUE_REMOVED AppStatus.OLD', 'deprecated-removal FIELD_ARGUMENT_REMOVED App.kpi.range', 'deprecated-removal INPUT_FIELD_REMOVED CreateAppInput.tags']);
    expect(deprecated.ok).toBe(true);

    const live = await check((sdl) => sdl.replace('enum AppStatus { ACTIVE ARCHIVED', 'enum AppStatus { ACTIVE'));
    expect(verdicts(live)).toEqual(['breaking ENUM_VALUE_REMOVED AppStatus.ARCHIVED']);
  });

  test('adding an optional argument is not breaking; adding a required one is', async () => {
    const optional = await check((sdl) => sdl.replace('apps(first: Int)', 'apps(first: Int, after: String)'));
    expect(optional.ok).toBe(true);
    // Inspector rates it dangerous (a new argument may change what the field returns), which never fails the check.
    expect(verdicts(optional)).toEqual(['dangerous FIELD_ARGUMENT_ADDED Query.apps.after']);

    const required = await check((sdl) => sdl.replace('apps(first: Int)', 'apps(first: Int, region: String!)'));
    expect(verdicts(required)).toEqual(['breaking FIELD_ARGUMENT_ADDED Query.apps.region']);
    expect(required.ok).toBe(false);
  });

  test('a breaking change listed in the allowlist is allowed, with its reason; the list matches by path and type', async () => {
    const reason = 'owner was never filled in; both consuming services confirmed they do not read it';
    const removal = (sdl: string) => sdl.replace('  owner: String\n', '');
    const allowed = await check(removal, [{ path: 'App.owner', type: 'FIELD_REMOVED', reason }]);
    expect(allowed.changes.map(({ verdict, reason: why }) => ({ verdict, why }))).toEqual([{ verdict: 'allowlisted', why: reason }]);
    expect(allowed.ok).toBe(true);

    const anyType = await check(removal, [{ path: 'App.owner', reason }]);
    expect(anyType.ok).toBe(true);
    const otherType = await check(removal, [{ path: 'App.owner', type: 'FIELD_TYPE_CHANGED', reason }]);
    expect(otherType.ok).toBe(false);
    const otherPath = await check(removal, [{ path: 'App.name', type: 'FIELD_REMOVED', reason }]);
    expect(otherPath.ok).toBe(false);
  });

  test('removing a type clients could reach only through deprecated fields is allowed; a reachable one is breaking', async () => {
    const withLegacy = BASE.replace('  owner: String\n', '  owner: String\n  legacyOwner: Owner @deprecated(reason: "Use owner.")\n').concat('type Owner { name: String }\n');
    const gone = await checkSchemaChange({ oldSdl: withLegacy, newSdl: BASE, allowlist: [] });
    expect(verdicts(gone).sort()).toEqual(['deprecated-removal FIELD_REMOVED App.legacyOwner', 'deprecated-removal TYPE_REMOVED Owner']);
    expect(gone.ok).toBe(true);

    const reachable = withLegacy.replace('legacyOwner: Owner @deprecated(reason: "Use owner.")', 'legacyOwner: Owner');
    const broken = await checkSchemaChange({ oldSdl: reachable, newSdl: BASE, allowlist: [] });
    expect(verdicts(broken).sort()).toEqual(['breaking FIELD_REMOVED App.legacyOwner', 'breaking TYPE_REMOVED Owner']);
  });

  test('changing a field type incompatibly is breaking; additions and descriptions are safe', async () => {
    const typeChange = await check((sdl) => sdl.replace('  name: String!\n', '  name: Int!\n'));
    expect(verdicts(typeChange)).toEqual(['breaking FIELD_TYPE_CHANGED App.name']);
    const additions = await check((sdl) => sdl.replace('  owner: String\n', '  owner: String\n  "When it was made."\n  createdAt: String\n'));
    expect(verdicts(additions)).toEqual(['safe FIELD_ADDED App.createdAt', 'safe FIELD_DESCRIPTION_ADDED App.createdAt']);
    expect(additions.ok).toBe(true);
  });
});

describe('the allowlist file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'allowlist-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('the committed clients/breaking-changes.json is valid', () => {
    expect(Array.isArray(readAllowlist(join(__dirname, '..', '..', 'clients', 'breaking-changes.json')))).toBe(true);
  });

  test.each([
    ['an entry without a reason', { changes: [{ path: 'App.owner', reason: ' ' }] }, /breaking-changes\.json is invalid: changes\.0\.reason: every accepted breaking change needs a reason$/],
    ['an unknown change type', { changes: [{ path: 'App.owner', type: 'FIELD_GONE', reason: 'x' }] }, /is invalid: changes\.0\.type: Invalid enum value/],
    ['a misspelt key', { changes: [{ pth: 'App.owner', reason: 'x' }] }, /is invalid: changes\.0\.path: Required; changes\.0: Unrecognized key\(s\) in object: 'pth'$/],
  ])('%s is refused with the file and the problem named', async (_label, content, message) => {
    const file = join(dir, 'breaking-changes.json');
    await writeFile(file, JSON.stringify(content));
    expect(() => readAllowlist(file)).toThrow(message);
  });
});

/** Module-private: the environment without what points git at another repository (set when a git hook runs the tests). */
function withoutGitRepositoryVariables(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']) delete env[name];
  return env;
}

describe('the previous committed version (git)', () => {
  const V1 = '# v1\ntype Query { a: String }\n';
  const V2 = '# v2\ntype Query { a: String b: String }\n';
  const V3 = '# v3\ntype Query { a: String b: String c: String }\n';
  let dir: string;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Schema Test', '-c', 'user.email=schema@test.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', env: withoutGitRepositoryVariables() }).trim();
  /** Commits `content` as schema.graphql in `repo` and returns the commit. */
  async function commitSchema(repo: string, content: string, message: string): Promise<string> {
    await writeFile(join(repo, SCHEMA_FILE), content);
    git(repo, 'add', SCHEMA_FILE);
    git(repo, 'commit', '-q', '-m', message);
    return git(repo, 'rev-parse', 'HEAD');
  }
  /** A new repository in the test folder. */
  async function newRepo(name: string): Promise<string> {
    const repo = join(dir, name);
    git(dir, 'init', '-q', repo);
    return repo;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'schema-history-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('not committed yet, or no commit at all: nothing to compare, said so', async () => {
    const repo = await newRepo('empty');
    expect(resolveBaseline(repo, V1)).toEqual({ kind: 'none', message: 'The repository has no commits yet: there is no previous version of schema.graphql to compare against.' });
    await writeFile(join(repo, 'README'), 'x');
    git(repo, 'add', 'README');
    git(repo, 'commit', '-q', '-m', 'first');
    expect(resolveBaseline(repo, V1)).toEqual({ kind: 'none', message: 'schema.graphql is not committed in HEAD yet: there is no previous version to compare against (commit it to start the contract).' });
  });

  test('a single committed version equal to the served schema: no earlier version, said so', async () => {
    const repo = await newRepo('single');
    const first = await commitSchema(repo, V1, 'v1');
    expect(resolveBaseline(repo, V1)).toEqual({ kind: 'none', message: `schema.graphql has a single committed version (${first.slice(0, 12)}): there is no earlier version to compare against.` });
  });

  test('a served schema that differs from HEAD (a change being developed) is compared with HEAD', async () => {
    const repo = await newRepo('developing');
    await commitSchema(repo, V1, 'v1');
    await commitSchema(repo, V2, 'v2');
    expect(resolveBaseline(repo, V3)).toEqual({ kind: 'compare', previous: { sdl: V2, label: 'HEAD' }, current: { sdl: V3, label: 'the served schema' } });
  });

  test('a clean checkout compares HEAD with the version before the latest commit that changed the file (later commits not touching it are skipped)', async () => {
    const repo = await newRepo('clean');
    await commitSchema(repo, V1, 'v1');
    const v2 = await commitSchema(repo, V2, 'v2');
    const v3 = await commitSchema(repo, V3, 'v3');
    await writeFile(join(repo, 'other.txt'), 'unrelated');
    git(repo, 'add', 'other.txt');
    git(repo, 'commit', '-q', '-m', 'unrelated');
    expect(resolveBaseline(repo, V3)).toEqual({ kind: 'compare', previous: { sdl: V2, label: v2.slice(0, 12) }, current: { sdl: V3, label: `HEAD (${v3.slice(0, 12)})` } });
  });

  test('a shallow clone without the earlier version fails with a clear message, not a crash', async () => {
    const origin = await newRepo('origin');
    await commitSchema(origin, V1, 'v1');
    const head = await commitSchema(origin, V2, 'v2');
    const shallow = join(dir, 'shallow');
    git(dir, 'clone', '-q', '--depth', '1', `file://${origin}`, shallow);
    expect(() => resolveBaseline(shallow, V2)).toThrow(BaselineError);
    expect(() => resolveBaseline(shallow, V2)).toThrow(
      `Cannot find the previous version of schema.graphql: this clone is shallow and its history stops at ${head.slice(0, 12)}, the latest commit that changed the file, so the version before it is not here. Fetch the full history (git fetch --unshallow; in CI, clone with full depth, e.g. actions/checkout fetch-depth: 0).`,
    );
    // A change being developed needs only HEAD, which a shallow clone has.
    expect(resolveBaseline(shallow, V3)).toMatchObject({ kind: 'compare', previous: { sdl: V2, label: 'HEAD' } });
    // Once the history is there, the same clone finds the earlier version.
    git(shallow, 'fetch', '-q', '--unshallow');
    expect(resolveBaseline(shallow, V2)).toMatchObject({ kind: 'compare', previous: { sdl: V1 }, current: { sdl: V2 } });
  });

  test('a folder outside any git work tree fails with a clear message', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'no-git-'));
    try {
      expect(() => resolveBaseline(outside, V1)).toThrow(BaselineError);
      expect(() => resolveBaseline(outside, V1)).toThrow(/^Cannot find the previous version of schema\.graphql: \S+ is not inside a git work tree \(git said: fatal: not a git repository/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  test('no git executable fails with a clear message', async () => {
    const repo = await newRepo('no-git-binary');
    const missing = join(dir, 'bin', 'git');
    expect(() => resolveBaseline(repo, V1, { gitCommand: missing })).toThrow(new BaselineError(`Cannot find the previous version of schema.graphql: git is not installed (${missing} was not found).`));
  });
});
