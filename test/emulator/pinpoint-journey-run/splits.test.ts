import { emailEndpoint } from '../pinpoint-delivery/kit';
import { endpointsOf, plusHours, startJourneyKit, type JourneyKit } from './kit';

// Holdout and random split send participants by their CohortId (0–99), so who goes where is
// exact and repeatable: a holdout of P% holds out cohorts below P, and random split branches
// take consecutive cohort ranges in order. Multivariate splits route by segment membership and
// segment dimensions, after their evaluation wait.

const T0 = '2025-06-02T09:00:00.000Z';
let kit: JourneyKit;
beforeAll(async () => {
  kit = await startJourneyKit(T0);
  await kit.emailTemplate('SplitA', 'A', 'path a');
  await kit.emailTemplate('SplitB', 'B', 'path b');
  await kit.emailTemplate('SplitC', 'C', 'path c');
});
afterAll(() => kit.close());

it('holds out and splits by cohort, exactly', async () => {
  const appId = await kit.newApp('cohorts');
  const ids = Array.from({ length: 60 }, (_, index) => `cohort-${String(index).padStart(2, '0')}`);
  await kit.putEndpoints(appId, ids.map((id) => emailEndpoint(id)));
  const cohorts = await kit.cohorts(appId, ids);
  const segmentId = await kit.newSegment(appId, { Name: 'all' });
  const journeyId = await kit.newJourney(appId, {
    Name: 'Cohorts',
    State: 'ACTIVE',
    StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
    StartActivity: 'control',
    Activities: {
      control: { Holdout: { Percentage: 20, NextActivity: 'split' } },
      split: { RandomSplit: { Branches: [{ Percentage: 50, NextActivity: 'a' }, { Percentage: 30, NextActivity: 'b' }] } },
      a: { EMAIL: { TemplateName: 'SplitA' } },
      b: { EMAIL: { TemplateName: 'SplitB' } },
    },
  });
  const where = (from: number, to: number) => ids.filter((id) => cohorts.get(id)! >= from && cohorts.get(id)! < to).sort();
  // Holdout 20: cohorts 0–19 leave; the split's first branch takes cohorts 0–49 (so 20–49 here), the second 50–79; 80–99 fall outside every branch.
  expect(endpointsOf(await kit.journeyMessages(journeyId, 'a'))).toEqual(where(20, 50));
  expect(endpointsOf(await kit.journeyMessages(journeyId, 'b'))).toEqual(where(50, 80));
  expect(where(0, 20).length).toBeGreaterThan(0);
  expect(where(80, 100).length).toBeGreaterThan(0);
  expect(await kit.activityMetrics(appId, journeyId, 'control')).toEqual({ HOLDOUT: String(where(0, 20).length), PASSED: String(where(20, 100).length) });
  expect(await kit.activityMetrics(appId, journeyId, 'split')).toEqual({
    Branch_1: String(where(20, 50).length),
    Branch_2: String(where(50, 80).length),
    TOTAL: String(where(20, 80).length),
  });
  expect(await kit.journeyMetrics(appId, journeyId)).toMatchObject({ ENDPOINT_ENTERED: '60', ENDPOINT_LEFT: '60', ENDPOINT_ACTIVE: '0' });
});

it('routes a multivariate split by segment and by dimensions after its evaluation wait, else down the default path', async () => {
  const appId = await kit.newApp('multi');
  await kit.putEndpoints(appId, [
    emailEndpoint('m-gold', { Attributes: { tier: ['gold'] } }),
    emailEndpoint('m-silver', { Attributes: { tier: ['silver'] } }),
    emailEndpoint('m-none'),
    emailEndpoint('m-silver-too', { Attributes: { tier: ['silver'] } }),
  ]);
  const everyone = await kit.newSegment(appId, { Name: 'all' });
  const gold = await kit.newSegment(appId, { Name: 'gold', Dimensions: { Attributes: { tier: { Values: ['gold'] } } } });
  const now = await kit.now();
  const journeyId = await kit.newJourney(appId, {
    Name: 'Tiers',
    State: 'ACTIVE',
    StartCondition: { SegmentStartCondition: { SegmentId: everyone } },
    StartActivity: 'tier',
    Activities: {
      tier: {
        MultiCondition: {
          Branches: [
            { Condition: { SegmentCondition: { SegmentId: gold } }, NextActivity: 'a' },
            { Condition: { SegmentDimensions: { Attributes: { tier: { Values: ['silver'] } } } }, NextActivity: 'b' },
          ],
          DefaultActivity: 'c',
          EvaluationWaitTime: { WaitFor: 'PT2H' },
        },
      },
      a: { EMAIL: { TemplateName: 'SplitA' } },
      b: { EMAIL: { TemplateName: 'SplitB' } },
      c: { EMAIL: { TemplateName: 'SplitC' } },
    },
  });
  expect(await kit.journeyMessages(journeyId)).toEqual([]);
  // Memberships are read when the split evaluates: the silver endpoint turns gold meanwhile.
  await kit.putEndpoints(appId, [emailEndpoint('m-silver', { Attributes: { tier: ['gold'] } })]);
  await kit.advance(2 * 3600);
  const messages = await kit.journeyMessages(journeyId);
  expect(messages.map((message) => [message.details?.journeyActivityId, message.details?.endpointId, message.sentAt])).toEqual([
    ['a', 'm-gold', plusHours(now, 2)],
    ['a', 'm-silver', plusHours(now, 2)],
    ['c', 'm-none', plusHours(now, 2)],
    ['b', 'm-silver-too', plusHours(now, 2)],
  ]);
  expect(await kit.activityMetrics(appId, journeyId, 'tier')).toEqual({ Branch_1: '2', Branch_2: '1', Branch_3: '1' });
});
