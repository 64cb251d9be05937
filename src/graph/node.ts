import type { GraphQLResolveInfo } from 'graphql';
import type { NodeResolvers, QueryResolvers } from '../__generated__/resolvers-types';
import type { GraphQLContext } from './context';
import { badUserInput, notFound } from './errors';
import { asNode, fromGlobalId, NODE_TYPE } from './ids';

/** Fetches one object of a type from the keys of its global ID; resolves null when it does not exist. */
export type NodeFetcher = (keys: readonly string[], ctx: GraphQLContext) => Promise<object | null>;

/** Node fetchers by GraphQL type name. */
export type NodeFetchers = Readonly<Record<string, NodeFetcher>>;

/**
 * The upstream operation each type's fetcher reads, from the keys of its global ID (the request
 * plan reads `node(id: ...)` arguments with it, before anything executes). One entry per fetcher.
 */
export type NodeReads = Readonly<Record<string, (keys: readonly string[]) => string>>;

/**
 * Resolves one global ID: decode it (ids.ts), refuse IDs of another region, dispatch to the
 * fetcher of its type, and tag the result with its type for `Node.__resolveType`.
 * A garbled or foreign ID is the caller's mistake (BAD_USER_INPUT); a missing object is null with a
 * NOT_FOUND error at its path (the upstream exception, mapped by server/errors.ts), so a client
 * can tell "gone" from "not asked" and siblings in `nodes` still resolve.
 */
export async function resolveGlobalId(id: string, fetchers: NodeFetchers, ctx: GraphQLContext): Promise<object | null> {
  const parts = fromGlobalId(id);
  if (!parts) throw badUserInput(`"id" must be a global ID issued by this gateway; got ${JSON.stringify(id)}.`, { argument: 'id', id });
  if (parts.region !== ctx.region) {
    throw badUserInput(`ID ${JSON.stringify(id)} names region "${parts.region}", but this gateway serves region "${ctx.region}".`, { argument: 'id', id, region: parts.region, expectedRegion: ctx.region });
  }
  const fetcher = Object.hasOwn(fetchers, parts.type) ? fetchers[parts.type] : undefined;
  if (!fetcher) throw badUserInput(`ID ${JSON.stringify(id)} names type "${parts.type}", which is not a Node type this gateway can fetch.`, { argument: 'id', id, type: parts.type });
  const found = await fetcher(parts.keys, ctx);
  if (found === null) throw notFound(`No ${parts.type} exists for ID ${JSON.stringify(id)}.`, { id, type: parts.type });
  return asNode(parts.type, found);
}

/** `Query.node`, `Query.nodes` and `Node.__resolveType` over the merged fetchers of every domain. */
export function createNodeResolvers(fetchers: NodeFetchers): { Query: Pick<QueryResolvers, 'node' | 'nodes'>; Node: NodeResolvers } {
  const node = (_parent: unknown, args: { id: string }, ctx: GraphQLContext) => resolveGlobalId(args.id, fetchers, ctx);
  // One promise per ID: a bad or failing ID becomes null at its index, its siblings still resolve.
  const nodes = (_parent: unknown, args: { ids: readonly string[] }, ctx: GraphQLContext) => {
    ctx.bounds.admitNodeIds(args.ids.length);
    return args.ids.map((id) => resolveGlobalId(id, fetchers, ctx));
  };
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
