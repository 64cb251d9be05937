import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { daysAgo, readReferenceQuery, runCounted } from './support';

// The reference queries of test/queries/pinpoint-*.graphql, run over HTTP against the seeded
// emulator: each costs exactly the minimum its header computes, as counted by the gateway and as
// received by the emulator, and returns the seeded data.

const { apps, campaigns, segments, users, endpoints, activities } = PINPOINT_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Runs a reference query and asserts it cost exactly its documented minimum, in both views. */
async function runReference(name: string, extraVariables: Record<string, unknown> = {}) {
  const reference = readReferenceQuery(name);
  const result = await runCounted(stack, reference.query, { ...reference.variables, ...extraVariables });
  expect(result.body.errors).toBeUndefined();
  expect(result.status).toBe(200);
  expect(result.gatewayCalls).toEqual(reference.minimumCalls);
  expect(result.wireCalls).toEqual(reference.minimumCalls);
  return result.body.data;
}

test('apps → campaigns → segment at the campaign’s version costs GetApps 1, GetCampaigns 3, GetSegmentVersion 6, in 3 rounds', async () => {
  const data = await runReference('pinpoint-apps-campaigns-segments');
  expect(data.apps.nodes.map((app: any) => app.name)).toEqual(['Retail Storefront', 'Mobile Banking', 'Internal Alerts']);
  const retail = data.apps.nodes[0].campaigns.nodes;
  const byId = Object.fromEntries(retail.map((c: any) => [c.campaignId, c]));
  // Every version comes from GetSegmentVersion, pinned to the campaign's version.
  expect(byId[campaigns.RETAIL_SPRING_SALE]).toEqual({
    campaignId: campaigns.RETAIL_SPRING_SALE,
    name: 'Spring sale email',
    state: 'COMPLETED',
    segmentVersion: 2,
    segment: { segmentId: segments.RETAIL_VIP, name: 'VIP shoppers', version: 2 },
  });
  expect(byId[campaigns.RETAIL_WEEKLY_DIGEST].segment).toEqual({ segmentId: segments.RETAIL_ALL_CUSTOMERS, name: 'All customers', version: 1 });
  expect(byId[campaigns.RETAIL_SUMMER_LAUNCH].segment).toEqual({ segmentId: segments.RETAIL_ALL_CUSTOMERS, name: 'All customers', version: 2 });
  expect(byId[campaigns.RETAIL_PAUSED_PROMO].segment).toEqual({ segmentId: segments.RETAIL_NEWSLETTER_IMPORT, name: 'Newsletter import', version: 1 });
  expect(data.apps.nodes[1].campaigns.nodes.map((c: any) => [c.name, c.segment.name, c.segment.version])).toEqual([
    ['Card offer', 'High balance', 1],
    ['Security tips', 'Active app users (7 days)', 2],
  ]);
  expect(data.apps.nodes[2].campaigns.nodes).toEqual([]);
});

test('the same fields under two aliases cost the same as once', async () => {
  const data = await runReference('pinpoint-aliases');
  expect(data.first.name).toBe('Retail Storefront');
  expect(data.second.appName).toBe('Retail Storefront');
  expect(data.first.list.nodes).toHaveLength(5);
  expect(data.second.list.nodes.map((c: any) => c.campaignId)).toEqual(data.first.list.nodes.map((c: any) => c.campaignId));
  expect(data.first.one).toEqual({ name: 'Spring sale email', version: 3 });
  expect(data.second.one).toEqual({ campaignName: 'Spring sale email' });
});

