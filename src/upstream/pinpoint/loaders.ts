// Placeholder: replaced by the Pinpoint graph work.
import type { CallCounter } from '../callCounter';

/** Per-request Pinpoint loaders and write calls. */
export interface PinpointUpstream {
  readonly _placeholder?: never;
}

/** Builds the per-request Pinpoint loaders over a shared client; every command is counted in `calls`. */
export function createPinpointLoaders(_client: unknown, _calls: CallCounter): PinpointUpstream {
  return {};
}
