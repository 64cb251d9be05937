import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildFrontend } from '../../examples/frontend/build';
import { serveStatic, type StaticServer } from '../../examples/frontend/serve';
import { CAMPAIGN_PAGE_QUERY, FIRST_APP_QUERY, type CampaignPageData, type CampaignPageVariables, type FirstAppData } from '../../examples/frontend/src/queries';
import { createApiKeyStore, createFileApiKeyBackend, parsePolicy, staticPolicyStore } from '../../src/auth';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { postGql } from '../helpers/gql';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The frontend example (examples/frontend: React + urql, bundled with esbuild) in headless
 * Chromium, served from its own origin (another port of 127.0.0.1) against a gateway over the
 * seeded emulator. What the page shows is compared with what the gateway answers to the same
 * operation, page by page, so the test follows the seed instead of copying it.
 */

let dir: string;
let site: StaticServer;
let stack: Stack;
let browser: Browser;
/** A key whose only policy is examples/policies/frontend-campaigns.json (one project's campaigns). */
let campaignKey: string;
const otherGateways: GatewayServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'frontend-example-'));
  const siteDir = join(dir, 'site');
  // The page's server first: the gateway must know the page's origin before it starts.
  site = await serveStatic(siteDir);
  const policy = parsePolicy('frontend-campaigns', JSON.parse(await readFile(join(__dirname, '..', '..', 'examples', 'policies', 'frontend-campaigns.json'), 'utf8')));
  const apiKeys = createApiKeyStore(createFileApiKeyBackend(join(dir, 'api-keys.json')));
  campaignKey = (await apiKeys.create({ name: 'Campaign page', owner: 'web-team', policies: ['frontend-campaigns'] })).key;
  stack = await startStack({ gateway: { cors: { origins: [site.origin] }, auth: { apiKeys, policies: staticPolicyStore([policy]) } } });
  // The gateway's URL is baked into the bundle (the build-time default); other tests override it with ?gateway=.
  await buildFrontend({ outdir: siteDir, gatewayUrl: stack.graphqlUrl, pageSize: 2 });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu', '--no-first-run'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const gateway of otherGateways) await gateway.close();
  await stack?.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What one campaign row of the page shows. */
interface ShownRow {
  name: string;
  state: string;
  figure: string;
  raw: string | null;
}

/**
 * Module-private: opens the page with `query`, runs `use` on it, then checks that it threw no
 * uncaught error and requested nothing beyond 127.0.0.1. Requests are observed, not intercepted:
 * with `page.route` Chromium no longer sends CORS preflights itself (Playwright answers them), so
 * a refused origin's POST would reach the gateway and run.
 */
async function withPage(query: Record<string, string>, use: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  const requested: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => requested.push(request.url()));
  try {
    await page.goto(`${site.origin}/?${new URLSearchParams(query)}`, { waitUntil: 'load' });
    await use(page);
    expect(pageErrors).toEqual([]);
    expect(requested.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
  } finally {
    await page.close();
  }
}

/** Module-private: waits until `count` campaign rows are shown and no page is loading (expressions run in the page: the test's tsconfig has no DOM types). */
async function waitForRows(page: Page, count: number): Promise<void> {
  await page.waitForFunction(`document.querySelectorAll('tr.campaign').length === ${count} && document.querySelector('tr.status') === null`, undefined, { timeout: 20_000 });
}

/** Module-private: the campaign rows as shown, in order. */
async function shownRows(page: Page): Promise<ShownRow[]> {
  const rows = page.locator('tr.campaign');
  const shown: ShownRow[] = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    const row = rows.nth(index);
    shown.push({
      name: await row.locator('td.name').innerText(),
      state: await row.locator('td.state').innerText(),
      figure: await row.locator('td.kpi').innerText(),
      raw: await row.locator('td.kpi').getAttribute('data-raw'),
    });
  }
  return shown;
}

/** Module-private: the errors the page shows, as `code` and the line's text. */
async function shownErrors(page: Page): Promise<Array<{ code: string | null; text: string }>> {
  await page.waitForFunction("document.querySelector('.errors li') !== null", undefined, { timeout: 20_000 });
  const items = page.locator('.errors li');
  const shown: Array<{ code: string | null; text: string }> = [];
  for (let index = 0; index < (await items.count()); index += 1) {
    shown.push({ code: await items.nth(index).getAttribute('data-code'), text: await items.nth(index).innerText() });
  }
  return shown;
}

/** Module-private: the KPI range the page asked for, from its caption. */
async function shownRange(page: Page): Promise<{ kpiStart: string; kpiEnd: string }> {
  const caption = page.locator('#kpi-range');
  return { kpiStart: (await caption.getAttribute('data-start')) ?? '', kpiEnd: (await caption.getAttribute('data-end')) ?? '' };
}

/**
 * Module-private: every page of the project's campaigns as the gateway answers them (pageSize 2),
 * each campaign as the page should show it. The figure is written out here, not taken from the
 * example's formatter, so a wrong figure on the page fails the test.
 */
async function gatewayPages(appId: string, range: { kpiStart: string; kpiEnd: string }): Promise<ShownRow[][]> {
  const pages: ShownRow[][] = [];
  let after: string | null = null;
  do {
    const variables: CampaignPageVariables = { appId, first: 2, after, ...range };
    const { body } = await stack.gql<CampaignPageData>(CAMPAIGN_PAGE_QUERY, { ...variables });
    expect(body.errors).toBeUndefined();
    const connection = body.data!.app!.campaigns;
    pages.push(connection.nodes.map((campaign) => {
      const value = campaign.kpi.rows[0]?.values[0];
      return { name: campaign.name ?? '', state: campaign.state ?? '', figure: value?.value == null ? 'no data' : `${(value.value * 100).toFixed(1)} %`, raw: value?.rawValue ?? '' };
    }));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after !== null);
  return pages;
}

