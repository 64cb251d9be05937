import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Relay pagination over Pinpoint's page-size/token lists: `first`/`after` across upstream pages,
// cursors in the middle of a page, and argument checks made before any list call.

const { apps, campaigns } = PINPOINT_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const APPS_PAGE = `query($first: Int, $after: String) { apps(first: $first, after: $after) { nodes { applicationId } edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const CAMPAIGNS_PAGE = `query($app: ID!, $first: Int, $after: String) { app(id: $app) { campaigns(first: $first, after: $after) { nodes { campaignId } pageInfo { hasNextPage endCursor } } } }`;

test('apps: first 2, then after the end cursor, one GetApps call per page', async () => {
  const first = await runCounted(stack, APPS_PAGE, { first: 2 });
  expect(first.body.errors).toBeUndefined();
  expect(first.body.data.apps.nodes).toEqual([{ applicationId: apps.RETAIL }, { applicationId: apps.BANKING }]);
  expect(first.body.data.apps.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  expect(first.gatewayCalls).toEqual({ GetApps: 1 });

  const second = await runCounted(stack, APPS_PAGE, { first: 2, after: first.body.data.apps.pageInfo.endCursor });
  expect(second.body.data.apps.nodes).toEqual([{ applicationId: apps.ALERTS }]);
  expect(second.body.data.apps.pageInfo).toMatchObject({ hasNextPage: false });
  expect(second.gatewayCalls).toEqual({ GetApps: 1 });
  expect(second.wireCalls).toEqual({ GetApps: 1 });
});

test('campaigns: walking first 2 at a time visits every campaign once, in upstream order', async () => {
  const whole = await runCounted(stack, CAMPAIGNS_PAGE, { app: apps.RETAIL });
  const all = whole.body.data.app.campaigns.nodes.map((c: any) => c.campaignId);
  expect(all).toHaveLength(5);
  expect(all).toContain(campaigns.RETAIL_CART_PUSH);

  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await runCounted(stack, CAMPAIGNS_PAGE, { app: apps.RETAIL, first: 2, after });
    expect(page.body.errors).toBeUndefined();
    // `app { campaigns }` needs only the application ID: no GetApp (GetCampaigns itself fails on a missing app).
    expect(page.gatewayCalls).toEqual({ GetCampaigns: 1 });
    const connection = page.body.data.app.campaigns;
    seen.push(...connection.nodes.map((c: any) => c.campaignId));
    pages += 1;
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect(pages).toBe(3);
  expect(seen).toEqual(all);
});

test('a cursor in the middle of a page resumes right after its edge', async () => {
  const query = `query($app: ID!, $first: Int, $after: String) { app(id: $app) { campaigns(first: $first, after: $after) { edges { cursor node { campaignId } } pageInfo { hasNextPage } } } }`;
  const firstThree = await runCounted(stack, query, { app: apps.RETAIL, first: 3 });
  const edges = firstThree.body.data.app.campaigns.edges;
  expect(edges).toHaveLength(3);
  const next = await runCounted(stack, query, { app: apps.RETAIL, first: 1, after: edges[0].cursor });
  expect(next.body.data.app.campaigns.edges.map((e: any) => e.node.campaignId)).toEqual([edges[1].node.campaignId]);
  expect(next.body.data.app.campaigns.pageInfo.hasNextPage).toBe(true);
  expect(next.gatewayCalls).toEqual({ GetCampaigns: 1 });
});

test('campaign versions page one at a time', async () => {
  const query = `query($app: ID!, $campaign: ID!, $after: String) { app(id: $app) { campaign(id: $campaign) { versions(first: 1, after: $after) { nodes { version } pageInfo { hasNextPage endCursor } } } } }`;
  const versions: number[] = [];
  let after: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const { body, gatewayCalls } = await runCounted(stack, query, { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE, after });
    expect(gatewayCalls).toEqual({ GetApp: 1, GetCampaign: 1, GetCampaignVersions: 1 });
    const connection = body.data.app.campaign.versions;
    versions.push(...connection.nodes.map((v: any) => v.version));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  expect([...versions].sort()).toEqual([1, 2, 3]);
});

test.each([
  [0, '"first" must be an integer from 1 to 1000 (the upstream page maximum); got 0.'],
  [1001, '"first" must be an integer from 1 to 1000 (the upstream page maximum); got 1001.'],
])('first: %d is BAD_USER_INPUT before any list call', async (first, message) => {
  const { body, gatewayCalls } = await runCounted(stack, CAMPAIGNS_PAGE, { app: apps.RETAIL, first });
  expect(body.errors).toHaveLength(1);
  expect(body.errors![0]).toMatchObject({ message, path: ['app', 'campaigns'], extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
  // Not even the GetApp: `app { campaigns }` answers by reference, and the check precedes the list call.
  expect(gatewayCalls).toEqual({});
});

test('a cursor this connection did not issue is BAD_USER_INPUT', async () => {
  const { body, gatewayCalls } = await runCounted(stack, APPS_PAGE, { after: 'not-a-cursor' });
  expect(body.errors![0]).toMatchObject({ message: '"after" is not a cursor from this connection: "not-a-cursor".', path: ['apps'], extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  expect(gatewayCalls).toEqual({});
});
