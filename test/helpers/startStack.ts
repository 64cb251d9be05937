import { createEmulatorServer, type EmulatorOptions, type EmulatorServer } from '../../src/emulator';
import { createGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../src/server';
import { postGql, type GqlResponse } from './gql';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from './redis';

/** Options of {@link startStack}. */
export interface StartStackOptions {
  /** Load the emulator's demo data set (default true). */
  seed?: boolean;
  /** Latency the emulator adds to every upstream request, in ms. */
  latencyMs?: number;
  /** Back the KPI cache with the shared test Redis under a unique key prefix (deleted on close). */
  redis?: boolean;
  /** Anything else for the emulator. */
  emulator?: Omit<EmulatorOptions, 'port' | 'seed' | 'latencyMs'>;
  /** Anything else for the gateway (nodeEnv, exposeUpstreamCalls, kpiCache, ...). */
  gateway?: Omit<GatewayServerOptions, 'endpoints'>;
}

/** A running emulator + gateway pair. */
export interface Stack {
  /** `http://127.0.0.1:<port>` of the gateway. */
  gatewayUrl: string;
  /** `<gatewayUrl>/graphql`. */
  graphqlUrl: string;
  gateway: GatewayServer;
  emulator: EmulatorServer;
  /** The Redis key prefix in use, when `redis: true`. */
  redisPrefix?: string;
  /** POSTs one operation to the gateway. */
  gql<TData = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<TData>>;
  /** Stops the gateway, then the emulator (and deletes the Redis keys). */
  close(): Promise<void>;
}

/**
 * Starts an emulator (seeded by default) and a gateway against it, both on port 0, for tests over
 * real HTTP. Every stack is isolated: its own emulator state, its own cache.
 *
 * ```ts
 * const stack = await startStack();
 * afterAll(() => stack.close());
 * const { status, body } = await stack.gql('{ node(id: "x") { id } }');
 * ```
 */
export async function startStack(options: StartStackOptions = {}): Promise<Stack> {
  const emulator = await createEmulatorServer({ ...options.emulator, port: 0, seed: options.seed ?? true, latencyMs: options.latencyMs });
  const redisPrefix = options.redis ? uniqueRedisPrefix('stack') : undefined;
  let gateway: GatewayServer;
  try {
    gateway = await createGatewayServer({
      ...(redisPrefix ? { redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix } } : {}),
      ...options.gateway,
      endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const graphqlUrl = `${gateway.url}/graphql`;
  return {
    gatewayUrl: gateway.url,
    graphqlUrl,
    gateway,
    emulator,
    redisPrefix,
    gql: async (query, variables, headers) => assertCostBound(await postGql(graphqlUrl, query, variables, headers), query),
    async close() {
      await gateway.close();
      await emulator.close();
      if (redisPrefix) await deleteRedisPrefix(redisPrefix);
    },
  };
}

/**
 * The cost model's promise, checked on every operation any test sends through a stack: the
 * estimate the gateway reports before execution (`extensions.cost`) is an upper bound of the
 * upstream calls it then made (`extensions.upstreamCalls`). Every query of the suite is a witness,
 * not only the reference ones.
 */
export function assertCostBound<T extends GqlResponse<any>>(response: T, query: string): T {
  const extensions = (response.body as { extensions?: Record<string, any> } | undefined)?.extensions;
  const estimated = extensions?.cost?.estimatedUpstreamCalls;
  const made = extensions?.upstreamCalls?.total;
  if (typeof estimated === 'number' && typeof made === 'number' && made > estimated) {
    throw new Error(`Cost model under-estimate: the gateway estimated ${estimated} upstream calls but made ${made} (${JSON.stringify(extensions?.upstreamCalls?.byOperation)}) for:\n${query}`);
  }
  return response;
}
