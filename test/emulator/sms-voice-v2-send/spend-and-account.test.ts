import {
  CreateConfigurationSetCommand,
  CreateOptOutListCommand,
  CreateVerifiedDestinationNumberCommand,
  DeleteTextMessageSpendLimitOverrideCommand,
  DeleteVoiceMessageSpendLimitOverrideCommand,
  DescribeAccountAttributesCommand,
  DescribeAccountLimitsCommand,
  DescribeSpendLimitsCommand,
  RequestSenderIdCommand,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
  ServiceQuotaExceededException,
  SetTextMessageSpendLimitOverrideCommand,
  SetVoiceMessageSpendLimitOverrideCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin, goProduction, outbox, requestNumber } from './helpers';

// Spend limits (ceiling, override, the month's spend against the enforced limit), the account
// tier and the account limits with usage counted from the store, and the admin route that
// stands in for a support case.

let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());
beforeEach(async () => {
  await admin(fx, 'POST', 'clock', { set: '2025-04-30T23:00:00Z' });
});

describe('spend limits', () => {
  it('start at the USD 1 ceiling; an override must stay under the ceiling; deleting it restores the ceiling', async () => {
    const { sms, accountId } = fx.account();
    expect((await sms.send(new DescribeSpendLimitsCommand({}))).SpendLimits).toEqual([
      { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 1, MaxLimit: 1, Overridden: false },
      { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 1, MaxLimit: 1, Overridden: false },
    ]);
    const tooHigh = await rejectionOf(sms.send(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: 2 })));
    expect(tooHigh).toBeInstanceOf(ValidationException);
    expect(tooHigh).toMatchObject({ Reason: 'REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT', Fields: [{ Name: 'MonthlyLimit', Message: 'The text spend limit can be at most the MaxLimit of USD 1; got 2.' }] });
    const negative = await rejectionOf(sms.send(new SetVoiceMessageSpendLimitOverrideCommand({ MonthlyLimit: -1 })));
    expect(negative).toBeInstanceOf(ValidationException);

    const raised = await admin(fx, 'PUT', 'sms-voice-v2/account', { accountId, spendMaxLimits: { TEXT: 100, VOICE: 20 } });
    expect(raised).toEqual({ status: 200, body: { accountId, region: 'us-east-1', accountTier: 'SANDBOX', spendMaxLimits: { TEXT: 100, VOICE: 20 }, spendLimitOverrides: {}, monthlySpend: {} } });
    expect(await sms.send(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: 50 }))).toMatchObject({ MonthlyLimit: 50 });
    expect(await sms.send(new SetVoiceMessageSpendLimitOverrideCommand({ MonthlyLimit: 0 }))).toMatchObject({ MonthlyLimit: 0 });
    expect((await sms.send(new DescribeSpendLimitsCommand({}))).SpendLimits).toEqual([
      { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 50, MaxLimit: 100, Overridden: true },
      { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', EnforcedLimit: 0, MaxLimit: 20, Overridden: true },
    ]);
    const page = await sms.send(new DescribeSpendLimitsCommand({ MaxResults: 1 }));
    expect(page.SpendLimits?.map((l) => l.Name)).toEqual(['TEXT_MESSAGE_MONTHLY_SPEND_LIMIT']);
    expect((await sms.send(new DescribeSpendLimitsCommand({ MaxResults: 1, NextToken: page.NextToken }))).SpendLimits?.map((l) => l.Name)).toEqual(['VOICE_MESSAGE_MONTHLY_SPEND_LIMIT']);

    expect(await sms.send(new DeleteTextMessageSpendLimitOverrideCommand({}))).toMatchObject({ MonthlyLimit: 100 });
    expect(await sms.send(new DeleteVoiceMessageSpendLimitOverrideCommand({}))).toMatchObject({ MonthlyLimit: 20 });
    expect((await sms.send(new DescribeSpendLimitsCommand({}))).SpendLimits?.map((l) => [l.EnforcedLimit, l.Overridden])).toEqual([
      [100, false],
      [20, false],
    ]);
  });

  it('refuses a send that would pass the month\'s limit, per channel; the next month starts from zero', async () => {
    const { sms, accountId } = fx.account();
    await goProduction(fx, accountId);
    const gb = await requestNumber(sms, { IsoCountryCode: 'GB', NumberType: 'LONG_CODE' });
    // 1,600 GSM characters are 11 parts; at USD 0.0395 a part to GB, one message costs USD 0.4345.
    const send = () => sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900300', OriginationIdentity: gb.PhoneNumberId, MessageBody: 'a'.repeat(1600) }));
    await send();
    await send();
    const over = await rejectionOf(send());
    expect(over).toBeInstanceOf(ServiceQuotaExceededException);
    expect(over).toMatchObject({
      Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT',
      message: 'This message costs USD 0.43450, which would bring the text spend of 2025-04 to USD 1.30350, over the monthly limit of USD 1.',
    });
    expect((await outbox(fx, { accountId })).length).toBe(2);
    expect((await admin(fx, 'GET', `sms-voice-v2/account?accountId=${accountId}&region=us-east-1`)).body.monthlySpend).toEqual({ 'TEXT/2025-04': '0.86900' });

    // Voice has its own limit.
    await sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+447700900300', OriginationIdentity: gb.PhoneNumberId, MessageBody: 'Hello' }));
    await sms.send(new SetVoiceMessageSpendLimitOverrideCommand({ MonthlyLimit: 0 }));
    const voice = await rejectionOf(sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+447700900300', OriginationIdentity: gb.PhoneNumberId, MessageBody: 'Hello' })));
    expect(voice).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE' });

    // An hour later it is May (UTC): the text spend starts again.
    await admin(fx, 'POST', 'clock', { advanceSeconds: 3600 });
    await send();
    expect((await admin(fx, 'GET', `sms-voice-v2/account?accountId=${accountId}`)).body.monthlySpend).toEqual({ 'TEXT/2025-04': '0.86900', 'VOICE/2025-04': '0.03000', 'TEXT/2025-05': '0.43450' });
  });

  it('a zero override stops every text message', async () => {
    const { sms, accountId } = fx.account();
    await goProduction(fx, accountId);
    const phone = await requestNumber(sms);
    await sms.send(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: 0 }));
    const refused = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550300', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' })));
    expect(refused).toMatchObject({ name: 'ServiceQuotaExceededException', Reason: 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' });
  });
});

