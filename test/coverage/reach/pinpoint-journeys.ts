import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { gid, kpiRange, unique, type ReachCase, type ReachSetup, type ReachTable, type Variables } from './kit';

/** Reach cases of schema/pinpoint/journey.graphql (seed IDs: `PINPOINT_SEED`, `JOURNEY_SEED`). */

/** Module-private shorthands. */
const P = PINPOINT_SEED;
const J = JOURNEY_SEED.journeys;

/** Cases of the journey coordinates. */
export const PINPOINT_JOURNEY_REACH: ReachTable = {
  'App.journeys': project(P.apps.RETAIL, 'journeys { nodes { journeyId } }'),
  'App.journey': project(P.apps.RETAIL, 'journey(id: $journey) { name }', { journey: J.RETAIL_ONBOARDING }),
  'Journey.app': { query: 'query ($id: ID!) { node(id: $id) { ... on Journey { app { name } } } }', variables: { id: gid('Journey', P.apps.RETAIL, J.RETAIL_ONBOARDING) }, via: ['Query.node'] },
  'Journey.runs': onboarding('runs { nodes { runId } }'),
  'Journey.executionMetrics': onboarding('executionMetrics { lastEvaluatedTime }'),
  // Through `node`, the journey's project is not read yet: the KPI reads it for the journey's ARN.
  'Journey.kpi': {
    query: 'query ($id: ID!, $start: DateTime!, $end: DateTime!) { node(id: $id) { ... on Journey { kpi(name: JOURNEY_EMAILS_OPENED, startTime: $start, endTime: $end) { kpiName } } } }',
    variables: { id: gid('Journey', P.apps.RETAIL, J.RETAIL_HOLIDAY_PROMO), ...kpiRange() },
    via: ['Query.node'],
  },
  'JourneyStartCondition.segment': [
    { ...onboarding('startCondition { segment { name } }'), reaches: ['GetSegment'] },
    // Every journey's start segment: the project's segment list (one GetSegments) holds them all.
    { ...project(P.apps.RETAIL, 'journeys { nodes { startCondition { segment { name } } } }', {}, ['App.journeys']), reaches: ['GetSegments'] },
  ],
  'JourneyEventStartCondition.segment': {
    query: 'query ($id: ID!) { node(id: $id) { ... on Journey { startCondition { eventStartCondition { segment { name } } } } } }',
    variables: async (setup) => ({ id: gid('Journey', P.apps.RETAIL, await newJourney(setup, true)) }),
    via: ['Query.node'],
  },
  'JourneyActivity.executionMetrics': onboarding('activity(id: "welcome") { executionMetrics { activityId } }'),
  'JourneyEmailActivity.template': onboarding('activity(id: "welcome") { email { template { templateName } } }'),
  'JourneySmsActivity.template': onboarding('activity(id: "reminder") { sms { template { templateName } } }'),
  'JourneyPushActivity.template': onboarding('activity(id: "nudge") { push { template { templateName } } }'),
  'JourneySegmentCondition.segment': project(
    P.apps.BANKING,
    'journey(id: $journey) { activity(id: "tier") { multiCondition { branches { condition { segmentCondition { segment { name } } } } } } }',
    { journey: J.BANKING_CARD_ACTIVATION },
    ['App.journey'],
  ),
  // The run's journey is the one already read (a run is only reached through its journey).
  'JourneyRun.journey': onboarding('runs { nodes { journey { name } } }', ['Journey.runs']),
  'JourneyRun.executionMetrics': onboarding('runs { nodes { executionMetrics { lastEvaluatedTime } } }', ['Journey.runs']),
  'JourneyRun.activityMetrics': onboarding('runs(first: 1) { nodes { activityMetrics { activityId } } }', ['Journey.runs']),
  // A new journey's SMS activity sends from a seeded SMS v2 number, found among the account's numbers.
  'JourneySmsActivity.originationPhoneNumber': {
    ...project(P.apps.RETAIL, 'journey(id: $journey) { activity(id: "text") { sms { originationPhoneNumber { phoneNumberId } } } }', { journey: '' }, ['App.journey']),
    variables: async (setup) => ({
      app: P.apps.RETAIL,
      journey: (
        await setup.gql('mutation ($app: ID!, $journey: WriteJourneyInput!) { createJourney(input: { applicationId: $app, journey: $journey }) { journey { journeyId } } }', {
          app: P.apps.RETAIL,
          journey: { name: unique('reach-journey'), startActivityId: 'text', activities: [{ activityId: 'text', sms: { templateName: 'OrderShipped', originationNumber: '+14255550101' } }] },
        })
      ).createJourney.journey.journeyId,
    }),
  },
  'Mutation.createJourney': {
    query: 'mutation ($app: ID!, $name: String!) { createJourney(input: { applicationId: $app, journey: { name: $name } }) { journey { journeyId } } }',
    variables: { app: P.apps.RETAIL, name: unique('reach-journey') },
  },
  'Mutation.updateJourney': {
    query: 'mutation ($app: ID!, $journey: ID!) { updateJourney(input: { applicationId: $app, journeyId: $journey, journey: { name: "Renamed" } }) { journey { name } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, journey: await newJourney(setup) }),
  },
  'Mutation.updateJourneyState': {
    query: 'mutation ($app: ID!, $journey: ID!) { updateJourneyState(input: { applicationId: $app, journeyId: $journey, state: ACTIVE }) { journey { state } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, journey: await newJourney(setup) }),
  },
  'Mutation.deleteJourney': {
    query: 'mutation ($app: ID!, $journey: ID!) { deleteJourney(input: { applicationId: $app, journeyId: $journey }) { journey { journeyId } } }',
    variables: async (setup) => ({ app: P.apps.RETAIL, journey: await newJourney(setup) }),
  },
};

/** Module-private: `app(<app>) { <selection> }`. */
function project(app: string, selection: string, variables: Variables = {}, via: readonly string[] = []): ReachCase {
  const declared = Object.keys(variables)
    .map((name) => `, $${name}: ID!`)
    .join('');
  return { query: `query ($app: ID!${declared}) { app(id: $app) { ${selection} } }`, variables: { app, ...variables }, via: ['Query.app', ...via] };
}

/** Module-private: the seeded OnboardingSeries journey of RETAIL, then `<selection>`. */
function onboarding(selection: string, via: readonly string[] = []): ReachCase {
  return project(P.apps.RETAIL, `journey(id: $journey) { ${selection} }`, { journey: J.RETAIL_ONBOARDING }, ['App.journey', ...via]);
}

/** Module-private: a new publishable DRAFT journey of RETAIL (started by VIP membership, or by an event of VIP members). */
async function newJourney(setup: ReachSetup, eventStart = false): Promise<string> {
  const start = eventStart
    ? { eventStartCondition: { segmentId: P.segments.RETAIL_VIP, eventFilter: { filterType: 'ENDPOINT', dimensions: { eventType: { dimensionType: 'INCLUSIVE', values: ['purchase'] } } } } }
    : { segmentId: P.segments.RETAIL_VIP };
  const data = await setup.gql('mutation ($app: ID!, $journey: WriteJourneyInput!) { createJourney(input: { applicationId: $app, journey: $journey }) { journey { journeyId } } }', {
    app: P.apps.RETAIL,
    journey: { name: unique('reach-journey'), startCondition: start, startActivityId: 'hello', activities: [{ activityId: 'hello', email: { templateName: 'WelcomeEmail' } }] },
  });
  return data.createJourney.journey.journeyId;
}
