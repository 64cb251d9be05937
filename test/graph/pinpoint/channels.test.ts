import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Channels and event streams over HTTP against the seeded emulator: the list with lazy typed
// fields, unconfigured channels as null, all twenty channel writes, and the event-stream writes.

const { apps } = PINPOINT_SEED;

/** PEM blocks as GraphQL string literals (upstream rejects key material it cannot parse). */
const CERT = JSON.stringify('-----BEGIN CERTIFICATE-----\nVEVTVC1DRVJU\n-----END CERTIFICATE-----');
const KEY = JSON.stringify('-----BEGIN PRIVATE KEY-----\nVEVTVC1LRVk=\n-----END PRIVATE KEY-----');

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('listed channels read their typed fields only when asked, once per channel', async () => {
  const { body, gatewayCalls, wireCalls } = await runCounted(
    stack,
    `query($app: ID!) { app(id: $app) { channels { __typename channelType enabled hasCredential app { name }
      ... on SmsChannel { shortCode senderId }
      ... on ApnsChannel { defaultAuthenticationMethod hasTokenKey }
      ... on GcmChannel { defaultAuthenticationMethod hasFcmServiceCredentials }
    } } }`,
    { app: apps.BANKING },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.app.channels).toEqual([
    { __typename: 'ApnsChannel', channelType: 'APNS', enabled: true, hasCredential: true, app: { name: 'Mobile Banking' }, defaultAuthenticationMethod: 'CERTIFICATE', hasTokenKey: false },
    { __typename: 'EmailChannel', channelType: 'EMAIL', enabled: true, hasCredential: false, app: { name: 'Mobile Banking' } },
    { __typename: 'GcmChannel', channelType: 'GCM', enabled: false, hasCredential: true, app: { name: 'Mobile Banking' }, defaultAuthenticationMethod: 'KEY', hasFcmServiceCredentials: false },
    { __typename: 'SmsChannel', channelType: 'SMS', enabled: true, hasCredential: false, app: { name: 'Mobile Banking' }, shortCode: '12345', senderId: null },
  ]);
  // The channels' `app` edge is the app already read; the email channel asks for no typed field.
  expect(gatewayCalls).toEqual({ GetApp: 1, GetChannels: 1, GetApnsChannel: 1, GetGcmChannel: 1, GetSmsChannel: 1 });
  expect(wireCalls).toEqual(gatewayCalls);
});

test('an unconfigured channel and a missing event stream are null without an error', async () => {
  const { body, gatewayCalls } = await runCounted(stack, `query($app: ID!) { app(id: $app) { voiceChannel { enabled } smsChannel { senderId } admChannel { enabled } eventStream { roleArn } } }`, { app: apps.ALERTS });
  expect(body.errors).toBeUndefined();
  expect(body.data.app).toEqual({ voiceChannel: { enabled: true }, smsChannel: null, admChannel: null, eventStream: null });
  expect(gatewayCalls).toEqual({ GetApp: 1, GetVoiceChannel: 1, GetSmsChannel: 1, GetAdmChannel: 1, GetEventStream: 1 });
});

