import type {
  AttributeDimensionEntryInput,
  CreateExportJobInput,
  CreateImportJobInput,
  CampaignEventFilterInput,
  CampaignHookInput,
  CampaignInAppMessageInput,
  CampaignLimitsInput,
  CreateAppInput,
  CustomDeliveryConfigurationInput,
  EndpointBatchItemInput,
  EndpointInput,
  EventDimensionsInput,
  EventInput,
  InputMaybe,
  MessageConfigurationInput,
  MetricDimensionEntryInput,
  PushMessageInput,
  PutEventsInput,
  RecommenderConfigurationInput,
  QuietTimeInput,
  ScheduleInput,
  SegmentDimensionsInput,
  SegmentGroupListInput,
  SetDimensionInput,
  TagInput,
  TemplateConfigurationInput,
  TemplateReferenceInput,
  UpdateApplicationSettingsInput,
  WriteCampaignInput,
  WriteSegmentInput,
  WriteTreatmentInput,
} from '../../__generated__/resolvers-types';
import { badUserInput } from '../errors';
import type {
  AttributeDimensionEntryModel,
  CampaignEventFilterModel,
  CampaignHookModel,
  CampaignInAppMessageModel,
  CampaignLimitsModel,
  CreateAppRequestModel,
  CustomDeliveryConfigurationModel,
  EndpointBatchItemRequestModel,
  EndpointRequestModel,
  EventDimensionsModel,
  EventRequestModel,
  EventsRequestModel,
  ExportJobRequestModel,
  ImportJobRequestModel,
  MessageConfigurationModel,
  MetricDimensionEntryModel,
  PushMessageModel,
  QuietTimeModel,
  RecommenderConfigurationRequestModel,
  ScheduleModel,
  SegmentDimensionsModel,
  SegmentGroupListModel,
  SetDimensionModel,
  TemplateConfigurationModel,
  TemplateReferenceRequestModel,
  WriteApplicationSettingsRequestModel,
  WriteCampaignRequestModel,
  WriteSegmentRequestModel,
  WriteTreatmentRequestModel,
} from '../../upstream/pinpoint/models';
import { assertUnique, isPlainObject, map, numberMap, opt, stringListMap, stringMap, tagMap } from './inputKit';

/**
 * GraphQL inputs (camelCase, lists of entries, null for "not given") → the SDK request shapes
 * (PascalCase, maps, undefined). Resolvers call one function per input; the mapping and the
 * checks the gateway makes before any upstream call (batch sizes, duplicate keys, the shape of
 * free-form JSON maps) live here.
 */

/** Upstream limit: UpdateEndpointsBatch takes 1 to 100 items (seed 002, EndpointBatchRequest). */
export const ENDPOINT_BATCH_MAX_ITEMS = 100;

/** Upstream limit: PutEvents takes at most 100 events per request (Developer Guide quotas). */
export const PUT_EVENTS_MAX_EVENTS = 100;

/** CreateApp body. */
export function toCreateAppRequest(input: CreateAppInput): CreateAppRequestModel {
  return { Name: input.name, tags: tagMap(input.tags, 'input.tags') };
}

/** UpdateApplicationSettings body. */
export function toWriteApplicationSettingsRequest(input: UpdateApplicationSettingsInput): WriteApplicationSettingsRequestModel {
  return {
    CampaignHook: map(input.campaignHook, toCampaignHook),
    CloudWatchMetricsEnabled: opt(input.cloudWatchMetricsEnabled),
    EventTaggingEnabled: opt(input.eventTaggingEnabled),
    Limits: map(input.limits, toCampaignLimits),
    QuietTime: map(input.quietTime, toQuietTime),
    JourneyLimits: map(input.journeyLimits, (limits) => ({
      DailyCap: opt(limits.dailyCap),
      TotalCap: opt(limits.totalCap),
      TimeframeCap: map(limits.timeframeCap, (cap) => ({ Cap: opt(cap.cap), Days: opt(cap.days) })),
    })),
  };
}

