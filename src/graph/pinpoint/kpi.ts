import { GraphQLError, Kind, responsePathAsArray, valueFromASTUntyped, type FieldNode, type GraphQLResolveInfo, type ResponsePath, type SelectionNode } from 'graphql';
import type { JourneyKpiName, JourneyKpiResultResolvers, KpiCellResolvers, KpiName, KpiResultResolvers, KpiRowResolvers, Resolvers } from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import { badUserInput, ErrorCode } from '../errors';
import type { KpiResultModel } from '../../upstream/pinpoint/models';
import { upstreamFields } from './fields';

/**
 * Date-range KPIs of apps, campaigns and journeys: the tables between GraphQL `KpiName` /
 * `JourneyKpiName` values and upstream kebab-case names, the one range check, and the cached load
 * every `kpi` field uses.
 */

/** GraphQL `KpiName` → upstream kpi-name (inventory §5.2). The only place the two spellings meet. */
export const KPI_NAMES: Readonly<Record<KpiName, string>> = {
  SUCCESSFUL_DELIVERY_RATE: 'successful-delivery-rate',
  SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_DATE: 'successful-delivery-rate-grouped-by-date',
  EMAIL_OPEN_RATE: 'email-open-rate',
  EMAIL_OPEN_RATE_GROUPED_BY_CAMPAIGN: 'email-open-rate-grouped-by-campaign',
  UNIQUE_DELIVERIES: 'unique-deliveries',
  UNIQUE_DELIVERIES_GROUPED_BY_CAMPAIGN: 'unique-deliveries-grouped-by-campaign',
  UNIQUE_DELIVERIES_GROUPED_BY_DATE: 'unique-deliveries-grouped-by-date',
  SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN: 'successful-deliveries-grouped-by-campaign',
  PUSH_OPEN_RATE: 'push-open-rate',
  PUSH_OPEN_RATE_GROUPED_BY_CAMPAIGN: 'push-open-rate-grouped-by-campaign',
  TXN_EMAILS_CLICKED: 'txn-emails-clicked',
  TXN_EMAILS_CLICKED_GROUPED_BY_DATE: 'txn-emails-clicked-grouped-by-date',
  TXN_EMAILS_COMPLAINT_RATE: 'txn-emails-complaint-rate',
  TXN_EMAILS_COMPLAINT_RATE_GROUPED_BY_DATE: 'txn-emails-complaint-rate-grouped-by-date',
  TXN_EMAILS_WITH_COMPLAINTS: 'txn-emails-with-complaints',
  TXN_EMAILS_WITH_COMPLAINTS_GROUPED_BY_DATE: 'txn-emails-with-complaints-grouped-by-date',
  TXN_EMAILS_DELIVERED: 'txn-emails-delivered',
  TXN_EMAILS_DELIVERED_GROUPED_BY_DATE: 'txn-emails-delivered-grouped-by-date',
  TXN_EMAILS_DELIVERY_RATE: 'txn-emails-delivery-rate',
  TXN_EMAILS_DELIVERY_RATE_GROUPED_BY_DATE: 'txn-emails-delivery-rate-grouped-by-date',
  TXN_EMAILS_HARD_BOUNCED: 'txn-emails-hard-bounced',
  TXN_EMAILS_HARD_BOUNCED_GROUPED_BY_DATE: 'txn-emails-hard-bounced-grouped-by-date',
  TXN_EMAILS_OPENED: 'txn-emails-opened',
  TXN_EMAILS_OPENED_GROUPED_BY_DATE: 'txn-emails-opened-grouped-by-date',
  TXN_EMAILS_SENT: 'txn-emails-sent',
  TXN_EMAILS_SENT_GROUPED_BY_DATE: 'txn-emails-sent-grouped-by-date',
  TXN_EMAILS_SOFT_BOUNCED: 'txn-emails-soft-bounced',
  TXN_EMAILS_SOFT_BOUNCED_GROUPED_BY_DATE: 'txn-emails-soft-bounced-grouped-by-date',
  TXN_EMAILS_UNIQUE_CLICKS: 'txn-emails-unique-clicks',
  TXN_EMAILS_UNIQUE_CLICKS_GROUPED_BY_DATE: 'txn-emails-unique-clicks-grouped-by-date',
  TXN_EMAILS_UNIQUE_OPENS: 'txn-emails-unique-opens',
  TXN_EMAILS_UNIQUE_OPENS_GROUPED_BY_DATE: 'txn-emails-unique-opens-grouped-by-date',
  TXN_SMS_AVERAGE_PRICE_GROUPED_BY_COUNTRY: 'txn-sms-average-price-grouped-by-country',
  TXN_SMS_AVERAGE_PRICE_BY_PARTS_GROUPED_BY_COUNTRY: 'txn-sms-average-price-by-parts-grouped-by-country',
  TXN_SMS_DELIVERED: 'txn-sms-delivered',
  TXN_SMS_DELIVERED_GROUPED_BY_COUNTRY: 'txn-sms-delivered-grouped-by-country',
  TXN_SMS_DELIVERED_GROUPED_BY_DATE: 'txn-sms-delivered-grouped-by-date',
  TXN_SMS_ERROR_DISTRIBUTION: 'txn-sms-error-distribution',
  TXN_SMS_DELIVERY_RATE: 'txn-sms-delivery-rate',
  TXN_SMS_DELIVERY_RATE_GROUPED_BY_DATE: 'txn-sms-delivery-rate-grouped-by-date',
  TXN_SMS_DELIVERED_BY_PARTS: 'txn-sms-delivered-by-parts',
  TXN_SMS_DELIVERED_BY_PARTS_GROUPED_BY_COUNTRY: 'txn-sms-delivered-by-parts-grouped-by-country',
  TXN_SMS_SENT_BY_PARTS: 'txn-sms-sent-by-parts',
  TXN_SMS_SENT_BY_PARTS_GROUPED_BY_COUNTRY: 'txn-sms-sent-by-parts-grouped-by-country',
  TXN_SMS_SENT: 'txn-sms-sent',
  TXN_SMS_SENT_GROUPED_BY_COUNTRY: 'txn-sms-sent-grouped-by-country',
  TXN_SMS_SENT_GROUPED_BY_DATE: 'txn-sms-sent-grouped-by-date',
  TXN_SMS_TOTAL_PRICE_GROUPED_BY_COUNTRY: 'txn-sms-total-price-grouped-by-country',
  HARD_BOUNCE_RATE: 'hard-bounce-rate',
  HARD_BOUNCE_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY: 'hard-bounce-rate-grouped-by-campaign-activity',
  SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY: 'successful-delivery-rate-grouped-by-campaign-activity',
  EMAIL_OPEN_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY: 'email-open-rate-grouped-by-campaign-activity',
  DIRECT_EMAIL_OPENS_GROUPED_BY_CAMPAIGN_ACTIVITY: 'direct-email-opens-grouped-by-campaign-activity',
  UNIQUE_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY: 'unique-deliveries-grouped-by-campaign-activity',
  CLICKS_GROUPED_BY_CAMPAIGN_ACTIVITY: 'clicks-grouped-by-campaign-activity',
  SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY: 'successful-deliveries-grouped-by-campaign-activity',
  ATTEMPTED_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY: 'attempted-deliveries-grouped-by-campaign-activity',
  PUSH_OPEN_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY: 'push-open-rate-grouped-by-campaign-activity',
  DIRECT_PUSH_OPENS_GROUPED_BY_CAMPAIGN_ACTIVITY: 'direct-push-opens-grouped-by-campaign-activity',
  SMS_SPEND: 'sms-spend',
};

