/**
 * Child process of atomicWrite.test.ts: writes the bytes of `argv[3]` over the state file
 * `argv[2]` through the emulator's atomic writer, and dies (SIGKILL, no cleanup, no exit
 * handlers) at the moment the writer is about to rename the complete, fsynced temporary file
 * over the state file: the crash the write order has to survive.
 */
import { readFileSync } from 'node:fs';
import { nodeAtomicWriteOps, writeFileAtomic } from '../../../src/emulator/persistence';

const [file, source] = process.argv.slice(2);
if (!file || !source) throw new Error('usage: crashBeforeRename <state file> <file with the new bytes>');
writeFileAtomic(file, readFileSync(source), {
  ...nodeAtomicWriteOps,
  renameSync: () => {
    process.kill(process.pid, 'SIGKILL');
    // The signal may land a moment later: never return into the writer.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
    throw new Error('still alive after SIGKILL');
  },
});
