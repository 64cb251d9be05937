import {
  BadRequestException,
  CreateAppCommand,
  DeleteEndpointCommand,
  DeleteUserEndpointsCommand,
  GetEndpointCommand,
  GetUserEndpointsCommand,
  NotFoundException,
  UpdateEndpointCommand,
  UpdateEndpointsBatchCommand,
  type EndpointBatchItem,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Endpoints and users over HTTP: create-or-merge writes (single and batch), reads that ignore
// ID case, deletes that return what they removed, and the limits seed 002 documents.

let now = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'endpoints' } }))).ApplicationResponse!.Id!;
}

async function getEndpoint(appId: string, endpointId: string) {
  return (await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: endpointId }))).EndpointResponse!;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('UpdateEndpoint and GetEndpoint', () => {
  it('creates an endpoint (202 Accepted) with the fields AWS fills in', async () => {
    const appId = await createApp();
    const out = await stack.pinpoint.send(
      new UpdateEndpointCommand({
        ApplicationId: appId,
        EndpointId: 'ep-1',
        EndpointRequest: {
          ChannelType: 'EMAIL',
          Address: 'a@example.com',
          Attributes: { interests: ['music', 'travel'] },
          Metrics: { visits: 3 },
          Demographic: { Platform: 'iOS', Timezone: 'Europe/Paris' },
          Location: { Country: 'FR', City: 'Paris', Latitude: 48.9, Longitude: 2.4 },
          User: { UserId: 'user-1', UserAttributes: { plan: ['pro'] } },
        },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(202);
    expect(out.MessageBody).toEqual({ Message: 'Accepted', RequestID: out.$metadata.requestId });
    const endpoint = await getEndpoint(appId, 'ep-1');
    expect(endpoint).toEqual({
      Id: 'ep-1',
      ApplicationId: appId,
      ChannelType: 'EMAIL',
      Address: 'a@example.com',
      EndpointStatus: 'ACTIVE',
      OptOut: 'NONE',
      RequestId: out.$metadata.requestId,
      EffectiveDate: now.toISOString(),
      CreationDate: now.toISOString(),
      CohortId: endpoint.CohortId,
      Attributes: { interests: ['music', 'travel'] },
      Metrics: { visits: 3 },
      Demographic: { Platform: 'iOS', Timezone: 'Europe/Paris' },
      Location: { Country: 'FR', City: 'Paris', Latitude: 48.9, Longitude: 2.4 },
      User: { UserId: 'user-1', UserAttributes: { plan: ['pro'] } },
    });
    expect(Number(endpoint.CohortId)).toBeGreaterThanOrEqual(0);
    expect(Number(endpoint.CohortId)).toBeLessThan(100);
  });

  it('derives CohortId from the endpoint ID (the same in every app and emulator, case-insensitively)', async () => {
    const appA = await createApp();
    const appB = await createApp();
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appA, EndpointId: 'Cohort-X', EndpointRequest: {} }));
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appB, EndpointId: 'cohort-x', EndpointRequest: {} }));
    const other = await startEmulator();
    try {
      const otherApp = (await other.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'x' } }))).ApplicationResponse!.Id!;
      await other.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: otherApp, EndpointId: 'COHORT-X', EndpointRequest: {} }));
      const cohorts = [
        (await getEndpoint(appA, 'Cohort-X')).CohortId,
        (await getEndpoint(appB, 'cohort-x')).CohortId,
        (await other.pinpoint.send(new GetEndpointCommand({ ApplicationId: otherApp, EndpointId: 'cohort-X' }))).EndpointResponse!.CohortId,
      ];
      expect(new Set(cohorts).size).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('merges later writes: attributes replace by name, missing members keep their values', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(
      new UpdateEndpointCommand({
        ApplicationId: appId,
        EndpointId: 'merge',
        EndpointRequest: { ChannelType: 'SMS', Address: '+12065550100', Attributes: { a: ['1'], b: ['2'] }, Demographic: { Platform: 'Android' }, User: { UserId: 'u', UserAttributes: { x: ['1'] } } },
      }),
    );
    const created = await getEndpoint(appId, 'merge');
    now = new Date('2025-03-16T00:00:00.000Z');
    await stack.pinpoint.send(
      new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'MERGE', EndpointRequest: { Attributes: { b: ['3', '4'] }, Demographic: { Locale: 'en_US' }, User: { UserAttributes: { y: ['2'] } }, Metrics: { m: 1 } } }),
    );
    const merged = await getEndpoint(appId, 'merge');
    expect(merged).toMatchObject({
      Id: 'merge',
      ChannelType: 'SMS',
      Address: '+12065550100',
      Attributes: { a: ['1'], b: ['3', '4'] },
      Metrics: { m: 1 },
      Demographic: { Platform: 'Android', Locale: 'en_US' },
      User: { UserId: 'u', UserAttributes: { x: ['1'], y: ['2'] } },
      CreationDate: created.CreationDate,
      EffectiveDate: '2025-03-16T00:00:00.000Z',
    });
  });

  it('opts out an endpoint created without an address, and keeps that until told otherwise', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'anon', EndpointRequest: { ChannelType: 'APNS' } }));
    expect((await getEndpoint(appId, 'anon')).OptOut).toBe('ALL');
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'anon', EndpointRequest: { Address: 'device-token' } }));
    expect((await getEndpoint(appId, 'anon')).OptOut).toBe('ALL');
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'anon', EndpointRequest: { OptOut: 'NONE' } }));
    expect((await getEndpoint(appId, 'anon')).OptOut).toBe('NONE');
  });

  it('makes other endpoints with the same channel and address INACTIVE', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'old-phone', EndpointRequest: { ChannelType: 'SMS', Address: '+12065550111' } }));
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'email-same-text', EndpointRequest: { ChannelType: 'EMAIL', Address: '+12065550111' } }));
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'new-phone', EndpointRequest: { ChannelType: 'SMS', Address: '+12065550111' } }));
    expect((await getEndpoint(appId, 'old-phone')).EndpointStatus).toBe('INACTIVE');
    expect((await getEndpoint(appId, 'email-same-text')).EndpointStatus).toBe('ACTIVE');
    expect((await getEndpoint(appId, 'new-phone')).EndpointStatus).toBe('ACTIVE');
  });

  it('answers NotFoundException 404 for an unknown endpoint or app', async () => {
    const appId = await createApp();
    const error = await errorOf(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'nope' })));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({ message: "Resource not found: Endpoint 'nope' does not exist", $metadata: { httpStatusCode: 404 } });
    expect((error as NotFoundException).RequestID).toBe((error as NotFoundException).$metadata.requestId);
    await expect(stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: 'no-app', EndpointId: 'e', EndpointRequest: {} }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    ['an ID with $', 'bad$id', {}, "The endpoint ID must be non-empty and can't contain $, { or }; got 'bad$id'"],
    ['a user ID with {', 'ok', { User: { UserId: 'u{1}' } }, "The user ID must be non-empty and can't contain $, { or }; got 'u{1}'"],
    ['a 51-character attribute name', 'ok', { Attributes: { ['n'.repeat(51)]: ['v'] } }, `Attributes names must be 1 to 50 characters; got '${'n'.repeat(51)}'`],
    ['a 101-character attribute value', 'ok', { Attributes: { n: ['v'.repeat(101)] } }, 'Attributes.n values can contain at most 100 characters; got one of 101'],
    ['an unknown OptOut', 'ok', { OptOut: 'SOME' }, "OptOut must be ALL or NONE; got 'SOME'"],
    ['a latitude without longitude', 'ok', { Location: { Latitude: 10 } }, 'Location.Latitude and Location.Longitude must be given together'],
    ['a bad EffectiveDate', 'ok', { EffectiveDate: 'yesterday' }, "EffectiveDate must be an ISO 8601 date-time; got 'yesterday'"],
    [
      '251 custom attribute names in one app',
      'ok',
      { Attributes: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`a${i}`, ['v']])), Metrics: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`m${i}`, i])) },
      'An application can define at most 250 custom attribute, metric and user attribute names; this write would add 251 to 0',
    ],
  ])('rejects %s with BadRequestException', async (_case, endpointId, request, message) => {
    const appId = await createApp();
    const error = await errorOf(stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: endpointId, EndpointRequest: request })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  });

  it('rejects a 16th endpoint for one user with BadRequestException', async () => {
    const appId = await createApp();
    const items = Array.from({ length: 15 }, (_, i): EndpointBatchItem => ({ Id: `u-${i}`, ChannelType: 'EMAIL', Address: `u${i}@example.com`, User: { UserId: 'busy' } }));
    await stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: items } }));
    await expect(stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'u-15', EndpointRequest: { User: { UserId: 'busy' } } }))).rejects.toThrow(
      "A user can have at most 15 endpoints; user 'busy' would have 16",
    );
  });
});

