/**
 * A nightly job of an internal service: every campaign of every Pinpoint project with its KPIs
 * over the last days, printed as one JSON document on stdout.
 *
 *   GATEWAY_URL=http://localhost:4000/graphql npx tsx examples/nightly-kpi-report/main.ts
 *
 * Environment: GATEWAY_URL (required); GATEWAY_API_KEY or GATEWAY_TOKEN (a bearer JWT) when the
 * gateway asks for a credential; REPORT_DAYS (default 1: yesterday, up to 31); REPORT_KPIS
 * (comma-separated KpiName values, default UNIQUE_DELIVERIES,SUCCESSFUL_DELIVERY_RATE).
 * Exit codes: 0 every KPI read; 1 the report is printed but some KPIs could not be read (its
 * `errors`); 2 no report (bad configuration, the gateway unreachable or refusing).
 */
import { createGatewayClient, isGatewayError, type KpiName } from '@pinpoint-graph/client';
import { buildKpiReport, DEFAULT_KPIS, previousDays } from './report';

/** Module-private: the job. */
async function main(env: NodeJS.ProcessEnv): Promise<number> {
  const url = env.GATEWAY_URL;
  if (!url) {
    console.error('GATEWAY_URL is required (the gateway GraphQL endpoint, e.g. http://localhost:4000/graphql).');
    return 2;
  }
  const client = createGatewayClient({
    url,
    ...(env.GATEWAY_API_KEY ? { apiKey: env.GATEWAY_API_KEY } : {}),
    ...(env.GATEWAY_TOKEN ? { token: env.GATEWAY_TOKEN } : {}),
    onRetry: (retry) => console.error(`retrying ${retry.operationName} after ${retry.reason} in ${retry.delayMs} ms${retry.requestId ? ` (request ${retry.requestId})` : ''}`),
  });
  const kpis = env.REPORT_KPIS ? (env.REPORT_KPIS.split(',').map((name) => name.trim()) as KpiName[]) : DEFAULT_KPIS;
  const report = await buildKpiReport(client, { ...previousDays(Number(env.REPORT_DAYS ?? '1')), kpis });
  console.log(JSON.stringify(report, null, 2));
  for (const error of report.errors) console.error(`KPI ${error.kpi} of campaign ${error.campaignId} (app ${error.applicationId}) not read: ${error.code}: ${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`);
  return report.errors.length === 0 ? 0 : 1;
}

main(process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(isGatewayError(error) ? `The report failed: ${error.code}: ${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}` : error);
    process.exitCode = 2;
  },
);
