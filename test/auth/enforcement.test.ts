import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import type { Stack } from '../helpers/startStack';
import { REACH_CASES } from '../coverage/reach';
import { gid, type ReachCase, type ReachSetup } from '../coverage/reach/kit';
import { pinpointArn, policy, smsArn, startPolicyStack, type SwitchablePolicyStore } from './policyStack';

// Enforcement beyond the matrix (policyMatrix.test.ts): siblings of a denied field arrive,
// `node`/`nodes` with denied IDs, a denied send makes no upstream call, the README's worked policy
// (a frontend that may read the campaigns of one project and nothing else), introspection and
// GraphiQL under `graphql:Introspect`, and tag conditions (tags read where the ARN is known; tagConditions.test.ts).

const P = PINPOINT_SEED;
const S = SMS_VOICE_SEED;
const RETAIL = P.apps.RETAIL;
const BANKING = P.apps.BANKING;
const ALLOW_ALL = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
const FRONTEND_POLICY = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'policies', 'frontend-campaigns.json'), 'utf8')) as object;

let stack: Stack & { policies: SwitchablePolicyStore };
beforeAll(async () => {
  stack = await startPolicyStack();
});
afterAll(() => stack?.close());

/** The emulator's wire counts, by `<service>.<Operation>`, of what `run` sends. */
async function wireOf<T>(run: () => Promise<T>): Promise<[T, Record<string, number>]> {
  await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  const result = await run();
  const calls = ((await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> }).byOperation;
  return [result, calls];
}

/** The errors of a response as `path: code action`. */
function denials(body: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }): string[] {
  return (body.errors ?? []).map((error) => `${(error.path ?? []).join('.')}: ${String(error.extensions?.code)} ${String(error.extensions?.action ?? '')}`.trim());
}

describe('a denied field is null at its own path; its siblings arrive', () => {
  test('an allowed project with a denied campaign and an allowed one', async () => {
    stack.policies.use(
      policy(
        { Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: pinpointArn(`apps/${RETAIL}`) },
        { Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: pinpointArn(`apps/${RETAIL}/campaigns/${P.campaigns.RETAIL_SPRING_SALE}`) },
      ),
    );
    const [{ body }, wire] = await wireOf(() =>
      stack.gql('query ($app: ID!, $a: ID!, $b: ID!) { app(id: $app) { name allowed: campaign(id: $a) { name } denied: campaign(id: $b) { name } } }', {
        app: RETAIL,
        a: P.campaigns.RETAIL_SPRING_SALE,
        b: P.campaigns.RETAIL_WEEKLY_DIGEST,
      }),
    );
    expect(body.data).toEqual({ app: { name: 'Retail Storefront', allowed: { name: 'Spring sale email' }, denied: null } });
    expect(body.errors).toEqual([
      {
        message: `Not authorized to perform mobiletargeting:GetCampaign on ${pinpointArn(`apps/${RETAIL}/campaigns/${P.campaigns.RETAIL_WEEKLY_DIGEST}`)}: no policy statement allows it.`,
        locations: [expect.any(Object)],
        path: ['app', 'denied'],
        extensions: { code: 'FORBIDDEN', action: 'mobiletargeting:GetCampaign', resource: pinpointArn(`apps/${RETAIL}/campaigns/${P.campaigns.RETAIL_WEEKLY_DIGEST}`), decision: 'implicitDeny' },
      },
    ]);
    // The denied campaign was never read: one GetCampaign, for the allowed one.
    expect(wire).toEqual({ 'pinpoint.GetApp': 1, 'pinpoint.GetCampaign': 1 });
  });
});

