import type {
  ConflictExceptionReason,
  ResourceType,
  ServiceQuotaExceededExceptionReason,
  ValidationExceptionField,
  ValidationExceptionReason,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { ServiceError } from '../../protocol/serviceError';

/**
 * The modelled exceptions of Pinpoint SMS and Voice v2, with the members the SDK parses
 * (`Reason`, `ResourceType`, `ResourceId`, `Fields`). Reasons and resource types are the SDK's
 * enums, so a typo fails the typecheck rather than the client.
 */

/** `ResourceNotFoundException`: the caller named a resource this account and region doesn't have. */
export function resourceNotFound(resourceType: ResourceType, resourceId: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `No ${resourceType} with ID or ARN "${resourceId}" exists in this account and region.`, {
    ResourceType: resourceType,
    ResourceId: resourceId,
  });
}

/** `ConflictException`: the request isn't valid for the resource's current state or configuration. */
export function conflict(reason: ConflictExceptionReason, resourceType: ResourceType, resourceId: string, message: string): ServiceError {
  return new ServiceError('ConflictException', message, { Reason: reason, ResourceType: resourceType, ResourceId: resourceId });
}

/** `ValidationException`: a parameter value breaks a rule; `fields` name the offending parameters. */
export function validation(reason: ValidationExceptionReason, message: string, fields: ValidationExceptionField[] = []): ServiceError {
  return new ServiceError('ValidationException', message, { Reason: reason, Fields: fields });
}

/** `ValidationException` for one offending parameter, whose message is also the field's message. */
export function invalidField(reason: ValidationExceptionReason, field: string, message: string): ServiceError {
  return validation(reason, message, [{ Name: field, Message: message }]);
}

/** `ServiceQuotaExceededException`: the request would pass one of the account's quotas. */
export function quotaExceeded(reason: ServiceQuotaExceededExceptionReason, message: string): ServiceError {
  return new ServiceError('ServiceQuotaExceededException', message, { Reason: reason });
}
