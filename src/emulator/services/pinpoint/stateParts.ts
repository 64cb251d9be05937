import { types } from 'node:util';
import type { StateRegistry } from '../../stateRegistry';
import type { AppExtras, ChannelsState, ChannelsStore } from './channelsStore';
import type { JourneysStore } from './journeysStore';
import type { OtpRecord, OtpStore } from './otpStore';
import type { AppRecord, PinpointStore } from './store';
import type { TemplatesStore } from './templatesStore';

/**
 * Registers the Pinpoint service's state with the emulator's state registry (the state file,
 * `persistence.ts`). The core, template and journey stores are plain per-region data and
 * register as they are. Channels (per-app part) and one-time passwords are kept in `WeakMap`s
 * keyed by the core's app record, which can be neither listed nor serialized: their parts
 * write `[appRecord, value]` pairs for the apps the core store holds instead, and since the
 * whole registry is serialized in one pass, those records come back as the very objects the
 * restored core store holds, so the `WeakMap`s are rebuilt with the right keys.
 */

/** The Pinpoint stores whose state the state file keeps. */
export interface PinpointStateStores {
  readonly store: PinpointStore;
  readonly templates: TemplatesStore;
  readonly journeys: JourneysStore;
  readonly channels: ChannelsStore;
  readonly otps: OtpStore;
}

/** Registers every Pinpoint state part under `pinpoint.*`. */
export function registerPinpointState(registry: StateRegistry, stores: PinpointStateStores): void {
  const { store, templates, journeys, channels, otps } = stores;
  registry.register('pinpoint.apps', store.regions());
  registry.register('pinpoint.templates', templates.regions());
  registry.register('pinpoint.journeys', journeys.regions());
  registry.register('pinpoint.channels', {
    snapshot: () => {
      const appsByScope = new Map(store.regions().snapshot().map(([scope, state]) => [scope, [...state.apps.values()]]));
      return channels
        .regions()
        .snapshot()
        .map(([scope, state]) => [scope, { ...state, apps: extrasPairs(state, appsByScope.get(scope) ?? []) }]);
    },
    restore: (data) => {
      if (!Array.isArray(data)) throw new TypeError(`channel state is a list of [accountId/region, state] pairs; got ${typeof data}`);
      // Entries of the wrong shape pass through unchanged for the regional store to reject with its own message.
      const entries = data.map((entry: unknown) => {
        if (!Array.isArray(entry) || typeof entry[1] !== 'object' || entry[1] === null) return entry;
        const state = entry[1] as { apps?: unknown };
        return [entry[0], { ...state, apps: new WeakMap(recordPairs<AppExtras>(state.apps, 'channel state apps')) }];
      });
      channels.regions().restore(entries);
    },
  });
  registry.register('pinpoint.otps', {
    snapshot: () => otps.codesOf(store.regions().snapshot().flatMap(([, state]) => [...state.apps.values()])),
    restore: (data) => {
      const pairs = recordPairs<Map<string, OtpRecord>>(data, 'one-time passwords');
      if (pairs.some(([, codes]) => !types.isMap(codes))) throw new TypeError('one-time passwords are [appRecord, Map of codes] pairs');
      otps.restoreCodes(pairs);
    },
  });
}

/** Module-private: the extras of those of `apps` that have any. */
function extrasPairs(state: ChannelsState, apps: readonly AppRecord[]): [AppRecord, AppExtras][] {
  return apps.flatMap((app) => {
    const extras = state.apps.get(app);
    return extras === undefined ? [] : [[app, extras] as [AppRecord, AppExtras]];
  });
}

/** Module-private: checks that `data` is a list of `[appRecord, value]` pairs. */
function recordPairs<V>(data: unknown, what: string): [AppRecord, V][] {
  const valid = Array.isArray(data) && data.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'object' && pair[0] !== null && typeof pair[1] === 'object' && pair[1] !== null);
  if (!valid) throw new TypeError(`${what} are a list of [appRecord, value] pairs; got ${Array.isArray(data) ? 'a list with another shape' : typeof data}`);
  return data as [AppRecord, V][];
}
