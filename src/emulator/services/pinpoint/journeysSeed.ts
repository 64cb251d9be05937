import type { ArnScope } from './arns';
import { appJourneys, type JourneyRecord, type JourneyRunRecord, type JourneySettings, type JourneysState, type StoredJourneyState } from './journeysStore';
import { PINPOINT_SEED } from './seed';
import { TEMPLATE_SEED } from './templatesSeed';

/**
 * The deterministic demo journeys, in the seeded apps and against their segments and the demo
 * templates. Timestamps are relative to the emulator clock at seeding time (`D-20` = 20 UTC days
 * before today, 10:00; `D+40` is ahead).
 *
 * | app | journey | state (reported) | schedule | runs |
 * |---|---|---|---|---|
 * | RETAIL | OnboardingSeries | ACTIVE, weekly refresh | D-20 … D+40 | 3: COMPLETED (D-20 → D-13), COMPLETED (D-13 → D-6), RUNNING (D-6) |
 * | RETAIL | WinbackDraft | DRAFT | none | none |
 * | RETAIL | HolidayPromo | COMPLETED (published; its end has passed) | D-40 … D-5 | 1: COMPLETED |
 * | BANKING | CardActivation | CANCELLED | D-15 … D+15 | 1: CANCELLED at D-8 |
 *
 * The runs are history from before the emulator ran these journeys: they have no execution
 * record, so their execution metrics are zeros and the journey runner leaves the journeys alone
 * (moving the clock past the onboarding journey's next weekly refresh sends nothing).
 */
export const JOURNEY_SEED = {
  journeys: {
    RETAIL_ONBOARDING: seedId(1),
    RETAIL_WINBACK_DRAFT: seedId(2),
    RETAIL_HOLIDAY_PROMO: seedId(3),
    BANKING_CARD_ACTIVATION: seedId(4),
  },
  runs: {
    ONBOARDING_RUN_1: seedId(101),
    ONBOARDING_RUN_2: seedId(102),
    ONBOARDING_RUN_3: seedId(103),
    HOLIDAY_PROMO_RUN: seedId(301),
    CARD_ACTIVATION_RUN: seedId(401),
  },
} as const;

