import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP proxy in front of a gateway's `/graphql` for tests of clients: each request is
 * answered as planned (forwarded, refused with a status and `Retry-After`, dropped, never answered,
 * or answered with an HTML error page), and every request is recorded with its operation name and
 * headers. Faults between a client and the gateway, over real HTTP, without touching either.
 */

/** What the proxy does with one request. */
export type ProxyStep =
  | 'forward'
  /** Destroys the connection: the client sees a network error. */
  | 'drop'
  /** Never answers (the connection is closed when the proxy is). */
  | 'hang'
  /** Answers `status` itself: a GraphQL error body with `code` (default OVERLOADED), or an HTML page with `html`. */
  | { readonly status: number; readonly retryAfter?: string; readonly code?: string; readonly html?: boolean };

/** One request the proxy received. */
export interface ProxyRequest {
  readonly operationName: string | undefined;
  readonly headers: IncomingHttpHeaders;
}

/** A running proxy. */
export interface FaultProxy {
  /** The proxy's `/graphql` URL. */
  readonly url: string;
  /** Steps for the next requests, in order (then `forward`). */
  readonly plan: ProxyStep[];
  /** Steps for the next requests of one operation name, in order; taken before `plan`. */
  readonly planByOperation: Map<string, ProxyStep[]>;
  /** Every request received, in order. */
  readonly received: ProxyRequest[];
  /** Forgets the plans and the received requests. */
  reset(): void;
  close(): Promise<void>;
}

/** Starts a proxy on a free loopback port in front of `target` (a gateway's `/graphql` URL). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const plan: ProxyStep[] = [];
  const planByOperation = new Map<string, ProxyStep[]>();
  const received: ProxyRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const { operationName } = JSON.parse(body) as { operationName?: string };
    received.push({ operationName, headers: request.headers });
    const step = (operationName !== undefined ? planByOperation.get(operationName)?.shift() : undefined) ?? plan.shift() ?? 'forward';
    if (step === 'drop') return request.socket.destroy();
    if (step === 'hang') return;
    if (step === 'forward') {
      const forwarded: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name)) forwarded[name] = value;
      try {
        const answer = await fetch(target, { method: 'POST', headers: forwarded, body });
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json', 'x-request-id': answer.headers.get('x-request-id') ?? '' });
        return response.end(await answer.text());
      } catch {
        // The gateway is gone (the test is closing): the client sees a dropped connection, as it would.
        return request.socket.destroy();
      }
    }
    if (step.html) {
      response.writeHead(step.status, { 'content-type': 'text/html' });
      return response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
    // The gateway's own refusal shape (its OVERLOADED 503, its RATE_LIMITED 429): a GraphQL error body.
    response.writeHead(step.status, { 'content-type': 'application/json', 'x-request-id': `proxy-${received.length}`, ...(step.retryAfter !== undefined ? { 'retry-after': step.retryAfter } : {}) });
    response.end(JSON.stringify({ errors: [{ message: `refused by the test proxy (${step.status})`, extensions: { code: step.code ?? 'OVERLOADED' } }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    plan,
    planByOperation,
    received,
    reset() {
      plan.length = 0;
      planByOperation.clear();
      received.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
