import {
  AssociateOriginationIdentityCommand,
  ConflictException,
  CreateOptOutListCommand,
  CreatePoolCommand,
  DeletePoolCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DisassociateOriginationIdentityCommand,
  ListPoolOriginationIdentitiesCommand,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  ResourceNotFoundException,
  UpdatePhoneNumberCommand,
  UpdatePoolCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const seed = SMS_VOICE_SEED;
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

async function number(sms: PinpointSMSVoiceV2Client, messageType: 'TRANSACTIONAL' | 'PROMOTIONAL' = 'TRANSACTIONAL', extra: { OptOutListName?: string; PoolId?: string } = {}) {
  return sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: messageType, NumberCapabilities: ['SMS'], NumberType: 'LONG_CODE', ...extra }));
}

async function phonePoolId(sms: PinpointSMSVoiceV2Client, id: string) {
  return (await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [id] }))).PhoneNumbers?.[0]?.PoolId;
}

describe('CreatePool', () => {
  it('creates a pool from a phone number, inheriting its configuration', async () => {
    const { sms, accountId } = fx.account();
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'pool-list' }));
    const phone = await number(sms, 'TRANSACTIONAL', { OptOutListName: 'pool-list' });
    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId, SelfManagedOptOutsEnabled: true, DeletionProtectionEnabled: true }));
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberArn, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(pool.PoolId).toMatch(/^pool-[0-9a-f]{32}$/);
    expect(pool).toMatchObject({
      PoolArn: `arn:aws:sms-voice:us-east-1:${accountId}:pool/${pool.PoolId}`,
      Status: 'ACTIVE',
      MessageType: 'TRANSACTIONAL',
      OptOutListName: 'pool-list',
      SelfManagedOptOutsEnabled: true,
      TwoWayEnabled: false,
      SharedRoutesEnabled: false,
      // Deletion protection is not inherited.
      DeletionProtectionEnabled: false,
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    expect(await phonePoolId(sms, phone.PhoneNumberId!)).toBe(pool.PoolId);
  });

  it('creates a pool from a sender ID, which may be in several pools', async () => {
    const { sms } = fx.account();
    await sms.send(new RequestSenderIdCommand({ SenderId: 'MYBRAND', IsoCountryCode: 'GB' }));
    const a = await sms.send(new CreatePoolCommand({ OriginationIdentity: 'MYBRAND', IsoCountryCode: 'GB', MessageType: 'PROMOTIONAL' }));
    const b = await sms.send(new CreatePoolCommand({ OriginationIdentity: 'MYBRAND', IsoCountryCode: 'GB', MessageType: 'TRANSACTIONAL' }));
    expect(a.OptOutListName).toBe('Default');
    for (const PoolId of [a.PoolId, b.PoolId]) {
      const listed = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId }));
      expect(listed.OriginationIdentities).toEqual([{ OriginationIdentity: 'MYBRAND', OriginationIdentityArn: expect.stringMatching(/:sender-id\/MYBRAND\/GB$/), IsoCountryCode: 'GB', NumberCapabilities: ['SMS'] }]);
    }
  });

  it('refuses a number already in a pool, an unknown identity and a message-type mismatch', async () => {
    const { sms } = fx.account({ seed: true });
    const inPool = await rejectionOf(sms.send(new CreatePoolCommand({ OriginationIdentity: seed.phoneNumbers.tenDlcMarketing1, MessageType: 'PROMOTIONAL' })));
    expect(inPool).toBeInstanceOf(ConflictException);
    expect(inPool).toMatchObject({ Reason: 'PHONE_NUMBER_ASSOCIATED_TO_POOL', ResourceType: 'phone-number', ResourceId: seed.phoneNumbers.tenDlcMarketing1 });

    const unknown = await rejectionOf(sms.send(new CreatePoolCommand({ OriginationIdentity: 'phone-0123', MessageType: 'PROMOTIONAL' })));
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'phone-number', ResourceId: 'phone-0123' });
    const unknownSender = await rejectionOf(sms.send(new CreatePoolCommand({ OriginationIdentity: 'NOBODY', IsoCountryCode: 'GB', MessageType: 'PROMOTIONAL' })));
    expect(unknownSender).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id', ResourceId: 'NOBODY/GB' });

    const mismatch = await rejectionOf(sms.send(new CreatePoolCommand({ OriginationIdentity: seed.phoneNumbers.simulator, MessageType: 'PROMOTIONAL' })));
    expect(mismatch).toMatchObject({ name: 'ConflictException', Reason: 'MESSAGE_TYPE_MISMATCH' });
    const country = await rejectionOf(sms.send(new CreatePoolCommand({ OriginationIdentity: seed.phoneNumbers.simulator, IsoCountryCode: 'GB', MessageType: 'TRANSACTIONAL' })));
    expect(country).toMatchObject({ name: 'ValidationException', Reason: 'COUNTRY_CODE_MISMATCH' });
  });
});

