import { copyFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateAppCommand,
  CreateCampaignCommand,
  CreateEmailTemplateCommand,
  CreateRecommenderConfigurationCommand,
  CreateSegmentCommand,
  CreateSmsTemplateCommand,
  DeleteAppCommand,
  GetAppCommand,
  GetApplicationDateRangeKpiCommand,
  GetApplicationSettingsCommand,
  GetAppsCommand,
  GetCampaignCommand,
  GetCampaignVersionsCommand,
  GetChannelsCommand,
  GetEmailChannelCommand,
  GetEmailTemplateCommand,
  GetEndpointCommand,
  GetJourneyCommand,
  GetRecommenderConfigurationsCommand,
  GetSegmentCommand,
  GetSegmentVersionsCommand,
  GetSmsChannelCommand,
  GetSmsTemplateCommand,
  GetUserEndpointsCommand,
  ListJourneysCommand,
  ListTagsForResourceCommand,
  ListTemplatesCommand,
  ListTemplateVersionsCommand,
  NotFoundException,
  PutEventsCommand,
  SendOTPMessageCommand,
  UpdateApplicationSettingsCommand,
  UpdateCampaignCommand,
  UpdateEmailChannelCommand,
  UpdateEndpointsBatchCommand,
  UpdateSmsChannelCommand,
  UpdateSmsTemplateCommand,
  VerifyOTPMessageCommand,
  type EventsBatch,
} from '@aws-sdk/client-pinpoint';
import {
  CreateOptOutListCommand,
  CreatePoolCommand,
  CreateRegistrationCommand,
  DescribeKeywordsCommand,
  DescribeOptedOutNumbersCommand,
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeRegistrationFieldValuesCommand,
  DescribeRegistrationsCommand,
  DescribeRegistrationVersionsCommand,
  DescribeSpendLimitsCommand,
  ListPoolOriginationIdentitiesCommand,
  ListTagsForResourceCommand as ListSmsTagsForResourceCommand,
  PutKeywordCommand,
  PutOptedOutNumberCommand,
  PutRegistrationFieldValueCommand,
  RequestPhoneNumberCommand,
  SetTextMessageSpendLimitOverrideCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';
import { completeJourney, createJourney } from '../pinpoint-journeys/helpers';
import { admin, eventually, rejectionOf, stable, tempDir } from './helpers';

// The state file over HTTP: resources of both services made through the real SDK clients come
// back identical after the emulator is stopped and a new one starts on the same file, with the
// clock, the outbox, the events that KPIs are computed from and the one-time passwords; the
// state is saved after requests without a close (as if the process died); the seed is not
// loaded over a restored state; `POST /_emulator/state/save` saves on demand.
// Pagination tokens are not compared: they are signed with a secret of the emulator process
// (`protocol/pagination.ts`), so across a real process restart they are rejected like expired ones.

const NOW = '2025-06-15T12:00:00.000Z';
const EVENTS_AT = '2025-06-10T09:00:00.000Z';
const DESTINATION = '+12065550142';

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  temp = await tempDir();
});
afterAll(() => temp.cleanup());

/** Module-private: the IDs `createEverything` made. */
interface Made {
  appId: string;
  appArn: string;
  segmentId: string;
  campaignId: string;
  journeyId: string;
  templateName: string;
  phoneNumberId: string;
  phoneNumberArn: string;
  poolId: string;
  optOutList: string;
  registrationId: string;
  deletedSeedAppId: string;
}

/** Module-private: two `_email.send` events (one per endpoint) at `EVENTS_AT`, or one more for `extra`. */
function sendEvents(endpointIds: string[]): Record<string, EventsBatch> {
  return Object.fromEntries(endpointIds.map((id) => [id, { Endpoint: {}, Events: { [`send-${id}`]: { EventType: '_email.send', Timestamp: EVENTS_AT } } }]));
}

