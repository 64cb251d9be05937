import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toGlobalId } from '../../../src/graph/ids';
import type { GqlResponse } from '../../helpers/gql';
import type { Stack } from '../../helpers/startStack';

/**
 * Shared helpers of the SMS and Voice v2 graph tests: reference queries with their written
 * minimum call counts, and exact call counts seen from both ends (gateway and emulator).
 */

/** A reference query of test/queries/ with the minimum upstream calls written in its header. */
export interface ReferenceQuery {
  readonly query: string;
  /** `# Minimum upstream calls: N`. */
  readonly minimum: number;
  /** The `#   <count> <Operation>` breakdown lines of the header. */
  readonly byOperation: Record<string, number>;
}

/**
 * Reads `test/queries/<name>.graphql` and its header. The breakdown must add up to the minimum,
 * so the reasoning written next to the query can't drift from the number.
 */
export function referenceQuery(name: string): ReferenceQuery {
  const query = readFileSync(join(__dirname, '..', '..', 'queries', `${name}.graphql`), 'utf8');
  const minimumLine = /^# Minimum upstream calls: (\d+)$/m.exec(query);
  if (!minimumLine) throw new Error(`test/queries/${name}.graphql has no "# Minimum upstream calls: N" header line.`);
  const byOperation: Record<string, number> = {};
  for (const [, count, operation] of query.matchAll(/^#\s+(\d+) ([A-Z][A-Za-z]+)\b/gm)) byOperation[operation] = (byOperation[operation] ?? 0) + Number(count);
  const minimum = Number(minimumLine[1]);
  const sum = Object.values(byOperation).reduce((a, b) => a + b, 0);
  if (sum !== minimum) throw new Error(`test/queries/${name}.graphql: the breakdown adds up to ${sum}, the header says ${minimum}.`);
  return { query, minimum, byOperation };
}

/** The upstream calls a GraphQL response reports (`extensions.upstreamCalls`). */
export function reportedCalls(response: GqlResponse): { total: number; byOperation: Record<string, number> } {
  const calls = response.body.extensions?.upstreamCalls as { total: number; byOperation: Record<string, number> } | undefined;
  if (!calls) throw new Error(`The response has no extensions.upstreamCalls: ${JSON.stringify(response.body)}`);
  return calls;
}

/**
 * Runs one operation and returns its response with the SMS v2 requests the emulator received
 * meanwhile, per operation (each wire attempt counts, so SDK retries would show here).
 */
export async function gqlWithEmulatorCalls(stack: Stack, query: string, variables?: Record<string, unknown>): Promise<{ response: GqlResponse; emulatorCalls: Record<string, number> }> {
  const before = stack.emulator.callCounts().byOperation;
  const response = await stack.gql(query, variables);
  const after = stack.emulator.callCounts().byOperation;
  const emulatorCalls: Record<string, number> = {};
  for (const [key, count] of Object.entries(after)) {
    if (!key.startsWith('sms-voice-v2.')) continue;
    const delta = count - (before[key] ?? 0);
    if (delta > 0) emulatorCalls[key.slice('sms-voice-v2.'.length)] = delta;
  }
  return { response, emulatorCalls };
}

/** Asserts a response's exact upstream calls, as the gateway counted them and as the emulator received them. */
export function expectCalls(result: { response: GqlResponse; emulatorCalls: Record<string, number> }, byOperation: Record<string, number>): void {
  const total = Object.values(byOperation).reduce((a, b) => a + b, 0);
  expect(reportedCalls(result.response)).toEqual({ total, byOperation: sorted(byOperation) });
  expect(result.emulatorCalls).toEqual(byOperation);
}

/** The global ID the gateway issues for an object of the emulator's default region. */
export function globalId(type: string, ...keys: string[]): string {
  return toGlobalId(type, 'us-east-1', ...keys);
}

/** Module-private: keys sorted, as the gateway reports them. */
function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * One call to the emulator's admin API (`/_emulator/<route>`) over HTTP: what a handset or AWS
 * itself does (an inbound STOP, the outbox a verification code lands in, the account tier).
 * A non-2xx answer fails the test with its body.
 */
export async function emulatorAdmin(stack: Stack, method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${stack.emulator.endpoint}/_emulator/${route}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /_emulator/${route} answered HTTP ${response.status}: ${text}`);
  return JSON.parse(text);
}

/** The SMS v2 messages the emulator delivered to `destination`, oldest first. */
export async function outboxTo(stack: Stack, destination: string): Promise<any[]> {
  return (await emulatorAdmin(stack, 'GET', `outbox?${new URLSearchParams({ service: 'sms-voice-v2', destination })}`)).messages;
}

/** The code of the latest verification message sent to `destination` (read from the emulator's outbox). */
export async function latestVerificationCode(stack: Stack, destination: string): Promise<string> {
  const codes = (await outboxTo(stack, destination)).flatMap((message) => (message.details?.kind === 'verification-code' ? [String(message.details.verificationCode)] : []));
  const code = codes.at(-1);
  if (code === undefined) throw new Error(`No verification code was sent to ${destination}.`);
  return code;
}