/** GraphQL `JourneyKpiName` → upstream kpi-name (inventory §5.2, journey engagement metrics). */
export const JOURNEY_KPI_NAMES: Readonly<Record<JourneyKpiName, string>> = {
  JOURNEY_EMAILS_CLICKED: 'journey-emails-clicked',
  EMAILS_CLICKED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-clicked-grouped-by-journey-activity',
  JOURNEY_EMAILS_COMPLAINED: 'journey-emails-complained',
  EMAILS_COMPLAINED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-complained-grouped-by-journey-activity',
  JOURNEY_EMAILS_DELIVERED: 'journey-emails-delivered',
  EMAILS_DELIVERED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-delivered-grouped-by-journey-activity',
  JOURNEY_EMAILS_HARDBOUNCED: 'journey-emails-hardbounced',
  EMAILS_HARDBOUNCED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-hardbounced-grouped-by-journey-activity',
  JOURNEY_EMAILS_OPENED: 'journey-emails-opened',
  EMAILS_OPENED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-opened-grouped-by-journey-activity',
  JOURNEY_EMAILS_REJECTED: 'journey-emails-rejected',
  EMAILS_REJECTED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-rejected-grouped-by-journey-activity',
  JOURNEY_EMAILS_SENT: 'journey-emails-sent',
  EMAILS_SENT_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-sent-grouped-by-journey-activity',
  JOURNEY_EMAILS_SOFTBOUNCED: 'journey-emails-softbounced',
  EMAILS_SOFTBOUNCED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-softbounced-grouped-by-journey-activity',
  JOURNEY_EMAILS_UNSUBSCRIBED: 'journey-emails-unsubscribed',
  EMAILS_UNSUBSCRIBED_GROUPED_BY_JOURNEY_ACTIVITY: 'emails-unsubscribed-grouped-by-journey-activity',
};