describe('pool membership', () => {
  it('associates and disassociates identities; a number’s PoolId follows', async () => {
    const { sms } = fx.account();
    const first = await number(sms);
    const second = await number(sms);
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: first.PhoneNumberId, MessageType: 'TRANSACTIONAL' }));
    const associated = await sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolArn, OriginationIdentity: second.PhoneNumberId, IsoCountryCode: 'US' }));
    expect(associated).toEqual(expect.objectContaining({ PoolId: pool.PoolId, PoolArn: pool.PoolArn, OriginationIdentity: second.PhoneNumberId, OriginationIdentityArn: second.PhoneNumberArn, IsoCountryCode: 'US' }));
    expect(await phonePoolId(sms, second.PhoneNumberId!)).toBe(pool.PoolId);

    const again = await rejectionOf(sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: second.PhoneNumberId, IsoCountryCode: 'US' })));
    expect(again).toMatchObject({ name: 'ConflictException', Reason: 'RESOURCE_ALREADY_ASSOCIATED' });

    const listed = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: pool.PoolId }));
    expect(listed.OriginationIdentities?.map((i) => i.OriginationIdentity)).toEqual([first.PhoneNumberId, second.PhoneNumberId]);
    expect(listed.OriginationIdentities?.[0]).toMatchObject({ PhoneNumber: first.PhoneNumber, NumberCapabilities: ['SMS'], IsoCountryCode: 'US' });

    await sms.send(new DisassociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: second.PhoneNumberArn, IsoCountryCode: 'US' }));
    expect(await phonePoolId(sms, second.PhoneNumberId!)).toBeUndefined();
    const notIn = await rejectionOf(sms.send(new DisassociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: second.PhoneNumberId, IsoCountryCode: 'US' })));
    expect(notIn).toMatchObject({ name: 'ConflictException', Reason: 'PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL', ResourceId: second.PhoneNumberId });
    const last = await rejectionOf(sms.send(new DisassociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: first.PhoneNumberId, IsoCountryCode: 'US' })));
    expect(last).toMatchObject({ name: 'ConflictException', Reason: 'LAST_PHONE_NUMBER', ResourceType: 'pool', ResourceId: pool.PoolId });
  });

  it('refuses identities whose configuration differs from the pool’s', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'other' }));
    const base = await number(sms);
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: base.PhoneNumberId, MessageType: 'TRANSACTIONAL' }));
    const promotional = await number(sms, 'PROMOTIONAL');
    const otherList = await number(sms, 'TRANSACTIONAL', { OptOutListName: 'other' });
    const associate = (id?: string) => rejectionOf(sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: id, IsoCountryCode: 'US' })));
    expect(await associate(promotional.PhoneNumberId)).toMatchObject({ Reason: 'MESSAGE_TYPE_MISMATCH' });
    expect(await associate(otherList.PhoneNumberId)).toMatchObject({ Reason: 'OPT_OUT_LIST_MISMATCH' });
    await sms.send(new RequestSenderIdCommand({ SenderId: 'PROMOONLY', IsoCountryCode: 'DE', MessageTypes: ['PROMOTIONAL'] }));
    const sender = await rejectionOf(sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: 'PROMOONLY', IsoCountryCode: 'DE' })));
    expect(sender).toMatchObject({ name: 'ConflictException', Reason: 'MESSAGE_TYPE_MISMATCH', ResourceType: 'sender-id' });
  });

  it('puts a number requested with a PoolId into the pool, with the pool’s opt-out list', async () => {
    const { sms } = fx.account({ seed: true });
    const phone = await number(sms, 'PROMOTIONAL', { PoolId: seed.pools.marketing });
    expect(phone).toMatchObject({ PoolId: seed.pools.marketing, OptOutListName: 'marketing-optouts' });
    const listed = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: seed.pools.marketing }));
    expect(listed.OriginationIdentities?.map((i) => i.OriginationIdentity)).toEqual([seed.phoneNumbers.tenDlcMarketing1, seed.phoneNumbers.tenDlcMarketing2, phone.PhoneNumberId]);
  });

  it('filters and pages the identities of a pool', async () => {
    const { sms } = fx.account({ seed: true });
    const pool = seed.pools.alerts;
    const bySender = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: pool, Filters: [{ Name: 'iso-country-code', Values: ['GB'] }], MaxResults: 1 }));
    expect(bySender.OriginationIdentities?.map((i) => i.OriginationIdentity)).toEqual([seed.phoneNumbers.ukLongCode]);
    const next = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: pool, Filters: [{ Name: 'iso-country-code', Values: ['GB'] }], MaxResults: 1, NextToken: bySender.NextToken }));
    expect(next.OriginationIdentities?.map((i) => i.OriginationIdentity)).toEqual(['ACMEALERT']);
    expect(next.NextToken).toBeUndefined();
    const unknown = await rejectionOf(sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: 'pool-missing' })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('DescribePools, UpdatePool, DeletePool', () => {
  it('describes by ID and filter, and fails whole on one unknown ID', async () => {
    const { sms } = fx.account({ seed: true });
    const both = await sms.send(new DescribePoolsCommand({ PoolIds: [seed.pools.alerts, seed.pools.marketing] }));
    expect(both.Pools?.map((p) => p.PoolId)).toEqual([seed.pools.alerts, seed.pools.marketing]);
    const filtered = await sms.send(new DescribePoolsCommand({ Filters: [{ Name: 'deletion-protection-enabled', Values: ['true'] }] }));
    expect(filtered.Pools?.map((p) => p.PoolId)).toEqual([seed.pools.marketing]);
    const error = await rejectionOf(sms.send(new DescribePoolsCommand({ PoolIds: [seed.pools.alerts, 'pool-nope'] })));
    expect(error).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'pool', ResourceId: 'pool-nope' });
    expect((await sms.send(new DescribePoolsCommand({ Owner: 'SHARED' }))).Pools).toEqual([]);
  });

  it('updates settings, and refuses two-way without a channel', async () => {
    const { sms } = fx.account({ seed: true });
    const updated = await sms.send(new UpdatePoolCommand({ PoolId: seed.pools.marketing, SharedRoutesEnabled: true, OptOutListName: 'Default', DeletionProtectionEnabled: false }));
    expect(updated).toMatchObject({ PoolId: seed.pools.marketing, SharedRoutesEnabled: true, OptOutListName: 'Default', DeletionProtectionEnabled: false });
    const twoWay = await rejectionOf(sms.send(new UpdatePoolCommand({ PoolId: seed.pools.marketing, TwoWayEnabled: true })));
    expect(twoWay).toMatchObject({ name: 'ValidationException', Reason: 'TWO_WAY_CHANNEL_NOT_PRESENT' });
  });

  it('refuses to delete a protected pool; deleting disassociates its numbers', async () => {
    const { sms } = fx.account({ seed: true });
    const refused = await rejectionOf(sms.send(new DeletePoolCommand({ PoolId: seed.pools.marketing })));
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused).toMatchObject({ Reason: 'DELETION_PROTECTION_ENABLED', ResourceType: 'pool', ResourceId: seed.pools.marketing });

    await sms.send(new UpdatePoolCommand({ PoolId: seed.pools.marketing, DeletionProtectionEnabled: false }));
    const deleted = await sms.send(new DeletePoolCommand({ PoolId: seed.pools.marketing }));
    expect(deleted).toMatchObject({ PoolId: seed.pools.marketing, Status: 'DELETING', MessageType: 'PROMOTIONAL' });
    expect(await phonePoolId(sms, seed.phoneNumbers.tenDlcMarketing1)).toBeUndefined();
    expect(await rejectionOf(sms.send(new DescribePoolsCommand({ PoolIds: [seed.pools.marketing] })))).toBeInstanceOf(ResourceNotFoundException);
    // With the pool gone, its numbers can be released.
    expect(await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.phoneNumbers.tenDlcMarketing1 }))).toMatchObject({ Status: 'DELETED' });
  });
});
