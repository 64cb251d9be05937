/**
 * The admin API under `/_emulator/` (like moto's `/moto-api` and LocalStack's `/_localstack`).
 * Answers are JSON; a client mistake is a 400 (or 404/409) with `{ "message": … }` stating the
 * contract and the bad value; an unknown route is a 404 and a known route with another method
 * a 405.
 *
 * Core routes:
 *
 * | Route | Input | Answer |
 * |---|---|---|
 * | `GET /_emulator/health` | | `{ status, services: { <id>: { operations, implemented } } }` |
 * | `GET /_emulator/calls` | | `{ total, byService, byOperation, byGatewayRequestId }`: requests received (each SDK attempt counts); `byGatewayRequestId` per `x-gateway-request-id` header (the last 1 000 values) |
 * | `DELETE /_emulator/calls` | | the emptied counts |
 * | `POST /_emulator/reset` | | `{ reset: true }`: forgets all service state, call counts, fault rules and the outbox, and returns the clock to its base |
 * | `POST /_emulator/seed` | `{ accountId?, region? }` | `{ seeded: { accountId, region } }`: loads the demo data (default 123456789012, us-east-1) |
 * | `GET /_emulator/faults` | | `{ rules, hanging }`: each rule with its `state` (pending, active, spent) and what it has left (`remaining` firings, `startsInMs`, `endsInMs`); `hanging`: requests held open by `hang` rules now |
 * | `PUT /_emulator/faults` | one rule or a list of rules (see `faults.ts`: kinds error, throttle, latency, hang, reset; time windows) | `{ rules, hanging }` |
 * | `DELETE /_emulator/faults` | | `{ rules: [], hanging }` |
 * | `GET /_emulator/clock` | | `{ now, mode: base/fixed/offset, offsetSeconds? }` |
 * | `POST /_emulator/clock` | exactly one of `{ set: "<ISO 8601>" }` (freeze at that instant), `{ advanceSeconds: n ≥ 0 }`, `{ reset: true }` (back to the base clock) | the clock's state, after the services ran what the move made due everywhere (Pinpoint campaigns and journeys: their messages are in the outbox) |
 * | `GET /_emulator/outbox` | query `service`, `channel` (SMS, VOICE, EMAIL, PUSH, IN_APP, CUSTOM), `destination`, `origination`, `since` (ISO 8601, inclusive), `accountId`, `region`; all optional, all must match | `{ messages: [...] }`, oldest first (see `outbox.ts`) |
 * | `DELETE /_emulator/outbox` | | `{ cleared: <count> }` |
 * | `GET /_emulator/redundant-calls` | query `requestIdPrefix` (optional) | `{ requests, flags }`: the calls of the logged gateway requests (those whose `x-gateway-request-id` starts with the prefix) whose answer an earlier response of the same request already held, or that repeat an earlier read (`admin/redundantCalls.ts`); 409 unless the emulator keeps a call log (`EMULATOR_CALL_LOG=true`) |
 * | `GET /_emulator/verification-codes` | query `destination`, `accountId`, `region`; all optional, all must match | `{ verificationCodes: [{ destination, verificationCode, verifiedDestinationNumberId, messageId, sentAt, expiresAt }] }`, newest first: the codes SMS v2's SendDestinationNumberVerificationCode sent (read from the outbox), the first being the one VerifyDestinationNumber accepts |
 *
 * Service routes (each service's `adminRoutes`; SMS v2's are in `services/sms-voice-v2/admin.ts`), and the state file's (`persistence.ts`):
 *
 * | Route | Input | Answer |
 * |---|---|---|
 * | `POST /_emulator/inbound` | `{ originationIdentity: <E.164 number, phone number ID/ARN or pool ID/ARN>, from: <E.164>, body, accountId?, region? }` | what happened: the matched keyword, its action, whether `from` is now opted out, the automatic reply (also in the outbox) |
 * | `POST /_emulator/registrations/<id or ARN>/review` | `{ decision: "APPROVE" \| "DENY", reasons?: [string \| { Reason, ShortDescription, LongDescription?, DocumentationTitle?, DocumentationLink? }], feedback?, accountId?, region? }` | `{ registration, version }`; 409 unless the current version is SUBMITTED or under review |
 * | `GET /_emulator/sms-voice-v2/account` | query `accountId`, `region` (defaults 123456789012, us-east-1) | `{ accountId, region, accountTier, spendMaxLimits, spendLimitOverrides, monthlySpend }` |
 * | `PUT /_emulator/sms-voice-v2/account` | `{ accountId?, region?, accountTier?: "SANDBOX" \| "PRODUCTION", spendMaxLimits?: { TEXT?, VOICE? } }` (what a support case changes on AWS) | the account as GET shows it |
 * | `POST /_emulator/pinpoint/run` | | `{ now, scopes: [{ accountId, region }] }`: runs the Pinpoint campaigns and journeys due now in every account and region (`services/pinpoint/journeyRunner.ts`) |
 * | `POST /_emulator/pinpoint/campaigns/run` | | `{ now, scopes }`: the same for campaigns only (the older route; `pinpoint/run` supersedes it) |
 * | `GET /_emulator/pinpoint/retirement` | | `{ engagement, operations }`: whether the Pinpoint operations AWS retired on 2026-10-30 answer `ForbiddenException` (`admin/retirement.ts`; tags by resource ARN) |
 * | `PUT /_emulator/pinpoint/retirement` | `{ engagement: true \| false }` | the same; `reset` returns it to the `retireEngagement` option |
 * | `POST /_emulator/state/save` | | `{ saved: { path, bytes, written } }`: writes the state file now (`persistence.ts`); `written` is false when nothing changed since the last write; 409 when the emulator has no state file |
 *
 * An admin route that finds a resource by ID (inbound, review) searches every account and
 * region unless `accountId`/`region` narrow it; a match in several is a 400 asking for them.
 */

