import { pino, type Logger } from 'pino';

/**
 * What the observability tests share: a pino logger whose lines a test reads, and a reader of the
 * Prometheus text format that `/metrics` serves.
 */

/** One parsed log line. */
export type LogLine = Record<string, any>;

/** A logger at `level` that appends every line, parsed, to the returned array. */
export function capturedLogger(level: 'debug' | 'info' = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level, base: null }, { write: (text: string) => void lines.push(JSON.parse(text) as LogLine) });
  return { logger, lines };
}

/** One sample of the text format: `name{labels} value`. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A scrape: its samples and the `# TYPE` of each metric family. */
export interface Scrape {
  readonly samples: readonly Sample[];
  readonly types: ReadonlyMap<string, string>;
  /** The sum of the samples named `name` whose labels include `labels`. */
  value(name: string, labels?: Readonly<Record<string, string>>): number;
  /** The distinct values of `label` among the samples named `name`. */
  labelValues(name: string, label: string): string[];
}

/** Parses the Prometheus text exposition format (what prom-client writes). */
export function parseMetrics(text: string): Scrape {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1], type[2]);
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) throw new Error(`Not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]] = pair[2].replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  const matching = (name: string, labels: Readonly<Record<string, string>>) => samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  return {
    samples,
    types,
    value: (name, labels = {}) => matching(name, labels).reduce((sum, sample) => sum + sample.value, 0),
    labelValues: (name, label) => [...new Set(matching(name, {}).flatMap((sample) => (sample.labels[label] === undefined ? [] : [sample.labels[label]])))].sort(),
  };
}

/** GETs `url` (a `/metrics` URL) and parses it; fails on any status but 200. */
export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return parseMetrics(text);
}