/** Module-private: resources of every kind the state parts hold, made over HTTP. */
async function createEverything(stack: StartedEmulator): Promise<Made> {
  const { pinpoint, sms } = stack;
  expect((await admin(stack, 'POST', 'clock', { set: NOW })).status).toBe(200);

  // A seeded app deleted before the restart must stay deleted (the seed is not loaded again).
  const seeded = (await pinpoint.send(new GetAppsCommand({}))).ApplicationsResponse!.Item!;
  const deletedSeedAppId = seeded[0].Id!;
  await pinpoint.send(new DeleteAppCommand({ ApplicationId: deletedSeedAppId }));

  const app = (await pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'kept', tags: { team: 'growth' } } }))).ApplicationResponse!;
  const appId = app.Id!;
  await pinpoint.send(new UpdateApplicationSettingsCommand({ ApplicationId: appId, WriteApplicationSettingsRequest: { QuietTime: { Start: '22:00', End: '07:00' }, Limits: { Daily: 5 } } }));
  await pinpoint.send(
    new UpdateEndpointsBatchCommand({
      ApplicationId: appId,
      EndpointBatchRequest: {
        Item: [
          { Id: 'ep-1', ChannelType: 'EMAIL', Address: 'one@example.com', User: { UserId: 'u-1', UserAttributes: { plan: ['gold'] } }, Attributes: { color: ['red'] }, Metrics: { visits: 3 } },
          { Id: 'ep-2', ChannelType: 'SMS', Address: DESTINATION, User: { UserId: 'u-1' }, Location: { Country: 'US', City: 'Seattle' } },
        ],
      },
    }),
  );
  await pinpoint.send(new PutEventsCommand({ ApplicationId: appId, EventsRequest: { BatchItem: sendEvents(['ep-1', 'ep-2']) } }));
  const segmentId = (await pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'gold', Dimensions: { UserAttributes: { plan: { Values: ['gold'] } } } } }))).SegmentResponse!.Id!;
  const campaignId = (
    await pinpoint.send(
      new CreateCampaignCommand({
        ApplicationId: appId,
        WriteCampaignRequest: { Name: 'later', SegmentId: segmentId, Schedule: { StartTime: '2025-12-01T00:00:00Z' }, MessageConfiguration: { EmailMessage: { Title: 'Hi', Body: 'Hello' } }, tags: { kind: 'promo' } },
      }),
    )
  ).CampaignResponse!.Id!;
  await pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: campaignId, WriteCampaignRequest: { Description: 'second version', SegmentId: segmentId, Schedule: { StartTime: '2025-12-02T00:00:00Z' } } }));

  const templateName = `kept-${process.pid}`;
  await pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: templateName, EmailTemplateRequest: { Subject: 'Hi {{User.UserAttributes.plan}}', HtmlPart: '<p>Hi</p>', tags: { t: '1' } } }));
  await pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: templateName, SMSTemplateRequest: { Body: 'first' } }));
  await pinpoint.send(new UpdateSmsTemplateCommand({ TemplateName: templateName, CreateNewVersion: true, SMSTemplateRequest: { Body: 'second' } }));
  const journeyId = (await createJourney(stack, appId, completeJourney(segmentId, { Name: 'kept-journey' }))).Id!;

  await pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { SenderId: 'Shop', Enabled: true } }));
  await pinpoint.send(
    new UpdateEmailChannelCommand({ ApplicationId: appId, EmailChannelRequest: { Identity: 'arn:aws:ses:us-east-1:123456789012:identity/example.com', FromAddress: 'shop@example.com' } }),
  );
  await pinpoint.send(
    new CreateRecommenderConfigurationCommand({
      CreateRecommenderConfiguration: {
        RecommendationProviderUri: 'arn:aws:personalize:us-east-1:123456789012:campaign/top-picks',
        RecommendationProviderRoleArn: 'arn:aws:iam::123456789012:role/pinpoint-personalize',
        RecommendationsDisplayName: 'Top picks',
        Name: 'kept',
      },
    }),
  );
  // The code goes to the outbox; it is verified only after the restart.
  await pinpoint.send(
    new SendOTPMessageCommand({
      ApplicationId: appId,
      SendOTPMessageRequestParameters: { Channel: 'SMS', BrandName: 'Shop', OriginationIdentity: '+12065550100', DestinationIdentity: DESTINATION, ReferenceId: 'login' },
    }),
  );

  const phone = await sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS', 'VOICE'], NumberType: 'TOLL_FREE', Tags: [{ Key: 'k', Value: 'v' }] }));
  await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId!, Keyword: 'JOIN', KeywordMessage: 'Welcome aboard', KeywordAction: 'AUTOMATIC_RESPONSE' }));
  const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberArn!, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
  const optOutList = `kept-${process.pid}`;
  await sms.send(new CreateOptOutListCommand({ OptOutListName: optOutList }));
  await sms.send(new PutOptedOutNumberCommand({ OptOutListName: optOutList, OptedOutNumber: '+12065550199' }));
  const registration = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', Tags: [{ Key: 'r', Value: '1' }] }));
  await sms.send(new PutRegistrationFieldValueCommand({ RegistrationId: registration.RegistrationId!, FieldPath: 'companyInfo.companyName', TextValue: 'AnyCompany' }));
  await sms.send(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: 1 }));

  return {
    appId,
    appArn: app.Arn!,
    segmentId,
    campaignId,
    journeyId,
    templateName,
    phoneNumberId: phone.PhoneNumberId!,
    phoneNumberArn: phone.PhoneNumberArn!,
    poolId: pool.PoolId!,
    optOutList,
    registrationId: registration.RegistrationId!,
    deletedSeedAppId,
  };
}

