import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls } from './kit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('configuration sets embed their event destinations: one DescribeConfigurationSets in all', async () => {
  const result = await gqlWithEmulatorCalls(
    stack,
    `{ configurationSets(first: 10) { nodes { name defaultMessageType defaultSenderId eventDestinations {
        name enabled matchingEventTypes cloudWatchLogsDestination { iamRoleArn logGroupArn } kinesisFirehoseDestination { deliveryStreamArn } snsDestination { topicArn } } } } }`,
  );
  expect(result.response.body.errors).toBeUndefined();
  const sets = result.response.body.data.configurationSets.nodes as any[];
  expect(sets.map((set) => set.name)).toEqual(['main-config', 'marketing-config', 'empty-config']);
  expect(sets[0]).toEqual({
    name: 'main-config',
    defaultMessageType: 'TRANSACTIONAL',
    defaultSenderId: 'ACMEALERT',
    eventDestinations: [
      {
        name: 'cloudwatch-all',
        enabled: true,
        matchingEventTypes: ['ALL'],
        cloudWatchLogsDestination: { iamRoleArn: 'arn:aws:iam::123456789012:role/sms-events', logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:sms-events' },
        kinesisFirehoseDestination: null,
        snsDestination: null,
      },
      {
        name: 'sns-failures',
        enabled: true,
        matchingEventTypes: ['TEXT_BLOCKED', 'TEXT_CARRIER_UNREACHABLE', 'TEXT_TTL_EXPIRED'],
        cloudWatchLogsDestination: null,
        kinesisFirehoseDestination: null,
        snsDestination: { topicArn: 'arn:aws:sns:us-east-1:123456789012:sms-failures' },
      },
    ],
  });
  expect(sets[1].eventDestinations).toMatchObject([{ name: 'firehose-delivery', enabled: false, kinesisFirehoseDestination: { deliveryStreamArn: expect.stringContaining('deliverystream/sms-events') } }]);
  expect(sets[2]).toMatchObject({ defaultMessageType: null, eventDestinations: [] });
  expectCalls(result, { DescribeConfigurationSets: 1 });
});

test('create and delete a configuration set return it; node(id) reads it in between', async () => {
  const created = await gqlWithEmulatorCalls(stack, 'mutation { createConfigurationSet(input: { name: "test-config" }) { configurationSet { id name arn eventDestinations { name } } } }');
  expect(created.response.body.errors).toBeUndefined();
  const set = created.response.body.data.createConfigurationSet.configurationSet;
  expect(set).toEqual({ id: globalId('ConfigurationSet', 'test-config'), name: 'test-config', arn: 'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/test-config', eventDestinations: [] });
  expectCalls(created, { CreateConfigurationSet: 1 });

  const read = await gqlWithEmulatorCalls(stack, 'query ($id: ID!) { node(id: $id) { ... on ConfigurationSet { name createdTimestamp } } }', { id: set.id });
  expect(read.response.body.data.node).toEqual({ name: 'test-config', createdTimestamp: expect.any(String) });
  expectCalls(read, { DescribeConfigurationSets: 1 });

  const deleted = await gqlWithEmulatorCalls(stack, 'mutation { deleteConfigurationSet(input: { name: "test-config" }) { configurationSet { name } } }');
  expect(deleted.response.body.data.deleteConfigurationSet.configurationSet).toEqual({ name: 'test-config' });
  expectCalls(deleted, { DeleteConfigurationSet: 1 });
});
