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

  /** Forget every account and region. */
  clear(): void {
    this.byScope.clear();
  }
}
