import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { acceptRequestId, isWellFormedRequestId, MAX_REQUEST_ID_LENGTH } from '../../src/observability';
import { startStack, type Stack } from '../helpers/startStack';
import { capturedLogger, type LogLine } from './kit';

/**
 * Request IDs over real HTTP: accepted from `x-request-id` when well-formed, generated otherwise,
 * on every answer (refusals included), in every log line of the request, and on every upstream
 * call (the emulator's call log counts them per ID).
 */

/** Module-private: a random UUID as crypto.randomUUID writes it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Module-private: a page origin the gateway lets call it. */
const PAGE_ORIGIN = 'http://localhost:3999';

describe('acceptRequestId', () => {
  test('takes a well-formed ID as it is', () => {
    for (const id of ['abc', 'req-123_x.y:z', '0f8fad5b-d9cb-469f-a165-70867728950e', 'dGVzdA+/=', 'svc@host~1', 'a'.repeat(MAX_REQUEST_ID_LENGTH)]) {
      expect(isWellFormedRequestId(id)).toBe(true);
      expect(acceptRequestId(id)).toBe(id);
    }
  });

  test('makes a new one for junk, never echoing it', () => {
    for (const junk of ['', ' ', 'has space', 'a, b', '<script>', 'x'.repeat(MAX_REQUEST_ID_LENGTH + 1), '-leading-dash', 'line\nbreak', 'quote"', 'ünïcode']) {
      expect(isWellFormedRequestId(junk)).toBe(false);
      const made = acceptRequestId(junk);
      expect(made).toMatch(UUID);
    }
    expect(acceptRequestId(undefined)).toMatch(UUID);
    expect(acceptRequestId(['a', 'b'])).toMatch(UUID);
  });
});

describe('over HTTP', () => {
  let stack: Stack;
  let lines: LogLine[];

  beforeAll(async () => {
    const captured = capturedLogger();
    lines = captured.lines;
    stack = await startStack({ gateway: { logger: captured.logger, cors: { origins: [PAGE_ORIGIN] }, maxBodyBytes: 2_048 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    lines.length = 0;
  });

  test('a well-formed x-request-id is the answer\'s; a junk one or none gets a new UUID', async () => {
    const accepted = await stack.gql('{ __typename }', undefined, { 'x-request-id': 'client-req-0001' });
    expect(accepted.headers.get('x-request-id')).toBe('client-req-0001');

    const junk = await stack.gql('{ __typename }', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(junk.headers.get('x-request-id')).toMatch(UUID);

    const none = await stack.gql('{ __typename }');
    const generated = none.headers.get('x-request-id');
    expect(generated).toMatch(UUID);
    const again = await stack.gql('{ __typename }');
    expect(again.headers.get('x-request-id')).not.toBe(generated);
  });

  test('every answer carries one: refusals before GraphQL, other routes, the parser\'s own refusals', async () => {
    const unauthenticated = await fetch(`${stack.graphqlUrl}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token', 'x-request-id': 'refused-1' }, body: '{"query":"{ __typename }"}' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('x-request-id')).toBe('refused-1');

    const tooLarge = await fetch(`${stack.graphqlUrl}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'refused-2' }, body: JSON.stringify({ query: `{ __typename }${' '.repeat(4_096)}` }) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers.get('x-request-id')).toBe('refused-2');

    const badJson = await fetch(`${stack.graphqlUrl}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('x-request-id')).toMatch(UUID);

    for (const path of ['/healthz', '/readyz', '/no-such-route', '/metrics']) {
      const response = await fetch(`${stack.gatewayUrl}${path}`, { headers: { 'x-request-id': `route${path.replaceAll('/', '-')}` } });
      expect(response.headers.get('x-request-id')).toBe(`route${path.replaceAll('/', '-')}`);
    }

    // A request line node:http's parser refuses never reaches the routes: the raw answer still names an ID.
    const raw = await rawExchange(stack.gateway.port, 'NOT A REQUEST\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/);
  });

  test('browsers: the ID may be sent cross-origin and its answer header read', async () => {
    const preflight = await fetch(stack.graphqlUrl, { method: 'OPTIONS', headers: { origin: PAGE_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-request-id' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')?.split(',')).toContain('x-request-id');
    const answer = await stack.gql('{ __typename }', undefined, { origin: PAGE_ORIGIN, 'x-request-id': 'from-a-page' });
    expect(answer.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(answer.headers.get('x-request-id')).toBe('from-a-page');
  });

  test('the request\'s log lines: started and finished, with ID, caller, operation, hash, calls and status; the upstream calls carry the ID', async () => {
    const query = 'query AppNames { apps { nodes { name } } }';
    const response = await stack.gql(query, undefined, { 'x-request-id': 'logged-0001' });
    expect(response.body.errors).toBeUndefined();
    const upstreamCalls = response.body.extensions!.upstreamCalls.total as number;
    expect(upstreamCalls).toBeGreaterThan(0);

    const mine = lines.filter((line) => line.requestId === 'logged-0001');
    const hash = createHash('sha256').update(query).digest('hex');
    const caller = { kind: 'anonymous', id: 'anonymous' };
    expect(mine.map((line) => line.msg)).toEqual(['graphql request started', 'graphql request']);
    expect(mine[0]).toEqual({ level: 30, time: expect.any(Number), requestId: 'logged-0001', msg: 'graphql request started', operationName: 'AppNames', operationType: 'query', operationHash: hash, caller });
    expect(mine[1]).toEqual({
      level: 30,
      time: expect.any(Number),
      requestId: 'logged-0001',
      msg: 'graphql request',
      operationName: 'AppNames',
      operationType: 'query',
      operationHash: hash,
      caller,
      durationMs: expect.any(Number),
      upstreamCalls,
      httpStatus: 200,
    });
    // Every upstream call of the request reached the emulator with the ID.
    expect(stack.emulator.callCounts().byGatewayRequestId['logged-0001']).toBe(upstreamCalls);
  });

  test('an operation that fails validation logs its end line with the codes, and no start line', async () => {
    const response = await stack.gql('query Broken { noSuchField }', undefined, { 'x-request-id': 'invalid-0001' });
    expect(response.status).toBe(400);
    const mine = lines.filter((line) => line.requestId === 'invalid-0001');
    expect(mine).toEqual([expect.objectContaining({ msg: 'graphql request', operationName: 'Broken', errorCodes: ['GRAPHQL_VALIDATION_FAILED'], httpStatus: 400 })]);
  });

  test('audit lines carry the request ID too', async () => {
    const created = await stack.gql('mutation Make { createApp(input: { name: "Traced shop" }) { app { applicationId } } }', undefined, { 'x-request-id': 'audited-0001' });
    expect(created.body.errors).toBeUndefined();
    const audit = lines.filter((line) => line.component === 'audit');
    expect(audit).toEqual([expect.objectContaining({ requestId: 'audited-0001', field: 'Mutation.createApp', outcome: 'ok' })]);
    const id: string = created.body.data.createApp.app.applicationId;
    const deleted = await stack.gql('mutation Drop($id: ID!) { deleteApp(input: { applicationId: $id }) { app { name } } }', { id });
    expect(deleted.body.errors).toBeUndefined();
  });
});

/** Module-private: writes `request` on a raw socket to the port and resolves with everything the server answered before closing. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}
