import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { tsxArgs } from '../helpers/tsx';

/**
 * `WORKERS`: its defaults (one per CPU only in production with Redis, where every shared state is
 * shared), its contract, and the refusal of several workers without Redis in production while rate
 * limits are on (each worker would admit a caller's whole budget: N times the limit).
 */

/** Module-private: the message of a configuration error, or undefined when the environment loads. */
function problem(env: Record<string, string>): string | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

test('defaults: one process outside production and in production without Redis; one per CPU in production with Redis', () => {
  expect(loadConfig({}).workers).toBe(1);
  expect(loadConfig({ NODE_ENV: 'test', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(1);
  expect(loadConfig({ NODE_ENV: 'production' }).workers).toBe(1);
  expect(loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(availableParallelism());
});

test('WORKERS is a count from 1 to 1024 or auto (one per CPU)', () => {
  expect(loadConfig({ WORKERS: '3' }).workers).toBe(3);
  expect(loadConfig({ WORKERS: ' AUTO ' }).workers).toBe(availableParallelism());
  expect(loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', WORKERS: '1' }).workers).toBe(1);
  for (const bad of ['0', '-1', '1.5', 'two', '1025']) {
    expect(problem({ WORKERS: bad })).toBe(`Invalid configuration:\n  - WORKERS must be "auto" or an integer from 1 to 1024; got ${JSON.stringify(bad)}`);
  }
});

test('several workers without Redis: refused in production with rate limits on, allowed otherwise', () => {
  expect(problem({ NODE_ENV: 'production', WORKERS: '4' })).toBe(
    'Invalid configuration:\n  - WORKERS must be 1 in production without REDIS_URL while rate limits are on: each of the 4 worker processes would keep its own rate-limit budgets (a caller would get 4 times its budget), KPI cache and single flight; set REDIS_URL (shared by every worker), or WORKERS=1; got WORKERS="4" and no REDIS_URL',
  );
  expect(loadConfig({ NODE_ENV: 'production', WORKERS: '4', RATE_LIMITS: 'false' }).workers).toBe(4);
  expect(loadConfig({ NODE_ENV: 'production', WORKERS: '4', REDIS_URL: 'redis://127.0.0.1:6379' }).workers).toBe(4);
  expect(loadConfig({ NODE_ENV: 'development', WORKERS: '4' }).workers).toBe(4);
});

test('the real process refuses it at start-up with exit code 2 and the message, before forking anything', () => {
  const run = spawnSync(process.execPath, tsxArgs(join(__dirname, '..', '..', 'src', 'main.ts')), {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', WORKERS: '2', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('WORKERS must be 1 in production without REDIS_URL while rate limits are on: each of the 2 worker processes');
  expect(run.stdout).toBe('');
});
