import {
  ConflictException,
  CreateConfigurationSetCommand,
  CreateEventDestinationCommand,
  DeleteConfigurationSetCommand,
  DeleteDefaultMessageTypeCommand,
  DeleteDefaultSenderIdCommand,
  DeleteEventDestinationCommand,
  DescribeConfigurationSetsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  UpdateEventDestinationCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const sets = SMS_VOICE_SEED.configurationSets;
const topic = 'arn:aws:sns:us-east-1:111111111111:events';
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

describe('configuration sets', () => {
  it('creates, describes by name or ARN, and deletes', async () => {
    const { sms, accountId } = fx.account();
    const created = await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs-1', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(created).toMatchObject({ ConfigurationSetName: 'cs-1', ConfigurationSetArn: `arn:aws:sms-voice:us-east-1:${accountId}:configuration-set/cs-1`, Tags: [{ Key: 'k', Value: 'v' }] });
    expect(created.CreatedTimestamp).toBeInstanceOf(Date);
    const dup = await rejectionOf(sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs-1' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'configuration-set', ResourceId: 'cs-1' });

    const described = await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [created.ConfigurationSetArn!] }));
    expect(described.ConfigurationSets).toEqual([{ ConfigurationSetName: 'cs-1', ConfigurationSetArn: created.ConfigurationSetArn, EventDestinations: [], CreatedTimestamp: created.CreatedTimestamp }]);
    const deleted = await sms.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'cs-1' }));
    expect(deleted).toMatchObject({ ConfigurationSetName: 'cs-1', EventDestinations: [] });
    const gone = await rejectionOf(sms.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: 'cs-1' })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone).toMatchObject({ ResourceType: 'configuration-set', ResourceId: 'cs-1' });
  });

  it('describes the seed by name, filter and page, and fails whole on one unknown name', async () => {
    const { sms } = fx.account({ seed: true });
    const both = await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [sets.marketing, sets.main] }));
    expect(both.ConfigurationSets?.map((s) => s.ConfigurationSetName)).toEqual([sets.marketing, sets.main]);
    expect(both.ConfigurationSets?.[1]).toMatchObject({ DefaultMessageType: 'TRANSACTIONAL', DefaultSenderId: 'ACMEALERT' });
    expect(both.ConfigurationSets?.[1].EventDestinations?.map((d) => d.EventDestinationName)).toEqual(['cloudwatch-all', 'sns-failures']);

    const byFilter = async (Name: any, Values: string[]) => (await sms.send(new DescribeConfigurationSetsCommand({ Filters: [{ Name, Values }] }))).ConfigurationSets?.map((s) => s.ConfigurationSetName);
    expect(await byFilter('default-sender-id', ['ACMEALERT'])).toEqual([sets.main]);
    expect(await byFilter('matching-event-types', ['TEXT_DELIVERED'])).toEqual([sets.marketing]);
    expect(await byFilter('event-destination-name', ['sns-failures', 'firehose-delivery'])).toEqual([sets.main, sets.marketing]);
    expect(await byFilter('default-message-type', ['PROMOTIONAL'])).toEqual([sets.marketing]);

    const page = await sms.send(new DescribeConfigurationSetsCommand({ MaxResults: 2 }));
    expect(page.ConfigurationSets).toHaveLength(2);
    const last = await sms.send(new DescribeConfigurationSetsCommand({ MaxResults: 2, NextToken: page.NextToken }));
    expect(last.ConfigurationSets?.map((s) => s.ConfigurationSetName)).toEqual([sets.empty]);

    const error = await rejectionOf(sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [sets.main, 'nope'] })));
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set', ResourceId: 'nope' });
  });
});