test('a campaign detail page with versions, runs and two KPIs costs one call per resource and per KPI', async () => {
  const data = await runReference('pinpoint-campaign-detail', { start: daysAgo(30), end: daysAgo(0) });
  const campaign = data.app.campaign;
  expect(campaign).toMatchObject({
    name: 'Spring sale email',
    description: 'A/B/C test of the subject line',
    version: 3,
    state: 'COMPLETED',
    holdoutPercent: 10,
    treatmentName: 'Control',
    schedule: { frequency: 'ONCE', timezone: 'UTC', isLocalTime: false },
    limits: { daily: 1, total: 1 },
    messageConfiguration: { emailMessage: { title: 'Spring sale is here', body: 'Up to 40% off.', htmlBody: '<p>Up to 40% off.</p>', fromAddress: 'offers@retail.example.com' } },
    tags: [
      { key: 'channel', value: 'email' },
      { key: 'season', value: 'spring' },
    ],
    segment: { segmentId: segments.RETAIL_VIP, name: 'VIP shoppers', version: 2 },
  });
  expect(campaign.treatments).toEqual([
    { treatmentId: '0', treatmentName: 'Subject B', sizePercent: 30, messageConfiguration: { emailMessage: { title: 'Last chance: spring sale' } } },
    { treatmentId: '1', treatmentName: 'Subject C', sizePercent: 20, messageConfiguration: { emailMessage: { title: 'Your VIP spring preview' } } },
  ]);
  const versions = campaign.versions.nodes;
  expect(versions.map((v: any) => [v.version, v.segmentVersion, v.messageConfiguration.emailMessage.title]).sort()).toEqual([
    [1, 1, 'Spring sale'],
    [2, 2, 'Spring sale is here'],
    [3, 2, 'Spring sale is here'],
  ]);
  // A saved version's global ID names its version, so it differs from the campaign's own ID.
  expect(new Set([campaign.id, ...versions.map((v: any) => v.id)]).size).toBe(4);
  expect(campaign.activities.nodes.map((a: any) => a.activityId).sort()).toEqual([activities.SPRING_SALE_DEFAULT, activities.SPRING_SALE_TREATMENT_0, activities.SPRING_SALE_TREATMENT_1].sort());
  // SPRING_SALE: 4 sends, 3 deliveries (dave hard-bounced).
  expect(campaign.deliveryRate).toEqual({ kpiName: 'SUCCESSFUL_DELIVERY_RATE', rows: [{ groupedBy: [], values: [{ key: 'SuccessfulDeliveryRate', type: 'Double', value: 0.75, rawValue: expect.any(String) }] }] });
  const byRun = Object.fromEntries(campaign.deliveriesByRun.rows.map((row: any) => [row.groupedBy[0].rawValue, row.values[0].value]));
  expect(campaign.deliveriesByRun.rows[0].groupedBy[0].key).toBe('CampaignActivityId');
  expect(byRun).toEqual({ [activities.SPRING_SALE_DEFAULT]: 1, [activities.SPRING_SALE_TREATMENT_0]: 1, [activities.SPRING_SALE_TREATMENT_1]: 1 });
});

test('a list followed by lookups of the listed objects costs nothing more (GetApp 0, GetCampaign 0)', async () => {
  const data = await runReference('pinpoint-list-then-lookups');
  const retail = data.apps.nodes[0];
  for (const campaign of retail.campaigns.nodes) {
    expect(campaign.app).toEqual({ name: 'Retail Storefront' });
    for (const activity of campaign.activities.nodes) expect(activity.campaign).toEqual({ name: campaign.name, app: { applicationId: apps.RETAIL, name: 'Retail Storefront' } });
  }
  expect(data.apps.nodes[1].campaigns.nodes.map((c: any) => c.activities.nodes.length)).toEqual([1, 1]);
});

test('segment → campaigns (no upstream reverse lookup) reads the app’s campaign list once', async () => {
  const data = await runReference('pinpoint-segment-campaigns');
  const bySegment = Object.fromEntries(data.app.segments.nodes.map((s: any) => [s.name, s.campaigns.map((c: any) => c.name).sort()]));
  expect(bySegment).toEqual({
    'All customers': ['Cart reminder push', 'Summer launch', 'Weekly digest'],
    'VIP shoppers (spend 500+)': ['Spring sale email'],
    'Newsletter import': ['Paused promo'],
    'Lapsed buyers': [],
  });
  expect(data.app.campaigns.nodes).toHaveLength(5);
});

