import {
  BadRequestException,
  GetApplicationDateRangeKpiCommand,
  NotFoundException,
  SendOTPMessageCommand,
  VerifyOTPMessageCommand,
  type SendOTPMessageRequestParameters,
} from '@aws-sdk/client-pinpoint';
import { startDeliveryKit, type DeliveryKit } from './kit';

// One-time passwords over HTTP: SendOTPMessage texts a generated code to the outbox;
// VerifyOTPMessage accepts it once, until it expires on the emulator clock or too many wrong
// codes were tried.

let kit: DeliveryKit;
let appId: string;
beforeAll(async () => {
  kit = await startDeliveryKit('2025-12-01T08:00:00.000Z');
  appId = await kit.newApp('otp');
});
afterAll(() => kit.close());

let phone = 0;
/** A fresh destination per test, so codes never collide. */
const nextPhone = () => `+1206555${String(2000 + (phone += 1)).padStart(4, '0')}`;

const base = (destination: string, referenceId = 'login'): SendOTPMessageRequestParameters => ({
  Channel: 'SMS',
  BrandName: 'ShopCo',
  OriginationIdentity: '+12065550100',
  DestinationIdentity: destination,
  ReferenceId: referenceId,
});

async function sendOtp(params: SendOTPMessageRequestParameters) {
  return kit.pinpoint.send(new SendOTPMessageCommand({ ApplicationId: appId, SendOTPMessageRequestParameters: params }));
}

async function verify(destination: string, otp: string, referenceId = 'login'): Promise<boolean | undefined> {
  const out = await kit.pinpoint.send(new VerifyOTPMessageCommand({ ApplicationId: appId, VerifyOTPMessageRequestParameters: { DestinationIdentity: destination, Otp: otp, ReferenceId: referenceId } }));
  return out.VerificationResponse!.Valid;
}

/** The code in the latest OTP text to `destination`. */
async function codeSentTo(destination: string): Promise<string> {
  const texts = await kit.outbox({ destination });
  const match = /verification code: (\d+)\./.exec(texts[texts.length - 1]?.body ?? '');
  if (!match) throw new Error(`No OTP text to ${destination}: ${JSON.stringify(texts)}`);
  return match[1];
}

it('texts a code of CodeLength digits and accepts it once', async () => {
  const destination = nextPhone();
  const out = await sendOtp({ ...base(destination), CodeLength: 8 });
  const [text] = await kit.outbox({ destination });
  expect(out.MessageResponse).toEqual({
    ApplicationId: appId,
    RequestId: out.$metadata.requestId,
    Result: { [destination]: { DeliveryStatus: 'SUCCESSFUL', StatusCode: 200, StatusMessage: `MessageId: ${text.messageId}`, MessageId: text.messageId } },
  });
  expect(text).toMatchObject({
    channel: 'SMS',
    origination: '+12065550100',
    destination,
    messageType: 'TRANSACTIONAL',
    body: expect.stringMatching(/^ShopCo verification code: \d{8}\. It expires in 15 minutes\. Don't share it with anyone\.$/),
    details: { kind: 'otp', referenceId: 'login' },
  });
  const code = await codeSentTo(destination);
  expect(await verify(destination, code, 'other-reference')).toBe(false);
  expect(await verify(destination, code)).toBe(true);
  expect(await verify(destination, code)).toBe(false);

  const sms = await kit.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-sms-sent' }));
  expect(sms.ApplicationDateRangeKpiResponse!.KpiResult!.Rows![0].Values![0].Value).toBe('1.0');
});

it('expires a code after ValidityPeriod minutes on the emulator clock', async () => {
  const early = nextPhone();
  await sendOtp({ ...base(early), ValidityPeriod: 5 });
  await kit.advance(299);
  expect(await verify(early, await codeSentTo(early))).toBe(true);

  const late = nextPhone();
  await sendOtp({ ...base(late), ValidityPeriod: 5 });
  await kit.advance(300);
  expect(await verify(late, await codeSentTo(late))).toBe(false);
});

it('invalidates a code once AllowedAttempts wrong codes were tried', async () => {
  const destination = nextPhone();
  await sendOtp({ ...base(destination), AllowedAttempts: 2, CodeLength: 5 });
  const code = await codeSentTo(destination);
  const wrong = code === '00000' ? '11111' : '00000';
  expect(await verify(destination, wrong)).toBe(false);
  expect(await verify(destination, wrong)).toBe(false);
  expect(await verify(destination, code)).toBe(false);
});

it('replaces the previous code of the same reference and destination', async () => {
  const destination = nextPhone();
  // 8 digits: two codes in a row are equal once in 10^8.
  await sendOtp({ ...base(destination), CodeLength: 8 });
  const first = await codeSentTo(destination);
  await sendOtp({ ...base(destination), CodeLength: 8 });
  const second = await codeSentTo(destination);
  expect(await kit.outbox({ destination })).toHaveLength(2);
  expect(second).not.toBe(first);
  expect(await verify(destination, first)).toBe(false);
  expect(await verify(destination, second)).toBe(true);
});

it.each<[string, Partial<SendOTPMessageRequestParameters>, string]>([
  ['a channel other than SMS', { Channel: 'EMAIL' }, "SendOTPMessageRequestParameters.Channel must be SMS (the only channel OTP codes are sent through); got 'EMAIL'"],
  ['a code shorter than 5 digits', { CodeLength: 4 }, 'SendOTPMessageRequestParameters.CodeLength must be an integer from 5 to 8; got 4'],
  ['a validity over 60 minutes', { ValidityPeriod: 61 }, 'SendOTPMessageRequestParameters.ValidityPeriod must be an integer from 5 to 60; got 61'],
  ['more than 5 attempts', { AllowedAttempts: 6 }, 'SendOTPMessageRequestParameters.AllowedAttempts must be an integer from 1 to 5; got 6'],
  ['a brand name over 20 characters', { BrandName: 'A brand name that is too long' }, "SendOTPMessageRequestParameters.BrandName must be 1 to 20 characters; got 'A brand name that is too long'"],
  ['a destination that is not E.164', { DestinationIdentity: '206-555-0100' }, "SendOTPMessageRequestParameters.DestinationIdentity must be a phone number in E.164 format (+ then up to 15 digits); got '206-555-0100'"],
  ['a reference ID over 48 characters', { ReferenceId: 'r'.repeat(49) }, `SendOTPMessageRequestParameters.ReferenceId must be 1 to 48 characters; got '${'r'.repeat(49)}'`],
  ['an unknown language', { Language: 'xx-XX' }, "SendOTPMessageRequestParameters.Language must be one of de-DE, en-GB, en-US, es-419, es-ES, fr-CA, fr-FR, ja-JP, ko-KR, pt-BR, zh-CN, zh-TW; got 'xx-XX'"],
])('rejects %s with BadRequestException', async (_case, change, message) => {
  const destination = nextPhone();
  const error = await sendOtp({ ...base(destination), ...change }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestException);
  expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  expect(await kit.outbox({ destination })).toEqual([]);
});

it('answers NotFoundException for an unknown app', async () => {
  const error = await kit.pinpoint.send(new SendOTPMessageCommand({ ApplicationId: 'missing', SendOTPMessageRequestParameters: base(nextPhone()) })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundException);
});
