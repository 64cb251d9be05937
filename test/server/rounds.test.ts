import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggedCall } from '../../src/emulator/admin/callLog';
import type { PlanReport } from '../../src/server/plan/requestPlan';
import { allReferenceQueries } from '../helpers/referenceQueries';
import { startStack, type Stack } from '../helpers/startStack';

// Sequential upstream rounds, measured from what the emulator received: a call is in round
// 1 + the highest round of the calls whose answers left before it arrived (the call log's event
// order, not a clock), so the longest such chain is the request's number of rounds. With 100 ms
// added to every call, calls of one round all arrive before any of them is answered, even on a
// loaded machine.
// - Every bench query costs exactly the critical path its header states: the plan's holds and
//   waits never add a round (the bench times the same queries at c=1).
// - Every reference query costs at most the rounds its plan predicts (the plan's waves are an
//   upper bound: they do not know which roots answer by reference, nor which reads the data spare).

/** Module-private: the rounds of one request's calls (retry attempts of one call counted once, at the first). */
function measuredRounds(calls: readonly LoggedCall[]): number {
  const firsts = calls.filter((call) => (call.attempt ?? 1) === 1);
  const rounds = new Map<LoggedCall, number>();
  let longest = 0;
  for (const call of [...firsts].sort((a, b) => a.startSeq - b.startSeq)) {
    let round = 1;
    for (const [earlier, earlierRound] of rounds) if (earlier.endSeq !== undefined && earlier.endSeq < call.startSeq) round = Math.max(round, earlierRound + 1);
    rounds.set(call, round);
    longest = Math.max(longest, round);
  }
  return longest;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ latencyMs: 100, emulator: { callLog: true } });
});
afterAll(() => stack.close());

/** Module-private: runs a query (asking for its plan) and reads its calls from the emulator's log. */
async function run(query: string, variables: Record<string, unknown>): Promise<{ rounds: number; plan: PlanReport; errors: unknown }> {
  const response = await stack.gql(query, variables, { 'x-plan': 'true' });
  const requestId = response.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  const log = stack.emulator.callLog!.get(requestId!);
  return { rounds: measuredRounds(log?.calls ?? []), plan: response.body.extensions?.plan as PlanReport, errors: response.body.errors };
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

/**
 * Module-private: reference queries whose data adds rounds no plan can see, with how many: an
 * unknown ID fails its SMS v2 chunk, which is then retried without it (describeBatch.ts).
 */
const DATA_ROUNDS: Readonly<Record<string, number>> = { 'test/queries/sms-nodes-one-unknown.graphql': 1 };

test.each(references.map((reference) => [reference.file, reference] as const))('%s: at most the rounds its plan predicts', async (file, reference) => {
  const { rounds, plan } = await run(reference.query, reference.variables);
  expect(plan).toBeDefined();
  expect(rounds).toBeLessThanOrEqual(plan.rounds + (DATA_ROUNDS[file] ?? 0));
}, 20_000);
