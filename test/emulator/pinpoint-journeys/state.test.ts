import {
  BadRequestException,
  ConflictException,
  GetJourneyCommand,
  GetJourneyRunsCommand,
  UpdateJourneyCommand,
  UpdateJourneyStateCommand,
  type JourneyRunResponse,
  type State,
} from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { appWithSegment, completeJourney, createJourney, errorOf } from './helpers';

// Journey states over HTTP: publishing, pausing, resuming and cancelling through
// UpdateJourneyState and the transitions it refuses; what UpdateJourney may change in each state
// (409 ConflictException otherwise); runs, and the states and run statuses that follow from the
// schedule as the emulator clock moves.

const T0 = Date.parse('2025-03-15T12:00:00.000Z');
const hours = (n: number) => new Date(T0 + n * 3_600_000);
let now = hours(0);
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());
beforeEach(() => {
  now = hours(0);
});

const setState = (appId: string, journeyId: string, State: State) =>
  stack.pinpoint.send(new UpdateJourneyStateCommand({ ApplicationId: appId, JourneyId: journeyId, JourneyStateRequest: { State } }));
const stateOf = async (appId: string, journeyId: string) => (await stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyResponse!.State;
const runsOf = async (appId: string, journeyId: string): Promise<JourneyRunResponse[]> =>
  (await stack.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyRunsResponse!.Item!;

/** A journey in the given state, reached through the API: DRAFT, ACTIVE, PAUSED or CANCELLED. */
async function journeyIn(state: 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'CANCELLED'): Promise<{ appId: string; journeyId: string }> {
  const { appId, segmentId } = await appWithSegment(stack);
  const journeyId = (await createJourney(stack, appId, completeJourney(segmentId, { RefreshFrequency: 'PT1H' }))).Id!;
  if (state !== 'DRAFT') await setState(appId, journeyId, 'ACTIVE');
  if (state === 'PAUSED') await setState(appId, journeyId, 'PAUSED');
  if (state === 'CANCELLED') await setState(appId, journeyId, 'CANCELLED');
  return { appId, journeyId };
}

describe('UpdateJourneyState', () => {
  it('publishes a DRAFT journey: ACTIVE, with one RUNNING run', async () => {
    const { appId, journeyId } = await journeyIn('DRAFT');
    now = hours(1);
    const out = await setState(appId, journeyId, 'ACTIVE');
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.JourneyResponse).toMatchObject({ Id: journeyId, State: 'ACTIVE', LastModifiedDate: hours(1).toISOString(), CreationDate: hours(0).toISOString() });
    expect(await runsOf(appId, journeyId)).toEqual([{ RunId: expect.any(String), Status: 'RUNNING', CreationTime: hours(1).toISOString(), LastUpdateTime: hours(1).toISOString() }]);
  });

  it('pauses and resumes a journey with a refresh interval, without starting another run', async () => {
    const { appId, journeyId } = await journeyIn('ACTIVE');
    expect((await setState(appId, journeyId, 'PAUSED')).JourneyResponse!.State).toBe('PAUSED');
    expect(await stateOf(appId, journeyId)).toBe('PAUSED');
    expect((await setState(appId, journeyId, 'ACTIVE')).JourneyResponse!.State).toBe('ACTIVE');
    expect(await runsOf(appId, journeyId)).toHaveLength(1);
  });

  it('refuses to pause a journey without a refresh interval', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journeyId = (await createJourney(stack, appId, completeJourney(segmentId, { State: 'ACTIVE' }))).Id!;
    const error = await errorOf(setState(appId, journeyId, 'PAUSED'));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe('Only a journey with a segment refresh interval (RefreshFrequency) can be PAUSED; cancel it instead');
    expect(await stateOf(appId, journeyId)).toBe('ACTIVE');
  });

  it.each(['ACTIVE', 'PAUSED'] as const)('cancels a journey in state %s, and its unfinished run', async (from) => {
    const { appId, journeyId } = await journeyIn(from);
    now = hours(2);
    expect((await setState(appId, journeyId, 'CANCELLED')).JourneyResponse!.State).toBe('CANCELLED');
    expect(await runsOf(appId, journeyId)).toEqual([{ RunId: expect.any(String), Status: 'CANCELLED', CreationTime: hours(0).toISOString(), LastUpdateTime: hours(2).toISOString() }]);
  });

  const forbidden: Array<['DRAFT' | 'ACTIVE' | 'PAUSED' | 'CANCELLED', State]> = [
    ['DRAFT', 'PAUSED'],
    ['DRAFT', 'CANCELLED'],
    ['ACTIVE', 'ACTIVE'],
    ['PAUSED', 'PAUSED'],
    ['CANCELLED', 'ACTIVE'],
    ['CANCELLED', 'PAUSED'],
    ['CANCELLED', 'CANCELLED'],
  ];
  it.each(forbidden)('refuses %s → %s with BadRequestException', async (from, to) => {
    const { appId, journeyId } = await journeyIn(from);
    const error = await errorOf(setState(appId, journeyId, to));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({
      message: `A journey in state ${from} can't be set to ${to}; allowed: DRAFT → ACTIVE, ACTIVE → PAUSED or CANCELLED, PAUSED → ACTIVE or CANCELLED`,
      $metadata: { httpStatusCode: 400 },
    });
    expect(await stateOf(appId, journeyId)).toBe(from);
  });

  it.each(['DRAFT', 'COMPLETED', 'CLOSED'] as const)('rejects the unsupported target state %s', async (to) => {
    const { appId, journeyId } = await journeyIn('ACTIVE');
    const error = await errorOf(setState(appId, journeyId, to));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe(`JourneyStateRequest.State must be ACTIVE, PAUSED or CANCELLED; got '${to}'`);
  });

  it('rejects a missing state, a state outside the enum (model validation) and an incomplete journey', async () => {
    const { appId, journeyId } = await journeyIn('ACTIVE');
    const missing = await errorOf(stack.pinpoint.send(new UpdateJourneyStateCommand({ ApplicationId: appId, JourneyId: journeyId, JourneyStateRequest: {} })));
    expect((missing as BadRequestException).message).toBe("JourneyStateRequest.State must be ACTIVE, PAUSED or CANCELLED; got ''");
    const bogus = await errorOf(setState(appId, journeyId, 'STOPPED' as State));
    expect(bogus).toBeInstanceOf(BadRequestException);
    const { appId: other } = await appWithSegment(stack);
    const sketch = (await createJourney(stack, other, { Name: 'sketch' })).Id!;
    const incomplete = await errorOf(setState(other, sketch, 'ACTIVE'));
    expect((incomplete as BadRequestException).message).toBe('A journey needs a StartCondition (SegmentStartCondition or EventStartCondition) before it can be published (State ACTIVE)');
    expect(await stateOf(other, sketch)).toBe('DRAFT');
  });
});