describe('node(id:) and nodes(ids:) are checked like any edge', () => {
  const ids = {
    app: gid('App', RETAIL),
    otherApp: gid('App', BANKING),
    campaign: gid('Campaign', RETAIL, P.campaigns.RETAIL_SPRING_SALE),
    campaignVersion: gid('Campaign', RETAIL, P.campaigns.RETAIL_SPRING_SALE, '1'),
    phone: gid('PhoneNumber', S.phoneNumbers.simulator),
  };
  beforeEach(() =>
    stack.policies.use(
      policy(
        { Effect: 'Allow', Action: ['mobiletargeting:GetApp', 'mobiletargeting:GetCampaign'], Resource: [pinpointArn(`apps/${RETAIL}`), pinpointArn(`apps/${RETAIL}/campaigns/*`)] },
        { Effect: 'Allow', Action: 'sms-voice:Describe*', Resource: smsArn('phone-number/*') },
      ),
    ),
  );

  test('node: an allowed ID answers, a denied one is FORBIDDEN before any call', async () => {
    const [allowed] = await wireOf(() => stack.gql('query ($id: ID!) { node(id: $id) { ... on App { name } } }', { id: ids.app }));
    expect(allowed.body).toMatchObject({ data: { node: { name: 'Retail Storefront' } } });
    const [{ body }, wire] = await wireOf(() => stack.gql('query ($id: ID!) { node(id: $id) { ... on App { name } } }', { id: ids.otherApp }));
    expect(body.data).toEqual({ node: null });
    expect(denials(body)).toEqual(['node: FORBIDDEN mobiletargeting:GetApp']);
    expect(body.errors![0].extensions?.resource).toBe(pinpointArn(`apps/${BANKING}`));
    expect(wire).toEqual({});
  });

  test('node: a versioned campaign ID needs GetCampaignVersion, not GetCampaign', async () => {
    const [{ body }, wire] = await wireOf(() => stack.gql('query ($id: ID!) { node(id: $id) { ... on Campaign { name } } }', { id: ids.campaignVersion }));
    expect(denials(body)).toEqual(['node: FORBIDDEN mobiletargeting:GetCampaignVersion']);
    expect(wire).toEqual({});
  });

  test('nodes: denied IDs are FORBIDDEN at their index, the others arrive, a bad ID is still BAD_USER_INPUT', async () => {
    const [{ body }, wire] = await wireOf(() =>
      stack.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: [ids.app, ids.otherApp, ids.campaign, ids.campaignVersion, ids.phone, 'not-an-id'] }),
    );
    expect(body.data?.nodes.map((node: { __typename: string } | null) => node?.__typename ?? null)).toEqual(['App', null, 'Campaign', null, 'PhoneNumber', null]);
    expect(denials(body).sort()).toEqual(['nodes.1: FORBIDDEN mobiletargeting:GetApp', 'nodes.3: FORBIDDEN mobiletargeting:GetCampaignVersion', 'nodes.5: BAD_USER_INPUT'].sort());
    // Only the allowed IDs were read.
    expect(wire).toEqual({ 'pinpoint.GetApp': 1, 'pinpoint.GetCampaign': 1, 'sms-voice-v2.DescribePhoneNumbers': 1 });
  });
});

