import { LandingLoader } from '../../src/upstream/landingLoader';
import { startStack } from '../helpers/startStack';

// A by-ID loader whose waiting batch takes what other answers of the request brought
// (src/upstream/landingLoader.ts).

test('a key another answer brings while its batch waits is answered without asking; clear forgets it', async () => {
  const asked: string[][] = [];
  let go!: () => void;
  const parked = new Promise<void>((resolve) => (go = resolve));
  const loader = new LandingLoader<string, string>('things', async (keys) => {
    asked.push([...keys]);
    return keys.map((key) => `read ${key}`);
  }, { batchScheduleFn: (dispatch) => void parked.then(dispatch) });
  const a = loader.load('a');
  const b = loader.load('b');
  // Primed by a list answer while the batch waits: DataLoader's prime alone would not answer `a`.
  loader.land('a', 'listed a');
  go();
  expect(await Promise.all([a, b])).toEqual(['listed a', 'read b']);
  expect(asked).toEqual([['b']]);
  // A write made it stale: cleared, it is read again.
  loader.clear('a');
  const again = loader.load('a');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(await again).toBe('read a');
  expect(asked).toEqual([['b'], ['a']]);
});

test('opt-out lists with their numbers\' pools beside their own pools: the pools the filtered read brought are not read again by ID', async () => {
  const stack = await startStack();
  try {
    const { status, body } = await stack.gql(
      '{ optOutLists(first: 2) { nodes { name phoneNumbers(first: 3) { nodes { pool { poolId deletionProtectionEnabled } } } pools(first: 3) { nodes { poolId } } } } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    // The numbers' pools are among the lists' pools: one filtered DescribePools, no read by ID.
    expect(body.extensions?.upstreamCalls?.byOperation).toEqual({ DescribeOptOutLists: 1, DescribePhoneNumbers: 1, DescribePools: 1 });
    const numbersPools = body.data.optOutLists.nodes.flatMap((list: any) => list.phoneNumbers.nodes.map((n: any) => n.pool?.poolId)).filter(Boolean);
    expect(numbersPools.length).toBeGreaterThan(0);
  } finally {
    await stack.close();
  }
});

test('a configuration set\'s default sender IDs beside a pool\'s sender-ID member: the sender ID the filtered read brought is not read again by ID', async () => {
  const stack = await startStack();
  try {
    const { status, body } = await stack.gql(
      '{ configurationSet(name: "main-config") { defaultSenderIds { senderId isoCountryCode } } pool(poolId: "pool-6c8689d9a1e03920420a6ecb8257d83c") { originationIdentities(first: 3) { nodes { resource { __typename ... on SenderId { senderId isoCountryCode } } } } } }',
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const members = body.data.pool.originationIdentities.nodes.map((node: any) => node.resource).filter((resource: any) => resource.__typename === 'SenderId');
    expect(members).toEqual([{ __typename: 'SenderId', senderId: 'ACMEALERT', isoCountryCode: 'GB' }]);
    expect(body.data.configurationSet.defaultSenderIds).toContainEqual({ senderId: 'ACMEALERT', isoCountryCode: 'GB' });
    expect(body.extensions?.upstreamCalls?.byOperation.DescribeSenderIds).toBe(1);
  } finally {
    await stack.close();
  }
});