/** Module-private: upstream kpi-name → GraphQL `JourneyKpiName`, derived from {@link JOURNEY_KPI_NAMES}. */
const JOURNEY_KPI_NAME_BY_UPSTREAM: ReadonlyMap<string, JourneyKpiName> = new Map(Object.entries(JOURNEY_KPI_NAMES).map(([name, upstream]) => [upstream, name as JourneyKpiName]));

/** Module-private: upstream kpi-name → GraphQL `KpiName`, derived from {@link KPI_NAMES}. */
const KPI_NAME_BY_UPSTREAM: ReadonlyMap<string, KpiName> = new Map(Object.entries(KPI_NAMES).map(([name, upstream]) => [upstream, name as KpiName]));

/**
 * Upstream limits on a KPI date range, counted in UTC calendar days as upstream counts them: the
 * inclusive range covers at most 31 calendar days (the Developer Guide's "31 or fewer calendar
 * days", both end days included) and starts fewer than 90 days before today (seed 002 and the
 * guide: data is kept for 90 days).
 */
export const KPI_RANGE_LIMITS = { maxCalendarDays: 31, maxLookbackDays: 90 } as const;

/** Module-private. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** A validated KPI range, normalized to whole seconds (the precision of upstream's ISO 8601 times). */
export interface KpiRange {
  readonly startTime: Date;
  readonly endTime: Date;
}

/**
 * The one check of a KPI range, before any upstream call: BAD_USER_INPUT when the end is before the
 * start, the range is longer than the upstream maximum, or the start is too far in the past.
 */
export function validateKpiRange(startTime: Date | string, endTime: Date | string, now: Date = new Date()): KpiRange {
  const start = wholeSeconds(startTime);
  const end = wholeSeconds(endTime);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    throw badUserInput(`KPI "startTime" and "endTime" must be valid date-times; got ${JSON.stringify(startTime)} and ${JSON.stringify(endTime)}.`, { argument: 'startTime' });
  }
  if (end.getTime() < start.getTime()) {
    throw badUserInput(`KPI "endTime" must not be before "startTime"; got startTime ${start.toISOString()} and endTime ${end.toISOString()}.`, { argument: 'endTime' });
  }
  const calendarDays = utcDayNumber(end) - utcDayNumber(start) + 1;
  if (calendarDays > KPI_RANGE_LIMITS.maxCalendarDays) {
    throw badUserInput(
      `A KPI range must cover at most ${KPI_RANGE_LIMITS.maxCalendarDays} calendar days (UTC, both end days included: the upstream maximum); got ${calendarDays} from ${start.toISOString()} to ${end.toISOString()}.`,
      { argument: 'endTime' },
    );
  }
  const daysBack = utcDayNumber(now) - utcDayNumber(start);
  if (daysBack >= KPI_RANGE_LIMITS.maxLookbackDays) {
    throw badUserInput(
      `A KPI range must start fewer than ${KPI_RANGE_LIMITS.maxLookbackDays} days before today (UTC; upstream keeps ${KPI_RANGE_LIMITS.maxLookbackDays} days of data); got startTime ${start.toISOString()}, ${daysBack} days back.`,
      { argument: 'startTime' },
    );
  }
  return { startTime: start, endTime: end };
}

/**
 * Checks every `kpi` field in the subtree of the root field being resolved, before that root
 * field makes its first upstream call, so an invalid range costs no upstream call at all (not even
 * the GetApp that `App.kpi` needs for its ARN). The error is raised at the root field, naming the
 * KPI field's response path in `extensions.field`. `loadKpi` checks again at the field itself, for
 * subtrees no Pinpoint root field sees (e.g. `node(id) { ... on App { kpi } }`).
 */
