import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildSchema, Kind, parse, print, validate, visit, type DocumentNode, type FieldNode, type GraphQLSchema, type SelectionNode, type SelectionSetNode } from 'graphql';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import type { PlanReport } from '../../src/server/plan/requestPlan';
import { postGql } from '../helpers/gql';
import { allReferenceQueries, DATE_TIME_RANGE, EXPECTED_ERRORS, NOW, type Reference } from '../helpers/referenceQueries';
import { swappableCache } from '../helpers/swappableCache';
import { assertCostBound } from '../helpers/startStack';
import { demoDataArguments, schemaQueries, withFragmentsAndDirectives } from '../helpers/schemaQueries';

// The plan's predicted calls (`extensions.plan.calls`, src/server/plan/requestPlan.ts) against the
// wire, on documents nobody here wrote: every reference query and pages cut from it (fast-check
// drops any selections of any selection set, with a fixed seed). Wherever the plan gives a number,
// the emulator receives exactly that many calls of the operation; the plan names every operation
// the request calls. A number is a claim about the document alone, so it must hold whatever the
// page keeps. Each run starts from the same state: the emulator reset and re-seeded under a frozen
// clock, an empty KPI cache (the plan predicts a cold one). The plan assumes every object an
// argument names exists, so a run answering errors (an unknown ID's retry) is not compared.
// PLAN_RUNS=<n> and PLAN_SEED=<seed> explore beyond CI.

const root = join(__dirname, '..', '..');
const SEED = Number(process.env.PLAN_SEED ?? 20261205);
const RUNS = Number(process.env.PLAN_RUNS ?? 5);
const GENERATED_RUNS = Number(process.env.PLAN_GENERATED_RUNS ?? 120);

let schema: GraphQLSchema;
let emulator: EmulatorServer;
let gateway: GatewayServer;
const kpiStore = swappableCache();

beforeAll(async () => {
  schema = buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
  emulator = await createEmulatorServer({ port: 0, seed: false, clock: { now: () => new Date(NOW) } });
  gateway = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint }, cache: kpiStore.cache });
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

// ---- pages cut from a reference query ------------------------------------------------------------

/** Module-private: how many selections the document has (every selection set's, pre-order). */
function selectionCount(document: DocumentNode): number {
  let count = 0;
  visit(document, { SelectionSet: (set) => void (count += set.selections.length) });
  return count;
}

/** What becomes of one selection in a page cut from a query. */
type Edit = 'keep' | 'drop' | 'twice';

/**
 * Module-private: `document` with each selection edited as `edits` names (by pre-order index over
 * every selection set): dropped (a set keeps its first selection when every one is), or a field
 * selected twice (the copy under another alias, as pages do); then without the fragments and
 * variables nothing uses any more (they would not validate).
 */
function cut(document: DocumentNode, edits: readonly Edit[], variables: Record<string, unknown>): { document: DocumentNode; variables: Record<string, unknown> } {
  let index = 0;
  const pruned = visit(document, {
    SelectionSet: {
      leave(set: SelectionSetNode) {
        const start = index;
        index += set.selections.length;
        const kept = set.selections.filter((_, i) => edits[start + i] !== 'drop');
        const edited = (kept.length > 0 ? kept : [set.selections[0]]).flatMap((selection): SelectionNode[] => {
          const at = start + set.selections.indexOf(selection);
          if (edits[at] !== 'twice' || selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) return [selection];
          const again: FieldNode = { ...selection, alias: { kind: Kind.NAME, value: `again${at}` } };
          return [selection, again];
        });
        return { ...set, selections: edited };
      },
    },
  });
  // Fragments reachable from the operation, then the variables they and the operation use.
  let current = pruned;
  for (;;) {
    const spread = new Set<string>();
    visit(current, { FragmentSpread: (node) => void spread.add(node.name.value) });
    const definitions = current.definitions.filter((definition) => definition.kind !== Kind.FRAGMENT_DEFINITION || spread.has(definition.name.value));
    if (definitions.length === current.definitions.length) break;
    current = { ...current, definitions };
  }
  const used = new Set<string>();
  visit(current, { VariableDefinition: () => false, Variable: (node) => void used.add(node.name.value) });
  const document2 = visit(current, { OperationDefinition: (operation) => ({ ...operation, variableDefinitions: operation.variableDefinitions?.filter((definition) => used.has(definition.variable.name.value)) }) });
  return { document: document2, variables: Object.fromEntries(Object.entries(variables).filter(([name]) => used.has(name))) };
}

/** Module-private: the pages cut from `reference` (shrinking towards the whole query). */
function pagesOf(reference: Reference): fc.Arbitrary<{ query: string; variables: Record<string, unknown> }> {
  const count = selectionCount(reference.document);
  return fc.array(fc.nat({ max: 15 }), { minLength: count, maxLength: count }).map((picks) => {
    const { document, variables } = cut(
      reference.document,
      picks.map((pick): Edit => (pick < 4 ? 'drop' : pick === 4 ? 'twice' : 'keep')),
      reference.variables,
    );
    return { query: print(document), variables };
  });
}

// ---- one run -------------------------------------------------------------------------------------

