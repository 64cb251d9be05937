import type {
  DeleteEndpointRequest,
  DeleteEndpointResponse,
  DeleteUserEndpointsRequest,
  DeleteUserEndpointsResponse,
  EndpointRequest,
  EndpointResponse,
  GetEndpointRequest,
  GetEndpointResponse,
  GetUserEndpointsRequest,
  GetUserEndpointsResponse,
  UpdateEndpointRequest,
  UpdateEndpointResponse,
  UpdateEndpointsBatchRequest,
  UpdateEndpointsBatchResponse,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { badRequest, notFound } from '../errors';
import { cohortIdFor, endpointKey, requireApp, requireEndpoint, userEndpoints, type AppRecord, type EndpointRecord, type PinpointStore } from '../store';
import { checkIdentifier, clone, parseIsoDateTime, type PinpointHandler } from './shared';

/**
 * Endpoint limits. Seed 002: a batch holds up to 100 endpoints; attribute names ≤ 50 and values
 * ≤ 100 characters. 001: up to 50 values per attribute. [DG-2023] quotas: 15 endpoints per user
 * ID and 250 custom attribute, metric and user-attribute names per application.
 */
export const ENDPOINT_LIMITS = { batchItems: 100, attributeNameLength: 50, attributeValueLength: 100, valuesPerAttribute: 50, endpointsPerUser: 15, attributeKeysPerApp: 250 } as const;

/** The Endpoint, Endpoints and User resources. */
export function createEndpointHandlers(store: PinpointStore) {
  const GetEndpoint: PinpointHandler<GetEndpointRequest, GetEndpointResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    return { EndpointResponse: endpointResponse(app, requireEndpoint(app, input.EndpointId ?? '')) };
  };

  // Seed 002: creates the endpoint or updates it; values given for a custom attribute replace that attribute's values.
  const UpdateEndpoint: PinpointHandler<UpdateEndpointRequest, UpdateEndpointResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const endpointId = input.EndpointId ?? '';
    checkEndpointWrite(endpointId, input.EndpointRequest ?? {});
    applyEndpointWrite(app, endpointId, input.EndpointRequest ?? {}, ctx);
    return { MessageBody: { Message: 'Accepted', RequestID: ctx.requestId } };
  };

  // All or nothing: every item is checked before any is written, and quota failures roll the batch back.
  const UpdateEndpointsBatch: PinpointHandler<UpdateEndpointsBatchRequest, UpdateEndpointsBatchResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const items = input.EndpointBatchRequest?.Item ?? [];
    if (items.length > ENDPOINT_LIMITS.batchItems) {
      throw badRequest(`EndpointBatchRequest.Item can contain at most ${ENDPOINT_LIMITS.batchItems} endpoints; got ${items.length}`);
    }
    items.forEach((item, index) => {
      if (item.Id === undefined || item.Id === '') throw badRequest(`EndpointBatchRequest.Item[${index}].Id is required`);
      checkEndpointWrite(item.Id, item);
    });
    const endpointsBefore = new Map(app.endpoints);
    const keysBefore = new Set(app.attributeKeys);
    try {
      for (const { Id, ...request } of items) applyEndpointWrite(app, Id ?? '', request, ctx);
    } catch (error) {
      app.endpoints.clear();
      endpointsBefore.forEach((endpoint, key) => app.endpoints.set(key, endpoint));
      app.attributeKeys.clear();
      keysBefore.forEach((name) => app.attributeKeys.add(name));
      throw error;
    }
    return { MessageBody: { Message: 'Accepted', RequestID: ctx.requestId } };
  };

  const DeleteEndpoint: PinpointHandler<DeleteEndpointRequest, DeleteEndpointResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const endpoint = requireEndpoint(app, input.EndpointId ?? '');
    app.endpoints.delete(endpointKey(endpoint.Id));
    return { EndpointResponse: endpointResponse(app, endpoint) };
  };

  const GetUserEndpoints: PinpointHandler<GetUserEndpointsRequest, GetUserEndpointsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const endpoints = requireUserEndpoints(app, input.UserId ?? '');
    return { EndpointsResponse: { Item: endpoints.map((endpoint) => endpointResponse(app, endpoint)) } };
  };

  const DeleteUserEndpoints: PinpointHandler<DeleteUserEndpointsRequest, DeleteUserEndpointsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const endpoints = requireUserEndpoints(app, input.UserId ?? '');
    for (const endpoint of endpoints) app.endpoints.delete(endpointKey(endpoint.Id));
    return { EndpointsResponse: { Item: endpoints.map((endpoint) => endpointResponse(app, endpoint)) } };
  };

  return { GetEndpoint, UpdateEndpoint, UpdateEndpointsBatch, DeleteEndpoint, GetUserEndpoints, DeleteUserEndpoints };
}

