import type { Cluster, Redis } from 'ioredis';

/**
 * Whether `redis` is (or becomes, within `timeoutMs`) ready for commands. The gateway's Redis
 * clients run without an offline queue (a command while disconnected fails at once rather than
 * waiting), so a caller that wants its first command to count waits for this first.
 */
export function waitForRedisReady(redis: Redis | Cluster, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.once('ready', onReady);
  });
}
