import { join } from 'node:path';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getNamedType, isInputObjectType, isObjectType, isScalarType, type GraphQLInputType } from 'graphql';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { createArgumentNormaliser, ID_ARGUMENT_TYPES } from '../../src/graph/idArguments';
import { toGlobalId } from '../../src/graph/ids';
import { pinpointArn, policy, startPolicyStack, type SwitchablePolicyStore } from '../auth/policyStack';
import type { Stack } from '../helpers/startStack';

/**
 * IDs that forgive (src/graph/idArguments.ts): every argument that takes an upstream ID takes the
 * object's global `id` too, with the same answer, the same upstream calls and the same policy
 * decision; a global ID of another type, region or parent is refused naming the mismatch, before
 * any upstream call.
 */

const P = PINPOINT_SEED;
const S = SMS_VOICE_SEED;
const REGION = 'us-east-1';
const RETAIL = P.apps.RETAIL;
const BANKING = P.apps.BANKING;
const SPRING_SALE = P.campaigns.RETAIL_SPRING_SALE;
const appGid = (id: string) => toGlobalId('App', REGION, id);
const campaignGid = (app: string, id: string, version?: number) => toGlobalId('Campaign', REGION, app, id, ...(version === undefined ? [] : [String(version)]));

let stack: Stack & { policies: SwitchablePolicyStore };
beforeAll(async () => {
  stack = await startPolicyStack();
});
afterAll(() => stack?.close());
beforeEach(() => stack.policies.use(policy({ Effect: 'Allow', Action: '*', Resource: '*' })));

/** The emulator's wire counts, by `<service>.<Operation>`, of what `run` sends. */
async function wireOf<T>(run: () => Promise<T>): Promise<[T, Record<string, number>]> {
  await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  const result = await run();
  const calls = ((await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> }).byOperation;
  return [result, calls];
}

const APP_AND_CAMPAIGN = 'query ($app: ID!, $campaign: ID!) { app(id: $app) { name campaign(id: $campaign) { name state } } }';

describe('a global ID answers as the upstream ID does', () => {
  test('app(id:) and App.campaign(id:): same data, same upstream calls', async () => {
    const [raw, rawWire] = await wireOf(() => stack.gql(APP_AND_CAMPAIGN, { app: RETAIL, campaign: SPRING_SALE }));
    // A versioned campaign ID (a campaign read at one saved version) names the campaign all the same.
    for (const variables of [
      { app: appGid(RETAIL), campaign: campaignGid(RETAIL, SPRING_SALE) },
      { app: RETAIL, campaign: campaignGid(RETAIL, SPRING_SALE, 2) },
    ]) {
      const [global, globalWire] = await wireOf(() => stack.gql(APP_AND_CAMPAIGN, variables));
      expect(global.body).toEqual(raw.body);
      expect(globalWire).toEqual(rawWire);
    }
    expect(raw.body.errors).toBeUndefined();
    expect(raw.body.data.app.campaign.name).toBe('Spring sale email');
  });

  test('the ids the gateway hands out go straight back in', async () => {
    const listed = await stack.gql('{ apps(first: 3) { nodes { id applicationId campaigns(first: 1) { nodes { id campaignId } } } } }');
    const retail = listed.body.data.apps.nodes.find((app: { applicationId: string }) => app.applicationId === RETAIL);
    const campaign = retail.campaigns.nodes[0];
    const again = await stack.gql(APP_AND_CAMPAIGN, { app: retail.id, campaign: campaign.id });
    expect(again.body.errors).toBeUndefined();
    const direct = await stack.gql(APP_AND_CAMPAIGN, { app: RETAIL, campaign: campaign.campaignId });
    expect(again.body).toEqual(direct.body);
  });

  test('SMS v2 arguments: pool(poolId:), phoneNumber(phoneNumberId:), senderId(senderId:, isoCountryCode:)', async () => {
    const query = 'query ($pool: String!, $number: String!, $sender: String!) { pool(poolId: $pool) { poolId } phoneNumber(phoneNumberId: $number) { phoneNumberId } senderId(senderId: $sender, isoCountryCode: "GB") { senderId } }';
    const raw = await stack.gql(query, { pool: S.pools.marketing, number: S.phoneNumbers.simulator, sender: 'ACMEALERT' });
    expect(raw.body.errors).toBeUndefined();
    const global = await stack.gql(query, {
      pool: toGlobalId('Pool', REGION, S.pools.marketing),
      number: toGlobalId('PhoneNumber', REGION, S.phoneNumbers.simulator),
      sender: toGlobalId('SenderId', REGION, 'ACMEALERT', 'GB'),
    });
    expect(global.body).toEqual(raw.body);
  });

  test('inside a mutation input: a campaign created with global IDs targets the segment they name', async () => {
    const app = await stack.gql('mutation { createApp(input: { name: "forgiving ids" }) { app { id applicationId } } }');
    const { id: appId, applicationId } = app.body.data.createApp.app;
    const segment = await stack.gql(
      'mutation ($app: ID!) { createSegment(input: { applicationId: $app, segment: { name: "all", dimensions: { attributes: [{ key: "plan", attributeType: INCLUSIVE, values: ["gold"] }] } } }) { segment { id segmentId } } }',
      { app: appId },
    );
    expect(segment.body.errors).toBeUndefined();
    const created = await stack.gql(
      'mutation ($app: ID!, $segment: ID!) { createCampaign(input: { applicationId: $app, campaign: { name: "c", segmentId: $segment, schedule: { startTime: "IMMEDIATE", frequency: ONCE }, messageConfiguration: { smsMessage: { body: "hi", messageType: PROMOTIONAL } } } }) { campaign { campaignId segment { segmentId } } } }',
      { app: appId, segment: segment.body.data.createSegment.segment.id },
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data.createCampaign.campaign.segment.segmentId).toBe(segment.body.data.createSegment.segment.segmentId);
    const read = await stack.gql('query ($app: ID!) { app(id: $app) { applicationId } }', { app: appId });
    expect(read.body.data.app.applicationId).toBe(applicationId);
  });
});

