import type {
  ADMChannelRequest,
  ADMChannelResponse,
  APNSChannelRequest,
  APNSChannelResponse,
  Activity,
  ActivityResponse,
  ApplicationResponse,
  ApplicationSettingsJourneyLimits,
  ApplicationSettingsResource,
  AndroidPushNotificationTemplate,
  APNSPushNotificationTemplate,
  AttributeDimension,
  AttributesResource,
  BaiduChannelRequest,
  BaiduChannelResponse,
  CampaignCustomMessage,
  CampaignEmailMessage,
  CampaignEventFilter,
  CampaignHook,
  CampaignInAppMessage,
  CampaignLimits,
  CampaignResponse,
  CampaignSmsMessage,
  ChannelResponse,
  ClosedDaysRule,
  Condition,
  ConditionalSplitActivity,
  ContactCenterActivity,
  CreateApplicationRequest,
  CreateRecommenderConfigurationShape,
  CustomDeliveryConfiguration,
  CustomMessageActivity,
  DefaultButtonConfiguration,
  DefaultPushNotificationTemplate,
  DirectMessageConfiguration,
  EmailMessageActivity,
  EmailChannelRequest,
  EmailChannelResponse,
  EmailTemplateRequest,
  EmailTemplateResponse,
  EndpointBatchItem,
  EndpointDemographic,
  EndpointLocation,
  EndpointMessageResult,
  EndpointRequest,
  EndpointResponse,
  Event,
  EventDimensions,
  EventsRequest,
  EventsResponse,
  EventCondition,
  EventStartCondition,
  EventStream,
  ExportJobRequest,
  ExportJobResource,
  ExportJobResponse,
  GCMChannelRequest,
  GCMChannelResponse,
  GPSPointDimension,
  HoldoutActivity,
  ImportJobRequest,
  ImportJobResource,
  ImportJobResponse,
  InAppCampaignSchedule,
  InAppMessage,
  InAppMessageBodyConfig,
  InAppMessageButton,
  InAppMessageCampaign,
  InAppMessageContent,
  InAppMessageHeaderConfig,
  InAppTemplateRequest,
  InAppTemplateResponse,
  JourneyChannelSettings,
  JourneyCustomMessage,
  JourneyEmailMessage,
  JourneyLimits,
  JourneyPushMessage,
  JourneyResponse,
  JourneyRunResponse,
  JourneySchedule,
  JourneySMSMessage,
  JourneyTimeframeCap,
  Message,
  MessageBody,
  MessageConfiguration,
  MessageHeader,
  MessageRequest,
  MessageResult,
  MessageResponse,
  MetricDimension,
  MultiConditionalBranch,
  MultiConditionalSplitActivity,
  NumberValidateResponse,
  OverrideButtonConfiguration,
  PushMessageActivity,
  PushNotificationTemplateRequest,
  PushNotificationTemplateResponse,
  QuietTime,
  RandomSplitActivity,
  RandomSplitEntry,
  RecommenderConfigurationResponse,
  RecencyDimension,
  ResultRow,
  ResultRowValue,
  Schedule,
  SegmentBehaviors,
  SegmentCondition,
  SegmentDemographics,
  SegmentDimensions,
  SegmentGroup,
  SegmentGroupList,
  SegmentImportResource,
  SegmentLocation,
  SegmentReference,
  SegmentResponse,
  SendOTPMessageRequestParameters,
  SendUsersMessageRequest,
  SendUsersMessageResponse,
  SetDimension,
  SimpleCondition,
  SMSChannelRequest,
  SMSChannelResponse,
  SMSMessageActivity,
  SMSTemplateRequest,
  SMSTemplateResponse,
  StartCondition,
  Template,
  TemplateConfiguration,
  TemplateResponse,
  TemplateType,
  TemplateVersionResponse,
  TreatmentResource,
  VerificationResponse,
  VerifyOTPMessageRequestParameters,
  VoiceChannelRequest,
  VoiceChannelResponse,
  VoiceTemplateRequest,
  VoiceTemplateResponse,
  WaitActivity,
  WaitTime,
  WriteJourneyRequest,
  WriteApplicationSettingsRequest,
  WriteCampaignRequest,
  WriteEventStream,
  WriteSegmentRequest,
  WriteTreatmentResource,
} from '@aws-sdk/client-pinpoint';

