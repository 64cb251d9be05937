import type { BenchResults, LoadRun } from './results';

/** The printed side-by-side tables of a result file (the JSON holds the same figures and more). */

/** Renders rows as an aligned text table with a header rule. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Every table of a result file, with titles. */
export function renderResults(results: BenchResults): string {
  const out: string[] = [];
  const m = results.meta;
  out.push(`pinpoint-graph bench (${m.profile}): ${m.latencyMs} ms per upstream call, ${m.cpus} CPUs, load average ${m.loadAverage.start} → ${m.loadAverage.end}, ${m.runtime}, ${m.wallSeconds} s`);
  if (results.calls) {
    out.push('', 'Upstream calls per request (cold KPI cache / warm)');
    out.push(
      textTable(
        ['query', 'minimum', 'gateway cold', 'warm', 'naive', 'direct SDK', 'at minimum'],
        results.calls.map((row) => [
          row.query,
          String(row.minimumTotal),
          `${row.gatewayColdTotal}${row.emulatorAgrees ? '' : ' (emulator disagrees)'}`,
          String(row.gatewayWarmTotal),
          row.naiveTotal === null ? '-' : String(row.naiveTotal),
          row.directSdkTotal === null ? '-' : String(row.directSdkTotal),
          row.atMinimum ? 'yes' : `NO ${overMinimum(row.minimum, row.gatewayCold)}`,
        ]),
      ),
    );
  }
  if (results.latency) {
    out.push('', 'Latency (p50 / p99 ms) and throughput (req/s)');
    const rows: string[][] = [];
    for (const row of results.latency) {
      const concurrencies = [...new Set(row.runs.map((run) => run.concurrency))].sort((a, b) => a - b);
      for (const c of concurrencies) {
        const cell = (variant: LoadRun['variant']) => {
          const run = row.runs.find((r) => r.variant === variant && r.concurrency === c);
          return run ? `${run.p50Ms} / ${run.p99Ms} @ ${Math.round(run.rps)}${run.failures ? ` (${run.failures} failed)` : ''}` : '-';
        };
        rows.push([
          c === concurrencies[0] ? row.query : '',
          c === concurrencies[0] ? `${row.criticalPathMs} (${row.criticalPathCalls})` : '',
          String(c),
          cell('gateway'),
          cell('naive'),
          cell('direct-sdk'),
          c === 1 ? `${row.gatewayC1OverCriticalPath ?? '-'} (sdk ${row.directSdkOverCriticalPath ?? '-'}, http ${row.transportFloorOverCriticalPath ?? '-'})` : '',
        ]);
      }
    }
    out.push(textTable(['query', 'critical path ms (calls)', 'c', 'gateway', 'naive', 'direct SDK', 'gateway ÷ path'], rows));
  }
  if (results.chain) {
    out.push('', `Upstream round trips the gateway waits for in sequence (warm, c=1, ${results.chain[0]?.latencyMs ?? '-'} ms per call)`);
    out.push(textTable(['query', 'critical path', 'gateway'], results.chain.map((row) => [row.query, String(row.criticalPathCalls), String(row.gatewayRoundTrips)])));
  }
  if (results.throughput) {
    const t = results.throughput;
    out.push('', `Warm KPI throughput at c=${t.concurrency}: gateway ${Math.round(t.gateway.rps)} req/s (p50 ${t.gateway.p50Ms} ms, calls/request ${JSON.stringify(t.gatewayCallsPerRequest)}) vs bare Apollo ${Math.round(t.bareApollo.rps)} req/s (p50 ${t.bareApollo.p50Ms} ms): ratio ${t.ratio}`);
    if (t.cpuMicrosPerRequest) out.push(`CPU per request in that run: gateway ${t.cpuMicrosPerRequest.gateway} µs, bare Apollo ${t.cpuMicrosPerRequest.bareApollo} µs (the process's user + system time ÷ its requests)`);
  }
  if (results.stampede) {
    const s = results.stampede;
    out.push(`Cold KPI stampede: ${s.requests} requests over ${s.gatewayProcesses} processes → ${s.kpiCalls} upstream KPI call(s); ${s.failures} failed; wall ${s.wallMs} ms, p50 ${s.p50Ms} ms, max ${s.maxMs} ms`);
  }
  if (results.soak) {
    const s = results.soak;
    const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
    out.push(`Soak ${s.durationSeconds} s at c=${s.concurrency}: ${s.requests} requests (${s.failures} failed, ${Math.round(s.rps)} req/s); median RSS ${mb(s.rssStartBytes)} → ${mb(s.rssEndBytes)} MiB over windows of ${s.windowSamples} samples (single samples ${mb(s.rssFirstSampleBytes)} → ${mb(s.rssLastSampleBytes)}, max ${mb(s.rssMaxBytes)}): ${(s.growth * 100).toFixed(1)}%`);
  }
  out.push('', 'Targets');
  out.push(textTable(['target', 'wanted', 'measured', 'met'], results.targets.map((t) => [t.id, t.target, t.measured, t.met === null ? 'not run' : t.met ? 'yes' : 'NO'])));
  return out.join('\n');
}

/** Module-private: the operations over (or under) their minimum, as `Op +n`. */
function overMinimum(minimum: Readonly<Record<string, number>>, measured: Readonly<Record<string, number>>): string {
  const operations = [...new Set([...Object.keys(minimum), ...Object.keys(measured)])];
  return operations
    .map((op) => [op, (measured[op] ?? 0) - (minimum[op] ?? 0)] as const)
    .filter(([, diff]) => diff !== 0)
    .map(([op, diff]) => `${op} ${diff > 0 ? '+' : ''}${diff}`)
    .join(', ');
}
