import type {
  DeleteRegistrationFieldValueRequest,
  DeleteRegistrationFieldValueResult,
  DescribeRegistrationFieldValuesRequest,
  DescribeRegistrationFieldValuesResult,
  PutRegistrationFieldValueRequest,
  PutRegistrationFieldValueResult,
  RegistrationFieldDefinition,
  RegistrationFieldValueInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { RequestContext } from '../../types';
import { conflict, invalidField } from '../errors';
import type { FieldValueRecord, RegistrationRecord, SmsVoiceState } from '../store';
import { exactlyOneOf, getAttachment, getRegistration, pageOf, type SmsHandlerGroup } from './common';
import { currentVersion, registrationTypeOf } from './registration-rules';
import { getVersion } from './registrations';

/** The value parameters of PutRegistrationFieldValue; exactly one is given, matching the field's type. */
const VALUE_KINDS = ['TextValue', 'SelectChoices', 'RegistrationAttachmentId'] as const;

/** The parameter that carries a value of each field type. */
const VALUE_KIND_OF_TYPE = { TEXT: 'TextValue', SELECT: 'SelectChoices', ATTACHMENT: 'RegistrationAttachmentId' } as const;

/** The field definition of a path in the registration's type, or `ValidationException` (`UNKNOWN_REGISTRATION_FIELD`). */
export function getFieldDefinition(registrationType: string, fields: readonly RegistrationFieldDefinition[], fieldPath: string, parameter: string): RegistrationFieldDefinition {
  const field = fields.find((f) => f.FieldPath === fieldPath);
  if (!field) throw invalidField('UNKNOWN_REGISTRATION_FIELD', parameter, `Registration type ${registrationType} has no field "${fieldPath}".`);
  return field;
}

/** Module-private: the draft version whose answers may change, or `ConflictException`. */
function editableVersion(registration: RegistrationRecord) {
  const version = currentVersion(registration);
  if (version.RegistrationVersionStatus !== 'DRAFT') {
    throw conflict('EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED', 'registration', registration.RegistrationId, `Registration ${registration.RegistrationId} version ${version.VersionNumber} is ${version.RegistrationVersionStatus}; field values can only change in a DRAFT version (CreateRegistrationVersion starts one).`);
  }
  return version;
}

/** Module-private: checks a value against the field's validation rules. */
function checkValue(state: SmsVoiceState, ctx: RequestContext, field: RegistrationFieldDefinition, input: PutRegistrationFieldValueRequest): FieldValueRecord {
  const path = String(field.FieldPath);
  const kind = exactlyOneOf(input, VALUE_KINDS);
  const expected = VALUE_KIND_OF_TYPE[field.FieldType as keyof typeof VALUE_KIND_OF_TYPE];
  if (kind !== expected) throw invalidField('FIELD_VALIDATION_FAILED', kind, `Field ${path} is a ${field.FieldType} field; give its value as ${expected}.`);
  switch (field.FieldType) {
    case 'TEXT': {
      const text = String(input.TextValue);
      const rule = field.TextValidation;
      if (rule && (text.length < Number(rule.MinLength) || text.length > Number(rule.MaxLength) || !new RegExp(String(rule.Pattern)).test(text))) {
        throw invalidField('FIELD_VALIDATION_FAILED', 'TextValue', `"${text}" is not a valid ${path}: ${rule.MinLength}-${rule.MaxLength} characters matching ${rule.Pattern}.`);
      }
      return { FieldPath: path, TextValue: text };
    }
    case 'SELECT': {
      const choices = [...new Set(input.SelectChoices ?? [])];
      const rule = field.SelectValidation;
      const unknown = choices.filter((c) => !rule?.Options?.includes(c));
      if (unknown.length > 0) throw invalidField('FIELD_VALIDATION_FAILED', 'SelectChoices', `${unknown.join(', ')} ${unknown.length === 1 ? 'is not an option' : 'are not options'} of ${path} (${rule?.Options?.join(', ')}).`);
      if (rule && (choices.length < Number(rule.MinChoices) || choices.length > Number(rule.MaxChoices))) {
        throw invalidField('FIELD_VALIDATION_FAILED', 'SelectChoices', `${path} takes ${rule.MinChoices}-${rule.MaxChoices} choices; got ${choices.length}.`);
      }
      return { FieldPath: path, SelectChoices: choices };
    }
    case 'ATTACHMENT': {
      const attachment = getAttachment(state, ctx, String(input.RegistrationAttachmentId));
      if (attachment.AttachmentStatus !== 'UPLOAD_COMPLETE') {
        throw invalidField('FIELD_VALIDATION_FAILED', 'RegistrationAttachmentId', `Attachment ${attachment.RegistrationAttachmentId} is ${attachment.AttachmentStatus}, not UPLOAD_COMPLETE.`);
      }
      return { FieldPath: path, RegistrationAttachmentId: attachment.RegistrationAttachmentId };
    }
    default:
      throw new Error(`Field ${path} has unknown type ${String(field.FieldType)}`);
  }
}

/** Module-private: the SDK's `RegistrationFieldValueInformation` of a value. */
function valueInformation(value: FieldValueRecord): RegistrationFieldValueInformation {
  return {
    FieldPath: value.FieldPath,
    SelectChoices: value.SelectChoices && [...value.SelectChoices],
    TextValue: value.TextValue,
    RegistrationAttachmentId: value.RegistrationAttachmentId,
    DeniedReason: value.DeniedReason,
  };
}

/** The answers on a registration's form, version by version. */
export const registrationFieldHandlers: SmsHandlerGroup = {
  PutRegistrationFieldValue(state, input: PutRegistrationFieldValueRequest, ctx): PutRegistrationFieldValueResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const spec = registrationTypeOf(registration);
    const field = getFieldDefinition(registration.RegistrationType, spec.fields, String(input.FieldPath), 'FieldPath');
    const version = editableVersion(registration);
    const value = checkValue(state, ctx, field, input);
    version.fieldValues.set(value.FieldPath, value);
    const { DeniedReason: _denied, ...info } = valueInformation(value);
    return { RegistrationArn: registration.RegistrationArn, RegistrationId: registration.RegistrationId, VersionNumber: version.VersionNumber, ...info, FieldPath: value.FieldPath };
  },

  DeleteRegistrationFieldValue(state, input: DeleteRegistrationFieldValueRequest, ctx): DeleteRegistrationFieldValueResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const spec = registrationTypeOf(registration);
    const field = getFieldDefinition(registration.RegistrationType, spec.fields, String(input.FieldPath), 'FieldPath');
    const version = editableVersion(registration);
    const path = String(field.FieldPath);
    const value = version.fieldValues.get(path);
    if (!value) throw invalidField('INVALID_PARAMETER', 'FieldPath', `Field ${path} of registration ${registration.RegistrationId} version ${version.VersionNumber} has no value to delete.`);
    version.fieldValues.delete(path);
    const { DeniedReason: _denied, ...info } = valueInformation(value);
    return { RegistrationArn: registration.RegistrationArn, RegistrationId: registration.RegistrationId, VersionNumber: version.VersionNumber, ...info, FieldPath: path };
  },

  DescribeRegistrationFieldValues(state, input: DescribeRegistrationFieldValuesRequest, ctx): DescribeRegistrationFieldValuesResult {
    const registration = getRegistration(state, ctx, String(input.RegistrationId));
    const spec = registrationTypeOf(registration);
    const version = input.VersionNumber !== undefined ? getVersion(registration, Number(input.VersionNumber), 'VersionNumber') : currentVersion(registration);
    if (input.SectionPath !== undefined && !spec.sections.some((s) => s.SectionPath === input.SectionPath)) {
      throw invalidField('UNKNOWN_REGISTRATION_SECTION', 'SectionPath', `Registration type ${registration.RegistrationType} has no section "${input.SectionPath}".`);
    }
    const wanted = input.FieldPaths?.length ? new Set(input.FieldPaths.map((p) => getFieldDefinition(registration.RegistrationType, spec.fields, p, 'FieldPaths').FieldPath)) : undefined;
    // Values are listed in the form's order, whatever order they were put in.
    const values = spec.fields
      .filter((f) => (input.SectionPath === undefined || f.SectionPath === input.SectionPath) && (!wanted || wanted.has(f.FieldPath)))
      .map((f) => version.fieldValues.get(String(f.FieldPath)))
      .filter((v): v is FieldValueRecord => v !== undefined);
    const page = pageOf(values, input, ctx, 'DescribeRegistrationFieldValues', [registration.RegistrationId, version.VersionNumber, input.SectionPath, input.FieldPaths]);
    return {
      RegistrationArn: registration.RegistrationArn,
      RegistrationId: registration.RegistrationId,
      VersionNumber: version.VersionNumber,
      RegistrationFieldValues: page.items.map(valueInformation),
      NextToken: page.nextToken,
    };
  },
};
