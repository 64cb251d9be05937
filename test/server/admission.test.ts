import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { parse, print } from 'graphql';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { createDocumentAdmission } from '../../src/server/admission/documentAdmission';
import { createAdmittedDocumentStore } from '../../src/server/admission/documentStore';
import { currentOsThreadId } from '../../src/server/admission/threadCpuClock';
import type { PipelineSettings } from '../../src/server/admission/pipeline';
import { DEFAULT_LIMITS } from '../../src/server/limits';
import { attacks } from '../limits/attacks';
import { drawHostileRequest, SEED_APP_ID, type HostileRequest } from '../limits/hostileDocuments';

/**
 * Document admission (src/server/admission/) runs the gateway's request pipeline up to execution
 * on a worker thread for documents the process has not admitted yet. Its promise: the same answer
 * as without it, byte for byte, for any request. Two gateways over one seeded emulator, one with a
 * worker and one without, get the same requests (the named attacks, the reference queries, and a
 * seeded sample of the fuzz generator's requests) and must answer them identically; then the
 * worker's own guarantees: a repeated document skips it, a check that overruns is refused and the
 * worker replaced, and a flood beyond its queue is refused 503 rather than queued without bound.
 */

/** Module-private: fuzz requests compared (a seeded sample; the fuzz test itself sends 3,000). */
const SAMPLE = 400;
/** Module-private: the fuzz test's seed. */
const SEED = 20_241_212;