import type { EmulatorClock } from '../clock';
import { OUTBOX_CHANNELS, type Outbox, type OutboxChannel, type OutboxFilter } from '../outbox';
import type { WireRequest, WireResponse } from '../protocol/protocol';
import { serviceIds } from '../services';
import type { ServiceAdminRequest, ServiceAdminRoute, ServiceId } from '../services/types';
import { AdminError } from './adminError';
import type { CallCounts } from './calls';
import type { FaultRuleState, FaultsState } from './faults';

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
  faults(): FaultsState;
  clearFaults(): void;
  /**
   * The redundant calls (admin/redundantCalls.ts) of the logged gateway requests whose ID starts
   * with `requestIdPrefix` (all without one); undefined when the emulator keeps no call log.
   */
  redundantCalls(requestIdPrefix: string | undefined): { requests: number; flags: string[] } | undefined;
  readonly clock: EmulatorClock;
  readonly outbox: Outbox;
  /** The services' own routes, matched after the core ones. */
  readonly serviceRoutes: readonly ServiceAdminRoute[];
}

/** Module-private: one core route. */
interface CoreRoute {
  readonly method: ServiceAdminRoute['method'];
  readonly path: string;
  run(target: AdminTarget, request: ServiceAdminRequest): unknown;
}

/** Module-private: the core routes, in the order the 405 answer lists methods. */
const coreRoutes: readonly CoreRoute[] = [
  { method: 'GET', path: 'health', run: (t) => t.health() },
  { method: 'GET', path: 'calls', run: (t) => t.callCounts() },
  { method: 'DELETE', path: 'calls', run: (t) => (t.clearCalls(), t.callCounts()) },
  { method: 'POST', path: 'reset', run: (t) => (t.reset(), { reset: true }) },
  { method: 'POST', path: 'seed', run: (t, { body }) => seedCommand(t, body) },
  { method: 'GET', path: 'faults', run: (t) => t.faults() },
  { method: 'PUT', path: 'faults', run: (t, { body }) => (withInputErrors(() => t.setFaults(body)), t.faults()) },
  { method: 'DELETE', path: 'faults', run: (t) => (t.clearFaults(), t.faults()) },
  { method: 'GET', path: 'clock', run: (t) => t.clock.state() },
  { method: 'POST', path: 'clock', run: (t, { body }) => clockCommand(t.clock, body) },
  { method: 'GET', path: 'outbox', run: (t, { query }) => ({ messages: t.outbox.list(outboxFilter(query)) }) },
  { method: 'DELETE', path: 'outbox', run: (t) => ({ cleared: t.outbox.clear() }) },
  { method: 'GET', path: 'redundant-calls', run: (t, { query }) => redundantCallsReport(t, query) },
  { method: 'GET', path: 'verification-codes', run: (t, { query }) => ({ verificationCodes: verificationCodes(t.outbox, query) }) },
];

