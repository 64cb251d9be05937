import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { toGlobalId } from '../../src/graph/ids';
import { DEFAULT_LIMITS } from '../../src/server/limits';
import type { ExecutionLimits } from '../../src/server/limits';
import { daysAgo, readReferenceQuery, runCounted } from '../graph/pinpoint/support';
import { startStack, type Stack, type StartStackOptions } from '../helpers/startStack';

// The execution bounds of issue 12 ("no query can hurt the gateway"), over real HTTP against the
// seeded emulator: each bound is crossed on purpose and the answer is checked to the letter (code,
// limit, max, path, message) together with the upstream calls it cost, as the gateway counted them
// (`extensions.upstreamCalls`) and as the emulator received them (`/_emulator/calls`). A bound that
// is not enforced shows as more calls, more data or a missing error. Nothing here measures time:
// the deadline and disconnect cases assert which upstream calls were (not) sent.

const { apps, campaigns } = PINPOINT_SEED;

/** A stack whose execution bounds are the defaults with `execution` laid over them (a `limits` part replaces its default whole). */
function startBounded(execution: Partial<ExecutionLimits>, options: Omit<StartStackOptions, 'gateway'> = {}): Promise<Stack> {
  return startStack({ ...options, gateway: { limits: { execution: { ...DEFAULT_LIMITS.execution, ...execution } } } });
}

/** An error as a test compares it: without `locations`. */
interface SeenError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

/** The errors of a body, without their `locations`. */
function errorsOf(body: { errors?: SeenError[] }): SeenError[] | undefined {
  return body.errors?.map(({ message, path, extensions }) => ({ message, ...(path ? { path } : {}), ...(extensions ? { extensions } : {}) }));
}

/** The error of an execution bound, as the gateway words and types it. */
function limitError(message: string, path: (string | number)[], limit: string, max: number): SeenError {
  return { message, path, extensions: { code: 'EXECUTION_LIMIT_EXCEEDED', limit, max } };
}

/** Starts the emulator's request count from zero. */
async function clearWire(stack: Stack): Promise<void> {
  const cleared = await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  if (!cleared.ok) throw new Error(`DELETE /_emulator/calls answered ${cleared.status}`);
}

/** The Pinpoint requests the emulator received since the last clear, by operation. */
function wire(stack: Stack): Record<string, number> {
  return Object.fromEntries(
    Object.entries(stack.emulator.callCounts().byOperation)
      .filter(([key]) => key.startsWith('pinpoint.'))
      .map(([key, count]) => [key.slice('pinpoint.'.length), count]),
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds (polling); throws if it never does, so a test cannot pass on a wait that timed out. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1_000; i++) {
    if (condition()) return;
    await sleep(5);
  }
  throw new Error(`Gave up waiting until ${what}.`);
}

/** POSTs an operation that the test can abort, as a browser tab closing would. */
function abortablePost(stack: Stack, query: string, variables: Record<string, unknown>, signal: AbortSignal): Promise<string> {
  return fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  }).then(
    (response) => response.text(),
    (error: Error) => `rejected: ${error.name}`,
  );
}

/** The gateway builds a project's ARN (the KPI cache key) from the first project ARN it read: read one, so KPI counts do not depend on order. */
async function learnAccountScope(stack: Stack): Promise<void> {
  const learnt = await stack.gql(`{ apps(first: 1) { nodes { arn } } }`);
  expect(learnt.body.errors).toBeUndefined();
}

/** Two sequential waves: GetApps, then one GetCampaigns per app (1 + 3 calls with the seed). */
const APPS_THEN_CAMPAIGNS = `{ apps { nodes { name campaigns { nodes { name } } } } }`;

/** Three sequential waves, every level nullable: GetApp (`campaign` is an edge without a witness, so it waits), GetCampaign, then its segment. */
const APP_THEN_CAMPAIGN = `query AppThenCampaign($app: ID!, $campaign: ID!) { __typename app(id: $app) { campaign(id: $campaign) { name segment { name } } } }`;

let defaults: Stack;
beforeAll(async () => {
  defaults = await startStack();
});
afterAll(() => defaults.close());

