import {
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  GetEndpointCommand,
  GetInAppMessagesCommand,
  NotFoundException,
  UpdateCampaignCommand,
  UpdateEndpointsBatchCommand,
  type CampaignInAppMessage,
  type WriteCampaignRequest,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// GetInAppMessages over HTTP: empty for endpoints without in-app campaigns, and exactly the
// executing in-app campaigns whose segment holds an IN_APP endpoint, with the treatment its
// cohort picks, ordered by priority.

const now = new Date('2025-09-01T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

const banner: CampaignInAppMessage = {
  Layout: 'TOP_BANNER',
  Content: [{ BodyConfig: { Alignment: 'CENTER', Body: 'Welcome back!', TextColor: '#000000' }, BackgroundColor: '#FFFFFF', PrimaryBtn: { DefaultConfig: { Text: 'Shop', ButtonAction: 'LINK', Link: 'https://example.com' } } }],
  CustomConfig: { theme: 'light' },
};

async function setup() {
  const appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'in-app' } }))).ApplicationResponse!.Id!;
  await stack.pinpoint.send(
    new UpdateEndpointsBatchCommand({
      ApplicationId: appId,
      EndpointBatchRequest: {
        Item: [
          { Id: 'web-1', ChannelType: 'IN_APP', Address: 'web-1', Location: { Country: 'US' } },
          { Id: 'web-2', ChannelType: 'IN_APP', Address: 'web-2', Location: { Country: 'CA' } },
          { Id: 'mail-1', ChannelType: 'EMAIL', Address: 'm@example.com', Location: { Country: 'US' } },
        ],
      },
    }),
  );
  const segmentId = (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'US', Dimensions: { Location: { Country: { Values: ['US'] } } } } }))).SegmentResponse!.Id!;
  return { appId, segmentId };
}

function inAppCampaign(segmentId: string, extra: Partial<WriteCampaignRequest> = {}): WriteCampaignRequest {
  return {
    Name: 'welcome',
    SegmentId: segmentId,
    MessageConfiguration: { InAppMessage: banner },
    Schedule: { StartTime: '2025-08-01T00:00:00.000Z', EndTime: '2025-12-31T00:00:00.000Z', Frequency: 'IN_APP_EVENT', EventFilter: { FilterType: 'ENDPOINT', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['app.open'] } } } },
    Limits: { Daily: 2, Total: 5, Session: 1 },
    Priority: 3,
    ...extra,
  };
}

async function messages(appId: string, endpointId: string) {
  return (await stack.pinpoint.send(new GetInAppMessagesCommand({ ApplicationId: appId, EndpointId: endpointId }))).InAppMessagesResponse!;
}

describe('GetInAppMessages', () => {
  it('is an empty list while the app has no in-app campaigns', async () => {
    const { appId } = await setup();
    expect(await messages(appId, 'web-1')).toEqual({ InAppMessageCampaigns: [] });
  });

  it('returns an executing in-app campaign to IN_APP endpoints of its segment only, with caps, schedule and message', async () => {
    const { appId, segmentId } = await setup();
    const campaignId = (await stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: inAppCampaign(segmentId) }))).CampaignResponse!.Id!;
    expect(await messages(appId, 'web-1')).toEqual({
      InAppMessageCampaigns: [
        {
          CampaignId: campaignId,
          DailyCap: 2,
          TotalCap: 5,
          SessionCap: 1,
          Priority: 3,
          Schedule: { EndDate: '2025-12-31T00:00:00.000Z', EventFilter: { FilterType: 'ENDPOINT', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['app.open'] } } } },
          InAppMessage: { Layout: 'TOP_BANNER', Content: banner.Content, CustomConfig: { theme: 'light' } },
        },
      ],
    });
    expect(await messages(appId, 'web-2')).toEqual({ InAppMessageCampaigns: [] });
    expect(await messages(appId, 'mail-1')).toEqual({ InAppMessageCampaigns: [] });

    await stack.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: campaignId, WriteCampaignRequest: { IsPaused: true } }));
    expect(await messages(appId, 'web-1')).toEqual({ InAppMessageCampaigns: [] });
  });

  it('leaves out campaigns that have not started or have ended, and orders the rest by priority', async () => {
    const { appId, segmentId } = await setup();
    const send = async (extra: Partial<WriteCampaignRequest>) => (await stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: inAppCampaign(segmentId, extra) }))).CampaignResponse!.Id!;
    const low = await send({ Priority: 5 });
    const high = await send({ Priority: 1 });
    await send({ Schedule: { StartTime: '2025-10-01T00:00:00.000Z', Frequency: 'IN_APP_EVENT' } });
    await send({ Schedule: { StartTime: '2025-07-01T00:00:00.000Z', EndTime: '2025-08-01T00:00:00.000Z', Frequency: 'IN_APP_EVENT' } });
    expect((await messages(appId, 'web-1')).InAppMessageCampaigns!.map((campaign) => campaign.CampaignId)).toEqual([high, low]);
  });

  it("gives the endpoint the treatment its cohort picks (holdout first, then each treatment's share, then the default)", async () => {
    const { appId, segmentId } = await setup();
    const cohort = Number((await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'web-1' }))).EndpointResponse!.CohortId);
    const treatmentMessage = { ...banner, Layout: 'MIDDLE_BANNER' as const };
    // Treatment 0 takes exactly this endpoint's cohort; a second campaign holds it out.
    const chosen = await stack.pinpoint.send(
      new CreateCampaignCommand({
        ApplicationId: appId,
        WriteCampaignRequest: inAppCampaign(segmentId, { HoldoutPercent: cohort, AdditionalTreatments: [{ SizePercent: 1, MessageConfiguration: { InAppMessage: treatmentMessage } }] }),
      }),
    );
    const heldOut = await stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: inAppCampaign(segmentId, { HoldoutPercent: cohort + 1 }) }));
    const [campaign, ...rest] = (await messages(appId, 'web-1')).InAppMessageCampaigns!;
    expect(rest).toEqual([]);
    expect(campaign).toMatchObject({ CampaignId: chosen.CampaignResponse!.Id, TreatmentId: chosen.CampaignResponse!.AdditionalTreatments![0].Id, InAppMessage: { Layout: 'MIDDLE_BANNER' } });
    expect(heldOut.CampaignResponse!.Id).not.toBe(campaign.CampaignId);
  });

  it('answers NotFoundException for an unknown app or endpoint', async () => {
    const { appId } = await setup();
    const endpoint = await errorOf(messages(appId, 'nobody'));
    expect(endpoint).toBeInstanceOf(NotFoundException);
    expect(endpoint.message).toBe("Resource not found: Endpoint 'nobody' does not exist");
    expect(await errorOf(messages('no-app', 'web-1'))).toBeInstanceOf(NotFoundException);
  });
});
