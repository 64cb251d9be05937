import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { daysAgo, runCounted } from './support';

// Sending over HTTP against the seeded emulator (which delivers into its outbox): direct and users
// messages with one typed result per recipient, one-time passwords, an endpoint's in-app
// messages, and RemoveAttributes.

const { apps, users, endpoints } = PINPOINT_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** The emulator outbox's messages to one destination. */
async function outboxTo(destination: string): Promise<Array<{ body?: string; channel: string }>> {
  const response = await fetch(`${stack.emulator.endpoint}/_emulator/outbox?destination=${encodeURIComponent(destination)}`);
  return ((await response.json()) as { messages: Array<{ body?: string; channel: string }> }).messages;
}

test('sendMessages returns one result per address and per endpoint, in request order, with the endpoint edge', async () => {
  const { body, gatewayCalls } = await runCounted(
    stack,
    `mutation($app: ID!, $alice: ID!) { sendMessages(input: {
      applicationId: $app,
      addresses: [{ address: "+12065550142", channelType: SMS }, { address: "zoe@example.com", channelType: EMAIL, titleOverride: "Hello Zoe" }],
      endpoints: [{ endpointId: $alice }, { endpointId: "no-such-endpoint" }],
      context: { campaign: "direct" },
      message: {
        smsMessage: { body: "Your parcel is on its way", messageType: TRANSACTIONAL, senderId: "RETAIL" },
        emailMessage: { fromAddress: "offers@retail.example.com", simpleEmail: { subject: "Parcel", textPart: "Your parcel is on its way" } }
      }
    }) { applicationId requestId
      addressResults { address deliveryStatus statusCode messageId }
      endpointResults { endpointId address deliveryStatus statusCode statusMessage endpoint { channelType } }
    } }`,
    { app: apps.RETAIL, alice: endpoints.ALICE_EMAIL },
  );
  // The unknown endpoint's edge is upstream's NOT_FOUND at its own path; every other result stands.
  expect(body.errors).toEqual([expect.objectContaining({ path: ['sendMessages', 'endpointResults', 1, 'endpoint'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  const result = body.data.sendMessages;
  expect(result.applicationId).toBe(apps.RETAIL);
  expect(result.requestId).toEqual(expect.any(String));
  expect(result.addressResults).toEqual([
    { address: '+12065550142', deliveryStatus: 'SUCCESSFUL', statusCode: 200, messageId: expect.any(String) },
    { address: 'zoe@example.com', deliveryStatus: 'SUCCESSFUL', statusCode: 200, messageId: expect.any(String) },
  ]);
  expect(result.endpointResults).toEqual([
    { endpointId: endpoints.ALICE_EMAIL, address: 'alice@example.com', deliveryStatus: 'SUCCESSFUL', statusCode: 200, statusMessage: expect.stringMatching(/^MessageId: /), endpoint: { channelType: 'EMAIL' } },
    { endpointId: 'no-such-endpoint', address: null, deliveryStatus: 'PERMANENT_FAILURE', statusCode: 404, statusMessage: "Endpoint 'no-such-endpoint' does not exist", endpoint: null },
  ]);
  expect(gatewayCalls).toEqual({ SendMessages: 1, GetEndpoint: 2 });
  expect((await outboxTo('+12065550142')).map((m) => [m.channel, m.body])).toEqual([['SMS', 'Your parcel is on its way']]);
});

test('sendUsersMessages returns each user’s endpoints’ results; send inputs are checked before any call', async () => {
  const { body, gatewayCalls } = await runCounted(
    stack,
    `mutation($app: ID!, $alice: ID!) { sendUsersMessages(input: { applicationId: $app, users: [{ userId: $alice }, { userId: "nobody" }],
      message: { defaultMessage: { body: "Hello from Retail" }, emailMessage: { fromAddress: "offers@retail.example.com", simpleEmail: { subject: "Hello", textPart: "Hello from Retail" } } }
    }) { results { userId user { userId } endpointResults { endpointId deliveryStatus } } } }`,
    { app: apps.RETAIL, alice: users.ALICE },
  );
  expect(body.errors).toBeUndefined();
  const [alice, nobody] = body.data.sendUsersMessages.results;
  expect(alice.userId).toBe(users.ALICE);
  expect(alice.user).toEqual({ userId: users.ALICE });
  expect(alice.endpointResults.map((r: any) => r.endpointId)).toEqual([endpoints.ALICE_EMAIL, endpoints.ALICE_IPHONE, endpoints.ALICE_SMS].sort());
  expect(alice.endpointResults.every((r: any) => r.deliveryStatus === 'SUCCESSFUL')).toBe(true);
  expect(nobody).toEqual({ userId: 'nobody', user: { userId: 'nobody' }, endpointResults: [] });
  expect(gatewayCalls).toEqual({ SendUsersMessages: 1 });

  const duplicate = await runCounted(stack, `mutation($app: ID!) { sendMessages(input: { applicationId: $app, addresses: [{ address: "a@example.com", channelType: EMAIL }, { address: "a@example.com", channelType: EMAIL }], message: { defaultMessage: { body: "x" } } }) { requestId } }`, { app: apps.RETAIL });
  expect(duplicate.body.errors![0]).toMatchObject({ message: '"input.addresses[].address" must be unique; "a@example.com" appears more than once.', extensions: { code: 'BAD_USER_INPUT' } });
  expect(duplicate.wireCalls).toEqual({});

  const none = await runCounted(stack, `mutation($app: ID!) { sendMessages(input: { applicationId: $app, message: { defaultMessage: { body: "x" } } }) { requestId } }`, { app: apps.RETAIL });
  expect(none.body.errors![0].message).toBe('"input.addresses" and "input.endpoints" must hold 1 to 100 recipients in all (the SendMessages limit); got 0.');
  expect(none.wireCalls).toEqual({});

  const tooMany = Array.from({ length: 101 }, (_, i) => `{ userId: "u${i}" }`).join(', ');
  const many = await runCounted(stack, `mutation($app: ID!) { sendUsersMessages(input: { applicationId: $app, users: [${tooMany}], message: { defaultMessage: { body: "x" } } }) { requestId } }`, { app: apps.RETAIL });
  expect(many.body.errors![0].message).toBe('"input.users" must hold 1 to 100 users (the SendUsersMessages limit); got 101.');
  expect(many.wireCalls).toEqual({});
});

test('sendOtpMessage sends a code that verifyOtpMessage accepts once; a wrong code is not valid', async () => {
  const destination = '+12065550177';
  const sent = await runCounted(
    stack,
    `mutation($app: ID!) { sendOtpMessage(input: { applicationId: $app, brandName: "Retail", channel: "SMS", destinationIdentity: "${destination}", originationIdentity: "RETAIL", referenceId: "login-1", codeLength: 6 }) { applicationId results { address deliveryStatus statusCode } } }`,
    { app: apps.RETAIL },
  );
  expect(sent.body.errors).toBeUndefined();
  expect(sent.body.data.sendOtpMessage).toEqual({ applicationId: apps.RETAIL, results: [{ address: destination, deliveryStatus: 'SUCCESSFUL', statusCode: 200 }] });
  expect(sent.gatewayCalls).toEqual({ SendOTPMessage: 1 });
  const [message] = await outboxTo(destination);
  const code = /code: (\d{6})\./.exec(message.body ?? '')?.[1];
  expect(code).toMatch(/^\d{6}$/);

  const verify = (otp: string) => runCounted(stack, `mutation($app: ID!) { verifyOtpMessage(input: { applicationId: $app, destinationIdentity: "${destination}", referenceId: "login-1", otp: "${otp}" }) { valid } }`, { app: apps.RETAIL });
  const wrong = await verify(code === '000000' ? '111111' : '000000');
  expect(wrong.body.data.verifyOtpMessage).toEqual({ valid: false });
  expect(wrong.gatewayCalls).toEqual({ VerifyOTPMessage: 1 });
  expect((await verify(code!)).body.data.verifyOtpMessage).toEqual({ valid: true });
  expect((await verify(code!)).body.data.verifyOtpMessage).toEqual({ valid: false });

  const badChannel = await runCounted(stack, `mutation($app: ID!) { sendOtpMessage(input: { applicationId: $app, brandName: "Retail", channel: "EMAIL", destinationIdentity: "${destination}", originationIdentity: "RETAIL", referenceId: "x" }) { applicationId } }`, { app: apps.RETAIL });
  expect(badChannel.body.errors![0]).toMatchObject({ path: ['sendOtpMessage'], extensions: { code: 'BAD_USER_INPUT', upstream: { errorName: 'BadRequestException', operation: 'SendOTPMessage' } } });
});

test('an endpoint’s in-app messages come with their campaign; an endpoint of another channel has none', async () => {
  const app = apps.ALERTS;
  const made = await stack.gql(
    `mutation($app: ID!) {
      updateEndpoint(input: { applicationId: $app, endpointId: "tablet-1", endpoint: { channelType: IN_APP, address: "device-token-1" } }) { message }
      createSegment(input: { applicationId: $app, segment: { name: "In-app users", dimensions: { demographic: { channel: { dimensionType: INCLUSIVE, values: ["IN_APP"] } } } } }) { segment { segmentId } }
    }`,
    { app },
  );
  expect(made.body.errors).toBeUndefined();
  const campaign = await stack.gql(
    `mutation($app: ID!, $segment: ID!, $start: String!, $end: String) { createCampaign(input: { applicationId: $app, campaign: {
      name: "Maintenance banner", segmentId: $segment, priority: 2, limits: { daily: 3, session: 1 },
      schedule: { startTime: $start, endTime: $end, frequency: IN_APP_EVENT, eventFilter: { filterType: SYSTEM, dimensions: { eventType: { dimensionType: INCLUSIVE, values: ["_session.start"] } } } },
      messageConfiguration: { inAppMessage: { layout: TOP_BANNER, content: [{ BackgroundColor: "#FF0000", BodyConfig: { Alignment: "CENTER", Body: "Maintenance tonight", TextColor: "#FFFFFF" } }], customConfig: { kind: "ops" } } }
    } }) { campaign { campaignId } } }`,
    { app, segment: made.body.data.createSegment.segment.segmentId, start: daysAgo(1), end: daysAgo(-5) },
  );
  expect(campaign.body.errors).toBeUndefined();
  const campaignId = campaign.body.data.createCampaign.campaign.campaignId;

  const { body, gatewayCalls } = await runCounted(
    stack,
    `query($app: ID!) { app(id: $app) {
      tablet: endpoint(id: "tablet-1") { inAppMessages { campaignId treatmentId priority dailyCap sessionCap campaign { name } schedule { endDate eventFilter { filterType } }
        message { layout customConfig content { backgroundColor bodyConfig { alignment body textColor } } } } }
    } }`,
    { app },
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.app.tablet.inAppMessages).toEqual([
    {
      campaignId,
      treatmentId: null,
      priority: 2,
      dailyCap: 3,
      sessionCap: 1,
      campaign: { name: 'Maintenance banner' },
      schedule: { endDate: expect.any(String), eventFilter: { filterType: 'SYSTEM' } },
      message: { layout: 'TOP_BANNER', customConfig: { kind: 'ops' }, content: [{ backgroundColor: '#FF0000', bodyConfig: { alignment: 'CENTER', body: 'Maintenance tonight', textColor: '#FFFFFF' } }] },
    },
  ]);
  expect(gatewayCalls).toEqual({ GetApp: 1, GetEndpoint: 1, GetInAppMessages: 1, GetCampaign: 1 });

  const other = await runCounted(stack, `query($app: ID!, $endpoint: ID!) { app(id: $app) { endpoint(id: $endpoint) { inAppMessages { campaignId } } } }`, { app: apps.RETAIL, endpoint: endpoints.ALICE_EMAIL });
  expect(other.body.data.app.endpoint.inAppMessages).toEqual([]);
});

test('removeAttributes returns the names the project still has of that type', async () => {
  const { body, gatewayCalls } = await runCounted(stack, `mutation($app: ID!) { removeAttributes(input: { applicationId: $app, attributeType: ENDPOINT_CUSTOM_ATTRIBUTES, attributes: ["tier"] }) { applicationId attributeType attributes } }`, {
    app: apps.RETAIL,
  });
  expect(body.errors).toBeUndefined();
  expect(body.data.removeAttributes).toMatchObject({ applicationId: apps.RETAIL, attributeType: 'ENDPOINT_CUSTOM_ATTRIBUTES' });
  expect(body.data.removeAttributes.attributes).not.toContain('tier');
  expect(gatewayCalls).toEqual({ RemoveAttributes: 1 });

  const userAttributes = await runCounted(stack, `mutation($app: ID!) { removeAttributes(input: { applicationId: $app, attributeType: ENDPOINT_USER_ATTRIBUTES, attributes: ["First*"] }) { attributeType attributes } }`, { app: apps.RETAIL });
  expect(userAttributes.body.data.removeAttributes.attributeType).toBe('ENDPOINT_USER_ATTRIBUTES');
  expect(userAttributes.body.data.removeAttributes.attributes).toContain('Interests');
  expect(userAttributes.body.data.removeAttributes.attributes).not.toContain('FirstName');
});
