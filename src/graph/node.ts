// Placeholder: replaced by the gateway infrastructure work (node/nodes resolvers).
import type { GraphQLContext } from './context';

/** Fetches one object of a type from the keys of its global ID; resolves null when it does not exist. */
export type NodeFetcher = (keys: readonly string[], ctx: GraphQLContext) => Promise<object | null>;

/** Node fetchers by GraphQL type name. */
export type NodeFetchers = Readonly<Record<string, NodeFetcher>>;
