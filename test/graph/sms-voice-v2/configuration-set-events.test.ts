import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, gqlWithEmulatorCalls, referenceQuery } from './kit';

const SNS_TOPIC = 'arn:aws:sns:us-east-1:123456789012:sms-events-qa';

describe('configuration sets: defaults, default sender IDs and tags (reads)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('sets with their default sender IDs resolved and their tags cost the written minimum', async () => {
    const reference = referenceQuery('sms-configuration-set-defaults');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.configurationSets.nodes).toEqual([
      {
        name: 'main-config',
        defaultMessageType: 'TRANSACTIONAL',
        defaultSenderId: 'ACMEALERT',
        defaultSenderIds: [{ senderId: 'ACMEALERT', isoCountryCode: 'GB', messageTypes: ['TRANSACTIONAL'] }],
        tags: [{ key: 'env', value: 'demo' }],
      },
      { name: 'marketing-config', defaultMessageType: 'PROMOTIONAL', defaultSenderId: null, defaultSenderIds: [], tags: [] },
      { name: 'empty-config', defaultMessageType: null, defaultSenderId: null, defaultSenderIds: [], tags: [] },
    ]);
    expectCalls(result, reference.byOperation);
  });
});

describe('configuration sets: event destination and default mutations return the change and the set', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('create, update and delete an event destination', async () => {
    const created = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: CreateEventDestinationInput!) { createEventDestination(input: $input) {
        configurationSetName configurationSetArn
        eventDestination { name enabled matchingEventTypes snsDestination { topicArn } cloudWatchLogsDestination { logGroupArn } }
        configurationSet { eventDestinations { name } } } }`,
      { input: { configurationSetName: 'empty-config', eventDestinationName: 'sns-delivered', matchingEventTypes: ['TEXT_DELIVERED', 'TEXT_BLOCKED'], snsDestination: { topicArn: SNS_TOPIC } } },
    );
    expect(created.response.body.errors).toBeUndefined();
    expect(created.response.body.data.createEventDestination).toEqual({
      configurationSetName: 'empty-config',
      configurationSetArn: 'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/empty-config',
      eventDestination: { name: 'sns-delivered', enabled: true, matchingEventTypes: ['TEXT_DELIVERED', 'TEXT_BLOCKED'], snsDestination: { topicArn: SNS_TOPIC }, cloudWatchLogsDestination: null },
      configurationSet: { eventDestinations: [{ name: 'sns-delivered' }] },
    });
    expectCalls(created, { CreateEventDestination: 1, DescribeConfigurationSets: 1 });

    const updated = await gqlWithEmulatorCalls(
      stack,
      `mutation { updateEventDestination(input: { configurationSetName: "empty-config", eventDestinationName: "sns-delivered", enabled: false, matchingEventTypes: [TEXT_ALL] }) {
        eventDestination { name enabled matchingEventTypes } configurationSet { eventDestinations { enabled } } } }`,
    );
    expect(updated.response.body.data.updateEventDestination).toEqual({
      eventDestination: { name: 'sns-delivered', enabled: false, matchingEventTypes: ['TEXT_ALL'] },
      configurationSet: { eventDestinations: [{ enabled: false }] },
    });
    expectCalls(updated, { UpdateEventDestination: 1, DescribeConfigurationSets: 1 });

    const deleted = await gqlWithEmulatorCalls(
      stack,
      'mutation { deleteEventDestination(input: { configurationSetName: "empty-config", eventDestinationName: "sns-delivered" }) { eventDestination { name } configurationSet { eventDestinations { name } } } }',
    );
    expect(deleted.response.body.data.deleteEventDestination).toEqual({ eventDestination: { name: 'sns-delivered' }, configurationSet: { eventDestinations: [] } });
    expectCalls(deleted, { DeleteEventDestination: 1, DescribeConfigurationSets: 1 });
  });

  test('event destination errors: a name taken is a CONFLICT, an unknown destination or set is NOT_FOUND', async () => {
    const taken = await gqlWithEmulatorCalls(
      stack,
      `mutation { createEventDestination(input: { configurationSetName: "main-config", eventDestinationName: "cloudwatch-all", matchingEventTypes: [ALL], snsDestination: { topicArn: "${SNS_TOPIC}" } }) { eventDestination { name } } }`,
    );
    expect(taken.response.body.errors).toMatchObject([{ path: ['createEventDestination'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(taken, { CreateEventDestination: 1 });

    const unknown = await gqlWithEmulatorCalls(stack, 'mutation { deleteEventDestination(input: { configurationSetName: "main-config", eventDestinationName: "nope" }) { eventDestination { name } } }');
    expect(unknown.response.body.errors).toMatchObject([{ path: ['deleteEventDestination'], extensions: { code: 'NOT_FOUND' } }]);

    const noSet = await gqlWithEmulatorCalls(stack, 'mutation { setDefaultMessageType(input: { configurationSetName: "no-such-set", messageType: PROMOTIONAL }) { messageType } }');
    expect(noSet.response.body.errors).toMatchObject([{ path: ['setDefaultMessageType'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(noSet, { SetDefaultMessageType: 1 });
  });

  test('set and delete the default message type and sender ID; the default sender ID edge follows', async () => {
    const type = await gqlWithEmulatorCalls(
      stack,
      'mutation { setDefaultMessageType(input: { configurationSetName: "empty-config", messageType: PROMOTIONAL }) { configurationSetName messageType configurationSet { defaultMessageType } } }',
    );
    expect(type.response.body.data.setDefaultMessageType).toEqual({ configurationSetName: 'empty-config', messageType: 'PROMOTIONAL', configurationSet: { defaultMessageType: 'PROMOTIONAL' } });
    expectCalls(type, { SetDefaultMessageType: 1, DescribeConfigurationSets: 1 });

    const sender = await gqlWithEmulatorCalls(
      stack,
      'mutation { setDefaultSenderId(input: { configurationSetName: "empty-config", senderId: "ACMEINFO" }) { senderId configurationSet { defaultSenderId defaultSenderIds { senderId isoCountryCode } } } }',
    );
    expect(sender.response.body.data.setDefaultSenderId).toEqual({
      senderId: 'ACMEINFO',
      configurationSet: { defaultSenderId: 'ACMEINFO', defaultSenderIds: [{ senderId: 'ACMEINFO', isoCountryCode: 'DE' }] },
    });
    expectCalls(sender, { SetDefaultSenderId: 1, DescribeConfigurationSets: 1, DescribeSenderIds: 1 });

    // Two sets' default sender IDs resolve in one filtered call.
    const both = await gqlWithEmulatorCalls(stack, '{ a: configurationSet(name: "main-config") { defaultSenderIds { senderId } } b: configurationSet(name: "empty-config") { defaultSenderIds { senderId } } }');
    expect(both.response.body.data).toEqual({ a: { defaultSenderIds: [{ senderId: 'ACMEALERT' }] }, b: { defaultSenderIds: [{ senderId: 'ACMEINFO' }] } });
    expectCalls(both, { DescribeConfigurationSets: 1, DescribeSenderIds: 1 });

    const noType = await gqlWithEmulatorCalls(stack, 'mutation { deleteDefaultMessageType(input: { configurationSetName: "empty-config" }) { messageType configurationSet { defaultMessageType } } }');
    expect(noType.response.body.data.deleteDefaultMessageType).toEqual({ messageType: 'PROMOTIONAL', configurationSet: { defaultMessageType: null } });
    expectCalls(noType, { DeleteDefaultMessageType: 1, DescribeConfigurationSets: 1 });

    const noSender = await gqlWithEmulatorCalls(stack, 'mutation { deleteDefaultSenderId(input: { configurationSetName: "empty-config" }) { senderId configurationSet { defaultSenderId defaultSenderIds { senderId } } } }');
    expect(noSender.response.body.data.deleteDefaultSenderId).toEqual({ senderId: 'ACMEINFO', configurationSet: { defaultSenderId: null, defaultSenderIds: [] } });
    expectCalls(noSender, { DeleteDefaultSenderId: 1, DescribeConfigurationSets: 1 });
  });
});
