import { UpdateApplicationSettingsCommand, UpdateEndpointCommand, UpdateSmsChannelCommand, type WriteJourneyRequest } from '@aws-sdk/client-pinpoint';
import { emailEndpoint } from '../pinpoint-delivery/kit';
import { counts, endpointsOf, MESSAGE_FIELDS, plusHours, RUN_FIELDS, startJourneyKit, type JourneyKit } from './kit';

// What keeps a journey from sending or admitting: the journey's limits (DailyCap, TotalCap,
// TimeframeCap, MessagesPerSecond, EndpointReentryCap and EndpointReentryInterval), the app's
// journey limits as defaults, quiet time (skipped, or waited out), opt-outs and disabled channels.

const T0 = '2025-06-02T09:00:00.000Z';
let kit: JourneyKit;
beforeAll(async () => {
  kit = await startJourneyKit(T0);
  await kit.emailTemplate('CapsMail', 'Caps', 'Hello {{Id}}');
  await kit.smsTemplate('CapsText', 'Text for {{Id}}');
});
afterAll(() => kit.close());

/** An app with `endpoints` and a segment of all of them; returns the app and segment IDs. */
async function appWith(name: string, endpoints: Parameters<JourneyKit['putEndpoints']>[1]): Promise<{ appId: string; segmentId: string }> {
  const appId = await kit.newApp(name);
  await kit.putEndpoints(appId, endpoints);
  return { appId, segmentId: await kit.newSegment(appId, { Name: 'all' }) };
}

/** A published journey from `segmentId` with the given activities and settings. */
function journey(segmentId: string, start: string, activities: WriteJourneyRequest['Activities'], settings: Partial<WriteJourneyRequest> = {}): WriteJourneyRequest {
  return { Name: 'Caps', State: 'ACTIVE', StartCondition: { SegmentStartCondition: { SegmentId: segmentId } }, StartActivity: start, Activities: activities, ...settings };
}

/** `n` email activities m1 … mn, each followed by a wait of the given duration (none after the last). */
function mails(waits: string[]): WriteJourneyRequest['Activities'] {
  const activities: NonNullable<WriteJourneyRequest['Activities']> = {};
  waits.forEach((wait, index) => {
    activities[`m${index + 1}`] = { EMAIL: { TemplateName: 'CapsMail', NextActivity: `w${index + 1}` } };
    activities[`w${index + 1}`] = { Wait: { WaitTime: { WaitFor: wait }, NextActivity: `m${index + 2}` } };
  });
  activities[`m${waits.length + 1}`] = { EMAIL: { TemplateName: 'CapsMail' } };
  return activities;
}

it('applies the journey’s DailyCap (24 hours back) and TotalCap, catching up days of steps in order', async () => {
  const { appId, segmentId } = await appWith('daily', [emailEndpoint('d-1')]);
  const now = await kit.now();
  const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails(['PT1H', 'P1D', 'P1D']), { Limits: { DailyCap: 1, TotalCap: 2 } }));
  await kit.advance(3 * 86_400);
  expect((await kit.journeyMessages(journeyId)).map((message) => [message.details?.journeyActivityId, message.sentAt])).toEqual([
    ['m1', now],
    ['m3', plusHours(now, 25)],
  ]);
  expect(await kit.activityMetrics(appId, journeyId, 'm2')).toEqual(counts(MESSAGE_FIELDS, { DAILY_CAP: 1 }));
  expect(await kit.activityMetrics(appId, journeyId, 'm4')).toEqual(counts(MESSAGE_FIELDS, { TOTAL_CAP: 1 }));
});

