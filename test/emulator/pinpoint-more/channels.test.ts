import * as sdk from '@aws-sdk/client-pinpoint';
import {
  BadRequestException,
  CreateAppCommand,
  DeleteAppCommand,
  DeleteSmsChannelCommand,
  GetApnsChannelCommand,
  GetChannelsCommand,
  GetSmsChannelCommand,
  NotFoundException,
  UpdateApnsChannelCommand,
  UpdateEmailChannelCommand,
  UpdateSmsChannelCommand,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// The Channels resource and the ten channel resources over HTTP: create/update/delete round
// trips with versions and dates, the app's channel list, NotFoundException for unconfigured
// channels and unknown apps, no secret ever echoed, and the per-type checks.

let now = new Date('2025-04-01T09:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'channels' } }))).ApplicationResponse!.Id!;
}

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

/** Sends `<verb><op>Channel` by name (the ten channel types share one shape of test). */
function send(verb: 'Get' | 'Update' | 'Delete', op: string, input: Record<string, unknown>): Promise<any> {
  const Command = (sdk as unknown as Record<string, new (input: unknown) => any>)[`${verb}${op}ChannelCommand`];
  return stack.pinpoint.send(new Command(input));
}

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBdemo\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEdemo\n-----END PRIVATE KEY-----';
const SES_DOMAIN = 'arn:aws:ses:us-east-1:123456789012:identity/example.com';

// [type, SDK op infix, payload member, request, channel-specific response members, secrets that must not come back]
const CHANNELS: Array<[string, string, string, Record<string, unknown>, Record<string, unknown>, string[]]> = [
  ['ADM', 'Adm', 'ADMChannel', { ClientId: 'amzn-client', ClientSecret: 'adm-secret' }, {}, ['ClientId', 'ClientSecret']],
  ['APNS', 'Apns', 'APNSChannel', { Certificate: CERT, PrivateKey: KEY }, { DefaultAuthenticationMethod: 'CERTIFICATE', HasTokenKey: false }, ['Certificate', 'PrivateKey']],
  ['APNS_SANDBOX', 'ApnsSandbox', 'APNSSandboxChannel', { TokenKey: KEY, TokenKeyId: 'KEYID12345', TeamId: 'TEAM123456', BundleId: 'com.example.app' }, { DefaultAuthenticationMethod: 'TOKEN', HasTokenKey: true }, ['TokenKey', 'TokenKeyId', 'TeamId', 'BundleId']],
  ['APNS_VOIP', 'ApnsVoip', 'APNSVoipChannel', { Certificate: CERT, PrivateKey: KEY, DefaultAuthenticationMethod: 'CERTIFICATE' }, { DefaultAuthenticationMethod: 'CERTIFICATE', HasTokenKey: false }, ['Certificate', 'PrivateKey']],
  ['APNS_VOIP_SANDBOX', 'ApnsVoipSandbox', 'APNSVoipSandboxChannel', { Certificate: CERT, PrivateKey: KEY }, { DefaultAuthenticationMethod: 'CERTIFICATE', HasTokenKey: false }, ['Certificate', 'PrivateKey']],
  ['BAIDU', 'Baidu', 'BaiduChannel', { ApiKey: 'baidu-api-key', SecretKey: 'baidu-secret' }, { Credential: 'baidu-api-key' }, ['SecretKey', 'ApiKey']],
  ['EMAIL', 'Email', 'EmailChannel', { Identity: SES_DOMAIN, FromAddress: 'news@example.com', ConfigurationSet: 'tracking' }, { Identity: SES_DOMAIN, FromAddress: 'news@example.com', ConfigurationSet: 'tracking', MessagesPerSecond: 1 }, []],
  ['GCM', 'Gcm', 'GCMChannel', { ApiKey: 'fcm-server-key' }, { DefaultAuthenticationMethod: 'KEY', HasFcmServiceCredentials: false }, ['ApiKey', 'Credential']],
  ['SMS', 'Sms', 'SMSChannel', { SenderId: 'MyBrand', ShortCode: '12345' }, { SenderId: 'MyBrand', ShortCode: '12345', PromotionalMessagesPerSecond: 20, TransactionalMessagesPerSecond: 20 }, []],
  ['VOICE', 'Voice', 'VoiceChannel', {}, {}, []],
];

describe.each(CHANNELS)('the %s channel', (type, op, member, request, specific, secrets) => {
  const hasCredential = !['EMAIL', 'SMS', 'VOICE'].includes(type);
  const id = op.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();

  it('is NotFoundException until configured, then Update creates it (Version 1) and Get and Delete return it', async () => {
    const appId = await createApp();
    const missing = await errorOf(send('Get', op, { ApplicationId: appId }));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.message).toBe(`Resource not found: the ${type} channel of application '${appId}' is not configured`);
    expect(await errorOf(send('Delete', op, { ApplicationId: appId }))).toBeInstanceOf(NotFoundException);

    now = new Date('2025-04-01T09:00:00.000Z');
    const created = (await send('Update', op, { ApplicationId: appId, [`${member}Request`]: request }))[`${member}Response`];
    const expected = {
      ApplicationId: appId,
      CreationDate: '2025-04-01T09:00:00.000Z',
      Enabled: true,
      HasCredential: hasCredential,
      Id: id,
      IsArchived: false,
      LastModifiedDate: '2025-04-01T09:00:00.000Z',
      Platform: type,
      Version: 1,
      ...specific,
    };
    expect(created).toEqual(expected);
    for (const secret of secrets) if (!(secret in specific)) expect(created).not.toHaveProperty(secret);
    expect((await send('Get', op, { ApplicationId: appId }))[`${member}Response`]).toEqual(expected);

    now = new Date('2025-04-02T10:30:00.000Z');
    const updated = (await send('Update', op, { ApplicationId: appId, [`${member}Request`]: { ...request, Enabled: false } }))[`${member}Response`];
    expect(updated).toEqual({ ...expected, Enabled: false, Version: 2, LastModifiedDate: '2025-04-02T10:30:00.000Z' });

    const deleted = (await send('Delete', op, { ApplicationId: appId }))[`${member}Response`];
    expect(deleted).toEqual({ ...expected, Enabled: false, Version: 2, LastModifiedDate: '2025-04-02T10:30:00.000Z' });
    expect(await errorOf(send('Get', op, { ApplicationId: appId }))).toBeInstanceOf(NotFoundException);
  });

  it('answers NotFoundException for an unknown app on Get, Update and Delete', async () => {
    for (const verb of ['Get', 'Update', 'Delete'] as const) {
      const error = await errorOf(send(verb, op, { ApplicationId: 'no-such-app', [`${member}Request`]: request }));
      expect(error).toBeInstanceOf(NotFoundException);
      expect(error.message).toBe("Resource not found: Application 'no-such-app' does not exist");
    }
  });
});

