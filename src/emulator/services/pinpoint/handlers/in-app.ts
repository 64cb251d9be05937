import type { GetInAppMessagesRequest, GetInAppMessagesResponse, InAppMessageCampaign, MessageConfiguration, Schedule } from '@aws-sdk/client-pinpoint';
import type { ChannelsStore } from '../channelsStore';
import { segmentMembers } from '../segmentMembers';
import { campaignStatus, endpointKey, latestVersion, requireApp, requireEndpoint, type PinpointStore } from '../store';
import type { PinpointHandler } from './shared';

/**
 * The In-App Messages resource: GetInAppMessages, the in-app campaigns an endpoint should show.
 * Nothing is invented: an endpoint gets a campaign only when all of these hold, and otherwise the
 * answer is an empty list.
 * - the endpoint's ChannelType is IN_APP (in-app campaigns deliver to in-app endpoints only);
 * - the campaign's current version (or the endpoint's treatment) has an `InAppMessage`;
 * - the campaign is EXECUTING (an IN_APP_EVENT campaign between its start and end time);
 * - the endpoint is a member of the campaign's segment version (see `segmentMembers.ts`).
 *
 * Treatments: the endpoint's CohortId (0–99) picks one. Cohorts below HoldoutPercent are held out
 * (no message); the next SizePercent cohorts go to each additional treatment in order; the rest get
 * the default treatment (reported without a TreatmentId). Campaigns are listed by Priority (1 is the
 * highest; campaigns without one come last), then in creation order.
 */
export function createInAppHandlers(core: PinpointStore, store: ChannelsStore) {
  const GetInAppMessages: PinpointHandler<GetInAppMessagesRequest, GetInAppMessagesResponse> = (input, ctx) => {
    const app = requireApp(core.forRequest(ctx), input.ApplicationId ?? '');
    const endpoint = requireEndpoint(app, input.EndpointId ?? '');
    const campaigns: InAppMessageCampaign[] = [];
    if (endpoint.ChannelType === 'IN_APP') {
      const now = ctx.now();
      const extras = store.appExtras(ctx, app);
      const key = endpointKey(endpoint.Id);
      for (const campaign of app.campaigns.values()) {
        const { settings } = latestVersion(campaign.versions);
        if (campaignStatus(app, campaign, settings, now) !== 'EXECUTING') continue;
        const treatment = treatmentFor(Number(endpoint.CohortId), settings.HoldoutPercent ?? 0, settings.AdditionalTreatments);
        if (treatment === 'held-out') continue;
        const message = (treatment?.MessageConfiguration ?? settings.MessageConfiguration)?.InAppMessage;
        if (message === undefined) continue;
        const members = segmentMembers(app, extras, settings.SegmentId, settings.SegmentVersion, now);
        if (!members.endpoints.some((member) => endpointKey(member.Id) === key)) continue;
        const schedule: Schedule | undefined = treatment?.Schedule ?? settings.Schedule;
        campaigns.push({
          CampaignId: campaign.id,
          TreatmentId: treatment?.Id,
          DailyCap: settings.Limits?.Daily,
          TotalCap: settings.Limits?.Total,
          SessionCap: settings.Limits?.Session,
          Priority: settings.Priority,
          Schedule: schedule === undefined ? undefined : { EndDate: schedule.EndTime, EventFilter: structuredClone(schedule.EventFilter), QuietTime: structuredClone(schedule.QuietTime) },
          InAppMessage: { Content: structuredClone(message.Content), CustomConfig: structuredClone(message.CustomConfig), Layout: message.Layout },
        });
      }
    }
    const byPriority = campaigns.map((campaign, order) => ({ campaign, order })).sort((a, b) => (a.campaign.Priority ?? Infinity) - (b.campaign.Priority ?? Infinity) || a.order - b.order);
    return { InAppMessagesResponse: { InAppMessageCampaigns: byPriority.map(({ campaign }) => campaign) } };
  };

  return { GetInAppMessages };
}

/** Module-private: the treatment a cohort gets: 'held-out', an additional treatment, or undefined for the default one. */
function treatmentFor<T extends { readonly Id: string; readonly SizePercent?: number; readonly MessageConfiguration?: MessageConfiguration; readonly Schedule?: Schedule }>(
  cohort: number,
  holdoutPercent: number,
  treatments: readonly T[],
): T | 'held-out' | undefined {
  if (cohort < holdoutPercent) return 'held-out';
  let upper = holdoutPercent;
  for (const treatment of treatments) {
    upper += treatment.SizePercent ?? 0;
    if (cohort < upper) return treatment;
  }
  return undefined;
}
