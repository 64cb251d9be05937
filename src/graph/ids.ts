/**
 * Opaque Relay global IDs. An ID carries everything needed to fetch the object again:
 * its GraphQL type, the region, and the upstream keys (e.g. application ID + campaign ID).
 * Encoded as base64url of a JSON array, so keys may contain any character.
 */

/** The decoded content of a global ID. */
export interface GlobalIdParts {
  readonly type: string;
  readonly region: string;
  readonly keys: readonly string[];
}

/** Builds the global ID of an object of `type` in `region` with upstream `keys`. */
export function toGlobalId(type: string, region: string, ...keys: string[]): string {
  return Buffer.from(JSON.stringify([type, region, ...keys])).toString('base64url');
}

/** Decodes a global ID; returns `undefined` when it is not one this gateway issued. */
export function fromGlobalId(id: string): GlobalIdParts | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length < 3 || !parsed.every((part) => typeof part === 'string' && part !== '')) return undefined;
    const [type, region, ...keys] = parsed as string[];
    return { type, region, keys };
  } catch {
    return undefined;
  }
}

/** Marks the GraphQL type of a value returned as a `Node`, so `Node.__resolveType` can name it. */
export const NODE_TYPE: unique symbol = Symbol('pinpoint-graph.nodeType');

/** A model value tagged with its GraphQL type name. */
export type TaggedNode<T extends object> = T & { readonly [NODE_TYPE]: string };

/** Tags a model value with its GraphQL type (a shallow copy; the loader's cached value is untouched). */
export function asNode<T extends object>(type: string, value: T): TaggedNode<T> {
  return { ...value, [NODE_TYPE]: type };
}
