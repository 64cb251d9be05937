import { DeleteSegmentCommand, PutEventsCommand, UpdateCampaignCommand, type Event } from '@aws-sdk/client-pinpoint';
import { emailEndpoint, sortedKeys, startDeliveryKit, type DeliveryKit } from './kit';

// When campaigns run, against the emulator clock: a one-time campaign once the clock passes its
// start; recurring campaigns once per occurrence until their end (missed occurrences run when the
// clock jumps, each as of its own instant), with Total and Daily caps across runs; event-triggered
// campaigns on matching PutEvents; paused campaigns and campaigns without a segment not at all.

let kit: DeliveryKit;
beforeAll(async () => {
  kit = await startDeliveryKit('2025-06-02T12:00:00.000Z');
});
afterAll(() => kit.close());

/** An app with two email endpoints and a segment of both. */
async function twoRecipients(name: string): Promise<{ appId: string; segmentId: string }> {
  const appId = await kit.newApp(name);
  await kit.putEndpoints(appId, [emailEndpoint(`${name}-a`), emailEndpoint(`${name}-b`)]);
  const segmentId = await kit.newSegment(appId, { Name: 'email', Dimensions: { Demographic: { Channel: { Values: ['EMAIL'] } } } });
  return { appId, segmentId };
}

const email = { EmailMessage: { Title: 'News', Body: 'Hello {{Address}}' } };

/** Sent-at instants of a campaign's messages to one endpoint, oldest first. */
async function sendTimes(campaignId: string, endpointId: string): Promise<string[]> {
  return (await kit.outbox()).filter((m) => m.details?.campaignId === campaignId && m.details.endpointId === endpointId).map((m) => m.sentAt);
}

it('runs a one-time campaign once the clock has moved past its start, not at it', async () => {
  await kit.setClock('2025-06-02T12:00:00.000Z');
  const { appId, segmentId } = await twoRecipients('once');
  const campaignId = await kit.newCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: '2025-06-02T13:00:00Z', Frequency: 'ONCE' }, MessageConfiguration: email });
  await kit.setClock('2025-06-02T13:00:00.000Z');
  expect(await kit.status(appId, campaignId)).toBe('SCHEDULED');
  await kit.advance(1);
  expect(await kit.status(appId, campaignId)).toBe('COMPLETED');
  expect(await sendTimes(campaignId, 'once-a')).toEqual(['2025-06-02T13:00:00.000Z']);
  expect(sortedKeys(await kit.campaignMessages(campaignId))).toEqual(['once-a', 'once-b']);
});

it('runs a daily campaign once per day until its end, and stops sending at the Total cap', async () => {
  await kit.setClock('2025-06-03T08:00:00.000Z');
  const { appId, segmentId } = await twoRecipients('daily');
  const campaignId = await kit.newCampaign(appId, {
    SegmentId: segmentId,
    Schedule: { StartTime: '2025-06-03T09:00:00Z', EndTime: '2025-06-05T21:00:00Z', Frequency: 'DAILY' },
    Limits: { Total: 2 },
    MessageConfiguration: email,
  });
  await kit.setClock('2025-06-03T09:00:01.000Z');
  expect(await kit.status(appId, campaignId)).toBe('PENDING_NEXT_RUN');
  await kit.advance(86_400);
  expect(await kit.status(appId, campaignId)).toBe('PENDING_NEXT_RUN');
  await kit.advance(86_400);
  // The third occurrence was the last one before EndTime: the campaign is done.
  expect(await kit.status(appId, campaignId)).toBe('COMPLETED');

  expect(await sendTimes(campaignId, 'daily-a')).toEqual(['2025-06-03T09:00:00.000Z', '2025-06-04T09:00:00.000Z']);
  const activities = await kit.activities(appId, campaignId);
  expect(activities.map((a) => [a.ScheduledStart, a.SuccessfulEndpointCount, a.TotalEndpointCount, a.ExecutionMetrics!.TOTAL_CAP])).toEqual([
    ['2025-06-03T09:00:00.000Z', 2, 2, '0'],
    ['2025-06-04T09:00:00.000Z', 2, 2, '0'],
    ['2025-06-05T09:00:00.000Z', 0, 2, '2'],
  ]);
  await kit.advance(7 * 86_400);
  expect(await kit.activities(appId, campaignId)).toHaveLength(3);
});