test('a user with its endpoints and the cycle back to the user costs one GetUserEndpoints', async () => {
  const data = await runReference('pinpoint-user-endpoints');
  const user = data.app.user;
  expect(user.userId).toBe(users.ALICE);
  expect(user.endpoints.map((e: any) => [e.endpointId, e.channelType]).sort()).toEqual([
    [endpoints.ALICE_EMAIL, 'EMAIL'],
    [endpoints.ALICE_IPHONE, 'APNS'],
    [endpoints.ALICE_SMS, 'SMS'],
  ]);
  const email = user.endpoints.find((e: any) => e.endpointId === endpoints.ALICE_EMAIL);
  expect(email).toMatchObject({
    address: 'alice@example.com',
    attributes: { tier: ['gold'] },
    metrics: { lifetime_spend: 820 },
    userAttributes: { FirstName: ['alice'], Interests: ['shoes', 'travel'] },
    location: { city: 'Seattle', country: 'US' },
    app: { name: 'Retail Storefront' },
    user: { userId: users.ALICE },
  });
  expect(email.user.endpoints).toHaveLength(3);
});

test('a journey detail page with typed activities, their templates, runs and a KPI costs one call per resource', async () => {
  const data = await runReference('pinpoint-journey-detail', { start: daysAgo(20), end: daysAgo(0) });
  const journey = data.app.journey;
  expect(journey).toMatchObject({
    name: 'OnboardingSeries',
    state: 'ACTIVE',
    refreshFrequency: 'P7D',
    schedule: { timezone: 'UTC' },
    limits: { dailyCap: 1, endpointReentryCap: 1, messagesPerSecond: 50 },
    quietTime: { start: '22:00', end: '07:00' },
    startCondition: { segmentId: segments.RETAIL_ALL_CUSTOMERS, segment: { name: 'All customers' } },
    startActivity: { activityId: 'welcome', type: 'EMAIL' },
  });
  const byId = Object.fromEntries(journey.activities.map((a: any) => [a.activityId, a]));
  expect(journey.activities.map((a: any) => [a.activityId, a.type, a.nextActivities.map((n: any) => n.activityId)])).toEqual([
    ['welcome', 'EMAIL', ['pause']],
    ['pause', 'WAIT', ['opened']],
    ['opened', 'CONDITIONAL_SPLIT', ['nudge', 'reminder']],
    ['nudge', 'PUSH', []],
    ['reminder', 'SMS', []],
  ]);
  expect(byId.welcome.email).toEqual({ templateName: 'WelcomeEmail', templateVersion: '2', template: { templateName: 'WelcomeEmail', version: '2', subject: 'Welcome to the Retail Storefront' } });
  expect(byId.nudge.push).toEqual({ templateName: 'CartReminder', template: { templateName: 'CartReminder', version: '2' } });
  expect(byId.reminder.sms).toEqual({ templateName: 'OrderShipped', messageType: 'PROMOTIONAL', template: { templateName: 'OrderShipped', body: 'Your order {{Attributes.OrderId}} has shipped.' } });
  expect(byId.opened.conditionalSplit).toEqual({
    trueActivityId: 'nudge',
    falseActivityId: 'reminder',
    evaluationWaitTime: { waitFor: 'P1D' },
    condition: { operator: 'ALL', conditions: [{ eventCondition: { messageActivityId: 'welcome' } }] },
  });
  expect(byId.pause.wait).toEqual({ waitTime: { waitFor: 'P2D' }, nextActivityId: 'opened' });
  // Most recent run first, as upstream orders them.
  expect(journey.runs.nodes.map((r: any) => [r.runId, r.status])).toEqual([
    [JOURNEY_SEED.runs.ONBOARDING_RUN_3, 'RUNNING'],
    [JOURNEY_SEED.runs.ONBOARDING_RUN_2, 'COMPLETED'],
    [JOURNEY_SEED.runs.ONBOARDING_RUN_1, 'COMPLETED'],
  ]);
  expect(journey.runs.nodes[0].executionMetrics.metrics).toContainEqual({ name: 'ENDPOINT_ENTERED', value: 0 });
  expect(journey.executionMetrics.metrics.map((m: any) => m.name)).toEqual(['ACTIVE_ENDPOINT_REJECTED', 'CANCELLED', 'ENDPOINT_ACTIVE', 'ENDPOINT_ENTERED', 'ENDPOINT_LEFT', 'REENTRY_CAP_EXCEEDED']);
  expect(journey.sent).toEqual({ kpiName: 'JOURNEY_EMAILS_SENT', rows: [] });
});