/** CreateCampaign / UpdateCampaign body. */
export function toWriteCampaignRequest(input: WriteCampaignInput): WriteCampaignRequestModel {
  return {
    Name: opt(input.name),
    Description: opt(input.description),
    SegmentId: opt(input.segmentId),
    SegmentVersion: opt(input.segmentVersion),
    Schedule: map(input.schedule, toSchedule),
    Limits: map(input.limits, toCampaignLimits),
    Hook: map(input.hook, toCampaignHook),
    MessageConfiguration: map(input.messageConfiguration, toMessageConfiguration),
    TemplateConfiguration: map(input.templateConfiguration, toTemplateConfiguration),
    CustomDeliveryConfiguration: map(input.customDeliveryConfiguration, toCustomDeliveryConfiguration),
    AdditionalTreatments: map(input.additionalTreatments, (treatments) => treatments.map(toWriteTreatment)),
    HoldoutPercent: opt(input.holdoutPercent),
    IsPaused: opt(input.isPaused),
    Priority: opt(input.priority),
    TreatmentName: opt(input.treatmentName),
    TreatmentDescription: opt(input.treatmentDescription),
    tags: tagMap(input.tags, 'input.campaign.tags'),
  };
}

/** CreateSegment / UpdateSegment body. */
export function toWriteSegmentRequest(input: WriteSegmentInput): WriteSegmentRequestModel {
  return {
    Name: opt(input.name),
    Dimensions: map(input.dimensions, toSegmentDimensions),
    SegmentGroups: map(input.segmentGroups, toSegmentGroups),
    tags: tagMap(input.tags, 'input.segment.tags'),
  };
}

/** UpdateEndpoint body (also the endpoint part of a batch item or a PutEvents entry). */
export function toEndpointRequest(input: EndpointInput, path = 'input.endpoint'): EndpointRequestModel {
  return {
    Address: opt(input.address),
    ChannelType: opt(input.channelType),
    EndpointStatus: opt(input.endpointStatus),
    OptOut: opt(input.optOut),
    EffectiveDate: opt(input.effectiveDate),
    RequestId: opt(input.requestId),
    Attributes: stringListMap(input.attributes, `${path}.attributes`),
    Metrics: numberMap(input.metrics, `${path}.metrics`),
    Demographic: map(input.demographic, (d) => ({
      AppVersion: opt(d.appVersion),
      Locale: opt(d.locale),
      Make: opt(d.make),
      Model: opt(d.model),
      ModelVersion: opt(d.modelVersion),
      Platform: opt(d.platform),
      PlatformVersion: opt(d.platformVersion),
      Timezone: opt(d.timezone),
    })),
    Location: map(input.location, (l) => ({
      City: opt(l.city),
      Country: opt(l.country),
      Latitude: opt(l.latitude),
      Longitude: opt(l.longitude),
      PostalCode: opt(l.postalCode),
      Region: opt(l.region),
    })),
    User: map(input.user, (u) => ({ UserId: opt(u.userId), UserAttributes: stringListMap(u.userAttributes, `${path}.user.userAttributes`) })),
  };
}

/** UpdateEndpointsBatch items: 1 to {@link ENDPOINT_BATCH_MAX_ITEMS}, endpoint IDs unique. */
export function toEndpointBatchItems(items: readonly EndpointBatchItemInput[]): EndpointBatchItemRequestModel[] {
  if (items.length < 1 || items.length > ENDPOINT_BATCH_MAX_ITEMS) {
    throw badUserInput(`"input.items" must hold 1 to ${ENDPOINT_BATCH_MAX_ITEMS} endpoints (the UpdateEndpointsBatch limit); got ${items.length}.`, { argument: 'input.items' });
  }
  assertUnique(
    items.map((item) => item.endpointId),
    'input.items[].endpointId',
  );
  return items.map((item, index) => ({ ...toEndpointRequest(item.endpoint, `input.items[${index}].endpoint`), Id: item.endpointId }));
}

