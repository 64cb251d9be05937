import type {
  EndpointBatchItemResultResolvers,
  EndpointDemographicResolvers,
  EndpointLocationResolvers,
  EndpointResolvers,
  MutationResolvers,
  UpdateEndpointPayloadResolvers,
  UpdateEndpointsBatchPayloadResolvers,
} from '../../__generated__/resolvers-types';
import type { EndpointDemographicModel, EndpointLocationModel, EndpointModel, EndpointWriteModel } from '../../upstream/pinpoint/models';
import { pinpointGlobalId, upstreamFields } from './fields';
import { toEndpointBatchItems, toEndpointRequest } from './inputs';

/** Resolvers of schema/pinpoint/endpoint.graphql: endpoints and their writes. */

/** Module-private. */
const Mutation: MutationResolvers = {
  updateEndpoint: (_root, { input }, ctx) => ctx.pinpoint.updateEndpoint({ applicationId: input.applicationId, endpointId: input.endpointId }, toEndpointRequest(input.endpoint)),
  updateEndpointsBatch: (_root, { input }, ctx) => ctx.pinpoint.updateEndpointsBatch(input.applicationId, toEndpointBatchItems(input.items)),
  deleteEndpoint: async (_root, { input }, ctx) => ({ endpoint: await ctx.pinpoint.deleteEndpoint({ applicationId: input.applicationId, endpointId: input.endpointId }) }),
};

/** Module-private. */
const Endpoint: EndpointResolvers = {
  ...upstreamFields<EndpointModel>()({
    endpointId: 'Id',
    applicationId: 'ApplicationId',
    address: 'Address',
    channelType: 'ChannelType',
    endpointStatus: 'EndpointStatus',
    optOut: 'OptOut',
    cohortId: 'CohortId',
    creationDate: 'CreationDate',
    effectiveDate: 'EffectiveDate',
    requestId: 'RequestId',
    attributes: 'Attributes',
    metrics: 'Metrics',
    demographic: 'Demographic',
    location: 'Location',
  }),
  id: (endpoint, _args, ctx) => pinpointGlobalId(ctx, 'Endpoint', endpoint.ApplicationId, endpoint.Id),
  userAttributes: (endpoint) => endpoint.User?.UserAttributes ?? null,
  // The user ID is on the endpoint, so the edge needs no call until the user's endpoints are asked for.
  user: (endpoint) => (endpoint.User?.UserId ? { ApplicationId: endpoint.ApplicationId, UserId: endpoint.User.UserId } : null),
  app: (endpoint, _args, ctx) => ctx.pinpoint.app.load(endpoint.ApplicationId),
  // Only an SMS endpoint's address is a phone number an SMS v2 list can hold: others skip the call.
  smsOptOut: (endpoint, { optOutListName }, ctx) =>
    endpoint.ChannelType === 'SMS' && endpoint.Address ? ctx.smsVoice.optedOutNumber.load({ optOutListName, number: endpoint.Address }) : null,
};

/** Module-private. */
const EndpointDemographic: EndpointDemographicResolvers = upstreamFields<EndpointDemographicModel>()({
  appVersion: 'AppVersion',
  locale: 'Locale',
  make: 'Make',
  model: 'Model',
  modelVersion: 'ModelVersion',
  platform: 'Platform',
  platformVersion: 'PlatformVersion',
  timezone: 'Timezone',
});

/** Module-private. */
const EndpointLocation: EndpointLocationResolvers = upstreamFields<EndpointLocationModel>()({
  city: 'City',
  country: 'Country',
  latitude: 'Latitude',
  longitude: 'Longitude',
  postalCode: 'PostalCode',
  region: 'Region',
});

/** Module-private: the write was accepted; the endpoint is read again only when selected. */
const UpdateEndpointPayload: UpdateEndpointPayloadResolvers = {
  ...upstreamFields<EndpointWriteModel>()({ message: 'Message', requestId: 'RequestID' }),
  endpoint: (write, _args, ctx) => ctx.pinpoint.endpoint.load({ applicationId: write.ApplicationId, endpointId: write.EndpointIds[0] }),
};

/** Module-private. */
const UpdateEndpointsBatchPayload: UpdateEndpointsBatchPayloadResolvers = {
  ...upstreamFields<EndpointWriteModel>()({ message: 'Message', requestId: 'RequestID' }),
  items: (write) => write.EndpointIds.map((endpointId) => ({ ApplicationId: write.ApplicationId, EndpointId: endpointId })),
};

/** Module-private. */
const EndpointBatchItemResult: EndpointBatchItemResultResolvers = {
  endpointId: (item) => item.EndpointId,
  endpoint: (item, _args, ctx) => ctx.pinpoint.endpoint.load({ applicationId: item.ApplicationId, endpointId: item.EndpointId }),
};

/** Resolvers of the endpoint types and their mutations. */
export const endpointResolvers = { Mutation, Endpoint, EndpointDemographic, EndpointLocation, UpdateEndpointPayload, UpdateEndpointsBatchPayload, EndpointBatchItemResult };