/** Loads the demo journeys into `state` (one account and region), replacing any earlier copy of them. */
export function seedJourneys(state: JourneysState, scope: ArnScope, now: Date): void {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const at = (daysAgo: number) => new Date(today - daysAgo * 86_400_000 + 10 * 3_600_000);
  const iso = (daysAgo: number) => at(daysAgo).toISOString();
  const J = JOURNEY_SEED.journeys;
  const R = JOURNEY_SEED.runs;
  const S = PINPOINT_SEED.segments;
  const { RETAIL, BANKING } = PINPOINT_SEED.apps;

  const add = (applicationId: string, id: string, created: number, modified: number, stored: StoredJourneyState, settings: JourneySettings, runs: JourneyRunRecord[]) => {
    const journey: JourneyRecord = {
      id,
      applicationId,
      arn: `arn:aws:mobiletargeting:${scope.region}:${scope.accountId}:apps/${applicationId}/journeys/${id}`,
      creationDate: iso(created),
      lastModifiedDate: iso(modified),
      state: stored,
      settings,
      tags: {},
      runs,
    };
    appJourneys(state, applicationId).set(id, journey);
  };

  add(RETAIL, J.RETAIL_ONBOARDING, 25, 20, 'ACTIVE', {
    Name: 'OnboardingSeries',
    Schedule: { StartTime: at(20), EndTime: at(-40), Timezone: 'UTC' },
    StartCondition: { Description: 'All customers', SegmentStartCondition: { SegmentId: S.RETAIL_ALL_CUSTOMERS } },
    StartActivity: 'welcome',
    Activities: {
      welcome: { Description: 'Welcome email', EMAIL: { TemplateName: TEMPLATE_SEED.WELCOME_EMAIL, TemplateVersion: '2', NextActivity: 'pause' } },
      pause: { Description: 'Wait two days', Wait: { WaitTime: { WaitFor: 'P2D' }, NextActivity: 'opened' } },
      opened: {
        Description: 'Opened the welcome email?',
        ConditionalSplit: {
          Condition: { Operator: 'ALL', Conditions: [{ EventCondition: { MessageActivity: 'welcome', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['_email.open'] } } } }] },
          EvaluationWaitTime: { WaitFor: 'P1D' },
          TrueActivity: 'nudge',
          FalseActivity: 'reminder',
        },
      },
      nudge: { Description: 'Cart push', PUSH: { TemplateName: TEMPLATE_SEED.CART_REMINDER_PUSH } },
      reminder: { Description: 'SMS reminder', SMS: { TemplateName: TEMPLATE_SEED.ORDER_SHIPPED_SMS, MessageConfig: { MessageType: 'PROMOTIONAL' } } },
    },
    Limits: { DailyCap: 1, EndpointReentryCap: 1, MessagesPerSecond: 50 },
    QuietTime: { Start: '22:00', End: '07:00' },
    RefreshFrequency: 'P7D',
    LocalTime: false,
  }, [
    { id: R.ONBOARDING_RUN_1, creationTime: iso(20), completedAt: iso(13) },
    { id: R.ONBOARDING_RUN_2, creationTime: iso(13), completedAt: iso(6) },
    { id: R.ONBOARDING_RUN_3, creationTime: iso(6) },
  ]);

  add(RETAIL, J.RETAIL_WINBACK_DRAFT, 3, 2, 'DRAFT', {
    Name: 'WinbackDraft',
    StartCondition: { SegmentStartCondition: { SegmentId: S.RETAIL_LAPSED } },
    StartActivity: 'holdout',
    Activities: {
      holdout: { Description: 'Control group', Holdout: { Percentage: 10, NextActivity: 'comeback' } },
      comeback: { Description: 'Come-back email', EMAIL: { TemplateName: TEMPLATE_SEED.WELCOME_EMAIL } },
    },
  }, []);

  add(RETAIL, J.RETAIL_HOLIDAY_PROMO, 45, 40, 'ACTIVE', {
    Name: 'HolidayPromo',
    Schedule: { StartTime: at(40), EndTime: at(5) },
    StartCondition: { SegmentStartCondition: { SegmentId: S.RETAIL_VIP } },
    StartActivity: 'split',
    Activities: {
      split: { Description: 'A/B channel test', RandomSplit: { Branches: [{ Percentage: 50, NextActivity: 'email' }, { Percentage: 50, NextActivity: 'text' }] } },
      email: { EMAIL: { TemplateName: TEMPLATE_SEED.WELCOME_EMAIL, TemplateVersion: '1' } },
      text: { SMS: { TemplateName: TEMPLATE_SEED.ORDER_SHIPPED_SMS } },
    },
    Limits: { TotalCap: 2 },
  }, [{ id: R.HOLIDAY_PROMO_RUN, creationTime: iso(40) }]);

  add(BANKING, J.BANKING_CARD_ACTIVATION, 16, 8, 'CANCELLED', {
    Name: 'CardActivation',
    Schedule: { StartTime: at(15), EndTime: at(-15) },
    StartCondition: { SegmentStartCondition: { SegmentId: S.BANKING_ACTIVE_USERS } },
    StartActivity: 'alert',
    Activities: {
      alert: { SMS: { TemplateName: TEMPLATE_SEED.SECURITY_ALERT_SMS, NextActivity: 'tier' } },
      tier: {
        Description: 'Balance tier',
        MultiCondition: {
          Branches: [{ Condition: { SegmentCondition: { SegmentId: S.BANKING_HIGH_BALANCE } }, NextActivity: 'premium' }],
          DefaultActivity: 'standard',
          EvaluationWaitTime: { WaitFor: 'PT1H' },
        },
      },
      premium: { EMAIL: { TemplateName: TEMPLATE_SEED.WELCOME_EMAIL } },
      standard: { ContactCenter: {} },
    },
  }, [{ id: R.CARD_ACTIVATION_RUN, creationTime: iso(15), cancelledAt: iso(8) }]);
}

/** Module-private: a fixed 32-hex-digit ID, `5eedb0` then the number zero-padded (the core seed uses other kind digits). */
function seedId(n: number): string {
  return `5eedb0${String(n).padStart(26, '0')}`;
}
