import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getOperationAST, parse } from 'graphql';
import { buildPipelineSchema } from '../../src/server/admission/pipeline';
import { createPlanner, graphPlannerOptions, type PlanReport } from '../../src/server/plan/requestPlan';
import { allReferenceQueries } from '../helpers/referenceQueries';
import { startStack, type Stack } from '../helpers/startStack';

// The read plan (src/server/plan/requestPlan.ts): what it decides from the operation alone, that it
// names every upstream operation a request then calls (every reference query, over HTTP), that it
// is reported outside production only, and the `npm run plan` command.

const root = join(__dirname, '..', '..');
const schema = buildPipelineSchema(join(root, 'schema'));
const planner = createPlanner(schema, graphPlannerOptions(schema));

/** Module-private: the plan of a one-operation document. */
function planOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  return planner.plan(document, getOperationAST(document)!, variables);
}

describe('what the plan decides from the operation alone', () => {
  test('a collection is read at the largest page any field asks; a field that may read it whole asks for the maximum', () => {
    expect(planOf('{ app(id: "a") { segments(first: 20) { nodes { name } } } }').pageSize('GetSegments')).toBe(20);
    const both = planOf('{ app(id: "a") { segments(first: 20) { nodes { name } } journeys(first: 5) { nodes { startCondition { segment { name } } } } } }');
    expect(both.pageSize('GetSegments')).toBe(1000);
    expect(both.pageSize('ListJourneys')).toBe(5);
    // A journey's start segment may read the list (for several lookups) but need not: not a whole read.
    expect(both.readsWhole('GetSegments')).toBe(false);
    // A campaign's segment reads its version by ID (or from a list another field reads): it sizes nothing.
    expect(planOf('{ app(id: "a") { segments(first: 20) { nodes { name } } campaigns(first: 5) { nodes { segment { name } } } } }').pageSize('GetSegments')).toBe(20);
    // Segment.campaigns reads every campaign of the project.
    const reverse = planOf('{ app(id: "a") { campaigns(first: 5) { nodes { name } } segments { nodes { campaigns { name } } } } }');
    expect(reverse.readsWhole('GetCampaigns')).toBe(true);
    expect(reverse.pageSize('GetCampaigns')).toBe(1000);
    expect(reverse.pageSize('GetSegments')).toBe(100);
  });

  test('SMS collections are sized within their own maximum, and a dispatch over types (node) sizes nothing', () => {
    const plan = planOf('query($n: Int) { phoneNumbers(first: $n) { nodes { phoneNumberId } } node(id: "x") { id } }', { n: 7 });
    expect(plan.pageSizes).toEqual({ DescribePhoneNumbers: 7 });
    expect(planOf('{ phoneNumbers { nodes { phoneNumberId } } }').pageSize('DescribePhoneNumbers')).toBe(25);
  });

  test('a page after a cursor does not size the first page; @skip and @include drop a field and its reads', () => {
    expect(planOf('{ app(id: "a") { segments(first: 900, after: "x") { nodes { name } } } }').pageSize('GetSegments')).toBeUndefined();
    const plan = planOf('query($on: Boolean!) { app(id: "a") { segments(first: 900) @include(if: $on) { nodes { name } } settings { limits { daily } } } }', { on: false });
    expect(plan.pageSize('GetSegments')).toBeUndefined();
    // `app(id:)` answers with a reference here (its settings need only the ID): both in wave 1.
    expect(plan.report().waves).toEqual([{ wave: 1, operations: ['GetApp', 'GetApplicationSettings'] }]);
  });

  test('waves follow the reads that produce each parent, through fragments spread at several depths', () => {
    const plan = planOf(`
      query { node(id: "x") { ...Card } pool(poolId: "p") { originationIdentities(first: 3) { nodes { resource { ...Card } } } } }
      fragment Card on PhoneNumber { phoneNumberId }`);
    expect(plan.waves('DescribePhoneNumbers')).toEqual([1, 3]);
    expect(plan.waves('ListPoolOriginationIdentities')).toEqual([2]);
    expect(plan.rounds).toBe(3);
  });

  test('a document of chained fragments (each spread twice per level) is planned in one walk per fragment and wave', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1 ? `fragment F${level} on App { name settings { limits { daily } } }` : `fragment F${level} on App { ...F${level + 1} other: name ...F${level + 1} }`,
    );
    // 2^40 spread visits if walked in place; the memo makes it 40.
    const plan = planOf(`{ app(id: "a") { ...F0 } } ${fragments.join(' ')}`);
    // `app(id:)` answers with a reference here (its settings need only the ID): both in wave 1.
    expect(plan.report().waves).toEqual([{ wave: 1, operations: ['GetApp', 'GetApplicationSettings'] }]);
  });
});

describe('over HTTP', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test.each(allReferenceQueries().map((reference) => [reference.file, reference] as const))('%s: every upstream operation the request calls is in its plan, in a planned wave', async (_file, reference) => {
    const { body } = await stack.gql(reference.query, reference.variables, { 'x-plan': 'true' });
    const plan = body.extensions?.plan as PlanReport | undefined;
    expect(plan).toBeDefined();
    const called = Object.keys(body.extensions?.upstreamCalls?.byOperation ?? {});
    const planned = new Set(plan!.waves.flatMap((wave) => wave.operations));
    expect(called.filter((operation) => !planned.has(operation))).toEqual([]);
    if (called.length > 0) expect(plan!.rounds).toBeGreaterThanOrEqual(1);
  });

  test('the plan is reported only when asked for (request extensions or the x-plan header), never in production', async () => {
    const query = '{ apps(first: 1) { nodes { name } } }';
    expect((await stack.gql(query)).body.extensions?.plan).toBeUndefined();
    const asked = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions: { plan: true } }) });
    expect(((await asked.json()) as { extensions?: { plan?: PlanReport } }).extensions?.plan?.waves).toEqual([{ wave: 1, operations: ['GetApps'] }]);
    const production = await startStack({ gateway: { nodeEnv: 'production' } });
    try {
      const { body } = await production.gql(query, undefined, { 'x-plan': 'true' });
      expect(body.extensions?.plan).toBeUndefined();
    } finally {
      await production.close();
    }
  });
});

describe('npm run plan', () => {
  const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'plan.ts'), ...args], { cwd: root });

  test('prints the plan of a reference query with its header variables: waves, page sizes, rounds', async () => {
    const { stdout } = await run('test/queries/pinpoint-project-overview.graphql');
    // GetApp beside the project's lists (the project answers with a reference), then the campaigns' segments at their versions.
    expect(stdout).toContain('predicted rounds: 2');
    expect(stdout).toContain('page sizes: GetSegments 20, GetCampaigns 100');
    expect(stdout).toMatch(/GetSegmentVersion: at most one per distinct object of Campaign\.segment \(wave 2\)/);
  });

  test('--json prints what extensions.plan holds; an invalid query exits 2 with the validation message', async () => {
    const { stdout } = await run('test/queries/pinpoint-journey-list.graphql', '{"app": "x"}', '--json');
    const report = JSON.parse(stdout) as PlanReport;
    expect(report.waves[0]).toEqual({ wave: 1, operations: ['GetApp', 'ListJourneys'] });
    await expect(run('package.json')).rejects.toMatchObject({ code: 2 });
  });
});
