import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, gqlWithEmulatorCalls, referenceQuery } from './kit';

const numbers = SMS_VOICE_SEED.phoneNumbers;
const pools = SMS_VOICE_SEED.pools;

/** Every number and pool starts with these two (the emulator's wording). */
const HELP = { keyword: 'HELP', action: 'AUTOMATIC_RESPONSE' };
const STOP = { keyword: 'STOP', action: 'OPT_OUT' };

describe('keywords: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('pools with their keywords and each keyword\'s owner cost the written minimum', async () => {
    const reference = referenceQuery('sms-pool-keywords');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.pools.nodes).toEqual(
      [pools.marketing, pools.alerts].map((poolId) => ({
        poolId,
        keywords: { nodes: [HELP, STOP].map((keyword) => ({ ...keyword, owner: { __typename: 'Pool', poolId } })) },
      })),
    );
    expectCalls(result, reference.byOperation);
  });

  test('keyword lookups on one number share a DescribeKeywords call (case-insensitive); an unknown one is null with NOT_FOUND and costs one retry', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: String!) { phoneNumber(phoneNumberId: $id) {
        help: keyword(keyword: "help") { keyword message action originationIdentity originationIdentityArn }
        stop: keyword(keyword: "Stop") { keyword action }
        missing: keyword(keyword: "NOPE") { keyword } } }`,
      { id: numbers.simulator },
    );
    expect(result.response.body.data.phoneNumber).toEqual({
      help: {
        keyword: 'HELP',
        message: 'You are receiving messages from this number. Reply STOP to opt out of further messages.',
        action: 'AUTOMATIC_RESPONSE',
        originationIdentity: numbers.simulator,
        originationIdentityArn: `arn:aws:sms-voice:us-east-1:123456789012:phone-number/${numbers.simulator}`,
      },
      stop: STOP,
      missing: null,
    });
    expect(result.response.body.errors).toMatchObject([{ path: ['phoneNumber', 'missing'], extensions: { code: 'NOT_FOUND' } }]);
    // One call for the three keywords fails on NOPE; the two known ones are asked again together.
    expectCalls(result, { DescribePhoneNumbers: 1, DescribeKeywords: 2 });
  });

  test('keywords page forward with first/after', async () => {
    const query = 'query ($after: String) { pool(poolId: "' + pools.alerts + '") { keywords(first: 1, after: $after) { nodes { keyword } pageInfo { hasNextPage endCursor } } } }';
    const first = await gqlWithEmulatorCalls(stack, query);
    const page1 = first.response.body.data.pool.keywords;
    expect(page1.nodes).toEqual([{ keyword: 'HELP' }]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expectCalls(first, { DescribePools: 1, DescribeKeywords: 1 });
    const second = await gqlWithEmulatorCalls(stack, query, { after: page1.pageInfo.endCursor });
    expect(second.response.body.data.pool.keywords).toEqual({ nodes: [{ keyword: 'STOP' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
    expectCalls(second, { DescribePools: 1, DescribeKeywords: 1 });
  });
});

describe('keywords: mutations return the keyword', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('put a custom keyword on a pool, change it, list it, delete it', async () => {
    const put = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: PutKeywordInput!) { putKeyword(input: $input) { keyword { keyword message action originationIdentity owner { ... on Pool { poolId messageType } } } } }`,
      { input: { originationIdentity: pools.marketing, keyword: 'JOIN', message: 'Welcome back to AnyCompany offers.', action: 'OPT_IN' } },
    );
    expect(put.response.body.errors).toBeUndefined();
    expect(put.response.body.data.putKeyword.keyword).toEqual({
      keyword: 'JOIN',
      message: 'Welcome back to AnyCompany offers.',
      action: 'OPT_IN',
      originationIdentity: pools.marketing,
      owner: { poolId: pools.marketing, messageType: 'PROMOTIONAL' },
    });
    expectCalls(put, { PutKeyword: 1, DescribePools: 1 });

    const changed = await gqlWithEmulatorCalls(stack, `mutation { putKeyword(input: { originationIdentity: "${pools.marketing}", keyword: "join", message: "Welcome back." }) { keyword { keyword message action } } }`);
    expect(changed.response.body.data.putKeyword.keyword).toEqual({ keyword: 'join', message: 'Welcome back.', action: 'AUTOMATIC_RESPONSE' });
    expectCalls(changed, { PutKeyword: 1 });

    const listed = await gqlWithEmulatorCalls(stack, `{ pool(poolId: "${pools.marketing}") { keywords { nodes { keyword action } } join: keyword(keyword: "JOIN") { message } } }`);
    expect(listed.response.body.data.pool).toEqual({ keywords: { nodes: [HELP, STOP, { keyword: 'join', action: 'AUTOMATIC_RESPONSE' }] }, join: { message: 'Welcome back.' } });
    // The list and the lookup are separate reads of the same owner (the lookup is batched, the list is a page).
    expectCalls(listed, { DescribePools: 1, DescribeKeywords: 2 });

    const deleted = await gqlWithEmulatorCalls(stack, `mutation { deleteKeyword(input: { originationIdentity: "${pools.marketing}", keyword: "JOIN" }) { keyword { keyword message } } }`);
    expect(deleted.response.body.data.deleteKeyword.keyword).toEqual({ keyword: 'join', message: 'Welcome back.' });
    expectCalls(deleted, { DeleteKeyword: 1 });

    const gone = await gqlWithEmulatorCalls(stack, `{ pool(poolId: "${pools.marketing}") { keyword(keyword: "JOIN") { keyword } } }`);
    expect(gone.response.body.data.pool).toEqual({ keyword: null });
    expect(gone.response.body.errors).toMatchObject([{ path: ['pool', 'keyword'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(gone, { DescribePools: 1, DescribeKeywords: 1 });
  });

  test('deleting STOP is a CONFLICT; a keyword of an unknown number is NOT_FOUND', async () => {
    const stop = await gqlWithEmulatorCalls(stack, `mutation { deleteKeyword(input: { originationIdentity: "${numbers.simulator}", keyword: "STOP" }) { keyword { keyword } } }`);
    expect(stop.response.body.errors).toMatchObject([{ path: ['deleteKeyword'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(stop, { DeleteKeyword: 1 });

    const unknown = await gqlWithEmulatorCalls(stack, 'mutation { putKeyword(input: { originationIdentity: "phone-00000000000000000000000000000000", keyword: "HI", message: "Hello" }) { keyword { keyword } } }');
    expect(unknown.response.body.errors).toMatchObject([{ path: ['putKeyword'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(unknown, { PutKeyword: 1 });
  });
});