describe('maxUpstreamCalls: the call that crosses the cap is not sent and fails at its own path', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startBounded({ maxUpstreamCalls: 2 });
  });
  afterAll(() => stack.close());

  const refused = (operation: string, path: (string | number)[]) => limitError(`The request reached its limit of 2 upstream calls; ${operation} was not sent.`, path, 'maxUpstreamCalls', 2);

  test('apps → campaigns needs 1 + 3 calls: 2 are sent, the second app’s GetCampaigns is refused and its non-null error nulls the whole list', async () => {
    const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, APPS_THEN_CAMPAIGNS);
    expect(status).toBe(200);
    // `campaigns: CampaignConnection!` inside `nodes: [App!]!` inside `apps: AppConnection!`: every
    // level is non-null, so one refused GetCampaigns nulls `data` (GraphQL's null propagation), and
    // graphql-js reports the first error of the nulled list only (BANKING's; ALERTS' is refused too).
    expect(body.data).toBeNull();
    expect(errorsOf(body)).toEqual([refused('GetCampaigns', ['apps', 'nodes', 1, 'campaigns'])]);
    expect(body.extensions?.upstreamCalls).toEqual({ total: 2, byOperation: { GetApps: 1, GetCampaigns: 1 } });
    expect(gatewayCalls).toEqual({ GetApps: 1, GetCampaigns: 1 });
    expect(wireCalls).toEqual({ GetApps: 1, GetCampaigns: 1 });
  });

  test('three aliased apps’ campaigns: the first two arrive, the third is null with the refusal at app.campaigns', async () => {
    const query = `query($a: ID!, $b: ID!, $c: ID!) {
      a: app(id: $a) { campaigns { nodes { name } } }
      b: app(id: $b) { campaigns { nodes { name } } }
      c: app(id: $c) { campaigns { nodes { name } } }
    }`;
    const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, query, { a: apps.RETAIL, b: apps.BANKING, c: apps.ALERTS });
    expect(status).toBe(200);
    expect(body.data).toEqual({
      a: { campaigns: { nodes: [{ name: 'Spring sale email' }, { name: 'Weekly digest' }, { name: 'Summer launch' }, { name: 'Paused promo' }, { name: 'Cart reminder push' }] } },
      b: { campaigns: { nodes: [{ name: 'Card offer' }, { name: 'Security tips' }] } },
      c: null,
    });
    expect(errorsOf(body)).toEqual([refused('GetCampaigns', ['c', 'campaigns'])]);
    expect(body.extensions?.upstreamCalls).toEqual({ total: 2, byOperation: { GetCampaigns: 2 } });
    expect(gatewayCalls).toEqual({ GetCampaigns: 2 });
    expect(wireCalls).toEqual({ GetCampaigns: 2 });
  });

  test('nullable fields whose call is refused are null at their own paths, beside the one that arrived', async () => {
    const query = `query($app: ID!, $x: ID!, $y: ID!, $z: ID!) { app(id: $app) { x: campaign(id: $x) { name } y: campaign(id: $y) { name } z: campaign(id: $z) { name } } }`;
    const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, query, {
      app: apps.RETAIL,
      x: campaigns.RETAIL_SPRING_SALE,
      y: campaigns.RETAIL_WEEKLY_DIGEST,
      z: campaigns.RETAIL_SUMMER_LAUNCH,
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ app: { x: { name: 'Spring sale email' }, y: null, z: null } });
    expect(errorsOf(body)).toEqual([refused('GetCampaign', ['app', 'y']), refused('GetCampaign', ['app', 'z'])]);
    expect(gatewayCalls).toEqual({ GetApp: 1, GetCampaign: 1 });
    expect(wireCalls).toEqual({ GetApp: 1, GetCampaign: 1 });
  });
});

