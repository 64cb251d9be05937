import type {
  CampaignActivityResolvers,
  CampaignCustomMessageResolvers,
  CampaignEmailMessageResolvers,
  CampaignEventFilterResolvers,
  CampaignHookResolvers,
  CampaignInAppMessageResolvers,
  CampaignLimitsResolvers,
  CampaignResolvers,
  CampaignSmsMessageResolvers,
  CustomDeliveryConfigurationResolvers,
  EventDimensionsResolvers,
  MessageConfigurationResolvers,
  MessageHeaderResolvers,
  MutationResolvers,
  PushMessageResolvers,
  QuietTimeResolvers,
  ScheduleResolvers,
  TemplateConfigurationResolvers,
  TemplateReferenceResolvers,
  TreatmentResolvers,
} from '../../__generated__/resolvers-types';
import { connectionFromUpstream } from '../connection';
import type {
  CampaignActivityModel,
  CampaignCustomMessageModel,
  CampaignEmailMessageModel,
  CampaignEventFilterModel,
  CampaignHookModel,
  CampaignInAppMessageModel,
  CampaignLimitsModel,
  CampaignModel,
  CampaignSmsMessageModel,
  MessageConfigurationModel,
  MessageHeaderModel,
  PushMessageModel,
  QuietTimeModel,
  ScheduleModel,
  TemplateConfigurationModel,
  TemplateReferenceModel,
  TreatmentModel,
} from '../../upstream/pinpoint/models';
import type { CampaignKey } from '../../upstream/pinpoint/loaders';
import { mapEntries, PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, tagList, upstreamFields, versionKey } from './fields';
import { toWriteCampaignRequest } from './inputs';
import { loadKpi } from './kpi';

/** Resolvers of schema/pinpoint/campaign.graphql: campaigns, their versions, runs and message settings. */

/** The loader key of a campaign model. */
export function campaignKeyOf(campaign: CampaignModel): CampaignKey {
  return { applicationId: present(campaign.ApplicationId, 'CampaignResponse.ApplicationId'), campaignId: present(campaign.Id, 'CampaignResponse.Id') };
}

/** Module-private. */
const Mutation: MutationResolvers = {
  createCampaign: async (_root, { input }, ctx) => ({ campaign: await ctx.pinpoint.createCampaign(input.applicationId, toWriteCampaignRequest(input.campaign)) }),
  updateCampaign: async (_root, { input }, ctx) => ({
    campaign: await ctx.pinpoint.updateCampaign({ applicationId: input.applicationId, campaignId: input.campaignId }, toWriteCampaignRequest(input.campaign)),
  }),
  deleteCampaign: async (_root, { input }, ctx) => ({ campaign: await ctx.pinpoint.deleteCampaign({ applicationId: input.applicationId, campaignId: input.campaignId }) }),
};

/** Module-private. */
const Campaign: CampaignResolvers = {
  ...upstreamFields<CampaignModel>()({
    campaignId: 'Id',
    applicationId: 'ApplicationId',
    arn: 'Arn',
    name: 'Name',
    description: 'Description',
    creationDate: 'CreationDate',
    lastModifiedDate: 'LastModifiedDate',
    version: 'Version',
    isPaused: 'IsPaused',
    holdoutPercent: 'HoldoutPercent',
    priority: 'Priority',
    segmentId: 'SegmentId',
    segmentVersion: 'SegmentVersion',
    schedule: 'Schedule',
    limits: 'Limits',
    hook: 'Hook',
    messageConfiguration: 'MessageConfiguration',
    templateConfiguration: 'TemplateConfiguration',
    customDeliveryConfiguration: 'CustomDeliveryConfiguration',
    treatmentName: 'TreatmentName',
    treatmentDescription: 'TreatmentDescription',
  }),
  // A saved version's ID names its version, so it never collides with the campaign's own ID.
  id: (campaign, _args, ctx) => {
    const key = campaignKeyOf(campaign);
    return pinpointGlobalId(ctx, 'Campaign', key.applicationId, key.campaignId, ...versionKey(campaign.pinnedVersion));
  },
  state: (campaign) => campaign.State?.CampaignStatus ?? null,
  defaultState: (campaign) => campaign.DefaultState?.CampaignStatus ?? null,
  treatments: (campaign) => campaign.AdditionalTreatments ?? [],
  tags: (campaign) => tagList(campaign.tags),
  app: (campaign, _args, ctx) => ctx.pinpoint.app.load(campaignKeyOf(campaign).applicationId),
  segment: (campaign, _args, ctx) => {
    const key = { applicationId: campaignKeyOf(campaign).applicationId, segmentId: present(campaign.SegmentId, 'CampaignResponse.SegmentId') };
    return campaign.SegmentVersion === undefined ? ctx.pinpoint.segment.load(key) : ctx.pinpoint.segmentVersion.load({ ...key, version: campaign.SegmentVersion });
  },
  versions: (campaign, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.campaignVersions.load({ ...campaignKeyOf(campaign), pageSize, token })),
  activities: (campaign, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.campaignActivities.load({ ...campaignKeyOf(campaign), pageSize, token })),
  kpi: (campaign, args, ctx, info) => loadKpi(ctx, { ...campaignKeyOf(campaign), resourceArn: present(campaign.Arn, 'CampaignResponse.Arn') }, args, info.path),
};

