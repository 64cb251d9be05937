import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { applyIdArguments as wrapIdArguments } from './idArguments';
import { createNodeResolvers, type NodeFetchers } from './node';
import { APP_SHAPE, applicationIdOf } from './pinpoint/app';
import { REGISTRATION_SHAPE } from './sms-voice-v2/registration';
import type { ReferenceShape } from './selection';
import { pinpointNodeFetchers, pinpointResolvers } from './pinpoint';
import { smsVoiceNodeFetchers, smsVoiceResolvers } from './sms-voice-v2';

/**
 * The gateway's resolver map: base roots (node, nodes, _ping), scalars and both domains,
 * merged type by type. Two maps defining the same field is a programming error and fails at
 * start-up rather than letting one silently win.
 */

/** Every Node fetcher by GraphQL type name (both domains). */
export const nodeFetchers: NodeFetchers = mergeFetchers([pinpointNodeFetchers, smsVoiceNodeFetchers]);

/** Module-private: the roots and scalars schema/base.graphql declares. */
const baseResolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JSONResolver,
  ...createNodeResolvers(nodeFetchers),
  Mutation: { _ping: () => true },
};

/** The merged resolvers of the whole schema (what `makeExecutableSchema` receives). */
export const resolvers: Resolvers = mergeResolverMaps([baseResolvers, pinpointResolvers, smsVoiceResolvers]);

/**
 * Lets every argument that takes an upstream ID take the object's global ID too (idArguments.ts):
 * wraps the executable schema's resolvers in place; apply after every other resolver wrapper.
 */
export function applyIdArguments(schema: GraphQLSchema): void {
  wrapIdArguments(schema, { applicationIdOf: applicationIdOf as (app: never) => string });
}

export { createArgumentNormaliser } from './idArguments';
export { answersByReference, type ReferenceShape } from './selection';

/**
 * The root fields that may answer with a reference (their ID-only edges start beside the read of
 * the object itself), by coordinate, with their shapes: the request plan places those edges in
 * the root's own wave.
 */
export const REFERENCE_ROOTS: ReadonlyMap<string, ReferenceShape> = new Map([
  ['Query.app', APP_SHAPE],
  ['Query.registration', REGISTRATION_SHAPE],
]);

/** Merges resolver maps type by type; throws when two maps define the same field of a type. */
export function mergeResolverMaps(maps: readonly Resolvers[]): Resolvers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [typeName, typeResolvers] of Object.entries(map)) {
      const existing = merged[typeName];
      if (existing === undefined) {
        merged[typeName] = isFieldMap(typeResolvers) ? { ...typeResolvers } : typeResolvers;
        continue;
      }
      if (!isFieldMap(existing) || !isFieldMap(typeResolvers)) throw new Error(`Resolvers for "${typeName}" are defined twice (scalars and enums can be defined once only).`);
      for (const [field, resolver] of Object.entries(typeResolvers)) {
        if (Object.hasOwn(existing, field)) throw new Error(`Resolver "${typeName}.${field}" is defined by two resolver maps; each field belongs to one domain.`);
        existing[field] = resolver;
      }
    }
  }
  return merged as Resolvers;
}

/** Merges fetcher maps; throws when two domains claim the same type. */
export function mergeFetchers(maps: readonly NodeFetchers[]): NodeFetchers {
  const merged: Record<string, NodeFetchers[string]> = {};
  for (const map of maps) {
    for (const [type, fetcher] of Object.entries(map)) {
      if (Object.hasOwn(merged, type)) throw new Error(`Node type "${type}" has two fetchers; each type belongs to one domain.`);
      merged[type] = fetcher;
    }
  }
  return merged;
}

/** Module-private: a plain object of field resolvers (not a GraphQLScalarType or enum value map instance). */
function isFieldMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
