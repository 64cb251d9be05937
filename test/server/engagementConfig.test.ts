import { ConfigError, loadConfig } from '../../src/config';

// ENGAGEMENT_ENDPOINT and its credentials (README "AWS as it is today"): only with UPSTREAM=aws,
// the two keys together and only with the endpoint; every problem named with the variable.

/** Module-private: the problems a configuration is refused with (none: it loaded). */
function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

test('unset: no engagement endpoint (retired Pinpoint operations answer UPSTREAM_RETIRED with UPSTREAM=aws)', () => {
  expect(loadConfig({ UPSTREAM: 'aws' }).engagement).toBeUndefined();
});

test('ENGAGEMENT_ENDPOINT with UPSTREAM=aws, trailing slash trimmed; the fake keys by default, the given ones when both are set', () => {
  expect(loadConfig({ UPSTREAM: 'aws', ENGAGEMENT_ENDPOINT: 'http://127.0.0.1:4566/' }).engagement).toEqual({ endpoint: 'http://127.0.0.1:4566' });
  expect(loadConfig({ UPSTREAM: 'aws', ENGAGEMENT_ENDPOINT: 'https://engagement.internal', ENGAGEMENT_ACCESS_KEY_ID: '123456789012', ENGAGEMENT_SECRET_ACCESS_KEY: 'x' }).engagement).toEqual({
    endpoint: 'https://engagement.internal',
    credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' },
  });
});

test('refused: with UPSTREAM=emulator, a bad URL, one key without the other, keys without the endpoint', () => {
  expect(problemsOf({ ENGAGEMENT_ENDPOINT: 'http://127.0.0.1:4566' })).toEqual([
    'ENGAGEMENT_ENDPOINT applies only with UPSTREAM=aws (it serves the Pinpoint operations AWS retired; the emulator still serves them all); got ENGAGEMENT_ENDPOINT="http://127.0.0.1:4566" and UPSTREAM="emulator"',
  ]);
  expect(problemsOf({ UPSTREAM: 'aws', ENGAGEMENT_ENDPOINT: 'ftp://x' })).toEqual(['ENGAGEMENT_ENDPOINT must be an absolute http:// or https:// URL; got "ftp://x"']);
  expect(problemsOf({ UPSTREAM: 'aws', ENGAGEMENT_ENDPOINT: 'http://e', ENGAGEMENT_ACCESS_KEY_ID: 'AKIA' })).toEqual([
    'ENGAGEMENT_SECRET_ACCESS_KEY must be set when ENGAGEMENT_ACCESS_KEY_ID is (one key pair); got no ENGAGEMENT_SECRET_ACCESS_KEY',
  ]);
  expect(problemsOf({ UPSTREAM: 'aws', ENGAGEMENT_SECRET_ACCESS_KEY: 's' })).toEqual([
    'ENGAGEMENT_ENDPOINT must be set when ENGAGEMENT_SECRET_ACCESS_KEY is (the credentials are the engagement endpoint\'s); got no ENGAGEMENT_ENDPOINT',
  ]);
});
