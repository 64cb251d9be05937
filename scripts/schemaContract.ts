/**
 * The schema contract services build against: the printed SDL of the served schema
 * (`schema.graphql`), the previous committed version of it, and the breaking-change check between
 * the two (GraphQL Inspector's `diff` and criticality levels, with the project's deprecation policy
 * and allowlist on top). Used by `scripts/schema.ts` (`npm run schema:print`, `npm run schema:check`)
 * and by test/contract/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { makeExecutableSchema } from '@graphql-tools/schema';
import {
  buildClientSchema,
  buildSchema,
  getNamedType,
  introspectionFromSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionOptions,
  type IntrospectionQuery,
} from 'graphql';
import { z } from 'zod';
import { resolvers } from '../src/graph';
import { loadGatewayTypeDefs } from '../src/server/admission/pipeline';

/** The contract file, relative to the repository root. */
export const SCHEMA_FILE = 'schema.graphql';
/** Breaking changes accepted on purpose, relative to the repository root. */
export const ALLOWLIST_FILE = 'clients/breaking-changes.json';

/**
 * What the contract is read with: everything a client can learn by introspection, deprecated
 * arguments and input fields included (without `inputValueDeprecation` they are left out, and
 * their removal could never be told from a deprecated one's).
 */
export const CONTRACT_INTROSPECTION: IntrospectionOptions = {
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
};

/** Module-private: the first line of the file, so nobody edits it by hand. */
const HEADER = '# The served GraphQL schema, printed by `npm run schema:print` from schema/**/*.graphql: do not edit.\n# Services build against this file; `npm run schema:check` checks every change to it (README: Schema contract).\n\n';

/**
 * The contract SDL of an introspection result: the schema a client sees (no resolvers, no applied
 * directives but `@deprecated`), sorted by name so the file changes only when the schema does.
 */
export function printContractSdl(introspection: IntrospectionQuery): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(buildClientSchema(introspection)))}\n`;
}

/**
 * The contract SDL of the schema the gateway serves from `schemaDir`: its type definitions with
 * its resolvers, as createGatewayServer builds it. The resolvers matter to the contract: the
 * scalars' descriptions and `@specifiedBy` URLs come from graphql-scalars, not from the SDL.
 * test/contract/schemaFile.test.ts checks the result against a running gateway's introspection.
 */
export function servedSchemaSdl(schemaDir: string): string {
  const schema = makeExecutableSchema({ typeDefs: loadGatewayTypeDefs(schemaDir), resolvers: resolvers as Parameters<typeof makeExecutableSchema>[0]['resolvers'] });
  return printContractSdl(introspectionFromSchema(schema, CONTRACT_INTROSPECTION));
}

// ---------------------------------------------------------------------------------------------
// The breaking-change check
// ---------------------------------------------------------------------------------------------

/** One accepted breaking change. */
export interface AllowlistEntry {
  /** The change's path as GraphQL Inspector prints it (`Query.apps`, `Query.apps.first`, `CampaignStatus.DELETED`). */
  readonly path: string;
  /** The change type (`FIELD_REMOVED`, `FIELD_TYPE_CHANGED`, …); unset: any change at `path`. */
  readonly type?: string;
  /** Why the break is acceptable (who was asked, which clients were updated). */
  readonly reason: string;
}

/** Module-private: the allowlist file's shape; unknown keys are refused so a typo never silently allows nothing. */
const allowlistSchema = z
  .object({
    $comment: z.string().optional(),
    changes: z.array(
      z
        .object({
          path: z.string().trim().min(1),
          type: z.enum(Object.values(ChangeType) as [string, ...string[]]).optional(),
          reason: z.string().trim().min(1, 'every accepted breaking change needs a reason'),
        })
        .strict(),
    ),
  })
  .strict();

/** Reads and validates the allowlist; a bad file is an error naming the file and the problem. */
export function readAllowlist(file: string): AllowlistEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the breaking-change allowlist ${file}: ${(error as Error).message}`);
  }
  const result = allowlistSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`The breaking-change allowlist ${file} is invalid: ${result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}`);
  }
  return result.data.changes;
}

/** The verdict on one change between two versions of the contract. */
export interface CheckedChange {
  readonly change: Change;
  /**
   * - `breaking`: breaks clients and is not accepted: the check fails;
   * - `deprecated-removal`: removes something the previous version deprecated (the policy allows it);
   * - `allowlisted`: breaks clients, accepted in the allowlist (`reason`);
   * - `dangerous`: may change behaviour for clients (a new optional argument, a new enum value);
   * - `safe`: additions and descriptions.
   */
  readonly verdict: 'breaking' | 'deprecated-removal' | 'allowlisted' | 'dangerous' | 'safe';
  readonly reason?: string;
}

/** The result of {@link checkSchemaChange}. */
export interface SchemaCheckReport {
  readonly changes: readonly CheckedChange[];
  /** True when no change is `breaking`. */
  readonly ok: boolean;
}

/**
 * Compares two versions of the contract: GraphQL Inspector classifies every change (breaking,
 * dangerous, non-breaking); a breaking removal of something `oldSdl` marked `@deprecated` is
 * allowed by the deprecation policy, and any other breaking change only when the allowlist names it.
 */
