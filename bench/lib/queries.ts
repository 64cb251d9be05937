import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchVariables, type Variables } from '../queries/variables';

/**
 * The bench queries: each `bench/queries/<name>.graphql` file with the figures its header comment
 * states (computed by hand from the seed and the upstream APIs, never from a run), plus its
 * variables from `queries/variables.ts`.
 */

/** The frontend reference queries, in table order. */
export const REFERENCE_QUERIES = ['app-dashboard', 'campaign-detail', 'sms-numbers-page', 'registration-detail', 'node-lookup-list'] as const;

/** The name of a reference query. */
export type ReferenceQueryName = (typeof REFERENCE_QUERIES)[number];

/** A query file with its stated figures. */
export interface BenchQuery {
  /** File name without `.graphql`. */
  readonly name: string;
  /** The operation's name (from `query Name`). */
  readonly operationName: string;
  /** The whole file (comments included: GraphQL ignores them). */
  readonly document: string;
  readonly variables: Variables;
  /** Minimum upstream calls per operation on a cold KPI cache (`# minimum upstream calls: Op=n, ...`). */
  readonly minimumCalls: Readonly<Record<string, number>>;
  /** The minimum sequential chain of upstream calls the data dependencies allow (`# critical path: n (...)`). */
  readonly criticalPathCalls: number;
  /** The chain itself, as the header states it. */
  readonly criticalPath: string;
}

/** Folder of the query files. */
export const QUERIES_DIR = join(__dirname, '..', 'queries');

/** Reads and parses one query file; throws when its header lacks a figure. */
export function loadBenchQuery(name: string, now: Date = new Date()): BenchQuery {
  const document = readFileSync(join(QUERIES_DIR, `${name}.graphql`), 'utf8');
  const variables = benchVariables(now)[name];
  if (variables === undefined) throw new Error(`bench/queries/variables.ts has no variables for "${name}"; add an entry.`);
  return { name, document, variables, ...parseHeader(name, document) };
}

/** The figures stated in a query file's header comment. */
export function parseHeader(name: string, document: string): Pick<BenchQuery, 'operationName' | 'minimumCalls' | 'criticalPathCalls' | 'criticalPath'> {
  const operation = /^\s*query\s+(\w+)/m.exec(document);
  const minimum = /^#\s*minimum upstream calls:\s*(.+)$/m.exec(document);
  const critical = /^#\s*critical path:\s*(\d+)\s*\((.+)\)\s*$/m.exec(document);
  if (!operation || !minimum || !critical) {
    throw new Error(`bench/queries/${name}.graphql must name its query and carry "# minimum upstream calls: Op=n, ..." and "# critical path: n (chain)" header lines.`);
  }
  const minimumCalls: Record<string, number> = {};
  for (const part of minimum[1].split(',')) {
    const match = /^\s*(\w+)=(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`bench/queries/${name}.graphql: "${part.trim()}" in its minimum calls is not "Operation=count".`);
    minimumCalls[match[1]] = Number(match[2]);
  }
  return { operationName: operation[1], minimumCalls, criticalPathCalls: Number(critical[1]), criticalPath: critical[2] };
}

/** The JSON body of one request of a query. */
export function requestBody(query: BenchQuery): string {
  return JSON.stringify({ query: query.document, variables: query.variables, operationName: query.operationName });
}
