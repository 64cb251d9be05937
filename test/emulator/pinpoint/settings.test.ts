import { BadRequestException, CreateAppCommand, GetApplicationSettingsCommand, NotFoundException, UpdateApplicationSettingsCommand } from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Application settings over HTTP: defaults, updates that replace only what they name, the
// clock-based LastModifiedDate, and the limits seed 002 documents.

let now = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

async function createApp(): Promise<string> {
  const out = await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'settings' } }));
  return out.ApplicationResponse!.Id!;
}

describe('GetApplicationSettings', () => {
  it('reports a new app with no settings and its creation date as LastModifiedDate', async () => {
    const appId = await createApp();
    const out = await stack.pinpoint.send(new GetApplicationSettingsCommand({ ApplicationId: appId }));
    expect(out.ApplicationSettingsResource).toEqual({ ApplicationId: appId, LastModifiedDate: now.toISOString() });
  });

  it('answers NotFoundException for an unknown app', async () => {
    const error = await stack.pinpoint.send(new GetApplicationSettingsCommand({ ApplicationId: 'missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).$metadata.httpStatusCode).toBe(404);
  });
});

describe('UpdateApplicationSettings', () => {
  it('stores every member, stamps LastModifiedDate, and keeps members a later update leaves out', async () => {
    const appId = await createApp();
    now = new Date('2025-03-16T08:30:00.000Z');
    const first = await stack.pinpoint.send(
      new UpdateApplicationSettingsCommand({
        ApplicationId: appId,
        WriteApplicationSettingsRequest: {
          CampaignHook: { Mode: 'FILTER', LambdaFunctionName: 'filter-fn' },
          Limits: { Daily: 10, Total: 100, Session: 3, MessagesPerSecond: 500, MaximumDuration: 600 },
          QuietTime: { Start: '22:00', End: '06:30' },
          JourneyLimits: { DailyCap: 5, TotalCap: 20, TimeframeCap: { Days: 7, Cap: 10 } },
          CloudWatchMetricsEnabled: true,
          EventTaggingEnabled: false,
        },
      }),
    );
    const expected = {
      ApplicationId: appId,
      LastModifiedDate: '2025-03-16T08:30:00.000Z',
      CampaignHook: { Mode: 'FILTER', LambdaFunctionName: 'filter-fn' },
      Limits: { Daily: 10, Total: 100, Session: 3, MessagesPerSecond: 500, MaximumDuration: 600 },
      QuietTime: { Start: '22:00', End: '06:30' },
      JourneyLimits: { DailyCap: 5, TotalCap: 20, TimeframeCap: { Days: 7, Cap: 10 } },
    };
    expect(first.ApplicationSettingsResource).toEqual(expected);

    now = new Date('2025-03-17T09:00:00.000Z');
    const second = await stack.pinpoint.send(new UpdateApplicationSettingsCommand({ ApplicationId: appId, WriteApplicationSettingsRequest: { QuietTime: { Start: '23:00', End: '07:00' } } }));
    const updated = { ...expected, LastModifiedDate: '2025-03-17T09:00:00.000Z', QuietTime: { Start: '23:00', End: '07:00' } };
    expect(second.ApplicationSettingsResource).toEqual(updated);
    expect((await stack.pinpoint.send(new GetApplicationSettingsCommand({ ApplicationId: appId }))).ApplicationSettingsResource).toEqual(updated);
  });

  it.each([
    [{ Limits: { Daily: 101 } }, 'Limits.Daily must be an integer from 0 to 100; got 101'],
    [{ Limits: { MessagesPerSecond: 0 } }, 'Limits.MessagesPerSecond must be an integer from 1 to 20000; got 0'],
    [{ Limits: { MaximumDuration: 59 } }, 'Limits.MaximumDuration must be an integer from 60 up; got 59'],
    [{ QuietTime: { Start: '25:00' } }, "QuietTime.Start must be HH:MM in 24-hour notation; got '25:00'"],
    [{ JourneyLimits: { TimeframeCap: { Days: 31 } } }, 'JourneyLimits.TimeframeCap.Days must be an integer from 0 to 30; got 31'],
  ])('rejects %j with BadRequestException', async (request, message) => {
    const appId = await createApp();
    const error = await stack.pinpoint.send(new UpdateApplicationSettingsCommand({ ApplicationId: appId, WriteApplicationSettingsRequest: request })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  });
});
