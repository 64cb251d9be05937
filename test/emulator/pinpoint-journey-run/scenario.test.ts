import { GetApplicationDateRangeKpiCommand, GetJourneyDateRangeKpiCommand, GetJourneyRunExecutionActivityMetricsCommand } from '@aws-sdk/client-pinpoint';
import { readJson } from '../../helpers/emulator';
import { emailEndpoint } from '../pinpoint-delivery/kit';
import { counts, endpointsOf, JOURNEY_FIELDS, MESSAGE_FIELDS, plusHours, RUN_FIELDS, startJourneyKit, type JourneyKit } from './kit';

// A journey end to end, over HTTP: email → wait a day → yes/no split on whether the email was
// opened → SMS on the "no" branch. Publishing it, moving the clock and reading the outbox (with no
// Pinpoint request in between), opens reported through PutEvents, and the execution metrics,
// activity metrics and journey KPIs that follow. Also: the other message channels, and the
// admin route that runs what is due.

const T0 = '2025-06-02T09:00:00.000Z';
const START = plusHours(T0, 1);
const SPLIT_AT = plusHours(START, 24);
let kit: JourneyKit;
beforeAll(async () => {
  kit = await startJourneyKit(T0);
});
afterAll(() => kit.close());

describe('email, wait, yes/no split on opens, SMS', () => {
  let appId: string;
  let journeyId: string;
  beforeAll(async () => {
    appId = await kit.newApp('scenario');
    await kit.putEndpoints(appId, [
      emailEndpoint('e-ann', { Attributes: { name: ['Ann'] } }),
      emailEndpoint('e-bob', { Attributes: { name: ['Bob'] } }),
      emailEndpoint('e-cat', { Attributes: { name: ['Cat'] } }),
      { Id: 's-dan', ChannelType: 'SMS', Address: '+14155550101', Attributes: { name: ['Dan'] }, Location: { Country: 'US' } },
      { Id: 's-eve', ChannelType: 'SMS', Address: '+14155550102', Attributes: { name: ['Eve'] }, Location: { Country: 'US' } },
      emailEndpoint('e-out', { OptOut: 'ALL' }),
    ]);
    const segmentId = await kit.newSegment(appId, { Name: 'everyone' });
    await kit.emailTemplate('ScenarioWelcome', 'Hi {{Attributes.name}}', 'Welcome, {{Attributes.name}}!');
    await kit.smsTemplate('ScenarioNudge', 'Still there, {{Attributes.name}}?');
    journeyId = await kit.newJourney(appId, {
      Name: 'Onboarding',
      State: 'ACTIVE',
      Schedule: { StartTime: new Date(START) },
      StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
      StartActivity: 'welcome',
      Activities: {
        welcome: { EMAIL: { TemplateName: 'ScenarioWelcome', MessageConfig: { FromAddress: 'hello@example.com' }, NextActivity: 'pause' } },
        pause: { Wait: { WaitTime: { WaitFor: 'P1D' }, NextActivity: 'opened' } },
        opened: {
          ConditionalSplit: {
            Condition: { Conditions: [{ EventCondition: { MessageActivity: 'welcome', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['EMAIL_OPENED'] } } } }] },
            FalseActivity: 'nudge',
          },
        },
        nudge: { SMS: { TemplateName: 'ScenarioNudge', MessageConfig: { OriginationNumber: '+18005550199', MessageType: 'PROMOTIONAL' } } },
      },
    });
  });

  it('waits for the schedule start: nothing is sent and the run is SCHEDULED', async () => {
    expect(await kit.journeyMessages(journeyId)).toEqual([]);
    expect((await kit.runs(appId, journeyId)).map((run) => run.Status)).toEqual(['SCHEDULED']);
    expect(await kit.runMetrics(appId, journeyId)).toEqual(counts(RUN_FIELDS, {}));
  });

  it('admits the segment at the start and emails the email endpoints, seen in the outbox right after the clock moves', async () => {
    await kit.advance(3_599);
    expect(await kit.journeyMessages(journeyId)).toEqual([]);
    await kit.advance(1);
    const emails = await kit.journeyMessages(journeyId);
    expect(endpointsOf(emails)).toEqual(['e-ann', 'e-bob', 'e-cat']);
    expect(emails.find((message) => message.details?.endpointId === 'e-ann')).toMatchObject({
      service: 'pinpoint',
      channel: 'EMAIL',
      origination: 'hello@example.com',
      destination: 'e-ann@example.com',
      body: 'Welcome, Ann!',
      sentAt: START,
      details: { applicationId: appId, kind: 'journey', journeyId, journeyActivityId: 'welcome', journeyRunId: expect.any(String), title: 'Hi Ann', contentSource: 'template:ScenarioWelcome:1' },
    });
    expect(await kit.runMetrics(appId, journeyId)).toEqual(counts(RUN_FIELDS, { ENDPOINT_PRODUCED: 6, ENDPOINT_OPT_OUT: 1, ENDPOINT_ENTERED: 5, ENDPOINT_ACTIVE: 5 }));
    expect(await kit.activityMetrics(appId, journeyId, 'welcome')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 3, UNSUPPORTED_CHANNEL: 2 }));
    expect(await kit.activityMetrics(appId, journeyId, 'pause')).toEqual({ WAITING: '5', COMPLETED: '0' });
    expect((await kit.runs(appId, journeyId)).map((run) => run.Status)).toEqual(['RUNNING']);
  });

  it('routes opens of the welcome email down the yes path after the wait, and texts the rest that have a phone', async () => {
    const emails = await kit.journeyMessages(journeyId, 'welcome');
    const messageIdOf = (endpointId: string) => emails.find((message) => message.details?.endpointId === endpointId)!.messageId;
    // Ann's open names the message; Bob's the journey and activity; Cat's open is of some other email.
    await kit.putEvents(appId, 'e-ann', { o1: { EventType: '_email.open', Timestamp: plusHours(START, 2), Attributes: { message_id: messageIdOf('e-ann') } } });
    await kit.putEvents(appId, 'e-bob', { o2: { EventType: '_email.open', Timestamp: plusHours(START, 3), Attributes: { journey_id: journeyId, journey_activity_id: 'welcome' } } });
    await kit.putEvents(appId, 'e-cat', { o3: { EventType: '_email.open', Timestamp: plusHours(START, 4), Attributes: { message_id: 'not-this-one' } } });

    await kit.setClock(new Date(Date.parse(SPLIT_AT) - 1000).toISOString());
    expect(await kit.journeyMessages(journeyId, 'nudge')).toEqual([]);
    await kit.setClock(SPLIT_AT);
    const texts = await kit.journeyMessages(journeyId, 'nudge');
    expect(texts.map((message) => [message.details?.endpointId, message.channel, message.destination, message.origination, message.body, message.messageType, message.sentAt])).toEqual([
      ['s-dan', 'SMS', '+14155550101', '+18005550199', 'Still there, Dan?', 'PROMOTIONAL', SPLIT_AT],
      ['s-eve', 'SMS', '+14155550102', '+18005550199', 'Still there, Eve?', 'PROMOTIONAL', SPLIT_AT],
    ]);
    expect(await kit.journeyMessages(journeyId)).toHaveLength(5);
  });

  it('reports the journey, run and activity metrics from what happened', async () => {
    expect(await kit.journeyMetrics(appId, journeyId)).toEqual(counts(JOURNEY_FIELDS, { ENDPOINT_ENTERED: 5, ENDPOINT_LEFT: 5 }));
    expect(await kit.runMetrics(appId, journeyId)).toEqual(counts(RUN_FIELDS, { ENDPOINT_PRODUCED: 6, ENDPOINT_OPT_OUT: 1, ENDPOINT_ENTERED: 5, ENDPOINT_LEFT: 5 }));
    expect(await kit.activityMetrics(appId, journeyId, 'pause')).toEqual({ WAITING: '0', COMPLETED: '5' });
    expect(await kit.activityMetrics(appId, journeyId, 'opened')).toEqual({ Branch_1: '2', Branch_2: '3' });
    expect(await kit.activityMetrics(appId, journeyId, 'nudge')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 2, UNSUPPORTED_CHANNEL: 1 }));
    const [run] = await kit.runs(appId, journeyId);
    const perRun = await kit.pinpoint.send(new GetJourneyRunExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: run.RunId, JourneyActivityId: 'opened' }));
    expect(perRun.JourneyRunExecutionActivityMetricsResponse).toMatchObject({ ActivityType: 'CONDITIONAL_SPLIT', LastEvaluatedTime: SPLIT_AT, Metrics: { Branch_1: '2', Branch_2: '3' } });
    expect(run).toMatchObject({ Status: 'RUNNING', CreationTime: T0 });
  });

  it('moves the journey KPIs with the deliveries and the reported opens', async () => {
    const kpi = async (KpiName: string) =>
      (await kit.pinpoint.send(new GetJourneyDateRangeKpiCommand({ ApplicationId: appId, JourneyId: journeyId, KpiName }))).JourneyDateRangeKpiResponse!.KpiResult!.Rows;
    expect(await kpi('journey-emails-sent')).toEqual([{ Values: [{ Key: 'JourneyEmailsSent', Type: 'Double', Value: '3.0' }] }]);
    expect(await kpi('journey-emails-delivered')).toEqual([{ Values: [{ Key: 'JourneyEmailsDelivered', Type: 'Double', Value: '3.0' }] }]);
    expect(await kpi('journey-emails-opened')).toEqual([{ Values: [{ Key: 'JourneyEmailsOpened', Type: 'Double', Value: '2.0' }] }]);
    expect(await kpi('emails-opened-grouped-by-journey-activity')).toEqual([
      { GroupedBys: [{ Key: 'JourneyActivityId', Type: 'String', Value: 'welcome' }], Values: [{ Key: 'EmailsOpened', Type: 'Double', Value: '2.0' }] },
    ]);
    // Journey messages are neither campaign nor transactional messages.
    const txn = await kit.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-emails-sent' }));
    expect(txn.ApplicationDateRangeKpiResponse!.KpiResult!.Rows).toEqual([]);
    const sms = await kit.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-sms-sent' }));
    expect(sms.ApplicationDateRangeKpiResponse!.KpiResult!.Rows).toEqual([]);
  });
});

