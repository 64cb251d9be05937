import { readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { parsePolicy, staticPolicyStore } from '../src/auth';
import { createEmulatorServer } from '../src/emulator';
import { PINPOINT_SEED } from '../src/emulator/services/pinpoint/seed';
import { createGatewayServer, type GatewayServer } from '../src/server';
import { postClean } from './lib/http';
import { loadBenchQuery, QUERIES_DIR, requestBody, type BenchQuery } from './lib/queries';
import { median, round } from './lib/stats';
import { textTable } from './lib/table';

/**
 * `npx tsx bench/policyCost.ts [--iterations 200] [--latency-ms 0]`: what enforcing a policy costs
 * in latency on the bench queries (`bench/queries/*.graphql`), measured in one run against one
 * seeded emulator: the same gateway code twice, one with the open development caller (every
 * decision skipped) and one whose anonymous caller carries a realistic read-only policy (specific
 * project ARNs with a wildcard action, SMS reads, a region condition and two explicit denies, so
 * every field that reaches upstream is decided per object and nothing is denied). Requests
 * alternate between the two, so drift in the machine's load hits both alike. Both answer without
 * errors and with the same upstream calls, or the script stops.
 *
 * Everything runs in this one process (emulator and both gateways), so the figures include the
 * emulator's own CPU: the difference between the columns is what the decisions cost. With the
 * default `--latency-ms 0` that difference is not hidden behind upstream latency.
 */

const USAGE = 'usage: npx tsx bench/policyCost.ts [--iterations 200] [--latency-ms 0] [--warmup 20]';

/** The realistic policy: what a read-only back office of two projects and the SMS side would get. */
const REALISTIC_POLICY = parsePolicy('back-office-read', {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'ReadTwoProjects',
      Effect: 'Allow',
      Action: ['mobiletargeting:Get*', 'mobiletargeting:List*'],
      Resource: [
        `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PINPOINT_SEED.apps.RETAIL}*`,
        `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PINPOINT_SEED.apps.BANKING}*`,
        `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${PINPOINT_SEED.apps.ALERTS}*`,
        'arn:aws:mobiletargeting:us-east-1:123456789012:templates/*',
      ],
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    },
    { Sid: 'ReadSms', Effect: 'Allow', Action: ['sms-voice:Describe*', 'sms-voice:List*'], Resource: 'arn:aws:sms-voice:us-east-1:123456789012:*' },
    { Sid: 'SmsAccountReads', Effect: 'Allow', Action: ['sms-voice:DescribeAccount*', 'sms-voice:DescribeSpendLimits', 'sms-voice:DescribeRegistration*Definitions'], Resource: '*' },
    { Sid: 'NeverSend', Effect: 'Deny', Action: ['sms-voice:Send*', 'mobiletargeting:Send*'], Resource: '*' },
    { Sid: 'NeverDelete', Effect: 'Deny', Action: ['mobiletargeting:Delete*', 'sms-voice:Delete*', 'sms-voice:Release*'], Resource: '*' },
  ],
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { iterations: { type: 'string', default: '200' }, 'latency-ms': { type: 'string', default: '0' }, warmup: { type: 'string', default: '20' }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const iterations = Number(values.iterations);
  const warmup = Number(values.warmup);
  const latencyMs = Number(values['latency-ms']);
  const queries: BenchQuery[] = readdirSync(QUERIES_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => loadBenchQuery(file.replace(/\.graphql$/, '')));

  const emulator = await createEmulatorServer({ port: 0, seed: true, latencyMs });
  const endpoints = { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint };
  const common = { endpoints, exposeUpstreamCalls: true, exposeCost: false, audit: false } as const;
  const gateways: Record<'open' | 'policy', GatewayServer> = {
    open: await createGatewayServer({ ...common, auth: { anonymous: 'open' } }),
    policy: await createGatewayServer({ ...common, auth: { policies: staticPolicyStore([REALISTIC_POLICY]), anonymous: ['back-office-read'] } }),
  };
  const load = loadavg()[0];
  try {
    const rows: string[][] = [];
    for (const query of queries) {
      const body = requestBody(query);
      // Both answer, without errors, with the same upstream calls (warm caches after the first).
      const calls: Record<string, string> = {};
      for (const name of ['open', 'policy'] as const) {
        for (let i = 0; i < warmup; i += 1) await postClean(`${gateways[name].url}/graphql`, body, `${query.name} (${name})`);
        const answer = await postClean(`${gateways[name].url}/graphql`, body, `${query.name} (${name})`);
        calls[name] = JSON.stringify(answer.extensions?.upstreamCalls ?? {});
      }
      if (calls.open !== calls.policy) throw new Error(`${query.name}: the policy changed the upstream calls: open ${calls.open}, policy ${calls.policy}`);
      const samples: Record<'open' | 'policy', number[]> = { open: [], policy: [] };
      for (let i = 0; i < iterations; i += 1) {
        // Alternate which goes first, so neither always follows the other.
        const order = i % 2 === 0 ? (['open', 'policy'] as const) : (['policy', 'open'] as const);
        for (const name of order) {
          const started = process.hrtime.bigint();
          await postClean(`${gateways[name].url}/graphql`, body, `${query.name} (${name})`);
          samples[name].push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
      const open = median(samples.open);
      const policy = median(samples.policy);
      rows.push([query.name, String(round(open, 3)), String(round(policy, 3)), String(round(policy - open, 3)), `${round(((policy - open) / open) * 100, 1)}%`, String((JSON.parse(calls.open) as { total?: number }).total ?? 0)]);
    }
    process.stdout.write(
      `policy cost: ${iterations} requests per query and gateway, alternating; emulator latency ${latencyMs} ms; ${cpus().length} CPUs, load ${round(load, 2)} → ${round(loadavg()[0], 2)}\n` +
        `policy "back-office-read": ${REALISTIC_POLICY.statements.length} statements (wildcard actions, project ARNs, a region condition, two explicit denies)\n\n`,
    );
    process.stdout.write(`${textTable(['query', 'open p50 ms', 'policy p50 ms', 'Δ ms', 'Δ', 'upstream calls (both)'], rows)}\n`);
  } finally {
    await gateways.open.close();
    await gateways.policy.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
