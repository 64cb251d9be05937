/**
 * State per account and region, as AWS keeps it: each (account, region) pair gets its own
 * instance of a service's state, created on first use.
 */
export class RegionalStore<State> {
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
}
