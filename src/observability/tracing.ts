import { context, createContextKey, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_ERROR_TYPE, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { UpstreamObserver } from '../upstream/telemetry';

/**
 * OpenTelemetry traces (off unless configured): one span per GraphQL request, a child per
 * resolver of a field that reaches upstream (`@upstream` in the schema; default resolvers are not
 * spanned), under it a span per DataLoader batch and, under that, a span per SDK command:
 *
 * ```
 * query Dashboard                  (request: tracing plugin)
 * └─ resolve Query.apps            (resolver: traceResolvers)
 *    └─ loader pinpoint.apps       (batch: upstreamObserver.batchStarted, its function run inside the span)
 *       └─ pinpoint.GetApps        (SDK command: upstreamObserver.commandStarted)
 * ```
 *
 * The links ride on OpenTelemetry's context (AsyncLocalStorage): a resolver runs inside its span,
 * so the loads it makes and the batch DataLoader then dispatches see it; a batch function runs
 * inside the batch's span, so the commands it sends see that. A batch shared by several resolvers
 * is the child of the resolver whose load started it. Upstream spans are only made under a span
 * (never as roots of their own traces).
 */

/** Options of {@link GatewayTracing}. */
export interface GatewayTracingOptions {
  /** Where finished spans go: {@link otlpExporter} in production, an in-memory exporter in tests. */
  readonly exporter: SpanExporter;
  /** `service.name` of the spans (default `pinpoint-graph`). */
  readonly serviceName?: string;
  /** `service.version` of the spans. */
  readonly serviceVersion?: string;
  /** Share of requests traced, 0 to 1 (default 1); a parent-based trace-ID-ratio sampler. */
  readonly sampleRatio?: number;
  /** `batch` (default): spans are exported in batches in the background; `simple`: each as it ends (tests). */
  readonly processor?: 'batch' | 'simple';
}

/** Attributes of the request span, known when it starts. */
export interface RequestSpanStart {
  readonly requestId: string;
  /**
   * The request's headers (lower-case names): a W3C `traceparent` (and `tracestate`) in them makes
   * the request span the child of the caller's span, so a frontend's or proxy's trace continues here.
   */
  readonly headers?: ReadonlyMap<string, string>;
}

/** What the tracing plugin reports when the operation is known. */
export interface RequestSpanOperation {
  readonly operationName: string | null;
  readonly operationType: string;
}

/** Attributes the gateway puts on its spans beside the semantic conventions' (namespaced `pinpoint_graph.`). */
export const SPAN_ATTRIBUTES = {
  requestId: 'pinpoint_graph.request_id',
  fieldCoordinate: 'graphql.field.coordinate',
  fieldPath: 'graphql.field.path',
  operationName: 'graphql.operation.name',
  operationType: 'graphql.operation.type',
  errorCodes: 'pinpoint_graph.error_codes',
  service: 'pinpoint_graph.upstream.service',
  operation: 'pinpoint_graph.upstream.operation',
  operationClass: 'pinpoint_graph.upstream.operation_class',
  outcome: 'pinpoint_graph.upstream.outcome',
  attempts: 'pinpoint_graph.upstream.attempts',
  loader: 'pinpoint_graph.loader.name',
  keys: 'pinpoint_graph.loader.keys',
  rpcSystem: 'rpc.system',
  rpcService: 'rpc.service',
  rpcMethod: 'rpc.method',
  cloudRegion: 'cloud.region',
} as const;

/** The OTLP/HTTP (JSON) exporter sending to `url` (the full traces URL, `…/v1/traces`). */
export function otlpExporter(url: string, headers?: Readonly<Record<string, string>>): SpanExporter {
  return new OTLPTraceExporter({ url, headers: headers ? { ...headers } : undefined });
}

/** One gateway's tracer provider, its upstream observer and its resolver wrapper. */
export class GatewayTracing {
  /** The gateway's tracer (its own provider's; the global provider is left alone). */
  readonly tracer: Tracer;
  /** Opens the batch and SDK command spans. */
  readonly upstreamObserver: UpstreamObserver;

  readonly #provider: NodeTracerProvider;
  /** Module-private: each request's span, by its context value (set by the plugin, read by the resolver wrapper). */
  readonly #requestSpans = new WeakMap<object, Span>();

  constructor(options: GatewayTracingOptions) {
    const ratio = options.sampleRatio ?? 1;
    if (!(ratio >= 0 && ratio <= 1)) throw new Error(`GatewayTracing: sampleRatio must be from 0 to 1; got ${ratio}.`);
    this.#provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName ?? 'pinpoint-graph', ...(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}) }),
      sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
      spanProcessors: [options.processor === 'simple' ? new SimpleSpanProcessor(options.exporter) : new BatchSpanProcessor(options.exporter)],
    });
    ensureContextManager(this.#provider);
    this.tracer = this.#provider.getTracer('pinpoint-graph');
    this.upstreamObserver = upstreamSpans(this.tracer);
  }

  /** Opens the span of the GraphQL request whose context value is `contextValue`. */
  startRequest(contextValue: object, start: RequestSpanStart): Span {
    const parent = start.headers ? W3C_TRACE_CONTEXT.extract(ROOT_CONTEXT, start.headers, HEADER_MAP_GETTER) : ROOT_CONTEXT;
    const span = this.tracer.startSpan('graphql request', { kind: SpanKind.SERVER, attributes: { [SPAN_ATTRIBUTES.requestId]: start.requestId } }, parent);
    this.#requestSpans.set(contextValue, span);
    return span;
  }

  /** Names the request span after its operation (`query Dashboard`), once it is resolved. */
  nameRequest(span: Span, operation: RequestSpanOperation): void {
    span.updateName(`${operation.operationType} ${operation.operationName ?? '(anonymous)'}`);
    span.setAttributes({ [SPAN_ATTRIBUTES.operationType]: operation.operationType, ...(operation.operationName ? { [SPAN_ATTRIBUTES.operationName]: operation.operationName } : {}) });
  }

  /** Ends the request span with the response's HTTP status and error codes. */
  endRequest(span: Span, end: { readonly httpStatus: number; readonly errorCodes: readonly string[] }): void {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, end.httpStatus);
    if (end.errorCodes.length > 0) {
      span.setAttribute(SPAN_ATTRIBUTES.errorCodes, [...end.errorCodes]);
      span.setStatus({ code: SpanStatusCode.ERROR, message: end.errorCodes.join(', ') });
    }
    span.end();
  }

  /**
   * Wraps the resolvers of `coordinates` (`Type.field`, the fields that reach upstream) in place:
   * each call gets a span under its request's span and runs inside it. Fields of interfaces, and
   * coordinates the schema lacks, are skipped. Returns how many resolvers were wrapped.
   */
  traceResolvers(schema: GraphQLSchema, coordinates: Iterable<string>): number {
    let wrapped = 0;
    for (const coordinate of coordinates) {
      const [typeName, fieldName] = coordinate.split('.');
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      if (!field) continue;
      field.resolve = this.#traced(coordinate, field.resolve ?? defaultFieldResolver);
      wrapped += 1;
    }
    return wrapped;
  }

  /** Exports every finished span now. */
  forceFlush(): Promise<void> {
    return this.#provider.forceFlush();
  }

  /** Flushes, then stops the provider (later spans are dropped). */
  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }

  /** Module-private: `resolve` inside a span. Synchronous until `resolve` is, so DataLoader batches form as without tracing. */
  #traced(coordinate: string, resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
    return (source, args, contextValue, info) => {
      const parent = typeof contextValue === 'object' && contextValue !== null ? this.#requestSpans.get(contextValue) : undefined;
      if (!parent) return resolve(source, args, contextValue, info);
      const span = this.tracer.startSpan(
        `resolve ${coordinate}`,
        { attributes: { [SPAN_ATTRIBUTES.fieldCoordinate]: coordinate, [SPAN_ATTRIBUTES.fieldPath]: pathText(info.path) } },
        trace.setSpan(ROOT_CONTEXT, parent),
      );
      return context.with(trace.setSpan(context.active(), span), () => endWhenSettled(span, () => resolve(source, args, contextValue, info)));
    };
  }
}

