import { JOURNEY_SEED } from '../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../helpers/startStack';
import { readReferenceQuery, runCounted } from './pinpoint/support';
import { globalId, gqlWithEmulatorCalls, reportedCalls } from './sms-voice-v2/kit';

// Five reference queries of test/queries/ whose headers compute a minimum the gateway may not reach
// yet (each names the class of miss it shows). Each runs on its own fresh stack over HTTP and must
// cost exactly its header's minimum, as counted by the gateway and as received by the emulator,
// and return the seeded data.

const { apps, segments, campaigns } = PINPOINT_SEED;
const { journeys } = JOURNEY_SEED;
const { phoneNumbers, pools, registrations } = SMS_VOICE_SEED;

/** Runs `test` against a fresh seeded stack, closed afterwards. */
async function withStack<T>(test: (stack: Stack) => Promise<T>): Promise<T> {
  const stack = await startStack();
  try {
    return await test(stack);
  } finally {
    await stack.close();
  }
}

/** What a reference query returned, and a check of its calls against the header's minimum. */
interface PlannedResult {
  readonly data: any;
  /** Asserts the gateway's count and the emulator's wire count both equal the header's minimum. */
  expectMinimumCalls(): void;
}

/** Module-private: the result of one run; the calls are checked last, so data checks report first. */
function planned(data: any, minimum: Record<string, number>, gateway: Record<string, number>, wire: Record<string, number>): PlannedResult {
  return { data, expectMinimumCalls: () => expect({ gateway: sorted(gateway), wire: sorted(wire) }).toEqual({ gateway: sorted(minimum), wire: sorted(minimum) }) };
}

/** Runs a Pinpoint reference query on a fresh stack (no errors allowed); wire calls are the emulator's `pinpoint.*`. */
async function runPinpointReference(name: string): Promise<PlannedResult> {
  return withStack(async (stack) => {
    const reference = readReferenceQuery(name);
    const result = await runCounted(stack, reference.query, reference.variables);
    expect(result.body.errors).toBeUndefined();
    expect(result.status).toBe(200);
    return planned(result.body.data, reference.minimumCalls, result.gatewayCalls, result.wireCalls);
  });
}

/** Runs an SMS v2 reference query (same header format) on a fresh stack; wire calls are the emulator's `sms-voice-v2.*`. */
async function runSmsReference(name: string): Promise<PlannedResult> {
  return withStack(async (stack) => {
    const reference = readReferenceQuery(name);
    const { response, emulatorCalls } = await gqlWithEmulatorCalls(stack, reference.query, reference.variables);
    expect(response.body.errors).toBeUndefined();
    expect(response.status).toBe(200);
    return planned(response.body.data, reference.minimumCalls, reportedCalls(response).byOperation, emulatorCalls);
  });
}

/** Module-private: keys sorted (toEqual ignores key order; this only keeps failure diffs readable). */
function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

test('project overview: the complete segments(first: 20) page also answers the campaigns’ latest segment versions', async () => {
  const { data, expectMinimumCalls } = await runPinpointReference('pinpoint-project-overview');
  const app = data.app;
  expect(app).toMatchObject({ applicationId: apps.RETAIL, name: 'Retail Storefront' });
  expect(app.tags).toEqual(expect.arrayContaining([{ key: 'env', value: 'demo' }, { key: 'team', value: 'growth' }]));
  expect(app.settings).toMatchObject({
    limits: { daily: 5, total: 50, messagesPerSecond: 100, maximumDuration: 3600 },
    quietTime: { start: '22:00', end: '07:00' },
    campaignHook: { mode: 'FILTER' },
    journeyLimits: { dailyCap: 3, totalCap: 10 },
  });
  expect(app.segments.pageInfo.hasNextPage).toBe(false);
  expect(app.segments.nodes.map((s: any) => [s.segmentId, s.name, s.version])).toEqual(
    expect.arrayContaining([
      [segments.RETAIL_ALL_CUSTOMERS, 'All customers', 2],
      [segments.RETAIL_VIP, 'VIP shoppers (spend 500+)', 3],
      [segments.RETAIL_NEWSLETTER_IMPORT, 'Newsletter import', 1],
      [segments.RETAIL_LAPSED, 'Lapsed buyers', 1],
    ]),
  );
  expect(app.segments.nodes).toHaveLength(4);
  const byId = Object.fromEntries(app.campaigns.nodes.map((c: any) => [c.campaignId, c]));
  expect(app.campaigns.nodes).toHaveLength(5);
  expect(byId[campaigns.RETAIL_SPRING_SALE].segment).toEqual({ segmentId: segments.RETAIL_VIP, name: 'VIP shoppers', version: 2 });
  expect(byId[campaigns.RETAIL_WEEKLY_DIGEST].segment).toEqual({ segmentId: segments.RETAIL_ALL_CUSTOMERS, name: 'All customers', version: 1 });
  expect(byId[campaigns.RETAIL_SUMMER_LAUNCH].segment).toEqual({ segmentId: segments.RETAIL_ALL_CUSTOMERS, name: 'All customers', version: 2 });
  expect(byId[campaigns.RETAIL_PAUSED_PROMO].segment).toEqual({ segmentId: segments.RETAIL_NEWSLETTER_IMPORT, name: 'Newsletter import', version: 1 });
  expect(byId[campaigns.RETAIL_CART_PUSH].segment).toEqual({ segmentId: segments.RETAIL_ALL_CUSTOMERS, name: 'All customers', version: 2 });
  expectMinimumCalls();
});

