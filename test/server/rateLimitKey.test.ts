import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../src/server/http/clientAddress';
import { clientNetwork, rateLimitKey } from '../../src/server/limits/rateLimiter';

// Whose budget a request spends: a caller with credentials is its identity from any address;
// anonymous callers are told apart by network (an IPv6 client by its /64), and the address is the
// socket's peer unless the operator says how many proxies in front append to X-Forwarded-For.

/** Module-private: the parts of a request `clientAddress` reads. */
function request(remoteAddress: string | undefined, forwardedFor?: string): IncomingMessage {
  return { socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } } as unknown as IncomingMessage;
}

test('callers with credentials are keyed by identity, anonymous callers by network', () => {
  expect(rateLimitKey({ kind: 'apiKey', id: '0123456789abcdef' }, '10.0.0.1')).toBe('apiKey:0123456789abcdef');
  expect(rateLimitKey({ kind: 'apiKey', id: '0123456789abcdef' }, '10.0.0.2')).toBe('apiKey:0123456789abcdef');
  expect(rateLimitKey({ kind: 'jwt', id: 'user-42' }, undefined)).toBe('jwt:user-42');
  expect(rateLimitKey({ kind: 'anonymous', id: 'anonymous' }, '10.0.0.1')).toBe('anonymous:10.0.0.1');
  expect(rateLimitKey({ kind: 'anonymous', id: 'anonymous' }, undefined)).toBe('anonymous:unknown');
});

test('an IPv6 client is limited as its /64; an IPv4-mapped address as the IPv4 address', () => {
  expect(clientNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
  expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
  expect(clientNetwork('2001:0DB8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
  expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
});

test('X-Forwarded-For counts only behind trusted proxies, read from the right', () => {
  // No proxy trusted: the header is the client's to write, and ignored.
  expect(clientAddress(request('10.0.0.9', '203.0.113.7'), 0)).toBe('10.0.0.9');
  // One proxy (a load balancer appending the address it saw): the last entry.
  expect(clientAddress(request('10.0.0.9', '198.51.100.1, 203.0.113.7'), 1)).toBe('203.0.113.7');
  // Two proxies: the second entry from the right; what the client wrote further left is not trusted.
  expect(clientAddress(request('10.0.0.9', 'forged, 203.0.113.7, 10.0.0.8'), 2)).toBe('203.0.113.7');
  // Fewer entries than hops: the leftmost there is; no header: the peer.
  expect(clientAddress(request('10.0.0.9', '203.0.113.7'), 3)).toBe('203.0.113.7');
  expect(clientAddress(request('10.0.0.9'), 1)).toBe('10.0.0.9');
});
