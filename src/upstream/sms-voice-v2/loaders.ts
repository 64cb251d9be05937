// Placeholder: replaced by the SMS v2 graph work.
import type { CallCounter } from '../callCounter';

/** Per-request SMS and Voice v2 loaders and write calls. */
export interface SmsVoiceUpstream {
  readonly _placeholder?: never;
}

/** Builds the per-request SMS v2 loaders over a shared client; every command is counted in `calls`. */
export function createSmsVoiceLoaders(_client: unknown, _calls: CallCounter): SmsVoiceUpstream {
  return {};
}