describe('UpdateEndpointsBatch', () => {
  it('writes up to 100 endpoints in one call (202 Accepted)', async () => {
    const appId = await createApp();
    const items = Array.from({ length: 100 }, (_, i): EndpointBatchItem => ({ Id: `batch-${i}`, ChannelType: 'EMAIL', Address: `b${i}@example.com` }));
    const out = await stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: items } }));
    expect(out.$metadata.httpStatusCode).toBe(202);
    expect(out.MessageBody).toEqual({ Message: 'Accepted', RequestID: out.$metadata.requestId });
    expect((await getEndpoint(appId, 'batch-0')).Address).toBe('b0@example.com');
    expect((await getEndpoint(appId, 'batch-99')).Address).toBe('b99@example.com');
  });

  it('rejects 101 items with BadRequestException and writes none of them', async () => {
    const appId = await createApp();
    const items = Array.from({ length: 101 }, (_, i): EndpointBatchItem => ({ Id: `over-${i}`, Address: `o${i}@example.com` }));
    const error = await errorOf(stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: items } })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message: 'EndpointBatchRequest.Item can contain at most 100 endpoints; got 101', $metadata: { httpStatusCode: 400 } });
    await expect(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'over-0' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('is all or nothing: one bad item (or one over a quota) leaves every endpoint unwritten', async () => {
    const appId = await createApp();
    await expect(
      stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: [{ Id: 'good', Address: 'g@example.com' }, { Address: 'no-id@example.com' }] } })),
    ).rejects.toThrow('EndpointBatchRequest.Item[1].Id is required');
    const sixteen = Array.from({ length: 16 }, (_, i): EndpointBatchItem => ({ Id: `q-${i}`, User: { UserId: 'quota' } }));
    await expect(stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: sixteen } }))).rejects.toThrow(
      "A user can have at most 15 endpoints; user 'quota' would have 16",
    );
    await expect(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'good' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'q-0' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('DeleteEndpoint', () => {
  it('returns the deleted endpoint (202) and removes it', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'gone', EndpointRequest: { ChannelType: 'EMAIL', Address: 'g@example.com' } }));
    const before = await getEndpoint(appId, 'gone');
    const out = await stack.pinpoint.send(new DeleteEndpointCommand({ ApplicationId: appId, EndpointId: 'GONE' }));
    expect(out.$metadata.httpStatusCode).toBe(202);
    expect(out.EndpointResponse).toEqual(before);
    await expect(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'gone' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new DeleteEndpointCommand({ ApplicationId: appId, EndpointId: 'gone' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('GetUserEndpoints and DeleteUserEndpoints', () => {
  it("lists all of a user's endpoints, then deletes them all and returns them", async () => {
    const appId = await createApp();
    const items: EndpointBatchItem[] = [
      { Id: 'u-email', ChannelType: 'EMAIL', Address: 'u@example.com', User: { UserId: 'user-42' } },
      { Id: 'u-sms', ChannelType: 'SMS', Address: '+12065550142', User: { UserId: 'user-42' } },
      { Id: 'other', ChannelType: 'EMAIL', Address: 'o@example.com', User: { UserId: 'user-7' } },
    ];
    await stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: items } }));
    const listed = await stack.pinpoint.send(new GetUserEndpointsCommand({ ApplicationId: appId, UserId: 'user-42' }));
    expect(listed.EndpointsResponse!.Item!.map((e) => [e.Id, e.ChannelType, e.User?.UserId])).toEqual([
      ['u-email', 'EMAIL', 'user-42'],
      ['u-sms', 'SMS', 'user-42'],
    ]);
    const deleted = await stack.pinpoint.send(new DeleteUserEndpointsCommand({ ApplicationId: appId, UserId: 'user-42' }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted.EndpointsResponse).toEqual(listed.EndpointsResponse);
    await expect(stack.pinpoint.send(new GetUserEndpointsCommand({ ApplicationId: appId, UserId: 'user-42' }))).rejects.toBeInstanceOf(NotFoundException);
    expect((await getEndpoint(appId, 'other')).User?.UserId).toBe('user-7');
  });

  it('answers NotFoundException 404 for a user without endpoints', async () => {
    const appId = await createApp();
    const error = await errorOf(stack.pinpoint.send(new GetUserEndpointsCommand({ ApplicationId: appId, UserId: 'nobody' })));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({ message: "Resource not found: User 'nobody' does not exist", $metadata: { httpStatusCode: 404 } });
    await expect(stack.pinpoint.send(new DeleteUserEndpointsCommand({ ApplicationId: appId, UserId: 'nobody' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
