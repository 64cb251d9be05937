import type { CacheObserver } from '../cache/telemetry';
import type { UpstreamObserver } from '../upstream/telemetry';
import { GatewayMetrics, type GatewayMetricsOptions } from './metrics';
import { combineUpstreamObservers } from './observers';
import { UPSTREAM_REQUEST_ID_HEADER } from './requestId';
import { GatewayTracing, type GatewayTracingOptions } from './tracing';

/** Options of {@link createObservability}. */
export interface ObservabilityOptions {
  readonly metrics?: GatewayMetricsOptions;
  /** Traces; undefined (the default): off, nothing is traced and no span is made. */
  readonly tracing?: GatewayTracingOptions;
}

/**
 * What one gateway observes itself with: its metrics (always), its traces (when configured), and
 * the observers upstream/ and cache/ report to. Built by the composition root (main.ts), which
 * hands `upstreamObserver` to the SDK clients and `cacheObserver` to the caches, or by the server
 * itself when it builds those.
 */
export interface Observability {
  readonly metrics: GatewayMetrics;
  readonly tracing?: GatewayTracing;
  /** Metrics, spans, and the request ID on every upstream call (`x-gateway-request-id`). */
  readonly upstreamObserver: UpstreamObserver;
  readonly cacheObserver: CacheObserver;
  /** Flushes and stops tracing (the metrics need no closing). */
  close(): Promise<void>;
}

/** Builds the metrics, the tracing when configured, and the observers that feed them. */
export function createObservability(options: ObservabilityOptions = {}): Observability {
  const metrics = new GatewayMetrics(options.metrics);
  const tracing = options.tracing ? new GatewayTracing(options.tracing) : undefined;
  let closing: Promise<void> | undefined;
  return {
    metrics,
    tracing,
    upstreamObserver: combineUpstreamObservers([metrics.upstreamObserver, ...(tracing ? [tracing.upstreamObserver] : []), REQUEST_ID_PROPAGATION]),
    cacheObserver: metrics.cacheObserver,
    close() {
      closing ??= tracing ? tracing.shutdown() : Promise.resolve();
      return closing;
    },
  };
}

/** Module-private: sends the request ID of the call's request on each upstream call. */
const REQUEST_ID_PROPAGATION: UpstreamObserver = {
  propagationHeaders(call) {
    return call.requestId === undefined ? undefined : { [UPSTREAM_REQUEST_ID_HEADER]: call.requestId };
  },
};
