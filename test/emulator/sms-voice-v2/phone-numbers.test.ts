import {
  ConflictException,
  CreateOptOutListCommand,
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  UpdatePhoneNumberCommand,
  ValidationException,
  paginateDescribePhoneNumbers,
  type PinpointSMSVoiceV2Client,
  type RequestPhoneNumberCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const seed = SMS_VOICE_SEED.phoneNumbers;
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

const tollFree: RequestPhoneNumberCommandInput = { IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS', 'VOICE'], NumberType: 'TOLL_FREE' };

function request(sms: PinpointSMSVoiceV2Client, input: Partial<RequestPhoneNumberCommandInput> = {}) {
  return sms.send(new RequestPhoneNumberCommand({ ...tollFree, ...input }));
}

describe('RequestPhoneNumber', () => {
  it('leases a deterministic number with the documented ID, ARN and defaults', async () => {
    const { sms, accountId } = fx.account();
    const first = await request(sms, { Tags: [{ Key: 'team', Value: 'alerts' }] });
    const second = await request(sms, { IsoCountryCode: 'GB', NumberType: 'LONG_CODE', MessageType: 'PROMOTIONAL', NumberCapabilities: ['SMS'], DeletionProtectionEnabled: true });

    expect(first.PhoneNumberId).toMatch(/^phone-[0-9a-f]{32}$/);
    expect(first).toMatchObject({
      PhoneNumberArn: `arn:aws:sms-voice:us-east-1:${accountId}:phone-number/${first.PhoneNumberId}`,
      PhoneNumber: '+18335550100',
      Status: 'ACTIVE',
      IsoCountryCode: 'US',
      MessageType: 'TRANSACTIONAL',
      NumberCapabilities: ['SMS', 'VOICE'],
      NumberType: 'TOLL_FREE',
      MonthlyLeasingPrice: '2.00',
      TwoWayEnabled: false,
      SelfManagedOptOutsEnabled: false,
      OptOutListName: 'Default',
      DeletionProtectionEnabled: false,
      Tags: [{ Key: 'team', Value: 'alerts' }],
    });
    expect(first.CreatedTimestamp).toBeInstanceOf(Date);
    expect(first.PoolId).toBeUndefined();
    expect(second).toMatchObject({ PhoneNumber: '+447700900100', NumberType: 'LONG_CODE', DeletionProtectionEnabled: true });
    expect((await request(sms)).PhoneNumber).toBe('+18335550101');
  });

  it('creates the Default opt-out list on first use', async () => {
    const { sms } = fx.account();
    expect((await sms.send(new DescribeOptOutListsCommand({}))).OptOutLists).toEqual([]);
    await request(sms);
    const lists = await sms.send(new DescribeOptOutListsCommand({}));
    expect(lists.OptOutLists?.map((l) => l.OptOutListName)).toEqual(['Default']);
  });

  it('answers a retried ClientToken with the same number', async () => {
    const { sms } = fx.account();
    const a = await request(sms, { ClientToken: 'retry-1' });
    const b = await request(sms, { ClientToken: 'retry-1' });
    expect(b.PhoneNumberId).toBe(a.PhoneNumberId);
    expect((await sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers).toHaveLength(1);
  });

  it('refuses a number type the country does not sell, and an unknown opt-out list or pool', async () => {
    const { sms } = fx.account();
    const type = await rejectionOf(request(sms, { IsoCountryCode: 'GB', NumberType: 'TOLL_FREE' }));
    expect(type).toBeInstanceOf(ValidationException);
    expect(type).toMatchObject({ Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'NumberType', Message: "TOLL_FREE numbers can't be requested in GB." }] });

    const list = await rejectionOf(request(sms, { OptOutListName: 'nope' }));
    expect(list).toBeInstanceOf(ResourceNotFoundException);
    expect(list).toMatchObject({ ResourceType: 'opt-out-list', ResourceId: 'nope' });

    const pool = await rejectionOf(request(sms, { PoolId: 'pool-00000000000000000000000000000000' }));
    expect(pool).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'pool', ResourceId: 'pool-00000000000000000000000000000000' });
    expect((await sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers).toEqual([]);
  });

  it('stops at the phone-number quota of the account', async () => {
    const { sms } = fx.account();
    for (let i = 0; i < 25; i += 1) await request(sms, { NumberType: 'SIMULATOR' });
    const error = await rejectionOf(request(sms));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error).toMatchObject({ Reason: 'PHONE_NUMBERS_PER_ACCOUNT' });
  });
});

