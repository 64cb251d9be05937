import { readFile } from 'node:fs/promises';
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { CredentialError, JWT_ALGORITHMS, type JwtAlgorithm } from './credentials';

/**
 * JWT bearer tokens, verified with `jose` against a configured key set (a JWKS URL, fetched and
 * cached by jose, or a JWKS file read at start), issuer, audience and allowed algorithms. Only
 * asymmetric algorithms are allowed: a public key set cannot hold a shared secret, and `none` is
 * never a signature. A token must carry `sub` (the caller's ID) and `exp` (no token lives forever).
 * The configured claim (default `policies`) names the caller's policies.
 *
 * Every refusal is a {@link CredentialError} whose message says which check failed and, once the
 * signature has verified, with which value, so a client's developer can fix the token.
 */

/** Where the verification keys come from. */
export type JwksSource = { readonly url: string } | { readonly file: string } | { readonly keys: JSONWebKeySet };

/** Options of {@link createJwtVerifier}. */
export interface JwtVerifierOptions {
  readonly jwks: JwksSource;
  /** The accepted `iss` value(s). */
  readonly issuer: string | readonly string[];
  /** The accepted `aud` value(s) (the token's `aud` must contain one). */
  readonly audience: string | readonly string[];
  /** Allowed `alg` header values (default RS256 and ES256). */
  readonly algorithms?: readonly JwtAlgorithm[];
  /** Leeway for `exp` and `nbf`, in seconds (default 30). */
  readonly clockToleranceSeconds?: number;
  /** The claim holding policy names: a string (names separated by commas or spaces) or an array of strings (default `policies`). */
  readonly policyClaim?: string;
  /** Bound on one JWKS fetch (URL only; default 5 000 ms). */
  readonly jwksTimeoutMs?: number;
}

/** What a verified token says about its caller. */
export interface JwtIdentity {
  /** `sub`. */
  readonly subject: string;
  /** `iss`. */
  readonly issuer: string;
  /** From the policy claim (empty when the claim is absent). */
  readonly policyNames: readonly string[];
  /** Every verified claim. */
  readonly claims: JWTPayload;
}

/** Verifies bearer tokens. */
export interface JwtVerifier {
  /**
   * The verified token's identity.
   *
   * @throws {CredentialError} `invalid` for a token that fails a check, `unavailable` when the
   *   JWKS endpoint could not be read.
   */
  verify(token: string): Promise<JwtIdentity>;
  /** `url https://…`, `file …` or `inline`, for logs. */
  readonly description: string;
}

/**
 * Builds a verifier. A JWKS file is read (and checked) now; a JWKS URL is fetched on the first
 * token and then cached by jose (refetched when a token names an unknown `kid`, at most every 30 s).
 *
 * @throws {Error} when the JWKS file cannot be read or is not a key set, or an algorithm is not allowed.
 */
export async function createJwtVerifier(options: JwtVerifierOptions): Promise<JwtVerifier> {
  const algorithms = [...(options.algorithms ?? ['RS256', 'ES256'])];
  const refused = algorithms.filter((algorithm) => !(JWT_ALGORITHMS as readonly string[]).includes(algorithm));
  if (algorithms.length === 0 || refused.length > 0) throw new RangeError(`JWT algorithms must be a non-empty list of ${JWT_ALGORITHMS.join(', ')}; got ${JSON.stringify(algorithms)}`);
  const issuers = typeof options.issuer === 'string' ? [options.issuer] : [...options.issuer];
  const audiences = typeof options.audience === 'string' ? [options.audience] : [...options.audience];
  const policyClaim = options.policyClaim ?? 'policies';
  const clockTolerance = options.clockToleranceSeconds ?? 30;

  let keySet: JWTVerifyGetKey;
  let description: string;
  const source = options.jwks;
  if ('url' in source) {
    keySet = createRemoteJWKSet(new URL(source.url), { timeoutDuration: options.jwksTimeoutMs ?? 5_000 });
    description = `url ${source.url}`;
  } else if ('file' in source) {
    keySet = localKeySet(await readJwksFile(source.file), `JWKS file ${source.file}`);
    description = `file ${source.file}`;
  } else {
    keySet = localKeySet(source.keys, 'the inline JWKS');
    description = 'inline';
  }

  return {
    description,
    async verify(token) {
      let header: ReturnType<typeof decodeProtectedHeader>;
      try {
        header = decodeProtectedHeader(token);
      } catch {
        throw new CredentialError('Bearer', 'The bearer token is malformed: expected a signed JWT (three base64url parts separated by dots).');
      }
      // Checked before jose so `none` and HS256 get the same plain message as any other disallowed algorithm.
      if (typeof header.alg !== 'string' || !algorithms.includes(header.alg as JwtAlgorithm)) {
        throw new CredentialError('Bearer', `The bearer token's algorithm ${JSON.stringify(header.alg ?? null)} is not allowed; allowed: ${algorithms.join(', ')}.`);
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keySet, { issuer: issuers, audience: audiences, algorithms, clockTolerance, requiredClaims: ['sub', 'exp'] }));
      } catch (error) {
        throw credentialErrorOf(error, header, { issuers, audiences, description });
      }
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new CredentialError('Bearer', 'The bearer token\'s "sub" claim must be a non-empty string.');
      return { subject: payload.sub, issuer: String(payload.iss), policyNames: policyNamesOf(payload[policyClaim], policyClaim), claims: payload };
    },
  };
}

