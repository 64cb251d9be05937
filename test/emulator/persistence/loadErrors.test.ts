import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CreateAppCommand, GetAppCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { createEmulatorServer, type ServiceFactory } from '../../../src/emulator';
import { startEmulator, testService } from '../../helpers/emulator';
import { rejectionOf, tempDir } from './helpers';

// A state file that can't be used stops the start with an error naming the file (corrupt,
// truncated, of another format version, or from an emulator with other state parts), never a
// silent empty start; state that would not survive the file (a class instance) fails the save
// with the path to the value; the standalone emulator reads EMULATOR_STATE_FILE, exits 1 on a
// bad file and saves on SIGTERM.

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  temp = await tempDir();
});
afterAll(() => temp.cleanup());

const HEADER = 'pinpoint-graph-emulator-state';
const advice = 'Move the file away (or delete it) to start the emulator without it.';

/** Module-private: a valid state file of an emulator holding one app; returns its path and bytes. */
async function savedState(name: string): Promise<{ file: string; bytes: Buffer }> {
  const file = join(temp.dir, name);
  const stack = await startEmulator({ stateFile: file, maxAttempts: 1 });
  await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: name } }));
  await stack.close();
  return { file, bytes: await readFile(file) };
}

/** Module-private: the message the start fails with. */
async function startError(file: string, services?: { 'sms-voice-v2': ServiceFactory }): Promise<string> {
  const error = await rejectionOf(createEmulatorServer({ stateFile: file, services }));
  expect(error.name).toBe('StateFileError');
  expect(error.file).toBe(file);
  return error.message;
}

describe('a state file that cannot be loaded', () => {
  it('is not an emulator state file', async () => {
    const file = join(temp.dir, 'garbage.state');
    await writeFile(file, 'hello, I am not a state file\n');
    expect(await startError(file)).toBe(
      `Cannot load the emulator state file ${file}: it is corrupt or not an emulator state file (it does not start with a "${HEADER}" header line). ${advice}`,
    );
  });

  it('is truncated', async () => {
    const { file, bytes } = await savedState('truncated.state');
    const payloadLength = bytes.length - bytes.indexOf(0x0a) - 1;
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    expect(await startError(file)).toBe(
      `Cannot load the emulator state file ${file}: it is corrupt or truncated: the header announces ${payloadLength} bytes of state, the file holds ${payloadLength - 10}. ${advice}`,
    );
  });

  it('has a changed byte', async () => {
    const { file, bytes } = await savedState('flipped.state');
    bytes[bytes.length - 20] ^= 0xff;
    await writeFile(file, bytes);
    expect(await startError(file)).toBe(`Cannot load the emulator state file ${file}: it is corrupt: the state does not match the checksum in its header. ${advice}`);
  });

  it('holds bytes that are no serialized state, under a matching checksum', async () => {
    const file = join(temp.dir, 'not-v8.state');
    const payload = Buffer.from('definitely not v8 data');
    const sha = createHash('sha256').update(payload).digest('hex');
    await writeFile(file, Buffer.concat([Buffer.from(`${HEADER} 1 bytes=${payload.length} sha256=${sha} saved=2025-01-01T00:00:00.000Z\n`), payload]));
    expect(await startError(file)).toMatch(new RegExp(`^Cannot load the emulator state file ${file}: it is corrupt: .+\\. ${advice.replace(/[.()]/g, '\\$&')}$`));
  });

  it('has another format version', async () => {
    const { file, bytes } = await savedState('version.state');
    await writeFile(file, Buffer.from(bytes.toString('latin1').replace(`${HEADER} 1 `, `${HEADER} 2 `), 'latin1'));
    expect(await startError(file)).toBe(`Cannot load the emulator state file ${file}: it is incompatible: it has state format version 2, and this emulator reads version 1. ${advice}`);
  });

  it('comes from an emulator with other state parts', async () => {
    const file = join(temp.dir, 'other-parts.state');
    // An SMS v2 stand-in that keeps its state under another name.
    const standIn: ServiceFactory = (deps) => {
      deps.state!.register('test.extra', { snapshot: () => [1, 2, 3], restore: () => undefined });
      return testService('sms-voice-v2', {})(deps);
    };
    const other = await createEmulatorServer({ stateFile: file, services: { 'sms-voice-v2': standIn } });
    await other.close();
    expect(await startError(file)).toBe(
      `Cannot load the emulator state file ${file}: it is incompatible with this emulator: the saved state parts do not match this emulator's: missing ["sms-voice-v2.accounts"], unknown ["test.extra"] (this emulator has ["clock","outbox","pinpoint.apps","pinpoint.templates","pinpoint.journeys","pinpoint.channels","pinpoint.otps","sms-voice-v2.accounts"]). ${advice}`,
    );
    // The emulator that wrote it reads it back.
    await (await createEmulatorServer({ stateFile: file, services: { 'sms-voice-v2': standIn } })).close();
  });

  it('holds a part of the wrong shape', async () => {
    const file = join(temp.dir, 'wrong-shape.state');
    const standIn: ServiceFactory = (deps) => {
      deps.state!.register('sms-voice-v2.accounts', { snapshot: () => 'not a list', restore: () => undefined });
      return testService('sms-voice-v2', {})(deps);
    };
    await (await createEmulatorServer({ stateFile: file, services: { 'sms-voice-v2': standIn } })).close();
    expect(await startError(file)).toBe(
      `Cannot load the emulator state file ${file}: it is incompatible with this emulator: state part "sms-voice-v2.accounts" cannot be restored: regional state is a list of [accountId/region, state] pairs; got string. ${advice}`,
    );
  });

  it('lies in a directory that does not exist', async () => {
    const file = join(temp.dir, 'missing-dir', 'x.state');
    const error = await rejectionOf(createEmulatorServer({ stateFile: file }));
    expect(error.message).toBe(`The emulator state file ${file} can't be written: its directory ${join(temp.dir, 'missing-dir')} does not exist or is not writable (ENOENT)`);
  });
});