it('defaults each cap to the app’s journey limits, and counts every journey of the app toward the TimeframeCap', async () => {
  const { appId, segmentId } = await appWith('app-limits', [emailEndpoint('a-1')]);
  await kit.pinpoint.send(new UpdateApplicationSettingsCommand({ ApplicationId: appId, WriteApplicationSettingsRequest: { JourneyLimits: { TotalCap: 1, TimeframeCap: { Cap: 1, Days: 7 } } } }));
  const first = await kit.newJourney(appId, journey(segmentId, 'm1', mails(['PT1M'])));
  await kit.advance(60);
  expect(await kit.activityMetrics(appId, first, 'm1')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 1 }));
  expect(await kit.activityMetrics(appId, first, 'm2')).toEqual(counts(MESSAGE_FIELDS, { TOTAL_CAP: 1 }));
  const second = await kit.newJourney(appId, journey(segmentId, 'm1', mails([])));
  expect(await kit.activityMetrics(appId, second, 'm1')).toEqual(counts(MESSAGE_FIELDS, { TIMEFRAME_CAP: 1 }));
  // A journey's own TimeframeCap replaces the app's.
  const third = await kit.newJourney(appId, journey(segmentId, 'm1', mails([]), { Limits: { TimeframeCap: { Cap: 5, Days: 7 } } }));
  expect(await kit.activityMetrics(appId, third, 'm1')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 1 }));
  expect(endpointsOf([...(await kit.journeyMessages(first)), ...(await kit.journeyMessages(second)), ...(await kit.journeyMessages(third))])).toEqual(['a-1', 'a-1']);
});

it('spaces the messages of one instant by MessagesPerSecond', async () => {
  const ids = ['p-1', 'p-2', 'p-3', 'p-4', 'p-5'];
  const { appId, segmentId } = await appWith('rate', ids.map((id) => emailEndpoint(id)));
  const now = Date.parse(await kit.now());
  const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails([]), { Limits: { MessagesPerSecond: 2 } }));
  const sent = (await kit.journeyMessages(journeyId)).map((message) => [message.details?.endpointId, (Date.parse(message.sentAt) - now) / 1000]);
  expect(sent).toEqual([['p-1', 0], ['p-2', 0], ['p-3', 1], ['p-4', 1], ['p-5', 2]]);
});

describe('re-entry on segment refreshes', () => {
  it('re-admits members (new ones too) up to EndpointReentryCap', async () => {
    const { appId, segmentId } = await appWith('reentry', [emailEndpoint('r-1')]);
    const now = await kit.now();
    const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails([]), { RefreshFrequency: 'PT1H', Limits: { EndpointReentryCap: 2 } }));
    await kit.advance(1800);
    await kit.putEndpoints(appId, [emailEndpoint('r-2')]);
    await kit.advance(3 * 3600 - 1800);
    expect((await kit.journeyMessages(journeyId)).map((message) => [message.details?.endpointId, message.sentAt])).toEqual([
      ['r-1', now],
      ['r-1', plusHours(now, 1)],
      ['r-2', plusHours(now, 1)],
      ['r-2', plusHours(now, 2)],
    ]);
    expect(await kit.runMetrics(appId, journeyId)).toEqual(counts(RUN_FIELDS, { ENDPOINT_PRODUCED: 7, ENDPOINT_ENTERED: 4, ENDPOINT_LEFT: 4, REENTRY_CAP_EXCEEDED: 3 }));
    await kit.setState(appId, journeyId, 'CANCELLED');
  });

  it('rejects members still in the journey, then those over the default cap of one entry', async () => {
    const { appId, segmentId } = await appWith('active', [emailEndpoint('x-1')]);
    const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails(['P1D']), { RefreshFrequency: 'PT1H' }));
    await kit.advance(25 * 3600);
    // Refreshes at +1 h … +24 h find it waiting (at +24 h the refresh comes before its wait ends); at +25 h it has left.
    expect(await kit.journeyMetrics(appId, journeyId)).toEqual({ ENDPOINT_ACTIVE: '0', CANCELLED: '0', ENDPOINT_LEFT: '1', ENDPOINT_ENTERED: '1', REENTRY_CAP_EXCEEDED: '1', ACTIVE_ENDPOINT_REJECTED: '24' });
    expect(await kit.journeyMessages(journeyId)).toHaveLength(2);
    await kit.setState(appId, journeyId, 'CANCELLED');
  });

  it('lets an endpoint re-enter only EndpointReentryInterval after its last entry', async () => {
    const { appId, segmentId } = await appWith('interval', [emailEndpoint('i-1')]);
    const now = await kit.now();
    const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails([]), { RefreshFrequency: 'PT1H', Limits: { EndpointReentryCap: 0, EndpointReentryInterval: 'PT2H' } }));
    await kit.advance(4 * 3600);
    expect((await kit.journeyMessages(journeyId)).map((message) => message.sentAt)).toEqual([now, plusHours(now, 2), plusHours(now, 4)]);
    expect(await kit.journeyMetrics(appId, journeyId)).toMatchObject({ ENDPOINT_ENTERED: '3', REENTRY_CAP_EXCEEDED: '2' });
    await kit.setState(appId, journeyId, 'CANCELLED');
  });
});

