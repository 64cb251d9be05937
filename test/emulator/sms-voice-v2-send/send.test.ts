import {
  AssociateOriginationIdentityCommand,
  ConflictException,
  CreateConfigurationSetCommand,
  CreateEventDestinationCommand,
  CreatePoolCommand,
  PutOptedOutNumberCommand,
  RequestSenderIdCommand,
  ResourceNotFoundException,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  UpdateEventDestinationCommand,
  UpdatePhoneNumberCommand,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin, goProduction, outbox, requestNumber, verifyDestination } from './helpers';

// SendTextMessage and SendVoiceMessage over the real client: what lands in the outbox (identity,
// price, parts, events, message type, TTL), how pools and sender IDs pick the sender, DryRun,
// and every refusal (unknown or incapable identity, sandbox, opt-out, price, international).

const NOW = '2025-04-10T08:30:00.000Z';
let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture();
  expect((await admin(fx, 'POST', 'clock', { set: NOW })).status).toBe(200);
});
afterAll(() => fx.close());

/** A production account with one US toll-free number (SMS and voice). */
async function productionAccount() {
  const account = fx.account();
  await goProduction(fx, account.accountId);
  const phone = await requestNumber(account.sms);
  return { ...account, phone };
}

describe('SendTextMessage', () => {
  it('delivers to the outbox with the MessageId, the identity, the price and the request details', async () => {
    const { sms, accountId, phone } = await productionAccount();
    const sent = await sms.send(
      new SendTextMessageCommand({
        DestinationPhoneNumber: '+12065550100',
        OriginationIdentity: phone.PhoneNumberId,
        MessageBody: 'Your order has shipped.',
        Keyword: 'ORDERS',
        Context: { orderId: '42' },
        TimeToLive: 600,
        DestinationCountryParameters: { IN_ENTITY_ID: 'e1' },
      }),
    );
    expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await outbox(fx, { accountId })).toEqual([
      {
        messageId: sent.MessageId,
        service: 'sms-voice-v2',
        channel: 'SMS',
        origination: phone.PhoneNumber,
        destination: '+12065550100',
        body: 'Your order has shipped.',
        messageType: 'TRANSACTIONAL',
        keyword: 'ORDERS',
        context: { orderId: '42' },
        accountId,
        region: 'us-east-1',
        sentAt: NOW,
        events: [],
        details: {
          kind: 'message',
          originationIdentityId: phone.PhoneNumberId,
          originationIdentityArn: phone.PhoneNumberArn,
          isoCountryCode: 'US',
          parts: 1,
          encoding: 'GSM7',
          priceUsd: '0.00581',
          timeToLiveSeconds: 600,
          expiresAt: '2025-04-10T08:40:00.000Z',
          destinationCountryParameters: { IN_ENTITY_ID: 'e1' },
        },
      },
    ]);
  });

  it('accepts the number itself or its ARN as the identity, counts parts by encoding, and defaults the TTL to 72 hours', async () => {
    const { sms, accountId, phone } = await productionAccount();
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550101', OriginationIdentity: phone.PhoneNumber, MessageBody: 'x'.repeat(161) }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550101', OriginationIdentity: phone.PhoneNumberArn, MessageBody: 'Grüße 👋' }));
    const [long, unicode] = await outbox(fx, { accountId });
    expect(long.details).toMatchObject({ parts: 2, encoding: 'GSM7', priceUsd: '0.01162', timeToLiveSeconds: 259200, expiresAt: '2025-04-13T08:30:00.000Z' });
    expect(unicode.details).toMatchObject({ parts: 1, encoding: 'UCS2', priceUsd: '0.00581' });
    expect(unicode.origination).toBe(phone.PhoneNumber);
  });

  it('from a pool, picks a member in the destination country and records the pool', async () => {
    const { sms, accountId, phone } = await productionAccount();
    const gb = await requestNumber(sms, { IsoCountryCode: 'GB', NumberType: 'LONG_CODE', NumberCapabilities: ['SMS'] });
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberId, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
    await sms.send(new AssociateOriginationIdentityCommand({ PoolId: pool.PoolId, OriginationIdentity: gb.PhoneNumberId, IsoCountryCode: 'GB' }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900777', OriginationIdentity: pool.PoolArn, MessageBody: 'Hello UK' }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550102', OriginationIdentity: pool.PoolId, MessageBody: 'Hello US' }));
    const [uk, us] = await outbox(fx, { accountId });
    expect(uk).toMatchObject({ origination: gb.PhoneNumber, details: { poolId: pool.PoolId, originationIdentityId: gb.PhoneNumberId, isoCountryCode: 'GB', priceUsd: '0.03950' } });
    expect(us).toMatchObject({ origination: phone.PhoneNumber, details: { poolId: pool.PoolId, originationIdentityId: phone.PhoneNumberId } });

    const voiceOnly = await rejectionOf(sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+447700900777', OriginationIdentity: pool.PoolId, MessageBody: 'Hi' })));
    expect(voiceOnly).toBeInstanceOf(ConflictException);
    expect(voiceOnly).toMatchObject({ Reason: 'NO_ORIGINATION_IDENTITIES_FOUND', ResourceType: 'pool', ResourceId: pool.PoolId });
  });

  it('sends from a sender ID only to its own country', async () => {
    const { sms, accountId } = await productionAccount();
    const sender = await sms.send(new RequestSenderIdCommand({ SenderId: 'ACMEUK', IsoCountryCode: 'GB' }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900123', OriginationIdentity: 'ACMEUK', MessageBody: 'Hi' }));
    const [message] = await outbox(fx, { accountId, origination: 'ACMEUK' });
    expect(message).toMatchObject({ destination: '+447700900123', messageType: 'TRANSACTIONAL', details: { originationIdentityId: 'ACMEUK', originationIdentityArn: sender.SenderIdArn } });

    const abroad = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550103', OriginationIdentity: sender.SenderIdArn, MessageBody: 'Hi' })));
    expect(abroad).toBeInstanceOf(ValidationException);
    expect(abroad).toMatchObject({ Reason: 'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY', message: 'Sender ID ACMEUK is registered for GB; it can\'t send to US.' });
  });

  it('applies the configuration set: its default message type and sender ID, and one event per matching enabled destination', async () => {
    const { sms, accountId, phone } = await productionAccount();
    await sms.send(new CreateConfigurationSetCommand({ ConfigurationSetName: 'cs' }));
    await sms.send(new CreateEventDestinationCommand({ ConfigurationSetName: 'cs', EventDestinationName: 'sns', MatchingEventTypes: ['TEXT_DELIVERED'], SnsDestination: { TopicArn: `arn:aws:sns:us-east-1:${accountId}:events` } }));
    await sms.send(
      new CreateEventDestinationCommand({
        ConfigurationSetName: 'cs',
        EventDestinationName: 'logs',
        MatchingEventTypes: ['ALL'],
        CloudWatchLogsDestination: { IamRoleArn: `arn:aws:iam::${accountId}:role/logs`, LogGroupArn: `arn:aws:logs:us-east-1:${accountId}:log-group:sms` },
      }),
    );
    await sms.send(
      new CreateEventDestinationCommand({
        ConfigurationSetName: 'cs',
        EventDestinationName: 'off',
        MatchingEventTypes: ['TEXT_ALL'],
        KinesisFirehoseDestination: { IamRoleArn: `arn:aws:iam::${accountId}:role/fh`, DeliveryStreamArn: `arn:aws:firehose:us-east-1:${accountId}:deliverystream/sms` },
      }),
    );
    await sms.send(new UpdateEventDestinationCommand({ ConfigurationSetName: 'cs', EventDestinationName: 'off', Enabled: false }));
    await sms.send(new SetDefaultMessageTypeCommand({ ConfigurationSetName: 'cs', MessageType: 'PROMOTIONAL' }));

    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550104', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'Sale!', ConfigurationSetName: 'cs' }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550104', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'Receipt', ConfigurationSetName: 'cs', MessageType: 'TRANSACTIONAL' }));
    const [sale, receipt] = await outbox(fx, { accountId });
    expect(sale).toMatchObject({ configurationSet: 'cs', messageType: 'PROMOTIONAL' });
    expect(sale.events).toEqual([
      { eventType: 'TEXT_DELIVERED', destinationName: 'sns', destinationType: 'SNS', destinationArn: `arn:aws:sns:us-east-1:${accountId}:events` },
      { eventType: 'TEXT_SUCCESSFUL', destinationName: 'logs', destinationType: 'CLOUDWATCH_LOGS', destinationArn: `arn:aws:logs:us-east-1:${accountId}:log-group:sms` },
      { eventType: 'TEXT_DELIVERED', destinationName: 'logs', destinationType: 'CLOUDWATCH_LOGS', destinationArn: `arn:aws:logs:us-east-1:${accountId}:log-group:sms` },
    ]);
    expect(receipt.messageType).toBe('TRANSACTIONAL');

    // Without an OriginationIdentity, the set's default sender ID in the destination country goes first.
    await sms.send(new RequestSenderIdCommand({ SenderId: 'ACMEDE', IsoCountryCode: 'DE' }));
    await sms.send(new SetDefaultSenderIdCommand({ ConfigurationSetName: 'cs', SenderId: 'ACMEDE' }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+4915550001234', MessageBody: 'Hallo', ConfigurationSetName: 'cs' }));
    expect((await outbox(fx, { accountId, destination: '+4915550001234' }))[0].origination).toBe('ACMEDE');

    const noSet = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550104', MessageBody: 'x', ConfigurationSetName: 'nope' })));
    expect(noSet).toBeInstanceOf(ResourceNotFoundException);
    expect(noSet).toMatchObject({ ResourceType: 'configuration-set', ResourceId: 'nope' });
  });

  it('DryRun checks everything, answers a MessageId, and neither delivers nor charges', async () => {
    const { sms, accountId, phone } = await productionAccount();
    const dry = await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550105', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'test', DryRun: true }));
    expect(dry.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await outbox(fx, { accountId })).toEqual([]);
    expect((await admin(fx, 'GET', `sms-voice-v2/account?accountId=${accountId}`)).body.monthlySpend).toEqual({});
    const refused = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550105', OriginationIdentity: 'phone-00000000000000000000000000000000', MessageBody: 'x', DryRun: true })));
    expect(refused).toBeInstanceOf(ResourceNotFoundException);
  });

  it('picks the account\'s own capable number when no identity is given, and says so when there is none', async () => {
    const { sms, accountId, phone } = await productionAccount();
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550106', MessageBody: 'auto' }));
    expect((await outbox(fx, { accountId }))[0].origination).toBe(phone.PhoneNumber);

    const empty = fx.account();
    await goProduction(fx, empty.accountId);
    const none = await rejectionOf(empty.sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550106', MessageBody: 'auto' })));
    expect(none).toBeInstanceOf(ConflictException);
    expect(none).toMatchObject({ Reason: 'NO_ORIGINATION_IDENTITIES_FOUND', ResourceType: 'account', ResourceId: empty.accountId });
  });

  it('refuses unknown identities, missing capabilities, international sends, MaxPrice overruns, a missing body and protect configurations', async () => {
    const { sms, phone } = await productionAccount();
    const unknownNumber = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: '+18005550000', MessageBody: 'x' })));
    expect(unknownNumber).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'phone-number', ResourceId: '+18005550000' });
    const unknownSender = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: 'NOBODY', MessageBody: 'x' })));
    expect(unknownSender).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id', ResourceId: 'NOBODY' });

    const voiceOnly = await requestNumber(sms, { NumberCapabilities: ['VOICE'] });
    const noSms = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: voiceOnly.PhoneNumberId, MessageBody: 'x' })));
    expect(noSms).toBeInstanceOf(ConflictException);
    expect(noSms).toMatchObject({ Reason: 'NUMBER_CAPABILITIES_MISMATCH', ResourceType: 'phone-number', ResourceId: voiceOnly.PhoneNumberId, message: `Phone number ${voiceOnly.PhoneNumberId} has capabilities VOICE; it can't send SMS.` });

    const abroad = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900124', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' })));
    expect(abroad).toBeInstanceOf(ValidationException);
    expect(abroad).toMatchObject({ Reason: 'INTERNATIONAL_SENDING_NOT_SUPPORTED', message: `Phone number ${phone.PhoneNumberId} (US) can't send to GB: international sending is not enabled on it.` });
    // A US number reaches Canada without international sending (one numbering plan).
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+16045550123', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' }));
    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId, InternationalSendingEnabled: true }));
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900124', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' }));

    const price = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x', MaxPrice: '0.005' })));
    expect(price).toBeInstanceOf(ValidationException);
    expect(price).toMatchObject({ Reason: 'PRICE_OVER_THRESHOLD', Fields: [{ Name: 'MaxPrice', Message: 'A message part to US costs USD 0.00581, more than MaxPrice 0.005.' }] });
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x', MaxPrice: '0.00581' }));

    const noBody = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: phone.PhoneNumberId })));
    expect(noBody).toMatchObject({ name: 'ValidationException', Reason: 'MISSING_PARAMETER', Fields: [{ Name: 'MessageBody' }] });
    const protect = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550107', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x', ProtectConfigurationId: 'protect-1' })));
    expect(protect).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'protect-configuration', ResourceId: 'protect-1' });
    const badDestination = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '12065550107', MessageBody: 'x' })));
    expect(badDestination).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER', Fields: [{ Name: 'DestinationPhoneNumber' }] });
  });

  it('refuses a destination in the identity\'s opt-out list', async () => {
    const { sms, phone } = await productionAccount();
    await sms.send(new PutOptedOutNumberCommand({ OptOutListName: 'Default', OptedOutNumber: '+12065550108' }));
    const optedOut = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550108', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' })));
    expect(optedOut).toBeInstanceOf(ConflictException);
    expect(optedOut).toMatchObject({
      Reason: 'DESTINATION_PHONE_NUMBER_OPTED_OUT',
      ResourceType: 'opted-out-number',
      ResourceId: '+12065550108',
      message: `+12065550108 is opted out in opt-out list Default, which ${phone.PhoneNumber} uses.`,
    });
  });

  it('in the sandbox, sends only to verified destination numbers', async () => {
    const { sms, accountId } = fx.account();
    const phone = await requestNumber(sms);
    const unverified = await rejectionOf(sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550109', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' })));
    expect(unverified).toBeInstanceOf(ConflictException);
    expect(unverified).toMatchObject({
      Reason: 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED',
      ResourceType: 'verified-destination-number',
      ResourceId: '+12065550109',
      message: 'The account is in the SMS sandbox and +12065550109 is not a verified destination number; create and verify it first.',
    });
    await verifyDestination(fx, sms, accountId, '+12065550109');
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550109', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'now it works' }));
    await sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550109', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'and calls too' }));
    expect((await outbox(fx, { accountId, origination: phone.PhoneNumber! })).map((m) => m.body)).toEqual(['now it works', 'and calls too']);
  });
});

