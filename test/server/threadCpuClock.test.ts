import { Worker } from 'node:worker_threads';
import { currentOsThreadId, threadCpuClock } from '../../src/server/admission/threadCpuClock';

/**
 * The per-thread CPU clock the admission bound reads (src/server/admission/threadCpuClock.ts):
 * it must count the time a thread runs, not the time that passes. A worker thread that spins and
 * one that blocks for the same wall time must read very differently.
 */

/**
 * Module-private: a worker that reports its kernel thread ID, then on each message blocks for `ms`
 * of wall time (`sleep`) or spins until it has run `ms` on a CPU by its own reading of
 * `/proc/thread-self/schedstat` (`spin`: so a busy machine only makes it take longer).
 */
function startProbe(): Promise<{ worker: Worker; osThreadId: number; run: (what: 'spin' | 'sleep', ms: number) => Promise<void> }> {
  const source = `
    const { parentPort } = require('node:worker_threads');
    const { readlinkSync } = require('node:fs');
    const { readFileSync } = require('node:fs');
    const ownCpuMs = () => Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ')[0]) / 1e6;
    parentPort.on('message', ({ what, ms }) => {
      if (what === 'spin') {
        const until = ownCpuMs() + ms;
        while (ownCpuMs() < until);
      } else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      parentPort.postMessage('done');
    });
    parentPort.postMessage(Number(readlinkSync('/proc/thread-self').split('/').pop()));
  `;
  const worker = new Worker(source, { eval: true });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (osThreadId: number) =>
      resolve({
        worker,
        osThreadId,
        run: (what, ms) =>
          new Promise((done) => {
            worker.once('message', () => done());
            worker.postMessage({ what, ms });
          }),
      }),
    );
  });
}

test("a thread's clock counts the time that thread runs on a CPU: not wall time, not the other threads' time", async () => {
  const probe = await startProbe();
  try {
    expect(probe.osThreadId).not.toBe(currentOsThreadId());
    const clock = threadCpuClock(probe.osThreadId);
    const beforeSleep = clock()!;
    const sleeping = probe.run('sleep', 300);
    // The process is busy meanwhile (this thread spins 200 ms): none of it is the sleeping thread's.
    const until = performance.now() + 200;
    while (performance.now() < until);
    await sleeping;
    const slept = clock()! - beforeSleep;
    const beforeSpin = clock()!;
    const spinStarted = performance.now();
    await probe.run('spin', 150);
    const spun = clock()! - beforeSpin;
    const spinWall = performance.now() - spinStarted;
    expect({ slept: slept < 30, spun: spun >= 150 && spun <= spinWall + 5 }).toEqual({ slept: true, spun: true });
  } finally {
    await probe.worker.terminate();
  }
});

test('a thread that is gone has no clock (the bound falls back to wall time)', async () => {
  const probe = await startProbe();
  const clock = threadCpuClock(probe.osThreadId);
  expect(typeof clock()).toBe('number');
  await probe.worker.terminate();
  expect(clock()).toBeUndefined();
});

test("the calling thread's ID is the process ID on the main thread", () => {
  expect(currentOsThreadId()).toBe(process.pid);
});
