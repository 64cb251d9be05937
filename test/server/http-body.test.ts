import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createContext, type ContextDeps } from '../../src/server/context';
import { watchClientGone } from '../../src/server/http/clientGone';
import type { StopListeners } from '../../src/server/limits/stopListeners';
import { jsonNestingExceeds } from '../../src/server/http/readBody';
import { typedErrorResponse } from '../../src/server/http/refusal';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The HTTP layer under `/graphql`: the body limit (declared and chunked), typed refusals for every
 * request the gateway or Apollo turns away, and the signal that tells a request its client left.
 */

/** Module-private: a small limit, so crossing it takes kilobytes, not megabytes. */
const LIMIT = 64 * 1024;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: false, gateway: { maxBodyBytes: LIMIT } });
});
afterAll(() => stack.close());

/** Module-private: a response read whole, whatever its status. */
interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: any;
}

/** Module-private: one request over node:http (fetch would refuse some of these, e.g. a body on GET). */
function send(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.gatewayUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Asserted by the caller.
        }
        resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Module-private: writes `head` on a fresh socket and reads until the server closes it. Errors
 * are ignored: a server that closes a connection the client still writes to may reset it.
 */
async function rawExchange(head: string, onData?: (text: string, socket: ReturnType<typeof connect>) => void): Promise<string> {
  const socket = connect(stack.gateway.port, '127.0.0.1');
  socket.on('error', () => undefined);
  let text = '';
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    onData?.(text, socket);
  });
  socket.write(head);
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return text;
}

/** Module-private: the JSON body of a raw HTTP/1.1 answer. */
function rawBody(text: string): unknown {
  return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
}

/** Module-private: the refusal shape every HTTP-level error must have. */
function refusal(code: string, message: string | RegExp) {
  return { errors: [{ message: typeof message === 'string' ? message : expect.stringMatching(message), extensions: { code } }] };
}

