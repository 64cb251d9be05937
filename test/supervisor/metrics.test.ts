import { request } from 'node:http';
import { version } from '../../package.json';
import { parseMetrics, type Scrape } from '../observability/kit';
import { send, spawnCluster, workerPids, type ClusterProcess } from './clusterKit';

/**
 * `/metrics` of `WORKERS=2` on the real process (src/main.ts → src/supervisor/clusterMetrics.ts):
 * whichever worker takes a scrape, it answers for both workers merged, on the main port and on
 * `METRICS_PORT` (with its token), as one metric family per name.
 */

jest.setTimeout(180_000);

/** Module-private: the primary of the current test, killed if a test fails half-way. */
let running: ClusterProcess | undefined;

afterEach(async () => {
  if (running) {
    for (const pid of workerPids(running.pid)) process.kill(pid, 'SIGKILL');
    running.kill('SIGKILL');
    await running.exited;
    running = undefined;
  }
});

/** Module-private: the GraphQL requests each test sends, spread over both workers. */
const REQUESTS = 24;
/** Module-private: the scrapes each test makes, each over a fresh connection (the primary hands them out in turn). */
const SCRAPES = 6;
/** Module-private: what the primary logs (at debug level) for each scrape it merges. */
const AGGREGATION_LOG = 'metrics scrape: aggregating every worker';
/** Module-private: a valid METRICS_TOKEN. */
const TOKEN = 'cluster-metrics-token-0123456789';

/** Module-private: starts a 2-worker primary (debug logs: the primary names the worker behind each scrape) and waits until both workers serve. */
async function startTwoWorkers(env: Record<string, string> = {}): Promise<{ cluster: ClusterProcess; url: string; workers: number[] }> {
  const cluster = spawnCluster({ WORKERS: '2', LOG_LEVEL: 'debug', ...env });
  running = cluster;
  const url = await cluster.url();
  await cluster.waitUntil(() => cluster.logs().filter((log) => log.msg === 'worker listening').length === 2, 'saying the second worker listens');
  const workers = workerPids(cluster.pid);
  expect(workers).toHaveLength(2);
  return { cluster, url, workers };
}

/**
 * Module-private: sends {@link REQUESTS} named GraphQL requests, each on a fresh connection (a
 * keep-alive one stays with one worker), and returns how many each worker served, from the
 * workers' own request logs (`pid`).
 */
async function sendProbes(cluster: ClusterProcess, url: string): Promise<Map<number, number>> {
  for (let round = 0; round < REQUESTS / 4; round += 1) {
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => send(`${url}/graphql`, { agent: false, headers: { 'x-request-id': `metrics-probe-${round}-${i}` }, body: { query: 'query MetricsProbe { __typename }' } })),
    );
    expect(answers.map((answer) => [answer.status, answer.body.data])).toEqual(Array.from({ length: 4 }, () => [200, { __typename: 'Query' }]));
  }
  const probeLogs = () => cluster.logs().filter((log) => log.msg === 'graphql request' && String(log.requestId).startsWith('metrics-probe-'));
  await cluster.waitUntil(() => probeLogs().length === REQUESTS, 'logging every probe');
  const byWorker = new Map<number, number>();
  for (const log of probeLogs()) byWorker.set(log.pid as number, (byWorker.get(log.pid as number) ?? 0) + 1);
  return byWorker;
}

/** Module-private: GETs `url` over a fresh connection (so the primary picks the worker). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Module-private: scrapes {@link SCRAPES} times and checks each answer is the whole cluster's:
 * every GraphQL request counted once (no single worker served them all), one `build_info` of 1,
 * one family per name; and that the primary merged each scrape, asked by both workers in turn.
 */