test('journey list: the journeys’ start segments come from one GetSegments page, not one GetSegment each', async () => {
  const { data, expectMinimumCalls } = await runPinpointReference('pinpoint-journey-list');
  expect(data.app.name).toBe('Retail Storefront');
  expect(data.app.journeys.pageInfo.hasNextPage).toBe(false);
  const byId = Object.fromEntries(data.app.journeys.nodes.map((j: any) => [j.journeyId, j]));
  expect(data.app.journeys.nodes).toHaveLength(3);
  expect(byId[journeys.RETAIL_ONBOARDING]).toMatchObject({
    name: 'OnboardingSeries',
    state: 'ACTIVE',
    startCondition: { description: 'All customers', segment: { segmentId: segments.RETAIL_ALL_CUSTOMERS, name: 'All customers' } },
  });
  expect(byId[journeys.RETAIL_WINBACK_DRAFT]).toMatchObject({
    name: 'WinbackDraft',
    state: 'DRAFT',
    schedule: null,
    startCondition: { segment: { segmentId: segments.RETAIL_LAPSED, name: 'Lapsed buyers' } },
  });
  expect(byId[journeys.RETAIL_HOLIDAY_PROMO]).toMatchObject({
    name: 'HolidayPromo',
    state: 'COMPLETED',
    startCondition: { segment: { segmentId: segments.RETAIL_VIP, name: 'VIP shoppers (spend 500+)' } },
  });
  expectMinimumCalls();
});

test('template library: each template’s description comes from its versions page, with no Get<Type>Template', async () => {
  const { data, expectMinimumCalls } = await runPinpointReference('pinpoint-template-library');
  expect(data.templates.pageInfo.hasNextPage).toBe(false);
  const byName = Object.fromEntries(data.templates.nodes.map((t: any) => [t.templateName, t]));
  expect(Object.keys(byName).sort()).toEqual(['CartReminder', 'OrderShipped', 'OtpCall', 'SecurityAlert', 'SpringBanner', 'WelcomeEmail']);
  expect(byName.WelcomeEmail).toMatchObject({ __typename: 'EmailTemplate', templateType: 'EMAIL', version: '2', description: 'Welcome email, revision 2' });
  expect(byName.WelcomeEmail.versions.nodes.map((v: any) => [v.version, v.description])).toEqual([
    ['1', 'Welcome email, revision 1'],
    ['2', 'Welcome email, revision 2'],
    ['3', 'Welcome email, revision 3'],
  ]);
  expect(byName.WelcomeEmail.versions.pageInfo.hasNextPage).toBe(false);
  expect(Object.fromEntries(data.templates.nodes.map((t: any) => [t.templateName, t.description]))).toEqual({
    WelcomeEmail: 'Welcome email, revision 2',
    OrderShipped: 'Shipping notification',
    CartReminder: 'Abandoned-cart reminder',
    OtpCall: 'One-time passcode call',
    SpringBanner: 'Spring sale banner',
    SecurityAlert: 'New sign-in alert',
  });
  expect(byName.CartReminder.versions.nodes.map((v: any) => v.version)).toEqual(['1', '2']);
  expect(byName.SpringBanner).toMatchObject({ __typename: 'InAppTemplate', templateType: 'INAPP', version: '1' });
  expectMinimumCalls();
});