/** PutEvents body: the batch list becomes the upstream map keyed by endpoint ID, each entry's events keyed by event ID. */
export function toEventsRequest(input: PutEventsInput): EventsRequestModel {
  const eventCount = input.batch.reduce((sum, entry) => sum + entry.events.length, 0);
  if (input.batch.length < 1 || eventCount > PUT_EVENTS_MAX_EVENTS) {
    throw badUserInput(`"input.batch" must hold at least one endpoint and at most ${PUT_EVENTS_MAX_EVENTS} events in all (the PutEvents limit); got ${input.batch.length} endpoints and ${eventCount} events.`, {
      argument: 'input.batch',
    });
  }
  assertUnique(
    input.batch.map((entry) => entry.endpointId),
    'input.batch[].endpointId',
  );
  const batchItem: EventsRequestModel['BatchItem'] = {};
  input.batch.forEach((entry, index) => {
    assertUnique(
      entry.events.map((event) => event.eventId),
      `input.batch[${index}].events[].eventId`,
    );
    batchItem[entry.endpointId] = {
      Endpoint: toEndpointRequest(entry.endpoint, `input.batch[${index}].endpoint`),
      Events: Object.fromEntries(entry.events.map((event, eventIndex) => [event.eventId, toEvent(event, `input.batch[${index}].events[${eventIndex}]`)])),
    };
  });
  return { BatchItem: batchItem };
}

/** CreateImportJob body. */
export function toImportJobRequest(input: CreateImportJobInput): ImportJobRequestModel {
  return {
    S3Url: input.s3Url,
    RoleArn: input.roleArn,
    Format: input.format,
    RegisterEndpoints: opt(input.registerEndpoints),
    DefineSegment: opt(input.defineSegment),
    SegmentId: opt(input.segmentId),
    SegmentName: opt(input.segmentName),
  };
}

/** CreateExportJob body. */
export function toExportJobRequest(input: CreateExportJobInput): ExportJobRequestModel {
  return { S3UrlPrefix: input.s3UrlPrefix, RoleArn: input.roleArn, SegmentId: opt(input.segmentId), SegmentVersion: opt(input.segmentVersion) };
}

/** CreateRecommenderConfiguration / UpdateRecommenderConfiguration body. */
export function toRecommenderConfigurationRequest(input: RecommenderConfigurationInput): RecommenderConfigurationRequestModel {
  return {
    Name: opt(input.name),
    Description: opt(input.description),
    RecommendationProviderUri: input.recommendationProviderUri,
    RecommendationProviderRoleArn: input.recommendationProviderRoleArn,
    RecommendationProviderIdType: opt(input.recommendationProviderIdType),
    RecommendationTransformerUri: opt(input.recommendationTransformerUri),
    RecommendationsDisplayName: opt(input.recommendationsDisplayName),
    RecommendationsPerMessage: opt(input.recommendationsPerMessage),
    Attributes: stringMap(input.attributes, 'input.configuration.attributes'),
  };
}

/** TagResource tags. */
export function toTagMap(tags: readonly TagInput[]): Record<string, string> {
  return tagMap(tags, 'input.tags') ?? {};
}

/** An event filter (campaign schedule, journey event start). */
export function toEventFilter(input: CampaignEventFilterInput): CampaignEventFilterModel {
  return { FilterType: input.filterType, Dimensions: toEventDimensions(input.dimensions, 'eventFilter.dimensions') };
}

/** Conditions on an event's type, attributes and metrics (event filters, journey event conditions). */
export function toEventDimensions(input: EventDimensionsInput, path: string): EventDimensionsModel {
  return {
    EventType: map(input.eventType, toSetDimension),
    Attributes: attributeDimensions(input.attributes, `${path}.attributes`),
    Metrics: metricDimensions(input.metrics, `${path}.metrics`),
  };
}

/** A quiet time. */
export function toQuietTime(input: QuietTimeInput): QuietTimeModel {
  return { Start: opt(input.start), End: opt(input.end) };
}

/** Per-channel template references (campaigns, treatments, sends). */
export function toTemplateConfiguration(input: TemplateConfigurationInput): TemplateConfigurationModel {
  return {
    EmailTemplate: map(input.emailTemplate, toTemplateReference),
    PushTemplate: map(input.pushTemplate, toTemplateReference),
    SMSTemplate: map(input.smsTemplate, toTemplateReference),
    VoiceTemplate: map(input.voiceTemplate, toTemplateReference),
    InAppTemplate: map(input.inAppTemplate, toTemplateReference),
  };
}

