import type {
  ActivityResponse,
  ApplicationResponse,
  ApplicationSettingsJourneyLimits,
  ApplicationSettingsResource,
  AttributeDimension,
  CampaignCustomMessage,
  CampaignEmailMessage,
  CampaignEventFilter,
  CampaignHook,
  CampaignInAppMessage,
  CampaignLimits,
  CampaignResponse,
  CampaignSmsMessage,
  CreateApplicationRequest,
  CustomDeliveryConfiguration,
  EndpointBatchItem,
  EndpointDemographic,
  EndpointLocation,
  EndpointRequest,
  EndpointResponse,
  Event,
  EventDimensions,
  EventsRequest,
  EventsResponse,
  GPSPointDimension,
  JourneyTimeframeCap,
  Message,
  MessageBody,
  MessageConfiguration,
  MessageHeader,
  MetricDimension,
  QuietTime,
  RecencyDimension,
  ResultRow,
  ResultRowValue,
  Schedule,
  SegmentBehaviors,
  SegmentDemographics,
  SegmentDimensions,
  SegmentGroup,
  SegmentGroupList,
  SegmentImportResource,
  SegmentLocation,
  SegmentReference,
  SegmentResponse,
  SetDimension,
  Template,
  TemplateConfiguration,
  TreatmentResource,
  WriteApplicationSettingsRequest,
  WriteCampaignRequest,
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
/** A template by name and version. */
export type TemplateReferenceModel = Template;

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