it('catches up on missed hourly runs when the clock jumps, each as of its own hour, within the Daily cap', async () => {
  await kit.setClock('2025-06-10T00:00:00.000Z');
  const { appId, segmentId } = await twoRecipients('hourly');
  const campaignId = await kit.newCampaign(appId, {
    SegmentId: segmentId,
    Schedule: { StartTime: '2025-06-10T01:00:00Z', EndTime: '2025-06-11T03:00:00Z', Frequency: 'HOURLY' },
    Limits: { Daily: 3 },
    MessageConfiguration: email,
  });
  await kit.setClock('2025-06-10T05:30:00.000Z');
  await kit.runCampaigns();
  const activities = await kit.activities(appId, campaignId);
  expect(activities.map((a) => [a.ScheduledStart, a.SuccessfulEndpointCount, a.ExecutionMetrics!.DAILY_CAP])).toEqual([
    ['2025-06-10T01:00:00.000Z', 2, '0'],
    ['2025-06-10T02:00:00.000Z', 2, '0'],
    ['2025-06-10T03:00:00.000Z', 2, '0'],
    ['2025-06-10T04:00:00.000Z', 0, '2'],
    ['2025-06-10T05:00:00.000Z', 0, '2'],
  ]);
  expect(await sendTimes(campaignId, 'hourly-b')).toEqual(['2025-06-10T01:00:00.000Z', '2025-06-10T02:00:00.000Z', '2025-06-10T03:00:00.000Z']);
  // The cap counts the 24 hours before each send: from 01:00 the next day, the first sends age out one by one.
  await kit.setClock('2025-06-11T02:30:00.000Z');
  await kit.runCampaigns();
  expect((await sendTimes(campaignId, 'hourly-b')).slice(3)).toEqual(['2025-06-11T01:00:00.000Z', '2025-06-11T02:00:00.000Z']);
  expect(await kit.activities(appId, campaignId)).toHaveLength(26);
});

it('runs a monthly campaign on the same day each month, clamped to the month end', async () => {
  await kit.setClock('2026-01-30T00:00:00.000Z');
  const { appId, segmentId } = await twoRecipients('monthly');
  const campaignId = await kit.newCampaign(appId, {
    SegmentId: segmentId,
    Schedule: { StartTime: '2026-01-31T09:00:00Z', EndTime: '2026-04-15T00:00:00Z', Frequency: 'MONTHLY' },
    MessageConfiguration: email,
  });
  await kit.setClock('2026-04-20T00:00:00.000Z');
  await kit.runCampaigns();
  expect(await sendTimes(campaignId, 'monthly-a')).toEqual(['2026-01-31T09:00:00.000Z', '2026-02-28T09:00:00.000Z', '2026-03-31T09:00:00.000Z']);
  expect(await kit.status(appId, campaignId)).toBe('COMPLETED');
});

it('does not run paused campaigns or campaigns whose segment was deleted; unpausing runs what is due', async () => {
  await kit.setClock('2026-05-01T00:00:00.000Z');
  const { appId, segmentId } = await twoRecipients('paused');
  const paused = await kit.newCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: '2026-05-01T01:00:00Z' }, IsPaused: true, MessageConfiguration: email });
  const other = await twoRecipients('orphan');
  const orphaned = await kit.newCampaign(other.appId, { SegmentId: other.segmentId, Schedule: { StartTime: '2026-05-01T01:00:00Z' }, MessageConfiguration: email });
  await kit.pinpoint.send(new DeleteSegmentCommand({ ApplicationId: other.appId, SegmentId: other.segmentId }));
  await kit.setClock('2026-05-01T02:00:00.000Z');
  expect(await kit.status(appId, paused)).toBe('PAUSED');
  expect(await kit.status(other.appId, orphaned)).toBe('DELETED');
  expect(await kit.outbox({ since: '2026-05-01T00:00:00Z' })).toEqual([]);

  await kit.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: paused, WriteCampaignRequest: { IsPaused: false } }));
  expect(await kit.status(appId, paused)).toBe('COMPLETED');
  expect(await sendTimes(paused, 'paused-a')).toEqual(['2026-05-01T01:00:00.000Z']);
});

