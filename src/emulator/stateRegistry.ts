/**
 * The per-server registry of everything the emulator remembers: each service store, the clock
 * and the outbox register here under a stable name, so `persistence.ts` can snapshot them all
 * into one state file and put them back after a restart without knowing what any of them holds.
 *
 * All parts are snapshotted together and serialized in one `node:v8` pass, so an object that
 * two parts reference (Pinpoint's per-app channel state is keyed by the core store's app
 * record) is still one object after a restore.
 */

/** One piece of emulator state that can be captured as data and put back. */
export interface StatePart {
  /**
   * The part's whole state as data `node:v8` serializes faithfully: plain objects, arrays,
   * `Map`, `Set`, `Date`, `Buffer` and other typed arrays, primitives. No functions, no
   * `WeakMap`, no class instances (their prototype would not survive). The live objects may
   * be returned: they are serialized before anything else runs.
   */
  snapshot(): unknown;
  /** Replaces the part's whole state with what `snapshot` returned (after a round trip through the file); throws when it does not have that shape. */
  restore(snapshot: unknown): void;
}

/** Names are dotted lower-case words (`pinpoint.apps`), so a state file reads clearly and never depends on code order. */
const PART_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

/** The state parts of one emulator server, by name, in registration order. */
export class StateRegistry {
  private readonly parts = new Map<string, StatePart>();

  /** Adds a part; throws on a malformed or duplicate name (two parts under one name would overwrite each other's data). */
  register(name: string, part: StatePart): void {
    if (!PART_NAME.test(name)) throw new Error(`A state part name is dotted lower-case words like "pinpoint.apps"; got ${JSON.stringify(name)}`);
    if (this.parts.has(name)) throw new Error(`State part "${name}" is registered twice`);
    this.parts.set(name, part);
  }

  /** The registered names, in registration order. */
  names(): string[] {
    return [...this.parts.keys()];
  }

  /** Every part's snapshot, by name, in registration order. */
  snapshot(): Map<string, unknown> {
    return new Map([...this.parts].map(([name, part]) => [name, part.snapshot()]));
  }

  /**
   * Restores every part from `snapshots`, which must name exactly the registered parts: a
   * missing part would leave that state empty beside restored state that refers to it, and an
   * unknown one would be dropped silently. Throws, naming the part, when a part rejects its data.
   */
  restore(snapshots: ReadonlyMap<string, unknown>): void {
    const missing = this.names().filter((name) => !snapshots.has(name));
    const unknown = [...snapshots.keys()].filter((name) => !this.parts.has(name));
    if (missing.length > 0 || unknown.length > 0) {
      throw new Error(
        `the saved state parts do not match this emulator's: missing ${JSON.stringify(missing)}, unknown ${JSON.stringify(unknown)} (this emulator has ${JSON.stringify(this.names())})`,
      );
    }
    for (const [name, part] of this.parts) {
      try {
        part.restore(snapshots.get(name));
      } catch (error) {
        throw new Error(`state part "${name}" cannot be restored: ${(error as Error).message}`);
      }
    }
  }
}
