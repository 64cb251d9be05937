/**
 * Amazon Pinpoint as AWS serves it today: which operations AWS retired with the engagement
 * features on 2026-10-30 and which continue as AWS End User Messaging. Every operation of
 * `@aws-sdk/client-pinpoint` is classified here (test/upstream/retiredOperations.test.ts fails on
 * one that is not); `engagementRouting.ts` reads the table for every command the Pinpoint client
 * sends with `UPSTREAM=aws`.
 *
 * What the table is decided from (AWS's public notice on every Pinpoint documentation page, and
 * its migration guide, docs.aws.amazon.com/console/pinpoint/migration-guide):
 * - "After October 30, 2026, you will no longer be able to access the Amazon Pinpoint console or
 *   Amazon Pinpoint resources (endpoints, segments, campaigns, journeys, and analytics)."
 * - "APIs related to SMS, voice, mobile push, OTP, and phone number validate are not impacted by
 *   this change and are supported by AWS End User Messaging." End User Messaging Push is still the
 *   Pinpoint API: "you create an application, then enable the push channels it uses", and send with
 *   SendMessages.
 * - The migration guide: engagement features (endpoints, segments, campaigns, journeys, analytics)
 *   → Amazon Connect proactive engagement (Amazon Connect outbound campaigns, Amazon Connect
 *   Customer Profiles); event collection and mobile analytics → Amazon Kinesis.
 * Where the notice names neither side, the rule is the notice's: messaging, channels, OTP and phone
 * number validation continue; what exists only to serve endpoints, segments, campaigns, journeys or
 * analytics is retired. Each group below says which case it is.
 */

/** The day AWS ended support for the Pinpoint engagement features (ISO date). */
export const ENGAGEMENT_END_OF_SUPPORT = '2026-10-30';

/** A retired feature: what AWS stopped serving, and what to use instead. */
export interface RetiredFeature {
  /** The feature as the notice or the API reference names it ("campaigns"). */
  readonly feature: string;
  /** What replaced it, per AWS's migration guide (or that the guide names nothing). */
  readonly replacement: string;
  /** The operations of the feature. */
  readonly operations: readonly string[];
}

/** A continuing area: operations AWS still serves (AWS End User Messaging), and why they belong here. */
export interface ContinuingArea {
  readonly area: string;
  /** Why the area continues (the notice's words where it names it, else the decision). */
  readonly why: string;
  readonly operations: readonly string[];
}

/** Module-private: the replacement of everything the notice calls engagement (migration guide). */
const CONNECT_PROFILES = 'Amazon Connect Customer Profiles';
/** Module-private. */
const CONNECT_CAMPAIGNS = 'Amazon Connect outbound campaigns';

/** The retired Pinpoint features, by group, with their operations. */
export const RETIRED_FEATURES = {
  // Named by the notice ("endpoints"). Users are endpoints sharing a user ID, and RemoveAttributes
  // deletes endpoint and user attribute definitions: the same store.
  endpoints: {
    feature: 'endpoints, users and their attributes',
    replacement: CONNECT_PROFILES,
    operations: ['GetEndpoint', 'UpdateEndpoint', 'DeleteEndpoint', 'UpdateEndpointsBatch', 'GetUserEndpoints', 'DeleteUserEndpoints', 'RemoveAttributes'],
  },
  // Named by the notice ("segments"); the segment import/export job lists belong to segments.
  segments: {
    feature: 'segments',
    replacement: `${CONNECT_PROFILES} (segments)`,
    operations: ['GetSegments', 'CreateSegment', 'GetSegment', 'UpdateSegment', 'DeleteSegment', 'GetSegmentVersions', 'GetSegmentVersion', 'GetSegmentImportJobs', 'GetSegmentExportJobs'],
  },
  // Not named, but they exist only to load endpoints into segments and export endpoints: retired
  // with the endpoints and segments they move.
  importExportJobs: {
    feature: 'endpoint import and export jobs',
    replacement: CONNECT_PROFILES,
    operations: ['GetImportJobs', 'CreateImportJob', 'GetImportJob', 'GetExportJobs', 'CreateExportJob', 'GetExportJob'],
  },
  // Named by the notice ("campaigns").
  campaigns: {
    feature: 'campaigns',
    replacement: CONNECT_CAMPAIGNS,
    operations: ['GetCampaigns', 'CreateCampaign', 'GetCampaign', 'UpdateCampaign', 'DeleteCampaign', 'GetCampaignVersions', 'GetCampaignVersion', 'GetCampaignActivities'],
  },
  // Named by the notice ("journeys").
  journeys: {
    feature: 'journeys',
    replacement: CONNECT_CAMPAIGNS,
    operations: [
      'ListJourneys', 'CreateJourney', 'GetJourney', 'UpdateJourney', 'DeleteJourney', 'UpdateJourneyState', 'GetJourneyRuns',
      'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics', 'GetJourneyRunExecutionMetrics', 'GetJourneyRunExecutionActivityMetrics',
    ],
  },
  // Named by the notice ("analytics"): the date-range KPIs are the analytics API.
  analytics: {
    feature: 'analytics (date-range KPIs)',
    replacement: 'Amazon Connect (outbound campaign analytics)',
    operations: ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi'],
  },
  // Event collection from apps feeds the analytics and event-based segments and campaigns; the
  // migration guide sends it to Kinesis.
  events: {
    feature: 'event collection (PutEvents)',
    replacement: 'Amazon Kinesis (Data Streams or Amazon Data Firehose), as AWS recommends for event collection and mobile analytics',
    operations: ['PutEvents'],
  },
  // Not named, but every member (campaign hook, campaign and journey limits, quiet time) is a
  // default for campaigns and journeys: nothing left to configure without them.
  applicationSettings: {
    feature: "a project's campaign and journey settings",
    replacement: CONNECT_CAMPAIGNS,
    operations: ['GetApplicationSettings', 'UpdateApplicationSettings'],
  },
  // Not named; recommenders personalise campaign and journey messages from endpoint data.
  recommenders: {
    feature: 'recommender configurations',
    replacement: 'none named by AWS (Amazon Personalize remains, called directly)',
    operations: ['GetRecommenderConfigurations', 'CreateRecommenderConfiguration', 'GetRecommenderConfiguration', 'UpdateRecommenderConfiguration', 'DeleteRecommenderConfiguration'],
  },
  // Not named; in-app messages are what in-app campaigns and journeys hold for an endpoint.
  inAppMessages: {
    feature: 'in-app messages',
    replacement: 'none named in the migration guide',
    operations: ['GetInAppMessages'],
  },
} as const satisfies Record<string, RetiredFeature>;