describe('other channels', () => {
  it('sends push from a push template, records custom and contact center deliveries, and skips endpoints of other channels', async () => {
    const appId = await kit.newApp('channels');
    await kit.putEndpoints(appId, [
      { Id: 'c-gcm', ChannelType: 'GCM', Address: 'token-1', Attributes: { name: ['Gus'] } },
      { Id: 'c-sms', ChannelType: 'SMS', Address: '+14155550111' },
      emailEndpoint('c-mail'),
    ]);
    const segmentId = await kit.newSegment(appId, { Name: 'all' });
    await kit.pushTemplate('ChannelsPush', 'Hey {{Attributes.name}}', 'Your cart misses you');
    const journeyId = await kit.newJourney(appId, {
      Name: 'Channels',
      State: 'ACTIVE',
      StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
      StartActivity: 'push',
      Activities: {
        push: { PUSH: { TemplateName: 'ChannelsPush', NextActivity: 'hook' } },
        hook: { CUSTOM: { DeliveryUri: 'https://hooks.example.com/pinpoint', EndpointTypes: ['GCM', 'SMS'], MessageConfig: { Data: 'custom payload' }, NextActivity: 'agent' } },
        agent: { ContactCenter: { NextActivity: 'missing' } },
        missing: { EMAIL: { TemplateName: 'NoSuchTemplate' } },
      },
    });
    // Published at this instant: the request that published it also ran it.
    const messages = await kit.journeyMessages(journeyId);
    const now = await kit.now();
    expect(messages.map((message) => [message.details?.journeyActivityId, message.details?.endpointId, message.channel, message.destination, message.body, message.details?.contentSource, message.sentAt])).toEqual([
      ['push', 'c-gcm', 'PUSH', 'token-1', 'Your cart misses you', 'template:ChannelsPush:1', now],
      ['hook', 'c-gcm', 'CUSTOM', 'token-1', 'custom payload', 'CustomMessage', now],
      ['hook', 'c-sms', 'CUSTOM', '+14155550111', 'custom payload', 'CustomMessage', now],
      ['agent', 'c-sms', 'VOICE', '+14155550111', '', 'ContactCenter', now],
    ]);
    expect(messages[0].details?.title).toBe('Hey Gus');
    expect(await kit.activityMetrics(appId, journeyId, 'push')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 1, UNSUPPORTED_CHANNEL: 2 }));
    expect(await kit.activityMetrics(appId, journeyId, 'hook')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 2, UNSUPPORTED_CHANNEL: 1 }));
    expect(await kit.activityMetrics(appId, journeyId, 'agent')).toEqual({ SUCCESS: '1', ENDPOINT_OPT_OUT: '0', UNSUPPORTED_CHANNEL: '2' });
    // The email endpoint reaches an email activity whose template doesn't exist: nothing to send.
    expect(await kit.activityMetrics(appId, journeyId, 'missing')).toEqual(counts(MESSAGE_FIELDS, { PERMANENT_FAILURE: 1, UNSUPPORTED_CHANNEL: 2 }));
    expect(await kit.journeyMetrics(appId, journeyId)).toEqual(counts(JOURNEY_FIELDS, { ENDPOINT_ENTERED: 3, ENDPOINT_LEFT: 3 }));
  });
});

