import {
  BadRequestException,
  CreateSmsTemplateCommand,
  GetApplicationDateRangeKpiCommand,
  NotFoundException,
  SendMessagesCommand,
  SendUsersMessagesCommand,
  UpdateSmsChannelCommand,
  type AddressConfiguration,
  type MessageRequest,
} from '@aws-sdk/client-pinpoint';
import { emailEndpoint, startDeliveryKit, type DeliveryKit } from './kit';

// Direct sending over HTTP: SendMessages to addresses and endpoint IDs on each channel, with
// per-recipient overrides and results, and SendUsersMessages to every endpoint of each user.
// Messages land in the outbox at once and move the transactional KPIs.

const T0 = '2025-11-03T09:00:00.000Z';
let kit: DeliveryKit;
beforeAll(async () => {
  kit = await startDeliveryKit(T0);
});
afterAll(() => kit.close());

async function send(appId: string, request: MessageRequest) {
  const out = await kit.pinpoint.send(new SendMessagesCommand({ ApplicationId: appId, MessageRequest: request }));
  return { response: out.MessageResponse!, requestId: out.$metadata.requestId };
}

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

const sent = (messageId: string | undefined) => ({ DeliveryStatus: 'SUCCESSFUL', StatusCode: 200, StatusMessage: `MessageId: ${messageId}`, MessageId: messageId });