/** Segment dimensions (segments and journey conditions). */
export function toSegmentDimensions(input: SegmentDimensionsInput): SegmentDimensionsModel {
  return {
    Demographic: map(input.demographic, (d) => ({
      AppVersion: map(d.appVersion, toSetDimension),
      Channel: map(d.channel, toSetDimension),
      DeviceType: map(d.deviceType, toSetDimension),
      Make: map(d.make, toSetDimension),
      Model: map(d.model, toSetDimension),
      Platform: map(d.platform, toSetDimension),
    })),
    Location: map(input.location, (l) => ({
      Country: map(l.country, toSetDimension),
      GPSPoint: map(l.gpsPoint, (p) => ({ Coordinates: { Latitude: p.latitude, Longitude: p.longitude }, RangeInKilometers: opt(p.rangeInKilometers) })),
    })),
    Behavior: map(input.behavior, (b) => ({ Recency: map(b.recency, (r) => ({ Duration: r.duration, RecencyType: r.recencyType })) })),
    Attributes: attributeDimensions(input.attributes, 'dimensions.attributes'),
    Metrics: metricDimensions(input.metrics, 'dimensions.metrics'),
    UserAttributes: attributeDimensions(input.userAttributes, 'dimensions.userAttributes'),
  };
}

/** A set-of-values condition. */
export function toSetDimension(input: SetDimensionInput): SetDimensionModel {
  return { DimensionType: opt(input.dimensionType), Values: [...input.values] };
}

/** Entries → the upstream map of attribute conditions; keys must be unique. */
export function attributeDimensions(entries: InputMaybe<readonly AttributeDimensionEntryInput[]> | undefined, path: string): Record<string, Omit<AttributeDimensionEntryModel, 'key'>> | undefined {
  if (entries === null || entries === undefined) return undefined;
  assertUnique(
    entries.map((entry) => entry.key),
    `${path}[].key`,
  );
  return Object.fromEntries(entries.map((entry) => [entry.key, { AttributeType: opt(entry.attributeType), Values: [...entry.values] }]));
}

/** Entries → the upstream map of metric conditions; keys must be unique. */
export function metricDimensions(entries: InputMaybe<readonly MetricDimensionEntryInput[]> | undefined, path: string): Record<string, Omit<MetricDimensionEntryModel, 'key'>> | undefined {
  if (entries === null || entries === undefined) return undefined;
  assertUnique(
    entries.map((entry) => entry.key),
    `${path}[].key`,
  );
  return Object.fromEntries(entries.map((entry) => [entry.key, { ComparisonOperator: entry.comparisonOperator, Value: entry.value }]));
}

/** Module-private. */
function toEvent(input: EventInput, path: string): EventRequestModel {
  return {
    EventType: input.eventType,
    Timestamp: input.timestamp,
    Attributes: stringMap(input.attributes, `${path}.attributes`),
    Metrics: numberMap(input.metrics, `${path}.metrics`),
    Session: map(input.session, (s) => ({ Id: s.id, StartTimestamp: s.startTimestamp, StopTimestamp: opt(s.stopTimestamp), Duration: opt(s.duration) })),
    AppPackageName: opt(input.appPackageName),
    AppTitle: opt(input.appTitle),
    AppVersionCode: opt(input.appVersionCode),
    ClientSdkVersion: opt(input.clientSdkVersion),
    SdkName: opt(input.sdkName),
  };
}

/** Module-private. */
function toWriteTreatment(input: WriteTreatmentInput): WriteTreatmentRequestModel {
  return {
    SizePercent: input.sizePercent,
    TreatmentName: opt(input.treatmentName),
    TreatmentDescription: opt(input.treatmentDescription),
    Schedule: map(input.schedule, toSchedule),
    MessageConfiguration: map(input.messageConfiguration, toMessageConfiguration),
    TemplateConfiguration: map(input.templateConfiguration, toTemplateConfiguration),
    CustomDeliveryConfiguration: map(input.customDeliveryConfiguration, toCustomDeliveryConfiguration),
  };
}

/** Module-private. */
function toSchedule(input: ScheduleInput): ScheduleModel {
  return {
    StartTime: input.startTime,
    EndTime: opt(input.endTime),
    Frequency: opt(input.frequency),
    IsLocalTime: opt(input.isLocalTime),
    Timezone: opt(input.timezone),
    QuietTime: map(input.quietTime, toQuietTime),
    EventFilter: map(input.eventFilter, toEventFilter),
  };
}

