import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJson, type StartedEmulator } from '../../helpers/emulator';

/**
 * Shared by the state-file tests: a private temporary directory per test file, and the admin
 * calls the tests make over HTTP.
 */

/** A fresh temporary directory (removed by `cleanup`). */
export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-state-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Calls the admin API and returns the status and the JSON answer. */
export async function admin(stack: StartedEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${stack.emulator.endpoint}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await readJson(res) };
}

/** Waits until `check` returns a value other than undefined (polling; the caller's expectation says what it waits for). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, attempts = 200): Promise<T> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/**
 * A deep copy of an SDK output without what differs per call: `$metadata` and the `RequestID`
 * some bodies echo (ListTemplateVersions), and `NextToken` (tokens are signed per process, see
 * `persistence.ts`). Stored request IDs (an endpoint's `RequestId`) stay.
 */
export function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value instanceof Date || value instanceof Uint8Array || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '$metadata' && key !== 'RequestID' && key !== 'NextToken')
      .map(([key, item]) => [key, stable(item)]),
  );
}
