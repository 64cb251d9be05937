import { CreateVerifiedDestinationNumberCommand, SendDestinationNumberVerificationCodeCommand, SendTextMessageCommand, VerifyDestinationNumberCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin, goProduction, outbox, requestNumber } from './helpers';

// GET /_emulator/verification-codes: the verification codes SendDestinationNumberVerificationCode
// sent, read off the outbox, newest first, so the first one is the code VerifyDestinationNumber
// takes (the README's SMS walkthrough reads it through the gateway).

const BASE = new Date('2025-03-01T08:00:00.000Z');
let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture({ clock: { now: () => BASE } });
});
afterAll(() => fx.close());

/** Module-private: creates a verified destination number and sends it `times` codes; its ID and the message IDs, oldest first. */
async function sendCodes(sms: ReturnType<SmsFixture['account']>['sms'], destination: string, times: number): Promise<{ id: string; messageIds: string[] }> {
  const { VerifiedDestinationNumberId: id } = await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: destination }));
  const messageIds: string[] = [];
  for (let sent = 0; sent < times; sent += 1) {
    messageIds.push((await sms.send(new SendDestinationNumberVerificationCodeCommand({ VerifiedDestinationNumberId: id, VerificationChannel: 'TEXT' }))).MessageId!);
  }
  return { id: id!, messageIds };
}

describe('/_emulator/verification-codes', () => {
  it('lists the codes newest first, each as the outbox delivered it; the first one verifies', async () => {
    const { sms, accountId } = fx.account();
    const { id, messageIds } = await sendCodes(sms, '+12065550181', 2);
    const { status, body } = await admin(fx, 'GET', `verification-codes?${new URLSearchParams({ accountId })}`);
    expect(status).toBe(200);
    const delivered = await outbox(fx, { accountId, destination: '+12065550181' });
    expect(delivered.map((message) => message.messageId)).toEqual(messageIds);
    expect(body).toEqual({
      verificationCodes: [...delivered].reverse().map((message) => ({
        destination: '+12065550181',
        verificationCode: message.details.verificationCode,
        verifiedDestinationNumberId: id,
        messageId: message.messageId,
        sentAt: BASE.toISOString(),
        expiresAt: '2025-03-01T09:00:00.000Z',
      })),
    });
    expect(body.verificationCodes[0].messageId).toBe(messageIds[1]);
    await sms.send(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: id, VerificationCode: body.verificationCodes[0].verificationCode }));
  });

  it('narrows by destination, account and region, and leaves out every other message', async () => {
    const first = fx.account();
    const second = fx.account();
    await sendCodes(first.sms, '+12065550182', 1);
    await sendCodes(first.sms, '+12065550183', 1);
    await sendCodes(second.sms, '+12065550182', 1);
    // A text from a production account (no sandbox) is in the outbox, but carries no code.
    await goProduction(fx, second.accountId);
    const number = await requestNumber(second.sms);
    await second.sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550182', OriginationIdentity: number.PhoneNumberId, MessageBody: 'not a code' }));
    expect(await outbox(fx, { accountId: second.accountId })).toHaveLength(2);

    const codes = async (query: Record<string, string>) => {
      const { status, body } = await admin(fx, 'GET', `verification-codes?${new URLSearchParams(query)}`);
      expect(status).toBe(200);
      return body.verificationCodes.map((code: { destination: string }) => code.destination);
    };
    expect(await codes({ accountId: first.accountId })).toEqual(['+12065550183', '+12065550182']);
    expect(await codes({ accountId: first.accountId, destination: '+12065550182' })).toEqual(['+12065550182']);
    expect(await codes({ accountId: second.accountId })).toEqual(['+12065550182']);
    expect(await codes({ accountId: second.accountId, region: 'eu-west-1' })).toEqual([]);
  });

  it('refuses a filter it does not know, and every method but GET', async () => {
    expect(await admin(fx, 'GET', 'verification-codes?service=sms-voice-v2')).toEqual({ status: 400, body: { message: 'Unknown verification-codes filter "service"; filters: destination, accountId, region' } });
    expect(await admin(fx, 'GET', 'verification-codes?accountId=1&accountId=2')).toEqual({ status: 400, body: { message: 'Outbox filter "accountId" is given twice' } });
    expect(await admin(fx, 'DELETE', 'verification-codes')).toEqual({ status: 405, body: { message: 'DELETE is not allowed on /_emulator/verification-codes; allowed: GET' } });
  });
});
