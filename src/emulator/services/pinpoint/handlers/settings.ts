import type {
  ApplicationSettingsJourneyLimits,
  ApplicationSettingsResource,
  GetApplicationSettingsRequest,
  GetApplicationSettingsResponse,
  UpdateApplicationSettingsRequest,
  UpdateApplicationSettingsResponse,
} from '@aws-sdk/client-pinpoint';
import { badRequest } from '../errors';
import { requireApp, type AppRecord, type PinpointStore } from '../store';
import { checkCampaignLimits, checkQuietTime, clone, type PinpointHandler } from './shared';

/** The Settings resource: GetApplicationSettings, UpdateApplicationSettings. */
export function createSettingsHandlers(store: PinpointStore) {
  const GetApplicationSettings: PinpointHandler<GetApplicationSettingsRequest, GetApplicationSettingsResponse> = (input, ctx) => ({
    ApplicationSettingsResource: settingsResource(requireApp(store.forRequest(ctx), input.ApplicationId ?? '')),
  });

  // A PUT of the settings object: each member given replaces the stored one; members left out keep their value.
  const UpdateApplicationSettings: PinpointHandler<UpdateApplicationSettingsRequest, UpdateApplicationSettingsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.WriteApplicationSettingsRequest ?? {};
    checkQuietTime('QuietTime', request.QuietTime);
    checkCampaignLimits('Limits', request.Limits);
    checkJourneyLimits(request.JourneyLimits);
    const settings = { ...app.settings };
    if (request.CampaignHook !== undefined) settings.campaignHook = clone(request.CampaignHook);
    if (request.Limits !== undefined) settings.limits = clone(request.Limits);
    if (request.QuietTime !== undefined) settings.quietTime = clone(request.QuietTime);
    if (request.JourneyLimits !== undefined) settings.journeyLimits = clone(request.JourneyLimits);
    if (request.CloudWatchMetricsEnabled !== undefined) settings.cloudWatchMetricsEnabled = request.CloudWatchMetricsEnabled;
    if (request.EventTaggingEnabled !== undefined) settings.eventTaggingEnabled = request.EventTaggingEnabled;
    settings.lastModifiedDate = ctx.now().toISOString();
    app.settings = settings;
    return { ApplicationSettingsResource: settingsResource(app) };
  };

  return { GetApplicationSettings, UpdateApplicationSettings };
}

/** Module-private: seed 002 journey limits: DailyCap, TotalCap and TimeframeCap.Cap ≤ 100, TimeframeCap.Days ≤ 30 (0 = no limit). */
function checkJourneyLimits(limits: ApplicationSettingsJourneyLimits | undefined): void {
  if (limits === undefined) return;
  const checks: Array<[string, number | undefined, number]> = [
    ['JourneyLimits.DailyCap', limits.DailyCap, 100],
    ['JourneyLimits.TotalCap', limits.TotalCap, 100],
    ['JourneyLimits.TimeframeCap.Cap', limits.TimeframeCap?.Cap, 100],
    ['JourneyLimits.TimeframeCap.Days', limits.TimeframeCap?.Days, 30],
  ];
  for (const [name, value, max] of checks) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > max)) throw badRequest(`${name} must be an integer from 0 to ${max}; got ${value}`);
  }
}

/** Module-private: the ApplicationSettingsResource of an app (never-modified settings report the app's creation date). */
function settingsResource(app: AppRecord): ApplicationSettingsResource {
  const { settings } = app;
  return {
    ApplicationId: app.id,
    LastModifiedDate: settings.lastModifiedDate ?? app.creationDate,
    CampaignHook: clone(settings.campaignHook),
    Limits: clone(settings.limits),
    QuietTime: clone(settings.quietTime),
    JourneyLimits: clone(settings.journeyLimits),
  };
}
