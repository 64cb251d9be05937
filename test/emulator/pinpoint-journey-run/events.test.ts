import { PutEventsCommand } from '@aws-sdk/client-pinpoint';
import { emailEndpoint } from '../pinpoint-delivery/kit';
import { counts, endpointsOf, plusHours, RUN_FIELDS, startJourneyKit, type JourneyKit } from './kit';

// Journeys that events start: PutEvents admits the endpoint of each matching event, at once,
// within the schedule and when the endpoint is in the start condition's segment. And a yes/no
// split on an app event (no MessageActivity): any matching event of the endpoint since it entered.

const T0 = '2025-06-02T09:00:00.000Z';
let kit: JourneyKit;
let appId: string;
beforeAll(async () => {
  kit = await startJourneyKit(T0);
  await kit.emailTemplate('EventThanks', 'Thanks', 'Thanks for your order, {{Id}}');
  appId = await kit.newApp('events');
  await kit.putEndpoints(appId, [
    emailEndpoint('v-1', { Attributes: { tier: ['vip'] } }),
    emailEndpoint('v-2', { Attributes: { tier: ['vip'] } }),
    emailEndpoint('n-1', { Attributes: { tier: ['basic'] } }),
  ]);
});
afterAll(() => kit.close());

const purchase = (at: string) => ({ EventType: 'purchase', Timestamp: at });

it('admits the endpoints of matching events from the segment, once each, and only between start and end', async () => {
  const vip = await kit.newSegment(appId, { Name: 'vip', Dimensions: { Attributes: { tier: { Values: ['vip'] } } } });
  const now = await kit.now();
  const journeyId = await kit.newJourney(appId, {
    Name: 'OnPurchase',
    State: 'ACTIVE',
    Schedule: { StartTime: new Date(plusHours(now, 1)), EndTime: new Date(plusHours(now, 10)) },
    StartCondition: { EventStartCondition: { SegmentId: vip, EventFilter: { FilterType: 'ENDPOINT', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['purchase'] } } } } },
    StartActivity: 'thanks',
    Activities: { thanks: { EMAIL: { TemplateName: 'EventThanks', NextActivity: 'pause' } }, pause: { Wait: { WaitTime: { WaitFor: 'PT1H' } } } },
  });
  // Before the start: nothing.
  await kit.putEvents(appId, 'v-1', { early: purchase(now) });
  expect(await kit.journeyMessages(journeyId)).toEqual([]);

  await kit.advance(3600);
  const started = plusHours(now, 1);
  await kit.putEvents(appId, 'v-1', { browse: { EventType: 'browse', Timestamp: started } });
  expect(await kit.journeyMessages(journeyId)).toEqual([]);
  // Two purchases in one request: one entry. A purchase by an endpoint outside the segment: filtered out.
  await kit.pinpoint.send(
    new PutEventsCommand({
      ApplicationId: appId,
      EventsRequest: { BatchItem: { 'v-1': { Endpoint: {}, Events: { p1: purchase(started), p2: purchase(started) } }, 'n-1': { Endpoint: {}, Events: { p3: purchase(started) } } } },
    }),
  );
  const thanks = await kit.journeyMessages(journeyId);
  expect(thanks.map((message) => [message.details?.endpointId, message.body, message.sentAt])).toEqual([['v-1', 'Thanks for your order, v-1', started]]);
  // Still in the journey (waiting), then done: a later purchase exceeds the default re-entry cap of one.
  await kit.putEvents(appId, 'v-1', { p4: purchase(started) });
  await kit.advance(2 * 3600);
  await kit.putEvents(appId, 'v-1', { p5: purchase(plusHours(now, 3)) });
  await kit.putEvents(appId, 'v-2', { p6: purchase(plusHours(now, 3)) });
  expect(endpointsOf(await kit.journeyMessages(journeyId))).toEqual(['v-1', 'v-2']);
  expect(await kit.runMetrics(appId, journeyId)).toEqual(
    counts(RUN_FIELDS, {
      ENDPOINT_PRODUCED: 6,
      DUPLICATE_ENDPOINT: 1,
      FILTERED_OUT_BY_SEGMENT: 1,
      ACTIVE_ENDPOINT_REJECTED: 1,
      REENTRY_CAP_EXCEEDED: 1,
      ENDPOINT_ENTERED: 2,
      ENDPOINT_LEFT: 1,
      ENDPOINT_ACTIVE: 1,
    }),
  );
  // After the end: nothing.
  await kit.advance(10 * 3600);
  await kit.putEvents(appId, 'v-2', { late: purchase(plusHours(now, 13)) });
  expect(await kit.journeyMessages(journeyId)).toHaveLength(2);
  expect(await kit.runMetrics(appId, journeyId)).toMatchObject({ ENDPOINT_PRODUCED: '6', ENDPOINT_LEFT: '2', ENDPOINT_ACTIVE: '0' });
});

