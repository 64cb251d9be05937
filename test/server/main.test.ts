import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/**
 * The composition root as an operator runs it: `src/main.ts` with no endpoints starts the seeded
 * emulator in-process, prints its URL, serves GraphQL and readiness, and exits 0 on SIGTERM.
 */
test('main starts the in-process emulator, serves, and shuts down gracefully on SIGTERM', async () => {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', '..', 'src', 'main.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', UPSTREAM: 'emulator', PINPOINT_ENDPOINT: '', SMS_VOICE_ENDPOINT: '', REDIS_URL: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const banner = String((await lines.next()).value);
    const match = /^pinpoint-graph gateway: GraphQL at (http:\/\/127\.0\.0\.1:\d+)\/graphql, GraphiQL at \1\/$/.exec(banner);
    expect(match).not.toBeNull();
    const url = match![1];
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ pools(first: 1) { nodes { __typename } } }' }) });
    expect(await response.json()).toEqual({ data: { pools: { nodes: [{ __typename: 'Pool' }] } }, extensions: { upstreamCalls: { total: 1, byOperation: { DescribePools: 1 } }, cost: { estimatedObjects: 2, estimatedUpstreamCalls: 1, maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 12_000 } } });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
