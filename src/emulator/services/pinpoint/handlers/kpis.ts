import type {
  GetApplicationDateRangeKpiRequest,
  GetApplicationDateRangeKpiResponse,
  GetCampaignDateRangeKpiRequest,
  GetCampaignDateRangeKpiResponse,
  ResultRow,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { paginate } from '../../../protocol/pagination';
import { badRequest, invalidToken } from '../errors';
import { computeKpi, kpiFor, KPI_NAME_PATTERN, utcDay, type KpiDefinition, type KpiScope } from '../kpis';
import { requireApp, requireCampaign, type PinpointStore } from '../store';
import { pageScope, parsePageSize, type PinpointHandler } from './shared';

/**
 * KPI date-range rules. Seed 002: `start-time` "should also be fewer than 90 days from the
 * current day". [DG-2023]: ranges are inclusive, "limited to 31 or fewer calendar days", and
 * without a range AWS "queries the data for the preceding 31 calendar days".
 */
export const KPI_RANGE_LIMITS = { maxCalendarDays: 31, lookBackDays: 90 } as const;

/** Module-private. */
const DAY_MS = 86_400_000;

/** The Application Metrics and Campaign Metrics resources. */
export function createKpiHandlers(store: PinpointStore) {
  const GetApplicationDateRangeKpi: PinpointHandler<GetApplicationDateRangeKpiRequest, GetApplicationDateRangeKpiResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const definition = requireKpi('application', input.KpiName ?? '');
    const { start, end } = resolveRange(input.StartTime, input.EndTime, ctx.now());
    const rows = computeKpi(definition, app.events, { scope: 'application', start, end });
    return {
      ApplicationDateRangeKpiResponse: {
        ApplicationId: app.id,
        KpiName: definition.name,
        StartTime: start,
        EndTime: end,
        KpiResult: { Rows: singlePage(rows, input, ctx, 'GetApplicationDateRangeKpi', app.id, definition.name) },
      },
    };
  };

  const GetCampaignDateRangeKpi: PinpointHandler<GetCampaignDateRangeKpiRequest, GetCampaignDateRangeKpiResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    const definition = requireKpi('campaign', input.KpiName ?? '');
    const { start, end } = resolveRange(input.StartTime, input.EndTime, ctx.now());
    const rows = computeKpi(definition, app.events, { scope: 'campaign', campaignId: campaign.id, start, end });
    return {
      CampaignDateRangeKpiResponse: {
        ApplicationId: app.id,
        CampaignId: campaign.id,
        KpiName: definition.name,
        StartTime: start,
        EndTime: end,
        KpiResult: { Rows: singlePage(rows, input, ctx, 'GetCampaignDateRangeKpi', app.id, campaign.id, definition.name) },
      },
    };
  };

  return { GetApplicationDateRangeKpi, GetCampaignDateRangeKpi };
}

/**
 * The inclusive range a KPI query covers (also used by the journey KPIs), after applying defaults and checking the limits: an
 * omitted end is now; an omitted start is the start of the UTC day 30 days before the end
 * (31 calendar days in all).
 */
export function resolveRange(startTime: Date | undefined, endTime: Date | undefined, now: Date): { start: Date; end: Date } {
  const end = endTime ?? now;
  const start = startTime ?? new Date(Date.parse(`${utcDay(end)}T00:00:00.000Z`) - (KPI_RANGE_LIMITS.maxCalendarDays - 1) * DAY_MS);
  if (start.getTime() > end.getTime()) throw badRequest(`start-time must not be after end-time; got ${start.toISOString()} > ${end.toISOString()}`);
  const calendarDays = dayNumber(end) - dayNumber(start) + 1;
  if (calendarDays > KPI_RANGE_LIMITS.maxCalendarDays) {
    throw badRequest(`The date range must be ${KPI_RANGE_LIMITS.maxCalendarDays} or fewer calendar days; ${start.toISOString()} to ${end.toISOString()} spans ${calendarDays}`);
  }
  const daysBack = dayNumber(now) - dayNumber(start);
  if (daysBack >= KPI_RANGE_LIMITS.lookBackDays) {
    throw badRequest(`start-time must be fewer than ${KPI_RANGE_LIMITS.lookBackDays} days from the current day; ${start.toISOString()} is ${daysBack} days back`);
  }
  return { start, end };
}

/** Module-private: the definition, or 400 for a malformed or unsupported name. */
function requireKpi(scope: KpiScope, name: string): KpiDefinition {
  if (!KPI_NAME_PATTERN.test(name)) throw badRequest(`kpi-name must be two or more lowercase alphanumeric terms separated by hyphens; got '${name}'`);
  const definition = kpiFor(scope, name);
  if (definition === undefined) throw badRequest(`'${name}' is not a supported ${scope} metric (kpi-name); see the standard metrics for projects, campaigns, and journeys`);
  return definition;
}

/**
 * Module-private. Seed 002: page-size and next-token are "not supported for application,
 * campaign, and journey metrics" and `NextToken` "is null … because the resource returns all
 * results in a single page". The emulator still rejects a malformed page-size, and any
 * next-token (none is ever issued, so any token is forged).
 */
function singlePage(rows: ResultRow[], input: { PageSize?: string; NextToken?: string }, ctx: RequestContext, ...scope: string[]): ResultRow[] {
  parsePageSize(input.PageSize);
  const [operation, ...parents] = scope;
  return paginate(rows, { pageSize: Math.max(rows.length, 1), token: input.NextToken, scope: pageScope(operation, ctx, ...parents), invalidToken }).items;
}

/** Module-private: days since the epoch of an instant's UTC calendar day. */
function dayNumber(instant: Date): number {
  return Math.floor(instant.getTime() / DAY_MS);
}
