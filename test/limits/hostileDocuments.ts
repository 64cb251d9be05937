import fc from 'fast-check';
import { toGlobalId } from '../../src/graph/ids';

/**
 * Hostile GraphQL documents and HTTP requests, as fast-check arbitraries over the real schema:
 * the builders (cycles, fragment chains, aliases, forged IDs, KPI ranges) are shared with the
 * named attacks (attacks.ts); {@link hostileRequest} draws one request of any family. The fuzz
 * test and `bench/fuzz.ts` draw from the same arbitrary with the same seeds.
 */

/** The seeded emulator's first app (Retail Storefront) and one of its campaigns. */
export const SEED_APP_ID = '5eedaa00000000000000000000000001';
/** A campaign of {@link SEED_APP_ID} in the seed. */
export const SEED_CAMPAIGN_ID = '5eedca00000000000000000000000101';
/** A user of {@link SEED_APP_ID} with three endpoints in the seed. */
export const SEED_USER_ID = 'seed-user-alice';

/** One request to send: over node:http, or as raw bytes on a socket (what node:http's client refuses to send). */
export type HostileRequest =
  | {
      readonly kind: 'http';
      /** Which generator made it (the figures are grouped by family). */
      readonly family: string;
      readonly method: string;
      /** Path and query string (default `/graphql`). */
      readonly path: string;
      readonly headers: Readonly<Record<string, string>>;
      readonly body?: Buffer;
      /** Send the body chunked (no `Content-Length`), in pieces of this many bytes. */
      readonly chunkBytes?: number;
    }
  | { readonly kind: 'raw'; readonly family: string; readonly bytes: Buffer };

/** The schema's edges that lead back to their own type: following them `depth` times multiplies the result. */
export type CycleKind = 'app-campaigns' | 'phone-pool' | 'optout-phones' | 'user-endpoints';

/**
 * A document that follows one of the schema's cycles `depth` times, each step a list of `first`
 * objects: `apps { nodes { campaigns(first: 2) { nodes { app { campaigns(first: 2) … } } } } }`.
 * The result has up to first^depth objects, while the document grows linearly.
 */
export function cycleDocument(kind: CycleKind, depth: number, first: number | string = 2): string {
  const steps: Record<CycleKind, { open: string; step: string; close: string; leaf: string }> = {
    'app-campaigns': { open: `apps(first: ${first}) { nodes { `, step: `campaigns(first: ${first}) { nodes { app { `, close: '} } } ', leaf: 'name ' },
    'phone-pool': { open: `phoneNumbers(first: ${first}) { nodes { `, step: `pool { phoneNumbers(first: ${first}) { nodes { `, close: '} } } ', leaf: 'phoneNumberId ' },
    'optout-phones': { open: `optOutLists(first: ${first}) { nodes { `, step: `phoneNumbers(first: ${first}) { nodes { optOutList { `, close: '} } } ', leaf: 'name ' },
    'user-endpoints': { open: `app(id: "${SEED_APP_ID}") { user(id: "${SEED_USER_ID}") { `, step: 'endpoints { user { ', close: '} } ', leaf: 'userId ' },
  };
  const s = steps[kind];
  // Every opening (two braces) and step (`close` braces) is closed, then the operation itself.
  return `{ ${s.open}${s.step.repeat(depth)}${s.leaf}${s.close.repeat(depth)}} } }`;
}

/**
 * `count` fragments in a chain, each spreading the next twice (once directly, once inside an
 * inline fragment, so no validation rule merges the two): 2^count visits for any walker that
 * expands each spread where it stands, in a document of about 50 bytes per fragment.
 */
export function fragmentChainDocument(count: number, on: 'App' | 'Query' = 'App'): string {
  const fragments: string[] = [];
  for (let i = 0; i < count; i += 1) fragments.push(`fragment F${i} on ${on} { ...F${i + 1} ... on ${on} { ...F${i + 1} } }`);
  fragments.push(on === 'App' ? `fragment F${count} on App { name campaigns(first: 2) { nodes { name } } }` : `fragment F${count} on Query { apps(first: 2) { nodes { name } } }`);
  const operation = on === 'App' ? '{ apps(first: 2) { nodes { ...F0 } } }' : '{ ...F0 }';
  return `${operation}\n${fragments.join('\n')}`;
}

