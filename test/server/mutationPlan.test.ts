import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { callsByOperation, roundsOf } from '../../src/emulator/admin/callLog';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import type { PlanReport } from '../../src/server/plan/requestPlan';
import { warmSdkCode } from '../../src/upstream';
import { startStack, type Stack } from '../helpers/startStack';

// The plan of a mutation against the wire, on mutations generated from a few writes (fast-check,
// fixed seed): its root fields run one after another, each write is one call per response key
// (whatever the aliases), and the reads of its payloads have no number, since a write's answer
// primes the request's store (a later read may cost nothing). Its rounds are a bound: measured
// from the emulator's event order (100 ms on every call, so the calls of one round all arrive
// before any is answered), never more than the plan's. Each run starts from a reset, re-seeded
// emulator. PLAN_RUNS=<n> and PLAN_SEED=<seed> explore beyond CI.

const root = join(__dirname, '..', '..');
const SEED = Number(process.env.PLAN_SEED ?? 20261206);
const RUNS = Number(process.env.PLAN_RUNS ?? 8);
const APP = PINPOINT_SEED.apps.RETAIL;

let schema: GraphQLSchema;
let stack: Stack;
beforeAll(async () => {
  schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
  stack = await startStack({ latencyMs: 100, emulator: { callLog: true } });
  // Rounds are counted from arrival order: a cold SDK spreads the first query's round apart.
  await warmSdkCode(stack.emulator.endpoint);
});
afterAll(() => stack?.close());

/** A write the generator may pick: its root field (`n` makes each created name unique) and the payload selections it may keep. */
interface WriteTemplate {
  readonly operation: string;
  field(n: number): string;
  /** The payload: `parts` are optional selections, kept as the mask says. */
  payload(parts: readonly string[]): string;
  readonly parts: readonly string[];
}

const WRITES: readonly WriteTemplate[] = [
  {
    operation: 'UpdateApplicationSettings',
    field: () => `updateApplicationSettings(input: { applicationId: "${APP}", cloudWatchMetricsEnabled: true })`,
    payload: (parts) => `{ settings { lastModifiedDate } ${parts.length > 0 ? `app { name ${parts.join(' ')} }` : ''} }`,
    parts: ['settings { lastModifiedDate }', 'campaigns(first: 2) { nodes { name } }', 'smsChannel { enabled }'],
  },
  {
    operation: 'UpdateSmsChannel',
    field: () => `updateSmsChannel(input: { applicationId: "${APP}", enabled: true })`,
    payload: (parts) => `{ channel { enabled ${parts.length > 0 ? `app { name ${parts.join(' ')} }` : ''} } }`,
    parts: ['smsChannel { enabled }', 'eventStream { roleArn }', 'settings { lastModifiedDate }'],
  },
  {
    operation: 'CreateSegment',
    field: (n) => `createSegment(input: { applicationId: "${APP}", segment: { name: "generated ${n}" } })`,
    payload: (parts) => `{ segment { segmentId name ${parts.join(' ')} } }`,
    parts: ['versions(first: 2) { nodes { version } }', 'campaigns { name }'],
  },
  {
    operation: 'CreateOptOutList',
    field: (n) => `createOptOutList(input: { name: "generated-list-${n}" })`,
    payload: (parts) => `{ optOutList { name ${parts.join(' ')} } }`,
    parts: ['tags { key }', 'phoneNumbers(first: 2) { nodes { phoneNumber } }'],
  },
  {
    operation: 'CreateConfigurationSet',
    field: (n) => `createConfigurationSet(input: { name: "generated-set-${n}" })`,
    payload: (parts) => `{ configurationSet { name ${parts.join(' ')} } }`,
    parts: ['defaultSenderIds { senderId }', 'tags { key }'],
  },
];

/** One generated mutation: its text and the calls of each write it must make. */
interface Generated {
  readonly query: string;
  readonly writes: Readonly<Record<string, number>>;
  readonly rootFields: number;
}

/**
 * Module-private: 1 to 4 writes, each with any of its payload's parts; a write may be repeated
 * under another alias (a second write), or under the same one, at the end (the same field).
 */
