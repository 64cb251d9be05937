import { loadConfig } from '../../src/config';
import { BoundedLabel, combineUpstreamObservers } from '../../src/observability';
import { ObservedLoader } from '../../src/upstream/observedLoader';
import type { UpstreamObserver } from '../../src/upstream/telemetry';

/**
 * The pieces under the metrics and traces, without a server: loader batches as the observer hears
 * them, observers combined, the label bound, and the configuration of metrics and traces.
 */

/** Module-private: an observer that writes down every batch event, and runs `within` scopes that tag `scope.current`. */
function recordingObserver(tag?: string): { observer: UpstreamObserver; events: string[]; scope: { current?: string } } {
  const events: string[] = [];
  const scope: { current?: string } = {};
  const observer: UpstreamObserver = {
    batchStarted(batch) {
      events.push(`start ${batch.service}.${batch.loader} ${batch.keys}`);
      const end = (result: { readonly ok: boolean }) => void events.push(`end ${batch.loader} ${result.ok ? 'ok' : 'failed'}`);
      if (!tag) return end;
      return Object.assign(end, {
        within: <T>(work: () => T): T => {
          const outer = scope.current;
          scope.current = `${tag}(${outer ?? ''})`;
          try {
            return work();
          } finally {
            scope.current = outer;
          }
        },
      });
    },
  };
  return { observer, events, scope };
}

describe('ObservedLoader', () => {
  test('reports each batch: its loader name, its distinct keys and whether every key resolved', async () => {
    const { observer, events } = recordingObserver();
    const loader = new ObservedLoader<string, string>('things', async (keys) => keys.map((key) => (key === 'bad' ? new Error(`no ${key}`) : key.toUpperCase())), { batches: { observer, service: 'pinpoint' } });
    expect(await Promise.all([loader.load('a'), loader.load('b'), loader.load('a')])).toEqual(['A', 'B', 'A']);
    await expect(Promise.all([loader.load('c'), loader.load('bad')])).rejects.toThrow('no bad');
    expect(events).toEqual(['start pinpoint.things 2', 'end things ok', 'start pinpoint.things 2', 'end things failed']);
    expect(loader.name).toBe('things');
  });

  test('a batch function that throws or rejects is reported as failed', async () => {
    const { observer, events } = recordingObserver();
    const throwing = new ObservedLoader<string, string>('throws', () => {
      throw new Error('sync');
    }, { batches: { observer, service: 'sms-voice-v2' } });
    const rejecting = new ObservedLoader<string, string>('rejects', async () => Promise.reject(new Error('async')), { batches: { observer, service: 'sms-voice-v2' } });
    await expect(throwing.load('x')).rejects.toThrow('sync');
    await expect(rejecting.load('y')).rejects.toThrow('async');
    expect(events).toEqual(['start sms-voice-v2.throws 1', 'end throws failed', 'start sms-voice-v2.rejects 1', 'end rejects failed']);
  });

  test('the batch function runs inside the observer\'s scope for the batch', async () => {
    const { observer, scope } = recordingObserver('batch');
    const seen: (string | undefined)[] = [];
    const loader = new ObservedLoader<number, number>('scoped', async (keys) => (seen.push(scope.current), keys.map((key) => key * 2)), { batches: { observer, service: 'pinpoint' } });
    expect(await loader.load(21)).toBe(42);
    expect(seen).toEqual(['batch()']);
    expect(scope.current).toBeUndefined();
  });

  test('without an observer, or naive mode, it is a plain DataLoader (naive: one batch per load)', async () => {
    const plain = new ObservedLoader<string, string>('plain', async (keys) => [...keys]);
    expect(await plain.load('k')).toBe('k');
    const { observer, events } = recordingObserver();
    const naive = new ObservedLoader<string, string>('naive', async (keys) => [...keys], { batch: false, cache: false, batches: { observer, service: 'pinpoint' } });
    await Promise.all([naive.load('a'), naive.load('a')]);
    expect(events).toEqual(['start pinpoint.naive 1', 'start pinpoint.naive 1', 'end naive ok', 'end naive ok']);
  });
});

