import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Pinpoint mutations over HTTP: each returns the changed object (read back through loaders the
// write primed or cleared), with exact upstream calls, and input checks made before any call.

const { apps, segments, users, endpoints } = PINPOINT_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('createApp and deleteApp return the project; a deleted project is NOT_FOUND afterwards', async () => {
  const created = await runCounted(stack, `mutation { createApp(input: { name: "Loyalty", tags: [{ key: "team", value: "crm" }] }) { app { id applicationId name arn tags { key value } } } }`);
  expect(created.body.errors).toBeUndefined();
  const app = created.body.data.createApp.app;
  expect(app).toMatchObject({ name: 'Loyalty', tags: [{ key: 'team', value: 'crm' }] });
  expect(app.arn).toMatch(new RegExp(`^arn:aws:mobiletargeting:us-east-1:\\d{12}:apps/${app.applicationId}$`));
  expect(created.gatewayCalls).toEqual({ CreateApp: 1 });

  const deleted = await runCounted(stack, `mutation($id: ID!) { deleteApp(input: { applicationId: $id }) { app { applicationId name } } }`, { id: app.applicationId });
  expect(deleted.body.data.deleteApp.app).toEqual({ applicationId: app.applicationId, name: 'Loyalty' });
  expect(deleted.gatewayCalls).toEqual({ DeleteApp: 1 });

  const after = await stack.gql(`query($id: ID!) { app(id: $id) { name } }`, { id: app.applicationId });
  expect(after.body.errors![0]).toMatchObject({ path: ['app'], extensions: { code: 'NOT_FOUND' } });
});

test('updateApplicationSettings returns the new settings and the project', async () => {
  const mutation = `mutation($id: ID!) { updateApplicationSettings(input: {
    applicationId: $id, limits: { daily: 3, messagesPerSecond: 25 }, quietTime: { start: "23:00", end: "06:30" }, journeyLimits: { dailyCap: 2, timeframeCap: { cap: 4, days: 14 } }
  }) { settings { applicationId limits { daily messagesPerSecond } quietTime { start end } journeyLimits { dailyCap timeframeCap { cap days } } } app { name } } }`;
  const { body, gatewayCalls } = await runCounted(stack, mutation, { id: apps.ALERTS });
  expect(body.errors).toBeUndefined();
  expect(body.data.updateApplicationSettings).toEqual({
    settings: { applicationId: apps.ALERTS, limits: { daily: 3, messagesPerSecond: 25 }, quietTime: { start: '23:00', end: '06:30' }, journeyLimits: { dailyCap: 2, timeframeCap: { cap: 4, days: 14 } } },
    app: { name: 'Internal Alerts' },
  });
  expect(gatewayCalls).toEqual({ UpdateApplicationSettings: 1, GetApp: 1 });
  const read = await runCounted(stack, `query($id: ID!) { app(id: $id) { settings { limits { daily } } } }`, { id: apps.ALERTS });
  expect(read.body.data.app.settings.limits.daily).toBe(3);
});

test('createCampaign, updateCampaign and deleteCampaign return the campaign as changed', async () => {
  const created = await runCounted(
    stack,
    `mutation($app: ID!, $segment: ID!) { createCampaign(input: { applicationId: $app, campaign: {
      name: "Flash sale", segmentId: $segment, segmentVersion: 3,
      schedule: { startTime: "2030-01-01T10:00:00Z", frequency: ONCE, timezone: "UTC" },
      messageConfiguration: { emailMessage: { title: "Flash", htmlBody: "<p>Now</p>", fromAddress: "offers@retail.example.com" } },
      additionalTreatments: [{ sizePercent: 40, treatmentName: "B", messageConfiguration: { emailMessage: { title: "Flash B" } } }],
      limits: { daily: 1 }, tags: [{ key: "channel", value: "email" }]
    } }) { campaign { id campaignId name version state segment { name version } treatments { treatmentName sizePercent } tags { key value } schedule { startTime frequency } } } }`,
    { app: apps.RETAIL, segment: segments.RETAIL_VIP },
  );
  expect(created.body.errors).toBeUndefined();
  const campaign = created.body.data.createCampaign.campaign;
  expect(campaign).toMatchObject({
    name: 'Flash sale',
    version: 1,
    segment: { name: 'VIP shoppers (spend 500+)', version: 3 },
    treatments: [{ treatmentName: 'B', sizePercent: 40 }],
    tags: [{ key: 'channel', value: 'email' }],
    schedule: { startTime: '2030-01-01T10:00:00Z', frequency: 'ONCE' },
  });
  expect(created.gatewayCalls).toEqual({ CreateCampaign: 1, GetSegmentVersion: 1 });

  const updated = await runCounted(
    stack,
    `mutation($app: ID!, $campaign: ID!, $segment: ID!) { updateCampaign(input: { applicationId: $app, campaignId: $campaign, campaign: {
      name: "Flash sale (extended)", segmentId: $segment, segmentVersion: 3, schedule: { startTime: "2030-01-02T10:00:00Z", frequency: ONCE },
      messageConfiguration: { emailMessage: { title: "Flash, extended" } }
    } }) { campaign { name version messageConfiguration { emailMessage { title } } versions { nodes { version } } } } }`,
    { app: apps.RETAIL, campaign: campaign.campaignId, segment: segments.RETAIL_VIP },
  );
  expect(updated.body.errors).toBeUndefined();
  expect(updated.body.data.updateCampaign.campaign).toMatchObject({ name: 'Flash sale (extended)', version: 2, messageConfiguration: { emailMessage: { title: 'Flash, extended' } } });
  expect(updated.body.data.updateCampaign.campaign.versions.nodes.map((v: any) => v.version).sort()).toEqual([1, 2]);
  expect(updated.gatewayCalls).toEqual({ UpdateCampaign: 1, GetCampaignVersions: 1 });

  const deleted = await runCounted(stack, `mutation($app: ID!, $campaign: ID!) { deleteCampaign(input: { applicationId: $app, campaignId: $campaign }) { campaign { campaignId name } } }`, {
    app: apps.RETAIL,
    campaign: campaign.campaignId,
  });
  expect(deleted.body.data.deleteCampaign.campaign).toEqual({ campaignId: campaign.campaignId, name: 'Flash sale (extended)' });
  expect(deleted.gatewayCalls).toEqual({ DeleteCampaign: 1 });
  const after = await stack.gql(`query($app: ID!, $campaign: ID!) { app(id: $app) { campaign(id: $campaign) { name } } }`, { app: apps.RETAIL, campaign: campaign.campaignId });
  expect(after.body.errors![0]).toMatchObject({ path: ['app', 'campaign'], extensions: { code: 'NOT_FOUND' } });
});

test('createSegment and updateSegment round-trip typed dimensions; deleteSegment returns the segment', async () => {
  const dimensions = `{
    demographic: { channel: { dimensionType: INCLUSIVE, values: ["EMAIL"] } },
    location: { country: { values: ["US"] } },
    attributes: [{ key: "tier", attributeType: INCLUSIVE, values: ["gold"] }],
    metrics: [{ key: "lifetime_spend", comparisonOperator: "GREATER_THAN", value: 100 }]
  }`;
  const selection = `segmentId name version segmentType dimensions {
    demographic { channel { dimensionType values } } location { country { values } }
    attributes { key attributeType values } metrics { key comparisonOperator value } userAttributes { key }
  } campaigns { name }`;
  const created = await runCounted(stack, `mutation($app: ID!) { createSegment(input: { applicationId: $app, segment: { name: "Gold emailers", dimensions: ${dimensions} } }) { segment { ${selection} } } }`, { app: apps.RETAIL });
  expect(created.body.errors).toBeUndefined();
  const segment = created.body.data.createSegment.segment;
  expect(segment).toMatchObject({
    name: 'Gold emailers',
    version: 1,
    segmentType: 'DIMENSIONAL',
    dimensions: {
      demographic: { channel: { dimensionType: 'INCLUSIVE', values: ['EMAIL'] } },
      location: { country: { values: ['US'] } },
      attributes: [{ key: 'tier', attributeType: 'INCLUSIVE', values: ['gold'] }],
      metrics: [{ key: 'lifetime_spend', comparisonOperator: 'GREATER_THAN', value: 100 }],
      userAttributes: [],
    },
    campaigns: [],
  });
  // The reverse edge reads the app's campaign list (GetCampaigns) once.
  expect(created.gatewayCalls).toEqual({ CreateSegment: 1, GetCampaigns: 1 });

  const updated = await runCounted(stack, `mutation($app: ID!, $segment: ID!) { updateSegment(input: { applicationId: $app, segmentId: $segment, segment: { name: "Gold emailers (US)" } }) { segment { name version } } }`, {
    app: apps.RETAIL,
    segment: segment.segmentId,
  });
  expect(updated.body.data.updateSegment.segment).toEqual({ name: 'Gold emailers (US)', version: 2 });
  expect(updated.gatewayCalls).toEqual({ UpdateSegment: 1 });

  const deleted = await runCounted(stack, `mutation($app: ID!, $segment: ID!) { deleteSegment(input: { applicationId: $app, segmentId: $segment }) { segment { segmentId name } } }`, { app: apps.RETAIL, segment: segment.segmentId });
  expect(deleted.body.data.deleteSegment.segment).toEqual({ segmentId: segment.segmentId, name: 'Gold emailers (US)' });
  expect(deleted.gatewayCalls).toEqual({ DeleteSegment: 1 });
});

test('duplicate keys in an input map are BAD_USER_INPUT before any upstream call', async () => {
  const { body, gatewayCalls, wireCalls } = await runCounted(stack, `mutation { createApp(input: { name: "Twice", tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }) { app { name } } }`);
  expect(body.errors![0]).toMatchObject({ message: '"input.tags[].key" must be unique; "a" appears more than once.', extensions: { code: 'BAD_USER_INPUT' } });
  expect(gatewayCalls).toEqual({});
  expect(wireCalls).toEqual({});
});

test('updateEndpoint returns the endpoint read back after the write', async () => {
  const mutation = `mutation($app: ID!, $user: String!) { updateEndpoint(input: { applicationId: $app, endpointId: "graph-test-sms", endpoint: {
    channelType: SMS, address: "+12065550177", attributes: { tier: ["silver"] }, metrics: { visits: 3 }, user: { userId: $user, userAttributes: { FirstName: ["alice"] } }
  } }) { message requestId endpoint { endpointId address channelType attributes metrics user { userId } } } }`;
  const { body, gatewayCalls } = await runCounted(stack, mutation, { app: apps.RETAIL, user: users.ALICE });
  expect(body.errors).toBeUndefined();
  expect(body.data.updateEndpoint).toMatchObject({
    message: 'Accepted',
    requestId: expect.any(String),
    endpoint: { endpointId: 'graph-test-sms', address: '+12065550177', channelType: 'SMS', attributes: { tier: ['silver'] }, metrics: { visits: 3 }, user: { userId: users.ALICE } },
  });
  expect(gatewayCalls).toEqual({ UpdateEndpoint: 1, GetEndpoint: 1 });
});

test('a JSON attributes map of the wrong shape is BAD_USER_INPUT before any upstream call', async () => {
  const { body, gatewayCalls } = await runCounted(stack, `mutation($app: ID!) { updateEndpoint(input: { applicationId: $app, endpointId: "x", endpoint: { attributes: { tier: "gold" } } }) { message } }`, { app: apps.RETAIL });
  expect(body.errors![0]).toMatchObject({ message: '"input.endpoint.attributes.tier" must be a list of strings; got "gold".', extensions: { code: 'BAD_USER_INPUT' } });
  expect(gatewayCalls).toEqual({});
});

test('updateEndpointsBatch returns one result per item, in input order', async () => {
  const mutation = `mutation($app: ID!) { updateEndpointsBatch(input: { applicationId: $app, items: [
    { endpointId: "graph-batch-2", endpoint: { channelType: EMAIL, address: "two@example.com" } },
    { endpointId: "graph-batch-1", endpoint: { channelType: EMAIL, address: "one@example.com" } }
  ] }) { message items { endpointId endpoint { address } } } }`;
  const { body, gatewayCalls } = await runCounted(stack, mutation, { app: apps.BANKING });
  expect(body.errors).toBeUndefined();
  expect(body.data.updateEndpointsBatch).toEqual({
    message: 'Accepted',
    items: [
      { endpointId: 'graph-batch-2', endpoint: { address: 'two@example.com' } },
      { endpointId: 'graph-batch-1', endpoint: { address: 'one@example.com' } },
    ],
  });
  expect(gatewayCalls).toEqual({ UpdateEndpointsBatch: 1, GetEndpoint: 2 });
});

test('updateEndpointsBatch refuses more than 100 items before any upstream call', async () => {
  const items = Array.from({ length: 101 }, (_, i) => ({ endpointId: `bulk-${i}`, endpoint: { channelType: 'EMAIL', address: `bulk-${i}@example.com` } }));
  const { body, gatewayCalls, wireCalls } = await runCounted(stack, `mutation($app: ID!, $items: [EndpointBatchItemInput!]!) { updateEndpointsBatch(input: { applicationId: $app, items: $items }) { message } }`, {
    app: apps.BANKING,
    items,
  });
  expect(body.errors![0]).toMatchObject({ message: '"input.items" must hold 1 to 100 endpoints (the UpdateEndpointsBatch limit); got 101.', extensions: { code: 'BAD_USER_INPUT' } });
  expect(gatewayCalls).toEqual({});
  expect(wireCalls).toEqual({});
});

test('deleteEndpoint and deleteUserEndpoints return what they deleted', async () => {
  const one = await runCounted(stack, `mutation($app: ID!, $id: ID!) { deleteEndpoint(input: { applicationId: $app, endpointId: $id }) { endpoint { endpointId address } } }`, { app: apps.BANKING, id: endpoints.FRANK_SMS });
  expect(one.body.data.deleteEndpoint.endpoint).toEqual({ endpointId: endpoints.FRANK_SMS, address: '+4915155550103' });
  expect(one.gatewayCalls).toEqual({ DeleteEndpoint: 1 });

  const all = await runCounted(stack, `mutation($app: ID!, $user: ID!) { deleteUserEndpoints(input: { applicationId: $app, userId: $user }) { userId endpoints { endpointId } } }`, { app: apps.ALERTS, user: users.ONCALL });
  expect(all.body.data.deleteUserEndpoints.userId).toBe(users.ONCALL);
  expect(all.body.data.deleteUserEndpoints.endpoints.map((e: any) => e.endpointId).sort()).toEqual([endpoints.ONCALL_PRIMARY, endpoints.ONCALL_SECONDARY]);
  expect(all.gatewayCalls).toEqual({ DeleteUserEndpoints: 1 });
  const after = await stack.gql(`query($app: ID!, $id: ID!) { app(id: $app) { endpoint(id: $id) { address } } }`, { app: apps.ALERTS, id: endpoints.ONCALL_PRIMARY });
  expect(after.body.errors![0]).toMatchObject({ path: ['app', 'endpoint'], extensions: { code: 'NOT_FOUND' } });
});

test('putEvents returns per-endpoint and per-event results in input order', async () => {
  const mutation = `mutation($app: ID!) { putEvents(input: { applicationId: $app, batch: [{
    endpointId: "graph-events-device", endpoint: { channelType: GCM, address: "fcm-graph-events" },
    events: [
      { eventId: "e-good", eventType: "cart.abandoned", timestamp: "2030-01-01T10:00:00Z", attributes: { sku: "A1" }, metrics: { value: 12.5 } },
      { eventId: "e-bad", eventType: "cart.abandoned", timestamp: "yesterday" }
    ]
  }] }) { results { endpointId endpointResult { statusCode message } events { eventId statusCode message } } } }`;
  const { body, gatewayCalls } = await runCounted(stack, mutation, { app: apps.RETAIL });
  expect(body.errors).toBeUndefined();
  expect(body.data.putEvents.results).toEqual([
    {
      endpointId: 'graph-events-device',
      endpointResult: { statusCode: 202, message: 'Accepted' },
      events: [
        { eventId: 'e-good', statusCode: 202, message: 'Accepted' },
        { eventId: 'e-bad', statusCode: 400, message: "Timestamp must be an ISO 8601 date-time; got 'yesterday'" },
      ],
    },
  ]);
  expect(gatewayCalls).toEqual({ PutEvents: 1 });
});

test('tagResource and untagResource return the tags and the resource read again', async () => {
  const arnOf = await stack.gql(`query($app: ID!) { app(id: $app) { segment(id: "${segments.BANKING_HIGH_BALANCE}") { arn } } }`, { app: apps.BANKING });
  const arn = arnOf.body.data.app.segment.arn;
  const tagged = await runCounted(stack, `mutation($arn: String!) { tagResource(input: { resourceArn: $arn, tags: [{ key: "owner", value: "risk" }] }) {
    resourceArn tags { key value } resource { __typename ... on Segment { name tags { key } } }
  } }`, { arn });
  expect(tagged.body.errors).toBeUndefined();
  expect(tagged.body.data.tagResource).toEqual({
    resourceArn: arn,
    tags: [
      { key: 'owner', value: 'risk' },
      { key: 'sensitivity', value: 'high' },
    ],
    resource: { __typename: 'Segment', name: 'High balance', tags: [{ key: 'owner' }, { key: 'sensitivity' }] },
  });
  expect(tagged.gatewayCalls).toEqual({ TagResource: 1, ListTagsForResource: 1, GetSegment: 1 });

  const untagged = await runCounted(stack, `mutation($arn: String!) { untagResource(input: { resourceArn: $arn, tagKeys: ["sensitivity"] }) { tags { key value } } }`, { arn });
  expect(untagged.body.data.untagResource.tags).toEqual([{ key: 'owner', value: 'risk' }]);
  expect(untagged.gatewayCalls).toEqual({ UntagResource: 1, ListTagsForResource: 1 });
});