describe('event destinations', () => {
  it('creates, updates and deletes an event destination', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'events' }));
    const created = await sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'sns', MatchingEventTypes: ['TEXT_DELIVERED'], SnsDestination: { TopicArn: topic } }));
    expect(created.EventDestination).toEqual({ EventDestinationName: 'sns', Enabled: true, MatchingEventTypes: ['TEXT_DELIVERED'], SnsDestination: { TopicArn: topic } });

    const updated = await sms.send(new UpdateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'sns', Enabled: false, MatchingEventTypes: ['ALL'] }));
    expect(updated.EventDestination).toMatchObject({ Enabled: false, MatchingEventTypes: ['ALL'], SnsDestination: { TopicArn: topic } });
    const mismatch = await rejectionOf(
      sms.send(new UpdateEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'sns', CloudWatchLogsDestination: { IamRoleArn: 'arn:aws:iam::111111111111:role/r', LogGroupArn: 'arn:aws:logs:us-east-1:111111111111:log-group:g' } })),
    );
    expect(mismatch).toMatchObject({ name: 'ConflictException', Reason: 'EVENT_DESTINATION_MISMATCH', ResourceType: 'event-destination', ResourceId: 'sns' });

    const described = await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['events'] }));
    expect(described.ConfigurationSets?.[0].EventDestinations).toEqual([updated.EventDestination]);

    const deleted = await sms.send(new DeleteEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'sns' }));
    expect(deleted.EventDestination?.EventDestinationName).toBe('sns');
    const gone = await rejectionOf(sms.send(new DeleteEventDestinationCommand({ ConfigurationSetName: 'events', EventDestinationName: 'sns' })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'event-destination', ResourceId: 'sns' });
  });

  it('needs exactly one destination, a unique name, and at most 5 per set', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'limits' }));
    const none = await rejectionOf(sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'limits', EventDestinationName: 'x', MatchingEventTypes: ['ALL'] })));
    expect(none).toBeInstanceOf(ValidationException);
    expect(none).toMatchObject({ Reason: 'MISSING_PARAMETER' });
    const two = await rejectionOf(
      sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'limits', EventDestinationName: 'x', MatchingEventTypes: ['ALL'], SnsDestination: { TopicArn: topic }, KinesisFirehoseDestination: { IamRoleArn: 'arn:aws:iam::1:role/r', DeliveryStreamArn: 'arn:aws:firehose:us-east-1:1:deliverystream/s' } })),
    );
    expect(two).toMatchObject({ name: 'ValidationException', Reason: 'PARAMETERS_CANNOT_BE_USED_TOGETHER' });

    for (let i = 1; i <= 5; i += 1) {
      await sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'limits', EventDestinationName: `d${i}`, MatchingEventTypes: ['ALL'], SnsDestination: { TopicArn: topic } }));
    }
    const dup = await rejectionOf(sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'limits', EventDestinationName: 'd1', MatchingEventTypes: ['ALL'], SnsDestination: { TopicArn: topic } })));
    expect(dup).toMatchObject({ name: 'ConflictException', Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'event-destination', ResourceId: 'd1' });
    const sixth = await rejectionOf(sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'limits', EventDestinationName: 'd6', MatchingEventTypes: ['ALL'], SnsDestination: { TopicArn: topic } })));
    expect(sixth).toBeInstanceOf(ServiceQuotaExceededException);
    expect(sixth).toMatchObject({ Reason: 'EVENT_DESTINATIONS_PER_CONFIGURATION_SET' });
    const noSet = await rejectionOf(sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'nope', EventDestinationName: 'x', MatchingEventTypes: ['ALL'], SnsDestination: { TopicArn: topic } })));
    expect(noSet).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'configuration-set', ResourceId: 'nope' });
  });
});

describe('configuration set defaults', () => {
  it('sets and deletes the default message type and sender ID', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'defaults' }));
    expect(await sms.send(new SetDefaultMessageTypeCommand({ ConfigurationSetName: 'defaults', MessageType: 'PROMOTIONAL' }))).toMatchObject({ ConfigurationSetName: 'defaults', MessageType: 'PROMOTIONAL' });
    expect(await sms.send(new SetDefaultSenderIdCommand({ ConfigurationSetName: 'defaults', SenderId: 'BRAND' }))).toMatchObject({ SenderId: 'BRAND' });
    const described = await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['defaults'] }));
    expect(described.ConfigurationSets?.[0]).toMatchObject({ DefaultMessageType: 'PROMOTIONAL', DefaultSenderId: 'BRAND' });

    expect(await sms.send(new DeleteDefaultMessageTypeCommand({ ConfigurationSetName: 'defaults' }))).toMatchObject({ MessageType: 'PROMOTIONAL' });
    expect(await sms.send(new DeleteDefaultSenderIdCommand({ ConfigurationSetName: 'defaults' }))).toMatchObject({ SenderId: 'BRAND' });
    const cleared = await sms.send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: ['defaults'] }));
    expect(cleared.ConfigurationSets?.[0].DefaultMessageType).toBeUndefined();
    expect(cleared.ConfigurationSets?.[0].DefaultSenderId).toBeUndefined();
    expect(await rejectionOf(sms.send(new SetDefaultSenderIdCommand({ ConfigurationSetName: 'nope', SenderId: 'X' })))).toBeInstanceOf(ResourceNotFoundException);
  });
});