/** Module-private. */
function toCampaignLimits(input: CampaignLimitsInput): CampaignLimitsModel {
  return { Daily: opt(input.daily), MaximumDuration: opt(input.maximumDuration), MessagesPerSecond: opt(input.messagesPerSecond), Total: opt(input.total), Session: opt(input.session) };
}

/** Module-private. */
function toCampaignHook(input: CampaignHookInput): CampaignHookModel {
  return { LambdaFunctionName: opt(input.lambdaFunctionName), Mode: opt(input.mode), WebUrl: opt(input.webUrl) };
}

/** Module-private. */
function toCustomDeliveryConfiguration(input: CustomDeliveryConfigurationInput): CustomDeliveryConfigurationModel {
  return { DeliveryUri: input.deliveryUri, EndpointTypes: opt(input.endpointTypes) };
}

/** Module-private. */
function toMessageConfiguration(input: MessageConfigurationInput): MessageConfigurationModel {
  return {
    DefaultMessage: map(input.defaultMessage, toPushMessage),
    ADMMessage: map(input.admMessage, toPushMessage),
    APNSMessage: map(input.apnsMessage, toPushMessage),
    BaiduMessage: map(input.baiduMessage, toPushMessage),
    GCMMessage: map(input.gcmMessage, toPushMessage),
    SMSMessage: map(input.smsMessage, (m) => ({
      Body: opt(m.body),
      MessageType: opt(m.messageType),
      OriginationNumber: opt(m.originationNumber),
      SenderId: opt(m.senderId),
      EntityId: opt(m.entityId),
      TemplateId: opt(m.templateId),
    })),
    EmailMessage: map(input.emailMessage, (m) => ({
      Title: opt(m.title),
      Body: opt(m.body),
      HtmlBody: opt(m.htmlBody),
      FromAddress: opt(m.fromAddress),
      Headers: map(m.headers, (headers) => headers.map((h) => ({ Name: h.name, Value: h.value }))),
    })),
    CustomMessage: map(input.customMessage, (m) => ({ Data: opt(m.data) })),
    InAppMessage: map(input.inAppMessage, toInAppMessage),
  };
}

/** Module-private. */
function toPushMessage(input: PushMessageInput): PushMessageModel {
  return {
    Action: opt(input.action),
    Body: opt(input.body),
    Title: opt(input.title),
    Url: opt(input.url),
    ImageUrl: opt(input.imageUrl),
    ImageIconUrl: opt(input.imageIconUrl),
    ImageSmallIconUrl: opt(input.imageSmallIconUrl),
    MediaUrl: opt(input.mediaUrl),
    JsonBody: opt(input.jsonBody),
    RawContent: opt(input.rawContent),
    SilentPush: opt(input.silentPush),
    TimeToLive: opt(input.timeToLive),
  };
}

/** Module-private: `content` is passed as upstream JSON (a list of InAppMessageContent objects). */
function toInAppMessage(input: CampaignInAppMessageInput): CampaignInAppMessageModel {
  const content = opt(input.content);
  if (content !== undefined && !(Array.isArray(content) && content.every(isPlainObject))) {
    throw badUserInput(`"inAppMessage.content" must be a list of upstream InAppMessageContent objects; got ${JSON.stringify(content)}.`, { argument: 'inAppMessage.content' });
  }
  return { Body: opt(input.body), Layout: opt(input.layout), Content: content as CampaignInAppMessageModel['Content'], CustomConfig: stringMap(input.customConfig, 'inAppMessage.customConfig') };
}

/** Module-private. */
function toTemplateReference(input: TemplateReferenceInput): TemplateReferenceRequestModel {
  return { Name: input.name, Version: opt(input.version) };
}

/** Module-private: the application ID is added by the model layer on output only, so it is left out here. */
function toSegmentGroups(input: SegmentGroupListInput): Omit<SegmentGroupListModel, 'ApplicationId'> {
  return {
    Include: opt(input.include),
    Groups: map(input.groups, (groups) =>
      groups.map((group) => ({
        SourceType: opt(group.sourceType),
        Type: opt(group.type),
        Dimensions: map(group.dimensions, (list) => list.map(toSegmentDimensions)),
        SourceSegments: map(group.sourceSegments, (refs) => refs.map((ref) => ({ Id: ref.segmentId, Version: opt(ref.version) }))),
      })),
    ),
  };
}
