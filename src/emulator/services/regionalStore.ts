import type { StatePart } from '../stateRegistry';

/**
 * State per account and region, as AWS keeps it: each (account, region) pair gets its own
 * instance of a service's state, created on first use.
 */
export class RegionalStore<State> implements StatePart {
  private readonly byScope = new Map<string, State>();

  constructor(private readonly create: () => State) {}

  /** The state of one account in one region, created empty on first use. */
  get(accountId: string, region: string): State {
    const scope = `${accountId}/${region}`;
    let state = this.byScope.get(scope);
    if (state === undefined) {
      state = this.create();
      this.byScope.set(scope, state);
    }
    return state;
  }

  /** Every account and region that has state, in first-use order (admin actions that find a resource by ID use it). */
  *entries(): IterableIterator<{ accountId: string; region: string; state: State }> {
    for (const [scope, state] of this.byScope) {
      const [accountId, region] = scope.split('/');
      yield { accountId, region, state };
    }
  }

  /** Forget every account and region. */
  clear(): void {
    this.byScope.clear();
  }

  /** Every scope's state as `[accountId/region, state]` pairs, in first-use order (the live objects: the state file serializes them at once). */
  snapshot(): [scope: string, state: State][] {
    return [...this.byScope];
  }

  /** Replaces every account and region with the pairs `snapshot` gave; throws when `entries` is not such a list. */
  restore(entries: unknown): void {
    if (!Array.isArray(entries)) throw new TypeError(`regional state is a list of [accountId/region, state] pairs; got ${typeof entries}`);
    for (const entry of entries) {
      const valid = Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string' && /^[^/]+\/[^/]+$/.test(entry[0]) && typeof entry[1] === 'object' && entry[1] !== null;
      if (!valid) throw new TypeError(`regional state is a list of [accountId/region, state] pairs; got an entry ${describeEntry(entry)}`);
    }
    this.byScope.clear();
    for (const [scope, state] of entries as [string, State][]) this.byScope.set(scope, state);
  }
}

/** Module-private: a short rendering of a bad entry for an error message. */
function describeEntry(entry: unknown): string {
  const text = Array.isArray(entry) ? `[${entry.map((item) => (typeof item === 'string' ? JSON.stringify(item) : typeof item)).join(', ')}]` : typeof entry;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
