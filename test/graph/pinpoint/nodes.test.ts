import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { toGlobalId } from '../../../src/graph/ids';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Missing objects and global IDs: NOT_FOUND at the path of what is missing while siblings still
// resolve, and `node(id)` refetching every Pinpoint Node type with one call.

const { apps, campaigns, segments, endpoints, users } = PINPOINT_SEED;
const MISSING = '0000000000000000000000000000dead';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('a missing campaign is NOT_FOUND at its path; its siblings still resolve', async () => {
  const query = `query($app: ID!, $good: ID!, $missing: ID!) { app(id: $app) {
    name
    good: campaign(id: $good) { name }
    missing: campaign(id: $missing) { name }
    segments(first: 1) { nodes { segmentId } }
  } }`;
  const { body, gatewayCalls } = await runCounted(stack, query, { app: apps.RETAIL, good: campaigns.RETAIL_SPRING_SALE, missing: MISSING });
  expect(body.data).toEqual({ app: { name: 'Retail Storefront', good: { name: 'Spring sale email' }, missing: null, segments: { nodes: [{ segmentId: segments.RETAIL_ALL_CUSTOMERS }] } } });
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0].path).toEqual(['app', 'missing']);
  expect(body.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { service: 'pinpoint', operation: 'GetCampaign', errorName: 'NotFoundException', httpStatusCode: 404 } });
  // Both campaign keys are one batch of two GetCampaign calls: one bad key does not fail the other.
  expect(gatewayCalls).toEqual({ GetApp: 1, GetCampaign: 2, GetSegments: 1 });
});

test('a missing app is NOT_FOUND at its path while a sibling root field resolves', async () => {
  const { body } = await runCounted(stack, `query($id: ID!) { missing: app(id: $id) { name } apps(first: 1) { nodes { name } } }`, { id: MISSING });
  expect(body.data).toEqual({ missing: null, apps: { nodes: [{ name: 'Retail Storefront' }] } });
  expect(body.errors![0]).toMatchObject({ path: ['missing'], extensions: { code: 'NOT_FOUND' } });
});

test('a missing app whose edges start beside GetApp is still app: null with NOT_FOUND, not a ghost', async () => {
  // `name` and `campaigns` do not wait for GetApp: both fail on the missing project, and a failing
  // non-null field turns the nullable `app` into null (graphql-js reports the first error of a
  // nulled object only). Each makes its own (failing) call.
  const { body, gatewayCalls } = await runCounted(stack, `query($id: ID!) { app(id: $id) { name campaigns { nodes { campaignId } } } }`, { id: MISSING });
  expect(body.data).toEqual({ app: null });
  expect(body.errors).toHaveLength(1);
  // Whichever failing call answers first names the path: GetApp at `app.name`, GetCampaigns at `app.campaigns`.
  const pathOf: Record<string, string[]> = { GetApp: ['app', 'name'], GetCampaigns: ['app', 'campaigns'] };
  expect(body.errors![0].path).toEqual(pathOf[body.errors![0].extensions?.upstream?.operation]);
  expect(body.errors![0].extensions?.code).toBe('NOT_FOUND');
  expect(gatewayCalls).toEqual({ GetApp: 1, GetCampaigns: 1 });
});

test.each([
  ['segments', '{ segments { nodes { segmentId } } }', 'GetSegments'],
  ['settings', '{ settings { applicationId } }', 'GetApplicationSettings'],
])('a missing app with only %s selected (no GetApp at all) is app: null with NOT_FOUND', async (_label, selection, operation) => {
  const { body, gatewayCalls } = await runCounted(stack, `query($id: ID!) { app(id: $id) ${selection} }`, { id: MISSING });
  expect(body.data).toEqual({ app: null });
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND', upstream: { operation } } });
  expect(gatewayCalls).toEqual({ [operation]: 1 });
});

test('a missing app with only nullable edges selected waits for GetApp: NOT_FOUND at app, no edge call', async () => {
  const { body, gatewayCalls } = await runCounted(stack, `query($id: ID!) { app(id: $id) { applicationId campaign(id: "c") { name } } }`, { id: MISSING });
  expect(body.data).toEqual({ app: null });
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]).toMatchObject({ path: ['app'], extensions: { code: 'NOT_FOUND' } });
  expect(gatewayCalls).toEqual({ GetApp: 1 });
});

test('node(id) refetches every Pinpoint Node type with one upstream call each', async () => {
  const ids = await runCounted(
    stack,
    `query($app: ID!, $campaign: ID!, $endpoint: ID!, $user: ID!) { app(id: $app) {
      id
      campaign(id: $campaign) { id versions(first: 1) { nodes { id version } } segment { id } }
      segment(id: "${segments.RETAIL_VIP}") { id }
      endpoint(id: $endpoint) { id }
      user(id: $user) { id }
    } }`,
    { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE, endpoint: endpoints.CAROL_SMS, user: users.CAROL },
  );
  expect(ids.body.errors).toBeUndefined();
  const app = ids.body.data.app;
  const cases: Array<[string, string, string, Record<string, number>]> = [
    [app.id, '... on App { name }', 'App', { GetApp: 1 }],
    [app.campaign.id, '... on Campaign { name version }', 'Campaign', { GetCampaign: 1 }],
    [app.campaign.versions.nodes[0].id, '... on Campaign { version }', 'Campaign', { GetCampaignVersion: 1 }],
    [app.campaign.segment.id, '... on Segment { name version }', 'Segment', { GetSegmentVersion: 1 }],
    [app.segment.id, '... on Segment { name version }', 'Segment', { GetSegment: 1 }],
    [app.endpoint.id, '... on Endpoint { address }', 'Endpoint', { GetEndpoint: 1 }],
    [app.user.id, '... on User { userId }', 'User', { GetUserEndpoints: 1 }],
  ];
  for (const [id, fragment, typename, calls] of cases) {
    const { body, gatewayCalls } = await runCounted(stack, `query($id: ID!) { node(id: $id) { __typename id ${fragment} } }`, { id });
    expect(body.errors).toBeUndefined();
    expect(body.data.node).toMatchObject({ __typename: typename, id });
    expect(gatewayCalls).toEqual(calls);
  }
  const version = await stack.gql(`query($id: ID!) { node(id: $id) { ... on Campaign { version } } }`, { id: app.campaign.versions.nodes[0].id });
  expect(version.body.data.node.version).toBe(app.campaign.versions.nodes[0].version);
  const segmentAtVersion = await stack.gql(`query($id: ID!) { node(id: $id) { ... on Segment { name version } } }`, { id: app.campaign.segment.id });
  expect(segmentAtVersion.body.data.node).toEqual({ name: 'VIP shoppers', version: 2 });
});

test('node(id) of a Pinpoint object that does not exist is null, without failing its siblings', async () => {
  const missingCampaign = toGlobalId('Campaign', 'us-east-1', apps.RETAIL, MISSING);
  const missingUser = toGlobalId('User', 'us-east-1', apps.RETAIL, 'nobody');
  const existing = toGlobalId('App', 'us-east-1', apps.BANKING);
  const { body, gatewayCalls } = await runCounted(stack, `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on App { name } } }`, { ids: [missingCampaign, existing, missingUser] });
  expect(body.data.nodes).toEqual([null, { id: existing, name: 'Mobile Banking' }, null]);
  expect(gatewayCalls).toEqual({ GetCampaign: 1, GetApp: 1, GetUserEndpoints: 1 });
});
