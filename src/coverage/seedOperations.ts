import type { CoverageService } from './services';

/**
 * The operations of the two API references the gateway is built from (the seeds), as committed
 * constants so coverage never reads ../shared at run time:
 *
 * - Amazon Pinpoint: the 122 `Operation ID:` entries of seed 002 (REST API Reference, 2023), which
 *   are exactly the 122 commands of `@aws-sdk/client-pinpoint`.
 * - Pinpoint SMS and Voice v2: the 69 actions of seed 003 (API Reference, April 2024; its
 *   `Actions` list spells `DescribeSenderId`, the body and the SDK `DescribeSenderIds`). The SDK
 *   has 41 newer commands, excluded in `exclusions.ts`.
 *
 * Grouped as in the seeds inventory (sections 1 and 2), in its order, so the README table reads
 * by resource.
 */

/** A group of seed operations (one resource of the API reference). */
export interface SeedOperationGroup {
  readonly group: string;
  readonly operations: readonly string[];
}

/** Seed 002 (Amazon Pinpoint), by resource. */
export const PINPOINT_SEED_GROUPS: readonly SeedOperationGroup[] = [
  { group: 'Apps (projects)', operations: ['GetApps', 'CreateApp', 'GetApp', 'DeleteApp'] },
  { group: 'App settings & attributes', operations: ['GetApplicationSettings', 'UpdateApplicationSettings', 'RemoveAttributes'] },
  {
    group: 'Campaigns (+ versions, activities)',
    operations: [
      'GetCampaigns', 'CreateCampaign', 'GetCampaign', 'UpdateCampaign', 'DeleteCampaign', 'GetCampaignVersions', 'GetCampaignVersion',
      'GetCampaignActivities',
    ],
  },
  {
    group: 'Segments (+ versions, segment import/export job lists)',
    operations: [
      'GetSegments', 'CreateSegment', 'GetSegment', 'UpdateSegment', 'DeleteSegment', 'GetSegmentVersions', 'GetSegmentVersion',
      'GetSegmentImportJobs', 'GetSegmentExportJobs',
    ],
  },
  { group: 'Endpoints', operations: ['GetEndpoint', 'UpdateEndpoint', 'DeleteEndpoint', 'UpdateEndpointsBatch'] },
  { group: 'Users', operations: ['GetUserEndpoints', 'DeleteUserEndpoints'] },
  { group: 'Events', operations: ['PutEvents'] },
  {
    group: 'Channels (all types)',
    operations: [
      'GetChannels', 'GetAdmChannel', 'UpdateAdmChannel', 'DeleteAdmChannel', 'GetApnsChannel', 'UpdateApnsChannel', 'DeleteApnsChannel',
      'GetApnsSandboxChannel', 'UpdateApnsSandboxChannel', 'DeleteApnsSandboxChannel', 'GetApnsVoipChannel', 'UpdateApnsVoipChannel',
      'DeleteApnsVoipChannel', 'GetApnsVoipSandboxChannel', 'UpdateApnsVoipSandboxChannel', 'DeleteApnsVoipSandboxChannel', 'GetBaiduChannel',
      'UpdateBaiduChannel', 'DeleteBaiduChannel', 'GetEmailChannel', 'UpdateEmailChannel', 'DeleteEmailChannel', 'GetGcmChannel', 'UpdateGcmChannel',
      'DeleteGcmChannel', 'GetSmsChannel', 'UpdateSmsChannel', 'DeleteSmsChannel', 'GetVoiceChannel', 'UpdateVoiceChannel', 'DeleteVoiceChannel',
    ],
  },
  { group: 'Event streams', operations: ['GetEventStream', 'PutEventStream', 'DeleteEventStream'] },
  {
    group: 'Import / export jobs (app level)',
    operations: [
      'GetImportJobs', 'CreateImportJob', 'GetImportJob', 'GetExportJobs', 'CreateExportJob', 'GetExportJob',
    ],
  },
  {
    group: 'Journeys (+ runs, state, execution metrics)',
    operations: [
      'ListJourneys', 'CreateJourney', 'GetJourney', 'UpdateJourney', 'DeleteJourney', 'UpdateJourneyState', 'GetJourneyRuns',
      'GetJourneyExecutionMetrics', 'GetJourneyExecutionActivityMetrics', 'GetJourneyRunExecutionMetrics', 'GetJourneyRunExecutionActivityMetrics',
    ],
  },
  {
    group: 'Message templates (all types, versions)',
    operations: [
      'ListTemplates', 'ListTemplateVersions', 'UpdateTemplateActiveVersion', 'GetEmailTemplate', 'CreateEmailTemplate', 'UpdateEmailTemplate',
      'DeleteEmailTemplate', 'GetSmsTemplate', 'CreateSmsTemplate', 'UpdateSmsTemplate', 'DeleteSmsTemplate', 'GetPushTemplate',
      'CreatePushTemplate', 'UpdatePushTemplate', 'DeletePushTemplate', 'GetVoiceTemplate', 'CreateVoiceTemplate', 'UpdateVoiceTemplate',
      'DeleteVoiceTemplate', 'GetInAppTemplate', 'CreateInAppTemplate', 'UpdateInAppTemplate', 'DeleteInAppTemplate',
    ],
  },
  { group: 'KPIs (date-range metrics)', operations: ['GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi'] },
  { group: 'Messages', operations: ['SendMessages', 'SendUsersMessages', 'SendOTPMessage', 'VerifyOTPMessage'] },
  { group: 'Phone number validation', operations: ['PhoneNumberValidate'] },
  {
    group: 'Recommender configurations',
    operations: [
      'GetRecommenderConfigurations', 'CreateRecommenderConfiguration', 'GetRecommenderConfiguration', 'UpdateRecommenderConfiguration',
      'DeleteRecommenderConfiguration',
    ],
  },
  { group: 'Tags', operations: ['ListTagsForResource', 'TagResource', 'UntagResource'] },
  { group: 'In-app messages', operations: ['GetInAppMessages'] },
];