/**
 * Model types of the Pinpoint half of the graph (codegen mappers): the SDK's own output shapes,
 * aliased, plus the few keys an edge needs that upstream leaves out (the application ID on
 * nested objects; `pinnedVersion` on objects read at one saved version, so their global IDs name
 * that version). Request shapes are re-exported for the graph's input mapping, which must not
 * import the SDK itself.
 */

/** A project (GetApp / GetApps item). */
export type AppModel = ApplicationResponse;
/** A project's settings (GetApplicationSettings). */
export type ApplicationSettingsModel = ApplicationSettingsResource;
/** Journey limits of a project's settings. */
export type JourneyLimitsModel = ApplicationSettingsJourneyLimits;
/** Timeframe cap of journey limits. */
export type JourneyTimeframeCapModel = JourneyTimeframeCap;

/** A campaign (GetCampaign / GetCampaigns item) or one saved version of it (`pinnedVersion` set). */
export type CampaignModel = CampaignResponse & { readonly pinnedVersion?: number };
/** One run of a campaign (GetCampaignActivities item). */
export type CampaignActivityModel = ActivityResponse;
/** An additional treatment of a campaign. */
export type TreatmentModel = TreatmentResource;
/** A campaign schedule. */
export type ScheduleModel = Schedule;
/** The event filter of an event-triggered campaign. */
export type CampaignEventFilterModel = CampaignEventFilter;
/** Event dimensions of an event filter. */
export type EventDimensionsModel = EventDimensions;
/** Quiet time of a campaign or project. */
export type QuietTimeModel = QuietTime;
/** Sending limits of a campaign or project. */
export type CampaignLimitsModel = CampaignLimits;
/** Lambda or web hook of a campaign or project. */
export type CampaignHookModel = CampaignHook;
/** Custom-channel delivery of a campaign or treatment. */
export type CustomDeliveryConfigurationModel = CustomDeliveryConfiguration;
/** Per-channel messages of a campaign or treatment. */
export type MessageConfigurationModel = MessageConfiguration;
/** A push message (upstream `Message`). */
export type PushMessageModel = Message;
/** An SMS message of a campaign. */
export type CampaignSmsMessageModel = CampaignSmsMessage;
/** An email message of a campaign. */
export type CampaignEmailMessageModel = CampaignEmailMessage;
/** An email header. */
export type MessageHeaderModel = MessageHeader;
/** A custom-channel message of a campaign. */
export type CampaignCustomMessageModel = CampaignCustomMessage;
/** An in-app message of a campaign. */
export type CampaignInAppMessageModel = CampaignInAppMessage;
/** Per-channel templates of a campaign or treatment. */
export type TemplateConfigurationModel = TemplateConfiguration;
/** A template a campaign, journey or send names, by name and version, with the template type its slot implies. */
export type TemplateReferenceModel = Template & { readonly TemplateType: TemplateType };
/** A template reference as a write sends it (name and optional version). */
export type TemplateReferenceRequestModel = Template;

/** A segment (GetSegment / GetSegments item) or one saved version of it (`pinnedVersion` set). */
export type SegmentModel = SegmentResponse & { readonly pinnedVersion?: number };
/** The criteria of a dimensional segment. */
export type SegmentDimensionsModel = SegmentDimensions;
/** Demographic criteria. */
export type SegmentDemographicsModel = SegmentDemographics;
/** Location criteria. */
export type SegmentLocationModel = SegmentLocation;
/** A GPS point and range. */
export type GpsPointDimensionModel = GPSPointDimension;
/** Behaviour criteria. */
export type SegmentBehaviorsModel = SegmentBehaviors;
/** Recency criterion. */
export type RecencyDimensionModel = RecencyDimension;
/** A set-of-values criterion. */
export type SetDimensionModel = SetDimension;
/** One entry of an upstream attribute-dimension map, its key made explicit. */
export type AttributeDimensionEntryModel = AttributeDimension & { readonly key: string };
/** One entry of an upstream metric-dimension map, its key made explicit. */
export type MetricDimensionEntryModel = MetricDimension & { readonly key: string };
/** Where an imported segment came from. */
export type SegmentImportDefinitionModel = SegmentImportResource;
/** A segment's groups; the application ID lets source-segment references resolve. */
export type SegmentGroupListModel = SegmentGroupList & { readonly ApplicationId: string };
/** One segment group, with the application ID of its segment. */
export type SegmentGroupModel = SegmentGroup & { readonly ApplicationId: string };
/** A reference to a base segment, with the application ID of the referring segment. */
export type SegmentReferenceModel = SegmentReference & { readonly ApplicationId: string };