describe('quiet time', () => {
  // 03:00 UTC is 23:00 in New York (EDT): inside a 22:00–07:00 quiet time there, not for an endpoint without a time zone.
  const NIGHT = '2025-06-10T03:00:00.000Z';
  const endpoints = [emailEndpoint('q-ny', { Demographic: { Timezone: 'America/New_York' } }), emailEndpoint('q-none')];

  it('skips the message for an endpoint in quiet time', async () => {
    await kit.setClock(NIGHT);
    const { appId, segmentId } = await appWith('quiet', endpoints);
    const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails([]), { QuietTime: { Start: '22:00', End: '07:00' } }));
    expect(endpointsOf(await kit.journeyMessages(journeyId))).toEqual(['q-none']);
    expect(await kit.activityMetrics(appId, journeyId, 'm1')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 1, QUIET_TIME: 1 }));
  });

  it('with WaitForQuietTime, holds the participant until quiet time ends in its time zone', async () => {
    await kit.setClock(NIGHT);
    const { appId, segmentId } = await appWith('quiet-wait', endpoints);
    const journeyId = await kit.newJourney(appId, journey(segmentId, 'm1', mails([]), { QuietTime: { Start: '22:00', End: '07:00' }, WaitForQuietTime: true }));
    expect(endpointsOf(await kit.journeyMessages(journeyId))).toEqual(['q-none']);
    expect(await kit.journeyMetrics(appId, journeyId)).toMatchObject({ ENDPOINT_ACTIVE: '1' });
    await kit.setClock('2025-06-10T11:00:59.000Z');
    expect(await kit.journeyMessages(journeyId)).toHaveLength(1);
    // 07:01 in New York: the first minute after the quiet time's end.
    await kit.setClock('2025-06-10T11:01:00.000Z');
    expect((await kit.journeyMessages(journeyId)).map((message) => [message.details?.endpointId, message.sentAt])).toEqual([
      ['q-none', NIGHT],
      ['q-ny', '2025-06-10T11:01:00.000Z'],
    ]);
    expect(await kit.activityMetrics(appId, journeyId, 'm1')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 2 }));
  });
});

it('does not send to an endpoint that opted out since it entered, nor on a disabled channel', async () => {
  const { appId, segmentId } = await appWith('opt-out', [emailEndpoint('o-1'), emailEndpoint('o-2'), { Id: 'o-sms', ChannelType: 'SMS', Address: '+14155550123' }]);
  await kit.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { Enabled: false } }));
  const journeyId = await kit.newJourney(
    appId,
    journey(segmentId, 'm1', { ...mails(['PT1H']), m2: { EMAIL: { TemplateName: 'CapsMail', NextActivity: 't' } }, t: { SMS: { TemplateName: 'CapsText' } } }),
  );
  await kit.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'o-2', EndpointRequest: { OptOut: 'ALL' } }));
  await kit.advance(3600);
  expect((await kit.journeyMessages(journeyId)).map((message) => [message.details?.journeyActivityId, message.details?.endpointId])).toEqual([
    ['m1', 'o-1'],
    ['m1', 'o-2'],
    ['m2', 'o-1'],
  ]);
  expect(await kit.activityMetrics(appId, journeyId, 'm2')).toEqual(counts(MESSAGE_FIELDS, { SUCCESS: 1, ENDPOINT_OPT_OUT: 1, UNSUPPORTED_CHANNEL: 1 }));
  expect(await kit.activityMetrics(appId, journeyId, 't')).toEqual(counts(MESSAGE_FIELDS, { CHANNEL_DISABLED: 1, ENDPOINT_OPT_OUT: 1, UNSUPPORTED_CHANNEL: 1 }));
});
