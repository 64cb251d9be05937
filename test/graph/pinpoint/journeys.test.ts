import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { daysAgo, runCounted } from './support';

// Journeys over HTTP against the seeded emulator: lists and pages, NOT_FOUND, node IDs, runs and
// metrics, engagement KPIs through the cache, and the four writes with their upstream errors.

const { apps, segments, endpoints } = PINPOINT_SEED;
const { journeys, runs } = JOURNEY_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('journeys page through ListJourneys with one call per page', async () => {
  const query = `query($app: ID!, $after: String) { app(id: $app) { journeys(first: 2, after: $after) { nodes { journeyId name state } pageInfo { hasNextPage endCursor } } } }`;
  const first = await runCounted(stack, query, { app: apps.RETAIL });
  expect(first.body.errors).toBeUndefined();
  expect(first.body.data.app.journeys.nodes).toEqual([
    { journeyId: journeys.RETAIL_ONBOARDING, name: 'OnboardingSeries', state: 'ACTIVE' },
    { journeyId: journeys.RETAIL_WINBACK_DRAFT, name: 'WinbackDraft', state: 'DRAFT' },
  ]);
  expect(first.body.data.app.journeys.pageInfo.hasNextPage).toBe(true);
  expect(first.gatewayCalls).toEqual({ GetApp: 1, ListJourneys: 1 });

  const second = await runCounted(stack, query, { app: apps.RETAIL, after: first.body.data.app.journeys.pageInfo.endCursor });
  expect(second.body.data.app.journeys).toEqual({
    nodes: [{ journeyId: journeys.RETAIL_HOLIDAY_PROMO, name: 'HolidayPromo', state: 'COMPLETED' }],
    pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
  });
  expect(second.wireCalls).toEqual({ GetApp: 1, ListJourneys: 1 });
});

test('the runs’ journey edge after the list costs no GetJourney', async () => {
  const { body, gatewayCalls } = await runCounted(
    stack,
    `query($app: ID!) { app(id: $app) { journeys { nodes { journeyId runs { nodes { runId journey { name } } } } } } }`,
    { app: apps.RETAIL },
  );
  expect(body.errors).toBeUndefined();
  const holiday = body.data.app.journeys.nodes.find((j: any) => j.journeyId === journeys.RETAIL_HOLIDAY_PROMO);
  expect(holiday.runs.nodes).toEqual([{ runId: runs.HOLIDAY_PROMO_RUN, journey: { name: 'HolidayPromo' } }]);
  expect(gatewayCalls).toEqual({ GetApp: 1, ListJourneys: 1, GetJourneyRuns: 3 });
});

