import { readShape, WireTypeError, writeShape, type JsonSettings } from './jsonShapes';
import type { ServiceModel } from './model';
import { errorStatus, jsonResponse, modelledError, unmodelledErrors, type ServerProtocol, type WireResponse } from './protocol';
import { ServiceError } from './serviceError';
import { describeViolations } from './validate';

/**
 * awsJson1_0 (Pinpoint SMS and Voice v2): `POST /` with `X-Amz-Target: <Prefix>.<Operation>`,
 * the whole input as the JSON body (`{}` or empty when there is none), epoch-seconds
 * timestamps, and errors as `{"__type": "<namespace>#<Shape>", "Message", …members}` with
 * status 400 (500 for server faults). botocore reads only the body `__type` here.
 */

/** The `Content-Type` of every awsJson1_0 response, with or without a body. */
export const AWS_JSON_1_0 = 'application/x-amz-json-1.0';

/** The awsJson1_0 protocol bound to one service model. */
export function createAwsJson1_0Protocol(model: ServiceModel): ServerProtocol {
  const settings: JsonSettings = { jsonName: false };
  const targetPrefix = `${model.targetPrefix}.`;

  return {
    model,

    route(request) {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(targetPrefix) ? model.operationsByName.get(target.slice(targetPrefix.length)) : undefined;
      // What AWS JSON front ends answer for a target they do not know, or a request that is not `POST /`.
      if (!operation || request.method !== 'POST' || request.path !== '/') {
        throw new ServiceError('UnknownOperationException', `Unknown operation ${request.method} ${request.path} X-Amz-Target: ${target || '(none)'}`);
      }
      return operation;
    },

    decode(operation, request) {
      let json: unknown = {};
      if (request.body.length > 0) {
        try {
          json = JSON.parse(request.body.toString('utf8'));
        } catch (error) {
          throw new ServiceError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`);
        }
      }
      try {
        return (readShape(operation.input, json, settings) ?? {}) as Record<string, unknown>;
      } catch (error) {
        // Well-formed JSON of the wrong type is the model's own `CANNOT_PARSE` validation failure
        // (a modelled, SDK-parseable error); only JSON syntax errors are `SerializationException`.
        if (error instanceof WireTypeError) {
          const fields = [{ Name: error.path, Message: `Member must be a ${error.expected}` }];
          throw new ServiceError('ValidationException', error.message, { Reason: 'CANNOT_PARSE', Fields: fields });
        }
        throw error;
      }
    },

    validationError(violations) {
      const fields = violations.map((v) => ({ Name: v.path, Message: v.constraint }));
      return new ServiceError('ValidationException', describeViolations(violations), { Reason: 'FIELD_VALIDATION_FAILED', Fields: fields });
    },

    encode(operation, output, requestId) {
      const headers = { 'Content-Type': AWS_JSON_1_0, 'x-amzn-RequestId': requestId };
      return jsonResponse(operation.code, headers, operation.output.isUnitSchema() ? undefined : writeShape(operation.output, output ?? {}, settings));
    },

    encodeError(error, requestId): WireResponse {
      const headers = { 'Content-Type': AWS_JSON_1_0, 'x-amzn-RequestId': requestId };
      const shape = modelledError(model, error);
      const type = shape ? `${model.namespace}#${error.code}` : unmodelledErrors[error.code]?.coral ? `com.amazon.coral.service#${error.code}` : error.code;
      // Only the shape's modelled members go on the wire; `RequestId` is modelled on InternalServerException.
      const members = Object.fromEntries(Object.entries(error.members).filter(([k]) => !shape || shape.members.includes(k)));
      if (shape?.members.includes('RequestId')) members.RequestId ??= requestId;
      return jsonResponse(errorStatus(model, error), headers, { __type: type, Message: error.message, ...members });
    },
  };
}
