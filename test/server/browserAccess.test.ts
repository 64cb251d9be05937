import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { createBrowserAccess, createGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../src/server';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * Browser access to /graphql from a web app on another origin (CORS), in headless Chromium and
 * over plain HTTP, and the two refusals that do not depend on CORS: Apollo's CSRF prevention and
 * mutations only over POST. The web app is a page served by its own node:http server on another
 * port of 127.0.0.1, so its origin differs from the gateway's by the port alone.
 */

/** Module-private: the web app; its script POSTs JSON (a preflighted request) to `?gateway=` and shows the outcome in #result. */
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>web app</title></head>
<body><pre id="result">pending</pre>
<script>
  const params = new URLSearchParams(location.search);
  fetch(params.get('gateway'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    credentials: params.get('credentials') || 'same-origin',
    body: JSON.stringify({ query: '{ apps(first: 1) { nodes { name } } }' }),
  })
    .then((response) => response.json())
    .then((body) => ({ ok: true, body }), (error) => ({ ok: false, error: String(error) }))
    .then((result) => { document.getElementById('result').textContent = JSON.stringify(result); });
</script>
</body></html>
`;

/** The CSRF refusal Apollo answers with (its wording, kept exactly). */
const CSRF_MESSAGE =
  "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please either specify a 'content-type' header (with a type that is not one of application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n";

let pageServer: Server;
let pageOrigin: string;
/** The gateway that lists the page's origin (no credentials) and allows one extra header. */
let stack: Stack;
const extraGateways: GatewayServer[] = [];
let browser: Browser;

/** Module-private: another gateway on the same emulator, with other CORS options. */
async function gatewayWith(cors: GatewayServerOptions['cors']): Promise<GatewayServer> {
  const gateway = await createGatewayServer({ endpoints: { pinpoint: stack.emulator.endpoint, smsVoice: stack.emulator.endpoint }, cors });
  extraGateways.push(gateway);
  return gateway;
}

beforeAll(async () => {
  pageServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;
  stack = await startStack({ gateway: { cors: { origins: [pageOrigin], extraAllowedHeaders: ['X-Request-Id'] } } });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const gateway of extraGateways) await gateway.close();
  await stack?.close();
  await new Promise((resolve) => pageServer?.close(resolve));
});

describe('in Chromium, a page on another origin', () => {
  /** Module-private: opens the web app against `gatewayUrl` and returns what its fetch ended with. */
  async function callFromPage(gatewayUrl: string, credentials?: 'include'): Promise<{ ok: boolean; body?: any; error?: string }> {
    const page = await browser.newPage();
    try {
      // Nothing leaves this machine: requests are watched, not intercepted. Intercepting them
      // (page.route) makes Playwright answer the CORS preflight itself, so a refused origin's POST
      // would reach the gateway and run, which is exactly what these tests must rule out.
      const elsewhere: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).hostname !== '127.0.0.1') elsewhere.push(request.url());
      });
      const query = new URLSearchParams({ gateway: `${gatewayUrl}/graphql`, ...(credentials ? { credentials } : {}) });
      await page.goto(`${pageOrigin}/?${query}`, { waitUntil: 'load' });
      // Runs in the page (the test's tsconfig has no DOM types).
      await page.waitForFunction("document.getElementById('result').textContent !== 'pending'", undefined, { timeout: 20_000 });
      expect(elsewhere).toEqual([]);
      return JSON.parse((await page.locator('#result').textContent()) ?? 'null');
    } finally {
      await page.close();
    }
  }

  test('reads the answer when its origin is listed', async () => {
    const result = await callFromPage(stack.gatewayUrl);
    expect(result).toEqual({ ok: true, body: expect.objectContaining({ data: { apps: { nodes: [{ name: 'Retail Storefront' }] } } }) });
  }, 60_000);

  test('is blocked by the browser when no origin is configured', async () => {
    const gateway = await gatewayWith(undefined);
    const calls = async () => ((await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { total: number }).total;
    const before = await calls();
    expect(await callFromPage(gateway.url)).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    // The browser's preflight was refused, so the POST was never sent: nothing ran upstream.
    expect(await calls()).toBe(before);
  }, 60_000);

  test("credentials: 'include' works only when credentials are allowed and the origin is listed", async () => {
    // Listed, credentials not allowed: the answer lacks Access-Control-Allow-Credentials.
    expect(await callFromPage(stack.gatewayUrl, 'include')).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    // Credentials allowed, but for another origin only.
    const otherOrigin = await gatewayWith({ origins: ['http://127.0.0.1:1'], allowCredentials: true });
    expect(await callFromPage(otherOrigin.url, 'include')).toEqual({ ok: false, error: 'TypeError: Failed to fetch' });
    // Both.
    const withCredentials = await gatewayWith({ origins: [pageOrigin], allowCredentials: true });
    expect(await callFromPage(withCredentials.url, 'include')).toEqual({ ok: true, body: expect.objectContaining({ data: { apps: { nodes: [{ name: 'Retail Storefront' }] } } }) });
  }, 90_000);
});

describe('over HTTP', () => {
  /** Module-private: a browser's preflight for a JSON POST from `origin`. */
  function preflight(url: string, origin: string): Promise<Response> {
    return fetch(`${url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-request-id' } });
  }
  /** Module-private: the CORS headers of a response. */
  function corsHeaders(response: Response): Record<string, string> {
    return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'));
  }

  test('a listed origin: the preflight is 204 with the origin, methods, headers and max age', async () => {
    const response = await preflight(stack.gatewayUrl, pageOrigin);
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': pageOrigin,
      'access-control-allow-methods': 'GET,POST,OPTIONS',
      'access-control-allow-headers': 'content-type,authorization,apollo-require-preflight,x-apollo-operation-name,x-request-deadline-ms,x-request-id,traceparent,tracestate',
      'access-control-expose-headers': 'x-request-id',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    const post = await stack.gql('{ __typename }', undefined, { origin: pageOrigin });
    expect(post.headers.get('access-control-allow-origin')).toBe(pageOrigin);
    expect(post.headers.get('access-control-allow-credentials')).toBeNull();
  });

  test('credentials allowed: listed origins get Access-Control-Allow-Credentials, others nothing', async () => {
    const gateway = await gatewayWith({ origins: [pageOrigin], allowCredentials: true, maxAgeSeconds: 60 });
    const listed = await preflight(gateway.url, pageOrigin);
    expect(corsHeaders(listed)).toMatchObject({ 'access-control-allow-origin': pageOrigin, 'access-control-allow-credentials': 'true', 'access-control-max-age': '60' });
    const unlisted = await preflight(gateway.url, 'http://evil.example');
    expect(unlisted.status).toBe(204);
    expect(corsHeaders(unlisted)).toEqual({ vary: 'Origin' });
  });

  test('an unlisted origin: no CORS header on the preflight or the answer, so the browser withholds it', async () => {
    const response = await preflight(stack.gatewayUrl, 'http://evil.example');
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({ vary: 'Origin' });
    // The request itself is answered (CORS is enforced by the browser, which hides this answer from the page).
    const post = await stack.gql('{ __typename }', undefined, { origin: 'http://evil.example' });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('"*" outside production answers any origin, without credentials; with credentials or in production it is refused', async () => {
    const any = await gatewayWith({ origins: '*' });
    const response = await preflight(any.url, 'http://anywhere.example');
    expect(corsHeaders(response)).toMatchObject({ 'access-control-allow-origin': '*' });
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(() => createBrowserAccess({ origins: '*', allowCredentials: true })).toThrow(
      'createBrowserAccess: credentials are only allowed for listed origins, never with origins "*"; list the origins instead.',
    );
    await expect(createGatewayServer({ endpoints: { pinpoint: stack.emulator.endpoint, smsVoice: stack.emulator.endpoint }, nodeEnv: 'production', cors: { origins: '*' } })).rejects.toThrow(
      'createBrowserAccess: origins "*" is refused in production (every web site could read the answers); list the origins instead.',
    );
  });

  test('CSRF prevention: a GET a browser could send cross-site without a preflight is refused', async () => {
    const url = `${stack.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`;
    const simple = await fetch(url, { headers: { origin: pageOrigin } });
    expect(simple.status).toBe(400);
    expect(await simple.json()).toEqual({ errors: [{ message: CSRF_MESSAGE, extensions: { code: 'BAD_REQUEST' } }] });
    // The same GET with a header that forces a preflight runs.
    const preflighted = await fetch(url, { headers: { origin: pageOrigin, 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  test('CSRF prevention: a text/plain POST (a simple request) is refused, never executed', async () => {
    const response = await fetch(stack.graphqlUrl, { method: 'POST', headers: { origin: pageOrigin, 'content-type': 'text/plain' }, body: JSON.stringify({ query: 'mutation { _ping }' }) });
    // Refused before Apollo runs anything: by the gateway's JSON-only body reader (415) or by Apollo's CSRF check (400).
    expect([400, 415]).toContain(response.status);
    const body = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  test('mutations over GET are refused with 405, even with the preflight header', async () => {
    const response = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent('mutation { _ping }')}`, { headers: { origin: pageOrigin, 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ errors: [{ message: 'GET requests only support query operations, not mutation operations', extensions: { code: 'BAD_REQUEST' } }] });
  });
});
