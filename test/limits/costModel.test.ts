import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { createCostModel, DEFAULT_LIMITS } from '../../src/server/limits';
import { graphCostModelOptions } from '../../src/server/limits/graphCostOptions';

// The cost model offline, against the reference queries' written minimum (which the reference
// tests hold equal to the measured calls): the estimate is an upper bound of it, within the stated
// factor, and under the default ceilings; hostile shapes estimate as large as they are.
// (Every query any test sends through a stack is also checked live: test/helpers/startStack.ts.)

const root = join(__dirname, '..', '..');
const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(root, 'schema', '**', '*.graphql')) });
const model = createCostModel(schema, graphCostModelOptions(schema));

/** Estimates `text`'s first operation. */
function estimate(text: string, variables: Record<string, unknown> = {}) {
  const document = parse(text);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return model.estimate(document, operation, variables);
}

/** The written minimum of a reference query (either header format), and its `nodes(ids:)` length when it takes IDs as variables. */
function writtenMinimum(text: string): number {
  const pinpoint = /^# minimum upstream calls: (.+)$/m.exec(text);
  if (pinpoint) return pinpoint[1].split(',').reduce((sum, part) => sum + Number(part.split('=')[1]), 0);
  const sms = /^# Minimum upstream calls: (\d+)/m.exec(text);
  if (sms) return Number(sms[1]);
  throw new Error('no minimum header');
}

const referenceFiles = readdirSync(join(root, 'test', 'queries')).filter((name) => name.endsWith('.graphql'));

/**
 * The stated factor (README, "Limits and browser access"): the estimate assumes every connection
 * without `first` is a full default page (100 Pinpoint items, 25 SMS v2 items) and every plain list
 * 25 items long, so a page that nests two unbounded Pinpoint connections is estimated at 100 × 100
 * reads where the seed data needs 10 (pinpoint-apps-campaigns-segments: 1,010×). Every other
 * reference query is within 230×, most within 25×.
 */
const FACTOR = 1_300;

test.each(referenceFiles)('%s: estimate ≥ written minimum, within the stated factor, under the default ceilings', (file) => {
  const text = readFileSync(join(root, 'test', 'queries', file), 'utf8');
  const minimum = writtenMinimum(text);
  // The SMS `nodes` reference takes its five IDs as a variable: five is what the test sends.
  const variables = file === 'sms-nodes-one-unknown.graphql' ? { ids: ['1', '2', '3', '4', '5'] } : {};
  const { estimatedUpstreamCalls, estimatedObjects } = estimate(text, variables);
  expect(estimatedUpstreamCalls).toBeGreaterThanOrEqual(minimum);
  expect(estimatedUpstreamCalls / minimum).toBeLessThanOrEqual(FACTOR);
  expect(estimatedUpstreamCalls).toBeLessThanOrEqual(DEFAULT_LIMITS.cost.maxEstimatedUpstreamCalls);
  expect(estimatedObjects).toBeLessThanOrEqual(DEFAULT_LIMITS.cost.maxEstimatedObjects);
});

test('a connection multiplies by its `first`, and an owner edge back to an ancestor costs no call', () => {
  expect(estimate('{ apps(first: 2) { nodes { name } } }')).toMatchObject({ estimatedObjects: 3, estimatedUpstreamCalls: 1 });
  // 1 GetApps + 2 GetCampaigns; each campaign's app is the ancestor app (free); 2 + 2×(1 + 3) objects + the two connections.
  expect(estimate('{ apps(first: 2) { nodes { campaigns(first: 3) { nodes { app { name } } } } } }')).toMatchObject({ estimatedObjects: 1 + 2 + 2 * (1 + 3 + 3), estimatedUpstreamCalls: 3 });
  // `first` from a variable.
  expect(estimate('query($n: Int) { apps(first: $n) { nodes { name } } }', { n: 7 }).estimatedObjects).toBe(8);
  // Absent: the default page (100 Pinpoint items).
  expect(estimate('{ apps { nodes { name } } }').estimatedObjects).toBe(101);
});

test('SMS v2 by-ID reads share batches: n reads cost at most n plus one per chunk of five', () => {
  const seven = Array.from({ length: 7 }, (_, index) => `p${index}: phoneNumber(phoneNumberId: "id${index}") { phoneNumberId }`).join(' ');
  expect(estimate(`{ ${seven} }`).estimatedUpstreamCalls).toBe(7 + 2);
  expect(estimate('{ phoneNumber(phoneNumberId: "one") { phoneNumberId } }').estimatedUpstreamCalls).toBe(1);
  // nodes(ids:) with forged IDs: one call per ID at worst, plus one per chunk.
  expect(estimate('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: Array.from({ length: 50 }, String) }).estimatedUpstreamCalls).toBe(50 + 10);
});

/** The cycle: app → campaigns(first: 2) → nodes → app, `levels` times. */
function cycle(levels: number): string {
  let inner = 'name';
  for (let level = 0; level < levels; level += 1) inner = `campaigns(first: 2) { nodes { app { ${inner} } } }`;
  return `{ app(id: "x") { ${inner} } }`;
}

test('the cycle ×16 and ×30 with first: 2 estimate their exponential result, far over the ceilings', () => {
  const sixteen = estimate(cycle(16));
  expect(sixteen.estimatedObjects).toBeGreaterThan(DEFAULT_LIMITS.cost.maxEstimatedObjects);
  expect(sixteen.estimatedObjects).toBeGreaterThanOrEqual(2 ** 16);
  expect(estimate(cycle(30)).estimatedObjects).toBeGreaterThanOrEqual(2 ** 30);
});

/** Chained fragments: F0 spreads F1 twice, F1 spreads F2 twice, … (the 22 and 30). */
function chainedFragments(depth: number, leaf: string, type = 'Query'): string {
  let text = `fragment F${depth} on ${type} { ${leaf} }`;
  for (let index = depth - 1; index >= 0; index -= 1) text += `\nfragment F${index} on ${type} { ...F${index + 1} ...F${index + 1} }`;
  return text;
}

test('chained fragments are walked once each: 60 levels estimate 2^60 without expanding them', () => {
  // Expanded in place this is 2^60 visits; memoised it is 60. A hang here fails the test by timeout.
  const result = estimate(`query { ...F0 }\n${chainedFragments(60, 'apps(first: 1) { nodes { name } }')}`);
  expect(result.estimatedUpstreamCalls).toBe(2 ** 60);
  expect(result.estimatedObjects).toBe(2 ** 60 * 2);
});
