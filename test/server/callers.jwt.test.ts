import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SignJWT, UnsecuredJWT } from 'jose';
import { pino } from 'pino';
import { createJwtVerifier, parsePolicy, staticPolicyStore, type Caller, type JwtVerifier } from '../../src/auth';
import { signTestToken, startJwksServer, testSigningKey, type JwksServer, type TestSigningKey } from '../helpers/jwks';
import { startStack, type Stack } from '../helpers/startStack';

// JWT bearer tokens over real HTTP: a gateway in front of the seeded emulator, verifying tokens
// against a key set served by a real HTTP server on port 0 (and, in its own block, read from a
// file). Every refusal is HTTP 401 UNAUTHENTICATED with an exact message and a Bearer challenge,
// and costs no upstream call; an accepted token's caller carries the policies its claim names.

const ISSUER = 'https://issuer.test';
const AUDIENCE = 'pinpoint-graph';
const QUERY = '{ apps(first: 1) { nodes { name } } }';
const NOW = () => Math.floor(Date.now() / 1000);

const allowAll = parsePolicy('everything', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const reader = parsePolicy('reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*' }] });

/** The body and challenge every Bearer refusal carries. */
function unauthenticated(message: string) {
  return {
    status: 401,
    body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
    challenge: `Bearer realm="pinpoint-graph", error="invalid_token", error_description="${message.replace(/"/g, "'")}"`,
  };
}

let rsa: TestSigningKey;
let ec: TestSigningKey;
let impostor: TestSigningKey;
let jwks: JwksServer;
let stack: Stack;
let callers: Caller[];
let warnings: { msg: string; policy?: string }[];

beforeAll(async () => {
  [rsa, ec] = await Promise.all([testSigningKey('rsa-1', 'RS256'), testSigningKey('ec-1', 'ES256')]);
  impostor = await testSigningKey('rsa-1', 'RS256');
  jwks = await startJwksServer({ keys: [rsa.publicJwk, ec.publicJwk] });
  const jwt = await createJwtVerifier({ jwks: { url: jwks.url }, issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256', 'ES256'], clockToleranceSeconds: 30 });
  callers = [];
  warnings = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      warnings.push(JSON.parse(String(chunk)));
      done();
    },
  });
  stack = await startStack({
    gateway: {
      auth: { jwt, policies: staticPolicyStore([allowAll, reader]) },
      onCaller: (caller) => callers.push(caller),
      logger: pino({ level: 'warn' }, logStream),
    },
  });
});

afterAll(async () => {
  await stack?.close();
  await jwks?.close();
});

beforeEach(() => {
  callers.length = 0;
  warnings.length = 0;
});

/** POSTs the query with `Authorization: Bearer <token>`. */
function withToken(token: string) {
  return stack.gql(QUERY, undefined, { authorization: `Bearer ${token}` });
}

/** Asserts a 401 with `message`, its challenge, and no upstream call made for it. */
async function expectRefused(token: string, message: string): Promise<void> {
  const before = stack.gateway.processCalls.total;
  const response = await withToken(token);
  const expected = unauthenticated(message);
  expect({ status: response.status, body: response.body }).toEqual({ status: expected.status, body: expected.body });
  expect(response.headers.get('www-authenticate')).toBe(expected.challenge);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(stack.gateway.processCalls.total).toBe(before);
  expect(callers).toEqual([]);
}

/** A token valid in every respect but what `overrides` changes. */
function token(overrides: Record<string, unknown> = {}, key: TestSigningKey = rsa): Promise<string> {
  return signTestToken(key, { iss: ISSUER, aud: AUDIENCE, sub: 'service-a', iat: NOW(), exp: NOW() + 300, policies: ['everything'], ...overrides });
}

describe('a valid token', () => {
  test('RS256 from the JWKS URL: the query runs as caller kind jwt with the policies of its claim', async () => {
    const response = await withToken(await token());
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.apps.nodes).toHaveLength(1);
    expect(callers).toEqual([{ kind: 'jwt', id: 'service-a', name: 'service-a', policyNames: ['everything'], policies: [allowAll] }]);
  });

  test('ES256, with the claim as a space- and comma-separated string', async () => {
    const response = await withToken(await token({ sub: 'frontend', policies: 'reader, everything' }, ec));
    expect(response.status).toBe(200);
    expect(callers).toEqual([{ kind: 'jwt', id: 'frontend', name: 'frontend', policyNames: ['reader', 'everything'], policies: [reader, allowAll] }]);
  });

  test('a policy name the store does not define grants nothing, and is logged once', async () => {
    const ghostToken = await token({ sub: 'ghostly', policies: ['ghost', 'reader'] });
    for (let i = 0; i < 2; i += 1) expect((await withToken(ghostToken)).status).toBe(200);
    expect(callers.map((caller) => caller.policies)).toEqual([[reader], [reader]]);
    expect(callers[0].policyNames).toEqual(['ghost', 'reader']);
    expect(warnings.map((line) => [line.msg, line.policy])).toEqual([['caller jwt ghostly: policy "ghost" is not defined; it grants nothing', 'ghost']]);
  });

  test('no policy claim: a caller without policies (still authenticated)', async () => {
    const response = await withToken(await token({ policies: undefined }));
    expect(response.status).toBe(200);
    expect(callers).toEqual([{ kind: 'jwt', id: 'service-a', name: 'service-a', policyNames: [], policies: [] }]);
  });

  test('within the clock tolerance, an expired token is still accepted', async () => {
    expect((await withToken(await token({ exp: NOW() - 10 }))).status).toBe(200);
  });

  test('the key set is fetched once and cached', async () => {
    expect(jwks.fetches).toBe(1);
  });
});

