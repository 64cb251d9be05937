/**
 * Why a request's credentials were refused. The server answers `invalid` with HTTP 401
 * UNAUTHENTICATED (the client must fix or replace its credential) and `unavailable` with 503
 * (the gateway could not check a credential that may well be good: the key store or the JWKS
 * endpoint did not answer), so a client never throws away a good token over an outage.
 */
export class CredentialError extends Error {
  /** `invalid`: bad, expired, revoked or unverifiable; `unavailable`: the gateway could not check it. */
  readonly reason: 'invalid' | 'unavailable';
  /** The credential scheme it concerns (`Bearer`, `ApiKey`), for the `WWW-Authenticate` challenge. */
  readonly scheme: CredentialScheme;

  constructor(scheme: CredentialScheme, message: string, reason: 'invalid' | 'unavailable' = 'invalid', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CredentialError';
    this.scheme = scheme;
    this.reason = reason;
  }
}

/** The credential schemes the gateway accepts: a JWT bearer token or an API key. */
export type CredentialScheme = 'Bearer' | 'ApiKey';

/**
 * The names policies are stored and attached under: a letter or digit, then letters, digits,
 * `.`, `_` or `-`, at most 128 characters. Narrow on purpose: a name is a file name in
 * `POLICIES_DIR`, a Redis hash field and an entry of a comma- or space-separated claim.
 */
export const POLICY_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * The algorithms a JWT may be signed with: asymmetric only. A key set the gateway fetches or
 * reads is public, so it cannot hold an HMAC secret, and `none` is never a signature.
 */
export const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

/** One allowed JWT algorithm. */
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];
