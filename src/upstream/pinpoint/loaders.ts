// Placeholder: replaced by the Pinpoint graph work (createPinpointLoaders).
/** Per-request Pinpoint loaders and write calls. */
export interface PinpointUpstream {
  readonly _placeholder?: never;
}
