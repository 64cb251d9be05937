/**
 * The schema contract (README: Schema contract).
 *
 *   npm run schema:print   writes schema.graphql: the served schema's SDL, sorted
 *   npm run schema:check   fails on a breaking change against the previous committed version
 *
 * `check` compares the served schema with HEAD's schema.graphql when they differ (a change being
 * developed), else HEAD's with the version before the latest commit that changed it (a clean
 * checkout, as in CI). Breaking changes fail unless they remove something the previous version
 * deprecated, or clients/breaking-changes.json lists them with a reason.
 * Exit codes: 0 compatible (or nothing to compare), 1 breaking change or stale schema.graphql,
 * 2 the previous version cannot be found (no git, shallow clone) or bad usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALLOWLIST_FILE,
  BaselineError,
  checkSchemaChange,
  PROJECT_ROOT,
  readAllowlist,
  resolveBaseline,
  SCHEMA_FILE,
  servedSchemaSdl,
  type CheckedChange,
} from './schemaContract';

/** Module-private: the served schema's SDL, from the project's schema/ folder. */
function served(): string {
  return servedSchemaSdl(join(PROJECT_ROOT, 'schema'));
}

/** Module-private: `print`. */
function print(): number {
  const sdl = served();
  writeFileSync(join(PROJECT_ROOT, SCHEMA_FILE), sdl);
  console.log(`wrote ${SCHEMA_FILE} (${sdl.length} characters)`);
  return 0;
}

/** Module-private: `check`. */
async function check(): Promise<number> {
  const sdl = served();
  const file = join(PROJECT_ROOT, SCHEMA_FILE);
  if (!existsSync(file) || readFileSync(file, 'utf8') !== sdl) {
    console.error(`${SCHEMA_FILE} is not the schema the gateway serves: run \`npm run schema:print\` and commit it.`);
    return 1;
  }
  let baseline;
  try {
    baseline = resolveBaseline(PROJECT_ROOT, sdl);
  } catch (error) {
    if (error instanceof BaselineError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (baseline.kind === 'none') {
    console.log(`${baseline.message} Nothing to check.`);
    return 0;
  }
  const report = await checkSchemaChange({ oldSdl: baseline.previous.sdl, newSdl: baseline.current.sdl, allowlist: readAllowlist(join(PROJECT_ROOT, ALLOWLIST_FILE)) });
  console.log(`${SCHEMA_FILE}: ${baseline.previous.label} → ${baseline.current.label}: ${report.changes.length} change(s)`);
  for (const entry of report.changes) console.log(formatChange(entry));
  if (!report.ok) {
    console.error(`Breaking change(s) found. Deprecate first (@deprecated(reason: ...)) and remove in a later release, or list the change in ${ALLOWLIST_FILE} with its path and the reason.`);
    return 1;
  }
  return 0;
}

/** Module-private: one line per change. */
function formatChange({ change, verdict, reason }: CheckedChange): string {
  return `  ${verdict.padEnd(18)} ${change.type} ${change.path ?? ''}: ${change.message}${reason ? ` (${reason})` : ''}`;
}

/** Module-private: the command dispatch. */
async function main(argv: readonly string[]): Promise<number> {
  switch (argv[0]) {
    case 'print':
      return print();
    case 'check':
      return check();
    default:
      console.error('Usage: tsx scripts/schema.ts print|check');
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
