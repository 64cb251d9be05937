import type { EndpointDemographic, EndpointLocation, MessageConfiguration, Schedule, SegmentDimensions, SegmentGroupList, SegmentImportResource } from '@aws-sdk/client-pinpoint';
import { appArn, campaignArn, segmentArn, type ArnScope } from './arns';
import { cohortIdFor, endpointKey, type ActivityRecord, type AppRecord, type CampaignSettings, type EndpointRecord, type PinpointState, type SettingsRecord, type TreatmentRecord } from './store';

/**
 * The deterministic Pinpoint demo data set. No randomness: IDs are fixed, and every timestamp is
 * relative to the emulator clock's "now" at seeding time (`D-3` below = 3 UTC days before today).
 *
 * | app | campaigns (status) | segments (versions) | users → endpoints | events (D-14 … D-1) |
 * |---|---|---|---|---|
 * | RETAIL "Retail Storefront" | SPRING_SALE (COMPLETED, 3 versions, 2 extra treatments, 3 runs), WEEKLY_DIGEST (PENDING_NEXT_RUN, 2 versions, 2 runs), SUMMER_LAUNCH (SCHEDULED), PAUSED_PROMO (PAUSED), CART_PUSH (EXECUTING, event-triggered) | ALL_CUSTOMERS (2), VIP (3), NEWSLETTER_IMPORT (IMPORT, 1), LAPSED (segment groups, 1) | alice → email, sms, iphone; bob → email, android; carol → email, sms; dave → email; plus an anonymous device | campaign email/push, transactional email and SMS, sessions |
 * | BANKING "Mobile Banking" | CARD_OFFER (COMPLETED, 2 versions, 1 run), SECURITY_TIPS (PENDING_NEXT_RUN, 1 run) | ACTIVE_USERS (2), HIGH_BALANCE (1) | erin → iphone, email; frank → android, sms, email | push sends and opens, sessions |
 * | ALERTS "Internal Alerts" | none | ON_CALL (1) | oncall → two emails | transactional email D-3 … D-1 |
 *
 * Event counts the tests and the gateway rely on (all within the default 31-day KPI range):
 * - RETAIL transactional email, each day D-14 … D-1: 3 `_email.send` (alice, bob, carol); 3 `_email.delivered`
 *   except on D-5 and D-10, where carol's is an `_email.softbounce`; 1 `_email.open` (alice); 1 `_email.click`
 *   (alice) on even days; bob complains on D-7. Totals: 42 sent, 40 delivered, 14 opens, 7 clicks, 2 soft bounces, 1 complaint.
 * - RETAIL transactional SMS, each day D-14 … D-1: alice `_SMS.SUCCESS` (US, 1 part, 645 millicents); carol (CA,
 *   2 parts, 1184 millicents) `_SMS.SUCCESS` on odd days and `_SMS.FAILURE` (record_status UNREACHABLE) on even days.
 *   Totals: 28 sent, 21 delivered.
 * - SPRING_SALE, D-10 (one run per treatment): `_email.send` to alice, bob, carol, dave; delivered to alice, bob,
 *   carol; hard bounce for dave; opens: alice twice, bob once; click: alice.
 * - WEEKLY_DIGEST, D-13 and D-6 (one run each): sent and delivered to alice, bob, carol, dave; opens alice and carol; click carol.
 * - CART_PUSH, D-12, D-9, D-6, D-3: `_campaign.send` SUCCESS to alice's iPhone and bob's Android; alice opens each.
 * - CARD_OFFER, D-2: `_campaign.send` SUCCESS to erin's iPhone and frank's Android; erin opens.
 */
