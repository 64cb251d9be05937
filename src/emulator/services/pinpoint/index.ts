import type { OperationHandler, ServiceFactory } from '../types';
import { createAppHandlers } from './handlers/apps';
import { createCampaignHandlers } from './handlers/campaigns';
import { createEndpointHandlers } from './handlers/endpoints';
import { createEventHandlers } from './handlers/events';
import { createKpiHandlers } from './handlers/kpis';
import { createSegmentHandlers } from './handlers/segments';
import { createSettingsHandlers } from './handlers/settings';
import { createTagHandlers } from './handlers/tags';
import { createJourneyHandlers } from './handlers/journeys';
import { createTemplateHandlers } from './handlers/templates';
import { createAttributeHandlers } from './handlers/attributes';
import { createChannelHandlers } from './handlers/channels';
import { createEventStreamHandlers } from './handlers/event-streams';
import { createInAppHandlers } from './handlers/in-app';
import { createJobHandlers } from './handlers/jobs';
import { createPhoneValidationHandlers } from './handlers/phone-validation';
import { createRecommenderHandlers } from './handlers/recommenders';
import { createMessageHandlers } from './handlers/messages';
import { isMovableClock } from '../../clock';
import { CampaignRunner, runCampaignsRoute, withDueCampaigns } from './campaignRunner';
import { JourneyRunner, runDueRoute, withDueJourneys } from './journeyRunner';
import { OtpStore } from './otpStore';
import { seedChannels } from './channelsSeed';
import { ChannelsStore } from './channelsStore';
import { seedJourneys } from './journeysSeed';
import { JourneysStore } from './journeysStore';
import { seedTemplates } from './templatesSeed';
import { TemplatesStore } from './templatesStore';
import { seedPinpoint } from './seed';
import { registerPinpointState } from './stateParts';
import { PinpointStore } from './store';

export { PINPOINT_SEED } from './seed';

/**
 * Builds a fresh emulated Amazon Pinpoint service: apps, settings, campaigns, segments,
 * endpoints and users, events, date-range KPIs and tags, with state per account and region.
 * Operations not registered here are answered `EmulatorNotImplemented` by the protocol layer.
 */
export const createPinpointService: ServiceFactory = ({ clock, outbox, state }) => {
  const store = new PinpointStore();
  const templates = new TemplatesStore();
  const journeys = new JourneysStore();
  const channels = new ChannelsStore();
  const otps = new OtpStore();
  if (state) registerPinpointState(state, { store, templates, journeys, channels, otps });
  const runner = new CampaignRunner({ store, channels, templates, outbox });
  const journeyRunner = new JourneyRunner({ store, channels, templates, journeys, outbox });
  // Moving the clock runs what became due everywhere, so the outbox shows it without another request.
  if (isMovableClock(clock)) {
    clock.onMove((now) => {
      runner.runDueEverywhere(now);
      journeyRunner.runDueEverywhere(now);
    });
  }
  const handlers: Record<string, OperationHandler> = {
    ...createAppHandlers(store),
    ...createSettingsHandlers(store),
    ...createCampaignHandlers(store),
    ...createSegmentHandlers(store),
    ...createEndpointHandlers(store),
    ...createEventHandlers(store, (ctx, app, events) => {
      runner.onEvents(ctx, app, events, ctx.now());
      journeyRunner.onEvents(ctx, app, events, ctx.now());
    }),
    ...createKpiHandlers(store),
    ...createTagHandlers(store, { templates, journeys }),
    ...createTemplateHandlers(templates),
    ...createJourneyHandlers(store, journeys),
    ...createChannelHandlers(store, channels),
    ...createEventStreamHandlers(store, channels),
    ...createJobHandlers(store, channels),
    ...createPhoneValidationHandlers(),
    ...createRecommenderHandlers(channels),
    ...createInAppHandlers(store, channels),
    ...createAttributeHandlers(store),
    ...createMessageHandlers(store, { channels, templates, outbox, otps }),
  };
  return {
    id: 'pinpoint',
    // Campaigns and journeys run lazily: whatever is due runs before the request that sees it (no timers), campaigns first.
    handlers: withDueCampaigns(withDueJourneys(handlers, journeyRunner), runner),
    adminRoutes: [runDueRoute([runner, journeyRunner], clock), runCampaignsRoute(runner, clock)],
    reset: () => {
      store.clear();
      templates.clear();
      journeys.clear();
      channels.clear();
    },
    seed: (accountId, region) => {
      seedPinpoint(store.get(accountId, region), { accountId, region }, clock.now());
      seedTemplates(templates.get(accountId, region), { accountId, region }, clock.now());
      seedJourneys(journeys.get(accountId, region), { accountId, region }, clock.now());
      seedChannels(channels.get(accountId, region), store.get(accountId, region), { accountId, region }, clock.now());
    },
  };
};