/** An endpoint (GetEndpoint / GetUserEndpoints item); the loaders guarantee its ID and application ID. */
export type EndpointModel = EndpointResponse & { readonly ApplicationId: string; readonly Id: string };
/** Demographic facts of an endpoint. */
export type EndpointDemographicModel = EndpointDemographic;
/** Location of an endpoint. */
export type EndpointLocationModel = EndpointLocation;
/** A user: the endpoints of a project that share a user ID (no upstream object of its own). */
export interface UserModel {
  readonly ApplicationId: string;
  readonly UserId: string;
}

/** Upstream acknowledgement of an accepted endpoint write, with the endpoints it was about. */
export type EndpointWriteModel = MessageBody & { readonly ApplicationId: string; readonly EndpointIds: readonly string[] };
/** One endpoint of an accepted endpoint write. */
export interface EndpointWriteItemModel {
  readonly ApplicationId: string;
  readonly EndpointId: string;
}

/** A KPI result with every upstream page merged; dates as ISO strings so it survives the cache's JSON round trip. */
export interface KpiResultModel {
  /** The upstream kebab-case KPI name. */
  readonly KpiName: string;
  readonly StartTime: string;
  readonly EndTime: string;
  readonly Rows: readonly ResultRow[];
}
/** One KPI row. */
export type KpiRowModel = ResultRow;
/** One cell of a KPI row. */
export type KpiCellModel = ResultRowValue;

/** What a tag mutation is about; its tags and resource are read again lazily. */
export interface TaggedResourceModel {
  readonly resourceArn: string;
}

/** CreateApp request body. */
export type CreateAppRequestModel = CreateApplicationRequest;
/** UpdateApplicationSettings request body. */
export type WriteApplicationSettingsRequestModel = WriteApplicationSettingsRequest;
/** CreateCampaign / UpdateCampaign request body. */
export type WriteCampaignRequestModel = WriteCampaignRequest;
/** One additional treatment of a campaign write. */
export type WriteTreatmentRequestModel = WriteTreatmentResource;
/** CreateSegment / UpdateSegment request body. */
export type WriteSegmentRequestModel = WriteSegmentRequest;
/** UpdateEndpoint request body. */
export type EndpointRequestModel = EndpointRequest;
/** One UpdateEndpointsBatch item. */
export type EndpointBatchItemRequestModel = EndpointBatchItem;
/** PutEvents request body. */
export type EventsRequestModel = EventsRequest;
/** One event of a PutEvents request. */
export type EventRequestModel = Event;
/** PutEvents response body. */
export type EventsResponseModel = EventsResponse;

/** A value nested in a project's resource, with the project's ID so its edges (segments, campaigns) resolve. */
export type InApp<T> = T & { readonly ApplicationId: string };

// --- Journeys -------------------------------------------------------------------------------

/** A journey (GetJourney / ListJourneys item); the loaders guarantee its ID and application ID. */
export type JourneyModel = JourneyResponse & { readonly Id: string; readonly ApplicationId: string };
/**
 * One activity of a journey: the upstream `Activities` map entry with its key and owners made
 * explicit, and the journey's whole map, so edges to the activities that follow need no call.
 */
