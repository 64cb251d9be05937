/**
 * A second "gateway process" for the cross-process single-flight test: it builds the same
 * Redis-backed KPI cache as the gateway, prints `ready`, waits for `go` on stdin, then loads one
 * KPI key. Its load counts itself in Redis (INCR) so the test can count loads across processes.
 * Env: REDIS_URL, KEY_PREFIX, RESOURCE_ARN, LOAD_DELAY_MS.
 */
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { createKpiCache } from '../../src/cache/kpiCache';
import { createRedisCache } from '../../src/cache/redisCache';

async function run(): Promise<void> {
  const url = process.env.REDIS_URL!;
  const keyPrefix = process.env.KEY_PREFIX!;
  const store = createRedisCache({ url, keyPrefix });
  const counter = new Redis(url);
  await store.waitUntilReady(5_000);
  const kpiCache = createKpiCache({ cache: store, lock: store, ttl: { pastSeconds: 3_600, currentSeconds: 60 }, lockTtlMs: 10_000 });
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line.trim() !== 'go') continue;
    const value = await kpiCache.getOrLoad(
      { resourceArn: process.env.RESOURCE_ARN!, kpiName: 'successful-delivery-rate', startTime: new Date('2024-01-01T00:00:00Z'), endTime: new Date('2024-01-08T00:00:00Z') },
      async () => {
        await counter.incr(`${keyPrefix}loads`);
        await new Promise((resolve) => setTimeout(resolve, Number(process.env.LOAD_DELAY_MS ?? '300')));
        return { loadedBy: `worker-${process.pid}`, rows: [1, 2, 3] };
      },
    );
    process.stdout.write(`${JSON.stringify({ value })}\n`);
    break;
  }
  lines.close();
  counter.disconnect();
  await store.close();
}

run().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${String(error)}\n`);
  process.exit(1);
});
