import {
  CreateVerifiedDestinationNumberCommand,
  RequestPhoneNumberCommand,
  SendDestinationNumberVerificationCodeCommand,
  VerifyDestinationNumberCommand,
  type PinpointSMSVoiceV2Client,
  type RequestPhoneNumberCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { readJson } from '../../helpers/emulator';
import type { SmsFixture } from '../sms-voice-v2/fixtures';

/**
 * Shared steps of the SMS v2 sending tests: the admin API over fetch (outbox, clock, account
 * settings, inbound messages, reviews) and the usual set-up (a number, a verified destination).
 */

/** One admin call over HTTP; status and parsed JSON. */
export async function admin(fx: SmsFixture, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${fx.started.emulator.endpoint}/_emulator/${route}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await readJson(res) };
}

/** The outbox messages that match `query` (always narrowed to this service). */
export async function outbox(fx: SmsFixture, query: Record<string, string>): Promise<any[]> {
  const { status, body } = await admin(fx, 'GET', `outbox?${new URLSearchParams({ service: 'sms-voice-v2', ...query })}`);
  expect(status).toBe(200);
  return body.messages;
}

/** Moves an account out of the sandbox (what a support case does on AWS). */
export async function goProduction(fx: SmsFixture, accountId: string, region = 'us-east-1'): Promise<void> {
  const { status } = await admin(fx, 'PUT', 'sms-voice-v2/account', { accountId, region, accountTier: 'PRODUCTION' });
  expect(status).toBe(200);
}

/** Leases a US toll-free number that can text and call (other members override). */
export async function requestNumber(sms: PinpointSMSVoiceV2Client, input: Partial<RequestPhoneNumberCommandInput> = {}) {
  return sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS', 'VOICE'], NumberType: 'TOLL_FREE', ...input }));
}

/** Adds and verifies a destination number the way a sandbox user does: create, read the code from the outbox, verify. */
export async function verifyDestination(fx: SmsFixture, sms: PinpointSMSVoiceV2Client, accountId: string, number: string): Promise<string> {
  const created = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: number }));
  await sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: created.VerifiedDestinationNumberId, VerificationChannel: 'TEXT' }));
  const [message] = (await outbox(fx, { accountId, destination: number })).slice(-1);
  const code = /(\d{6})/.exec(message.body)![1];
  await sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: created.VerifiedDestinationNumberId, VerificationCode: code }));
  return created.VerifiedDestinationNumberId!;
}
