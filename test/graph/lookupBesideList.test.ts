import { JOURNEY_SEED } from '../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../helpers/startStack';

// A lookup by ID beside the list that holds its object, in one request: the list's read answers
// it (found in the first page, in flight or done), so the request reads that list once and makes
// no read by ID. Each case names one lookup field and the list of the same objects, and the
// lookup's answer must equal what a request with the lookup alone answers.

const { apps, campaigns, segments } = PINPOINT_SEED;
const { pools, optOutLists, registrations, phoneNumbers, configurationSets, attachments } = SMS_VOICE_SEED;

interface Case {
  readonly name: string;
  /** The lookup alone (its answer is the reference); given the first ID the list answers, for objects the seed names by generated IDs. */
  readonly lookup: string | ((firstId: string) => string);
  /** How to read the first ID from the list's data (with `lookup` a function). */
  readonly firstId?: (listed: any) => string;
  /** The list beside it. */
  readonly list: string;
  /** Wraps a selection in the object both are fields of. */
  readonly around?: (inner: string) => string;
  /** The by-ID read the list spares, and the list operation read once. */
  readonly byId: string;
  readonly listOperation: string;
}

const app = (inner: string) => `app(id: "${apps.RETAIL}") { ${inner} }`;

const CASES: readonly Case[] = [
  { name: 'a campaign beside its project’s campaigns', lookup: `campaign(id: "${campaigns.RETAIL_SPRING_SALE}") { name }`, list: 'campaigns(first: 10) { nodes { name } }', around: app, byId: 'GetCampaign', listOperation: 'GetCampaigns' },
  { name: 'a segment beside its project’s segments', lookup: `segment(id: "${segments.RETAIL_VIP}") { name }`, list: 'segments(first: 10) { nodes { name } }', around: app, byId: 'GetSegment', listOperation: 'GetSegments' },
  { name: 'a journey beside its project’s journeys', lookup: `journey(id: "${JOURNEY_SEED.journeys.RETAIL_ONBOARDING}") { name }`, list: 'journeys(first: 10) { nodes { name } }', around: app, byId: 'GetJourney', listOperation: 'ListJourneys' },
  { name: 'a pool beside the account’s pools', lookup: `pool(poolId: "${pools.marketing}") { poolId messageType }`, list: 'pools(first: 10) { nodes { poolId } }', byId: 'DescribePools', listOperation: 'DescribePools' },
  { name: 'a phone number beside the account’s numbers', lookup: `phoneNumber(phoneNumberId: "${phoneNumbers.tenDlcMarketing1}") { phoneNumber status }`, list: 'phoneNumbers(first: 20) { nodes { phoneNumberId } }', byId: 'DescribePhoneNumbers', listOperation: 'DescribePhoneNumbers' },
  { name: 'an opt-out list beside the account’s lists', lookup: `optOutList(name: "${optOutLists.marketing}") { name }`, list: 'optOutLists(first: 10) { nodes { name } }', byId: 'DescribeOptOutLists', listOperation: 'DescribeOptOutLists' },
  { name: 'a registration beside the account’s registrations', lookup: `registration(registrationId: "${registrations.tollFreeApproved}") { status registrationType }`, list: 'registrations(first: 10) { nodes { registrationId } }', byId: 'DescribeRegistrations', listOperation: 'DescribeRegistrations' },
  { name: 'an attachment beside the account’s attachments', lookup: `registrationAttachment(registrationAttachmentId: "${Object.values(attachments)[0]}") { status }`, list: 'registrationAttachments(first: 10) { nodes { registrationAttachmentId } }', byId: 'DescribeRegistrationAttachments', listOperation: 'DescribeRegistrationAttachments' },
  { name: 'a project beside the account’s projects', lookup: `app(id: "${apps.RETAIL}") { name }`, list: 'apps(first: 10) { nodes { name } }', byId: 'GetApp', listOperation: 'GetApps' },
  {
    name: 'an import job beside its project’s import jobs',
    lookup: (id) => `importJob(id: "${id}") { jobStatus }`,
    list: 'importJobs(first: 10) { nodes { jobId } }',
    firstId: (listed) => listed.nodes[0].jobId,
    around: app,
    byId: 'GetImportJob',
    listOperation: 'GetImportJobs',
  },
  {
    name: 'a recommender beside the account’s recommenders',
    lookup: (id) => `recommenderConfiguration(id: "${id}") { name }`,
    list: 'recommenderConfigurations(first: 10) { nodes { recommenderId } }',
    firstId: (listed) => listed.nodes[0].recommenderId,
    byId: 'GetRecommenderConfiguration',
    listOperation: 'GetRecommenderConfigurations',
  },
  { name: 'a configuration set beside the account’s sets', lookup: `configurationSet(name: "${configurationSets.marketing}") { name }`, list: 'configurationSets(first: 10) { nodes { name } }', byId: 'DescribeConfigurationSets', listOperation: 'DescribeConfigurationSets' },
  { name: 'a registration type beside the type definitions', lookup: 'registrationTypeDefinition(registrationType: "US_TOLL_FREE_REGISTRATION") { registrationType }', list: 'registrationTypeDefinitions(first: 10) { nodes { registrationType } }', byId: 'DescribeRegistrationTypeDefinitions', listOperation: 'DescribeRegistrationTypeDefinitions' },
];

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

/** Module-private: a document of `inner`, inside `around` when the case has one. */
const documentOf = (testCase: Case, inner: string) => `{ ${testCase.around ? testCase.around(inner) : inner} }`;

test.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s: one read of the list, none by ID, the same answer', async (_name, testCase) => {
  let lookup = testCase.lookup;
  if (typeof lookup === 'function') {
    const listed = await stack.gql(documentOf(testCase, `list: ${testCase.list}`));
    expect(listed.body.errors).toBeUndefined();
    lookup = lookup(testCase.firstId!(testCase.around ? listed.body.data.app.list : listed.body.data.list));
  }
  const alone = await stack.gql(documentOf(testCase, `item: ${lookup}`));
  expect(alone.body.errors).toBeUndefined();
  const both = await stack.gql(documentOf(testCase, `item: ${lookup} list: ${testCase.list}`));
  expect(both.body.errors).toBeUndefined();
  const item = (body: any) => (testCase.around ? body.data.app.item : body.data.item);
  expect(item(both.body)).toEqual(item(alone.body));
  const calls: Record<string, number> = both.body.extensions!.upstreamCalls.byOperation;
  const expected = testCase.byId === testCase.listOperation ? { [testCase.listOperation]: 1 } : { [testCase.byId]: 0, [testCase.listOperation]: 1 };
  expect(Object.fromEntries(Object.keys(expected).map((operation) => [operation, calls[operation] ?? 0]))).toEqual(expected);
});