describe('SendMessages', () => {
  it('sends to addresses on each channel, each with its own result, and records transactional events', async () => {
    const appId = await kit.newApp('direct');
    const addresses: Record<string, AddressConfiguration> = {
      'ann@example.com': { ChannelType: 'EMAIL' },
      '+12065550123': { ChannelType: 'SMS', Substitutions: { code: ['4321'] }, Context: { order: '77' } },
      'fcm-token-1': { ChannelType: 'GCM', TitleOverride: 'Ping' },
      '+12065550124': { ChannelType: 'VOICE' },
      'no-channel@example.com': {},
      'custom-target': { ChannelType: 'CUSTOM' },
    };
    const { response, requestId } = await send(appId, {
      Addresses: addresses,
      Context: { source: 'test' },
      MessageConfiguration: {
        EmailMessage: { FromAddress: 'support@shop.example.com', SimpleEmail: { Subject: { Data: 'Receipt' }, TextPart: { Data: 'Thanks!' }, HtmlPart: { Data: '<p>Thanks!</p>' } } },
        SMSMessage: { Body: 'Your code is {{code}}', MessageType: 'TRANSACTIONAL', OriginationNumber: '+12065550100' },
        GCMMessage: { Title: 'Hello', Body: 'Push body' },
        VoiceMessage: { Body: 'Your code is one two three', OriginationNumber: '+12065550101' },
      },
    });
    const outbox = await kit.outbox();
    const byDestination = new Map(outbox.map((m) => [m.destination, m]));
    expect(response).toEqual({
      ApplicationId: appId,
      RequestId: requestId,
      Result: {
        'ann@example.com': sent(byDestination.get('ann@example.com')?.messageId),
        '+12065550123': sent(byDestination.get('+12065550123')?.messageId),
        'fcm-token-1': sent(byDestination.get('fcm-token-1')?.messageId),
        '+12065550124': sent(byDestination.get('+12065550124')?.messageId),
        'no-channel@example.com': { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: "ChannelType is required to send to 'no-channel@example.com'" },
        'custom-target': {
          DeliveryStatus: 'PERMANENT_FAILURE',
          StatusCode: 400,
          StatusMessage: 'The message has no content for the CUSTOM channel: set its channel message, a template of its type, or DefaultMessage.Body',
        },
      },
    });
    expect(outbox.map((m) => [m.channel, m.destination, m.origination, m.body, m.details?.title, m.context])).toEqual([
      ['EMAIL', 'ann@example.com', 'support@shop.example.com', 'Thanks!', 'Receipt', { source: 'test' }],
      ['SMS', '+12065550123', '+12065550100', 'Your code is 4321', undefined, { source: 'test', order: '77' }],
      ['PUSH', 'fcm-token-1', '', 'Push body', 'Ping', { source: 'test' }],
      ['VOICE', '+12065550124', '+12065550101', 'Your code is one two three', undefined, { source: 'test' }],
    ]);
    expect(byDestination.get('ann@example.com')).toMatchObject({ sentAt: T0, details: { kind: 'direct', htmlBody: '<p>Thanks!</p>', requestId } });

    const kpi = async (name: string) => (await kit.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: name }))).ApplicationDateRangeKpiResponse!.KpiResult!.Rows;
    expect(await kpi('txn-emails-sent')).toEqual([{ Values: [{ Key: 'TxnEmailsSent', Type: 'Double', Value: '1.0' }] }]);
    expect(await kpi('txn-sms-delivered')).toEqual([{ Values: [{ Key: 'TxnSmsDelivered', Type: 'Double', Value: '1.0' }] }]);
  });

  it('sends to endpoint IDs with their attributes, per-endpoint overrides, and results that report the address', async () => {
    const appId = await kit.newApp('endpoints');
    await kit.putEndpoints(appId, [
      emailEndpoint('e-ann', { Attributes: { name: ['Ann'] } }),
      emailEndpoint('e-ben', { Attributes: { name: ['Ben'] } }),
      emailEndpoint('e-out', { Attributes: { name: ['Olga'] }, OptOut: 'ALL' }),
      emailEndpoint('e-off', { EndpointStatus: 'INACTIVE' }),
      { Id: 'e-raw', ChannelType: 'APNS', Address: 'apns-raw' },
      { Id: 'e-anon', ChannelType: 'APNS' },
    ]);
    const { response } = await send(appId, {
      Addresses: { 'e-ben@example.com': { ChannelType: 'EMAIL' } },
      Endpoints: {
        'e-ann': {},
        'E-BEN': {},
        'e-out': { TitleOverride: 'Override', BodyOverride: 'Bye {{Attributes.name}}' },
        'e-off': {},
        'e-raw': { RawContent: '{"aps":{"alert":"{{raw}}"}}' },
        'e-anon': {},
        'e-missing': {},
      },
      MessageConfiguration: { DefaultMessage: { Body: 'Hello {{Attributes.name}}' }, EmailMessage: { Body: 'Dear {{Attributes.name}}', FromAddress: 'hi@example.com' } },
    });
    const outbox = (await kit.outbox()).filter((m) => m.details?.applicationId === appId);
    const idOf = (endpointId: string) => outbox.find((m) => m.details?.endpointId === endpointId)?.messageId;
    expect(response.EndpointResult).toEqual({
      'e-ann': { Address: 'e-ann@example.com', ...sent(idOf('e-ann')) },
      'E-BEN': { Address: 'e-ben@example.com', DeliveryStatus: 'DUPLICATE', StatusCode: 400, StatusMessage: "The EMAIL address 'e-ben@example.com' already got this message" },
      'e-out': { Address: 'e-out@example.com', ...sent(idOf('e-out')) },
      'e-off': { Address: 'e-off@example.com', DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: "Endpoint 'e-off' is INACTIVE: messages aren't sent to it" },
      'e-raw': { Address: 'apns-raw', ...sent(idOf('e-raw')) },
      'e-anon': { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: "Endpoint 'e-anon' has no address" },
      'e-missing': { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 404, StatusMessage: "Endpoint 'e-missing' does not exist" },
    });
    expect(outbox.map((m) => [m.details?.endpointId ?? m.destination, m.body, m.details?.title])).toEqual([
      ['e-ben@example.com', 'Dear ', undefined],
      ['e-ann', 'Dear Ann', undefined],
      // Seed 002: "The SendMessages API does not honor the endpoint OPT_OUT status".
      ['e-out', 'Bye Olga', 'Override'],
      ['e-raw', '{"aps":{"alert":"{{raw}}"}}', undefined],
    ]);
  });

  it('renders a template named in TemplateConfiguration and reports a disabled channel per recipient', async () => {
    const appId = await kit.newApp('templated');
    const name = `otp-notice-${Date.now()}`;
    await kit.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: name, SMSTemplateRequest: { Body: '{{Brand}}: order {{order}} shipped', DefaultSubstitutions: '{"Brand":"Shop"}' } }));
    const request: MessageRequest = {
      Addresses: { '+12065550130': { ChannelType: 'SMS', Substitutions: { order: ['A-1'] } } },
      MessageConfiguration: { SMSMessage: { SenderId: 'SHOP' } },
      TemplateConfiguration: { SMSTemplate: { Name: name } },
    };
    const first = await send(appId, request);
    expect(first.response.Result!['+12065550130'].DeliveryStatus).toBe('SUCCESSFUL');
    expect((await kit.outbox({ destination: '+12065550130' })).map((m) => [m.origination, m.body])).toEqual([['SHOP', 'Shop: order A-1 shipped']]);

    await kit.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { Enabled: false } }));
    const second = await send(appId, request);
    expect(second.response.Result).toEqual({ '+12065550130': { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: `The SMS channel of application '${appId}' is disabled` } });
    expect(await kit.outbox({ destination: '+12065550130' })).toHaveLength(1);
  });

  it('rejects requests without recipients or with more than 100', async () => {
    const appId = await kit.newApp('limits');
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`u${i}@example.com`, { ChannelType: 'EMAIL' as const }]));
    const tooMany = await errorOf(send(appId, { Addresses: many, MessageConfiguration: { DefaultMessage: { Body: 'x' } } }));
    expect(tooMany).toBeInstanceOf(BadRequestException);
    expect(tooMany.message).toBe('A direct message can go to at most 100 recipients (Addresses plus Endpoints); got 101');
    const none = await errorOf(send(appId, { MessageConfiguration: { DefaultMessage: { Body: 'x' } } }));
    expect(none).toBeInstanceOf(BadRequestException);
    expect(none.message).toBe('MessageRequest must name at least one recipient in Addresses or Endpoints');
    expect(await errorOf(send('no-such-app', { Addresses: { 'a@example.com': { ChannelType: 'EMAIL' } }, MessageConfiguration: {} }))).toBeInstanceOf(NotFoundException);
  });
});