describe('body limit', () => {
  test('a declared Content-Length over the limit is answered 413 before any body byte is sent', async () => {
    // Headers only: the body never comes, so the answer can only have been decided from the header.
    const text = await rawExchange(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(rawBody(text)).toEqual(refusal('PAYLOAD_TOO_LARGE', `Request body of ${50 * 1024 * 1024} bytes exceeds the limit of ${LIMIT} bytes.`));
  });

  test('a client that sends Expect: 100-continue is refused without a 100 Continue; one within the limit gets it', async () => {
    const refused = await rawExchange(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${LIMIT + 1}\r\nExpect: 100-continue\r\n\r\n`);
    expect(refused).toMatch(/^HTTP\/1\.1 413 /);
    expect(rawBody(refused)).toEqual(refusal('PAYLOAD_TOO_LARGE', `Request body of ${LIMIT + 1} bytes exceeds the limit of ${LIMIT} bytes.`));
    const body = JSON.stringify({ query: '{ __typename }' });
    let sent = false;
    const accepted = await rawExchange(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`, (text, socket) => {
      if (!sent && text.startsWith('HTTP/1.1 100 Continue\r\n\r\n')) {
        sent = true;
        socket.write(body);
      }
    });
    expect(accepted).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
  });

  test('requests node:http itself refuses (unknown method, broken request line) are typed JSON too', async () => {
    for (const head of ['BREW /graphql HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /graphql HTTP/9\r\n\r\n', `GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`]) {
      const text = await rawExchange(head);
      expect(text).toMatch(/^HTTP\/1\.1 4(00|31) /);
      expect(rawBody(text)).toEqual(refusal('BAD_REQUEST', /^(Malformed HTTP request \(HPE_[A-Z_]+\)|Request header fields are too large)\.$/));
    }
  });

  test('a chunked body is refused as soon as it crosses the limit, and the connection closes without reading the rest', async () => {
    const socket = connect(stack.gateway.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    let text = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined); // The server may reset a socket still sending: expected.
    const gone = new Promise<void>((resolve) => socket.once('close', () => ((closed = true), resolve())));
    const chunk = Buffer.alloc(16 * 1024, 0x20);
    const total = 50 * 1024 * 1024;
    let sent = 0;
    while (!closed && sent < total) {
      const flushed = socket.write(`${chunk.length.toString(16)}\r\n`) && socket.write(chunk) && socket.write('\r\n');
      sent += chunk.length;
      if (!flushed) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), gone]);
    }
    await gone;
    expect(sent).toBeLessThan(total);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toEqual(refusal('PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${LIMIT} bytes.`));
  });

  test('a body at the limit is read and run', async () => {
    const query = '{ __typename }';
    const envelope = JSON.stringify({ query, variables: { pad: '' } });
    const body = JSON.stringify({ query, variables: { pad: 'x'.repeat(LIMIT - envelope.length) } });
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    const response = await send('POST', '/graphql', { 'content-type': 'application/json' }, body);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ __typename: 'Query' });
  });

  test('a GET declaring an oversized body is refused rather than drained', async () => {
    const text = await rawExchange(`GET /graphql?query=${encodeURIComponent('{ __typename }')} HTTP/1.1\r\nHost: x\r\nApollo-Require-Preflight: 1\r\nContent-Length: ${LIMIT + 1}\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(rawBody(text)).toEqual(refusal('PAYLOAD_TOO_LARGE', `Request body of ${LIMIT + 1} bytes exceeds the limit of ${LIMIT} bytes.`));
  });
});

describe('typed refusals', () => {
  const query = JSON.stringify({ query: '{ __typename }' });

  test.each([
    ['no Content-Type', {}, 'none'],
    ['text/plain (a CSRF-simple type)', { 'content-type': 'text/plain' }, '"text/plain"'],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, '"application/x-www-form-urlencoded"'],
    ['application/graphql', { 'content-type': 'application/graphql' }, '"application/graphql"'],
  ])('POST with %s: 415 BAD_REQUEST naming the type it takes', async (_name, headers, got) => {
    const response = await send('POST', '/graphql', headers, query);
    expect(response.status).toBe(415);
    expect(response.headers.accept).toBe('application/json');
    expect(response.body).toEqual(refusal('BAD_REQUEST', `POST /graphql takes a JSON body: Content-Type must be application/json; got ${got}.`));
  });

  test('a compressed body: 415 BAD_REQUEST', async () => {
    const response = await send('POST', '/graphql', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, query);
    expect(response.status).toBe(415);
    expect(response.body).toEqual(refusal('BAD_REQUEST', 'Content-Encoding "gzip" is not supported; send the body uncompressed.'));
  });

  test('invalid UTF-8: 400 BAD_REQUEST (not run with replacement characters)', async () => {
    const body = Buffer.concat([Buffer.from('{"query":"{ __typename } #'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    const response = await send('POST', '/graphql', { 'content-type': 'application/json' }, body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(refusal('BAD_REQUEST', 'Request body is not valid UTF-8.'));
  });

  test('malformed and empty JSON: 400 BAD_REQUEST', async () => {
    for (const body of ['{"query": ', '', 'nul']) {
      const response = await send('POST', '/graphql', { 'content-type': 'application/json' }, body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(refusal('BAD_REQUEST', /^Request body is not valid JSON: /));
    }
  });

  test('JSON nested deeper than 64 levels: 400 BAD_REQUEST before it is parsed', async () => {
    const nested = (depth: number) => `{"query":"{ __typename }","extensions":{"x":${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;
    const ok = await send('POST', '/graphql', { 'content-type': 'application/json' }, nested(64));
    expect(ok.status).toBe(200);
    const refused = await send('POST', '/graphql', { 'content-type': 'application/json' }, nested(65));
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(refusal('BAD_REQUEST', 'Request body nests JSON arrays and objects deeper than 64 levels.'));
  });

  test('a batch (JSON array) stays off: 400 BAD_REQUEST from Apollo', async () => {
    const response = await send('POST', '/graphql', { 'content-type': 'application/json' }, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(response.status).toBe(400);
    expect(response.body).toEqual(refusal('BAD_REQUEST', 'Operation batching disabled.'));
  });

  test("Apollo's own refusals are JSON with a code, keeping their status and headers", async () => {
    const get = (search: string, headers: Record<string, string> = { 'apollo-require-preflight': '1' }) => send('GET', `/graphql?${search}`, headers);
    const cases: [string, Promise<RawResponse>, number, RegExp, Record<string, string>?][] = [
      ['JSON that is not an object', send('POST', '/graphql', { 'content-type': 'application/json' }, '42'), 400, /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/],
      ['a query that is not a string', send('POST', '/graphql', { 'content-type': 'application/json' }, '{"query":42}'), 400, /^GraphQL queries must be strings\.$/],
      ['GET without the CSRF header', get(`query=${encodeURIComponent('{ __typename }')}`, {}), 400, /potential Cross-Site Request Forgery/],
      ['GET with a bad variables parameter', get(`query=${encodeURIComponent('{ __typename }')}&variables=%7Bnope`), 400, /^The variables search parameter contains invalid JSON\.$/],
      ['GET with a repeated query parameter', get('query=a&query=b'), 400, /^The 'query' search parameter may only be specified once\.$/],
      ['GET of a mutation', get(`query=${encodeURIComponent('mutation { _ping }')}`), 405, /^GET requests only support query operations, not mutation operations$/, { allow: 'POST' }],
      ['PUT', send('PUT', '/graphql', { 'content-type': 'application/json' }, query), 405, /^Apollo Server supports only GET\/POST requests\.$/, { allow: 'GET, POST' }],
      ['an Accept no JSON satisfies', send('POST', '/graphql', { 'content-type': 'application/json', accept: 'application/xml' }, query), 406, /^An 'accept' header was provided/],
    ];
    for (const [name, pending, status, message, headers] of cases) {
      const response = await pending;
      expect({ name, status: response.status }).toEqual({ name, status });
      expect(response.headers['content-type']).toMatch(/^application\/(graphql-response\+)?json/);
      expect(response.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(message), extensions: expect.objectContaining({ code: 'BAD_REQUEST' }) })]);
      for (const [header, value] of Object.entries(headers ?? {})) expect(response.headers[header]).toBe(value);
    }
  });
});

