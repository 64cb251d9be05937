import {
  BadRequestException,
  GetJourneyCommand,
  GetJourneyDateRangeKpiCommand,
  GetJourneyExecutionActivityMetricsCommand,
  GetJourneyExecutionMetricsCommand,
  GetJourneyRunExecutionActivityMetricsCommand,
  GetJourneyRunExecutionMetricsCommand,
  GetJourneyRunsCommand,
  ListJourneysCommand,
  NotFoundException,
  PutEventsCommand,
  UpdateJourneyStateCommand,
  type Event,
} from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { TEMPLATE_SEED } from '../../../src/emulator/services/pinpoint/templatesSeed';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { appWithSegment, completeJourney, createJourney, errorOf } from './helpers';

// Journey execution metrics (all four operations), journey engagement KPIs over a date range,
// and the seeded demo journeys. These journeys' segments have no endpoints, so their execution
// metrics are every name at '0' (test/emulator/pinpoint-journey-run has journeys that run); KPIs
// count the journey's events that PutEvents recorded.

const NOW = new Date('2025-03-15T12:00:00.000Z');
const LATER = new Date('2025-03-15T13:00:00.000Z');
let now = NOW;
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now }, seed: true });
});
afterAll(() => stack.close());

const JOURNEY_FIELDS = ['ENDPOINT_ACTIVE', 'CANCELLED', 'ENDPOINT_LEFT', 'ENDPOINT_ENTERED', 'REENTRY_CAP_EXCEEDED', 'ACTIVE_ENDPOINT_REJECTED'];
const RUN_FIELDS = [
  ...JOURNEY_FIELDS,
  'ENDPOINT_PRODUCED', 'ENDPOINTS_FROM_USER', 'ENDPOINT_OPT_OUT', 'ENDPOINT_INACTIVE', 'FILTERED_OUT_BY_SEGMENT', 'ENDPOINT_MISSING_ADDRESS',
  'ENDPOINT_MISSING_CHANNEL', 'ENDPOINT_MISSING_TIMEZONE', 'ENDPOINT_TIMEZONE_MISMATCH', 'DUPLICATE_ENDPOINT', 'DUPLICATE_USER', 'PAUSED', 'ENDED',
];
const zeros = (names: string[]) => Object.fromEntries(names.map((name) => [name, '0']));

