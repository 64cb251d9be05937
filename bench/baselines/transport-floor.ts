import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { round, summarize } from '../lib/stats';

/**
 * The transport floor beside baseline 2: what `calls` upstream round trips in sequence cost on this
 * machine with no SDK and no GraphQL at all: bare `node:http` GETs of one small resource over a
 * keep-alive socket, each started when the previous answer is read. Anything built on Node's HTTP
 * client (the SDK's handler is) pays at least this, so the table shows how much of a query's
 * overhead is the machine's (process wake-ups, loopback) rather than the SDK's or the gateway's.
 */

/** Module-private: one small, always-present resource (GetApp of the seeded RETAIL project). */
const FLOOR_PATH = `/v1/apps/${PINPOINT_SEED.apps.RETAIL}`;

/** p50 latency of `iterations` chains of `calls` sequential GETs against the emulator, after `warmup` chains. */
export async function measureTransportFloor(endpoint: string, calls: number, options: { iterations: number; warmup: number }): Promise<number> {
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ agent, host: url.hostname, port: url.port, path: FLOOR_PATH, method: 'GET' }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`transport floor: GET ${FLOOR_PATH} answered ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  const chain = async () => {
    for (let i = 0; i < calls; i += 1) await get();
  };
  try {
    for (let i = 0; i < options.warmup; i += 1) await chain();
    const samples: number[] = [];
    for (let i = 0; i < options.iterations; i += 1) {
      const t0 = performance.now();
      await chain();
      samples.push(performance.now() - t0);
    }
    return round(summarize(samples).p50Ms);
  } finally {
    agent.destroy();
  }
}
