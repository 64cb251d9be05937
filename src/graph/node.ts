import type { GraphQLResolveInfo } from 'graphql';
import type { NodeResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { GraphQLContext } from './context';
import { badUserInput } from './errors';
import { asNode, fromGlobalId, NODE_TYPE } from './ids';

/** Fetches one object of a type from the keys of its global ID; resolves null when it does not exist. */
export type NodeFetcher = (keys: readonly string[], ctx: GraphQLContext) => Promise<object | null>;

/** Node fetchers by GraphQL type name. */
export type NodeFetchers = Readonly<Record<string, NodeFetcher>>;

/**
 * Resolves one global ID: decode it (ids.ts), refuse IDs of another region, dispatch to the
 * fetcher of its type, and tag the result with its type for `Node.__resolveType`.
 * A garbled or foreign ID is the caller's mistake (BAD_USER_INPUT); a missing object is null.
 */
export async function resolveGlobalId(id: string, fetchers: NodeFetchers, ctx: GraphQLContext): Promise<object | null> {
  const parts = fromGlobalId(id);
  if (!parts) throw badUserInput(`"id" must be a global ID issued by this gateway; got ${JSON.stringify(id)}.`, { argument: 'id', id });
  if (parts.region !== ctx.region) {
    throw badUserInput(`ID ${JSON.stringify(id)} names region "${parts.region}", but this gateway serves region "${ctx.region}".`, { argument: 'id', id, region: parts.region, expectedRegion: ctx.region });
  }
  const fetcher = Object.hasOwn(fetchers, parts.type) ? fetchers[parts.type] : undefined;
  if (!fetcher) throw badUserInput(`ID ${JSON.stringify(id)} names type "${parts.type}", which is not a Node type this gateway can fetch.`, { argument: 'id', id, type: parts.type });
  let found: object | null;
  try {
    found = await fetcher(parts.keys, ctx);
  } catch (error) {
    // Relay: an ID whose object is gone is null, not an error, whichever way the fetcher says it.
    if (isUpstreamNotFound(error)) return null;
    throw error;
  }
  return found === null ? null : asNode(parts.type, found);
}

/** Module-private: the upstream "no such resource" exceptions of both services, read by name. */
const NOT_FOUND_ERROR_NAMES: ReadonlySet<string> = new Set(['NotFoundException', 'ResourceNotFoundException']);

/** Module-private. */
function isUpstreamNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && NOT_FOUND_ERROR_NAMES.has(String((error as { name?: unknown }).name));
}

/** `Query.node`, `Query.nodes` and `Node.__resolveType` over the merged fetchers of every domain. */
export function createNodeResolvers(fetchers: NodeFetchers): { Query: Pick<QueryResolvers, 'node' | 'nodes'>; Node: NodeResolvers } {
  const node = (_parent: unknown, args: { id: string }, ctx: GraphQLContext) => resolveGlobalId(args.id, fetchers, ctx);
  // One promise per ID: a bad or failing ID becomes null at its index, its siblings still resolve.
  const nodes = (_parent: unknown, args: { ids: readonly string[] }, ctx: GraphQLContext) => args.ids.map((id) => resolveGlobalId(id, fetchers, ctx));
  return {
    Query: { node: node as QueryResolvers['node'], nodes: nodes as unknown as QueryResolvers['nodes'] },
    Node: {
      __resolveType: ((value: object, _ctx: GraphQLContext, info: GraphQLResolveInfo) => {
        const type = (value as { [NODE_TYPE]?: unknown })[NODE_TYPE];
        if (typeof type === 'string') return type;
        throw new Error(`A value returned as Node at ${JSON.stringify(info.path.key)} has no type tag; build it with asNode(type, value) from graph/ids.ts.`);
      }) as unknown as NodeResolvers['__resolveType'],
    },
  };
}
