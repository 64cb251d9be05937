import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A read-only window on the in-process emulator, served on the gateway's own origin: with
 * `npm start` the emulator listens on a random port, so the messages it "delivered" (and the
 * sandbox's verification codes a walkthrough needs) would otherwise be out of a person's reach.
 * main.ts wires it only when it started the emulator itself and not in production; the server
 * refuses it against AWS and in production (createGatewayServer). Only reads are passed on:
 * the emulator's writing admin routes (reset, faults, clock, inbound, …) are never reachable here.
 */

/** The path prefix of the view, the same as the emulator's admin API. */
export const EMULATOR_VIEW_PREFIX = '/_emulator/';

/** The admin routes the view passes on, each `GET` only. */
export const EMULATOR_VIEW_ROUTES = ['outbox', 'verification-codes'] as const;

/** One route of the view. */
export type EmulatorViewRoute = (typeof EMULATOR_VIEW_ROUTES)[number];

/** An answer of the emulator's admin API, passed on as it is. */
export interface EmulatorViewAnswer {
  readonly status: number;
  /** JSON text. */
  readonly body: string;
}

/** What the gateway reads the emulator's views through. */
export interface EmulatorView {
  /** Answers `GET /_emulator/<route><search>` (search: `''` or `?…`) as the emulator's admin API does. */
  read(route: EmulatorViewRoute, search: string): Promise<EmulatorViewAnswer>;
}

/** The view over HTTP: each read is a `GET` of the emulator's own admin route at `emulatorEndpoint` (its filters and errors unchanged). */
export function emulatorViewOverHttp(emulatorEndpoint: string): EmulatorView {
  return {
    async read(route, search) {
      const response = await fetch(`${emulatorEndpoint}${EMULATOR_VIEW_PREFIX}${route}${search}`);
      return { status: response.status, body: await response.text() };
    },
  };
}

/** Answers a request under {@link EMULATOR_VIEW_PREFIX}: a view route on `GET`, 405 for another method, 404 for any other path. */
export async function serveEmulatorView(view: EmulatorView, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = EMULATOR_VIEW_ROUTES.find((name) => url.pathname === `${EMULATOR_VIEW_PREFIX}${name}`);
  // No route here reads a body: one sent anyway is drained, so the connection stays usable.
  req.resume();
  const served = EMULATOR_VIEW_ROUTES.map((name) => `GET ${EMULATOR_VIEW_PREFIX}${name}`).join(', ');
  if (route === undefined) {
    return send(res, 404, JSON.stringify({ message: `The gateway serves only ${served} of its in-process emulator (read-only); got ${req.method} ${url.pathname}.` }));
  }
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    return send(res, 405, JSON.stringify({ message: `${req.method} is not allowed on ${url.pathname}: the gateway's view of its in-process emulator is read-only (GET).` }));
  }
  const answer = await view.read(route, url.search);
  send(res, answer.status, answer.body);
}

/** Module-private. */
function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