describe('jsonNestingExceeds', () => {
  const deep = (text: string, max: number) => jsonNestingExceeds(Buffer.from(text), max);

  test('counts arrays and objects, not brackets inside strings (escaped quotes included)', () => {
    expect(deep('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(deep('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(deep('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(deep('{"a":"\\"[[[[","b":"\\\\"}', 1)).toBe(false);
    expect(deep('["\\\\",[[]]]', 2)).toBe(true);
    expect(deep('"é[[["', 0)).toBe(false);
  });
});

describe('typedErrorResponse (the guard over Apollo error bodies)', () => {
  test('wraps a plain-text error body, keeping the message', () => {
    expect(JSON.parse(typedErrorResponse({ status: 400, contentType: 'text/plain; charset=utf-8', body: 'POST body missing.\n' })!)).toEqual(refusal('BAD_REQUEST', 'POST body missing.'));
    expect(JSON.parse(typedErrorResponse({ status: 503, contentType: undefined, body: '' })!)).toEqual(refusal('INTERNAL_SERVER_ERROR', 'HTTP 503'));
  });

  test('adds a code to an error that lacks one, and leaves typed bodies and successes alone', () => {
    expect(JSON.parse(typedErrorResponse({ status: 400, contentType: 'application/json', body: '{"errors":[{"message":"x"},{"message":"y","extensions":{"code":"GRAPHQL_PARSE_FAILED"}}]}' })!)).toEqual({
      errors: [
        { message: 'x', extensions: { code: 'BAD_REQUEST' } },
        { message: 'y', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      ],
    });
    expect(typedErrorResponse({ status: 400, contentType: 'application/graphql-response+json; charset=utf-8', body: '{"errors":[{"message":"x","extensions":{"code":"BAD_REQUEST"}}]}' })).toBeUndefined();
    expect(typedErrorResponse({ status: 200, contentType: 'text/html', body: '<html>' })).toBeUndefined();
  });
});

describe('client-gone watch', () => {
  /** Module-private: a server whose handler parks each request and reports its signal. */
  async function parkingServer(): Promise<{ server: Server; url: string; signals: StopListeners[]; finish: () => void; arrived: Promise<void> }> {
    const signals: StopListeners[] = [];
    const parked: (() => void)[] = [];
    let arrive!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const server = createServer((req, res) => {
      signals.push(watchClientGone(req, res));
      req.resume();
      req.on('end', () => {
        parked.push(() => res.end('done'));
        arrive();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, signals, finish: () => parked.splice(0).forEach((end) => end()), arrived };
  }

  test('aborts when the client closes the connection before the answer', async () => {
    const { server, url, signals, arrived } = await parkingServer();
    try {
      const req = request(url, { method: 'POST' });
      req.on('error', () => undefined);
      req.end('{}');
      await arrived;
      expect(signals[0].aborted).toBe(false);
      req.destroy();
      await new Promise<void>((resolve) => signals[0].addEventListener('abort', () => resolve()));
      expect((signals[0].reason as Error).name).toBe('AbortError');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('aborts when the client leaves in the middle of its body', async () => {
    const { server, url, signals } = await parkingServer();
    try {
      const req = request(url, { method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => undefined);
      req.write('{"query":');
      await new Promise<void>((resolve) => server.once('request', () => setImmediate(resolve)));
      req.destroy();
      await new Promise<void>((resolve) => (signals[0].aborted ? resolve() : signals[0].addEventListener('abort', () => resolve())));
      expect(signals[0].aborted).toBe(true);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('does not abort on a normal answer', async () => {
    const { server, url, signals, finish, arrived } = await parkingServer();
    try {
      const answered = fetch(url, { method: 'POST', body: '{}' }).then((response) => response.text());
      await arrived;
      finish();
      expect(await answered).toBe('done');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(signals[0].aborted).toBe(false);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  test('createContext keeps the signal it is given', () => {
    const signal = new AbortController().signal;
    const deps = { clients: {}, kpiCache: {}, region: 'us-east-1' } as unknown as ContextDeps;
    expect(createContext(deps, { signal }).signal).toBe(signal);
    expect(createContext(deps).signal).toBeUndefined();
  });
});
