import type { Stack } from '../helpers/startStack';
import { ANONYMOUS_POLICY, startPolicyStack, type SwitchablePolicyStore } from './policyStack';
import { CASES, expectMatrixOutcome, matrixSetup, OPEN, ROWS, VARIANTS, wireCallsOf } from './policyMatrixCases';

// The policy matrix, over real HTTP against the seeded emulator, for the anonymous caller (its
// policy switched per case): a read and a mutation of each of the six core Pinpoint types (App,
// Campaign, Segment, Endpoint, User, Journey) and of four SMS v2 types (PhoneNumber, Pool,
// OptOutList, Registration), each under eight policies (policyMatrixCases.ts): an allow on the
// exact ARN, an implicit deny, an explicit deny over an allow-everything, a wildcard in the action,
// a wildcard ARN that covers the resource and one that does not, and a region condition that holds
// and one that does not. Reads of Pinpoint types go through `node(id:)`, so global IDs are checked
// like any edge. A denied field is `null` with FORBIDDEN at its own path, names the action and the
// ARN, and its operation never reaches the emulator (a denied mutation makes no call at all).
// The same cases for API-key and JWT callers: policyMatrixCallers.test.ts.

let stack: Stack & { policies: SwitchablePolicyStore };
beforeAll(async () => {
  stack = await startPolicyStack();
});
afterAll(() => stack?.close());

const setup = matrixSetup((query, variables) => stack.gql(query, variables));

test('the matrix has 20 requests × 8 policies', () => {
  expect([ROWS.length, VARIANTS.length, CASES.length]).toEqual([20, 8, 160]);
});

test.each(CASES)('%s', async (_label, row, variant) => {
  // Setup (fresh resources for mutations) runs with everything allowed, outside the count.
  stack.policies.use(OPEN);
  const variables = typeof row.variables === 'function' ? await row.variables(setup) : row.variables;
  const target = row.target(variables);
  stack.policies.use(variant.document(target.action, target.arn));
  let response!: Awaited<ReturnType<Stack['gql']>>;
  const wire = await wireCallsOf(stack.emulator.endpoint, async () => {
    response = await stack.gql(row.query, variables);
  });
  expectMatrixOutcome(row, variant, target, response.body, wire, ANONYMOUS_POLICY);
});