describe('a denied send makes no upstream call', () => {
  const send = REACH_CASES['Mutation.sendTextMessage'] as ReachCase;
  const setup: ReachSetup = {
    async gql(query, variables) {
      const { body } = await stack.gql(query, variables);
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    },
    async emulatorAdmin(method, route, body) {
      const response = await fetch(`${stack.emulator.endpoint}/_emulator/${route}`, { method, headers: body === undefined ? undefined : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return response.json();
    },
  };
  const outbox = async (to: string) => ((await (await fetch(`${stack.emulator.endpoint}/_emulator/outbox?destination=${encodeURIComponent(to)}&channel=SMS`)).json()) as { messages: unknown[] }).messages.length;

  test('sendTextMessage from a number the policy does not allow: FORBIDDEN, nothing on the wire, nothing in the outbox', async () => {
    stack.policies.use(ALLOW_ALL);
    const variables = await (send.variables as (setup: ReachSetup) => Promise<Record<string, string>>)(setup);
    const before = await outbox(variables.to);
    stack.policies.use(policy({ Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: smsArn(`phone-number/${S.phoneNumbers.tollFreeAlerts}`) }));
    const [{ body }, wire] = await wireOf(() => stack.gql(send.query, variables));
    expect(body.data).toBeNull();
    expect(body.errors?.[0]).toMatchObject({ path: ['sendTextMessage'], extensions: { code: 'FORBIDDEN', action: 'sms-voice:SendTextMessage', resource: smsArn(`phone-number/${S.phoneNumbers.simulator}`) } });
    expect(wire).toEqual({});
    expect(await outbox(variables.to)).toBe(before);

    // The same send from the allowed number goes out: one SendTextMessage on the wire.
    stack.policies.use(policy({ Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: smsArn(`phone-number/${S.phoneNumbers.simulator}`) }));
    const [sent, sentWire] = await wireOf(() => stack.gql(send.query, variables));
    expect(sent.body.errors).toBeUndefined();
    expect(sentWire).toEqual({ 'sms-voice-v2.SendTextMessage': 1 });
    expect(await outbox(variables.to)).toBe(before + 1);
  });

  test('twenty aliased sends under a policy that allows none: FORBIDDEN, no call', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*' }));
    const aliases = Array.from({ length: 20 }, (_, index) => `s${index}: sendTextMessage(input: { destinationPhoneNumber: "+12065550177", originationIdentity: "${S.phoneNumbers.simulator}", messageBody: "x" }) { messageId }`);
    const [{ body }, wire] = await wireOf(() => stack.gql(`mutation { ${aliases.join(' ')} }`));
    expect(body.data).toBeNull();
    // Mutations run one after the other; the first denial nulls the (non-null) root, so nothing after it runs either.
    expect(denials(body)).toEqual(['s0: FORBIDDEN sms-voice:SendTextMessage']);
    expect(wire).toEqual({});
  });
});

describe('the README worked policy: a frontend may read the campaigns of one project and nothing else', () => {
  beforeEach(() => stack.policies.use(FRONTEND_POLICY));

  test('the project, its campaigns, their runs, versions and KPIs, by edge and by global ID', async () => {
    const end = new Date();
    const start = new Date(end.getTime() - 7 * 86_400_000);
    const { body } = await stack.gql(
      `query ($app: ID!, $campaign: ID!, $id: ID!, $start: DateTime!, $end: DateTime!) {
        app(id: $app) {
          name
          campaigns(first: 5) { nodes { name state activities(first: 2) { nodes { state } } versions(first: 1) { nodes { version } } } }
          campaign(id: $campaign) { name kpi(name: UNIQUE_DELIVERIES, startTime: $start, endTime: $end) { kpiName } }
        }
        node(id: $id) { ... on Campaign { name } }
      }`,
      { app: RETAIL, campaign: P.campaigns.RETAIL_SPRING_SALE, id: gid('Campaign', RETAIL, P.campaigns.RETAIL_WEEKLY_DIGEST), start: start.toISOString(), end: end.toISOString() },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.app.campaigns.nodes.length).toBeGreaterThan(0);
    expect(body.data.node).toEqual({ name: 'Weekly digest' });
  });

  test.each([
    ['another project', `{ app(id: "${BANKING}") { name } }`, ['app: FORBIDDEN mobiletargeting:GetApp']],
    ['another project by global ID', `{ node(id: "${gid('Campaign', BANKING, P.campaigns.BANKING_CARD_OFFER)}") { id } }`, ['node: FORBIDDEN mobiletargeting:GetCampaign']],
    ['a segment of the project', `{ app(id: "${RETAIL}") { name segment(id: "${P.segments.RETAIL_VIP}") { name } } }`, ['app.segment: FORBIDDEN mobiletargeting:GetSegment']],
    ['the segment a campaign targets', `{ app(id: "${RETAIL}") { campaign(id: "${P.campaigns.RETAIL_SPRING_SALE}") { name segment { name } } } }`, ['app.campaign.segment: FORBIDDEN mobiletargeting:GetSegmentVersion']],
    ['an endpoint of the project', `{ app(id: "${RETAIL}") { endpoint(id: "${P.endpoints.ALICE_EMAIL}") { address } } }`, ['app.endpoint: FORBIDDEN mobiletargeting:GetEndpoint']],
    ['the list of projects', '{ apps(first: 1) { nodes { name } } }', ['apps: FORBIDDEN mobiletargeting:GetApps']],
    ['SMS phone numbers', '{ phoneNumbers(first: 1) { nodes { phoneNumber } } }', ['phoneNumbers: FORBIDDEN sms-voice:DescribePhoneNumbers']],
    ['changing a campaign', `mutation { updateCampaign(input: { applicationId: "${RETAIL}", campaignId: "${P.campaigns.RETAIL_SPRING_SALE}", campaign: { name: "Hacked" } }) { campaign { name } } }`, ['updateCampaign: FORBIDDEN mobiletargeting:UpdateCampaign']],
    ['introspection', '{ __schema { queryType { name } } }', [': FORBIDDEN graphql:Introspect']],
  ])('%s is denied', async (_name, query, expected) => {
    const [{ body }, wire] = await wireOf(() => stack.gql(query));
    expect(denials(body)).toEqual(expected);
    // Nothing denied was read: only the project itself, where the query opens it.
    expect(Object.keys(wire).filter((operation) => operation !== 'pinpoint.GetApp' && operation !== 'pinpoint.GetCampaign')).toEqual([]);
  });
});

describe('graphql:Introspect', () => {
  test('introspection and GraphiQL need graphql:Introspect; __typename does not', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: '*' }));
    const refused = await stack.gql('{ __schema { queryType { name } } }');
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', action: 'graphql:Introspect', decision: 'implicitDeny' } });
    expect((await stack.gql('query { __type(name: "App") { name } }')).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql('fragment F on Query { __schema { types { name } } } query { ...F }')).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stack.gql('{ __typename }')).body).toMatchObject({ data: { __typename: 'Query' } });
    const page = await fetch(`${stack.gatewayUrl}/`);
    expect(page.status).toBe(403);
    expect(((await page.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');

    stack.policies.use(policy({ Effect: 'Allow', Action: 'graphql:Introspect', Resource: '*' }));
    expect((await stack.gql('{ __schema { queryType { name } } }')).body).toEqual(expect.objectContaining({ data: { __schema: { queryType: { name: 'Query' } } } }));
    expect((await fetch(`${stack.gatewayUrl}/`)).status).toBe(200);

    stack.policies.use(policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoSchema', Effect: 'Deny', Action: 'graphql:*', Resource: '*' }));
    expect((await stack.gql('{ __schema { queryType { name } } }')).body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', decision: 'explicitDeny' } });
  });
});

describe('tag conditions', () => {
  test('a decision that depends on aws:ResourceTag reads the tags (only them, when denied); with an unknown ID it is a deny, with no call', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: ['mobiletargeting:GetApp', 'mobiletargeting:GetApps'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'retail' } } }));
    // The Retail project is tagged team=growth: the tag read, then a denial (no GetApp). test/auth/tagConditions.test.ts has the rest.
    const [{ body }, wire] = await wireOf(() => stack.gql(`{ app(id: "${RETAIL}") { name } }`));
    expect(body.errors?.[0]).toMatchObject({ path: ['app'], extensions: { code: 'FORBIDDEN', decision: 'implicitDeny' } });
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 1 });
    const [listed, listWire] = await wireOf(() => stack.gql('{ apps(first: 1) { nodes { name } } }'));
    expect(listed.body.errors?.[0]).toMatchObject({ path: ['apps'], extensions: { code: 'FORBIDDEN', decision: 'needsTags' } });
    expect(listed.body.errors?.[0].message).toContain('depends on the resource\'s tags');
    expect(listWire).toEqual({});
    // A tag-free allow that no tag-reading deny could override needs no tags.
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: '*' }, { Effect: 'Deny', Action: 'mobiletargeting:DeleteApp', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/locked': 'true' } } }));
    expect((await stack.gql(`{ app(id: "${RETAIL}") { name } }`)).body).toMatchObject({ data: { app: { name: 'Retail Storefront' } } });
  });
});

