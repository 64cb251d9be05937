import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, gqlWithEmulatorCalls, referenceQuery } from './kit';

const pools = SMS_VOICE_SEED.pools;

describe('opt-out lists: the numbers and pools that use them (reverse edges)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('every list with its numbers and pools costs the written minimum (one filtered call per list operation)', async () => {
    const reference = referenceQuery('sms-opt-out-list-reverse-edges');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.optOutLists.nodes).toEqual([
      {
        name: 'Default',
        phoneNumbers: {
          nodes: ['+18335550100', '+12065550100', '+447700900100', '+18335550101'].map((phoneNumber) => ({ phoneNumber, optOutListName: 'Default' })),
        },
        pools: { nodes: [{ poolId: pools.alerts }] },
      },
      {
        name: 'marketing-optouts',
        phoneNumbers: { nodes: ['+14255550100', '+14255550101'].map((phoneNumber) => ({ phoneNumber, optOutListName: 'marketing-optouts' })) },
        pools: { nodes: [{ poolId: pools.marketing }] },
      },
      {
        name: 'transactional-optouts',
        phoneNumbers: { nodes: [{ phoneNumber: '+16045550100', optOutListName: 'transactional-optouts' }] },
        pools: { nodes: [] },
      },
    ]);
    expectCalls(result, reference.byOperation);
  });

  test('the numbers of a list page forward with first/after; their optOutList edge is the list already read', async () => {
    const query = `query ($after: String) { optOutList(name: "Default") { phoneNumbers(first: 3, after: $after) {
      nodes { phoneNumber optOutList { name } } pageInfo { hasNextPage endCursor } } } }`;
    const first = await gqlWithEmulatorCalls(stack, query);
    const page1 = first.response.body.data.optOutList.phoneNumbers;
    expect(page1.nodes).toEqual(['+18335550100', '+12065550100', '+447700900100'].map((phoneNumber) => ({ phoneNumber, optOutList: { name: 'Default' } })));
    expect(page1.pageInfo.hasNextPage).toBe(true);
    // The numbers' optOutList edges are the list already loaded.
    expectCalls(first, { DescribeOptOutLists: 1, DescribePhoneNumbers: 1 });
    const second = await gqlWithEmulatorCalls(stack, query, { after: page1.pageInfo.endCursor });
    expect(second.response.body.data.optOutList.phoneNumbers.nodes).toEqual([{ phoneNumber: '+18335550101', optOutList: { name: 'Default' } }]);
    expect(second.response.body.data.optOutList.phoneNumbers.pageInfo.hasNextPage).toBe(false);
    expectCalls(second, { DescribeOptOutLists: 1, DescribePhoneNumbers: 1 });
  });

  test('a cursor whose page token is not one of the list\'s offsets is BAD_USER_INPUT', async () => {
    const cursor = Buffer.from(JSON.stringify(['some-upstream-token', 0])).toString('base64url');
    const result = await gqlWithEmulatorCalls(stack, 'query ($after: String) { optOutList(name: "Default") { pools(after: $after) { nodes { poolId } } } }', { after: cursor });
    expect(result.response.body.errors).toMatchObject([{ path: ['optOutList', 'pools'], extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(result.response.body.errors?.[0].message).toBe('The page token "some-upstream-token" is not one this list issued (offset:<n>).');
    expectCalls(result, { DescribeOptOutLists: 1, DescribePools: 1 });
  });
});

describe('opt-out lists: is a number opted out (optedOutNumber lookup)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('numbers in the list answer in one call; a number not in it is null without an error, at the cost of one call', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `{ optOutList(name: "marketing-optouts") {
        a: optedOutNumber(phoneNumber: "+12065550150") { optedOutNumber endUserOptedOut optedOutTimestamp }
        b: optedOutNumber(phoneNumber: "+12065550152") { optedOutNumber endUserOptedOut }
        c: optedOutNumber(phoneNumber: "+12065559999") { optedOutNumber } } }`,
    );
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.optOutList).toEqual({
      a: { optedOutNumber: '+12065550150', endUserOptedOut: true, optedOutTimestamp: expect.any(String) },
      b: { optedOutNumber: '+12065550152', endUserOptedOut: false },
      c: null,
    });
    // The three numbers go in one call, which fails on the unknown one; the other two are asked again together.
    expectCalls(result, { DescribeOptOutLists: 1, DescribeOptedOutNumbers: 2 });

    const two = await gqlWithEmulatorCalls(stack, '{ optOutList(name: "marketing-optouts") { a: optedOutNumber(phoneNumber: "+12065550150") { endUserOptedOut } b: optedOutNumber(phoneNumber: "+12065550151") { endUserOptedOut } } }');
    expect(two.response.body.data.optOutList).toEqual({ a: { endUserOptedOut: true }, b: { endUserOptedOut: true } });
    expectCalls(two, { DescribeOptOutLists: 1, DescribeOptedOutNumbers: 1 });
  });

  test('through the pool a number belongs to: the pool\'s list, then the lookup', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `{ pool(poolId: "${pools.marketing}") { optOutList { name optedOutNumber(phoneNumber: "+12065550151") { endUserOptedOut } } } }`,
    );
    expect(result.response.body.data.pool).toEqual({ optOutList: { name: 'marketing-optouts', optedOutNumber: { endUserOptedOut: true } } });
    expectCalls(result, { DescribePools: 1, DescribeOptOutLists: 1, DescribeOptedOutNumbers: 1 });
  });
});
