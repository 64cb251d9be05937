import type { LoggedCall } from './callLog';

/**
 * Redundant upstream calls: replays one gateway request's call log (`callLog.ts`) and flags every
 * read whose answer the gateway already had from an earlier response of the same request. Pure:
 * call log in, flags out; knows no operation of either service by name, only the AWS naming
 * conventions and the JSON shapes of the answers.
 *
 * The rules:
 *
 * - **Calls, not attempts.** Attempts sharing an `amz-sdk-invocation-id` (the SDK's retries of one
 *   `send`) are one call: its input from the first attempt that was decoded, its outcome from the
 *   last attempt. Attempts without the header are calls of their own.
 * - **Reads and writes.** A read is an operation named `Get*`, `List*` or `Describe*`; anything
 *   else is a write. A write forgets everything known: an earlier response counts as a source for
 *   a later call only when every write that started before the later call had ended before that
 *   source started (the write's own response is a source once it has ended: what it answers is
 *   the state after it). A write that never answered never ends.
 * - **Exact duplicate.** A successful read with the same service, operation and input (compared
 *   as JSON, key order aside) as an earlier successful read of the same request, with no write
 *   between, is flagged, even when the two overlapped in time (a per-request loader shares an
 *   in-flight call).
 * - **Contained single resource.** A successful read that answers one resource (its body is not a
 *   collection, see below) is flagged when that body deep-equals an object found anywhere in the
 *   JSON of an earlier successful response that had ended before the call started. Deep-equal,
 *   not same ID: another version of the resource is not contained. With the `covers` option (the
 *   emulator's is `modelShapeCovers` in `answerShapes.ts`), the earlier object must also be of a
 *   shape that has every member the answer's shape has: an equal object of a narrower shape (an
 *   update's result without the `PoolId` member) does not prove the answer has no such member.
 * - **Contained by-ID describe.** A collection read asked for a list of IDs and nothing else (one
 *   input member named `*Ids` or `*Names`, besides `MaxResults`/`NextToken`), answered one item
 *   per ID and no next page: flagged when every item deep-equals an object seen earlier (as above).
 *   Any other collection (a filter, a page, a whole list) is flagged only as an exact duplicate:
 *   items seen before do not prove the list complete.
 * - **Not flagged:** failed calls (errors, unanswered ones), and empty answers (`{}`, an empty
 *   collection).
 *
 * "Started" and "ended" are the emulator's view (`callLog.ts`: a request's arrival at the server,
 * its answer written): a call that arrived after an answer was written is after it, whatever the
 * gateway meant. With an emulator answering at once, a by-ID lookup the gateway sends a few
 * milliseconds after a sibling list (not waiting for it, but late) is after the list's answer, so
 * the containment flags of such races depend on timing; exact duplicates do not.
 *
 * A body is a collection when the operation is `List*`/`Describe*`, or when besides `NextToken`
 * it has exactly one member and that member is an array (Pinpoint's `{ Item: [...], NextToken }`).
 * Its items are the elements of its only array member, when it has exactly one.
 */

/** A place in a call's response body: the operation, and a JSON path (`$`, `$.Item[2]`, `$.a.b`). */
export interface AnswerLocation {
  readonly service: string;
  readonly operation: string;
  readonly path: string;
}

/** Options of {@link findRedundantCalls}. */
export interface FindRedundantCallsOptions {
  /**
   * Whether the object at `source` (in an earlier response) can stand for the answer at `answer`:
   * its shape has every member the answer's shape has. Default: always (deep equality alone).
   */
  readonly covers?: (source: AnswerLocation, answer: AnswerLocation) => boolean;
}

/** Why a call is redundant. */
export type RedundancyKind = 'duplicate' | 'contained';

/** One upstream call after attempts are merged (see the module comment). */
export interface MergedCall {
  /** 1-based position among the request's calls, in start order. */
  readonly index: number;
  readonly service: string;
  readonly operation: string;
  readonly input?: unknown;
  /** Final status; undefined when never answered. */
  readonly status?: number;
  readonly response?: unknown;
  /** How many wire attempts it took. */
  readonly attempts: number;
  readonly startSeq: number;
  /** When its last attempt ended; undefined when that attempt never answered. */
  readonly endSeq?: number;
  /** Its first attempt's arrival time (ms, the emulator process's `performance.now()`). */
  readonly startedAt?: number;
  /** Its last attempt's answer time, when answered. */
  readonly endedAt?: number;
}