describe('SendUsersMessages', () => {
  it("sends to every endpoint of each user, with the user's overrides; an unknown user has no results", async () => {
    const appId = await kit.newApp('users');
    const user = (userId: string, name: string) => ({ User: { UserId: userId, UserAttributes: { name: [name] } } });
    await kit.putEndpoints(appId, [
      emailEndpoint('kim-mail', user('kim', 'Kim')),
      { Id: 'kim-sms', ChannelType: 'SMS', Address: '+447700900123', ...user('kim', 'Kim') },
      emailEndpoint('lee-mail', user('lee', 'Lee')),
    ]);
    const out = await kit.pinpoint.send(
      new SendUsersMessagesCommand({
        ApplicationId: appId,
        SendUsersMessageRequest: {
          Users: { kim: {}, lee: { BodyOverride: 'Hey {{User.UserAttributes.name}}!' }, nobody: {} },
          Context: { campaign: 'none' },
          MessageConfiguration: { DefaultMessage: { Body: 'Hi {{User.UserAttributes.name}}' } },
        },
      }),
    );
    const outbox = (await kit.outbox()).filter((m) => m.details?.applicationId === appId);
    const idOf = (endpointId: string) => outbox.find((m) => m.details?.endpointId === endpointId)?.messageId;
    expect(out.SendUsersMessageResponse).toEqual({
      ApplicationId: appId,
      RequestId: out.$metadata.requestId,
      Result: {
        kim: { 'kim-mail': { Address: 'kim-mail@example.com', ...sent(idOf('kim-mail')) }, 'kim-sms': { Address: '+447700900123', ...sent(idOf('kim-sms')) } },
        lee: { 'lee-mail': { Address: 'lee-mail@example.com', ...sent(idOf('lee-mail')) } },
        nobody: {},
      },
    });
    expect(outbox.map((m) => [m.details?.endpointId, m.channel, m.body, m.details?.kind, m.context])).toEqual([
      ['kim-mail', 'EMAIL', 'Hi Kim', 'users', { campaign: 'none' }],
      ['kim-sms', 'SMS', 'Hi Kim', 'users', { campaign: 'none' }],
      ['lee-mail', 'EMAIL', 'Hey Lee!', 'users', { campaign: 'none' }],
    ]);
    expect(outbox[1].details).toMatchObject({ isoCountryCode: 'GB', messageParts: 1, priceMicroUsd: 39_500 });
  });
});