describe('a mismatch is refused by name, before any upstream call', () => {
  test('a global ID of another type', async () => {
    const [response, wire] = await wireOf(() => stack.gql('query ($app: ID!) { app(id: $app) { name } }', { app: campaignGid(RETAIL, SPRING_SALE) }));
    expect(response.body.data).toEqual({ app: null });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: `"id" takes an App (its upstream ID or its global id); got the global ID of a Campaign (${RETAIL}/${SPRING_SALE}).`,
        path: ['app'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argument: 'id', expectedTypes: ['App'], idType: 'Campaign' }),
      }),
    ]);
    expect(wire).toEqual({});
  });

  test('a campaign of another application than the App it is read on', async () => {
    const [response, wire] = await wireOf(() => stack.gql(APP_AND_CAMPAIGN, { app: BANKING, campaign: campaignGid(RETAIL, SPRING_SALE) }));
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: `"id" names a Campaign whose applicationId is "${RETAIL}", but it is read on application "${BANKING}".`,
        path: ['app', 'campaign'],
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    // The app itself is read (its own field is fine); the campaign is never asked for.
    expect(wire).toEqual({ 'pinpoint.GetApp': 1 });
  });

  test('an input field that contradicts its sibling applicationId', async () => {
    const [response, wire] = await wireOf(() =>
      stack.gql('mutation ($campaign: ID!) { deleteCampaign(input: { applicationId: "' + BANKING + '", campaignId: $campaign }) { campaign { campaignId } } }', {
        campaign: campaignGid(RETAIL, SPRING_SALE),
      }),
    );
    expect(response.body.errors?.[0]).toMatchObject({
      message: `"input.campaignId" names a Campaign whose applicationId is "${RETAIL}", but "input.applicationId" is "${BANKING}".`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(wire).toEqual({});
  });

  test('a global ID of another region', async () => {
    const response = await stack.gql('query ($app: ID!) { app(id: $app) { name } }', { app: toGlobalId('App', 'eu-west-1', RETAIL) });
    expect(response.body.errors?.[0]).toMatchObject({ message: `"id" names an App of region "eu-west-1", but this gateway serves region "us-east-1".`, extensions: { code: 'BAD_USER_INPUT' } });
  });

  test('an upstream ID that merely looks like a global ID is passed on untouched (and is simply not found)', async () => {
    // Starts like a global ID but is not one this gateway encodes: it must reach upstream as is.
    const lookalike = 'WyJub3QtYS1nbG9iYWwtaWQ';
    const [response, wire] = await wireOf(() => stack.gql('query ($app: ID!) { app(id: $app) { name } }', { app: lookalike }));
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(wire).toEqual({ 'pinpoint.GetApp': 1 });
  });
});

