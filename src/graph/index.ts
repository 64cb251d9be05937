import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { applyIdArguments as wrapIdArguments } from './idArguments';
import { fromGlobalId } from './ids';
import { createNodeResolvers, type NodeFetchers, type NodeReads } from './node';
import { APP_SHAPE, applicationIdOf } from './pinpoint/app';
import { EDGES_READ_BESIDE_PARENT, REGISTRATION_SHAPE } from './sms-voice-v2/registration';
import type { ReferenceShape } from './selection';
import { pinpointNodeFetchers, pinpointNodeReads, pinpointResolvers } from './pinpoint';
import { TEMPLATE_FIELDS_BY_LIST } from './pinpoint/template';
import { smsVoiceNodeFetchers, smsVoiceNodeReads, smsVoiceResolvers } from './sms-voice-v2';

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

/** What each Node type's fetcher reads (both domains), by type name. */
export const nodeReads: NodeReads = { ...pinpointNodeReads, ...smsVoiceNodeReads };

/**
 * The type and upstream read a global ID names (for the request plan: `node(id: $id)` reads one
 * type's operation, not any type's); undefined for an ID that is not one of this gateway's.
 */
export function nodeReadOf(globalId: string): { readonly type: string; readonly operation: string } | undefined {
  const parts = fromGlobalId(globalId);
  const read = parts && Object.hasOwn(nodeReads, parts.type) ? nodeReads[parts.type] : undefined;
  return parts && read ? { type: parts.type, operation: read(parts.keys) } : undefined;
}

/** The operations that read an object of `type` by its ID: its node read, unversioned and versioned. */
export function readsOfType(type: string): readonly string[] {
  const read = Object.hasOwn(nodeReads, type) ? nodeReads[type] : undefined;
  return read ? [...new Set([read(['id', 'id']), read(['id', 'id', '1'])])] : [];
}

/**
 * Fields whose data an answer already holds (the request plan counts no read for them): by the
 * operation that produced the object, and from a sibling's answer when the selection reads it too
 * (template.ts `templateContent`: a listed template's description from its version list).
 */
export const CARRIED_FIELDS = {
  byProducer: new Map([['ListTemplateVersions', TEMPLATE_FIELDS_BY_LIST.versions]]),
  fromSibling: [{ producer: 'ListTemplates', fields: TEMPLATE_FIELDS_BY_LIST.versions, sibling: 'versions' }],
} as const;

export { EDGES_READ_BESIDE_PARENT };

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
