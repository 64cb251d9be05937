import { readFileSync, readlinkSync } from 'node:fs';

/**
 * The CPU time of one thread of this process, so the admission bound can charge a check for the
 * time its worker actually ran rather than for wall time: the workers run below the event loop's
 * priority on purpose, so on a busy machine a cheap check can wait seconds for a core. Node 20 has
 * no per-thread CPU clock (`process.threadCpuUsage` arrived in Node 23), so it is read from Linux's
 * `/proc/self/task/<tid>/schedstat`, whose first field is the thread's time on a CPU in
 * nanoseconds. Elsewhere, or where the file cannot be read, there is no clock (undefined) and the
 * caller falls back to wall time.
 */

/** The calling thread's kernel thread ID (Linux: from `/proc/thread-self`), or undefined elsewhere. */
export function currentOsThreadId(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    // `<pid>/task/<tid>`
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** A clock of thread `tid`'s CPU time in ms; it answers undefined once the thread is gone or the file unreadable. */
export function threadCpuClock(tid: number): () => number | undefined {
  const path = `/proc/self/task/${tid}/schedstat`;
  return () => {
    try {
      const nanoseconds = Number(readFileSync(path, 'latin1').split(' ', 1)[0]);
      return Number.isFinite(nanoseconds) ? nanoseconds / 1e6 : undefined;
    } catch {
      return undefined;
    }
  };
}