export type JourneyActivityModel = Activity & {
  readonly ActivityId: string;
  readonly ApplicationId: string;
  readonly JourneyId: string;
  readonly JourneyActivities: Readonly<Record<string, Activity>>;
};
/** An email activity. */
export type JourneyEmailActivityModel = EmailMessageActivity;
/** An SMS activity. */
export type JourneySmsActivityModel = SMSMessageActivity;
/** A push activity. */
export type JourneyPushActivityModel = PushMessageActivity;
/** A custom-channel activity. */
export type JourneyCustomActivityModel = CustomMessageActivity;
/** The sender of a journey email. */
export type JourneyEmailMessageModel = JourneyEmailMessage;
/** The sender settings of a journey SMS. */
export type JourneySmsMessageModel = JourneySMSMessage;
/** The push settings of a journey push activity. */
export type JourneyPushMessageModel = JourneyPushMessage;
/** The payload of a journey custom-channel activity. */
export type JourneyCustomMessageModel = JourneyCustomMessage;
/** A yes/no split. */
export type JourneyConditionalSplitModel = InApp<ConditionalSplitActivity>;
/** A multivariate split. */
export type JourneyMultiConditionModel = InApp<MultiConditionalSplitActivity>;
/** One branch of a multivariate split. */
export type JourneyMultiConditionBranchModel = InApp<MultiConditionalBranch>;
/** A random split. */
export type JourneyRandomSplitModel = RandomSplitActivity;
/** One path of a random split. */
export type JourneyRandomSplitBranchModel = RandomSplitEntry;
/** A holdout activity. */
export type JourneyHoldoutModel = HoldoutActivity;
/** A wait activity. */
export type JourneyWaitModel = WaitActivity;
/** A contact-center activity. */
export type JourneyContactCenterModel = ContactCenterActivity;
/** How long (or until when) to wait. */
export type JourneyWaitTimeModel = WaitTime;
/** A condition of a yes/no split (all or any of its simple conditions). */
export type JourneyConditionModel = InApp<Condition>;
/** One condition on an event, a segment or segment dimensions. */
export type JourneySimpleConditionModel = InApp<SimpleCondition>;
/** A condition on an event of an earlier message activity. */
export type JourneyEventConditionModel = EventCondition;
/** Membership of a segment. */
export type JourneySegmentConditionModel = InApp<SegmentCondition>;
/** How endpoints enter a journey. */
export type JourneyStartConditionModel = InApp<StartCondition>;
/** An event that starts a journey. */
export type JourneyEventStartConditionModel = InApp<EventStartCondition>;
/** When a journey runs. */
export type JourneyScheduleModel = JourneySchedule;
/** A journey's sending limits. */
export type JourneySendingLimitsModel = JourneyLimits;
/** Amazon Connect settings of a journey. */
export type JourneyChannelSettingsModel = JourneyChannelSettings;
/** One open-hours window of one channel and weekday (the upstream map of maps, flattened). */
export interface JourneyOpenHoursModel {
  readonly Channel: string;
  readonly Day: string;
  readonly StartTime?: string;
  readonly EndTime?: string;
}
/** One closed-days rule of one channel (the upstream map, flattened). */
export type JourneyClosedDaysModel = ClosedDaysRule & { readonly Channel: string };
/** One run of a journey, with the journey it belongs to (upstream leaves both IDs out). */
export type JourneyRunModel = JourneyRunResponse & { readonly ApplicationId: string; readonly JourneyId: string };
/** Execution metrics of a journey or of one run (GetJourneyExecutionMetrics / GetJourneyRunExecutionMetrics). */
export interface JourneyExecutionMetricsModel {
  readonly LastEvaluatedTime?: string;
  readonly Metrics?: Readonly<Record<string, string>>;
}
/** Execution metrics of one activity, overall or in one run. */
export interface JourneyActivityExecutionMetricsModel extends JourneyExecutionMetricsModel {
  readonly JourneyActivityId?: string;
  readonly ActivityType?: string;
}
/** One execution metric: a name and its upstream string value. */
export interface JourneyMetricModel {
  readonly Name: string;
  readonly Value: string;
}

// --- Message templates ----------------------------------------------------------------------

/** The five template types (the upstream `TemplateType`). */
export type TemplateTypeModel = TemplateType;

/**
 * Where a template value came from, which decides which of its keys are known:
 * - `get`: a typed Get (the whole content of one version);
 * - `list`: a ListTemplates item (metadata only: name, type, dates, active version);
 * - `versions`: a ListTemplateVersions item (metadata plus description and default substitutions).
 */
export type TemplateSource = 'get' | 'list' | 'versions';

/**
 * A message template of any type: the union of the typed Get responses' keys (every one optional,
 * since a list item carries only some), plus its name and type made explicit, the version the
 * value stands for (`pinnedVersion`; absent: the active version) and where it came from.
 */
