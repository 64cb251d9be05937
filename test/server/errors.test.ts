import { createFormatError } from '../../src/server';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The SDK-error → `extensions.code` table, end to end: the emulator answers (or is made to answer,
 * through its fault injection) with an AWS error, the real SDK client raises it, and the gateway's
 * response carries the stable code and `extensions.upstream`.
 */
const POOL_QUERY = '{ pool(poolId: "pool-does-not-exist") { poolId } }';

describe('upstream errors in development', () => {
  let stack: Stack;
  const emulatorLog: string[] = [];
  beforeAll(async () => {
    // A throttled call is retried up to its 10 attempts before THROTTLED; from a 1 ms backoff base
    // rather than the default 100 ms, those attempts take milliseconds instead of about 8 s per
    // test (the code and the number of attempts are what these tests assert, not the pacing).
    stack = await startStack({ emulator: { log: (line) => emulatorLog.push(line) }, gateway: { nodeEnv: 'development', upstreamMaxAttempts: 1, upstreamResilience: { throttleBaseDelayMs: 1 } } });
  });
  afterEach(() => stack.emulator.setFaults([]));
  afterAll(() => stack.close());

  test('a missing resource is NOT_FOUND with the upstream service, operation, error name, request ID and status', async () => {
    const { status, body } = await stack.gql(POOL_QUERY);
    expect(status).toBe(200);
    expect(body.data).toEqual({ pool: null });
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error.path).toEqual(['pool']);
    expect(error.message).toBe('No pool with ID or ARN "pool-does-not-exist" exists in this account and region.');
    expect(error.extensions).toMatchObject({
      code: 'NOT_FOUND',
      upstream: { service: 'sms-voice-v2', operation: 'DescribePools', errorName: 'ResourceNotFoundException', requestId: expect.stringMatching(/\S+/), httpStatusCode: 400 },
    });
    // The request ID is the one the emulator logged for that request.
    expect(emulatorLog.some((line) => line.startsWith(`${error.extensions!.upstream.requestId} `))).toBe(true);
    // Development shows the stack trace.
    expect(error.extensions!.stacktrace).toEqual(expect.arrayContaining([expect.stringContaining('ResourceNotFoundException')]));
  });

  test.each([
    ['ValidationException', undefined, 'BAD_USER_INPUT', 400],
    ['AccessDeniedException', undefined, 'FORBIDDEN', 400],
    ['ConflictException', undefined, 'CONFLICT', 400],
    ['ThrottlingException', undefined, 'THROTTLED', 400],
    ['ServiceQuotaExceededException', undefined, 'QUOTA_EXCEEDED', 400],
    ['InternalServerException', undefined, 'UPSTREAM_UNAVAILABLE', 500],
    ['ServiceUnavailable', 503, 'UPSTREAM_UNAVAILABLE', 503],
    ['SomethingUnmodelled', 418, 'INTERNAL_SERVER_ERROR', 418],
  ])('%s (fault status %p) maps to %s', async (errorCode, status, code, httpStatusCode) => {
    stack.emulator.setFaults([{ service: 'sms-voice-v2', operation: 'DescribePools', errorCode, ...(status ? { status } : {}) }]);
    const { body } = await stack.gql(POOL_QUERY);
    expect(body.data).toEqual({ pool: null });
    expect(body.errors![0].extensions).toMatchObject({ code, upstream: { service: 'sms-voice-v2', operation: 'DescribePools', errorName: errorCode, httpStatusCode } });
  });

  test('one failing field never fails its siblings', async () => {
    stack.emulator.setFaults([{ service: 'sms-voice-v2', operation: 'DescribePools', errorCode: 'ThrottlingException' }]);
    const { status, body } = await stack.gql('{ pool(poolId: "pool-x") { poolId } optOutLists(first: 1) { nodes { name } } }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ pool: null, optOutLists: { nodes: [{ name: expect.any(String) }] } });
    expect(body.errors!.map((error) => [error.path, error.extensions!.code])).toEqual([[['pool'], 'THROTTLED']]);
  });
});

describe('upstream errors outside development are masked', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Production's anonymous caller has no policy (every upstream field FORBIDDEN); this suite is not about callers.
    stack = await startStack({ gateway: { nodeEnv: 'production', auth: { anonymous: 'open' }, upstreamMaxAttempts: 1 } });
  });
  afterEach(() => stack.emulator.setFaults([]));
  afterAll(() => stack.close());

  test('client errors keep their upstream message, with no stack trace', async () => {
    const { body } = await stack.gql(POOL_QUERY);
    expect(body.errors![0].message).toBe('No pool with ID or ARN "pool-does-not-exist" exists in this account and region.');
    expect(body.errors![0].extensions).toEqual({
      code: 'NOT_FOUND',
      upstream: { service: 'sms-voice-v2', operation: 'DescribePools', errorName: 'ResourceNotFoundException', requestId: expect.any(String), httpStatusCode: 400 },
    });
  });

  test('upstream faults and internal errors get a generic message', async () => {
    stack.emulator.setFaults([{ service: 'sms-voice-v2', operation: 'DescribePools', errorCode: 'InternalServerException' }]);
    const unavailable = await stack.gql(POOL_QUERY);
    expect(unavailable.body.errors![0].message).toBe('The upstream AWS service is unavailable; try again later.');
    expect(unavailable.body.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(unavailable.body.errors![0].extensions!.stacktrace).toBeUndefined();

    stack.emulator.setFaults([{ service: 'sms-voice-v2', operation: 'DescribePools', errorCode: 'SomethingUnmodelled', status: 418 }]);
    const internal = await stack.gql(POOL_QUERY);
    expect(internal.body.errors![0].message).toBe('Internal server error.');
    expect(internal.body.errors![0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
  });

  test('an unreachable upstream is UPSTREAM_UNAVAILABLE naming the network error', async () => {
    // Production's anonymous caller has no policy (every upstream field FORBIDDEN); this suite is not about callers.
    const down = await startStack({ gateway: { nodeEnv: 'production', auth: { anonymous: 'open' }, upstreamMaxAttempts: 1 } });
    try {
      await down.emulator.close();
      const { body } = await down.gql(POOL_QUERY);
      expect(body.data).toEqual({ pool: null });
      expect(body.errors![0]).toMatchObject({
        message: 'The upstream AWS service is unavailable; try again later.',
        extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: { service: 'sms-voice-v2', operation: 'DescribePools', errorName: 'ECONNREFUSED', requestId: null, httpStatusCode: null } },
      });
    } finally {
      await down.gateway.close();
    }
  });

  test('GraphQL validation errors keep their own code and message', async () => {
    const { status, body } = await stack.gql('{ pool { nope } }');
    expect(status).toBe(400);
    expect(body.errors!.map((error) => error.extensions!.code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
  });
});

test('formatError never throws, whatever it is handed', () => {
  const format = createFormatError({ nodeEnv: 'production' });
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('boom');
      },
      has() {
        throw new Error('boom');
      },
    },
  );
  expect(format({ message: 'x', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, hostile)).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  expect(format({ message: 'leaks /etc/passwd', extensions: { code: 'INTERNAL_SERVER_ERROR' } }, new Error('leaks /etc/passwd'))).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
});
