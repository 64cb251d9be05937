import type { ResultRow, ResultRowValue } from '@aws-sdk/client-pinpoint';
import type { RecordedEvent } from './store';

/**
 * Date-range KPIs computed from the events PutEvents recorded (and the seed's events).
 *
 * AWS pre-aggregates these from its event stream; seed 002 names only two KPIs and defers the
 * list to the Developer Guide ([DG-2023], inventory §5.2). The emulator supports every
 * application and campaign name listed there, with the mapping below, in one table (`KPIS`):
 *
 * Which events are "campaign" events: those whose `campaign_id` attribute is set (the standard
 * campaign event attributes are `campaign_id`, `campaign_activity_id` and `treatment_id`).
 * Transactional (`txn-*`) KPIs count events with neither `campaign_id` nor `journey_id`.
 * Campaign KPIs count the events whose `campaign_id` is the queried campaign.
 *
 * Signals (`SIGNALS`), by standard event type:
 * - attempted delivery: `_email.send`, `_SMS.BUFFERED`, `_SMS.SUCCESS`, `_SMS.FAILURE`, `_campaign.send` (push and custom);
 * - successful delivery: `_email.delivered`, `_SMS.SUCCESS`, `_campaign.send` with `campaign_send_status` = SUCCESS;
 * - email: `_email.send`, `_email.delivered`, `_email.open`, `_email.click`, `_email.hardbounce`, `_email.softbounce`, `_email.complaint`;
 * - push open: `_campaign.opened_notification`; SMS sent: `_SMS.BUFFERED|SUCCESS|FAILURE`, delivered `_SMS.SUCCESS`, failed `_SMS.FAILURE`.
 * SMS parts come from `number_of_message_parts` (metric or attribute, default 1), prices from the
 * `price_in_millicents_usd` metric (reported in USD), countries from `iso_country_code`, error
 * codes from `record_status`.
 *
 * Results: every value has `Type` "Double" and a string `Value` ("12.0", "0.75"); its `Key` is
 * the KPI name without `-grouped-by-…`, in PascalCase (`unique-deliveries` → `UniqueDeliveries`).
 * "unique" measures count distinct endpoint IDs; rates are numerator ÷ denominator.
 * - Not grouped: one row without `GroupedBys`, or no rows when nothing contributed (AWS: "a null metric gives Rows: []").
 * - Grouped by date: one row per UTC calendar day of the range (`{Key: "Date", Type: "String", Value: "2024-05-01"}`), zeros included.
 * - Grouped by campaign / campaign run / country / error: one row per value that occurs (`CampaignId`,
 *   `CampaignActivityId`, `CountryCode`, `RecordStatus`), sorted by that value.
 */

/** The two KPI operations this table serves. */
export type KpiScope = 'application' | 'campaign';

/** Which events a KPI looks at before its signals. */
type Population = 'campaign' | 'transactional';

/** How the rows of a KPI are grouped. */
type Grouping = 'none' | 'date' | 'campaign' | 'campaign-activity' | 'country' | 'record-status';

/** Named event predicates (see the module comment). */
type Signal = keyof typeof SIGNALS;

/** What a KPI computes over the events of one row. */
type Measure =
  | { readonly kind: 'count'; readonly signal: Signal }
  | { readonly kind: 'unique-endpoints'; readonly signal: Signal }
  | { readonly kind: 'sum'; readonly signal: Signal; readonly quantity: Quantity }
  | { readonly kind: 'ratio'; readonly numerator: Measure; readonly denominator: Measure };

/** A per-event number summed by a `sum` measure. */
type Quantity = 'message-parts' | 'price-usd';

/** One supported KPI. */
export interface KpiDefinition {
  readonly name: string;
  readonly scopes: readonly KpiScope[];
  /** Which events the application-scope query counts; campaign-scope queries count the campaign's events. */
  readonly population: Population;
  readonly measure: Measure;
  readonly groupBy: Grouping;
}

