import type {
  DescribeRegistrationFieldDefinitionsRequest,
  DescribeRegistrationFieldDefinitionsResult,
  DescribeRegistrationSectionDefinitionsRequest,
  DescribeRegistrationSectionDefinitionsResult,
  DescribeRegistrationTypeDefinitionsRequest,
  DescribeRegistrationTypeDefinitionsResult,
  RegistrationTypeDefinition,
  RegistrationTypeFilterName,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { invalidField } from '../errors';
import { REGISTRATION_TYPES, findRegistrationType, type RegistrationTypeSpec } from '../registrationTypes';
import { applyFilters, pageOf, type SmsHandlerGroup } from './common';
import { getFieldDefinition } from './registration-fields';

/**
 * The registration form catalogue. These are not resources: an unknown type, section or field
 * is a `ValidationException` (`UNKNOWN_REGISTRATION_*`), and the answers are the same in every
 * account and region. Definitions are deep-copied so no caller can change the catalogue.
 */

/** Module-private: the spec of a type, or `ValidationException`. */
function getType(registrationType: string, parameter: string): RegistrationTypeSpec {
  const spec = findRegistrationType(registrationType);
  if (!spec) throw invalidField('UNKNOWN_REGISTRATION_TYPE', parameter, `Unknown registration type "${registrationType}".`);
  return spec;
}

/** Module-private. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/** DescribeRegistrationTypeDefinitions, DescribeRegistrationSectionDefinitions, DescribeRegistrationFieldDefinitions. */
export const registrationDefinitionHandlers: SmsHandlerGroup = {
  DescribeRegistrationTypeDefinitions(_state, input: DescribeRegistrationTypeDefinitionsRequest, ctx): DescribeRegistrationTypeDefinitionsResult {
    const selected = input.RegistrationTypes?.length
      ? [...new Set(input.RegistrationTypes.map((type) => getType(type, 'RegistrationTypes')))]
      : REGISTRATION_TYPES;
    const filtered = applyFilters<RegistrationTypeDefinition, RegistrationTypeFilterName>(
      selected.map((spec) => spec.definition),
      input.Filters,
      {
        'supported-association-resource-type': (d) => (d.SupportedAssociations ?? []).map((a) => String(a.ResourceType)),
        'supported-association-iso-country-code': (d) => (d.SupportedAssociations ?? []).flatMap((a) => (a.IsoCountryCode ? [a.IsoCountryCode] : [])),
      },
    );
    const page = pageOf(filtered, input, ctx, 'DescribeRegistrationTypeDefinitions', [input.RegistrationTypes, input.Filters]);
    return { RegistrationTypeDefinitions: page.items.map(copy), NextToken: page.nextToken };
  },

  DescribeRegistrationSectionDefinitions(_state, input: DescribeRegistrationSectionDefinitionsRequest, ctx): DescribeRegistrationSectionDefinitionsResult {
    const spec = getType(String(input.RegistrationType), 'RegistrationType');
    const selected = input.SectionPaths?.length
      ? [
          ...new Set(
            input.SectionPaths.map((path) => {
              const section = spec.sections.find((s) => s.SectionPath === path);
              if (!section) throw invalidField('UNKNOWN_REGISTRATION_SECTION', 'SectionPaths', `Registration type ${input.RegistrationType} has no section "${path}".`);
              return section;
            }),
          ),
        ]
      : spec.sections;
    const page = pageOf(selected, input, ctx, 'DescribeRegistrationSectionDefinitions', [input.RegistrationType, input.SectionPaths]);
    return { RegistrationType: input.RegistrationType, RegistrationSectionDefinitions: page.items.map(copy), NextToken: page.nextToken };
  },

  DescribeRegistrationFieldDefinitions(_state, input: DescribeRegistrationFieldDefinitionsRequest, ctx): DescribeRegistrationFieldDefinitionsResult {
    const type = String(input.RegistrationType);
    const spec = getType(type, 'RegistrationType');
    if (input.SectionPath !== undefined && !spec.sections.some((s) => s.SectionPath === input.SectionPath)) {
      throw invalidField('UNKNOWN_REGISTRATION_SECTION', 'SectionPath', `Registration type ${type} has no section "${input.SectionPath}".`);
    }
    const selected = input.FieldPaths?.length ? [...new Set(input.FieldPaths.map((path) => getFieldDefinition(type, spec.fields, path, 'FieldPaths')))] : spec.fields;
    const inSection = selected.filter((f) => input.SectionPath === undefined || f.SectionPath === input.SectionPath);
    const page = pageOf(inSection, input, ctx, 'DescribeRegistrationFieldDefinitions', [type, input.SectionPath, input.FieldPaths]);
    return { RegistrationType: type, RegistrationFieldDefinitions: page.items.map(copy), NextToken: page.nextToken };
  },
};