test('an unknown journey is NOT_FOUND at its path; node(id) fetches a journey and refuses a bad KPI range before any call', async () => {
  const missing = await runCounted(stack, `query($app: ID!) { app(id: $app) { name journey(id: "0000") { name } } }`, { app: apps.RETAIL });
  expect(missing.body.data.app).toEqual({ name: 'Retail Storefront', journey: null });
  expect(missing.body.errors).toEqual([expect.objectContaining({ path: ['app', 'journey'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  expect(missing.gatewayCalls).toEqual({ GetApp: 1, GetJourney: 1 });

  const listed = await stack.gql(`query($app: ID!) { app(id: $app) { journey(id: "${journeys.BANKING_CARD_ACTIVATION}") { id } } }`, { app: apps.BANKING });
  const id = listed.body.data.app.journey.id;
  const viaNode = await runCounted(stack, `query($id: ID!) { node(id: $id) { id ... on Journey { name state app { name } activity(id: "tier") { type multiCondition { defaultActivityId branches { nextActivityId condition { segmentCondition { segmentId segment { name } } } } } } } } }`, { id });
  expect(viaNode.body.errors).toBeUndefined();
  expect(viaNode.body.data.node).toEqual({
    id,
    name: 'CardActivation',
    state: 'CANCELLED',
    app: { name: 'Mobile Banking' },
    activity: {
      type: 'MULTI_CONDITION',
      multiCondition: { defaultActivityId: 'standard', branches: [{ nextActivityId: 'premium', condition: { segmentCondition: { segmentId: segments.BANKING_HIGH_BALANCE, segment: { name: 'High balance' } } } }] },
    },
  });
  expect(viaNode.gatewayCalls).toEqual({ GetJourney: 1, GetApp: 1, GetSegment: 1 });

  const badRange = await runCounted(stack, `query($id: ID!, $start: DateTime!, $end: DateTime!) { node(id: $id) { ... on Journey { kpi(name: JOURNEY_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName } } } }`, {
    id,
    start: daysAgo(40),
    end: daysAgo(0),
  });
  expect(badRange.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(badRange.body.errors![0].message).toMatch(/^A KPI range must cover at most 31 calendar days/);
  expect(badRange.gatewayCalls).toEqual({ GetJourney: 1 });
});

test('journey KPIs count the journey’s events, grouped by activity when asked, and come from the cache the second time', async () => {
  const at = daysAgo(1);
  const event = (eventId: string, activity: string) => `{ eventId: "${eventId}", eventType: "_email.send", timestamp: "${at}", attributes: { journey_id: "${journeys.RETAIL_ONBOARDING}", journey_activity_id: "${activity}" } }`;
  const put = await stack.gql(`mutation($app: ID!, $endpoint: ID!) { putEvents(input: { applicationId: $app, batch: [{ endpointId: $endpoint, endpoint: {}, events: [${event('e1', 'welcome')}, ${event('e2', 'welcome')}, ${event('e3', 'reminder')}] }] }) { results { events { statusCode } } } }`, {
    app: apps.RETAIL,
    endpoint: endpoints.ALICE_EMAIL,
  });
  expect(put.body.errors).toBeUndefined();

  const query = `query($app: ID!, $journey: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) { journey(id: $journey) {
    total: kpi(name: JOURNEY_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName startTime rows { groupedBy { key } values { key type value } } }
    byActivity: kpi(name: EMAILS_SENT_GROUPED_BY_JOURNEY_ACTIVITY, startTime: $start, endTime: $end) { kpiName rows { groupedBy { key rawValue } values { value } } }
  } } }`;
  const variables = { app: apps.RETAIL, journey: journeys.RETAIL_ONBOARDING, start: daysAgo(7), end: daysAgo(0) };
  const first = await runCounted(stack, query, variables);
  expect(first.body.errors).toBeUndefined();
  expect(first.body.data.app.journey.total).toEqual({ kpiName: 'JOURNEY_EMAILS_SENT', startTime: variables.start, rows: [{ groupedBy: [], values: [{ key: 'JourneyEmailsSent', type: 'Double', value: 3 }] }] });
  expect(first.body.data.app.journey.byActivity).toEqual({
    kpiName: 'EMAILS_SENT_GROUPED_BY_JOURNEY_ACTIVITY',
    rows: [
      { groupedBy: [{ key: 'JourneyActivityId', rawValue: 'reminder' }], values: [{ value: 1 }] },
      { groupedBy: [{ key: 'JourneyActivityId', rawValue: 'welcome' }], values: [{ value: 2 }] },
    ],
  });
  expect(first.gatewayCalls).toEqual({ GetApp: 1, GetJourney: 1, GetJourneyDateRangeKpi: 2 });

  const again = await runCounted(stack, query, variables);
  expect(again.body.data).toEqual(first.body.data);
  expect(again.wireCalls).toEqual({ GetApp: 1, GetJourney: 1 });
});

test('run activity metrics cover every activity, or the ones named', async () => {
  const query = `query($app: ID!, $journey: ID!, $ids: [ID!]) { app(id: $app) { journey(id: $journey) { runs(first: 1) { nodes { runId activityMetrics(activityIds: $ids) { activityId activityType metrics { name } } } } } } }`;
  const all = await runCounted(stack, query, { app: apps.RETAIL, journey: journeys.RETAIL_HOLIDAY_PROMO });
  expect(all.body.errors).toBeUndefined();
  expect(all.body.data.app.journey.runs.nodes[0].activityMetrics.map((m: any) => [m.activityId, m.activityType])).toEqual([
    ['split', 'RANDOM_SPLIT'],
    ['email', 'MESSAGE'],
    ['text', 'MESSAGE'],
  ]);
  expect(all.body.data.app.journey.runs.nodes[0].activityMetrics[0].metrics.map((m: any) => m.name)).toEqual(['Branch_1', 'Branch_2', 'TOTAL']);
  expect(all.gatewayCalls).toEqual({ GetApp: 1, GetJourney: 1, GetJourneyRuns: 1, GetJourneyRunExecutionActivityMetrics: 3 });

  const named = await runCounted(stack, query, { app: apps.RETAIL, journey: journeys.RETAIL_HOLIDAY_PROMO, ids: ['text'] });
  expect(named.body.data.app.journey.runs.nodes[0].activityMetrics).toEqual([{ activityId: 'text', activityType: 'MESSAGE', metrics: expect.any(Array) }]);
  expect(named.gatewayCalls).toEqual({ GetApp: 1, GetJourney: 1, GetJourneyRuns: 1, GetJourneyRunExecutionActivityMetrics: 1 });

  const unknown = await runCounted(stack, query, { app: apps.RETAIL, journey: journeys.RETAIL_HOLIDAY_PROMO, ids: ['text', 'nope'] });
  expect(unknown.body.errors).toEqual([expect.objectContaining({ path: ['app', 'journey', 'runs', 'nodes', 0, 'activityMetrics', 1], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
});

test('createJourney, updateJourney, updateJourneyState and deleteJourney return the journey as changed', async () => {
  const activities = `[
    { activityId: "hello", description: "First email", email: { templateName: "WelcomeEmail", templateVersion: "1", nextActivityId: "later", fromAddress: "offers@retail.example.com" } },
    { activityId: "later", wait: { waitTime: { waitFor: "P1D" }, nextActivityId: "split" } },
    { activityId: "split", randomSplit: { branches: [{ percentage: 60, nextActivityId: "text" }, { percentage: 40 }] } },
    { activityId: "text", sms: { templateName: "OrderShipped", messageType: TRANSACTIONAL, senderId: "RETAIL" } }
  ]`;
  const created = await runCounted(
    stack,
    `mutation($app: ID!, $segment: ID!) { createJourney(input: { applicationId: $app, journey: {
      name: "Reactivation", startCondition: { segmentId: $segment }, startActivityId: "hello", activities: ${activities},
      limits: { dailyCap: 2, timeframeCap: { cap: 3, days: 7 } }, refreshFrequency: "P1D",
      openHours: [{ channel: "EMAIL", day: "MONDAY", startTime: "09:00", endTime: "17:00" }], sendingSchedule: true
    } }) { journey { id journeyId name state startActivity { activityId } startCondition { segment { name } }
      activities { activityId type nextActivities { activityId } email { fromAddress template { version subject } } sms { messageType senderId } randomSplit { branches { percentage nextActivityId } } }
      limits { dailyCap timeframeCap { cap days } } openHours { channel day startTime endTime } } } }`,
    { app: apps.RETAIL, segment: segments.RETAIL_LAPSED },
  );
  expect(created.body.errors).toBeUndefined();
  const journey = created.body.data.createJourney.journey;
  expect(journey).toMatchObject({
    name: 'Reactivation',
    state: 'DRAFT',
    startActivity: { activityId: 'hello' },
    startCondition: { segment: { name: 'Lapsed buyers' } },
    limits: { dailyCap: 2, timeframeCap: { cap: 3, days: 7 } },
    openHours: [{ channel: 'EMAIL', day: 'MONDAY', startTime: '09:00', endTime: '17:00' }],
  });
  expect(journey.activities).toEqual([
    { activityId: 'hello', type: 'EMAIL', nextActivities: [{ activityId: 'later' }], email: { fromAddress: 'offers@retail.example.com', template: { version: '1', subject: 'Welcome!' } }, sms: null, randomSplit: null },
    { activityId: 'later', type: 'WAIT', nextActivities: [{ activityId: 'split' }], email: null, sms: null, randomSplit: null },
    { activityId: 'split', type: 'RANDOM_SPLIT', nextActivities: [{ activityId: 'text' }], email: null, sms: null, randomSplit: { branches: [{ percentage: 60, nextActivityId: 'text' }, { percentage: 40, nextActivityId: null }] } },
    { activityId: 'text', type: 'SMS', nextActivities: [], email: null, sms: { messageType: 'TRANSACTIONAL', senderId: 'RETAIL' }, randomSplit: null },
  ]);
  expect(created.gatewayCalls).toEqual({ CreateJourney: 1, GetSegment: 1, GetEmailTemplate: 1 });
  const key = { app: apps.RETAIL, journey: journey.journeyId };

  const updated = await runCounted(stack, `mutation($app: ID!, $journey: ID!) { updateJourney(input: { applicationId: $app, journeyId: $journey, journey: { name: "Reactivation2", quietTime: { start: "21:00", end: "08:00" } } }) { journey { name state quietTime { start end } activities { activityId } } } }`, key);
  expect(updated.body.data.updateJourney.journey).toEqual({ name: 'Reactivation2', state: 'DRAFT', quietTime: { start: '21:00', end: '08:00' }, activities: [{ activityId: 'hello' }, { activityId: 'later' }, { activityId: 'split' }, { activityId: 'text' }] });
  expect(updated.gatewayCalls).toEqual({ UpdateJourney: 1 });

  const published = await runCounted(stack, `mutation($app: ID!, $journey: ID!) { updateJourneyState(input: { applicationId: $app, journeyId: $journey, state: ACTIVE }) { journey { state runs { nodes { status } } } } }`, key);
  expect(published.body.data.updateJourneyState.journey).toEqual({ state: 'ACTIVE', runs: { nodes: [{ status: expect.any(String) }] } });
  expect(published.gatewayCalls).toEqual({ UpdateJourneyState: 1, GetJourneyRuns: 1 });

  // A published journey's activities can't change: upstream's 409, mapped.
  const conflict = await runCounted(stack, `mutation($app: ID!, $journey: ID!) { updateJourney(input: { applicationId: $app, journeyId: $journey, journey: { name: "Reactivation2", activities: [{ activityId: "only", contactCenter: {} }], startActivityId: "only" } }) { journey { name } } }`, key);
  expect(conflict.body.errors![0]).toMatchObject({ path: ['updateJourney'], extensions: { code: 'CONFLICT' } });
  expect(conflict.body.errors![0].message).toMatch(/activities of a journey in state ACTIVE/);

  const paused = await runCounted(stack, `mutation($app: ID!, $journey: ID!) { updateJourneyState(input: { applicationId: $app, journeyId: $journey, state: PAUSED }) { journey { state } } }`, key);
  expect(paused.body.data.updateJourneyState.journey.state).toBe('PAUSED');

  const deleted = await runCounted(stack, `mutation($app: ID!, $journey: ID!) { deleteJourney(input: { applicationId: $app, journeyId: $journey }) { journey { journeyId name state } } }`, key);
  expect(deleted.body.data.deleteJourney.journey).toEqual({ journeyId: journey.journeyId, name: 'Reactivation2', state: 'PAUSED' });
  expect(deleted.gatewayCalls).toEqual({ DeleteJourney: 1 });

  const gone = await stack.gql(`query($app: ID!, $journey: ID!) { app(id: $app) { journey(id: $journey) { name } } }`, key);
  expect(gone.body.errors![0]).toMatchObject({ path: ['app', 'journey'], extensions: { code: 'NOT_FOUND' } });
});

test('journey inputs are checked before any upstream call', async () => {
  const duplicate = await runCounted(stack, `mutation($app: ID!) { createJourney(input: { applicationId: $app, journey: { name: "x", activities: [{ activityId: "a", wait: {} }, { activityId: "a", holdout: { percentage: 5 } }] } }) { journey { name } } }`, { app: apps.RETAIL });
  expect(duplicate.body.errors![0]).toMatchObject({ message: '"input.journey.activities[].activityId" must be unique; "a" appears more than once.', extensions: { code: 'BAD_USER_INPUT' } });
  expect(duplicate.wireCalls).toEqual({});

  const twoKinds = await runCounted(stack, `mutation($app: ID!) { createJourney(input: { applicationId: $app, journey: { name: "x", activities: [{ activityId: "a", wait: {}, holdout: { percentage: 5 } }] } }) { journey { name } } }`, { app: apps.RETAIL });
  expect(twoKinds.body.errors![0].message).toBe('"input.journey.activities[0]" must set exactly one of email, sms, push, custom, conditionalSplit, multiCondition, randomSplit, holdout, wait, contactCenter; got holdout, wait.');
  expect(twoKinds.wireCalls).toEqual({});

  const badDay = await runCounted(stack, `mutation($app: ID!) { createJourney(input: { applicationId: $app, journey: { name: "x", openHours: [{ channel: "EMAIL", day: "FUNDAY", startTime: "09:00", endTime: "10:00" }] } }) { journey { name } } }`, { app: apps.RETAIL });
  expect(badDay.body.errors![0].message).toBe('"input.journey.openHours[0].day" must be one of MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY; got "FUNDAY".');
  expect(badDay.wireCalls).toEqual({});
});
