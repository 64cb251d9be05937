import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWK, type JWTPayload, type KeyLike } from 'jose';

/** A signing key of a test identity provider: its private key and its public JWK (with `kid` and `alg`). */
export interface TestSigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: KeyLike;
  readonly publicJwk: JWK;
}

/** Generates a key pair; its public JWK names `kid` and `alg`. */
export async function testSigningKey(kid: string, alg: 'RS256' | 'ES256' = 'RS256'): Promise<TestSigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** Signs `payload` with `key` (header: its `alg` and `kid`, or `kid` overridden). */
export function signTestToken(key: TestSigningKey, payload: JWTPayload, options: { kid?: string } = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: key.alg, kid: options.kid ?? key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** A JWKS endpoint served over real HTTP on port 0, as an identity provider serves its keys. */
export interface JwksServer {
  /** `http://127.0.0.1:<port>/.well-known/jwks.json`. */
  readonly url: string;
  /** How many times the key set was fetched. */
  readonly fetches: number;
  /** Replaces the served key set. */
  setKeys(keys: JSONWebKeySet): void;
  close(): Promise<void>;
}

/** Serves `keys` at `/.well-known/jwks.json` (anything else: 404). */
export async function startJwksServer(keys: JSONWebKeySet): Promise<JwksServer> {
  let served = keys;
  let fetches = 0;
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetches += 1;
    const body = JSON.stringify(served);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    get fetches() {
      return fetches;
    },
    setKeys(next) {
      served = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
