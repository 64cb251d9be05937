// Placeholder: replaced by the Pinpoint graph work.
import type { Resolvers } from '../../__generated__/resolvers-types';
import type { NodeFetchers } from '../node';

/** Resolvers of every Pinpoint type (merged from the files beside this one). */
export const pinpointResolvers: Resolvers = {};

/** How `node(id)` fetches each Pinpoint type from its global ID keys. */
export const pinpointNodeFetchers: NodeFetchers = {};