describe('GetChannels', () => {
  it('lists nothing for a new app, then every configured channel (enabled or not) with the shared members', async () => {
    const appId = await createApp();
    expect((await stack.pinpoint.send(new GetChannelsCommand({ ApplicationId: appId }))).ChannelsResponse).toEqual({ Channels: {} });

    now = new Date('2025-04-03T08:00:00.000Z');
    await stack.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { SenderId: 'Shop' } }));
    await stack.pinpoint.send(new UpdateApnsChannelCommand({ ApplicationId: appId, APNSChannelRequest: { Certificate: CERT, PrivateKey: KEY, Enabled: false } }));
    const out = await stack.pinpoint.send(new GetChannelsCommand({ ApplicationId: appId }));
    const shared = { ApplicationId: appId, CreationDate: '2025-04-03T08:00:00.000Z', IsArchived: false, LastModifiedDate: '2025-04-03T08:00:00.000Z', Version: 1 };
    expect(out.ChannelsResponse).toEqual({
      Channels: {
        APNS: { ...shared, Enabled: false, HasCredential: true, Id: 'apns' },
        SMS: { ...shared, Enabled: true, HasCredential: false, Id: 'sms' },
      },
    });

    await stack.pinpoint.send(new DeleteSmsChannelCommand({ ApplicationId: appId }));
    expect(Object.keys((await stack.pinpoint.send(new GetChannelsCommand({ ApplicationId: appId }))).ChannelsResponse!.Channels!)).toEqual(['APNS']);
  });

  it('answers NotFoundException for an unknown app, and forgets channels with their app', async () => {
    expect(await errorOf(stack.pinpoint.send(new GetChannelsCommand({ ApplicationId: 'missing-app' })))).toBeInstanceOf(NotFoundException);
    const appId = await createApp();
    await stack.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: {} }));
    await stack.pinpoint.send(new DeleteAppCommand({ ApplicationId: appId }));
    expect(await errorOf(stack.pinpoint.send(new GetSmsChannelCommand({ ApplicationId: appId })))).toBeInstanceOf(NotFoundException);
  });
});

