import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants as fsConstants, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { types } from 'node:util';
import { deserialize, serialize } from 'node:v8';
import { AdminError } from './admin/adminError';
import type { ServiceAdminRoute } from './services/types';
import type { StateRegistry } from './stateRegistry';

/**
 * The emulator's state file (`EMULATOR_STATE_FILE`, or the `stateFile` option): everything the
 * state registry holds (every service store, the clock, the outbox) survives a restart.
 *
 * - **Load** at start when the file exists. A file that is corrupt, truncated, of another format
 *   version or from an emulator with other state parts stops the start with a `StateFileError`
 *   naming the file: an emulator that silently started empty would look like data loss.
 * - **Save** at most every `SAVE_DEBOUNCE_MS` after requests (any service request, since even a
 *   read can run a due campaign, and any admin request but a GET), on `close()` (which the
 *   standalone emulator calls on SIGTERM/SIGINT) and on `POST /_emulator/state/save`. A save
 *   whose bytes equal the last ones written writes nothing.
 * - **Atomically**: the bytes go to a temporary file in the same directory, are fsynced, and
 *   the temporary file is renamed over the state file (then the directory is fsynced). A crash
 *   at any point leaves either the old file or the new one, never a partial one.
 *
 * Saves are synchronous: the snapshot and its write happen with no request in between, and the
 * admin route answers after the file is on disk. The cost is that the event loop waits for the
 * write (a few milliseconds for a typical state), at most once per debounce interval.
 *
 * One emulator per state file: nothing locks it, and two emulators would overwrite each other's
 * saves. A crash mid-save can leave `.<name>.<pid>.tmp` beside the file; it is never read and
 * may be deleted.
 *
 * Not kept: call counts and fault rules (diagnostics of one run). Pagination tokens are signed
 * with a secret of the emulator process (`protocol/pagination.ts`), so a token from before a
 * restart of the process is rejected afterwards, as AWS rejects an expired token; the pages
 * themselves are the same.
 *
 * File layout: one ASCII header line, then the `node:v8` serialization of the registry's
 * snapshot (a `Map` of part name to data, which keeps `Map`, `Set`, `Date` and `Buffer` and
 * shared references):
 *
 * ```text
 * pinpoint-graph-emulator-state 1 bytes=<payload length> sha256=<hex of payload> saved=<ISO 8601>\n
 * <payload>
 * ```
 */

/** The first word of every state file. */
export const STATE_FILE_FORMAT = 'pinpoint-graph-emulator-state';

/** The layout version this emulator writes and reads; bump it when a stored record changes shape. */
export const STATE_FILE_VERSION = 1;

/** The shortest interval between two saves after requests. */
export const SAVE_DEBOUNCE_MS = 200;

/** A state file that can't be used; the message names the file and says what is wrong. */
export class StateFileError extends Error {
  constructor(
    /** The state file's absolute path. */
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StateFileError';
  }
}

/** The synchronous file operations an atomic write uses (node:fs by default; a test may wrap them to watch the sequence). */
export interface AtomicWriteOps {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** The real file system. */
export const nodeAtomicWriteOps: AtomicWriteOps = { openSync, writeSync, fsyncSync, closeSync, renameSync, unlinkSync };

/** The temporary file a write of `file` goes through: hidden, in the same directory (a rename is atomic only within one file system). */
export function temporaryPathOf(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old content or
 * the new one: write a temporary file, fsync it, rename it over `file`, fsync the directory.
 * On an error the temporary file is removed and `file` is untouched.
 */
export function writeFileAtomic(file: string, data: Uint8Array, ops: AtomicWriteOps = nodeAtomicWriteOps): void {
  const temporary = temporaryPathOf(file);
  let renamed = false;
  try {
    const fd = ops.openSync(temporary, 'w', 0o644);
    try {
      for (let offset = 0; offset < data.length; ) offset += ops.writeSync(fd, data, offset, data.length - offset);
      ops.fsyncSync(fd);
    } finally {
      ops.closeSync(fd);
    }
    ops.renameSync(temporary, file);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        ops.unlinkSync(temporary);
      } catch {
        // Nothing to clean up: the temporary file was never created.
      }
    }
  }
  syncDirectory(dirname(file), ops);
}

/** Module-private: makes the rename itself durable; some platforms can't fsync a directory, and there the rename is as durable as they allow. */
function syncDirectory(directory: string, ops: AtomicWriteOps): void {
  let fd: number | undefined;
  try {
    fd = ops.openSync(directory, 'r');
    ops.fsyncSync(fd);
  } catch {
    // EISDIR/EPERM/EINVAL on platforms without directory fsync.
  } finally {
    if (fd !== undefined) ops.closeSync(fd);
  }
}

