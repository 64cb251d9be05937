import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { gid, kpiRange, unique, type ReachCase, type ReachSetup, type ReachTable, type Variables } from './kit';

/** Reach cases of schema/pinpoint/*.graphql (seed IDs: `PINPOINT_SEED`). */

/** Module-private shorthand. */
const P = PINPOINT_SEED;

/** Cases of the Pinpoint coordinates. */
export const PINPOINT_REACH: ReachTable = {
  // ---------------------------------------------------------------- Pinpoint: projects
  'Query.apps': { query: '{ apps { nodes { applicationId } } }' },
  'Query.app': { query: 'query ($app: ID!) { app(id: $app) { name } }', variables: { app: P.apps.RETAIL } },
  'App.settings': retail('settings { applicationId }'),
  'App.campaigns': retail('campaigns { nodes { campaignId } }'),
  'App.campaign': retail('campaign(id: $campaign) { name }', { campaign: P.campaigns.RETAIL_SPRING_SALE }),
  'App.segments': retail('segments { nodes { segmentId } }'),
  'App.segment': retail('segment(id: $segment) { name }', { segment: P.segments.RETAIL_VIP }),
  'App.endpoint': retail('endpoint(id: $endpoint) { address }', { endpoint: P.endpoints.ALICE_EMAIL }),
  'App.user': retail('user(id: $user) { userId }', { user: P.users.ALICE }),
  'App.kpi': retail('kpi(name: SUCCESSFUL_DELIVERY_RATE, startTime: $start, endTime: $end) { kpiName }', kpiRange()),
  'Mutation.createApp': { query: 'mutation ($name: String!) { createApp(input: { name: $name }) { app { applicationId } } }', variables: { name: unique('reach-app') } },
  'Mutation.deleteApp': {
    query: 'mutation ($app: ID!) { deleteApp(input: { applicationId: $app }) { app { applicationId } } }',
    variables: async (setup) => ({ app: (await setup.gql('mutation ($name: String!) { createApp(input: { name: $name }) { app { applicationId } } }', { name: unique('reach-app') })).createApp.app.applicationId }),
  },
  'Mutation.updateApplicationSettings': {
    query: 'mutation ($app: ID!) { updateApplicationSettings(input: { applicationId: $app, quietTime: { start: "23:00", end: "06:00" } }) { settings { applicationId } } }',
    variables: { app: P.apps.ALERTS },
  },
  'UpdateApplicationSettingsPayload.app': {
    query: 'mutation ($app: ID!) { updateApplicationSettings(input: { applicationId: $app, limits: { daily: 4 } }) { app { name } } }',
    variables: { app: P.apps.ALERTS },
    via: ['Mutation.updateApplicationSettings'],
  },

  // ---------------------------------------------------------------- Pinpoint: campaigns
  'Campaign.segment': [
    // One campaign: its segment at the campaign's version.
    retail('campaign(id: $campaign) { segment { name } }', { campaign: P.campaigns.RETAIL_SPRING_SALE }, ['App.campaign'], ['GetSegmentVersion']),
  ],
  'Campaign.app': { query: 'query ($id: ID!) { node(id: $id) { ... on Campaign { app { name } } } }', variables: { id: gid('Campaign', P.apps.RETAIL, P.campaigns.RETAIL_SPRING_SALE) }, via: ['Query.node'] },
  'Campaign.versions': retail('campaign(id: $campaign) { versions { nodes { version } } }', { campaign: P.campaigns.RETAIL_SPRING_SALE }, ['App.campaign']),
  'Campaign.activities': retail('campaign(id: $campaign) { activities { nodes { activityId } } }', { campaign: P.campaigns.RETAIL_SPRING_SALE }, ['App.campaign']),
  // The campaign's SMS message sends from a seeded SMS v2 number, found among the account's numbers.
  'CampaignSmsMessage.originationPhoneNumber': {
    query: 'query ($app: ID!, $campaign: ID!) { app(id: $app) { campaign(id: $campaign) { messageConfiguration { smsMessage { originationPhoneNumber { phoneNumberId } } } } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, campaign: await newCampaign(setup, '{ smsMessage: { body: "Hello", originationNumber: "+14255550100" } }') }),
    via: ['Query.app', 'App.campaign'],
  },
  'Campaign.kpi': retail('campaign(id: $campaign) { kpi(name: UNIQUE_DELIVERIES, startTime: $start, endTime: $end) { kpiName } }', { campaign: P.campaigns.RETAIL_CART_PUSH, ...kpiRange() }, ['App.campaign']),
  // A saved version read by ID does not load the campaign itself: the run's edge does.
  'CampaignActivity.campaign': {
    query: 'query ($id: ID!) { node(id: $id) { ... on Campaign { activities { nodes { campaign { name } } } } } }',
    variables: { id: gid('Campaign', P.apps.RETAIL, P.campaigns.RETAIL_SPRING_SALE, '1') },
    via: ['Query.node', 'Campaign.activities'],
  },
  'Mutation.createCampaign': {
    query: `mutation ($app: ID!, $segment: ID!, $name: String!) { createCampaign(input: { applicationId: $app, campaign: {
      name: $name, segmentId: $segment, schedule: { startTime: "2030-01-01T10:00:00Z", frequency: ONCE }, messageConfiguration: { emailMessage: { title: "Hi" } }
    } }) { campaign { campaignId } } }`,
    variables: { app: P.apps.RETAIL, segment: P.segments.RETAIL_VIP, name: unique('reach-campaign') },
  },
  'Mutation.updateCampaign': {
    query: 'mutation ($app: ID!, $campaign: ID!) { updateCampaign(input: { applicationId: $app, campaignId: $campaign, campaign: { name: "Renamed" } }) { campaign { version } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, campaign: await newCampaign(setup) }),
  },
  'Mutation.deleteCampaign': {
    query: 'mutation ($app: ID!, $campaign: ID!) { deleteCampaign(input: { applicationId: $app, campaignId: $campaign }) { campaign { campaignId } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, campaign: await newCampaign(setup) }),
  },

  // ---------------------------------------------------------------- Pinpoint: segments
  'Segment.app': { query: 'query ($id: ID!) { node(id: $id) { ... on Segment { app { name } } } }', variables: { id: gid('Segment', P.apps.RETAIL, P.segments.RETAIL_VIP) }, via: ['Query.node'] },
  'Segment.versions': retail('segment(id: $segment) { versions { nodes { version } } }', { segment: P.segments.RETAIL_VIP }, ['App.segment']),
  'Segment.campaigns': retail('segment(id: $segment) { campaigns { campaignId } }', { segment: P.segments.RETAIL_VIP }, ['App.segment']),
  'SegmentReference.segment': [
    // The seed's group segment names one source segment at a version.
    retail('segment(id: $segment) { segmentGroups { groups { sourceSegments { segment { name } } } } }', { segment: P.segments.RETAIL_LAPSED }, ['App.segment'], ['GetSegmentVersion']),
    // A source segment without a version is read at its latest (the group segment itself is read at a version by ID).
    {
      query: 'query ($id: ID!) { node(id: $id) { ... on Segment { segmentGroups { groups { sourceSegments { segment { name } } } } } } }',
      variables: async (setup) => ({ id: gid('Segment', P.apps.RETAIL, await newSegment(setup, [{ segmentId: P.segments.RETAIL_VIP }]), '1') }),
      via: ['Query.node'],
      reaches: ['GetSegment'],
    },
  ],
  'Mutation.createSegment': {
    query: 'mutation ($app: ID!, $name: String!) { createSegment(input: { applicationId: $app, segment: { name: $name, dimensions: { demographic: { channel: { values: ["SMS"] } } } } }) { segment { segmentId } } }',
    variables: { app: P.apps.RETAIL, name: unique('reach-segment') },
  },
  'Mutation.updateSegment': {
    query: 'mutation ($app: ID!, $segment: ID!) { updateSegment(input: { applicationId: $app, segmentId: $segment, segment: { name: "Renamed" } }) { segment { version } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, segment: await newSegment(setup) }),
  },
  'Mutation.deleteSegment': {
    query: 'mutation ($app: ID!, $segment: ID!) { deleteSegment(input: { applicationId: $app, segmentId: $segment }) { segment { segmentId } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, segment: await newSegment(setup) }),
  },

  // ---------------------------------------------------------------- Pinpoint: endpoints, users, events
  'Endpoint.app': { query: 'query ($id: ID!) { node(id: $id) { ... on Endpoint { app { name } } } }', variables: { id: gid('Endpoint', P.apps.RETAIL, P.endpoints.ALICE_EMAIL) }, via: ['Query.node'] },
  'Mutation.updateEndpoint': {
    query: 'mutation ($app: ID!, $id: ID!) { updateEndpoint(input: { applicationId: $app, endpointId: $id, endpoint: { channelType: EMAIL, address: "new@example.com" } }) { message } }',
    variables: { app: P.apps.BANKING, id: unique('reach-endpoint') },
  },
  'UpdateEndpointPayload.endpoint': {
    query: 'mutation ($app: ID!, $id: ID!) { updateEndpoint(input: { applicationId: $app, endpointId: $id, endpoint: { channelType: EMAIL, address: "new@example.com" } }) { endpoint { address } } }',
    variables: { app: P.apps.BANKING, id: unique('reach-endpoint') },
    via: ['Mutation.updateEndpoint'],
  },
  'Mutation.updateEndpointsBatch': {
    query: 'mutation ($app: ID!, $id: ID!) { updateEndpointsBatch(input: { applicationId: $app, items: [{ endpointId: $id, endpoint: { channelType: EMAIL, address: "b@example.com" } }] }) { message } }',
    variables: { app: P.apps.BANKING, id: unique('reach-endpoint') },
  },
  'EndpointBatchItemResult.endpoint': {
    query:
      'mutation ($app: ID!, $id: ID!) { updateEndpointsBatch(input: { applicationId: $app, items: [{ endpointId: $id, endpoint: { channelType: EMAIL, address: "b@example.com" } }] }) { items { endpoint { address } } } }',
    variables: { app: P.apps.BANKING, id: unique('reach-endpoint') },
    via: ['Mutation.updateEndpointsBatch'],
  },
  'Mutation.deleteEndpoint': {
    query: 'mutation ($app: ID!, $id: ID!) { deleteEndpoint(input: { applicationId: $app, endpointId: $id }) { endpoint { endpointId } } }',
    variables: async (setup) => ({ app: P.apps.BANKING, id: await newEndpoint(setup) }),
  },
  'User.endpoints': retail('endpoint(id: $endpoint) { user { endpoints { endpointId } } }', { endpoint: P.endpoints.ALICE_EMAIL }, ['App.endpoint']),
  'User.app': { query: 'query ($id: ID!) { node(id: $id) { ... on User { app { name } } } }', variables: { id: gid('User', P.apps.RETAIL, P.users.ALICE) }, via: ['Query.node'] },
  'Mutation.deleteUserEndpoints': {
    query: 'mutation ($app: ID!, $user: ID!) { deleteUserEndpoints(input: { applicationId: $app, userId: $user }) { userId } }',
    variables: async (setup) => {
      const user = unique('reach-user');
      await newEndpoint(setup, user);
      return { app: P.apps.BANKING, user };
    },
  },
  'Mutation.putEvents': {
    query: `mutation ($app: ID!, $id: ID!) { putEvents(input: { applicationId: $app, batch: [{ endpointId: $id, endpoint: { channelType: EMAIL, address: "e@example.com" },
      events: [{ eventId: "e1", eventType: "reach.check", timestamp: "2030-01-01T10:00:00Z" }] }] }) { results { endpointId } } }`,
    variables: { app: P.apps.BANKING, id: unique('reach-endpoint') },
  },

  // ---------------------------------------------------------------- Pinpoint: tags
  'Mutation.tagResource': {
    query: 'mutation ($arn: String!) { tagResource(input: { resourceArn: $arn, tags: [{ key: "reach", value: "1" }] }) { resourceArn } }',
    variables: async (setup) => ({ arn: await pinpointArn(setup, 'app') }),
  },
  'Mutation.untagResource': {
    query: 'mutation ($arn: String!) { untagResource(input: { resourceArn: $arn, tagKeys: ["reach"] }) { resourceArn } }',
    variables: async (setup) => ({ arn: await pinpointArn(setup, 'app') }),
  },
  'TagResourcePayload.tags': {
    query: 'mutation ($arn: String!) { tagResource(input: { resourceArn: $arn, tags: [{ key: "reach", value: "2" }] }) { tags { key } } }',
    variables: async (setup) => ({ arn: await pinpointArn(setup, 'segment') }),
    via: ['Mutation.tagResource'],
  },
  'TagResourcePayload.resource': (['app', 'campaign', 'segment'] as const).map(
    (kind): ReachCase => ({
      query: 'mutation ($arn: String!) { tagResource(input: { resourceArn: $arn, tags: [{ key: "reach", value: "3" }] }) { resource { id } } }',
      variables: async (setup) => ({ arn: await pinpointArn(setup, kind) }),
      via: ['Mutation.tagResource'],
      reaches: [{ app: 'GetApp', campaign: 'GetCampaign', segment: 'GetSegment' }[kind]],
    }),
  ),

};

