import type {
  AddressMessageResultResolvers,
  EndpointMessageResultResolvers,
  MutationResolvers,
  SendMessagesPayloadResolvers,
  SendOtpMessagePayloadResolvers,
  SendUsersMessagesPayloadResolvers,
  UserMessageResultResolvers,
  VerifyOtpMessagePayloadResolvers,
} from '../../__generated__/resolvers-types';
import type {
  AddressMessageResultModel,
  EndpointMessageResultModel,
  MessageResponseModel,
  SendMessagesResultModel,
  SendUsersMessageResponseModel,
  SendUsersMessagesResultModel,
} from '../../upstream/pinpoint/models';
import { upstreamFields } from './fields';
import { toMessageRequest, toSendOtpMessageRequest, toSendUsersMessageRequest, toVerifyOtpMessageRequest } from './messageInputs';

/**
 * Resolvers of schema/pinpoint/message.graphql: sends with one typed result per recipient.
 * Upstream answers maps keyed by address, endpoint ID or user ID; the payloads list them in the
 * order of the request (a recipient upstream said nothing about gets a result with null fields).
 */

/** Module-private. */
const Mutation: MutationResolvers = {
  sendMessages: async (_root, { input }, ctx) => {
    const response = await ctx.pinpoint.sendMessages(input.applicationId, toMessageRequest(input));
    return sendMessagesResult(
      input.applicationId,
      response,
      (input.addresses ?? []).map((recipient) => recipient.address),
      (input.endpoints ?? []).map((recipient) => recipient.endpointId),
    );
  },
  sendUsersMessages: async (_root, { input }, ctx) => {
    const response = await ctx.pinpoint.sendUsersMessages(input.applicationId, toSendUsersMessageRequest(input));
    return sendUsersMessagesResult(
      input.applicationId,
      response,
      input.users.map((recipient) => recipient.userId),
    );
  },
  sendOtpMessage: async (_root, { input }, ctx) => sendMessagesResult(input.applicationId, await ctx.pinpoint.sendOtpMessage(input.applicationId, toSendOtpMessageRequest(input)), [input.destinationIdentity], []),
  verifyOtpMessage: (_root, { input }, ctx) => ctx.pinpoint.verifyOtpMessage(input.applicationId, toVerifyOtpMessageRequest(input)),
};

/** Upstream's per-address and per-endpoint result maps as lists in the order of the request. */
export function sendMessagesResult(applicationId: string, response: MessageResponseModel, addresses: readonly string[], endpointIds: readonly string[]): SendMessagesResultModel {
  // Upstream sometimes keys an address result differently from the request (e.g. a normalized number); those are kept after the named ones.
  const extraAddresses = Object.keys(response.Result ?? {}).filter((address) => !addresses.includes(address));
  return {
    ApplicationId: response.ApplicationId ?? applicationId,
    RequestId: response.RequestId,
    AddressResults: [...addresses, ...extraAddresses].map((address): AddressMessageResultModel => ({ DeliveryStatus: undefined, StatusCode: undefined, ...response.Result?.[address], Address: address })),
    EndpointResults: endpointIds.map((endpointId) => endpointResult(applicationId, endpointId, response.EndpointResult?.[endpointId])),
  };
}

/** Upstream's per-user map of per-endpoint results as a list in the order of the request (endpoints by ID). */
export function sendUsersMessagesResult(applicationId: string, response: SendUsersMessageResponseModel, userIds: readonly string[]): SendUsersMessagesResultModel {
  return {
    ApplicationId: response.ApplicationId ?? applicationId,
    RequestId: response.RequestId,
    Results: userIds.map((userId) => ({ ApplicationId: applicationId, UserId: userId, EndpointResults: response.Result?.[userId] ?? {} })),
  };
}

/** Module-private. */
function endpointResult(applicationId: string, endpointId: string, result: Omit<EndpointMessageResultModel, 'ApplicationId' | 'EndpointId'> | undefined): EndpointMessageResultModel {
  return { DeliveryStatus: undefined, StatusCode: undefined, ...result, ApplicationId: applicationId, EndpointId: endpointId };
}

/** Module-private. */
const SendMessagesPayload: SendMessagesPayloadResolvers = {
  applicationId: (result) => result.ApplicationId,
  requestId: (result) => result.RequestId ?? null,
  addressResults: (result) => [...result.AddressResults],
  endpointResults: (result) => [...result.EndpointResults],
};

/** Module-private. */
const SendOtpMessagePayload: SendOtpMessagePayloadResolvers = {
  applicationId: (result) => result.ApplicationId,
  requestId: (result) => result.RequestId ?? null,
  results: (result) => [...result.AddressResults],
};

/** Module-private. */
const SendUsersMessagesPayload: SendUsersMessagesPayloadResolvers = {
  applicationId: (result: SendUsersMessagesResultModel) => result.ApplicationId,
  requestId: (result) => result.RequestId ?? null,
  results: (result) => [...result.Results],
};

/** Module-private: the shared result fields of addresses and endpoints. */
const statusFields = <M extends AddressMessageResultModel | EndpointMessageResultModel>() =>
  upstreamFields<M>()({ deliveryStatus: 'DeliveryStatus', statusCode: 'StatusCode', statusMessage: 'StatusMessage', messageId: 'MessageId', updatedToken: 'UpdatedToken' });

/** Module-private. */
const AddressMessageResult: AddressMessageResultResolvers = { ...statusFields<AddressMessageResultModel>(), address: (result) => result.Address };

/** Module-private. */
const EndpointMessageResult: EndpointMessageResultResolvers = {
  ...statusFields<EndpointMessageResultModel>(),
  endpointId: (result) => result.EndpointId,
  address: (result) => result.Address ?? null,
  endpoint: (result, _args, ctx) => ctx.pinpoint.endpoint.load({ applicationId: result.ApplicationId, endpointId: result.EndpointId }),
};

/** Module-private. */
const UserMessageResult: UserMessageResultResolvers = {
  userId: (result) => result.UserId,
  user: (result) => ({ ApplicationId: result.ApplicationId, UserId: result.UserId }),
  endpointResults: (result) =>
    Object.keys(result.EndpointResults)
      .sort()
      .map((endpointId) => endpointResult(result.ApplicationId, endpointId, result.EndpointResults[endpointId])),
};

/** Module-private. */
const VerifyOtpMessagePayload: VerifyOtpMessagePayloadResolvers = { valid: (result) => result.Valid === true };

/** Resolvers of the send mutations and their result types. */
export const messageResolvers = {
  Mutation,
  SendMessagesPayload,
  SendOtpMessagePayload,
  SendUsersMessagesPayload,
  AddressMessageResult,
  EndpointMessageResult,
  UserMessageResult,
  VerifyOtpMessagePayload,
};