/** Module-private: event predicates by signal name. */
const SIGNALS = {
  attempted: (event: RecordedEvent) => ['_email.send', '_SMS.BUFFERED', '_SMS.SUCCESS', '_SMS.FAILURE', '_campaign.send'].includes(event.eventType),
  delivered: (event: RecordedEvent) =>
    event.eventType === '_email.delivered' || event.eventType === '_SMS.SUCCESS' || (event.eventType === '_campaign.send' && event.attributes.campaign_send_status === 'SUCCESS'),
  emailSent: (event: RecordedEvent) => event.eventType === '_email.send',
  emailDelivered: (event: RecordedEvent) => event.eventType === '_email.delivered',
  emailOpened: (event: RecordedEvent) => event.eventType === '_email.open',
  emailClicked: (event: RecordedEvent) => event.eventType === '_email.click',
  emailHardBounced: (event: RecordedEvent) => event.eventType === '_email.hardbounce',
  emailSoftBounced: (event: RecordedEvent) => event.eventType === '_email.softbounce',
  emailComplained: (event: RecordedEvent) => event.eventType === '_email.complaint',
  pushDelivered: (event: RecordedEvent) => event.eventType === '_campaign.send' && event.attributes.campaign_send_status === 'SUCCESS',
  pushOpened: (event: RecordedEvent) => event.eventType === '_campaign.opened_notification',
  smsSent: (event: RecordedEvent) => event.eventType === '_SMS.BUFFERED' || event.eventType === '_SMS.SUCCESS' || event.eventType === '_SMS.FAILURE',
  smsDelivered: (event: RecordedEvent) => event.eventType === '_SMS.SUCCESS',
  smsFailed: (event: RecordedEvent) => event.eventType === '_SMS.FAILURE',
} as const;

/** Module-private shorthands for the table. */
const count = (signal: Signal): Measure => ({ kind: 'count', signal });
const unique = (signal: Signal): Measure => ({ kind: 'unique-endpoints', signal });
const sum = (signal: Signal, quantity: Quantity): Measure => ({ kind: 'sum', signal, quantity });
const ratio = (numerator: Measure, denominator: Measure): Measure => ({ kind: 'ratio', numerator, denominator });
const APP: readonly KpiScope[] = ['application'];
const CAMPAIGN: readonly KpiScope[] = ['campaign'];
const BOTH: readonly KpiScope[] = ['application', 'campaign'];