describe('SendVoiceMessage', () => {
  it('delivers a call to the outbox with the voice, the text type, the minutes and the price', async () => {
    const { sms, accountId, phone } = await productionAccount();
    const sent = await sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550110', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'Your code is 1 2 3.', Context: { a: 'b' } }));
    const words = Array.from({ length: 151 }, (_, i) => `w${i}`).join(' ');
    const abroad = await rejectionOf(sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+447700900125', OriginationIdentity: phone.PhoneNumber, MessageBody: 'Hello' })));
    expect(abroad).toMatchObject({ name: 'ValidationException', Reason: 'INTERNATIONAL_SENDING_NOT_SUPPORTED' });
    await sms.send(new UpdatePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId, InternationalSendingEnabled: true }));
    await sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+447700900125', OriginationIdentity: phone.PhoneNumber, MessageBody: `<speak>${words}</speak>`, MessageBodyTextType: 'SSML', VoiceId: 'AMY' }));
    const [call, ssml] = await outbox(fx, { accountId, channel: 'VOICE' });
    expect(call).toEqual({
      messageId: sent.MessageId,
      service: 'sms-voice-v2',
      channel: 'VOICE',
      origination: phone.PhoneNumber,
      destination: '+12065550110',
      body: 'Your code is 1 2 3.',
      context: { a: 'b' },
      accountId,
      region: 'us-east-1',
      sentAt: NOW,
      events: [],
      details: {
        kind: 'message',
        originationIdentityId: phone.PhoneNumberId,
        originationIdentityArn: phone.PhoneNumberArn,
        isoCountryCode: 'US',
        voiceId: 'MATTHEW',
        messageBodyTextType: 'TEXT',
        minutes: 1,
        priceUsd: '0.01300',
        timeToLiveSeconds: 259200,
        expiresAt: '2025-04-13T08:30:00.000Z',
      },
    });
    expect(ssml.details).toMatchObject({ voiceId: 'AMY', messageBodyTextType: 'SSML', minutes: 2, priceUsd: '0.06000', isoCountryCode: 'GB' });
  });

  it('refuses sender IDs, numbers without VOICE, malformed SSML, an over-long TEXT body and MaxPricePerMinute overruns', async () => {
    const { sms, phone } = await productionAccount();
    await sms.send(new RequestSenderIdCommand({ SenderId: 'ACMEVOX', IsoCountryCode: 'GB' }));
    const smsOnly = await requestNumber(sms, { NumberCapabilities: ['SMS'] });
    const cases: [string, Promise<unknown>, Record<string, unknown>][] = [
      ['sender ID', sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+447700900126', OriginationIdentity: 'ACMEVOX', MessageBody: 'x' })), { Reason: 'VOICE_CAPABILITY_NOT_AVAILABLE' }],
      ['SMS-only number', sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550111', OriginationIdentity: smsOnly.PhoneNumberId, MessageBody: 'x' })), { Reason: 'VOICE_CAPABILITY_NOT_AVAILABLE', Fields: [{ Name: 'OriginationIdentity' }] }],
      ['bad SSML', sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550111', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'plain', MessageBodyTextType: 'SSML' })), { Reason: 'INVALID_PARAMETER', message: 'An SSML voice message must be one <speak>…</speak> document.' }],
      ['long TEXT', sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550111', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'a'.repeat(3001) })), { Reason: 'INVALID_PARAMETER', message: 'A TEXT voice message is at most 3000 characters; this one has 3001.' }],
      ['price', sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550111', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x', MaxPricePerMinute: '0.01' })), { Reason: 'PRICE_OVER_THRESHOLD', Fields: [{ Name: 'MaxPricePerMinute' }] }],
    ];
    for (const [name, call, expected] of cases) {
      const error = await rejectionOf(call);
      expect([name, error.name]).toEqual([name, 'ValidationException']);
      expect(error).toMatchObject(expected);
    }
  });
});
