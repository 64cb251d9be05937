import {
  createApiKeyStore,
  createFileApiKeyBackend,
  createJwtVerifier,
  createPolicyStore,
  createRedisApiKeyBackend,
  lookupPolicies,
  type ApiKeyStore,
  type JwtVerifier,
  type PolicyStore,
} from '../../auth';
import type { AuthConfig, Config } from '../../config';
import { createGatewayRedis } from '../../cache/redisClient';
import type { CallerResolverOptions } from './resolveCaller';

/**
 * Opens what callers are checked against, from the configuration: one Redis client when
 * `REDIS_URL` is set (policies in its hash, API keys in its keys), else the API key file; the
 * policy folder; the JWT verifier. Used by the gateway's composition root and by `npm run keys`,
 * so both read and write the same store.
 */

/** What {@link openAuth} opened; `close()` releases all of it. */
export interface OpenedAuth {
  readonly policies: PolicyStore;
  readonly apiKeys: ApiKeyStore;
  readonly jwt?: JwtVerifier;
  /** The anonymous caller's policy names, or `open`. */
  readonly anonymous: readonly string[] | 'open';
  close(): Promise<void>;
}

/** Logger of {@link openAuth} (pino's shape). */
export interface OpenAuthLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** What {@link openAuth} reads from the configuration. */
export type AuthSettings = { readonly auth: AuthConfig; readonly redis?: Omit<NonNullable<Config['redis']>, 'coolOffMs'> & { readonly coolOffMs?: number } };

/**
 * Opens the stores. With Redis, the policies are read from it now: an unreachable Redis or a bad
 * policy stops the start (a gateway that cannot read its policies would deny or, worse, guess).
 *
 * @throws {PolicyStoreError} for unreadable or bad policies; {@link Error} for a bad JWKS file.
 */
export async function openAuth(settings: AuthSettings, logger?: OpenAuthLogger, parts: { readonly jwt?: boolean } = {}): Promise<OpenedAuth> {
  const { auth, redis: redisConfig } = settings;
  const redis = redisConfig
    ? // Unlike the KPI cache, commands wait for the connection (within the command timeout): a
      // credential check cannot fall back to anything. After a failed command it still fails at
      // once for the cool-off (cache/redisHealth.ts), so a hung Redis answers 503 without a wait.
      createGatewayRedis(redisConfig.url, {
        component: 'auth',
        commandTimeoutMs: Math.max(redisConfig.commandTimeoutMs, 1_000),
        offlineQueue: true,
        coolOffMs: redisConfig.coolOffMs,
        logger,
        messages: { down: 'auth: Redis unavailable; requests with API keys are answered 503 until it returns', up: 'auth: Redis reachable again' },
      })
    : undefined;
  const keyPrefix = redisConfig?.keyPrefix ?? '';
  try {
    const policies = await createPolicyStore({
      dir: auth.policiesDir,
      redis: redis && { client: redis, keyPrefix },
      refreshSeconds: redis ? auth.policiesRefreshSeconds : 0,
      logger,
    });
    const apiKeys = createApiKeyStore(redis ? createRedisApiKeyBackend(redis, keyPrefix) : createFileApiKeyBackend(auth.apiKeysFile));
    const jwt = auth.jwt && parts.jwt !== false ? await createJwtVerifier(auth.jwt) : undefined;
    if (auth.anonymousPolicies !== 'open') {
      const { unknown } = lookupPolicies(policies, auth.anonymousPolicies);
      if (unknown.length > 0) logger?.warn({ unknown }, `ANONYMOUS_POLICIES names undefined policies (${unknown.join(', ')}); they grant nothing`);
    }
    return {
      policies,
      apiKeys,
      jwt,
      anonymous: auth.anonymousPolicies,
      async close() {
        policies.close();
        await apiKeys.close();
        // QUIT only over a live connection; while reconnecting it would wait for one, so just stop.
        if (redis?.status === 'ready') await redis.quit().catch(() => undefined);
        redis?.disconnect();
      },
    };
  } catch (error) {
    redis?.disconnect();
    throw error;
  }
}

/** The resolver options of an {@link OpenedAuth} (what `createGatewayServer`'s `auth` option takes). */
export function callerResolverOptions(opened: OpenedAuth): Pick<CallerResolverOptions, 'policies' | 'apiKeys' | 'jwt' | 'anonymous'> {
  return { policies: opened.policies, apiKeys: opened.apiKeys, jwt: opened.jwt, anonymous: opened.anonymous };
}