/** Module-private: one line per KPI name ([DG-2023] standard metrics, inventory §5.2). */
const TABLE: ReadonlyArray<[name: string, scopes: readonly KpiScope[], population: Population, measure: Measure, groupBy: Grouping]> = [
  // Application metrics for campaigns (the first six names are also campaign metrics).
  ['successful-delivery-rate', BOTH, 'campaign', ratio(count('delivered'), count('attempted')), 'none'],
  ['successful-delivery-rate-grouped-by-date', BOTH, 'campaign', ratio(count('delivered'), count('attempted')), 'date'],
  ['email-open-rate', BOTH, 'campaign', ratio(unique('emailOpened'), unique('emailDelivered')), 'none'],
  ['email-open-rate-grouped-by-campaign', APP, 'campaign', ratio(unique('emailOpened'), unique('emailDelivered')), 'campaign'],
  ['unique-deliveries', BOTH, 'campaign', unique('delivered'), 'none'],
  ['unique-deliveries-grouped-by-campaign', APP, 'campaign', unique('delivered'), 'campaign'],
  ['unique-deliveries-grouped-by-date', BOTH, 'campaign', unique('delivered'), 'date'],
  ['successful-deliveries-grouped-by-campaign', APP, 'campaign', count('delivered'), 'campaign'],
  ['push-open-rate', BOTH, 'campaign', ratio(unique('pushOpened'), unique('pushDelivered')), 'none'],
  ['push-open-rate-grouped-by-campaign', APP, 'campaign', ratio(unique('pushOpened'), unique('pushDelivered')), 'campaign'],
  // Application metrics for transactional email.
  ['txn-emails-clicked', APP, 'transactional', count('emailClicked'), 'none'],
  ['txn-emails-clicked-grouped-by-date', APP, 'transactional', count('emailClicked'), 'date'],
  ['txn-emails-complaint-rate', APP, 'transactional', ratio(count('emailComplained'), count('emailDelivered')), 'none'],
  ['txn-emails-complaint-rate-grouped-by-date', APP, 'transactional', ratio(count('emailComplained'), count('emailDelivered')), 'date'],
  ['txn-emails-with-complaints', APP, 'transactional', count('emailComplained'), 'none'],
  ['txn-emails-with-complaints-grouped-by-date', APP, 'transactional', count('emailComplained'), 'date'],
  ['txn-emails-delivered', APP, 'transactional', count('emailDelivered'), 'none'],
  ['txn-emails-delivered-grouped-by-date', APP, 'transactional', count('emailDelivered'), 'date'],
  ['txn-emails-delivery-rate', APP, 'transactional', ratio(count('emailDelivered'), count('emailSent')), 'none'],
  ['txn-emails-delivery-rate-grouped-by-date', APP, 'transactional', ratio(count('emailDelivered'), count('emailSent')), 'date'],
  ['txn-emails-hard-bounced', APP, 'transactional', count('emailHardBounced'), 'none'],
  ['txn-emails-hard-bounced-grouped-by-date', APP, 'transactional', count('emailHardBounced'), 'date'],
  ['txn-emails-opened', APP, 'transactional', count('emailOpened'), 'none'],
  ['txn-emails-opened-grouped-by-date', APP, 'transactional', count('emailOpened'), 'date'],
  ['txn-emails-sent', APP, 'transactional', count('emailSent'), 'none'],
  ['txn-emails-sent-grouped-by-date', APP, 'transactional', count('emailSent'), 'date'],
  ['txn-emails-soft-bounced', APP, 'transactional', count('emailSoftBounced'), 'none'],
  ['txn-emails-soft-bounced-grouped-by-date', APP, 'transactional', count('emailSoftBounced'), 'date'],
  ['txn-emails-unique-clicks', APP, 'transactional', unique('emailClicked'), 'none'],
  ['txn-emails-unique-clicks-grouped-by-date', APP, 'transactional', unique('emailClicked'), 'date'],
  ['txn-emails-unique-opens', APP, 'transactional', unique('emailOpened'), 'none'],
  ['txn-emails-unique-opens-grouped-by-date', APP, 'transactional', unique('emailOpened'), 'date'],
  // Application metrics for transactional SMS.
  ['txn-sms-average-price-grouped-by-country', APP, 'transactional', ratio(sum('smsSent', 'price-usd'), count('smsSent')), 'country'],
  ['txn-sms-average-price-by-parts-grouped-by-country', APP, 'transactional', ratio(sum('smsSent', 'price-usd'), sum('smsSent', 'message-parts')), 'country'],
  ['txn-sms-delivered', APP, 'transactional', count('smsDelivered'), 'none'],
  ['txn-sms-delivered-grouped-by-country', APP, 'transactional', count('smsDelivered'), 'country'],
  ['txn-sms-delivered-grouped-by-date', APP, 'transactional', count('smsDelivered'), 'date'],
  ['txn-sms-error-distribution', APP, 'transactional', count('smsFailed'), 'record-status'],
  ['txn-sms-delivery-rate', APP, 'transactional', ratio(count('smsDelivered'), count('smsSent')), 'none'],
  ['txn-sms-delivery-rate-grouped-by-date', APP, 'transactional', ratio(count('smsDelivered'), count('smsSent')), 'date'],
  ['txn-sms-delivered-by-parts', APP, 'transactional', sum('smsDelivered', 'message-parts'), 'none'],
  ['txn-sms-delivered-by-parts-grouped-by-country', APP, 'transactional', sum('smsDelivered', 'message-parts'), 'country'],
  ['txn-sms-sent-by-parts', APP, 'transactional', sum('smsSent', 'message-parts'), 'none'],
  ['txn-sms-sent-by-parts-grouped-by-country', APP, 'transactional', sum('smsSent', 'message-parts'), 'country'],
  ['txn-sms-sent', APP, 'transactional', count('smsSent'), 'none'],
  ['txn-sms-sent-grouped-by-country', APP, 'transactional', count('smsSent'), 'country'],
  ['txn-sms-sent-grouped-by-date', APP, 'transactional', count('smsSent'), 'date'],
  ['txn-sms-total-price-grouped-by-country', APP, 'transactional', sum('smsSent', 'price-usd'), 'country'],
  // Campaign metrics.
  ['hard-bounce-rate', CAMPAIGN, 'campaign', ratio(count('emailHardBounced'), count('attempted')), 'none'],
  ['hard-bounce-rate-grouped-by-campaign-activity', CAMPAIGN, 'campaign', ratio(count('emailHardBounced'), count('attempted')), 'campaign-activity'],
  ['successful-delivery-rate-grouped-by-campaign-activity', CAMPAIGN, 'campaign', ratio(count('delivered'), count('attempted')), 'campaign-activity'],
  ['email-open-rate-grouped-by-campaign-activity', CAMPAIGN, 'campaign', ratio(unique('emailOpened'), unique('emailDelivered')), 'campaign-activity'],
  ['direct-email-opens-grouped-by-campaign-activity', CAMPAIGN, 'campaign', count('emailOpened'), 'campaign-activity'],
  ['unique-deliveries-grouped-by-campaign-activity', CAMPAIGN, 'campaign', unique('delivered'), 'campaign-activity'],
  ['clicks-grouped-by-campaign-activity', CAMPAIGN, 'campaign', count('emailClicked'), 'campaign-activity'],
  ['successful-deliveries-grouped-by-campaign-activity', CAMPAIGN, 'campaign', count('delivered'), 'campaign-activity'],
  ['attempted-deliveries-grouped-by-campaign-activity', CAMPAIGN, 'campaign', count('attempted'), 'campaign-activity'],
  ['push-open-rate-grouped-by-campaign-activity', CAMPAIGN, 'campaign', ratio(unique('pushOpened'), unique('pushDelivered')), 'campaign-activity'],
  ['direct-push-opens-grouped-by-campaign-activity', CAMPAIGN, 'campaign', count('pushOpened'), 'campaign-activity'],
  ['sms-spend', CAMPAIGN, 'campaign', sum('smsSent', 'price-usd'), 'none'],
];