/** Module-private. */
const CampaignActivity: CampaignActivityResolvers = {
  ...upstreamFields<CampaignActivityModel>()({
    activityId: 'Id',
    applicationId: 'ApplicationId',
    campaignId: 'CampaignId',
    treatmentId: 'TreatmentId',
    state: 'State',
    result: 'Result',
    scheduledStart: 'ScheduledStart',
    start: 'Start',
    end: 'End',
    successfulEndpointCount: 'SuccessfulEndpointCount',
    totalEndpointCount: 'TotalEndpointCount',
    timezonesCompletedCount: 'TimezonesCompletedCount',
    timezonesTotalCount: 'TimezonesTotalCount',
    executionMetrics: 'ExecutionMetrics',
  }),
  campaign: (activity, _args, ctx) =>
    ctx.pinpoint.campaign.load({ applicationId: present(activity.ApplicationId, 'ActivityResponse.ApplicationId'), campaignId: present(activity.CampaignId, 'ActivityResponse.CampaignId') }),
};

/** Module-private. */
const Treatment: TreatmentResolvers = {
  ...upstreamFields<TreatmentModel>()({
    treatmentId: 'Id',
    sizePercent: 'SizePercent',
    treatmentName: 'TreatmentName',
    treatmentDescription: 'TreatmentDescription',
    schedule: 'Schedule',
    messageConfiguration: 'MessageConfiguration',
    templateConfiguration: 'TemplateConfiguration',
    customDeliveryConfiguration: 'CustomDeliveryConfiguration',
  }),
  state: (treatment) => treatment.State?.CampaignStatus ?? null,
};

/** Module-private. */
const Schedule: ScheduleResolvers = upstreamFields<ScheduleModel>()({
  startTime: 'StartTime',
  endTime: 'EndTime',
  frequency: 'Frequency',
  isLocalTime: 'IsLocalTime',
  timezone: 'Timezone',
  quietTime: 'QuietTime',
  eventFilter: 'EventFilter',
});

/** Module-private. */
const CampaignEventFilter: CampaignEventFilterResolvers = upstreamFields<CampaignEventFilterModel>()({ filterType: 'FilterType', dimensions: 'Dimensions' });

/** Module-private. */
const EventDimensions: EventDimensionsResolvers = {
  eventType: (dimensions) => dimensions.EventType ?? null,
  attributes: (dimensions) => mapEntries(dimensions.Attributes),
  metrics: (dimensions) => mapEntries(dimensions.Metrics),
};

/** Module-private. */
const QuietTime: QuietTimeResolvers = upstreamFields<QuietTimeModel>()({ start: 'Start', end: 'End' });

/** Module-private. */
const CampaignLimits: CampaignLimitsResolvers = upstreamFields<CampaignLimitsModel>()({
  daily: 'Daily',
  maximumDuration: 'MaximumDuration',
  messagesPerSecond: 'MessagesPerSecond',
  total: 'Total',
  session: 'Session',
});

/** Module-private. */
const CampaignHook: CampaignHookResolvers = upstreamFields<CampaignHookModel>()({ lambdaFunctionName: 'LambdaFunctionName', mode: 'Mode', webUrl: 'WebUrl' });

/** Module-private. */
const CustomDeliveryConfiguration: CustomDeliveryConfigurationResolvers = {
  deliveryUri: (config) => config.DeliveryUri ?? '',
  endpointTypes: (config) => config.EndpointTypes ?? [],
};

