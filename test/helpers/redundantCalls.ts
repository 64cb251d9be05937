import type { CallLog } from '../../src/emulator/admin/callLog';

/**
 * The opt-out of the redundant upstream call check (`test/setup/redundantCalls.ts`), declared in
 * the test file with a reason. Only for tests whose purpose is to make upstream calls repeat (a
 * fault or retry test that re-sends a call after a failure, a deliberately naive baseline
 * gateway), never to silence a redundant call the gateway should not make: fix the gateway
 * instead. SDK retry attempts of one call need no opt-out: the check counts them as one call.
 */

/** Module-private: on `globalThis`, which the setup file and the test file share (one per test file). */
const ALLOWED = Symbol.for('pinpoint-graph.test.redundantUpstreamCallsAllowed');

/** Module-private: what a test file allowed. */
interface Allowance {
  /** The whole file's reason, when the whole file is exempt. */
  file?: string;
  /** Reasons per exempt emulator (its call log). */
  readonly emulators: Map<CallLog, string>;
}

/** Module-private. */
function allowance(): Allowance {
  const holder = globalThis as { [ALLOWED]?: Allowance };
  return (holder[ALLOWED] ??= { emulators: new Map() });
}

/**
 * Declares that this test file makes the gateway repeat upstream calls on purpose: the check still
 * reports what it finds (`REDUNDANT_CALLS=report`) but does not fail the file. With `emulator`,
 * only that emulator's calls are exempt (e.g. the one behind a `loaderMode: 'naive'` baseline),
 * so the file's other stacks are still checked; call it once the emulator exists (in `beforeAll`).
 */
export function allowRedundantUpstreamCalls(reason: string, scope: { emulator?: { readonly callLog?: CallLog } } = {}): void {
  if (typeof reason !== 'string' || reason.trim().length < 10) {
    throw new Error(`allowRedundantUpstreamCalls needs a reason: why these tests make the gateway repeat upstream calls (at least 10 characters); got ${JSON.stringify(reason)}`);
  }
  if (scope.emulator === undefined) {
    allowance().file = reason.trim();
    return;
  }
  if (!scope.emulator.callLog) throw new Error('allowRedundantUpstreamCalls: this emulator keeps no call log (was it started with callLog: false?), so there is nothing to exempt');
  allowance().emulators.set(scope.emulator.callLog, reason.trim());
}

/** Why this test file's calls through `log`'s emulator may repeat, when they may (the setup file asks). */
export function redundantUpstreamCallsAllowance(log: CallLog): string | undefined {
  const allowed = (globalThis as { [ALLOWED]?: Allowance })[ALLOWED];
  return allowed?.emulators.get(log) ?? allowed?.file;
}
