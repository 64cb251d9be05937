import Redis from 'ioredis';

/** The bench's own Redis chores: check it answers before a run, and remove the run's keys after. */

/** Resolves when Redis at `url` answers PING; rejects with a clear message otherwise. */
export async function assertRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`The bench needs Redis at ${url} (the shared KPI cache of the stampede); it does not answer: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under `prefix` (SCAN, never KEYS); returns how many. */
export async function deleteByPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