/** The bytes of a state file holding `parts` (a registry snapshot); throws, naming the path, when a part holds data the file can't keep faithfully. */
export function encodeStateFile(parts: ReadonlyMap<string, unknown>, savedAt: Date): Buffer {
  return withHeader(encodePayload(parts), savedAt);
}

/** The registry snapshot a state file holds; throws a `StateFileError` naming `file` when the bytes are not a readable state file of this version. */
export function decodeStateFile(bytes: Buffer, file: string): Map<string, unknown> {
  const fail = (reason: string) => new StateFileError(file, cannotLoad(file, reason));
  const newline = bytes.subarray(0, 512).indexOf(0x0a);
  const header = newline < 0 ? undefined : /^(\S+) (\d+) bytes=(\d+) sha256=([0-9a-f]{64}) saved=(\S+)$/.exec(bytes.subarray(0, newline).toString('latin1'));
  if (!header || header[1] !== STATE_FILE_FORMAT) throw fail(`it is corrupt or not an emulator state file (it does not start with a "${STATE_FILE_FORMAT}" header line)`);
  const version = Number(header[2]);
  if (version !== STATE_FILE_VERSION) throw fail(`it is incompatible: it has state format version ${version}, and this emulator reads version ${STATE_FILE_VERSION}`);
  const payload = bytes.subarray(newline + 1);
  if (payload.length !== Number(header[3])) throw fail(`it is corrupt or truncated: the header announces ${header[3]} bytes of state, the file holds ${payload.length}`);
  if (sha256(payload) !== header[4]) throw fail('it is corrupt: the state does not match the checksum in its header');
  let parts: unknown;
  try {
    parts = deserialize(payload);
  } catch (error) {
    throw fail(`it is corrupt: ${(error as Error).message}`);
  }
  if (!types.isMap(parts) || [...parts.keys()].some((name) => typeof name !== 'string')) throw fail('it is corrupt: the state is not a map of named parts');
  return parts as Map<string, unknown>;
}

/** Options of `StatePersistence`. */
export interface StatePersistenceOptions {
  /** The state file; relative paths are resolved against the working directory. */
  readonly file: string;
  readonly registry: StateRegistry;
  /** Shortest interval between saves after requests; `SAVE_DEBOUNCE_MS` by default. */
  readonly debounceMs?: number;
  /** Receives the error of a save after a request (it can't be thrown to anyone); the state stays unsaved and the next request tries again. */
  readonly onError: (error: Error) => void;
}

/** What one save did. */
export interface SaveResult {
  /** The state file's absolute path. */
  readonly path: string;
  /** The file's size. */
  readonly bytes: number;
  /** False when the state had not changed since the last write, so nothing was written. */
  readonly written: boolean;
}

/** Loads and saves one emulator's state file. */
export class StatePersistence {
  /** The state file's absolute path. */
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;
  private lastPayload: Buffer | undefined;
  private lastSize = 0;
  private closed = false;

  /** Checks that the file's directory exists and is writable (a save would fail later, far from the cause). */
  constructor(private readonly options: StatePersistenceOptions) {
    this.path = resolve(options.file);
    try {
      accessSync(dirname(this.path), fsConstants.W_OK);
    } catch (error) {
      throw new StateFileError(this.path, `The emulator state file ${this.path} can't be written: its directory ${dirname(this.path)} does not exist or is not writable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }

  /** Restores the registry from the file when it exists; returns whether it did. Throws a `StateFileError` when the file can't be used. */
  load(): boolean {
    if (!existsSync(this.path)) return false;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (error) {
      throw new StateFileError(this.path, cannotLoad(this.path, `it can't be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`));
    }
    const parts = decodeStateFile(bytes, this.path);
    try {
      this.options.registry.restore(parts);
    } catch (error) {
      throw new StateFileError(this.path, cannotLoad(this.path, `it is incompatible with this emulator: ${(error as Error).message}`));
    }
    // The baseline of "unchanged" is the restored state as it encodes now: v8 may choose other
    // representations for the same values (a number read back as an integer), so the file's own
    // bytes would make the first save after a restart rewrite an unchanged state.
    this.lastPayload = encodePayload(this.options.registry.snapshot());
    this.lastSize = bytes.length;
    return true;
  }

  /** Notes that state may have changed: a save follows within the debounce interval. */
  markDirty(): void {
    if (this.closed || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.save();
      } catch (error) {
        this.options.onError(error as Error);
      }
    }, this.options.debounceMs ?? SAVE_DEBOUNCE_MS);
    // A pending save never keeps the process alive: `close()` flushes it.
    this.timer.unref();
  }

  /** Saves now (a pending debounced save is folded in); throws when the state can't be encoded or written. */
  save(): SaveResult {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const payload = encodePayload(this.options.registry.snapshot());
    if (this.lastPayload !== undefined && payload.equals(this.lastPayload)) return { path: this.path, bytes: this.lastSize, written: false };
    const file = withHeader(payload, new Date());
    writeFileAtomic(this.path, file);
    this.lastPayload = payload;
    this.lastSize = file.length;
    return { path: this.path, bytes: file.length, written: true };
  }

  /** Saves a last time and stops saving after requests; throws when that save fails. */
  close(): SaveResult {
    this.closed = true;
    return this.save();
  }
}