/** `count` aliases of one selection: `{ a0: <selection> a1: <selection> … }`. */
export function aliasesDocument(count: number, selection = `app(id: "${SEED_APP_ID}") { campaigns(first: 2) { nodes { name } } }`): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) parts.push(`a${i}: ${selection}`);
  return `{ ${parts.join(' ')} }`;
}

/** One field carrying `count` directives (`@include(if: true) @skip(if: false)` alternating, or an unknown one). */
export function directivesDocument(count: number, directive: 'known' | 'unknown' = 'known'): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) parts.push(directive === 'unknown' ? `@d${i}` : i % 2 === 0 ? '@include(if: true)' : '@skip(if: false)');
  return `{ __typename ${parts.join(' ')} }`;
}

/** A well-formed global ID (as `src/graph/ids.ts` builds them) of a phone number or campaign no one has. */
export function forgedGlobalId(type: 'PhoneNumber' | 'Campaign', index: number, region = 'us-east-1'): string {
  const hex = index.toString(16).padStart(32, '0');
  return type === 'PhoneNumber' ? toGlobalId('PhoneNumber', region, `phone-${hex}`) : toGlobalId('Campaign', region, SEED_APP_ID, hex);
}

/** `nodes(ids: $ids)` with `count` forged IDs, half phone numbers, half campaigns. */
export function forgedNodesRequest(count: number): { query: string; variables: { ids: string[] } } {
  const ids = Array.from({ length: count }, (_, i) => forgedGlobalId(i % 2 === 0 ? 'PhoneNumber' : 'Campaign', i));
  return { query: 'query Forged($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } };
}

/**
 * `count` aliased `kpi` fields of one app, each over a distinct valid range (whole seconds
 * apart, so each is its own cache key and its own upstream call): a fan-out no loader merges.
 */
export function kpiRangesDocument(count: number, now: Date = new Date()): string {
  const base = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 10 * 86_400_000;
  const fields: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = new Date(base + i * 1000).toISOString();
    const end = new Date(base + 86_400_000 + i * 1000).toISOString();
    fields.push(`k${i}: kpi(name: UNIQUE_DELIVERIES, startTime: "${start}", endTime: "${end}") { rows { values { key value } } }`);
  }
  return `{ app(id: "${SEED_APP_ID}") { ${fields.join(' ')} } }`;
}

/**
 * `ranges` aliased `kpi` fields on each campaign of `campaigns` campaigns of `apps` apps: distinct
 * KPI reads multiply through the lists, so few aliases (under any alias limit) make many reads.
 */
export function kpiSpreadDocument(apps: number, campaigns: number, ranges: number, now: Date = new Date()): string {
  const fields = kpiRangesDocument(ranges, now).replace(/^\{ app\(id: "[^"]+"\) \{ (.*) \} \}$/, '$1');
  return `{ apps(first: ${apps}) { nodes { campaigns(first: ${campaigns}) { nodes { ${fields} } } } } }`;
}

/** The JSON body of one operation. */
export function operationBody(query: string, variables?: unknown, operationName?: string): Buffer {
  return Buffer.from(JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...(operationName === undefined ? {} : { operationName }) }));
}

