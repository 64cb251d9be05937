import { chromium, type Browser } from 'playwright-core';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * GraphiQL in headless Chromium (Debian's /usr/bin/chromium): the page must load and run a query
 * with every request staying on this machine (its assets come from npm packages, no CDN).
 */
let stack: Stack;
let browser: Browser;
beforeAll(async () => {
  stack = await startStack({ seed: false, gateway: { graphiqlTabs: [{ query: 'query Hello {\n  __typename\n}\n' }] } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('GraphiQL loads from localhost only, runs the preloaded query and shows its result', async () => {
  const page = await browser.newPage();
  const requested: string[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // Every answer the page got, and every request that got none: a 404 (a missing favicon) shows
  // in the browser's console as a failed load, so the page must have none.
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => failed.push(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`));
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  // Record every request; anything leaving loopback is refused, and reported below.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    requested.push(url.href);
    return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:' ? route.continue() : route.abort();
  });
  const favicon = page.waitForResponse(`${stack.gatewayUrl}/graphiql/assets/favicon.svg`);
  await page.goto(`${stack.gatewayUrl}/`, { waitUntil: 'load' });
  await page.locator('.graphiql-execute-button').click();
  // Runs in the page: the response pane shows the result (the test's tsconfig has no DOM types).
  await page.waitForFunction("document.querySelector('.graphiql-response')?.textContent?.includes('\"__typename\": \"Query\"')", undefined, { timeout: 20_000 });
  const shown = await page.locator('.graphiql-response').innerText();
  expect(shown).toContain('"__typename": "Query"');
  expect(pageErrors).toEqual([]);
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
  // The tab's icon is the gateway's own, linked from the page (so no /favicon.ico is asked for).
  expect((await favicon).status()).toBe(200);
  expect(requested.filter((href) => href.includes('favicon'))).toEqual([`${stack.gatewayUrl}/graphiql/assets/favicon.svg`]);
  expect(requested.filter((href) => !href.startsWith(stack.gatewayUrl) && !href.startsWith('data:'))).toEqual([]);
  expect(requested).toEqual(expect.arrayContaining([`${stack.gatewayUrl}/graphiql/assets/graphiql.min.js`, `${stack.gatewayUrl}/graphql`]));
  if (process.env.GRAPHIQL_SCREENSHOT) await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT });
  await page.close();
}, 60_000);

test('/graphiql serves the same page, and the assets are served with their content types', async () => {
  const page = await fetch(`${stack.gatewayUrl}/graphiql`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  expect(await page.text()).toContain('/graphiql/assets/graphiql.min.js');
  const css = await fetch(`${stack.gatewayUrl}/graphiql/assets/graphiql.min.css`);
  expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  expect((await css.text()).length).toBeGreaterThan(1000);
  expect((await fetch(`${stack.gatewayUrl}/graphiql/assets/../../package.json`)).status).toBe(404);
});

test('the favicon: an SVG the page links, cached like the other assets', async () => {
  const page = await (await fetch(`${stack.gatewayUrl}/`)).text();
  expect(page).toContain('<link rel="icon" type="image/svg+xml" href="/graphiql/assets/favicon.svg">');
  const icon = await fetch(`${stack.gatewayUrl}/graphiql/assets/favicon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  expect(icon.headers.get('cache-control')).toBe('public, max-age=86400');
  const svg = await icon.text();
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">.*<\/svg>\n$/s);
  expect(Number(icon.headers.get('content-length'))).toBe(Buffer.byteLength(svg));
  const head = await fetch(`${stack.gatewayUrl}/graphiql/assets/favicon.svg`, { method: 'HEAD' });
  expect([head.status, head.headers.get('content-type'), await head.text()]).toEqual([200, 'image/svg+xml', '']);
});

test('without GraphiQL there is no favicon either', async () => {
  const bare = await startStack({ seed: false, gateway: { graphiql: false } });
  try {
    expect((await fetch(`${bare.gatewayUrl}/graphiql/assets/favicon.svg`)).status).toBe(404);
    expect((await fetch(`${bare.gatewayUrl}/`)).status).toBe(404);
  } finally {
    await bare.close();
  }
});
