import type { RegistrationInformation, RegistrationStatus, SupportedAssociation } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { RequestContext } from '../../types';
import { idFromIdOrArn, parseSmsArn } from '../arns';
import { conflict, invalidField, resourceNotFound } from '../errors';
import { findRegistrationType, type RegistrationTypeSpec } from '../registrationTypes';
import type { PhoneNumberRecord, RegistrationAssociationRecord, RegistrationRecord, RegistrationVersionRecord, SenderIdRecord, SmsVoiceState } from '../store';
import { findSenderId } from './common';

/**
 * The registration lifecycle and association rules shared by the registration, phone-number
 * and sender-ID handlers: the status a registration shows, and when an origination identity
 * may be associated with it (the type's `SupportedAssociations`).
 */

/** An origination identity that can be associated with a registration. */
export type AssociationTarget =
  | { readonly kind: 'phone-number'; readonly phone: PhoneNumberRecord }
  | { readonly kind: 'sender-id'; readonly sender: SenderIdRecord };

/** The registration's current version: the one with the highest number. */
export function currentVersion(registration: RegistrationRecord): RegistrationVersionRecord {
  return registration.versions[registration.versions.length - 1];
}

/** Module-private: the highest version number with this status. */
function latestWithStatus(registration: RegistrationRecord, status: RegistrationVersionRecord['RegistrationVersionStatus']): number | undefined {
  return registration.versions.filter((v) => v.RegistrationVersionStatus === status).at(-1)?.VersionNumber;
}

/**
 * The registration's status, derived from its versions: the current version's review state,
 * or for a draft / discarded version, what the earlier versions reached (approved → COMPLETE,
 * denied → REQUIRES_UPDATES, nothing yet → CREATED).
 */
export function registrationStatus(registration: RegistrationRecord): RegistrationStatus {
  if (registration.closed) return 'CLOSED';
  const fallback = (): RegistrationStatus => {
    if (latestWithStatus(registration, 'APPROVED') !== undefined) return 'COMPLETE';
    if (latestWithStatus(registration, 'DENIED') !== undefined) return 'REQUIRES_UPDATES';
    return 'CREATED';
  };
  const status = currentVersion(registration).RegistrationVersionStatus;
  switch (status) {
    case 'DRAFT':
    case 'DISCARDED':
    case 'ARCHIVED':
    case 'REVOKED':
      return fallback();
    case 'SUBMITTED':
      return 'SUBMITTED';
    case 'AWS_REVIEWING':
      return 'AWS_REVIEWING';
    case 'REVIEWING':
    case 'REQUIRES_OFFLINE_REVIEW':
      return 'REVIEWING';
    case 'REQUIRES_AUTHENTICATION':
      return 'REQUIRES_AUTHENTICATION';
    case 'APPROVED':
      return 'COMPLETE';
    case 'DENIED':
      return 'REQUIRES_UPDATES';
    default: {
      const unreachable: never = status;
      throw new Error(`Unhandled registration version status ${String(unreachable)}`);
    }
  }
}

/** The SDK's `RegistrationInformation` of a registration. */
export function registrationInformation(registration: RegistrationRecord): RegistrationInformation {
  return {
    RegistrationArn: registration.RegistrationArn,
    RegistrationId: registration.RegistrationId,
    RegistrationType: registration.RegistrationType,
    RegistrationStatus: registrationStatus(registration),
    CurrentVersionNumber: currentVersion(registration).VersionNumber,
    ApprovedVersionNumber: latestWithStatus(registration, 'APPROVED'),
    LatestDeniedVersionNumber: latestWithStatus(registration, 'DENIED'),
    AdditionalAttributes: registration.AdditionalAttributes,
    CreatedTimestamp: registration.CreatedTimestamp,
  };
}

/** True when the registration has an approved version and is not closed (a registered sender ID). */
export function isRegistrationComplete(registration: RegistrationRecord | undefined): boolean {
  return registration !== undefined && registrationStatus(registration) === 'COMPLETE';
}

/** The type spec of a stored registration (types are fixed, so a stored type always resolves). */
export function registrationTypeOf(registration: RegistrationRecord): RegistrationTypeSpec {
  const spec = findRegistrationType(registration.RegistrationType);
  if (!spec) throw new Error(`Registration ${registration.RegistrationId} has unknown type ${registration.RegistrationType}`);
  return spec;
}

/** Module-private: the `SupportedAssociation.ResourceType` name of a target kind. */
function supportedName(kind: AssociationTarget['kind']): string {
  return kind === 'phone-number' ? 'PHONE_NUMBER' : 'SENDER_ID';
}

/**
 * The origination identity a `CreateRegistrationAssociation` `ResourceId` names: a phone
 * number ID or ARN, a sender ID ARN, or a bare SenderId (its country is the one the
 * registration type takes sender IDs from, when the type names one).
 */
export function resolveAssociationTarget(state: SmsVoiceState, ctx: RequestContext, spec: RegistrationTypeSpec, resourceId: string): AssociationTarget {
  const arnType = resourceId.startsWith('arn:') ? parseSmsArn(resourceId)?.resourceType : undefined;
  if (arnType === 'phone-number' || (arnType === undefined && resourceId.startsWith('phone-'))) {
    const id = idFromIdOrArn(resourceId, 'phone-number', ctx);
    const phone = id === undefined ? undefined : state.phoneNumbers.get(id);
    if (!phone) throw resourceNotFound('phone-number', resourceId);
    return { kind: 'phone-number', phone };
  }
  const country = spec.definition.SupportedAssociations?.find((a) => a.ResourceType === 'SENDER_ID')?.IsoCountryCode;
  const sender = findSenderId(state, ctx, resourceId, resourceId.startsWith('arn:') ? undefined : country);
  if (!sender) throw resourceNotFound('sender-id', resourceId);
  return { kind: 'sender-id', sender };
}

