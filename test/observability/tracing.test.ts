import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { createObservability, SPAN_ATTRIBUTES } from '../../src/observability';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { postGql } from '../helpers/gql';
import { startGatewayProcess } from '../helpers/gatewayProcess';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * Traces over real HTTP: the spans of a request (request → resolver → loader batch → SDK command)
 * with their parent links, collected by an in-memory exporter; and the OTLP/HTTP exporter really
 * posting to a collector (a node:http server standing in for one).
 */

/** Module-private: the finished spans whose trace is the request span's with `requestId`. */
function traceOf(spans: readonly ReadableSpan[], requestId: string): ReadableSpan[] {
  const request = spans.find((span) => span.attributes[SPAN_ATTRIBUTES.requestId] === requestId);
  if (!request) throw new Error(`No request span for ${requestId} among ${spans.map((span) => span.name).join(', ')}`);
  return spans.filter((span) => span.spanContext().traceId === request.spanContext().traceId);
}

/** Module-private: the name of each span's parent, `(root)` for the root: the tree as a list of edges. */
function edges(spans: readonly ReadableSpan[]): string[] {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  return spans.map((span) => `${span.parentSpanContext ? (byId.get(span.parentSpanContext.spanId)?.name ?? '(missing)') : '(root)'} → ${span.name}`).sort();
}

describe('spans of a request', () => {
  let stack: Stack;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    stack = await startStack({ gateway: { observability: createObservability({ metrics: { processMetrics: false }, tracing: { exporter, processor: 'simple' } }) } });
  });
  afterAll(() => stack.close());
  beforeEach(() => exporter.reset());

  test('request → resolver → loader batch → SDK command, in one trace', async () => {
    const response = await stack.gql('query AppNames { apps { nodes { name } } }', undefined, { 'x-request-id': 'traced-0001' });
    expect(response.body.errors).toBeUndefined();
    const spans = traceOf(exporter.getFinishedSpans(), 'traced-0001');
    expect(edges(spans)).toEqual(['(root) → query AppNames', 'loader pinpoint.apps → pinpoint.GetApps', 'query AppNames → resolve Query.apps', 'resolve Query.apps → loader pinpoint.apps']);

    const [request, resolver, batch, call] = ['query AppNames', 'resolve Query.apps', 'loader pinpoint.apps', 'pinpoint.GetApps'].map((name) => spans.find((span) => span.name === name)!);
    expect(request.attributes).toEqual({ [SPAN_ATTRIBUTES.requestId]: 'traced-0001', [SPAN_ATTRIBUTES.operationName]: 'AppNames', [SPAN_ATTRIBUTES.operationType]: 'query', 'http.response.status_code': 200 });
    expect(resolver.attributes).toEqual({ [SPAN_ATTRIBUTES.fieldCoordinate]: 'Query.apps', [SPAN_ATTRIBUTES.fieldPath]: 'apps' });
    expect(batch.attributes).toEqual({ [SPAN_ATTRIBUTES.service]: 'pinpoint', [SPAN_ATTRIBUTES.loader]: 'apps', [SPAN_ATTRIBUTES.keys]: 1 });
    expect(call.attributes).toMatchObject({
      [SPAN_ATTRIBUTES.service]: 'pinpoint',
      [SPAN_ATTRIBUTES.operation]: 'GetApps',
      [SPAN_ATTRIBUTES.outcome]: 'ok',
      [SPAN_ATTRIBUTES.attempts]: 1,
      [SPAN_ATTRIBUTES.rpcSystem]: 'aws-api',
      [SPAN_ATTRIBUTES.cloudRegion]: 'us-east-1',
      'http.response.status_code': 200,
    });
    expect(request.resource.attributes['service.name']).toBe('pinpoint-graph');
  });

  test('nested fields: each upstream field is a resolver span under the request; a shared batch sits under the resolver that started it', async () => {
    const response = await stack.gql('query Nested { apps { nodes { name campaigns { nodes { name } } } } }', undefined, { 'x-request-id': 'traced-0002' });
    expect(response.body.errors).toBeUndefined();
    const spans = traceOf(exporter.getFinishedSpans(), 'traced-0002');
    const apps = response.body.data.apps.nodes.length as number;
    const names = spans.map((span) => span.name);
    // One resolver span per app's campaigns field, one batch for all of them, one GetCampaigns per app.
    expect(names.filter((name) => name === 'resolve App.campaigns')).toHaveLength(apps);
    expect(names.filter((name) => name === 'loader pinpoint.campaigns')).toHaveLength(1);
    expect(names.filter((name) => name === 'pinpoint.GetCampaigns')).toHaveLength(apps);
    const tree = edges(spans);
    expect(tree.filter((edge) => edge === 'query Nested → resolve App.campaigns')).toHaveLength(apps);
    expect(tree.filter((edge) => edge === 'resolve App.campaigns → loader pinpoint.campaigns')).toHaveLength(1);
    expect(tree.filter((edge) => edge === 'loader pinpoint.campaigns → pinpoint.GetCampaigns')).toHaveLength(apps);
    const paths = spans.filter((span) => span.name === 'resolve App.campaigns').map((span) => span.attributes[SPAN_ATTRIBUTES.fieldPath]);
    expect(paths.sort()).toEqual(Array.from({ length: apps }, (_, index) => `apps.nodes.${index}.campaigns`));
  });

  test('a failed upstream call: the SDK span and the batch carry the error, the request its code', async () => {
    const response = await stack.gql('query Missing { app(id: "no-such-app") { name } }', undefined, { 'x-request-id': 'traced-0003' });
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const spans = traceOf(exporter.getFinishedSpans(), 'traced-0003');
    const call = spans.find((span) => span.name === 'pinpoint.GetApp')!;
    expect(call.attributes).toMatchObject({ [SPAN_ATTRIBUTES.outcome]: 'error', 'error.type': 'NotFoundException', 'http.response.status_code': 404 });
    expect(call.status.code).toBe(2);
    expect(spans.find((span) => span.name === 'loader pinpoint.app')!.status.code).toBe(2);
    const request = spans.find((span) => span.name === 'query Missing')!;
    expect(request.attributes[SPAN_ATTRIBUTES.errorCodes]).toEqual(['NOT_FOUND']);
  });

  test('fields that reach no upstream get no span of their own', async () => {
    expect((await stack.gql('query Plain { __typename }', undefined, { 'x-request-id': 'traced-0004' })).status).toBe(200);
    expect(traceOf(exporter.getFinishedSpans(), 'traced-0004').map((span) => span.name)).toEqual(['query Plain']);
  });
});