export function assertKpiRangesIn(info: GraphQLResolveInfo, now: Date = new Date()): void {
  // Each fragment is walked once per check, wherever it is spread: a range is valid or not
  // whatever its place, so a second visit could only repeat the same verdict (and chained
  // fragments spread twice each would make the walk exponential). An error names the first place.
  const fragmentsSeen = new Set<string>();
  const visit = (selections: readonly SelectionNode[], path: string): void => {
    for (const selection of selections) {
      if (!isIncluded(selection, info.variableValues)) continue;
      switch (selection.kind) {
        case Kind.FIELD: {
          const fieldPath = `${path}.${selection.alias?.value ?? selection.name.value}`;
          if (selection.name.value === 'kpi') checkKpiFieldNode(selection, fieldPath, info.variableValues, now);
          if (selection.selectionSet) visit(selection.selectionSet.selections, fieldPath);
          break;
        }
        case Kind.INLINE_FRAGMENT:
          visit(selection.selectionSet.selections, path);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = info.fragments[name];
          if (fragment && !fragmentsSeen.has(name)) {
            fragmentsSeen.add(name);
            visit(fragment.selectionSet.selections, path);
          }
          break;
        }
        default:
          throw new Error(`Unhandled selection kind: ${JSON.stringify(selection satisfies never)}`);
      }
    }
  };
  for (const fieldNode of info.fieldNodes) visit(fieldNode.selectionSet?.selections ?? [], String(info.path.key));
}

/**
 * What a `kpi` field is about: a project, or a campaign or journey of it, and the ARN that keys the cache.
 *
 * Why the key is the resource ARN, and why a project's ARN may be built rather than read: the KPI
 * cache is shared by every gateway replica on one Redis, so its key must name the account and the
 * region (two accounts must never share a result) and must be the same in every replica of one
 * account (so they share entries). The ARN is exactly that, whichever credentials (static keys,
 * rotated role sessions) reach the account; a per-process credentials fingerprint would split
 * replicas (and break at every rotation), and a region + ID key would mix accounts. `App.kpi` under
 * `Query.app` gets the ARN from `PinpointUpstream.applicationArn`, which builds it from the account
 * scope the process learnt from the first project ARN it read (one GetApp per process at most, or
 * none after a GetApps/GetApp for any project), so a warm `app(id) { kpi }` costs no upstream call
 * while its key stays byte-identical to the one read from GetApp.
 */
export interface KpiTarget {
  readonly applicationId: string;
  readonly campaignId?: string;
  readonly journeyId?: string;
  readonly resourceArn: string;
}

/** Arguments of every `kpi` field (`N`: the field's name enum). */
export interface KpiArgs<N extends string = KpiName> {
  readonly name: N;
  readonly startTime: Date | string;
  readonly endTime: Date | string;
}

/**
 * Validates the range, then reads the KPI through the shared cache (upstream pages followed inside
 * the load). `path` is the field's (`info.path`): when upstream fails and the cache answers with an
 * expired result, the field is noted stale there (`extensions.stale`).
 */
export function loadKpi(ctx: GraphQLContext, target: KpiTarget, args: KpiArgs, path: ResponsePath): Promise<KpiResultModel> {
  return loadUpstreamKpi(ctx, target, KPI_NAMES[args.name], args, path);
}

/** `loadKpi` for a journey's engagement metrics (their own name table). */
export function loadJourneyKpi(ctx: GraphQLContext, target: KpiTarget & { readonly journeyId: string }, args: KpiArgs<JourneyKpiName>, path: ResponsePath): Promise<KpiResultModel> {
  return loadUpstreamKpi(ctx, target, JOURNEY_KPI_NAMES[args.name], args, path);
}

/** Module-private: the range check and the cached load, by upstream kpi-name. */
function loadUpstreamKpi(ctx: GraphQLContext, target: KpiTarget, kpiName: string, args: KpiArgs<string>, path: ResponsePath): Promise<KpiResultModel> {
  const range = validateKpiRange(args.startTime, args.endTime);
  ctx.bounds.admitKpiRead(`${target.resourceArn} ${kpiName} ${range.startTime.toISOString()} ${range.endTime.toISOString()}`);
  const key = { resourceArn: target.resourceArn, kpiName, ...range };
  const load = () => ctx.pinpoint.kpi.load({ applicationId: target.applicationId, campaignId: target.campaignId, journeyId: target.journeyId, kpiName, ...range });
  // Waits for the cache stop at the request's deadline; a stale answer is noted at this field's path.
  const options = { signal: ctx.bounds.stopSignal, onStale: ({ ageSeconds }: { ageSeconds: number }) => ctx.staleFields.note(responsePathAsArray(path), ageSeconds) };
  return ctx.kpiCache.getOrLoad(key, load, options).catch((error: unknown) => {
    // The single flight shares one load across requests, sent under the bounds of the request that
    // started it. When that request was stopped (deadline, client gone, call cap), this one was
    // not: it loads again, under its own bounds.
    if (isBoundsError(error) && !ctx.bounds.raised(error) && ctx.bounds.stopReason === undefined) return ctx.kpiCache.getOrLoad(key, load, options);
    throw error;
  });
}

