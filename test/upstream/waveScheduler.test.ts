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

/** Module-private: a call the test answers when it likes, tracked by `scheduler`. */
function trackedCall(scheduler: ReturnType<typeof createWaveScheduler>, log: string[], name: string): () => Promise<void> {
  let answer!: () => void;
  const call = scheduler.track(new Promise<void>((resolve) => (answer = resolve)));
  void call.then(() => log.push(`${name} answered`));
  return async () => {
    answer();
    await settle();
  };
}

describe.each([
  ['the batch first, then the sibling call', true],
  ['the sibling call first, then the batch', false],
])('one resolver pass in either order (%s)', (_, batchFirst) => {
  test('a batch does not wait for a call of its own step: both are at the same depth', async () => {
    const scheduler = createWaveScheduler();
    const log: string[] = [];
    let answerSibling: (() => Promise<void>) | undefined;
    if (!batchFirst) answerSibling = trackedCall(scheduler, log, 'sibling page');
    scheduler.schedule(() => log.push('batch sent'));
    if (batchFirst) answerSibling = trackedCall(scheduler, log, 'sibling page');
    await settle(20);
    // Before steps, the order decided: a call started before the batch's first load held it for a whole round.
    expect(log).toEqual(['batch sent']);
    await answerSibling!();
    expect(log).toEqual(['batch sent', 'sibling page answered']);
  });

  test('a batch the plan lets wait is held for the deeper wave its sibling call feeds', async () => {
    const scheduler = createWaveScheduler((operation) => operation === 'DescribePhoneNumbers');
    const log: string[] = [];
    let answerSibling: (() => Promise<void>) | undefined;
    if (!batchFirst) answerSibling = trackedCall(scheduler, log, 'pool members');
    scheduler.schedule(() => log.push('numbers sent'), 'DescribePhoneNumbers');
    if (batchFirst) answerSibling = trackedCall(scheduler, log, 'pool members');
    await settle(20);
    expect(log).toEqual([]);
    await answerSibling!();
    expect(log).toEqual(['pool members answered', 'numbers sent']);
  });
});

test('a batch waits for the calls of earlier steps still in flight (the loads they feed join it)', async () => {
  const scheduler = createWaveScheduler();
  const log: string[] = [];
  const answerFirstPool = trackedCall(scheduler, log, 'first pool members');
  const answerSecondPool = trackedCall(scheduler, log, 'second pool members');
  await answerFirstPool();
  // Fed by the first answer: a later step than the second pool's call, which feeds it too.
  scheduler.schedule(() => log.push('numbers sent'));
  await settle(20);
  expect(log).toEqual(['first pool members answered']);
  await answerSecondPool();
  expect(log).toEqual(['first pool members answered', 'second pool members answered', 'numbers sent']);
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
