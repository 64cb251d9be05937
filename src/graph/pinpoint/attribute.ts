import type { EndpointAttributeType, MutationResolvers, RemoveAttributesPayloadResolvers } from '../../__generated__/resolvers-types';
import type { AttributeTypeValue } from '../../upstream/pinpoint/messagingLoaders';
import { present } from './fields';

/** Resolvers of schema/pinpoint/attribute.graphql: RemoveAttributes. */

/** GraphQL `EndpointAttributeType` → the upstream `attribute-type` path value (seed 002). */
export const ATTRIBUTE_TYPE_VALUES: Readonly<Record<EndpointAttributeType, AttributeTypeValue>> = {
  ENDPOINT_CUSTOM_ATTRIBUTES: 'endpoint-custom-attributes',
  ENDPOINT_METRIC_ATTRIBUTES: 'endpoint-metric-attributes',
  ENDPOINT_USER_ATTRIBUTES: 'endpoint-user-attributes',
};

/** Module-private: upstream `attribute-type` → GraphQL, derived from {@link ATTRIBUTE_TYPE_VALUES}. */
const ATTRIBUTE_TYPE_BY_VALUE: ReadonlyMap<string, EndpointAttributeType> = new Map(Object.entries(ATTRIBUTE_TYPE_VALUES).map(([type, value]) => [value, type as EndpointAttributeType]));

/** Module-private. */
const Mutation: MutationResolvers = {
  removeAttributes: (_root, { input }, ctx) => ctx.pinpoint.removeAttributes(input.applicationId, ATTRIBUTE_TYPE_VALUES[input.attributeType], input.attributes),
};

/** Module-private. */
const RemoveAttributesPayload: RemoveAttributesPayloadResolvers = {
  applicationId: (result) => present(result.ApplicationId, 'AttributesResource.ApplicationId'),
  attributeType: (result) => {
    const type = ATTRIBUTE_TYPE_BY_VALUE.get(result.AttributeType ?? '');
    if (type === undefined) throw new Error(`Upstream answered attribute type ${JSON.stringify(result.AttributeType)}, which is not one of ${[...ATTRIBUTE_TYPE_BY_VALUE.keys()].join(', ')}.`);
    return type;
  },
  attributes: (result) => result.Attributes ?? [],
};

/** Resolvers of the attribute mutation. */
export const attributeResolvers = { Mutation, RemoveAttributesPayload };