/**
 * The admin route `POST /_emulator/state/save`: saves now and answers `{ saved: { path, bytes,
 * written } }`; a 409 when the emulator has no state file.
 */
export function stateAdminRoutes(persistence: StatePersistence | undefined): ServiceAdminRoute[] {
  return [
    {
      method: 'POST',
      path: 'state/save',
      run: () => {
        if (!persistence) throw new AdminError(409, 'The emulator was started without a state file (EMULATOR_STATE_FILE or the stateFile option), so there is nothing to save to.');
        return { saved: persistence.save() };
      },
    },
  ];
}

// ---- encoding -----------------------------------------------------------------------------

/** Module-private: the v8 serialization of a registry snapshot, after checking it holds only data v8 keeps faithfully. */
function encodePayload(parts: ReadonlyMap<string, unknown>): Buffer {
  for (const [name, data] of parts) {
    const path = foreignValuePath(data, new Set());
    if (path) throw new Error(`State part "${name}" can't be saved: ${path.reverse().join('')} ${path.problem}`);
  }
  return serialize(parts);
}

/** Module-private. */
function withHeader(payload: Buffer, savedAt: Date): Buffer {
  const header = `${STATE_FILE_FORMAT} ${STATE_FILE_VERSION} bytes=${payload.length} sha256=${sha256(payload)} saved=${savedAt.toISOString()}\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), payload]);
}

/** Module-private: where a value sits that v8 would drop, reject or strip of its prototype; segments come innermost first. */
type ForeignPath = string[] & { problem: string };

/**
 * Module-private: finds the first value v8 can't round-trip faithfully: a function, a symbol, a
 * `WeakMap`/`WeakSet`, or an instance of a class (v8 keeps its fields but not its prototype, so
 * its methods would be gone after a restore). Stores keep plain records for this reason.
 */
function foreignValuePath(value: unknown, seen: Set<object>): ForeignPath | undefined {
  if (typeof value === 'function' || typeof value === 'symbol') return problem(`is a ${typeof value}`);
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  // Checks by brand, not `instanceof`: values may come from another realm (v8.deserialize builds them in Node's own).
  if (types.isDate(value) || ArrayBuffer.isView(value) || types.isAnyArrayBuffer(value)) return undefined;
  if (types.isMap(value)) {
    for (const [key, item] of value) {
      const found = foreignValuePath(key, seen) ?? foreignValuePath(item, seen);
      if (found) return (found.push(`.get(${JSON.stringify(String(key))})`), found);
    }
    return undefined;
  }
  if (types.isSet(value)) {
    for (const item of value) {
      const found = foreignValuePath(item, seen);
      if (found) return (found.push('[set member]'), found);
    }
    return undefined;
  }
  // A plain object's prototype is some realm's Object.prototype (whose own prototype is null), or null.
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== null && Object.getPrototypeOf(prototype) !== null) {
    return problem(`is an instance of ${prototype?.constructor?.name ?? 'a class'}, which would come back without its methods; keep plain data in state`);
  }
  for (const [key, item] of Object.entries(value)) {
    const found = foreignValuePath(item, seen);
    if (found) return (found.push(Array.isArray(value) ? `[${key}]` : `.${key}`), found);
  }
  return undefined;
}

/** Module-private. */
function problem(text: string): ForeignPath {
  return Object.assign([] as string[], { problem: text });
}

/** Module-private. */
function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Module-private: every load error reads the same way and says how to get going again. */
function cannotLoad(file: string, reason: string): string {
  return `Cannot load the emulator state file ${file}: ${reason}. Move the file away (or delete it) to start the emulator without it.`;
}