/** Every supported KPI by name. */
export const KPIS: ReadonlyMap<string, KpiDefinition> = new Map(TABLE.map(([name, scopes, population, measure, groupBy]) => [name, { name, scopes, population, measure, groupBy }]));

/** Seed 002: a KPI name is "two or more terms … of lowercase alphanumeric characters, separated by a hyphen". */
export const KPI_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** The KPI `name` names for `scope`, if the emulator supports it there. */
export function kpiFor(scope: KpiScope, name: string): KpiDefinition | undefined {
  const definition = KPIS.get(name);
  return definition !== undefined && definition.scopes.includes(scope) ? definition : undefined;
}

/** What a query selects: a scope (and the campaign for campaign scope) and an inclusive time range. */
export interface KpiQuery {
  readonly scope: KpiScope;
  readonly campaignId?: string;
  readonly start: Date;
  readonly end: Date;
}

/** The result rows of `definition` over `events` for `query`. */
export function computeKpi(definition: KpiDefinition, events: readonly RecordedEvent[], query: KpiQuery): ResultRow[] {
  const selected = events.filter((event) => inPopulation(event, definition.population, query) && event.timestamp >= query.start && event.timestamp <= query.end);
  const valueKey = pascalCase(definition.name.replace(/-grouped-by-.*$/, ''));
  const row = (groupedBys: ResultRowValue[] | undefined, value: number): ResultRow => ({ GroupedBys: groupedBys, Values: [{ Key: valueKey, Type: 'Double', Value: formatDouble(value) }] });
  const grouping = definition.groupBy;
  switch (grouping) {
    case 'none': {
      const value = measure(definition.measure, selected);
      return value === undefined ? [] : [row(undefined, value)];
    }
    case 'date':
      return utcDays(query.start, query.end).map((day) => {
        const value = measure(definition.measure, selected.filter((event) => utcDay(event.timestamp) === day)) ?? 0;
        return row([{ Key: 'Date', Type: 'String', Value: day }], value);
      });
    case 'campaign':
    case 'campaign-activity':
    case 'country':
    case 'record-status': {
      const { key, attribute } = GROUP_ATTRIBUTES[grouping];
      const groups = [...new Set(selected.map((event) => event.attributes[attribute]).filter((value): value is string => value !== undefined && value !== ''))].sort();
      return groups.flatMap((group) => {
        const value = measure(definition.measure, selected.filter((event) => event.attributes[attribute] === group));
        return value === undefined ? [] : [row([{ Key: key, Type: 'String', Value: group }], value)];
      });
    }
    default: {
      const unreachable: never = grouping;
      throw new Error(`Unhandled KPI grouping: ${String(unreachable)}`);
    }
  }
}