/** Module-private: `app(RETAIL) { <selection> }`. */
function retail(selection: string, variables: Variables = {}, via: readonly string[] = [], reaches?: readonly string[]): ReachCase {
  const declared = Object.keys(variables)
    .map((name) => `, $${name}: ${name === 'start' || name === 'end' ? 'DateTime!' : 'ID!'}`)
    .join('');
  return { query: `query ($app: ID!${declared}) { app(id: $app) { ${selection} } }`, variables: { app: P.apps.RETAIL, ...variables }, via: ['Query.app', ...via], ...(reaches ? { reaches } : {}) };
}

/** Module-private: a new campaign of the RETAIL project (targets VIP), by default an email campaign. */
async function newCampaign(setup: ReachSetup, messageConfiguration = '{ emailMessage: { title: "Hello" } }'): Promise<string> {
  const data = await setup.gql(
    `mutation ($app: ID!, $segment: ID!, $name: String!) { createCampaign(input: { applicationId: $app, campaign: {
      name: $name, segmentId: $segment, schedule: { startTime: "2030-01-01T10:00:00Z", frequency: ONCE }, messageConfiguration: ${messageConfiguration}
    } }) { campaign { campaignId } } }`,
    { app: P.apps.RETAIL, segment: P.segments.RETAIL_VIP, name: unique('reach-campaign') },
  );
  return data.createCampaign.campaign.campaignId;
}

