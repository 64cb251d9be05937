/**
 * Request IDs, metrics and traces (imported by server/ and main.ts only; upstream/ and cache/
 * report through their observer interfaces, `upstream/telemetry.ts` and `cache/telemetry.ts`).
 */
export type { CurrentRequest } from './currentRequest';
export {
  ANONYMOUS_OPERATION,
  BoundedLabel,
  DEFAULT_MAX_OPERATION_NAMES,
  GatewayMetrics,
  METRIC_PREFIX,
  OTHER_OPERATION,
  UNRESOLVED_OPERATION,
} from './metrics';
export type { GatewayMetricsOptions, GraphQLRequestEnd } from './metrics';
export { createObservability } from './observability';
export type { Observability, ObservabilityOptions } from './observability';
export { combineUpstreamObservers } from './observers';
export { acceptRequestId, isWellFormedRequestId, MAX_REQUEST_ID_LENGTH, REQUEST_ID_HEADER, UPSTREAM_REQUEST_ID_HEADER } from './requestId';
export { GatewayTracing, otlpExporter, SPAN_ATTRIBUTES } from './tracing';
export type { GatewayTracingOptions, RequestSpanOperation, RequestSpanStart } from './tracing';
