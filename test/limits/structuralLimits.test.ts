import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { DEFAULT_LIMITS } from '../../src/server/limits';
import { runCounted } from '../graph/pinpoint/support';
import { startStack, type Stack } from '../helpers/startStack';

// Structural limits and the cost ceiling over HTTP with the default limits: each hostile shape of
// issue 12 is refused before execution with its typed code, its limit and its ceiling, and costs no
// upstream call; a document just inside each limit is served. Chained fragments, which used to
// expand exponentially in the gateway's own selection walks, are served in linear time.

const { apps } = PINPOINT_SEED;
const { structural } = DEFAULT_LIMITS;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Sends `query` and expects one refusal with `extensions` and no upstream call (both views). */
async function expectRefused(query: string, extensions: Record<string, unknown>, message: string | RegExp, variables: Record<string, unknown> = {}) {
  const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, query, variables);
  expect(status).toBe(400);
  expect(body.data).toBeUndefined();
  const error = body.errors!.find((candidate) => candidate.extensions?.code === extensions.code);
  expect(error?.extensions).toMatchObject(extensions);
  if (typeof message === 'string') expect(error?.message).toBe(message);
  else expect(error?.message).toMatch(message);
  expect(gatewayCalls).toEqual({});
  expect(wireCalls).toEqual({});
}

/** app → campaigns(first: 2) → nodes → app, `levels` times (the cycle). */
function cycle(levels: number): string {
  let inner = 'name';
  for (let level = 0; level < levels; level += 1) inner = `campaigns(first: 2) { nodes { app { ${inner} } } }`;
  return `query($id: ID!) { app(id: $id) { ${inner} } }`;
}

test('depth: the cycle ×30 (92 levels) is refused with maxDepth; 15 levels are served', async () => {
  await expectRefused(cycle(30), { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDepth', max: structural.maxDepth }, `Query depth limit of ${structural.maxDepth} exceeded, found 92.`, { id: apps.RETAIL });
  await expectRefused(cycle(16), { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDepth' }, 'Query depth limit of 15 exceeded, found 50.', { id: apps.RETAIL });
  // 4 cycles + the leaf: 1 + 4×3 + 1 = 14 levels.
  const { status, body } = await runCounted(stack, cycle(4), { id: apps.RETAIL });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
});

test('aliases: 500 aliases of one field are refused with maxAliases', async () => {
  const aliases = Array.from({ length: 500 }, (_, index) => `a${index}: name`).join(' ');
  await expectRefused(`query($id: ID!) { app(id: $id) { ${aliases} } }`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxAliases', max: structural.maxAliases }, `Aliases limit of ${structural.maxAliases} exceeded, found 500.`, { id: apps.RETAIL });
});

test('directives: 40 directives are refused with maxDirectives', async () => {
  const fields = Array.from({ length: 40 }, () => 'name @include(if: true)').join(' ');
  await expectRefused(`query($id: ID!) { app(id: $id) { ${fields} } }`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDirectives', max: structural.maxDirectives }, `Directives limit of ${structural.maxDirectives} exceeded, found 40.`, { id: apps.RETAIL });
});

test('root fields: 21 root selections are refused with maxRootFields', async () => {
  await expectRefused(`{ ${'__typename '.repeat(21)}}`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxRootFields', max: structural.maxRootFields }, `Operation has 21 root fields; the limit is ${structural.maxRootFields}.`);
});

test('tokens: the parser stops at the token limit', async () => {
  await expectRefused(`{ __typename ${'a '.repeat(structural.maxTokens)}}`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxTokens', max: structural.maxTokens }, /^Syntax Error: Document contains more th(an|at) 5000 tokens\. Parsing aborted\.$/);
});

test('document bytes: a long string literal is refused with maxDocumentBytes', async () => {
  const long = 'x'.repeat(structural.maxDocumentBytes);
  await expectRefused(`query { app(id: "${long}") { name } }`, { code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDocumentBytes', max: structural.maxDocumentBytes }, `Document of ${structural.maxDocumentBytes + 30} bytes exceeds the limit of ${structural.maxDocumentBytes} bytes.`);
});

test('cost: nested full pages are refused with COST_LIMIT_EXCEEDED, the estimate and the ceilings in extensions.cost', async () => {
  const query = '{ apps(first: 1000) { nodes { campaigns(first: 1000) { nodes { name } } } } }';
  const { status, body, gatewayCalls } = await runCounted(stack, query);
  expect(status).toBe(400);
  expect(body.errors).toEqual([
    {
      // 1 connection + 1,000 apps + 1,000 connections + 1,000,000 campaigns.
      message: 'The operation can cost up to 1002001 result objects (limit 100000); nothing was executed. Ask for smaller pages (`first`) or fewer nested lists.',
      extensions: { code: 'COST_LIMIT_EXCEEDED', cost: { estimatedObjects: 1_002_001, estimatedUpstreamCalls: 1_001, maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 12_000 } },
    },
  ]);
  expect(gatewayCalls).toEqual({});
});

test('every served response reports its estimate in extensions.cost', async () => {
  const { body } = await runCounted(stack, '{ apps(first: 2) { nodes { name } } }');
  expect(body.extensions?.cost).toEqual({ estimatedObjects: 3, estimatedUpstreamCalls: 1, maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 12_000 });
});

/** F0 spreads F1 twice, F1 spreads F2 twice, … on `type`, ending in `leaf`. */
function chainedFragments(depth: number, leaf: string, type: string): string {
  let text = `fragment F${depth} on ${type} { ${leaf} }`;
  for (let index = depth - 1; index >= 0; index -= 1) text += `\nfragment F${index} on ${type} { ...F${index + 1} ...F${index + 1} }`;
  return text;
}

test('30 chained fragments under Query.app (its selection walk and its KPI range check) are served, with one GetApp', async () => {
  // Query.app plans its reads from its selection (graph/selection.ts) and checks every KPI range in
  // it first (graph/pinpoint/kpi.ts): both walks used to expand each spread in place (2^30 visits).
  const query = `query($id: ID!) { app(id: $id) { ...F0 } }\n${chainedFragments(30, 'name applicationId', 'App')}`;
  const { status, body, gatewayCalls } = await runCounted(stack, query, { id: apps.RETAIL });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual({ app: { name: 'Retail Storefront', applicationId: apps.RETAIL } });
  expect(gatewayCalls).toEqual({ GetApp: 1 });
});

test('a concurrent { __typename } is answered while chained-fragment documents are served', async () => {
  const heavy = `query($id: ID!) { app(id: $id) { ...F0 } }\n${chainedFragments(40, 'name', 'App')}`;
  const burst = Array.from({ length: 5 }, () => stack.gql(heavy, { id: apps.RETAIL }));
  const light = await stack.gql('{ __typename }');
  expect(light.body).toMatchObject({ data: { __typename: 'Query' } });
  for (const response of await Promise.all(burst)) expect(response.body.data).toEqual({ app: { name: 'Retail Storefront' } });
});

test.each([
  ['an unknown operationName', { query: '{ __typename }', operationName: 'Nope' }, 'Unknown operation named "Nope".'],
  ['two operations and no operationName', { query: 'query A { __typename } query B { __typename }' }, 'Must provide operation name if query contains multiple operations.'],
])('%s is a typed 400 for every plugin, never an internal error (found by the fuzz run)', async (_label, body, message) => {
  const response = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { errors: unknown }).errors).toEqual([{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
});