describe('UpdateSmsChannel', () => {
  it('returns SenderId, ShortCode and the SMS throughput as given, keeps members an update leaves out, and keeps Enabled when omitted', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { SenderId: 'Alerts', ShortCode: '54321', Enabled: false } }));
    const second = await stack.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { ShortCode: '777' } }));
    expect(second.SMSChannelResponse).toMatchObject({ Enabled: false, SenderId: 'Alerts', ShortCode: '777', Version: 2 });
    const got = (await stack.pinpoint.send(new GetSmsChannelCommand({ ApplicationId: appId }))).SMSChannelResponse!;
    expect(got).toMatchObject({ SenderId: 'Alerts', ShortCode: '777', PromotionalMessagesPerSecond: 20, TransactionalMessagesPerSecond: 20, Platform: 'SMS', Id: 'sms' });
  });
});

describe('APNs credentials', () => {
  it('keeps the stored credentials when an update gives none, and switches method when a new set arrives', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(new UpdateApnsChannelCommand({ ApplicationId: appId, APNSChannelRequest: { Certificate: CERT, PrivateKey: KEY } }));
    const toggled = await stack.pinpoint.send(new UpdateApnsChannelCommand({ ApplicationId: appId, APNSChannelRequest: { Enabled: false } }));
    expect(toggled.APNSChannelResponse).toMatchObject({ Enabled: false, DefaultAuthenticationMethod: 'CERTIFICATE', HasTokenKey: false, Version: 2 });
    const token = await stack.pinpoint.send(
      new UpdateApnsChannelCommand({ ApplicationId: appId, APNSChannelRequest: { TokenKey: KEY, TokenKeyId: 'K1', TeamId: 'T1', BundleId: 'com.example', DefaultAuthenticationMethod: 'TOKEN' } }),
    );
    expect(token.APNSChannelResponse).toMatchObject({ DefaultAuthenticationMethod: 'TOKEN', HasTokenKey: true, Version: 3 });
    expect((await stack.pinpoint.send(new GetApnsChannelCommand({ ApplicationId: appId }))).APNSChannelResponse).toMatchObject({ HasTokenKey: true, HasCredential: true });
  });
});