describe('maxResolverCalls: the resolution that crosses the cap fails, and so does every later one', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startBounded({ maxResolverCalls: 5 });
  });
  afterAll(() => stack.close());

  const capped = (path: (string | number)[]) => limitError('The request reached its limit of 5 field resolutions.', path, 'maxResolverCalls', 5);
  const variables = { a: apps.RETAIL, b: apps.BANKING, c: apps.ALERTS };

  test('a, b, c, a.name, b.name are resolutions 1-5: c.name is the 6th and nulls c', async () => {
    const query = `query($a: ID!, $b: ID!, $c: ID!) { a: app(id: $a) { name } b: app(id: $b) { name } c: app(id: $c) { name } }`;
    const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, query, variables);
    expect(status).toBe(200);
    expect(body.data).toEqual({ a: { name: 'Retail Storefront' }, b: { name: 'Mobile Banking' }, c: null });
    expect(errorsOf(body)).toEqual([capped(['c', 'name'])]);
    // c's GetApp was made by `c` itself (resolution 3), within the cap.
    expect(gatewayCalls).toEqual({ GetApp: 3 });
    expect(wireCalls).toEqual({ GetApp: 3 });
  });

  test('once over the cap, every later field fails at its own path: the response stops resolving', async () => {
    const query = `query($a: ID!, $b: ID!, $c: ID!) { a: app(id: $a) { name creationDate arn } b: app(id: $b) { name } c: app(id: $c) { name } }`;
    const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, query, variables);
    expect(status).toBe(200);
    // a, b, c (1-3), a.name (4), a.creationDate (5), a.arn (6: over), then b.name and c.name.
    expect(body.data).toEqual({ a: null, b: null, c: null });
    expect(errorsOf(body)).toEqual([capped(['a', 'arn']), capped(['b', 'name']), capped(['c', 'name'])]);
    expect(gatewayCalls).toEqual({ GetApp: 3 });
    expect(wireCalls).toEqual({ GetApp: 3 });
  });
});

describe('maxResponseBytes: an answer over the limit is replaced whole by one error', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startBounded({ maxResponseBytes: 2048 });
  });
  afterAll(() => stack.close());

  // 7 campaigns with their global IDs and ARNs: 3,484 bytes with its extensions.
  const BIG = `{ apps { nodes { id arn name campaigns { nodes { id arn campaignId name description } } } } }`;
  const SMALL = `{ apps { nodes { name } } }`;

  /** The refusal, with the size the answer would have had (measured on the default stack, same seed and same extensions). */
  async function expectedRefusal(query: string) {
    const unbounded = await defaults.gql(query);
    expect(unbounded.body.errors).toBeUndefined();
    const bytes = Buffer.byteLength(JSON.stringify(unbounded.body), 'utf8');
    expect(bytes).toBeGreaterThan(2048);
    return {
      errors: [
        {
          message: `The response of ${bytes} bytes exceeds the limit of 2048 bytes; ask for fewer objects or smaller pages.`,
          extensions: { code: 'EXECUTION_LIMIT_EXCEEDED', limit: 'maxResponseBytes', max: 2048 },
        },
      ],
    };
  }

  test('a big answer (Accept: application/json) is one error with code, limit and max, no data, status 400 (the client asked for too much)', async () => {
    const expected = await expectedRefusal(BIG);
    await clearWire(stack);
    const { status, body, headers } = await stack.gql(BIG, undefined, { accept: 'application/json' });
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body).toEqual(expected);
    expect(body).not.toHaveProperty('data');
    // The work was done (the answer was too big, not the reads): its calls, as the emulator saw them.
    expect(wire(stack)).toEqual({ GetApps: 1, GetCampaigns: 3 });
  });

  test('a big answer as application/graphql-response+json has no data entry, so its status is 4xx or 5xx (GraphQL over HTTP)', async () => {
    const expected = await expectedRefusal(BIG);
    await clearWire(stack);
    const { status, body, headers } = await stack.gql(BIG);
    expect(headers.get('content-type')).toBe('application/graphql-response+json; charset=utf-8');
    expect(body).toEqual(expected);
    // graphql-over-http, application/graphql-response+json: "If the GraphQL response does not
    // contain the {data} entry then the server MUST reply with a 4xx or 5xx status code".
    expect(status).toBe(400);
    expect(wire(stack)).toEqual({ GetApps: 1, GetCampaigns: 3 });
  });

  test('a small answer passes unchanged', async () => {
    const bounded = await runCounted(stack, SMALL);
    const unbounded = await runCounted(defaults, SMALL);
    expect(bounded.status).toBe(200);
    expect(bounded.body).toEqual(unbounded.body);
    expect(bounded.body.data).toEqual({ apps: { nodes: [{ name: 'Retail Storefront' }, { name: 'Mobile Banking' }, { name: 'Internal Alerts' }] } });
    expect(bounded.gatewayCalls).toEqual({ GetApps: 1 });
    expect(bounded.wireCalls).toEqual({ GetApps: 1 });
  });
});