test('sender IDs and configuration sets: the complete sender ID page answers the sets’ default sender IDs', async () => {
  const { data, expectMinimumCalls } = await runSmsReference('sms-sender-ids-registrations');
  expect(data.senderIds.pageInfo.hasNextPage).toBe(false);
  const bySender = Object.fromEntries(data.senderIds.nodes.map((s: any) => [`${s.senderId}/${s.isoCountryCode}`, s]));
  expect(Object.keys(bySender).sort()).toEqual(['ACMEALERT/GB', 'ACMEINFO/DE', 'ACMESHOP/SG']);
  expect(bySender['ACMESHOP/SG']).toMatchObject({
    registered: true,
    registration: { registrationId: registrations.sgSenderId, registrationType: 'SG_SENDER_ID_REGISTRATION', status: 'COMPLETE' },
  });
  expect(bySender['ACMEALERT/GB']).toMatchObject({ messageTypes: ['TRANSACTIONAL'], registration: null });
  expect(bySender['ACMEINFO/DE']).toMatchObject({ deletionProtectionEnabled: true, registration: null });
  const bySet = Object.fromEntries(data.configurationSets.nodes.map((c: any) => [c.name, c]));
  expect(bySet['main-config']).toEqual({
    name: 'main-config',
    defaultMessageType: 'TRANSACTIONAL',
    defaultSenderId: 'ACMEALERT',
    defaultSenderIds: [{ senderId: 'ACMEALERT', isoCountryCode: 'GB', messageTypes: ['TRANSACTIONAL'], registered: false }],
  });
  expect(bySet['marketing-config']).toMatchObject({ defaultMessageType: 'PROMOTIONAL', defaultSenderId: null, defaultSenderIds: [] });
  expect(bySet['empty-config']).toMatchObject({ defaultSenderId: null, defaultSenderIds: [] });
  expectMinimumCalls();
});

test('one phone number by three paths (node, pool member, registration association) costs one DescribePhoneNumbers', async () => {
  const reference = readReferenceQuery('sms-phone-number-three-paths');
  // The header's literal global ID is the one the gateway issues for the seeded number.
  expect(reference.variables.id).toBe(globalId('PhoneNumber', phoneNumbers.tenDlcMarketing1));
  const { data, expectMinimumCalls } = await runSmsReference('sms-phone-number-three-paths');
  const card = {
    id: reference.variables.id,
    phoneNumberId: phoneNumbers.tenDlcMarketing1,
    phoneNumber: '+14255550100',
    numberType: 'TEN_DLC',
    messageType: 'PROMOTIONAL',
    status: 'ACTIVE',
    poolId: pools.marketing,
    registrationId: registrations.tenDlcCampaign,
  };
  expect(data.number).toEqual(card);
  expect(data.pool).toMatchObject({ poolId: pools.marketing, messageType: 'PROMOTIONAL', optOutListName: 'marketing-optouts' });
  const members = data.pool.originationIdentities.nodes;
  expect(members.map((m: any) => m.originationIdentity).sort()).toEqual([phoneNumbers.tenDlcMarketing1, phoneNumbers.tenDlcMarketing2].sort());
  expect(members.find((m: any) => m.originationIdentity === phoneNumbers.tenDlcMarketing1).resource).toEqual({ __typename: 'PhoneNumber', ...card });
  expect(members.find((m: any) => m.originationIdentity === phoneNumbers.tenDlcMarketing2).resource).toMatchObject({ phoneNumber: '+14255550101', poolId: pools.marketing });
  expect(data.registration).toMatchObject({ registrationId: registrations.tenDlcCampaign, registrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION', status: 'COMPLETE' });
  const associations = data.registration.associations.nodes;
  expect(associations.map((a: any) => [a.resourceType, a.resourceId]).sort()).toEqual([
    ['phone-number', phoneNumbers.tenDlcMarketing1],
    ['phone-number', phoneNumbers.tenDlcMarketing2],
  ].sort());
  expect(associations.find((a: any) => a.resourceId === phoneNumbers.tenDlcMarketing1).resource).toEqual({ __typename: 'PhoneNumber', ...card });
  expect(associations.find((a: any) => a.resourceId === phoneNumbers.tenDlcMarketing2).resource).toMatchObject({ phoneNumber: '+14255550101', registrationId: registrations.tenDlcCampaign });
  expectMinimumCalls();
});
