import type {
  NumberType,
  RegistrationFieldDefinition,
  RegistrationSectionDefinition,
  RegistrationTypeDefinition,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';

/**
 * The registration forms the emulator knows: a small, fixed set modelled on the real service's
 * US 10DLC, US toll-free and sender-ID registrations (the reference documents the shapes, not
 * the catalogue). Each type has sections, fields (`<section>.<field>` paths) and the rules for
 * associating origination identities (`SupportedAssociations`).
 *
 * `SupportedAssociation.ResourceType` uses the upper-case names the service's definitions use
 * (`PHONE_NUMBER`, `SENDER_ID`); association records use the ARN resource types
 * (`phone-number`, `sender-id`), as `ListRegistrationAssociations` reports them.
 */

/** One registration type: its public definitions plus emulator-only association constraints. */
export interface RegistrationTypeSpec {
  readonly definition: RegistrationTypeDefinition;
  readonly sections: readonly RegistrationSectionDefinition[];
  readonly fields: readonly RegistrationFieldDefinition[];
  /** Number types a phone number must have to be associated (e.g. only TOLL_FREE for toll-free). */
  readonly phoneNumberTypes?: readonly NumberType[];
}

/** Module-private: a section definition. */
function section(sectionPath: string, title: string, shortDescription: string): RegistrationSectionDefinition {
  return { SectionPath: sectionPath, DisplayHints: { Title: title, ShortDescription: shortDescription } };
}

/** Module-private: a free-text field. */
function textField(
  fieldPath: string,
  requirement: 'REQUIRED' | 'OPTIONAL',
  title: string,
  validation: { min: number; max: number; pattern: string; example: string },
): RegistrationFieldDefinition {
  return {
    SectionPath: fieldPath.split('.')[0],
    FieldPath: fieldPath,
    FieldType: 'TEXT',
    FieldRequirement: requirement,
    TextValidation: { MinLength: validation.min, MaxLength: validation.max, Pattern: validation.pattern },
    DisplayHints: { Title: title, ShortDescription: title, ExampleTextValue: validation.example },
  };
}

/** Module-private: a choice field. */
function selectField(
  fieldPath: string,
  requirement: 'REQUIRED' | 'OPTIONAL',
  title: string,
  options: string[],
  maxChoices = 1,
): RegistrationFieldDefinition {
  return {
    SectionPath: fieldPath.split('.')[0],
    FieldPath: fieldPath,
    FieldType: 'SELECT',
    FieldRequirement: requirement,
    SelectValidation: { MinChoices: 1, MaxChoices: maxChoices, Options: options },
    DisplayHints: { Title: title, ShortDescription: title, SelectOptionDescriptions: options.map((option) => ({ Option: option })) },
  };
}

/** Module-private: a field whose value is a registration attachment. */
function attachmentField(fieldPath: string, requirement: 'REQUIRED' | 'OPTIONAL', title: string): RegistrationFieldDefinition {
  return {
    SectionPath: fieldPath.split('.')[0],
    FieldPath: fieldPath,
    FieldType: 'ATTACHMENT',
    FieldRequirement: requirement,
    DisplayHints: { Title: title, ShortDescription: `${title} (PDF, JPEG or PNG, at most 1 MiB).` },
  };
}

const companyName = { min: 1, max: 100, pattern: '^.+$', example: 'AnyCompany' };
const freeText = { min: 1, max: 1000, pattern: '^[\\s\\S]+$', example: 'Order 123 has shipped.' };
const email = { min: 3, max: 100, pattern: '^[^@\\s]+@[^@\\s]+$', example: 'support@example.com' };
const e164 = { min: 2, max: 20, pattern: '^\\+[1-9][0-9]{1,18}$', example: '+12065550100' };
const url = { min: 8, max: 500, pattern: '^https?://\\S+$', example: 'https://example.com' };
const taxId = { min: 5, max: 21, pattern: '^[A-Za-z0-9-]+$', example: '12-3456789' };

/** The registration types, in the order `DescribeRegistrationTypeDefinitions` lists them. */
export const REGISTRATION_TYPES: readonly RegistrationTypeSpec[] = [
  {
    definition: {
      RegistrationType: 'SG_SENDER_ID_REGISTRATION',
      SupportedAssociations: [
        { ResourceType: 'SENDER_ID', IsoCountryCode: 'SG', AssociationBehavior: 'ASSOCIATE_BEFORE_SUBMIT', DisassociationBehavior: 'DELETE_REGISTRATION_DISASSOCIATES' },
      ],
      DisplayHints: { Title: 'Singapore sender ID registration', ShortDescription: 'Register an alphanumeric sender ID for Singapore.' },
    },
    sections: [
      section('companyInfo', 'Company information', 'The company that owns the sender ID.'),
      section('senderIdInfo', 'Sender ID information', 'How the sender ID is used.'),
    ],
    fields: [
      textField('companyInfo.companyName', 'REQUIRED', 'Company name', companyName),
      attachmentField('senderIdInfo.letterOfAuthorization', 'REQUIRED', 'Letter of authorization'),
      selectField('senderIdInfo.useCase', 'OPTIONAL', 'Use case', ['TRANSACTIONAL', 'PROMOTIONAL', 'OTP']),
    ],
  },
  {
    definition: {
      RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION',
      DisplayHints: { Title: 'US 10DLC brand registration', ShortDescription: 'Register your company as a 10DLC brand.' },
    },
    sections: [
      section('companyInfo', 'Company information', 'The legal entity behind the brand.'),
      section('contactInfo', 'Contact information', 'How carriers can reach the brand.'),
    ],
    fields: [
      textField('companyInfo.companyName', 'REQUIRED', 'Company name', companyName),
      selectField('companyInfo.legalType', 'REQUIRED', 'Legal type', ['PRIVATE_PROFIT', 'PUBLIC_PROFIT', 'NON_PROFIT', 'GOVERNMENT']),
      selectField('companyInfo.taxIdIssuingCountry', 'REQUIRED', 'Tax ID issuing country', ['US', 'CA']),
      textField('companyInfo.taxId', 'REQUIRED', 'Tax ID', taxId),
      textField('companyInfo.website', 'OPTIONAL', 'Website', url),
      textField('contactInfo.supportEmail', 'REQUIRED', 'Support email', email),
      textField('contactInfo.supportPhoneNumber', 'REQUIRED', 'Support phone number', e164),
    ],
  },
  {
    definition: {
      RegistrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION',
      SupportedAssociations: [
        { ResourceType: 'PHONE_NUMBER', IsoCountryCode: 'US', AssociationBehavior: 'ASSOCIATE_AFTER_COMPLETE', DisassociationBehavior: 'DISASSOCIATE_ALL_CLOSES_REGISTRATION' },
      ],
      DisplayHints: { Title: 'US 10DLC campaign registration', ShortDescription: 'Register a 10DLC campaign; associate 10DLC numbers once it is complete.' },
    },
    sections: [
      section('campaignInfo', 'Campaign information', 'What the campaign sends and why.'),
      section('messageSamples', 'Message samples', 'Examples of the messages the campaign sends.'),
    ],
    fields: [
      textField('campaignInfo.brandRegistrationId', 'REQUIRED', 'Brand registration ID', { min: 1, max: 64, pattern: '^registration-[0-9a-f]{32}$', example: 'registration-0123456789abcdef0123456789abcdef' }),
      selectField('campaignInfo.useCase', 'REQUIRED', 'Use case', ['ACCOUNT_NOTIFICATION', 'CUSTOMER_CARE', 'DELIVERY_NOTIFICATION', 'MARKETING', 'TWO_FACTOR_AUTHENTICATION']),
      textField('campaignInfo.description', 'REQUIRED', 'Campaign description', freeText),
      textField('messageSamples.messageSample1', 'REQUIRED', 'Message sample 1', freeText),
      textField('messageSamples.messageSample2', 'OPTIONAL', 'Message sample 2', freeText),
    ],
    phoneNumberTypes: ['TEN_DLC'],
  },
  {
    definition: {
      RegistrationType: 'US_TOLL_FREE_REGISTRATION',
      SupportedAssociations: [
        { ResourceType: 'PHONE_NUMBER', IsoCountryCode: 'US', AssociationBehavior: 'ASSOCIATE_BEFORE_SUBMIT', DisassociationBehavior: 'DISASSOCIATE_ALL_ALLOWS_DELETE_REGISTRATION' },
      ],
      DisplayHints: { Title: 'US toll-free registration', ShortDescription: 'Verify a US toll-free number before it can send text messages.' },
    },
    sections: [
      section('companyInfo', 'Company information', 'The company that sends the messages.'),
      section('contactInfo', 'Contact information', 'Who to contact about the registration.'),
      section('messagingUseCase', 'Messaging use case', 'What is sent, how often, and how recipients opt in.'),
    ],
    fields: [
      textField('companyInfo.companyName', 'REQUIRED', 'Company name', companyName),
      textField('companyInfo.website', 'REQUIRED', 'Website', url),
      textField('contactInfo.supportEmail', 'REQUIRED', 'Support email', email),
      selectField('messagingUseCase.monthlyMessageVolume', 'REQUIRED', 'Monthly message volume', ['10', '1,000', '10,000', '100,000', '1,000,000']),
      selectField('messagingUseCase.useCaseCategory', 'REQUIRED', 'Use case category', ['ACCOUNT_NOTIFICATIONS', 'DELIVERY_NOTIFICATIONS', 'MARKETING', 'ONE_TIME_PASSWORDS']),
      textField('messagingUseCase.messageSample', 'REQUIRED', 'Message sample', freeText),
      attachmentField('messagingUseCase.optInImage', 'REQUIRED', 'Opt-in workflow image'),
      textField('messagingUseCase.useCaseDetails', 'OPTIONAL', 'Use case details', freeText),
    ],
    phoneNumberTypes: ['TOLL_FREE'],
  },
];

/** The spec of one registration type, or undefined when the type is unknown. */
export function findRegistrationType(registrationType: string): RegistrationTypeSpec | undefined {
  return REGISTRATION_TYPES.find((spec) => spec.definition.RegistrationType === registrationType);
}