let emulator: EmulatorServer;
let withWorker: GatewayServer;
let inline: GatewayServer;
beforeAll(async () => {
  emulator = await createEmulatorServer({ port: 0, seed: true });
  const endpoints = { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint };
  [withWorker, inline] = await Promise.all([createGatewayServer({ endpoints, admissionWorkers: 1 }), createGatewayServer({ endpoints })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([withWorker?.close(), inline?.close()]);
  await emulator?.close();
});

/** Module-private: one HTTP exchange, as bytes on the wire would show it (status, content type, body). */
function send(baseUrl: string, hostile: Extract<HostileRequest, { kind: 'http' }>): Promise<string> {
  return new Promise((resolve) => {
    const url = new URL(hostile.path, baseUrl);
    const req = request(url, { method: hostile.method, headers: { ...hostile.headers, ...(hostile.chunkBytes === undefined && hostile.body ? { 'content-length': String(hostile.body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Upstream request IDs are the emulator's, new for every call.
      res.on('end', () => resolve(`${res.statusCode} ${res.headers['content-type'] ?? '-'} ${Buffer.concat(chunks).toString('utf8').replace(/"requestId":"[^"]*"/g, '"requestId":"…"')}`));
      res.on('error', (error) => resolve(`response error ${error.message}`));
    });
    req.on('error', (error) => resolve(`request error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    if (hostile.body && hostile.chunkBytes !== undefined) {
      for (let i = 0; i < hostile.body.length; i += hostile.chunkBytes) req.write(hostile.body.subarray(i, i + hostile.chunkBytes));
      req.end();
    } else {
      req.end(hostile.body);
    }
  });
}

/** Module-private: a JSON POST of `body`. */
function post(body: Buffer): Extract<HostileRequest, { kind: 'http' }> {
  return { kind: 'http', family: 'post', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body };
}

test('the named attacks get the same answer with and without the worker', async () => {
  for (const attack of attacks()) {
    const expected = await send(inline.url, post(attack.body));
    expect({ attack: attack.name, answer: await send(withWorker.url, post(attack.body)) }).toEqual({ attack: attack.name, answer: expected });
  }
}, 60_000);

test('a large body that passes (over 16 KiB: moved to the worker and back) runs, with the same answer as without the worker', async () => {
  const ids = Array.from({ length: 100 }, (_, i) => `not-a-global-id-${String(i).padStart(200, '0')}`);
  const body = Buffer.from(JSON.stringify({ query: 'query Big($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids } }));
  expect(body.length).toBeGreaterThan(16 * 1024);
  const expected = await send(inline.url, post(body));
  expect(expected.startsWith('200 ')).toBe(true);
  expect(expected).toContain('must be a global ID issued by this gateway');
  expect(await send(withWorker.url, post(body))).toBe(expected);
  // Twice: the second time the document is known, the body still goes through the worker (it is large).
  expect(await send(withWorker.url, post(body))).toBe(expected);
});

test('the reference queries get the same answer with and without the worker', async () => {
  const dir = join(__dirname, '..', 'queries');
  const files = readdirSync(dir).filter((file) => file.endsWith('.graphql'));
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const variables = /^# variables: (.*)$/m.exec(text)?.[1];
    // KPI ranges are the last week, the same for both gateways.
    const range = text.includes('$start') ? { start: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10) + 'T00:00:00Z', end: new Date().toISOString().slice(0, 10) + 'T00:00:00Z' } : {};
    const body = Buffer.from(JSON.stringify({ query: text, variables: { ...range, ...(variables ? JSON.parse(variables) : {}) } }));
    const expected = await send(inline.url, post(body));
    // Pages whose variables their own tests make (scenario IDs, node IDs) must here only be answered alike.
    if (variables !== undefined || !/\$(?!start|end)\w/.test(text)) expect({ file, status: expected.slice(0, 4) }).toEqual({ file, status: '200 ' });
    expect({ file, answer: await send(withWorker.url, post(body)) }).toEqual({ file, answer: expected });
  }
}, 60_000);

test(`${SAMPLE} generated hostile requests (seed ${SEED}) get the same answer with and without the worker`, async () => {
  const differences: string[] = [];
  let compared = 0;
  for (let index = 0; index < SAMPLE; index += 1) {
    const hostile = drawHostileRequest(SEED, index, { maxBodyBytes: 1024 * 1024 });
    // Raw bytes never reach the pipeline; oversized bodies are refused (and their sockets closed) before it.
    if (hostile.kind !== 'http' || hostile.family.startsWith('oversized')) continue;
    compared += 1;
    const [expected, actual] = [await send(inline.url, hostile), await send(withWorker.url, hostile)];
    if (expected !== actual) {
      const at = [...expected].findIndex((char, i) => char !== actual[i]);
      differences.push(`#${index} ${hostile.family}: inline …${expected.slice(Math.max(0, at - 100), at + 200)} | worker …${actual.slice(Math.max(0, at - 100), at + 200)}`);
    }
  }
  expect(compared).toBeGreaterThan(SAMPLE / 2);
  expect(differences).toEqual([]);
}, 240_000);

describe('the admission workers on their own', () => {
  const settings: PipelineSettings = { schemaDir: join(__dirname, '..', '..', 'schema'), nodeEnv: 'production', introspection: false, fieldSuggestions: false, limits: DEFAULT_LIMITS, exposeCost: false, exposeUpstreamCalls: false };
  const json = { method: 'POST', headers: [['content-type', 'application/json']] as [string, string][], search: '', readsTags: false };

  test('a passing document passes; a refused one gets the typed answer', async () => {
    const admission = createDocumentAdmission({ settings, workers: 1 });
    try {
      await admission.ready();
      const good = '{ apps(first: 2) { nodes { name } } }';
      expect(await admission.check({ ...json, body: { query: good } })).toEqual({ kind: 'pass' });
      const bad = '{ apps(first: 2) { nodes { nmae } } }';
      const refused = await admission.check({ ...json, body: { query: bad } });
      expect(refused.kind).toBe('answer');
      expect(refused.kind === 'answer' && { status: refused.answer.status, body: JSON.parse(refused.answer.body) }).toEqual({
        status: 400,
        body: { errors: [{ message: 'Cannot query field "nmae" on type "App".', locations: [{ line: 1, column: 28 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
      });
    } finally {
      await admission.close();
    }
  }, 30_000);

  test('a check that overruns its bound is refused and its worker replaced by a working one', async () => {
    const faults: string[] = [];
    const admission = createDocumentAdmission({ settings, workers: 1, checkTimeoutMs: 20, onFault: ({ reason }) => faults.push(reason) });
    try {
      await admission.ready();
      const [before] = admission.threadIds();
      // 400 repeats of one field: graphql-js compares every pair of same-named fields, ~100 ms of
      // validation for this 14 KB document (under every structural limit) before it gives up, five times the bound.
      const slow = `{ app(id: "x") { ${Array.from({ length: 400 }, () => 'campaigns(first: 1) { nodes { name } }').join(' ')} } }`;
      expect(await admission.check({ ...json, body: { query: slow } })).toEqual({
        kind: 'refuse',
        refusal: { status: 400, code: 'QUERY_LIMIT_EXCEEDED', message: 'The document could not be checked within 20 ms; it is too expensive to run.', extensions: { limit: 'admissionCheckMs', max: 20 } },
      });
      expect(faults).toEqual(['check took over 20 ms; worker replaced']);
      const [after] = admission.threadIds();
      expect(after).not.toBe(before);
      // The replacement builds its pipeline and answers: a malformed body costs it microseconds (a
      // busy machine may still delay a thread past the bound, so a few tries are allowed).
      let answered: unknown;
      for (let attempt = 0; attempt < 5 && answered === undefined; attempt += 1) {
        await admission.ready();
        const outcome = await admission.check({ ...json, bodyBytes: Buffer.from('{"query":') });
        if (outcome.kind === 'refuse' && outcome.refusal.code === 'BAD_REQUEST') answered = outcome;
      }
      expect(answered).toEqual({ kind: 'refuse', refusal: { status: 400, code: 'BAD_REQUEST', message: expect.stringMatching(/^Request body is not valid JSON: /) } });
    } finally {
      await admission.close();
    }
  }, 30_000);

  /** Module-private: a valid document whose check takes tens of milliseconds of CPU (validation is quadratic in repeated fields); `tag` makes it new. */
  const slowValid = (tag: string) => `{ app(id: "x") { ${Array.from({ length: 250 }, () => 'campaigns(first: 1) { nodes { name } }').join(' ')} ${tag}: __typename } }`;

  test('a check is bounded from when its worker starts it: checks queued behind others are not charged for their wait', async () => {
    // The cost of one such check on this machine, now (warmed first): the bound is set to three of them.
    const timing = createDocumentAdmission({ settings, workers: 1 });
    let costMs = 0;
    try {
      await timing.ready();
      for (let run = 0; run < 4; run += 1) {
        const started = performance.now();
        expect(await timing.check({ ...json, body: { query: slowValid(`warm${run}`) } })).toEqual({ kind: 'pass' });
        if (run > 0) costMs = Math.max(costMs, performance.now() - started);
      }
    } finally {
      await timing.close();
    }
    const bound = Math.max(30, Math.ceil(3 * costMs));
    const faults: string[] = [];
    const admission = createDocumentAdmission({ settings, workers: 1, checkTimeoutMs: bound, onFault: ({ reason }) => faults.push(reason) });
    try {
      await admission.ready();
      // Eight at once on one worker: the last waits about seven checks, over twice its bound, before its own starts.
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => admission.check({ ...json, body: { query: slowValid(`q${i}`) } })));
      expect({ outcomes, faults }).toEqual({ outcomes: Array.from({ length: 8 }, () => ({ kind: 'pass' })), faults: [] });
    } finally {
      await admission.close();
    }
  }, 60_000);

  test("the bound is on the worker thread's CPU time: a check whose thread does not get a core is not refused at the bound of wall time", async () => {
    // The worker's CPU clock stands still, as when a busy machine gives its (lower-priority) thread no core.
    const threads: number[] = [];
    const stillClock = (osThreadId: number) => {
      threads.push(osThreadId);
      return () => 0;
    };
    const faults: string[] = [];
    const admission = createDocumentAdmission({ settings, workers: 1, checkTimeoutMs: 5, threadCpuClock: stillClock, onFault: ({ reason }) => faults.push(reason) });
    try {
      await admission.ready();
      // Tens of milliseconds of wall time, several times the 5 ms bound: it passes.
      expect(await admission.check({ ...json, body: { query: slowValid('still') } })).toEqual({ kind: 'pass' });
      expect(faults).toEqual([]);
      // The worker said which thread it is (Linux), and it is not the event loop's.
      expect(threads).toHaveLength(1);
      expect(threads[0]).not.toBe(currentOsThreadId());
    } finally {
      await admission.close();
    }
  }, 30_000);

  test('beyond maxPending checks at once, new documents get 503 OVERLOADED with Retry-After; the others are checked', async () => {
    const admission = createDocumentAdmission({ settings, workers: 1, maxPending: 2 });
    try {
      await admission.ready();
      const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => admission.check({ ...json, body: { query: `{ a${i}: __typename }` } })));
      expect(outcomes.filter((outcome) => outcome.kind === 'pass')).toHaveLength(2);
      expect(outcomes.filter((outcome) => outcome.kind === 'refuse')).toEqual(
        Array.from({ length: 4 }, () => ({ kind: 'refuse', refusal: { status: 503, code: 'OVERLOADED', message: 'Too many new documents are being checked at once (2); try again.', headers: { 'retry-after': '1' } } })),
      );
    } finally {
      await admission.close();
    }
  }, 30_000);
});

describe("the document store admission fills (Apollo's cache of validated documents)", () => {
  test('an admitted document is found under the key Apollo asks for (schema prefix, then the SHA-256 of its text)', async () => {
    const store = createAdmittedDocumentStore({ parseOptions: { maxTokens: 100 } });
    const query = '{ apps(first: 1) { nodes { name } } }';
    const hash = createHash('sha256').update(query).digest('hex');
    expect(store.has(query)).toBe(false);
    expect(await store.get(`schemahash:${hash}`)).toBeUndefined();
    expect(store.admit(query)).toBe(true);
    expect(store.has(query)).toBe(true);
    expect(print((await store.get(`schemahash:${hash}`))!)).toBe(print(parse(query)));
  });

  test('a document that does not parse (here: over the token limit) is not stored', () => {
    const store = createAdmittedDocumentStore({ parseOptions: { maxTokens: 5 } });
    const query = '{ apps(first: 1) { nodes { name } } }';
    expect(store.admit(query)).toBe(false);
    expect(store.has(query)).toBe(false);
  });
});

describe('a burst of one new document', () => {
  test('100 identical new requests at once are all answered (one check; the rest wait for it), none refused as overloaded', async () => {
    const emulatorForBurst = await createEmulatorServer({ port: 0, seed: true });
    const gateway = await createGatewayServer({ endpoints: { pinpoint: emulatorForBurst.endpoint, smsVoice: emulatorForBurst.endpoint }, admissionWorkers: 1 });
    try {
      // 250 repeats of one field: a valid document whose check takes tens of milliseconds (validation is
      // quadratic in repeats), so the whole burst arrives while the first check runs.
      const query = `{ app(id: "${SEED_APP_ID}") { ${Array.from({ length: 250 }, () => 'campaigns(first: 1) { nodes { name } }').join(' ')} } }`;
      const body = Buffer.from(JSON.stringify({ query }));
      const answersOfBurst = await Promise.all(Array.from({ length: 100 }, () => send(gateway.url, post(body))));
      expect(new Set(answersOfBurst.map((answer) => answer.slice(0, 60)))).toEqual(new Set(['200 application/json; charset=utf-8 {"data":{"app":{"campaig']));
    } finally {
      await gateway.close();
      await emulatorForBurst.close();
    }
  }, 30_000);
});

describe("the request's deadline covers the wait for its document's check", () => {
  test('a new document queued behind slow checks past its deadline is answered 504 DEADLINE_EXCEEDED at the deadline; its check goes on and the next request runs', async () => {
    const gateway = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint }, admissionWorkers: 1 });
    try {
      // Eight distinct documents of tens of milliseconds of validation each hold the one worker. Once
      // the first is answered, the other seven (sent with it) are queued or running there.
      const slow = (i: number) => `{ app(id: "${SEED_APP_ID}") { ${Array.from({ length: 250 }, () => 'campaigns(first: 1) { nodes { name } }').join(' ')} s${i}: __typename } }`;
      const holding = Array.from({ length: 8 }, (_, i) => send(gateway.url, post(Buffer.from(JSON.stringify({ query: slow(i) })))));
      await Promise.race(holding);
      const query = `{ apps(first: 1) { nodes { name } } }`;
      const late = await send(gateway.url, { ...post(Buffer.from(JSON.stringify({ query }))), headers: { 'content-type': 'application/json', 'x-request-deadline-ms': '40' } });
      expect(late).toBe(`504 application/json; charset=utf-8 ${JSON.stringify({ errors: [{ message: "The request's deadline of 40 ms passed while its document waited to be checked.", extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 40 } }] })}`);
      expect((await Promise.all(holding)).map((answer) => answer.slice(0, 3))).toEqual(Array.from({ length: 8 }, () => '200'));
      expect(await send(gateway.url, post(Buffer.from(JSON.stringify({ query }))))).toMatch(/^200 application\/json; charset=utf-8 \{"data":\{"apps":\{"nodes":\[\{"name":/);
    } finally {
      await gateway.close();
    }
  }, 30_000);
});
