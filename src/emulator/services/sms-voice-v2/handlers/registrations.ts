import type {
  CreateRegistrationAssociationRequest,
  CreateRegistrationAssociationResult,
  CreateRegistrationRequest,
  CreateRegistrationResult,
  CreateRegistrationVersionRequest,
  CreateRegistrationVersionResult,
  DeleteRegistrationRequest,
  DeleteRegistrationResult,
  DescribeRegistrationsRequest,
  DescribeRegistrationsResult,
  DescribeRegistrationVersionsRequest,
  DescribeRegistrationVersionsResult,
  DiscardRegistrationVersionRequest,
  DiscardRegistrationVersionResult,
  ListRegistrationAssociationsRequest,
  ListRegistrationAssociationsResult,
  RegistrationAssociationFilterName,
  RegistrationFilterName,
  RegistrationVersionFilterName,
  RegistrationVersionInformation,
  SubmitRegistrationVersionRequest,
  SubmitRegistrationVersionResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn } from '../arns';
import { conflict, invalidField, validation } from '../errors';
import { findRegistrationType } from '../registrationTypes';
import { newResourceId, senderKey, type RegistrationAssociationRecord, type RegistrationRecord, type RegistrationVersionRecord, type SmsVoiceState } from '../store';
import { applyFilters, findRegistration, getRegistration, pageOf, selectByIds, tagList, tagsFromInput, type SmsHandlerGroup } from './common';
import {
  associate,
  checkAssociation,
  currentVersion,
  registrationInformation,
  registrationStatus,
  registrationTypeOf,
  resolveAssociationTarget,
} from './registration-rules';

/** Module-private: the SDK's `RegistrationVersionInformation` of a version. */
function versionInformation(version: RegistrationVersionRecord): RegistrationVersionInformation {
  return {
    VersionNumber: version.VersionNumber,
    RegistrationVersionStatus: version.RegistrationVersionStatus,
    RegistrationVersionStatusHistory: { ...version.RegistrationVersionStatusHistory },
    DeniedReasons: version.DeniedReasons?.map((reason) => ({ ...reason })),
    Feedback: version.Feedback,
  };
}

/** Module-private: what Create/Submit/DiscardRegistrationVersion answer. */
function versionResult(registration: RegistrationRecord, version: RegistrationVersionRecord): CreateRegistrationVersionResult {
  const { VersionNumber, RegistrationVersionStatus, RegistrationVersionStatusHistory } = versionInformation(version);
  return { RegistrationArn: registration.RegistrationArn, RegistrationId: registration.RegistrationId, VersionNumber, RegistrationVersionStatus, RegistrationVersionStatusHistory };
}

/** Module-private: a registration's associations the way the API lists them. */
function associationMetadata(association: RegistrationAssociationRecord): RegistrationAssociationRecord {
  return { ...association };
}

/** The version a request names, or `ValidationException` (`UNKNOWN_REGISTRATION_VERSION`). */
export function getVersion(registration: RegistrationRecord, versionNumber: number, field: string): RegistrationVersionRecord {
  const version = registration.versions.find((v) => v.VersionNumber === versionNumber);
  if (!version) throw invalidField('UNKNOWN_REGISTRATION_VERSION', field, `Registration ${registration.RegistrationId} has no version ${versionNumber} (current: ${currentVersion(registration).VersionNumber}).`);
  return version;
}

/** Module-private: checks that the required fields of a version have values, naming every one that doesn't. */
function checkRequiredFields(registration: RegistrationRecord, version: RegistrationVersionRecord): void {
  const missing = registrationTypeOf(registration)
    .fields.filter((field) => field.FieldRequirement === 'REQUIRED' && !version.fieldValues.has(String(field.FieldPath)))
    .map((field) => String(field.FieldPath));
  if (missing.length > 0) {
    throw validation(
      'FIELD_VALIDATION_FAILED',
      `Registration ${registration.RegistrationId} version ${version.VersionNumber} can't be submitted: required field(s) ${missing.join(', ')} have no value.`,
      missing.map((Name) => ({ Name, Message: 'This field is required.' })),
    );
  }
}

