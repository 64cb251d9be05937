import type { IncomingHttpHeaders } from 'node:http';
import { anonymousCaller, CredentialError, lookupPolicies, type ApiKeyStore, type Caller, type CredentialScheme, type JwtVerifier, type Policy, type PolicyStore } from '../../auth';
import { ErrorCode } from '../../graph/errors';
import { OPEN_ANONYMOUS_CALLER } from '../context';
import type { HttpRefusal } from '../http/refusal';

/**
 * Who is calling, resolved once per HTTP request before Apollo runs, from the request's headers:
 *
 * - `Authorization: Bearer <jwt>`: a JWT, verified against the configured key set;
 * - `x-api-key: <key>` or `Authorization: ApiKey <key>`: an API key from the key store;
 * - neither: the anonymous caller.
 *
 * A credential that is present but bad, expired, revoked or unverifiable is refused with HTTP 401
 * UNAUTHENTICATED and a `WWW-Authenticate` challenge; it never falls back to the anonymous
 * caller (a client whose key was revoked must hear so, not silently get less). When the key store
 * or the JWKS endpoint does not answer, the answer is 503: the credential may be good.
 *
 * A policy name that a key, a token or `ANONYMOUS_POLICIES` attaches but the policy store does
 * not define grants nothing, and is logged as a warning (once per name and caller).
 */

/** Logger of the resolver (pino's shape). */
export interface CallerResolverLogger {
  warn(details: object, message: string): void;
}

/** Options of {@link createCallerResolver}. */
export interface CallerResolverOptions {
  /** The named policies keys and claims refer to (default: none). */
  readonly policies?: PolicyStore;
  /** API keys (default: none; a request with a key is refused). */
  readonly apiKeys?: ApiKeyStore;
  /** JWT verification (default: none; a request with a bearer token is refused). */
  readonly jwt?: JwtVerifier;
  /**
   * The anonymous caller's policy names, or `open`: the built-in allow-everything caller
   * ({@link OPEN_ANONYMOUS_CALLER}, development and tests). Default: `open` outside production,
   * no policy (everything denied) in production.
   */
  readonly anonymous?: readonly string[] | 'open';
  /** Runtime mode, for the `anonymous` default (default `test`). */
  readonly nodeEnv?: 'development' | 'test' | 'production';
  /** The `realm` of `WWW-Authenticate` challenges (default `pinpoint-graph`). */
  readonly realm?: string;
  readonly logger?: CallerResolverLogger;
}

/** A request's caller, or the refusal to answer instead. */
export type CallerResolution = { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly refusal: HttpRefusal };

/** Resolves a request's caller from its headers. */
export type CallerResolver = (headers: IncomingHttpHeaders) => Promise<CallerResolution>;

/** Module-private: how many (caller, policy) warnings are remembered before the memory starts over. */
const MAX_REMEMBERED_WARNINGS = 10_000;

