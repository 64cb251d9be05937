/**
 * Mapper types of the SMS and Voice v2 half of the graph (codegen `smsVoiceMappers`): the SDK output
 * shapes, aliased, plus only the keys an edge needs that the upstream shape does not carry.
 * Request shapes are re-exported so the graph can type write inputs without importing the SDK.
 */
import type {
  AccountAttribute,
  AccountLimit,
  AssociateOriginationIdentityResult,
  CloudWatchLogsDestination,
  ConfigurationSetInformation,
  CreateRegistrationAssociationResult,
  CreateEventDestinationResult,
  DeleteVerifiedDestinationNumberResult,
  EventDestination,
  KeywordInformation,
  KinesisFirehoseDestination,
  MessageType,
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
  SpendLimit,
  SpendLimitName,
  SupportedAssociation,
  Tag,
  TextValidation,
  VerifiedDestinationNumberInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';

export type {
  AssociateOriginationIdentityRequest,
  CreateConfigurationSetRequest,
  CreateOptOutListRequest,
  CreateEventDestinationRequest,
  CreatePoolRequest,
  CreateRegistrationAttachmentRequest,
  CreateRegistrationRequest,
  CreateVerifiedDestinationNumberRequest,
  PutKeywordRequest,
  PutOptedOutNumberRequest,
  PutRegistrationFieldValueRequest,
  RequestPhoneNumberRequest,
  RequestSenderIdRequest,
  SendDestinationNumberVerificationCodeRequest,
  SendTextMessageRequest,
  SendVoiceMessageRequest,
  UpdateEventDestinationRequest,
  UpdatePhoneNumberRequest,
  UpdatePoolRequest,
  UpdateSenderIdRequest,
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

/**
 * A keyword of a phone number or pool (`KeywordInformation`); `OriginationIdentity` and its ARN
 * (not in the SDK item, but in the DescribeKeywords answer around it) let the keyword reach its owner.
 */
export type KeywordModel = KeywordInformation & { readonly OriginationIdentity: string; readonly OriginationIdentityArn?: string };

/** The key of a keyword: keywords are unique only within one phone number or pool. */
export interface KeywordKey {
  /** The PhoneNumberId or PoolId (or an ARN of one). */
  readonly originationIdentity: string;
  readonly keyword: string;
}

/** A verified destination number (`VerifiedDestinationNumberInformation`). */
export type VerifiedDestinationNumberModel = VerifiedDestinationNumberInformation;

/** The result of DeleteVerifiedDestinationNumber: the number without its status, which the operation does not return. */
export type DeletedVerifiedDestinationNumberModel = Omit<DeleteVerifiedDestinationNumberResult, '$metadata'>;

/** The key of an opted-out number lookup: numbers are unique only within one opt-out list. */
export interface OptedOutNumberKey {
  /** The opt-out list's name (or ARN). */
  readonly optOutListName: string;
  /** The number in E.164 format. */
  readonly number: string;
}

/** One monthly spend limit of the account (`SpendLimit`). */
export type SpendLimitModel = SpendLimit;

/** The result of setting or deleting a spend-limit override: the limit now in force and which limit it is. */
export interface SpendLimitOverrideModel {
  readonly Name: SpendLimitName;
  readonly MonthlyLimit?: number;
}

/** The account's SMS v2 settings: nothing is read until a field asks (so no member). */
export type SmsVoiceAccountModel = Readonly<Record<string, never>>;

/** One account attribute (`AccountAttribute`). */
export type AccountAttributeModel = AccountAttribute;

/** One account limit with its usage (`AccountLimit`). */
export type AccountLimitModel = AccountLimit;

/** One tag of an SMS v2 resource (`Tag`, as ListTagsForResource lists it). */
export type SmsVoiceTagModel = Tag;

/** A resource whose tags a tag mutation changed (tags and resource are read again lazily). */
export interface SmsVoiceTaggedResourceModel {
  readonly resourceArn: string;
}

/** The result of setting or deleting a configuration set's default message type or sender ID. */
export interface ConfigurationSetDefaultWriteModel {
  readonly ConfigurationSetArn?: string;
  readonly ConfigurationSetName?: string;
  readonly MessageType?: MessageType;
  readonly SenderId?: string;
}

/** The result of creating, updating or deleting an event destination (names its configuration set). */
export type EventDestinationWriteModel = Omit<CreateEventDestinationResult, '$metadata'>;

/** The result of SendDestinationNumberVerificationCode, with the number it was sent to. */
export interface VerificationCodeSentModel {
  readonly MessageId: string;
  readonly VerifiedDestinationNumberId: string;
}

/** One upstream page (structurally the graph's `UpstreamPage`). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}
