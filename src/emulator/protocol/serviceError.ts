/**
 * An error a handler throws to answer with one of the service's modelled exceptions.
 *
 * `code` is the exception shape name (`NotFoundException`, `ResourceNotFoundException`);
 * `members` are the exception's other modelled members (`ResourceType`, `ResourceId`,
 * `Reason`, `Fields`). The protocol layer adds the request ID, picks the status
 * (Pinpoint: the shape's `httpError`; SMS v2: 400, or 500 for server faults) and
 * writes the envelope the real service uses.
 *
 * `status` is only for errors outside the model (injected faults, emulator-level errors);
 * handlers leave it unset so the model decides.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly members: Readonly<Record<string, unknown>> = {},
    readonly status?: number,
  ) {
    super(message);
    this.name = code;
  }
}