describe('POST /_emulator/pinpoint/run', () => {
  it('runs what is due in every account and region, and the campaigns-only route still answers', async () => {
    const appId = await kit.newApp('route');
    await kit.putEndpoints(appId, [emailEndpoint('r-1')]);
    const segmentId = await kit.newSegment(appId, { Name: 'all' });
    await kit.emailTemplate('RouteMail', 'Route', 'Hello');
    const start = plusHours(await kit.now(), 1);
    const journeyId = await kit.newJourney(appId, {
      Name: 'Route',
      State: 'ACTIVE',
      Schedule: { StartTime: new Date(start) },
      StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
      StartActivity: 'mail',
      Activities: { mail: { EMAIL: { TemplateName: 'RouteMail' } } },
    });
    expect(await kit.runAll()).toEqual({ now: await kit.now(), scopes: [{ accountId: '123456789012', region: 'us-east-1' }] });
    expect(await kit.journeyMessages(journeyId)).toEqual([]);
    await kit.setClock(start);
    expect(endpointsOf(await kit.journeyMessages(journeyId))).toEqual(['r-1']);
    expect(await kit.runAll()).toMatchObject({ now: start });
    expect(await kit.journeyMessages(journeyId)).toHaveLength(1);
    const old = await fetch(`${kit.emulator.endpoint}/_emulator/pinpoint/campaigns/run`, { method: 'POST' });
    expect(old.status).toBe(200);
    expect(await readJson(old)).toEqual({ now: start, scopes: [{ accountId: '123456789012', region: 'us-east-1' }] });
  });
});