/** Module-private: everything a client can read back about what `createEverything` made, plus the clock and the outbox. */
async function readEverything(stack: StartedEmulator, made: Made): Promise<Record<string, unknown>> {
  const { pinpoint, sms } = stack;
  const ApplicationId = made.appId;
  const reads: Record<string, Promise<unknown>> = {
    apps: pinpoint.send(new GetAppsCommand({ PageSize: '100' })),
    app: pinpoint.send(new GetAppCommand({ ApplicationId })),
    appTags: pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: made.appArn })),
    settings: pinpoint.send(new GetApplicationSettingsCommand({ ApplicationId })),
    endpoint1: pinpoint.send(new GetEndpointCommand({ ApplicationId, EndpointId: 'ep-1' })),
    endpoint2: pinpoint.send(new GetEndpointCommand({ ApplicationId, EndpointId: 'ep-2' })),
    user: pinpoint.send(new GetUserEndpointsCommand({ ApplicationId, UserId: 'u-1' })),
    segment: pinpoint.send(new GetSegmentCommand({ ApplicationId, SegmentId: made.segmentId })),
    segmentVersions: pinpoint.send(new GetSegmentVersionsCommand({ ApplicationId, SegmentId: made.segmentId })),
    campaign: pinpoint.send(new GetCampaignCommand({ ApplicationId, CampaignId: made.campaignId })),
    campaignVersions: pinpoint.send(new GetCampaignVersionsCommand({ ApplicationId, CampaignId: made.campaignId })),
    kpi: pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId, KpiName: 'txn-emails-sent' })),
    templates: pinpoint.send(new ListTemplatesCommand({ Prefix: made.templateName })),
    emailTemplate: pinpoint.send(new GetEmailTemplateCommand({ TemplateName: made.templateName })),
    smsTemplate: pinpoint.send(new GetSmsTemplateCommand({ TemplateName: made.templateName })),
    smsTemplateVersions: pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: made.templateName, TemplateType: 'SMS' })),
    journeys: pinpoint.send(new ListJourneysCommand({ ApplicationId })),
    journey: pinpoint.send(new GetJourneyCommand({ ApplicationId, JourneyId: made.journeyId })),
    channels: pinpoint.send(new GetChannelsCommand({ ApplicationId })),
    smsChannel: pinpoint.send(new GetSmsChannelCommand({ ApplicationId })),
    emailChannel: pinpoint.send(new GetEmailChannelCommand({ ApplicationId })),
    recommenders: pinpoint.send(new GetRecommenderConfigurationsCommand({})),
    phoneNumbers: sms.send(new DescribePhoneNumbersCommand({})),
    phoneNumber: sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [made.phoneNumberId] })),
    phoneTags: sms.send(new ListSmsTagsForResourceCommand({ ResourceArn: made.phoneNumberArn })),
    keywords: sms.send(new DescribeKeywordsCommand({ OriginationIdentity: made.phoneNumberId })),
    pools: sms.send(new DescribePoolsCommand({ PoolIds: [made.poolId] })),
    poolMembers: sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: made.poolId })),
    optOutLists: sms.send(new DescribeOptOutListsCommand({})),
    optedOut: sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: made.optOutList })),
    registrations: sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [made.registrationId] })),
    registrationVersions: sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId: made.registrationId })),
    fieldValues: sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId: made.registrationId })),
    spendLimits: sms.send(new DescribeSpendLimitsCommand({})),
    clock: admin(stack, 'GET', 'clock'),
    outbox: admin(stack, 'GET', 'outbox'),
  };
  const entries = await Promise.all(Object.entries(reads).map(async ([name, read]) => [name, stable(await read)] as const));
  return Object.fromEntries(entries);
}