/** Answers an admin request (the path starts with `ADMIN_PREFIX`). */
export function handleAdmin(target: AdminTarget, request: WireRequest): WireResponse {
  const segments = request.path.slice(ADMIN_PREFIX.length).split('/');
  const routes: { method: string; path: string; run: (request: ServiceAdminRequest) => unknown }[] = [
    ...coreRoutes.map((route) => ({ method: route.method, path: route.path, run: (r: ServiceAdminRequest) => route.run(target, r) })),
    ...target.serviceRoutes.map((route) => ({ method: route.method, path: route.path, run: (r: ServiceAdminRequest) => route.run(r) })),
  ];
  try {
    const onPath = routes.map((route) => ({ route, params: matchPath(route.path, segments) })).filter((m) => m.params !== undefined);
    const match = onPath.find((m) => m.route.method === request.method);
    if (!match) {
      if (onPath.length > 0) {
        return answer(405, { message: `${request.method} is not allowed on ${request.path}; allowed: ${onPath.map((m) => m.route.method).join(', ')}` });
      }
      return answer(404, { message: `Unknown admin route ${request.method} ${request.path}; routes: ${routes.map((r) => `${r.method} ${r.path}`).join(', ')}` });
    }
    return answer(200, match.route.run({ params: match.params!, query: new URLSearchParams(request.query), body: parseBody(request.body) }));
  } catch (error) {
    if (error instanceof AdminError) return answer(error.status, { message: error.message });
    throw error;
  }
}

// ---- inputs of the core routes ------------------------------------------------------------

/** Module-private: `GET redundant-calls` (409 without a call log: the emulator was started without EMULATOR_CALL_LOG). */
function redundantCallsReport(target: AdminTarget, query: URLSearchParams): unknown {
  const report = target.redundantCalls(query.get('requestIdPrefix') ?? undefined);
  if (report === undefined) throw new AdminError(409, 'This emulator keeps no call log: start it with EMULATOR_CALL_LOG=true (or the callLog option).');
  return report;
}

/** Module-private: `POST seed`. */
function seedCommand(target: AdminTarget, body: unknown): unknown {
  if (body !== undefined && !isObject(body)) throw new AdminError(400, `Seed body must be a JSON object {accountId?, region?}; got ${JSON.stringify(body)}`);
  const { accountId, region } = (body ?? {}) as Record<string, unknown>;
  if (accountId !== undefined && (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId))) throw new AdminError(400, `accountId must be a 12-digit string; got ${JSON.stringify(accountId)}`);
  if (region !== undefined && (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))) throw new AdminError(400, `region must be an AWS region name like us-east-1; got ${JSON.stringify(region)}`);
  return { seeded: target.seed(accountId as string | undefined, region as string | undefined) };
}

/** Module-private: `POST clock`: exactly one of `set`, `advanceSeconds`, `reset`. */
function clockCommand(clock: EmulatorClock, body: unknown): unknown {
  const contract = 'The clock body is exactly one of {"set": "<ISO 8601 date-time>"}, {"advanceSeconds": <number ≥ 0>}, {"reset": true}';
  if (!isObject(body)) throw new AdminError(400, `${contract}; got ${JSON.stringify(body)}`);
  const keys = Object.keys(body);
  if (keys.length !== 1 || !['set', 'advanceSeconds', 'reset'].includes(keys[0])) throw new AdminError(400, `${contract}; got keys ${JSON.stringify(keys)}`);
  const value = body[keys[0]];
  switch (keys[0]) {
    case 'set':
      clock.set(parseInstant(value, 'set'));
      break;
    case 'advanceSeconds':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw new AdminError(400, `advanceSeconds must be a finite number ≥ 0 (use "set" to move the clock back); got ${JSON.stringify(value)}`);
      }
      clock.advance(value);
      break;
    default:
      if (value !== true) throw new AdminError(400, `reset must be true; got ${JSON.stringify(value)}`);
      clock.reset();
  }
  return clock.state();
}

