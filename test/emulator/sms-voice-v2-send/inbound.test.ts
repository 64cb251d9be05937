import {
  AssociateOriginationIdentityCommand,
  ConflictException,
  CreatePoolCommand,
  DescribeOptedOutNumbersCommand,
  PutKeywordCommand,
  SendTextMessageCommand,
  UpdatePhoneNumberCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin, goProduction, outbox, requestNumber, verifyDestination } from './helpers';

// Inbound messages through POST /_emulator/inbound: opt-out words add the sender to the
// identity's opt-out list and get STOP's reply; HELP and custom keywords answer; OPT_IN keywords
// opt back in; self-managed opt-outs leave HELP/STOP to the sender; the next send is refused.

const NOW = '2025-05-05T09:00:00.000Z';
const STOP_REPLY = 'You are now opted out and will receive no further messages from this number.';
const HELP_REPLY = 'You are receiving messages from this number. Reply STOP to opt out of further messages.';
let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture();
  await admin(fx, 'POST', 'clock', { set: NOW });
});
afterAll(() => fx.close());

/** Module-private: the opted-out numbers of the Default list. */
async function optedOut(sms: PinpointSMSVoiceV2Client) {
  return (await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: 'Default' }))).OptedOutNumbers;
}

describe('inbound messages', () => {
  it('scenario: a two-way number texts a verified destination, which replies STOP; the number is opted out and the next send refused', async () => {
    const { sms, accountId } = fx.account();
    const phone = await requestNumber(sms, { NumberCapabilities: ['SMS'] });
    const channel = `arn:aws:sns:us-east-1:${accountId}:inbound`;
    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId, TwoWayEnabled: true, TwoWayChannelArn: channel }));
    const customer = '+12065550400';
    await verifyDestination(fx, sms, accountId, customer);

    const sent = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: customer, OriginationIdentity: phone.PhoneNumberId, MessageBody: 'Your table is ready.' }));
    expect((await outbox(fx, { accountId, origination: phone.PhoneNumber! })).map((m) => [m.messageId, m.body])).toEqual([[sent.MessageId, 'Your table is ready.']]);

    const inbound = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumber, from: customer, body: 'STOP', accountId });
    expect(inbound.status).toBe(200);
    expect(inbound.body).toMatchObject({
      accountId,
      region: 'us-east-1',
      originationIdentity: phone.PhoneNumberId,
      originationIdentityArn: phone.PhoneNumberArn,
      phoneNumber: phone.PhoneNumber,
      from: customer,
      body: 'STOP',
      keyword: 'STOP',
      action: 'OPT_OUT',
      selfManagedOptOuts: false,
      optOutListName: 'Default',
      optedOut: true,
      forwardedTo: channel,
      reply: { channel: 'SMS', origination: phone.PhoneNumber, destination: customer, body: STOP_REPLY, keyword: 'STOP', messageType: 'TRANSACTIONAL', sentAt: NOW, details: { kind: 'keyword-reply', inReplyTo: 'STOP' } },
    });
    const replies = await outbox(fx, { accountId, destination: customer, since: NOW });
    expect(replies.at(-1)).toEqual(inbound.body.reply);

    expect(await optedOut(sms)).toEqual([{ OptedOutNumber: customer, OptedOutTimestamp: new Date(NOW), EndUserOptedOut: true }]);
    const refused = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: customer, OriginationIdentity: phone.PhoneNumberId, MessageBody: 'One more thing' })));
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused).toMatchObject({ Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT', ResourceId: customer });
  });

  it('answers HELP and custom keywords (case-insensitively, multi-word too) without opting out; other text is only forwarded', async () => {
    const { sms, accountId } = fx.account();
    const phone = await requestNumber(sms);
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'PRICE LIST', KeywordMessage: 'See example.com/prices' }));
    const help = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550401', body: '  help me please' });
    expect(help.body).toMatchObject({ keyword: 'HELP', action: 'AUTOMATIC_RESPONSE', optedOut: false, reply: { body: HELP_REPLY, destination: '+12065550401' } });
    expect(help.body.forwardedTo).toBeUndefined();
    const price = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberArn, from: '+12065550401', body: 'price list?' });
    expect(price.body).toMatchObject({ keyword: 'PRICE LIST', action: 'AUTOMATIC_RESPONSE', reply: { body: 'See example.com/prices', keyword: 'PRICE LIST' } });
    const chat = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550401', body: 'Thanks, see you soon' });
    expect(chat.body).toMatchObject({ action: 'NONE', optedOut: false });
    expect(chat.body.keyword).toBeUndefined();
    expect(chat.body.reply).toBeUndefined();
    expect((await outbox(fx, { accountId })).map((m) => m.body)).toEqual([HELP_REPLY, 'See example.com/prices']);
    expect(await optedOut(sms)).toEqual([]);
  });

  it('treats the other opt-out words as STOP, runs custom OPT_OUT and OPT_IN keywords, and uses the customised STOP reply', async () => {
    const { sms, accountId } = fx.account();
    await goProduction(fx, accountId);
    const phone = await requestNumber(sms);
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'STOP', KeywordMessage: 'Bye from AnyCompany.' }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'LEAVE', KeywordMessage: 'You left.', KeywordAction: 'OPT_OUT' }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'JOIN', KeywordMessage: 'Welcome back.', KeywordAction: 'OPT_IN' }));

    const cancel = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550402', body: 'cancel!' });
    expect(cancel.body).toMatchObject({ keyword: 'CANCEL', action: 'OPT_OUT', optedOut: true, reply: { body: 'Bye from AnyCompany.', keyword: 'STOP' } });
    const leave = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550403', body: 'LEAVE' });
    expect(leave.body).toMatchObject({ keyword: 'LEAVE', action: 'OPT_OUT', optedOut: true, reply: { body: 'You left.' } });
    expect((await optedOut(sms))?.map((n) => n.OptedOutNumber)).toEqual(['+12065550402', '+12065550403']);

    const join = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550402', body: 'Join' });
    expect(join.body).toMatchObject({ keyword: 'JOIN', action: 'OPT_IN', optedOut: false, reply: { body: 'Welcome back.' } });
    expect((await optedOut(sms))?.map((n) => n.OptedOutNumber)).toEqual(['+12065550403']);
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550402', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'Glad to have you back' }));
  });

  it('with self-managed opt-outs, HELP and STOP are left to the sender; custom keywords still answer', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId, SelfManagedOptOutsEnabled: true }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'HOURS', KeywordMessage: 'Open 9-5.' }));
    const stop = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550404', body: 'STOP' });
    expect(stop.body).toMatchObject({ keyword: 'STOP', action: 'NONE', selfManagedOptOuts: true, optedOut: false });
    expect(stop.body.reply).toBeUndefined();
    const hours = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550404', body: 'hours' });
    expect(hours.body).toMatchObject({ action: 'AUTOMATIC_RESPONSE', reply: { body: 'Open 9-5.' } });
    expect(await optedOut(sms)).toEqual([]);
  });

  it('a pool receives through a member number; the number\'s own keywords come before the pool\'s', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberId, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
    const second = await requestNumber(sms);
    await sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: second.PhoneNumberId, IsoCountryCode: 'US' }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: pool.PoolId, Keyword: 'INFO', KeywordMessage: 'Pool info.' }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: second.PhoneNumberId, Keyword: 'INFO', KeywordMessage: 'Second number info.' }));

    const viaPool = await admin(fx, 'POST', 'inbound', { originationIdentity: pool.PoolArn, from: '+12065550405', body: 'INFO' });
    expect(viaPool.body).toMatchObject({ originationIdentity: pool.PoolId, phoneNumber: phone.PhoneNumber, reply: { body: 'Pool info.', origination: phone.PhoneNumber, details: { poolId: pool.PoolId } } });
    const viaFirst = await admin(fx, 'POST', 'inbound', { originationIdentity: phone.PhoneNumberId, from: '+12065550405', body: 'INFO' });
    expect(viaFirst.body.reply.body).toBe('Pool info.');
    const viaSecond = await admin(fx, 'POST', 'inbound', { originationIdentity: second.PhoneNumberId, from: '+12065550405', body: 'INFO' });
    expect(viaSecond.body).toMatchObject({ phoneNumber: second.PhoneNumber, reply: { body: 'Second number info.', origination: second.PhoneNumber } });
  });

  it('states the contract for bad input, unknown and ambiguous identities, and numbers that cannot receive text', async () => {
    const a = fx.account();
    const b = fx.account();
    const phoneA = await requestNumber(a.sms);
    const phoneB = await requestNumber(b.sms);
    // Numbers are allocated the same way in every account, so the number alone can be ambiguous.
    expect(phoneA.PhoneNumber).toBe(phoneB.PhoneNumber);
    const ambiguous = await admin(fx, 'POST', 'inbound', { originationIdentity: phoneA.PhoneNumber, from: '+12065550406', body: 'HELP' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.message).toMatch(new RegExp(`^phone number or pool "\\${phoneA.PhoneNumber}" exists in several accounts/regions \\(.*${a.accountId}/us-east-1.*${b.accountId}/us-east-1.*\\); give accountId and region\\.$`));
    const narrowed = await admin(fx, 'POST', 'inbound', { originationIdentity: phoneA.PhoneNumber, from: '+12065550406', body: 'HELP', accountId: b.accountId, region: 'us-east-1' });
    expect(narrowed.body).toMatchObject({ accountId: b.accountId, originationIdentity: phoneB.PhoneNumberId });

    expect(await admin(fx, 'POST', 'inbound', { originationIdentity: 'phone-00000000000000000000000000000000', from: '+12065550406', body: 'HELP' })).toEqual({
      status: 404,
      body: { message: 'No phone number or pool "phone-00000000000000000000000000000000" in any account or region.' },
    });
    expect(await admin(fx, 'POST', 'inbound', { originationIdentity: phoneA.PhoneNumberId, from: '2065550406', body: 'HELP' })).toEqual({
      status: 400,
      body: { message: 'from must be an E.164 phone number like +12065550100; got "2065550406"' },
    });
    expect(await admin(fx, 'POST', 'inbound', { originationIdentity: phoneA.PhoneNumberId, from: '+12065550406' })).toEqual({ status: 400, body: { message: 'body must be a non-empty string; got nothing' } });
    expect(await admin(fx, 'POST', 'inbound', { originationIdentity: phoneA.PhoneNumberId, from: '+12065550406', body: 'x', to: 'y' })).toEqual({
      status: 400,
      body: { message: 'Unknown field(s) "to"; fields: originationIdentity, from, body, accountId, region' },
    });
    expect((await admin(fx, 'POST', 'inbound', 'not json')).status).toBe(400);
    expect((await admin(fx, 'GET', 'inbound')).status).toBe(405);

    const voiceOnly = await requestNumber(a.sms, { NumberCapabilities: ['VOICE'] });
    expect(await admin(fx, 'POST', 'inbound', { originationIdentity: voiceOnly.PhoneNumberId, from: '+12065550406', body: 'HELP' })).toEqual({
      status: 409,
      body: { message: `Phone number ${voiceOnly.PhoneNumberId} has capabilities VOICE; it can't receive text messages.` },
    });
  });
});