describe('an event-triggered campaign', () => {
  it('sends to the event endpoint when a matching event arrives inside its window, within the Session cap', async () => {
    await kit.setClock('2026-06-01T00:00:00.000Z');
    const appId = await kit.newApp('events');
    const shopper = { Attributes: { shopper: ['yes'] } };
    await kit.putEndpoints(appId, [
      { Id: 'ev-phone', ChannelType: 'APNS', Address: 'apns-token-ev-phone', ...shopper },
      { Id: 'ev-tablet', ChannelType: 'GCM', Address: 'fcm-token-ev-tablet', Attributes: { shopper: ['no'] } },
    ]);
    const segmentId = await kit.newSegment(appId, { Name: 'shoppers', Dimensions: { Attributes: { shopper: { Values: ['yes'] } } } });
    const campaignId = await kit.newCampaign(appId, {
      SegmentId: segmentId,
      Schedule: {
        StartTime: '2026-06-01T01:00:00Z',
        EndTime: '2026-06-02T00:00:00Z',
        Frequency: 'EVENT',
        EventFilter: {
          FilterType: 'ENDPOINT',
          Dimensions: {
            EventType: { DimensionType: 'INCLUSIVE', Values: ['cart.abandoned'] },
            Attributes: { sku: { AttributeType: 'CONTAINS', Values: ['SHOE'] } },
            Metrics: { value: { ComparisonOperator: 'GREATER_THAN_OR_EQUAL', Value: 10 } },
          },
        },
      },
      Limits: { Session: 1 },
      MessageConfiguration: { APNSMessage: { Title: 'Your cart', Body: 'Still want it? ({{Attributes.shopper}})' }, GCMMessage: { Body: 'Android cart' } },
    });
    const put = (endpointId: string, events: Record<string, Event>) =>
      kit.pinpoint.send(new PutEventsCommand({ ApplicationId: appId, EventsRequest: { BatchItem: { [endpointId]: { Endpoint: {}, Events: events } } } }));
    const cart = (sku: string, value: number, session: string): Event => ({
      EventType: 'cart.abandoned',
      Timestamp: '2026-06-01T00:00:00Z',
      Attributes: { sku },
      Metrics: { value },
      Session: { Id: session, StartTimestamp: '2026-06-01T00:00:00Z' },
    });

    await put('ev-phone', { early: cart('SHOE-1', 20, 's0') });
    expect(await kit.status(appId, campaignId)).toBe('SCHEDULED');
    await kit.setClock('2026-06-01T02:00:00.000Z');
    expect(await kit.status(appId, campaignId)).toBe('EXECUTING');
    await put('ev-phone', {
      other: { EventType: 'app.opened', Timestamp: '2026-06-01T02:00:00Z' },
      cheap: cart('SHOE-1', 5, 's1'),
      hat: cart('HAT-1', 50, 's1'),
      first: cart('SHOE-1', 20, 's1'),
    });
    await put('ev-phone', { again: cart('SHOE-2', 30, 's1') });
    await kit.advance(60);
    await put('ev-phone', { next: cart('SHOE-3', 30, 's2') });
    await put('ev-tablet', { outside: cart('SHOE-1', 99, 's9') });

    const pushes = (await kit.outbox({ channel: 'PUSH' })).filter((m) => m.details?.campaignId === campaignId);
    expect(pushes.map((m) => [m.destination, m.body, m.details?.title, m.sentAt])).toEqual([
      ['apns-token-ev-phone', 'Still want it? (yes)', 'Your cart', '2026-06-01T02:00:00.000Z'],
      ['apns-token-ev-phone', 'Still want it? (yes)', 'Your cart', '2026-06-01T02:01:00.000Z'],
    ]);
    const [listener] = await kit.activities(appId, campaignId);
    expect(listener).toMatchObject({ State: 'RUNNING', ScheduledStart: '2026-06-01T01:00:00.000Z', SuccessfulEndpointCount: 2, TotalEndpointCount: 3, ExecutionMetrics: { SESSION_CAP: '1', SUCCESS: '2' } });
    expect(listener.End).toBeUndefined();
    expect(await kit.campaignKpi(appId, campaignId, 'unique-deliveries')).toBe('1.0');

    await kit.setClock('2026-06-02T00:00:01.000Z');
    expect(await kit.status(appId, campaignId)).toBe('COMPLETED');
    expect(await kit.activities(appId, campaignId)).toEqual([expect.objectContaining({ Id: listener.Id, State: 'COMPLETED', Result: 'SUCCESS', End: '2026-06-02T00:00:00.000Z' })]);
    await put('ev-phone', { late: cart('SHOE-9', 30, 's3') });
    expect((await kit.outbox({ channel: 'PUSH' })).filter((m) => m.details?.campaignId === campaignId)).toHaveLength(2);
  });
});