describe('maxNodeIds: nodes(ids:) takes at most 100 IDs (the default)', () => {
  const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
  /** Well-formed global IDs of campaigns that do not exist: each is one GetCampaign to find out. */
  const forged = Array.from({ length: 101 }, (_, i) => toGlobalId('Campaign', 'us-east-1', apps.RETAIL, `forged-${i}`));

  test('101 IDs: refused before execution (the length is exact, so the cost check knows it), 400; no upstream call', async () => {
    const { status, body, gatewayCalls, wireCalls } = await runCounted(defaults, NODES, { ids: forged });
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: '"ids" takes at most 100 IDs; got 101.', extensions: { code: 'EXECUTION_LIMIT_EXCEEDED', limit: 'maxNodeIds', max: 100 } }]);
    expect(body.extensions?.upstreamCalls).toEqual({ total: 0, byOperation: {} });
    expect(gatewayCalls).toEqual({});
    expect(wireCalls).toEqual({});
  });

  test('100 forged campaign IDs are accepted: each is null with its own NOT_FOUND, at one GetCampaign each (100 calls)', async () => {
    const ids = forged.slice(0, 100);
    const { status, body, gatewayCalls, wireCalls } = await runCounted(defaults, NODES, { ids });
    expect(status).toBe(200);
    expect(body.data).toEqual({ nodes: ids.map(() => null) });
    expect(errorsOf(body)).toEqual(
      ids.map((id, i) => ({ message: `No Campaign exists for ID ${JSON.stringify(id)}.`, path: ['nodes', i], extensions: { id, type: 'Campaign', code: 'NOT_FOUND' } })),
    );
    // The price of a full list of forged IDs: one upstream read each, a fifth of the default upstream-call cap.
    expect(body.extensions?.upstreamCalls).toEqual({ total: 100, byOperation: { GetCampaign: 100 } });
    expect(gatewayCalls).toEqual({ GetCampaign: 100 });
    expect(wireCalls).toEqual({ GetCampaign: 100 });
  });

  test('100 IDs that do not decode cost nothing upstream: each is null with its own BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `garbage-${i}`);
    const { status, body, gatewayCalls, wireCalls } = await runCounted(defaults, NODES, { ids });
    expect(status).toBe(200);
    expect(body.data).toEqual({ nodes: ids.map(() => null) });
    expect(errorsOf(body)).toEqual(
      ids.map((id, i) => ({ message: `"id" must be a global ID issued by this gateway; got ${JSON.stringify(id)}.`, path: ['nodes', i], extensions: { argument: 'id', id, code: 'BAD_USER_INPUT' } })),
    );
    expect(gatewayCalls).toEqual({});
    expect(wireCalls).toEqual({});
  });

  test('a request with more than 10 upstream calls in flight at once writes no MaxListenersExceededWarning', async () => {
    // Every SDK call of a request listens on the request's one abort signal while it is in flight;
    // past 10 listeners Node writes "Possible EventTarget memory leak detected" to stderr, once per
    // request (the gateway runs in this process, so its stderr is this one).
    const stderr = jest.spyOn(process.stderr, 'write');
    try {
      const { body, wireCalls } = await runCounted(defaults, NODES, { ids: forged.slice(0, 11) });
      expect(body.data).toEqual({ nodes: Array.from({ length: 11 }, () => null) });
      expect(wireCalls).toEqual({ GetCampaign: 11 });
      // Node emits process warnings on a later tick.
      await sleep(50);
      const warnings = stderr.mock.calls.map(([chunk]) => String(chunk)).filter((text) => text.includes('MaxListenersExceededWarning'));
      expect(warnings).toEqual([]);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('maxKpiReads: distinct (resource, KPI, range) reads per request', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startBounded({ maxKpiReads: 2 });
    await learnAccountScope(stack);
  });
  afterAll(() => stack.close());

  test('the third distinct range fails; ranges already admitted are free (no upstream call, no count)', async () => {
    // Valid ranges: within the last 90 days, at most 31 calendar days. Computed once, so repeats are byte-identical.
    const r1 = { start: daysAgo(10), end: daysAgo(1) };
    const r2 = { start: daysAgo(20), end: daysAgo(1) };
    const r3 = { start: daysAgo(30), end: daysAgo(1) };
    // `kpi: KpiResult!` would null its app: one app per alias, so the others stay.
    const kpi = (alias: string, range: string) => `${alias}: app(id: $app) { kpi(name: TXN_EMAILS_SENT, startTime: $${range}Start, endTime: $${range}End) { kpiName startTime endTime } }`;
    const query = `query($app: ID!, $r1Start: DateTime!, $r1End: DateTime!, $r2Start: DateTime!, $r2End: DateTime!, $r3Start: DateTime!, $r3End: DateTime!) {
      ${kpi('k1', 'r1')} ${kpi('k2', 'r2')} ${kpi('k1Again', 'r1')} ${kpi('k2Again', 'r2')} ${kpi('k3', 'r3')}
    }`;
    const variables = { app: apps.RETAIL, r1Start: r1.start, r1End: r1.end, r2Start: r2.start, r2End: r2.end, r3Start: r3.start, r3End: r3.end };
    const { status, body, gatewayCalls, wireCalls } = await runCounted(stack, query, variables);
    expect(status).toBe(200);
    const result = (range: { start: string; end: string }) => ({ kpi: { kpiName: 'TXN_EMAILS_SENT', startTime: range.start, endTime: range.end } });
    expect(body.data).toEqual({ k1: result(r1), k2: result(r2), k1Again: result(r1), k2Again: result(r2), k3: null });
    expect(errorsOf(body)).toEqual([limitError('The request reached its limit of 2 distinct KPI reads (resource, KPI and date range).', ['k3', 'kpi'], 'maxKpiReads', 2)]);
    expect(gatewayCalls).toEqual({ GetApplicationDateRangeKpi: 2 });
    expect(wireCalls).toEqual({ GetApplicationDateRangeKpi: 2 });
  });
});

