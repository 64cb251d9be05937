// Placeholder: replaced by the gateway infrastructure work (the callCounter middleware trio).
/** Counts upstream SDK commands per operation. */
export interface CallCounter {
  readonly total: number;
}