/**
 * Checks an endpoint write that does not depend on stored state: the ID and user ID, attribute
 * sizes, the status and opt-out values, coordinates and the effective date.
 */
export function checkEndpointWrite(endpointId: string, request: EndpointRequest): void {
  checkIdentifier('endpoint ID', endpointId);
  if (request.User?.UserId !== undefined) checkIdentifier('user ID', request.User.UserId);
  checkAttributes('Attributes', request.Attributes);
  checkAttributes('User.UserAttributes', request.User?.UserAttributes);
  for (const name of Object.keys(request.Metrics ?? {})) checkAttributeName('Metrics', name);
  if (request.EndpointStatus !== undefined && request.EndpointStatus !== 'ACTIVE' && request.EndpointStatus !== 'INACTIVE') {
    throw badRequest(`EndpointStatus must be ACTIVE or INACTIVE; got '${request.EndpointStatus}'`);
  }
  if (request.OptOut !== undefined && request.OptOut !== 'ALL' && request.OptOut !== 'NONE') throw badRequest(`OptOut must be ALL or NONE; got '${request.OptOut}'`);
  const location = request.Location;
  if (location !== undefined) {
    // Seed 002: a latitude needs a longitude and vice versa; -90..90 and -180..180.
    if ((location.Latitude === undefined) !== (location.Longitude === undefined)) throw badRequest('Location.Latitude and Location.Longitude must be given together');
    if (location.Latitude !== undefined && (location.Latitude < -90 || location.Latitude > 90)) throw badRequest(`Location.Latitude must be between -90 and 90; got ${location.Latitude}`);
    if (location.Longitude !== undefined && (location.Longitude < -180 || location.Longitude > 180)) throw badRequest(`Location.Longitude must be between -180 and 180; got ${location.Longitude}`);
  }
  if (request.EffectiveDate !== undefined && parseIsoDateTime(request.EffectiveDate) === undefined) {
    throw badRequest(`EffectiveDate must be an ISO 8601 date-time; got '${request.EffectiveDate}'`);
  }
}

/**
 * Creates or merges an endpoint (UpdateEndpoint, UpdateEndpointsBatch and PutEvents all write
 * endpoints this way) and enforces the quotas that depend on stored state. Seed 002 semantics:
 * - a new endpoint without an address is opted out (`OptOut` ALL); otherwise NONE unless given;
 * - `EndpointStatus` becomes ACTIVE on every write unless given, and other endpoints with the
 *   same channel and address become INACTIVE;
 * - attributes, metrics and user attributes merge by name; each name given replaces its values.
 */
