import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { emailEndpoint } from '../pinpoint-delivery/kit';
import { counts, endpointsOf, JOURNEY_FIELDS, plusHours, RUN_FIELDS, startJourneyKit, type JourneyKit } from './kit';

// A journey's state decides what its participants do: PAUSED holds them where they are (and
// resuming lets what fell due happen at the resume), CANCELLED stops them, and the schedule's
// end ENDs those still in it. The seeded journeys are history and never send.

const T0 = '2025-06-02T09:00:00.000Z';
let kit: JourneyKit;
beforeAll(async () => {
  kit = await startJourneyKit(T0);
  await kit.emailTemplate('LifeFirst', 'First', 'first');
  await kit.emailTemplate('LifeSecond', 'Second', 'second');
});
afterAll(() => kit.close());

/** An app with two email endpoints and a journey: first email → wait `wait` → second email. */
async function twoStepJourney(name: string, wait: string, settings: { RefreshFrequency?: string; EndTime?: string } = {}): Promise<{ appId: string; journeyId: string; start: string }> {
  const appId = await kit.newApp(name);
  await kit.putEndpoints(appId, [emailEndpoint(`${name}-1`), emailEndpoint(`${name}-2`)]);
  const segmentId = await kit.newSegment(appId, { Name: 'all' });
  const start = await kit.now();
  const journeyId = await kit.newJourney(appId, {
    Name: name,
    State: 'ACTIVE',
    RefreshFrequency: settings.RefreshFrequency,
    Schedule: settings.EndTime === undefined ? undefined : { EndTime: new Date(settings.EndTime) },
    StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
    StartActivity: 'first',
    Activities: {
      first: { EMAIL: { TemplateName: 'LifeFirst', NextActivity: 'pause' } },
      pause: { Wait: { WaitTime: { WaitFor: wait }, NextActivity: 'second' } },
      second: { EMAIL: { TemplateName: 'LifeSecond' } },
    },
  });
  return { appId, journeyId, start };
}

it('holds participants while PAUSED and moves them on at the resume', async () => {
  const { appId, journeyId, start } = await twoStepJourney('paused', 'PT2H', { RefreshFrequency: 'P7D' });
  expect(await kit.journeyMessages(journeyId, 'first')).toHaveLength(2);
  await kit.advance(3600);
  expect(await kit.setState(appId, journeyId, 'PAUSED')).toBe('PAUSED');
  await kit.advance(4 * 3600);
  expect(await kit.journeyMessages(journeyId, 'second')).toEqual([]);
  expect(await kit.activityMetrics(appId, journeyId, 'pause')).toEqual({ WAITING: '2', COMPLETED: '0' });
  expect(await kit.setState(appId, journeyId, 'ACTIVE')).toBe('ACTIVE');
  const resumedAt = plusHours(start, 5);
  expect((await kit.journeyMessages(journeyId, 'second')).map((message) => [message.details?.endpointId, message.sentAt])).toEqual([
    ['paused-1', resumedAt],
    ['paused-2', resumedAt],
  ]);
  expect(await kit.journeyMetrics(appId, journeyId)).toEqual(counts(JOURNEY_FIELDS, { ENDPOINT_ENTERED: 2, ENDPOINT_LEFT: 2 }));
  await kit.setState(appId, journeyId, 'CANCELLED');
});

it('starts a journey paused over its start at the resume', async () => {
  const appId = await kit.newApp('late');
  await kit.putEndpoints(appId, [emailEndpoint('late-1')]);
  const segmentId = await kit.newSegment(appId, { Name: 'all' });
  const start = plusHours(await kit.now(), 1);
  const journeyId = await kit.newJourney(appId, {
    Name: 'late',
    State: 'ACTIVE',
    RefreshFrequency: 'P7D',
    Schedule: { StartTime: new Date(start) },
    StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
    StartActivity: 'first',
    Activities: { first: { EMAIL: { TemplateName: 'LifeFirst' } } },
  });
  await kit.setState(appId, journeyId, 'PAUSED');
  await kit.advance(3 * 3600);
  expect(await kit.journeyMessages(journeyId)).toEqual([]);
  await kit.setState(appId, journeyId, 'ACTIVE');
  expect((await kit.journeyMessages(journeyId)).map((message) => message.sentAt)).toEqual([plusHours(start, 2)]);
  await kit.setState(appId, journeyId, 'CANCELLED');
});

it('stops the participants of a CANCELLED journey where they are', async () => {
  const { appId, journeyId } = await twoStepJourney('cancelled', 'PT2H');
  await kit.advance(3600);
  expect(await kit.setState(appId, journeyId, 'CANCELLED')).toBe('CANCELLED');
  await kit.advance(3 * 3600);
  expect(endpointsOf(await kit.journeyMessages(journeyId))).toEqual(['cancelled-1', 'cancelled-2']);
  expect(await kit.journeyMetrics(appId, journeyId)).toEqual(counts(JOURNEY_FIELDS, { ENDPOINT_ENTERED: 2, CANCELLED: 2 }));
  expect(await kit.activityMetrics(appId, journeyId, 'pause')).toEqual({ WAITING: '0', COMPLETED: '0' });
  expect((await kit.runs(appId, journeyId)).map((run) => run.Status)).toEqual(['CANCELLED']);
});

it('ENDs the participants still in the journey at the schedule’s end', async () => {
  const end = plusHours(await kit.now(), 1);
  const { appId, journeyId } = await twoStepJourney('ended', 'PT2H', { EndTime: end });
  await kit.advance(3 * 3600);
  expect(await kit.journeyMessages(journeyId, 'second')).toEqual([]);
  expect(await kit.stateOf(appId, journeyId)).toBe('COMPLETED');
  expect(await kit.runMetrics(appId, journeyId)).toEqual(counts(RUN_FIELDS, { ENDPOINT_PRODUCED: 2, ENDPOINT_ENTERED: 2, ENDED: 2 }));
  expect(await kit.runs(appId, journeyId)).toMatchObject([{ Status: 'COMPLETED', LastUpdateTime: end }]);
});

describe('the seeded journeys', () => {
  let seeded: JourneyKit;
  beforeAll(async () => {
    seeded = await startJourneyKit(T0, { seed: true });
  });
  afterAll(() => seeded.close());

  it('are history: moving the clock past the active one’s refreshes sends nothing', async () => {
    await seeded.advance(30 * 86_400);
    expect((await seeded.outbox()).filter((message) => message.details?.kind === 'journey')).toEqual([]);
    const { RETAIL } = PINPOINT_SEED.apps;
    expect(await seeded.journeyMetrics(RETAIL, JOURNEY_SEED.journeys.RETAIL_ONBOARDING)).toEqual(counts(JOURNEY_FIELDS, {}));
  });
});
