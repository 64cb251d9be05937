import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from '../../helpers/startStack';

/**
 * Shared by the Pinpoint graph tests: reference queries from test/queries/ with their computed
 * minimum call counts, and both views of the upstream calls a request made (the gateway's
 * `extensions.upstreamCalls` and the emulator's `/_emulator/calls`, which sees every wire attempt).
 */

/** A reference query and what its header comment promises. */
export interface ReferenceQuery {
  readonly query: string;
  /** From `# variables: {...}` (empty when absent). */
  readonly variables: Record<string, unknown>;
  /** From `# minimum upstream calls: GetApps=1, GetCampaigns=3`. */
  readonly minimumCalls: Record<string, number>;
}

/** Reads `test/queries/<name>.graphql` and parses its header. */
export function readReferenceQuery(name: string): ReferenceQuery {
  const query = readFileSync(join(__dirname, '..', '..', 'queries', `${name}.graphql`), 'utf8');
  const callsLine = /^# minimum upstream calls: (.+)$/m.exec(query);
  if (!callsLine) throw new Error(`${name}.graphql has no "# minimum upstream calls:" header line.`);
  const minimumCalls = Object.fromEntries(
    callsLine[1].split(',').map((part) => {
      const [operation, count] = part.trim().split('=');
      return [operation, Number(count)];
    }),
  );
  const variablesLine = /^# variables: (.+)$/m.exec(query);
  return { query, variables: variablesLine ? JSON.parse(variablesLine[1]) : {}, minimumCalls };
}

/** What one counted request returned, and the calls it caused as the gateway and the emulator saw them. */
export interface CountedResult {
  readonly status: number;
  readonly body: { data?: any; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>; extensions?: Record<string, any> };
  /** `extensions.upstreamCalls.byOperation` (the gateway's per-request counter). */
  readonly gatewayCalls: Record<string, number>;
  /** The emulator's Pinpoint requests during this request, by operation. */
  readonly wireCalls: Record<string, number>;
}

/** Posts one operation with the emulator's call counts cleared first, then reads both call views. */
export async function runCounted(stack: Stack, query: string, variables?: Record<string, unknown>): Promise<CountedResult> {
  const cleared = await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  if (!cleared.ok) throw new Error(`DELETE /_emulator/calls answered ${cleared.status}`);
  const { status, body } = await stack.gql(query, variables);
  const counts = (await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> };
  const wireCalls = Object.fromEntries(
    Object.entries(counts.byOperation)
      .filter(([key]) => key.startsWith('pinpoint.'))
      .map(([key, count]) => [key.slice('pinpoint.'.length), count]),
  );
  return { status, body, gatewayCalls: body.extensions?.upstreamCalls?.byOperation ?? {}, wireCalls };
}

/** An ISO date-time `days` days before now (negative: ahead), at whole seconds. */
export function daysAgo(days: number): string {
  return new Date(Math.floor((Date.now() - days * 86_400_000) / 1000) * 1000).toISOString();
}
