import { delegateMembers, type MemberNames } from '../../src/upstream/lazyMembers';

// The per-request upstream objects expose their areas' members through these getters, so an area
// is built only when a request reads one of its members, once, and for that request only.

interface Part {
  readonly counter: { value: number };
  bump(): number;
}

const PART_MEMBERS: MemberNames<Part> = { counter: true, bump: true };

class Host {
  #part?: Part;
  builds = 0;

  static {
    delegateMembers(this.prototype, PART_MEMBERS, (self) => (self.#part ??= self.#buildPart()));
  }

  #buildPart(): Part {
    this.builds += 1;
    const counter = { value: 0 };
    return { counter, bump: () => (counter.value += 1) };
  }
}

const withPart = (host: Host) => host as Host & Part;

it('builds the part on the first read of any of its members, once per instance', () => {
  const host = withPart(new Host());
  expect(host.builds).toBe(0);

  expect(host.bump()).toBe(1);
  expect(host.builds).toBe(1);
  expect(host.counter.value).toBe(1);
  expect(host.bump()).toBe(2);
  expect(host.builds).toBe(1);

  const other = withPart(new Host());
  expect(other.counter.value).toBe(0);
  expect(other.builds).toBe(1);
  expect(host.counter.value).toBe(2);
});

it('defines the getters on the prototype, not on each instance', () => {
  const host = new Host();
  expect(Object.keys(host)).toEqual(['builds']);
  expect(Object.getOwnPropertyDescriptor(Host.prototype, 'counter')?.get).toBeInstanceOf(Function);
});

it('refuses a name the prototype already has, which its getter would hide', () => {
  class Clashing {
    bump(): number {
      return 0;
    }
  }
  expect(() => delegateMembers(Clashing.prototype, PART_MEMBERS, () => ({ counter: { value: 0 }, bump: () => 1 }))).toThrow(
    'Cannot delegate "bump": the prototype already has a member of that name.',
  );
  // Nothing was defined: the class keeps its own member and gains none.
  expect(new Clashing().bump()).toBe(0);
  expect('counter' in Clashing.prototype).toBe(false);
});

it('makes the member list complete and exact at compile time', () => {
  // @ts-expect-error a member of Part is missing
  const missing: MemberNames<Part> = { counter: true };
  // @ts-expect-error a name Part does not have
  const unknown: MemberNames<Part> = { counter: true, bump: true, other: true };
  expect([missing, unknown]).toHaveLength(2);
});
