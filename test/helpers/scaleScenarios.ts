import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import calculateSlot from 'cluster-key-slot';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { loadBenchQuery, REFERENCE_QUERIES } from '../../bench/lib/queries';
import type { GatewayProcess } from './gatewayProcess';
import type { GqlResponse } from './gql';
import { SERVED_BY_HEADER } from './haproxy';
import type { OwnRedisCluster } from './redisTopologies';

/**
 * The scale-out scenarios on a real Redis Cluster (issue "Scale out"), shared by their tests
 * (test/faults/redisClusterFailover.test.ts, test/scale/replicasBehindProxy.test.ts), which
 * assert on the figures, and by `npm run bench:scale-redis` (bench/scale-redis.ts), which records
 * them. Every request's answer is checked against the answer the same request got before the
 * scenario (status 200, no errors, the same data), so "failed" means any other answer.
 */

/** One request of a load: where it goes, its body, and the data it must be answered with. */
export interface CheckedRequest {
  readonly label: string;
  /** The `/graphql` URL it is POSTed to. */
  readonly url: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The data every answer must carry (set by {@link learnAnswers}). */
  expected?: unknown;
}

/** The outcome of one request of a load. */
export interface LoadSample {
  readonly label: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
  /** What was wrong, for a failed one. */
  readonly detail?: string;
}

/** A load running in the background. */
export interface RunningLoad {
  /** Requests answered so far. */
  answered(): number;
  /** Resolves once `count` requests were answered (rejects if the load ends first). */
  untilAnswered(count: number): Promise<void>;
  /** Lets every worker finish its request, then resolves every sample. */
  stop(): Promise<LoadSample[]>;
}

/** One HTTP exchange: status, headers, body text. */
interface Exchange {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * One HTTP request over node:http. Without `agent`, on a connection of its own: a load reuses
 * connections only within one phase (an agent per phase, destroyed after it), never one left idle
 * between phases, which the server may be closing (its keep-alive timeout) just as it is reused.
 */
export function httpExchange(method: string, url: string, options: { readonly body?: string; readonly headers?: Record<string, string>; readonly agent?: Agent; readonly localAddress?: string } = {}): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers, ...(options.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(options.body)) }) };
    const req = request(url, { method, headers, agent: options.agent ?? false, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    // Whether the request went down a pooled socket tells a keep-alive race from a gateway that hung up.
    req.on('error', (error: Error) => reject(req.reusedSocket ? new Error(`${error.message} (on a reused keep-alive socket)`, { cause: error }) : error));
    req.end(options.body);
  });
}

/**
 * A keep-alive agent for one phase of a load (the caller destroys it). It closes a socket idle for
 * {@link IDLE_SOCKET_MS} itself, well before the gateway does (Node's server: 5 s). Otherwise a
 * socket left idle while the load's workers were busy with the other gateway can be reused just as
 * the gateway closes it: the request fails unanswered ("socket hang up"), a race of the client's
 * pool, not a fault of the gateway (nodejs/node#47130; Node 20's agent ignores the server's
 * `Keep-Alive: timeout=5` hint unless it has a timeout of its own). Seen once in five CI runs of
 * the cluster failover before this.
 */
export function phaseAgent(options: { readonly maxSockets?: number } = {}): Agent {
  return new Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS, ...options });
}

/** Module-private: see {@link phaseAgent}; a request's own socket is not timed out by it (only free ones are). */
const IDLE_SOCKET_MS = 1_000;

/** POSTs a JSON body (a GraphQL request, or an automatic persisted query by hash) and parses the answer. */
export async function postBody(url: string, body: Readonly<Record<string, unknown>>, options: { readonly headers?: Record<string, string>; readonly agent?: Agent; readonly localAddress?: string } = {}): Promise<GqlResponse> {
  const response = await httpExchange('POST', url, { ...options, body: JSON.stringify(body), headers: { accept: 'application/json', ...options.headers } });
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(response.text) as GqlResponse['body'] };
  } catch {
    return { status: response.status, headers: response.headers, body: { errors: [{ message: `non-JSON answer: ${response.text.slice(0, 200)}` }] } };
  }
}

