/**
 * Mapper types of the SMS and Voice v2 half of the graph (codegen `smsVoiceMappers`): the SDK output
 * shapes, aliased, plus only the keys an edge needs that the upstream shape does not carry.
 * Request shapes are re-exported so the graph can type write inputs without importing the SDK.
 */
import type {
  AssociateOriginationIdentityResult,
  CloudWatchLogsDestination,
  ConfigurationSetInformation,
  CreateRegistrationAssociationResult,
  EventDestination,
  KinesisFirehoseDestination,
  OptedOutNumberInformation,
  OptOutListInformation,
  OriginationIdentityMetadata,
  PhoneNumberInformation,
  PoolInformation,
  PutOptedOutNumberResult,
  RegistrationAssociationMetadata,
  RegistrationAttachmentsInformation,
  RegistrationDeniedReasonInformation,
  RegistrationFieldDefinition,
  RegistrationFieldDisplayHints,
  RegistrationFieldValueInformation,
  RegistrationInformation,
  RegistrationSectionDefinition,
  RegistrationTypeDefinition,
  RegistrationVersionInformation,
  RegistrationVersionStatusHistory,
  SelectOptionDescription,
  SelectValidation,
  SenderIdInformation,
  SnsDestination,
  SupportedAssociation,
  TextValidation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';

export type {
  AssociateOriginationIdentityRequest,
  CreateConfigurationSetRequest,
  CreateOptOutListRequest,
  CreatePoolRequest,
  CreateRegistrationAttachmentRequest,
  CreateRegistrationRequest,
  PutOptedOutNumberRequest,
  PutRegistrationFieldValueRequest,
  RequestPhoneNumberRequest,
  UpdatePhoneNumberRequest,
  UpdatePoolRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';

/**
 * A phone number (`PhoneNumberInformation`). `poolIdUnknown` marks a value built from an
 * `UpdatePhoneNumber` result, which omits `PoolId`: the `pool` edge must then read the number again.
 */
export type PhoneNumberModel = PhoneNumberInformation & { readonly poolIdUnknown?: true };

/** A pool (`PoolInformation`). */
export type PoolModel = PoolInformation;

/** One origination identity of a pool (`ListPoolOriginationIdentities` item). */
export type PoolOriginationIdentityModel = OriginationIdentityMetadata;

/** The result of associating/disassociating an origination identity with a pool. */
export type OriginationIdentityAssociationModel = AssociateOriginationIdentityResult;

/** An opt-out list (`OptOutListInformation`). */
export type OptOutListModel = OptOutListInformation;

/** An opted-out number (`DescribeOptedOutNumbers` item). */
export type OptedOutNumberModel = OptedOutNumberInformation;

/** The result of putting or deleting an opted-out number (names its list). */
export type OptedOutNumberWriteModel = PutOptedOutNumberResult;

/** A sender ID (`SenderIdInformation`). */
export type SenderIdModel = SenderIdInformation;

/** The key of a sender ID: sender IDs are unique only per country. */
export interface SenderIdKey {
  readonly senderId: string;
  readonly isoCountryCode: string;
}

/** A configuration set (`ConfigurationSetInformation`, event destinations embedded). */
export type ConfigurationSetModel = ConfigurationSetInformation;

/** An event destination embedded in its configuration set. */
export type EventDestinationModel = EventDestination;

/** A CloudWatch Logs event destination. */
export type CloudWatchLogsDestinationModel = CloudWatchLogsDestination;

/** A Firehose event destination. */
export type KinesisFirehoseDestinationModel = KinesisFirehoseDestination;

/** An SNS event destination. */
export type SnsDestinationModel = SnsDestination;

/** A registration (`RegistrationInformation`). */
export type RegistrationModel = RegistrationInformation;

/** A registration version; `RegistrationId` (not in the SDK item) lets the version link back. */
export type RegistrationVersionModel = RegistrationVersionInformation & { readonly RegistrationId: string };

/** The result of a registration-version write (create, submit, discard). */
export type RegistrationVersionWriteModel = RegistrationVersionModel & { readonly RegistrationArn?: string };

/** When a registration version entered each state. */
export type RegistrationVersionStatusHistoryModel = RegistrationVersionStatusHistory;

/** Why a registration version was denied. */
export type RegistrationDeniedReasonModel = RegistrationDeniedReasonInformation;

/** The key of a registration version. */
export interface RegistrationVersionKey {
  readonly registrationId: string;
  readonly versionNumber: number;
}

/**
 * A registration field value; `RegistrationId` and `RegistrationType` (not in the SDK item) let
 * the value reach its registration and its field definition.
 */
export type RegistrationFieldValueModel = RegistrationFieldValueInformation & {
  readonly RegistrationId: string;
  readonly RegistrationType?: string;
  readonly VersionNumber?: number;
};

/** The result of a registration field-value write (put, delete). */
export type RegistrationFieldValueWriteModel = RegistrationFieldValueModel & { readonly RegistrationArn?: string };

/** A registration attachment (`RegistrationAttachmentsInformation`). */
export type RegistrationAttachmentModel = RegistrationAttachmentsInformation;

/** One association of a registration (`ListRegistrationAssociations` item). */
export type RegistrationAssociationModel = RegistrationAssociationMetadata;

/** The result of creating a registration association. */
export type RegistrationAssociationWriteModel = CreateRegistrationAssociationResult;

/** A registration type definition. */
export type RegistrationTypeDefinitionModel = RegistrationTypeDefinition;

/** How a registration type associates and disassociates resources. */
export type RegistrationSupportedAssociationModel = SupportedAssociation;

/** The choices a SELECT field allows. */
export type RegistrationSelectValidationModel = SelectValidation;

/** The text a TEXT field allows. */
export type RegistrationTextValidationModel = TextValidation;

/** A description of one option of a SELECT field. */
export type RegistrationSelectOptionDescriptionModel = SelectOptionDescription;

/** A registration section definition; `RegistrationType` (not in the SDK item) scopes its fields. */
export type RegistrationSectionDefinitionModel = RegistrationSectionDefinition & { readonly RegistrationType: string };

/** A registration field definition; `RegistrationType` (not in the SDK item) reaches its section. */
export type RegistrationFieldDefinitionModel = RegistrationFieldDefinition & { readonly RegistrationType: string };

/** The key of a section or field definition: paths are unique only within a registration type. */
export interface RegistrationDefinitionKey {
  readonly registrationType: string;
  readonly path: string;
}

/** Display hints of a type, section or field definition (the field hints are the superset). */
export type RegistrationDisplayHintsModel = Partial<RegistrationFieldDisplayHints>;

/** One upstream page (structurally the graph's `UpstreamPage`). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}
