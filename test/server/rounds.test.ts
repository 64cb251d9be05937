import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callsByOperation, roundsOf } from '../../src/emulator/admin/callLog';
import type { PlanReport } from '../../src/server/plan/requestPlan';
import { allReferenceQueries } from '../helpers/referenceQueries';
import { startStack, type Stack } from '../helpers/startStack';
import { warmSdkCode } from '../../src/upstream';

// Sequential upstream rounds, measured from what the emulator received: a call is in round
// 1 + the highest round of the calls whose answers left before it arrived (the call log's event
// order, not a clock), so the longest such chain is the request's number of rounds. With 100 ms
// added to every call, calls of one round all arrive before any of them is answered, even on a
// loaded machine.
// - Every bench query costs exactly the critical path its header states: the plan's holds and
//   waits never add a round (the bench times the same queries at c=1).
// - Every reference query costs exactly the rounds its plan predicts, except where a fact of the
//   data moves them (DATA_ROUNDS, each checked on the same answer): an unknown ID's retry, an object
//   a shallower read already fetches, a warm KPI cache.
// - On the same run, every operation the plan gives a number of calls (`plan.calls`) is called that
//   many times (the same facts apply: the retry is one more call, a warm cache makes none); pages
//   cut from these queries are checked the same way in predictedCalls.test.ts.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ latencyMs: 100, emulator: { callLog: true } });
  // Rounds are counted from arrival order: a cold SDK spreads the first query's round apart.
  await warmSdkCode(stack.emulator.endpoint);
});
afterAll(() => stack.close());

/** Module-private: runs a query (asking for its plan) and reads its calls from the emulator's log. */
async function run(query: string, variables: Record<string, unknown>): Promise<{ rounds: number; calls: Record<string, number>; plan: PlanReport; errors: unknown; body: any }> {
  const response = await stack.gql(query, variables, { 'x-plan': 'true' });
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const log = stack.emulator.callLog!.get(requestId!);
  // Retry attempts of one call (the same SDK invocation) count once, as the plan predicts calls, not attempts.
  return { rounds: roundsOf(log?.calls ?? []), calls: callsByOperation(log?.calls ?? []), plan: response.body.extensions?.plan as PlanReport, errors: response.body.errors, body: response.body };
}

const references = allReferenceQueries();

test.each(references.filter((reference) => reference.file.startsWith('bench/')).map((reference) => [reference.file, reference] as const))(
  '%s: the rounds its header states as its critical path, no more',
  async (file, reference) => {
    const header = /^# critical path: (\d+)/m.exec(readFileSync(join(__dirname, '..', '..', file), 'utf8'));
    expect(header).not.toBeNull();
    // kpi-warm's header assumes a warm cache: run it once to warm it.
    if (file.endsWith('kpi-warm.graphql')) await run(reference.query, reference.variables);
    const { rounds, errors } = await run(reference.query, reference.variables);
    expect(errors).toBeUndefined();
    expect(rounds).toBe(Number(header![1]));
  },
);

/** A reference query whose data moves its rounds off the plan's, by how many, and the fact of its answer that does it. */
interface DataRounds {
  readonly delta: number;
  /** Calls the same fact adds to operations whose calls the plan counts. */
  readonly calls?: Readonly<Record<string, number>>;
  /** Asserts that fact on the answer, so the exception holds only while the data does. */
  check(body: { data?: any; errors?: any[]; extensions?: any }): void;
  /** Run once before, so a KPI cache holds the answer. */
  readonly warm?: boolean;
}

/** Module-private: the answer came from the KPI cache, without an upstream call. */
function answeredFromCache(body: { extensions?: any }): void {
  expect(body.extensions?.upstreamCalls?.total).toBe(0);
}

/**
 * Module-private: the reference queries whose rounds the plan cannot see from the operation: each
 * differs by a fact of the data, checked on the same answer.
 */
const DATA_ROUNDS: Readonly<Record<string, DataRounds>> = {
  // An unknown ID fails its SMS v2 chunk, which is then retried without it (describeBatch.ts).
  'test/queries/sms-nodes-one-unknown.graphql': {
    delta: 1,
    calls: { DescribePhoneNumbers: 1 },
    check: (body) => expect(body.errors?.map((error: any) => error.extensions?.code)).toEqual(['NOT_FOUND']),
  },
  // Every pool member is also one of the registration's numbers: the pool path's read (wave 3)
  // finds them in the read the associations started in wave 2.
  'test/queries/sms-phone-number-three-paths.graphql': {
    delta: -1,
    check: ({ data }) => {
      const members = data.pool.originationIdentities.nodes.map((node: any) => node.resource?.phoneNumberId);
      const associated = data.registration.associations.nodes.map((node: any) => node.resource?.phoneNumberId);
      expect(members.length).toBeGreaterThan(0);
      expect(associated).toEqual(expect.arrayContaining(members));
    },
  },
  // Every pool's opt-out list is one a listed number names: the pools' reads (wave 3) find them in
  // the numbers' batch of wave 2.
  'bench/queries/sms-numbers-page.graphql': {
    delta: -1,
    check: ({ data }) => {
      const numbers = data.phoneNumbers.nodes;
      const poolLists = numbers.flatMap((node: any) => (node.pool ? [node.pool.optOutList.name] : []));
      expect(poolLists.length).toBeGreaterThan(0);
      expect(numbers.map((node: any) => node.optOutList?.name)).toEqual(expect.arrayContaining(poolLists));
    },
  },
  // Run warm (the check above ran both on this stack already; run again here to be sure): the KPI
  // comes from the cache, no upstream round at all. The plan predicts a cold cache.
  'bench/queries/kpi-warm.graphql': { delta: -1, warm: true, check: answeredFromCache },
  'bench/queries/kpi-stampede.graphql': { delta: -1, warm: true, check: answeredFromCache },
};

test.each(references.map((reference) => [reference.file, reference] as const))('%s: the rounds its plan predicts, and the calls where the document decides them', async (file, reference) => {
  const exception = DATA_ROUNDS[file];
  if (exception?.warm) await run(reference.query, reference.variables);
  const { rounds, calls, plan, body } = await run(reference.query, reference.variables);
  expect(plan).toBeDefined();
  exception?.check(body);
  expect(rounds).toBe(plan.rounds + (exception?.delta ?? 0));
  // The plan names every operation the request calls.
  expect(Object.keys(plan.calls)).toEqual(expect.arrayContaining(Object.keys(calls)));
  // Where it gives a number, the wire agrees (a warm KPI cache answers without a call).
  const predicted = Object.entries(plan.calls).filter((entry): entry is [string, number] => entry[1] !== null);
  const expected = Object.fromEntries(predicted.map(([operation, count]) => [operation, exception?.warm && /Kpi$/.test(operation) ? 0 : count + (exception?.calls?.[operation] ?? 0)]));
  expect(Object.fromEntries(predicted.map(([operation]) => [operation, calls[operation] ?? 0]))).toEqual(expected);
}, 20_000);
