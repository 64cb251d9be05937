import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  test('every default in one place', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      upstream: 'emulator',
      region: 'us-east-1',
      endpoints: undefined,
      upstreamMaxAttempts: 3,
      upstreamTimeoutMs: 10_000,
      redis: undefined,
      kpi: { ttlPastSeconds: 86_400, ttlCurrentSeconds: 60, lockTtlMs: 10_000 },
      nodeEnv: 'development',
      exposeUpstreamCalls: true,
      loaderMode: 'batched',
      logLevel: 'info',
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
      'REDIS_URL must be a redis:// or rediss:// URL; got "http://x"',
      'KPI_TTL_PAST_SECONDS must be an integer from 1 to 31536000; got "-1"',
      'EXPOSE_UPSTREAM_CALLS must be one of true, false, 1, 0, yes, no, on, off; got "maybe"',
    ]);
  });

  test('one endpoint without the other is refused, naming both', () => {
    expect(() => loadConfig({ PINPOINT_ENDPOINT: 'http://127.0.0.1:1234' })).toThrow(
      'SMS_VOICE_ENDPOINT must be set when PINPOINT_ENDPOINT is (both services point at the same kind of upstream); got PINPOINT_ENDPOINT="http://127.0.0.1:1234" and no SMS_VOICE_ENDPOINT',
    );
  });
});

test('the gateway process refuses to start on a bad variable, printing it, with exit code 2', () => {
  const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), join(__dirname, '..', '..', 'src', 'main.ts')], {
    env: { ...process.env, PORT: 'abc', REDIS_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('Invalid configuration:\n  - PORT must be an integer from 0 to 65535; got "abc"\n');
});
