import { createApiKeyStore, createJwtVerifier, parsePolicy, type ApiKeyBackend, type ApiKeyRecord, type ApiKeyStore, type Caller, type Policy, type PolicyStore } from '../../src/auth';
import { signTestToken, startJwksServer, testSigningKey, type JwksServer } from '../helpers/jwks';
import { startStack, type Stack } from '../helpers/startStack';
import { CASES, expectMatrixOutcome, matrixSetup, OPEN, ROWS, VARIANTS, wireCallsOf, type Row, type Variant } from './policyMatrixCases';
import { policy } from './policyStack';

// The policy matrix of policyMatrix.test.ts (20 requests × 8 policies), over real HTTP against the
// seeded emulator, for credentialed callers: an API key (one stack, keys in an in-memory key store)
// and a JWT (one stack, tokens signed by a test identity provider whose JWKS is served over HTTP).
// Each case defines its policy under a name of its own, issues a fresh credential whose policy
// names include that name, and expects exactly the anonymous matrix's outcome. The anonymous
// caller of the same gateway has no policy at all: every case first sends the same request
// without credentials and sees it denied, so each decision follows the credential, not the
// gateway. Setup requests (fresh resources for mutations) run under a separate credential whose
// policy allows everything.

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'pinpoint-graph';
const NOW = () => Math.floor(Date.now() / 1000);

/** The policy every setup credential names. */
const SETUP_POLICY = 'matrix-setup';
/** A defined policy every case's credential also names; it allows nothing the matrix asks for. */
const BASELINE_POLICY = 'matrix-baseline';
const BASELINE = policy({ Effect: 'Allow', Action: 'sms-voice:DescribeKeywords', Resource: '*' });

/** Module-private: a policy store whose named policies a test defines while the gateway runs (each definition bumps the version). */
class NamedPolicyStore implements PolicyStore {
  #policies = new Map<string, Policy>();
  #version = 0;

  get version(): number {
    return this.#version;
  }

  get(name: string): Policy | undefined {
    return this.#policies.get(name);
  }