describe('state the file cannot keep faithfully', () => {
  class Widget {
    constructor(readonly size: number) {}
    area(): number {
      return this.size * this.size;
    }
  }

  it('fails the save with the path to the value, and close reports it', async () => {
    const file = join(temp.dir, 'class-instance.state');
    const standIn: ServiceFactory = (deps) => {
      deps.state!.register('test.widgets', { snapshot: () => new Map([['w1', { widget: new Widget(2) }]]), restore: () => undefined });
      return testService('sms-voice-v2', {})(deps);
    };
    const emulator = await createEmulatorServer({ stateFile: file, services: { 'sms-voice-v2': standIn } });
    const message = 'State part "test.widgets" can\'t be saved: .get("w1").widget is an instance of Widget, which would come back without its methods; keep plain data in state';
    expect(() => emulator.saveState()).toThrow(message);
    await expect(emulator.close()).rejects.toThrow(message);
  });
});

describe('the standalone emulator (npm run emulator)', () => {
  const root = resolve(__dirname, '../../..');

  /** Module-private: runs src/emulator/main.ts with `env`; resolves with its endpoint once it listens, and its exit. */
  function runMain(env: Record<string, string>) {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/emulator/main.ts'], { cwd: root, env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_SEED: 'false', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => child.on('exit', (code) => done({ code, stdout, stderr })));
    const listening = new Promise<string>((done, fail) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) done(match[1]);
      });
      void exited.then(() => fail(new Error(`main.ts exited before listening: ${stderr}`)));
    });
    // A run that is expected to fail never awaits `listening`.
    listening.catch(() => undefined);
    return { child, exited, listening };
  }

  it('saves EMULATOR_STATE_FILE on SIGTERM, and a new emulator reads it', async () => {
    const file = join(temp.dir, 'main.state');
    const main = runMain({ EMULATOR_STATE_FILE: file });
    const endpoint = await main.listening;
    expect(main.child.exitCode).toBeNull();
    const client = new PinpointClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' }, maxAttempts: 1 });
    try {
      const appId = (await client.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'from main' } }))).ApplicationResponse!.Id!;
      main.child.kill('SIGTERM');
      const { code, stdout } = await main.exited;
      expect(code).toBe(0);
      expect(stdout).toContain(`state:   kept in ${file}`);
      const next = await startEmulator({ stateFile: file, maxAttempts: 1 });
      try {
        expect((await next.pinpoint.send(new GetAppCommand({ ApplicationId: appId }))).ApplicationResponse!.Name).toBe('from main');
      } finally {
        await next.close();
      }
    } finally {
      client.destroy();
    }
  });

  it('exits 1 naming the file when EMULATOR_STATE_FILE is corrupt', async () => {
    const file = join(temp.dir, 'main-corrupt.state');
    await writeFile(file, 'garbage');
    const { code, stderr } = await runMain({ EMULATOR_STATE_FILE: file }).exited;
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`Cannot load the emulator state file ${file}: it is corrupt or not an emulator state file (it does not start with a "${HEADER}" header line). ${advice}`);
  });
});
