import {
  ConflictException,
  DescribeSenderIdsCommand,
  ReleaseSenderIdCommand,
  RequestSenderIdCommand,
  ResourceNotFoundException,
  UpdateSenderIdCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const senders = SMS_VOICE_SEED.senderIds;
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

describe('sender IDs', () => {
  it('requests a sender ID per country, with both message types by default', async () => {
    const { sms, accountId } = fx.account();
    const created = await sms.send(new RequestSenderIdCommand({ SenderId: 'BRAND', IsoCountryCode: 'GB', Tags: [{ Key: 'a', Value: 'b' }] }));
    expect(created).toEqual(
      expect.objectContaining({
        SenderId: 'BRAND',
        IsoCountryCode: 'GB',
        SenderIdArn: `arn:aws:sms-voice:us-east-1:${accountId}:sender-id/BRAND/GB`,
        MessageTypes: ['TRANSACTIONAL', 'PROMOTIONAL'],
        MonthlyLeasingPrice: '0.00',
        DeletionProtectionEnabled: false,
        Registered: false,
        Tags: [{ Key: 'a', Value: 'b' }],
      }),
    );
    // The same SenderId in another country is another sender ID.
    const de = await sms.send(new RequestSenderIdCommand({ SenderId: 'BRAND', IsoCountryCode: 'DE', MessageTypes: ['PROMOTIONAL'] }));
    expect(de.MessageTypes).toEqual(['PROMOTIONAL']);

    const dup = await rejectionOf(sms.send(new RequestSenderIdCommand({ SenderId: 'BRAND', IsoCountryCode: 'GB' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'sender-id', ResourceId: 'BRAND/GB' });
    const us = await rejectionOf(sms.send(new RequestSenderIdCommand({ SenderId: 'BRAND', IsoCountryCode: 'US' })));
    expect(us).toBeInstanceOf(ValidationException);
    expect(us).toMatchObject({ Reason: 'SENDER_ID_NOT_SUPPORTED', Fields: [{ Name: 'IsoCountryCode' }] });
  });

  it('describes {SenderId, IsoCountryCode} pairs in the order given, and fails whole on an unknown pair', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    const pairs = await sms.send(new DescribeSenderIdsCommand({ SenderIds: [senders.info, senders.alerts] }));
    expect(pairs.SenderIds?.map((s) => `${s.SenderId}/${s.IsoCountryCode}`)).toEqual(['ACMEINFO/DE', 'ACMEALERT/GB']);
    const byArn = await sms.send(new DescribeSenderIdsCommand({ SenderIds: [{ SenderId: `arn:aws:sms-voice:us-east-1:${accountId}:sender-id/ACMESHOP/SG`, IsoCountryCode: 'SG' }] }));
    expect(byArn.SenderIds?.[0]).toMatchObject({ SenderId: 'ACMESHOP', Registered: true, RegistrationId: SMS_VOICE_SEED.registrations.sgSenderId });

    const error = await rejectionOf(sms.send(new DescribeSenderIdsCommand({ SenderIds: [senders.alerts, { SenderId: 'ACMEALERT', IsoCountryCode: 'FR' }] })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ ResourceType: 'sender-id', ResourceId: 'ACMEALERT/FR' });
  });

  it('filters and pages', async () => {
    const { sms } = fx.account({ seed: true });
    const names = async (filters: { Name: any; Values: string[] }[]) => (await sms.send(new DescribeSenderIdsCommand({ Filters: filters }))).SenderIds?.map((s) => s.SenderId);
    expect(await names([{ Name: 'registered', Values: ['true'] }])).toEqual(['ACMESHOP']);
    expect(await names([{ Name: 'message-type', Values: ['PROMOTIONAL'] }])).toEqual(['ACMESHOP', 'ACMEINFO']);
    expect(await names([{ Name: 'sender-id', Values: ['ACMEALERT', 'ACMEINFO'] }, { Name: 'deletion-protection-enabled', Values: ['false'] }])).toEqual(['ACMEALERT']);
    const first = await sms.send(new DescribeSenderIdsCommand({ MaxResults: 2 }));
    const second = await sms.send(new DescribeSenderIdsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    expect([...first.SenderIds!, ...second.SenderIds!].map((s) => s.SenderId)).toEqual(['ACMEALERT', 'ACMESHOP', 'ACMEINFO']);
    expect(second.NextToken).toBeUndefined();
  });

  it('updates deletion protection, and releases only unprotected sender IDs outside pools', async () => {
    const { sms } = fx.account({ seed: true });
    const protectedError = await rejectionOf(sms.send(new ReleaseSenderIdCommand(senders.info)));
    expect(protectedError).toMatchObject({ name: 'ConflictException', Reason: 'DELETION_PROTECTION_ENABLED', ResourceType: 'sender-id', ResourceId: 'ACMEINFO/DE' });
    expect(await sms.send(new UpdateSenderIdCommand({ ...senders.info, DeletionProtectionEnabled: false }))).toMatchObject({ DeletionProtectionEnabled: false });
    const released = await sms.send(new ReleaseSenderIdCommand(senders.info));
    expect(released).toMatchObject({ SenderId: 'ACMEINFO', IsoCountryCode: 'DE', MessageTypes: ['TRANSACTIONAL', 'PROMOTIONAL'], Registered: false });

    const pooled = await rejectionOf(sms.send(new ReleaseSenderIdCommand(senders.alerts)));
    expect(pooled).toMatchObject({ name: 'ConflictException', Reason: 'SENDER_ID_ASSOCIATED_TO_POOL', ResourceId: 'ACMEALERT/GB' });
    const unknown = await rejectionOf(sms.send(new UpdateSenderIdCommand({ SenderId: 'NOPE', IsoCountryCode: 'GB', DeletionProtectionEnabled: true })));
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id', ResourceId: 'NOPE/GB' });
  });
});
