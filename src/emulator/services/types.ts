/**
 * The contract between the emulator's protocol layer and each emulated service.
 *
 * A service never sees HTTP: the protocol layer (restJson1 for Pinpoint, awsJson1_0 for SMS v2)
 * decodes the wire request into the SDK-shaped input of the operation (exactly what the
 * `@aws-sdk/client-*` command input looks like, payload wrappers included, timestamps as `Date`),
 * validates it against the generated constraint table, and calls the handler. The handler
 * returns the SDK-shaped output (e.g. `{ CampaignResponse: {...} }`) and the protocol layer
 * serializes it with the operation's success code. Errors are thrown as `ServiceError`.
 */

import type { Outbox } from '../outbox';
import type { StateRegistry } from '../stateRegistry';

/** Which emulated AWS service a request is for. */
export type ServiceId = 'pinpoint' | 'sms-voice-v2';

/** The emulator's notion of "now"; movable in tests, so schedules and KPI ranges are testable. */
export interface Clock {
  now(): Date;
}

/** Per-request facts a handler may use: who is calling, where, and the request ID on the wire. */
export interface RequestContext {
  /** 12-digit account ID: the access key ID when it is 12 digits, otherwise the default account. */
  readonly accountId: string;
  /** Region from the SigV4 credential scope. */
  readonly region: string;
  /** The `x-amzn-RequestId` of this response (also put into error bodies). */
  readonly requestId: string;
  /** The emulator clock's current time. */
  now(): Date;
}

/** One operation's implementation: SDK-shaped input in, SDK-shaped output out. */
export type OperationHandler = (input: any, ctx: RequestContext) => unknown | Promise<unknown>;

/** An emulated service instance. Each emulator server owns its own instances, so state is isolated. */
export interface ServiceInstance {
  readonly id: ServiceId;
  /** Implemented operations by SDK operation name (`GetCampaign`, `DescribePhoneNumbers`). */
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  /** Forget all state (every account and region). */
  reset(): void;
  /** Load the deterministic demo data set into one account and region. */
  seed(accountId: string, region: string): void;
  /** The service's own admin routes under `/_emulator/` (simulated inbound messages, review decisions). */
  readonly adminRoutes?: readonly ServiceAdminRoute[];
}

/** An admin request as a service route sees it: path parameters, query and JSON body. */
export interface ServiceAdminRequest {
  /** Values of the route's `:name` path segments (URL-decoded). */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body, or undefined when there is none. */
  readonly body: unknown;
}

/**
 * One admin route a service offers (e.g. `POST inbound`). It answers with JSON (status 200) and
 * throws `AdminError` (`admin/adminError.ts`) for a client mistake (400/404/409).
 */
export interface ServiceAdminRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path after `/_emulator/`; a segment `:name` matches any one segment (`registrations/:id/review`). */
  readonly path: string;
  run(request: ServiceAdminRequest): unknown;
}

/** What a service factory receives from the emulator server. */
export interface ServiceDeps {
  readonly clock: Clock;
  /** The emulator-wide record of delivered messages: a service's send operations deliver here. */
  readonly outbox: Outbox;
  /**
   * Where the service registers its stores (`register('<service id>.<store>', part)`) so the
   * state file (`persistence.ts`) keeps them across restarts. The emulator server always gives
   * one; it is absent only when a test builds a service on its own.
   */
  readonly state?: StateRegistry;
}

/** Builds a fresh, empty service instance. */
export type ServiceFactory = (deps: ServiceDeps) => ServiceInstance;