describe('combineUpstreamObservers', () => {
  test('each event reaches every observer that has the method; scopes nest, first outermost; headers merge', () => {
    const first = recordingObserver('first');
    const second = recordingObserver('second');
    const commands: string[] = [];
    const combined = combineUpstreamObservers([
      { ...first.observer, commandStarted: (call) => (commands.push(`a ${call.operation}`), (end) => void commands.push(`a ${end.outcome}`)), propagationHeaders: () => ({ 'x-one': '1', 'x-both': 'first' }) },
      { ...second.observer, propagationHeaders: () => ({ 'x-both': 'second' }) },
      { commandStarted: (call) => (commands.push(`b ${call.operation}`), () => void commands.push('b end')), propagationHeaders: () => undefined },
    ]);
    const end = combined.commandStarted!({ service: 'pinpoint', region: 'us-east-1', operation: 'GetApps', operationClass: 'read' });
    end({ outcome: 'ok', attempts: 1, durationMs: 1 });
    expect(commands).toEqual(['a GetApps', 'b GetApps', 'a ok', 'b end']);

    const batchEnd = combined.batchStarted!({ service: 'pinpoint', loader: 'apps', keys: 3 });
    const inside = batchEnd.within!(() => [first.scope.current, second.scope.current]);
    expect(inside).toEqual(['first()', 'second()']);
    batchEnd({ ok: true });
    expect(first.events).toEqual(['start pinpoint.apps 3', 'end apps ok']);
    expect(second.events).toEqual(['start pinpoint.apps 3', 'end apps ok']);

    expect(combined.propagationHeaders!({ requestId: 'r-1' })).toEqual({ 'x-one': '1', 'x-both': 'second' });
    expect(combined.attemptFinished).toBeUndefined();
  });
});

describe('BoundedLabel', () => {
  test('keeps the first max distinct values, maps the rest to other', () => {
    const label = new BoundedLabel(2, '(other)');
    expect(['a', 'b', 'a', 'c', 'b', 'd'].map((value) => label.valueOf(value))).toEqual(['a', 'b', 'a', '(other)', 'b', '(other)']);
    expect(label.size).toBe(2);
  });
});

describe('configuration', () => {
  test('metrics: defaults, port, host and token', () => {
    expect(loadConfig({}).metrics).toEqual({ maxOperationNames: 100 });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: 'abcdefghijklmnop', METRICS_MAX_OPERATION_NAMES: '20' }).metrics).toEqual({ port: 9464, host: '0.0.0.0', token: 'abcdefghijklmnop', maxOperationNames: 20 });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / = - (a bearer token); got "short"');
    expect(() => loadConfig({ METRICS_TOKEN: 'has spaces in the token' })).toThrow('METRICS_TOKEN must be');
    expect(() => loadConfig({ METRICS_HOST: '0.0.0.0' })).toThrow('METRICS_PORT must be set when METRICS_HOST is (METRICS_HOST is the interface of the metrics listener); got METRICS_HOST="0.0.0.0" and no METRICS_PORT');
  });

  test('tracing: off unless an OTLP endpoint or TRACING=otlp; OTel\'s endpoint variables', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({ endpoint: 'http://collector:4318/v1/traces', serviceName: 'pinpoint-graph', sampleRatio: 1 });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom' }).tracing?.endpoint).toBe('http://traces:9999/custom');
    expect(loadConfig({ TRACING: 'otlp', OTEL_SERVICE_NAME: 'gw-eu', TRACING_SAMPLE_RATIO: '0.25' }).tracing).toEqual({ endpoint: 'http://localhost:4318/v1/traces', serviceName: 'gw-eu', sampleRatio: 0.25 });
    expect(loadConfig({ TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toBeUndefined();
    expect(() => loadConfig({ TRACING: 'jaeger' })).toThrow('TRACING must be "off" or "otlp"; got "jaeger"');
    expect(() => loadConfig({ TRACING_SAMPLE_RATIO: '1.5' })).toThrow('TRACING_SAMPLE_RATIO must be a number from 0 to 1 (the share of requests traced); got "1.5"');
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow('OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http:// or https:// URL; got "collector:4318"');
  });
});
