import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { tsxArgs } from '../helpers/tsx';

describe('loadConfig', () => {
  test('every default in one place', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: 'localhost',
      maxBodyBytes: 1_048_576,
      upstream: 'emulator',
      region: 'us-east-1',
      endpoints: undefined,
      upstreamMaxAttempts: 3,
      upstreamTimeoutMs: 10_000,
      upstreamResilience: { throttleMaxAttempts: 10, retryTokens: 2_000, operationRetryTokens: 500, throttleMinRate: 100, throttleBaseDelayMs: 100, breakerFailures: 5, breakerHalfOpenMs: 1_000, maxConcurrency: 50, queueSize: 1_000 },
      redis: undefined,
      kpi: { ttlPastSeconds: 86_400, ttlCurrentSeconds: 60, lockTtlMs: 10_000, staleSeconds: 3_600 },
      nodeEnv: 'development',
      exposeUpstreamCalls: true,
      cors: { origins: [], allowCredentials: false, extraAllowedHeaders: [], maxAgeSeconds: 600 },
      graphiql: true,
      introspection: true,
      keepAliveTimeoutMs: 5_000,
      fieldSuggestions: true,
      limits: {
        structural: { maxDepth: 15, maxAliases: 30, maxDirectives: 30, maxRootFields: 20, maxTokens: 5_000, maxDocumentBytes: 65_536 },
        cost: { maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 12_000 },
        execution: { deadlineMs: 30_000, maxUpstreamCalls: 500, maxResolverCalls: 200_000, maxKpiReads: 50, maxNodeIds: 100, maxResponseBytes: 8_388_608 },
      },
      loaderMode: 'batched',
      admissionWorkers: 1,
      awsAccountId: undefined,
      auth: { policiesDir: undefined, policiesRefreshSeconds: 30, apiKeysFile: '.data/api-keys.json', anonymousPolicies: 'open', jwt: undefined },
      rateLimits: { points: 6_000, windowSeconds: 60, sendPoints: 100, sendWindowSeconds: 60 },
      trustProxyHops: 0,
      trustedDocuments: { mode: 'off', file: '.trusted-documents.json' },
      apqTtlSeconds: 86_400,
      audit: true,
      shutdownGraceMs: 10_000,
      workers: 1,
      logLevel: 'info',
      metrics: { maxOperationNames: 100, host: undefined, port: undefined },
      tracing: undefined,
    });
  });

  test('values from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      UPSTREAM: 'aws',
      AWS_REGION: 'eu-west-1',
      PINPOINT_ENDPOINT: 'http://127.0.0.1:4566/',
      SMS_VOICE_ENDPOINT: 'http://127.0.0.1:4566',
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      REDIS_KEY_PREFIX: 'pg:',
      KPI_TTL_PAST_SECONDS: '3600',
      KPI_TTL_CURRENT_SECONDS: '30',
      KPI_LOCK_TTL_MS: '5000',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      upstream: 'aws',
      region: 'eu-west-1',
      endpoints: { pinpoint: 'http://127.0.0.1:4566', smsVoice: 'http://127.0.0.1:4566' },
      redis: { url: 'redis://127.0.0.1:6379/2', keyPrefix: 'pg:', commandTimeoutMs: 500 },
      kpi: { ttlPastSeconds: 3600, ttlCurrentSeconds: 30, lockTtlMs: 5000 },
      nodeEnv: 'production',
      exposeUpstreamCalls: false,
      logLevel: 'warn',
    });
  });

  test('EXPOSE_UPSTREAM_CALLS overrides the production default; empty strings count as unset', () => {
    expect(loadConfig({ NODE_ENV: 'production', EXPOSE_UPSTREAM_CALLS: 'yes' }).exposeUpstreamCalls).toBe(true);
    expect(loadConfig({ EXPOSE_UPSTREAM_CALLS: 'off' }).exposeUpstreamCalls).toBe(false);
    expect(loadConfig({ PORT: '', REDIS_URL: '' })).toMatchObject({ port: 4000, redis: undefined });
  });

  test('bad values fail with the variable, the contract and the value, all at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', UPSTREAM: 'gcp', AWS_REGION: 'mars', PINPOINT_ENDPOINT: 'ftp://x', REDIS_URL: 'http://x', EXPOSE_UPSTREAM_CALLS: 'maybe', KPI_TTL_PAST_SECONDS: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer from 0 to 65535; got "70000"',
      'UPSTREAM must be "emulator" or "aws"; got "gcp"',
      'AWS_REGION must be an AWS region name such as us-east-1; got "mars"',
      'PINPOINT_ENDPOINT must be an absolute http:// or https:// URL; got "ftp://x"',
      'REDIS_URL must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL (redis://host:port[/db], rediss://…, redis-sentinel://host:26379[,host:port…]/mastername[?db=N] or redis-cluster://host:port[,host:port…]); got "http://x"',
      'KPI_TTL_PAST_SECONDS must be an integer from 1 to 31536000; got "-1"',
      'EXPOSE_UPSTREAM_CALLS must be one of true, false, 1, 0, yes, no, on, off; got "maybe"',
    ]);
  });

  test('upstream resilience: each UPSTREAM_* setting, the rest default; bad values name the variable', () => {
    expect(
      loadConfig({
        UPSTREAM_THROTTLE_MAX_ATTEMPTS: '4',
        UPSTREAM_RETRY_TOKENS: '300',
        UPSTREAM_OPERATION_RETRY_TOKENS: '60',
        UPSTREAM_BREAKER_FAILURES: '3',
        UPSTREAM_BREAKER_HALF_OPEN_MS: '500',
        UPSTREAM_MAX_CONCURRENCY: '20',
      }).upstreamResilience,
    ).toEqual({ throttleMaxAttempts: 4, retryTokens: 300, operationRetryTokens: 60, throttleMinRate: 100, throttleBaseDelayMs: 100, breakerFailures: 3, breakerHalfOpenMs: 500, maxConcurrency: 20, queueSize: 1_000 });
    let error: unknown;
    try {
      loadConfig({ UPSTREAM_BREAKER_HALF_OPEN_MS: '10', UPSTREAM_MAX_CONCURRENCY: '0', UPSTREAM_QUEUE_SIZE: 'lots' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual([
      'UPSTREAM_BREAKER_HALF_OPEN_MS must be an integer from 50 to 600000; got "10"',
      'UPSTREAM_MAX_CONCURRENCY must be an integer from 1 to 10000; got "0"',
      'UPSTREAM_QUEUE_SIZE must be an integer from 0 to 1000000; got "lots"',
    ]);
    expect(() => loadConfig({ UPSTREAM_OPERATION_RETRY_TOKENS: '2500' })).toThrow(
      "UPSTREAM_OPERATION_RETRY_TOKENS must not exceed UPSTREAM_RETRY_TOKENS (one operation's share of its service's retry budget); got 2500 and 2000",
    );
  });

  test('MAX_BODY_BYTES: 1 KiB to 8 MiB', () => {
    expect(loadConfig({ MAX_BODY_BYTES: '262144' }).maxBodyBytes).toBe(262_144);
    expect(() => loadConfig({ MAX_BODY_BYTES: '1023' })).toThrow('MAX_BODY_BYTES must be an integer from 1024 to 8388608; got "1023"');
    expect(() => loadConfig({ MAX_BODY_BYTES: '1mb' })).toThrow('MAX_BODY_BYTES must be an integer from 1024 to 8388608; got "1mb"');
  });

  test('KEEP_ALIVE_TIMEOUT_MS: Node\'s 5 s by default, 1 s to 4,200 s (never 0, which Node reads as "never close")', () => {
    expect(loadConfig({}).keepAliveTimeoutMs).toBe(5_000);
    expect(loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '65000' }).keepAliveTimeoutMs).toBe(65_000);
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '0' })).toThrow('KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000 to 4200000; got "0"');
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_MS: '65s' })).toThrow('KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000 to 4200000; got "65s"');
  });

  test('browser access: exact origins, credentials, extra headers and preflight max age', () => {
    expect(
      loadConfig({
        CORS_ORIGINS: 'http://localhost:3999, https://app.example.com,http://localhost:3999',
        CORS_ALLOW_CREDENTIALS: 'true',
        CORS_ALLOWED_HEADERS: 'X-Request-Id, traceparent',
        CORS_MAX_AGE_SECONDS: '0',
      }).cors,
    ).toEqual({ origins: ['http://localhost:3999', 'https://app.example.com'], allowCredentials: true, extraAllowedHeaders: ['x-request-id', 'traceparent'], maxAgeSeconds: 0 });
    expect(loadConfig({ CORS_ORIGINS: ' * ' }).cors.origins).toBe('*');
    expect(loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.com' }).cors.origins).toEqual(['https://app.example.com']);
  });

  test('browser access: bad values are refused with the contract', () => {
    let error: unknown;
    try {
      loadConfig({ CORS_ORIGINS: 'http://localhost:3999/app', CORS_ALLOW_CREDENTIALS: 'sometimes', CORS_ALLOWED_HEADERS: 'x-ok, bad header', CORS_MAX_AGE_SECONDS: '86401' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).problems).toEqual([
      'CORS_ORIGINS must be * or a comma-separated list of origins such as http://localhost:3999 (scheme://host[:port], lower case, no path); got "http://localhost:3999/app"',
      'CORS_ALLOW_CREDENTIALS must be one of true, false, 1, 0, yes, no, on, off; got "sometimes"',
      'CORS_ALLOWED_HEADERS must be a comma-separated list of HTTP header names such as x-request-id; got "x-ok, bad header"',
      'CORS_MAX_AGE_SECONDS must be an integer from 0 to 86400; got "86401"',
    ]);
    for (const origins of ['*, http://localhost:3999', 'HTTP://Localhost:3999', 'localhost:3999', 'ftp://files.example.com', 'http://localhost:80']) {
      expect(() => loadConfig({ CORS_ORIGINS: origins })).toThrow(`CORS_ORIGINS must be * or a comma-separated list of origins such as http://localhost:3999 (scheme://host[:port], lower case, no path); got ${JSON.stringify(origins)}`);
    }
    expect(() => loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: '*' })).toThrow(`CORS_ORIGINS must list the origins in production ("*" lets every web site read the gateway's answers); got "*"`);
    expect(() => loadConfig({ CORS_ORIGINS: '*', CORS_ALLOW_CREDENTIALS: 'yes' })).toThrow(
      'CORS_ALLOW_CREDENTIALS must be false when CORS_ORIGINS is "*" (credentials are only allowed for listed origins); got CORS_ALLOW_CREDENTIALS="yes" and CORS_ORIGINS="*"',
    );
  });

  test('the production profile: GraphiQL, introspection and suggestions off unless switched on', () => {
    const profile = (env: Record<string, string>) => {
      const config = loadConfig(env);
      return { graphiql: config.graphiql, introspection: config.introspection, fieldSuggestions: config.fieldSuggestions };
    };
    expect(profile({ NODE_ENV: 'production' })).toEqual({ graphiql: false, introspection: false, fieldSuggestions: false });
    expect(profile({ NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: '1', FIELD_SUGGESTIONS: 'on' })).toEqual({ graphiql: true, introspection: true, fieldSuggestions: true });
    expect(profile({ NODE_ENV: 'test' })).toEqual({ graphiql: true, introspection: true, fieldSuggestions: true });
    expect(profile({ GRAPHIQL: 'false', INTROSPECTION: 'no', FIELD_SUGGESTIONS: 'off' })).toEqual({ graphiql: false, introspection: false, fieldSuggestions: false });
    expect(() => loadConfig({ INTROSPECTION: 'maybe' })).toThrow('INTROSPECTION must be one of true, false, 1, 0, yes, no, on, off; got "maybe"');
  });

  test('one endpoint without the other is refused, naming both', () => {
    expect(() => loadConfig({ PINPOINT_ENDPOINT: 'http://127.0.0.1:1234' })).toThrow(
      'SMS_VOICE_ENDPOINT must be set when PINPOINT_ENDPOINT is (both services point at the same kind of upstream); got PINPOINT_ENDPOINT="http://127.0.0.1:1234" and no SMS_VOICE_ENDPOINT',
    );
  });
});