export const PINPOINT_SEED = {
  apps: {
    RETAIL: seedId('aa', 1),
    BANKING: seedId('aa', 2),
    ALERTS: seedId('aa', 3),
  },
  segments: {
    RETAIL_ALL_CUSTOMERS: seedId('5e', 101),
    RETAIL_VIP: seedId('5e', 102),
    RETAIL_NEWSLETTER_IMPORT: seedId('5e', 103),
    RETAIL_LAPSED: seedId('5e', 104),
    BANKING_ACTIVE_USERS: seedId('5e', 201),
    BANKING_HIGH_BALANCE: seedId('5e', 202),
    ALERTS_ON_CALL: seedId('5e', 301),
  },
  campaigns: {
    RETAIL_SPRING_SALE: seedId('ca', 101),
    RETAIL_WEEKLY_DIGEST: seedId('ca', 102),
    RETAIL_SUMMER_LAUNCH: seedId('ca', 103),
    RETAIL_PAUSED_PROMO: seedId('ca', 104),
    RETAIL_CART_PUSH: seedId('ca', 105),
    BANKING_CARD_OFFER: seedId('ca', 201),
    BANKING_SECURITY_TIPS: seedId('ca', 202),
  },
  users: {
    ALICE: 'seed-user-alice',
    BOB: 'seed-user-bob',
    CAROL: 'seed-user-carol',
    DAVE: 'seed-user-dave',
    ERIN: 'seed-user-erin',
    FRANK: 'seed-user-frank',
    ONCALL: 'seed-user-oncall',
  },
  endpoints: {
    ALICE_EMAIL: 'seed-alice-email',
    ALICE_SMS: 'seed-alice-sms',
    ALICE_IPHONE: 'seed-alice-iphone',
    BOB_EMAIL: 'seed-bob-email',
    BOB_ANDROID: 'seed-bob-android',
    CAROL_EMAIL: 'seed-carol-email',
    CAROL_SMS: 'seed-carol-sms',
    DAVE_EMAIL: 'seed-dave-email',
    ANONYMOUS_DEVICE: 'seed-anonymous-device',
    ERIN_IPHONE: 'seed-erin-iphone',
    ERIN_EMAIL: 'seed-erin-email',
    FRANK_ANDROID: 'seed-frank-android',
    FRANK_SMS: 'seed-frank-sms',
    FRANK_EMAIL: 'seed-frank-email',
    ONCALL_PRIMARY: 'seed-oncall-primary',
    ONCALL_SECONDARY: 'seed-oncall-secondary',
  },
  /** Campaign runs (activity IDs), used as `campaign_activity_id` on the campaigns' events. */
  activities: {
    SPRING_SALE_DEFAULT: seedId('ac', 1011),
    SPRING_SALE_TREATMENT_0: seedId('ac', 1012),
    SPRING_SALE_TREATMENT_1: seedId('ac', 1013),
    WEEKLY_DIGEST_RUN_1: seedId('ac', 1021),
    WEEKLY_DIGEST_RUN_2: seedId('ac', 1022),
    CART_PUSH_LISTENER: seedId('ac', 1051),
    CARD_OFFER_RUN: seedId('ac', 2011),
    SECURITY_TIPS_RUN: seedId('ac', 2021),
  },
} as const;

/** Loads the demo data set into `state` (one account and region), replacing any earlier copy of it. */
export function seedPinpoint(state: PinpointState, scope: ArnScope, now: Date): void {
  const at = clockAt(now);
  const retail = seedRetail(scope, at);
  const banking = seedBanking(scope, at);
  const alerts = seedAlerts(scope, at);
  for (const app of [retail, banking, alerts]) state.apps.set(app.id, app);
}

/** Module-private: a fixed 32-hex-digit ID: `5eed`, a 2-digit kind, then the number zero-padded. */
function seedId(kind: string, n: number): string {
  return `5eed${kind}${String(n).padStart(26, '0')}`;
}

/** Module-private: `at(days, hour)` is `hour`:00 UTC, `days` days before today (negative = ahead). */
function clockAt(now: Date): (daysAgo: number, hour?: number, minute?: number) => Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (daysAgo, hour = 10, minute = 0) => new Date(today - daysAgo * 86_400_000 + hour * 3_600_000 + minute * 60_000);
}

/** Module-private: the clock helper's type. */
type At = ReturnType<typeof clockAt>;

// Module-private shorthands for the tables below.
const S = PINPOINT_SEED.segments;
const C = PINPOINT_SEED.campaigns;
const E = PINPOINT_SEED.endpoints;
const U = PINPOINT_SEED.users;
const A = PINPOINT_SEED.activities;

