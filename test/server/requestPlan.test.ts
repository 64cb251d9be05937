import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getOperationAST, parse, print } from 'graphql';
import { nodeFetchers, nodeReads } from '../../src/graph';
import { toGlobalId } from '../../src/graph/ids';
import { readUpstreamAnnotations } from '../../src/server/limits/costModel';
import { buildPipelineSchema } from '../../src/server/admission/pipeline';
import { createPlanner, graphPlannerOptions, type PlanReport, type PlanState } from '../../src/server/plan/requestPlan';
import { allReferenceQueries, RUN_TIME_VARIABLES } from '../helpers/referenceQueries';
import { startStack, type Stack } from '../helpers/startStack';

// The read plan (src/server/plan/requestPlan.ts): what it decides from the operation alone, that it
// names every upstream operation a request then calls (every reference query, over HTTP), that it
// is reported outside production only, and the `npm run plan` command.

const root = join(__dirname, '..', '..');
const schema = buildPipelineSchema(join(root, 'schema'));
const planner = createPlanner(schema, graphPlannerOptions(schema));

/** Module-private: the plan of a one-operation document. */
function planOf(query: string, variables: Record<string, unknown> = {}, state?: PlanState) {
  const document = parse(query);
  return planner.plan(document, getOperationAST(document)!, variables, state);
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

describe('what the plan knows of the graph beyond its annotations', () => {
  const phoneId = toGlobalId('PhoneNumber', 'us-east-1', 'phone-1');
  const campaignId = toGlobalId('Campaign', 'us-east-1', 'app-1', 'campaign-1');

  test('node(id:) with an ID this gateway issued reads its type only, and only fragments on that type apply below it', () => {
    const query = `query ($id: ID!) { node(id: $id) { ... on PhoneNumber { poolId } ... on Campaign { segment { name } } } }`;
    const phone = planOf(query, { id: phoneId });
    expect(phone.report().waves).toEqual([{ wave: 1, operations: ['DescribePhoneNumbers'] }]);
    const campaign = planOf(query, { id: campaignId });
    expect(campaign.report().waves).toEqual([
      { wave: 1, operations: ['GetCampaign'] },
      { wave: 2, operations: ['GetSegmentVersion'] },
    ]);
    // A versioned ID names the version's read; several IDs name each of theirs.
    expect(planOf(query, { id: toGlobalId('Campaign', 'us-east-1', 'app-1', 'campaign-1', '3') }).waves('GetCampaignVersion')).toEqual([1]);
    const both = planOf('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [phoneId, campaignId] });
    expect(both.report().waves).toEqual([{ wave: 1, operations: ['DescribePhoneNumbers', 'GetCampaign'] }]);
    // An ID the gateway did not issue (refused at run time) leaves every type possible.
    const unknown = planOf(query, { id: 'not-an-id' });
    expect(unknown.report().waves[0].operations).toEqual(expect.arrayContaining(['DescribePhoneNumbers', 'GetCampaign', 'GetApp', 'DescribePools']));
    expect(unknown.rounds).toBe(2);
  });

  test('every Node type has its read named, and each is one of node(id:)’s annotated operations', () => {
    expect(Object.keys(nodeReads).sort()).toEqual(Object.keys(nodeFetchers).sort());
    const annotated = Object.values(readUpstreamAnnotations(schema).get('Query.node') ?? {}).flat();
    for (const read of Object.values(nodeReads)) for (const keys of [['a', 'b'], ['a', 'b', '1']]) expect(annotated).toContain(read(keys));
  });

  test('a project-keyed read the App makes itself answers the same read below it, whatever the field order', () => {
    const inner = 'channels { ... on SmsChannel { senderId } } segments { nodes { campaigns { name } } }';
    for (const query of [`{ app(id: "a") { smsChannel { senderId } campaigns { nodes { name } } ${inner} } }`, `{ app(id: "a") { ${inner} campaigns { nodes { name } } smsChannel { senderId } } }`]) {
      const plan = planOf(query);
      expect(plan.rounds).toBe(1);
      // Segment.campaigns still reads the whole list (the App's own read holds every campaign).
      expect(plan.readsWhole('GetCampaigns')).toBe(true);
    }
    // Without the App's own read, the channel's senderId reads its channel after the channel list.
    const alone = planOf('{ app(id: "a") { name channels { ... on SmsChannel { senderId } } } }');
    expect(alone.waves('GetSmsChannel')).toEqual([alone.waves('GetChannels')[0] + 1]);
  });

  test('a field the producing answer carries costs nothing: a user’s endpoints, a number’s pool ID, an owner keyword', () => {
    // `app(id:)` answers with a reference here (`name` is its witness): the user is read in wave 1, once.
    const user = planOf('{ app(id: "a") { name user(id: "u") { endpoints { user { endpoints { endpointId } } } } } }');
    expect(user.waves('GetUserEndpoints')).toEqual([1]);
    expect(user.rounds).toBe(1);
    expect(planOf('{ phoneNumbers(first: 5) { nodes { poolId } } }').rounds).toBe(1);
    // A keyword's owner is the pool it is listed under.
    const keywords = planOf('{ pools(first: 5) { nodes { keywords(first: 5) { nodes { owner { ... on Pool { poolId } } } } } } }');
    expect(keywords.report().waves).toEqual([
      { wave: 1, operations: ['DescribePools'] },
      { wave: 2, operations: ['DescribeKeywords'] },
    ]);
  });

  test('a template’s description comes from its version list when the request reads it, through fragments too', () => {
    const withVersions = planOf('{ templates { nodes { ...Summary versions(first: 5) { nodes { description } } } } } fragment Summary on MessageTemplate { description }');
    expect(withVersions.rounds).toBe(2);
    expect(withVersions.report().waves).toEqual([
      { wave: 1, operations: ['ListTemplates'] },
      { wave: 2, operations: ['ListTemplateVersions'] },
    ]);
    // Without the version list, each listed template's description needs its typed Get.
    const alone = planOf('{ templates { nodes { description } } }');
    expect(alone.waves('GetEmailTemplate')).toEqual([2]);
  });

  test('a registration field’s section is read beside its definition, not after it', () => {
    const plan = planOf('{ registration(registrationId: "r") { fieldValues(first: 5) { nodes { definition { section { sectionPath } } } } } }');
    expect(plan.waves('DescribeRegistrationFieldDefinitions')).toEqual([2]);
    expect(plan.waves('DescribeRegistrationSectionDefinitions')).toEqual([2]);
    expect(plan.rounds).toBe(2);
  });

  test('fragments that nest owner edges at every level are still planned in one walk per fragment and place', () => {
    const levels = 30;
    const fragments = Array.from({ length: levels }, (_, level) =>
      level === levels - 1
        ? `fragment F${level} on App { name }`
        : `fragment F${level} on App { campaigns { nodes { app { ...F${level + 1} } } } segments { nodes { app { ...F${level + 1} } } } }`,
    );
    // The ancestors of F29 differ by path (2^29 of them), but the set of their types does not.
    const plan = planOf(`{ app(id: "a") { ...F0 } } ${fragments.join(' ')}`);
    expect(plan.rounds).toBe(1);
  });
});

describe('plans made before', () => {
  test('an operation planned again with the same variables and state is the plan made before; other variables, another state or another document are planned anew', () => {
    const document = parse('query($first: Int, $skip: Boolean!) { app(id: "a") { name segments(first: $first) @skip(if: $skip) { nodes { name } } } }');
    const operation = getOperationAST(document)!;
    const first = planner.plan(document, operation, { first: 20, skip: false });
    expect(planner.plan(document, operation, { first: 20, skip: false })).toBe(first);
    // The variables decide the plan: another page size, a skipped field.
    const larger = planner.plan(document, operation, { first: 50, skip: false });
    expect(larger).not.toBe(first);
    expect(larger.pageSize('GetSegments')).toBe(50);
    expect(planner.plan(document, operation, { first: 20, skip: true }).calls).toEqual({ GetApp: 1 });
    // The process's state decides it too.
    expect(planner.plan(document, operation, { first: 20, skip: false }, { accountScopeKnown: false })).not.toBe(first);
    expect(planner.plan(document, operation, { first: 20, skip: false }, { accountScopeKnown: true })).toBe(first);
    // The same text parsed again is another document (Apollo's store hands back one per text): planned anew, alike.
    const again = parse(print(document));
    const replanned = planner.plan(again, getOperationAST(again)!, { first: 20, skip: false });
    expect(replanned).not.toBe(first);
    expect(replanned.report()).toEqual(first.report());
  });
});

describe('the calls the plan predicts (a number where the document decides them)', () => {
  const phoneIds = Array.from({ length: 7 }, (_, i) => toGlobalId('PhoneNumber', 'us-east-1', `phone-${i}`));
  const campaignIds = ['c1', 'c2'].map((id) => toGlobalId('Campaign', 'us-east-1', 'app-1', id));

  test('one call per read of one object or one page, when nothing above it is a list or a reference the data may leave empty', () => {
    const plan = planOf('{ app(id: "a") { name settings { limits { daily } } campaigns(first: 5) { nodes { name activities(first: 2) { nodes { id } } segment { name } } } campaign(id: "c") { name } } }');
    expect(plan.calls).toEqual({
      GetApp: 1,
      GetApplicationSettings: 1,
      GetCampaigns: 1,
      // Below the campaigns' list: one per campaign the data holds.
      GetCampaignActivities: null,
      GetSegmentVersion: null,
      // A lookup beside a list of its type: the list may answer it.
      GetCampaign: null,
    });
    // Alone, the lookup is one call (after the project's: no witness, so no reference); its segment reference may be empty.
    expect(planOf('{ app(id: "a") { campaign(id: "c") { name segment { name } } } }').calls).toEqual({ GetApp: 1, GetCampaign: 1, GetSegmentVersion: null });
  });

  test('a read keyed by its project alone (a channel, the event stream) is one call even though it may answer null; what lies below it is not certain', () => {
    expect(planOf('{ app(id: "a") { name smsChannel { senderId } eventStream { roleArn } } }').calls).toEqual({ GetApp: 1, GetSmsChannel: 1, GetEventStream: 1 });
    // Below a list of projects: one per project the data holds.
    expect(planOf('{ apps(first: 3) { nodes { smsChannel { senderId } } } }').calls).toEqual({ GetApps: 1, GetSmsChannel: null });
    // Below a project reached from a campaign whose project is uncertain, nothing is a number.
    expect(planOf('{ apps(first: 1) { nodes { campaigns(first: 1) { nodes { app { eventStream { roleArn } } } } } } }').calls.GetEventStream).toBeNull();
    // The channel's own summary list below it (a channel read once listed) stays data-dependent.
    expect(planOf('{ app(id: "a") { name smsChannel { senderId } channels { ... on SmsChannel { senderId } } } }').calls).toMatchObject({ GetChannels: 1, GetSmsChannel: null });
  });

  test('the project answering with a reference reads itself on demand only: a number once its own data is selected', () => {
    expect(planOf('{ app(id: "a") { campaigns(first: 5) { nodes { name } } } }').calls).toEqual({ GetApp: null, GetCampaigns: 1 });
    expect(planOf('{ app(id: "a") { name campaigns(first: 5) { nodes { name } } } }').calls).toEqual({ GetApp: 1, GetCampaigns: 1 });
  });

  test('a process that does not know its account scope yet reads the project before its KPI (one round more), and only the KPI waits', () => {
    const query = '{ app(id: "a") { kpi(name: SUCCESSFUL_DELIVERY_RATE, startTime: "2026-11-01T00:00:00Z", endTime: "2026-12-01T00:00:00Z") { kpiName } campaigns(first: 2) { nodes { name } } } }';
    const warm = planOf(query);
    expect(warm.rounds).toBe(1);
    expect(warm.calls).toEqual({ GetApp: null, GetApplicationDateRangeKpi: 1, GetCampaigns: 1 });
    const cold = planOf(query, {}, { accountScopeKnown: false });
    expect(cold.report().waves).toEqual([
      { wave: 1, operations: ['GetApp', 'GetCampaigns'] },
      { wave: 2, operations: ['GetApplicationDateRangeKpi'] },
    ]);
    expect(cold.calls).toEqual({ GetApp: 1, GetApplicationDateRangeKpi: 1, GetCampaigns: 1 });
    // Without a KPI, the scope changes nothing.
    expect(planOf('{ app(id: "a") { campaigns(first: 2) { nodes { name } } } }', {}, { accountScopeKnown: false }).calls).toEqual({ GetApp: null, GetCampaigns: 1 });
  });

  test('whole collections, pages beyond one upstream page, reads over several types and alternatives depend on the data', () => {
    // Segment.campaigns reads the project's whole campaign list (as many pages as it holds), even though App.campaigns' read answers it.
    expect(planOf('{ app(id: "a") { name campaigns(first: 5) { nodes { name } } segments(first: 1) { nodes { campaigns { name } } } } }').calls.GetCampaigns).toBeNull();
    expect(planOf('{ app(id: "a") { name segments(first: 1001) { nodes { name } } } }').calls.GetSegments).toBeNull();
    expect(planOf('{ app(id: "a") { name segments(first: 1000) { nodes { name } } } }').calls.GetSegments).toBe(1);
    // An interface's field: each implementation's read, the data picks which.
    const templates = planOf('{ templates(first: 5) { nodes { description } } }').calls;
    expect(templates).toMatchObject({ ListTemplates: 1, GetEmailTemplate: null, GetSmsTemplate: null, GetPushTemplate: null, GetVoiceTemplate: null, GetInAppTemplate: null });
    // A journey's start segment: by ID, or through the list when enough lookups share it.
    const start = planOf('{ app(id: "a") { name journey(id: "j") { startCondition { segment { name } } } } }').calls;
    expect(start.GetSegment).toBeNull();
  });

  test('the README states how many operations of the reference queries get a number', () => {
    let numbered = 0;
    let operations = 0;
    for (const reference of allReferenceQueries()) {
      const calls = Object.values(planOf(reference.query, reference.variables).calls);
      operations += calls.length;
      numbered += calls.filter((count) => count !== null).length;
    }
    const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`Across the ${allReferenceQueries().length} reference queries, ${numbered} of ${operations} operations get a number`);
  });

  test('found by queries generated from the schema: global IDs beside a list of their type, a sibling that carries a field only for its own type or only when its page holds it', () => {
    // The apps page may hold the project a global ID names: then no GetApp.
    const app = toGlobalId('App', 'us-east-1', 'app-1');
    expect(planOf(`{ apps(first: 2) { nodes { name } } nodes(ids: ["${app}"]) { id } }`).calls).toEqual({ GetApps: 1, GetApp: null });
    // Versions selected on push templates carry nothing for SMS templates: their read is named.
    expect(planOf('{ templates(first: 3) { nodes { ... on PushTemplate { versions(first: 1) { nodes { version } } } ... on SmsTemplate { defaultSubstitutions } } } }').calls).toMatchObject({ GetSmsTemplate: null });
    // On the push template itself, a page of one version may not hold the active one: the read is named, in no wave of its own.
    const pushed = planOf('{ templates(first: 3) { nodes { ... on PushTemplate { description versions(first: 1) { nodes { version } } } } } }');
    expect(pushed.calls).toMatchObject({ ListTemplates: 1, GetPushTemplate: null });
    expect(pushed.waves('GetPushTemplate')).toEqual([]);
  });

  test('lookups by argument or global ID count their distinct keys: SMS v2 batches 5 per call, Pinpoint reads several by ID or by list', () => {
    const aliases = `query (${phoneIds.map((_, i) => `$p${i}: String!`).join(', ')}) { ${phoneIds.map((_, i) => `p${i}: phoneNumber(phoneNumberId: $p${i}) { phoneNumber }`).join(' ')} }`;
    const distinct = Object.fromEntries(phoneIds.map((_, i) => [`p${i}`, `phone-${i}`]));
    expect(planOf(aliases, distinct).calls).toEqual({ DescribePhoneNumbers: 2 });
    expect(planOf(aliases, Object.fromEntries(phoneIds.map((_, i) => [`p${i}`, `phone-${i % 5}`]))).calls).toEqual({ DescribePhoneNumbers: 1 });
    expect(planOf('{ a: app(id: "a") { name } b: app(id: "b") { name } c: app(id: "a") { name } }').calls).toEqual({ GetApp: 2 });
    expect(planOf('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: phoneIds }).calls).toEqual({ DescribePhoneNumbers: 2 });
    expect(planOf('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [...phoneIds.slice(0, 3), campaignIds[0]] }).calls).toEqual({ DescribePhoneNumbers: 1, GetCampaign: 1 });
    expect(planOf('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: campaignIds }).calls).toEqual({ GetCampaign: null });
    // Two fields reading one operation may read one object twice or two objects: the data tells.
    expect(planOf('query ($id: ID!) { node(id: $id) { id } phoneNumber(phoneNumberId: "phone-0") { phoneNumber } }', { id: phoneIds[0] }).calls).toEqual({ DescribePhoneNumbers: null });
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
    expect(stdout).toMatch(/GetSegmentVersion: depends on the data: at most one per distinct object of Campaign\.segment \(wave 2\)/);
    expect(stdout).toContain('GetSegments: 1 call: App.segments (wave 1, page 20)');
  });

  test('--measure runs the query once against the demo data and prints what it made beside the plan', async () => {
    const { stdout } = await run('test/queries/pinpoint-project-overview.graphql', '--measure');
    expect(stdout).toContain('measured against the demo data');
    expect(stdout).toContain('rounds: predicted 2, measured 2');
    expect(stdout).toContain('GetSegments: predicted 1, measured 1');
    // The header's reasoning: 2 of the 4 targeted versions are not the latest on the page.
    expect(stdout).toContain('GetSegmentVersion: depends on the data, measured 2');
    expect(stdout).toContain('every predicted number holds');
  });

  test('--measure exits 3 naming a predicted number the run contradicts (an unknown ID costs its batch a retry)', async () => {
    const variables = JSON.stringify(RUN_TIME_VARIABLES['sms-nodes-one-unknown']);
    const failure = await run('test/queries/sms-nodes-one-unknown.graphql', variables, '--measure', '--json').then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(3);
    const { differs, measured } = JSON.parse(failure!.stdout) as { differs: string[]; measured: { errors: Array<{ code?: string }> } };
    expect(measured.errors.map((error) => error.code)).toEqual(['NOT_FOUND']);
    expect(differs).toEqual(expect.arrayContaining(['DescribePhoneNumbers: predicted 1, measured 2']));
  });

  test('--json prints what extensions.plan holds; an invalid query exits 2 with the validation message', async () => {
    const { stdout } = await run('test/queries/pinpoint-journey-list.graphql', '{"app": "x"}', '--json');
    const report = JSON.parse(stdout) as PlanReport;
    expect(report.waves[0]).toEqual({ wave: 1, operations: ['GetApp', 'ListJourneys'] });
    await expect(run('package.json')).rejects.toMatchObject({ code: 2 });
  });
});