/** Module-private: a new segment of the RETAIL project, optionally built from source segments. */
async function newSegment(setup: ReachSetup, sources?: readonly { segmentId: string; version?: number }[]): Promise<string> {
  const data = await setup.gql(
    `mutation ($app: ID!, $segment: WriteSegmentInput!) { createSegment(input: { applicationId: $app, segment: $segment }) { segment { segmentId } } }`,
    {
      app: P.apps.RETAIL,
      segment: {
        name: unique('reach-segment'),
        ...(sources
          ? { segmentGroups: { include: 'ALL', groups: [{ type: 'ALL', sourceType: 'ALL', sourceSegments: sources }] } }
          : { dimensions: { demographic: { channel: { values: ['EMAIL'] } } } }),
      },
    },
  );
  return data.createSegment.segment.segmentId;
}

/** Module-private: a new endpoint of the BANKING project, optionally of a user. */
async function newEndpoint(setup: ReachSetup, userId?: string): Promise<string> {
  const endpointId = unique('reach-endpoint');
  await setup.gql(
    'mutation ($app: ID!, $id: ID!, $user: EndpointUserInput) { updateEndpoint(input: { applicationId: $app, endpointId: $id, endpoint: { channelType: EMAIL, address: "reach@example.com", user: $user } }) { message } }',
    { app: P.apps.BANKING, id: endpointId, user: userId === undefined ? null : { userId } },
  );
  return endpointId;
}

/** Module-private: the ARN of a Pinpoint project, campaign or segment of the seed (read through the graph). */
async function pinpointArn(setup: ReachSetup, kind: 'app' | 'campaign' | 'segment'): Promise<string> {
  const data = await setup.gql('query ($app: ID!, $campaign: ID!, $segment: ID!) { app(id: $app) { arn campaign(id: $campaign) { arn } segment(id: $segment) { arn } } }', {
    app: P.apps.BANKING,
    campaign: P.campaigns.BANKING_CARD_OFFER,
    segment: P.segments.BANKING_HIGH_BALANCE,
  });
  switch (kind) {
    case 'app':
      return data.app.arn;
    case 'campaign':
      return data.app.campaign.arn;
    case 'segment':
      return data.app.segment.arn;
    default:
      throw new Error(`Unknown resource kind ${JSON.stringify(kind satisfies never)}`);
  }
}
