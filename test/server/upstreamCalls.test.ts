import { startStack, type Stack } from '../helpers/startStack';

/** `extensions.upstreamCalls`: exact SDK command counts per request (one per `send`, retries not counted). */
describe('upstreamCalls plugin (enabled outside production)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterEach(() => stack.emulator.setFaults([]));
  afterAll(() => stack.close());

  const emulatorCalls = async () => (await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { total: number; byOperation: Record<string, number> };
  const clearEmulatorCalls = () => fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });

  test('each request reports its own commands per operation, matching what the emulator received', async () => {
    await clearEmulatorCalls();
    const { body } = await stack.gql('{ pools(first: 2) { nodes { poolId } } optOutLists(first: 1) { nodes { name } } }');
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.upstreamCalls).toEqual({ total: 2, byOperation: { DescribeOptOutLists: 1, DescribePools: 1 } });
    expect((await emulatorCalls()).byOperation).toEqual({ 'sms-voice-v2.DescribeOptOutLists': 1, 'sms-voice-v2.DescribePools': 1 });
    // The next request starts from zero: counters are per request.
    const again = await stack.gql('{ optOutLists(first: 1) { nodes { name } } }');
    expect(again.body.extensions?.upstreamCalls).toEqual({ total: 1, byOperation: { DescribeOptOutLists: 1 } });
  });

  test('a retried command counts once per send; the emulator sees every attempt', async () => {
    await clearEmulatorCalls();
    stack.emulator.setFaults([{ service: 'sms-voice-v2', operation: 'DescribePools', errorCode: 'InternalServerException', count: 1 }]);
    const { body } = await stack.gql('{ pools(first: 1) { nodes { poolId } } }');
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.upstreamCalls).toEqual({ total: 1, byOperation: { DescribePools: 1 } });
    expect((await emulatorCalls()).byOperation).toEqual({ 'sms-voice-v2.DescribePools': 2 });
  });

  test('the process-wide counter sees the commands of every request', async () => {
    const before = stack.gateway.processCalls.snapshot();
    await Promise.all([stack.gql('{ pools(first: 1) { nodes { poolId } } }'), stack.gql('{ pools(first: 1) { nodes { poolId } } }')]);
    const after = stack.gateway.processCalls.snapshot();
    expect(after.total - before.total).toBe(2);
    expect(after.byOperation.DescribePools - (before.byOperation.DescribePools ?? 0)).toBe(2);
  });
});

test('no extensions.upstreamCalls when disabled, or in production by default', async () => {
  const disabled = await startStack({ seed: false, gateway: { exposeUpstreamCalls: false } });
  const production = await startStack({ seed: false, gateway: { nodeEnv: 'production' } });
  try {
    expect((await disabled.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    expect((await production.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
  } finally {
    await disabled.close();
    await production.close();
  }
});
