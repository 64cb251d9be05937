import {
  BadRequestException,
  CreateJourneyCommand,
  DeleteJourneyCommand,
  DeleteSegmentCommand,
  GetJourneyCommand,
  GetJourneyRunsCommand,
  ListJourneysCommand,
  NotFoundException,
  UpdateJourneyCommand,
  type WriteJourneyRequest,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { appWithSegment, completeJourney, createJourney, errorOf } from './helpers';

// Journeys over HTTP: create (201) as DRAFT or published, read, list with pagination, update a
// draft (members left out keep their value), delete, and the validation of journey settings.

const NOW = new Date('2025-03-15T12:00:00.000Z');
const START = new Date('2025-04-01T09:00:00.000Z');
const END = new Date('2025-05-01T09:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW } });
});
afterAll(() => stack.close());

describe('CreateJourney', () => {
  it('answers 201 with the full JourneyResponse of a DRAFT journey', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const request = completeJourney(segmentId, {
      Schedule: { StartTime: START, EndTime: END, Timezone: 'UTC+05:45' },
      Limits: { DailyCap: 2, TotalCap: 10, EndpointReentryCap: 0, MessagesPerSecond: 50, TimeframeCap: { Days: 7, Cap: 3 }, EndpointReentryInterval: 'PT12H' },
      QuietTime: { Start: '22:00', End: '07:00' },
      RefreshFrequency: 'PT1H',
      LocalTime: true,
      WaitForQuietTime: true,
      RefreshOnSegmentUpdate: false,
      TimezoneEstimationMethods: ['PHONE_NUMBER'],
      // Read-only dates in a write request are ignored.
      CreationDate: '2000-01-01T00:00:00.000Z',
    });
    const out = await stack.pinpoint.send(new CreateJourneyCommand({ ApplicationId: appId, WriteJourneyRequest: request }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    const journey = out.JourneyResponse!;
    expect(journey.Id).toMatch(/^[0-9a-f]{32}$/);
    const { CreationDate: _ignored, ...written } = request;
    expect(journey).toEqual({
      ...written,
      Id: journey.Id,
      ApplicationId: appId,
      State: 'DRAFT',
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      tags: {},
    });
    // The schedule's timestamps travel as ISO 8601 and come back as Dates.
    expect(journey.Schedule!.StartTime).toEqual(START);
    expect((await stack.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: appId, JourneyId: journey.Id }))).JourneyRunsResponse!.Item).toEqual([]);
  });

  it('accepts an incomplete draft (a name is all a draft needs)', async () => {
    const { appId } = await appWithSegment(stack);
    const journey = await createJourney(stack, appId, { Name: 'Sketch' });
    expect(journey).toEqual({ Id: journey.Id, ApplicationId: appId, Name: 'Sketch', State: 'DRAFT', CreationDate: NOW.toISOString(), LastModifiedDate: NOW.toISOString(), tags: {} });
  });

  it('publishes on create with State ACTIVE and records a run', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journey = await createJourney(stack, appId, completeJourney(segmentId, { State: 'ACTIVE' }));
    expect(journey.State).toBe('ACTIVE');
    const runs = (await stack.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: appId, JourneyId: journey.Id }))).JourneyRunsResponse!.Item!;
    expect(runs).toEqual([{ RunId: expect.stringMatching(/^[0-9a-f]{32}$/), Status: 'RUNNING', CreationTime: NOW.toISOString(), LastUpdateTime: NOW.toISOString() }]);
  });

  it('answers NotFoundException for an unknown app and for a start segment that does not exist', async () => {
    const unknownApp = await errorOf(stack.pinpoint.send(new CreateJourneyCommand({ ApplicationId: 'no-such-app', WriteJourneyRequest: { Name: 'x' } })));
    expect(unknownApp).toBeInstanceOf(NotFoundException);
    expect((unknownApp as NotFoundException).message).toBe("Resource not found: Application 'no-such-app' does not exist");
    const { appId } = await appWithSegment(stack);
    const segment = await errorOf(createJourney(stack, appId, { Name: 'x', StartCondition: { SegmentStartCondition: { SegmentId: 'gone' } } }));
    expect(segment).toBeInstanceOf(NotFoundException);
    expect((segment as NotFoundException).message).toBe("Resource not found: Segment 'gone' does not exist");
    const event = await errorOf(createJourney(stack, appId, { Name: 'x', StartCondition: { EventStartCondition: { SegmentId: 'gone', EventFilter: { FilterType: 'ENDPOINT', Dimensions: {} } } } }));
    expect(event).toBeInstanceOf(NotFoundException);
  });

  it('answers BadRequestException without a Name (model validation)', async () => {
    const { appId } = await appWithSegment(stack);
    const error = await errorOf(stack.pinpoint.send(new CreateJourneyCommand({ ApplicationId: appId, WriteJourneyRequest: {} as WriteJourneyRequest })));
    expect(error).toBeInstanceOf(BadRequestException);
  });

  const invalid: Array<[string, (segmentId: string) => WriteJourneyRequest, string]> = [
    ['a name with spaces', () => ({ Name: 'My journey' }), `Name must be 1 to 150 characters without spaces (seed 002: "A journey name can't contain any spaces"); got 'My journey'`],
    ['a name of 151 characters', () => ({ Name: 'n'.repeat(151) }), `Name must be 1 to 150 characters without spaces (seed 002: "A journey name can't contain any spaces"); got '${'n'.repeat(151)}'`],
    ['a non-alphanumeric activity ID', () => ({ Name: 'j', Activities: { 'step-1': { Wait: { WaitTime: { WaitFor: 'P1D' } } } } }), "An activity ID must be 1 to 100 alphanumeric characters; got 'step-1'"],
    ['an activity of two kinds', () => ({ Name: 'j', Activities: { a: { Wait: {}, Holdout: { Percentage: 5 } } } }), 'Activities.a must set exactly one of CUSTOM, ConditionalSplit, EMAIL, Holdout, MultiCondition, PUSH, RandomSplit, SMS, Wait, ContactCenter; got Holdout, Wait'],
    ['an activity of no kind', () => ({ Name: 'j', Activities: { a: { Description: 'empty' } } }), 'Activities.a must set exactly one of CUSTOM, ConditionalSplit, EMAIL, Holdout, MultiCondition, PUSH, RandomSplit, SMS, Wait, ContactCenter; got none'],
    ['a link to an unknown activity', () => ({ Name: 'j', Activities: { a: { EMAIL: { NextActivity: 'b' } } } }), "Activities.a.EMAIL.NextActivity must name an activity of this journey; got 'b'"],
    ['a split branch to an unknown activity', () => ({ Name: 'j', Activities: { a: { RandomSplit: { Branches: [{ Percentage: 50, NextActivity: 'x' }] } } } }), "Activities.a.RandomSplit.Branches[0].NextActivity must name an activity of this journey; got 'x'"],
    ['a start activity that is not an activity', () => ({ Name: 'j', StartActivity: 'b', Activities: { a: { Wait: {} } } }), "StartActivity must be the ID of one of the journey's activities (a); got 'b'"],
    ['random split percentages over 100', () => ({ Name: 'j', Activities: { a: { RandomSplit: { Branches: [{ Percentage: 60 }, { Percentage: 50 }] } } } }), 'Activities.a.RandomSplit branch percentages must add up to at most 100; got 110'],
    ['a holdout over 100%', () => ({ Name: 'j', Activities: { a: { Holdout: { Percentage: 101 } } } }), 'Activities.a.Holdout.Percentage must be an integer from 0 to 100; got 101'],
    ['six random split paths', () => ({ Name: 'j', Activities: { a: { RandomSplit: { Branches: Array.from({ length: 6 }, () => ({ Percentage: 10 })) } } } }), 'Activities.a has more than 5 paths; a split activity has at most 5 (a multivariate split: 4 branches plus the default path)'],
    ['both start conditions', (SegmentId) => ({ Name: 'j', StartCondition: { SegmentStartCondition: { SegmentId }, EventStartCondition: { SegmentId } } }), 'StartCondition takes either SegmentStartCondition or EventStartCondition, not both'],
    ['a daily cap of 101', () => ({ Name: 'j', Limits: { DailyCap: 101 } }), 'Limits.DailyCap must be an integer from 0 to 100; got 101'],
    ['a 31-day timeframe', () => ({ Name: 'j', Limits: { TimeframeCap: { Days: 31, Cap: 1 } } }), 'Limits.TimeframeCap.Days must be an integer from 0 to 30; got 31'],
    ['a bad reentry interval', () => ({ Name: 'j', Limits: { EndpointReentryInterval: '12 hours' } }), "Limits.EndpointReentryInterval must be an ISO 8601 duration such as PT1H; got '12 hours'"],
    ['an unknown timezone', () => ({ Name: 'j', Schedule: { Timezone: 'UTC+14' } }), "Schedule.Timezone must be one of the UTC offsets seed 002 lists for journeys (UTC, UTC+01, …, UTC-11); got 'UTC+14'"],
    ['an end before the start', () => ({ Name: 'j', Schedule: { StartTime: END, EndTime: START } }), `Schedule.EndTime must be after Schedule.StartTime; got ${START.toISOString()} <= ${END.toISOString()}`],
    ['a bad quiet time', () => ({ Name: 'j', QuietTime: { Start: '25:00' } }), "QuietTime.Start must be HH:MM in 24-hour notation; got '25:00'"],
    ['a bad refresh frequency', () => ({ Name: 'j', RefreshFrequency: 'hourly' }), "RefreshFrequency must be an ISO 8601 duration such as PT1H or P1D; got 'hourly'"],
    ['State CANCELLED', () => ({ Name: 'j', State: 'CANCELLED' }), "WriteJourneyRequest.State must be DRAFT or ACTIVE; got 'CANCELLED' (use UpdateJourneyState to pause or cancel a journey)"],
    ['State PAUSED', () => ({ Name: 'j', State: 'PAUSED' }), "WriteJourneyRequest.State must be DRAFT or ACTIVE; got 'PAUSED' (use UpdateJourneyState to pause or cancel a journey)"],
    ['publishing without a start condition', (SegmentId) => ({ ...completeJourney(SegmentId), StartCondition: undefined, State: 'ACTIVE' }), 'A journey needs a StartCondition (SegmentStartCondition or EventStartCondition) before it can be published (State ACTIVE)'],
    ['publishing without activities', (SegmentId) => ({ Name: 'j', StartCondition: { SegmentStartCondition: { SegmentId } }, State: 'ACTIVE' }), "A journey needs Activities and a StartActivity among them before it can be published (State ACTIVE); got StartActivity ''"],
  ];
  it.each(invalid)('rejects %s with BadRequestException', async (_case, request, message) => {
    const { appId, segmentId } = await appWithSegment(stack);
    const error = await errorOf(createJourney(stack, appId, request(segmentId)));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
    // Nothing was stored.
    expect((await stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: appId }))).JourneysResponse!.Item).toEqual([]);
  });
});