/** Seed 003 (Pinpoint SMS and Voice v2), by resource. */
export const SMS_VOICE_SEED_GROUPS: readonly SeedOperationGroup[] = [
  { group: 'Phone numbers', operations: ['RequestPhoneNumber', 'ReleasePhoneNumber', 'UpdatePhoneNumber', 'DescribePhoneNumbers'] },
  {
    group: 'Pools',
    operations: [
      'CreatePool', 'DeletePool', 'UpdatePool', 'DescribePools', 'AssociateOriginationIdentity', 'DisassociateOriginationIdentity',
      'ListPoolOriginationIdentities',
    ],
  },
  {
    group: 'Opt-out lists & opted-out numbers',
    operations: [
      'CreateOptOutList', 'DeleteOptOutList', 'DescribeOptOutLists', 'PutOptedOutNumber', 'DeleteOptedOutNumber', 'DescribeOptedOutNumbers',
    ],
  },
  {
    group: 'Configuration sets, event destinations, defaults',
    operations: [
      'CreateConfigurationSet', 'DeleteConfigurationSet', 'DescribeConfigurationSets', 'CreateEventDestination', 'UpdateEventDestination',
      'DeleteEventDestination', 'SetDefaultMessageType', 'DeleteDefaultMessageType', 'SetDefaultSenderId', 'DeleteDefaultSenderId',
    ],
  },
  { group: 'Sender IDs', operations: ['RequestSenderId', 'ReleaseSenderId', 'UpdateSenderId', 'DescribeSenderIds'] },
  { group: 'Keywords', operations: ['PutKeyword', 'DeleteKeyword', 'DescribeKeywords'] },
  { group: 'Registrations', operations: ['CreateRegistration', 'DeleteRegistration', 'DescribeRegistrations'] },
  {
    group: 'Registration versions',
    operations: [
      'CreateRegistrationVersion', 'SubmitRegistrationVersion', 'DiscardRegistrationVersion', 'DescribeRegistrationVersions',
    ],
  },
  { group: 'Registration attachments', operations: ['CreateRegistrationAttachment', 'DeleteRegistrationAttachment', 'DescribeRegistrationAttachments'] },
  { group: 'Registration field values', operations: ['PutRegistrationFieldValue', 'DeleteRegistrationFieldValue', 'DescribeRegistrationFieldValues'] },
  { group: 'Registration associations', operations: ['CreateRegistrationAssociation', 'ListRegistrationAssociations'] },
  {
    group: 'Registration type / section / field definitions',
    operations: [
      'DescribeRegistrationTypeDefinitions', 'DescribeRegistrationSectionDefinitions', 'DescribeRegistrationFieldDefinitions',
    ],
  },
  {
    group: 'Verified destination numbers (sandbox)',
    operations: [
      'CreateVerifiedDestinationNumber', 'DeleteVerifiedDestinationNumber', 'DescribeVerifiedDestinationNumbers',
      'SendDestinationNumberVerificationCode', 'VerifyDestinationNumber',
    ],
  },
  {
    group: 'Spend limits',
    operations: [
      'DescribeSpendLimits', 'SetTextMessageSpendLimitOverride', 'DeleteTextMessageSpendLimitOverride', 'SetVoiceMessageSpendLimitOverride',
      'DeleteVoiceMessageSpendLimitOverride',
    ],
  },
  { group: 'Account attributes / limits', operations: ['DescribeAccountAttributes', 'DescribeAccountLimits'] },
  { group: 'Send operations', operations: ['SendTextMessage', 'SendVoiceMessage'] },
  { group: 'Tags', operations: ['TagResource', 'UntagResource', 'ListTagsForResource'] },
];

/** The seed groups of each service. */
export const SEED_GROUPS: Readonly<Record<CoverageService, readonly SeedOperationGroup[]>> = {
  pinpoint: PINPOINT_SEED_GROUPS,
  smsVoice: SMS_VOICE_SEED_GROUPS,
};

/** Every seed operation of a service, in group order. */
export function seedOperations(service: CoverageService): readonly string[] {
  return SEED_GROUPS[service].flatMap((group) => group.operations);
}