/** Module-private. */
const MessageConfiguration: MessageConfigurationResolvers = upstreamFields<MessageConfigurationModel>()({
  defaultMessage: 'DefaultMessage',
  admMessage: 'ADMMessage',
  apnsMessage: 'APNSMessage',
  baiduMessage: 'BaiduMessage',
  gcmMessage: 'GCMMessage',
  smsMessage: 'SMSMessage',
  emailMessage: 'EmailMessage',
  customMessage: 'CustomMessage',
  inAppMessage: 'InAppMessage',
});

/** Module-private. */
const PushMessage: PushMessageResolvers = upstreamFields<PushMessageModel>()({
  action: 'Action',
  body: 'Body',
  title: 'Title',
  url: 'Url',
  imageUrl: 'ImageUrl',
  imageIconUrl: 'ImageIconUrl',
  imageSmallIconUrl: 'ImageSmallIconUrl',
  mediaUrl: 'MediaUrl',
  jsonBody: 'JsonBody',
  rawContent: 'RawContent',
  silentPush: 'SilentPush',
  timeToLive: 'TimeToLive',
});

/** Module-private. */
const CampaignSmsMessage: CampaignSmsMessageResolvers = {
  ...upstreamFields<CampaignSmsMessageModel>()({
    body: 'Body',
    messageType: 'MessageType',
    originationNumber: 'OriginationNumber',
    senderId: 'SenderId',
    entityId: 'EntityId',
    templateId: 'TemplateId',
  }),
  originationPhoneNumber: (message, _args, ctx) => (message.OriginationNumber ? ctx.smsVoice.phoneNumberByNumber.load(message.OriginationNumber) : null),
};

/** Module-private. */
const CampaignEmailMessage: CampaignEmailMessageResolvers = {
  ...upstreamFields<CampaignEmailMessageModel>()({ title: 'Title', body: 'Body', htmlBody: 'HtmlBody', fromAddress: 'FromAddress' }),
  headers: (message) => message.Headers ?? [],
};

/** Module-private. */
const MessageHeader: MessageHeaderResolvers = upstreamFields<MessageHeaderModel>()({ name: 'Name', value: 'Value' });

/** Module-private. */
const CampaignCustomMessage: CampaignCustomMessageResolvers = upstreamFields<CampaignCustomMessageModel>()({ data: 'Data' });

/** Module-private. */
const CampaignInAppMessage: CampaignInAppMessageResolvers = upstreamFields<CampaignInAppMessageModel>()({ body: 'Body', layout: 'Layout', content: 'Content', customConfig: 'CustomConfig' });

/** Module-private: each slot names a template of its own type, so the reference carries that type for its edge. */
const TemplateConfiguration: TemplateConfigurationResolvers = {
  emailTemplate: (config: TemplateConfigurationModel) => (config.EmailTemplate ? { ...config.EmailTemplate, TemplateType: 'EMAIL' } : null),
  pushTemplate: (config) => (config.PushTemplate ? { ...config.PushTemplate, TemplateType: 'PUSH' } : null),
  smsTemplate: (config) => (config.SMSTemplate ? { ...config.SMSTemplate, TemplateType: 'SMS' } : null),
  voiceTemplate: (config) => (config.VoiceTemplate ? { ...config.VoiceTemplate, TemplateType: 'VOICE' } : null),
  inAppTemplate: (config) => (config.InAppTemplate ? { ...config.InAppTemplate, TemplateType: 'INAPP' } : null),
};

/** Module-private. */
const TemplateReference: TemplateReferenceResolvers = {
  ...upstreamFields<TemplateReferenceModel>()({ name: 'Name', version: 'Version', templateType: 'TemplateType' }),
  template: (reference, _args, ctx) =>
    reference.Name === undefined || reference.Name === '' ? null : ctx.pinpoint.template.load({ templateType: reference.TemplateType, templateName: reference.Name, version: reference.Version }),
};

/** Resolvers of the campaign types and their mutations. */
export const campaignResolvers = {
  Mutation,
  Campaign,
  CampaignActivity,
  Treatment,
  Schedule,
  CampaignEventFilter,
  EventDimensions,
  QuietTime,
  CampaignLimits,
  CampaignHook,
  CustomDeliveryConfiguration,
  MessageConfiguration,
  PushMessage,
  CampaignSmsMessage,
  CampaignEmailMessage,
  MessageHeader,
  CampaignCustomMessage,
  CampaignInAppMessage,
  TemplateConfiguration,
  TemplateReference,
};