/** A published journey (run created at NOW, journey last modified at LATER) with its run ID. */
async function publishedJourney(): Promise<{ appId: string; journeyId: string; runId: string }> {
  now = NOW;
  const { appId, segmentId } = await appWithSegment(stack);
  const journeyId = (await createJourney(stack, appId, completeJourney(segmentId, {
    State: 'ACTIVE',
    StartActivity: 'split',
    Activities: {
      ...completeJourney(segmentId).Activities,
      split: { RandomSplit: { Branches: [{ Percentage: 50, NextActivity: 'multi' }, { Percentage: 30, NextActivity: 'welcome' }, { Percentage: 20, NextActivity: 'hold' }] } },
      multi: { MultiCondition: { Branches: [{ Condition: { SegmentCondition: { SegmentId: segmentId } }, NextActivity: 'welcome' }], DefaultActivity: 'welcome' } },
      hold: { Holdout: { Percentage: 10 } },
      agent: { ContactCenter: {} },
      hook: { CUSTOM: { DeliveryUri: 'arn:aws:lambda:us-east-1:123456789012:function:hook' } },
    },
  }))).Id!;
  const runId = (await stack.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyRunsResponse!.Item![0].RunId!;
  return { appId, journeyId, runId };
}

describe('journey execution metrics', () => {
  it('GetJourneyExecutionMetrics reports the journey fields at 0 and when the run last changed', async () => {
    const { appId, journeyId } = await publishedJourney();
    now = LATER;
    const out = await stack.pinpoint.send(new GetJourneyExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.JourneyExecutionMetricsResponse).toEqual({ ApplicationId: appId, JourneyId: journeyId, LastEvaluatedTime: NOW.toISOString(), Metrics: zeros(JOURNEY_FIELDS) });
  });

  it('reports a never-published journey as last evaluated when it was last written', async () => {
    const { appId } = await appWithSegment(stack);
    now = NOW;
    const journeyId = (await createJourney(stack, appId, { Name: 'draft' })).Id!;
    now = LATER;
    const out = await stack.pinpoint.send(new GetJourneyExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId }));
    expect(out.JourneyExecutionMetricsResponse!.LastEvaluatedTime).toBe(NOW.toISOString());
  });

  const MESSAGE_FIELDS = ['SUCCESS', 'ENDPOINT_OPT_OUT', 'UNSUPPORTED_CHANNEL', 'PERMANENT_FAILURE', 'CHANNEL_DISABLED', 'QUIET_TIME', 'DAILY_CAP', 'TOTAL_CAP', 'TIMEFRAME_CAP'];
  it.each<[string, string, Record<string, string>]>([
    ['welcome', 'MESSAGE', zeros(MESSAGE_FIELDS)],
    ['hook', 'MESSAGE', zeros(MESSAGE_FIELDS)],
    ['pause', 'WAIT', zeros(['WAITING', 'COMPLETED'])],
    ['hold', 'HOLDOUT', zeros(['HOLDOUT', 'PASSED'])],
    ['agent', 'CONTACT_CENTER', zeros(['SUCCESS', 'ENDPOINT_OPT_OUT', 'UNSUPPORTED_CHANNEL'])],
    ['opened', 'CONDITIONAL_SPLIT', { Branch_1: '0', Branch_2: '0' }],
    ['multi', 'MULTI_CONDITIONAL_SPLIT', { Branch_1: '0', Branch_2: '0' }],
    ['split', 'RANDOM_SPLIT', { Branch_1: '0', Branch_2: '0', Branch_3: '0', TOTAL: '0' }],
  ])('GetJourneyExecutionActivityMetrics reports activity %s as %s', async (activityId, activityType, metrics) => {
    const { appId, journeyId, runId } = await publishedJourney();
    const out = await stack.pinpoint.send(new GetJourneyExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, JourneyActivityId: activityId }));
    expect(out.JourneyExecutionActivityMetricsResponse).toEqual({
      ApplicationId: appId,
      JourneyId: journeyId,
      JourneyActivityId: activityId,
      ActivityType: activityType,
      LastEvaluatedTime: NOW.toISOString(),
      Metrics: metrics,
    });
    const run = await stack.pinpoint.send(new GetJourneyRunExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: runId, JourneyActivityId: activityId }));
    expect(run.JourneyRunExecutionActivityMetricsResponse).toEqual({
      ApplicationId: appId,
      JourneyId: journeyId,
      RunId: runId,
      JourneyActivityId: activityId,
      ActivityType: activityType,
      LastEvaluatedTime: NOW.toISOString(),
      Metrics: metrics,
    });
  });

  it('GetJourneyRunExecutionMetrics reports the run fields at 0', async () => {
    const { appId, journeyId, runId } = await publishedJourney();
    const out = await stack.pinpoint.send(new GetJourneyRunExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: runId }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.JourneyRunExecutionMetricsResponse).toEqual({ ApplicationId: appId, JourneyId: journeyId, RunId: runId, LastEvaluatedTime: NOW.toISOString(), Metrics: zeros(RUN_FIELDS) });
  });

  it('answers NotFoundException for an unknown journey, activity or run', async () => {
    const { appId, journeyId, runId } = await publishedJourney();
    const journey = await errorOf(stack.pinpoint.send(new GetJourneyExecutionMetricsCommand({ ApplicationId: appId, JourneyId: 'nope' })));
    expect(journey).toBeInstanceOf(NotFoundException);
    const activity = await errorOf(stack.pinpoint.send(new GetJourneyExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, JourneyActivityId: 'nope' })));
    expect(activity).toBeInstanceOf(NotFoundException);
    expect((activity as NotFoundException).message).toBe(`Resource not found: Journey activity 'nope' does not exist in journey '${journeyId}'`);
    const run = await errorOf(stack.pinpoint.send(new GetJourneyRunExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: 'nope' })));
    expect(run).toBeInstanceOf(NotFoundException);
    expect((run as NotFoundException).message).toBe(`Resource not found: Journey run 'nope' does not exist in journey '${journeyId}'`);
    await expect(
      stack.pinpoint.send(new GetJourneyRunExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: runId, JourneyActivityId: 'nope' })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      stack.pinpoint.send(new GetJourneyRunExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: 'nope', JourneyActivityId: 'welcome' })),
    ).rejects.toBeInstanceOf(NotFoundException);
  });

  it('rejects any next-token (metrics come in one page) and a malformed page-size', async () => {
    const { appId, journeyId, runId } = await publishedJourney();
    const token = await errorOf(stack.pinpoint.send(new GetJourneyExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, NextToken: 'abc' })));
    expect(token).toBeInstanceOf(BadRequestException);
    expect((token as BadRequestException).message).toBe('Invalid token: the token was not issued for this query or has been altered');
    const size = await errorOf(stack.pinpoint.send(new GetJourneyRunExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: runId, PageSize: '-1' })));
    expect((size as BadRequestException).message).toBe("page-size must be an integer from 1 to 1000; got '-1'");
    // A well-formed page-size is accepted and changes nothing.
    const sized = await stack.pinpoint.send(new GetJourneyExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, PageSize: '1' }));
    expect(Object.keys(sized.JourneyExecutionMetricsResponse!.Metrics!)).toHaveLength(JOURNEY_FIELDS.length);
  });
});