describe('DescribePhoneNumbers', () => {
  it('describes by ID or ARN in the order given, and fails whole on one unknown ID', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    const arn = `arn:aws:sms-voice:us-east-1:${accountId}:phone-number/${seed.simulator}`;
    const found = await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [seed.caLongCode, arn, seed.tollFreeAlerts] }));
    expect(found.PhoneNumbers?.map((n) => n.PhoneNumberId)).toEqual([seed.caLongCode, seed.simulator, seed.tollFreeAlerts]);
    expect(found.NextToken).toBeUndefined();

    const error = await rejectionOf(sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [seed.caLongCode, 'phone-ffffffffffffffffffffffffffffffff'] })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ ResourceType: 'phone-number', ResourceId: 'phone-ffffffffffffffffffffffffffffffff' });

    // An ARN of another account never names a number here.
    const foreign = `arn:aws:sms-voice:us-east-1:999999999999:phone-number/${seed.simulator}`;
    expect(await rejectionOf(sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [foreign] })))).toMatchObject({ name: 'ResourceNotFoundException', ResourceId: foreign });
  });

  it('takes at most 5 IDs per call', async () => {
    const { sms } = fx.account({ seed: true });
    const ids = Object.values(seed).slice(0, 6);
    const error = await rejectionOf(sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: ids })));
    expect(error).toBeInstanceOf(ValidationException);
  });

  it('filters (values OR, filters AND)', async () => {
    const { sms } = fx.account({ seed: true });
    const ids = async (filters: { Name: any; Values: string[] }[]) =>
      (await sms.send(new DescribePhoneNumbersCommand({ Filters: filters }))).PhoneNumbers?.map((n) => n.PhoneNumberId);
    expect(await ids([{ Name: 'number-type', Values: ['TOLL_FREE', 'SIMULATOR'] }])).toEqual([seed.tollFreeAlerts, seed.simulator, seed.tollFreePending]);
    expect(await ids([{ Name: 'two-way-enabled', Values: ['true'] }])).toEqual([seed.tollFreeAlerts, seed.ukLongCode]);
    expect(await ids([{ Name: 'number-capability', Values: ['VOICE'] }, { Name: 'iso-country-code', Values: ['CA'] }])).toEqual([seed.caLongCode]);
    expect(await ids([{ Name: 'opt-out-list-name', Values: ['marketing-optouts'] }])).toEqual([seed.tenDlcMarketing1, seed.tenDlcMarketing2]);
    expect(await ids([{ Name: 'deletion-protection-enabled', Values: ['true'] }])).toEqual([seed.tollFreeAlerts]);
    const bad = await rejectionOf(ids([{ Name: 'two-way-enabled', Values: ['yes'] }]));
    expect(bad).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_FILTER_VALUES' });
  });

  it('pages with MaxResults and a NextToken bound to the query', async () => {
    const { sms } = fx.account({ seed: true });
    const first = await sms.send(new DescribePhoneNumbersCommand({ MaxResults: 3 }));
    expect(first.PhoneNumbers).toHaveLength(3);
    expect(first.NextToken).toEqual(expect.any(String));
    const pages: string[][] = [];
    for await (const page of paginateDescribePhoneNumbers({ client: sms, pageSize: 3 }, {})) pages.push(page.PhoneNumbers!.map((n) => n.PhoneNumberId!));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(Object.values(seed));

    const replay = await rejectionOf(sms.send(new DescribePhoneNumbersCommand({ MaxResults: 3, NextToken: first.NextToken, Filters: [{ Name: 'status', Values: ['ACTIVE'] }] })));
    expect(replay).toBeInstanceOf(ValidationException);
    expect(replay).toMatchObject({ Reason: 'INVALID_NEXT_TOKEN', Fields: [{ Name: 'NextToken' }] });
  });
});

describe('UpdatePhoneNumber', () => {
  it('changes two-way, opt-out and protection settings', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'vip' }));
    const { PhoneNumberId } = await request(sms);
    const channel = 'arn:aws:sns:us-east-1:111111111111:inbound';
    const updated = await sms.send(
      new UpdatePhoneNumberCommand({ PhoneNumberId, TwoWayEnabled: true, TwoWayChannelArn: channel, SelfManagedOptOutsEnabled: true, OptOutListName: 'vip', DeletionProtectionEnabled: true }),
    );
    expect(updated).toMatchObject({ PhoneNumberId, TwoWayEnabled: true, TwoWayChannelArn: channel, SelfManagedOptOutsEnabled: true, OptOutListName: 'vip', DeletionProtectionEnabled: true });
    const described = await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [PhoneNumberId!] }));
    expect(described.PhoneNumbers?.[0]).toMatchObject({ TwoWayEnabled: true, OptOutListName: 'vip', DeletionProtectionEnabled: true });
  });

  it('refuses two-way without a channel, an unknown list and an unknown number', async () => {
    const { sms } = fx.account();
    const { PhoneNumberId } = await request(sms);
    const twoWay = await rejectionOf(sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId, TwoWayEnabled: true })));
    expect(twoWay).toMatchObject({ name: 'ValidationException', Reason: 'TWO_WAY_CHANNEL_NOT_PRESENT', Fields: [{ Name: 'TwoWayChannelArn' }] });
    expect(await rejectionOf(sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId, OptOutListName: 'missing' })))).toMatchObject({ ResourceType: 'opt-out-list', ResourceId: 'missing' });
    expect(await rejectionOf(sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: 'phone-1', DeletionProtectionEnabled: true })))).toMatchObject({ ResourceType: 'phone-number', ResourceId: 'phone-1' });
  });
});

describe('ReleasePhoneNumber', () => {
  it('releases a number, which is then gone', async () => {
    const { sms } = fx.account();
    const { PhoneNumberId, PhoneNumberArn } = await request(sms);
    const released = await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: PhoneNumberArn }));
    expect(released).toMatchObject({ PhoneNumberId, Status: 'DELETED', PhoneNumber: '+18335550100' });
    expect(await rejectionOf(sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [PhoneNumberId!] })))).toBeInstanceOf(ResourceNotFoundException);
  });

  it('is refused while deletion protection is on, or while the number is in a pool', async () => {
    const { sms } = fx.account({ seed: true });
    const protectedError = await rejectionOf(sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.tollFreeAlerts })));
    expect(protectedError).toBeInstanceOf(ConflictException);
    expect(protectedError).toMatchObject({ Reason: 'DELETION_PROTECTION_ENABLED', ResourceType: 'phone-number', ResourceId: seed.tollFreeAlerts });

    const pooled = await rejectionOf(sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.ukLongCode })));
    expect(pooled).toMatchObject({ name: 'ConflictException', Reason: 'PHONE_NUMBER_ASSOCIATED_TO_POOL', ResourceId: seed.ukLongCode });

    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: seed.tollFreeAlerts, DeletionProtectionEnabled: false }));
    expect(await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.tollFreeAlerts }))).toMatchObject({ Status: 'DELETED' });
  });
});