describe('GetJourney, ListJourneys and DeleteJourney', () => {
  it('answers NotFoundException 404 for an unknown journey, and for a journey of another app', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const missing = await errorOf(stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: 'nope' })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing).toMatchObject({ message: `Resource not found: Journey 'nope' does not exist in application '${appId}'`, $metadata: { httpStatusCode: 404 } });
    const journey = await createJourney(stack, appId, completeJourney(segmentId));
    const other = await appWithSegment(stack);
    await expect(stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: other.appId, JourneyId: journey.Id }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: 'no-app', JourneyId: journey.Id }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('lists the journeys of one app in creation order, page by page', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await createJourney(stack, appId, completeJourney(segmentId, { Name: `j${i}` }))).Id!);
    await createJourney(stack, (await appWithSegment(stack)).appId, { Name: 'elsewhere' });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: appId, PageSize: '2', Token: token }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      seen.push(...out.JourneysResponse!.Item!.map((journey) => journey.Id!));
      token = out.JourneysResponse!.NextToken;
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    const full = (await stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: appId }))).JourneysResponse!;
    expect(full.NextToken).toBeUndefined();
    expect(full.Item![0]).toEqual((await stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: ids[0] }))).JourneyResponse);
  });

  it('rejects a forged token and a bad page-size, and 404s for an unknown app', async () => {
    const { appId } = await appWithSegment(stack);
    const token = await errorOf(stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: appId, Token: 'forged.token' })));
    expect(token).toBeInstanceOf(BadRequestException);
    expect((token as BadRequestException).message).toBe('Invalid token: the token was not issued for this query or has been altered');
    const size = await errorOf(stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: appId, PageSize: 'ten' })));
    expect((size as BadRequestException).message).toBe("page-size must be an integer from 1 to 1000; got 'ten'");
    await expect(stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: 'no-app' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('deletes a journey in any state and answers with the journey as it was', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journey = await createJourney(stack, appId, completeJourney(segmentId, { State: 'ACTIVE' }));
    const out = await stack.pinpoint.send(new DeleteJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.JourneyResponse).toEqual(journey);
    await expect(stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new DeleteJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('UpdateJourney of a draft', () => {
  it('changes what the request names and keeps the rest', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journey = await createJourney(stack, appId, completeJourney(segmentId, { Limits: { DailyCap: 1 } }));
    const out = await stack.pinpoint.send(
      new UpdateJourneyCommand({
        ApplicationId: appId,
        JourneyId: journey.Id,
        WriteJourneyRequest: { Name: 'Renamed', StartActivity: 'pause', Activities: { pause: { Wait: { WaitTime: { WaitFor: 'PT2H' } } } } },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.JourneyResponse).toEqual({
      ...journey,
      Name: 'Renamed',
      StartActivity: 'pause',
      Activities: { pause: { Wait: { WaitTime: { WaitFor: 'PT2H' } } } },
      Limits: { DailyCap: 1 },
    });
    expect((await stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id }))).JourneyResponse).toEqual(out.JourneyResponse);
  });

  it('checks only the segments the request names: a journey whose segment was deleted can still be renamed', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journey = await createJourney(stack, appId, completeJourney(segmentId));
    await stack.pinpoint.send(new DeleteSegmentCommand({ ApplicationId: appId, SegmentId: segmentId }));
    const renamed = await stack.pinpoint.send(new UpdateJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id, WriteJourneyRequest: { Name: 'Renamed' } }));
    expect(renamed.JourneyResponse).toMatchObject({ Name: 'Renamed', StartCondition: { SegmentStartCondition: { SegmentId: segmentId } } });
    const resent = await errorOf(
      stack.pinpoint.send(new UpdateJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id, WriteJourneyRequest: { Name: 'x', StartCondition: { SegmentStartCondition: { SegmentId: segmentId } } } })),
    );
    expect(resent).toBeInstanceOf(NotFoundException);
  });

  it('validates the merged settings', async () => {
    const { appId, segmentId } = await appWithSegment(stack);
    const journey = await createJourney(stack, appId, completeJourney(segmentId));
    // The stored StartActivity ('welcome') is not among the new activities.
    const error = await errorOf(stack.pinpoint.send(new UpdateJourneyCommand({ ApplicationId: appId, JourneyId: journey.Id, WriteJourneyRequest: { Name: 'x', Activities: { a: { Wait: {} } } } })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe("StartActivity must be the ID of one of the journey's activities (a); got 'welcome'");
    await expect(stack.pinpoint.send(new UpdateJourneyCommand({ ApplicationId: appId, JourneyId: 'nope', WriteJourneyRequest: { Name: 'x' } }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
