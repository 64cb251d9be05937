/**
 * `npm run plan -- QUERY_FILE [VARIABLES]`: prints the read plan the gateway makes for an
 * operation before executing it (src/server/plan/requestPlan.ts), without calling anything: per
 * wave, the upstream operations its fields may call; the page size each collection is read at;
 * the collections read whole; for each operation, the fields that may call it and its predicted
 * calls (a number where the document decides it, else "depends on the data"); and the predicted
 * number of sequential rounds.
 *
 *   QUERY_FILE   a .graphql file with one operation (or pass --operation NAME)
 *   VARIABLES    a JSON file or inline JSON object; default: the file's `# variables: {...}` line,
 *                or for a bench query (bench/queries/NAME.graphql) the bench's own variables
 *   --json       the plan as JSON (what `extensions.plan` holds)
 *   --measure    also run the operation once against the demo data (an in-process emulator, 100 ms
 *                per call, and a gateway) and print the calls and rounds it made beside the
 *                predicted ones: exit code 3 when a predicted number differs from the measured one
 *
 * Exit codes: 0 printed, 1 bad arguments, 2 a file that cannot be read, parsed or validated, 3 a
 * measured count that differs from a predicted number (`--measure`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getOperationAST, parse, validate } from 'graphql';
import { benchVariables } from '../bench/queries/variables';
import { callsByOperation, roundsOf } from '../src/emulator/admin/callLog';
import { createEmulatorServer } from '../src/emulator';
import { createGatewayServer } from '../src/server';
import { warmSdkCode } from '../src/upstream/warmUp';
import { buildPipelineSchema } from '../src/server/admission/pipeline';
import { createPlanner, graphPlannerOptions, type PlanReport } from '../src/server/plan/requestPlan';

/** Module-private. */
const USAGE = `Usage: npm run plan -- QUERY_FILE [VARIABLES] [--operation NAME] [--json] [--measure]
Prints the gateway's read plan of the operation: waves, page sizes, whole collections, calls per operation, rounds.
--measure also runs it once against the demo data and prints the calls and rounds it made beside the predicted ones.`;

/**
 * Module-private: the latency the measuring emulator adds to every call, so the calls of one round
 * all arrive before any is answered. Rounds are read from the order of arrivals and answers
 * (`roundsOf`), so this must exceed the gap between two calls of one round: 20 ms did not on a
 * loaded machine (a cold process sent one round's four calls over 90 ms), and counted a round too
 * many. 100 ms, as the rounds tests use, with the SDK's code warmed first (`warmSdkCode`).
 */
const MEASURE_LATENCY_MS = 100;

/** Module-private: a problem with an input file (exit code 2). */
class InputError extends Error {}