describe('refused tokens: 401 with the exact reason', () => {
  test('wrong signature (another key under the same kid)', async () => {
    await expectRefused(await token({}, impostor), "The bearer token's signature does not verify with the configured key set.");
  });

  test('wrong issuer', async () => {
    await expectRefused(await token({ iss: 'https://evil.test' }), 'The bearer token\'s issuer "https://evil.test" is not the configured issuer "https://issuer.test".');
  });

  test('wrong audience', async () => {
    await expectRefused(await token({ aud: ['other-api'] }), 'The bearer token\'s audience ["other-api"] does not include the configured audience "pinpoint-graph".');
  });

  test('expired (beyond the tolerance)', async () => {
    await expectRefused(await token({ iat: 1_600_000_000, exp: 1_600_000_300 }), 'The bearer token expired at 2020-09-13T12:31:40.000Z.');
  });

  test('not yet valid', async () => {
    await expectRefused(await token({ nbf: 4_102_444_800, exp: 4_102_448_400 }), 'The bearer token is not valid before 2100-01-01T00:00:00.000Z.');
  });

  test('alg: none', async () => {
    const unsecured = new UnsecuredJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'root', policies: ['everything'] }).setIssuedAt().setExpirationTime('5m').encode();
    await expectRefused(unsecured, 'The bearer token\'s algorithm "none" is not allowed; allowed: RS256, ES256.');
  });

  test('an algorithm not allowed (HS256, signed with the public key as an HMAC secret)', async () => {
    const hs = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, sub: 'x' }).setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' }).setExpirationTime('5m').sign(new TextEncoder().encode(JSON.stringify(rsa.publicJwk)));
    await expectRefused(hs, 'The bearer token\'s algorithm "HS256" is not allowed; allowed: RS256, ES256.');
  });

  test('an unknown kid', async () => {
    await expectRefused(await token({}, { ...rsa, kid: 'rsa-9' }), 'No single key of the configured key set matches the bearer token (kid "rsa-9", alg "RS256").');
  });

  test('no sub, no exp', async () => {
    await expectRefused(await token({ sub: undefined }), 'The bearer token has no "sub" claim.');
    await expectRefused(await token({ exp: undefined }), 'The bearer token has no "exp" claim.');
  });

  test('a policy claim that is neither a string nor an array of strings', async () => {
    await expectRefused(await token({ policies: { admin: true } }), 'The bearer token\'s "policies" claim must be a string or an array of strings; got object.');
  });

  test('not a JWT at all', async () => {
    await expectRefused('not-a-token', 'The bearer token is malformed: expected a signed JWT (three base64url parts separated by dots).');
  });
});

test('JWKS from a file: a token signed by a key in it is accepted, any other refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jwks-'));
  const file = join(dir, 'jwks.json');
  await writeFile(file, JSON.stringify({ keys: [ec.publicJwk] }));
  const fileCallers: Caller[] = [];
  let fileStack: Stack | undefined;
  try {
    const jwt: JwtVerifier = await createJwtVerifier({ jwks: { file }, issuer: [ISSUER, 'https://second.test'], audience: AUDIENCE, algorithms: ['ES256'] });
    expect(jwt.description).toBe(`file ${file}`);
    fileStack = await startStack({ gateway: { auth: { jwt, policies: staticPolicyStore([allowAll]) }, onCaller: (caller) => fileCallers.push(caller) } });
    const good = await signTestToken(ec, { iss: 'https://second.test', aud: AUDIENCE, sub: 'batch-job', exp: NOW() + 60, policies: 'everything' });
    const ok = await fileStack.gql(QUERY, undefined, { authorization: `Bearer ${good}` });
    expect(ok.status).toBe(200);
    expect(fileCallers).toEqual([{ kind: 'jwt', id: 'batch-job', name: 'batch-job', policyNames: ['everything'], policies: [allowAll] }]);
    const rsaSigned = await token();
    const refused = await fileStack.gql(QUERY, undefined, { authorization: `Bearer ${rsaSigned}` });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0].message).toBe('The bearer token\'s algorithm "RS256" is not allowed; allowed: ES256.');
  } finally {
    await fileStack?.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a JWKS file that is not a key set is refused when the verifier is built', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'jwks-'));
  try {
    const file = join(dir, 'jwks.json');
    await writeFile(file, JSON.stringify({ keys: [] }));
    await expect(createJwtVerifier({ jwks: { file }, issuer: ISSUER, audience: AUDIENCE })).rejects.toThrow(`JWKS file ${file} must be a JSON Web Key Set: an object whose "keys" is a non-empty array of keys`);
    await expect(createJwtVerifier({ jwks: { file: join(dir, 'missing.json') }, issuer: ISSUER, audience: AUDIENCE })).rejects.toThrow(`JWKS file ${join(dir, 'missing.json')} cannot be read:`);
    await expect(createJwtVerifier({ jwks: { file }, issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256' as never] })).rejects.toThrow('JWT algorithms must be a non-empty list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA; got ["HS256"]');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unreachable JWKS URL: 503 (the token may be good), not 401', async () => {
  const gone = await startJwksServer({ keys: [rsa.publicJwk] });
  const url = gone.url;
  await gone.close();
  const jwt = await createJwtVerifier({ jwks: { url }, issuer: ISSUER, audience: AUDIENCE, jwksTimeoutMs: 1_000 });
  const outage = await startStack({ gateway: { auth: { jwt } } });
  try {
    const response = await outage.gql(QUERY, undefined, { authorization: `Bearer ${await token()}` });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(response.body.errors?.[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(response.body.errors?.[0].message).toMatch(new RegExp(`^The bearer token could not be checked: the key set \\(url ${url.replace(/[.?]/g, '\\$&')}\\) is unavailable \\(.*ECONNREFUSED.*\\)\\.$`));
  } finally {
    await outage.close();
  }
});