/** One retired feature's key (`campaigns`). */
export type RetiredFeatureId = keyof typeof RETIRED_FEATURES;

/** The Pinpoint operations AWS still serves, by area, each with the reason. */
export const CONTINUING_AREAS: readonly ContinuingArea[] = [
  {
    area: 'Projects',
    why: 'a project holds the channels and is the ApplicationId of SendMessages and OTP, which continue (End User Messaging Push: "create an application, then enable the push channels")',
    operations: ['GetApps', 'CreateApp', 'GetApp', 'DeleteApp'],
  },
  {
    area: 'Channels',
    why: 'the notice keeps SMS, voice and mobile push; email is not named and stays with the other channels (AWS points email sending to Amazon SES)',
    operations: [
      'GetChannels', 'GetAdmChannel', 'UpdateAdmChannel', 'DeleteAdmChannel', 'GetApnsChannel', 'UpdateApnsChannel', 'DeleteApnsChannel',
      'GetApnsSandboxChannel', 'UpdateApnsSandboxChannel', 'DeleteApnsSandboxChannel', 'GetApnsVoipChannel', 'UpdateApnsVoipChannel',
      'DeleteApnsVoipChannel', 'GetApnsVoipSandboxChannel', 'UpdateApnsVoipSandboxChannel', 'DeleteApnsVoipSandboxChannel', 'GetBaiduChannel',
      'UpdateBaiduChannel', 'DeleteBaiduChannel', 'GetEmailChannel', 'UpdateEmailChannel', 'DeleteEmailChannel', 'GetGcmChannel', 'UpdateGcmChannel',
      'DeleteGcmChannel', 'GetSmsChannel', 'UpdateSmsChannel', 'DeleteSmsChannel', 'GetVoiceChannel', 'UpdateVoiceChannel', 'DeleteVoiceChannel',
    ],
  },
  {
    area: 'Messaging',
    why: 'sending is what the notice keeps; SendUsersMessages addresses users through their endpoints, which are retired, so AWS may find none for a user (SendMessages with addresses does not depend on them)',
    operations: ['SendMessages', 'SendUsersMessages'],
  },
  { area: 'OTP', why: 'named by the notice', operations: ['SendOTPMessage', 'VerifyOTPMessage'] },
  { area: 'Phone number validation', why: 'named by the notice', operations: ['PhoneNumberValidate'] },
  {
    area: 'Message templates',
    why: 'SendMessages and SendUsersMessages render them; in-app templates stay with the others so that ListTemplates, ListTemplateVersions and UpdateTemplateActiveVersion, which span every type, read one store',
    operations: [
      'ListTemplates', 'ListTemplateVersions', 'UpdateTemplateActiveVersion', 'GetEmailTemplate', 'CreateEmailTemplate', 'UpdateEmailTemplate',
      'DeleteEmailTemplate', 'GetSmsTemplate', 'CreateSmsTemplate', 'UpdateSmsTemplate', 'DeleteSmsTemplate', 'GetPushTemplate',
      'CreatePushTemplate', 'UpdatePushTemplate', 'DeletePushTemplate', 'GetVoiceTemplate', 'CreateVoiceTemplate', 'UpdateVoiceTemplate',
      'DeleteVoiceTemplate', 'GetInAppTemplate', 'CreateInAppTemplate', 'UpdateInAppTemplate', 'DeleteInAppTemplate',
    ],
  },
  {
    area: 'Event streams',
    why: 'a project setting that streams the delivery events of transactional SMS and email (messaging) to Kinesis, the destination AWS recommends; the app events it also carried are retired with PutEvents',
    operations: ['GetEventStream', 'PutEventStream', 'DeleteEventStream'],
  },
];

