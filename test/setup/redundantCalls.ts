import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import { collectCallLogs, type CallLog } from '../../src/emulator/admin/callLog';
import { modelShapeCovers } from '../../src/emulator/admin/answerShapes';
import { describeFlag, findRedundantCalls, type RedundantCallFlag } from '../../src/emulator/admin/redundantCalls';
import { redundantUpstreamCallsAllowance } from '../helpers/redundantCalls';

/**
 * The redundant upstream call check, run after every test file (`setupFilesAfterEnv`): every
 * emulator the file creates in this process keeps a per-gateway-request call log
 * (`src/emulator/admin/callLog.ts`), and after the file's tests each gateway request's log is
 * replayed (`src/emulator/admin/redundantCalls.ts`): an upstream call whose answer an earlier
 * response of the same gateway request already held (or an exact duplicate read) fails the file,
 * naming the gateway request, the redundant call and the earlier call.
 *
 * - `REDUNDANT_CALLS=report`: print the flags (and append them as JSON lines to
 *   `REDUNDANT_CALLS_FILE` when set) instead of failing: to survey the suite.
 * - `REDUNDANT_CALLS=off`: no check.
 * - A test file that repeats calls on purpose declares it: `allowRedundantUpstreamCalls(reason)`,
 *   or `allowRedundantUpstreamCalls(reason, { emulator })` for one emulator's calls only
 *   (`test/helpers/redundantCalls.ts`).
 *
 * Emulators in child processes (a gateway or emulator started with `spawn`) are not seen.
 */

/** Whether flags fail the test file when `REDUNDANT_CALLS` is unset (the one switch to turn the check into a report for everyone). */
export const FAIL_ON_REDUNDANT_CALLS = true;

/** Module-private: how many flags a failure message lists (all are counted). */
const MAX_LISTED = 20;

/** Module-private: one emulator's log, and which test made which of its calls. */
interface Tracked {
  readonly log: CallLog;
  readonly endpoint: string;
  /** Finished tests: their calls are those with `from < startSeq <= to`. */
  readonly spans: { name: string; from: number; to: number }[];
  /** The running test, from its start position. */
  current?: { name: string; from: number };
}

const mode = process.env.REDUNDANT_CALLS === 'report' ? 'report' : process.env.REDUNDANT_CALLS === 'off' ? 'off' : FAIL_ON_REDUNDANT_CALLS ? 'fail' : 'report';
const tracked: Tracked[] = [];
let runningTest: string | undefined;

if (mode !== 'off') {
  const uninstall = collectCallLogs(({ log, endpoint }) => {
    tracked.push({ log, endpoint, spans: [], ...(runningTest === undefined ? {} : { current: { name: runningTest, from: 0 } }) });
  });

  beforeEach(() => {
    runningTest = expect.getState().currentTestName ?? '(unnamed test)';
    for (const t of tracked) t.current = { name: runningTest, from: t.log.position };
  });

  afterEach(() => {
    for (const t of tracked) {
      if (t.current) t.spans.push({ name: t.current.name, from: t.current.from, to: t.log.position });
      t.current = undefined;
    }
    runningTest = undefined;
  });

  afterAll(() => {
    uninstall();
    const testFile = relative(process.cwd(), expect.getState().testPath ?? '(unknown test file)');
    const found: { gatewayRequestId: string; test: string; flag: RedundantCallFlag; allowed?: string }[] = [];
    for (const t of tracked.splice(0)) {
      const allowed = redundantUpstreamCallsAllowance(t.log);
      for (const request of t.log.all()) {
        for (const flag of findRedundantCalls(request.calls, { covers: modelShapeCovers })) {
          found.push({ gatewayRequestId: request.gatewayRequestId, test: testOf(t, flag.call.startSeq), flag, ...(allowed ? { allowed } : {}) });
        }
      }
    }
    if (found.length === 0) return;
    const file = process.env.REDUNDANT_CALLS_FILE;
    if (file) {
      const records = found.map((f) => JSON.stringify({ testFile, test: f.test, gatewayRequestId: f.gatewayRequestId, kind: f.flag.kind, path: f.flag.path, gapMs: gapMs(f.flag), call: summary(f.flag.call), earlier: summary(f.flag.earlier), ...(f.allowed ? { allowed: f.allowed } : {}) }));
      appendFileSync(file, `${records.join('\n')}\n`);
    }
    const line = (f: (typeof found)[number]) => `  [${f.test}] gateway request ${f.gatewayRequestId}: ${describeFlag(f.flag)}${f.allowed ? ` (allowed: ${f.allowed})` : ''}`;
    const header = (count: number) => `${count} redundant upstream call(s) in ${testFile}: a call whose answer an earlier response of the same gateway request already held`;
    if (mode === 'report') {
      console.warn(`${header(found.length)}\n${found.map(line).join('\n')}`);
      return;
    }
    const failing = found.filter((f) => !f.allowed);
    if (failing.length === 0) return;
    const more = failing.length > MAX_LISTED ? `\n  … and ${failing.length - MAX_LISTED} more` : '';
    throw new Error(
      `${header(failing.length)}.\nFix the gateway (a loader that reuses what a list call returned, a per-request loader that shares the in-flight call), or, if this file repeats calls on purpose, call allowRedundantUpstreamCalls('<why>') from test/helpers/redundantCalls.ts at its top level. REDUNDANT_CALLS=report prints instead of failing.\n${failing.slice(0, MAX_LISTED).map(line).join('\n')}${more}`,
    );
  });
}

/** Module-private: the test that made a call (by where its first attempt falls among the tests' spans). */
function testOf(t: Tracked, seq: number): string {
  const span = t.spans.find((s) => s.from < seq && seq <= s.to);
  if (span) return span.name;
  if (t.current && seq > t.current.from) return t.current.name;
  return '(outside a test: beforeAll/afterAll)';
}

/** Module-private: a call as a survey record. */
function summary(call: RedundantCallFlag['call']): unknown {
  return { index: call.index, service: call.service, operation: call.operation, input: call.input, attempts: call.attempts };
}

/** Module-private: how long after the earlier call's answer this one arrived (ms), when both times are known. */
function gapMs(flag: RedundantCallFlag): number | undefined {
  return flag.call.startedAt === undefined || flag.earlier.endedAt === undefined ? undefined : Math.round((flag.call.startedAt - flag.earlier.endedAt) * 1000) / 1000;
}
