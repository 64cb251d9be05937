import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Recommender configurations and phone number validation over HTTP against the seeded emulator.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const PROVIDER = 'arn:aws:personalize:us-east-1:123456789012:campaign/next-best';
const ROLE = 'arn:aws:iam::123456789012:role/PinpointPersonalize';

test('recommender configurations: list, node, NOT_FOUND', async () => {
  const listed = await runCounted(
    stack,
    `{ recommenderConfigurations { nodes { id recommenderId name description recommendationProviderUri recommendationProviderRoleArn recommendationProviderIdType recommendationsDisplayName recommendationsPerMessage } pageInfo { hasNextPage } } }`,
  );
  expect(listed.body.errors).toBeUndefined();
  const [picks] = listed.body.data.recommenderConfigurations.nodes;
  expect(picks).toEqual({
    id: expect.any(String),
    recommenderId: CHANNELS_SEED.recommenders.RETAIL_PICKS,
    name: 'Retail picks',
    description: 'Top products per shopper',
    recommendationProviderUri: expect.stringMatching(/:campaign\/retail-top-picks$/),
    recommendationProviderRoleArn: expect.stringMatching(/:role\/PinpointPersonalize$/),
    recommendationProviderIdType: 'PINPOINT_ENDPOINT_ID',
    recommendationsDisplayName: 'Top picks',
    recommendationsPerMessage: 3,
  });
  expect(listed.gatewayCalls).toEqual({ GetRecommenderConfigurations: 1 });

  const byNode = await runCounted(stack, `query($id: ID!) { node(id: $id) { ... on RecommenderConfiguration { name } } }`, { id: picks.id });
  expect(byNode.body.data.node).toEqual({ name: 'Retail picks' });
  expect(byNode.gatewayCalls).toEqual({ GetRecommenderConfiguration: 1 });

  const missing = await runCounted(stack, `{ recommenderConfiguration(id: "nope") { name } }`);
  expect(missing.body.errors![0]).toMatchObject({ path: ['recommenderConfiguration'], extensions: { code: 'NOT_FOUND' } });
  expect(missing.gatewayCalls).toEqual({ GetRecommenderConfiguration: 1 });
});

test('createRecommenderConfiguration, update and delete return the configuration as changed', async () => {
  const created = await runCounted(
    stack,
    `mutation { createRecommenderConfiguration(input: { configuration: { name: "Next best", recommendationProviderUri: "${PROVIDER}", recommendationProviderRoleArn: "${ROLE}", recommendationsDisplayName: "Next", recommendationsPerMessage: 2 } })
      { recommenderConfiguration { recommenderId name recommendationsPerMessage } } }`,
  );
  expect(created.body.errors).toBeUndefined();
  const { recommenderId } = created.body.data.createRecommenderConfiguration.recommenderConfiguration;
  expect(created.body.data.createRecommenderConfiguration.recommenderConfiguration).toEqual({ recommenderId, name: 'Next best', recommendationsPerMessage: 2 });
  expect(created.gatewayCalls).toEqual({ CreateRecommenderConfiguration: 1 });

  const updated = await runCounted(
    stack,
    `mutation($id: ID!) { updateRecommenderConfiguration(input: { recommenderId: $id, configuration: { name: "Next best v2", recommendationProviderUri: "${PROVIDER}", recommendationProviderRoleArn: "${ROLE}", recommendationsDisplayName: "Next", recommendationsPerMessage: 4 } })
      { recommenderConfiguration { name recommendationsPerMessage } } }`,
    { id: recommenderId },
  );
  expect(updated.body.data.updateRecommenderConfiguration.recommenderConfiguration).toEqual({ name: 'Next best v2', recommendationsPerMessage: 4 });
  expect(updated.gatewayCalls).toEqual({ UpdateRecommenderConfiguration: 1 });

  const deleted = await runCounted(stack, `mutation($id: ID!) { deleteRecommenderConfiguration(input: { recommenderId: $id }) { recommenderConfiguration { name } } }`, { id: recommenderId });
  expect(deleted.body.data.deleteRecommenderConfiguration.recommenderConfiguration).toEqual({ name: 'Next best v2' });
  const gone = await stack.gql(`query($id: ID!) { recommenderConfiguration(id: $id) { name } }`, { id: recommenderId });
  expect(gone.body.errors![0].extensions!.code).toBe('NOT_FOUND');

  const invalid = await runCounted(stack, `mutation { createRecommenderConfiguration(input: { configuration: { recommendationProviderUri: "${PROVIDER}", recommendationProviderRoleArn: "${ROLE}", recommendationsDisplayName: "N", attributes: { a: 1 } } }) { recommenderConfiguration { name } } }`);
  expect(invalid.body.errors![0]).toMatchObject({ message: '"input.configuration.attributes.a" must be a string; got 1.', extensions: { code: 'BAD_USER_INPUT' } });
  expect(invalid.wireCalls).toEqual({});
});

test('validatePhoneNumber reads once per distinct number and country', async () => {
  const { body, gatewayCalls } = await runCounted(
    stack,
    `{
      us: validatePhoneNumber(phoneNumber: "+12065550100") { originalPhoneNumber cleansedPhoneNumberE164 phoneType countryCodeIso2 }
      again: validatePhoneNumber(phoneNumber: "+12065550100") { phoneType }
      national: validatePhoneNumber(phoneNumber: "2065550100", isoCountryCode: "US") { cleansedPhoneNumberE164 }
    }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data.us).toEqual({ originalPhoneNumber: '+12065550100', cleansedPhoneNumberE164: '+12065550100', phoneType: 'MOBILE', countryCodeIso2: 'US' });
  expect(body.data.again).toEqual({ phoneType: 'MOBILE' });
  expect(body.data.national).toEqual({ cleansedPhoneNumberE164: '+12065550100' });
  expect(gatewayCalls).toEqual({ PhoneNumberValidate: 2 });
});
