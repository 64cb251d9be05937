import { getOperationAST, parse } from 'graphql';
import { createOperationMemo } from '../../src/server/operationMemo';

/** Module-private: the operation of a one-operation document, parsed anew. */
const operationOf = (query: string) => getOperationAST(parse(query))!;

test('a value is computed once per operation, variables and context; another parse of the same text is another operation', () => {
  const memo = createOperationMemo<{ n: number }>({ maxBytes: 1024 * 1024, sizeOf: () => 16 });
  let computed = 0;
  const compute = () => ({ n: ++computed });
  const operation = operationOf('query($first: Int) { apps(first: $first) { nodes { name } } }');
  const first = memo.get(operation, { first: 2 }, 'a', compute);
  expect(memo.get(operation, { first: 2 }, 'a', compute)).toBe(first);
  expect(computed).toBe(1);
  expect(memo.get(operation, { first: 3 }, 'a', compute)).not.toBe(first);
  expect(memo.get(operation, { first: 2 }, 'b', compute)).not.toBe(first);
  expect(memo.get(operation, undefined, 'a', compute).n).toBe(4);
  // No variables and empty variables are the same request.
  expect(memo.get(operation, {}, 'a', compute).n).toBe(4);
  expect(memo.get(operationOf('query($first: Int) { apps(first: $first) { nodes { name } } }'), { first: 2 }, 'a', compute).n).toBe(5);
});

test('what it keeps is bounded by size, keys (long variables) included: the oldest values are computed again', () => {
  const memo = createOperationMemo<{ n: number }>({ maxBytes: 5_000, sizeOf: () => 100 });
  let computed = 0;
  const compute = () => ({ n: ++computed });
  const operation = operationOf('query($ids: [ID!]!) { nodes(ids: $ids) { id } }');
  // About 35 entries of 140 bytes (100, and a key of 20 characters) fit: 60 push the first out.
  for (let i = 0; i < 60; i += 1) memo.get(operation, { ids: [`id-${i}`] }, '', compute);
  expect(computed).toBe(60);
  memo.get(operation, { ids: ['id-59'] }, '', compute);
  expect(computed).toBe(60);
  memo.get(operation, { ids: ['id-0'] }, '', compute);
  expect(computed).toBe(61);
  // One value whose key alone is over the bound is not kept (computed each time), and pushes nothing out.
  const long = { ids: Array.from({ length: 2_000 }, (_, i) => `a-long-identifier-${i}`) };
  memo.get(operation, long, '', compute);
  memo.get(operation, long, '', compute);
  expect(computed).toBe(63);
  memo.get(operation, { ids: ['id-59'] }, '', compute);
  expect(computed).toBe(63);
});