export type MessageTemplateModel = Partial<Omit<EmailTemplateResponse & SMSTemplateResponse & PushNotificationTemplateResponse & VoiceTemplateResponse & InAppTemplateResponse, 'TemplateType'>> & {
  readonly TemplateName: string;
  readonly TemplateType: TemplateType;
  readonly pinnedVersion?: string;
  readonly source: TemplateSource;
};
/** A ListTemplates item. */
export type TemplateSummaryResponseModel = TemplateResponse;
/** A ListTemplateVersions item. */
export type TemplateVersionResponseModel = TemplateVersionResponse;
/** The default push notification of a push template. */
export type DefaultPushTemplateModel = DefaultPushNotificationTemplate;
/** The APNs push notification of a push template. */
export type ApnsPushTemplateModel = APNSPushNotificationTemplate;
/** The ADM, Baidu or FCM push notification of a push template. */
export type AndroidPushTemplateModel = AndroidPushNotificationTemplate;
/** One message of an in-app template or campaign. */
export type InAppMessageContentModel = InAppMessageContent;
/** The body of an in-app message. */
export type InAppMessageBodyConfigModel = InAppMessageBodyConfig;
/** The header of an in-app message. */
export type InAppMessageHeaderConfigModel = InAppMessageHeaderConfig;
/** A button of an in-app message. */
export type InAppMessageButtonModel = InAppMessageButton;
/** The default look and action of a button. */
export type DefaultButtonConfigurationModel = DefaultButtonConfiguration;
/** A per-platform button action. */
export type OverrideButtonConfigurationModel = OverrideButtonConfiguration;
/** What a template write returned, with the template it was about (read again lazily). */
export interface TemplateWriteModel {
  readonly TemplateName: string;
  readonly TemplateType: TemplateType;
  readonly Arn?: string;
  readonly Message?: string;
  readonly RequestID?: string;
  /** The version a delete named (absent: the whole template). */
  readonly Version?: string;
}

// --- Channels and event streams -------------------------------------------------------------

/** The ten channel resources of a project (the keys of GetChannels' map). */
export type ChannelKind = 'ADM' | 'APNS' | 'APNS_SANDBOX' | 'APNS_VOIP' | 'APNS_VOIP_SANDBOX' | 'BAIDU' | 'EMAIL' | 'GCM' | 'SMS' | 'VOICE';

/**
 * A channel of any kind: the union of the typed channel responses' keys (all optional, since a
 * GetChannels summary carries only the common ones), with its project and kind made explicit and
 * where it came from (`summary`: GetChannels; `get`: the typed Get, Update or Delete).
 */
export type ChannelModel = Partial<ADMChannelResponse & APNSChannelResponse & BaiduChannelResponse & EmailChannelResponse & GCMChannelResponse & SMSChannelResponse & VoiceChannelResponse> & {
  readonly ApplicationId: string;
  readonly Kind: ChannelKind;
  readonly source: 'summary' | 'get';
};
/** A GetChannels map entry. */
export type ChannelSummaryResponseModel = ChannelResponse;
/** Any channel's Update request body. */
export type ChannelRequestModel =
  | ADMChannelRequest
  | APNSChannelRequest
  | BaiduChannelRequest
  | EmailChannelRequest
  | GCMChannelRequest
  | SMSChannelRequest
  | VoiceChannelRequest;
/** A project's event stream (GetEventStream). */
export type EventStreamModel = EventStream;
/** PutEventStream body. */
export type WriteEventStreamRequestModel = WriteEventStream;

// --- Import and export jobs -----------------------------------------------------------------

/** An import job (GetImportJob / list item). */
export type ImportJobModel = ImportJobResponse;
/** An export job (GetExportJob / list item). */
export type ExportJobModel = ExportJobResponse;
/** What an import job reads, with its project. */
export type ImportJobDefinitionModel = InApp<ImportJobResource>;
/** What an export job writes, with its project. */
export type ExportJobDefinitionModel = InApp<ExportJobResource>;
/** CreateImportJob body. */
export type ImportJobRequestModel = ImportJobRequest;
/** CreateExportJob body. */
export type ExportJobRequestModel = ExportJobRequest;

// --- Recommenders, phone validation, in-app messages, attributes ------------------------------

