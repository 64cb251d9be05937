import { join } from 'node:path';
import { loadExampleTabs, resolveRelativeDates } from '../../src/server/graphiql';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The example queries GraphiQL preloads (examples/queries) must keep working against the seeded
 * emulator: each one runs without errors and returns data, so a newcomer's first click succeeds.
 */
const tabs = loadExampleTabs(join(__dirname, '..', '..', 'examples', 'queries'));
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

test('there are example tabs to preload', () => {
  expect(tabs.length).toBeGreaterThanOrEqual(4);
});

test.each(tabs.map((tab) => [tab.query.match(/query (\w+)/)?.[1] ?? '?', tab] as const))('example %s runs without errors and returns data', async (_name, tab) => {
  const variables = tab.variables ? JSON.parse(tab.variables) : undefined;
  const { status, body } = await stack.gql(tab.query, variables);
  expect(body.errors).toBeUndefined();
  expect(status).toBe(200);
  const roots = Object.values(body.data as Record<string, unknown>);
  expect(roots.length).toBeGreaterThan(0);
  for (const root of roots) expect(root).not.toBeNull();
});

test('{{daysAgo:N}} in example variables becomes the UTC midnight N days before now', () => {
  const now = new Date('2026-11-23T15:30:00Z');
  expect(resolveRelativeDates('{ "a": "{{daysAgo:0}}", "b": "{{daysAgo:14}}" }', now)).toBe('{ "a": "2026-11-23T00:00:00.000Z", "b": "2026-11-09T00:00:00.000Z" }');
});
