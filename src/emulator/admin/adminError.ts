/**
 * A client mistake in an admin request, answered with its status and `{ "message": … }`.
 * Core admin routes and the services' own admin routes both throw it.
 */
export class AdminError extends Error {
  /** `status`: 400 (malformed input), 404 (nothing by that name), 409 (not allowed in the current state). */
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}
