import { startStack, type Stack } from '../helpers/startStack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('a query over HTTP answers with data and the upstream call counts', async () => {
  const { status, body } = await stack.gql('{ __typename }');
  expect(status).toBe(200);
  expect(body).toEqual({ data: { __typename: 'Query' }, extensions: { upstreamCalls: { total: 0, byOperation: {} }, cost: { estimatedObjects: 0, estimatedUpstreamCalls: 0, maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 12_000 } } });
});

test('Mutation._ping answers true', async () => {
  const { body } = await stack.gql('mutation { _ping }');
  expect(body.data).toEqual({ _ping: true });
});

test('startStack({ redis: true }) backs the KPI cache with the shared Redis under its own prefix', async () => {
  const withRedis = await startStack({ seed: false, redis: true });
  try {
    expect(withRedis.redisPrefix).toMatch(/^test:stack:/);
    const ready = await fetch(`${withRedis.gatewayUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, unknown> }).checks.cache).toEqual({ ok: true, critical: false, detail: 'redis answers PING' });
  } finally {
    await withRedis.close();
  }
});
