import type { WireRequest, WireResponse } from '../protocol/protocol';
import type { CallCounts } from './calls';
import type { FaultRuleState } from './faults';

/**
 * The admin API under `/_emulator/` (like moto's `/moto-api` and LocalStack's `/_localstack`):
 * health, call counts, reset, seed and fault rules. Answers are plain JSON; bad input is a 400
 * with a message that states the contract and the bad value.
 */

/** Path prefix of every admin route. */
export const ADMIN_PREFIX = '/_emulator/';

/** What the admin routes act on (the emulator server provides it). */
export interface AdminTarget {
  health(): unknown;
  callCounts(): CallCounts;
  clearCalls(): void;
  reset(): void;
  seed(accountId?: string, region?: string): { accountId: string; region: string };
  setFaults(body: unknown): FaultRuleState[];
  faults(): FaultRuleState[];
  clearFaults(): void;
}

/** Module-private: one admin route's action; returns the JSON answer (status 200). */
type AdminAction = (target: AdminTarget, body: unknown) => unknown;

/** Module-private: `METHOD path` → action. */
const adminRoutes: Readonly<Record<string, AdminAction>> = {
  'GET health': (t) => t.health(),
  'GET calls': (t) => t.callCounts(),
  'DELETE calls': (t) => (t.clearCalls(), t.callCounts()),
  'POST reset': (t) => (t.reset(), { reset: true }),
  'POST seed': (t, body) => {
    const { accountId, region } = (body ?? {}) as Record<string, unknown>;
    if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) throw new AdminInputError(`Seed body must be a JSON object {accountId?, region?}; got ${JSON.stringify(body)}`);
    if (accountId !== undefined && (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))) throw new AdminInputError(`accountId must be a 12-digit string; got ${JSON.stringify(accountId)}`);
    if (region !== undefined && (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))) throw new AdminInputError(`region must be an AWS region name like us-east-1; got ${JSON.stringify(region)}`);
    return { seeded: t.seed(accountId as string | undefined, region as string | undefined) };
  },
  'GET faults': (t) => ({ rules: t.faults() }),
  'PUT faults': (t, body) => {
    try {
      return { rules: t.setFaults(body) };
    } catch (error) {
      throw new AdminInputError((error as Error).message);
    }
  },
  'DELETE faults': (t) => (t.clearFaults(), { rules: [] }),
};

/** Answers an admin request (the path starts with `ADMIN_PREFIX`). */
export function handleAdmin(target: AdminTarget, request: WireRequest): WireResponse {
  const name = request.path.slice(ADMIN_PREFIX.length);
  const action = adminRoutes[`${request.method} ${name}`];
  if (!action) {
    const allowed = Object.keys(adminRoutes).filter((k) => k.endsWith(` ${name}`));
    return answer(allowed.length ? 405 : 404, {
      message: allowed.length ? `${request.method} is not allowed on ${request.path}; allowed: ${allowed.map((k) => k.split(' ')[0]).join(', ')}` : `Unknown admin route ${request.method} ${request.path}; routes: ${Object.keys(adminRoutes).join(', ')}`,
    });
  }
  try {
    return answer(200, action(target, parseBody(request.body)));
  } catch (error) {
    if (error instanceof AdminInputError) return answer(400, { message: error.message });
    throw error;
  }
}

/** Module-private: a client mistake in an admin request (answered with 400). */
class AdminInputError extends Error {}

/** Module-private. */
function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new AdminInputError(`Admin request body must be JSON: ${(error as Error).message}`);
  }
}

/** Module-private. */
function answer(status: number, body: unknown): WireResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