describe('deadline: at deadlineMs the request answers with what arrived and sends nothing more', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Every upstream call takes 1.5 s; the request may take 0.3 s.
    stack = await startBounded({ deadlineMs: 300 }, { latencyMs: 1500 });
  });
  afterAll(() => stack.close());

  const deadline = (path: (string | number)[]) => ({ message: "The request's deadline of 300 ms passed.", path, extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 300 } });

  test('app → campaign → segment: 200 with __typename, app null with DEADLINE_EXCEEDED; GetCampaign is never sent', async () => {
    await clearWire(stack);
    const { status, body } = await stack.gql(APP_THEN_CAMPAIGN, { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE });
    // The aborted GetApp fails `app` at once: Apollo answers within the 50 ms grace, so no 504.
    expect(status).toBe(200);
    expect(body.data).toEqual({ __typename: 'Query', app: null });
    expect(errorsOf(body)).toEqual([deadline(['app'])]);
    expect(body.extensions?.upstreamCalls).toEqual({ total: 1, byOperation: { GetApp: 1 } });
    expect(wire(stack)).toEqual({ GetApp: 1 });
    // Past the moment the first wave would have answered (1.5 s) and the second would have been sent.
    await sleep(2_000);
    expect(wire(stack)).toEqual({ GetApp: 1 });
  });

  test('apps → campaigns: 200 with data null (apps is non-null) and DEADLINE_EXCEEDED at apps; no GetCampaigns ever', async () => {
    await clearWire(stack);
    const { status, body } = await stack.gql(APPS_THEN_CAMPAIGNS);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(errorsOf(body)).toEqual([deadline(['apps'])]);
    expect(body.extensions?.upstreamCalls).toEqual({ total: 1, byOperation: { GetApps: 1 } });
    expect(wire(stack)).toEqual({ GetApps: 1 });
    await sleep(2_000);
    expect(wire(stack)).toEqual({ GetApps: 1 });
  });
});