/**
 * Tags act on any taggable resource, so their side is decided per call from the resource ARN
 * (`ResourceArn`): a campaign's, segment's, journey's or recommender's ARN names a retired
 * resource; a project's or template's a continuing one.
 */
export const TAG_OPERATIONS: readonly string[] = ['ListTagsForResource', 'TagResource', 'UntagResource'];

/** Module-private: operation → the retired feature it belongs to. */
const RETIRED_BY_OPERATION: ReadonlyMap<string, RetiredFeatureId> = new Map(
  (Object.entries(RETIRED_FEATURES) as [RetiredFeatureId, RetiredFeature][]).flatMap(([id, feature]) => feature.operations.map((operation) => [operation, id] as const)),
);

/** Module-private: the resource path of a `mobiletargeting` ARN that names a retired resource. */
const RETIRED_ARN = /^arn:aws[a-z-]*:mobiletargeting:[a-z0-9-]*:\d*:(?:apps\/[^/]+\/(campaigns|segments|journeys)\/|(recommenders)\/)/;

/** Module-private: the feature of each resource kind a retired ARN can name. */
const FEATURE_OF_ARN_KIND: Readonly<Record<string, RetiredFeatureId>> = { campaigns: 'campaigns', segments: 'segments', journeys: 'journeys', recommenders: 'recommenders' };

/**
 * The retired feature a Pinpoint command belongs to, or undefined when AWS still serves it:
 * `operation` is the SDK operation name, `input` the command's input (read only for tags).
 */
export function retiredFeatureOf(operation: string, input: unknown): RetiredFeatureId | undefined {
  const retired = RETIRED_BY_OPERATION.get(operation);
  if (retired !== undefined || !TAG_OPERATIONS.includes(operation)) return retired;
  const arn = typeof input === 'object' && input !== null ? (input as { ResourceArn?: unknown }).ResourceArn : undefined;
  const kind = typeof arn === 'string' ? RETIRED_ARN.exec(arn) : null;
  return kind ? FEATURE_OF_ARN_KIND[kind[1] ?? kind[2]] : undefined;
}

/** How the table classifies an operation name (for the test that every operation is classified). */
export function operationSupport(operation: string): 'retired' | 'continuing' | 'by resource ARN' | undefined {
  if (RETIRED_BY_OPERATION.has(operation)) return 'retired';
  if (CONTINUING_AREAS.some((area) => area.operations.includes(operation))) return 'continuing';
  if (TAG_OPERATIONS.includes(operation)) return 'by resource ARN';
  return undefined;
}

/** Every operation the table names as retired (sorted). */
export const RETIRED_PINPOINT_OPERATIONS: readonly string[] = [...RETIRED_BY_OPERATION.keys()].sort();

/**
 * The README's copy of the table (README "AWS as it is today"; test/upstream/retiredOperations.test.ts
 * checks the README holds exactly this), so the documentation cannot drift from what the gateway does.
 */
export function retiredOperationsMarkdown(): string {
  const code = (operations: readonly string[]) => operations.map((operation) => `\`${operation}\``).join(', ');
  const retired = (Object.values(RETIRED_FEATURES) as RetiredFeature[]).map((f) => `| retired | ${f.feature} | ${code(f.operations)} | ${f.replacement} |`);
  const continuing = CONTINUING_AREAS.map((a) => `| continues | ${a.area} | ${code(a.operations)} | ${a.why} |`);
  const tags = `| by resource | Tags | ${code(TAG_OPERATIONS)} | retired for a campaign, segment, journey or recommender ARN; continues for a project or template ARN |`;
  return ['| side | feature | operations | replaced by / why it continues |', '|---|---|---|---|', ...retired, ...continuing, tags].join('\n');
}
