import { AppCampaignsDocument, CampaignKpiDocument, isGatewayError, ListAppsDocument, type CampaignStatus, type GatewayClient, type KpiName } from '@pinpoint-graph/client';

/**
 * The nightly KPI report: every campaign of every project with its KPIs over a date range, read
 * through the gateway with the typed client. Pages are walked with their cursors; a KPI the gateway
 * could not read is reported (code, message, request ID) and the walk goes on, so one failing
 * campaign does not cost the whole night's report.
 */

/** The report's KPIs: one number each (ungrouped KPIs only; a grouped one is refused). */
export const DEFAULT_KPIS: readonly KpiName[] = ['UNIQUE_DELIVERIES', 'SUCCESSFUL_DELIVERY_RATE'];

/** Options of {@link buildKpiReport}. */
export interface KpiReportOptions {
  /** First instant of the range (inclusive). */
  readonly startTime: string;
  /** Last instant of the range (inclusive); at most 31 UTC calendar days after `startTime`'s day. */
  readonly endTime: string;
  readonly kpis?: readonly KpiName[];
  /** Page size of the app and campaign lists (default 25). */
  readonly pageSize?: number;
  readonly signal?: AbortSignal;
}

/** One campaign's line. */
export interface CampaignReport {
  readonly campaignId: string;
  readonly name: string | null;
  readonly state: CampaignStatus | null;
  /** Each KPI's value; null when nothing contributed in the range (upstream returned no row) or it could not be read (see `errors`). */
  readonly kpis: Readonly<Partial<Record<KpiName, number | null>>>;
}

/** One project's campaigns. */
export interface AppReport {
  readonly applicationId: string;
  readonly name: string;
  readonly campaigns: readonly CampaignReport[];
}

/** A KPI the report could not read. */
export interface ReportError {
  readonly applicationId: string;
  readonly campaignId: string;
  readonly kpi: KpiName;
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
}

/** The report. */
export interface KpiReport {
  readonly range: { readonly startTime: string; readonly endTime: string };
  readonly kpis: readonly KpiName[];
  readonly apps: readonly AppReport[];
  readonly totals: { readonly apps: number; readonly campaigns: number };
  readonly errors: readonly ReportError[];
}

/** Walks every app and campaign and reads each campaign's KPIs. */
export async function buildKpiReport(client: GatewayClient, options: KpiReportOptions): Promise<KpiReport> {
  const kpis = options.kpis ?? DEFAULT_KPIS;
  const grouped = kpis.filter((name) => name.includes('_GROUPED_BY_'));
  if (grouped.length > 0) throw new RangeError(`The report prints one number per KPI; grouped KPIs are not supported: ${grouped.join(', ')}.`);
  const pageSize = options.pageSize ?? 25;
  const apps: AppReport[] = [];
  const errors: ReportError[] = [];

  let after: string | null = null;
  do {
    const { apps: page } = await client.request(ListAppsDocument, { first: pageSize, after }, { signal: options.signal });
    for (const app of page.nodes) apps.push(await reportApp(client, app, { ...options, kpis, pageSize }, errors));
    after = nextCursor(page.pageInfo, 'apps');
  } while (after !== null);

  return {
    range: { startTime: options.startTime, endTime: options.endTime },
    kpis,
    apps,
    totals: { apps: apps.length, campaigns: apps.reduce((sum, app) => sum + app.campaigns.length, 0) },
    errors,
  };
}

/** Module-private: one app's campaigns, page by page, with their KPIs (failed reads go to `errors`). */
async function reportApp(
  client: GatewayClient,
  app: { readonly applicationId: string; readonly name: string },
  options: KpiReportOptions & { readonly kpis: readonly KpiName[]; readonly pageSize: number },
  errors: ReportError[],
): Promise<AppReport> {
  const campaigns: CampaignReport[] = [];
  let after: string | null = null;
  do {
    const { app: found } = await client.request(AppCampaignsDocument, { applicationId: app.applicationId, first: options.pageSize, after }, { signal: options.signal });
    // Listed a moment ago and gone now: deleted between the two reads; nothing more to report for it.
    if (found === null) break;
    for (const campaign of found.campaigns.nodes) {
      const values: Partial<Record<KpiName, number | null>> = {};
      for (const name of options.kpis) {
        try {
          const { app: kpiApp } = await client.request(
            CampaignKpiDocument,
            { applicationId: app.applicationId, campaignId: campaign.campaignId, name, startTime: options.startTime, endTime: options.endTime },
            { signal: options.signal },
          );
          // An ungrouped KPI is one row with one value, or no row when nothing contributed.
          values[name] = kpiApp?.campaign?.kpi.rows[0]?.values[0]?.value ?? null;
        } catch (error) {
          if (!isGatewayError(error)) throw error;
          values[name] = null;
          errors.push({ applicationId: app.applicationId, campaignId: campaign.campaignId, kpi: name, code: error.code, message: error.message, ...(error.requestId ? { requestId: error.requestId } : {}) });
        }
      }
      campaigns.push({ campaignId: campaign.campaignId, name: campaign.name, state: campaign.state, kpis: values });
    }
    after = nextCursor(found.campaigns.pageInfo, `campaigns of ${app.applicationId}`);
  } while (after !== null);
  return { applicationId: app.applicationId, name: app.name, campaigns };
}

/** Module-private: the cursor of the next page, null after the last; a "next page" without a cursor is the gateway breaking the Relay contract. */
function nextCursor(pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null }, list: string): string | null {
  if (!pageInfo.hasNextPage) return null;
  if (pageInfo.endCursor === null) throw new Error(`The gateway says ${list} has a next page but gave no endCursor.`);
  return pageInfo.endCursor;
}

/**
 * The range of a nightly run: the `days` whole UTC days before the day of `now` (yesterday and the
 * days before it), from 00:00:00 of the first to 23:59:59 of the last.
 */
export function previousDays(days: number, now: Date = new Date()): { startTime: string; endTime: string } {
  if (!Number.isInteger(days) || days < 1 || days > 31) throw new RangeError(`days must be a whole number from 1 to 31 (the gateway's KPI range limit); got ${days}.`);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = 86_400_000;
  return { startTime: new Date(today - days * day).toISOString(), endTime: new Date(today - 1_000).toISOString() };
}