test('the gateway process refuses to start on a bad variable, printing it, with exit code 2', () => {
  const result = spawnSync(process.execPath, tsxArgs(join(__dirname, '..', '..', 'src', 'main.ts')), {
    env: { ...process.env, PORT: 'abc', REDIS_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('Invalid configuration:\n  - PORT must be an integer from 0 to 65535; got "abc"\n');
});

test('LIMIT_* and REQUEST_DEADLINE_MS replace their defaults one by one; a bad value names the variable', () => {
  const config = loadConfig({ LIMIT_MAX_DEPTH: '20', LIMIT_MAX_UPSTREAM_CALLS: '50', REQUEST_DEADLINE_MS: '5000' });
  expect(config.limits.structural).toMatchObject({ maxDepth: 20, maxAliases: 30 });
  expect(config.limits.execution).toMatchObject({ maxUpstreamCalls: 50, deadlineMs: 5_000, maxNodeIds: 100 });
  expect(() => loadConfig({ LIMIT_MAX_DEPTH: '0' })).toThrow('LIMIT_MAX_DEPTH must be an integer from 1 to 1000; got "0"');
  expect(() => loadConfig({ REQUEST_DEADLINE_MS: 'soon' })).toThrow('REQUEST_DEADLINE_MS must be an integer from 100 to 600000; got "soon"');
});

test('SHUTDOWN_GRACE_MS: the drain grace after SIGTERM, in ms', () => {
  expect(loadConfig({ SHUTDOWN_GRACE_MS: '2500' }).shutdownGraceMs).toBe(2_500);
  expect(loadConfig({ SHUTDOWN_GRACE_MS: '0' }).shutdownGraceMs).toBe(0);
  expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '10s' })).toThrow('SHUTDOWN_GRACE_MS must be an integer from 0 to 600000; got "10s"');
});