/** Module-private: runs the CLI; returns the exit code. */
async function run(argv: readonly string[]): Promise<number> {
  const options = { operation: { type: 'string' }, json: { type: 'boolean' }, measure: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true });
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
    if (!parsed.values.measure) {
      const report = createPlanner(schema, graphPlannerOptions(schema)).plan(document, operation, variables).report();
      process.stdout.write(parsed.values.json ? `${JSON.stringify(report, null, 2)}\n` : formatPlan(report));
      return 0;
    }
    // The plan the measuring gateway made itself: it knows what that process knows (a fresh one has no account scope yet).
    const { plan, ...measured } = await measure(text, variables, operation.name?.value);
    const differs = differences(plan, measured);
    process.stdout.write(parsed.values.json ? `${JSON.stringify({ plan, measured, differs }, null, 2)}\n` : `${formatPlan(plan)}${formatMeasured(plan, measured, differs)}`);
    return differs.length > 0 ? 3 : 0;
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
  lines.push(`predicted rounds: ${roundsText(report)}`);
  for (const { wave, operations } of report.waves) lines.push(`  wave ${wave}: ${operations.join(', ')}`);
  const sizes = Object.entries(report.pageSizes);
  if (sizes.length > 0) lines.push(`page sizes: ${sizes.map(([operation, size]) => `${operation} ${size}`).join(', ')}`);
  if (report.wholeCollections.length > 0) lines.push(`read whole: ${report.wholeCollections.join(', ')}`);
  lines.push('calls per operation:');
  const byOperation = new Map<string, string[]>();
  for (const read of report.reads) {
    for (const operation of read.operations) {
      const sites = byOperation.get(operation) ?? [];
      sites.push(`${read.coordinate} (${read.waves.length === 0 ? (read.dataDependent ? "answered by a sibling's read when it holds it, else read a round later" : 'answered by another read') : `wave ${read.waves.join('/')}`}${read.pageSize === undefined ? '' : `, page ${read.pageSize}`}${read.whole ? ', whole list' : ''})`);
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

/** What one run of the operation made. */
export interface Measured {
  readonly rounds: number;
  /** Calls by operation (retry attempts of one call counted once). */
  readonly calls: Readonly<Record<string, number>>;
  /** The response's errors, by message and code. */
  readonly errors: ReadonlyArray<{ readonly message: string; readonly code?: string }>;
}

/**
 * Module-private: runs the operation once against the demo data (an in-process emulator with
 * {@link MEASURE_LATENCY_MS} per call and its call log, and a gateway with an empty KPI cache),
 * and reads what the emulator received for that request.
 */
async function measure(query: string, variables: Record<string, unknown>, operationName: string | undefined): Promise<Measured & { readonly plan: PlanReport }> {
  const emulator = await createEmulatorServer({ port: 0, seed: true, latencyMs: MEASURE_LATENCY_MS, callLog: true });
  try {
    await warmSdkCode(emulator.endpoint);
    const gateway = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint } });
    try {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-plan': 'true' },
        body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }>; extensions?: { plan?: PlanReport } };
      // Refused before execution (a missing variable, a limit): nothing ran, so nothing to set beside the plan.
      if (body.data === undefined) throw new InputError(`the gateway refused the operation, so nothing was measured: ${(body.errors ?? []).map((error) => error.message).join('; ')}`);
      const requestId = response.headers.get('x-request-id');
      const log = requestId ? emulator.callLog?.get(requestId) : undefined;
      if (body.extensions?.plan === undefined) throw new Error('The measuring gateway reported no plan (extensions.plan).');
      return {
        plan: body.extensions.plan,
        rounds: roundsOf(log?.calls ?? []),
        calls: callsByOperation(log?.calls ?? []),
        errors: (body.errors ?? []).map((error) => ({ message: error.message, ...(error.extensions?.code ? { code: error.extensions.code } : {}) })),
      };
    } finally {
      await gateway.close();
    }
  } finally {
    await emulator.close();
  }
}

/** Module-private: the predictions the run contradicts: a number of calls, an operation the plan does not name, the rounds. */
function differences(report: PlanReport, measured: Measured): string[] {
  const differs: string[] = [];
  if (report.roundsAtMost ? measured.rounds > report.rounds : measured.rounds !== report.rounds) differs.push(`rounds: predicted ${roundsText(report)}, measured ${measured.rounds}`);
  for (const [operation, count] of Object.entries(measured.calls)) if (!(operation in report.calls)) differs.push(`${operation}: not in the plan, measured ${count}`);
  for (const [operation, predicted] of Object.entries(report.calls)) {
    const made = measured.calls[operation] ?? 0;
    if (predicted !== null && predicted !== made) differs.push(`${operation}: predicted ${predicted}, measured ${made}`);
  }
  return differs;
}

/** The run beside the plan, as text; `differs`: what {@link differences} found. */
export function formatMeasured(report: PlanReport, measured: Measured, differs: readonly string[]): string {
  const lines = [`measured against the demo data (in-process emulator, ${MEASURE_LATENCY_MS} ms per call):`, `  rounds: predicted ${roundsText(report)}, measured ${measured.rounds}`];
  const operations = [...new Set([...Object.keys(report.calls), ...Object.keys(measured.calls)])].sort((a, b) => a.localeCompare(b));
  for (const operation of operations) {
    const predicted = report.calls[operation];
    const said = predicted === undefined ? 'not in the plan' : predicted === null ? 'depends on the data' : `predicted ${predicted}`;
    lines.push(`  ${operation}: ${said}, measured ${measured.calls[operation] ?? 0}`);
  }
  for (const error of measured.errors) lines.push(`  error${error.code ? ` ${error.code}` : ''}: ${error.message}`);
  lines.push(differs.length === 0 ? 'every predicted number holds' : `differs from the plan (a fact of the data, or a defect): ${differs.join('; ')}`);
  return `${lines.join('\n')}\n`;
}

/** Module-private: the predicted rounds, a bound in a mutation (`PlanReport.roundsAtMost`). */
function roundsText(report: PlanReport): string {
  return report.roundsAtMost ? `at most ${report.rounds}` : `${report.rounds}`;
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
    const bench = /(?:^|\/)bench\/queries\/([^/]+)\.graphql$/.exec(queryFile.replace(/\\/g, '/'));
    if (bench) {
      const variables = benchVariables()[bench[1]];
      if (variables) return { ...variables };
    }
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

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
