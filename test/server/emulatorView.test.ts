import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { createGatewayServer, emulatorViewOverHttp, type GatewayServer } from '../../src/server';
import { postGql } from '../helpers/gql';

/**
 * The gateway's read-only view of its in-process emulator (server/http/emulatorView.ts): the
 * emulator's outbox and verification codes on the gateway's own origin, passed on unchanged; no
 * other admin route and no write; refused in production and against AWS; and `src/main.ts` wires it
 * (and prints its URLs) only for the emulator it started itself, outside production.
 */

describe('createGatewayServer with an emulator view', () => {
  let emulator: EmulatorServer;
  let gateway: GatewayServer;
  beforeAll(async () => {
    emulator = await createEmulatorServer({ port: 0, seed: true });
    gateway = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint }, emulatorView: emulatorViewOverHttp(emulator.endpoint) });
  });
  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
  });

  /** Module-private: the same GET of the gateway and of the emulator itself: status and body. */
  async function both(path: string): Promise<{ gateway: [number, string]; emulator: [number, string] }> {
    const read = async (url: string): Promise<[number, string]> => {
      const response = await fetch(url);
      return [response.status, await response.text()];
    };
    const [viaGateway, direct] = await Promise.all([read(`${gateway.url}${path}`), read(`${emulator.endpoint}${path}`)]);
    return { gateway: viaGateway, emulator: direct };
  }

  test('passes the outbox and the verification codes on as the emulator answers them, filters and errors included', async () => {
    const created = await postGql(`${gateway.url}/graphql`, 'mutation { createVerifiedDestinationNumber(input: { destinationPhoneNumber: "+12065550191" }) { verifiedDestinationNumber { verifiedDestinationNumberId } } }');
    const id = created.body.data.createVerifiedDestinationNumber.verifiedDestinationNumber.verifiedDestinationNumberId;
    const sent = await postGql(`${gateway.url}/graphql`, 'mutation($id: String!) { sendDestinationNumberVerificationCode(input: { verifiedDestinationNumberId: $id, verificationChannel: TEXT }) { messageId } }', { id });
    expect(sent.body.errors).toBeUndefined();

    const outbox = await both('/_emulator/outbox?destination=%2B12065550191');
    expect(outbox.gateway).toEqual(outbox.emulator);
    expect(JSON.parse(outbox.gateway[1]).messages.map((message: { messageId: string }) => message.messageId)).toEqual([sent.body.data.sendDestinationNumberVerificationCode.messageId]);

    const codes = await both('/_emulator/verification-codes');
    expect(codes.gateway).toEqual(codes.emulator);
    const [code] = JSON.parse(codes.gateway[1]).verificationCodes;
    expect(code).toMatchObject({ destination: '+12065550191', verifiedDestinationNumberId: id });
    const verified = await postGql(
      `${gateway.url}/graphql`,
      'mutation($id: String!, $code: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: $code }) { verifiedDestinationNumber { status } } }',
      { id, code: code.verificationCode },
    );
    expect(verified.body.data).toEqual({ verifyDestinationNumber: { verifiedDestinationNumber: { status: 'VERIFIED' } } });

    const refused = await both('/_emulator/outbox?channel=PIGEON');
    expect(refused.gateway).toEqual([400, JSON.stringify({ message: 'channel must be one of SMS, VOICE, EMAIL, PUSH, IN_APP, CUSTOM; got "PIGEON"' })]);
    expect(refused.gateway).toEqual(refused.emulator);
  });

  test('serves reads only: writes are 405, every other admin route 404, and the emulator is left as it was', async () => {
    const messagesBefore = emulator.outbox.list().length;
    expect(messagesBefore).toBeGreaterThan(0);
    const callsBefore = emulator.callCounts().total;
    const answers = [];
    for (const [method, path] of [
      ['DELETE', '/_emulator/outbox'],
      ['POST', '/_emulator/outbox'],
      ['POST', '/_emulator/verification-codes'],
      ['POST', '/_emulator/reset'],
      ['PUT', '/_emulator/faults'],
      ['GET', '/_emulator/calls'],
      ['GET', '/_emulator/outbox/extra'],
    ]) {
      const response = await fetch(`${gateway.url}${path}`, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
      answers.push([method, path, response.status, response.headers.get('allow'), ((await response.json()) as { message: string }).message]);
    }
    const served = 'GET /_emulator/outbox, GET /_emulator/verification-codes';
    expect(answers).toEqual([
      ['DELETE', '/_emulator/outbox', 405, 'GET', "DELETE is not allowed on /_emulator/outbox: the gateway's view of its in-process emulator is read-only (GET)."],
      ['POST', '/_emulator/outbox', 405, 'GET', "POST is not allowed on /_emulator/outbox: the gateway's view of its in-process emulator is read-only (GET)."],
      ['POST', '/_emulator/verification-codes', 405, 'GET', "POST is not allowed on /_emulator/verification-codes: the gateway's view of its in-process emulator is read-only (GET)."],
      ['POST', '/_emulator/reset', 404, null, `The gateway serves only ${served} of its in-process emulator (read-only); got POST /_emulator/reset.`],
      ['PUT', '/_emulator/faults', 404, null, `The gateway serves only ${served} of its in-process emulator (read-only); got PUT /_emulator/faults.`],
      ['GET', '/_emulator/calls', 404, null, `The gateway serves only ${served} of its in-process emulator (read-only); got GET /_emulator/calls.`],
      ['GET', '/_emulator/outbox/extra', 404, null, `The gateway serves only ${served} of its in-process emulator (read-only); got GET /_emulator/outbox/extra.`],
    ]);
    expect(emulator.outbox.list()).toHaveLength(messagesBefore);
    expect(emulator.faults().rules).toEqual([]);
    // Nothing reached the emulator's services (a reset would also have zeroed the counts).
    expect(emulator.callCounts().total).toBe(callsBefore);
  });

  test('without the option there is no such route, and the option is refused in production and against AWS', async () => {
    const plain = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint } });
    try {
      const response = await fetch(`${plain.url}/_emulator/outbox`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'No route for GET /_emulator/outbox; GraphQL is served at /graphql, GraphiQL at /.' });
    } finally {
      await plain.close();
    }
    const view = emulatorViewOverHttp(emulator.endpoint);
    await expect(createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint }, nodeEnv: 'production', emulatorView: view })).rejects.toThrow(
      'createGatewayServer: the emulator view (emulatorView) is for an in-process emulator outside production; got upstream "emulator" and nodeEnv "production".',
    );
    await expect(createGatewayServer({ upstream: 'aws', emulatorView: view })).rejects.toThrow(
      'createGatewayServer: the emulator view (emulatorView) is for an in-process emulator outside production; got upstream "aws" and nodeEnv "test".',
    );
  });
});