const mutations: fc.Arbitrary<Generated> = fc
  .array(fc.record({ template: fc.nat({ max: WRITES.length - 1 }), mask: fc.nat({ max: 7 }), repeated: fc.constantFrom('no', 'alias', 'same') }), { minLength: 1, maxLength: 4 })
  .map((picks) => {
    const fields: string[] = [];
    const again: string[] = [];
    const writes: Record<string, number> = {};
    picks.forEach(({ template, mask, repeated }, index) => {
      const write = WRITES[template];
      const payload = write.payload(write.parts.filter((_, part) => (mask & (1 << part)) !== 0));
      for (const copy of repeated === 'alias' ? [0, 1] : [0]) {
        const n = index * 2 + copy;
        fields.push(`w${n}: ${write.field(n)} ${payload}`);
        writes[write.operation] = (writes[write.operation] ?? 0) + 1;
      }
      if (repeated === 'same') again.push(fields[fields.length - 1]);
    });
    return { query: `mutation Generated {\n  ${[...fields, ...again].join('\n  ')}\n}`, writes, rootFields: fields.length };
  });

/** Module-private: runs a mutation from the seeded state; its plan, errors, calls and rounds. */
async function run(query: string): Promise<{ plan: PlanReport; errors: unknown; calls: Record<string, number>; rounds: number }> {
  stack.emulator.reset();
  stack.emulator.seed();
  const response = await stack.gql(query, {}, { 'x-plan': 'true' });
  expect(response.status).toBe(200);
  const log = stack.emulator.callLog!.get(response.headers.get('x-request-id')!);
  return { plan: response.body.extensions?.plan as PlanReport, errors: response.body.errors, calls: callsByOperation(log?.calls ?? []), rounds: roundsOf(log?.calls ?? []) };
}

test('a mutation: one call per write and response key, no number for the reads a write may answer, the rounds one write after another', async () => {
  const same = `updateApplicationSettings(input: { applicationId: "${APP}", cloudWatchMetricsEnabled: true }) { settings { lastModifiedDate } }`;
  // Two selections of one response key are one field (one call); an alias is another.
  const { plan, errors, calls, rounds } = await run(`mutation { a: ${same} a: ${same} b: ${same} createOptOutList(input: { name: "one" }) { optOutList { name tags { key } } } }`);
  expect(errors).toBeUndefined();
  expect(plan.calls).toEqual({ UpdateApplicationSettings: 2, CreateOptOutList: 1, ListTagsForResource: null });
  // A list just created has the tags it was created with: its write primed them.
  expect(calls).toEqual({ UpdateApplicationSettings: 2, CreateOptOutList: 1 });
  expect(plan.roundsAtMost).toBe(true);
  // a, b, then the list (and its tags, which cost a round when not primed): each root field waits for the one before.
  expect(plan.rounds).toBe(4);
  expect(rounds).toBe(3);
});

test('a write that answers a later read of its payload: the read has no number, and the round it spares stays within the bound', async () => {
  const { plan, errors, calls, rounds } = await run(`mutation { updateSmsChannel(input: { applicationId: "${APP}", enabled: true }) { channel { app { name smsChannel { enabled } } } } }`);
  expect(errors).toBeUndefined();
  expect(plan.calls).toEqual({ UpdateSmsChannel: 1, GetApp: null, GetSmsChannel: null });
  // The write primed the channel: its read is answered without a call.
  expect(calls).toEqual({ UpdateSmsChannel: 1, GetApp: 1 });
  expect(plan.rounds).toBe(3);
  expect(rounds).toBe(2);
});

test('generated mutations: every write is called as the plan says, every operation called is in the plan, the rounds are within it', async () => {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(mutations, async ({ query, writes, rootFields }) => {
      expect(validate(schema, parse(query))).toEqual([]);
      const { plan, errors, calls, rounds } = await run(query);
      expect(errors).toBeUndefined();
      expect(Object.keys(plan.calls)).toEqual(expect.arrayContaining(Object.keys(calls)));
      for (const [operation, count] of Object.entries(plan.calls)) {
        if (operation in writes) {
          expect([operation, count]).toEqual([operation, writes[operation]]);
          expect([operation, calls[operation]]).toEqual([operation, writes[operation]]);
        } else expect([operation, count]).toEqual([operation, null]);
      }
      expect(plan.roundsAtMost).toBe(true);
      expect(rounds).toBeLessThanOrEqual(plan.rounds);
      // One after another: at least a round per root field.
      expect(rounds).toBeGreaterThanOrEqual(rootFields);
      compared += 1;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(compared).toBe(RUNS);
}, 120_000);

test('in a mutation no read waits for a deeper wave: a later root field starts only once the earlier ones are done', async () => {
  const list = (n: number) => `l${n}: createOptOutList(input: { name: "held-${n}" }) { optOutList { name phoneNumbers(first: 2) { nodes { phoneNumber pool { poolId } } } } }`;
  const { plan, errors, rounds } = await run(`mutation { ${list(1)} ${list(2)} }`);
  expect(errors).toBeUndefined();
  expect(plan.waitingReads).toEqual([]);
  expect(rounds).toBeLessThanOrEqual(plan.rounds);
});