export function applyEndpointWrite(app: AppRecord, endpointId: string, request: EndpointRequest, ctx: RequestContext): EndpointRecord {
  const key = endpointKey(endpointId);
  const existing = app.endpoints.get(key);
  const now = ctx.now().toISOString();
  const address = request.Address ?? existing?.Address;
  const userId = request.User?.UserId ?? existing?.User?.UserId;
  const userAttributes = mergeMaps(existing?.User?.UserAttributes, request.User?.UserAttributes);
  const endpoint: EndpointRecord = {
    Id: existing?.Id ?? endpointId,
    CreationDate: existing?.CreationDate ?? now,
    CohortId: existing?.CohortId ?? cohortIdFor(endpointId),
    ChannelType: request.ChannelType ?? existing?.ChannelType,
    Address: address,
    EndpointStatus: request.EndpointStatus ?? 'ACTIVE',
    OptOut: request.OptOut ?? existing?.OptOut ?? (address === undefined || address === '' ? 'ALL' : 'NONE'),
    RequestId: request.RequestId ?? ctx.requestId,
    EffectiveDate: request.EffectiveDate ?? now,
    Attributes: mergeMaps(existing?.Attributes, clone(request.Attributes)),
    Metrics: mergeMaps(existing?.Metrics, request.Metrics),
    Demographic: request.Demographic !== undefined || existing?.Demographic !== undefined ? { ...existing?.Demographic, ...clone(request.Demographic) } : undefined,
    Location: request.Location !== undefined || existing?.Location !== undefined ? { ...existing?.Location, ...clone(request.Location) } : undefined,
    User: userId !== undefined || userAttributes !== undefined ? { UserId: userId, UserAttributes: userAttributes } : undefined,
  };

  if (userId !== undefined && existing?.User?.UserId !== userId) {
    const count = userEndpoints(app, userId).length + 1;
    if (count > ENDPOINT_LIMITS.endpointsPerUser) throw badRequest(`A user can have at most ${ENDPOINT_LIMITS.endpointsPerUser} endpoints; user '${userId}' would have ${count}`);
  }
  const newKeys = [
    ...Object.keys(request.Attributes ?? {}).map((name) => `Attributes:${name}`),
    ...Object.keys(request.Metrics ?? {}).map((name) => `Metrics:${name}`),
    ...Object.keys(request.User?.UserAttributes ?? {}).map((name) => `UserAttributes:${name}`),
  ].filter((name) => !app.attributeKeys.has(name));
  const added = new Set(newKeys).size;
  if (app.attributeKeys.size + added > ENDPOINT_LIMITS.attributeKeysPerApp) {
    throw badRequest(
      `An application can define at most ${ENDPOINT_LIMITS.attributeKeysPerApp} custom attribute, metric and user attribute names; this write would add ${added} to ${app.attributeKeys.size}`,
    );
  }
  for (const name of newKeys) app.attributeKeys.add(name);

  app.endpoints.set(key, endpoint);
  if (address !== undefined && address !== '') {
    for (const [otherKey, other] of app.endpoints) {
      if (otherKey !== key && other.Address === address && other.ChannelType === endpoint.ChannelType && other.EndpointStatus !== 'INACTIVE') {
        app.endpoints.set(otherKey, { ...other, EndpointStatus: 'INACTIVE' });
      }
    }
  }
  return endpoint;
}

/** The EndpointResponse of a stored endpoint (GetEndpoint, and each line an export job writes). */
export function endpointResponse(app: AppRecord, endpoint: EndpointRecord): EndpointResponse {
  return {
    Id: endpoint.Id,
    ApplicationId: app.id,
    ChannelType: endpoint.ChannelType,
    Address: endpoint.Address,
    EndpointStatus: endpoint.EndpointStatus,
    OptOut: endpoint.OptOut,
    RequestId: endpoint.RequestId,
    EffectiveDate: endpoint.EffectiveDate,
    CreationDate: endpoint.CreationDate,
    CohortId: endpoint.CohortId,
    Attributes: clone(endpoint.Attributes) as Record<string, string[]> | undefined,
    Metrics: clone(endpoint.Metrics) as Record<string, number> | undefined,
    Demographic: clone(endpoint.Demographic),
    Location: clone(endpoint.Location),
    User: clone(endpoint.User),
  };
}

/** Module-private: the endpoints of a user, or 404 when the user has none. */
function requireUserEndpoints(app: AppRecord, userId: string): EndpointRecord[] {
  const endpoints = userEndpoints(app, userId);
  if (endpoints.length === 0) throw notFound('User', userId);
  return endpoints;
}

/** Module-private. */
function checkAttributes(field: string, attributes: Record<string, string[]> | undefined): void {
  for (const [name, values] of Object.entries(attributes ?? {})) {
    checkAttributeName(field, name);
    if (values.length > ENDPOINT_LIMITS.valuesPerAttribute) {
      throw badRequest(`${field}.${name} can have at most ${ENDPOINT_LIMITS.valuesPerAttribute} values; got ${values.length}`);
    }
    for (const value of values) {
      if (value.length > ENDPOINT_LIMITS.attributeValueLength) {
        throw badRequest(`${field}.${name} values can contain at most ${ENDPOINT_LIMITS.attributeValueLength} characters; got one of ${value.length}`);
      }
    }
  }
}

/** Module-private. */
function checkAttributeName(field: string, name: string): void {
  if (name.length < 1 || name.length > ENDPOINT_LIMITS.attributeNameLength) {
    throw badRequest(`${field} names must be 1 to ${ENDPOINT_LIMITS.attributeNameLength} characters; got '${name}'`);
  }
}

/** Module-private: `existing` with `update`'s entries replacing same-named ones; undefined when both are. */
function mergeMaps<V>(existing: Readonly<Record<string, V>> | undefined, update: Readonly<Record<string, V>> | undefined): Record<string, V> | undefined {
  if (existing === undefined && update === undefined) return undefined;
  return { ...existing, ...update };
}
