import type { Policy } from './policy';

/**
 * Who is calling: resolved once per HTTP request (server/context.ts), before any resolver runs,
 * from its credentials (an API key, a JWT bearer token) or their absence (the anonymous caller).
 * Resolvers never look at credentials: they read `ctx.caller` and ask the policy.
 */
export interface Caller {
  /** How the caller proved who it is. */
  readonly kind: 'apiKey' | 'jwt' | 'anonymous';
  /** A stable identifier: the key's ID, the token's `sub`, or `anonymous`. */
  readonly id: string;
  /** A human name for logs and audit lines: the key's name and owner, the token's subject, `anonymous`. */
  readonly name: string;
  /** The names of the policies attached to the caller (for logs and the simulator). */
  readonly policyNames: readonly string[];
  /** The parsed policies, evaluated together (an explicit deny in any wins). */
  readonly policies: readonly Policy[];
}

/**
 * The anonymous caller with `policies`: the configured anonymous policy (empty in production,
 * so every call is an implicit deny; open in development, so `npm start` stays a zero-setup demo).
 */
export function anonymousCaller(policyNames: readonly string[], policies: readonly Policy[]): Caller {
  return { kind: 'anonymous', id: 'anonymous', name: 'anonymous', policyNames, policies };
}
