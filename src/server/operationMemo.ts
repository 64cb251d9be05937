import type { OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * What a walk of an operation computed (its cost estimate, its read plan), kept for the next
 * request that sends the same operation with the same variables. A page sends the same
 * document again and again, and Apollo's document store hands back the same parsed document for
 * the same text, while each walk visits the whole operation: together about a fifth of the
 * gateway's CPU for a small warm request.
 *
 * Operations are told apart by identity: a parsed document that leaves Apollo's store takes its
 * entries' number with it (they age out of the LRU unused). Entries are bounded by an estimate of
 * their size, their key included (variables can be long: `nodes(ids:)`).
 */
export interface OperationMemo<T> {
  /**
   * The value of `operation` with `variables` and `context` (whatever else the value depends on,
   * as a string), computed by `compute` the first time.
   */
  get(operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, context: string, compute: () => T): T;
}

/** Options of {@link createOperationMemo}. */
export interface OperationMemoOptions<T> {
  /** The most bytes kept, by `sizeOf`'s estimate plus the keys'. */
  readonly maxBytes: number;
  /** An estimate of a value's size in bytes. */
  sizeOf(value: T): number;
}

/** Builds an empty memo (one per gateway: its values depend on the schema the walk reads). */
export function createOperationMemo<T extends object>(options: OperationMemoOptions<T>): OperationMemo<T> {
  const operationIds = new WeakMap<OperationDefinitionNode, number>();
  let nextOperationId = 0;
  const values = new LRUCache<string, T>({ maxSize: options.maxBytes, sizeCalculation: (value, key) => Math.max(1, key.length * 2 + options.sizeOf(value)) });
  return {
    get(operation, variables, context, compute) {
      let id = operationIds.get(operation);
      if (id === undefined) operationIds.set(operation, (id = nextOperationId++));
      const key = `${id}|${context}|${JSON.stringify(variables ?? {})}`;
      const known = values.get(key);
      if (known !== undefined) return known;
      const value = compute();
      values.set(key, value);
      return value;
    },
  };
}
