/**
 * The operations the page sends, the shapes of their answers, and the pure helpers around them.
 * Nothing here touches the DOM, so the page's test imports this file and asks the gateway the very
 * same question the page asked.
 */

/** The first project of the account, for when the page is not told which one to show. */
export const FIRST_APP_QUERY = /* GraphQL */ `
  query FirstApp {
    apps(first: 1) {
      nodes { applicationId name }
    }
  }
`;

/** The answer of {@link FIRST_APP_QUERY}. */
export interface FirstAppData {
  apps: { nodes: Array<{ applicationId: string; name: string }> };
}

/**
 * One page of a project's campaigns, each with one KPI over the same range. The project is read by
 * ID (`app`, not `apps`) so that a key whose policy grants one project only (GetApp and
 * GetCampaign*, as examples/policies/frontend-campaigns.json does) can read every page.
 */
export const CAMPAIGN_PAGE_QUERY = /* GraphQL */ `
  query CampaignPage($appId: ID!, $first: Int!, $after: String, $kpiStart: DateTime!, $kpiEnd: DateTime!) {
    app(id: $appId) {
      applicationId
      name
      campaigns(first: $first, after: $after) {
        nodes {
          id
          name
          state
          kpi(name: SUCCESSFUL_DELIVERY_RATE, startTime: $kpiStart, endTime: $kpiEnd) {
            rows { values { key value rawValue } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

/** The variables of {@link CAMPAIGN_PAGE_QUERY}. */
export interface CampaignPageVariables {
  appId: string;
  first: number;
  after: string | null;
  kpiStart: string;
  kpiEnd: string;
}

/** One campaign of {@link CampaignPageData}. */
export interface CampaignRow {
  id: string;
  name: string | null;
  state: string | null;
  kpi: { rows: Array<{ values: Array<{ key: string; value: number | null; rawValue: string }> }> };
}

/** The answer of {@link CAMPAIGN_PAGE_QUERY}; `app` is null when the project does not exist (with a NOT_FOUND error). */
export interface CampaignPageData {
  app: {
    applicationId: string;
    name: string;
    campaigns: { nodes: CampaignRow[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  } | null;
}

/** Module-private. */
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The KPI range the page shows: the last 30 UTC calendar days, today included. Whole days rather
 * than "now minus 30 days" so that every request of the day asks for the same range, which the
 * gateway's KPI cache then answers; the gateway accepts at most 31 calendar days starting fewer
 * than 90 days ago.
 */
export function kpiRange(now: Date): { kpiStart: string; kpiEnd: string } {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  return { kpiStart: `${day(new Date(now.getTime() - 29 * DAY_MS))}T00:00:00.000Z`, kpiEnd: `${day(now)}T23:59:59.000Z` };
}

/**
 * The figure shown for a campaign: SUCCESSFUL_DELIVERY_RATE is ungrouped, so it has one row with
 * one value, a ratio from 0 to 1 shown as a percentage. No row means no message was sent in the
 * range (a scheduled or paused campaign), which is not the same as a rate of 0.
 */
export function formatDeliveryRate(kpi: CampaignRow['kpi']): string {
  const value = kpi.rows[0]?.values[0]?.value;
  return typeof value === 'number' ? `${(value * 100).toFixed(1)} %` : 'no data';
}
