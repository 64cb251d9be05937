import {
  CreateConfigurationSetCommand,
  CreateOptOutListCommand,
  CreatePoolCommand,
  CreateRegistrationAttachmentCommand,
  CreateRegistrationCommand,
  ListTagsForResourceCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  TagResourceCommand,
  UntagResourceCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { PDF_BYTES, rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

describe('tags', () => {
  it('tags, lists and untags every taggable resource by ARN', async () => {
    const { sms } = fx.account();
    const phone = await sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR', Tags: [{ Key: 'created', Value: 'yes' }] }));
    const arns = [
      phone.PhoneNumberArn!,
      (await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberId, MessageType: 'TRANSACTIONAL' }))).PoolArn!,
      (await sms.send(new CreateOptOutListCommand({ OptOutListName: 'tagged' }))).OptOutListArn!,
      (await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'tagged' }))).ConfigurationSetArn!,
      (await sms.send(new RequestSenderIdCommand({ SenderId: 'TAGGED', IsoCountryCode: 'GB' }))).SenderIdArn!,
      (await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }))).RegistrationArn!,
      (await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: PDF_BYTES }))).RegistrationAttachmentArn!,
    ];
    for (const ResourceArn of arns) {
      await sms.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'a' }] }));
      // An existing key is overwritten.
      await sms.send(new TagResourceCommand({ ResourceArn, Tags: [{ Key: 'team', Value: 'b' }] }));
      await sms.send(new UntagResourceCommand({ ResourceArn, TagKeys: ['env', 'not-there'] }));
      const listed = await sms.send(new ListTagsForResourceCommand({ ResourceArn }));
      expect(listed.ResourceArn).toBe(ResourceArn);
      expect(listed.Tags).toEqual(ResourceArn === phone.PhoneNumberArn ? [{ Key: 'created', Value: 'yes' }, { Key: 'team', Value: 'b' }] : [{ Key: 'team', Value: 'b' }]);
    }
  });

  it('lists the seed’s tags', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    const arn = `arn:aws:sms-voice:us-east-1:${accountId}:phone-number/${SMS_VOICE_SEED.phoneNumbers.tollFreeAlerts}`;
    expect((await sms.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([{ Key: 'team', Value: 'notifications' }, { Key: 'env', Value: 'demo' }]);
    const pool = `arn:aws:sms-voice:us-east-1:${accountId}:pool/${SMS_VOICE_SEED.pools.marketing}`;
    expect((await sms.send(new ListTagsForResourceCommand({ ResourceArn: pool }))).Tags).toEqual([{ Key: 'team', Value: 'marketing' }]);
  });

  it('allows at most 50 tags per resource', async () => {
    const { sms } = fx.account();
    const { OptOutListArn } = await sms.send(new CreateOptOutListCommand({ OptOutListName: 'many', Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }));
    await sms.send(new TagResourceCommand({ ResourceArn: OptOutListArn, Tags: [{ Key: 'k0', Value: 'again' }, { Key: 'k49', Value: 'v' }] }));
    const error = await rejectionOf(sms.send(new TagResourceCommand({ ResourceArn: OptOutListArn, Tags: [{ Key: 'k50', Value: 'v' }] })));
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error).toMatchObject({ Reason: 'TAGS_PER_RESOURCE' });
    expect((await sms.send(new ListTagsForResourceCommand({ ResourceArn: OptOutListArn }))).Tags).toHaveLength(50);
    const create = await rejectionOf(sms.send(new CreateOptOutListCommand({ OptOutListName: 'too-many', Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })));
    expect(create).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'TAGS_PER_RESOURCE' });
  });

  it('answers ResourceNotFoundException for an unknown resource and ValidationException for a foreign ARN', async () => {
    const { sms, accountId } = fx.account();
    const missing = `arn:aws:sms-voice:us-east-1:${accountId}:pool/pool-00000000000000000000000000000000`;
    const error = await rejectionOf(sms.send(new ListTagsForResourceCommand({ ResourceArn: missing })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ ResourceType: 'pool', ResourceId: missing });
    const notSms = await rejectionOf(sms.send(new TagResourceCommand({ ResourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc', Tags: [{ Key: 'a', Value: 'b' }] })));
    expect(notSms).toBeInstanceOf(ValidationException);
    expect(notSms).toMatchObject({ Reason: 'INVALID_ARN', Fields: [{ Name: 'ResourceArn' }] });
  });
});
