import { ServiceError } from '../../protocol/serviceError';

/**
 * "AWS as it is today" for the emulator (the `retireEngagement` option, `EMULATOR_RETIRE_ENGAGEMENT`,
 * `PUT /_emulator/pinpoint/retirement`): the Pinpoint operations AWS retired with the engagement
 * features on 2026-10-30 (endpoints, segments, campaigns, journeys, analytics) answer an error,
 * while messaging, channels, OTP and phone number validation keep working, so tests can stand an
 * emulator in for today's AWS. The emulator never imports gateway code: this list mirrors the
 * gateway's table (upstream/pinpoint/retiredOperations.ts, where each group's reasoning is), and
 * test/upstream/retiredOperations.test.ts checks the two agree.
 *
 * The answer is an assumption, since it cannot be observed here: AWS has not documented what a
 * retired Pinpoint operation returns. The emulator answers Pinpoint's modelled `ForbiddenException`
 * (HTTP 403: "access to the specified resource is forbidden"), which every Pinpoint operation
 * declares, so any SDK deserializes it as a typed exception; a 4xx is not retried, and a client's
 * breaker does not count it as the service failing.
 */

/** The operations of the retired features (tags are decided per ARN by {@link isRetiredEngagementRequest}). */
export const RETIRED_ENGAGEMENT_OPERATIONS: ReadonlySet<string> = new Set([
  // endpoints, users and their attributes
  'GetEndpoint', 'UpdateEndpoint', 'DeleteEndpoint', 'UpdateEndpointsBatch', 'GetUserEndpoints', 'DeleteUserEndpoints', 'RemoveAttributes',
  // segments
  'GetSegments', 'CreateSegment', 'GetSegment', 'UpdateSegment', 'DeleteSegment', 'GetSegmentVersions', 'GetSegmentVersion', 'GetSegmentImportJobs', 'GetSegmentExportJobs',
  // endpoint import and export jobs
  'GetImportJobs', 'CreateImportJob', 'GetImportJob', 'GetExportJobs', 'CreateExportJob', 'GetExportJob',
  // campaigns
  'GetCampaigns', 'CreateCampaign', 'GetCampaign', 'UpdateCampaign', 'DeleteCampaign', 'GetCampaignVersions', 'GetCampaignVersion', 'GetCampaignActivities',
  // journeys
  'ListJourneys', 'CreateJourney', 'GetJourney', 'UpdateJourney', 'DeleteJourney', 'UpdateJourneyState', 'GetJourneyRuns', 'GetJourneyExecutionMetrics',
  'GetJourneyExecutionActivityMetrics', 'GetJourneyRunExecutionMetrics', 'GetJourneyRunExecutionActivityMetrics',
  // analytics and event collection
  'GetApplicationDateRangeKpi', 'GetCampaignDateRangeKpi', 'GetJourneyDateRangeKpi', 'PutEvents',
  // a project's campaign and journey settings
  'GetApplicationSettings', 'UpdateApplicationSettings',
  // recommender configurations
  'GetRecommenderConfigurations', 'CreateRecommenderConfiguration', 'GetRecommenderConfiguration', 'UpdateRecommenderConfiguration', 'DeleteRecommenderConfiguration',
  // in-app messages
  'GetInAppMessages',
]);

/** Module-private: the tag operations, whose side depends on the resource they name. */
const TAG_OPERATIONS: ReadonlySet<string> = new Set(['ListTagsForResource', 'TagResource', 'UntagResource']);

/** Module-private: a campaign's, segment's, journey's or recommender's ARN (a retired resource). */
const RETIRED_ARN = /^arn:aws[a-z-]*:mobiletargeting:[a-z0-9-]*:\d*:(?:apps\/[^/]+\/(?:campaigns|segments|journeys)\/|recommenders\/)/;

/** Whether a decoded Pinpoint request belongs to a retired feature. */
export function isRetiredEngagementRequest(operation: string, input: Readonly<Record<string, unknown>> | undefined): boolean {
  if (RETIRED_ENGAGEMENT_OPERATIONS.has(operation)) return true;
  const arn = input?.ResourceArn;
  return TAG_OPERATIONS.has(operation) && typeof arn === 'string' && RETIRED_ARN.test(arn);
}

/** The answer to a retired request (see the module comment for why this one). */
export function retiredEngagementError(operation: string): ServiceError {
  return new ServiceError(
    'ForbiddenException',
    `Amazon Pinpoint ${operation} is no longer available: AWS ended support for the Amazon Pinpoint engagement features (endpoints, segments, campaigns, journeys and analytics) on October 30, 2026. ` +
      'APIs for SMS, voice, mobile push, OTP and phone number validation continue in AWS End User Messaging.',
  );
}
