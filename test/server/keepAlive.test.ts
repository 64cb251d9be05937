import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { startStack, type Stack } from '../helpers/startStack';

// How long the gateway keeps an idle keep-alive connection (`KEEP_ALIVE_TIMEOUT_MS`): a load
// balancer that pools connections must be the one to close them first, so behind one the
// gateway's idle timeout is set above the balancer's. Node's own is 5 s.

/** One `{ __typename }` query on `agent`: the answer, whether it went down a pooled socket, and that socket. */
function typename(url: string, agent: Agent): Promise<{ status: number; keepAlive: string | undefined; body: string; reusedSocket: boolean; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const req = request(`${url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const keepAlive = res.headers['keep-alive'] as string | undefined;
        resolve({ status: res.statusCode ?? 0, keepAlive, body: Buffer.concat(chunks).toString('utf8'), reusedSocket: req.reusedSocket, socket: req.socket as Socket });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a longer idle timeout (15 s)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: false, gateway: { keepAliveTimeoutMs: 15_000 } });
  });
  afterAll(() => stack.close());

  test('is announced, and a connection idle past Node’s default (5 s, closed at 6 s: Node 20 adds a second to what it announces) is still served on the same socket', async () => {
    // No timeout of the agent's own: the socket stays pooled until the gateway closes it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await typename(stack.gatewayUrl, agent);
      expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=15', reusedSocket: false });
      let closed = false;
      first.socket.once('close', () => (closed = true));
      await sleep(7_500);
      expect(closed).toBe(false);
      const second = await typename(stack.gatewayUrl, agent);
      expect(second).toMatchObject({ status: 200, reusedSocket: true });
      expect(second.socket).toBe(first.socket);
      expect(JSON.parse(second.body).data).toEqual({ __typename: 'Query' });
    } finally {
      agent.destroy();
    }
  }, 20_000);
});

describe('a shorter idle timeout (2 s)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed: false, gateway: { keepAliveTimeoutMs: 2_000 } });
  });
  afterAll(() => stack.close());

  test('is announced, and the gateway closes the idle connection itself; the next request gets a new one', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await typename(stack.gatewayUrl, agent);
      expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=2', reusedSocket: false });
      // The gateway ends it: its FIN reaches the pooled socket ('end'; a socket the client destroys
      // itself, as Node 20's agent does at once when the announced timeout is 1 s, sees none).
      // Then wait for 'close': till then the agent still pools the half-closed socket, and a request
      // sent down it is lost ("socket hang up"), the race a balancer must not run into.
      const ended = new Promise<void>((resolve) => first.socket.once('end', () => resolve()));
      const closed = new Promise<void>((resolve) => first.socket.once('close', () => resolve()));
      await ended;
      await closed;
      const second = await typename(stack.gatewayUrl, agent);
      expect(second).toMatchObject({ status: 200, reusedSocket: false });
      expect(second.socket).not.toBe(first.socket);
    } finally {
      agent.destroy();
    }
  }, 20_000);
});