test('every channel type is configured and removed through its own mutations', async () => {
  const app = apps.ALERTS;
  const cases: Array<{ update: string; input: string; fields: string; expected: Record<string, unknown>; remove: string; read: string }> = [
    { update: 'updateAdmChannel', input: 'clientId: "amzn1.client", clientSecret: "s3cret"', fields: 'channelType enabled hasCredential', expected: { channelType: 'ADM', enabled: true, hasCredential: true }, remove: 'deleteAdmChannel', read: 'admChannel' },
    { update: 'updateApnsChannel', input: `certificate: ${CERT}, privateKey: ${KEY}, defaultAuthenticationMethod: "CERTIFICATE"`, fields: 'channelType defaultAuthenticationMethod hasTokenKey', expected: { channelType: 'APNS', defaultAuthenticationMethod: 'CERTIFICATE', hasTokenKey: false }, remove: 'deleteApnsChannel', read: 'apnsChannel' },
    { update: 'updateApnsSandboxChannel', input: `tokenKey: ${KEY}, tokenKeyId: "ABC123DEFG", teamId: "TEAM123456", bundleId: "com.example.alerts", defaultAuthenticationMethod: "TOKEN"`, fields: 'channelType defaultAuthenticationMethod hasTokenKey', expected: { channelType: 'APNS_SANDBOX', defaultAuthenticationMethod: 'TOKEN', hasTokenKey: true }, remove: 'deleteApnsSandboxChannel', read: 'apnsSandboxChannel' },
    { update: 'updateApnsVoipChannel', input: `certificate: ${CERT}, privateKey: ${KEY}`, fields: 'channelType', expected: { channelType: 'APNS_VOIP' }, remove: 'deleteApnsVoipChannel', read: 'apnsVoipChannel' },
    { update: 'updateApnsVoipSandboxChannel', input: `certificate: ${CERT}, privateKey: ${KEY}, enabled: false`, fields: 'channelType enabled', expected: { channelType: 'APNS_VOIP_SANDBOX', enabled: false }, remove: 'deleteApnsVoipSandboxChannel', read: 'apnsVoipSandboxChannel' },
    { update: 'updateBaiduChannel', input: 'apiKey: "baidu-api-key", secretKey: "baidu-secret"', fields: 'channelType credential', expected: { channelType: 'BAIDU', credential: 'baidu-api-key' }, remove: 'deleteBaiduChannel', read: 'baiduChannel' },
    { update: 'updateGcmChannel', input: 'serviceJson: "{\\"type\\":\\"service_account\\"}", defaultAuthenticationMethod: "TOKEN"', fields: 'channelType defaultAuthenticationMethod hasFcmServiceCredentials', expected: { channelType: 'GCM', defaultAuthenticationMethod: 'TOKEN', hasFcmServiceCredentials: true }, remove: 'deleteGcmChannel', read: 'gcmChannel' },
    { update: 'updateSmsChannel', input: 'senderId: "ALERTS"', fields: 'channelType senderId shortCode version', expected: { channelType: 'SMS', senderId: 'ALERTS', shortCode: null, version: 1 }, remove: 'deleteSmsChannel', read: 'smsChannel' },
  ];
  for (const c of cases) {
    const updated = await runCounted(stack, `mutation($app: ID!) { ${c.update}(input: { applicationId: $app, ${c.input} }) { channel { ${c.fields} } } }`, { app });
    expect(updated.body.errors).toBeUndefined();
    expect(updated.body.data[c.update].channel).toEqual(c.expected);
    expect(updated.gatewayCalls).toEqual({ [c.update.charAt(0).toUpperCase() + c.update.slice(1)]: 1 });

    const removed = await runCounted(stack, `mutation($app: ID!) { ${c.remove}(input: { applicationId: $app }) { channel { channelType } } } `, { app });
    expect(removed.body.data[c.remove].channel).toEqual({ channelType: c.expected.channelType });
    const read = await stack.gql(`query($app: ID!) { app(id: $app) { ${c.read} { channelType } } }`, { app });
    expect(read.body.data.app[c.read]).toBeNull();
  }

  // The email and voice channels: change the existing ones (their version grows), then read the list.
  const email = await runCounted(
    stack,
    `mutation($app: ID!) { updateEmailChannel(input: { applicationId: $app, fromAddress: "pager@alerts.example.com", identity: "arn:aws:ses:us-east-1:123456789012:identity/alerts.example.com" }) { channel { fromAddress version app { name } } } }`,
    { app },
  );
  expect(email.body.data.updateEmailChannel.channel).toEqual({ fromAddress: 'pager@alerts.example.com', version: 2, app: { name: 'Internal Alerts' } });
  const voice = await runCounted(stack, `mutation($app: ID!) { updateVoiceChannel(input: { applicationId: $app, enabled: false }) { channel { enabled version } } }`, { app });
  expect(voice.body.data.updateVoiceChannel.channel).toEqual({ enabled: false, version: 2 });
  const listed = await stack.gql(`query($app: ID!) { app(id: $app) { channels { channelType enabled ... on EmailChannel { fromAddress } } } }`, { app });
  expect(listed.body.data.app.channels).toEqual([
    { channelType: 'EMAIL', enabled: true, fromAddress: 'pager@alerts.example.com' },
    { channelType: 'VOICE', enabled: false },
  ]);

  const voiceRemoved = await runCounted(stack, `mutation($app: ID!) { deleteVoiceChannel(input: { applicationId: $app }) { channel { channelType enabled } } }`, { app });
  expect(voiceRemoved.body.data.deleteVoiceChannel.channel).toEqual({ channelType: 'VOICE', enabled: false });
  const emailRemoved = await runCounted(stack, `mutation($app: ID!) { deleteEmailChannel(input: { applicationId: $app }) { channel { fromAddress } } }`, { app });
  expect(emailRemoved.body.data.deleteEmailChannel.channel).toEqual({ fromAddress: 'pager@alerts.example.com' });

  // Deleting a channel that is not configured is upstream's NotFound.
  const again = await runCounted(stack, `mutation($app: ID!) { deleteEmailChannel(input: { applicationId: $app }) { channel { fromAddress } } }`, { app });
  expect(again.body.errors![0]).toMatchObject({ path: ['deleteEmailChannel'], extensions: { code: 'NOT_FOUND' } });
});

test('putEventStream and deleteEventStream return the stream; afterwards the project has none', async () => {
  const app = apps.BANKING;
  const put = await runCounted(
    stack,
    `mutation($app: ID!) { putEventStream(input: { applicationId: $app, destinationStreamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/banking-v2", roleArn: "arn:aws:iam::123456789012:role/PinpointEventStream" }) { eventStream { applicationId destinationStreamArn roleArn app { name } } } }`,
    { app },
  );
  expect(put.body.errors).toBeUndefined();
  expect(put.body.data.putEventStream.eventStream).toEqual({
    applicationId: app,
    destinationStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/banking-v2',
    roleArn: 'arn:aws:iam::123456789012:role/PinpointEventStream',
    app: { name: 'Mobile Banking' },
  });
  expect(put.gatewayCalls).toEqual({ PutEventStream: 1, GetApp: 1 });

  const deleted = await runCounted(stack, `mutation($app: ID!) { deleteEventStream(input: { applicationId: $app }) { eventStream { destinationStreamArn } } }`, { app });
  expect(deleted.body.data.deleteEventStream.eventStream.destinationStreamArn).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/banking-v2');
  const read = await runCounted(stack, `query($app: ID!) { app(id: $app) { eventStream { roleArn } } }`, { app });
  expect(read.body.data.app.eventStream).toBeNull();
  expect(read.gatewayCalls).toEqual({ GetApp: 1, GetEventStream: 1 });
});