/** A redundant call, and the earlier call that already had its answer. */
export interface RedundantCallFlag {
  readonly kind: RedundancyKind;
  readonly call: MergedCall;
  readonly earlier: MergedCall;
  /**
   * Where the answer was found in `earlier`'s response, as a JSON path (`$`, `$.Item[2]`); for a
   * by-ID describe, the first item's. Undefined for a duplicate.
   */
  readonly path?: string;
  /** For a by-ID describe whose items came from several earlier calls: all of them (`earlier` is the first). */
  readonly sources?: readonly MergedCall[];
}

/** Whether an operation only reads (the AWS naming convention). */
export function isReadOperation(operation: string): boolean {
  return /^(Get|List|Describe)[A-Z]/.test(operation);
}

/** Merges attempts of one SDK invocation into one call; calls come back ordered by their first attempt. */
export function mergeAttempts(calls: readonly LoggedCall[]): MergedCall[] {
  const groups: LoggedCall[][] = [];
  const byInvocation = new Map<string, LoggedCall[]>();
  for (const call of [...calls].sort((a, b) => a.startSeq - b.startSeq)) {
    const key = call.invocationId === undefined ? undefined : `${call.service}\u0000${call.operation}\u0000${call.invocationId}`;
    const group = key === undefined ? undefined : byInvocation.get(key);
    if (group) {
      group.push(call);
      continue;
    }
    const fresh = [call];
    groups.push(fresh);
    if (key !== undefined) byInvocation.set(key, fresh);
  }
  return groups.map((attempts, i) => {
    const first = attempts[0];
    const last = attempts[attempts.length - 1];
    const decoded = attempts.find((a) => a.input !== undefined);
    return {
      index: i + 1,
      service: first.service,
      operation: first.operation,
      ...(decoded ? { input: decoded.input } : {}),
      ...(last.status === undefined ? {} : { status: last.status }),
      ...(last.response === undefined ? {} : { response: last.response }),
      attempts: attempts.length,
      startSeq: first.startSeq,
      ...(last.endSeq === undefined || last.status === undefined ? {} : { endSeq: last.endSeq }),
      ...(first.startedAt === undefined ? {} : { startedAt: first.startedAt }),
      ...(last.endedAt === undefined || last.status === undefined ? {} : { endedAt: last.endedAt }),
    };
  });
}

/** Flags the redundant calls of one gateway request's log (attempts as logged; see the module comment). */
export function findRedundantCalls(log: readonly LoggedCall[], options: FindRedundantCallsOptions = {}): RedundantCallFlag[] {
  const covers = options.covers ?? (() => true);
  const calls = mergeAttempts(log);
  const writes = calls.filter((c) => !isReadOperation(c.operation));
  const objectsOf = new Map<MergedCall, Map<string, string[]>>();
  const objects = (call: MergedCall) => {
    let found = objectsOf.get(call);
    if (!found) objectsOf.set(call, (found = collectObjects(call.response)));
    return found;
  };
  const flags: RedundantCallFlag[] = [];
  for (const call of calls) {
    if (!isReadOperation(call.operation) || !succeeded(call)) continue;
    const answer = answerOf(call);
    if (answer.empty) continue;
    // Sources: earlier successful calls no write could have made stale for this one.
    const writesBefore = writes.filter((w) => w.startSeq < call.startSeq);
    const sources = calls.filter((s) => s !== call && s.startSeq < call.startSeq && succeeded(s) && writesBefore.every((w) => w === s || (w.endSeq !== undefined && w.endSeq < s.startSeq)));
    const inputKey = canonical(call.input ?? {});
    const duplicate = sources.find((s) => isReadOperation(s.operation) && s.service === call.service && s.operation === call.operation && canonical(s.input ?? {}) === inputKey);
    if (duplicate) {
      flags.push({ kind: 'duplicate', call, earlier: duplicate });
      continue;
    }
    // Containment needs the earlier answer in hand before this call was made.
    const answered = sources.filter((s) => s.endSeq !== undefined && s.endSeq < call.startSeq);
    const find = (key: string, answerPath: string) => {
      for (const s of answered) {
        for (const path of objects(s).get(key) ?? []) {
          if (covers({ service: s.service, operation: s.operation, path }, { service: call.service, operation: call.operation, path: answerPath })) return { source: s, path };
        }
      }
      return undefined;
    };
    if (answer.single !== undefined) {
      const hit = find(canonical(answer.single), '$');
      if (hit) flags.push({ kind: 'contained', call, earlier: hit.source, path: hit.path });
    } else if (answer.items !== undefined && byIdRequest(call, answer.items)) {
      const hits = answer.items.map((item, i) => find(canonical(item), `$.${answer.itemsKey}[${i}]`));
      if (hits.every((h) => h !== undefined)) {
        const found = hits as { source: MergedCall; path: string }[];
        const distinct = [...new Set(found.map((h) => h.source))];
        flags.push({ kind: 'contained', call, earlier: found[0].source, path: found[0].path, ...(distinct.length > 1 ? { sources: distinct } : {}) });
      }
    }
  }
  return flags;
}

