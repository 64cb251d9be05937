import { BadRequestException, CreateAppCommand, GetEndpointCommand, NotFoundException, PutEventsCommand, type Event, type EventsBatch } from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// PutEvents over HTTP: per-endpoint and per-event results, endpoint data written alongside
// the events, item-level 400s that do not reject the batch, and the request-level limit.

const NOW = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW } });
});
afterAll(() => stack.close());

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'events' } }))).ApplicationResponse!.Id!;
}

const event = (EventType: string, Timestamp = '2025-03-14T10:00:00Z', extra: Partial<Event> = {}): Event => ({ EventType, Timestamp, ...extra });
const ACCEPTED = { StatusCode: 202, Message: 'Accepted' };

describe('PutEvents', () => {
  it('answers 202 with an EndpointItemResponse and an EventsItemResponse per event, and writes the endpoints', async () => {
    const appId = await createApp();
    const batch: Record<string, EventsBatch> = {
      'ev-email': {
        Endpoint: { ChannelType: 'EMAIL', Address: 'e@example.com', User: { UserId: 'ev-user' } },
        Events: { open: event('_email.open'), click: event('_email.click', '2025-03-14T10:01:00.000Z', { Attributes: { link: 'home' }, Metrics: { n: 1 } }) },
      },
      'ev-app': {
        Endpoint: { ChannelType: 'APNS', Address: 'token', Demographic: { Platform: 'iOS' } },
        Events: { start: event('_session.start', '2025-03-14T09:00:00+01:00', { Session: { Id: 's-1', StartTimestamp: '2025-03-14T08:00:00Z' } }) },
      },
    };
    const out = await stack.pinpoint.send(new PutEventsCommand({ ApplicationId: appId, EventsRequest: { BatchItem: batch } }));
    expect(out.$metadata.httpStatusCode).toBe(202);
    expect(out.EventsResponse).toEqual({
      Results: {
        'ev-email': { EndpointItemResponse: ACCEPTED, EventsItemResponse: { open: ACCEPTED, click: ACCEPTED } },
        'ev-app': { EndpointItemResponse: ACCEPTED, EventsItemResponse: { start: ACCEPTED } },
      },
    });
    const endpoint = (await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'ev-email' }))).EndpointResponse!;
    expect(endpoint).toMatchObject({ Id: 'ev-email', ChannelType: 'EMAIL', Address: 'e@example.com', OptOut: 'NONE', EndpointStatus: 'ACTIVE', User: { UserId: 'ev-user' }, RequestId: out.$metadata.requestId });
    expect((await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'ev-app' }))).EndpointResponse!.Demographic).toEqual({ Platform: 'iOS' });
  });

  it('answers 400 for each invalid event and still accepts the valid ones', async () => {
    const appId = await createApp();
    const attributes = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, 'v']));
    const out = await stack.pinpoint.send(
      new PutEventsCommand({
        ApplicationId: appId,
        EventsRequest: {
          BatchItem: {
            mixed: {
              Endpoint: {},
              Events: {
                good: event('custom.purchase'),
                blankType: event(''),
                badTime: event('custom.purchase', 'last tuesday'),
                tooManyKeys: event('custom.purchase', undefined, { Attributes: attributes }),
                longValue: event('custom.purchase', undefined, { Attributes: { note: 'x'.repeat(201) } }),
                badSession: event('custom.purchase', undefined, { Session: { Id: 's', StartTimestamp: 'soon' } }),
              },
            },
          },
        },
      }),
    );
    expect(out.EventsResponse!.Results!.mixed).toEqual({
      EndpointItemResponse: ACCEPTED,
      EventsItemResponse: {
        good: ACCEPTED,
        blankType: { StatusCode: 400, Message: 'EventType is required' },
        badTime: { StatusCode: 400, Message: "Timestamp must be an ISO 8601 date-time; got 'last tuesday'" },
        tooManyKeys: { StatusCode: 400, Message: 'An event can have at most 40 attribute and metric keys; got 41' },
        longValue: { StatusCode: 400, Message: "Event attribute values can contain at most 200 characters; 'note' has 201" },
        badSession: { StatusCode: 400, Message: "Session.StartTimestamp must be an ISO 8601 date-time; got 'soon'" },
      },
    });
  });

  it('answers 400 for invalid endpoint data: its events still count unless the endpoint ID itself is invalid', async () => {
    const appId = await createApp();
    const out = await stack.pinpoint.send(
      new PutEventsCommand({
        ApplicationId: appId,
        EventsRequest: {
          BatchItem: {
            'bad-data': { Endpoint: { OptOut: 'MAYBE' }, Events: { e: event('custom.a') } },
            'bad$id': { Endpoint: {}, Events: { e: event('custom.a') } },
          },
        },
      }),
    );
    const idProblem = { StatusCode: 400, Message: "The endpoint ID must be non-empty and can't contain $, { or }; got 'bad$id'" };
    expect(out.EventsResponse!.Results).toEqual({
      'bad-data': { EndpointItemResponse: { StatusCode: 400, Message: "OptOut must be ALL or NONE; got 'MAYBE'" }, EventsItemResponse: { e: ACCEPTED } },
      'bad$id': { EndpointItemResponse: idProblem, EventsItemResponse: { e: idProblem } },
    });
    await expect(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'bad-data' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('rejects more than 100 events in one request with BadRequestException', async () => {
    const appId = await createApp();
    const events = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`e${i}`, event('custom.a')]));
    const error = await stack.pinpoint
      .send(new PutEventsCommand({ ApplicationId: appId, EventsRequest: { BatchItem: { a: { Endpoint: {}, Events: events(60) }, b: { Endpoint: {}, Events: events(41) } } } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message: 'A PutEvents request can contain at most 100 events; got 101', $metadata: { httpStatusCode: 400 } });
    await expect(stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'a' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers NotFoundException for an unknown app', async () => {
    const error = await stack.pinpoint.send(new PutEventsCommand({ ApplicationId: 'missing', EventsRequest: { BatchItem: {} } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).$metadata.httpStatusCode).toBe(404);
  });
});