export async function checkSchemaChange(input: { readonly oldSdl: string; readonly newSdl: string; readonly allowlist: readonly AllowlistEntry[] }): Promise<SchemaCheckReport> {
  const oldSchema = buildSchema(input.oldSdl);
  const newSchema = buildSchema(input.newSdl);
  const changes = await diff(oldSchema, newSchema);
  const deprecated = deprecatedRemovalTest(oldSchema);
  const checked = changes.map((change): CheckedChange => {
    switch (change.criticality.level) {
      case CriticalityLevel.NonBreaking:
        return { change, verdict: 'safe' };
      case CriticalityLevel.Dangerous:
        return { change, verdict: 'dangerous', reason: change.criticality.reason };
      case CriticalityLevel.Breaking: {
        const deprecation = deprecated(change);
        if (deprecation !== undefined) return { change, verdict: 'deprecated-removal', reason: deprecation };
        const entry = input.allowlist.find((candidate) => candidate.path === change.path && (candidate.type === undefined || candidate.type === change.type));
        if (entry !== undefined) return { change, verdict: 'allowlisted', reason: entry.reason };
        return { change, verdict: 'breaking', reason: change.criticality.reason };
      }
      default:
        throw new Error(`Unknown criticality level ${JSON.stringify(change.criticality.level)} of change ${change.path}`);
    }
  });
  return { changes: checked, ok: checked.every((entry) => entry.verdict !== 'breaking') };
}

/**
 * Module-private: the deprecation policy. A breaking change is allowed when it removes a field,
 * argument, enum value or input field the previous version carried with `@deprecated`, or a type
 * the previous version only let clients reach through deprecated ones (types themselves cannot be
 * deprecated in GraphQL). Inspector's own `suppressRemovalOfDeprecatedField` rule is not used: it
 * also lets any removed type through, deprecated or not.
 */
function deprecatedRemovalTest(oldSchema: GraphQLSchema): (change: Change) => string | undefined {
  let reachable: ReadonlySet<string> | undefined;
  return (change) => {
    const meta = change.meta as Record<string, string>;
    switch (change.type) {
      case ChangeType.FieldRemoved: {
        const type = oldSchema.getType(meta.typeName);
        const reason = isObjectType(type) || isInterfaceType(type) ? type.getFields()[meta.removedFieldName]?.deprecationReason : undefined;
        return reason == null ? undefined : `deprecated in the previous version: ${reason}`;
      }
      case ChangeType.FieldArgumentRemoved: {
        const type = oldSchema.getType(meta.typeName);
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[meta.fieldName] : undefined;
        const reason = field?.args.find((arg) => arg.name === meta.removedFieldArgumentName)?.deprecationReason;
        return reason == null ? undefined : `deprecated in the previous version: ${reason}`;
      }
      case ChangeType.InputFieldRemoved: {
        const type = oldSchema.getType(meta.inputName);
        const reason = isInputObjectType(type) ? type.getFields()[meta.removedFieldName]?.deprecationReason : undefined;
        return reason == null ? undefined : `deprecated in the previous version: ${reason}`;
      }
      case ChangeType.EnumValueRemoved: {
        const type = oldSchema.getType(meta.enumName);
        const reason = isEnumType(type) ? type.getValue(meta.removedEnumValueName)?.deprecationReason : undefined;
        return reason == null ? undefined : `deprecated in the previous version: ${reason}`;
      }
      case ChangeType.TypeRemoved:
        reachable ??= typesReachableWithoutDeprecated(oldSchema);
        return reachable.has(meta.removedTypeName) ? undefined : 'the previous version let clients reach it only through deprecated fields, arguments or input fields';
      default:
        return undefined;
    }
  };
}

/**
 * Module-private: the names of the types a client can use without touching anything deprecated:
 * from the root types (and the directives' arguments) through non-deprecated fields, arguments and
 * input fields, union members, the implementations of reachable interfaces and the interfaces of
 * reachable objects (both usable as fragment type conditions).
 */
function typesReachableWithoutDeprecated(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>();
  const queue: GraphQLNamedType[] = [];
  const visit = (type: GraphQLNamedType | null | undefined) => {
    if (type && !seen.has(type.name)) {
      seen.add(type.name);
      queue.push(type);
    }
  };
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) visit(root);
  for (const directive of schema.getDirectives()) for (const arg of directive.args) if (arg.deprecationReason == null) visit(getNamedType(arg.type));
  while (queue.length > 0) {
    const type = queue.shift()!;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason != null) continue;
        visit(getNamedType(field.type));
        for (const arg of field.args) if (arg.deprecationReason == null) visit(getNamedType(arg.type));
      }
      for (const iface of type.getInterfaces()) visit(iface);
      if (isInterfaceType(type)) for (const implementation of schema.getPossibleTypes(type)) visit(implementation);
    } else if (isUnionType(type)) {
      for (const member of type.getTypes()) visit(member);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (field.deprecationReason == null) visit(getNamedType(field.type));
    }
  }
  return seen;
}