describe('W3C trace context: in from the caller, out to upstream', () => {
  const exporter = new InMemorySpanExporter();
  let emulator: EmulatorServer;
  let gateway: GatewayServer;
  let proxy: Server;
  /** The `traceparent` of every upstream HTTP request, as it crossed the wire (a pass-through proxy records them). */
  const upstreamTraceparents: (string | undefined)[] = [];

  beforeAll(async () => {
    emulator = await createEmulatorServer({ port: 0, seed: true });
    const target = new URL(emulator.endpoint);
    proxy = createServer((req, res) => {
      upstreamTraceparents.push(req.headers.traceparent as string | undefined);
      const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    gateway = await createGatewayServer({
      endpoints: { pinpoint: proxyUrl, smsVoice: proxyUrl },
      observability: createObservability({ metrics: { processMetrics: false }, tracing: { exporter, processor: 'simple' } }),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    await emulator?.close();
  });

  test("a request with a traceparent continues the caller's trace; its upstream call carries that trace onward, under one of the request's spans", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpanId = '00f067aa0ba902b7';
    upstreamTraceparents.length = 0;
    const response = await postGql(`${gateway.url}/graphql`, 'query Traced { apps { nodes { name } } }', undefined, { 'x-request-id': 'traced-w3c', traceparent: `00-${traceId}-${callerSpanId}-01` });
    expect(response.body.errors).toBeUndefined();
    const spans = traceOf(exporter.getFinishedSpans(), 'traced-w3c');
    const request = spans.find((span) => span.name === 'query Traced')!;
    expect(request.spanContext().traceId).toBe(traceId);
    expect(request.parentSpanContext?.spanId).toBe(callerSpanId);
    // One upstream call (GetApps), sent with the trace and, as its parent, a span of this request's trace.
    expect(upstreamTraceparents).toHaveLength(1);
    const [, sentTraceId, sentParentId, flags] = upstreamTraceparents[0]!.split('-');
    expect({ sentTraceId, flags }).toEqual({ sentTraceId: traceId, flags: '01' });
    expect(spans.map((span) => span.spanContext().spanId)).toContain(sentParentId);
  });

  test('without a traceparent, the request starts its own trace, and upstream still gets it', async () => {
    upstreamTraceparents.length = 0;
    await postGql(`${gateway.url}/graphql`, 'query Fresh { apps { nodes { name } } }', undefined, { 'x-request-id': 'traced-fresh' });
    const request = traceOf(exporter.getFinishedSpans(), 'traced-fresh').find((span) => span.name === 'query Fresh')!;
    expect(request.parentSpanContext).toBeUndefined();
    expect(upstreamTraceparents).toHaveLength(1);
    expect(upstreamTraceparents[0]!.split('-')[1]).toBe(request.spanContext().traceId);
  });
});

describe('tracing off (the default)', () => {
  test('no tracing object is made', async () => {
    const observability = createObservability({ metrics: { processMetrics: false } });
    expect(observability.tracing).toBeUndefined();
    await observability.close();
  });
});

describe('the OTLP/HTTP exporter, configured from the environment', () => {
  let collector: Server;
  const posts: { path: string; contentType: string | undefined; body: any }[] = [];

  beforeAll(async () => {
    collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        posts.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

  // A gateway process (src/main.ts), because the exporter loads node:http with a dynamic import,
  // which Jest's module VM refuses; it also checks the wiring from OTEL_* variables to the exporter.
  test('OTEL_EXPORTER_OTLP_ENDPOINT turns tracing on; the spans reach the collector by the time the process has shut down', async () => {
    const { port } = collector.address() as AddressInfo;
    const gateway = await startGatewayProcess({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'gateway-under-test' } });
    try {
      const response = await gateway.gql('query Exported { apps { nodes { name } } }');
      expect(response.body.errors).toBeUndefined();
    } finally {
      await gateway.stop();
    }
    expect(await gateway.exited).toEqual({ code: 0, signal: null });

    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((post) => post.path === '/v1/traces' && post.contentType === 'application/json')).toBe(true);
    const resourceSpans = posts.flatMap((post) => post.body.resourceSpans as any[]);
    const serviceNames = new Set(resourceSpans.flatMap((each) => (each.resource.attributes as any[]).filter((attribute) => attribute.key === 'service.name').map((attribute) => attribute.value.stringValue)));
    expect([...serviceNames]).toEqual(['gateway-under-test']);
    const spans = resourceSpans.flatMap((each) => (each.scopeSpans as any[]).flatMap((scope) => scope.spans as any[]));
    const exported = spans.filter((span) => span.name === 'query Exported');
    expect(exported).toHaveLength(1);
    const trace = spans.filter((span) => span.traceId === exported[0].traceId).map((span) => span.name as string);
    expect(trace.sort()).toEqual(['loader pinpoint.apps', 'pinpoint.GetApps', 'query Exported', 'resolve Query.apps']);
  }, 60_000);
});
