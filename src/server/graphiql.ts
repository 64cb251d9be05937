import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, dirname, join } from 'node:path';

/**
 * GraphiQL, served entirely from npm packages in node_modules (graphiql's UMD build on React 18
 * UMD): the page loads nothing from any other host, so it works offline and behind firewalls.
 */

/** One preloaded GraphiQL tab. */
export interface GraphiqlTab {
  readonly query: string;
  readonly variables?: string;
}

/** Options of {@link createGraphiqlHandler}. */
export interface GraphiqlOptions {
  /** Where GraphQL requests go (default `/graphql`). */
  readonly endpointPath?: string;
  /** Tabs opened on first load; default: the `*.graphql` files of `examplesDir`, else one introductory query. */
  readonly tabs?: readonly GraphiqlTab[];
  /** A folder of example operations (`<name>.graphql`, variables in `<name>.variables.json`). */
  readonly examplesDir?: string;
}

/** The URL prefix of the static assets. */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

/** Module-private: the served assets, by file name → [package-relative path, content type]. */
const ASSETS: Readonly<Record<string, readonly [string, string, string]>> = {
  'graphiql.min.js': ['graphiql', 'graphiql.min.js', 'text/javascript; charset=utf-8'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css', 'text/css; charset=utf-8'],
  'react.production.min.js': ['react', 'umd/react.production.min.js', 'text/javascript; charset=utf-8'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript; charset=utf-8'],
};

/**
 * Module-private: the page's icon, our own drawing (a map pin in GraphQL's pink on a dark tile).
 * Linked from the page, so browsers ask for it instead of `/favicon.ico`, which the gateway does
 * not serve; as an SVG it stays sharp at every size the browser draws it.
 */
const FAVICON_SVG = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    '<rect width="32" height="32" rx="7" fill="#1f2a44"/>' +
    '<path d="M16 4.5a8.5 8.5 0 0 0-8.5 8.5c0 6.4 8.5 15 8.5 15s8.5-8.6 8.5-15A8.5 8.5 0 0 0 16 4.5z" fill="#e10098"/>' +
    '<circle cx="16" cy="13" r="3.2" fill="#fff"/>' +
    '</svg>\n',
);

/** The page's icon, under the asset prefix (the page links it). */
export const GRAPHIQL_FAVICON_PATH = `${GRAPHIQL_ASSET_PREFIX}favicon.svg`;

/** Module-private: the tab shown when no examples are configured. */
const INTRODUCTION: GraphiqlTab = {
  query: [
    '# pinpoint-graph: a GraphQL gateway over Amazon Pinpoint and Pinpoint SMS and Voice v2.',
    '# Run with the play button (or Ctrl-Enter); the docs explorer on the left lists every field.',
    '# Responses carry extensions.upstreamCalls: the AWS calls each query cost.',
    '',
    'query Hello {',
    '  __typename',
    '}',
    '',
  ].join('\n'),
};

/** A handler for GraphiQL's page and assets: returns false when the path is not one of them. */
export function createGraphiqlHandler(options: GraphiqlOptions = {}): (method: string, path: string, res: ServerResponse) => boolean {
  const page = renderPage(options.endpointPath ?? '/graphql', graphiqlTabs(options));
  const cache = new Map<string, Buffer>();
  return (method, path, res) => {
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (path === '/' || path === '/graphiql' || path === '/graphiql/') {
      send(res, method, 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, Buffer.from(page));
      return true;
    }
    if (path === GRAPHIQL_FAVICON_PATH) {
      send(res, method, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' }, FAVICON_SVG);
      return true;
    }
    if (!path.startsWith(GRAPHIQL_ASSET_PREFIX)) return false;
    const name = path.slice(GRAPHIQL_ASSET_PREFIX.length);
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return false;
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(join(packageDir(asset[0]), asset[1]));
      cache.set(name, body);
    }
    send(res, method, 200, { 'content-type': asset[2], 'cache-control': 'public, max-age=86400' }, body);
    return true;
  };
}

/** The tabs GraphiQL opens with (its examples, else one introductory query): documents the gateway itself sends to clients, so trusted-document mode registers them. */
export function graphiqlTabs(options: Pick<GraphiqlOptions, 'tabs' | 'examplesDir'> = {}): readonly GraphiqlTab[] {
  const tabs = options.tabs ?? loadExampleTabs(options.examplesDir);
  return tabs.length > 0 ? tabs : [INTRODUCTION];
}

/** Reads `<dir>/*.graphql` (sorted) as tabs, with `<name>.variables.json` beside each when present. */
export function loadExampleTabs(dir: string | undefined): GraphiqlTab[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const variablesFile = join(dir, `${basename(file, '.graphql')}.variables.json`);
      return { query: readFileSync(join(dir, file), 'utf8'), ...(existsSync(variablesFile) ? { variables: resolveRelativeDates(readFileSync(variablesFile, 'utf8')) } : {}) };
    });
}

/**
 * Example variables may say `{{daysAgo:N}}` for the UTC midnight N days before now, so examples
 * with date ranges (KPIs accept only recent ranges) never go stale.
 */
export function resolveRelativeDates(text: string, now: Date = new Date()): string {
  return text.replace(/\{\{daysAgo:(\d{1,4})\}\}/g, (_match, days: string) => {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    return new Date(midnight - Number(days) * 86_400_000).toISOString();
  });
}

/** Module-private: the directory of an installed package (its `package.json` is always exported). */
function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Module-private. */
function send(res: ServerResponse, method: string, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': String(body.length) });
  res.end(method === 'HEAD' ? undefined : body);
}

/** Module-private: the page; the configuration travels as JSON in a non-executed script element. */
function renderPage(endpointPath: string, tabs: readonly GraphiqlTab[]): string {
  // `<` escaped so no example text can close the script element.
  const config = JSON.stringify({ endpointPath, tabs }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pinpoint-graph · GraphiQL</title>
<link rel="icon" type="image/svg+xml" href="${GRAPHIQL_FAVICON_PATH}">
<link rel="stylesheet" href="${GRAPHIQL_ASSET_PREFIX}graphiql.min.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="graphiql-config" type="application/json">${config}</script>
<script src="${GRAPHIQL_ASSET_PREFIX}react.production.min.js"></script>
<script src="${GRAPHIQL_ASSET_PREFIX}react-dom.production.min.js"></script>
<script src="${GRAPHIQL_ASSET_PREFIX}graphiql.min.js"></script>
<script>
  (function () {
    var config = JSON.parse(document.getElementById('graphiql-config').textContent);
    var fetcher = GraphiQL.createFetcher({ url: new URL(config.endpointPath, window.location.href).toString() });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: config.tabs[0].query,
        defaultTabs: config.tabs,
        defaultEditorToolsVisibility: true,
      }),
    );
  })();
</script>
</body>
</html>
`;
}
