import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorModel, OperationModel, ServiceModel } from './model';
import type { ServiceError } from './serviceError';
import type { Violation } from './validate';

/**
 * The server-side protocol interface (smithy `server-common` style): route a raw request to an
 * operation, bind the wire request to the SDK-shaped input, and write outputs and errors in the
 * service's envelope. Implementations: `restJson1.ts` (Pinpoint) and `awsJson1_0.ts` (SMS v2).
 */

/** A request as it arrived: raw (still percent-encoded) path and query, and the whole body. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  /** The raw query string without `?`. */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A response ready to be written. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** One wire protocol bound to one service's model. */
export interface ServerProtocol {
  readonly model: ServiceModel;
  /** The operation the request is for; throws a `ServiceError` (unknown path/target) otherwise. */
  route(request: WireRequest): OperationModel;
  /** The SDK-shaped command input; throws a `ServiceError` when the request cannot be read. */
  decode(operation: OperationModel, request: WireRequest): Record<string, unknown>;
  /** The service's own error for failed constraints (Pinpoint `BadRequestException`, SMS v2 `ValidationException`). */
  validationError(violations: readonly Violation[]): ServiceError;
  /** The success response for an SDK-shaped output. */
  encode(operation: OperationModel, output: unknown, requestId: string): WireResponse;
  /** The error response, in the service's envelope. */
  encodeError(error: ServiceError, requestId: string): WireResponse;
}

/**
 * Errors the emulator answers outside the services' models, with their HTTP status.
 * `coral` marks the AWS JSON front-end's own errors, whose awsJson `__type` is namespaced
 * `com.amazon.coral.service#` (what real AWS JSON services answer).
 */
export const unmodelledErrors: Readonly<Record<string, { readonly status: number; readonly coral?: true }>> = {
  EmulatorNotImplemented: { status: 501 },
  UnknownOperationException: { status: 400, coral: true },
  SerializationException: { status: 400, coral: true },
  IncompleteSignature: { status: 400 },
  InvalidClientTokenId: { status: 403 },
  SignatureDoesNotMatch: { status: 403 },
  InternalFailure: { status: 500 },
  ServiceUnavailable: { status: 503 },
  RequestEntityTooLargeException: { status: 413 },
};

/** The modelled error shape `error` names, if any. */
export function modelledError(model: ServiceModel, error: ServiceError): ErrorModel | undefined {
  return model.errors.get(error.code);
}

/** The HTTP status of an error: explicit, else modelled, else the unmodelled table, else 500. */
export function errorStatus(model: ServiceModel, error: ServiceError): number {
  return error.status ?? modelledError(model, error)?.status ?? unmodelledErrors[error.code]?.status ?? 500;
}

/** A JSON response (`body` undefined → empty body, headers still sent). */
export function jsonResponse(status: number, headers: Record<string, string>, body: unknown): WireResponse {
  return { status, headers, body: body === undefined ? undefined : JSON.stringify(body) };
}