/** Builds the resolver; it holds no per-request state beyond the warnings already logged. */
export function createCallerResolver(options: CallerResolverOptions = {}): CallerResolver {
  const store = options.policies;
  const realm = (options.realm ?? 'pinpoint-graph').replace(/["\\]/g, '');
  const anonymous = options.anonymous ?? (options.nodeEnv === 'production' ? [] : 'open');
  const accepted: CredentialScheme[] = [...(options.jwt ? ['Bearer' as const] : []), ...(options.apiKeys ? ['ApiKey' as const] : [])];
  const warned = new Set<string>();

  /** Module-private: the policies of `names`, warning once per unknown name of this caller. */
  const policiesOf = (who: { kind: Caller['kind']; id: string }, names: readonly string[]): readonly Policy[] => {
    if (names.length === 0) return [];
    const { policies, unknown } = store ? lookupPolicies(store, names) : { policies: [], unknown: [...new Set(names)] };
    for (const name of unknown) {
      const key = `${store?.version ?? 0}\u0000${who.kind}\u0000${who.id}\u0000${name}`;
      if (warned.has(key)) continue;
      if (warned.size >= MAX_REMEMBERED_WARNINGS) warned.clear();
      warned.add(key);
      options.logger?.warn({ caller: who, policy: name }, `caller ${who.kind} ${who.id}: policy "${name}" is not defined; it grants nothing`);
    }
    return policies;
  };

  let anonymousAt: { version: number; caller: Caller } | undefined;
  /** Module-private: the anonymous caller, rebuilt when the policy store reloads. */
  const anonymousNow = (): Caller => {
    if (anonymous === 'open') return OPEN_ANONYMOUS_CALLER;
    const version = store?.version ?? 0;
    if (anonymousAt?.version !== version) anonymousAt = { version, caller: anonymousCaller(anonymous, policiesOf({ kind: 'anonymous', id: 'anonymous' }, anonymous)) };
    return anonymousAt.caller;
  };

  /** Module-private: the refusal of a credential. */
  const refuse = (error: CredentialError): CallerResolution => {
    if (error.reason === 'unavailable') {
      options.logger?.warn({ err: error.cause ?? error }, error.message);
      return { ok: false, refusal: { status: 503, code: ErrorCode.InternalServerError, message: error.message, headers: { 'retry-after': '5' } } };
    }
    const challenge = error.scheme === 'Bearer' ? `Bearer realm="${realm}", error="invalid_token", error_description="${headerSafe(error.message)}"` : `ApiKey realm="${realm}"`;
    return { ok: false, refusal: { status: 401, code: ErrorCode.Unauthenticated, message: error.message, headers: { 'www-authenticate': challenge } } };
  };

  /** Module-private: a refusal that is about the request's form rather than one scheme's credential. */
  const refuseRequest = (message: string): CallerResolution => ({
    ok: false,
    refusal: { status: 401, code: ErrorCode.Unauthenticated, message, headers: { 'www-authenticate': (accepted.length > 0 ? accepted : (['Bearer', 'ApiKey'] as const)).map((scheme) => `${scheme} realm="${realm}"`).join(', ') } },
  });

  return async (headers) => {
    const authorization = headers.authorization?.trim() ?? '';
    const headerKey = headers['x-api-key'];
    const xApiKey = (Array.isArray(headerKey) ? headerKey.join(', ') : (headerKey ?? '')).trim();
    if (authorization === '' && xApiKey === '') return { ok: true, caller: anonymousNow() };
    if (authorization !== '' && xApiKey !== '') return refuseRequest('The request carries two credentials (Authorization and x-api-key); send one.');

    let scheme: string;
    let credential: string;
    if (xApiKey !== '') {
      [scheme, credential] = ['ApiKey', xApiKey];
    } else {
      const match = /^(\S+)\s+(\S.*)$/.exec(authorization);
      if (!match) return refuseRequest(`The Authorization header must be "Bearer <jwt>" or "ApiKey <key>"; got a ${authorization.length}-character value without a scheme and credential.`);
      [, scheme, credential] = match;
    }

    try {
      switch (scheme.toLowerCase()) {
        case 'bearer': {
          if (!options.jwt) return refuse(new CredentialError('Bearer', 'Bearer tokens are not accepted by this gateway (no JWT key set is configured).'));
          const identity = await options.jwt.verify(credential.trim());
          const who = { kind: 'jwt' as const, id: identity.subject };
          return { ok: true, caller: { ...who, name: identity.subject, policyNames: identity.policyNames, policies: policiesOf(who, identity.policyNames) } };
        }
        case 'apikey': {
          if (!options.apiKeys) return refuse(new CredentialError('ApiKey', 'API keys are not accepted by this gateway (no key store is configured).'));
          const key = await options.apiKeys.verify(credential.trim());
          const who = { kind: 'apiKey' as const, id: key.id };
          return { ok: true, caller: { ...who, name: `${key.name} (${key.owner})`, policyNames: key.policies, policies: policiesOf(who, key.policies) } };
        }
        default:
          return refuseRequest(`The Authorization scheme ${JSON.stringify(scheme.slice(0, 40))} is not supported; use "Bearer <jwt>" or "ApiKey <key>" (or the x-api-key header).`);
      }
    } catch (error) {
      if (error instanceof CredentialError) return refuse(error);
      throw error;
    }
  };
}

/** Module-private: a message as an RFC 9110 quoted-string's content (no quotes, backslashes or control characters). */
function headerSafe(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[^\x20-\x7e]/g, ' ');
}
