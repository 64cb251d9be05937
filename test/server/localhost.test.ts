import { connect, createServer, type Server, type Socket } from 'node:net';
import { request } from 'node:http';
import { isLoopback, listenAddresses } from '../../src/server/http/listen';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * HOST=localhost (the default): the gateway answers on every loopback address `localhost` may
 * resolve to, 127.0.0.1 and ::1, on one port, with one request handler; a drain stops both.
 */

/** Module-private: whether this machine can listen on the IPv6 loopback address (some containers cannot). */
async function ipv6LoopbackAvailable(): Promise<boolean> {
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(0, '::1', resolve);
    });
    return true;
  } catch {
    return false;
  } finally {
    await new Promise<void>((resolve) => (probe.listening ? probe.close(() => resolve()) : resolve()));
  }
}

/** Module-private: a GET over one address, with the connection closed afterwards. */
async function get(address: string, port: number, path: string): Promise<{ status: number; body: string }> {
  const host = address.includes(':') ? `[${address}]` : address;
  const response = await fetch(`http://${host}:${port}${path}`, { headers: { connection: 'close' } });
  return { status: response.status, body: await response.text() };
}

/** Module-private: how connecting to an address ends: `connected`, or the error code. */
function tryConnect(address: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Module-private: a keep-alive connection that has had one answer and now sits idle. */
function idleKeepAlive(address: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    socket.once('error', reject);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      // /healthz answers with a JSON body and a content-length: the whole answer ends with its body.
      if (received.includes('\r\n\r\n') && received.endsWith('}')) resolve(socket);
    });
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
  });
}

