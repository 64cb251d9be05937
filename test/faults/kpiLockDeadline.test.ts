import { kpiCacheKey } from '../../src/cache/kpiCache';
import { DEFAULT_LIMITS } from '../../src/server/limits';
import { testRedisClient } from '../helpers/redis';
import { startStack, type Stack } from '../helpers/startStack';
import { kpiRange } from './redisFaultKit';

// Every cache wait honours the request's deadline (issue 14): a KPI whose load another gateway
// process holds the lock of (and would for 30 s) is waited for only until the request's deadline;
// then the field fails with DEADLINE_EXCEEDED and the rest of the answer is sent at once (HTTP
// 200), rather than the whole request being cut off with a 504 after the deadline's grace.

const KPI = `query Kpi($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { arn kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { rows { values { key value } } } }
}`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ redis: true, gateway: { limits: { execution: { ...DEFAULT_LIMITS.execution, deadlineMs: 400 } } } });
});
afterAll(() => stack?.close());

test("a wait on another process's KPI lock ends at the request's deadline, as a field error of a 200 answer", async () => {
  const variables = kpiRange(9);
  const arn = (await stack.gql('query($app: ID!) { app(id: $app) { arn } }', { app: variables.app })).body.data.app.arn as string;
  const lockKey = `${stack.redisPrefix}${kpiCacheKey({ resourceArn: arn, kpiName: 'txn-emails-sent', startTime: new Date(variables.start), endTime: new Date(variables.end) })}:lock`;
  const raw = testRedisClient();
  try {
    expect(await raw.set(lockKey, 'another-gateway', 'PX', 30_000, 'NX')).toBe('OK');
    const response = await stack.gql(KPI, variables);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ app: null });
    expect(response.body.errors).toEqual([expect.objectContaining({ path: ['app', 'kpi'], extensions: expect.objectContaining({ code: 'DEADLINE_EXCEEDED' }) })]);
    expect(response.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBeUndefined();
    // The lock is the other process's: still there, untouched.
    expect(await raw.get(lockKey)).toBe('another-gateway');
  } finally {
    await raw.del(lockKey);
    raw.disconnect();
  }
});