describe('GetJourneyDateRangeKpi', () => {
  const event = (type: string, timestamp: string, activityId: string, journeyId: string): Event => ({
    EventType: type,
    Timestamp: timestamp,
    Attributes: { journey_id: journeyId, journey_activity_id: activityId, journey_run_id: 'r' },
  });

  it('answers the documented empty result for a journey without events', async () => {
    const { appId, journeyId } = await publishedJourney();
    const out = await stack.pinpoint.send(new GetJourneyDateRangeKpiCommand({ ApplicationId: appId, JourneyId: journeyId, KpiName: 'journey-emails-sent' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.JourneyDateRangeKpiResponse).toEqual({
      ApplicationId: appId,
      JourneyId: journeyId,
      KpiName: 'journey-emails-sent',
      StartTime: new Date('2025-02-13T00:00:00.000Z'),
      EndTime: NOW,
      KpiResult: { Rows: [] },
    });
  });

  it('counts the journey’s email events, in total and by journey activity', async () => {
    const { appId, journeyId } = await publishedJourney();
    const { journeyId: otherJourney } = await publishedJourney();
    await stack.pinpoint.send(
      new PutEventsCommand({
        ApplicationId: appId,
        EventsRequest: {
          BatchItem: {
            'kpi-a': {
              Endpoint: { ChannelType: 'EMAIL', Address: 'a@example.com' },
              Events: {
                s1: event('_email.send', '2025-03-10T10:00:00Z', 'welcome', journeyId),
                s2: event('_email.send', '2025-03-11T10:00:00Z', 'welcome', journeyId),
                s3: event('_email.send', '2025-03-11T11:00:00Z', 'hook', journeyId),
                o1: event('_email.open', '2025-03-11T12:00:00Z', 'welcome', journeyId),
                old: event('_email.send', '2025-01-01T10:00:00Z', 'welcome', journeyId),
                other: event('_email.send', '2025-03-11T10:00:00Z', 'welcome', otherJourney),
              },
            },
          },
        },
      }),
    );
    const kpi = async (KpiName: string, range: { StartTime?: Date; EndTime?: Date } = {}) =>
      (await stack.pinpoint.send(new GetJourneyDateRangeKpiCommand({ ApplicationId: appId, JourneyId: journeyId, KpiName, ...range }))).JourneyDateRangeKpiResponse!;
    expect((await kpi('journey-emails-sent')).KpiResult!.Rows).toEqual([{ Values: [{ Key: 'JourneyEmailsSent', Type: 'Double', Value: '3.0' }] }]);
    expect((await kpi('journey-emails-opened')).KpiResult!.Rows).toEqual([{ Values: [{ Key: 'JourneyEmailsOpened', Type: 'Double', Value: '1.0' }] }]);
    expect((await kpi('emails-sent-grouped-by-journey-activity')).KpiResult!.Rows).toEqual([
      { GroupedBys: [{ Key: 'JourneyActivityId', Type: 'String', Value: 'hook' }], Values: [{ Key: 'EmailsSent', Type: 'Double', Value: '1.0' }] },
      { GroupedBys: [{ Key: 'JourneyActivityId', Type: 'String', Value: 'welcome' }], Values: [{ Key: 'EmailsSent', Type: 'Double', Value: '2.0' }] },
    ]);
    const narrow = await kpi('journey-emails-sent', { StartTime: new Date('2025-03-11T00:00:00Z'), EndTime: new Date('2025-03-11T10:30:00Z') });
    expect(narrow).toMatchObject({ StartTime: new Date('2025-03-11T00:00:00Z'), EndTime: new Date('2025-03-11T10:30:00Z'), KpiResult: { Rows: [{ Values: [{ Value: '1.0' }] }] } });
    expect((await kpi('journey-emails-clicked')).KpiResult!.Rows).toEqual([]);
  });

  it.each<[string, { KpiName: string; StartTime?: Date; EndTime?: Date; NextToken?: string }, string]>([
    ['a malformed name', { KpiName: 'Emails_Sent' }, "kpi-name must be two or more lowercase alphanumeric terms separated by hyphens; got 'Emails_Sent'"],
    ['an application metric', { KpiName: 'txn-emails-sent' }, "'txn-emails-sent' is not a supported journey engagement metric (kpi-name); see the standard metrics for journeys"],
    ['a start after the end', { KpiName: 'journey-emails-sent', StartTime: new Date('2025-03-10T00:00:00Z'), EndTime: new Date('2025-03-09T00:00:00Z') }, 'start-time must not be after end-time; got 2025-03-10T00:00:00.000Z > 2025-03-09T00:00:00.000Z'],
    ['a range of 32 days', { KpiName: 'journey-emails-sent', StartTime: new Date('2025-02-01T00:00:00Z'), EndTime: new Date('2025-03-04T00:00:00Z') }, 'The date range must be 31 or fewer calendar days; 2025-02-01T00:00:00.000Z to 2025-03-04T00:00:00.000Z spans 32'],
    ['a start 90 days back', { KpiName: 'journey-emails-sent', StartTime: new Date('2024-12-15T00:00:00Z'), EndTime: new Date('2024-12-16T00:00:00Z') }, 'start-time must be fewer than 90 days from the current day; 2024-12-15T00:00:00.000Z is 90 days back'],
    ['a next-token', { KpiName: 'journey-emails-sent', NextToken: 't' }, 'Invalid token: the token was not issued for this query or has been altered'],
  ])('rejects %s with BadRequestException', async (_case, input, message) => {
    const { appId, journeyId } = await publishedJourney();
    const error = await errorOf(stack.pinpoint.send(new GetJourneyDateRangeKpiCommand({ ApplicationId: appId, JourneyId: journeyId, ...input })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  });

  it('answers NotFoundException for an unknown journey', async () => {
    const { appId } = await appWithSegment(stack);
    await expect(stack.pinpoint.send(new GetJourneyDateRangeKpiCommand({ ApplicationId: appId, JourneyId: 'nope', KpiName: 'journey-emails-sent' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('seeded journeys', () => {
  const { RETAIL, BANKING } = PINPOINT_SEED.apps;
  const J = JOURNEY_SEED.journeys;
  const R = JOURNEY_SEED.runs;
  const day = (daysAgo: number) => new Date(Date.UTC(2025, 2, 15) - daysAgo * 86_400_000 + 10 * 3_600_000).toISOString();
  beforeEach(() => {
    now = NOW;
  });

  it('lists the retail journeys with their reported states', async () => {
    const out = await stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: RETAIL }));
    expect(out.JourneysResponse!.Item!.map((journey) => [journey.Id, journey.Name, journey.State])).toEqual([
      [J.RETAIL_ONBOARDING, 'OnboardingSeries', 'ACTIVE'],
      [J.RETAIL_WINBACK_DRAFT, 'WinbackDraft', 'DRAFT'],
      [J.RETAIL_HOLIDAY_PROMO, 'HolidayPromo', 'COMPLETED'],
    ]);
    const banking = await stack.pinpoint.send(new ListJourneysCommand({ ApplicationId: BANKING }));
    expect(banking.JourneysResponse!.Item!.map((journey) => [journey.Name, journey.State])).toEqual([['CardActivation', 'CANCELLED']]);
  });

  it('has an onboarding journey that starts from the all-customers segment with the welcome template', async () => {
    const journey = (await stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: RETAIL, JourneyId: J.RETAIL_ONBOARDING }))).JourneyResponse!;
    expect(journey).toMatchObject({
      StartCondition: { SegmentStartCondition: { SegmentId: PINPOINT_SEED.segments.RETAIL_ALL_CUSTOMERS } },
      StartActivity: 'welcome',
      RefreshFrequency: 'P7D',
      CreationDate: day(25),
      LastModifiedDate: day(20),
      Schedule: { StartTime: new Date(day(20)), EndTime: new Date(day(-40)) },
    });
    expect(journey.Activities!.welcome.EMAIL).toEqual({ TemplateName: TEMPLATE_SEED.WELCOME_EMAIL, TemplateVersion: '2', NextActivity: 'pause' });
  });

  it('records the runs of the seeded journeys with statuses from their schedules', async () => {
    const runs = async (appId: string, journeyId: string) =>
      (await stack.pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyRunsResponse!.Item!;
    expect(await runs(RETAIL, J.RETAIL_ONBOARDING)).toEqual([
      { RunId: R.ONBOARDING_RUN_3, Status: 'RUNNING', CreationTime: day(6), LastUpdateTime: day(6) },
      { RunId: R.ONBOARDING_RUN_2, Status: 'COMPLETED', CreationTime: day(13), LastUpdateTime: day(6) },
      { RunId: R.ONBOARDING_RUN_1, Status: 'COMPLETED', CreationTime: day(20), LastUpdateTime: day(13) },
    ]);
    expect(await runs(RETAIL, J.RETAIL_WINBACK_DRAFT)).toEqual([]);
    expect(await runs(RETAIL, J.RETAIL_HOLIDAY_PROMO)).toEqual([{ RunId: R.HOLIDAY_PROMO_RUN, Status: 'COMPLETED', CreationTime: day(40), LastUpdateTime: day(5) }]);
    expect(await runs(BANKING, J.BANKING_CARD_ACTIVATION)).toEqual([{ RunId: R.CARD_ACTIVATION_RUN, Status: 'CANCELLED', CreationTime: day(15), LastUpdateTime: day(8) }]);
  });

  it('lets the seeded active journey be paused (it has a refresh interval)', async () => {
    const twin = await startEmulator({ clock: { now: () => NOW }, seed: true });
    try {
      const out = await twin.pinpoint.send(new UpdateJourneyStateCommand({ ApplicationId: RETAIL, JourneyId: J.RETAIL_ONBOARDING, JourneyStateRequest: { State: 'PAUSED' } }));
      expect(out.JourneyResponse!.State).toBe('PAUSED');
      const metrics = await twin.pinpoint.send(new GetJourneyExecutionActivityMetricsCommand({ ApplicationId: BANKING, JourneyId: J.BANKING_CARD_ACTIVATION, JourneyActivityId: 'tier' }));
      expect(metrics.JourneyExecutionActivityMetricsResponse).toMatchObject({ ActivityType: 'MULTI_CONDITIONAL_SPLIT', LastEvaluatedTime: day(8), Metrics: { Branch_1: '0', Branch_2: '0' } });
    } finally {
      await twin.close();
    }
  });
});
