import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { JOURNEY_SEED } from '../../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { TEMPLATE_SEED } from '../../../src/emulator/services/pinpoint/templatesSeed';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { gid, type ReachCase, type ReachTable } from './kit';
import { newExportJob } from './pinpoint-resources';
import { pendingDestinationNumber } from './sms-voice-v2';

/** Reach cases of schema/base.graphql: `node` and `nodes` over every Node type of both services. */

/** Module-private shorthands. */
const P = PINPOINT_SEED;
const S = SMS_VOICE_SEED;

/** Module-private: `node(id)` of one object. */
const NODE = 'query ($id: ID!) { node(id: $id) { id } }';

/** Module-private: `Query.node` reaching one operation through one Node type. */
function nodeCase(id: string, operation: string): ReachCase {
  return { query: NODE, variables: { id }, reaches: [operation] };
}

/** One object of every Node type (both services), with the operation that fetches it: add new Node types here. */
export const NODE_SAMPLES: readonly (readonly [string, string])[] = [
  [gid('App', P.apps.RETAIL), 'GetApp'],
  [gid('Campaign', P.apps.RETAIL, P.campaigns.RETAIL_SPRING_SALE), 'GetCampaign'],
  [gid('Campaign', P.apps.RETAIL, P.campaigns.RETAIL_SPRING_SALE, '1'), 'GetCampaignVersion'],
  [gid('Segment', P.apps.RETAIL, P.segments.RETAIL_VIP), 'GetSegment'],
  [gid('Segment', P.apps.RETAIL, P.segments.RETAIL_ALL_CUSTOMERS, '1'), 'GetSegmentVersion'],
  [gid('Endpoint', P.apps.RETAIL, P.endpoints.ALICE_EMAIL), 'GetEndpoint'],
  [gid('User', P.apps.RETAIL, P.users.ALICE), 'GetUserEndpoints'],
  [gid('Journey', P.apps.RETAIL, JOURNEY_SEED.journeys.RETAIL_ONBOARDING), 'GetJourney'],
  [gid('EmailTemplate', TEMPLATE_SEED.WELCOME_EMAIL), 'GetEmailTemplate'],
  [gid('SmsTemplate', TEMPLATE_SEED.ORDER_SHIPPED_SMS, '1'), 'GetSmsTemplate'],
  [gid('PushTemplate', TEMPLATE_SEED.CART_REMINDER_PUSH), 'GetPushTemplate'],
  [gid('VoiceTemplate', TEMPLATE_SEED.OTP_CALL_VOICE), 'GetVoiceTemplate'],
  [gid('InAppTemplate', TEMPLATE_SEED.SPRING_BANNER_INAPP), 'GetInAppTemplate'],
  [gid('ImportJob', P.apps.RETAIL, CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER), 'GetImportJob'],
  [gid('RecommenderConfiguration', CHANNELS_SEED.recommenders.RETAIL_PICKS), 'GetRecommenderConfiguration'],
  [gid('PhoneNumber', S.phoneNumbers.simulator), 'DescribePhoneNumbers'],
  [gid('Pool', S.pools.marketing), 'DescribePools'],
  [gid('OptOutList', S.optOutLists.marketing), 'DescribeOptOutLists'],
  [gid('SenderId', S.senderIds.info.SenderId, S.senderIds.info.IsoCountryCode), 'DescribeSenderIds'],
  [gid('ConfigurationSet', S.configurationSets.main), 'DescribeConfigurationSets'],
  [gid('Registration', S.registrations.tenDlcBrand), 'DescribeRegistrations'],
  [gid('RegistrationAttachment', S.attachments.optInImage), 'DescribeRegistrationAttachments'],
];

/** Cases of the base schema's coordinates. */
export const BASE_REACH: ReachTable = {
  // No verified destination number or export job is seeded: these cases use ones the SMS and Pinpoint tables create.
  'Query.node': [
    ...NODE_SAMPLES.map(([id, operation]) => nodeCase(id, operation)),
    { query: NODE, variables: async (setup) => ({ id: gid('VerifiedDestinationNumber', await pendingDestinationNumber(setup)) }), reaches: ['DescribeVerifiedDestinationNumbers'] },
    { query: NODE, variables: async (setup) => ({ id: gid('ExportJob', P.apps.BANKING, await newExportJob(setup)) }), reaches: ['GetExportJob'] },
  ],
  'Query.nodes': [
    // One of each Node type in one request: one fetch per type, both services.
    { query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: NODE_SAMPLES.map(([id]) => id) }, reaches: NODE_SAMPLES.map(([, operation]) => operation) },
    {
      query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: async (setup) => ({ ids: [gid('VerifiedDestinationNumber', await pendingDestinationNumber(setup))] }),
      reaches: ['DescribeVerifiedDestinationNumbers'],
    },
    {
      query: 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      variables: async (setup) => ({ ids: [gid('ExportJob', P.apps.BANKING, await newExportJob(setup))] }),
      reaches: ['GetExportJob'],
    },
  ],
};

