import { request } from 'node:http';
import type { EmulatorServer } from '../../src/emulator';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';

/**
 * Helpers of the rate-limit tests: POSTs from a chosen loopback address (anonymous callers are
 * told apart by address; every address in 127.0.0.0/8 reaches a gateway on 127.0.0.1), and the
 * emulator's count of one operation.
 */

/** A response as the rate-limit tests read it. */
export interface LimitedResponse {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: { data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[]; extensions?: Record<string, any> };
}

/** Options of {@link post}. */
export interface PostOptions {
  /** The loopback address to connect from (default 127.0.0.1). */
  readonly from?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** POSTs one operation to `<gatewayUrl>/graphql` over node:http, from `options.from`. */
export function post(gatewayUrl: string, query: string, options: PostOptions = {}): Promise<LimitedResponse> {
  const url = new URL('/graphql', gatewayUrl);
  const payload = JSON.stringify({ query, ...(options.variables ? { variables: options.variables } : {}) });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: options.from ?? '127.0.0.1',
        // A fresh connection per request: the address is the connection's.
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string | undefined>, body: JSON.parse(text) });
          } catch {
            reject(new Error(`POST ${url} answered HTTP ${res.statusCode} with a non-JSON body: ${text.slice(0, 300)}`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** How many requests for `<service>.<Operation>` the emulator received so far. */
export function emulatorCount(emulator: EmulatorServer, operation: string): number {
  return emulator.callCounts().byOperation[operation] ?? 0;
}

/** `count` aliased `sendTextMessage` fields in one mutation (`$input` shared). */
export function aliasedSends(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `s${i}: sendTextMessage(input: $input) { messageId }`).join(' ');
  return `mutation ($input: SendTextMessageInput!) { ${fields} }`;
}

/** A text message the seeded emulator delivers once its account is in production. */
export const TEXT_INPUT = { destinationPhoneNumber: '+12065550150', originationIdentity: SMS_VOICE_SEED.phoneNumbers.simulator, messageBody: 'Your code is 123456.' };

/** A query the cost model estimates at exactly one upstream call (GetApps). */
export const ONE_CALL = '{ apps(first: 1) { nodes { name } } }';