/** The UTC calendar day (`YYYY-MM-DD`) of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Module-private: the GroupedBys key and the event attribute of each attribute grouping. */
const GROUP_ATTRIBUTES = {
  campaign: { key: 'CampaignId', attribute: 'campaign_id' },
  'campaign-activity': { key: 'CampaignActivityId', attribute: 'campaign_activity_id' },
  country: { key: 'CountryCode', attribute: 'iso_country_code' },
  'record-status': { key: 'RecordStatus', attribute: 'record_status' },
} as const;

/** Module-private. */
function inPopulation(event: RecordedEvent, population: Population, query: KpiQuery): boolean {
  if (query.scope === 'campaign') return event.attributes.campaign_id === query.campaignId;
  switch (population) {
    case 'campaign':
      return event.attributes.campaign_id !== undefined && event.attributes.campaign_id !== '';
    case 'transactional':
      return (event.attributes.campaign_id ?? '') === '' && (event.attributes.journey_id ?? '') === '';
    default: {
      const unreachable: never = population;
      throw new Error(`Unhandled KPI population: ${String(unreachable)}`);
    }
  }
}

/** Module-private: the value of a measure over some events; `undefined` when nothing contributed (a null metric). */
function measure(definition: Measure, events: readonly RecordedEvent[]): number | undefined {
  const kind = definition.kind;
  switch (kind) {
    case 'count': {
      const n = events.filter(SIGNALS[definition.signal]).length;
      return n === 0 ? undefined : n;
    }
    case 'unique-endpoints': {
      const n = new Set(events.filter(SIGNALS[definition.signal]).map((event) => event.endpointId.toLowerCase())).size;
      return n === 0 ? undefined : n;
    }
    case 'sum': {
      const matching = events.filter(SIGNALS[definition.signal]);
      return matching.length === 0 ? undefined : matching.reduce((total, event) => total + quantityOf(event, definition.quantity), 0);
    }
    case 'ratio': {
      const denominator = measure(definition.denominator, events);
      if (denominator === undefined || denominator === 0) return undefined;
      return (measure(definition.numerator, events) ?? 0) / denominator;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`Unhandled KPI measure: ${String(unreachable)}`);
    }
  }
}

/** Module-private. */
function quantityOf(event: RecordedEvent, quantity: Quantity): number {
  switch (quantity) {
    case 'message-parts': {
      const parts = event.metrics.number_of_message_parts ?? Number(event.attributes.number_of_message_parts ?? 1);
      return Number.isFinite(parts) ? parts : 1;
    }
    case 'price-usd':
      // 1 millicent = 1/1000 of a US cent.
      return (event.metrics.price_in_millicents_usd ?? 0) / 100_000;
    default: {
      const unreachable: never = quantity;
      throw new Error(`Unhandled KPI quantity: ${String(unreachable)}`);
    }
  }
}

/** Module-private: every UTC calendar day from `start`'s to `end`'s, inclusive. */
function utcDays(start: Date, end: Date): string[] {
  const days: string[] = [];
  const cursor = new Date(`${utcDay(start)}T00:00:00.000Z`);
  while (cursor <= end) {
    days.push(utcDay(cursor));
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/** Module-private: Double values as AWS writes them ("1368.0", "0.75"), rounded to 10 decimals against float noise. */
function formatDouble(value: number): string {
  const rounded = Number(value.toFixed(10));
  return Number.isInteger(rounded) ? rounded.toFixed(1) : String(rounded);
}

/** Module-private: `txn-emails-sent` → `TxnEmailsSent`. */
function pascalCase(name: string): string {
  return name
    .split('-')
    .map((term) => term.charAt(0).toUpperCase() + term.slice(1))
    .join('');
}
