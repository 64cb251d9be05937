// Placeholder: replaced by the SMS v2 graph work.
import type { Resolvers } from '../../__generated__/resolvers-types';
import type { NodeFetchers } from '../node';

/** Resolvers of every SMS and Voice v2 type (merged from the files beside this one). */
export const smsVoiceResolvers: Resolvers = {};

/** How `node(id)` fetches each SMS v2 type from its global ID keys. */
export const smsVoiceNodeFetchers: NodeFetchers = {};