/** Module-private: an error a request's execution bounds raise (see server/limits). */
function isBoundsError(error: unknown): boolean {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  return code === ErrorCode.DeadlineExceeded || code === ErrorCode.ExecutionLimitExceeded || (code === ErrorCode.BadRequest && error instanceof GraphQLError && error.extensions.reason === 'CLIENT_CLOSED_REQUEST');
}

/** Module-private: one `kpi` field's range, checked with the same function as the field itself. */
function checkKpiFieldNode(field: FieldNode, fieldPath: string, variables: Record<string, unknown>, now: Date): void {
  const argument = (name: string) => {
    const node = field.arguments?.find((arg) => arg.name.value === name);
    return node === undefined ? undefined : valueFromASTUntyped(node.value, variables);
  };
  const startTime = argument('startTime');
  const endTime = argument('endTime');
  if (!isDateInput(startTime) || !isDateInput(endTime)) return;
  try {
    validateKpiRange(startTime, endTime, now);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw badUserInput(error.message, { ...error.extensions, field: fieldPath });
  }
}

/** Module-private. */
function isDateInput(value: unknown): value is Date | string {
  return typeof value === 'string' || value instanceof Date;
}

/** Module-private: whether `@skip` / `@include` leave a selection in. */
function isIncluded(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  for (const directive of selection.directives ?? []) {
    const condition = directive.arguments?.find((arg) => arg.name.value === 'if');
    const value = condition === undefined ? undefined : valueFromASTUntyped(condition.value, variables);
    if (directive.name.value === 'skip' && value === true) return false;
    if (directive.name.value === 'include' && value === false) return false;
  }
  return true;
}

/** Module-private: a date-time truncated to whole seconds (so equal ranges share one cache entry). */
function wholeSeconds(value: Date | string): Date {
  const time = new Date(value).getTime();
  return new Date(Number.isNaN(time) ? NaN : Math.floor(time / 1000) * 1000);
}

/** Module-private: days since the epoch of a time's UTC calendar day. */
function utcDayNumber(time: Date): number {
  return Math.floor(time.getTime() / DAY_MS);
}

/** Module-private: a cell value as a number when upstream types it as one and it parses. */
function numericValue(type: string | undefined, raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '' || (type !== 'Double' && type !== 'Long')) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** Module-private. */
const KpiResult: KpiResultResolvers = {
  kpiName: (result) => {
    const name = KPI_NAME_BY_UPSTREAM.get(result.KpiName);
    if (name === undefined) throw new Error(`KPI name ${JSON.stringify(result.KpiName)} has no KpiName value; add it to KPI_NAMES.`);
    return name;
  },
  ...upstreamFields<KpiResultModel>()({ startTime: 'StartTime', endTime: 'EndTime' }),
  rows: (result) => [...result.Rows],
};

/** Module-private. */
const JourneyKpiResult: JourneyKpiResultResolvers = {
  kpiName: (result) => {
    const name = JOURNEY_KPI_NAME_BY_UPSTREAM.get(result.KpiName);
    if (name === undefined) throw new Error(`Journey KPI name ${JSON.stringify(result.KpiName)} has no JourneyKpiName value; add it to JOURNEY_KPI_NAMES.`);
    return name;
  },
  ...upstreamFields<KpiResultModel>()({ startTime: 'StartTime', endTime: 'EndTime' }),
  rows: (result) => [...result.Rows],
};

/** Module-private. */
const KpiRow: KpiRowResolvers = {
  groupedBy: (row) => row.GroupedBys ?? [],
  values: (row) => row.Values ?? [],
};

/** Module-private. */
const KpiCell: KpiCellResolvers = {
  key: (cell) => cell.Key ?? '',
  type: (cell) => cell.Type ?? 'String',
  value: (cell) => numericValue(cell.Type, cell.Value),
  rawValue: (cell) => cell.Value ?? '',
};

/** Resolvers of the KPI result types. */
export const kpiResolvers: Resolvers = { KpiResult, JourneyKpiResult, KpiRow, KpiCell };
