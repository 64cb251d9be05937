import { buildCoverageManifest, type UpstreamAnnotation } from '../../src/coverage/manifest';
import { COVERAGE_SERVICES, type CoverageService } from '../../src/coverage/services';
import { startStack, type Stack } from '../helpers/startStack';
import { REACH_CASES } from './reach';
import type { ReachCase, ReachSetup } from './reach/kit';

// Every manifest entry reaches exactly its operations: one request per case of the reach table
// (test/coverage/reach/) against the seeded emulator, with the emulator's call counter cleared before
// it. The request must reach the operations its coordinate names (those the case says it
// reaches), and call nothing else but the operations of the coordinates it passes through.
// A coordinate without an entry in the table fails, so a newly annotated field needs a case.

const manifest = buildCoverageManifest();
const byCoordinate = new Map(manifest.coordinates.map((annotation) => [annotation.coordinate, annotation]));

/** The emulator's service ID of each coverage service (its call counter keys are `<service>.<Operation>`). */
const EMULATOR_SERVICE: Readonly<Record<CoverageService, string>> = { pinpoint: 'pinpoint', smsVoice: 'sms-voice-v2' };

/** A coordinate's cases as a list. */
function casesOf(coordinate: string): readonly ReachCase[] {
  const entry = REACH_CASES[coordinate];
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry as ReachCase];
}

/** The operations an annotation names, as the emulator counts them (`pinpoint.GetApp`). */
function qualified(annotation: UpstreamAnnotation): string[] {
  return COVERAGE_SERVICES.flatMap((service) => annotation.operations[service].map((operation) => `${EMULATOR_SERVICE[service]}.${operation}`));
}

/** The qualified operations a case must reach: its `reaches` names (default all) resolved against the coordinate's annotation. */
function mustReach(annotation: UpstreamAnnotation, reachCase: ReachCase): string[] {
  const named = qualified(annotation);
  return (reachCase.reaches ?? COVERAGE_SERVICES.flatMap((service) => annotation.operations[service])).map((operation) => {
    const matches = named.filter((name) => name.endsWith(`.${operation}`));
    if (matches.length !== 1) throw new Error(`A case of ${annotation.coordinate} says it reaches ${operation}, which the coordinate names ${matches.length} times (${named.join(', ')}).`);
    return matches[0];
  });
}

/** Wire counts by bare operation name, keys sorted (how the gateway's `extensions.upstreamCalls` reports them). */
function unqualified(wire: Record<string, number>): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const [operation, count] of Object.entries(wire)) {
    const name = operation.slice(operation.indexOf('.') + 1);
    byName[name] = (byName[name] ?? 0) + count;
  }
  return Object.fromEntries(Object.entries(byName).sort(([a], [b]) => a.localeCompare(b)));
}

/** Whether a case writes (mutations run after every read, so reads see the seed as it is). */
function writes(coordinate: string): boolean {
  return casesOf(coordinate).some((reachCase) => /^\s*mutation\b/.test(reachCase.query));
}

describe('the reach table', () => {
  test('has an entry for every manifest coordinate', () => {
    // Add the missing coordinates to their domain's table in test/coverage/reach/.
    expect(manifest.coordinates.map((annotation) => annotation.coordinate).filter((coordinate) => casesOf(coordinate).length === 0)).toEqual([]);
  });

  test('has no entry for a coordinate the manifest does not list', () => {
    expect(Object.keys(REACH_CASES).filter((coordinate) => !byCoordinate.has(coordinate))).toEqual([]);
  });

  test('passes only through manifest coordinates, never through the coordinate itself', () => {
    const wrong = Object.keys(REACH_CASES).flatMap((coordinate) =>
      casesOf(coordinate).flatMap((reachCase) => (reachCase.via ?? []).filter((via) => via === coordinate || !byCoordinate.has(via)).map((via) => `${coordinate} via ${via}`)),
    );
    expect(wrong).toEqual([]);
  });

  test('reaches, across the cases of each coordinate, every operation the coordinate names', () => {
    const unreached = manifest.coordinates.flatMap((annotation) => {
      const reached = new Set(casesOf(annotation.coordinate).flatMap((reachCase) => mustReach(annotation, reachCase)));
      return qualified(annotation)
        .filter((operation) => !reached.has(operation))
        .map((operation) => `${annotation.coordinate}: ${operation}`);
    });
    expect(unreached).toEqual([]);
  });
});

describe('each manifest coordinate reaches exactly its operations', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ gateway: { exposeUpstreamCalls: true } });
  });
  afterAll(() => stack?.close());

  const setup: ReachSetup = {
    async gql(query, variables) {
      const { status, body } = await stack.gql(query, variables);
      if (status !== 200 || body.errors !== undefined) throw new Error(`Setup request failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body)}\n${query}`);
      return body.data;
    },
    async emulatorAdmin(method, route, body) {
      const response = await fetch(`${stack.emulator.endpoint}/_emulator/${route}`, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`Setup admin call ${method} /_emulator/${route} answered HTTP ${response.status}: ${text}`);
      return JSON.parse(text);
    },
  };

  /** The emulator's counts, cleared. */
  async function clearCalls(): Promise<void> {
    const response = await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
    if (!response.ok) throw new Error(`DELETE /_emulator/calls answered HTTP ${response.status}`);
  }

  /** Requests per `<service>.<Operation>` since the last clear. */
  async function wireCalls(): Promise<Record<string, number>> {
    const response = await fetch(`${stack.emulator.endpoint}/_emulator/calls`);
    return ((await response.json()) as { byOperation: Record<string, number> }).byOperation;
  }

  // Reads first, in manifest order; then the coordinates with a mutation among their cases.
  const ordered = [...manifest.coordinates.map((annotation) => annotation.coordinate)].sort((a, b) => Number(writes(a)) - Number(writes(b)));

  test.each(ordered)('%s', async (coordinate) => {
    const annotation = byCoordinate.get(coordinate)!;
    const cases = casesOf(coordinate);
    if (cases.length === 0) throw new Error(`${coordinate} has no case in the reach table (test/coverage/reach/, by domain): add a request that goes through it.`);
    for (const [index, reachCase] of cases.entries()) {
      const label = `${coordinate} case ${index + 1}`;
      const variables = typeof reachCase.variables === 'function' ? await reachCase.variables(setup) : reachCase.variables;
      await clearCalls();
      const { status, body } = await stack.gql(reachCase.query, variables);
      const wire = await wireCalls();

      expect({ label, status, errors: body.errors }).toEqual({ label, status: 200, errors: undefined });
      const allowed = new Set([annotation, ...(reachCase.via ?? []).map((via) => byCoordinate.get(via)!)].flatMap(qualified));
      expect({ label, reached: mustReach(annotation, reachCase).filter((operation) => !(wire[operation] > 0)) }).toEqual({ label, reached: [] });
      expect({ label, unexpected: Object.keys(wire).filter((operation) => !allowed.has(operation)) }).toEqual({ label, unexpected: [] });
      // The gateway counted the same commands the emulator received (no retries, nothing unseen).
      expect({ label, gateway: body.extensions?.upstreamCalls?.byOperation }).toEqual({ label, gateway: unqualified(wire) });
    }
  });
});
