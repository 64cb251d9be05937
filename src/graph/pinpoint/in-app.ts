import type { EndpointResolvers, InAppCampaignScheduleResolvers, InAppMessageCampaignResolvers, InAppMessageResolvers } from '../../__generated__/resolvers-types';
import type { InAppCampaignScheduleModel, InAppMessageCampaignModel, InAppMessageModel } from '../../upstream/pinpoint/models';
import { upstreamFields } from './fields';

/** Resolvers of schema/pinpoint/in-app.graphql: the in-app messages an endpoint is eligible for. */

/** Module-private: the Endpoint field this file's schema adds. */
const Endpoint: EndpointResolvers = {
  inAppMessages: async (endpoint, _args, ctx) => [...(await ctx.pinpoint.inAppMessages.load({ applicationId: endpoint.ApplicationId, endpointId: endpoint.Id }))],
};

/** Module-private. */
const InAppMessageCampaign: InAppMessageCampaignResolvers = {
  ...upstreamFields<InAppMessageCampaignModel>()({
    campaignId: 'CampaignId',
    treatmentId: 'TreatmentId',
    dailyCap: 'DailyCap',
    sessionCap: 'SessionCap',
    totalCap: 'TotalCap',
    priority: 'Priority',
    schedule: 'Schedule',
    message: 'InAppMessage',
  }),
  campaign: (item, _args, ctx) => (item.CampaignId === undefined ? null : ctx.pinpoint.campaign.load({ applicationId: item.ApplicationId, campaignId: item.CampaignId })),
};

/** Module-private. */
const InAppCampaignSchedule: InAppCampaignScheduleResolvers = upstreamFields<InAppCampaignScheduleModel>()({ endDate: 'EndDate', eventFilter: 'EventFilter', quietTime: 'QuietTime' });

/** Module-private. */
const InAppMessage: InAppMessageResolvers = {
  ...upstreamFields<InAppMessageModel>()({ layout: 'Layout', customConfig: 'CustomConfig' }),
  content: (message) => message.Content ?? [],
};

/** Resolvers of the in-app message types and the Endpoint field that reaches them. */
export const inAppResolvers = { Endpoint, InAppMessageCampaign, InAppCampaignSchedule, InAppMessage };
