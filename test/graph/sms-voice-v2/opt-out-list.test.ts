import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls } from './kit';

describe('opt-out lists: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('every list with its opted-out numbers: 1 DescribeOptOutLists + 1 DescribeOptedOutNumbers per list', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      '{ optOutLists(first: 10) { nodes { name arn optedOutNumbers(first: 10) { nodes { optedOutNumber endUserOptedOut optedOutTimestamp } } } } }',
    );
    expect(result.response.body.errors).toBeUndefined();
    const lists = result.response.body.data.optOutLists.nodes as any[];
    expect(lists.map((list) => list.name)).toEqual(['Default', 'marketing-optouts', 'transactional-optouts']);
    expect(lists[0].arn).toBe('arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/Default');
    expect(lists[1].optedOutNumbers.nodes.map((n: any) => [n.optedOutNumber, n.endUserOptedOut])).toEqual([
      ['+12065550150', true],
      ['+12065550151', true],
      ['+12065550152', false],
    ]);
    expect(lists[2].optedOutNumbers.nodes).toEqual([{ optedOutNumber: '+16045550199', endUserOptedOut: true, optedOutTimestamp: expect.any(String) }]);
    expectCalls(result, { DescribeOptOutLists: 1, DescribeOptedOutNumbers: 3 });
  });

  test('optedOutNumbers pages forward with first/after', async () => {
    const query = 'query ($after: String) { optOutList(name: "marketing-optouts") { optedOutNumbers(first: 2, after: $after) { nodes { optedOutNumber } pageInfo { hasNextPage endCursor } } } }';
    const first = await gqlWithEmulatorCalls(stack, query);
    const page1 = first.response.body.data.optOutList.optedOutNumbers;
    expect(page1.nodes).toEqual([{ optedOutNumber: '+12065550150' }, { optedOutNumber: '+12065550151' }]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expectCalls(first, { DescribeOptOutLists: 1, DescribeOptedOutNumbers: 1 });
    const second = await gqlWithEmulatorCalls(stack, query, { after: page1.pageInfo.endCursor });
    expect(second.response.body.data.optOutList.optedOutNumbers.nodes).toEqual([{ optedOutNumber: '+12065550152' }]);
    expect(second.response.body.data.optOutList.optedOutNumbers.pageInfo.hasNextPage).toBe(false);
    expectCalls(second, { DescribeOptOutLists: 1, DescribeOptedOutNumbers: 1 });
  });

  test('node(id) fetches a list; an unknown list by name is null with NOT_FOUND', async () => {
    const id = globalId('OptOutList', 'transactional-optouts');
    const result = await gqlWithEmulatorCalls(stack, 'query ($id: ID!) { node(id: $id) { id ... on OptOutList { name } } missing: optOutList(name: "no-such-list") { name } }', { id });
    expect(result.response.body.data).toEqual({ node: { id, name: 'transactional-optouts' }, missing: null });
    expect(result.response.body.errors).toMatchObject([{ path: ['missing'], extensions: { code: 'NOT_FOUND' } }]);
    // Both names go in one call, which fails whole; the known name is retried alone.
    expectCalls(result, { DescribeOptOutLists: 2 });
  });
});

describe('opt-out lists: mutations return the changed list and number', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('create a list, put and delete an opted-out number, delete the list', async () => {
    const created = await gqlWithEmulatorCalls(stack, 'mutation { createOptOutList(input: { name: "test-optouts" }) { optOutList { id name arn createdTimestamp } } }');
    expect(created.response.body.errors).toBeUndefined();
    expect(created.response.body.data.createOptOutList.optOutList).toEqual({
      id: globalId('OptOutList', 'test-optouts'),
      name: 'test-optouts',
      arn: 'arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/test-optouts',
      createdTimestamp: expect.any(String),
    });
    expectCalls(created, { CreateOptOutList: 1 });

    const put = await gqlWithEmulatorCalls(
      stack,
      'mutation { putOptedOutNumber(input: { optOutListName: "test-optouts", optedOutNumber: "+12065550177" }) { optOutList { name optedOutNumbers { nodes { optedOutNumber } } } optedOutNumber { optedOutNumber endUserOptedOut } } }',
    );
    expect(put.response.body.errors).toBeUndefined();
    expect(put.response.body.data.putOptedOutNumber).toEqual({
      optOutList: { name: 'test-optouts', optedOutNumbers: { nodes: [{ optedOutNumber: '+12065550177' }] } },
      optedOutNumber: { optedOutNumber: '+12065550177', endUserOptedOut: false },
    });
    expectCalls(put, { PutOptedOutNumber: 1, DescribeOptOutLists: 1, DescribeOptedOutNumbers: 1 });

    const deletedNumber = await gqlWithEmulatorCalls(
      stack,
      'mutation { deleteOptedOutNumber(input: { optOutListName: "test-optouts", optedOutNumber: "+12065550177" }) { optedOutNumber { optedOutNumber } optOutList { optedOutNumbers { nodes { optedOutNumber } } } } }',
    );
    expect(deletedNumber.response.body.data.deleteOptedOutNumber).toEqual({ optedOutNumber: { optedOutNumber: '+12065550177' }, optOutList: { optedOutNumbers: { nodes: [] } } });
    expectCalls(deletedNumber, { DeleteOptedOutNumber: 1, DescribeOptOutLists: 1, DescribeOptedOutNumbers: 1 });

    const deleted = await gqlWithEmulatorCalls(stack, 'mutation { deleteOptOutList(input: { name: "test-optouts" }) { optOutList { name } } }');
    expect(deleted.response.body.data.deleteOptOutList.optOutList).toEqual({ name: 'test-optouts' });
    expectCalls(deleted, { DeleteOptOutList: 1 });

    const gone = await stack.gql('{ optOutList(name: "test-optouts") { name } }');
    expect(gone.body.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
  });

  test('creating a list that exists is a CONFLICT', async () => {
    const result = await gqlWithEmulatorCalls(stack, 'mutation { createOptOutList(input: { name: "marketing-optouts" }) { optOutList { name } } }');
    expect(result.response.body.errors).toMatchObject([{ path: ['createOptOutList'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(result, { CreateOptOutList: 1 });
  });
});
