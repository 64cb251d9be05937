import { toGlobalId } from '../../src/graph/ids';
import { startStack, type Stack } from '../helpers/startStack';

/** Query.node / Query.nodes: decoding, refusing foreign or garbled IDs, dispatch, and null for missing objects. */
let stack: Stack;
let poolId: string;
let poolGlobalId: string;
beforeAll(async () => {
  stack = await startStack();
  const { body } = await stack.gql('{ pools(first: 1) { nodes { id poolId } } }');
  ({ id: poolGlobalId, poolId } = body.data.pools.nodes[0]);
});
afterAll(() => stack.close());

test('node(id) fetches an object again by its global ID, typed through Node.__resolveType', async () => {
  const { body } = await stack.gql('query($id: ID!) { node(id: $id) { __typename id ... on Pool { poolId } } }', { id: poolGlobalId });
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual({ node: { __typename: 'Pool', id: poolGlobalId, poolId } });
});

test.each([
  ['not base64 JSON', 'not-an-id', '"id" must be a global ID issued by this gateway; got "not-an-id".'],
  ['base64 of a non-array', Buffer.from('{"a":1}').toString('base64url'), `"id" must be a global ID issued by this gateway; got "${Buffer.from('{"a":1}').toString('base64url')}".`],
  ['an empty string', '', '"id" must be a global ID issued by this gateway; got "".'],
])('a garbled ID (%s) is BAD_USER_INPUT and node is null', async (_label, id, message) => {
  const { status, body } = await stack.gql('query($id: ID!) { node(id: $id) { id } }', { id });
  expect(status).toBe(200);
  expect(body.data).toEqual({ node: null });
  expect(body.errors).toEqual([{ message, locations: [{ line: 1, column: 19 }], path: ['node'], extensions: { code: 'BAD_USER_INPUT', argument: 'id', id } }]);
});

test('an ID of another region is BAD_USER_INPUT naming both regions', async () => {
  const id = toGlobalId('Pool', 'eu-west-1', poolId);
  const { body } = await stack.gql('query($id: ID!) { node(id: $id) { id } }', { id });
  expect(body.data).toEqual({ node: null });
  expect(body.errors![0].message).toBe(`ID "${id}" names region "eu-west-1", but this gateway serves region "us-east-1".`);
  expect(body.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'id', id, region: 'eu-west-1', expectedRegion: 'us-east-1' });
});

test('an ID naming a type that is not a Node type is BAD_USER_INPUT', async () => {
  const id = toGlobalId('Spaceship', 'us-east-1', 'x');
  const { body } = await stack.gql('query($id: ID!) { node(id: $id) { id } }', { id });
  expect(body.errors![0]).toMatchObject({ message: `ID "${id}" names type "Spaceship", which is not a Node type this gateway can fetch.`, extensions: { code: 'BAD_USER_INPUT', type: 'Spaceship' } });
});

test('a well-formed ID of an object that does not exist is null with NOT_FOUND at its path', async () => {
  const id = toGlobalId('Pool', 'us-east-1', 'pool-00000000000000000000000000000000');
  const { body } = await stack.gql('query($id: ID!) { node(id: $id) { id } }', { id });
  expect(body).toMatchObject({ data: { node: null } });
  expect(body.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([[['node'], 'NOT_FOUND']]);
});

test('nodes(ids) answers in order; a bad ID is null with an error at its index, its siblings still resolve', async () => {
  const missing = toGlobalId('Pool', 'us-east-1', 'pool-00000000000000000000000000000000');
  const { status, body } = await stack.gql('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: [poolGlobalId, 'garbled', missing, poolGlobalId] });
  expect(status).toBe(200);
  expect(body.data).toEqual({ nodes: [{ __typename: 'Pool', id: poolGlobalId }, null, null, { __typename: 'Pool', id: poolGlobalId }] });
  expect(body.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([
    [['nodes', 1], 'BAD_USER_INPUT'],
    [['nodes', 2], 'NOT_FOUND'],
  ]);
});
