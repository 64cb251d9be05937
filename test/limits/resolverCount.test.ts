import { graphql } from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { applyResolverCount } from '../../src/server/limits/resolverCount';
import { DEFAULT_EXECUTION_LIMITS, RequestBudget } from '../../src/server/limits/requestBudget';

/**
 * The resolver-count bound as a wrapper on each resolver (src/server/limits/resolverCount.ts):
 * every resolution of an object field counts, default resolvers included, before it runs;
 * introspection does not count; the cap fails the crossing field and every later one at its path.
 */

const schema = makeExecutableSchema({
  typeDefs: 'type Query { item: Item, items: [Item!]! } type Item { name: String, size: Int }',
  resolvers: { Query: { item: () => ({ name: 'one', size: 1 }), items: () => [{ name: 'a', size: 1 }, { name: 'b', size: 2 }] } },
});
applyResolverCount(schema);

const run = (source: string, maxResolverCalls: number) => graphql({ schema, source, contextValue: { budget: new RequestBudget({ ...DEFAULT_EXECUTION_LIMITS, maxResolverCalls }) } });

test('every field resolution counts, default resolvers included; introspection and __typename do not', async () => {
  // items (1), then name and size of two items (4): five resolutions.
  const query = '{ items { name size __typename } __schema { queryType { name } } }';
  expect((await run(query, 5)).errors).toBeUndefined();
  const over = await run(query, 4);
  expect(over.errors?.map((error) => ({ message: error.message, path: error.path, extensions: error.extensions }))).toEqual([
    { message: 'The request reached its limit of 4 field resolutions.', path: ['items', 1, 'size'], extensions: { code: 'EXECUTION_LIMIT_EXCEEDED', limit: 'maxResolverCalls', max: 4 } },
  ]);
});

test('a stopped request fails every later resolution with its stop reason', async () => {
  const budget = new RequestBudget(DEFAULT_EXECUTION_LIMITS);
  budget.release();
  const result = await graphql({ schema, source: '{ item { name } }', contextValue: { budget } });
  expect(result.data).toEqual({ item: null });
  expect(result.errors?.map((error) => error.extensions.reason)).toEqual(['RESPONSE_SENT']);
});