/** Whether `response` is the right answer to `checked`; undefined when it is, else what is wrong. */
export function answerProblem(checked: CheckedRequest, response: GqlResponse): string | undefined {
  if (response.status !== 200) return `HTTP ${response.status}: ${JSON.stringify(response.body.errors ?? response.body).slice(0, 300)}`;
  if (response.body.errors) return `errors: ${JSON.stringify(response.body.errors).slice(0, 300)}`;
  if (!isDeepStrictEqual(response.body.data, checked.expected)) return `other data: ${JSON.stringify(response.body.data).slice(0, 300)}`;
  return undefined;
}

/** Sends each request once and keeps its data as the answer it must get (each must be answered cleanly). */
export async function learnAnswers(requests: readonly CheckedRequest[]): Promise<void> {
  for (const checked of requests) {
    const response = await postBody(checked.url, checked.body);
    if (response.status !== 200 || response.body.errors || response.body.data == null) {
      throw new Error(`${checked.label} did not answer cleanly before the scenario: HTTP ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
    }
    checked.expected = response.body.data;
  }
}

/**
 * Sends `requests` in turn, round after round, `concurrency` at a time (each worker takes the next
 * one when its answer is in), checking every answer, until stopped or `maxRequests` were sent.
 */
export function startCheckedLoad(requests: readonly CheckedRequest[], options: { readonly concurrency: number; readonly maxRequests: number }): RunningLoad {
  const samples: LoadSample[] = [];
  const agent = phaseAgent();
  let sent = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && sent < options.maxRequests) {
      const checked = requests[sent % requests.length];
      sent += 1;
      const startedAt = Date.now();
      let detail: string | undefined;
      try {
        detail = answerProblem(checked, await postBody(checked.url, checked.body, { agent }));
      } catch (error) {
        detail = `no answer: ${(error as Error).message}`;
      }
      samples.push({ label: checked.label, startedAt, endedAt: Date.now(), ok: detail === undefined, ...(detail ? { detail } : {}) });
    }
  };
  const done = Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  return {
    answered: () => samples.length,
    async untilAnswered(count) {
      let finished = false;
      void done.then(() => (finished = true));
      while (samples.length < count) {
        if (finished) throw new Error(`the load ended after ${samples.length} answers, before ${count}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async stop() {
      stopped = true;
      await done;
      agent.destroy();
      return samples;
    },
  };
}

/** The emulator's count of requests per `<service>.<Operation>` since its last clear. */
export async function emulatorCalls(endpoint: string): Promise<Record<string, number>> {
  const counts = JSON.parse((await httpExchange('GET', `${endpoint}/_emulator/calls`)).text) as { byOperation: Record<string, number> };
  return counts.byOperation;
}

/** Clears the emulator's call counts. */
export async function clearEmulatorCalls(endpoint: string): Promise<void> {
  const response = await httpExchange('DELETE', `${endpoint}/_emulator/calls`);
  if (response.status >= 300) throw new Error(`DELETE /_emulator/calls answered HTTP ${response.status}`);
}

/** A KPI of the seeded RETAIL project (its ARN is the hash tag of its cache key). */
export const RETAIL_KPI = `query ScaleRetailKpi($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName startTime endTime rows { values { key value } } } }
}`;

/** A query automatic persisted queries send by hash. */
const APQ_QUERY = 'query ScaleApq($app: ID!) { app(id: $app) { id name } }';

/** The variables of RETAIL's KPI over the `days` whole UTC days before today. */
export function retailKpiRange(days: number): Record<string, string> {
  const today = new Date();
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return { app: PINPOINT_SEED.apps.RETAIL, start: new Date(end - days * 86_400_000).toISOString(), end: new Date(end).toISOString() };
}

/**
 * A RETAIL KPI range no other request asks for: 20 whole days before today, its start moved by
 * `n` seconds (ranges are kept to the second; at most 31 days: the upstream maximum).
 */
export function freshRetailKpiRange(n: number): Record<string, string> {
  const range = retailKpiRange(20);
  return { ...range, start: new Date(Date.parse(range.start) + n * 1_000).toISOString() };
}

/** The reference queries of bench/queries (their own variables), as request bodies. */
export function referenceBodies(): { readonly label: string; readonly body: Record<string, unknown> }[] {
  return REFERENCE_QUERIES.map((name) => {
    const query = loadBenchQuery(name);
    return { label: name, body: { query: query.document, variables: query.variables } };
  });
}

/** Module-private. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The figures of {@link runClusterFailover}. */
export interface FailoverFigures {
  /** Requests of the load (probes excluded), and those not answered correctly. */
  readonly requests: number;
  readonly failed: number;
  /** The first few failures (label and what was wrong). */
  readonly failures: readonly { readonly label: string; readonly detail: string }[];
  /** The KPI keys' hash slot, the master killed, the replica that took over. */
  readonly slot: number;
  readonly killedPort: number;
  readonly promotedPort: number;
  /** From the kill until the replica served the slot and every live node said the cluster was ok. */
  readonly redisFailoverMs: number;
  /** Per gateway: from the kill until the first fresh KPI result it loaded was stored in Redis (it was back on the cluster). */
  readonly recoveryMs: readonly number[];
  /** Recovery probes sent (fresh KPIs, one every ~100 ms, gateways in turn) and those not answered correctly. */
  readonly probes: number;
  readonly probesFailed: number;
  /** Requests answered between the kill and the last gateway's recovery, and their slowest and 99th-percentile latency. */
  readonly outage: { readonly requests: number; readonly maxLatencyMs: number; readonly p99LatencyMs: number };
  /** Before the kill, for comparison. */
  readonly healthy: { readonly requests: number; readonly maxLatencyMs: number; readonly p99LatencyMs: number };
}

/** Options of {@link runClusterFailover}. */
export interface ClusterFailoverOptions {
  readonly cluster: OwnRedisCluster;
  readonly gateways: readonly GatewayProcess[];
  /** The gateways' `REDIS_KEY_PREFIX`. */
  readonly prefix: string;
  readonly concurrency?: number;
  /** Requests answered before the kill (default 300). */
  readonly before?: number;
  /** Requests answered after the last gateway recovered (default 300). */
  readonly after?: number;
  /** Bound on the recovery (default 60 000 ms). */
  readonly recoveryTimeoutMs?: number;
}

/**
 * Runs a mixed load on `gateways` (RETAIL's KPI over three ranges, an automatic persisted query
 * by hash, the reference queries; gateways in turn), SIGKILLs the master serving the KPI keys'
 * hash slot, and measures: failed queries, the cluster's own failover, and each gateway's
 * recovery (a fresh KPI result stored in Redis again). The load goes on until every gateway
 * recovered and `after` more requests were answered.
 */
export async function runClusterFailover(options: ClusterFailoverOptions): Promise<FailoverFigures> {
  const { cluster, gateways, prefix } = options;
  const apqHash = sha256(APQ_QUERY);
  const requests: CheckedRequest[] = [];
  for (const gateway of gateways) {
    const url = `${gateway.url}/graphql`;
    // Each gateway learns the persisted query itself, so its in-process copy answers while the hash's slot is failing over.
    const registered = await postBody(url, { query: APQ_QUERY, variables: { app: PINPOINT_SEED.apps.RETAIL }, extensions: { persistedQuery: { version: 1, sha256Hash: apqHash } } });
    if (registered.status !== 200 || registered.body.errors) throw new Error(`registering the persisted query failed: ${JSON.stringify(registered.body)}`);
    for (const days of [7, 8, 9]) requests.push({ label: `kpi ${days} days`, url, body: { query: RETAIL_KPI, variables: retailKpiRange(days) } });
    requests.push({ label: 'persisted query', url, body: { variables: { app: PINPOINT_SEED.apps.RETAIL }, extensions: { persistedQuery: { version: 1, sha256Hash: apqHash } } } });
    for (const { label, body } of referenceBodies()) requests.push({ label, url, body });
  }
  await learnAnswers(requests);

  // RETAIL's KPI results: all in one slot (their hash tag is the project's ARN).
  const retailSlots = new Set((await cluster.scan(`${prefix}kpi:v2:{*:apps/${PINPOINT_SEED.apps.RETAIL}}|*`)).map(({ key }) => calculateSlot(key)));
  if (retailSlots.size !== 1) throw new Error(`expected RETAIL's KPI results in the cluster, in one hash slot; found slots ${JSON.stringify([...retailSlots])}`);
  const [slot] = retailSlots;
  const master = await cluster.masterOf(slot);

  const load = startCheckedLoad(requests, { concurrency: options.concurrency ?? 8, maxRequests: 100_000 });
  let samples: LoadSample[] = [];
  let killedAt = 0;
  const recoveredAt: (number | undefined)[] = gateways.map(() => undefined);
  let probes = 0;
  let probesFailed = 0;
  let redisFailoverMs = 0;
  let promotedPort = 0;
  try {
    await load.untilAnswered(options.before ?? 300);
    killedAt = Date.now();
    await cluster.kill(master.port);
    const failover = cluster.waitForFailover(slot, master.port).then((promoted) => {
      redisFailoverMs = Date.now() - killedAt;
      promotedPort = promoted.port;
    });
    // Awaited below; a probe that throws first must not leave its rejection unhandled.
    failover.catch(() => undefined);
    // Fresh KPIs (ranges no one asked for) through each gateway in turn, until one of each
    // gateway's lands in the cluster.
    const deadline = killedAt + (options.recoveryTimeoutMs ?? 60_000);
    for (let i = 0; recoveredAt.some((at) => at === undefined); i += 1) {
      if (Date.now() > deadline) throw new Error(`a gateway did not store KPIs in the cluster again within the bound: ${JSON.stringify(recoveredAt)}`);
      const which = i % gateways.length;
      if (recoveredAt[which] !== undefined) continue;
      const variables = freshRetailKpiRange(i);
      const probe: CheckedRequest = { label: 'probe', url: `${gateways[which].url}/graphql`, body: { query: RETAIL_KPI, variables } };
      probes += 1;
      const response = await postBody(probe.url, probe.body);
      const answeredAt = Date.now();
      const kpi = response.body.data?.app?.kpi;
      if (response.status !== 200 || response.body.errors || kpi?.startTime !== variables.start || kpi?.rows?.[0]?.values?.[0]?.value !== 42) probesFailed += 1;
      const landed = await cluster.scan(`${prefix}kpi:v2:{*}|txn-emails-sent|${variables.start}|*`).catch(() => []);
      if (landed.length > 0) recoveredAt[which] = answeredAt;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await failover;
    await load.untilAnswered(load.answered() + (options.after ?? 300));
  } finally {
    samples = await load.stop();
  }
  const lastRecovery = Math.max(...recoveredAt.map((at) => at ?? 0));
  const during = samples.filter((sample) => sample.endedAt >= killedAt && sample.startedAt <= lastRecovery);
  const before = samples.filter((sample) => sample.endedAt < killedAt);
  const failures = samples.filter((sample) => !sample.ok);
  return {
    requests: samples.length,
    failed: failures.length,
    failures: failures.slice(0, 5).map(({ label, detail }) => ({ label, detail: detail ?? '' })),
    slot,
    killedPort: master.port,
    promotedPort,
    redisFailoverMs,
    recoveryMs: recoveredAt.map((at) => (at ?? 0) - killedAt),
    probes,
    probesFailed,
    outage: latencyFigures(during),
    healthy: latencyFigures(before),
  };
}

/** Module-private: count, slowest and 99th percentile of samples' latencies. */
function latencyFigures(samples: readonly LoadSample[]): { requests: number; maxLatencyMs: number; p99LatencyMs: number } {
  const latencies = samples.map((sample) => sample.endedAt - sample.startedAt).sort((a, b) => a - b);
  return { requests: latencies.length, maxLatencyMs: latencies.at(-1) ?? 0, p99LatencyMs: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0 };
}

/** A replica behind the proxy: its gateway and HAProxy's name for it. */
export interface ProxiedReplica {
  readonly name: string;
  readonly gateway: GatewayProcess;
}

/**
 * Each replica reads one project directly first (a process learns its account's ARN scope from
 * the first project it reads, and then needs no GetApp to key a KPI), so that what a request
 * costs does not depend on which replica, fresh or not, answers it.
 */
export async function warmReplicas(replicas: readonly ProxiedReplica[]): Promise<void> {
  for (const { gateway } of replicas) {
    const response = await postBody(`${gateway.url}/graphql`, { query: `query ScaleWarm { app(id: "${PINPOINT_SEED.apps.RETAIL}") { name } }` });
    if (response.status !== 200 || response.body.errors) throw new Error(`warming ${gateway.url} failed: ${JSON.stringify(response.body)}`);
  }
}

/** `/graphql` answers with status 200 a gateway counted (`pinpoint_graph_http_requests_total`). */
export async function graphqlAnswers(gateway: GatewayProcess): Promise<number> {
  const { text } = await httpExchange('GET', `${gateway.url}/metrics`);
  const line = text.split('\n').find((entry) => entry.startsWith('pinpoint_graph_http_requests_total{') && entry.includes('route="/graphql"') && entry.includes('status="200"'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** The figures of {@link runProxyStampede}. */
export interface StampedeFigures {
  readonly requests: number;
  readonly concurrency: number;
  /** Answers that were not HTTP 200 with data and without errors. */
  readonly failed: number;
  /** Distinct data among the answers (1: everyone got the same KPI). */
  readonly distinctAnswers: number;
  /** The one answer, when there was one. */
  readonly answer: unknown;
  /** Upstream requests the emulator received during the stampede, by `<service>.<Operation>`. */
  readonly upstreamCalls: Readonly<Record<string, number>>;
  /** Per replica name: answers the proxy says it gave ({@link SERVED_BY_HEADER}). */
  readonly servedBy: Readonly<Record<string, number>>;
  /** Per replica name: its own count of `/graphql` answers with status 200 during the stampede (`/metrics`). */
  readonly answeredPerMetrics: Readonly<Record<string, number>>;
}

/**
 * `requests` identical cold KPI queries (bench/queries/kpi-stampede.graphql: BANKING's unique
 * deliveries over the 14 days before today, a KPI no other scenario reads) through the proxy,
 * `concurrency` at a time: how many failed, what they cost upstream, which replica answered each.
 */
export async function runProxyStampede(options: { readonly proxyUrl: string; readonly replicas: readonly ProxiedReplica[]; readonly emulatorEndpoint: string; readonly requests?: number; readonly concurrency?: number }): Promise<StampedeFigures> {
  const total = options.requests ?? 1_000;
  const concurrency = options.concurrency ?? 50;
  const { document: query, variables } = loadBenchQuery('kpi-stampede');
  await clearEmulatorCalls(options.emulatorEndpoint);
  const before = await Promise.all(options.replicas.map(({ gateway }) => graphqlAnswers(gateway)));
  const answers = new Map<string, number>();
  const servedBy: Record<string, number> = {};
  let failed = 0;
  let sent = 0;
  const agent = phaseAgent();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent += 1;
        const response = await postBody(`${options.proxyUrl}/graphql`, { query, variables }, { agent });
        const server = response.headers.get(SERVED_BY_HEADER) ?? 'none';
        servedBy[server] = (servedBy[server] ?? 0) + 1;
        if (response.status !== 200 || response.body.errors || response.body.data == null) failed += 1;
        else answers.set(JSON.stringify(response.body.data), (answers.get(JSON.stringify(response.body.data)) ?? 0) + 1);
      }
    }),
  );
  agent.destroy();
  const after = await Promise.all(options.replicas.map(({ gateway }) => graphqlAnswers(gateway)));
  return {
    requests: total,
    concurrency,
    failed,
    distinctAnswers: answers.size,
    answer: answers.size === 1 ? JSON.parse([...answers.keys()][0]) : undefined,
    upstreamCalls: await emulatorCalls(options.emulatorEndpoint),
    servedBy,
    answeredPerMetrics: Object.fromEntries(options.replicas.map(({ name }, i) => [name, after[i] - before[i]])),
  };
}

/** One run of the mixed load: requests, failures, upstream calls. */
export interface MixedRun {
  readonly requests: number;
  readonly failed: number;
  readonly failures: readonly { readonly label: string; readonly detail: string }[];
  readonly upstreamCalls: Readonly<Record<string, number>>;
}

/** The figures of {@link runMixedComparison}. */
export interface MixedFigures {
  /** The mixed requests sent to one replica directly (the shared cache cold). */
  readonly oneGateway: MixedRun;
  /** The same requests through the proxy (the shared cache cold again). */
  readonly behindProxy: MixedRun;
  /** Per replica name: answers through the proxy. */
  readonly servedBy: Readonly<Record<string, number>>;
}

/**
 * The reference queries (bench/queries), `rounds` of each, `concurrency` at a time: first on one
 * replica directly, then, with the KPI results deleted from the cluster, through the proxy. Every
 * answer must be the one the first answer of the same query was; the upstream calls of the two
 * runs are the figure to compare (one gateway with a shared cache vs the replicas behind the proxy).
 */
export async function runMixedComparison(options: { readonly proxyUrl: string; readonly replicas: readonly ProxiedReplica[]; readonly emulatorEndpoint: string; readonly cluster: OwnRedisCluster; readonly prefix: string; readonly rounds?: number; readonly concurrency?: number }): Promise<MixedFigures> {
  const bodies = referenceBodies();
  const rounds = options.rounds ?? 60;
  const expected = new Map<string, unknown>();
  const servedBy: Record<string, number> = {};
  const run = async (url: string, throughProxy: boolean): Promise<MixedRun> => {
    await forgetKpis(options.cluster, options.prefix);
    await clearEmulatorCalls(options.emulatorEndpoint);
    const failures: { label: string; detail: string }[] = [];
    const total = rounds * bodies.length;
    const agent = phaseAgent();
    let next = 0;
    await Promise.all(
      Array.from({ length: options.concurrency ?? 20 }, async () => {
        while (next < total) {
          const { label, body } = bodies[next % bodies.length];
          next += 1;
          let response: GqlResponse;
          try {
            response = await postBody(url, body, { agent });
          } catch (error) {
            failures.push({ label, detail: `no answer from ${url}: ${(error as Error).message}` });
            continue;
          }
          if (throughProxy) {
            const server = response.headers.get(SERVED_BY_HEADER) ?? 'none';
            servedBy[server] = (servedBy[server] ?? 0) + 1;
          }
          if (!expected.has(label) && response.status === 200 && !response.body.errors) expected.set(label, response.body.data);
          const problem = answerProblem({ label, url, body, expected: expected.get(label) }, response);
          if (problem) failures.push({ label, detail: problem });
        }
      }),
    );
    agent.destroy();
    return { requests: total, failed: failures.length, failures: failures.slice(0, 5), upstreamCalls: await emulatorCalls(options.emulatorEndpoint) };
  };
  const oneGateway = await run(`${options.replicas[0].gateway.url}/graphql`, false);
  const behindProxy = await run(`${options.proxyUrl}/graphql`, true);
  return { oneGateway, behindProxy, servedBy };
}

/** Module-private: deletes every KPI result and tag set under `prefix` from the cluster (one DEL per key: they span slots). */
async function forgetKpis(cluster: OwnRedisCluster, prefix: string): Promise<void> {
  const client = cluster.client();
  try {
    for (const { key } of [...(await cluster.scan(`${prefix}kpi:*`)), ...(await cluster.scan(`${prefix}tag:*`))]) await client.del(key);
  } finally {
    client.disconnect();
  }
}