test('the template library lists metadata in one call and reads content only where asked', async () => {
  const data = await runReference('pinpoint-templates');
  expect(data.templates.nodes.map((t: any) => [t.__typename, t.templateName, t.version])).toEqual([
    ['EmailTemplate', 'WelcomeEmail', '2'],
    ['SmsTemplate', 'OrderShipped', '1'],
    ['PushTemplate', 'CartReminder', '2'],
    ['VoiceTemplate', 'OtpCall', '1'],
    ['InAppTemplate', 'SpringBanner', '1'],
    ['SmsTemplate', 'SecurityAlert', '1'],
  ]);
  expect(data.templates.nodes[1].body).toBe('Your order {{Attributes.OrderId}} has shipped.');
  expect(data.templates.nodes[5].body).toBe('New sign-in to your account from {{Attributes.Device}}.');
  expect(data.welcome).toMatchObject({ version: '2', subject: 'Welcome to the Retail Storefront', tags: [{ key: 'team', value: 'growth' }] });
  expect(data.welcome.versions.nodes.map((v: any) => [v.version, v.description])).toEqual([
    ['1', 'Welcome email, revision 1'],
    ['2', 'Welcome email, revision 2'],
    ['3', 'Welcome email, revision 3'],
  ]);
  expect(data.welcome.versions.nodes[0].defaultSubstitutions).toEqual({ 'User.UserAttributes.FirstName': 'there', 'Attributes.Store': 'our store' });
  // A saved version's global ID names its version; the active template's does not.
  expect(new Set([data.welcome.id, ...data.welcome.versions.nodes.map((v: any) => v.id)]).size).toBe(4);
});

test('a channel settings page costs one call per channel read and none for a listed field already read', async () => {
  const data = await runReference('pinpoint-channels');
  expect(data.app.channels.map((c: any) => [c.__typename, c.channelType, c.enabled])).toEqual([
    ['ApnsChannel', 'APNS', true],
    ['EmailChannel', 'EMAIL', true],
    ['GcmChannel', 'GCM', true],
    ['SmsChannel', 'SMS', true],
  ]);
  expect(data.app.channels[3].senderId).toBe('RETAIL');
  expect(data.app.smsChannel).toEqual({ senderId: 'RETAIL', shortCode: null, transactionalMessagesPerSecond: 20 });
  expect(data.app.emailChannel).toEqual({ fromAddress: 'offers@retail.example.com', identity: expect.stringMatching(/:identity\/retail\.example\.com$/), messagesPerSecond: 1 });
  expect(data.app.voiceChannel).toBeNull();
  expect(data.app.eventStream).toEqual({ destinationStreamArn: expect.stringMatching(/:stream\/retail-events$/), roleArn: expect.stringMatching(/:role\/PinpointEventStream$/) });
});

test('import/export history with the segment a job defined reads that segment once', async () => {
  const data = await runReference('pinpoint-jobs');
  const job = { jobId: CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER, jobStatus: 'COMPLETED' };
  expect(data.app.importJobs.nodes).toEqual([
    { ...job, totalProcessed: 3, definition: { s3Url: expect.stringMatching(/^s3:\/\//), format: 'CSV', registerEndpoints: true, segmentId: segments.RETAIL_NEWSLETTER_IMPORT, segment: { name: 'Newsletter import' } } },
  ]);
  expect(data.app.exportJobs).toEqual({ nodes: [], pageInfo: { hasNextPage: false } });
  expect(data.app.segment).toEqual({ name: 'Newsletter import', importJobs: { nodes: [job] } });
  expect(data.recommenderConfigurations.nodes).toEqual([{ recommenderId: CHANNELS_SEED.recommenders.RETAIL_PICKS, name: 'Retail picks', recommendationsPerMessage: 3 }]);
});