/** Module-private. */
function seedRetail(scope: ArnScope, at: At): AppRecord {
  const app = newApp(scope, PINPOINT_SEED.apps.RETAIL, 'Retail Storefront', { env: 'demo', team: 'growth' }, at(60), {
    lastModifiedDate: at(30).toISOString(),
    limits: { Daily: 5, Total: 50, MessagesPerSecond: 100, MaximumDuration: 3600 },
    quietTime: { Start: '22:00', End: '07:00' },
    campaignHook: { Mode: 'FILTER', LambdaFunctionName: `arn:aws:lambda:${scope.region}:${scope.accountId}:function:retail-segment-filter` },
    journeyLimits: { DailyCap: 3, TotalCap: 10, TimeframeCap: { Days: 7, Cap: 5 } },
    cloudWatchMetricsEnabled: true,
    eventTaggingEnabled: false,
  });

  const channels = (values: string[]): SegmentDimensions => ({ Demographic: { Channel: { DimensionType: 'INCLUSIVE', Values: values } } });
  addSegment(app, scope, S.RETAIL_ALL_CUSTOMERS, 'DIMENSIONAL', { team: 'growth' }, [
    { at: at(50), name: 'All customers', dimensions: channels(['EMAIL', 'SMS', 'APNS', 'GCM']) },
    { at: at(40), name: 'All customers', dimensions: { ...channels(['EMAIL', 'SMS', 'APNS', 'GCM']), Location: { Country: { DimensionType: 'INCLUSIVE', Values: ['US', 'CA'] } } } },
  ]);
  addSegment(app, scope, S.RETAIL_VIP, 'DIMENSIONAL', { tier: 'vip' }, [
    { at: at(45), name: 'VIP shoppers', dimensions: { Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold'] } } } },
    { at: at(35), name: 'VIP shoppers', dimensions: { Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold', 'platinum'] } } } },
    {
      at: at(20),
      name: 'VIP shoppers (spend 500+)',
      dimensions: { Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold', 'platinum'] } }, Metrics: { lifetime_spend: { ComparisonOperator: 'GREATER_THAN_OR_EQUAL', Value: 500 } } },
    },
  ]);
  const importDefinition: SegmentImportResource = {
    Format: 'CSV',
    S3Url: 's3://retail-demo-imports/newsletter.csv',
    RoleArn: `arn:aws:iam::${scope.accountId}:role/PinpointSegmentImport`,
    ExternalId: 'retail-newsletter',
    Size: 3,
    ChannelCounts: { EMAIL: 3 },
  };
  addSegment(app, scope, S.RETAIL_NEWSLETTER_IMPORT, 'IMPORT', {}, [{ at: at(30), name: 'Newsletter import', importDefinition }]);
  const lapsedGroups: SegmentGroupList = {
    Include: 'ALL',
    Groups: [{ Type: 'ALL', SourceType: 'ALL', SourceSegments: [{ Id: S.RETAIL_ALL_CUSTOMERS, Version: 2 }], Dimensions: [{ Behavior: { Recency: { Duration: 'DAY_30', RecencyType: 'INACTIVE' } } }] }],
  };
  addSegment(app, scope, S.RETAIL_LAPSED, 'DIMENSIONAL', {}, [{ at: at(25), name: 'Lapsed buyers', segmentGroups: lapsedGroups }]);

  const email = (title: string, body: string): MessageConfiguration => ({ EmailMessage: { Title: title, HtmlBody: `<p>${body}</p>`, Body: body, FromAddress: 'offers@retail.example.com' } });
  const push = (title: string, body: string): MessageConfiguration => ({ DefaultMessage: { Title: title, Body: body, Action: 'OPEN_APP' } });
  const once = (daysAgo: number): Schedule => ({ StartTime: at(daysAgo).toISOString(), Frequency: 'ONCE', IsLocalTime: false, Timezone: 'UTC' });

  const springBase = { Name: 'Spring sale email', SegmentId: S.RETAIL_VIP, Schedule: once(10), Limits: { Daily: 1, Total: 1 } };
  const springTreatments: TreatmentRecord[] = [
    { Id: '0', SizePercent: 30, TreatmentName: 'Subject B', MessageConfiguration: email('Last chance: spring sale', 'Up to 40% off, ends Sunday.') },
    { Id: '1', SizePercent: 20, TreatmentName: 'Subject C', MessageConfiguration: email('Your VIP spring preview', 'Shop the sale a day early.') },
  ];
  addCampaign(app, scope, C.RETAIL_SPRING_SALE, { channel: 'email', season: 'spring' }, [
    { at: at(14), settings: { ...springBase, SegmentVersion: 1, MessageConfiguration: email('Spring sale', 'Up to 30% off.'), AdditionalTreatments: [] } },
    { at: at(12), settings: { ...springBase, SegmentVersion: 2, MessageConfiguration: email('Spring sale is here', 'Up to 40% off.'), AdditionalTreatments: [] } },
    {
      at: at(11),
      settings: {
        ...springBase,
        SegmentVersion: 2,
        Description: 'A/B/C test of the subject line',
        MessageConfiguration: email('Spring sale is here', 'Up to 40% off.'),
        TreatmentName: 'Control',
        TreatmentDescription: 'Original subject line',
        HoldoutPercent: 10,
        AdditionalTreatments: springTreatments,
      },
    },
  ], [
    completedRun(A.SPRING_SALE_DEFAULT, '', at, 10, 2, 1),
    completedRun(A.SPRING_SALE_TREATMENT_0, '0', at, 10, 1, 1),
    completedRun(A.SPRING_SALE_TREATMENT_1, '1', at, 10, 1, 1),
  ]);

  const weekly: Schedule = { StartTime: at(13).toISOString(), EndTime: at(-60).toISOString(), Frequency: 'WEEKLY', IsLocalTime: false, Timezone: 'UTC' };
  const weeklyBase = { Name: 'Weekly digest', SegmentId: S.RETAIL_ALL_CUSTOMERS, SegmentVersion: 1, Schedule: weekly, AdditionalTreatments: [] };
  addCampaign(app, scope, C.RETAIL_WEEKLY_DIGEST, { channel: 'email' }, [
    { at: at(16), settings: { ...weeklyBase, MessageConfiguration: email('Your weekly digest', 'New this week.') } },
    { at: at(15), settings: { ...weeklyBase, MessageConfiguration: email('This week at Retail', 'New this week.') } },
  ], [completedRun(A.WEEKLY_DIGEST_RUN_1, '', at, 13, 4, 4), completedRun(A.WEEKLY_DIGEST_RUN_2, '', at, 6, 4, 4)]);

  addCampaign(app, scope, C.RETAIL_SUMMER_LAUNCH, { channel: 'sms' }, [
    {
      at: at(2),
      settings: {
        Name: 'Summer launch',
        SegmentId: S.RETAIL_ALL_CUSTOMERS,
        SegmentVersion: 2,
        Schedule: { StartTime: at(-7).toISOString(), Frequency: 'ONCE', IsLocalTime: true, Timezone: 'UTC-05', QuietTime: { Start: '21:00', End: '08:00' } },
        MessageConfiguration: { SMSMessage: { Body: 'Summer is here! Reply STOP to opt out.', MessageType: 'PROMOTIONAL', OriginationNumber: '+12065550199' } },
        AdditionalTreatments: [],
      },
    },
  ], []);

  addCampaign(app, scope, C.RETAIL_PAUSED_PROMO, {}, [
    {
      at: at(4),
      settings: {
        Name: 'Paused promo',
        SegmentId: S.RETAIL_NEWSLETTER_IMPORT,
        SegmentVersion: 1,
        IsPaused: true,
        Schedule: { StartTime: at(-3).toISOString(), EndTime: at(-30).toISOString(), Frequency: 'DAILY', IsLocalTime: false, Timezone: 'UTC' },
        MessageConfiguration: email('Daily deal', 'Today only.'),
        AdditionalTreatments: [],
      },
    },
  ], []);

  addCampaign(app, scope, C.RETAIL_CART_PUSH, { channel: 'push' }, [
    {
      at: at(21),
      settings: {
        Name: 'Cart reminder push',
        SegmentId: S.RETAIL_ALL_CUSTOMERS,
        SegmentVersion: 2,
        Schedule: {
          StartTime: at(20).toISOString(),
          EndTime: at(-40).toISOString(),
          Frequency: 'EVENT',
          EventFilter: { FilterType: 'ENDPOINT', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['cart.abandoned'] } } },
        },
        MessageConfiguration: push('Still thinking it over?', 'Your cart is waiting.'),
        Priority: 2,
        AdditionalTreatments: [],
      },
    },
  ], [{ ...completedRun(A.CART_PUSH_LISTENER, '', at, 20, 0, 0), state: 'RUNNING', result: undefined, end: undefined }]);

  const person = (userId: string, tier: string, spend: number, interests: string[]) => ({
    User: { UserId: userId, UserAttributes: { FirstName: [userId.replace('seed-user-', '')], Interests: interests } },
    Attributes: { tier: [tier] },
    Metrics: { lifetime_spend: spend },
  });
  const seattle: EndpointLocation = { City: 'Seattle', Region: 'WA', Country: 'US', PostalCode: '98101', Latitude: 47.6, Longitude: -122.3 };
  const vancouver: EndpointLocation = { City: 'Vancouver', Region: 'BC', Country: 'CA', PostalCode: 'V6B', Latitude: 49.3, Longitude: -123.1 };
  const iphone: EndpointDemographic = { Make: 'Apple', Model: 'iPhone 15', Platform: 'iOS', PlatformVersion: '17.4', AppVersion: '4.2.0', Locale: 'en_US', Timezone: 'America/Los_Angeles' };
  const android: EndpointDemographic = { Make: 'Google', Model: 'Pixel 8', Platform: 'Android', PlatformVersion: '14', AppVersion: '4.2.0', Locale: 'en_US', Timezone: 'America/New_York' };
  addEndpoint(app, E.ALICE_EMAIL, at(58), { ChannelType: 'EMAIL', Address: 'alice@example.com', Location: seattle, ...person(U.ALICE, 'gold', 820, ['shoes', 'travel']) });
  addEndpoint(app, E.ALICE_SMS, at(58), { ChannelType: 'SMS', Address: '+12065550101', Location: seattle, ...person(U.ALICE, 'gold', 820, ['shoes', 'travel']) });
  addEndpoint(app, E.ALICE_IPHONE, at(57), { ChannelType: 'APNS', Address: 'a1c3f00d5eed0000000000000000000000000000000000000000000000000001', Demographic: iphone, Location: seattle, ...person(U.ALICE, 'gold', 820, ['shoes', 'travel']) });
  addEndpoint(app, E.BOB_EMAIL, at(55), { ChannelType: 'EMAIL', Address: 'bob@example.com', ...person(U.BOB, 'platinum', 1430, ['electronics']) });
  addEndpoint(app, E.BOB_ANDROID, at(54), { ChannelType: 'GCM', Address: 'fcm-token-seed-bob-android-0001', Demographic: android, ...person(U.BOB, 'platinum', 1430, ['electronics']) });
  addEndpoint(app, E.CAROL_EMAIL, at(50), { ChannelType: 'EMAIL', Address: 'carol@example.ca', Location: vancouver, ...person(U.CAROL, 'silver', 240, ['books']) });
  addEndpoint(app, E.CAROL_SMS, at(50), { ChannelType: 'SMS', Address: '+16045550102', Location: vancouver, ...person(U.CAROL, 'silver', 240, ['books']) });
  addEndpoint(app, E.DAVE_EMAIL, at(40), { ChannelType: 'EMAIL', Address: 'dave@example.com', ...person(U.DAVE, 'bronze', 35, []), OptOut: 'NONE' });
  // Registered by the app before the user signed in: no address, so opted out (seed 002).
  addEndpoint(app, E.ANONYMOUS_DEVICE, at(5), { ChannelType: 'APNS', Demographic: iphone });

  const events = eventWriter(app);
  for (let day = 14; day >= 1; day -= 1) {
    // Transactional email.
    for (const endpoint of [E.ALICE_EMAIL, E.BOB_EMAIL, E.CAROL_EMAIL]) events(endpoint, '_email.send', at(day, 9), {});
    events(E.ALICE_EMAIL, '_email.delivered', at(day, 9, 1), {});
    events(E.BOB_EMAIL, '_email.delivered', at(day, 9, 1), {});
    events(E.CAROL_EMAIL, day % 5 === 0 ? '_email.softbounce' : '_email.delivered', at(day, 9, 1), {});
    events(E.ALICE_EMAIL, '_email.open', at(day, 9, 30), {});
    if (day % 2 === 0) events(E.ALICE_EMAIL, '_email.click', at(day, 9, 31), {});
    if (day === 7) events(E.BOB_EMAIL, '_email.complaint', at(day, 11), {});
    // Transactional SMS.
    events(E.ALICE_SMS, '_SMS.SUCCESS', at(day, 12), { iso_country_code: 'US', record_status: 'DELIVERED', message_type: 'Transactional', number_of_message_parts: '1' }, { price_in_millicents_usd: 645 });
    const carolDelivered = day % 2 === 1;
    events(E.CAROL_SMS, carolDelivered ? '_SMS.SUCCESS' : '_SMS.FAILURE', at(day, 12), {
      iso_country_code: 'CA',
      record_status: carolDelivered ? 'DELIVERED' : 'UNREACHABLE',
      message_type: 'Transactional',
      number_of_message_parts: '2',
    }, { price_in_millicents_usd: 1184 });
    // App sessions.
    events(E.ALICE_IPHONE, '_session.start', at(day, 19), {}, {}, { Id: `seed-session-alice-${day}`, StartTimestamp: at(day, 19).toISOString() });
  }

  const spring = (endpoint: string, activity: string, treatment: string) => ({ campaign_id: C.RETAIL_SPRING_SALE, campaign_activity_id: activity, treatment_id: treatment, endpoint });
  const springRecipients = [
    spring(E.ALICE_EMAIL, A.SPRING_SALE_DEFAULT, ''),
    spring(E.BOB_EMAIL, A.SPRING_SALE_TREATMENT_0, '0'),
    spring(E.CAROL_EMAIL, A.SPRING_SALE_TREATMENT_1, '1'),
    spring(E.DAVE_EMAIL, A.SPRING_SALE_DEFAULT, ''),
  ];
  for (const { endpoint, ...attributes } of springRecipients) {
    events(endpoint, '_email.send', at(10, 10), attributes);
    events(endpoint, endpoint === E.DAVE_EMAIL ? '_email.hardbounce' : '_email.delivered', at(10, 10, 2), attributes);
  }
  const [aliceSpring, bobSpring] = springRecipients;
  events(E.ALICE_EMAIL, '_email.open', at(10, 11), withoutEndpoint(aliceSpring));
  events(E.ALICE_EMAIL, '_email.open', at(10, 15), withoutEndpoint(aliceSpring));
  events(E.BOB_EMAIL, '_email.open', at(10, 12), withoutEndpoint(bobSpring));
  events(E.ALICE_EMAIL, '_email.click', at(10, 11, 5), withoutEndpoint(aliceSpring));

  for (const [day, activity] of [[13, A.WEEKLY_DIGEST_RUN_1], [6, A.WEEKLY_DIGEST_RUN_2]] as const) {
    const attributes = { campaign_id: C.RETAIL_WEEKLY_DIGEST, campaign_activity_id: activity, treatment_id: '' };
    for (const endpoint of [E.ALICE_EMAIL, E.BOB_EMAIL, E.CAROL_EMAIL, E.DAVE_EMAIL]) {
      events(endpoint, '_email.send', at(day, 8), attributes);
      events(endpoint, '_email.delivered', at(day, 8, 2), attributes);
    }
    events(E.ALICE_EMAIL, '_email.open', at(day, 18), attributes);
    events(E.CAROL_EMAIL, '_email.open', at(day, 20), attributes);
    events(E.CAROL_EMAIL, '_email.click', at(day, 20, 1), attributes);
  }

  for (const day of [12, 9, 6, 3]) {
    const attributes = { campaign_id: C.RETAIL_CART_PUSH, campaign_activity_id: A.CART_PUSH_LISTENER, treatment_id: '' };
    events(E.ALICE_IPHONE, '_campaign.send', at(day, 16), { ...attributes, campaign_send_status: 'SUCCESS', delivery_type: 'APNS' });
    events(E.BOB_ANDROID, '_campaign.send', at(day, 16), { ...attributes, campaign_send_status: 'SUCCESS', delivery_type: 'GCM' });
    events(E.ALICE_IPHONE, '_campaign.opened_notification', at(day, 16, 30), attributes);
  }
  return app;
}

/** Module-private. */
function seedBanking(scope: ArnScope, at: At): AppRecord {
  const app = newApp(scope, PINPOINT_SEED.apps.BANKING, 'Mobile Banking', { env: 'demo', team: 'mobile' }, at(90), {
    limits: { Daily: 2, MessagesPerSecond: 50 },
    lastModifiedDate: at(80).toISOString(),
  });
  const mobile: SegmentDimensions = { Demographic: { Platform: { DimensionType: 'INCLUSIVE', Values: ['iOS', 'Android'] } } };
  addSegment(app, scope, S.BANKING_ACTIVE_USERS, 'DIMENSIONAL', {}, [
    { at: at(70), name: 'Active app users', dimensions: mobile },
    { at: at(33), name: 'Active app users (7 days)', dimensions: { ...mobile, Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'ACTIVE' } } } },
  ]);
  addSegment(app, scope, S.BANKING_HIGH_BALANCE, 'DIMENSIONAL', { sensitivity: 'high' }, [
    { at: at(60), name: 'High balance', dimensions: { Metrics: { balance: { ComparisonOperator: 'GREATER_THAN', Value: 10000 } } } },
  ]);
  const pushMessage = (title: string, body: string): MessageConfiguration => ({ DefaultMessage: { Title: title, Body: body, Action: 'OPEN_APP' } });
  const offerBase = { Name: 'Card offer', SegmentId: S.BANKING_HIGH_BALANCE, SegmentVersion: 1, Schedule: { StartTime: at(2).toISOString(), Frequency: 'ONCE' as const }, AdditionalTreatments: [] };
  addCampaign(app, scope, C.BANKING_CARD_OFFER, { product: 'cards' }, [
    { at: at(5), settings: { ...offerBase, MessageConfiguration: pushMessage('A card for you', 'Pre-approved.') } },
    { at: at(4), settings: { ...offerBase, MessageConfiguration: pushMessage('Your new card offer', 'Pre-approved, no fee.'), HoldoutPercent: 5 } },
  ], [completedRun(A.CARD_OFFER_RUN, '', at, 2, 2, 2)]);
  addCampaign(app, scope, C.BANKING_SECURITY_TIPS, {}, [
    {
      at: at(26),
      settings: {
        Name: 'Security tips',
        SegmentId: S.BANKING_ACTIVE_USERS,
        SegmentVersion: 2,
        Schedule: { StartTime: at(25).toISOString(), EndTime: at(-340).toISOString(), Frequency: 'MONTHLY', IsLocalTime: false, Timezone: 'UTC' },
        MessageConfiguration: pushMessage('Stay safe', 'Never share your PIN.'),
        AdditionalTreatments: [],
      },
    },
  ], [completedRun(A.SECURITY_TIPS_RUN, '', at, 25, 2, 2)]);

  const customer = (userId: string) => ({ User: { UserId: userId, UserAttributes: { Segment: ['retail-banking'] } }, Metrics: { balance: userId === U.ERIN ? 25_000 : 4_200 } });
  addEndpoint(app, E.ERIN_IPHONE, at(88), { ChannelType: 'APNS', Address: 'e1f2000d5eed0000000000000000000000000000000000000000000000000002', Demographic: { Platform: 'iOS', Make: 'Apple', Model: 'iPhone 14', Timezone: 'Europe/London', Locale: 'en_GB' }, ...customer(U.ERIN) });
  addEndpoint(app, E.ERIN_EMAIL, at(88), { ChannelType: 'EMAIL', Address: 'erin@example.co.uk', ...customer(U.ERIN) });
  addEndpoint(app, E.FRANK_ANDROID, at(70), { ChannelType: 'GCM', Address: 'fcm-token-seed-frank-android-0001', Demographic: { Platform: 'Android', Make: 'Samsung', Model: 'SM-S918B', Timezone: 'Europe/Berlin', Locale: 'de_DE' }, ...customer(U.FRANK) });
  addEndpoint(app, E.FRANK_SMS, at(70), { ChannelType: 'SMS', Address: '+4915155550103', ...customer(U.FRANK), OptOut: 'ALL' });
  addEndpoint(app, E.FRANK_EMAIL, at(69), { ChannelType: 'EMAIL', Address: 'frank@example.de', ...customer(U.FRANK) });

  const events = eventWriter(app);
  const offer = { campaign_id: C.BANKING_CARD_OFFER, campaign_activity_id: A.CARD_OFFER_RUN, treatment_id: '' };
  events(E.ERIN_IPHONE, '_campaign.send', at(2, 10), { ...offer, campaign_send_status: 'SUCCESS', delivery_type: 'APNS' });
  events(E.FRANK_ANDROID, '_campaign.send', at(2, 10), { ...offer, campaign_send_status: 'SUCCESS', delivery_type: 'GCM' });
  events(E.ERIN_IPHONE, '_campaign.opened_notification', at(2, 13), offer);
  for (let day = 14; day >= 1; day -= 1) {
    events(E.ERIN_IPHONE, '_session.start', at(day, 8), {}, {}, { Id: `seed-session-erin-${day}`, StartTimestamp: at(day, 8).toISOString() });
    if (day % 2 === 0) events(E.FRANK_ANDROID, '_session.start', at(day, 21), {}, {}, { Id: `seed-session-frank-${day}`, StartTimestamp: at(day, 21).toISOString() });
  }
  return app;
}

/** Module-private. */
function seedAlerts(scope: ArnScope, at: At): AppRecord {
  const app = newApp(scope, PINPOINT_SEED.apps.ALERTS, 'Internal Alerts', { env: 'demo', team: 'platform' }, at(20), {});
  addSegment(app, scope, S.ALERTS_ON_CALL, 'DIMENSIONAL', {}, [
    { at: at(19), name: 'On-call engineers', dimensions: { UserAttributes: { Team: { AttributeType: 'INCLUSIVE', Values: ['ops'] } } } },
  ]);
  const oncall = { User: { UserId: U.ONCALL, UserAttributes: { Team: ['ops'] } } };
  addEndpoint(app, E.ONCALL_PRIMARY, at(19), { ChannelType: 'EMAIL', Address: 'oncall@example.net', ...oncall });
  addEndpoint(app, E.ONCALL_SECONDARY, at(18), { ChannelType: 'EMAIL', Address: 'oncall-backup@example.net', ...oncall });
  const events = eventWriter(app);
  for (let day = 3; day >= 1; day -= 1) {
    events(E.ONCALL_PRIMARY, '_email.send', at(day, 3), {});
    events(E.ONCALL_PRIMARY, '_email.delivered', at(day, 3, 1), {});
  }
  return app;
}

/** Module-private. */
function newApp(scope: ArnScope, id: string, name: string, tags: Record<string, string>, created: Date, settings: SettingsRecord): AppRecord {
  return {
    id,
    name,
    arn: appArn(scope, id),
    creationDate: created.toISOString(),
    tags,
    settings,
    campaigns: new Map(),
    segments: new Map(),
    endpoints: new Map(),
    events: [],
    attributeKeys: new Set(),
  };
}

/** Module-private. */
function addSegment(
  app: AppRecord,
  scope: ArnScope,
  id: string,
  segmentType: 'DIMENSIONAL' | 'IMPORT',
  tags: Record<string, string>,
  versions: Array<{ at: Date; name: string; dimensions?: SegmentDimensions; segmentGroups?: SegmentGroupList; importDefinition?: SegmentImportResource }>,
): void {
  app.segments.set(id, {
    id,
    arn: segmentArn(scope, app.id, id),
    creationDate: versions[0].at.toISOString(),
    segmentType,
    tags,
    versions: versions.map((version, index) => ({
      version: index + 1,
      lastModifiedDate: version.at.toISOString(),
      name: version.name,
      dimensions: version.dimensions,
      segmentGroups: version.segmentGroups,
      importDefinition: version.importDefinition,
    })),
  });
}

/** Module-private. */
function addCampaign(app: AppRecord, scope: ArnScope, id: string, tags: Record<string, string>, versions: Array<{ at: Date; settings: CampaignSettings }>, activities: ActivityRecord[]): void {
  app.campaigns.set(id, {
    id,
    arn: campaignArn(scope, app.id, id),
    creationDate: versions[0].at.toISOString(),
    tags,
    versions: versions.map((version, index) => ({ version: index + 1, lastModifiedDate: version.at.toISOString(), settings: version.settings })),
    activities,
  });
}

/** Module-private: a finished run `daysAgo` days back that reached `successful` of `total` endpoints. */
function completedRun(id: string, treatmentId: string, at: At, daysAgo: number, total: number, successful: number): ActivityRecord {
  return {
    id,
    treatmentId,
    state: 'COMPLETED',
    result: 'SUCCESS',
    scheduledStart: at(daysAgo).toISOString(),
    start: at(daysAgo, 10, 0).toISOString(),
    end: at(daysAgo, 10, 5).toISOString(),
    successfulEndpointCount: successful,
    totalEndpointCount: total,
    timezonesTotalCount: 1,
    timezonesCompletedCount: 1,
    executionMetrics: { ENDPOINT_PRODUCED: String(total), DUPLICATE_ENDPOINT: '0', ENDPOINT_OPT_OUT: '0' },
  };
}

/** Module-private: stores an endpoint as UpdateEndpoint would have, at `created`. */
function addEndpoint(app: AppRecord, id: string, created: Date, fields: Omit<Partial<EndpointRecord>, 'Id' | 'CreationDate' | 'CohortId'>): void {
  const address = fields.Address;
  const endpoint: EndpointRecord = {
    ...fields,
    Id: id,
    CreationDate: created.toISOString(),
    CohortId: cohortIdFor(id),
    EndpointStatus: fields.EndpointStatus ?? 'ACTIVE',
    OptOut: fields.OptOut ?? (address === undefined ? 'ALL' : 'NONE'),
    RequestId: `seed-request-${id}`,
    EffectiveDate: created.toISOString(),
  };
  app.endpoints.set(endpointKey(id), endpoint);
  for (const name of Object.keys(fields.Attributes ?? {})) app.attributeKeys.add(`Attributes:${name}`);
  for (const name of Object.keys(fields.Metrics ?? {})) app.attributeKeys.add(`Metrics:${name}`);
  for (const name of Object.keys(fields.User?.UserAttributes ?? {})) app.attributeKeys.add(`UserAttributes:${name}`);
}

/** Module-private: appends recorded events to an app, with sequential event IDs. */
function eventWriter(app: AppRecord) {
  return (endpointId: string, eventType: string, timestamp: Date, attributes: Record<string, string>, metrics: Record<string, number> = {}, session?: { Id: string; StartTimestamp: string }) => {
    app.events.push({ endpointId, eventId: `seed-event-${app.events.length + 1}`, eventType, timestamp, attributes, metrics, session });
  };
}

/** Module-private. */
function withoutEndpoint<T extends { endpoint: string }>(recipient: T | undefined): Omit<T, 'endpoint'> {
  if (recipient === undefined) throw new Error('invariant: seed recipient list is fixed');
  const { endpoint: _endpoint, ...attributes } = recipient;
  return attributes;
}