describe('channel checks', () => {
  const bad: Array<[string, string, string, Record<string, unknown>, string]> = [
    ['APNs without credentials', 'Apns', 'APNSChannel', { Enabled: true }, 'APNSChannelRequest needs credentials: a Certificate and PrivateKey, or a TokenKey, TokenKeyId, TeamId and BundleId'],
    ['an APNs certificate that is not PEM', 'Apns', 'APNSChannel', { Certificate: 'not-a-cert', PrivateKey: KEY }, 'APNSChannelRequest.Certificate must be a PEM-encoded certificate (-----BEGIN …CERTIFICATE----- … -----END …CERTIFICATE-----)'],
    ['an incomplete APNs token set', 'ApnsSandbox', 'APNSSandboxChannel', { TokenKey: KEY, TokenKeyId: 'K1' }, "APNSSandboxChannelRequest.TeamId (APNs token authentication needs TokenKey, TokenKeyId, TeamId and BundleId) must be a non-empty string; got ''"],
    ['an APNs method without its credentials', 'ApnsVoip', 'APNSVoipChannel', { Certificate: CERT, PrivateKey: KEY, DefaultAuthenticationMethod: 'TOKEN' }, 'APNSVoipChannelRequest.DefaultAuthenticationMethod is TOKEN but the channel has no TokenKey, TokenKeyId, TeamId and BundleId'],
    ['an unknown APNs method', 'Apns', 'APNSChannel', { Certificate: CERT, PrivateKey: KEY, DefaultAuthenticationMethod: 'KEY' }, "APNSChannelRequest.DefaultAuthenticationMethod must be one of CERTIFICATE, TOKEN; got 'KEY'"],
    ['GCM without credentials', 'Gcm', 'GCMChannel', {}, 'GCMChannelRequest needs credentials: an ApiKey (server key) or a ServiceJson (service account JSON)'],
    ['a GCM ServiceJson that is not JSON', 'Gcm', 'GCMChannel', { ServiceJson: '{oops' }, 'GCMChannelRequest.ServiceJson must be the JSON object of a service account key file'],
    ['GCM KEY without an ApiKey', 'Gcm', 'GCMChannel', { ServiceJson: '{}', DefaultAuthenticationMethod: 'KEY' }, 'GCMChannelRequest.DefaultAuthenticationMethod is KEY but the channel has no ApiKey'],
    ['an email identity that is not an SES ARN', 'Email', 'EmailChannel', { Identity: 'example.com', FromAddress: 'a@example.com' }, "EmailChannelRequest.Identity must be an ARN of the form arn:aws:ses:<region>:<account-id>:identity/<email-address-or-domain>; got 'example.com'"],
    ['a FromAddress outside the identity', 'Email', 'EmailChannel', { Identity: SES_DOMAIN, FromAddress: 'a@other.com' }, "EmailChannelRequest.FromAddress must be the identity 'example.com' or an address in that domain; got 'a@other.com'"],
    ['a FromAddress that is not an address', 'Email', 'EmailChannel', { Identity: SES_DOMAIN, FromAddress: 'nobody' }, "EmailChannelRequest.FromAddress must be an email address; got 'nobody'"],
    ['an email RoleArn that is not a role', 'Email', 'EmailChannel', { Identity: SES_DOMAIN, FromAddress: 'a@example.com', RoleArn: 'arn:aws:iam::123456789012:user/bob' }, "EmailChannelRequest.RoleArn must be an IAM role ARN (arn:aws:iam::<account-id>:role/<role-name>); got 'arn:aws:iam::123456789012:user/bob'"],
    ['a sender ID of digits only', 'Sms', 'SMSChannel', { SenderId: '12345' }, "SMSChannelRequest.SenderId must be 1 to 11 letters and digits, at least one a letter; got '12345'"],
    ['a sender ID over 11 characters', 'Sms', 'SMSChannel', { SenderId: 'ABCDEFGHIJKL' }, "SMSChannelRequest.SenderId must be 1 to 11 letters and digits, at least one a letter; got 'ABCDEFGHIJKL'"],
    ['a short code with letters', 'Sms', 'SMSChannel', { ShortCode: '12a45' }, "SMSChannelRequest.ShortCode must be 3 to 8 digits; got '12a45'"],
    ['an empty ADM secret', 'Adm', 'ADMChannel', { ClientId: 'id', ClientSecret: '' }, "ADMChannelRequest.ClientSecret must be a non-empty string; got ''"],
    ['a missing Baidu secret key (model-required)', 'Baidu', 'BaiduChannel', { ApiKey: 'k' }, "1 validation error detected: Value null at 'BaiduChannelRequest.SecretKey' failed to satisfy constraint: Member must not be null"],
  ];

  it.each(bad)('rejects %s with BadRequestException and stores nothing', async (_name, op, member, request, message) => {
    const appId = await createApp();
    const error = await errorOf(send('Update', op, { ApplicationId: appId, [`${member}Request`]: request }));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
    expect(await errorOf(send('Get', op, { ApplicationId: appId }))).toBeInstanceOf(NotFoundException);
  });

  it('accepts an email identity that is the FromAddress itself, with an IAM role', async () => {
    const appId = await createApp();
    const identity = 'arn:aws:ses:us-east-1:123456789012:identity/Sender@Example.com';
    const out = await stack.pinpoint.send(
      new UpdateEmailChannelCommand({ ApplicationId: appId, EmailChannelRequest: { Identity: identity, FromAddress: 'sender@example.com', RoleArn: 'arn:aws:iam::123456789012:role/pinpoint-events' } }),
    );
    expect(out.EmailChannelResponse).toMatchObject({ Identity: identity, FromAddress: 'sender@example.com', RoleArn: 'arn:aws:iam::123456789012:role/pinpoint-events', HasCredential: false });
  });
});