describe('the addresses of a host', () => {
  test('localhost: its loopback addresses as resolved, then 127.0.0.1 and ::1 when the resolver left one out', async () => {
    await expect(listenAddresses('localhost', async () => ['::1', '127.0.0.1'])).resolves.toEqual(['::1', '127.0.0.1']);
    await expect(listenAddresses('localhost', async () => ['127.0.0.1'])).resolves.toEqual(['127.0.0.1', '::1']);
    await expect(listenAddresses('LocalHost', async () => ['127.0.1.1'])).resolves.toEqual(['127.0.1.1', '127.0.0.1', '::1']);
  });

  test('localhost never means an address outside loopback, whatever the resolver says', async () => {
    await expect(listenAddresses('localhost', async () => ['10.0.0.5', '::', '0.0.0.0', 'fe80::1', '127.0.0.1'])).resolves.toEqual(['127.0.0.1', '::1']);
    await expect(listenAddresses('localhost', () => Promise.reject(new Error('ENOTFOUND localhost')))).resolves.toEqual(['127.0.0.1', '::1']);
  });

  test('any other host is listened on as given', async () => {
    const unused = async (): Promise<readonly string[]> => {
      throw new Error('not looked up');
    };
    for (const host of ['127.0.0.1', '::1', '0.0.0.0', '::', 'gateway.internal']) await expect(listenAddresses(host, unused)).resolves.toEqual([host]);
  });

  test('loopback: 127.0.0.0/8 and ::1 only', () => {
    expect(['127.0.0.1', '127.255.0.9', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'].filter(isLoopback)).toHaveLength(5);
    expect(['0.0.0.0', '10.0.0.1', '128.0.0.1', '::', 'fe80::1', '::ffff:10.0.0.1', 'localhost'].filter(isLoopback)).toEqual([]);
  });
});

describe('a gateway on localhost', () => {
  let ipv6: boolean;
  let stack: Stack;
  beforeAll(async () => {
    ipv6 = await ipv6LoopbackAvailable();
    // Upstream latency keeps a request in flight while the test starts a drain.
    stack = await startStack({ seed: true, latencyMs: 300, gateway: { host: 'localhost', port: 0, metricsEndpoint: { port: 0 } } });
  }, 60_000);
  afterAll(() => stack?.close());

  test('prints http://localhost:PORT and answers on 127.0.0.1 and on ::1 at that port, with the same handler', async () => {
    const { port } = stack.gateway;
    expect(stack.gatewayUrl).toBe(`http://localhost:${port}`);
    expect(await get('127.0.0.1', port, '/healthz')).toEqual({ status: 200, body: '{"status":"alive"}' });
    if (ipv6) {
      expect(await get('::1', port, '/healthz')).toEqual({ status: 200, body: '{"status":"alive"}' });
      // GraphQL too, and the 404 of an unknown path: the whole request handler, not only a port.
      const graphql = await fetch(`http://[::1]:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ query: '{ pools(first: 1) { nodes { __typename } } }' }) });
      expect(((await graphql.json()) as { data: unknown }).data).toEqual({ pools: { nodes: [{ __typename: 'Pool' }] } });
      expect((await get('::1', port, '/nowhere')).status).toBe(404);
    } else {
      // No IPv6 loopback on this machine: skipped without an error (the gateway started).
      expect(await tryConnect('::1', port)).not.toBe('connected');
    }
  });

  test('the metrics listener (METRICS_PORT) is on every loopback address too', async () => {
    const metricsUrl = new URL(stack.gateway.metricsUrl!);
    expect(metricsUrl.hostname).toBe('localhost');
    const port = Number(metricsUrl.port);
    expect(port).not.toBe(stack.gateway.port);
    for (const address of ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']) {
      const answer = await get(address, port, '/metrics');
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('pinpoint_graph_build_info');
    }
  });

  test('a shutdown drains both: a request in flight over ::1 is answered, idle connections on both end, neither address accepts any more', async () => {
    const { port } = stack.gateway;
    const addresses = ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
    const idle = await Promise.all(addresses.map((address) => idleKeepAlive(address, port)));
    const idleClosed = idle.map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
    const inFlightAddress = addresses[addresses.length - 1];
    const answer = new Promise<{ status: number; connection: string | undefined; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ query: '{ pools(first: 1) { nodes { __typename } } }' });
      const req = request({ host: inFlightAddress, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, body: text }));
      });
      req.once('error', reject);
      req.end(body);
    });
    // The request has reached the gateway (it is waiting on the emulator's latency) before the drain.
    await waitUntil(() => inFlightSeen(stack));
    const drained = await stack.gateway.shutdown({ graceMs: 10_000 });
    const answered = await answer;
    expect(answered.status).toBe(200);
    expect(answered.connection).toBe('close');
    expect(JSON.parse(answered.body).data).toEqual({ pools: { nodes: [{ __typename: 'Pool' }] } });
    expect(drained).toMatchObject({ inFlightAtStart: 1, graceExpired: false, dropped: 0 });
    await Promise.all(idleClosed);
    for (const address of addresses) expect(await tryConnect(address, port)).toBe('ECONNREFUSED');
    const metricsPort = Number(new URL(stack.gateway.metricsUrl!).port);
    for (const address of addresses) expect(await tryConnect(address, metricsPort)).toBe('ECONNREFUSED');
  });
});

test('a fixed port taken on ::1 by another program fails the start, and leaves nothing listening on 127.0.0.1', async () => {
  if (!(await ipv6LoopbackAvailable())) {
    // Without an IPv6 loopback there is nothing to clash with: localhost is 127.0.0.1 alone.
    return expect(listenAddresses('localhost', async () => [])).resolves.toEqual(['127.0.0.1', '::1']);
  }
  const other: Server = createServer();
  await new Promise<void>((resolve) => other.listen(0, '::1', resolve));
  const port = (other.address() as { port: number }).port;
  try {
    // Someone else answering http://localhost:PORT over ::1 would get half of the gateway's clients.
    await expect(startStack({ seed: false, gateway: { host: 'localhost', port } })).rejects.toMatchObject({ code: 'EADDRINUSE', address: '::1', port });
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  } finally {
    await new Promise<void>((resolve) => other.close(() => resolve()));
  }
});

/** Module-private: polls `condition` until it holds (bounded by the test's timeout). */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Module-private: whether the gateway reports a GraphQL request in flight (its gauge). */
async function inFlightSeen(stack: Stack): Promise<boolean> {
  const metrics = await get('127.0.0.1', Number(new URL(stack.gateway.metricsUrl!).port), '/metrics');
  return /pinpoint_graph_graphql_requests_in_flight 1\n/.test(metrics.body);
}
