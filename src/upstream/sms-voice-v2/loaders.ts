import DataLoader from 'dataloader';
import {
  AssociateOriginationIdentityCommand,
  CreateConfigurationSetCommand,
  CreateEventDestinationCommand,
  CreateOptOutListCommand,
  CreatePoolCommand,
  CreateRegistrationAssociationCommand,
  CreateRegistrationAttachmentCommand,
  CreateRegistrationCommand,
  CreateRegistrationVersionCommand,
  CreateVerifiedDestinationNumberCommand,
  DeleteConfigurationSetCommand,
  DeleteDefaultMessageTypeCommand,
  DeleteDefaultSenderIdCommand,
  DeleteEventDestinationCommand,
  DeleteKeywordCommand,
  DeleteOptedOutNumberCommand,
  DeleteOptOutListCommand,
  DeletePoolCommand,
  DeleteRegistrationAttachmentCommand,
  DeleteRegistrationCommand,
  DeleteRegistrationFieldValueCommand,
  DeleteTextMessageSpendLimitOverrideCommand,
  DeleteVerifiedDestinationNumberCommand,
  DeleteVoiceMessageSpendLimitOverrideCommand,
  DescribeAccountAttributesCommand,
  DescribeAccountLimitsCommand,
  DescribeConfigurationSetsCommand,
  DescribeKeywordsCommand,
  DescribeOptedOutNumbersCommand,
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeRegistrationAttachmentsCommand,
  DescribeRegistrationFieldDefinitionsCommand,
  DescribeRegistrationFieldValuesCommand,
  DescribeRegistrationsCommand,
  DescribeRegistrationSectionDefinitionsCommand,
  DescribeRegistrationTypeDefinitionsCommand,
  DescribeRegistrationVersionsCommand,
  DescribeSenderIdsCommand,
  DescribeSpendLimitsCommand,
  DescribeVerifiedDestinationNumbersCommand,
  DisassociateOriginationIdentityCommand,
  DiscardRegistrationVersionCommand,
  ListPoolOriginationIdentitiesCommand,
  ListRegistrationAssociationsCommand,
  ListTagsForResourceCommand,
  PutKeywordCommand,
  PutOptedOutNumberCommand,
  PutRegistrationFieldValueCommand,
  ReleasePhoneNumberCommand,
  ReleaseSenderIdCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  SendDestinationNumberVerificationCodeCommand,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
  SetDefaultMessageTypeCommand,
  SetDefaultSenderIdCommand,
  SetTextMessageSpendLimitOverrideCommand,
  SetVoiceMessageSpendLimitOverrideCommand,
  SubmitRegistrationVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateEventDestinationCommand,
  UpdatePhoneNumberCommand,
  UpdatePoolCommand,
  UpdateSenderIdCommand,
  VerifyDestinationNumberCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type {
  AssociateOriginationIdentityRequest,
  CreateConfigurationSetRequest,
  CreateEventDestinationRequest,
  CreateOptOutListRequest,
  CreatePoolRequest,
  CreateRegistrationAttachmentRequest,
  CreateRegistrationRequest,
  CreateVerifiedDestinationNumberRequest,
  MessageType,
  PinpointSMSVoiceV2Client,
  PutKeywordRequest,
  PutOptedOutNumberRequest,
  PutRegistrationFieldValueRequest,
  RequestPhoneNumberRequest,
  RequestSenderIdRequest,
  ResourceType,
  SendDestinationNumberVerificationCodeRequest,
  SendTextMessageRequest,
  SendVoiceMessageRequest,
  Tag,
  UpdateEventDestinationRequest,
  UpdatePhoneNumberRequest,
  UpdatePoolRequest,
  UpdateSenderIdRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { countedSend, type CallCounter, type CommandOutputOf, type CountableCommand } from '../callCounter';
import { dataLoaderModeOptions, type LoaderOptions } from '../loaderMode';
import { describeInChunks } from './describeBatch';
import {
  allPages,
  createWaveScheduler,
  definitionKeyText,
  FULL_PAGE,
  idFromArn,
  isNotFound,
  keywordKeyText,
  keywordModels,
  MAX_FILTER_VALUES,
  namesId,
  offsetPage,
  optedOutKeyText,
  originationType,
  page,
  primed,
  sameKeyword,
  senderKeyOf,
  senderKeyText,
  versionKeyText,
  writeResult,
} from './loaderKit';
import type {
  AccountAttributeModel,
  AccountLimitModel,
  ConfigurationSetDefaultWriteModel,
  ConfigurationSetModel,
  DeletedVerifiedDestinationNumberModel,
  EventDestinationWriteModel,
  KeywordKey,
  KeywordModel,
  OptedOutNumberKey,
  OptedOutNumberModel,
  OptedOutNumberWriteModel,
  OptOutListModel,
  OriginationIdentityAssociationModel,
  Page,
  PhoneNumberModel,
  PoolModel,
  PoolOriginationIdentityModel,
  RegistrationAssociationModel,
  RegistrationAssociationWriteModel,
  RegistrationAttachmentModel,
  RegistrationDefinitionKey,
  RegistrationFieldDefinitionModel,
  RegistrationFieldValueModel,
  RegistrationFieldValueWriteModel,
  RegistrationModel,
  RegistrationSectionDefinitionModel,
  RegistrationTypeDefinitionModel,
  RegistrationVersionKey,
  RegistrationVersionModel,
  RegistrationVersionWriteModel,
  SenderIdKey,
  SenderIdModel,
  SmsVoiceTagModel,
  SpendLimitModel,
  SpendLimitOverrideModel,
  VerificationCodeSentModel,
  VerifiedDestinationNumberModel,
} from './models';

/** An origination identity or registration association resolved to its object, or null for other resource types. */
export type OriginationResource = { readonly type: 'PhoneNumber'; readonly value: PhoneNumberModel } | { readonly type: 'SenderId'; readonly value: SenderIdModel } | null;

/** What names an origination identity or an associated resource (both list items carry these). */
export interface OriginationReference {
  readonly id?: string;
  readonly arn?: string;
  readonly resourceType?: string;
  readonly isoCountryCode?: string;
}

/**
 * Per-request SMS and Voice v2 loaders, page readers and write calls.
 *
 * - By-ID loaders batch up to 5 IDs per Describe call (see `describeBatch.ts` for how a chunk
 *   with an unknown ID is split), and list reads prime them, so a later `load(id)` is free.
 * - Batches are dispatched in waves (see `createWaveScheduler`): a batch waits for the request's
 *   in-flight SMS v2 calls, so a query costs ceil(distinct IDs / 5) calls per type and wave.
 * - Page reads are memoized for the request (two parents of one child read its page once).
 * - Page readers (`…Page(pageSize, token)`) make exactly one upstream call each, except the
 *   `optOutList…Page` readers, which cut pages from a batched, filtered loader (see there).
 * - Writes return the changed object, and clear or prime the loader entries they changed (a
 *   create also primes `tags` with the tags its answer lists).
 */
export interface SmsVoiceUpstream {
  /** Phone numbers by PhoneNumberId (or ARN): DescribePhoneNumbers, 5 IDs per call. */
  readonly phoneNumber: DataLoader<string, PhoneNumberModel>;
  /** Pools by PoolId (or ARN): DescribePools, 5 IDs per call. */
  readonly pool: DataLoader<string, PoolModel>;
  /** Opt-out lists by name (or ARN): DescribeOptOutLists, 5 names per call. */
  readonly optOutList: DataLoader<string, OptOutListModel>;
  /** Sender IDs by (SenderId, IsoCountryCode): DescribeSenderIds, 5 pairs per call. */
  readonly senderId: DataLoader<SenderIdKey, SenderIdModel, string>;
  /** Configuration sets by name (or ARN): DescribeConfigurationSets, 5 names per call. */
  readonly configurationSet: DataLoader<string, ConfigurationSetModel>;
  /** Registrations by RegistrationId: DescribeRegistrations, 5 IDs per call. */
  readonly registration: DataLoader<string, RegistrationModel>;
  /** Registration versions: DescribeRegistrationVersions, 5 version numbers of one registration per call. */
  readonly registrationVersion: DataLoader<RegistrationVersionKey, RegistrationVersionModel, string>;
  /** Registration attachments by ID: DescribeRegistrationAttachments, 5 IDs per call. */
  readonly registrationAttachment: DataLoader<string, RegistrationAttachmentModel>;
  /** Registration type definitions by type: DescribeRegistrationTypeDefinitions, 5 types per call. */
  readonly registrationTypeDefinition: DataLoader<string, RegistrationTypeDefinitionModel>;
  /** Section definitions by (type, section path): 5 paths of one type per call. */
  readonly registrationSectionDefinition: DataLoader<RegistrationDefinitionKey, RegistrationSectionDefinitionModel, string>;
  /** Field definitions by (type, field path): 5 paths of one type per call. */
  readonly registrationFieldDefinition: DataLoader<RegistrationDefinitionKey, RegistrationFieldDefinitionModel, string>;
  /** Keywords by (phone number or pool, keyword): DescribeKeywords, 5 keywords of one identity per call. */
  readonly keyword: DataLoader<KeywordKey, KeywordModel, string>;
  /** Verified destination numbers by ID (or ARN): DescribeVerifiedDestinationNumbers, 5 IDs per call. */
  readonly verifiedDestinationNumber: DataLoader<string, VerifiedDestinationNumberModel>;
  /**
   * Whether a number is in an opt-out list: DescribeOptedOutNumbers with `OptedOutNumbers`, 5
   * numbers of one list per call. Resolves the opted-out number, or null when the number is not in
   * the list; an unknown list is an error (ResourceNotFoundException) for every number asked of it.
   * This is the loader the Pinpoint half uses to ask "is this endpoint's address opted out":
   * `ctx.smsVoice.optedOutNumber.load({ optOutListName, number })`.
   */
  readonly optedOutNumber: DataLoader<OptedOutNumberKey, OptedOutNumberModel | null, string>;
  /** Tags by resource ARN: one ListTagsForResource per distinct ARN (the operation takes one ARN). */
  readonly tags: DataLoader<string, readonly SmsVoiceTagModel[]>;
  /**
   * Every phone number using an opt-out list, by list name: DescribePhoneNumbers filtered on
   * `opt-out-list-name` with up to 20 names per call (every page of 100 is read); primes `phoneNumber`.
   */
  readonly phoneNumbersByOptOutList: DataLoader<string, readonly PhoneNumberModel[]>;
  /** Every pool using an opt-out list, by list name: DescribePools filtered the same way; primes `pool`. */
  readonly poolsByOptOutList: DataLoader<string, readonly PoolModel[]>;
  /**
   * Every sender ID with a name, whatever its country: DescribeSenderIds filtered on `sender-id`
   * with up to 20 names per call (every page of 100 is read); primes `senderId`.
   */
  readonly senderIdsByName: DataLoader<string, readonly SenderIdModel[]>;

  /** One page of the account's phone numbers (primes `phoneNumber`). */
  phoneNumbersPage(pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>>;
  /** One page of the account's pools (primes `pool`). */
  poolsPage(pageSize: number, token: string | undefined): Promise<Page<PoolModel>>;
  /** One page of the account's opt-out lists (primes `optOutList`). */
  optOutListsPage(pageSize: number, token: string | undefined): Promise<Page<OptOutListModel>>;
  /** One page of the account's sender IDs (primes `senderId`). */
  senderIdsPage(pageSize: number, token: string | undefined): Promise<Page<SenderIdModel>>;
  /** One page of the account's configuration sets (primes `configurationSet`). */
  configurationSetsPage(pageSize: number, token: string | undefined): Promise<Page<ConfigurationSetModel>>;
  /** One page of the account's registrations (primes `registration`). */
  registrationsPage(pageSize: number, token: string | undefined): Promise<Page<RegistrationModel>>;
  /** One page of the account's registration attachments (primes `registrationAttachment`). */
  registrationAttachmentsPage(pageSize: number, token: string | undefined): Promise<Page<RegistrationAttachmentModel>>;
  /** One page of the registration type definitions (primes `registrationTypeDefinition`). */
  registrationTypeDefinitionsPage(pageSize: number, token: string | undefined): Promise<Page<RegistrationTypeDefinitionModel>>;
  /** One page of a pool's origination identities (ListPoolOriginationIdentities). */
  poolOriginationIdentitiesPage(poolId: string, pageSize: number, token: string | undefined): Promise<Page<PoolOriginationIdentityModel>>;
  /**
   * One page of a pool's phone numbers: one ListPoolOriginationIdentities page whose phone-number
   * identities are then loaded through `phoneNumber` (batched). Sender IDs in the pool are skipped,
   * so a page may hold fewer than `pageSize` numbers.
   */
  poolPhoneNumbersPage(poolId: string, pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>>;
  /** One page of an opt-out list's opted-out numbers (DescribeOptedOutNumbers). */
  optedOutNumbersPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<OptedOutNumberModel>>;
  /** One page of a registration's versions (primes `registrationVersion`). */
  registrationVersionsPage(registrationId: string, pageSize: number, token: string | undefined): Promise<Page<RegistrationVersionModel>>;
  /** One page of a registration's field values (of `versionNumber`, default the current version). */
  registrationFieldValuesPage(
    registration: { readonly registrationId: string; readonly registrationType?: string },
    versionNumber: number | undefined,
    pageSize: number,
    token: string | undefined,
  ): Promise<Page<RegistrationFieldValueModel>>;
  /** Every field value of a registration version (all pages of 100), for derived edges such as attachments. */
  allRegistrationFieldValues(registrationId: string, versionNumber: number | undefined): Promise<readonly RegistrationFieldValueModel[]>;
  /** One page of a registration's associations (ListRegistrationAssociations). */
  registrationAssociationsPage(registrationId: string, pageSize: number, token: string | undefined): Promise<Page<RegistrationAssociationModel>>;
  /** One page of a registration type's section definitions (primes `registrationSectionDefinition`). */
  registrationSectionDefinitionsPage(registrationType: string, pageSize: number, token: string | undefined): Promise<Page<RegistrationSectionDefinitionModel>>;
  /** One page of a registration type's field definitions, optionally of one section (primes `registrationFieldDefinition`). */
  registrationFieldDefinitionsPage(
    registrationType: string,
    sectionPath: string | undefined,
    pageSize: number,
    token: string | undefined,
  ): Promise<Page<RegistrationFieldDefinitionModel>>;
  /** Resolves a pool member or registration association to its phone number or sender ID (batched loaders). */
  originationResource(reference: OriginationReference): Promise<OriginationResource>;
  /** One page of a phone number's or pool's keywords (DescribeKeywords; primes `keyword`). */
  keywordsPage(originationIdentity: string, pageSize: number, token: string | undefined): Promise<Page<KeywordModel>>;
  /** One page of the account's verified destination numbers (primes `verifiedDestinationNumber`). */
  verifiedDestinationNumbersPage(pageSize: number, token: string | undefined): Promise<Page<VerifiedDestinationNumberModel>>;
  /**
   * One page of the phone numbers using an opt-out list, cut from `phoneNumbersByOptOutList` (so
   * sibling lists share its calls); the page tokens are offsets into that answer.
   */
  optOutListPhoneNumbersPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>>;
  /** One page of the pools using an opt-out list, cut from `poolsByOptOutList` the same way. */
  optOutListPoolsPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<PoolModel>>;
  /** One page of the account's monthly spend limits (DescribeSpendLimits). */
  spendLimitsPage(pageSize: number, token: string | undefined): Promise<Page<SpendLimitModel>>;
  /** One spend limit by name (every DescribeSpendLimits page, memoized for the request); null when the account has none by that name. */
  spendLimit(name: string): Promise<SpendLimitModel | null>;
  /** One page of the account's attributes (DescribeAccountAttributes). */
  accountAttributesPage(pageSize: number, token: string | undefined): Promise<Page<AccountAttributeModel>>;
  /** One page of the account's limits and their usage (DescribeAccountLimits). */
  accountLimitsPage(pageSize: number, token: string | undefined): Promise<Page<AccountLimitModel>>;

  /** RequestPhoneNumber; primes `phoneNumber`. */
  requestPhoneNumber(input: RequestPhoneNumberRequest): Promise<PhoneNumberModel>;
  /** UpdatePhoneNumber; its result omits PoolId, so the value is marked `poolIdUnknown`. */
  updatePhoneNumber(input: UpdatePhoneNumberRequest): Promise<PhoneNumberModel>;
  /** ReleasePhoneNumber; the released number (status DELETED). */
  releasePhoneNumber(phoneNumberId: string): Promise<PhoneNumberModel>;
  /** CreatePool; primes `pool`. */
  createPool(input: CreatePoolRequest): Promise<PoolModel>;
  /** UpdatePool; primes `pool`. */
  updatePool(input: UpdatePoolRequest): Promise<PoolModel>;
  /** DeletePool; the deleted pool. */
  deletePool(poolId: string): Promise<PoolModel>;
  /** AssociateOriginationIdentity. */
  associateOriginationIdentity(input: AssociateOriginationIdentityRequest): Promise<OriginationIdentityAssociationModel>;
  /** DisassociateOriginationIdentity. */
  disassociateOriginationIdentity(input: AssociateOriginationIdentityRequest): Promise<OriginationIdentityAssociationModel>;
  /** CreateOptOutList; primes `optOutList`. */
  createOptOutList(input: CreateOptOutListRequest): Promise<OptOutListModel>;
  /** DeleteOptOutList; the deleted list. */
  deleteOptOutList(optOutListName: string): Promise<OptOutListModel>;
  /** PutOptedOutNumber. */
  putOptedOutNumber(input: PutOptedOutNumberRequest): Promise<OptedOutNumberWriteModel>;
  /** DeleteOptedOutNumber. */
  deleteOptedOutNumber(input: PutOptedOutNumberRequest): Promise<OptedOutNumberWriteModel>;
  /** CreateRegistration; primes `registration`. */
  createRegistration(input: CreateRegistrationRequest): Promise<RegistrationModel>;
  /** DeleteRegistration; the deleted registration. */
  deleteRegistration(registrationId: string): Promise<RegistrationModel>;
  /** PutRegistrationFieldValue. */
  putRegistrationFieldValue(input: PutRegistrationFieldValueRequest): Promise<RegistrationFieldValueWriteModel>;
  /** DeleteRegistrationFieldValue. */
  deleteRegistrationFieldValue(registrationId: string, fieldPath: string): Promise<RegistrationFieldValueWriteModel>;
  /** CreateRegistrationVersion; clears the registration (its current version changes). */
  createRegistrationVersion(registrationId: string): Promise<RegistrationVersionWriteModel>;
  /** SubmitRegistrationVersion; clears the registration (its status changes). */
  submitRegistrationVersion(registrationId: string): Promise<RegistrationVersionWriteModel>;
  /** DiscardRegistrationVersion; clears the registration. */
  discardRegistrationVersion(registrationId: string): Promise<RegistrationVersionWriteModel>;
  /** CreateRegistrationAssociation; clears the associated resource (its RegistrationId changes). */
  createRegistrationAssociation(registrationId: string, resourceId: string): Promise<RegistrationAssociationWriteModel>;
  /** CreateRegistrationAttachment. */
  createRegistrationAttachment(input: CreateRegistrationAttachmentRequest): Promise<RegistrationAttachmentModel>;
  /** CreateConfigurationSet; primes `configurationSet`. */
  createConfigurationSet(input: CreateConfigurationSetRequest): Promise<ConfigurationSetModel>;
  /** DeleteConfigurationSet; the deleted set. */
  deleteConfigurationSet(configurationSetName: string): Promise<ConfigurationSetModel>;
  /** CreateEventDestination; clears the configuration set (its destinations changed). */
  createEventDestination(input: CreateEventDestinationRequest): Promise<EventDestinationWriteModel>;
  /** UpdateEventDestination; clears the configuration set. */
  updateEventDestination(input: UpdateEventDestinationRequest): Promise<EventDestinationWriteModel>;
  /** DeleteEventDestination; the deleted destination; clears the configuration set. */
  deleteEventDestination(configurationSetName: string, eventDestinationName: string): Promise<EventDestinationWriteModel>;
  /** SetDefaultMessageType; clears the configuration set. */
  setDefaultMessageType(configurationSetName: string, messageType: MessageType): Promise<ConfigurationSetDefaultWriteModel>;
  /** DeleteDefaultMessageType; the removed type; clears the configuration set. */
  deleteDefaultMessageType(configurationSetName: string): Promise<ConfigurationSetDefaultWriteModel>;
  /** SetDefaultSenderId; clears the configuration set. */
  setDefaultSenderId(configurationSetName: string, senderId: string): Promise<ConfigurationSetDefaultWriteModel>;
  /** DeleteDefaultSenderId; the removed sender ID; clears the configuration set. */
  deleteDefaultSenderId(configurationSetName: string): Promise<ConfigurationSetDefaultWriteModel>;
  /** RequestSenderId; primes `senderId`. */
  requestSenderId(input: RequestSenderIdRequest): Promise<SenderIdModel>;
  /** UpdateSenderId; primes `senderId`. */
  updateSenderId(input: UpdateSenderIdRequest): Promise<SenderIdModel>;
  /** ReleaseSenderId; the released sender ID. */
  releaseSenderId(key: SenderIdKey): Promise<SenderIdModel>;
  /** PutKeyword; primes `keyword`. */
  putKeyword(input: PutKeywordRequest): Promise<KeywordModel>;
  /** DeleteKeyword; the deleted keyword. */
  deleteKeyword(originationIdentity: string, keyword: string): Promise<KeywordModel>;
  /** DeleteRegistrationAttachment; the deleted attachment. */
  deleteRegistrationAttachment(registrationAttachmentId: string): Promise<RegistrationAttachmentModel>;
  /** CreateVerifiedDestinationNumber; primes `verifiedDestinationNumber`. */
  createVerifiedDestinationNumber(input: CreateVerifiedDestinationNumberRequest): Promise<VerifiedDestinationNumberModel>;
  /** DeleteVerifiedDestinationNumber; the deleted number (without status, which the operation does not return). */
  deleteVerifiedDestinationNumber(verifiedDestinationNumberId: string): Promise<DeletedVerifiedDestinationNumberModel>;
  /** SendDestinationNumberVerificationCode; the message ID and the number it went to. */
  sendDestinationNumberVerificationCode(input: SendDestinationNumberVerificationCodeRequest): Promise<VerificationCodeSentModel>;
  /** VerifyDestinationNumber; primes `verifiedDestinationNumber`. */
  verifyDestinationNumber(verifiedDestinationNumberId: string, verificationCode: string): Promise<VerifiedDestinationNumberModel>;
  /** Set{Text,Voice}MessageSpendLimitOverride; the override now in force. */
  setSpendLimitOverride(channel: SpendLimitChannel, monthlyLimit: number): Promise<SpendLimitOverrideModel>;
  /** Delete{Text,Voice}MessageSpendLimitOverride; the limit now in force. */
  deleteSpendLimitOverride(channel: SpendLimitChannel): Promise<SpendLimitOverrideModel>;
  /** SendTextMessage; the message ID. */
  sendTextMessage(input: SendTextMessageRequest): Promise<{ readonly MessageId: string }>;
  /** SendVoiceMessage; the message ID. */
  sendVoiceMessage(input: SendVoiceMessageRequest): Promise<{ readonly MessageId: string }>;
  /** TagResource; clears the resource's `tags`. */
  tagResource(resourceArn: string, tags: readonly Tag[]): Promise<void>;
  /** UntagResource; clears the resource's `tags`. */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
}

/** The message channels whose monthly spend limit the account can override (seed 003: text and voice). */
export type SpendLimitChannel = 'TEXT' | 'VOICE';

/**
 * Builds the per-request SMS v2 loaders over a shared client; every command is counted in `calls`.
 * `options.mode` `naive` (the benchmark's baseline) turns batching, per-request caching and the page memo off.
 */
export function createSmsVoiceLoaders(client: PinpointSMSVoiceV2Client, calls: CallCounter, options?: LoaderOptions): SmsVoiceUpstream {
  const mode = dataLoaderModeOptions(options);
  // Every command goes through countedSend with this request's counter. The client is seen
  // through a one-signature view: inferred from its overloaded `send`, countedSend's command type
  // would widen to the union of every command and lose the output type.
  const sender = client as unknown as { send(command: CountableCommand): Promise<unknown> };
  const waves = createWaveScheduler();
  const send = <C extends CountableCommand>(command: C): Promise<CommandOutputOf<C>> => waves.track(countedSend<C>(sender, command, calls));
  const batchScheduleFn = waves.schedule;

  // Page reads are memoized for the request, as DataLoader memoizes loads: two parents sharing a
  // child (two numbers of one registration) read its associations page once. A write forgets them.
  const pages = new Map<string, Promise<unknown>>();
  const memoPage = <T>(key: readonly unknown[], read: () => Promise<T>): Promise<T> => {
    if (mode.cache === false) return read();
    const text = JSON.stringify(key);
    let pending = pages.get(text) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      pages.set(text, pending);
    }
    return pending;
  };
  /** Module-private: one memoized page of an account-wide list; `read` sends the paging members as its request. */
  const accountPage = <T>(reader: string, pageSize: number, token: string | undefined, read: (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<T>>): Promise<Page<T>> =>
    memoPage([reader, pageSize, token], () => read({ MaxResults: pageSize, NextToken: token }));
  const sendWrite = async <C extends CountableCommand>(command: C): Promise<CommandOutputOf<C>> => {
    try {
      return await send(command);
    } finally {
      pages.clear();
    }
  };
  /**
   * Module-private: a loader of one resource type by ID, name or ARN (whichever of `namesOf` the
   * key equals), 5 keys per Describe call; a missing key is reported as `describeKey` words it.
   */
  const byIdLoader = <T>(
    resourceType: ResourceType,
    describe: (chunk: string[]) => Promise<readonly T[] | undefined>,
    namesOf: (item: T) => readonly (string | undefined)[],
    describeKey: (key: string) => string = (key) => key,
  ): DataLoader<string, T> =>
    new DataLoader<string, T>(
      (keys) =>
        describeInChunks(keys, {
          resourceType,
          describe: async (chunk) => (await describe([...chunk])) ?? [],
          matches: (item, key) => namesOf(item).includes(key),
          isNamedBy: namesId,
          describeKey,
        }),
      { ...mode, batchScheduleFn },
    );
  /**
   * Module-private: a loader of every item a Describe filter selects, by filter value: up to 20
   * values per call, every page of 100 read, the items handed back by `valueOf`.
   */
  const filteredLoader = <T>(
    describePage: (values: string[], token: string | undefined) => Promise<Page<T>>,
    valueOf: (item: T) => string | undefined,
  ): DataLoader<string, readonly T[]> =>
    new DataLoader<string, readonly T[]>(
      async (values) => {
        const items = await allPages((token) => describePage([...values], token));
        return values.map((value) => items.filter((item) => valueOf(item) === value));
      },
      { ...mode, maxBatchSize: MAX_FILTER_VALUES, batchScheduleFn },
    );

  const phoneNumber = byIdLoader<PhoneNumberModel>(
    'phone-number',
    async (chunk) => (await send(new DescribePhoneNumbersCommand({ PhoneNumberIds: chunk }))).PhoneNumbers,
    (item) => [item.PhoneNumberId, item.PhoneNumberArn],
  );
  const pool = byIdLoader<PoolModel>('pool', async (chunk) => (await send(new DescribePoolsCommand({ PoolIds: chunk }))).Pools, (item) => [item.PoolId, item.PoolArn]);
  const optOutList = byIdLoader<OptOutListModel>(
    'opt-out-list',
    async (chunk) => (await send(new DescribeOptOutListsCommand({ OptOutListNames: chunk }))).OptOutLists,
    (item) => [item.OptOutListName, item.OptOutListArn],
  );
  const senderId = new DataLoader<SenderIdKey, SenderIdModel, string>(
    (keys) =>
      describeInChunks(keys, {
        resourceType: 'sender-id',
        describe: async (chunk) =>
          (await send(new DescribeSenderIdsCommand({ SenderIds: chunk.map((key) => ({ SenderId: key.senderId, IsoCountryCode: key.isoCountryCode })) })))
            .SenderIds ?? [],
        matches: (item, key) => item.SenderId === key.senderId && item.IsoCountryCode === key.isoCountryCode,
        // AWS names a sender ID by its ID (ambiguous across countries: then every key is retried alone) or by ID/country.
        isNamedBy: (resourceId, key) => resourceId === key.senderId || namesId(resourceId, senderKeyText(key)),
        describeKey: senderKeyText,
      }),
    { ...mode, cacheKeyFn: senderKeyText, batchScheduleFn },
  );
  const configurationSet = byIdLoader<ConfigurationSetModel>(
    'configuration-set',
    async (chunk) => (await send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: chunk }))).ConfigurationSets,
    (item) => [item.ConfigurationSetName, item.ConfigurationSetArn],
  );
  const registration = byIdLoader<RegistrationModel>(
    'registration',
    async (chunk) => (await send(new DescribeRegistrationsCommand({ RegistrationIds: chunk }))).Registrations,
    (item) => [item.RegistrationId, item.RegistrationArn],
  );
  const registrationVersion = new DataLoader<RegistrationVersionKey, RegistrationVersionModel, string>(
    (keys) =>
      describeInChunks(keys, {
        resourceType: 'registration',
        groupOf: (key) => key.registrationId,
        describe: async (chunk) => {
          const registrationId = chunk[0].registrationId;
          const out = await send(new DescribeRegistrationVersionsCommand({ RegistrationId: registrationId, VersionNumbers: chunk.map((key) => key.versionNumber) }));
          return (out.RegistrationVersions ?? []).map((version) => ({ ...version, RegistrationId: registrationId }));
        },
        matches: (item, key) => item.VersionNumber === key.versionNumber,
        isNamedBy: (resourceId, key) => resourceId === versionKeyText(key) || resourceId === String(key.versionNumber),
        describeKey: versionKeyText,
      }),
    { ...mode, cacheKeyFn: versionKeyText, batchScheduleFn },
  );
  const registrationAttachment = byIdLoader<RegistrationAttachmentModel>(
    'registration-attachment',
    async (chunk) => (await send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: chunk }))).RegistrationAttachments,
    (item) => [item.RegistrationAttachmentId, item.RegistrationAttachmentArn],
  );
  const registrationTypeDefinition = byIdLoader<RegistrationTypeDefinitionModel>(
    'registration',
    async (chunk) => (await send(new DescribeRegistrationTypeDefinitionsCommand({ RegistrationTypes: chunk }))).RegistrationTypeDefinitions,
    (item) => [item.RegistrationType],
    (type) => `type ${type}`,
  );
  const registrationSectionDefinition = new DataLoader<RegistrationDefinitionKey, RegistrationSectionDefinitionModel, string>(
    (keys) =>
      describeInChunks(keys, {
        resourceType: 'registration',
        groupOf: (key) => key.registrationType,
        describe: async (chunk) => {
          const registrationType = chunk[0].registrationType;
          const out = await send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: registrationType, SectionPaths: chunk.map((key) => key.path) }));
          return (out.RegistrationSectionDefinitions ?? []).map((section) => ({ ...section, RegistrationType: registrationType }));
        },
        matches: (item, key) => item.SectionPath === key.path,
        isNamedBy: (resourceId, key) => resourceId === key.path,
        describeKey: definitionKeyText,
      }),
    { ...mode, cacheKeyFn: definitionKeyText, batchScheduleFn },
  );
  const registrationFieldDefinition = new DataLoader<RegistrationDefinitionKey, RegistrationFieldDefinitionModel, string>(
    (keys) =>
      describeInChunks(keys, {
        resourceType: 'registration',
        groupOf: (key) => key.registrationType,
        describe: async (chunk) => {
          const registrationType = chunk[0].registrationType;
          const out = await send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: registrationType, FieldPaths: chunk.map((key) => key.path) }));
          return (out.RegistrationFieldDefinitions ?? []).map((field) => ({ ...field, RegistrationType: registrationType }));
        },
        matches: (item, key) => item.FieldPath === key.path,
        isNamedBy: (resourceId, key) => resourceId === key.path,
        describeKey: definitionKeyText,
      }),
    { ...mode, cacheKeyFn: definitionKeyText, batchScheduleFn },
  );

  const keyword = new DataLoader<KeywordKey, KeywordModel, string>(
    (keys) =>
      describeInChunks(keys, {
        resourceType: 'keyword',
        groupOf: (key) => key.originationIdentity,
        describe: async (chunk) => {
          const out = await send(new DescribeKeywordsCommand({ OriginationIdentity: chunk[0].originationIdentity, Keywords: chunk.map((key) => key.keyword) }));
          return keywordModels(out.Keywords, out.OriginationIdentity ?? chunk[0].originationIdentity, out.OriginationIdentityArn);
        },
        // Keywords match case-insensitively (an end user's "stop" is STOP).
        matches: (item, key) => sameKeyword(item.Keyword, key.keyword),
        isNamedBy: (resourceId, key) => sameKeyword(resourceId, key.keyword),
        describeKey: keywordKeyText,
        // An unknown phone number or pool fails every keyword asked of it.
        failsChunk: (error) => isNotFound(error, ['phone-number', 'pool']),
      }),
    { ...mode, cacheKeyFn: keywordKeyText, batchScheduleFn },
  );
  const verifiedDestinationNumber = byIdLoader<VerifiedDestinationNumberModel>(
    'verified-destination-number',
    async (chunk) => (await send(new DescribeVerifiedDestinationNumbersCommand({ VerifiedDestinationNumberIds: chunk }))).VerifiedDestinationNumbers,
    (item) => [item.VerifiedDestinationNumberId, item.VerifiedDestinationNumberArn],
  );
  const optedOutNumber = new DataLoader<OptedOutNumberKey, OptedOutNumberModel | null, string>(
    async (keys) => {
      const answers = await describeInChunks(keys, {
        resourceType: 'opted-out-number',
        groupOf: (key) => key.optOutListName,
        describe: async (chunk) =>
          (await send(new DescribeOptedOutNumbersCommand({ OptOutListName: chunk[0].optOutListName, OptedOutNumbers: chunk.map((key) => key.number) }))).OptedOutNumbers ?? [],
        matches: (item, key) => item.OptedOutNumber === key.number,
        isNamedBy: (resourceId, key) => resourceId === key.number,
        describeKey: optedOutKeyText,
        failsChunk: (error) => isNotFound(error, ['opt-out-list']),
      });
      // A number the list does not hold is not opted out: null, not an error.
      return answers.map((answer) => (isNotFound(answer, ['opted-out-number']) ? null : answer));
    },
    { ...mode, cacheKeyFn: optedOutKeyText, batchScheduleFn },
  );
  const tags = new DataLoader<string, readonly SmsVoiceTagModel[]>(
    (arns) =>
      Promise.all(
        arns.map(async (arn) => {
          try {
            return (await send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [];
          } catch (error) {
            return error instanceof Error ? error : new Error(`ListTagsForResource failed with a non-Error value: ${String(error)}`);
          }
        }),
      ),
    { ...mode, batchScheduleFn },
  );
  // List answers prime the by-ID loaders through these, whichever read brought them.
  const primePhoneNumber = (item: PhoneNumberModel): unknown => item.PhoneNumberId !== undefined && phoneNumber.prime(item.PhoneNumberId, item);
  const primePool = (item: PoolModel): unknown => item.PoolId !== undefined && pool.prime(item.PoolId, item);
  const primeSenderId = (item: SenderIdModel): unknown => senderId.prime({ senderId: item.SenderId ?? '', isoCountryCode: item.IsoCountryCode ?? '' }, item);

  const phoneNumbersByOptOutList = filteredLoader<PhoneNumberModel>(async (names, token) => {
    const out = await send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'opt-out-list-name', Values: names }], MaxResults: FULL_PAGE, NextToken: token }));
    return primed(out.PhoneNumbers, out.NextToken, primePhoneNumber);
  }, (item) => item.OptOutListName);
  const poolsByOptOutList = filteredLoader<PoolModel>(async (names, token) => {
    const out = await send(new DescribePoolsCommand({ Filters: [{ Name: 'opt-out-list-name', Values: names }], MaxResults: FULL_PAGE, NextToken: token }));
    return primed(out.Pools, out.NextToken, primePool);
  }, (item) => item.OptOutListName);
  const senderIdsByName = filteredLoader<SenderIdModel>(async (names, token) => {
    const out = await send(new DescribeSenderIdsCommand({ Filters: [{ Name: 'sender-id', Values: names }], MaxResults: FULL_PAGE, NextToken: token }));
    return primed(out.SenderIds, out.NextToken, primeSenderId);
  }, (item) => item.SenderId);

  /** Module-private: replaces a loader entry with a value a write returned. */
  function reprime<K, V>(loader: DataLoader<K, V, unknown>, key: K | undefined, value: V): V {
    if (key !== undefined) loader.clear(key).prime(key, value);
    return value;
  }

  const upstream: SmsVoiceUpstream = {
    phoneNumber,
    pool,
    optOutList,
    senderId,
    configurationSet,
    registration,
    registrationVersion,
    registrationAttachment,
    registrationTypeDefinition,
    registrationSectionDefinition,
    registrationFieldDefinition,
    keyword,
    verifiedDestinationNumber,
    optedOutNumber,
    tags,
    phoneNumbersByOptOutList,
    poolsByOptOutList,
    senderIdsByName,

    phoneNumbersPage(pageSize, token) {
      return accountPage('phoneNumbersPage', pageSize, token, async (paging) => {
        const out = await send(new DescribePhoneNumbersCommand(paging));
        return primed(out.PhoneNumbers, out.NextToken, primePhoneNumber);
      });
    },
    poolsPage(pageSize, token) {
      return accountPage('poolsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribePoolsCommand(paging));
        return primed(out.Pools, out.NextToken, primePool);
      });
    },
    optOutListsPage(pageSize, token) {
      return accountPage('optOutListsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeOptOutListsCommand(paging));
        return primed(out.OptOutLists, out.NextToken, (item) => item.OptOutListName !== undefined && optOutList.prime(item.OptOutListName, item));
      });
    },
    senderIdsPage(pageSize, token) {
      return accountPage('senderIdsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeSenderIdsCommand(paging));
        return primed(out.SenderIds, out.NextToken, primeSenderId);
      });
    },
    configurationSetsPage(pageSize, token) {
      return accountPage('configurationSetsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeConfigurationSetsCommand(paging));
        return primed(out.ConfigurationSets, out.NextToken, (item) => item.ConfigurationSetName !== undefined && configurationSet.prime(item.ConfigurationSetName, item));
      });
    },
    registrationsPage(pageSize, token) {
      return accountPage('registrationsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationsCommand(paging));
        return primed(out.Registrations, out.NextToken, (item) => item.RegistrationId !== undefined && registration.prime(item.RegistrationId, item));
      });
    },
    registrationAttachmentsPage(pageSize, token) {
      return accountPage('registrationAttachmentsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationAttachmentsCommand(paging));
        return primed(out.RegistrationAttachments, out.NextToken, (item) => item.RegistrationAttachmentId !== undefined && registrationAttachment.prime(item.RegistrationAttachmentId, item));
      });
    },
    registrationTypeDefinitionsPage(pageSize, token) {
      return accountPage('registrationTypeDefinitionsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationTypeDefinitionsCommand(paging));
        return primed(out.RegistrationTypeDefinitions, out.NextToken, (item) => item.RegistrationType !== undefined && registrationTypeDefinition.prime(item.RegistrationType, item));
      });
    },
    poolOriginationIdentitiesPage(poolId, pageSize, token) {
      return memoPage(['poolOriginationIdentitiesPage', poolId, pageSize, token], async () => {
        const out = await send(new ListPoolOriginationIdentitiesCommand({ PoolId: poolId, MaxResults: pageSize, NextToken: token }));
        return page(out.OriginationIdentities, out.NextToken);
      });
    },
    poolPhoneNumbersPage(poolId, pageSize, token) {
      return memoPage(['poolPhoneNumbersPage', poolId, pageSize, token], async () => {
        const members = await upstream.poolOriginationIdentitiesPage(poolId, pageSize, token);
        const ids = members.items.filter((member) => originationType(member.OriginationIdentityArn, undefined) === 'phone-number').map((member) => member.OriginationIdentity ?? '');
        const numbers = await phoneNumber.loadMany(ids);
        const failure = numbers.find((value): value is Error => value instanceof Error);
        if (failure) throw failure;
        return { items: numbers as PhoneNumberModel[], nextToken: members.nextToken };
      });
    },
    optedOutNumbersPage(optOutListName, pageSize, token) {
      return memoPage(['optedOutNumbersPage', optOutListName, pageSize, token], async () => {
        const out = await send(new DescribeOptedOutNumbersCommand({ OptOutListName: optOutListName, MaxResults: pageSize, NextToken: token }));
        return page(out.OptedOutNumbers, out.NextToken);
      });
    },
    registrationVersionsPage(registrationId, pageSize, token) {
      return memoPage(['registrationVersionsPage', registrationId, pageSize, token], async () => {
        const out = await send(new DescribeRegistrationVersionsCommand({ RegistrationId: registrationId, MaxResults: pageSize, NextToken: token }));
        const versions = (out.RegistrationVersions ?? []).map((version) => ({ ...version, RegistrationId: registrationId }));
        return primed(versions, out.NextToken, (item) => item.VersionNumber !== undefined && registrationVersion.prime({ registrationId, versionNumber: item.VersionNumber }, item));
      });
    },
    registrationFieldValuesPage(owner, versionNumber, pageSize, token) {
      return memoPage(['registrationFieldValuesPage', owner, versionNumber, pageSize, token], async () => {
        const out = await send(
          new DescribeRegistrationFieldValuesCommand({ RegistrationId: owner.registrationId, VersionNumber: versionNumber, MaxResults: pageSize, NextToken: token }),
        );
        const values = (out.RegistrationFieldValues ?? []).map((value) => ({
          ...value,
          RegistrationId: owner.registrationId,
          RegistrationType: owner.registrationType,
          VersionNumber: out.VersionNumber,
        }));
        return page(values, out.NextToken);
      });
    },
    allRegistrationFieldValues(registrationId, versionNumber) {
      return allPages((token) => upstream.registrationFieldValuesPage({ registrationId }, versionNumber, FULL_PAGE, token));
    },
    registrationAssociationsPage(registrationId, pageSize, token) {
      return memoPage(['registrationAssociationsPage', registrationId, pageSize, token], async () => {
        const out = await send(new ListRegistrationAssociationsCommand({ RegistrationId: registrationId, MaxResults: pageSize, NextToken: token }));
        return page(out.RegistrationAssociations, out.NextToken);
      });
    },
    registrationSectionDefinitionsPage(registrationType, pageSize, token) {
      return memoPage(['registrationSectionDefinitionsPage', registrationType, pageSize, token], async () => {
        const out = await send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: registrationType, MaxResults: pageSize, NextToken: token }));
        const sections = (out.RegistrationSectionDefinitions ?? []).map((section) => ({ ...section, RegistrationType: registrationType }));
        return primed(sections, out.NextToken, (item) => item.SectionPath !== undefined && registrationSectionDefinition.prime({ registrationType, path: item.SectionPath }, item));
      });
    },
    registrationFieldDefinitionsPage(registrationType, sectionPath, pageSize, token) {
      return memoPage(['registrationFieldDefinitionsPage', registrationType, sectionPath, pageSize, token], async () => {
        const out = await send(
          new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: registrationType, SectionPath: sectionPath, MaxResults: pageSize, NextToken: token }),
        );
        const fields = (out.RegistrationFieldDefinitions ?? []).map((field) => ({ ...field, RegistrationType: registrationType }));
        return primed(fields, out.NextToken, (item) => item.FieldPath !== undefined && registrationFieldDefinition.prime({ registrationType, path: item.FieldPath }, item));
      });
    },
    async originationResource(reference) {
      const id = reference.id ?? idFromArn(reference.arn);
      if (id === undefined) return null;
      const type = originationType(reference.arn, reference.resourceType);
      if (type === 'phone-number') return { type: 'PhoneNumber', value: await phoneNumber.load(id) };
      if (type === 'sender-id' && reference.isoCountryCode !== undefined) {
        return { type: 'SenderId', value: await senderId.load({ senderId: id, isoCountryCode: reference.isoCountryCode }) };
      }
      return null;
    },
    keywordsPage(originationIdentity, pageSize, token) {
      return memoPage(['keywordsPage', originationIdentity, pageSize, token], async () => {
        const out = await send(new DescribeKeywordsCommand({ OriginationIdentity: originationIdentity, MaxResults: pageSize, NextToken: token }));
        const owner = out.OriginationIdentity ?? originationIdentity;
        return primed(keywordModels(out.Keywords, owner, out.OriginationIdentityArn), out.NextToken, (item) => {
          // Primed under both the ID the caller used and the one AWS answered with (an ARN and an ID name the same owner).
          for (const name of new Set([originationIdentity, owner])) keyword.prime({ originationIdentity: name, keyword: item.Keyword ?? '' }, item);
        });
      });
    },
    verifiedDestinationNumbersPage(pageSize, token) {
      return accountPage('verifiedDestinationNumbersPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeVerifiedDestinationNumbersCommand(paging));
        return primed(
          out.VerifiedDestinationNumbers,
          out.NextToken,
          (item) => item.VerifiedDestinationNumberId !== undefined && verifiedDestinationNumber.prime(item.VerifiedDestinationNumberId, item),
        );
      });
    },
    async optOutListPhoneNumbersPage(optOutListName, pageSize, token) {
      return offsetPage(await phoneNumbersByOptOutList.load(optOutListName), pageSize, token);
    },
    async optOutListPoolsPage(optOutListName, pageSize, token) {
      return offsetPage(await poolsByOptOutList.load(optOutListName), pageSize, token);
    },
    spendLimitsPage(pageSize, token) {
      return accountPage('spendLimitsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeSpendLimitsCommand(paging));
        return page(out.SpendLimits, out.NextToken);
      });
    },
    async spendLimit(name) {
      const limits = await memoPage(['allSpendLimits'], () => allPages((token) => upstream.spendLimitsPage(FULL_PAGE, token)));
      return limits.find((limit) => limit.Name === name) ?? null;
    },
    accountAttributesPage(pageSize, token) {
      return accountPage('accountAttributesPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeAccountAttributesCommand(paging));
        return page(out.AccountAttributes, out.NextToken);
      });
    },
    accountLimitsPage(pageSize, token) {
      return accountPage('accountLimitsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeAccountLimitsCommand(paging));
        return page(out.AccountLimits, out.NextToken);
      });
    },

    async requestPhoneNumber(input) {
      const out = await sendWrite(new RequestPhoneNumberCommand(input));
      primeTags(out.PhoneNumberArn, out.Tags);
      return reprime(phoneNumber, out.PhoneNumberId, writeResult<PhoneNumberModel>(out));
    },
    async updatePhoneNumber(input) {
      const out = await sendWrite(new UpdatePhoneNumberCommand(input));
      if (out.PhoneNumberId !== undefined) phoneNumber.clear(out.PhoneNumberId);
      phoneNumber.clear(input.PhoneNumberId ?? '');
      return { ...writeResult<PhoneNumberModel>(out), poolIdUnknown: true };
    },
    async releasePhoneNumber(phoneNumberId) {
      const out = await sendWrite(new ReleasePhoneNumberCommand({ PhoneNumberId: phoneNumberId }));
      phoneNumber.clear(phoneNumberId);
      if (out.PhoneNumberId !== undefined) phoneNumber.clear(out.PhoneNumberId);
      return writeResult<PhoneNumberModel>(out);
    },
    async createPool(input) {
      const out = await sendWrite(new CreatePoolCommand(input));
      primeTags(out.PoolArn, out.Tags);
      // The first origination identity now belongs to the pool: its cached PoolId is stale.
      phoneNumber.clear(input.OriginationIdentity ?? '');
      senderId.clearAll();
      return reprime(pool, out.PoolId, writeResult<PoolModel>(out));
    },
    async updatePool(input) {
      const out = await sendWrite(new UpdatePoolCommand(input));
      pool.clear(input.PoolId ?? '');
      return reprime(pool, out.PoolId, writeResult<PoolModel>(out));
    },
    async deletePool(poolId) {
      const out = await sendWrite(new DeletePoolCommand({ PoolId: poolId }));
      pool.clear(poolId);
      if (out.PoolId !== undefined) pool.clear(out.PoolId);
      // Every member left the pool.
      phoneNumber.clearAll();
      senderId.clearAll();
      return writeResult<PoolModel>({ DeletionProtectionEnabled: false, ...out });
    },
    async associateOriginationIdentity(input) {
      const out = await sendWrite(new AssociateOriginationIdentityCommand(input));
      clearMembership(input.PoolId, input.OriginationIdentity);
      return out;
    },
    async disassociateOriginationIdentity(input) {
      const out = await sendWrite(new DisassociateOriginationIdentityCommand(input));
      clearMembership(input.PoolId, input.OriginationIdentity);
      return out;
    },
    async createOptOutList(input) {
      const out = await sendWrite(new CreateOptOutListCommand(input));
      primeTags(out.OptOutListArn, out.Tags);
      return reprime(optOutList, out.OptOutListName, writeResult<OptOutListModel>(out));
    },
    async deleteOptOutList(optOutListName) {
      const out = await sendWrite(new DeleteOptOutListCommand({ OptOutListName: optOutListName }));
      optOutList.clear(optOutListName);
      return writeResult<OptOutListModel>(out);
    },
    async putOptedOutNumber(input) {
      return sendWrite(new PutOptedOutNumberCommand(input));
    },
    async deleteOptedOutNumber(input) {
      return sendWrite(new DeleteOptedOutNumberCommand(input));
    },
    async createRegistration(input) {
      const out = await sendWrite(new CreateRegistrationCommand(input));
      primeTags(out.RegistrationArn, out.Tags);
      return reprime(registration, out.RegistrationId, writeResult<RegistrationModel>(out));
    },
    async deleteRegistration(registrationId) {
      const out = await sendWrite(new DeleteRegistrationCommand({ RegistrationId: registrationId }));
      registration.clear(registrationId);
      return out;
    },
    async putRegistrationFieldValue(input) {
      const out = await sendWrite(new PutRegistrationFieldValueCommand(input));
      return { ...out, RegistrationId: out.RegistrationId ?? input.RegistrationId ?? '' };
    },
    async deleteRegistrationFieldValue(registrationId, fieldPath) {
      const out = await sendWrite(new DeleteRegistrationFieldValueCommand({ RegistrationId: registrationId, FieldPath: fieldPath }));
      return { ...out, RegistrationId: out.RegistrationId ?? registrationId };
    },
    async createRegistrationVersion(registrationId) {
      const out = await sendWrite(new CreateRegistrationVersionCommand({ RegistrationId: registrationId }));
      return versionWritten(registrationId, out);
    },
    async submitRegistrationVersion(registrationId) {
      const out = await sendWrite(new SubmitRegistrationVersionCommand({ RegistrationId: registrationId }));
      return versionWritten(registrationId, out);
    },
    async discardRegistrationVersion(registrationId) {
      const out = await sendWrite(new DiscardRegistrationVersionCommand({ RegistrationId: registrationId }));
      return versionWritten(registrationId, out);
    },
    async createRegistrationAssociation(registrationId, resourceId) {
      const out = await sendWrite(new CreateRegistrationAssociationCommand({ RegistrationId: registrationId, ResourceId: resourceId }));
      // The associated resource now names this registration.
      phoneNumber.clear(resourceId);
      if (out.ResourceId !== undefined) phoneNumber.clear(out.ResourceId);
      senderId.clearAll();
      return out;
    },
    async createRegistrationAttachment(input) {
      const out = await sendWrite(new CreateRegistrationAttachmentCommand(input));
      primeTags(out.RegistrationAttachmentArn, out.Tags);
      return reprime(registrationAttachment, out.RegistrationAttachmentId, writeResult<RegistrationAttachmentModel>({ ...out, AttachmentUrl: input.AttachmentUrl }));
    },
    async createConfigurationSet(input) {
      const out = await sendWrite(new CreateConfigurationSetCommand(input));
      primeTags(out.ConfigurationSetArn, out.Tags);
      // A new set has no event destinations yet (the create result does not list them).
      return reprime(configurationSet, out.ConfigurationSetName, writeResult<ConfigurationSetModel>({ EventDestinations: [], ...out }));
    },
    async deleteConfigurationSet(configurationSetName) {
      const out = await sendWrite(new DeleteConfigurationSetCommand({ ConfigurationSetName: configurationSetName }));
      configurationSet.clear(configurationSetName);
      return writeResult<ConfigurationSetModel>({ EventDestinations: [], ...out });
    },
    async createEventDestination(input) {
      return configurationSetWritten(input.ConfigurationSetName, await sendWrite(new CreateEventDestinationCommand(input)));
    },
    async updateEventDestination(input) {
      return configurationSetWritten(input.ConfigurationSetName, await sendWrite(new UpdateEventDestinationCommand(input)));
    },
    async deleteEventDestination(configurationSetName, eventDestinationName) {
      const out = await sendWrite(new DeleteEventDestinationCommand({ ConfigurationSetName: configurationSetName, EventDestinationName: eventDestinationName }));
      return configurationSetWritten(configurationSetName, out);
    },
    async setDefaultMessageType(configurationSetName, messageType) {
      const out = await sendWrite(new SetDefaultMessageTypeCommand({ ConfigurationSetName: configurationSetName, MessageType: messageType }));
      return configurationSetWritten(configurationSetName, out);
    },
    async deleteDefaultMessageType(configurationSetName) {
      return configurationSetWritten(configurationSetName, await sendWrite(new DeleteDefaultMessageTypeCommand({ ConfigurationSetName: configurationSetName })));
    },
    async setDefaultSenderId(configurationSetName, senderIdName) {
      const out = await sendWrite(new SetDefaultSenderIdCommand({ ConfigurationSetName: configurationSetName, SenderId: senderIdName }));
      return configurationSetWritten(configurationSetName, out);
    },
    async deleteDefaultSenderId(configurationSetName) {
      return configurationSetWritten(configurationSetName, await sendWrite(new DeleteDefaultSenderIdCommand({ ConfigurationSetName: configurationSetName })));
    },
    async requestSenderId(input) {
      const out = await sendWrite(new RequestSenderIdCommand(input));
      primeTags(out.SenderIdArn, out.Tags);
      senderIdsByName.clearAll();
      return reprime(senderId, senderKeyOf(out), writeResult<SenderIdModel>(out));
    },
    async updateSenderId(input) {
      const out = await sendWrite(new UpdateSenderIdCommand(input));
      senderIdsByName.clearAll();
      return reprime(senderId, senderKeyOf(out), writeResult<SenderIdModel>(out));
    },
    async releaseSenderId(key) {
      const out = await sendWrite(new ReleaseSenderIdCommand({ SenderId: key.senderId, IsoCountryCode: key.isoCountryCode }));
      senderId.clear(key);
      senderIdsByName.clearAll();
      // The result omits DeletionProtectionEnabled: a released sender ID had it off (else the release is refused).
      return writeResult<SenderIdModel>({ DeletionProtectionEnabled: false, ...out });
    },
    async putKeyword(input) {
      const out = await sendWrite(new PutKeywordCommand(input));
      const [model] = keywordModels([out], out.OriginationIdentity ?? input.OriginationIdentity ?? '', out.OriginationIdentityArn);
      keyword.clearAll();
      return reprime(keyword, { originationIdentity: input.OriginationIdentity ?? '', keyword: model.Keyword ?? '' }, model);
    },
    async deleteKeyword(originationIdentity, keywordName) {
      const out = await sendWrite(new DeleteKeywordCommand({ OriginationIdentity: originationIdentity, Keyword: keywordName }));
      keyword.clearAll();
      return keywordModels([out], out.OriginationIdentity ?? originationIdentity, out.OriginationIdentityArn)[0];
    },
    async deleteRegistrationAttachment(registrationAttachmentId) {
      const out = await sendWrite(new DeleteRegistrationAttachmentCommand({ RegistrationAttachmentId: registrationAttachmentId }));
      registrationAttachment.clear(registrationAttachmentId);
      return writeResult<RegistrationAttachmentModel>(out);
    },
    async createVerifiedDestinationNumber(input) {
      const out = await sendWrite(new CreateVerifiedDestinationNumberCommand(input));
      primeTags(out.VerifiedDestinationNumberArn, out.Tags);
      return reprime(verifiedDestinationNumber, out.VerifiedDestinationNumberId, writeResult<VerifiedDestinationNumberModel>(out));
    },
    async deleteVerifiedDestinationNumber(verifiedDestinationNumberId) {
      const out = await sendWrite(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: verifiedDestinationNumberId }));
      verifiedDestinationNumber.clear(verifiedDestinationNumberId);
      return writeResult<DeletedVerifiedDestinationNumberModel>(out);
    },
    async sendDestinationNumberVerificationCode(input) {
      const out = await sendWrite(new SendDestinationNumberVerificationCodeCommand(input));
      return { MessageId: out.MessageId ?? '', VerifiedDestinationNumberId: input.VerifiedDestinationNumberId ?? '' };
    },
    async verifyDestinationNumber(verifiedDestinationNumberId, verificationCode) {
      const out = await sendWrite(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: verifiedDestinationNumberId, VerificationCode: verificationCode }));
      verifiedDestinationNumber.clear(verifiedDestinationNumberId);
      return reprime(verifiedDestinationNumber, out.VerifiedDestinationNumberId, writeResult<VerifiedDestinationNumberModel>(out));
    },
    async setSpendLimitOverride(channel, monthlyLimit) {
      switch (channel) {
        case 'TEXT': {
          const out = await sendWrite(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: monthlyLimit }));
          return { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        case 'VOICE': {
          const out = await sendWrite(new SetVoiceMessageSpendLimitOverrideCommand({ MonthlyLimit: monthlyLimit }));
          return { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        default:
          throw new Error(`Unknown spend-limit channel: ${JSON.stringify(channel satisfies never)}`);
      }
    },
    async deleteSpendLimitOverride(channel) {
      switch (channel) {
        case 'TEXT': {
          const out = await sendWrite(new DeleteTextMessageSpendLimitOverrideCommand({}));
          return { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        case 'VOICE': {
          const out = await sendWrite(new DeleteVoiceMessageSpendLimitOverrideCommand({}));
          return { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        default:
          throw new Error(`Unknown spend-limit channel: ${JSON.stringify(channel satisfies never)}`);
      }
    },
    async sendTextMessage(input) {
      const out = await sendWrite(new SendTextMessageCommand(input));
      return { MessageId: out.MessageId ?? '' };
    },
    async sendVoiceMessage(input) {
      const out = await sendWrite(new SendVoiceMessageCommand(input));
      return { MessageId: out.MessageId ?? '' };
    },
    async tagResource(resourceArn, newTags) {
      await sendWrite(new TagResourceCommand({ ResourceArn: resourceArn, Tags: [...newTags] }));
      tags.clear(resourceArn);
    },
    async untagResource(resourceArn, tagKeys) {
      await sendWrite(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...tagKeys] }));
      tags.clear(resourceArn);
    },
  };

  /**
   * Module-private: a create's answer lists the new resource's tags (Describe answers never do), so
   * the `tags` loader starts with them instead of asking ListTagsForResource.
   */
  function primeTags(arn: string | undefined, created: readonly SmsVoiceTagModel[] | undefined): void {
    if (arn !== undefined && created !== undefined) tags.clear(arn).prime(arn, created);
  }

  /** Module-private: a configuration-set write changed the set (its destinations or defaults); the cached set is stale. */
  function configurationSetWritten<T extends { readonly ConfigurationSetName?: string; readonly $metadata?: unknown }>(
    requestedName: string | undefined,
    out: T,
  ): Omit<T, '$metadata'> & { readonly ConfigurationSetName: string } {
    configurationSet.clear(requestedName ?? '');
    if (out.ConfigurationSetName !== undefined) configurationSet.clear(out.ConfigurationSetName);
    const { $metadata: _metadata, ...rest } = out;
    return { ...rest, ConfigurationSetName: out.ConfigurationSetName ?? requestedName ?? '' };
  }

  /** Module-private: a pool's membership changed, so the pool and its member's PoolId are stale. */
  function clearMembership(poolId: string | undefined, originationIdentity: string | undefined): void {
    pool.clear(poolId ?? '');
    phoneNumber.clear(originationIdentity ?? '');
    senderId.clearAll();
  }

  /** Module-private: a version write changes the registration's version numbers and status. */
  function versionWritten(registrationId: string, out: Omit<RegistrationVersionWriteModel, 'RegistrationId'> & { RegistrationId?: string }): RegistrationVersionWriteModel {
    registration.clear(registrationId);
    registrationVersion.clearAll();
    return { ...out, RegistrationId: out.RegistrationId ?? registrationId };
  }

  return upstream;
}