// ---- src/main.ts -------------------------------------------------------------------------------

/** Module-private: the gateway's entry point and the tsx loader that runs it without a build. */
const MAIN = join(__dirname, '..', '..', 'src', 'main.ts');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/** Module-private: `src/main.ts` with `env` until its banner; then GET `path`, stop it, and return every line it printed with that answer. */
async function mainRun(env: Record<string, string>, path: string): Promise<{ url: string; lines: string[]; status: number; body: string }> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    env: { PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMITS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines: string[] = [];
  let onBanner: (url: string) => void = () => undefined;
  const closed = new Promise<void>((resolve) =>
    createInterface({ input: child.stdout! })
      .on('line', (line) => {
        lines.push(line);
        const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(line);
        if (match) onBanner(match[1]);
      })
      .once('close', resolve),
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      onBanner = resolve;
      void exited.then((code) => reject(new Error(`main exited (${code}) before its banner; stderr:\n${stderr}`)));
    });
    const response = await fetch(`${url}${path}`);
    const answer = { status: response.status, body: await response.text() };
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await closed;
    return { url, lines, ...answer };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

// Against AWS main starts no emulator at all, and the server refuses the view there (above).
test('main serves the view and prints its URLs for the emulator it starts itself; not in production, not with external endpoints', async () => {
  const external = await createEmulatorServer({ port: 0, seed: true });
  try {
    const [development, production, externalEndpoints] = await Promise.all([
      mainRun({ NODE_ENV: 'development' }, '/_emulator/verification-codes'),
      mainRun({ NODE_ENV: 'production' }, '/_emulator/verification-codes'),
      mainRun({ NODE_ENV: 'development', PINPOINT_ENDPOINT: external.endpoint, SMS_VOICE_ENDPOINT: external.endpoint }, '/_emulator/verification-codes'),
    ]);
    // The first banner line keeps its format (test/server/main.test.ts reads it); the second names the view.
    expect(development.lines).toEqual([
      `pinpoint-graph gateway: GraphQL at ${development.url}/graphql, GraphiQL at ${development.url}/`,
      `pinpoint-graph emulator (in-process, read-only): sent messages at ${development.url}/_emulator/outbox, verification codes at ${development.url}/_emulator/verification-codes`,
    ]);
    expect([development.status, JSON.parse(development.body)]).toEqual([200, { verificationCodes: [] }]);
    for (const run of [production, externalEndpoints]) {
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]).toMatch(/^pinpoint-graph gateway: GraphQL at /);
      expect(run.status).toBe(404);
    }
  } finally {
    await external.close();
  }
}, 90_000);
