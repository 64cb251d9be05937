import { toGlobalId } from '../../../src/graph/ids';

/**
 * The reach table's types and helpers. The table (one module per domain, merged in index.ts)
 * maps every schema coordinate the coverage manifest lists (every field or mutation annotated
 * `@upstream`) to one or more GraphQL requests against the seeded emulator that go through that
 * coordinate. reach.test.ts runs each request and checks, through the emulator's call counter,
 * that it reaches the operations the coordinate names and nothing but those and the operations of
 * the coordinates it passes through on the way (`via`).
 *
 * Adding an annotated field? Add its entry to the module of its domain (reach.test.ts fails until
 * you do; a new domain module goes into index.ts). Guidelines:
 * - Select only what the check needs: scalars of the coordinate's result, so no other edge calls.
 * - `via` lists the coordinates the request passes through before it (e.g. `Query.app` for
 *   `App.campaigns`); their operations are the allowed prerequisites.
 * - A coordinate that names several operations needs cases that, together, reach each of them
 *   (`reaches` says which ones a case reaches; default: all the coordinate names).
 * - Mutations change freshly created resources (made by `variables(setup)`, outside the count),
 *   or a seed resource that no other case changes; they run after every read.
 */

/** GraphQL variables. */
export type Variables = Record<string, unknown>;

/** What a case's setup may do before its counted request: uncounted GraphQL requests that must succeed. */
export interface ReachSetup {
  /** Runs an operation and returns its `data`; throws on any error. */
  gql(query: string, variables?: Variables): Promise<any>;
  /**
   * One call to the emulator's admin API (`/_emulator/<route>`) for what no GraphQL request can do
   * (read a verification code from the outbox); returns the parsed answer, throws unless 2xx.
   */
  emulatorAdmin(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown): Promise<any>;
}

/** One request through a coordinate. */
export interface ReachCase {
  readonly query: string;
  /** Variables, or a setup that creates what the request needs and returns them. */
  readonly variables?: Variables | ((setup: ReachSetup) => Promise<Variables>);
  /** The coordinates the request passes through on its way to this one. */
  readonly via?: readonly string[];
  /** The operations of the coordinate this request reaches (default: every one it names). */
  readonly reaches?: readonly string[];
}

/** Coordinates (`Type.field`) to the requests that reach them. */
export type ReachTable = Readonly<Record<string, ReachCase | readonly ReachCase[]>>;

/** Merges the domain tables; a coordinate in two of them is a mistake, reported by name. */
export function mergeReachTables(tables: Readonly<Record<string, ReachTable>>): ReachTable {
  const merged: Record<string, ReachCase | readonly ReachCase[]> = {};
  const owner: Record<string, string> = {};
  for (const [domain, table] of Object.entries(tables)) {
    for (const [coordinate, cases] of Object.entries(table)) {
      if (Object.hasOwn(merged, coordinate)) throw new Error(`Reach cases of ${coordinate} are in two domain tables (${owner[coordinate]} and ${domain}); keep them in one.`);
      merged[coordinate] = cases;
      owner[coordinate] = domain;
    }
  }
  return merged;
}

/** A name no other case (nor another run against the same emulator) uses. */
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

/** The global ID of an object of the emulator's default region. */
export function gid(type: string, ...keys: string[]): string {
  return toGlobalId(type, 'us-east-1', ...keys);
}

/** A KPI range the gateway accepts (the last 7 whole days), as `start` and `end`. */
export function kpiRange(): Variables {
  const day = 86_400_000;
  const today = Math.floor(Date.now() / day) * day;
  return { start: new Date(today - 7 * day).toISOString(), end: new Date(today - day).toISOString() };
}

/** Module-private: how many names `unique` has handed out. */
let counter = 0;
