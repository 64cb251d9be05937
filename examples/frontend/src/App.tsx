import { useMemo, useState, type ReactNode } from 'react';
import { useQuery, type CombinedError } from 'urql';
import type { PageConfig } from './config';
import { CAMPAIGN_PAGE_QUERY, FIRST_APP_QUERY, formatDeliveryRate, kpiRange, type CampaignPageData, type CampaignPageVariables, type FirstAppData } from './queries';

/** The page: the campaigns of the configured project, or of the account's first project. */
export function App({ config }: { config: PageConfig }) {
  return config.appId ? <Campaigns appId={config.appId} pageSize={config.pageSize} /> : <FirstApp pageSize={config.pageSize} />;
}

/** Module-private: finds the account's first project, then shows its campaigns. */
function FirstApp({ pageSize }: { pageSize: number }) {
  const [{ data, fetching, error }] = useQuery<FirstAppData>({ query: FIRST_APP_QUERY });
  if (error) return <ErrorList error={error} />;
  if (fetching || !data) return <p className="status">Loading projects…</p>;
  const first = data.apps.nodes[0];
  if (!first) return <p className="status">The account has no Pinpoint project in the gateway's region.</p>;
  return <Campaigns appId={first.applicationId} pageSize={pageSize} />;
}

/**
 * Module-private: the campaign list. Each page is its own query with its own cursor, rendered one
 * after the other, so "Load more" only adds a cursor: urql's document cache keeps every page
 * without merging results by hand.
 */
function Campaigns({ appId, pageSize }: { appId: string; pageSize: number }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  // Fixed when the list opens, so every page (and a reload of one) asks for the same range.
  const range = useMemo(() => kpiRange(new Date()), []);
  const pageVariables = (after: string | null): CampaignPageVariables => ({ appId, first: pageSize, after, ...range });
  // The same operation as the first page's: urql sends it once and answers both.
  const [{ data }] = useQuery<CampaignPageData, CampaignPageVariables>({ query: CAMPAIGN_PAGE_QUERY, variables: pageVariables(null) });
  return (
    <section>
      <h1>{data?.app?.name ?? 'Campaigns'}</h1>
      <table>
        <caption id="kpi-range" data-start={range.kpiStart} data-end={range.kpiEnd}>
          Delivery rate from {range.kpiStart.slice(0, 10)} to {range.kpiEnd.slice(0, 10)} (UTC)
        </caption>
        <thead>
          <tr><th>Campaign</th><th>State</th><th>Delivery rate</th></tr>
        </thead>
        {cursors.map((after, index) => (
          <CampaignPage
            key={after ?? 'first'}
            variables={pageVariables(after)}
            isLast={index === cursors.length - 1}
            onLoadMore={(endCursor) => setCursors((shown) => [...shown, endCursor])}
          />
        ))}
      </table>
    </section>
  );
}

/** Module-private: one page of campaigns, and the "Load more" button when it is the last page shown and more exist. */
function CampaignPage({ variables, isLast, onLoadMore }: { variables: CampaignPageVariables; isLast: boolean; onLoadMore: (endCursor: string) => void }) {
  const [{ data, fetching, error }] = useQuery<CampaignPageData, CampaignPageVariables>({ query: CAMPAIGN_PAGE_QUERY, variables });
  const connection = data?.app?.campaigns;
  const endCursor = connection?.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  return (
    <tbody>
      {connection?.nodes.map((campaign) => (
        <tr key={campaign.id} className="campaign">
          <td className="name">{campaign.name ?? '(no name)'}</td>
          <td className="state">{campaign.state ?? ''}</td>
          <td className="kpi" data-raw={campaign.kpi.rows[0]?.values[0]?.rawValue ?? ''}>{formatDeliveryRate(campaign.kpi)}</td>
        </tr>
      ))}
      {connection?.nodes.length === 0 && variables.after === null && <Row className="status">No campaigns in this project.</Row>}
      {fetching && <Row className="status">Loading…</Row>}
      {/* Errors come with whatever data the gateway could still answer: one failing field never hides its siblings. */}
      {error && <Row><ErrorList error={error} /></Row>}
      {isLast && endCursor && !fetching && (
        <Row><button type="button" onClick={() => onLoadMore(endCursor)}>Load more</button></Row>
      )}
    </tbody>
  );
}

/** Module-private: a table row of one cell across the three columns. */
function Row({ className, children }: { className?: string; children: ReactNode }) {
  return <tr className={className}><td colSpan={3}>{children}</td></tr>;
}

/**
 * Module-private: the gateway's errors, one line each, by their stable `extensions.code`
 * (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT, UNAUTHENTICATED, …), which is what a page should branch
 * on; the message is for people. A network error has no code: the request got no readable answer.
 */
function ErrorList({ error }: { error: CombinedError }) {
  const items = error.networkError
    ? [{
        code: 'NETWORK_ERROR',
        // A browser hides why a cross-origin request failed; an unlisted origin is the usual reason.
        message: `${error.networkError.message}: the gateway did not answer, or does not list this page's origin (${location.origin}) in CORS_ORIGINS.`,
      }]
    : error.graphQLErrors.map((graphQLError) => ({
        code: typeof graphQLError.extensions.code === 'string' ? graphQLError.extensions.code : 'UNKNOWN',
        message: graphQLError.message,
      }));
  return (
    <ul className="errors" role="alert">
      {items.map((item, index) => (
        <li key={index} data-code={item.code}><code>{item.code}</code> {item.message}</li>
      ))}
    </ul>
  );
}
