import { lookup } from 'node:dns/promises';
import type { Server as HttpServer } from 'node:http';
import { createServer, isIPv4, type AddressInfo, type Server as NetServer } from 'node:net';

/**
 * Where the gateway's HTTP servers listen (the main port and the metrics port).
 *
 * `localhost` is bound on every loopback address it names, not on the one address a single lookup
 * returns first: clients do not agree on what `localhost` is. Node's fetch (undici) connects to
 * the first address it resolves, browsers treat `localhost` as loopback of both families whatever
 * the hosts file says, and a hosts file may list `::1` first or not at all. A gateway on
 * 127.0.0.1 alone fails every client that picks `::1`, and the other way round. So `localhost`
 * means 127.0.0.1 and ::1, plus any other loopback address the lookup returns; an address this
 * machine does not have (no IPv6 loopback, in some containers) is skipped. Only loopback: a
 * lookup answer outside it is ignored, so `localhost` never opens the gateway to the network.
 *
 * Every address feeds the same `http.Server`: the first is its own listener, each further one a
 * plain TCP listener that hands its connections over (`connection` events, which node:http
 * documents for injecting sockets), so the request handler, the `clientError` and
 * `checkContinue` handling and the connection tracking of a drain (`closeIdleConnections`,
 * `closeAllConnections`) cover every address alike. Any other host is bound as given.
 */

/** A server listening on every address of its host. */
export interface HostListeners {
  /** The port every address listens on (the one the system chose when asked for port 0). */
  readonly port: number;
  /** The addresses listened on, the server's own first. */
  readonly addresses: readonly string[];
  /** The listeners of the addresses after the first, which hand their connections to the server. */
  readonly extra: readonly NetServer[];
}

/** Options of {@link listenOnHost}. */
export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  /** Resolves a name to its addresses (default: the system resolver, as `dns.lookup` with `all`). */
  readonly lookupAll?: (hostname: string) => Promise<readonly string[]>;
}

/**
 * Listens `server` on every address of `host` (see the module comment), on one port. With port 0
 * the first address gets a free port and the others must get the same one; if one of them has it
 * taken, every listener is closed and a new free port is tried, a few times.
 */
export async function listenOnHost(server: HttpServer, options: ListenOptions): Promise<HostListeners> {
  const addresses = await listenAddresses(options.host, options.lookupAll ?? systemLookupAll);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await listenOnce(server, addresses, options.port);
    } catch (error) {
      if (!(error instanceof PortTakenOnOtherAddress) || attempt >= FREE_PORT_ATTEMPTS) throw error instanceof PortTakenOnOtherAddress ? error.cause : error;
    }
  }
}

/**
 * The addresses a host is listened on: for `localhost`, its loopback addresses as the lookup
 * returns them, then 127.0.0.1 and ::1 if missing; any other host as given.
 */
export async function listenAddresses(host: string, lookupAll: (hostname: string) => Promise<readonly string[]> = systemLookupAll): Promise<readonly string[]> {
  if (host.toLowerCase() !== 'localhost') return [host];
  // A resolver that fails still leaves the standard loopback addresses.
  const resolved = await lookupAll(host).catch(() => []);
  return [...new Set([...resolved.filter(isLoopback), '127.0.0.1', '::1'])];
}

/** Whether an IP address is a loopback one (127.0.0.0/8 or ::1). */
export function isLoopback(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.');
  const lower = address.toLowerCase();
  return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(lower);
}

/** Module-private: port-0 attempts before a clash on a further address fails the start. */
const FREE_PORT_ATTEMPTS = 5;

/** Module-private: errors that say this machine has no such address (then it is skipped). */
const ADDRESS_UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

/** Module-private: the system resolver, every address of a name. */
async function systemLookupAll(hostname: string): Promise<readonly string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

/** Module-private: a free port of the first address is taken on a further one (port 0 only: try again). */
class PortTakenOnOtherAddress extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

/** Module-private: one attempt at listening on every address. */
async function listenOnce(server: HttpServer, addresses: readonly string[], requestedPort: number): Promise<HostListeners> {
  const listened: string[] = [];
  const extra: NetServer[] = [];
  let port = requestedPort;
  let firstError: Error | undefined;
  try {
    for (const address of addresses) {
      const first = listened.length === 0;
      try {
        if (first) {
          await bind(server, port, address);
          port = (server.address() as AddressInfo).port;
        } else {
          // As node:http's own listener: half-open sockets stay open for the response, no Nagle delay.
          const listener = createServer({ allowHalfOpen: true, noDelay: true }, (socket) => server.emit('connection', socket));
          await bind(listener, port, address);
          extra.push(listener);
        }
        listened.push(address);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== undefined && ADDRESS_UNAVAILABLE.has(code)) {
          firstError ??= error as Error;
          continue;
        }
        if (!first && requestedPort === 0 && code === 'EADDRINUSE') throw new PortTakenOnOtherAddress(error as Error);
        throw error;
      }
    }
  } catch (error) {
    await closeAll(server, extra, listened.length > 0);
    throw error;
  }
  if (listened.length === 0) throw firstError ?? new Error(`no address to listen on among ${addresses.join(', ')}`);
  return { port, addresses: listened, extra };
}

/** Module-private: `listen` as a promise that rejects with the bind error. */
function bind(server: NetServer, port: number, address: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Module-private: undoes a partial attempt (nothing has connected yet). */
async function closeAll(server: HttpServer, extra: readonly NetServer[], serverListening: boolean): Promise<void> {
  const closing = extra.map((listener) => new Promise<void>((resolve) => listener.close(() => resolve())));
  if (serverListening) closing.push(new Promise<void>((resolve) => server.close(() => resolve())));
  await Promise.all(closing);
}
