import { connect } from 'node:net';
import { startStack, type Stack } from '../helpers/startStack';

// A client that trickles its request (slowloris) does not hold a socket for Node's default
// minutes: the gateway closes it once the headers timeout passes, and keeps serving others.

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: false, gateway: { headersTimeoutMs: 300 } });
});
afterAll(() => stack.close());

test('a client that never finishes its headers is disconnected by the gateway, which keeps serving', async () => {
  const { port } = new URL(stack.gatewayUrl);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  // The gateway ends the connection (with Node's 408 answer) well before this test's own timeout.
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 408 /);
  const { body } = await stack.gql('{ __typename }');
  expect(body.data).toEqual({ __typename: 'Query' });
}, 10_000);
