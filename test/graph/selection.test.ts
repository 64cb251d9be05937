import { startStack, type Stack } from '../helpers/startStack';
import { runCounted } from './pinpoint/support';

// The selection walk that `Query.app` and `Query.registration` share (src/graph/selection.ts)
// leaves out what @skip/@include drop: a dropped witness must not let a root answer with a
// reference, or a missing object would come out as a ghost holding null edges.
// (The registration cases are in test/graph/sms-voice-v2/registration-rounds.test.ts.)

const MISSING = '0000000000000000000000000000dead';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test.each([
  ['@skip(if: true)', 'query($id: ID!) { app(id: $id) { name @skip(if: true) campaign(id: "c") { name } } }', {}],
  ['@include(if: $with)', 'query($id: ID!, $with: Boolean!) { app(id: $id) { name @include(if: $with) campaign(id: "c") { name } } }', { with: false }],
])('a missing app whose only witness is dropped by %s is read first: app: null with NOT_FOUND at app, not a ghost', async (_label, query, variables) => {
  const { body, gatewayCalls } = await runCounted(stack, query, { id: MISSING, ...variables });
  expect(body.data).toEqual({ app: null });
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]).toMatchObject({ path: ['app'], extensions: { code: 'NOT_FOUND', upstream: { operation: 'GetApp' } } });
  expect(gatewayCalls).toEqual({ GetApp: 1 });
});