test("the caller's policy is decided on the upstream ID the global ID names", async () => {
  stack.policies.use(
    policy(
      { Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: pinpointArn(`apps/${RETAIL}`) },
      { Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: pinpointArn(`apps/${RETAIL}/campaigns/${SPRING_SALE}`) },
    ),
  );
  const allowed = await stack.gql(APP_AND_CAMPAIGN, { app: appGid(RETAIL), campaign: campaignGid(RETAIL, SPRING_SALE) });
  expect(allowed.body.errors).toBeUndefined();
  const denied = await stack.gql(APP_AND_CAMPAIGN, { app: appGid(BANKING), campaign: campaignGid(BANKING, P.campaigns.BANKING_CARD_OFFER) });
  expect(denied.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', resource: pinpointArn(`apps/${BANKING}`) } });
});

describe('the table of ID arguments covers the schema', () => {
  const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', '..', 'schema', '**/*.graphql')) });

  /**
   * Arguments and input fields named like an upstream key that are not IDs of a Node the gateway
   * serves (journey activity keys, message and request IDs, names of sub-objects, …). A new
   * argument named like an ID must be added to ID_ARGUMENT_TYPES or here, on purpose.
   */
  const NOT_NODE_IDS = new Set([
    'activityId', 'activityIds', 'nextActivityId', 'trueActivityId', 'falseActivityId', 'defaultActivityId', 'startActivityId', 'messageActivityId',
    'requestId', 'messageId', 'treatmentId', 'eventId', 'traceId', 'referenceId', 'entityId', 'templateId', 'voiceId', 'tokenKeyId', 'fieldId',
    // Push and channel settings named like IDs (APNs collapse/thread/team/bundle IDs, ADM client ID, SDK and package names).
    'collapseId', 'threadId', 'teamId', 'bundleId', 'clientId', 'restrictedPackageName', 'appPackageName', 'sdkName',
    'treatmentName', 'segmentName', 'eventDestinationName', 'lambdaFunctionName', 'recommendationsDisplayName', 'name', 'id', 'keyword',
  ]);

  test('every name in the table is an argument or input field of the schema', () => {
    const names = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type)) for (const field of Object.values(type.getFields())) for (const arg of field.args) names.add(arg.name);
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) names.add(field.name);
    }
    expect(Object.keys(ID_ARGUMENT_TYPES).filter((name) => !names.has(name))).toEqual([]);
  });

  test('every ID-like argument or input field is classified', () => {
    const isIdScalar = (type: GraphQLInputType) => {
      const named = getNamedType(type);
      return isScalarType(named) && (named.name === 'ID' || named.name === 'String');
    };
    const unclassified = new Set<string>();
    const consider = (name: string, type: GraphQLInputType, where: string) => {
      if (!/(Id|Ids|Name)$/.test(name) || !isIdScalar(type) || NOT_NODE_IDS.has(name) || Object.hasOwn(ID_ARGUMENT_TYPES, name)) return;
      // Plain names of things that are not objects of their own (tags, attributes, channels) are data, not IDs.
      if (/^(key|attribute|channel|dimension|event|metric|template|display|first|last|company|business|friendly|file|country|url|brand|vertical|user)Name$/.test(name)) return;
      unclassified.add(`${where}.${name}`);
    };
    for (const type of Object.values(schema.getTypeMap())) {
      if (isObjectType(type) && !type.name.startsWith('__')) for (const field of Object.values(type.getFields())) for (const arg of field.args) consider(arg.name, arg.type, `${type.name}.${field.name}`);
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) consider(field.name, field.type, type.name);
    }
    expect([...unclassified].sort()).toEqual([]);
  });

  test('the policy simulator sees the same arguments as the gateway', () => {
    const normalise = createArgumentNormaliser(schema);
    expect(normalise('Query.app', { id: appGid(RETAIL) }, REGION)).toEqual({ id: RETAIL });
    expect(normalise('Mutation.deleteCampaign', { input: { applicationId: appGid(RETAIL), campaignId: campaignGid(RETAIL, SPRING_SALE) } }, REGION)).toEqual({ input: { applicationId: RETAIL, campaignId: SPRING_SALE } });
    const untouched = { input: { applicationId: RETAIL } };
    expect(normalise('Mutation.deleteApp', untouched, REGION)).toBe(untouched);
    expect(() => normalise('Query.app', { id: campaignGid(RETAIL, SPRING_SALE) }, REGION)).toThrow('"id" takes an App');
  });
});