/** A recommender model configuration (account-wide). */
export type RecommenderConfigurationModel = RecommenderConfigurationResponse;
/** CreateRecommenderConfiguration / UpdateRecommenderConfiguration body (both shapes are the same). */
export type RecommenderConfigurationRequestModel = CreateRecommenderConfigurationShape;
/** What PhoneNumberValidate found out about a number. */
export type PhoneNumberValidationModel = NumberValidateResponse;
/** One in-app message an endpoint is eligible for, with the endpoint's project (GetInAppMessages item). */
export type InAppMessageCampaignModel = InApp<InAppMessageCampaign>;
/** The message of an in-app campaign. */
export type InAppMessageModel = InAppMessage;
/** The schedule of an in-app campaign. */
export type InAppCampaignScheduleModel = InAppCampaignSchedule;
/** What RemoveAttributes left (the attribute names still registered). */
export type AttributesModel = AttributesResource;

// --- Sending ------------------------------------------------------------------------------

/** SendMessages body. */
export type MessageRequestModel = MessageRequest;
/** SendUsersMessages body. */
export type SendUsersMessageRequestModel = SendUsersMessageRequest;
/** The message configuration of a direct send. */
export type DirectMessageConfigurationModel = DirectMessageConfiguration;
/** SendOTPMessage body. */
export type SendOtpMessageRequestModel = SendOTPMessageRequestParameters;
/** VerifyOTPMessage body. */
export type VerifyOtpMessageRequestModel = VerifyOTPMessageRequestParameters;
/** SendMessages / SendOTPMessage result. */
export type MessageResponseModel = MessageResponse;
/** SendUsersMessages result. */
export type SendUsersMessageResponseModel = SendUsersMessageResponse;
/** VerifyOTPMessage result. */
export type VerificationResponseModel = VerificationResponse;
/** The result for one address of a send (upstream map entry, its key made explicit). */
export type AddressMessageResultModel = MessageResult & { readonly Address: string };
/** The result for one endpoint of a send, with the endpoint's keys (upstream map entry). */
export type EndpointMessageResultModel = EndpointMessageResult & { readonly ApplicationId: string; readonly EndpointId: string };
/** A SendMessages result with one entry per recipient, in the order of the request. */
export interface SendMessagesResultModel {
  readonly ApplicationId: string;
  readonly RequestId?: string;
  readonly AddressResults: readonly AddressMessageResultModel[];
  readonly EndpointResults: readonly EndpointMessageResultModel[];
}
/** A SendUsersMessages result with one entry per user, in the order of the request. */
export interface SendUsersMessagesResultModel {
  readonly ApplicationId: string;
  readonly RequestId?: string;
  readonly Results: readonly UserMessageResultModel[];
}
/** The results for one user of a users send. */
export interface UserMessageResultModel {
  readonly ApplicationId: string;
  readonly UserId: string;
  readonly EndpointResults: Readonly<Record<string, EndpointMessageResult>>;
}

// --- Request bodies of the new writes -----------------------------------------------------

/** CreateJourney / UpdateJourney body. */
export type WriteJourneyRequestModel = WriteJourneyRequest;
/** One activity of a journey write. */
export type JourneyActivityRequestModel = Activity;
/** CreateEmailTemplate / UpdateEmailTemplate body. */
export type EmailTemplateRequestModel = EmailTemplateRequest;
/** CreateSmsTemplate / UpdateSmsTemplate body. */
export type SmsTemplateRequestModel = SMSTemplateRequest;
/** CreatePushTemplate / UpdatePushTemplate body. */
export type PushTemplateRequestModel = PushNotificationTemplateRequest;
/** CreateVoiceTemplate / UpdateVoiceTemplate body. */
export type VoiceTemplateRequestModel = VoiceTemplateRequest;
/** CreateInAppTemplate / UpdateInAppTemplate body. */
export type InAppTemplateRequestModel = InAppTemplateRequest;
/** ADM channel body. */
export type AdmChannelRequestModel = ADMChannelRequest;
/** APNs channel body (all four APNs channels share its shape). */
export type ApnsChannelRequestModel = APNSChannelRequest;
/** Baidu channel body. */
export type BaiduChannelRequestModel = BaiduChannelRequest;
/** Email channel body. */
export type EmailChannelRequestModel = EmailChannelRequest;
/** FCM (GCM) channel body. */
export type GcmChannelRequestModel = GCMChannelRequest;
/** SMS channel body. */
export type SmsChannelRequestModel = SMSChannelRequest;
/** Voice channel body. */
export type VoiceChannelRequestModel = VoiceChannelRequest;
