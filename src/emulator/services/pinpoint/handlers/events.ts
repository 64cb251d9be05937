import type { Event, EventItemResponse, ItemResponse, PutEventsRequest, PutEventsResponse } from '@aws-sdk/client-pinpoint';
import { ServiceError } from '../../../protocol/serviceError';
import type { RequestContext } from '../../types';
import { badRequest } from '../errors';
import { endpointKey, requireApp, type AppRecord, type PinpointStore, type RecordedEvent } from '../store';
import { applyEndpointWrite, checkEndpointWrite } from './endpoints';
import { checkIdentifier, clone, parseIsoDateTime, type PinpointHandler } from './shared';

/**
 * Event ingestion limits (001, "Limits in Amazon Pinpoint", Events ingestion): 100 events per
 * request, 40 attribute and metric keys per event, keys ≤ 50 and attribute values ≤ 200 characters.
 */
export const EVENT_LIMITS = { eventsPerRequest: 100, keysPerEvent: 40, keyLength: 50, attributeValueLength: 200 } as const;

/** Module-private: the item status seed 002 gives accepted endpoints and events. */
const ACCEPTED = { StatusCode: 202, Message: 'Accepted' } as const;

/** Told about the events one PutEvents request recorded (event-triggered campaigns listen here). */
export type EventsAccepted = (ctx: RequestContext, app: AppRecord, events: readonly RecordedEvent[]) => void;

/** The Events resource: PutEvents. `onAccepted` runs after the events are recorded, before the response. */
export function createEventHandlers(store: PinpointStore, onAccepted?: EventsAccepted) {
  // Seed 002: "Results: a multipart response for each endpoint", with 202 for accepted and 400 for
  // invalid items. Events are recorded per item, so one bad event does not reject its batch.
  const PutEvents: PinpointHandler<PutEventsRequest, PutEventsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const batch = Object.entries(input.EventsRequest?.BatchItem ?? {});
    const eventCount = batch.reduce((sum, [, item]) => sum + Object.keys(item.Events ?? {}).length, 0);
    if (eventCount > EVENT_LIMITS.eventsPerRequest) throw badRequest(`A PutEvents request can contain at most ${EVENT_LIMITS.eventsPerRequest} events; got ${eventCount}`);

    const results: Record<string, ItemResponse> = {};
    const accepted: RecordedEvent[] = [];
    for (const [endpointId, item] of batch) {
      const idProblem = problemOf(() => checkIdentifier('endpoint ID', endpointId));
      const endpointResult = idProblem ?? problemOf(() => {
        checkEndpointWrite(endpointId, item.Endpoint ?? {});
        applyEndpointWrite(app, endpointId, item.Endpoint ?? {}, ctx);
      });
      const recordedId = app.endpoints.get(endpointKey(endpointId))?.Id ?? endpointId;
      const eventResults: Record<string, EventItemResponse> = {};
      for (const [eventId, event] of Object.entries(item.Events ?? {})) {
        const problem = idProblem ?? eventProblem(event);
        if (problem !== undefined) {
          eventResults[eventId] = problem;
          continue;
        }
        const recorded: RecordedEvent = {
          endpointId: recordedId,
          eventId,
          eventType: event.EventType ?? '',
          timestamp: new Date(parseIsoDateTime(event.Timestamp ?? '') ?? 0),
          attributes: { ...event.Attributes },
          metrics: { ...event.Metrics },
          session: clone(event.Session),
        };
        app.events.push(recorded);
        accepted.push(recorded);
        eventResults[eventId] = { ...ACCEPTED };
      }
      results[endpointId] = { EndpointItemResponse: endpointResult ?? { ...ACCEPTED }, EventsItemResponse: eventResults };
    }
    if (accepted.length > 0) onAccepted?.(ctx, app, accepted);
    return { EventsResponse: { Results: results } };
  };

  return { PutEvents };
}

/** Module-private: runs a check; a `ServiceError` it throws becomes a 400 item status. */
function problemOf(check: () => void): { StatusCode: number; Message: string } | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof ServiceError) return { StatusCode: 400, Message: error.message };
    throw error;
  }
}

/** Module-private: why an event is not valid (seed 002: EventType and Timestamp are required), if it is not. */
function eventProblem(event: Event): { StatusCode: number; Message: string } | undefined {
  const invalid = (message: string) => ({ StatusCode: 400, Message: message });
  if (event.EventType === undefined || event.EventType === '') return invalid('EventType is required');
  if (event.Timestamp === undefined || parseIsoDateTime(event.Timestamp) === undefined) {
    return invalid(`Timestamp must be an ISO 8601 date-time; got '${event.Timestamp ?? ''}'`);
  }
  const keys = [...Object.keys(event.Attributes ?? {}), ...Object.keys(event.Metrics ?? {})];
  if (keys.length > EVENT_LIMITS.keysPerEvent) return invalid(`An event can have at most ${EVENT_LIMITS.keysPerEvent} attribute and metric keys; got ${keys.length}`);
  const longKey = keys.find((key) => key.length > EVENT_LIMITS.keyLength);
  if (longKey !== undefined) return invalid(`Event attribute and metric keys can contain at most ${EVENT_LIMITS.keyLength} characters; got '${longKey}'`);
  const longValue = Object.entries(event.Attributes ?? {}).find(([, value]) => value.length > EVENT_LIMITS.attributeValueLength);
  if (longValue !== undefined) return invalid(`Event attribute values can contain at most ${EVENT_LIMITS.attributeValueLength} characters; '${longValue[0]}' has ${longValue[1].length}`);
  if (event.Session !== undefined) {
    if (event.Session.Id === undefined || event.Session.Id === '') return invalid('Session.Id is required when a Session is given');
    if (event.Session.StartTimestamp === undefined || parseIsoDateTime(event.Session.StartTimestamp) === undefined) {
      return invalid(`Session.StartTimestamp must be an ISO 8601 date-time; got '${event.Session.StartTimestamp ?? ''}'`);
    }
  }
  return undefined;
}
