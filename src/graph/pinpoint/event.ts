import type { MutationResolvers, PutEventsInput, PutEventsItemResult } from '../../__generated__/resolvers-types';
import type { EventsResponseModel } from '../../upstream/pinpoint/models';
import { toEventsRequest } from './inputs';

/** Resolvers of schema/pinpoint/event.graphql: PutEvents with per-item results. */

/** Module-private. */
const Mutation: MutationResolvers = {
  putEvents: async (_root, { input }, ctx) => ({ results: putEventsResults(input, await ctx.pinpoint.putEvents(input.applicationId, toEventsRequest(input))) }),
};

/** Upstream's result maps (endpoint ID → status, event ID → status) as lists in the order of the input. */
export function putEventsResults(input: PutEventsInput, response: EventsResponseModel): PutEventsItemResult[] {
  return input.batch.map((entry) => {
    const item = response.Results?.[entry.endpointId];
    const endpointStatus = item?.EndpointItemResponse;
    return {
      endpointId: entry.endpointId,
      endpointResult: endpointStatus === undefined ? null : { statusCode: endpointStatus.StatusCode ?? null, message: endpointStatus.Message ?? null },
      events: entry.events.map((event) => {
        const status = item?.EventsItemResponse?.[event.eventId];
        return { eventId: event.eventId, statusCode: status?.StatusCode ?? null, message: status?.Message ?? null };
      }),
    };
  });
}

/** Resolvers of the event mutation. */
export const eventResolvers = { Mutation };
