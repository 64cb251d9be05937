import { AggregatorRegistry } from 'prom-client';
import { GatewayMetrics } from '../../src/observability';
import { parseMetrics, type Scrape } from './kit';

/**
 * What each metric means once the workers of `WORKERS` > 1 are merged (the `aggregator` of each
 * metric, observability/metrics.ts): two workers' registries, fed through the same observers the
 * gateway feeds, merged the way the primary merges them (supervisor/clusterMetrics.ts).
 */

/** Module-private: the prefix of the gateway's own metrics. */
const P = 'pinpoint_graph_';

/** Module-private: the merged text of `workers`, parsed. */
async function merged(workers: GatewayMetrics[]): Promise<Scrape> {
  const registries = await Promise.all(workers.map((worker) => worker.registry.getMetricsAsJSON()));
  return parseMetrics(await AggregatorRegistry.aggregate(registries).metrics());
}

/** Module-private: two workers' metrics, without Node's process metrics (prom-client's own aggregators). */
function twoWorkers(): [GatewayMetrics, GatewayMetrics] {
  return [new GatewayMetrics({ processMetrics: false, version: '9.9.9' }), new GatewayMetrics({ processMetrics: false, version: '9.9.9' })];
}

test('counters, histograms and in-flight gauges are the sum of the workers\'; build_info stays 1', async () => {
  const [a, b] = twoWorkers();
  const end = { operationName: 'Probe', operationType: 'query', errorCodes: [], upstreamCalls: 1 };
  for (let i = 0; i < 2; i += 1) a.graphqlRequestStarted()(end);
  for (let i = 0; i < 3; i += 1) b.graphqlRequestStarted()(end);
  // Still in flight: one on a, two on b.
  a.graphqlRequestStarted();
  b.graphqlRequestStarted();
  b.graphqlRequestStarted();
  const scrape = await merged([a, b]);
  expect(scrape.value(`${P}graphql_requests_total`, { operation_name: 'Probe' })).toBe(5);
  expect(scrape.value(`${P}graphql_request_duration_seconds_count`, { operation_name: 'Probe' })).toBe(5);
  expect(scrape.value(`${P}graphql_request_upstream_calls_bucket`, { operation_name: 'Probe', le: '1' })).toBe(5);
  expect(scrape.value(`${P}graphql_request_upstream_calls_sum`, { operation_name: 'Probe' })).toBe(5);
  expect(scrape.value(`${P}graphql_requests_in_flight`)).toBe(3);
  expect(scrape.samples.filter((sample) => sample.name === `${P}build_info`)).toEqual([{ name: `${P}build_info`, labels: { version: '9.9.9', node_version: process.version }, value: 1 }]);
});

test('breaker state is 1 on every state some worker\'s breaker is in; bulkheads add up, limit included', async () => {
  const [a, b] = twoWorkers();
  const scope = { service: 'pinpoint', region: 'us-east-1', operationClass: 'read' } as const;
  a.upstreamObserver.breakerStateChanged!(scope, 'open');
  b.upstreamObserver.breakerStateChanged!(scope, 'closed');
  a.upstreamObserver.bulkheadChanged!(scope, { active: 2, queued: 1, limit: 10 });
  b.upstreamObserver.bulkheadChanged!(scope, { active: 1, queued: 0, limit: 10 });
  const scrape = await merged([a, b]);
  const breaker = (state: string) => scrape.value(`${P}upstream_breaker_state`, { service: 'pinpoint', region: 'us-east-1', operation_class: 'read', state });
  expect([breaker('open'), breaker('half-open'), breaker('closed')]).toEqual([1, 0, 1]);
  expect([`${P}upstream_bulkhead_active`, `${P}upstream_bulkhead_queued`, `${P}upstream_bulkhead_limit`].map((name) => scrape.value(name, { service: 'pinpoint' }))).toEqual([3, 1, 20]);

  // Once every worker's breaker is closed again, only `closed` is 1, as with one process.
  a.upstreamObserver.breakerStateChanged!(scope, 'closed');
  const after = await merged([a, b]);
  expect(['open', 'half-open', 'closed'].map((state) => after.value(`${P}upstream_breaker_state`, { operation_class: 'read', state }))).toEqual([0, 0, 1]);
});

test('Redis health is 1 on a state every worker is in: up only while every worker\'s Redis is up', async () => {
  const [a, b] = twoWorkers();
  a.cacheObserver.redisHealthChanged!('kpi-cache', 'up');
  b.cacheObserver.redisHealthChanged!('kpi-cache', 'up');
  const health = (scrape: Scrape) => ['up', 'down', 'cooling-off'].map((state) => scrape.value(`${P}redis_health`, { component: 'kpi-cache', health: state }));
  expect(health(await merged([a, b]))).toEqual([1, 0, 0]);
  b.cacheObserver.redisHealthChanged!('kpi-cache', 'down');
  expect(health(await merged([a, b]))).toEqual([0, 0, 0]);
  a.cacheObserver.redisHealthChanged!('kpi-cache', 'down');
  expect(health(await merged([a, b]))).toEqual([0, 1, 0]);
});
