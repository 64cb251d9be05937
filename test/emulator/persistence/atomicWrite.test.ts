import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CreateAppCommand, GetAppCommand, GetAppsCommand } from '@aws-sdk/client-pinpoint';
import { nodeAtomicWriteOps, temporaryPathOf, writeFileAtomic, type AtomicWriteOps } from '../../../src/emulator/persistence';
import { startEmulator } from '../../helpers/emulator';
import { tempDir } from './helpers';

// The state file is replaced atomically: the new bytes go to a temporary file in the same
// directory, are fsynced, and only then renamed over the state file, so the state file is at
// every moment either the complete old one or the complete new one. Checked by watching every
// file operation of a write (through the real file system), by a failing rename, and by a real
// crash (SIGKILL) of a process between the temporary write and the rename.

let temp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  temp = await tempDir();
});
afterAll(() => temp.cleanup());

/** Module-private: the real file operations, recording each call and what the final path held just before it. */
function recordingOps(finalPath: string, onRename?: () => void) {
  const paths = new Map<number, string>();
  const calls: string[] = [];
  const finalBefore: (string | undefined)[] = [];
  const note = (call: string) => {
    finalBefore.push(existsSync(finalPath) ? readFileSync(finalPath, 'latin1') : undefined);
    calls.push(call);
  };
  const name = (path: string) => (path === finalPath ? 'FINAL' : path === temporaryPathOf(finalPath) ? 'TEMP' : path === dirname(finalPath) ? 'DIR' : path);
  const ops: AtomicWriteOps = {
    openSync: (path, flags, mode) => {
      note(`open ${name(path)} ${flags}`);
      const fd = nodeAtomicWriteOps.openSync(path, flags, mode);
      paths.set(fd, name(path));
      return fd;
    },
    writeSync: (fd, data, offset, length) => (note(`write ${paths.get(fd)}`), nodeAtomicWriteOps.writeSync(fd, data, offset, length)),
    fsyncSync: (fd) => (note(`fsync ${paths.get(fd)}`), nodeAtomicWriteOps.fsyncSync(fd)),
    closeSync: (fd) => (note(`close ${paths.get(fd)}`), nodeAtomicWriteOps.closeSync(fd)),
    renameSync: (from, to) => {
      note(`rename ${name(from)} ${name(to)}`);
      onRename?.();
      nodeAtomicWriteOps.renameSync(from, to);
    },
    unlinkSync: (path) => (note(`unlink ${name(path)}`), nodeAtomicWriteOps.unlinkSync(path)),
  };
  return { ops, calls, finalBefore };
}

it('writes a temporary file in the same directory, fsyncs it, then renames it over the state file', async () => {
  const file = join(temp.dir, 'sequence.state');
  const old = 'old state '.repeat(1000);
  await writeFile(file, old);
  const fresh = Buffer.from('new state '.repeat(5000));
  const { ops, calls, finalBefore } = recordingOps(file);
  writeFileAtomic(file, fresh, ops);

  expect(dirname(temporaryPathOf(file))).toBe(dirname(file));
  expect(basename(temporaryPathOf(file))).toBe(`.sequence.state.${process.pid}.tmp`);
  const rename = calls.indexOf('rename TEMP FINAL');
  expect(calls.slice(0, rename)).toEqual([
    'open TEMP w',
    ...calls.filter((call) => call === 'write TEMP'),
    'fsync TEMP',
    'close TEMP',
  ]);
  expect(calls.slice(rename)).toEqual(['rename TEMP FINAL', 'open DIR r', 'fsync DIR', 'close DIR']);
  // The state file is never opened, and until the rename it holds the complete old bytes.
  expect(calls.filter((call) => call.includes('FINAL'))).toEqual(['rename TEMP FINAL']);
  expect(finalBefore.slice(0, rename + 1).every((content) => content === old)).toBe(true);
  expect(await readFile(file)).toEqual(fresh);
  expect(existsSync(temporaryPathOf(file))).toBe(false);
});

it('leaves the old file and no temporary file when the rename fails', async () => {
  const file = join(temp.dir, 'failed-rename.state');
  await writeFile(file, 'old');
  const { ops, calls } = recordingOps(file, () => {
    throw Object.assign(new Error('EXDEV: simulated rename failure'), { code: 'EXDEV' });
  });
  expect(() => writeFileAtomic(file, Buffer.from('new'), ops)).toThrow('EXDEV: simulated rename failure');
  expect(calls.slice(-2)).toEqual(['rename TEMP FINAL', 'unlink TEMP']);
  expect(await readFile(file, 'utf8')).toBe('old');
  expect(await readdir(temp.dir)).not.toContain(basename(temporaryPathOf(file)));
});

it('keeps the old state when the process dies between the temporary write and the rename', async () => {
  const file = join(temp.dir, 'crash.state');
  // The old state: one app, saved by an emulator that closed cleanly.
  const before = await startEmulator({ stateFile: file, maxAttempts: 1 });
  const oldAppId = (await before.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'old' } }))).ApplicationResponse!.Id!;
  await before.close();
  const oldBytes = await readFile(file);
  // The new state: a second app, saved elsewhere, whose bytes the crashing writer puts down.
  const newFile = join(temp.dir, 'crash-new.state');
  const after = await startEmulator({ stateFile: newFile, maxAttempts: 1 });
  await after.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'new' } }));
  await after.close();
  const newBytes = await readFile(newFile);

  const root = resolve(__dirname, '../../..');
  // Node itself runs the writer (tsx as a loader, not as a wrapper process), so the crash and the pid are the writer's own.
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crashBeforeRename.ts'), file, newFile], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (c, s) => done({ code: c, signal: s })));
  expect({ code, signal, stderr }).toEqual({ code: null, signal: 'SIGKILL', stderr: '' });

  // The crash left the complete new bytes in the temporary file and the old file untouched.
  const leftover = join(temp.dir, `.${basename(file)}.${child.pid}.tmp`);
  expect(await readFile(leftover)).toEqual(newBytes);
  expect(await readFile(file)).toEqual(oldBytes);
  const restarted = await startEmulator({ stateFile: file, maxAttempts: 1 });
  try {
    const apps = (await restarted.pinpoint.send(new GetAppsCommand({}))).ApplicationsResponse!.Item!;
    expect(apps.map((app) => app.Name)).toEqual(['old']);
    expect((await restarted.pinpoint.send(new GetAppCommand({ ApplicationId: oldAppId }))).ApplicationResponse!.Id).toBe(oldAppId);
  } finally {
    await restarted.close();
  }
});