/** Module-private: the target's ID as association records and errors show it. */
function targetId(target: AssociationTarget): string {
  return target.kind === 'phone-number' ? target.phone.PhoneNumberId : target.sender.SenderId;
}

/**
 * Checks that `target` may be associated with `registration` now, by the type's rules:
 * the type takes this kind of identity (in this country, of this number type); the identity
 * isn't associated elsewhere; and the registration is at the stage the type's
 * `AssociationBehavior` requires (a draft before submission, or complete after approval).
 */
export function checkAssociation(registration: RegistrationRecord, target: AssociationTarget): SupportedAssociation {
  const spec = registrationTypeOf(registration);
  const id = targetId(target);
  const country = target.kind === 'phone-number' ? target.phone.IsoCountryCode : target.sender.IsoCountryCode;
  const supported = spec.definition.SupportedAssociations?.find((a) => a.ResourceType === supportedName(target.kind));
  if (!supported) {
    throw invalidField('INVALID_REGISTRATION_ASSOCIATION', 'ResourceId', `Registration type ${registration.RegistrationType} can't be associated with a ${target.kind}.`);
  }
  if (supported.IsoCountryCode !== undefined && supported.IsoCountryCode !== country) {
    throw invalidField('INVALID_REGISTRATION_ASSOCIATION', 'ResourceId', `Registration type ${registration.RegistrationType} takes ${target.kind}s of ${supported.IsoCountryCode}; ${id} is in ${country}.`);
  }
  if (target.kind === 'phone-number' && spec.phoneNumberTypes && !spec.phoneNumberTypes.includes(target.phone.NumberType)) {
    throw invalidField('INVALID_REGISTRATION_ASSOCIATION', 'ResourceId', `Registration type ${registration.RegistrationType} takes ${spec.phoneNumberTypes.join(' or ')} numbers; ${id} is ${target.phone.NumberType}.`);
  }
  const existing = target.kind === 'phone-number' ? target.phone.RegistrationId : target.sender.RegistrationId;
  if (existing === registration.RegistrationId) {
    throw conflict('RESOURCE_ALREADY_ASSOCIATED', target.kind, id, `${id} is already associated with registration ${registration.RegistrationId}.`);
  }
  if (existing !== undefined) {
    const reason = target.kind === 'phone-number' ? 'PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION' : 'RESOURCE_ALREADY_ASSOCIATED';
    throw conflict(reason, target.kind, id, `${id} is already associated with registration ${existing}.`);
  }
  const behavior = supported.AssociationBehavior;
  switch (behavior) {
    case 'ASSOCIATE_BEFORE_SUBMIT':
      if (registration.closed || currentVersion(registration).RegistrationVersionStatus !== 'DRAFT') {
        throw conflict('REGISTRATION_ALREADY_SUBMITTED', 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} (${registration.RegistrationType}) takes associations only while its current version is a draft; it is ${registrationStatus(registration)}.`);
      }
      break;
    case 'ASSOCIATE_AFTER_COMPLETE':
      if (!isRegistrationComplete(registration)) {
        throw conflict('REGISTRATION_NOT_COMPLETE', 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} (${registration.RegistrationType}) takes associations only once it is COMPLETE; it is ${registrationStatus(registration)}.`);
      }
      break;
    case 'ASSOCIATE_ON_APPROVAL':
      throw invalidField('INVALID_REGISTRATION_ASSOCIATION', 'ResourceId', `Registration type ${registration.RegistrationType} provisions its identity on approval; it can't be associated by hand.`);
    case undefined:
      break;
    default: {
      const unreachable: never = behavior;
      throw new Error(`Unhandled association behavior ${String(unreachable)}`);
    }
  }
  return supported;
}

/** Records the association on both sides (the registration's list and the identity's `RegistrationId`). */
export function associate(registration: RegistrationRecord, target: AssociationTarget): RegistrationAssociationRecord {
  const record: RegistrationAssociationRecord =
    target.kind === 'phone-number'
      ? { ResourceType: 'phone-number', ResourceId: target.phone.PhoneNumberId, ResourceArn: target.phone.PhoneNumberArn, IsoCountryCode: target.phone.IsoCountryCode, PhoneNumber: target.phone.PhoneNumber }
      : { ResourceType: 'sender-id', ResourceId: target.sender.SenderId, ResourceArn: target.sender.SenderIdArn, IsoCountryCode: target.sender.IsoCountryCode };
  registration.associations.push(record);
  if (target.kind === 'phone-number') target.phone.RegistrationId = registration.RegistrationId;
  else target.sender.RegistrationId = registration.RegistrationId;
  return record;
}

/**
 * Drops a released identity from its registration. When the last identity of a complete
 * registration goes and the type says so (`DISASSOCIATE_ALL_CLOSES_REGISTRATION`), the
 * registration becomes CLOSED.
 */
export function dropAssociation(state: SmsVoiceState, registrationId: string | undefined, resourceArn: string): void {
  const registration = registrationId === undefined ? undefined : state.registrations.get(registrationId);
  if (!registration) return;
  const index = registration.associations.findIndex((a) => a.ResourceArn === resourceArn);
  if (index >= 0) registration.associations.splice(index, 1);
  const closes = registrationTypeOf(registration).definition.SupportedAssociations?.some((a) => a.DisassociationBehavior === 'DISASSOCIATE_ALL_CLOSES_REGISTRATION');
  if (closes && registration.associations.length === 0 && isRegistrationComplete(registration)) registration.closed = true;
}
