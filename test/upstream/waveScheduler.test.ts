import { createWaveScheduler } from '../../src/upstream/sms-voice-v2/loaderKit';
import { startStack } from '../helpers/startStack';

// The SMS v2 loaders' wave scheduler (loaderKit.ts): a batch the plan lets wait for a deeper wave
// is held back once, beside the batches that go, and goes when their calls are done.

/** Module-private: resolves after the scheduler's pending looks (setImmediate) and `ms`. */
const settle = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

test('a held batch waits for the calls of the batches that went beside it, then goes', async () => {
  const scheduler = createWaveScheduler((operation) => operation === 'DescribePhoneNumbers');
  const sent: string[] = [];
  let answer!: () => void;
  scheduler.schedule(() => sent.push('numbers'), 'DescribePhoneNumbers');
  scheduler.schedule(() => {
    sent.push('members');
    void scheduler.track(new Promise<void>((resolve) => (answer = resolve)));
  }, 'ListPoolOriginationIdentities');
  await settle(20);
  expect(sent).toEqual(['members']);
  answer();
  await settle();
  expect(sent).toEqual(['members', 'numbers']);
});

test('a held batch goes even when the batches that went beside it made no call (answered from what the request holds)', async () => {
  const scheduler = createWaveScheduler((operation) => operation === 'DescribePhoneNumbers');
  const sent: string[] = [];
  scheduler.schedule(() => sent.push('numbers'), 'DescribePhoneNumbers');
  scheduler.schedule(() => sent.push('members, answered locally'), 'ListPoolOriginationIdentities');
  await settle(20);
  // Before the fix nothing woke the scheduler again: the request waited for its deadline.
  expect(sent).toEqual(['members, answered locally', 'numbers']);
});

test('a batch alone is not held', async () => {
  const scheduler = createWaveScheduler(() => true);
  const sent: string[] = [];
  scheduler.schedule(() => sent.push('alone'), 'DescribePhoneNumbers');
  await settle();
  expect(sent).toEqual(['alone']);
});

test('the page generated queries found waiting for their deadline: pools with their members beside an opt-out list\'s pools answers at once', async () => {
  const stack = await startStack();
  try {
    // The opt-out list's pools and their member pages are answered by the reads the first part
    // makes, so the members' numbers batch, held for the second part's wave, was never woken.
    const { status, body } = await stack.gql(
      '{ a: pools(first: 2) { nodes { phoneNumbers(first: 2) { nodes { phoneNumberId } } } } b: optOutLists(first: 1) { nodes { pools(first: 2) { nodes { phoneNumbers(first: 2) { __typename } } } } } }',
      {},
      { 'x-request-deadline-ms': '5000' },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.a.nodes.flatMap((pool: any) => pool.phoneNumbers.nodes)).toHaveLength(3);
    expect(body.data.b.nodes[0].pools.nodes.length).toBeGreaterThan(0);
    expect(body.extensions?.upstreamCalls?.byOperation).toEqual({ DescribePools: 1, DescribeOptOutLists: 1, ListPoolOriginationIdentities: 2, DescribePhoneNumbers: 1 });
  } finally {
    await stack.close();
  }
});