/** Module-private: W3C Trace Context (`traceparent`, `tracestate`), in and out. */
const W3C_TRACE_CONTEXT = new W3CTraceContextPropagator();

/** Module-private: reads a carrier that is a map of lower-case header names (Apollo's `HeaderMap`). */
const HEADER_MAP_GETTER = {
  get: (carrier: ReadonlyMap<string, string>, key: string) => carrier.get(key.toLowerCase()),
  keys: (carrier: ReadonlyMap<string, string>) => [...carrier.keys()],
};

/** Module-private: the spans of loader batches and SDK commands, each under the active span. */
function upstreamSpans(tracer: Tracer): UpstreamObserver {
  return {
    // Each upstream HTTP request carries the trace (W3C `traceparent`) of the span that sent it, so
    // an upstream that reads it, or a proxy between, joins the same trace.
    propagationHeaders() {
      const active = context.active();
      if (!trace.getSpan(active)) return undefined;
      const headers: Record<string, string> = {};
      W3C_TRACE_CONTEXT.inject(active, headers, { set: (carrier, key, value) => void (carrier[key] = value) });
      return Object.keys(headers).length > 0 ? headers : undefined;
    },
    batchStarted(batch) {
      const parent = context.active();
      if (!trace.getSpan(parent)) return () => undefined;
      const span = tracer.startSpan(
        `loader ${batch.service}.${batch.loader}`,
        { attributes: { [SPAN_ATTRIBUTES.service]: batch.service, [SPAN_ATTRIBUTES.loader]: batch.loader, [SPAN_ATTRIBUTES.keys]: batch.keys } },
        parent,
      );
      const end = (result: { readonly ok: boolean }) => {
        if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: 'a key of the batch failed' });
        span.end();
      };
      return Object.assign(end, { within: <T>(work: () => T): T => context.with(trace.setSpan(parent, span), work) });
    },
    commandStarted(call) {
      const parent = context.active();
      if (!trace.getSpan(parent)) return () => undefined;
      const span = tracer.startSpan(
        `${call.service}.${call.operation}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [SPAN_ATTRIBUTES.rpcSystem]: 'aws-api',
            [SPAN_ATTRIBUTES.rpcService]: call.service,
            [SPAN_ATTRIBUTES.rpcMethod]: call.operation,
            [SPAN_ATTRIBUTES.cloudRegion]: call.region,
            [SPAN_ATTRIBUTES.service]: call.service,
            [SPAN_ATTRIBUTES.operation]: call.operation,
            [SPAN_ATTRIBUTES.operationClass]: call.operationClass,
          },
        },
        parent,
      );
      return (end) => {
        const attributes: Attributes = { [SPAN_ATTRIBUTES.outcome]: end.outcome, [SPAN_ATTRIBUTES.attempts]: end.attempts };
        if (end.httpStatus !== undefined) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = end.httpStatus;
        if (end.errorName !== undefined) attributes[ATTR_ERROR_TYPE] = end.errorName;
        span.setAttributes(attributes);
        if (end.outcome !== 'ok') span.setStatus({ code: SpanStatusCode.ERROR, message: end.errorName ?? end.outcome });
        span.end();
      };
    },
  };
}

/** Module-private: runs `work`, ending `span` when its result settles (an error, thrown, rejected or returned, marks it). */
function endWhenSettled<T>(span: Span, work: () => T): T {
  const fail = (error: unknown) => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span.end();
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    fail(error);
    throw error;
  }
  if (isPromiseLike(result)) {
    return result.then(
      (value) => {
        if (value instanceof Error) fail(value);
        else span.end();
        return value;
      },
      (error: unknown) => {
        fail(error);
        throw error;
      },
    ) as T;
  }
  if (result instanceof Error) fail(result);
  else span.end();
  return result;
}

/** Module-private. */
function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Module-private: `apps.edges.0.node.campaigns` from graphql-js's linked path. */
function pathText(path: { readonly prev: unknown; readonly key: string | number } | undefined): string {
  const keys: (string | number)[] = [];
  for (let at = path; at; at = at.prev as typeof path) keys.push(at.key);
  return keys.reverse().join('.');
}

/**
 * Module-private: the spans' parent links need OpenTelemetry's AsyncLocalStorage context manager.
 * It is process-global, so it is registered once, by the first provider, only when none works yet
 * (a second gateway in the same process, or a host application that set one up, keeps it).
 */
function ensureContextManager(provider: NodeTracerProvider): void {
  const probe = createContextKey('pinpoint-graph context manager probe');
  const probing = ROOT_CONTEXT.setValue(probe, true);
  if (context.with(probing, () => context.active().getValue(probe) === true)) return;
  // Also makes this provider the global one, which the gateway never reads (its tracer is its own);
  // W3C propagation is left unregistered: the gateway neither reads nor sends `traceparent`.
  provider.register({ propagator: null });
}