/** Module-private: the query parameters `GET outbox` understands. */
const OUTBOX_QUERY = ['service', 'channel', 'destination', 'origination', 'since', 'accountId', 'region'] as const;

/** Module-private: `GET outbox`'s query as a filter. */
function outboxFilter(query: URLSearchParams): OutboxFilter {
  const filter: Record<string, unknown> = {};
  for (const [name, value] of query) {
    if (!(OUTBOX_QUERY as readonly string[]).includes(name)) throw new AdminError(400, `Unknown outbox filter "${name}"; filters: ${OUTBOX_QUERY.join(', ')}`);
    if (filter[name] !== undefined) throw new AdminError(400, `Outbox filter "${name}" is given twice`);
    filter[name] = value;
  }
  if (filter.service !== undefined && !serviceIds.includes(filter.service as ServiceId)) {
    throw new AdminError(400, `service must be one of ${serviceIds.join(', ')}; got ${JSON.stringify(filter.service)}`);
  }
  if (filter.channel !== undefined && !OUTBOX_CHANNELS.includes(filter.channel as OutboxChannel)) {
    throw new AdminError(400, `channel must be one of ${OUTBOX_CHANNELS.join(', ')}; got ${JSON.stringify(filter.channel)}`);
  }
  if (filter.since !== undefined) filter.since = parseInstant(filter.since, 'since');
  return filter as OutboxFilter;
}

/** Module-private: the query parameters `GET verification-codes` understands (a subset of the outbox's). */
const VERIFICATION_CODE_QUERY = ['destination', 'accountId', 'region'] as const;

/**
 * Module-private: `GET verification-codes`: the outbox's SMS v2 destination-verification messages
 * as codes, newest first, so a sandbox walkthrough reads the code to verify with without scanning
 * every message's details (the latest code is the only one VerifyDestinationNumber accepts).
 */
function verificationCodes(outbox: Outbox, query: URLSearchParams): unknown[] {
  for (const name of query.keys()) {
    if (!(VERIFICATION_CODE_QUERY as readonly string[]).includes(name)) throw new AdminError(400, `Unknown verification-codes filter "${name}"; filters: ${VERIFICATION_CODE_QUERY.join(', ')}`);
  }
  const filter = outboxFilter(query);
  return outbox
    .list({ ...filter, service: 'sms-voice-v2' })
    .filter((message) => message.details?.kind === 'verification-code')
    .reverse()
    .map((message) => ({
      destination: message.destination,
      verificationCode: message.details!.verificationCode,
      verifiedDestinationNumberId: message.details!.verifiedDestinationNumberId,
      messageId: message.messageId,
      sentAt: message.sentAt,
      expiresAt: message.details!.expiresAt,
    }));
}

// ---- plumbing -----------------------------------------------------------------------------

/** Module-private: a date-time with at least a date part, as ISO 8601 writes it; the date must exist (no February 30). */
function parseInstant(value: unknown, name: string): Date {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(value) : null;
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
  const calendar = match ? new Date(Date.UTC(year!, month! - 1, day!)) : undefined;
  const real = calendar !== undefined && calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month! - 1 && calendar.getUTCDate() === day;
  const date = real ? new Date(value as string) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new AdminError(400, `${name} must be an ISO 8601 date-time like 2024-05-01T12:00:00Z; got ${JSON.stringify(value)}`);
  return date;
}

/** Module-private: the route's parameters when `segments` match its path, else undefined. */
function matchPath(path: string, segments: readonly string[]): Record<string, string> | undefined {
  const pattern = path.split('/');
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    if (part.startsWith(':')) {
      if (segments[index] === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(segments[index]);
      } catch {
        throw new AdminError(400, `Path segment "${segments[index]}" is not valid percent-encoding`);
      }
    } else if (part !== segments[index]) {
      return undefined;
    }
  }
  return params;
}

/** Module-private: a thrown error of the target as a 400 (fault rules report bad input that way). */
function withInputErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new AdminError(400, (error as Error).message);
  }
}

/** Module-private. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Module-private. */
function parseBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new AdminError(400, `Admin request body must be JSON: ${(error as Error).message}`);
  }
}

/** Module-private. */
function answer(status: number, body: unknown): WireResponse {
  return { status, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
