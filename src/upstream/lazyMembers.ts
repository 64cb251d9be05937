/**
 * Per-request upstream objects whose parts are built on first use. A request builds its
 * service's upstream object but reads one or two of its dozens of loaders, and building every
 * DataLoader up front was ~8% of a warm cached query's CPU.
 */

/** Every member name of `T` as an object (`{ load: true, ... }`), which the compiler checks both ways: a missing or unknown name is an error. */
export type MemberNames<T> = { readonly [K in keyof T]-?: true };

/**
 * Defines on `prototype` (once per class, so once per process) a getter for each member `members`
 * names, which reads the member from the part `partOf(this)` returns. `partOf` builds the part on
 * first use and keeps it on the instance, so an instance builds only the parts whose members are
 * read. A method member is the part's own function, so parts must not rely on `this` (closures
 * over their state do not). A name the prototype already has is refused: the getter would hide it.
 */
export function delegateMembers<Host extends object, Part extends object>(prototype: Host, members: MemberNames<Part>, partOf: (host: Host) => Part): void {
  const names = Object.keys(members) as Array<keyof Part & string>;
  const taken = names.find((name) => name in prototype);
  if (taken !== undefined) throw new Error(`Cannot delegate ${JSON.stringify(taken)}: the prototype already has a member of that name.`);
  for (const name of names) {
    Object.defineProperty(prototype, name, {
      configurable: true,
      get(this: Host) {
        return partOf(this)[name];
      },
    });
  }
}
