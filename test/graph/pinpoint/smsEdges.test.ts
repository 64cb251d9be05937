import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// The edges from Pinpoint objects into SMS and Voice v2 over HTTP against the seeded emulator:
// an endpoint's opt-out status in an SMS v2 opt-out list, and an SMS channel's sender IDs.

const { apps, endpoints } = PINPOINT_SEED;
const MARKETING = SMS_VOICE_SEED.optOutLists.marketing;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Runs a setup operation that must succeed and returns its data. */
async function setup(query: string, variables?: Record<string, unknown>): Promise<any> {
  const { body } = await stack.gql(query, variables);
  if (body.errors) throw new Error(`setup failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const OPT_OUT_QUERY = `query ($app: ID!, $a: ID!, $b: ID!, $c: ID!, $list: String!) { app(id: $app) {
  a: endpoint(id: $a) { smsOptOut(optOutListName: $list) { optedOutNumber endUserOptedOut } }
  b: endpoint(id: $b) { smsOptOut(optOutListName: $list) { optedOutNumber } }
  c: endpoint(id: $c) { smsOptOut(optOutListName: $list) { optedOutNumber } }
} }`;

test('an SMS endpoint knows whether its address is opted out; other endpoints cost no SMS v2 call', async () => {
  // +12065550150 opted out of the marketing list (seeded); Alice's SMS number did not.
  await setup('mutation ($app: ID!) { updateEndpoint(input: { applicationId: $app, endpointId: "opted-out-sms", endpoint: { address: "+12065550150", channelType: SMS } }) { message } }', { app: apps.RETAIL });
  const { body, gatewayCalls } = await runCounted(stack, OPT_OUT_QUERY, { app: apps.RETAIL, a: 'opted-out-sms', b: endpoints.ALICE_SMS, c: endpoints.ALICE_EMAIL, list: MARKETING });
  expect(body.errors).toBeUndefined();
  expect(body.data.app).toEqual({ a: { smsOptOut: { optedOutNumber: '+12065550150', endUserOptedOut: true } }, b: { smsOptOut: null }, c: { smsOptOut: null } });
  // The two SMS numbers are asked in one batch; AWS fails it for the number the list lacks, so that
  // number is asked again on its own (1 missing number among 2: 2 calls). The email endpoint asks nothing.
  expect(gatewayCalls).toEqual({ GetApp: 1, GetEndpoint: 3, DescribeOptedOutNumbers: 2 });
});

test('the default list is "Default", and an unknown list is an error on the field', async () => {
  await setup('mutation { putOptedOutNumber(input: { optOutListName: "Default", optedOutNumber: "+16045550102" }) { optedOutNumber { optedOutNumber } } }');
  const byDefault = await runCounted(stack, 'query ($app: ID!, $id: ID!) { app(id: $app) { endpoint(id: $id) { smsOptOut { optedOutNumber endUserOptedOut } } } }', { app: apps.RETAIL, id: endpoints.CAROL_SMS });
  expect(byDefault.body.errors).toBeUndefined();
  expect(byDefault.body.data.app.endpoint.smsOptOut).toEqual({ optedOutNumber: '+16045550102', endUserOptedOut: false });
  expect(byDefault.gatewayCalls).toEqual({ GetApp: 1, GetEndpoint: 1, DescribeOptedOutNumbers: 1 });

  const unknown = await runCounted(stack, 'query ($app: ID!, $id: ID!) { app(id: $app) { endpoint(id: $id) { address smsOptOut(optOutListName: "no-such-list") { optedOutNumber } } } }', { app: apps.RETAIL, id: endpoints.CAROL_SMS });
  expect(unknown.body.data.app.endpoint).toEqual({ address: '+16045550102', smsOptOut: null });
  expect(unknown.body.errors).toHaveLength(1);
  expect(unknown.body.errors![0].path).toEqual(['app', 'endpoint', 'smsOptOut']);
  expect(unknown.gatewayCalls).toEqual({ GetApp: 1, GetEndpoint: 1, DescribeOptedOutNumbers: 1 });
});

test("an SMS channel's sender ID leads to the SMS v2 sender IDs of that name", async () => {
  const { alerts } = SMS_VOICE_SEED.senderIds;
  const app = (await setup('mutation { createApp(input: { name: "sms-edges" }) { app { applicationId } } }')).createApp.app.applicationId;
  await setup('mutation ($app: ID!, $sender: String!) { updateSmsChannel(input: { applicationId: $app, senderId: $sender }) { channel { version } } }', { app, sender: alerts.SenderId });
  const query = 'query ($app: ID!) { app(id: $app) { channels { ... on SmsChannel { senderId senderIdResource { senderId isoCountryCode } } } } }';

  const configured = await runCounted(stack, query, { app });
  expect(configured.body.errors).toBeUndefined();
  expect(configured.body.data.app.channels).toEqual([{ senderId: alerts.SenderId, senderIdResource: [{ senderId: alerts.SenderId, isoCountryCode: alerts.IsoCountryCode }] }]);
  // The listed channel is read once for both fields; the sender IDs are one filtered call.
  expect(configured.gatewayCalls).toEqual({ GetApp: 1, GetChannels: 1, GetSmsChannel: 1, DescribeSenderIds: 1 });

  // RETAIL's channel sends as RETAIL, which no SMS v2 sender ID is named.
  const unmatched = await runCounted(stack, 'query ($app: ID!) { app(id: $app) { smsChannel { senderId senderIdResource { isoCountryCode } } } }', { app: apps.RETAIL });
  expect(unmatched.body.errors).toBeUndefined();
  expect(unmatched.body.data.app.smsChannel).toEqual({ senderId: 'RETAIL', senderIdResource: [] });
  expect(unmatched.gatewayCalls).toEqual({ GetApp: 1, GetSmsChannel: 1, DescribeSenderIds: 1 });

  // A channel with a short code and no sender ID asks SMS v2 nothing.
  const shortCode = await runCounted(stack, 'query ($app: ID!) { app(id: $app) { smsChannel { shortCode senderIdResource { isoCountryCode } } } }', { app: apps.BANKING });
  expect(shortCode.body.errors).toBeUndefined();
  expect(shortCode.body.data.app.smsChannel).toEqual({ shortCode: '12345', senderIdResource: [] });
  expect(shortCode.gatewayCalls).toEqual({ GetApp: 1, GetSmsChannel: 1 });
});