  names(): readonly string[] {
    return [...this.#policies.keys()].sort();
  }

  async reload(): Promise<void> {}

  close(): void {}

  /** Defines (or replaces) the policy `name` with this IAM policy document. */
  define(name: string, document: object): void {
    this.#policies.set(name, parsePolicy(name, document));
    this.#version += 1;
  }
}

/** Module-private: API key records in memory (the key store's logic is the gateway's own). */
function memoryApiKeyBackend(): ApiKeyBackend {
  const records = new Map<string, ApiKeyRecord>();
  return {
    description: 'memory (policyMatrixCallers)',
    async get(id) {
      return records.get(id);
    },
    async all() {
      return [...records.values()];
    },
    async insert(record) {
      records.set(record.id, record);
    },
    async update(id, update) {
      const current = records.get(id);
      if (!current) return undefined;
      const next = update(current);
      records.set(id, next);
      return next;
    },
  };
}

/** One kind of credentialed caller, on a stack of its own. */
interface CallerStack {
  readonly kind: 'apiKey' | 'jwt';
  readonly stack: Stack;
  readonly policies: NamedPolicyStore;
  /** The callers the gateway resolved, in request order (a test empties it). */
  readonly callers: Caller[];
  /** The headers of a fresh credential with ID/subject `id` naming `policyNames`. */
  credential(id: string, policyNames: readonly string[]): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/** Module-private: a gateway accepting API keys from an in-memory store; the anonymous caller has no policy. */
async function startApiKeyStack(): Promise<CallerStack & { readonly apiKeys: ApiKeyStore }> {
  const policies = new NamedPolicyStore();
  const apiKeys = createApiKeyStore(memoryApiKeyBackend());
  const callers: Caller[] = [];
  const stack = await startStack({ gateway: { auth: { policies, apiKeys, anonymous: [] }, onCaller: (caller) => callers.push(caller) } });
  return {
    kind: 'apiKey',
    stack,
    policies,
    callers,
    apiKeys,
    async credential(id, policyNames) {
      const { key } = await apiKeys.create({ name: id, owner: 'policy-matrix', policies: policyNames });
      return { 'x-api-key': key };
    },
    close: () => stack.close(),
  };
}

/** Module-private: a gateway accepting JWTs from a JWKS served over HTTP; the anonymous caller has no policy. */
async function startJwtStack(): Promise<CallerStack & { readonly jwks: JwksServer }> {
  const key = await testSigningKey('matrix-1', 'ES256');
  const jwks = await startJwksServer({ keys: [key.publicJwk] });
  const jwt = await createJwtVerifier({ jwks: { url: jwks.url }, issuer: ISSUER, audience: AUDIENCE, algorithms: ['ES256'] });
  const policies = new NamedPolicyStore();
  const callers: Caller[] = [];
  let stack: Stack;
  try {
    stack = await startStack({ gateway: { auth: { policies, jwt, anonymous: [] }, onCaller: (caller) => callers.push(caller) } });
  } catch (error) {
    await jwks.close();
    throw error;
  }
  return {
    kind: 'jwt',
    stack,
    policies,
    callers,
    jwks,
    async credential(id, policyNames) {
      const token = await signTestToken(key, { iss: ISSUER, aud: AUDIENCE, sub: id, iat: NOW(), exp: NOW() + 3_600, policies: [...policyNames] });
      return { authorization: `Bearer ${token}` };
    },
    async close() {
      await stack.close();
      await jwks.close();
    },
  };
}

/** What the anonymous caller (no policy) gets for any target: an implicit deny. */
const ANONYMOUS_DENIAL: Variant = { name: 'anonymous caller without a policy', document: () => ({}), allows: false, decision: 'implicitDeny' };

/** Module-private: the row's variables (running its setup under `setupHeaders`). */
async function variablesOf(caller: CallerStack, row: Row, setupHeaders: Record<string, string>) {
  const setup = matrixSetup((query, variables) => caller.stack.gql(query, variables, setupHeaders));
  return typeof row.variables === 'function' ? row.variables(setup) : row.variables;
}

/** Module-private: sends the row's request with `headers` and returns the response and the emulator's wire counts. */
async function send(caller: CallerStack, row: Row, variables: Record<string, unknown>, headers?: Record<string, string>) {
  let response!: Awaited<ReturnType<Stack['gql']>>;
  const wire = await wireCallsOf(caller.stack.emulator.endpoint, async () => {
    response = await caller.stack.gql(row.query, variables, headers);
  });
  return { response, wire };
}

test('the matrix has 20 requests × 8 policies × 2 credentialed callers', () => {
  expect([ROWS.length, VARIANTS.length, CASES.length, CASES.length * 2]).toEqual([20, 8, 160, 320]);
});

describe.each([
  ['API key', startApiKeyStack],
  ['JWT', startJwtStack],
] as const)('%s caller', (title, start) => {
  let caller: CallerStack;
  let setupHeaders: Record<string, string>;

  beforeAll(async () => {
    caller = await start();
    caller.policies.define(SETUP_POLICY, OPEN);
    caller.policies.define(BASELINE_POLICY, BASELINE);
    setupHeaders = await caller.credential('matrix-setup', [SETUP_POLICY]);
  });
  afterAll(() => caller?.close());

  test.each(CASES.map(([label, row, variant], index) => [label, row, variant, index] as const))('%s', async (_label, row, variant, index) => {
    const variables = await variablesOf(caller, row, setupHeaders);
    const target = row.target(variables);
    const policyName = `matrix-case-${index}`;
    caller.policies.define(policyName, variant.document(target.action, target.arn));
    const headers = await caller.credential(`matrix-${index}`, [policyName, BASELINE_POLICY]);

    // The same gateway's anonymous caller has no policy: without the credential, the target is denied.
    caller.callers.length = 0;
    const anonymous = await send(caller, row, variables);
    expectMatrixOutcome(row, ANONYMOUS_DENIAL, target, anonymous.response.body, anonymous.wire, '(none)');

    // With it, the decision is the case's policy's.
    const { response, wire } = await send(caller, row, variables, headers);
    expect(response.status).toBe(200);
    expectMatrixOutcome(row, variant, target, response.body, wire, policyName);
    expect(caller.callers.map(({ kind, policyNames }) => ({ kind, policyNames }))).toEqual([
      { kind: 'anonymous', policyNames: [] },
      { kind: caller.kind, policyNames: [policyName, BASELINE_POLICY] },
    ]);
  });

  if (title === 'API key') {
    test('every request: FORBIDDEN without credentials, 401 with a revoked key (and no upstream call either way)', async () => {
      const apiKeys = (caller as CallerStack & { apiKeys: ApiKeyStore }).apiKeys;
      const { key, info } = await apiKeys.create({ name: 'revoked', owner: 'policy-matrix', policies: [SETUP_POLICY] });
      // Allowed everything while it is valid.
      expect((await caller.stack.gql(ROWS[0].query, ROWS[0].variables as Record<string, unknown>, { 'x-api-key': key })).body.errors).toBeUndefined();
      const revokedAt = (await apiKeys.revoke(info.id))?.revokedAt;
      for (const row of ROWS) {
        const variables = await variablesOf(caller, row, setupHeaders);
        const target = row.target(variables);
        const anonymous = await send(caller, row, variables);
        expect(anonymous.response.status).toBe(200);
        expectMatrixOutcome(row, ANONYMOUS_DENIAL, target, anonymous.response.body, anonymous.wire, '(none)');

        const revoked = await send(caller, row, variables, { 'x-api-key': key });
        expect({ row: row.name, status: revoked.response.status, body: revoked.response.body, challenge: revoked.response.headers.get('www-authenticate'), wire: revoked.wire }).toEqual({
          row: row.name,
          status: 401,
          body: { errors: [{ message: `The API key ${info.id} was revoked at ${revokedAt}.`, extensions: { code: 'UNAUTHENTICATED' } }] },
          challenge: 'ApiKey realm="pinpoint-graph"',
          wire: {},
        });
      }
    });
  }
});
