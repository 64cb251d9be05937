import {
  ConflictException,
  CreateVerifiedDestinationNumberCommand,
  DeleteVerifiedDestinationNumberCommand,
  DescribeVerifiedDestinationNumbersCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  SendDestinationNumberVerificationCodeCommand,
  ServiceQuotaExceededException,
  ValidationException,
  VerifyDestinationNumberCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin, outbox, requestNumber } from './helpers';

// Verified destination numbers: PENDING until the code delivered to the outbox is given back;
// codes expire after an hour of emulator time; at most 10 per account.

const T0 = '2025-06-01T10:00:00.000Z';
let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  expect((await admin(fx, 'POST', 'clock', { set: T0 })).status).toBe(200);
});
afterEach(async () => {
  await admin(fx, 'POST', 'clock', { reset: true });
});

describe('verified destination numbers', () => {
  it('creates a PENDING number with an ARN and tags; refuses a duplicate; describes by ID, number and status; deletes', async () => {
    const { sms, accountId } = fx.account();
    const created = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550142', Tags: [{ Key: 'team', Value: 'qa' }] }));
    const id = created.VerifiedDestinationNumberId!;
    expect(id).toMatch(/^verified-destination-number-[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      VerifiedDestinationNumberArn: `arn:aws:sms-voice:us-east-1:${accountId}:verified-destination-number/${id}`,
      DestinationPhoneNumber: '+12065550142',
      Status: 'PENDING',
      CreatedTimestamp: new Date(T0),
      Tags: [{ Key: 'team', Value: 'qa' }],
    });
    const tags = await sms.send(new ListTagsForResourceCommand({ ResourceArn: created.VerifiedDestinationNumberArn }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'qa' }]);

    const dup = await rejectionOf(sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550142' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'verified-destination-number', ResourceId: id });
    const notE164 = await rejectionOf(sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '12065550142' })));
    expect(notE164).toBeInstanceOf(ValidationException);
    expect(notE164).toMatchObject({ Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'DestinationPhoneNumber', Message: '"12065550142" is not an E.164 phone number (like +12065550100).' }] });

    const second = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550143' }));
    const byId = await sms.send(new DescribeVerifiedDestinationNumbersCommand({ VerifiedDestinationNumberIds: [second.VerifiedDestinationNumberId!, created.VerifiedDestinationNumberArn!] }));
    expect(byId.VerifiedDestinationNumbers?.map((v) => v.DestinationPhoneNumber)).toEqual(['+12065550143', '+12065550142']);
    expect(byId.VerifiedDestinationNumbers?.[1]).toEqual({
      VerifiedDestinationNumberArn: created.VerifiedDestinationNumberArn,
      VerifiedDestinationNumberId: id,
      DestinationPhoneNumber: '+12065550142',
      Status: 'PENDING',
      CreatedTimestamp: new Date(T0),
    });
    const byNumber = await sms.send(new DescribeVerifiedDestinationNumbersCommand({ DestinationPhoneNumbers: ['+12065550143'] }));
    expect(byNumber.VerifiedDestinationNumbers?.map((v) => v.VerifiedDestinationNumberId)).toEqual([second.VerifiedDestinationNumberId]);
    const verified = await sms.send(new DescribeVerifiedDestinationNumbersCommand({ Filters: [{ Name: 'status', Values: ['VERIFIED'] }] }));
    expect(verified.VerifiedDestinationNumbers).toEqual([]);
    const unknown = await rejectionOf(sms.send(new DescribeVerifiedDestinationNumbersCommand({ DestinationPhoneNumbers: ['+12065550199'] })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown).toMatchObject({ ResourceType: 'verified-destination-number', ResourceId: '+12065550199' });

    const deleted = await sms.send(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: id }));
    expect(deleted).toEqual(expect.objectContaining({ VerifiedDestinationNumberId: id, DestinationPhoneNumber: '+12065550142', CreatedTimestamp: new Date(T0) }));
    expect('Status' in deleted).toBe(false);
    const gone = await rejectionOf(sms.send(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: id })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
  });

  it('delivers a six-digit code to the outbox (text or voice) and verifies with the latest code', async () => {
    const { sms, accountId } = fx.account();
    const { VerifiedDestinationNumberId: id } = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+447700900555' }));

    const noCode = await rejectionOf(sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: '123456' })));
    expect(noCode).toBeInstanceOf(ValidationException);
    expect(noCode).toMatchObject({ Reason: 'VERIFICATION_CODE_MISMATCH' });

    const first = await sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'TEXT', LanguageCode: 'EN_GB' }));
    const second = await sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'VOICE' }));
    const messages = await outbox(fx, { accountId, destination: '+447700900555' });
    expect(messages.map((m) => [m.messageId, m.channel, m.origination])).toEqual([
      [first.MessageId, 'SMS', 'AWS'],
      [second.MessageId, 'VOICE', 'AWS'],
    ]);
    const [textCode, voiceCode] = messages.map((m) => m.details.verificationCode as string);
    expect(messages[0]).toMatchObject({
      service: 'sms-voice-v2',
      destination: '+447700900555',
      body: `Your verification code is ${textCode}.`,
      messageType: 'TRANSACTIONAL',
      accountId,
      region: 'us-east-1',
      sentAt: T0,
      details: { kind: 'verification-code', verifiedDestinationNumberId: id, languageCode: 'EN_GB', expiresAt: '2025-06-01T11:00:00.000Z' },
    });
    expect(textCode).toMatch(/^\d{6}$/);
    // A voice code is read digit by digit.
    expect(messages[1].body).toBe(`Your verification code is ${voiceCode.split('').join(' ')}.`);

    const wrongCode = String((Number(voiceCode) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await rejectionOf(sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: wrongCode })));
    expect(wrong).toMatchObject({ name: 'ValidationException', Reason: 'VERIFICATION_CODE_MISMATCH', Fields: [{ Name: 'VerificationCode' }] });
    const verified = await sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: voiceCode }));
    expect(verified).toMatchObject({ VerifiedDestinationNumberId: id, DestinationPhoneNumber: '+447700900555', Status: 'VERIFIED' });

    const again = await rejectionOf(sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: voiceCode })));
    expect(again).toBeInstanceOf(ConflictException);
    expect(again).toMatchObject({ Reason: 'VERIFICATION_ALREADY_COMPLETE', ResourceType: 'verified-destination-number', ResourceId: id });
    const resend = await rejectionOf(sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'TEXT' })));
    expect(resend).toMatchObject({ name: 'ConflictException', Reason: 'VERIFICATION_ALREADY_COMPLETE' });
  });

  it('sends the code from a named origination identity and refuses one that cannot reach the destination', async () => {
    const { sms, accountId } = fx.account();
    const phone = await requestNumber(sms, { NumberCapabilities: ['SMS'] });
    const { VerifiedDestinationNumberId: id } = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550177' }));
    await sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'TEXT', OriginationIdentity: phone.PhoneNumberId }));
    const [message] = await outbox(fx, { accountId, destination: '+12065550177' });
    expect(message.origination).toBe(phone.PhoneNumber);

    const voice = await rejectionOf(sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'VOICE', OriginationIdentity: phone.PhoneNumberId })));
    expect(voice).toBeInstanceOf(ValidationException);
    expect(voice).toMatchObject({ Reason: 'VOICE_CAPABILITY_NOT_AVAILABLE' });
    const missing = await rejectionOf(sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: 'verified-destination-number-00000000000000000000000000000000', VerificationChannel: 'TEXT' })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'verified-destination-number' });
  });

  it('refuses a code older than an hour of emulator time', async () => {
    const { sms, accountId } = fx.account();
    const { VerifiedDestinationNumberId: id } = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550188' }));
    await sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'TEXT' }));
    const [message] = await outbox(fx, { accountId, destination: '+12065550188' });
    expect((await admin(fx, 'POST', 'clock', { advanceSeconds: 3601 })).body).toEqual({ now: '2025-06-01T11:00:01.000Z', mode: 'fixed' });
    const expired = await rejectionOf(sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: message.details.verificationCode })));
    expect(expired).toBeInstanceOf(ConflictException);
    expect(expired).toMatchObject({ Reason: 'VERIFICATION_CODE_EXPIRED', message: 'The code sent at 2025-06-01T10:00:00.000Z expired after 60 minutes; send a new one.' });
  });

  it('allows at most 10 per account', async () => {
    const { sms } = fx.account();
    for (let i = 0; i < 10; i += 1) await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: `+1206555020${i}` }));
    const quota = await rejectionOf(sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550210' })));
    expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
    expect(quota).toMatchObject({ Reason: 'VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT' });
  });
});
