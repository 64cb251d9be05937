/**
 * `npm run plan -- QUERY_FILE [VARIABLES]`: prints the read plan the gateway makes for an
 * operation before executing it (src/server/plan/requestPlan.ts), without calling anything: per
 * wave, the upstream operations its fields may call; the page size each collection is read at;
 * the collections read whole; for each operation, the fields that may call it and its predicted
 * calls (a number where the document decides it, else "depends on the data"); and the predicted
 * number of sequential rounds.
 *
 *   QUERY_FILE   a .graphql file with one operation (or pass --operation NAME)
 *   VARIABLES    a JSON file or inline JSON object; default: the file's `# variables: {...}` line
 *   --json       the plan as JSON (what `extensions.plan` holds)
 *
 * Exit codes: 0 printed, 1 bad arguments, 2 a file that cannot be read, parsed or validated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getOperationAST, parse, validate } from 'graphql';
import { buildPipelineSchema } from '../src/server/admission/pipeline';
import { createPlanner, graphPlannerOptions, type PlanReport } from '../src/server/plan/requestPlan';

/** Module-private. */
const USAGE = `Usage: npm run plan -- QUERY_FILE [VARIABLES] [--operation NAME] [--json]
Prints the gateway's read plan of the operation: waves, page sizes, whole collections, calls per operation, rounds.`;

/** Module-private: a problem with an input file (exit code 2). */
class InputError extends Error {}

/** Module-private: runs the CLI; returns the exit code. */
function run(argv: readonly string[]): number {
  let parsed: ReturnType<typeof parseArgs<{ options: { operation: { type: 'string' }; json: { type: 'boolean' }; help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: { operation: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [queryFile, variablesArgument, ...extra] = parsed.positionals;
  if (queryFile === undefined || extra.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 1;
  }
  try {
    const text = readText(queryFile);
    const variables = readVariables(variablesArgument, text, queryFile);
    let document;
    try {
      document = parse(text);
    } catch (error) {
      throw new InputError(`${queryFile}: ${(error as Error).message}`);
    }
    const schema = buildPipelineSchema(join(__dirname, '..', 'schema'));
    const problems = validate(schema, document);
    if (problems.length > 0) throw new InputError(`${queryFile}: the query does not validate against the schema: ${problems.map((problem) => problem.message).join('; ')}`);
    const operation = getOperationAST(document, parsed.values.operation);
    if (!operation) throw new InputError(`${queryFile}: name the operation to plan with --operation (the document holds several, or none by that name).`);
    const report = createPlanner(schema, graphPlannerOptions(schema)).plan(document, operation, variables).report();
    process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatPlan(report));
    return 0;
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The plan as text. */
export function formatPlan(report: PlanReport): string {
  const lines: string[] = [];
  lines.push(`predicted rounds: ${report.rounds}`);
  for (const { wave, operations } of report.waves) lines.push(`  wave ${wave}: ${operations.join(', ')}`);
  const sizes = Object.entries(report.pageSizes);
  if (sizes.length > 0) lines.push(`page sizes: ${sizes.map(([operation, size]) => `${operation} ${size}`).join(', ')}`);
  if (report.wholeCollections.length > 0) lines.push(`read whole: ${report.wholeCollections.join(', ')}`);
  lines.push('calls per operation:');
  const byOperation = new Map<string, string[]>();
  for (const read of report.reads) {
    for (const operation of read.operations) {
      const sites = byOperation.get(operation) ?? [];
      sites.push(`${read.coordinate} (${read.waves.length === 0 ? 'answered by another read' : `wave ${read.waves.join('/')}`}${read.pageSize === undefined ? '' : `, page ${read.pageSize}`}${read.whole ? ', whole list' : ''})`);
      byOperation.set(operation, sites);
    }
  }
  for (const [operation, sites] of [...byOperation].sort(([a], [b]) => a.localeCompare(b))) {
    const calls = report.calls[operation];
    const count = calls === null || calls === undefined ? 'depends on the data: at most one per distinct object of' : `${calls} call${calls === 1 ? '' : 's'}:`;
    lines.push(`  ${operation}: ${count} ${sites.join('; ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Module-private. */
function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: ${(error as Error).message}`);
  }
}

/** Module-private: variables from a file, inline JSON, or the query file's `# variables:` line. */
function readVariables(argument: string | undefined, query: string, queryFile: string): Record<string, unknown> {
  let text: string | undefined;
  let source: string;
  if (argument !== undefined) {
    const isFile = !argument.trimStart().startsWith('{') && existsSync(argument);
    text = isFile ? readText(argument) : argument;
    source = isFile ? argument : 'the variables argument';
  } else {
    text = /^# variables: (.+)$/m.exec(query)?.[1];
    source = `${queryFile}'s "# variables:" line`;
  }
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${source}: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError(`${source}: variables must be a JSON object`);
  return value as Record<string, unknown>;
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
