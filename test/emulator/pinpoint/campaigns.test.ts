import {
  BadRequestException,
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  DeleteCampaignCommand,
  GetCampaignActivitiesCommand,
  GetCampaignCommand,
  GetCampaignsCommand,
  GetCampaignVersionCommand,
  GetCampaignVersionsCommand,
  NotFoundException,
  UpdateCampaignCommand,
  UpdateSegmentCommand,
  type WriteCampaignRequest,
} from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Campaigns over HTTP: creation against a segment version, treatments, versioned updates,
// status derived from schedule and runs, deletion, activities, and the errors of each.

const NOW = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW }, seed: true });
});
afterAll(() => stack.close());

const FUTURE = '2025-04-01T09:00:00.000Z';

/** A new app with one segment at version 2. */
async function appWithSegment(): Promise<{ appId: string; segmentId: string }> {
  const appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'campaigns' } }))).ApplicationResponse!.Id!;
  const segmentId = (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'all' } }))).SegmentResponse!.Id!;
  await stack.pinpoint.send(new UpdateSegmentCommand({ ApplicationId: appId, SegmentId: segmentId, WriteSegmentRequest: { Name: 'all v2' } }));
  return { appId, segmentId };
}

async function createCampaign(appId: string, request: WriteCampaignRequest) {
  return (await stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: request }))).CampaignResponse!;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('CreateCampaign', () => {
  it('answers 201 with the full CampaignResponse, pinned to the latest segment version', async () => {
    const { appId, segmentId } = await appWithSegment();
    const out = await stack.pinpoint.send(
      new CreateCampaignCommand({
        ApplicationId: appId,
        WriteCampaignRequest: {
          Name: 'Launch',
          Description: 'first',
          SegmentId: segmentId,
          Schedule: { StartTime: FUTURE, Frequency: 'ONCE', Timezone: 'UTC' },
          MessageConfiguration: { EmailMessage: { Title: 'Hello', HtmlBody: '<p>Hi</p>' } },
          Limits: { Daily: 1 },
          Hook: { Mode: 'FILTER', LambdaFunctionName: 'fn' },
          TemplateConfiguration: { EmailTemplate: { Name: 'welcome', Version: '2' } },
          Priority: 3,
          tags: { team: 'growth' },
        },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    const campaign = out.CampaignResponse!;
    expect(campaign.Id).toMatch(/^[0-9a-f]{32}$/);
    expect(campaign).toEqual({
      Id: campaign.Id,
      Arn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${appId}/campaigns/${campaign.Id}`,
      ApplicationId: appId,
      Name: 'Launch',
      Description: 'first',
      SegmentId: segmentId,
      SegmentVersion: 2,
      Schedule: { StartTime: FUTURE, Frequency: 'ONCE', Timezone: 'UTC' },
      MessageConfiguration: { EmailMessage: { Title: 'Hello', HtmlBody: '<p>Hi</p>' } },
      Limits: { Daily: 1 },
      Hook: { Mode: 'FILTER', LambdaFunctionName: 'fn' },
      TemplateConfiguration: { EmailTemplate: { Name: 'welcome', Version: '2' } },
      Priority: 3,
      HoldoutPercent: 0,
      IsPaused: false,
      State: { CampaignStatus: 'SCHEDULED' },
      Version: 1,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      tags: { team: 'growth' },
    });
  });

  it('gives additional treatments IDs and reports DefaultState', async () => {
    const { appId, segmentId } = await appWithSegment();
    const campaign = await createCampaign(appId, {
      SegmentId: segmentId,
      SegmentVersion: 1,
      Schedule: { StartTime: FUTURE },
      TreatmentName: 'A',
      HoldoutPercent: 10,
      AdditionalTreatments: [
        { SizePercent: 30, TreatmentName: 'B' },
        { SizePercent: 20, TreatmentName: 'C', Schedule: { StartTime: FUTURE } },
      ],
    });
    expect(campaign.SegmentVersion).toBe(1);
    expect(campaign.AdditionalTreatments).toEqual([
      { Id: '0', SizePercent: 30, TreatmentName: 'B', State: { CampaignStatus: 'SCHEDULED' } },
      { Id: '1', SizePercent: 20, TreatmentName: 'C', Schedule: { StartTime: FUTURE }, State: { CampaignStatus: 'SCHEDULED' } },
    ]);
    expect(campaign.DefaultState).toEqual({ CampaignStatus: 'SCHEDULED' });
    expect(campaign.TreatmentName).toBe('A');
  });

  it('answers NotFoundException for a missing segment and for a missing segment version', async () => {
    const { appId, segmentId } = await appWithSegment();
    const missing = await errorOf(stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: { SegmentId: 'nope', Schedule: { StartTime: FUTURE } } })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing).toMatchObject({ message: "Resource not found: Segment 'nope' does not exist", $metadata: { httpStatusCode: 404 } });
    const version = await errorOf(stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: { SegmentId: segmentId, SegmentVersion: 3, Schedule: { StartTime: FUTURE } } })));
    expect(version).toBeInstanceOf(NotFoundException);
    expect((version as NotFoundException).message).toBe(`Resource not found: Segment version '${segmentId}/versions/3' does not exist`);
  });

  it('answers NotFoundException for an unknown app', async () => {
    await expect(stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: 'no-app', WriteCampaignRequest: { SegmentId: 's', Schedule: { StartTime: FUTURE } } }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it.each<[string, (segmentId: string) => WriteCampaignRequest, string]>([
    ['no segment', () => ({ Schedule: { StartTime: FUTURE } }), 'WriteCampaignRequest.SegmentId is required: a campaign targets a segment'],
    ['no schedule', (SegmentId) => ({ SegmentId }), "WriteCampaignRequest.Schedule is required: a campaign needs a StartTime ('IMMEDIATE' or an ISO 8601 date-time)"],
    ['a bad start time', (SegmentId) => ({ SegmentId, Schedule: { StartTime: 'tomorrow' } }), "Schedule.StartTime must be 'IMMEDIATE' or an ISO 8601 date-time; got 'tomorrow'"],
    ['an end before the start', (SegmentId) => ({ SegmentId, Schedule: { StartTime: FUTURE, EndTime: '2025-03-20T00:00:00Z' } }), `Schedule.EndTime must be after StartTime; got 2025-03-20T00:00:00Z <= ${FUTURE}`],
    ['an EVENT schedule without a filter', (SegmentId) => ({ SegmentId, Schedule: { StartTime: FUTURE, Frequency: 'EVENT' } }), 'Schedule.EventFilter is required when Frequency is EVENT'],
    ['an unknown timezone', (SegmentId) => ({ SegmentId, Schedule: { StartTime: FUTURE, Timezone: 'PST' } }), "Schedule.Timezone must be one of the UTC offsets seed 002 lists (UTC, UTC+01, …, UTC-11); got 'PST'"],
    ['treatments over 100%', (SegmentId) => ({ SegmentId, Schedule: { StartTime: FUTURE }, HoldoutPercent: 50, AdditionalTreatments: [{ SizePercent: 60 }] }), 'HoldoutPercent plus the SizePercent of all additional treatments must not exceed 100; got 110'],
    ['priority 6', (SegmentId) => ({ SegmentId, Schedule: { StartTime: FUTURE }, Priority: 6 }), 'Priority must be an integer from 1 to 5; got 6'],
    ['a paused IMMEDIATE campaign', (SegmentId) => ({ SegmentId, Schedule: { StartTime: 'IMMEDIATE' }, IsPaused: true }), "A campaign scheduled for IMMEDIATE can't be paused: IsPaused must be false when Schedule.StartTime is 'IMMEDIATE'"],
    ['limits over 100 a day', (SegmentId) => ({ SegmentId, Schedule: { StartTime: FUTURE }, Limits: { Daily: 150 } }), 'Limits.Daily must be an integer from 0 to 100; got 150'],
  ])('rejects %s with BadRequestException', async (_case, request, message) => {
    const { appId, segmentId } = await appWithSegment();
    const error = await errorOf(stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: request(segmentId) })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  });
});

describe('campaign status', () => {
  it.each<[string, WriteCampaignRequest, string]>([
    ['a future one-time schedule', { Schedule: { StartTime: FUTURE } }, 'SCHEDULED'],
    ['an IMMEDIATE schedule that has not run yet', { Schedule: { StartTime: 'IMMEDIATE' } }, 'SCHEDULED'],
    ['IsPaused', { Schedule: { StartTime: FUTURE, Frequency: 'DAILY' }, IsPaused: true }, 'PAUSED'],
    ['an event-triggered campaign inside its window', { Schedule: { StartTime: '2025-03-01T00:00:00Z', EndTime: FUTURE, Frequency: 'EVENT', EventFilter: { FilterType: 'ENDPOINT', Dimensions: {} } } }, 'EXECUTING'],
    ['an event-triggered campaign past its end', { Schedule: { StartTime: '2025-03-01T00:00:00Z', EndTime: '2025-03-10T00:00:00Z', Frequency: 'EVENT', EventFilter: { FilterType: 'ENDPOINT', Dimensions: {} } } }, 'COMPLETED'],
  ])('is derived for %s', async (_case, request, status) => {
    const { appId, segmentId } = await appWithSegment();
    expect((await createCampaign(appId, { SegmentId: segmentId, ...request })).State).toEqual({ CampaignStatus: status });
  });

  it('reflects recorded runs for the seeded campaigns', async () => {
    const { apps, campaigns } = PINPOINT_SEED;
    const status = async (appId: string, campaignId: string) =>
      (await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: campaignId }))).CampaignResponse!.State!.CampaignStatus;
    expect(await status(apps.RETAIL, campaigns.RETAIL_SPRING_SALE)).toBe('COMPLETED');
    expect(await status(apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST)).toBe('PENDING_NEXT_RUN');
    expect(await status(apps.RETAIL, campaigns.RETAIL_SUMMER_LAUNCH)).toBe('SCHEDULED');
    expect(await status(apps.RETAIL, campaigns.RETAIL_PAUSED_PROMO)).toBe('PAUSED');
    expect(await status(apps.RETAIL, campaigns.RETAIL_CART_PUSH)).toBe('EXECUTING');
  });
});

describe('GetCampaign and GetCampaigns', () => {
  it('answers NotFoundException 404 for an unknown campaign', async () => {
    const { appId } = await appWithSegment();
    const error = await errorOf(stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: 'missing' })));
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({ message: "Resource not found: Campaign 'missing' does not exist", $metadata: { httpStatusCode: 404 } });
    expect((error as NotFoundException).RequestID).toBe((error as NotFoundException).$metadata.requestId);
  });

  it('pages through the campaigns of an app', async () => {
    const { appId, segmentId } = await appWithSegment();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createCampaign(appId, { Name: `c${i}`, SegmentId: segmentId, Schedule: { StartTime: FUTURE } })).Id!);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await stack.pinpoint.send(new GetCampaignsCommand({ ApplicationId: appId, PageSize: '2', Token: token }));
      seen.push(...out.CampaignsResponse!.Item!.map((c) => c.Id!));
      token = out.CampaignsResponse!.NextToken;
      pages += 1;
    } while (token !== undefined);
    expect(pages).toBe(2);
    expect(seen).toEqual(ids);
  });
});

describe('UpdateCampaign and versions', () => {
  it('makes a new version per update, merges what it names, and keeps tags (deprecated in updates)', async () => {
    const { appId, segmentId } = await appWithSegment();
    const v1 = await createCampaign(appId, { Name: 'v1', SegmentId: segmentId, SegmentVersion: 1, Schedule: { StartTime: FUTURE }, tags: { keep: 'me' } });
    const v2 = (await stack.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: v1.Id, WriteCampaignRequest: { Description: 'second', tags: { ignored: 'x' } } }))).CampaignResponse!;
    expect(v2).toMatchObject({ Version: 2, Name: 'v1', Description: 'second', SegmentVersion: 1, tags: { keep: 'me' } });
    const v3 = (await stack.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: v1.Id, WriteCampaignRequest: { Name: 'v3', SegmentId: segmentId, AdditionalTreatments: [{ SizePercent: 50 }] } }))).CampaignResponse!;
    expect(v3).toMatchObject({ Version: 3, Name: 'v3', Description: 'second', SegmentVersion: 2, AdditionalTreatments: [{ Id: '0', SizePercent: 50 }] });

    expect((await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: v1.Id }))).CampaignResponse).toEqual(v3);
    expect((await stack.pinpoint.send(new GetCampaignVersionCommand({ ApplicationId: appId, CampaignId: v1.Id, Version: '1' }))).CampaignResponse).toEqual(v1);
    const page1 = await stack.pinpoint.send(new GetCampaignVersionsCommand({ ApplicationId: appId, CampaignId: v1.Id, PageSize: '2' }));
    const page2 = await stack.pinpoint.send(new GetCampaignVersionsCommand({ ApplicationId: appId, CampaignId: v1.Id, PageSize: '2', Token: page1.CampaignsResponse!.NextToken }));
    expect([...page1.CampaignsResponse!.Item!, ...page2.CampaignsResponse!.Item!]).toEqual([v1, v2, v3]);
  });

  it('answers NotFoundException for a missing version or a missing new segment, BadRequestException for a malformed version', async () => {
    const { appId, segmentId } = await appWithSegment();
    const campaign = await createCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: FUTURE } });
    await expect(stack.pinpoint.send(new GetCampaignVersionCommand({ ApplicationId: appId, CampaignId: campaign.Id, Version: '9' }))).rejects.toThrow(
      `Resource not found: Campaign version '${campaign.Id}/versions/9' does not exist`,
    );
    await expect(stack.pinpoint.send(new GetCampaignVersionCommand({ ApplicationId: appId, CampaignId: campaign.Id, Version: '0' }))).rejects.toBeInstanceOf(BadRequestException);
    await expect(stack.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: campaign.Id, WriteCampaignRequest: { SegmentId: 'gone' } }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: 'missing', WriteCampaignRequest: {} }))).rejects.toBeInstanceOf(NotFoundException);
    // A failed update leaves the campaign as it was.
    expect((await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: campaign.Id }))).CampaignResponse!.Version).toBe(1);
  });
});

describe('DeleteCampaign', () => {
  it('returns the deleted campaign and removes it', async () => {
    const { appId, segmentId } = await appWithSegment();
    const campaign = await createCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: FUTURE } });
    const out = await stack.pinpoint.send(new DeleteCampaignCommand({ ApplicationId: appId, CampaignId: campaign.Id }));
    expect(out.CampaignResponse).toEqual(campaign);
    await expect(stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: campaign.Id }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new DeleteCampaignCommand({ ApplicationId: appId, CampaignId: campaign.Id }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('GetCampaignActivities', () => {
  it('is empty for a campaign that has not run', async () => {
    const { appId, segmentId } = await appWithSegment();
    const campaign = await createCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: 'IMMEDIATE' } });
    const out = await stack.pinpoint.send(new GetCampaignActivitiesCommand({ ApplicationId: appId, CampaignId: campaign.Id }));
    expect(out.ActivitiesResponse).toEqual({ Item: [] });
  });

  it("pages through a seeded campaign's runs, most recent first", async () => {
    const { apps, campaigns, activities } = PINPOINT_SEED;
    const first = await stack.pinpoint.send(new GetCampaignActivitiesCommand({ ApplicationId: apps.RETAIL, CampaignId: campaigns.RETAIL_WEEKLY_DIGEST, PageSize: '1' }));
    const second = await stack.pinpoint.send(
      new GetCampaignActivitiesCommand({ ApplicationId: apps.RETAIL, CampaignId: campaigns.RETAIL_WEEKLY_DIGEST, PageSize: '1', Token: first.ActivitiesResponse!.NextToken }),
    );
    expect(second.ActivitiesResponse!.NextToken).toBeUndefined();
    expect(first.ActivitiesResponse!.Item).toEqual([
      {
        Id: activities.WEEKLY_DIGEST_RUN_2,
        ApplicationId: apps.RETAIL,
        CampaignId: campaigns.RETAIL_WEEKLY_DIGEST,
        TreatmentId: '',
        State: 'COMPLETED',
        Result: 'SUCCESS',
        ScheduledStart: '2025-03-09T10:00:00.000Z',
        Start: '2025-03-09T10:00:00.000Z',
        End: '2025-03-09T10:05:00.000Z',
        SuccessfulEndpointCount: 4,
        TotalEndpointCount: 4,
        TimezonesTotalCount: 1,
        TimezonesCompletedCount: 1,
        ExecutionMetrics: { ENDPOINT_PRODUCED: '4', DUPLICATE_ENDPOINT: '0', ENDPOINT_OPT_OUT: '0' },
      },
    ]);
    expect(second.ActivitiesResponse!.Item!.map((a) => a.Id)).toEqual([activities.WEEKLY_DIGEST_RUN_1]);
  });

  it('answers NotFoundException for an unknown campaign', async () => {
    const { appId } = await appWithSegment();
    await expect(stack.pinpoint.send(new GetCampaignActivitiesCommand({ ApplicationId: appId, CampaignId: 'missing' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
