// Placeholder: replaced by the SMS v2 graph work (createSmsVoiceLoaders).
/** Per-request SMS and Voice v2 loaders and write calls. */
export interface SmsVoiceUpstream {
  readonly _placeholder?: never;
}