describe('a new emulator on the same state file', () => {
  it('reads back every resource of both services, the clock and the outbox, and goes on from there', async () => {
    const file = join(temp.dir, 'restart.state');
    const first = await startEmulator({ stateFile: file, seed: true, maxAttempts: 1 });
    let made: Made;
    let before: Record<string, unknown>;
    try {
      made = await createEverything(first);
      before = await readEverything(first, made);
    } finally {
      await first.close();
    }

    const second = await startEmulator({ stateFile: file, seed: true, maxAttempts: 1 });
    try {
      expect(second.emulator.stateFile).toBe(file);
      expect(await readEverything(second, made)).toEqual(before);
      // Spot checks that the compared reads hold what was made (not two empty answers).
      expect(before).toMatchObject({
        clock: { json: { now: NOW, mode: 'fixed' } },
        kpi: { ApplicationDateRangeKpiResponse: { KpiResult: { Rows: [{ Values: [{ Value: '2.0' }] }] } } },
        campaignVersions: { CampaignsResponse: { Item: [{ Version: 1 }, { Version: 2, Description: 'second version' }] } },
        smsTemplateVersions: { TemplateVersionsResponse: { Item: [expect.anything(), expect.anything()] } },
        fieldValues: { RegistrationFieldValues: [{ FieldPath: 'companyInfo.companyName', TextValue: 'AnyCompany' }] },
        optedOut: { OptedOutNumbers: [{ OptedOutNumber: '+12065550199' }] },
        poolMembers: { OriginationIdentities: [{ OriginationIdentity: made!.phoneNumberId }] },
        channels: { ChannelsResponse: { Channels: { SMS: { Enabled: true }, EMAIL: { Enabled: true } } } },
              });
      const recommenders = (before.recommenders as { ListRecommenderConfigurationsResponse: { Item: { Name?: string }[] } }).ListRecommenderConfigurationsResponse.Item;
      expect(recommenders.map((r) => r.Name)).toContain('kept');
      const outbox = (before.outbox as { json: { messages: { destination: string; body: string }[] } }).json.messages;
      expect(outbox.map((m) => m.destination)).toEqual([DESTINATION]);
      expect((before.apps as { ApplicationsResponse: { Item: { Id: string }[] } }).ApplicationsResponse.Item.map((a) => a.Id)).not.toContain(made!.deletedSeedAppId);

      // The restored state is live: new events count on top of the restored ones, and the code
      // texted before the restart verifies (once) after it.
      await second.pinpoint.send(new PutEventsCommand({ ApplicationId: made!.appId, EventsRequest: { BatchItem: sendEvents(['ep-3']) } }));
      const kpi = await second.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: made!.appId, KpiName: 'txn-emails-sent' }));
      expect(kpi.ApplicationDateRangeKpiResponse!.KpiResult!.Rows![0].Values![0].Value).toBe('3.0');
      const code = /verification code: (\d+)\./.exec(outbox[0].body)![1];
      const verify = () =>
        second.pinpoint.send(new VerifyOTPMessageCommand({ ApplicationId: made!.appId, VerifyOTPMessageRequestParameters: { DestinationIdentity: DESTINATION, Otp: code, ReferenceId: 'login' } }));
      expect((await verify()).VerificationResponse).toEqual({ Valid: true });
      expect((await verify()).VerificationResponse).toEqual({ Valid: false });
      expect(await rejectionOf(second.pinpoint.send(new GetAppCommand({ ApplicationId: made!.deletedSeedAppId })))).toBeInstanceOf(NotFoundException);
    } finally {
      await second.close();
    }
  });

  it('finds the state saved after requests even when the first emulator was never closed', async () => {
    const file = join(temp.dir, 'unclosed.state');
    const first = await startEmulator({ stateFile: file, maxAttempts: 1 });
    try {
      const appId = (await first.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'saved without close' } }))).ApplicationResponse!.Id!;
      // The only state-changing request was CreateApp, so the first save after it holds the app.
      await eventually(() => (existsSync(file) ? true : undefined), 'the debounced save after CreateApp');
      // A copy stands for the file a killed process leaves behind.
      const copy = join(temp.dir, 'unclosed-copy.state');
      await copyFile(file, copy);
      const second = await startEmulator({ stateFile: copy, maxAttempts: 1 });
      try {
        const app = await second.pinpoint.send(new GetAppCommand({ ApplicationId: appId }));
        expect(app.ApplicationResponse).toMatchObject({ Id: appId, Name: 'saved without close' });
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });

  it('starts with the seed when the file does not exist yet, and saves it on close', async () => {
    const file = join(temp.dir, 'fresh.state');
    const first = await startEmulator({ stateFile: file, seed: true, maxAttempts: 1 });
    const seededApps = stable(await first.pinpoint.send(new GetAppsCommand({})));
    await first.close();
    const second = await startEmulator({ stateFile: file, maxAttempts: 1 });
    try {
      expect(stable(await second.pinpoint.send(new GetAppsCommand({})))).toEqual(seededApps);
      expect((seededApps as { ApplicationsResponse: { Item: unknown[] } }).ApplicationsResponse.Item.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});

describe('POST /_emulator/state/save', () => {
  it('writes the file now, and writes nothing when the state has not changed since', async () => {
    const file = join(temp.dir, 'admin-save.state');
    const stack = await startEmulator({ stateFile: file, maxAttempts: 1 });
    try {
      await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'saved on demand' } }));
      const first = await admin(stack, 'POST', 'state/save');
      expect(first).toEqual({ status: 200, json: { saved: { path: file, bytes: (await stat(file)).size, written: expect.any(Boolean) } } });
      const second = await admin(stack, 'POST', 'state/save');
      expect(second).toEqual({ status: 200, json: { saved: { path: file, bytes: (await stat(file)).size, written: false } } });
      expect(stack.emulator.saveState()).toEqual({ path: file, bytes: (await stat(file)).size, written: false });
    } finally {
      await stack.close();
    }
  });

  it('answers 409 when the emulator has no state file', async () => {
    const stack = await startEmulator({ maxAttempts: 1 });
    try {
      expect(await admin(stack, 'POST', 'state/save')).toEqual({
        status: 409,
        json: { message: 'The emulator was started without a state file (EMULATOR_STATE_FILE or the stateFile option), so there is nothing to save to.' },
      });
      expect(() => stack.emulator.saveState()).toThrow('The emulator was started without a state file (the stateFile option or EMULATOR_STATE_FILE); there is nothing to save to');
    } finally {
      await stack.close();
    }
  });
});