describe('UpdateJourney by state', () => {
  const update = (appId: string, journeyId: string, request: Parameters<typeof completeJourney>[1] & { Name: string }) =>
    stack.pinpoint.send(new UpdateJourneyCommand({ ApplicationId: appId, JourneyId: journeyId, WriteJourneyRequest: request }));

  it('publishes a draft with State ACTIVE', async () => {
    const { appId, journeyId } = await journeyIn('DRAFT');
    const out = await update(appId, journeyId, { Name: 'Published', State: 'ACTIVE' });
    expect(out.JourneyResponse).toMatchObject({ Name: 'Published', State: 'ACTIVE' });
    expect(await runsOf(appId, journeyId)).toHaveLength(1);
  });

  it.each(['ACTIVE', 'PAUSED'] as const)('lets a journey in state %s change its name and limits, and resend its unchanged activities', async (state) => {
    const { appId, journeyId } = await journeyIn(state);
    const current = (await stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyResponse!;
    const out = await update(appId, journeyId, { Name: 'Renamed', Limits: { DailyCap: 3 }, Activities: current.Activities, StartActivity: current.StartActivity });
    expect(out.JourneyResponse).toMatchObject({ Name: 'Renamed', Limits: { DailyCap: 3 }, State: state });
  });

  it.each(['ACTIVE', 'PAUSED', 'CANCELLED'] as const)('answers ConflictException 409 when the activities of a journey in state %s change', async (state) => {
    const { appId, journeyId } = await journeyIn(state);
    const error = await errorOf(update(appId, journeyId, { Name: 'x', StartActivity: 'a', Activities: { a: { Wait: {} } } }));
    expect(error).toBeInstanceOf(ConflictException);
    expect(error).toMatchObject({
      message: `The activities of a journey in state ${state} can't be added, changed or removed (Activities, StartActivity); only a DRAFT journey's can`,
      $metadata: { httpStatusCode: 409 },
    });
  });

  it('answers ConflictException when a cancelled journey’s segment settings change, but not an active one’s', async () => {
    const cancelled = await journeyIn('CANCELLED');
    const active = await journeyIn('ACTIVE');
    const newStart = { StartCondition: { Description: 'changed', EventStartCondition: { EventFilter: { FilterType: 'ENDPOINT' as const, Dimensions: {} } } } };
    const error = await errorOf(update(cancelled.appId, cancelled.journeyId, { Name: 'x', ...newStart }));
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).message).toBe("The segment settings (StartCondition) of a journey in state CANCELLED can't be changed");
    expect((await update(active.appId, active.journeyId, { Name: 'x', ...newStart })).JourneyResponse!.StartCondition).toEqual(newStart.StartCondition);
  });

  it('answers ConflictException for a published journey sent back to DRAFT, and for ACTIVE on a paused one', async () => {
    const active = await journeyIn('ACTIVE');
    const draft = await errorOf(update(active.appId, active.journeyId, { Name: 'x', State: 'DRAFT' }));
    expect(draft).toBeInstanceOf(ConflictException);
    expect((draft as ConflictException).message).toBe("A published journey can't return to DRAFT; its state is ACTIVE");
    const paused = await journeyIn('PAUSED');
    const resume = await errorOf(update(paused.appId, paused.journeyId, { Name: 'x', State: 'ACTIVE' }));
    expect(resume).toBeInstanceOf(ConflictException);
    expect((resume as ConflictException).message).toBe(
      'State ACTIVE in UpdateJourney publishes a DRAFT journey; this journey is PAUSED (use UpdateJourneyState to resume a PAUSED journey)',
    );
    expect(await stateOf(paused.appId, paused.journeyId)).toBe('PAUSED');
  });
});