it('counts events that arrive while the journey is PAUSED, and admits nobody', async () => {
  const everyone = await kit.newSegment(appId, { Name: 'everyone' });
  const journeyId = await kit.newJourney(appId, {
    Name: 'Paused',
    State: 'ACTIVE',
    RefreshFrequency: 'P1D',
    StartCondition: { EventStartCondition: { SegmentId: everyone, EventFilter: { FilterType: 'ENDPOINT', Dimensions: { EventType: { Values: ['signup'] } } } } },
    StartActivity: 'thanks',
    Activities: { thanks: { EMAIL: { TemplateName: 'EventThanks' } } },
  });
  await kit.setState(appId, journeyId, 'PAUSED');
  await kit.putEvents(appId, 'n-1', { s1: { EventType: 'signup', Timestamp: await kit.now() } });
  expect(await kit.journeyMessages(journeyId)).toEqual([]);
  expect(await kit.runMetrics(appId, journeyId)).toEqual(counts(RUN_FIELDS, { PAUSED: 1 }));
  await kit.setState(appId, journeyId, 'ACTIVE');
  await kit.putEvents(appId, 'n-1', { s2: { EventType: 'signup', Timestamp: await kit.now() } });
  expect(endpointsOf(await kit.journeyMessages(journeyId))).toEqual(['n-1']);
  await kit.setState(appId, journeyId, 'CANCELLED');
});

it('splits on an app event reported since the endpoint entered, evaluated after the wait', async () => {
  const otherApp = await kit.newApp('event-split');
  await kit.putEndpoints(otherApp, [emailEndpoint('b-1'), emailEndpoint('b-2'), emailEndpoint('b-3')]);
  const segmentId = await kit.newSegment(otherApp, { Name: 'all' });
  const now = await kit.now();
  const journeyId = await kit.newJourney(otherApp, {
    Name: 'Bought',
    State: 'ACTIVE',
    StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
    StartActivity: 'bought',
    Activities: {
      bought: {
        ConditionalSplit: {
          Condition: { Conditions: [{ EventCondition: { Dimensions: { EventType: { Values: ['purchase'] }, Metrics: { amount: { ComparisonOperator: 'GREATER_THAN', Value: 10 } } } } }] },
          EvaluationWaitTime: { WaitFor: 'PT1H' },
          TrueActivity: 'thanks',
        },
      },
      thanks: { EMAIL: { TemplateName: 'EventThanks' } },
    },
  });
  await kit.putEvents(otherApp, 'b-1', { big: { EventType: 'purchase', Timestamp: plusHours(now, 0.5), Metrics: { amount: 25 } } });
  await kit.putEvents(otherApp, 'b-2', { small: { EventType: 'purchase', Timestamp: plusHours(now, 0.5), Metrics: { amount: 5 } } });
  // Before it entered: doesn't count.
  await kit.putEvents(otherApp, 'b-3', { old: { EventType: 'purchase', Timestamp: plusHours(now, -1), Metrics: { amount: 50 } } });
  await kit.advance(3600);
  expect((await kit.journeyMessages(journeyId)).map((message) => [message.details?.endpointId, message.sentAt])).toEqual([['b-1', plusHours(now, 1)]]);
  expect(await kit.activityMetrics(otherApp, journeyId, 'bought')).toEqual({ Branch_1: '1', Branch_2: '2' });
});