/** Module-private: a JSON POST of one body. */
function post(family: string, body: Buffer | string, headers: Record<string, string> = {}): HostileRequest {
  return { kind: 'http', family, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', ...headers }, body: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

/** Module-private: `depth` nested arrays (`[[[…]]]`) or objects (`{"a":{"a":…}}`) as JSON text. */
function nestedJson(depth: number, shape: 'array' | 'object'): string {
  return shape === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Module-private: `first` arguments from the ordinary to the absurd (negative, beyond Int, not a number). */
const firstArg = fc.constantFrom<number | string>(1, 2, 3, 5, 100, 1000, 0, -1, 2147483647, '2147483648', '99999999999999999999', '1e400', '"2"', 'null');

/** Module-private: cyclic traversals of the real schema. */
const deepCycles = fc
  .record({ kind: fc.constantFrom<CycleKind>('app-campaigns', 'phone-pool', 'optout-phones', 'user-endpoints'), depth: fc.integer({ min: 1, max: 40 }), first: firstArg })
  .map(({ kind, depth, first }) => post('deep-cycle', operationBody(cycleDocument(kind, depth, first))));

/** Module-private: deep nesting that is not even valid (unknown fields), to reach the parser's and validators' recursion. */
const deepNonsense = fc.record({ depth: fc.integer({ min: 10, max: 20_000 }), braces: fc.boolean() }).map(({ depth, braces }) =>
  post('deep-nonsense', operationBody(braces ? `${'{ a '.repeat(depth)}${'}'.repeat(depth)}` : `{ a(x: ${'['.repeat(depth)}1${']'.repeat(depth)}) }`)),
);

/** Module-private: one selection set with very many fields (repeated, distinct unknown, or a real one with args). */
const wideSelections = fc
  .record({ count: fc.integer({ min: 10, max: 20_000 }), kind: fc.constantFrom('same', 'unknown', 'apps') })
  .map(({ count, kind }) => {
    const field = (i: number) => (kind === 'same' ? '__typename' : kind === 'unknown' ? `f${i}` : 'apps(first: 2) { nodes { name } }');
    return post('wide', operationBody(`{ ${Array.from({ length: count }, (_, i) => field(i)).join(' ')} }`));
  });

/** Module-private: many aliases of a cheap or an upstream-backed field. */
const manyAliases = fc
  .record({ count: fc.integer({ min: 2, max: 5_000 }), selection: fc.constantFrom('__typename', `app(id: "${SEED_APP_ID}") { name }`, 'phoneNumbers(first: 5) { nodes { pool { poolId } } }', `app(id: "${SEED_APP_ID}") { campaigns(first: 2) { nodes { name } } }`) })
  .map(({ count, selection }) => post('aliases', operationBody(aliasesDocument(count, selection))));

/** Module-private: many directives on one field. */
const manyDirectives = fc
  .record({ count: fc.integer({ min: 1, max: 5_000 }), directive: fc.constantFrom<'known' | 'unknown'>('known', 'unknown') })
  .map(({ count, directive }) => post('directives', operationBody(directivesDocument(count, directive))));

/** Module-private: fragment chains (each spreading the next twice), fragment cycles, self-spreads. */
const fragments = fc.oneof(
  fc.record({ count: fc.integer({ min: 1, max: 40 }), on: fc.constantFrom<'App' | 'Query'>('App', 'Query') }).map(({ count, on }) => post('fragment-chain', operationBody(fragmentChainDocument(count, on)))),
  fc.integer({ min: 1, max: 200 }).map((count) => {
    // F0 → F1 → … → F(count-1) → F0: invalid (NoFragmentCycles), must not hang a walker before validation.
    const defs = Array.from({ length: count }, (_, i) => `fragment F${i} on Query { __typename ...F${(i + 1) % count} }`);
    return post('fragment-cycle', operationBody(`{ ...F0 }\n${defs.join('\n')}`));
  }),
);

/** Module-private: huge strings, numbers and names in arguments, variables and identifiers. */
const hugeLiterals = fc
  .record({ size: fc.integer({ min: 1_000, max: 900_000 }), where: fc.constantFrom('argument', 'variable', 'name', 'number', 'comment', 'block-string') })
  .map(({ size, where }) => {
    const long = 'x'.repeat(size);
    switch (where) {
      case 'argument':
        return post('huge-literal', operationBody(`{ app(id: "${long}") { name } }`));
      case 'variable':
        return post('huge-literal', operationBody('query($id: String!) { phoneNumber(phoneNumberId: $id) { phoneNumberId } }', { id: long }));
      case 'name':
        return post('huge-literal', operationBody(`{ ${long} }`));
      case 'number':
        return post('huge-literal', operationBody(`{ apps(first: ${'9'.repeat(size)}) { nodes { name } } }`));
      case 'comment':
        return post('huge-literal', operationBody(`{ __typename } # ${long}`));
      default:
        return post('huge-literal', operationBody(`{ app(id: """${long}""") { name } }`));
    }
  });

/** Module-private: `nodes(ids:)` with many forged, garbled or foreign IDs, inline or as a variable. */
const nodeIdLists = fc
  .record({ count: fc.integer({ min: 1, max: 10_000 }), flavour: fc.constantFrom('forged', 'garbled', 'foreign-region', 'unknown-type'), inline: fc.boolean() })
  .map(({ count, flavour, inline }) => {
    const id = (i: number) =>
      flavour === 'forged'
        ? forgedGlobalId(i % 2 === 0 ? 'PhoneNumber' : 'Campaign', i)
        : flavour === 'garbled'
          ? `garbled-${i}`
          : flavour === 'foreign-region'
            ? forgedGlobalId('PhoneNumber', i, 'eu-west-1')
            : toGlobalId('Nope', 'us-east-1', String(i));
    const ids = Array.from({ length: count }, (_, i) => id(i));
    return inline
      ? post('nodes-ids', operationBody(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`))
      : post('nodes-ids', operationBody('query($ids: [ID!]!) { nodes(ids: $ids) { id ... on PhoneNumber { pool { poolId } } } }', { ids }));
  });

/** Module-private: many distinct KPI ranges on one app. */
const kpiRanges = fc.integer({ min: 1, max: 1_500 }).map((count) => post('kpi-ranges', operationBody(kpiRangesDocument(count))));

/** Module-private: bodies that are not the JSON object Apollo expects. */
const malformedJson = fc.oneof(
  fc.constantFrom('', '{', '{"query": ', 'null', 'true', '42', '"{ __typename }"', '{}', '{"query": 42}', '{"query": null}', '{"query": "{ __typename }", "variables": "{}"}', '{"query": "{ __typename }", "variables": [1]}', '{"query": "{ __typename }", "operationName": {}}', '{"query": "{ __typename }", "extensions": 5}', '{"query": "query A { __typename } query B { __typename }"}', '{"query": "{ __typename }", "operationName": "Nope"}', '{"query":"{ __typename }"}garbage', '\u0000').map((text) => post('malformed-json', text)),
  fc.string({ maxLength: 200 }).map((text) => post('malformed-json', text)),
  fc.record({ depth: fc.integer({ min: 10, max: 200_000 }), shape: fc.constantFrom<'array' | 'object'>('array', 'object'), as: fc.constantFrom('variables', 'body', 'extensions') }).map(({ depth, shape, as }) => {
    const nested = nestedJson(depth, shape);
    const text = as === 'body' ? nested : as === 'variables' ? `{"query":"query($v: JSON) { __typename }","variables":{"v":${nested}}}` : `{"query":"{ __typename }","extensions":{"e":${nested}}}`;
    return post('nested-json', text);
  }),
);

/** Module-private: JSON batches (arrays of operations), which stay refused. */
const batches = fc.integer({ min: 1, max: 1_000 }).map((count) => post('batch', JSON.stringify(Array.from({ length: count }, () => ({ query: '{ apps { nodes { name } } }' })))));

/** Module-private: a valid operation under the wrong media type or encoding. */
const wrongContentTypes = fc
  .constantFrom<Record<string, string>>(
    {},
    { 'content-type': 'text/plain' },
    { 'content-type': 'application/x-www-form-urlencoded' },
    { 'content-type': 'multipart/form-data; boundary=x' },
    { 'content-type': 'application/graphql' },
    { 'content-type': 'application/xml' },
    { 'content-type': 'application/json; charset=utf-16' },
    { 'content-type': ';;;' },
    { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    { 'content-type': 'application/json', accept: 'text/html' },
    { 'content-type': 'application/json', accept: 'application/xml' },
  )
  .map((headers) => ({ kind: 'http', family: 'content-type', method: 'POST', path: '/graphql', headers, body: operationBody('{ __typename }') }) as HostileRequest);

/** Module-private: other methods, GETs with odd parameters, and methods node:http's parser itself refuses. */
const wrongMethods = fc.oneof(
  fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND').map((method) => ({ kind: 'http', family: 'method', method, path: '/graphql', headers: { 'content-type': 'application/json' }, body: operationBody('{ __typename }') }) as HostileRequest),
  fc
    .constantFrom(
      `query=${encodeURIComponent('{ __typename }')}`,
      `query=${encodeURIComponent('mutation { _ping }')}`,
      `query=${encodeURIComponent('{ __typename }')}&variables=%7Bbad`,
      `query=${encodeURIComponent('{ __typename }')}&variables=%5B1%5D`,
      'query=a&query=b',
      '',
      `query=${encodeURIComponent(cycleDocument('app-campaigns', 12))}`,
    )
    .chain((search) => fc.boolean().map((preflight) => ({ kind: 'http', family: 'get', method: 'GET', path: `/graphql?${search}`, headers: preflight ? { 'apollo-require-preflight': '1' } : {} }) as HostileRequest)),
  fc.constantFrom('FOO', 'GET /', 'BREW').map((method) => ({ kind: 'raw', family: 'raw-method', bytes: Buffer.from(`${method} /graphql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`) }) as HostileRequest),
);

/** Module-private: bodies over the limit, declared or chunked, and a declared length with no body. */
const oversized = (maxBodyBytes: number) =>
  fc.oneof(
    fc.integer({ min: 1, max: maxBodyBytes }).map((extra) => post('oversized', Buffer.alloc(maxBodyBytes + extra, 0x20))),
    fc.integer({ min: 1, max: maxBodyBytes }).map((extra) => ({ ...post('oversized-chunked', Buffer.alloc(maxBodyBytes + extra, 0x20)), chunkBytes: 16_384 }) as HostileRequest),
    fc.constant({ kind: 'raw', family: 'oversized-declared', bytes: Buffer.from(`POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n\r\n`) } as HostileRequest),
  );

/** Module-private: random bytes as a JSON body, and JSON with invalid UTF-8 inside a string. */
const randomBytes = fc.oneof(
  fc.uint8Array({ minLength: 1, maxLength: 4_096 }).map((bytes) => post('random-bytes', Buffer.from(bytes))),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => post('invalid-utf8', Buffer.concat([Buffer.from('{"query":"{ __typename } # '), Buffer.from([0xff, 0xfe, 0xc3, ...bytes]), Buffer.from('"}')]))),
  fc.uint8Array({ minLength: 1, maxLength: 2_048 }).map((bytes) => ({ kind: 'raw', family: 'raw-bytes', bytes: Buffer.from(bytes) }) as HostileRequest),
);

/** Options of {@link hostileRequest}. */
export interface HostileRequestOptions {
  /** The gateway's body limit, so the oversized family crosses it by up to twice. */
  readonly maxBodyBytes: number;
}

/**
 * One hostile request of any family. The weights keep the big bodies (oversized, huge literals,
 * ID lists) rarer than the cheap ones, so a run of thousands stays minutes, not hours.
 */
export function hostileRequest(options: HostileRequestOptions): fc.Arbitrary<HostileRequest> {
  return fc.oneof(
    { arbitrary: deepCycles, weight: 12 },
    { arbitrary: deepNonsense, weight: 4 },
    { arbitrary: wideSelections, weight: 4 },
    { arbitrary: manyAliases, weight: 8 },
    { arbitrary: manyDirectives, weight: 4 },
    { arbitrary: fragments, weight: 8 },
    { arbitrary: hugeLiterals, weight: 3 },
    { arbitrary: nodeIdLists, weight: 4 },
    { arbitrary: kpiRanges, weight: 3 },
    { arbitrary: malformedJson, weight: 10 },
    { arbitrary: batches, weight: 3 },
    { arbitrary: wrongContentTypes, weight: 8 },
    { arbitrary: wrongMethods, weight: 8 },
    { arbitrary: oversized(options.maxBodyBytes), weight: 2 },
    { arbitrary: randomBytes, weight: 6 },
  );
}

/**
 * The `index`-th request of the run seeded `seed`: each index has its own seed, so any single
 * case can be drawn again on its own (`FUZZ_SEED=<seed> FUZZ_ONLY=<index>`) without the rest.
 */
export function drawHostileRequest(seed: number, index: number, options: HostileRequestOptions): HostileRequest {
  return fc.sample(hostileRequest(options), { seed: (seed + index * 7919) | 0, numRuns: 1 })[0];
}
