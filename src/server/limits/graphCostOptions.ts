import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { PINPOINT_CONNECTION_LIMITS } from '../../graph/pinpoint/fields';
import { SMS_VOICE_PAGE_LIMITS } from '../../graph/sms-voice-v2/shared';
import type { CostModelOptions } from './costModel';

/**
 * What the cost model knows about this graph beyond its SDL: the page sizes the connections of
 * each service really read (the same constants the resolvers use, so the two cannot drift), the
 * size assumed for plain lists, and the ownership edges.
 */

/**
 * Items assumed for a plain list (tags, KPI rows, treatments, a user's endpoints). Upstream bounds
 * most of them well below this (50 tags per resource, 15 endpoints per user, 31 KPI days); the
 * execution bounds catch a list that is longer.
 */
export const DEFAULT_LIST_SIZE = 25;

/** The cost model's options for `schema`. */
export function graphCostModelOptions(schema: GraphQLSchema): CostModelOptions {
  return {
    pageSizes: {
      pinpoint: { default: PINPOINT_CONNECTION_LIMITS.defaultPageSize, max: PINPOINT_CONNECTION_LIMITS.maxPageSize },
      smsVoice: { default: SMS_VOICE_PAGE_LIMITS.defaultPageSize, max: SMS_VOICE_PAGE_LIMITS.maxPageSize },
    },
    defaultListSize: DEFAULT_LIST_SIZE,
    ownerEdges: ownerEdgesOf(schema),
    // One GetJourneyRunExecutionActivityMetrics per activity (the ones named, or every one).
    perItemCalls: new Map([['JourneyRun.activityMetrics', 'activityIds']]),
    callsPerObject: new Map([
      // GetApp for the project's ARN (the KPI cache key), then the KPI.
      ['Journey.kpi', 2],
      // The pool's members (ListPoolOriginationIdentities), then the numbers themselves.
      ['Pool.phoneNumbers', 2],
      // The registration's type (DescribeRegistrations), then its field definitions.
      ['RegistrationFieldValue.definition', 2],
      // The current version's field values (DescribeRegistrationFieldValues), then the attachments they name.
      ['Registration.attachments', 2],
      // A listed channel's own read (GetSmsChannel, for its sender ID or short code), then the SMS v2 objects of that name.
      ['SmsChannel.senderIdResource', 2],
      ['SmsChannel.shortCodeResource', 2],
      // A listed template's own read (Get*Template, for its recommender ID), then the recommender.
      ['EmailTemplate.recommender', 2],
      ['SmsTemplate.recommender', 2],
      ['PushTemplate.recommender', 2],
    ]),
  };
}

/**
 * Module-private: the Pinpoint edges back to an owner. Every Pinpoint object below a project (a
 * campaign, segment, journey, endpoint, user, job, channel) belongs to that project, so its `app`
 * under an App ancestor is that ancestor; a campaign's runs belong to the campaign. SMS v2 edges are
 * not ownership (a number of an opt-out list may sit in any pool), so none of them is listed.
 */
function ownerEdgesOf(schema: GraphQLSchema): ReadonlySet<string> {
  const edges = new Set<string>(['CampaignActivity.campaign']);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const app = type.getFields().app;
    if (app && getNamedType(app.type).name === 'App' && app.args.length === 0) edges.add(`${type.name}.app`);
  }
  return edges;
}
