import type { OutboxEntry } from '../../emulator/pinpoint-delivery/kit';
import { startStack, type Stack } from '../../helpers/startStack';
import { readReferenceQuery, runCounted, type CountedResult } from '../pinpoint/support';

// The end-to-end marketing scenario, through GraphQL only: a project with ten endpoints, a "gold
// plan" segment, an email + SMS campaign from a template, then a journey (email → wait → yes/no
// split on the email's open → thank-you email or SMS nudge), and email opens reported through
// putEvents. The emulator admin API is used only to move the clock and to read the outbox (the
// recipients' inboxes). Each read costs exactly the minimum its reference query's header computes
// (test/queries/scenario-marketing-*.graphql), as the gateway counted it and as the emulator saw it.
//
// The steps share one stack and run in order: each test is the next step of the same story.
//
// KPI cache: the gateway caches a KPI result per (resource ARN, KPI name, range); a range that
// includes today lives `ttlCurrentSeconds` (60 s by default). The stack sets it to an hour so
// that the "same range answers from the cache" check cannot depend on how fast the test runs;
// fresh numbers after putEvents are read with a new range (the end one second earlier), which is
// a new cache key.

/** Module-private: today's UTC midnight (real time: the gateway checks KPI ranges against it). */
const TODAY = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
/** Module-private: `seconds` after today's UTC midnight, as ISO 8601. */
const at = (seconds: number) => new Date(TODAY.getTime() + seconds * 1000).toISOString();
const HOUR = 3600;

// The story's instants, all within today (UTC), so "today" covers every send and every open.
const T0 = at(10 * HOUR); // the clock is frozen here before anything is created
const CAMPAIGN_START = at(10 * HOUR + 5 * 60);
const T1 = at(10 * HOUR + 10 * 60); // past the campaign's start; the journey is published here
const T2 = at(10 * HOUR + 20 * 60); // the journey's participants wait; recipients open emails
const JOURNEY_END = at(12 * HOUR + 10 * 60); // T1 + 2 h
const DAY = { start: at(0), end: at(24 * HOUR - 1) };
/** The same day with its end one second earlier: a new KPI cache key over the same events. */
const DAY_AGAIN = { start: DAY.start, end: at(24 * HOUR - 2) };

/** Module-private: the ten endpoints: email and SMS, some with a user ID, some on the gold plan, one opted out. */
const ENDPOINTS = [
  { endpointId: 'email-ann', endpoint: { channelType: 'EMAIL', address: 'ann@example.com', attributes: { plan: ['gold'] }, user: { userId: 'ann', userAttributes: { FirstName: ['Ann'] } } } },
  { endpointId: 'email-bob', endpoint: { channelType: 'EMAIL', address: 'bob@example.com', attributes: { plan: ['gold'] }, user: { userId: 'bob', userAttributes: { FirstName: ['Bob'] } } } },
  { endpointId: 'email-cy', endpoint: { channelType: 'EMAIL', address: 'cy@example.com', attributes: { plan: ['silver'] }, user: { userId: 'cy' } } },
  { endpointId: 'email-dan', endpoint: { channelType: 'EMAIL', address: 'dan@example.com', attributes: { plan: ['gold'] }, optOut: 'ALL' } },
  { endpointId: 'email-eve', endpoint: { channelType: 'EMAIL', address: 'eve@example.com', attributes: { plan: ['gold'] } } },
  { endpointId: 'email-hal', endpoint: { channelType: 'EMAIL', address: 'hal@example.com' } },
  { endpointId: 'sms-ann', endpoint: { channelType: 'SMS', address: '+12065550101', attributes: { plan: ['gold'] }, user: { userId: 'ann' } } },
  { endpointId: 'sms-bob', endpoint: { channelType: 'SMS', address: '+12065550102', attributes: { plan: ['silver'] }, user: { userId: 'bob' } } },
  { endpointId: 'sms-fay', endpoint: { channelType: 'SMS', address: '+12065550103', attributes: { plan: ['gold'] } } },
  { endpointId: 'sms-gus', endpoint: { channelType: 'SMS', address: '+12065550104' } },
];
/** Gold-plan endpoints minus the opted-out one (email-dan): who the campaign and the journey reach. */
const GOLD_EMAIL = ['ann@example.com', 'bob@example.com', 'eve@example.com'];
const GOLD_SMS = ['+12065550101', '+12065550103'];

