import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { toGlobalId } from '../../src/graph/ids';

/**
 * Variables of every bench query, built from the emulator's seeded IDs (so the queries and the
 * seed cannot drift apart) and from "now" (KPI ranges are whole UTC days before today, which the
 * KPI cache keeps for its long "past" lifetime).
 */

/** The region the emulator seeds and the gateway serves. */
export const BENCH_REGION = 'us-east-1';

/** Variables of one operation. */
export type Variables = Readonly<Record<string, unknown>>;

/** Variables by query file name (without `.graphql`). */
export function benchVariables(now: Date = new Date()): Readonly<Record<string, Variables>> {
  const week = pastDays(now, 7);
  const apps = PINPOINT_SEED.apps;
  const campaigns = PINPOINT_SEED.campaigns;
  const segments = PINPOINT_SEED.segments;
  const sms = SMS_VOICE_SEED;
  const id = (type: string, ...keys: string[]) => toGlobalId(type, BENCH_REGION, ...keys);
  return {
    'app-dashboard': { app: apps.RETAIL, ...week },
    'campaign-detail': { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE, ...week },
    'sms-numbers-page': {},
    'registration-detail': { registrationId: sms.registrations.tollFreeApproved },
    'node-lookup-list': {
      ids: [
        id('Campaign', apps.RETAIL, campaigns.RETAIL_SPRING_SALE),
        id('Campaign', apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST),
        id('Campaign', apps.BANKING, campaigns.BANKING_CARD_OFFER),
        id('Segment', apps.RETAIL, segments.RETAIL_VIP),
        id('Segment', apps.BANKING, segments.BANKING_ACTIVE_USERS),
        id('App', apps.ALERTS),
        id('PhoneNumber', sms.phoneNumbers.tollFreeAlerts),
        id('PhoneNumber', sms.phoneNumbers.ukLongCode),
        id('PhoneNumber', sms.phoneNumbers.simulator),
        id('PhoneNumber', sms.phoneNumbers.caLongCode),
        id('Pool', sms.pools.alerts),
        id('Registration', sms.registrations.tollFreeApproved),
      ],
    },
    'kpi-warm': { app: apps.RETAIL, ...week },
    'kpi-stampede': { app: apps.BANKING, ...pastDays(now, 14) },
  };
}

/** Module-private: the `days` whole UTC days before today, as KPI `startTime`/`endTime`. */
function pastDays(now: Date, days: number): { start: string; end: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { start: new Date(today - days * 86_400_000).toISOString(), end: new Date(today - 1000).toISOString() };
}