test('shows the first project\'s campaigns and their delivery rates as the gateway answers them, one "Load more" page at a time', async () => {
  const { body: first } = await stack.gql<FirstAppData>(FIRST_APP_QUERY);
  const app = first.data!.apps.nodes[0];
  // No ?gateway=: the page calls the URL baked in at build time.
  await withPage({}, async (page) => {
    await page.waitForFunction('document.querySelector("tr.campaign") !== null', undefined, { timeout: 20_000 });
    const pages = await gatewayPages(app.applicationId, await shownRange(page));
    // The seed must make the page paginate and show real figures, or the rest would prove little.
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.flat().filter((row) => row.figure.endsWith(' %')).length).toBeGreaterThan(0);
    expect(await page.locator('h1').innerText()).toBe(app.name);

    const loadMore = page.getByRole('button', { name: 'Load more' });
    for (let shown = 1; shown <= pages.length; shown += 1) {
      await waitForRows(page, pages.slice(0, shown).flat().length);
      expect(await shownRows(page)).toEqual(pages.slice(0, shown).flat());
      if (shown < pages.length) {
        // One button, under the last page only.
        expect(await loadMore.count()).toBe(1);
        await loadMore.click();
      }
    }
    // The last page has hasNextPage false: no button any more.
    expect(await loadMore.count()).toBe(0);
    expect(await page.locator('.errors').count()).toBe(0);
  });
}, 60_000);

test('shows the gateway\'s errors by extensions.code: NOT_FOUND for an unknown project, with the gateway\'s message', async () => {
  const appId = '5eedaa0000000000000000000000dead';
  await withPage({ app: appId }, async (page) => {
    const errors = await shownErrors(page);
    const { body } = await stack.gql<CampaignPageData>(CAMPAIGN_PAGE_QUERY, { appId, first: 2, after: null, ...(await shownRange(page)) });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
    expect(errors).toEqual([{ code: 'NOT_FOUND', text: `NOT_FOUND ${body.errors![0].message}` }]);
    expect(await page.locator('tr.campaign').count()).toBe(0);
  });
}, 60_000);

describe('with an API key (?apiKey=, sent as Authorization: ApiKey)', () => {
  test('a key for one project reads that project\'s campaigns', async () => {
    const { body: first } = await stack.gql<FirstAppData>(FIRST_APP_QUERY);
    const appId = first.data!.apps.nodes[0].applicationId;
    await withPage({ apiKey: campaignKey, app: appId }, async (page) => {
      await page.waitForFunction('document.querySelector("tr.campaign") !== null', undefined, { timeout: 20_000 });
      const pages = await gatewayPages(appId, await shownRange(page));
      await waitForRows(page, pages[0].length);
      expect(await shownRows(page)).toEqual(pages[0]);
    });
  }, 60_000);

  test('the same key without a project is FORBIDDEN to list projects, and the page says so', async () => {
    const { body } = await stack.gql(FIRST_APP_QUERY, undefined, { authorization: `ApiKey ${campaignKey}` });
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    await withPage({ apiKey: campaignKey }, async (page) => {
      expect(await shownErrors(page)).toEqual([{ code: 'FORBIDDEN', text: `FORBIDDEN ${body.errors![0].message}` }]);
    });
  }, 60_000);

  test('a wrong key is UNAUTHENTICATED (HTTP 401), shown with the gateway\'s message', async () => {
    const wrongKey = `${campaignKey.slice(0, -4)}AAAA`;
    const { status, body } = await stack.gql(FIRST_APP_QUERY, undefined, { authorization: `ApiKey ${wrongKey}` });
    expect(status).toBe(401);
    await withPage({ apiKey: wrongKey }, async (page) => {
      expect(await shownErrors(page)).toEqual([{ code: 'UNAUTHENTICATED', text: `UNAUTHENTICATED ${body.errors![0].message}` }]);
    });
  }, 60_000);
});

test('against a gateway that does not list the page\'s origin, the browser withholds the answer: a network error, and no upstream call', async () => {
  const unlisted = await createGatewayServer({ endpoints: { pinpoint: stack.emulator.endpoint, smsVoice: stack.emulator.endpoint } });
  otherGateways.push(unlisted);
  const upstreamBefore = stack.emulator.callCounts().total;
  await withPage({ gateway: `${unlisted.url}/graphql` }, async (page) => {
    expect(await shownErrors(page)).toEqual([{
      code: 'NETWORK_ERROR',
      text: `NETWORK_ERROR Failed to fetch: the gateway did not answer, or does not list this page's origin (${site.origin}) in CORS_ORIGINS.`,
    }]);
  });
  // The browser's preflight got no CORS header, so it never sent the POST: nothing ran.
  expect(unlisted.processCalls.total).toBe(0);
  expect(stack.emulator.callCounts().total).toBe(upstreamBefore);
  // The gateway was up all along: outside a browser, the same operation is answered.
  const direct = await postGql<FirstAppData>(`${unlisted.url}/graphql`, FIRST_APP_QUERY);
  expect(direct.body.data?.apps.nodes.length).toBe(1);
  expect(unlisted.processCalls.total).toBe(1);
}, 60_000);

test('the page server serves the build only, never a file outside it', async () => {
  expect((await fetch(`${site.origin}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect((await fetch(`${site.origin}/app.js`)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect((await fetch(`${site.origin}/..%2fapi-keys.json`)).status).toBe(404);
  expect((await fetch(`${site.origin}/%E0`)).status).toBe(404);
  expect((await fetch(`${site.origin}/`, { method: 'POST' })).status).toBe(405);
});