describe('callers: POLICIES_*, API_KEYS_FILE, ANONYMOUS_POLICIES, JWT_*', () => {
  test('the anonymous caller: open outside production, no policy in production; ANONYMOUS_POLICIES names them ("none": no policy)', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).auth.anonymousPolicies).toBe('open');
    expect(loadConfig({ NODE_ENV: 'test' }).auth.anonymousPolicies).toBe('open');
    expect(loadConfig({ NODE_ENV: 'production' }).auth.anonymousPolicies).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', ANONYMOUS_POLICIES: ' public-read, status ,public-read' }).auth.anonymousPolicies).toEqual(['public-read', 'status']);
    expect(loadConfig({ NODE_ENV: 'development', ANONYMOUS_POLICIES: 'none' }).auth.anonymousPolicies).toEqual([]);
    expect(() => loadConfig({ ANONYMOUS_POLICIES: 'read all' })).toThrow(
      'ANONYMOUS_POLICIES must be "none" or a comma-separated list of policy names (a letter or digit, then letters, digits, ".", "_" or "-"); got "read all"',
    );
  });

  test('policies and API keys: where they live', () => {
    expect(loadConfig({ POLICIES_DIR: '/etc/pinpoint-graph/policies', POLICIES_REFRESH_SECONDS: '0', API_KEYS_FILE: '/var/lib/pg/keys.json' }).auth).toMatchObject({
      policiesDir: '/etc/pinpoint-graph/policies',
      policiesRefreshSeconds: 0,
      apiKeysFile: '/var/lib/pg/keys.json',
    });
    expect(() => loadConfig({ POLICIES_REFRESH_SECONDS: '-1' })).toThrow('POLICIES_REFRESH_SECONDS must be an integer from 0 to 86400; got "-1"');
  });

  test('JWT: a key set (URL or file) with issuer and audience; algorithms, tolerance and claim have defaults', () => {
    expect(loadConfig({ JWT_JWKS_URL: 'https://id.example.com/.well-known/jwks.json', JWT_ISSUER: 'https://id.example.com/', JWT_AUDIENCE: 'pinpoint-graph' }).auth.jwt).toEqual({
      jwks: { url: 'https://id.example.com/.well-known/jwks.json' },
      issuer: ['https://id.example.com/'],
      audience: ['pinpoint-graph'],
      algorithms: ['RS256', 'ES256'],
      clockToleranceSeconds: 30,
      policyClaim: 'policies',
    });
    expect(
      loadConfig({ JWT_JWKS_FILE: './jwks.json', JWT_ISSUER: 'a, b', JWT_AUDIENCE: 'web,api', JWT_ALGORITHMS: 'ES384, EdDSA', JWT_CLOCK_TOLERANCE_SECONDS: '0', JWT_POLICY_CLAIM: 'https://pg.example/policies' }).auth.jwt,
    ).toEqual({ jwks: { file: './jwks.json' }, issuer: ['a', 'b'], audience: ['web', 'api'], algorithms: ['ES384', 'EdDSA'], clockToleranceSeconds: 0, policyClaim: 'https://pg.example/policies' });
  });

  test('JWT: bad values and incomplete sets are refused with the contract, all at once', () => {
    expect(() => loadConfig({ JWT_ALGORITHMS: 'RS256,none', JWT_CLOCK_TOLERANCE_SECONDS: '301', JWT_JWKS_URL: 'ftp://x' })).toThrow(
      new ConfigError([
        'JWT_JWKS_URL must be an absolute http:// or https:// URL; got "ftp://x"',
        'JWT_ALGORITHMS must be a comma-separated list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA (asymmetric only; never none or HS*); got "RS256,none"',
        'JWT_CLOCK_TOLERANCE_SECONDS must be an integer from 0 to 300; got "301"',
      ]).message,
    );
    expect(() => loadConfig({ JWT_ALGORITHMS: 'HS256' })).toThrow('JWT_ALGORITHMS must be a comma-separated list of');
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://id/jwks', JWT_JWKS_FILE: 'jwks.json', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toThrow(
      'JWT_JWKS_URL and JWT_JWKS_FILE are exclusive (one key set); got JWT_JWKS_URL="https://id/jwks" and JWT_JWKS_FILE="jwks.json"',
    );
    expect(() => loadConfig({ JWT_JWKS_URL: 'https://id/jwks' })).toThrow(
      new ConfigError(['JWT_ISSUER must be set when JWT_JWKS_URL is (tokens are checked against it); got no JWT_ISSUER', 'JWT_AUDIENCE must be set when JWT_JWKS_URL is (tokens are checked against it); got no JWT_AUDIENCE']).message,
    );
    expect(() => loadConfig({ JWT_AUDIENCE: 'api' })).toThrow('JWT_JWKS_URL or JWT_JWKS_FILE must be set when JWT_AUDIENCE is (no key set, no tokens); got JWT_AUDIENCE="api"');
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'http://id.internal/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' })).toThrow(
      'JWT_JWKS_URL must be https:// in production (a key set fetched over plain HTTP can be replaced on the way); got "http://id.internal/jwks"',
    );
    expect(loadConfig({ NODE_ENV: 'development', JWT_JWKS_URL: 'http://127.0.0.1:9000/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }).auth.jwt?.jwks).toEqual({ url: 'http://127.0.0.1:9000/jwks' });
  });
});