/** One line describing a flag: the redundant call, and the earlier call that already answered it. */
export function describeFlag(flag: RedundantCallFlag, inputChars = 200): string {
  const name = (c: MergedCall) => `#${c.index} ${c.service}.${c.operation} ${clip(JSON.stringify(c.input ?? {}), inputChars)}`;
  const why = flag.kind === 'duplicate' ? 'exact duplicate of' : `answer already contained (at ${flag.path}) in`;
  const more = flag.sources && flag.sources.length > 1 ? ` (items from ${flag.sources.map((s) => `#${s.index}`).join(', ')})` : '';
  return `${name(flag.call)} ← ${why} ${name(flag.earlier)}${more}`;
}

// ---- plumbing -----------------------------------------------------------------------------

/** Module-private. */
function succeeded(call: MergedCall): boolean {
  return call.status !== undefined && call.status >= 200 && call.status < 300;
}

/** Module-private: what a read answered: one resource, or a collection's items (undefined when not enumerable), and whether it is empty. */
function answerOf(call: MergedCall): { single?: Record<string, unknown>; items?: unknown[]; itemsKey?: string; empty: boolean } {
  const body = call.response;
  if (!isObject(body)) return { empty: true };
  const keys = Object.keys(body).filter((k) => k !== 'NextToken' && body[k] !== undefined && body[k] !== null);
  if (keys.length === 0) return { empty: true };
  const arrays = keys.filter((k) => Array.isArray(body[k]));
  const collection = /^(List|Describe)[A-Z]/.test(call.operation) || (keys.length === 1 && arrays.length === 1);
  if (!collection) return { single: body, empty: false };
  if (arrays.length !== 1) return { empty: false };
  const items = body[arrays[0]] as unknown[];
  return { items, itemsKey: arrays[0], empty: items.length === 0 };
}

/** Module-private: whether a collection call asked for exactly these IDs and got one whole item per ID, on one page. */
function byIdRequest(call: MergedCall, items: readonly unknown[]): boolean {
  if (!isObject(call.input) || (isObject(call.response) && call.response.NextToken)) return false;
  const input = call.input;
  const asked = Object.keys(input).filter((k) => input[k] !== undefined && input[k] !== null && k !== 'MaxResults' && k !== 'NextToken');
  if (asked.length !== 1 || !/(Ids|Names)$/.test(asked[0])) return false;
  const ids = input[asked[0]];
  if (!Array.isArray(ids) || ids.length === 0) return false;
  return items.length === new Set(ids.map((id) => canonical(id))).size && items.every(isObject);
}

/** Module-private: every object (not array) in a JSON tree, by canonical form, with the paths of its occurrences. */
function collectObjects(root: unknown): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (value: unknown, path: string): string => {
    if (Array.isArray(value)) return `[${value.map((v, i) => walk(v, `${path}[${i}]`)).join(',')}]`;
    if (isObject(value)) {
      const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
      const form = `{${keys.map((k) => `${JSON.stringify(k)}:${walk(value[k], `${path}.${k}`)}`).join(',')}}`;
      const paths = found.get(form);
      if (paths) paths.push(path);
      else found.set(form, [path]);
      return form;
    }
    return JSON.stringify(value) ?? 'null';
  };
  walk(root, '$');
  return found;
}

/** Module-private: JSON with sorted keys (the same form `collectObjects` keys by). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Module-private. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Module-private. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