const campaignReport = readReferenceQuery('scenario-marketing-campaign-report');
const journeyProgress = readReferenceQuery('scenario-marketing-journey-progress');

let stack: Stack;
/** IDs the steps create and later steps read. */
const ids = { app: '', segment: '', campaign: '', journey: '', run: '' };
/** Outbox message IDs of the journey's welcome emails and the campaign's emails, by address (what an opened email reports). */
const welcomeIds = new Map<string, string>();
const campaignEmailIds = new Map<string, OutboxEntry>();

beforeAll(async () => {
  stack = await startStack({ seed: false, gateway: { kpi: { ttlCurrentSeconds: HOUR } } });
});
afterAll(() => stack.close());

/** Module-private: one admin call; fails loudly on a non-200 answer. */
async function admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.emulator.endpoint}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (response.status !== 200) throw new Error(`${method} /_emulator/${path} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Module-private: moves the emulator clock to `iso` (it stays frozen there); what became due runs. */
async function clockTo(iso: string): Promise<void> {
  const state = await admin<{ now: string }>('POST', 'clock', { set: iso });
  expect(state.now).toBe(iso);
}

/** Module-private: the Pinpoint messages in the outbox ("the recipients' phones and inboxes"), oldest first. */
async function outbox(): Promise<OutboxEntry[]> {
  return (await admin<{ messages: OutboxEntry[] }>('GET', 'outbox?service=pinpoint')).messages;
}

/** Module-private: a GraphQL write that must succeed. */
async function write(query: string, variables: Record<string, unknown>): Promise<any> {
  const { status, body } = await stack.gql(query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  return body.data;
}

/** Module-private: a counted reference read that must succeed and cost exactly its header's minimum, in both views. */
async function readAtMinimum(reference: typeof campaignReport, variables: Record<string, unknown>, minimum = reference.minimumCalls): Promise<CountedResult['body']['data']> {
  const result = await runCounted(stack, reference.query, variables);
  expect(result.body.errors).toBeUndefined();
  expect(result.gatewayCalls).toEqual(minimum);
  expect(result.wireCalls).toEqual(minimum);
  return result.body.data;
}

/** Module-private: metrics as `name → value` without the zeros (the emulator reports every known name). */
function nonZero(metrics: ReadonlyArray<{ name: string; value: number | null }>): Record<string, number> {
  return Object.fromEntries(metrics.filter((metric) => metric.value !== 0).map((metric) => [metric.name, metric.value as number]));
}

/** Module-private: the one value of an ungrouped KPI (undefined when upstream had no rows: a null metric). */
function kpiValue(result: { rows: Array<{ values: Array<{ value: number | null }> }> }): number | undefined {
  expect(result.rows.length).toBeLessThanOrEqual(1);
  return result.rows[0]?.values[0]?.value ?? undefined;
}

test('1. set-up through GraphQL: project, endpoints, gold segment, templates, and an email + SMS campaign that sends once the clock passes its start', async () => {
  await clockTo(T0);

  const created = await write(`mutation { createApp(input: { name: "Scenario shop", tags: [{ key: "team", value: "growth" }] }) { app { applicationId name creationDate } } }`, {});
  expect(created.createApp.app).toMatchObject({ name: 'Scenario shop', creationDate: T0 });
  ids.app = created.createApp.app.applicationId;

  const setUp = await write(
    `mutation($app: ID!, $items: [EndpointBatchItemInput!]!, $defaults: JSON) {
      endpoints: updateEndpointsBatch(input: { applicationId: $app, items: $items }) { message items { endpointId } }
      gold: createSegment(input: { applicationId: $app, segment: { name: "Gold plan", dimensions: { attributes: [{ key: "plan", attributeType: INCLUSIVE, values: ["gold"] }] } } }) { segment { segmentId version } }
      offer: createEmailTemplate(input: { templateName: "ScenarioGoldOffer", template: {
        subject: "{{User.UserAttributes.FirstName}}, your {{Attributes.plan}} offer",
        textPart: "Hello {{User.UserAttributes.FirstName}}: as a {{Attributes.plan}} member you get 20% off.",
        defaultSubstitutions: $defaults } }) { arn }
      welcome: createEmailTemplate(input: { templateName: "ScenarioGoldWelcome", template: { subject: "Welcome to {{Attributes.plan}}", textPart: "Your {{Attributes.plan}} benefits start today." } }) { arn }
      thanks: createEmailTemplate(input: { templateName: "ScenarioThanks", template: { subject: "Thanks for reading", textPart: "Here is a little extra for you." } }) { arn }
      nudge: createSmsTemplate(input: { templateName: "ScenarioNudge", template: { body: "Your {{Attributes.plan}} benefits are waiting: see your email." } }) { arn }
    }`,
    // Variable names with dots can't be object keys in GraphQL literals, so the defaults come as a variable.
    { app: ids.app, items: ENDPOINTS, defaults: { 'User.UserAttributes.FirstName': 'there' } },
  );
  expect(setUp.endpoints.items.map((item: any) => item.endpointId)).toEqual(ENDPOINTS.map((item) => item.endpointId));
  expect(setUp.gold.segment.version).toBe(1);
  ids.segment = setUp.gold.segment.segmentId;

  const campaign = await write(
    `mutation($app: ID!, $segment: ID!, $start: String!) { createCampaign(input: { applicationId: $app, campaign: {
      name: "Gold offer", segmentId: $segment,
      schedule: { startTime: $start, frequency: ONCE },
      templateConfiguration: { emailTemplate: { name: "ScenarioGoldOffer" } },
      messageConfiguration: {
        emailMessage: { fromAddress: "offers@shop.example.com" },
        smsMessage: { body: "Your {{Attributes.plan}} perks: 20% off this week.", messageType: PROMOTIONAL, senderId: "SHOP" }
      }
    } }) { campaign { campaignId state } } }`,
    { app: ids.app, segment: ids.segment, start: CAMPAIGN_START },
  );
  expect(campaign.createCampaign.campaign.state).toBe('SCHEDULED');
  ids.campaign = campaign.createCampaign.campaign.campaignId;
  // The clock stands before the start: nothing has gone out yet.
  expect(await outbox()).toEqual([]);

  await clockTo(T1);
  const sent = await outbox();
  expect(sent.every((message) => message.details?.campaignId === ids.campaign && message.sentAt === CAMPAIGN_START)).toBe(true);
  const emails = sent.filter((message) => message.channel === 'EMAIL');
  const texts = sent.filter((message) => message.channel === 'SMS');
  // Exactly the gold endpoints, minus the opted-out one, each on its own channel.
  expect(emails.map((message) => message.destination).sort()).toEqual(GOLD_EMAIL);
  expect(texts.map((message) => message.destination).sort()).toEqual(GOLD_SMS);
  for (const message of emails) campaignEmailIds.set(message.destination, message);
  // The template's variables are filled from each endpoint (and the template's default where the endpoint has none).
  expect(campaignEmailIds.get('ann@example.com')).toMatchObject({ origination: 'offers@shop.example.com', body: 'Hello Ann: as a gold member you get 20% off.', details: { title: 'Ann, your gold offer' } });
  expect(campaignEmailIds.get('eve@example.com')).toMatchObject({ body: 'Hello there: as a gold member you get 20% off.', details: { title: 'there, your gold offer' } });
  expect(texts.map((message) => [message.origination, message.body, message.messageType])).toEqual([
    ['SHOP', 'Your gold perks: 20% off this week.', 'PROMOTIONAL'],
    ['SHOP', 'Your gold perks: 20% off this week.', 'PROMOTIONAL'],
  ]);
});

test('2. one query reads the project, the COMPLETED campaign, its run, its segment and the KPIs, matching the outbox, at the minimum upstream calls', async () => {
  const data = await readAtMinimum(campaignReport, { app: ids.app, campaign: ids.campaign, ...DAY });
  expect(data.app).toMatchObject({ applicationId: ids.app, name: 'Scenario shop' });
  const campaign = data.app.campaign;
  expect(campaign).toMatchObject({
    campaignId: ids.campaign,
    name: 'Gold offer',
    state: 'COMPLETED',
    schedule: { startTime: CAMPAIGN_START, frequency: 'ONCE' },
    templateConfiguration: { emailTemplate: { name: 'ScenarioGoldOffer', template: { templateName: 'ScenarioGoldOffer', subject: '{{User.UserAttributes.FirstName}}, your {{Attributes.plan}} offer' } } },
    messageConfiguration: { smsMessage: { body: 'Your {{Attributes.plan}} perks: 20% off this week.', messageType: 'PROMOTIONAL', senderId: 'SHOP' } },
    segment: { segmentId: ids.segment, name: 'Gold plan', version: 1, dimensions: { attributes: [{ key: 'plan', attributeType: 'INCLUSIVE', values: ['gold'] }] } },
  });

  // The run: six gold endpoints produced, one opted out, five sent — what the outbox holds.
  const recipients = (await outbox()).filter((message) => message.details?.campaignId === ids.campaign);
  expect(recipients.map((message) => message.destination).sort()).toEqual([...GOLD_SMS, ...GOLD_EMAIL].sort());
  expect(campaign.activities.pageInfo.hasNextPage).toBe(false);
  expect(campaign.activities.nodes).toEqual([
    {
      activityId: recipients[0].details?.campaignActivityId,
      state: 'COMPLETED',
      result: 'SUCCESS',
      scheduledStart: CAMPAIGN_START,
      successfulEndpointCount: recipients.length,
      totalEndpointCount: recipients.length,
      executionMetrics: expect.objectContaining({ ENDPOINT_PRODUCED: '6', ENDPOINT_OPT_OUT: '1', SUCCESS: String(recipients.length), UNSUPPORTED_CHANNEL: '0' }),
    },
  ]);
  expect(recipients).toHaveLength(GOLD_EMAIL.length + GOLD_SMS.length);

  // KPIs over today: every recipient got its message; nobody has opened an email yet.
  expect(kpiValue(campaign.deliveries)).toBe(recipients.length);
  expect(kpiValue(campaign.deliveryRate)).toBe(1);
  expect(kpiValue(campaign.openRate)).toBe(0);
  expect(data.app.deliveriesByCampaign).toEqual({
    kpiName: 'SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN',
    rows: [{ groupedBy: [{ key: 'CampaignId', rawValue: ids.campaign }], values: [{ key: 'SuccessfulDeliveries', value: recipients.length }] }],
  });
});

test('3. a journey published on the gold segment sends its welcome email, and the graph follows its state, run and metrics at the minimum upstream calls', async () => {
  const created = await write(
    `mutation($app: ID!, $segment: ID!, $end: DateTime!) { createJourney(input: { applicationId: $app, journey: {
      name: "GoldWelcomeSeries", schedule: { endTime: $end }, startCondition: { segmentId: $segment }, startActivityId: "welcome",
      activities: [
        { activityId: "welcome", email: { templateName: "ScenarioGoldWelcome", fromAddress: "hello@shop.example.com", nextActivityId: "pause" } },
        { activityId: "pause", wait: { waitTime: { waitFor: "PT1H" }, nextActivityId: "opened" } },
        { activityId: "opened", conditionalSplit: {
          condition: { operator: "ALL", conditions: [{ eventCondition: { messageActivityId: "welcome", dimensions: { eventType: { dimensionType: INCLUSIVE, values: ["_email.open"] } } } }] },
          trueActivityId: "thanks", falseActivityId: "nudge" } },
        { activityId: "thanks", email: { templateName: "ScenarioThanks", fromAddress: "hello@shop.example.com" } },
        { activityId: "nudge", sms: { templateName: "ScenarioNudge", messageType: PROMOTIONAL, senderId: "SHOP" } }
      ]
    } }) { journey { journeyId state activities { activityId type nextActivities { activityId } } } } }`,
    { app: ids.app, segment: ids.segment, end: JOURNEY_END },
  );
  expect(created.createJourney.journey.state).toBe('DRAFT');
  expect(created.createJourney.journey.activities.map((a: any) => [a.activityId, a.type, a.nextActivities.map((n: any) => n.activityId)])).toEqual([
    ['welcome', 'EMAIL', ['pause']],
    ['pause', 'WAIT', ['opened']],
    ['opened', 'CONDITIONAL_SPLIT', ['thanks', 'nudge']],
    ['thanks', 'EMAIL', []],
    ['nudge', 'SMS', []],
  ]);
  ids.journey = created.createJourney.journey.journeyId;

  const published = await write(`mutation($app: ID!, $journey: ID!) { updateJourneyState(input: { applicationId: $app, journeyId: $journey, state: ACTIVE }) { journey { state } } }`, {
    app: ids.app,
    journey: ids.journey,
  });
  expect(published.updateJourneyState.journey.state).toBe('ACTIVE');

  await clockTo(T2);
  const journeyMail = (await outbox()).filter((message) => message.details?.journeyId === ids.journey);
  // The journey admitted the gold segment at its publication; the welcome email reached the gold email endpoints only.
  expect(journeyMail.map((message) => [message.details?.journeyActivityId, message.destination, message.sentAt, message.body])).toEqual(
    GOLD_EMAIL.map((address) => ['welcome', address, T1, 'Your gold benefits start today.']),
  );
  for (const message of journeyMail) welcomeIds.set(message.destination, message.messageId);

  const data = await readAtMinimum(journeyProgress, { app: ids.app, journey: ids.journey, ...DAY });
  const journey = data.app.journey;
  expect(journey).toMatchObject({ journeyId: ids.journey, name: 'GoldWelcomeSeries', state: 'ACTIVE' });
  // Five entered (six produced, the opted-out one refused) and all five wait in "pause".
  expect(nonZero(journey.executionMetrics.metrics)).toEqual({ ENDPOINT_ENTERED: 5, ENDPOINT_ACTIVE: 5 });
  const [run] = journey.runs.nodes;
  expect(journey.runs.nodes).toHaveLength(1);
  expect(run.status).toBe('RUNNING');
  ids.run = run.runId;
  expect(nonZero(run.executionMetrics.metrics)).toEqual({ ENDPOINT_PRODUCED: 6, ENDPOINT_OPT_OUT: 1, ENDPOINT_ENTERED: 5, ENDPOINT_ACTIVE: 5 });
  expect(Object.fromEntries(run.activityMetrics.map((activity: any) => [activity.activityId, [activity.activityType, nonZero(activity.metrics)]]))).toEqual({
    welcome: ['MESSAGE', { SUCCESS: journeyMail.length, UNSUPPORTED_CHANNEL: GOLD_SMS.length }],
    pause: ['WAIT', { WAITING: 5 }],
    opened: ['CONDITIONAL_SPLIT', {}],
    thanks: ['MESSAGE', {}],
    nudge: ['MESSAGE', {}],
  });
  expect(kpiValue(journey.sent)).toBe(journeyMail.length);
  expect(journey.opensByActivity.rows).toEqual([]);
});

test('4. putEvents reports email opens: the same KPI range answers from the cache, a new range shows the opens, and the yes/no split follows them', async () => {
  const campaignOpen = (address: string) => {
    const email = campaignEmailIds.get(address)!;
    return {
      eventId: `open-${email.messageId}`,
      eventType: '_email.open',
      timestamp: T2,
      attributes: { campaign_id: ids.campaign, campaign_activity_id: email.details?.campaignActivityId, message_id: email.messageId },
    };
  };
  const journeyOpen = (address: string) => ({ eventId: `open-${welcomeIds.get(address)}`, eventType: '_email.open', timestamp: T2, attributes: { message_id: welcomeIds.get(address) } });
  // Ann opens both emails, Bob only the campaign's, Eve only the journey's welcome.
  const batch = [
    { endpointId: 'email-ann', endpoint: {}, events: [campaignOpen('ann@example.com'), journeyOpen('ann@example.com')] },
    { endpointId: 'email-bob', endpoint: {}, events: [campaignOpen('bob@example.com')] },
    { endpointId: 'email-eve', endpoint: {}, events: [journeyOpen('eve@example.com')] },
  ];
  const put = await runCounted(
    stack,
    `mutation($app: ID!, $batch: [EventsBatchInput!]!) { putEvents(input: { applicationId: $app, batch: $batch }) { results { endpointId endpointResult { statusCode } events { statusCode } } } }`,
    { app: ids.app, batch },
  );
  expect(put.body.errors).toBeUndefined();
  expect(put.body.data.putEvents.results).toEqual([
    { endpointId: 'email-ann', endpointResult: { statusCode: 202 }, events: [{ statusCode: 202 }, { statusCode: 202 }] },
    { endpointId: 'email-bob', endpointResult: { statusCode: 202 }, events: [{ statusCode: 202 }] },
    { endpointId: 'email-eve', endpointResult: { statusCode: 202 }, events: [{ statusCode: 202 }] },
  ]);
  expect(put.gatewayCalls).toEqual({ PutEvents: 1 });

  // Same range, within the cache's lifetime: the four KPIs come from the cache (still no opens), the rest from upstream.
  const { GetCampaignDateRangeKpi: _campaignKpis, GetApplicationDateRangeKpi: _appKpi, ...withoutKpis } = campaignReport.minimumCalls;
  const cached = await readAtMinimum(campaignReport, { app: ids.app, campaign: ids.campaign, ...DAY }, withoutKpis);
  expect(kpiValue(cached.app.campaign.openRate)).toBe(0);

  // A new range over the same events: the campaign's open rate is 2 of its 3 delivered emails.
  const fresh = await readAtMinimum(campaignReport, { app: ids.app, campaign: ids.campaign, ...DAY_AGAIN });
  expect(kpiValue(fresh.app.campaign.openRate)).toBeCloseTo(2 / 3, 9);
  expect(kpiValue(fresh.app.campaign.deliveries)).toBe(GOLD_EMAIL.length + GOLD_SMS.length);

  // Past the wait (T1 + 1 h) and the journey's end (T1 + 2 h): the split sent the openers down "yes".
  await clockTo(at(12 * HOUR + 11 * 60));
  const journeyMail = (await outbox()).filter((message) => message.details?.journeyId === ids.journey && message.details?.journeyActivityId !== 'welcome');
  const splitAt = at(11 * HOUR + 10 * 60);
  expect(journeyMail.map((message) => [message.details?.journeyActivityId, message.destination, message.sentAt]).sort()).toEqual([
    ['nudge', '+12065550101', splitAt],
    ['nudge', '+12065550103', splitAt],
    ['thanks', 'ann@example.com', splitAt],
    ['thanks', 'eve@example.com', splitAt],
  ]);
  expect(journeyMail.find((message) => message.details?.journeyActivityId === 'nudge')?.body).toBe('Your gold benefits are waiting: see your email.');

  const data = await readAtMinimum(journeyProgress, { app: ids.app, journey: ids.journey, ...DAY_AGAIN });
  const journey = data.app.journey;
  expect(journey.state).toBe('COMPLETED');
  expect(nonZero(journey.executionMetrics.metrics)).toEqual({ ENDPOINT_ENTERED: 5, ENDPOINT_LEFT: 5 });
  const [run] = journey.runs.nodes;
  expect(run).toMatchObject({ runId: ids.run, status: 'COMPLETED' });
  expect(nonZero(run.executionMetrics.metrics)).toEqual({ ENDPOINT_PRODUCED: 6, ENDPOINT_OPT_OUT: 1, ENDPOINT_ENTERED: 5, ENDPOINT_LEFT: 5 });
  // Yes (Branch_1): Ann and Eve opened the welcome; no (Branch_2): Bob (his open was the campaign's email) and both SMS endpoints.
  expect(Object.fromEntries(run.activityMetrics.map((activity: any) => [activity.activityId, nonZero(activity.metrics)]))).toEqual({
    welcome: { SUCCESS: 3, UNSUPPORTED_CHANNEL: 2 },
    pause: { COMPLETED: 5 },
    opened: { Branch_1: 2, Branch_2: 3 },
    thanks: { SUCCESS: 2 },
    nudge: { SUCCESS: 2, UNSUPPORTED_CHANNEL: 1 },
  });
  // Emails sent: 3 welcomes + 2 thank-yous; opens: the 2 welcome opens, counted against "welcome".
  expect(kpiValue(journey.sent)).toBe(5);
  expect(journey.opensByActivity.rows).toEqual([{ groupedBy: [{ key: 'JourneyActivityId', rawValue: 'welcome' }], values: [{ key: 'EmailsOpened', value: 2 }] }]);
});