describe('client disconnect: a request whose client left sends no further upstream call', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ latencyMs: 800 });
    await learnAccountScope(stack);
  });
  afterAll(() => stack.close());

  test('control: without a disconnect, apps → campaigns sends both waves', async () => {
    const { body, gatewayCalls, wireCalls } = await runCounted(stack, APPS_THEN_CAMPAIGNS);
    expect(body.errors).toBeUndefined();
    expect(gatewayCalls).toEqual({ GetApps: 1, GetCampaigns: 3 });
    expect(wireCalls).toEqual({ GetApps: 1, GetCampaigns: 3 });
  });

  test('aborting while the first wave is in flight: the second wave is never sent, and the gateway answers the next request', async () => {
    await clearWire(stack);
    const controller = new AbortController();
    const answer = abortablePost(stack, APPS_THEN_CAMPAIGNS, {}, controller.signal);
    await until(() => wire(stack).GetApps === 1, 'the emulator received GetApps');
    controller.abort();
    expect(await answer).toBe('rejected: AbortError');
    // Past the moment GetApps would have answered (0.8 s) and the GetCampaigns wave would have been sent.
    await sleep(2_000);
    expect(wire(stack)).toEqual({ GetApps: 1 });

    const next = await runCounted(stack, `{ apps { nodes { name } } }`);
    expect(next.status).toBe(200);
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data).toEqual({ apps: { nodes: [{ name: 'Retail Storefront' }, { name: 'Mobile Banking' }, { name: 'Internal Alerts' }] } });
    expect(next.gatewayCalls).toEqual({ GetApps: 1 });
    expect(next.wireCalls).toEqual({ GetApps: 1 });
  });

  test('one request’s disconnect does not fail another request sharing its KPI load (single flight)', async () => {
    const query = `query($app: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) { kpi(name: TXN_EMAILS_DELIVERED, startTime: $start, endTime: $end) { kpiName startTime endTime } } }`;
    const variables = { app: apps.RETAIL, start: daysAgo(12), end: daysAgo(2) };
    await clearWire(stack);
    const controller = new AbortController();
    const leaving = abortablePost(stack, query, variables, controller.signal);
    await until(() => wire(stack).GetApplicationDateRangeKpi === 1, 'the emulator received the KPI read');
    // The same KPI, asked by a client that stays: it joins the load in flight (same cache key).
    const staying = stack.gql(query, variables);
    await sleep(150);
    controller.abort();
    expect(await leaving).toBe('rejected: AbortError');
    const { status, body } = await staying;
    expect(status).toBe(200);
    expect(errorsOf(body)).toBeUndefined();
    expect(body.data).toEqual({ app: { kpi: { kpiName: 'TXN_EMAILS_DELIVERED', startTime: variables.start, endTime: variables.end } } });
    // Either the shared load went on for the staying client or it loaded again: at most one more read.
    expect(wire(stack).GetApplicationDateRangeKpi).toBeLessThanOrEqual(2);
  });
});

describe('the default limits leave reference-sized queries untouched', () => {
  let generous: Stack;
  beforeAll(async () => {
    // Every execution bound far out of reach: what the gateway answers with no bound at all.
    const far = 1_000_000_000;
    generous = await startStack({
      gateway: { limits: { execution: { deadlineMs: 600_000, maxUpstreamCalls: far, maxResolverCalls: far, maxKpiReads: far, maxNodeIds: far, maxResponseBytes: far } } },
    });
    await learnAccountScope(defaults);
    await learnAccountScope(generous);
  });
  afterAll(() => generous.close());

  test.each([
    ['pinpoint-apps-campaigns-segments', {}],
    ['pinpoint-list-then-lookups', {}],
    ['pinpoint-campaign-detail', { start: daysAgo(30), end: daysAgo(0) }],
  ])('%s: no errors, its documented minimum calls in both views, the same data as without bounds', async (name, extra) => {
    const reference = readReferenceQuery(name);
    const variables = { ...reference.variables, ...extra };
    const bounded = await runCounted(defaults, reference.query, variables);
    expect(bounded.status).toBe(200);
    expect(bounded.body.errors).toBeUndefined();
    expect(bounded.gatewayCalls).toEqual(reference.minimumCalls);
    expect(bounded.wireCalls).toEqual(reference.minimumCalls);
    const unbounded = await runCounted(generous, reference.query, variables);
    expect(unbounded.body.errors).toBeUndefined();
    expect(unbounded.gatewayCalls).toEqual(reference.minimumCalls);
    expect(bounded.body.data).toEqual(unbounded.body.data);
  });
});