async function expectClusterScrapes(cluster: ClusterProcess, metricsUrl: string, workers: number[], headers: Record<string, string> = {}): Promise<void> {
  const scrapes: Scrape[] = [];
  for (let i = 0; i < SCRAPES; i += 1) {
    const answer = await get(metricsUrl, headers);
    expect(answer.status).toBe(200);
    // One family per name: the workers' registries merged, not concatenated.
    expect(answer.text.split('\n').filter((line) => line === '# TYPE pinpoint_graph_graphql_requests_total counter')).toHaveLength(1);
    expect(answer.text.split('\n').filter((line) => line === '# TYPE pinpoint_graph_build_info gauge')).toHaveLength(1);
    scrapes.push(parseMetrics(answer.text));
  }
  for (const scrape of scrapes) {
    expect(scrape.value('pinpoint_graph_graphql_requests_total')).toBe(REQUESTS);
    expect(scrape.value('pinpoint_graph_graphql_requests_total', { operation_name: 'MetricsProbe', operation_type: 'query', result: 'success' })).toBe(REQUESTS);
    // Histograms are summed bucket by bucket: the count is every request's too.
    expect(scrape.value('pinpoint_graph_graphql_request_duration_seconds_count', { operation_name: 'MetricsProbe' })).toBe(REQUESTS);
    expect(scrape.samples.filter((sample) => sample.name === 'pinpoint_graph_build_info')).toEqual([{ name: 'pinpoint_graph_build_info', labels: { version, node_version: process.version }, value: 1 }]);
  }
  // Each scrape was merged by the primary, and both workers took some of them.
  const aggregations = () => cluster.logs().filter((log) => log.component === 'supervisor' && log.msg === AGGREGATION_LOG);
  await cluster.waitUntil(() => aggregations().length >= SCRAPES, 'logging every merged scrape');
  expect(aggregations()).toHaveLength(SCRAPES);
  expect(aggregations().map((log) => log.workers)).toEqual(Array.from({ length: SCRAPES }, () => 2));
  expect([...new Set(aggregations().map((log) => log.workerPid as number))].sort((a, b) => a - b)).toEqual(workers);
}

test('on the main port, every scrape counts every worker\'s requests, whichever worker takes it', async () => {
  const { cluster, url, workers } = await startTwoWorkers();
  const served = await sendProbes(cluster, url);
  // Both workers served some, none all: a scrape of one worker's registry could not say REQUESTS.
  expect([...served.keys()].sort((a, b) => a - b)).toEqual(workers);
  for (const count of served.values()) expect(count).toBeLessThan(REQUESTS);

  await expectClusterScrapes(cluster, `${url}/metrics`, workers);

  cluster.kill('SIGTERM');
  expect(await cluster.exited).toEqual({ code: 0, signal: null });
});

test('on METRICS_PORT with METRICS_TOKEN, every scrape is the whole cluster\'s, and the token is checked before anything is merged', async () => {
  const { cluster, url, workers } = await startTwoWorkers({ METRICS_PORT: '0', METRICS_TOKEN: TOKEN });
  // METRICS_PORT=0: the primary picked one port, which both workers share.
  const observabilityLogs = () => cluster.logs().filter((log) => log.msg === 'observability');
  await cluster.waitUntil(() => observabilityLogs().length === 2, 'with both workers\' observability line');
  const metricsUrls = observabilityLogs().map((log) => log.metrics as string);
  expect(metricsUrls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  expect(metricsUrls[1]).toBe(metricsUrls[0]);
  const metricsUrl = metricsUrls[0];

  const served = await sendProbes(cluster, url);
  expect([...served.keys()].sort((a, b) => a - b)).toEqual(workers);
  for (const count of served.values()) expect(count).toBeLessThan(REQUESTS);

  // The main port has no /metrics; the metrics port refuses a scrape without the token. Neither
  // asks the primary: expectClusterScrapes counts exactly one merge per authorized scrape after these.
  expect((await get(`${url}/metrics`)).status).toBe(404);
  for (let i = 0; i < 2; i += 1) {
    const refused = await get(metricsUrl);
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.text)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  }

  await expectClusterScrapes(cluster, metricsUrl, workers, { authorization: `Bearer ${TOKEN}` });

  cluster.kill('SIGTERM');
  expect(await cluster.exited).toEqual({ code: 0, signal: null });
});