/** Registrations, their versions and their associations with origination identities. */
export const registrationHandlers: SmsHandlerGroup = {
  CreateRegistration(state, input: CreateRegistrationRequest, ctx): CreateRegistrationResult {
    const type = String(input.RegistrationType);
    if (!findRegistrationType(type)) throw invalidField('UNKNOWN_REGISTRATION_TYPE', 'RegistrationType', `Unknown registration type "${type}"; DescribeRegistrationTypeDefinitions lists the types.`);
    const now = ctx.now();
    const id = newResourceId('registration');
    const registration: RegistrationRecord = {
      RegistrationId: id,
      RegistrationArn: smsArn(ctx, 'registration', id),
      RegistrationType: type,
      CreatedTimestamp: now,
      versions: [{ VersionNumber: 1, RegistrationVersionStatus: 'DRAFT', RegistrationVersionStatusHistory: { DraftTimestamp: now }, fieldValues: new Map() }],
      associations: [],
      closed: false,
      tags: tagsFromInput(input.Tags),
    };
    state.registrations.set(id, registration);
    return {
      RegistrationArn: registration.RegistrationArn,
      RegistrationId: id,
      RegistrationType: type,
      RegistrationStatus: registrationStatus(registration),
      CurrentVersionNumber: 1,
      Tags: tagList(registration.tags),
      CreatedTimestamp: now,
    };
  },

  DeleteRegistration(state, input: DeleteRegistrationRequest, ctx): DeleteRegistrationResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const behaviors = new Set(registrationTypeOf(registration).definition.SupportedAssociations?.map((a) => a.DisassociationBehavior));
    if (registration.associations.length > 0 && !behaviors.has('DELETE_REGISTRATION_DISASSOCIATES')) {
      const ids = registration.associations.map((a) => a.ResourceId).join(', ');
      throw conflict('RESOURCE_DELETION_NOT_ALLOWED', 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} still has associated origination identities (${ids}); release them first.`);
    }
    for (const association of registration.associations) clearRegistrationLink(state, association);
    state.registrations.delete(registration.RegistrationId);
    return { ...registrationInformation(registration), RegistrationStatus: 'DELETED' };
  },

  DescribeRegistrations(state, input: DescribeRegistrationsRequest, ctx): DescribeRegistrationsResult {
    const selected = input.RegistrationIds?.length
      ? selectByIds(input.RegistrationIds, (id) => findRegistration(state, ctx, id), 'registration')
      : [...state.registrations.values()];
    const filtered = applyFilters<RegistrationRecord, RegistrationFilterName>(selected, input.Filters, {
      'registration-type': (r) => r.RegistrationType,
      'registration-status': (r) => registrationStatus(r),
    });
    const page = pageOf(filtered, input, ctx, 'DescribeRegistrations', [input.RegistrationIds, input.Filters]);
    return { Registrations: page.items.map(registrationInformation), NextToken: page.nextToken };
  },

  CreateRegistrationVersion(state, input: CreateRegistrationVersionRequest, ctx): CreateRegistrationVersionResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const current = currentVersion(registration);
    const settled = ['APPROVED', 'DENIED', 'DISCARDED', 'REVOKED', 'ARCHIVED'];
    if (registration.closed || !settled.includes(current.RegistrationVersionStatus)) {
      throw conflict('CREATE_REGISTRATION_VERSION_NOT_ALLOWED', 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} version ${current.VersionNumber} is ${current.RegistrationVersionStatus}; a new version can be created once it is approved, denied or discarded.`);
    }
    // The new draft starts from the current version's answers; the older version becomes read-only.
    const version: RegistrationVersionRecord = {
      VersionNumber: current.VersionNumber + 1,
      RegistrationVersionStatus: 'DRAFT',
      RegistrationVersionStatusHistory: { DraftTimestamp: ctx.now() },
      fieldValues: new Map([...current.fieldValues].map(([path, value]) => [path, { ...value, DeniedReason: undefined }])),
    };
    registration.versions.push(version);
    return versionResult(registration, version);
  },

  SubmitRegistrationVersion(state, input: SubmitRegistrationVersionRequest, ctx): SubmitRegistrationVersionResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const version = currentVersion(registration);
    if (version.RegistrationVersionStatus !== 'DRAFT') {
      const reason = ['SUBMITTED', 'AWS_REVIEWING', 'REVIEWING', 'REQUIRES_AUTHENTICATION', 'REQUIRES_OFFLINE_REVIEW'].includes(version.RegistrationVersionStatus)
        ? 'REGISTRATION_ALREADY_SUBMITTED'
        : 'SUBMIT_REGISTRATION_VERSION_NOT_ALLOWED';
      throw conflict(reason, 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} version ${version.VersionNumber} is ${version.RegistrationVersionStatus}; only a DRAFT version can be submitted.`);
    }
    checkRequiredFields(registration, version);
    const beforeSubmit = registrationTypeOf(registration).definition.SupportedAssociations?.find((a) => a.AssociationBehavior === 'ASSOCIATE_BEFORE_SUBMIT');
    if (beforeSubmit && registration.associations.length === 0) {
      throw invalidField('INVALID_REGISTRATION_ASSOCIATION', 'RegistrationId', `Registration type ${registration.RegistrationType} needs an associated ${beforeSubmit.ResourceType} before it is submitted.`);
    }
    const now = ctx.now();
    const awsReview = input.AwsReview ?? false;
    version.RegistrationVersionStatus = awsReview ? 'AWS_REVIEWING' : 'SUBMITTED';
    Object.assign(version.RegistrationVersionStatusHistory, awsReview ? { SubmittedTimestamp: now, AwsReviewingTimestamp: now } : { SubmittedTimestamp: now });
    return { ...versionResult(registration, version), AwsReview: awsReview };
  },

  DiscardRegistrationVersion(state, input: DiscardRegistrationVersionRequest, ctx): DiscardRegistrationVersionResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const version = currentVersion(registration);
    if (version.RegistrationVersionStatus !== 'DRAFT' || version.VersionNumber === 1) {
      const why = version.VersionNumber === 1 ? 'the first version can only go with the registration (DeleteRegistration)' : `it is ${version.RegistrationVersionStatus}`;
      throw conflict('DISCARD_REGISTRATION_VERSION_NOT_ALLOWED', 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} version ${version.VersionNumber} can't be discarded: ${why}.`);
    }
    version.RegistrationVersionStatus = 'DISCARDED';
    version.RegistrationVersionStatusHistory.DiscardedTimestamp = ctx.now();
    return versionResult(registration, version);
  },

  DescribeRegistrationVersions(state, input: DescribeRegistrationVersionsRequest, ctx): DescribeRegistrationVersionsResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const selected = input.VersionNumbers?.length
      ? [...new Set(input.VersionNumbers.map((n) => getVersion(registration, Number(n), 'VersionNumbers')))]
      : registration.versions;
    const filtered = applyFilters<RegistrationVersionRecord, RegistrationVersionFilterName>(selected, input.Filters, {
      'registration-version-status': (v) => v.RegistrationVersionStatus,
    });
    const page = pageOf(filtered, input, ctx, 'DescribeRegistrationVersions', [registration.RegistrationId, input.VersionNumbers, input.Filters]);
    return { RegistrationArn: registration.RegistrationArn, RegistrationId: registration.RegistrationId, RegistrationVersions: page.items.map(versionInformation), NextToken: page.nextToken };
  },

  CreateRegistrationAssociation(state, input: CreateRegistrationAssociationRequest, ctx): CreateRegistrationAssociationResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const target = resolveAssociationTarget(state, ctx, registrationTypeOf(registration), String(input.ResourceId));
    checkAssociation(registration, target);
    const association = associate(registration, target);
    return { RegistrationArn: registration.RegistrationArn, RegistrationId: registration.RegistrationId, RegistrationType: registration.RegistrationType, ...associationMetadata(association) };
  },

  ListRegistrationAssociations(state, input: ListRegistrationAssociationsRequest, ctx): ListRegistrationAssociationsResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const filtered = applyFilters<RegistrationAssociationRecord, RegistrationAssociationFilterName>(registration.associations, input.Filters, {
      'resource-type': (a) => a.ResourceType,
      'iso-country-code': (a) => a.IsoCountryCode,
    });
    const page = pageOf(filtered, input, ctx, 'ListRegistrationAssociations', [registration.RegistrationId, input.Filters]);
    return {
      RegistrationArn: registration.RegistrationArn,
      RegistrationId: registration.RegistrationId,
      RegistrationType: registration.RegistrationType,
      RegistrationAssociations: page.items.map(associationMetadata),
      NextToken: page.nextToken,
    };
  },
};

/** Module-private: forgets the registration on the identity side of an association. */
function clearRegistrationLink(state: SmsVoiceState, association: RegistrationAssociationRecord): void {
  if (association.ResourceType === 'phone-number') {
    const phone = state.phoneNumbers.get(association.ResourceId);
    if (phone) phone.RegistrationId = undefined;
    return;
  }
  const sender = state.senderIds.get(senderKey(association.ResourceId, association.IsoCountryCode));
  if (sender) sender.RegistrationId = undefined;
}
