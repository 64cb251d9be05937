import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReferenceQuery } from '../graph/pinpoint/support';
import { startStack, type Stack } from '../helpers/startStack';
import { scrape } from './kit';

/**
 * The Grafana dashboard (ops/grafana/pinpoint-graph.json) cannot rot: every metric its queries
 * read is served by a running gateway's `/metrics`, and it reads Prometheus through its
 * datasource variable, so it imports into any Grafana.
 */

/** Module-private: the metric families the dashboard may read (the gateway's own and Node's process metrics). */
const METRIC_NAME = /\b(?:pinpoint_graph_|process_|nodejs_)[a-zA-Z0-9_:]*/g;

/** Module-private: the dashboard JSON. */
const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'ops', 'grafana', 'pinpoint-graph.json'), 'utf8'));

/** Module-private: every panel, rows' nested panels included. */
function allPanels(panels: any[]): any[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);
}

/** Module-private: every PromQL expression of the dashboard (panel targets and query variables), with where it is. */
function expressions(): { where: string; expr: string }[] {
  const fromPanels = allPanels(dashboard.panels).flatMap((panel) => (panel.targets ?? []).map((target: any) => ({ where: `panel "${panel.title}" ${target.refId}`, expr: String(target.expr) })));
  const fromVariables = (dashboard.templating?.list ?? [])
    .filter((variable: any) => variable.type === 'query')
    .map((variable: any) => ({ where: `variable ${variable.name}`, expr: String(typeof variable.query === 'string' ? variable.query : variable.query.query) }));
  return [...fromPanels, ...fromVariables];
}

describe('the Grafana dashboard', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('reads Prometheus through a datasource variable, in every panel and query', () => {
    const variables = dashboard.templating.list;
    expect(variables.find((variable: any) => variable.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    for (const panel of allPanels(dashboard.panels).filter((each) => each.type !== 'row')) {
      expect({ panel: panel.title, datasource: panel.datasource }).toEqual({ panel: panel.title, datasource: { type: 'prometheus', uid: '${datasource}' } });
      for (const target of panel.targets) expect({ panel: panel.title, datasource: target.datasource }).toEqual({ panel: panel.title, datasource: { type: 'prometheus', uid: '${datasource}' } });
    }
    const ids = allPanels(dashboard.panels).map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every metric a query reads is in a running gateway\'s /metrics', async () => {
    // Traffic first, so the families with samples have some; a family without samples still has its # TYPE line.
    expect((await stack.gql(readReferenceQuery('pinpoint-apps-campaigns-segments').query)).body.errors).toBeUndefined();
    const metrics = await scrape(stack.gateway.metricsUrl!);
    const served = (name: string): boolean => {
      if (metrics.types.has(name)) return true;
      const histogram = /^(.*)_(bucket|sum|count)$/.exec(name);
      return histogram !== null && metrics.types.get(histogram[1]) === 'histogram';
    };
    const read = expressions();
    expect(read.length).toBeGreaterThan(20);
    const missing: string[] = [];
    for (const { where, expr } of read) {
      const names = expr.match(METRIC_NAME) ?? [];
      // Every query reads at least one metric this test can check: none slips past it.
      expect({ where, names: names.length > 0 }).toEqual({ where, names: true });
      for (const name of names) if (!served(name)) missing.push(`${where}: ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