/**
 * The policy names in a claim's value: a string is split on commas and white space (as OAuth
 * scopes are), an array must hold strings; absent means none.
 *
 * @throws {CredentialError} for any other type.
 */
export function policyNamesOf(value: unknown, claim = 'policies'): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [...new Set(value.split(/[\s,]+/).filter((name) => name !== ''))];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return [...new Set(value.map((item) => item.trim()).filter((name) => name !== ''))];
  throw new CredentialError('Bearer', `The bearer token's "${claim}" claim must be a string or an array of strings; got ${Array.isArray(value) ? 'an array with a non-string entry' : typeof value}.`);
}

/** Module-private: reads and parses a JWKS file. */
async function readJwksFile(file: string): Promise<JSONWebKeySet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`JWKS file ${file} cannot be read: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as JSONWebKeySet;
  } catch (error) {
    throw new Error(`JWKS file ${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Module-private: a local key set, refusing one that is not a JWKS or holds no key. */
function localKeySet(jwks: JSONWebKeySet, what: string): JWTVerifyGetKey {
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray(jwks.keys) || jwks.keys.length === 0) {
    throw new Error(`${what} must be a JSON Web Key Set: an object whose "keys" is a non-empty array of keys`);
  }
  try {
    return createLocalJWKSet(jwks);
  } catch (error) {
    throw new Error(`${what} is not a valid JSON Web Key Set: ${(error as Error).message}`);
  }
}

/** Module-private: the message for a jose failure (signature first, then claims, then the key set). */
function credentialErrorOf(error: unknown, header: { alg?: string; kid?: string }, config: { issuers: readonly string[]; audiences: readonly string[]; description: string }): CredentialError {
  const quoteList = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(' or ');
  if (error instanceof errors.JWTExpired) {
    const exp = error.payload.exp;
    return new CredentialError('Bearer', `The bearer token expired at ${typeof exp === 'number' ? new Date(exp * 1000).toISOString() : 'an unknown time'}.`);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const { claim, reason, payload } = error;
    if (reason === 'missing') return new CredentialError('Bearer', `The bearer token has no "${claim}" claim.`);
    if (claim === 'iss') return new CredentialError('Bearer', `The bearer token's issuer ${JSON.stringify(payload.iss)} is not the configured issuer ${quoteList(config.issuers)}.`);
    if (claim === 'aud') return new CredentialError('Bearer', `The bearer token's audience ${JSON.stringify(payload.aud)} does not include the configured audience ${quoteList(config.audiences)}.`);
    if (claim === 'nbf' && typeof payload.nbf === 'number') return new CredentialError('Bearer', `The bearer token is not valid before ${new Date(payload.nbf * 1000).toISOString()}.`);
    return new CredentialError('Bearer', `The bearer token's "${claim}" claim is not valid (${reason}).`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return new CredentialError('Bearer', 'The bearer token\'s signature does not verify with the configured key set.');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new CredentialError('Bearer', `No single key of the configured key set matches the bearer token (kid ${JSON.stringify(header.kid ?? null)}, alg ${JSON.stringify(header.alg)}).`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new CredentialError('Bearer', `The bearer token is malformed: ${error.message}.`);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return new CredentialError('Bearer', `The bearer token cannot be verified: ${error.message}.`);
  // What is left is the key set itself: a timeout, a refused connection, a non-200 answer, a body that is not a key set.
  return new CredentialError('Bearer', `The bearer token could not be checked: the key set (${config.description}) is unavailable (${(error as Error).message}).`, 'unavailable', { cause: error });
}
