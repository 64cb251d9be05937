import { ServiceError } from '../../protocol/serviceError';

/**
 * The modelled Amazon Pinpoint exceptions the emulated service throws. Each carries
 * `Message` (and `RequestID`, added by the protocol layer); the HTTP status comes from the
 * shape's `httpError` in the model (400, 404, ...).
 *
 * Seed 002 documents the exception names and statuses but not their message texts, so the
 * messages here follow the house rule instead: state the contract and the bad value.
 */

/** The resource kinds named in not-found messages. */
export type PinpointResourceKind = 'Application' | 'Campaign' | 'Campaign version' | 'Segment' | 'Segment version' | 'Endpoint' | 'User' | 'Resource';

/** 404 `NotFoundException`: "Resource not found" plus which resource and ID. */
export function notFound(kind: PinpointResourceKind, id: string): ServiceError {
  return new ServiceError('NotFoundException', `Resource not found: ${kind} '${id}' does not exist`);
}

/** 400 `BadRequestException` with a message that states the contract and the bad value. */
export function badRequest(message: string): ServiceError {
  return new ServiceError('BadRequestException', message);
}

/** 400 for a page token that this query did not hand out (forged, altered or from another query). */
export function invalidToken(): ServiceError {
  return badRequest('Invalid token: the token was not issued for this query or has been altered');
}