describe('a lazy parent field is decided before it is read', () => {
  test("a phone number's pool needs DescribePools on that pool (and DescribePhoneNumbers to learn which)", async () => {
    const query = `{ phoneNumber(phoneNumberId: "${S.phoneNumbers.tenDlcMarketing1}") { phoneNumber pool { poolId } } }`;
    stack.policies.use(policy({ Effect: 'Allow', Action: 'sms-voice:DescribePhoneNumbers', Resource: smsArn('phone-number/*') }, { Effect: 'Allow', Action: 'sms-voice:DescribePools', Resource: smsArn(`pool/${S.pools.marketing}`) }));
    expect((await stack.gql(query)).body).toMatchObject({ data: { phoneNumber: { pool: { poolId: S.pools.marketing } } } });
    stack.policies.use(policy({ Effect: 'Allow', Action: 'sms-voice:DescribePhoneNumbers', Resource: smsArn('phone-number/*') }, { Effect: 'Allow', Action: 'sms-voice:DescribePools', Resource: smsArn('pool/pool-someone-else') }));
    const { body } = await stack.gql(query);
    expect(body.data).toMatchObject({ phoneNumber: { pool: null } });
    expect(body.errors?.[0]).toMatchObject({ path: ['phoneNumber', 'pool'], extensions: { code: 'FORBIDDEN', action: 'sms-voice:DescribePools', resource: smsArn(`pool/${S.pools.marketing}`) } });
  });
});

test("the README's worked policy is examples/policies/frontend-campaigns.json, word for word", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  expect(readme).toContain(`\`\`\`json\n${readFileSync(join(__dirname, '..', '..', 'examples', 'policies', 'frontend-campaigns.json'), 'utf8').trim()}\n\`\`\``);
});