// ---------------------------------------------------------------------------------------------
// The previous committed version
// ---------------------------------------------------------------------------------------------

/** One version of the contract: its SDL and where it came from. */
export interface ContractVersion {
  readonly sdl: string;
  /** `HEAD`, `the served schema` or a commit (`a1b2c3d`). */
  readonly label: string;
}

/** What to compare: two versions, or nothing (and why that is fine). */
export type Baseline =
  | { readonly kind: 'compare'; readonly previous: ContractVersion; readonly current: ContractVersion }
  | { readonly kind: 'none'; readonly message: string };

/** The previous version cannot be found (no git, not a repository, a shallow clone): the check cannot be made. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

/**
 * The two versions to compare, from git in `repoRoot` (the folder holding `schema.graphql`):
 * - the served schema differs from `HEAD:schema.graphql` (a change being developed): HEAD's version
 *   → the served one;
 * - it equals HEAD's (a clean checkout, as in CI): the version of the commit before the most recent
 *   one that changed `schema.graphql` (`git log -2 --format=%H -- schema.graphql`) → HEAD's;
 * - there is no earlier version (never committed, or committed once): `none`, with the reason.
 *
 * `options.gitCommand`: the git executable (default `git` on PATH).
 *
 * @throws {BaselineError} when git is missing, `repoRoot` is not in a work tree, or the clone is
 *   shallow and its history stops before the earlier version could be found.
 */
export function resolveBaseline(repoRoot: string, servedSdl: string, options: { readonly gitCommand?: string } = {}): Baseline {
  const git = (args: readonly string[]) => runGit(options.gitCommand ?? 'git', repoRoot, args);
  const inside = git(['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.stdout.trim() !== 'true') {
    throw new BaselineError(`Cannot find the previous version of ${SCHEMA_FILE}: ${repoRoot} is not inside a git work tree (git said: ${inside.stderr.trim() || inside.stdout.trim()}). The check compares against git history; run it in a clone of the repository.`);
  }
  if (!git(['rev-parse', '--verify', '--quiet', 'HEAD']).ok) {
    return { kind: 'none', message: `The repository has no commits yet: there is no previous version of ${SCHEMA_FILE} to compare against.` };
  }
  const atHead = git(['show', `HEAD:${SCHEMA_FILE}`]);
  if (!atHead.ok) {
    return { kind: 'none', message: `${SCHEMA_FILE} is not committed in HEAD yet: there is no previous version to compare against (commit it to start the contract).` };
  }
  if (atHead.stdout !== servedSdl) {
    return { kind: 'compare', previous: { sdl: atHead.stdout, label: 'HEAD' }, current: { sdl: servedSdl, label: 'the served schema' } };
  }
  const log = git(['log', '-2', '--format=%H', '--', SCHEMA_FILE]);
  if (!log.ok) throw new BaselineError(`git log of ${SCHEMA_FILE} failed: ${log.stderr.trim()}`);
  const [latest, earlier] = log.stdout.split('\n').filter((line) => line !== '');
  if (earlier === undefined) {
    if (git(['rev-parse', '--is-shallow-repository']).stdout.trim() === 'true') {
      throw new BaselineError(
        `Cannot find the previous version of ${SCHEMA_FILE}: this clone is shallow and its history stops at ${short(latest ?? 'HEAD')}, ` +
          `the latest commit that changed the file, so the version before it is not here. Fetch the full history (git fetch --unshallow; in CI, clone with full depth, e.g. actions/checkout fetch-depth: 0).`,
      );
    }
    return { kind: 'none', message: `${SCHEMA_FILE} has a single committed version (${short(latest ?? 'HEAD')}): there is no earlier version to compare against.` };
  }
  const before = git(['show', `${earlier}:${SCHEMA_FILE}`]);
  if (!before.ok) {
    return { kind: 'none', message: `${SCHEMA_FILE} did not exist in ${short(earlier)} (the commit before ${short(latest)} that touched it): there is no earlier version to compare against.` };
  }
  return { kind: 'compare', previous: { sdl: before.stdout, label: short(earlier) }, current: { sdl: atHead.stdout, label: `HEAD (${short(latest)})` } };
}

/** Module-private: a git command's outcome; a missing git binary is a BaselineError, never a crash. */
function runGit(command: string, cwd: string, args: readonly string[]): { ok: boolean; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(command, args, { cwd, env: gitEnvironment(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, stdout, stderr: '' };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string; status?: number | null };
    if (failure.code === 'ENOENT') throw new BaselineError(`Cannot find the previous version of ${SCHEMA_FILE}: git is not installed (${command} was not found).`);
    return { ok: false, stdout: failure.stdout ?? '', stderr: failure.stderr ?? failure.message };
  }
}

/**
 * Module-private: the environment of git commands without the variables that point git at another
 * repository (a git hook running `npm test` sets GIT_DIR and GIT_INDEX_FILE): `cwd` decides.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']) delete env[name];
  return env;
}

/** Module-private: a commit's short form for messages. */
function short(commit: string): string {
  return commit.slice(0, 12);
}

/** The repository root (the folder of this project's package.json). */
export const PROJECT_ROOT = join(__dirname, '..');
