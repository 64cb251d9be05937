import type { IncomingMessage } from 'node:http';

/**
 * The network address of the client behind a request: what anonymous callers are told apart by
 * (limits/rateLimiter.ts). With no proxy in front (`TRUST_PROXY_HOPS=0`, the default) it is the
 * socket's peer, and `X-Forwarded-For` is ignored: any client can write that header. Behind `n`
 * proxies that each append the address they received from (load balancers, ingress controllers
 * do), the client is the `n`-th address counted from the right of `X-Forwarded-For`, the socket's
 * peer being the last proxy; entries further left were written by the client and are not trusted.
 * Fewer entries than hops: the leftmost one there is.
 */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string | undefined {
  const peer = req.socket.remoteAddress;
  if (trustProxyHops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Addresses from the nearest hop outwards: the peer (the last proxy), then what each proxy saw.
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustProxyHops, chain.length - 1)];
}
