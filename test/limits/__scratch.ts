import { createEmulatorServer } from '../../src/emulator';
import { startGatewayProcess } from '../helpers/gatewayProcess';
import { runFuzz, rssBytes } from './fuzzClient';
(async () => {
  const emulator = await createEmulatorServer({ port: 0, seed: true });
  const gw = await startGatewayProcess({ env: { UPSTREAM: 'emulator', PINPOINT_ENDPOINT: emulator.endpoint, SMS_VOICE_ENDPOINT: emulator.endpoint, NODE_OPTIONS: '--max-old-space-size=1024' } });
  console.log('gateway', gw.url, 'rss', rssBytes(gw.pid)! / 1048576);
  const count = Number(process.env.N ?? 300);
  let maxRss = 0;
  const timer = setInterval(() => { maxRss = Math.max(maxRss, rssBytes(gw.pid) ?? 0); }, 200);
  const summary = await runFuzz({ baseUrl: gw.url, seed: Number(process.env.FUZZ_SEED ?? 1), count, concurrency: 4, timeoutMs: 15000, maxBodyBytes: 1048576,
    only: process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',').map(Number) : undefined,
    onOutcome: (o) => { if (o.verdict !== 'ok' && o.verdict !== 'closed') console.log('FAIL', o.index, o.family, o.status, o.detail?.slice(0, 200), Math.round(o.ms)); } });
  clearInterval(timer);
  console.log(JSON.stringify({ ...summary, failures: summary.failures.length, slowest: summary.slowest.map((o) => [o.index, o.family, Math.round(o.ms), o.status, o.codes[0]]) }, null, 1));
  console.log('maxRss MiB', maxRss / 1048576, 'end', (rssBytes(gw.pid) ?? 0) / 1048576);
  const h = await fetch(`${gw.url}/healthz`).then((r) => r.status).catch((e) => String(e));
  console.log('healthz', h, 'emulator calls', emulator.callCounts().total);
  await gw.stop(); await emulator.close();
})();