describe('schedule, runs and the clock', () => {
  it('moves a scheduled run from SCHEDULED to RUNNING to COMPLETED, and the journey to COMPLETED', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journeyId = (await createJourney(stack, appId, completeJourney(segmentId, { Schedule: { StartTime: hours(24), EndTime: hours(48) } }))).Id!;
    await setState(appId, journeyId, 'ACTIVE');
    const run = (await runsOf(appId, journeyId))[0];
    expect(run).toEqual({ RunId: expect.any(String), Status: 'SCHEDULED', CreationTime: hours(0).toISOString(), LastUpdateTime: hours(0).toISOString() });

    now = hours(30);
    expect(await runsOf(appId, journeyId)).toEqual([{ ...run, Status: 'RUNNING', LastUpdateTime: hours(24).toISOString() }]);
    expect(await stateOf(appId, journeyId)).toBe('ACTIVE');

    now = hours(50);
    expect(await runsOf(appId, journeyId)).toEqual([{ ...run, Status: 'COMPLETED', LastUpdateTime: hours(48).toISOString() }]);
    expect(await stateOf(appId, journeyId)).toBe('COMPLETED');

    // A completed journey can't be cancelled, and its completed run stays COMPLETED.
    const error = await errorOf(setState(appId, journeyId, 'CANCELLED'));
    expect((error as BadRequestException).message).toBe(
      "A journey in state COMPLETED can't be set to CANCELLED; allowed: DRAFT → ACTIVE, ACTIVE → PAUSED or CANCELLED, PAUSED → ACTIVE or CANCELLED",
    );
    const conflict = await errorOf(
      stack.pinpoint.send(new UpdateJourneyCommand({ ApplicationId: appId, JourneyId: journeyId, WriteJourneyRequest: { Name: 'x', StartCondition: { SegmentStartCondition: { SegmentId: segmentId }, Description: 'new' } } })),
    );
    expect(conflict).toBeInstanceOf(ConflictException);
  });

  it('pages through runs (newest first) with page-size and token', async () => {
    const seeded = await startEmulator({ clock: { now: () => now }, seed: true });
    try {
      const ids: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await seeded.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: PINPOINT_SEED.apps.RETAIL, JourneyId: JOURNEY_SEED.journeys.RETAIL_ONBOARDING, PageSize: '2', Token: token }));
        ids.push(...out.JourneyRunsResponse!.Item!.map((run) => run.RunId!));
        token = out.JourneyRunsResponse!.NextToken;
        pages += 1;
      } while (token !== undefined);
      expect(pages).toBe(2);
      expect(ids).toEqual([JOURNEY_SEED.runs.ONBOARDING_RUN_3, JOURNEY_SEED.runs.ONBOARDING_RUN_2, JOURNEY_SEED.runs.ONBOARDING_RUN_1]);
      const forged = await errorOf(seeded.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: PINPOINT_SEED.apps.RETAIL, JourneyId: JOURNEY_SEED.journeys.RETAIL_ONBOARDING, Token: 'x.y' })));
      expect(forged).toBeInstanceOf(BadRequestException);
    } finally {
      await seeded.close();
    }
  });
});