describe('account attributes and limits', () => {
  it('a new account is in the SANDBOX; the admin API moves it to PRODUCTION and back', async () => {
    const { sms, accountId } = fx.account();
    expect((await sms.send(new DescribeAccountAttributesCommand({}))).AccountAttributes).toEqual([{ Name: 'ACCOUNT_TIER', Value: 'SANDBOX' }]);
    await goProduction(fx, accountId);
    expect((await sms.send(new DescribeAccountAttributesCommand({}))).AccountAttributes).toEqual([{ Name: 'ACCOUNT_TIER', Value: 'PRODUCTION' }]);
    expect((await admin(fx, 'PUT', 'sms-voice-v2/account', { accountId, accountTier: 'SANDBOX' })).body.accountTier).toBe('SANDBOX');
    // Another region of the same account is a separate SMS account.
    const other = fx.account({ region: 'eu-west-2' });
    expect((await other.sms.send(new DescribeAccountAttributesCommand({}))).AccountAttributes?.[0].Value).toBe('SANDBOX');
  });

  it('reports each quota with its usage counted from the store', async () => {
    const { sms } = fx.account();
    const empty = await sms.send(new DescribeAccountLimitsCommand({}));
    expect(empty.AccountLimits).toEqual([
      { Name: 'PHONE_NUMBERS', Used: 0, Max: 25 },
      { Name: 'POOLS', Used: 0, Max: 25 },
      { Name: 'CONFIGURATION_SETS', Used: 0, Max: 25 },
      { Name: 'OPT_OUT_LISTS', Used: 0, Max: 25 },
      { Name: 'SENDER_IDS', Used: 0, Max: 25 },
      { Name: 'REGISTRATIONS', Used: 0, Max: 25 },
      { Name: 'REGISTRATION_ATTACHMENTS', Used: 0, Max: 25 },
      { Name: 'VERIFIED_DESTINATION_NUMBERS', Used: 0, Max: 10 },
    ]);
    await requestNumber(sms);
    await requestNumber(sms);
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'c' }));
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'extra' }));
    await sms.send(new RequestSenderIdCommand({ SenderId: 'ACME', IsoCountryCode: 'GB' }));
    await sms.send(new CreateVerifiedDestinationNumberCommand({ DestinationPhoneNumber: '+12065550301' }));
    const used = await sms.send(new DescribeAccountLimitsCommand({}));
    // Two opt-out lists: "Default" came with the first number.
    expect(Object.fromEntries(used.AccountLimits!.map((l) => [l.Name, l.Used]))).toEqual({
      PHONE_NUMBERS: 2,
      POOLS: 0,
      CONFIGURATION_SETS: 1,
      OPT_OUT_LISTS: 2,
      SENDER_IDS: 1,
      REGISTRATIONS: 0,
      REGISTRATION_ATTACHMENTS: 0,
      VERIFIED_DESTINATION_NUMBERS: 1,
    });
    const page = await sms.send(new DescribeAccountLimitsCommand({ MaxResults: 5 }));
    expect(page.AccountLimits).toHaveLength(5);
    expect((await sms.send(new DescribeAccountLimitsCommand({ MaxResults: 5, NextToken: page.NextToken }))).AccountLimits).toHaveLength(3);
  });

  it('the account admin route states its contract for bad input', async () => {
    expect(await admin(fx, 'PUT', 'sms-voice-v2/account', { accountTier: 'GOLD' })).toEqual({ status: 400, body: { message: 'accountTier must be "SANDBOX" or "PRODUCTION"; got "GOLD"' } });
    expect(await admin(fx, 'PUT', 'sms-voice-v2/account', { spendMaxLimits: { TEXT: 1.5 } })).toEqual({ status: 400, body: { message: 'spendMaxLimits.TEXT must be a whole number of USD from 0 to 1000000000; got 1.5' } });
    expect(await admin(fx, 'PUT', 'sms-voice-v2/account', { spendMaxLimits: { MEDIA: 1 } })).toEqual({ status: 400, body: { message: 'Unknown field(s) "MEDIA"; fields: TEXT, VOICE' } });
    expect(await admin(fx, 'PUT', 'sms-voice-v2/account', { tier: 'PRODUCTION' })).toEqual({ status: 400, body: { message: 'Unknown field(s) "tier"; fields: accountId, region, accountTier, spendMaxLimits' } });
    expect(await admin(fx, 'PUT', 'sms-voice-v2/account', { accountId: '12' })).toEqual({ status: 400, body: { message: 'accountId must be a 12-digit account ID; got "12"' } });
    expect(await admin(fx, 'GET', 'sms-voice-v2/account?tier=x')).toEqual({ status: 400, body: { message: 'Unknown query parameter "tier"; parameters: accountId, region' } });
    expect((await admin(fx, 'PATCH', 'sms-voice-v2/account')).status).toBe(405);
  });
});