/** Module-private: runs a query from the common state; its plan, its errors and the calls the emulator received by operation. */
async function run(query: string, variables: Record<string, unknown>): Promise<{ plan: PlanReport; errors: unknown[] | undefined; calls: Record<string, number> } | 'refused'> {
  emulator.reset();
  emulator.seed();
  kpiStore.reset();
  // The cost model's bound holds on these pages too (as on every query a test stack sends).
  const { status, body } = assertCostBound(await postGql(`${gateway.url}/graphql`, query, variables, { 'x-plan': 'true' }), query);
  // Fields selected twice at every level multiply the cost: the limit refuses such a page before any call.
  if (status === 400 && body.errors?.[0]?.extensions?.code === 'COST_LIMIT_EXCEEDED' && Object.keys(emulator.callCounts().byOperation).length === 0) return 'refused';
  expect(status).toBe(200);
  expect(body.extensions?.cost?.estimatedUpstreamCalls).toEqual(expect.any(Number));
  const calls: Record<string, number> = {};
  for (const [key, count] of Object.entries(emulator.callCounts().byOperation)) {
    const operation = key.slice(key.indexOf('.') + 1);
    calls[operation] = (calls[operation] ?? 0) + count;
  }
  return { plan: body.extensions?.plan as PlanReport, errors: body.errors, calls };
}

/** How many of the plan's numbers the runs compared, how many were calls made (not a vacuous zero), and the pages the cost limit refused. */
const compared = { numbers: 0, calls: 0, refused: 0, pages: 0 };

/** Module-private: asserts the plan's numbers against what the emulator received. */
function expectPredicted(plan: PlanReport, calls: Record<string, number>): void {
  expect(plan).toBeDefined();
  expect(Object.keys(plan.calls)).toEqual(expect.arrayContaining(Object.keys(calls)));
  const predicted = Object.entries(plan.calls).filter((entry): entry is [string, number] => entry[1] !== null);
  compared.numbers += predicted.length;
  compared.calls += predicted.reduce((sum, [, count]) => sum + count, 0);
  expect(Object.fromEntries(predicted.map(([operation]) => [operation, calls[operation] ?? 0]))).toEqual(Object.fromEntries(predicted));
}

const references = allReferenceQueries();

test('the pages cut from a query validate (fragments and variables left unused are dropped too)', () => {
  for (const reference of references) {
    const count = selectionCount(reference.document);
    const everyOther = Array.from({ length: count }, (_, i): Edit => (i % 2 === 1 ? 'drop' : 'keep'));
    const { document } = cut(reference.document, everyOther, reference.variables);
    const doubled = cut(reference.document, Array.from({ length: count }, (): Edit => 'twice'), reference.variables).document;
    expect(validate(schema, doubled)).toEqual([]);
    expect(validate(schema, document)).toEqual([]);
    expect(selectionCount(document)).toBeLessThan(count);
  }
});

test.each(references.map((reference) => [reference.file, reference] as const))('%s and pages cut from it: the calls the plan predicts', async (file, reference) => {
  const whole = await run(reference.query, reference.variables);
  if (whole === 'refused') throw new Error(`${file} is refused by the cost limit.`);
  if (EXPECTED_ERRORS.has(file)) expect(whole.errors).toBeDefined();
  else {
    expect(whole.errors).toBeUndefined();
    expectPredicted(whole.plan, whole.calls);
  }
  await fc.assert(
    fc.asyncProperty(pagesOf(reference), async ({ query, variables }) => {
      expect(validate(schema, parse(query))).toEqual([]);
      const outcome = await run(query, variables);
      compared.pages += 1;
      if (outcome === 'refused') {
        compared.refused += 1;
        return;
      }
      const { plan, errors, calls } = outcome;
      if (errors !== undefined) {
        // Only an unknown ID the query names may fail; its retry is a fact of the data.
        expect(EXPECTED_ERRORS.has(file)).toBe(true);
        return;
      }
      expectPredicted(plan, calls);
    }),
    { seed: SEED, numRuns: RUNS },
  );
}, 60_000);


test('queries generated from the schema alone: the plan names every operation the request calls, and each of its numbers holds', async () => {
  const generated = schemaQueries(schema, {
    knownArguments: demoDataArguments(),
    startTime: JSON.stringify(DATE_TIME_RANGE.start),
    endTime: JSON.stringify(DATE_TIME_RANGE.end),
    maxDepth: Number(process.env.PLAN_GENERATED_DEPTH ?? 5),
    maxWidth: Number(process.env.PLAN_GENERATED_WIDTH ?? 3),
  });
  // Half as written, half with named fragments and @skip/@include (taken and not) on some fields.
  const queries = fc
    .tuple(generated, fc.boolean(), fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 40 }))
    .map(([query, rewrite, picks]) => (rewrite ? withFragmentsAndDirectives(schema, query, picks) : query))
    .filter((query) => validate(schema, parse(query)).length === 0);
  const outcomes = { compared: 0, withErrors: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(queries, async (query) => {
      const outcome = await run(query, {});
      if (outcome === 'refused') {
        outcomes.refused += 1;
        return;
      }
      expect(Object.keys(outcome.plan.calls)).toEqual(expect.arrayContaining(Object.keys(outcome.calls)));
      // An error (a reference upstream no longer answers, a retired operation) breaks the plan's assumption that every object exists.
      if (outcome.errors !== undefined) {
        outcomes.withErrors += 1;
        return;
      }
      expectPredicted(outcome.plan, outcome.calls);
      outcomes.compared += 1;
    }),
    { seed: SEED, numRuns: GENERATED_RUNS },
  );
  expect(outcomes.compared).toBeGreaterThan(GENERATED_RUNS / 2);
}, 120_000);

test('the runs compared the plan on numbers that name calls (runs after the ones above)', () => {
  expect(compared.numbers).toBeGreaterThan(references.length * (RUNS + 1));
  expect(compared.calls).toBeGreaterThan(compared.numbers / 2);
  expect(compared.refused).toBeLessThan(compared.pages / 4);
});
