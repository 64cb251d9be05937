import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// The edges from Pinpoint objects into SMS and Voice v2 over HTTP against the seeded emulator:
// an endpoint's opt-out status in an SMS v2 opt-out list, an SMS channel's sender IDs and short
// code, and a campaign SMS message's or journey SMS activity's origination number.

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

test("a campaign's SMS origination number and a channel's short code are looked up among the account's SMS v2 numbers, read once", async () => {
  const { tenDlcMarketing1 } = SMS_VOICE_SEED.phoneNumbers;
  const createCampaign = async (originationNumber: string): Promise<string> =>
    (
      await setup(
        `mutation ($app: ID!, $segment: ID!, $from: String!) { createCampaign(input: { applicationId: $app, campaign: {
          name: "sms-origination", segmentId: $segment, schedule: { startTime: "2030-01-01T10:00:00Z", frequency: ONCE },
          messageConfiguration: { smsMessage: { body: "Hi", originationNumber: $from } } } }) { campaign { campaignId } } }`,
        { app: apps.RETAIL, segment: PINPOINT_SEED.segments.RETAIL_VIP, from: originationNumber },
      )
    ).createCampaign.campaign.campaignId;
  const seeded = await createCampaign('+14255550100');
  const unknown = await createCampaign('+19995550123');

  const message = 'messageConfiguration { smsMessage { originationNumber originationPhoneNumber { phoneNumberId phoneNumber } } }';
  const query = `query ($retail: ID!, $a: ID!, $b: ID!, $banking: ID!) {
    retail: app(id: $retail) { a: campaign(id: $a) { ${message} } b: campaign(id: $b) { ${message} } }
    banking: app(id: $banking) { smsChannel { shortCode shortCodeResource { phoneNumberId } } }
  }`;
  const { body, gatewayCalls } = await runCounted(stack, query, { retail: apps.RETAIL, a: seeded, b: unknown, banking: apps.BANKING });
  expect(body.errors).toBeUndefined();
  expect(body.data.retail.a.messageConfiguration.smsMessage).toEqual({ originationNumber: '+14255550100', originationPhoneNumber: { phoneNumberId: tenDlcMarketing1, phoneNumber: '+14255550100' } });
  expect(body.data.retail.b.messageConfiguration.smsMessage).toEqual({ originationNumber: '+19995550123', originationPhoneNumber: null });
  // SMS v2 cannot request short codes and the seed holds none, so BANKING's 12345 matches no number.
  expect(body.data.banking.smsChannel).toEqual({ shortCode: '12345', shortCodeResource: null });
  // The seeded account holds 7 numbers: one page of 100 answers all three lookups.
  expect(gatewayCalls).toEqual({ GetApp: 2, GetCampaign: 2, GetSmsChannel: 1, DescribePhoneNumbers: 1 });

  // A channel without a short code asks SMS v2 nothing.
  const retail = await runCounted(stack, 'query ($app: ID!) { app(id: $app) { smsChannel { shortCode shortCodeResource { phoneNumberId } } } }', { app: apps.RETAIL });
  expect(retail.body.errors).toBeUndefined();
  expect(retail.body.data.app.smsChannel).toEqual({ shortCode: null, shortCodeResource: null });
  expect(retail.gatewayCalls).toEqual({ GetApp: 1, GetSmsChannel: 1 });
});

test("a journey SMS activity's origination number leads to the SMS v2 phone number", async () => {
  const { tenDlcMarketing2 } = SMS_VOICE_SEED.phoneNumbers;
  const journey = (
    await setup('mutation ($app: ID!, $journey: WriteJourneyInput!) { createJourney(input: { applicationId: $app, journey: $journey }) { journey { journeyId } } }', {
      app: apps.RETAIL,
      journey: {
        name: 'sms-origination',
        startActivityId: 'first',
        activities: [
          { activityId: 'first', sms: { templateName: 'OrderShipped', originationNumber: '+14255550101', nextActivityId: 'second' } },
          { activityId: 'second', sms: { templateName: 'OrderShipped', originationNumber: '+19995550123' } },
        ],
      },
    })
  ).createJourney.journey.journeyId;
  const { body, gatewayCalls } = await runCounted(stack, 'query ($app: ID!, $id: ID!) { app(id: $app) { journey(id: $id) { activities { activityId sms { originationNumber originationPhoneNumber { phoneNumberId } } } } } }', { app: apps.RETAIL, id: journey });
  expect(body.errors).toBeUndefined();
  expect(body.data.app.journey.activities).toEqual([
    { activityId: 'first', sms: { originationNumber: '+14255550101', originationPhoneNumber: { phoneNumberId: tenDlcMarketing2 } } },
    { activityId: 'second', sms: { originationNumber: '+19995550123', originationPhoneNumber: null } },
  ]);
  // Both activities share one read of the account's 7 numbers.
  expect(gatewayCalls).toEqual({ GetApp: 1, GetJourney: 1, DescribePhoneNumbers: 1 });
});
