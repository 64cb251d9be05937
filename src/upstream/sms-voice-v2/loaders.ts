import type DataLoader from 'dataloader';
import {
  AssociateOriginationIdentityCommand,
  CreateOptOutListCommand,
  CreatePoolCommand,
  DeleteKeywordCommand,
  DeleteOptedOutNumberCommand,
  DeleteOptOutListCommand,
  DeletePoolCommand,
  DescribeKeywordsCommand,
  DescribeOptedOutNumbersCommand,
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeSenderIdsCommand,
  DisassociateOriginationIdentityCommand,
  ListPoolOriginationIdentitiesCommand,
  ListTagsForResourceCommand,
  PutKeywordCommand,
  PutOptedOutNumberCommand,
  ReleasePhoneNumberCommand,
  ReleaseSenderIdCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePhoneNumberCommand,
  UpdatePoolCommand,
  UpdateSenderIdCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type {
  AssociateOriginationIdentityRequest,
  CreateOptOutListRequest,
  CreatePoolRequest,
  PinpointSMSVoiceV2Client,
  PutKeywordRequest,
  PutOptedOutNumberRequest,
  RequestPhoneNumberRequest,
  RequestSenderIdRequest,
  Tag,
  UpdatePhoneNumberRequest,
  UpdatePoolRequest,
  UpdateSenderIdRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { LandingLoader } from '../landingLoader';
import { CollectionReader, ParentLists } from '../collectionReader';
import type { ReadPlanHolder } from '../readPlan';
import { countedSend, type CallCounter, type CommandOutputOf, type CountableCommand } from '../callCounter';
import { dataLoaderModeOptions, type LoaderOptions } from '../loaderMode';
import { delegateMembers, type MemberNames } from '../lazyMembers';
import { createAccountLoaders, type SmsVoiceAccountUpstream } from './accountLoaders';
import { createConfigurationSetLoaders, type SmsVoiceConfigurationSetUpstream } from './configurationSetLoaders';
import { describeInChunks, describeUnlisted } from './describeBatch';
import {
  allPages,
  createWaveScheduler,
  FULL_PAGE,
  idFromArn,
  isNotFound,
  keywordKeyText,
  keywordModels,
  MAX_FILTER_VALUES,
  namesId,
  ObservedLoader,
  offsetPage,
  optedOutKeyText,
  originationType,
  page,
  primed,
  reprime,
  sameKeyword,
  senderKeyOf,
  senderKeyText,
  writeResult,
  type ByIdLoaderSpec,
  type SmsVoiceRequestKit,
} from './loaderKit';
import type {
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
  SenderIdKey,
  SenderIdModel,
  SmsVoiceTagModel,
} from './models';
import { createRegistrationLoaders, type SmsVoiceRegistrationUpstream } from './registrationLoaders';
import { createVerifiedDestinationLoaders, type SmsVoiceVerifiedDestinationUpstream } from './verifiedDestinationLoaders';

/** An origination identity or registration association resolved to its object, or null for other resource types. */
export type OriginationResource = { readonly type: 'PhoneNumber'; readonly value: PhoneNumberModel } | { readonly type: 'SenderId'; readonly value: SenderIdModel } | null;

/** What names an origination identity or an associated resource (both list items carry these). */
export interface OriginationReference {
  readonly id?: string;
  readonly arn?: string;
  readonly resourceType?: string;
  readonly isoCountryCode?: string;
}

/** The message channels whose monthly spend limit the account can override (defined with the account reads and writes). */
export type { SpendLimitChannel } from './accountLoaders';

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
 * - Whole areas live in their own modules (`accountLoaders.ts`, `registrationLoaders.ts`,
 *   `configurationSetLoaders.ts`, `verifiedDestinationLoaders.ts`), built over the same request
 *   kit (`loaderKit.ts`); phone numbers, pools, sender IDs, opt-out lists and keywords stay here,
 *   since their writes clear one another's entries.
 */
export interface SmsVoiceUpstream
  extends SmsVoiceAccountUpstream,
    SmsVoiceConfigurationSetUpstream,
    SmsVoiceRegistrationUpstream,
    SmsVoiceVerifiedDestinationUpstream {
  /** Phone numbers by PhoneNumberId (or ARN): DescribePhoneNumbers, 5 IDs per call. */
  readonly phoneNumber: DataLoader<string, PhoneNumberModel>;
  /** Pools by PoolId (or ARN): DescribePools, 5 IDs per call. */
  readonly pool: DataLoader<string, PoolModel>;
  /** Opt-out lists by name (or ARN): DescribeOptOutLists, 5 names per call. */
  readonly optOutList: DataLoader<string, OptOutListModel>;
  /** Sender IDs by (SenderId, IsoCountryCode): DescribeSenderIds, 5 pairs per call. */
  readonly senderId: DataLoader<SenderIdKey, SenderIdModel, string>;
  /** Keywords by (phone number or pool, keyword): DescribeKeywords, 5 keywords of one identity per call. */
  readonly keyword: DataLoader<KeywordKey, KeywordModel, string>;
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
  /**
   * Phone numbers by their number (`+14255550100`, or a short code's digits), or null when the
   * account has none. SMS v2 looks numbers up only by ID or ARN, so the batch reads every page of
   * the account's numbers (DescribePhoneNumbers, 100 per call, the pages memoized for the request)
   * and matches `PhoneNumber`: ceil(numbers / 100) calls per request, shared by every lookup in it.
   * Primes `phoneNumber`.
   */
  readonly phoneNumberByNumber: DataLoader<string, PhoneNumberModel | null>;

  /** One page of the account's phone numbers (primes `phoneNumber`). */
  phoneNumbersPage(pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>>;
  /** One page of the account's pools (primes `pool`). */
  poolsPage(pageSize: number, token: string | undefined): Promise<Page<PoolModel>>;
  /** One page of the account's opt-out lists (primes `optOutList`). */
  optOutListsPage(pageSize: number, token: string | undefined): Promise<Page<OptOutListModel>>;
  /** One page of the account's sender IDs (primes `senderId`). */
  senderIdsPage(pageSize: number, token: string | undefined): Promise<Page<SenderIdModel>>;
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
  /** Resolves a pool member or registration association to its phone number or sender ID (batched loaders). */
  originationResource(reference: OriginationReference): Promise<OriginationResource>;
  /** One page of a phone number's or pool's keywords (DescribeKeywords; primes `keyword`). */
  keywordsPage(originationIdentity: string, pageSize: number, token: string | undefined): Promise<Page<KeywordModel>>;
  /**
   * One page of the phone numbers using an opt-out list, cut from `phoneNumbersByOptOutList` (so
   * sibling lists share its calls); the page tokens are offsets into that answer.
   */
  optOutListPhoneNumbersPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>>;
  /** One page of the pools using an opt-out list, cut from `poolsByOptOutList` the same way. */
  optOutListPoolsPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<PoolModel>>;

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
  /** TagResource; clears the resource's `tags`. */
  tagResource(resourceArn: string, tags: readonly Tag[]): Promise<void>;
  /** UntagResource; clears the resource's `tags`. */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
}

/**
 * Builds the per-request SMS v2 loaders over a shared client; every command is counted in `calls`.
 * `options.mode` `naive` (the benchmark's baseline) turns batching, per-request caching and the page memo off.
 * Nothing is built here: each loader is built when first read (see {@link SmsVoiceLoaders}).
 */
export function createSmsVoiceLoaders(client: PinpointSMSVoiceV2Client, calls: CallCounter, options?: LoaderOptions): SmsVoiceUpstream {
  // The area members are getters that `delegateMembers` defines on the prototype (the class's
  // static block), which the compiler cannot see; MemberNames makes each list complete.
  const batches = options?.observer ? { observer: options.observer, service: 'sms-voice-v2' as const } : undefined;
  return new SmsVoiceLoaders(client, calls, { ...dataLoaderModeOptions(options), batches }, options?.plan) as SmsVoiceLoaders & AreaUpstreams;
}

/**
 * Module-private: the list operation behind each account-wide page reader, by which the request's
 * plan sizes its pages.
 */
const ACCOUNT_LIST_OPERATIONS: Readonly<Record<string, string>> = {
  phoneNumbersPage: 'DescribePhoneNumbers',
  poolsPage: 'DescribePools',
  optOutListsPage: 'DescribeOptOutLists',
  senderIdsPage: 'DescribeSenderIds',
  spendLimitsPage: 'DescribeSpendLimits',
  accountAttributesPage: 'DescribeAccountAttributes',
  accountLimitsPage: 'DescribeAccountLimits',
  configurationSetsPage: 'DescribeConfigurationSets',
  registrationsPage: 'DescribeRegistrations',
  registrationAttachmentsPage: 'DescribeRegistrationAttachments',
  registrationTypeDefinitionsPage: 'DescribeRegistrationTypeDefinitions',
  verifiedDestinationNumbersPage: 'DescribeVerifiedDestinationNumbers',
};

/** Module-private: the loaders, page readers and writes of the other areas, each built by its own module over the request kit. */
type AreaUpstreams = SmsVoiceAccountUpstream & SmsVoiceConfigurationSetUpstream & SmsVoiceRegistrationUpstream & SmsVoiceVerifiedDestinationUpstream;

// Module-private: the members of each area, which SmsVoiceLoaders reads from the area's object.
const ACCOUNT_MEMBERS: MemberNames<SmsVoiceAccountUpstream> = {
  spendLimitsPage: true, spendLimit: true, accountAttributesPage: true, accountLimitsPage: true, setSpendLimitOverride: true, deleteSpendLimitOverride: true,
  sendTextMessage: true, sendVoiceMessage: true,
};
const CONFIGURATION_SET_MEMBERS: MemberNames<SmsVoiceConfigurationSetUpstream> = {
  configurationSet: true, configurationSetsPage: true, createConfigurationSet: true, deleteConfigurationSet: true, createEventDestination: true, updateEventDestination: true,
  deleteEventDestination: true, setDefaultMessageType: true, deleteDefaultMessageType: true, setDefaultSenderId: true, deleteDefaultSenderId: true,
};
const VERIFIED_DESTINATION_MEMBERS: MemberNames<SmsVoiceVerifiedDestinationUpstream> = {
  verifiedDestinationNumber: true, verifiedDestinationNumbersPage: true, createVerifiedDestinationNumber: true, deleteVerifiedDestinationNumber: true,
  sendDestinationNumberVerificationCode: true, verifyDestinationNumber: true,
};
const REGISTRATION_MEMBERS: MemberNames<SmsVoiceRegistrationUpstream> = {
  registration: true, registrationVersion: true, registrationAttachment: true, registrationTypeDefinition: true, registrationSectionDefinition: true,
  registrationFieldDefinition: true, registrationsPage: true, registrationAttachmentsPage: true, registrationTypeDefinitionsPage: true, registrationVersionsPage: true,
  registrationFieldValuesPage: true, allRegistrationFieldValues: true, registrationAssociationsPage: true, withNextWave: true, registrationSectionDefinitionsPage: true,
  registrationFieldDefinitionsPage: true, createRegistration: true, deleteRegistration: true, putRegistrationFieldValue: true, deleteRegistrationFieldValue: true,
  createRegistrationVersion: true, submitRegistrationVersion: true, discardRegistrationVersion: true, createRegistrationAssociation: true, createRegistrationAttachment: true,
  deleteRegistrationAttachment: true,
};

/** Module-private: the DataLoader options of every SMS v2 loader (the loader mode and the wave scheduler). */
type SmsVoiceLoaderOptions = SmsVoiceRequestKit['loaderOptions'];

/** Module-private: the loader mode's DataLoader options, with where batches are reported. */
type LoaderMode = Omit<SmsVoiceLoaderOptions, 'batchScheduleFn'>;

/**
 * Module-private: one request's SMS v2 loaders. A request reads a few of them, so each loader is
 * built the first time it is read (a getter, defined once on the prototype, builds it into its
 * field), and so are the wave scheduler, the page memo and the kit the area modules share.
 * Building the object is then one allocation, where building every DataLoader and closure up
 * front cost ~30 µs per request. A loader primes or clears another through that one's getter, so
 * priming builds the loader it primes and a later load finds the value. The other areas are built
 * whole on first use of any of their members (`delegateMembers`). A class for the same reason as
 * `PinpointLoaders` (pinpoint/loaders.ts): its getters are defined once, not per request.
 */
class SmsVoiceLoaders implements Omit<SmsVoiceUpstream, keyof AreaUpstreams> {
  // Every command goes through countedSend with this request's counter. The client is seen
  // through a one-signature view: inferred from its overloaded `send`, countedSend's command type
  // would widen to the union of every command and lose the output type.
  readonly #sender: { send(command: CountableCommand): Promise<unknown> };
  readonly #calls: CallCounter;
  readonly #mode: LoaderMode;
  #waves?: ReturnType<typeof createWaveScheduler>;
  #options?: SmsVoiceLoaderOptions;
  // Page reads are memoized for the request, as DataLoader memoizes loads: two parents sharing a
  // child (two numbers of one registration) read its associations page once. A write forgets them.
  #pages?: Map<string, Promise<unknown>>;
  readonly #plan: ReadPlanHolder | undefined;
  /** The request's account-wide collections, by page reader name (upstream/collectionReader.ts). */
  readonly #accountCollections = new Map<string, CollectionReader<unknown>>();
  /** The readers of per-parent lists, by list operation, with the read of each parent's pages. */
  readonly #parentLists = new Map<string, ParentLists<unknown>>();
  #kit?: SmsVoiceRequestKit;

  #phoneNumber?: LandingLoader<string, PhoneNumberModel>;
  #pool?: LandingLoader<string, PoolModel>;
  #optOutList?: DataLoader<string, OptOutListModel>;
  #senderId?: LandingLoader<SenderIdKey, SenderIdModel>;
  #keyword?: DataLoader<KeywordKey, KeywordModel, string>;
  #optedOutNumber?: DataLoader<OptedOutNumberKey, OptedOutNumberModel | null, string>;
  #tags?: DataLoader<string, readonly SmsVoiceTagModel[]>;
  #phoneNumbersByOptOutList?: DataLoader<string, readonly PhoneNumberModel[]>;
  #poolsByOptOutList?: DataLoader<string, readonly PoolModel[]>;
  #senderIdsByName?: DataLoader<string, readonly SenderIdModel[]>;
  #phoneNumberByNumber?: DataLoader<string, PhoneNumberModel | null>;

  #accountArea?: SmsVoiceAccountUpstream;
  #configurationSetArea?: SmsVoiceConfigurationSetUpstream;
  #verifiedDestinationArea?: SmsVoiceVerifiedDestinationUpstream;
  #registrationArea?: SmsVoiceRegistrationUpstream;

  static {
    delegateMembers(this.prototype, ACCOUNT_MEMBERS, (self) => (self.#accountArea ??= createAccountLoaders(self.#requestKit())));
    delegateMembers(this.prototype, CONFIGURATION_SET_MEMBERS, (self) => (self.#configurationSetArea ??= createConfigurationSetLoaders(self.#requestKit())));
    delegateMembers(this.prototype, VERIFIED_DESTINATION_MEMBERS, (self) => (self.#verifiedDestinationArea ??= createVerifiedDestinationLoaders(self.#requestKit())));
    // A registration association changes the associated number's or sender ID's entries, read through this object's getters.
    delegateMembers(this.prototype, REGISTRATION_MEMBERS, (self) => (self.#registrationArea ??= createRegistrationLoaders(self.#requestKit(), self)));
  }

  constructor(client: PinpointSMSVoiceV2Client, calls: CallCounter, mode: LoaderMode, plan: ReadPlanHolder | undefined) {
    this.#sender = client as unknown as { send(command: CountableCommand): Promise<unknown> };
    this.#calls = calls;
    this.#mode = mode;
    this.#plan = plan;
  }

  get phoneNumber(): DataLoader<string, PhoneNumberModel> {
    return this.#phoneNumbers();
  }

  /** Module-private: the by-ID phone-number loader, as the loader that takes what other answers bring. */
  #phoneNumbers(): LandingLoader<string, PhoneNumberModel> {
    return (this.#phoneNumber ??= this.#byIdLoader<PhoneNumberModel>({
      name: 'phoneNumber',
      resourceType: 'phone-number',
      describe: async (chunk) => (await this.#send(new DescribePhoneNumbersCommand({ PhoneNumberIds: chunk }))).PhoneNumbers,
      namesOf: (item) => [item.PhoneNumberId, item.PhoneNumberArn],
      operation: 'DescribePhoneNumbers',
      listedIn: 'phoneNumbersPage',
    }));
  }

  get pool(): DataLoader<string, PoolModel> {
    return this.#pools();
  }

  /** Module-private: the by-ID pool loader, as the loader that takes what other answers bring. */
  #pools(): LandingLoader<string, PoolModel> {
    return (this.#pool ??= this.#byIdLoader<PoolModel>({
      name: 'pool',
      resourceType: 'pool',
      describe: async (chunk) => (await this.#send(new DescribePoolsCommand({ PoolIds: chunk }))).Pools,
      namesOf: (item) => [item.PoolId, item.PoolArn],
      listedIn: 'poolsPage',
    }));
  }

  get optOutList(): DataLoader<string, OptOutListModel> {
    return (this.#optOutList ??= this.#byIdLoader<OptOutListModel>({
      name: 'optOutList',
      resourceType: 'opt-out-list',
      describe: async (chunk) => (await this.#send(new DescribeOptOutListsCommand({ OptOutListNames: chunk }))).OptOutLists,
      namesOf: (item) => [item.OptOutListName, item.OptOutListArn],
      listedIn: 'optOutListsPage',
    }));
  }

  get senderId(): DataLoader<SenderIdKey, SenderIdModel, string> {
    return this.#senderIds();
  }

  /** Module-private: the sender-ID loader, as the loader that takes what other answers bring. */
  #senderIds(): LandingLoader<SenderIdKey, SenderIdModel> {
    return (this.#senderId ??= new LandingLoader<SenderIdKey, SenderIdModel>(
      'senderId',
      (keys) =>
        describeInChunks(keys, {
          resourceType: 'sender-id',
          describe: async (chunk) =>
            (await this.#send(new DescribeSenderIdsCommand({ SenderIds: chunk.map((key) => ({ SenderId: key.senderId, IsoCountryCode: key.isoCountryCode })) })))
              .SenderIds ?? [],
          matches: (item, key) => item.SenderId === key.senderId && item.IsoCountryCode === key.isoCountryCode,
          // AWS names a sender ID by its ID (ambiguous across countries: then every key is retried alone) or by ID/country.
          isNamedBy: (resourceId, key) => resourceId === key.senderId || namesId(resourceId, senderKeyText(key)),
          describeKey: senderKeyText,
        }),
      { ...this.#loaderOptions(), cacheKeyFn: senderKeyText },
    ));
  }

  get keyword(): DataLoader<KeywordKey, KeywordModel, string> {
    return (this.#keyword ??= new ObservedLoader<KeywordKey, KeywordModel, string>(
      'keyword',
      (keys) =>
        describeInChunks(keys, {
          resourceType: 'keyword',
          groupOf: (key) => key.originationIdentity,
          describe: async (chunk) => {
            const out = await this.#send(new DescribeKeywordsCommand({ OriginationIdentity: chunk[0].originationIdentity, Keywords: chunk.map((key) => key.keyword) }));
            return keywordModels(out.Keywords, out.OriginationIdentity ?? chunk[0].originationIdentity, out.OriginationIdentityArn);
          },
          // Keywords match case-insensitively (an end user's "stop" is STOP).
          matches: (item, key) => sameKeyword(item.Keyword, key.keyword),
          isNamedBy: (resourceId, key) => sameKeyword(resourceId, key.keyword),
          describeKey: keywordKeyText,
          // An unknown phone number or pool fails every keyword asked of it.
          failsChunk: (error) => isNotFound(error, ['phone-number', 'pool']),
        }),
      { ...this.#loaderOptions(), cacheKeyFn: keywordKeyText },
    ));
  }

  get optedOutNumber(): DataLoader<OptedOutNumberKey, OptedOutNumberModel | null, string> {
    return (this.#optedOutNumber ??= new ObservedLoader<OptedOutNumberKey, OptedOutNumberModel | null, string>(
      'optedOutNumber',
      async (keys) => {
        const answers = await describeInChunks(keys, {
          resourceType: 'opted-out-number',
          groupOf: (key) => key.optOutListName,
          describe: async (chunk) =>
            (await this.#send(new DescribeOptedOutNumbersCommand({ OptOutListName: chunk[0].optOutListName, OptedOutNumbers: chunk.map((key) => key.number) }))).OptedOutNumbers ?? [],
          matches: (item, key) => item.OptedOutNumber === key.number,
          isNamedBy: (resourceId, key) => resourceId === key.number,
          describeKey: optedOutKeyText,
          failsChunk: (error) => isNotFound(error, ['opt-out-list']),
        });
        // A number the list does not hold is not opted out: null, not an error.
        return answers.map((answer) => (isNotFound(answer, ['opted-out-number']) ? null : answer));
      },
      { ...this.#loaderOptions(), cacheKeyFn: optedOutKeyText },
    ));
  }

  get tags(): DataLoader<string, readonly SmsVoiceTagModel[]> {
    return (this.#tags ??= new ObservedLoader<string, readonly SmsVoiceTagModel[]>(
      'tags',
      (arns) =>
        Promise.all(
          arns.map(async (arn) => {
            try {
              return (await this.#send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags ?? [];
            } catch (error) {
              return error instanceof Error ? error : new Error(`ListTagsForResource failed with a non-Error value: ${String(error)}`);
            }
          }),
        ),
      this.#loaderOptions(),
    ));
  }

  get phoneNumbersByOptOutList(): DataLoader<string, readonly PhoneNumberModel[]> {
    return (this.#phoneNumbersByOptOutList ??= this.#filteredLoader<PhoneNumberModel>('phoneNumbersByOptOutList', async (names, token) => {
      const out = await this.#send(new DescribePhoneNumbersCommand({ Filters: [{ Name: 'opt-out-list-name', Values: names }], MaxResults: FULL_PAGE, NextToken: token }));
      return primed(out.PhoneNumbers, out.NextToken, (item) => this.#primePhoneNumber(item));
    }, (item) => item.OptOutListName, () => this.#wholeAccountList<PhoneNumberModel>('phoneNumbersPage')));
  }

  get poolsByOptOutList(): DataLoader<string, readonly PoolModel[]> {
    return (this.#poolsByOptOutList ??= this.#filteredLoader<PoolModel>('poolsByOptOutList', async (names, token) => {
      const out = await this.#send(new DescribePoolsCommand({ Filters: [{ Name: 'opt-out-list-name', Values: names }], MaxResults: FULL_PAGE, NextToken: token }));
      return primed(out.Pools, out.NextToken, (item) => this.#primePool(item));
    }, (item) => item.OptOutListName, () => this.#wholeAccountList<PoolModel>('poolsPage')));
  }

  get senderIdsByName(): DataLoader<string, readonly SenderIdModel[]> {
    return (this.#senderIdsByName ??= this.#filteredLoader<SenderIdModel>('senderIdsByName', async (names, token) => {
      const out = await this.#send(new DescribeSenderIdsCommand({ Filters: [{ Name: 'sender-id', Values: names }], MaxResults: FULL_PAGE, NextToken: token }));
      return primed(out.SenderIds, out.NextToken, (item) => this.#primeSenderId(item));
    }, (item) => item.SenderId, () => this.#wholeAccountList<SenderIdModel>('senderIdsPage')));
  }

  // Every number of the account is read once per request, whichever lookups ask (see the interface).
  get phoneNumberByNumber(): DataLoader<string, PhoneNumberModel | null> {
    return (this.#phoneNumberByNumber ??= new ObservedLoader<string, PhoneNumberModel | null>(
      'phoneNumberByNumber',
      async (numbers) => {
        const all = (await this.#accountCollection('phoneNumbersPage', (paging) => this.#describePhoneNumbersPage(paging)).all('')) as readonly PhoneNumberModel[];
        return numbers.map((number) => all.find((item) => item.PhoneNumber === number) ?? null);
      },
      this.#loaderOptions(),
    ));
  }

  phoneNumbersPage(pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>> {
    return this.#accountPage('phoneNumbersPage', pageSize, token, (paging) => this.#describePhoneNumbersPage(paging));
  }

  async #describePhoneNumbersPage(paging: { MaxResults: number; NextToken: string | undefined }): Promise<Page<PhoneNumberModel>> {
    const out = await this.#send(new DescribePhoneNumbersCommand(paging));
    return primed(out.PhoneNumbers, out.NextToken, (item) => this.#primePhoneNumber(item));
  }
  poolsPage(pageSize: number, token: string | undefined): Promise<Page<PoolModel>> {
    return this.#accountPage('poolsPage', pageSize, token, async (paging) => {
      const out = await this.#send(new DescribePoolsCommand(paging));
      return primed(out.Pools, out.NextToken, (item) => this.#primePool(item));
    });
  }
  optOutListsPage(pageSize: number, token: string | undefined): Promise<Page<OptOutListModel>> {
    return this.#accountPage('optOutListsPage', pageSize, token, async (paging) => {
      const out = await this.#send(new DescribeOptOutListsCommand(paging));
      return primed(out.OptOutLists, out.NextToken, (item) => item.OptOutListName !== undefined && this.optOutList.prime(item.OptOutListName, item));
    });
  }
  senderIdsPage(pageSize: number, token: string | undefined): Promise<Page<SenderIdModel>> {
    return this.#accountPage('senderIdsPage', pageSize, token, async (paging) => {
      const out = await this.#send(new DescribeSenderIdsCommand(paging));
      return primed(out.SenderIds, out.NextToken, (item) => this.#primeSenderId(item));
    });
  }
  poolOriginationIdentitiesPage(poolId: string, pageSize: number, token: string | undefined): Promise<Page<PoolOriginationIdentityModel>> {
    return this.#parentPage('ListPoolOriginationIdentities', poolId, pageSize, token, async (paging) => {
      const out = await this.#send(new ListPoolOriginationIdentitiesCommand({ PoolId: poolId, ...paging }));
      return page(out.OriginationIdentities, out.NextToken);
    });
  }
  poolPhoneNumbersPage(poolId: string, pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>> {
    return this.#memoPage(['poolPhoneNumbersPage', poolId, pageSize, token], async () => {
      const members = await this.poolOriginationIdentitiesPage(poolId, pageSize, token);
      const ids = members.items.filter((member) => originationType(member.OriginationIdentityArn, undefined) === 'phone-number').map((member) => member.OriginationIdentity ?? '');
      const numbers = await this.phoneNumber.loadMany(ids);
      const failure = numbers.find((value): value is Error => value instanceof Error);
      if (failure) throw failure;
      return { items: numbers as PhoneNumberModel[], nextToken: members.nextToken };
    });
  }
  optedOutNumbersPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<OptedOutNumberModel>> {
    return this.#parentPage('DescribeOptedOutNumbers', optOutListName, pageSize, token, async (paging) => {
      const out = await this.#send(new DescribeOptedOutNumbersCommand({ OptOutListName: optOutListName, ...paging }));
      return page(out.OptedOutNumbers, out.NextToken);
    });
  }
  async originationResource(reference: OriginationReference): Promise<OriginationResource> {
    const id = reference.id ?? idFromArn(reference.arn);
    if (id === undefined) return null;
    const type = originationType(reference.arn, reference.resourceType);
    if (type === 'phone-number') return { type: 'PhoneNumber', value: await this.phoneNumber.load(id) };
    if (type === 'sender-id' && reference.isoCountryCode !== undefined) {
      return { type: 'SenderId', value: await this.senderId.load({ senderId: id, isoCountryCode: reference.isoCountryCode }) };
    }
    return null;
  }
  keywordsPage(originationIdentity: string, pageSize: number, token: string | undefined): Promise<Page<KeywordModel>> {
    return this.#parentPage('DescribeKeywords', originationIdentity, pageSize, token, async (paging) => {
      const out = await this.#send(new DescribeKeywordsCommand({ OriginationIdentity: originationIdentity, ...paging }));
      const owner = out.OriginationIdentity ?? originationIdentity;
      return primed(keywordModels(out.Keywords, owner, out.OriginationIdentityArn), out.NextToken, (item) => {
        // Primed under both the ID the caller used and the one AWS answered with (an ARN and an ID name the same owner).
        for (const name of new Set([originationIdentity, owner])) this.keyword.prime({ originationIdentity: name, keyword: item.Keyword ?? '' }, item);
      });
    });
  }
  async optOutListPhoneNumbersPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<PhoneNumberModel>> {
    return offsetPage(await this.phoneNumbersByOptOutList.load(optOutListName), pageSize, token);
  }
  async optOutListPoolsPage(optOutListName: string, pageSize: number, token: string | undefined): Promise<Page<PoolModel>> {
    return offsetPage(await this.poolsByOptOutList.load(optOutListName), pageSize, token);
  }

  async requestPhoneNumber(input: RequestPhoneNumberRequest): Promise<PhoneNumberModel> {
    const out = await this.#sendWrite(new RequestPhoneNumberCommand(input));
    this.#primeTags(out.PhoneNumberArn, out.Tags);
    this.phoneNumberByNumber.clearAll();
    return reprime(this.phoneNumber, out.PhoneNumberId, writeResult<PhoneNumberModel>(out));
  }
  async updatePhoneNumber(input: UpdatePhoneNumberRequest): Promise<PhoneNumberModel> {
    const out = await this.#sendWrite(new UpdatePhoneNumberCommand(input));
    if (out.PhoneNumberId !== undefined) this.phoneNumber.clear(out.PhoneNumberId);
    this.phoneNumber.clear(input.PhoneNumberId ?? '');
    this.phoneNumberByNumber.clearAll();
    return { ...writeResult<PhoneNumberModel>(out), poolIdUnknown: true };
  }
  async releasePhoneNumber(phoneNumberId: string): Promise<PhoneNumberModel> {
    const out = await this.#sendWrite(new ReleasePhoneNumberCommand({ PhoneNumberId: phoneNumberId }));
    this.phoneNumber.clear(phoneNumberId);
    if (out.PhoneNumberId !== undefined) this.phoneNumber.clear(out.PhoneNumberId);
    this.phoneNumberByNumber.clearAll();
    return writeResult<PhoneNumberModel>(out);
  }
  async createPool(input: CreatePoolRequest): Promise<PoolModel> {
    const out = await this.#sendWrite(new CreatePoolCommand(input));
    this.#primeTags(out.PoolArn, out.Tags);
    // The first origination identity now belongs to the pool: its cached PoolId is stale.
    this.phoneNumber.clear(input.OriginationIdentity ?? '');
    this.phoneNumberByNumber.clearAll();
    this.senderId.clearAll();
    return reprime(this.pool, out.PoolId, writeResult<PoolModel>(out));
  }
  async updatePool(input: UpdatePoolRequest): Promise<PoolModel> {
    const out = await this.#sendWrite(new UpdatePoolCommand(input));
    this.pool.clear(input.PoolId ?? '');
    return reprime(this.pool, out.PoolId, writeResult<PoolModel>(out));
  }
  async deletePool(poolId: string): Promise<PoolModel> {
    const out = await this.#sendWrite(new DeletePoolCommand({ PoolId: poolId }));
    this.pool.clear(poolId);
    if (out.PoolId !== undefined) this.pool.clear(out.PoolId);
    // Every member left the pool.
    this.phoneNumber.clearAll();
    this.phoneNumberByNumber.clearAll();
    this.senderId.clearAll();
    return writeResult<PoolModel>({ DeletionProtectionEnabled: false, ...out });
  }
  async associateOriginationIdentity(input: AssociateOriginationIdentityRequest): Promise<OriginationIdentityAssociationModel> {
    const out = await this.#sendWrite(new AssociateOriginationIdentityCommand(input));
    this.#clearMembership(input.PoolId, input.OriginationIdentity);
    return out;
  }
  async disassociateOriginationIdentity(input: AssociateOriginationIdentityRequest): Promise<OriginationIdentityAssociationModel> {
    const out = await this.#sendWrite(new DisassociateOriginationIdentityCommand(input));
    this.#clearMembership(input.PoolId, input.OriginationIdentity);
    return out;
  }
  async createOptOutList(input: CreateOptOutListRequest): Promise<OptOutListModel> {
    const out = await this.#sendWrite(new CreateOptOutListCommand(input));
    this.#primeTags(out.OptOutListArn, out.Tags);
    return reprime(this.optOutList, out.OptOutListName, writeResult<OptOutListModel>(out));
  }
  async deleteOptOutList(optOutListName: string): Promise<OptOutListModel> {
    const out = await this.#sendWrite(new DeleteOptOutListCommand({ OptOutListName: optOutListName }));
    this.optOutList.clear(optOutListName);
    return writeResult<OptOutListModel>(out);
  }
  async putOptedOutNumber(input: PutOptedOutNumberRequest): Promise<OptedOutNumberWriteModel> {
    return this.#sendWrite(new PutOptedOutNumberCommand(input));
  }
  async deleteOptedOutNumber(input: PutOptedOutNumberRequest): Promise<OptedOutNumberWriteModel> {
    return this.#sendWrite(new DeleteOptedOutNumberCommand(input));
  }
  async requestSenderId(input: RequestSenderIdRequest): Promise<SenderIdModel> {
    const out = await this.#sendWrite(new RequestSenderIdCommand(input));
    this.#primeTags(out.SenderIdArn, out.Tags);
    this.senderIdsByName.clearAll();
    return reprime(this.senderId, senderKeyOf(out), writeResult<SenderIdModel>(out));
  }
  async updateSenderId(input: UpdateSenderIdRequest): Promise<SenderIdModel> {
    const out = await this.#sendWrite(new UpdateSenderIdCommand(input));
    this.senderIdsByName.clearAll();
    return reprime(this.senderId, senderKeyOf(out), writeResult<SenderIdModel>(out));
  }
  async releaseSenderId(key: SenderIdKey): Promise<SenderIdModel> {
    const out = await this.#sendWrite(new ReleaseSenderIdCommand({ SenderId: key.senderId, IsoCountryCode: key.isoCountryCode }));
    this.senderId.clear(key);
    this.senderIdsByName.clearAll();
    // The result omits DeletionProtectionEnabled: a released sender ID had it off (else the release is refused).
    return writeResult<SenderIdModel>({ DeletionProtectionEnabled: false, ...out });
  }
  async putKeyword(input: PutKeywordRequest): Promise<KeywordModel> {
    const out = await this.#sendWrite(new PutKeywordCommand(input));
    const [model] = keywordModels([out], out.OriginationIdentity ?? input.OriginationIdentity ?? '', out.OriginationIdentityArn);
    this.keyword.clearAll();
    return reprime(this.keyword, { originationIdentity: input.OriginationIdentity ?? '', keyword: model.Keyword ?? '' }, model);
  }
  async deleteKeyword(originationIdentity: string, keywordName: string): Promise<KeywordModel> {
    const out = await this.#sendWrite(new DeleteKeywordCommand({ OriginationIdentity: originationIdentity, Keyword: keywordName }));
    this.keyword.clearAll();
    return keywordModels([out], out.OriginationIdentity ?? originationIdentity, out.OriginationIdentityArn)[0];
  }
  async tagResource(resourceArn: string, newTags: readonly Tag[]): Promise<void> {
    await this.#sendWrite(new TagResourceCommand({ ResourceArn: resourceArn, Tags: [...newTags] }));
    this.tags.clear(resourceArn);
  }
  async untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void> {
    await this.#sendWrite(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...tagKeys] }));
    this.tags.clear(resourceArn);
  }

  /** The request's wave scheduler: every read is tracked by it and every batch waits on it (see `createWaveScheduler`). */
  #scheduler(): ReturnType<typeof createWaveScheduler> {
    return (this.#waves ??= createWaveScheduler(this.#plan ? (operation) => this.#plan?.current?.mayWait(operation) ?? false : undefined));
  }

  /** The DataLoader options every loader of the request takes. */
  #loaderOptions(): SmsVoiceLoaderOptions {
    return (this.#options ??= { ...this.#mode, batchScheduleFn: this.#scheduler().schedule });
  }

  /** A read: counted in the request's counter and tracked by its wave scheduler. */
  #send<C extends CountableCommand>(command: C): Promise<CommandOutputOf<C>> {
    return this.#scheduler().track(countedSend<C>(this.#sender, command, this.#calls));
  }

  /** A write: sent as a read is, then the memoized pages are forgotten (whatever the outcome). */
  async #sendWrite<C extends CountableCommand>(command: C): Promise<CommandOutputOf<C>> {
    try {
      return await this.#send(command);
    } finally {
      this.#pages?.clear();
      for (const collection of this.#accountCollections.values()) collection.forget();
      for (const { reader } of this.#parentLists.values()) reader.forget();
    }
  }

  /** Memoizes a page read for the request under `key` (off in `naive` mode). */
  #memoPage<T>(key: readonly unknown[], read: () => Promise<T>): Promise<T> {
    if (this.#mode.cache === false) return read();
    const pages = (this.#pages ??= new Map());
    const text = JSON.stringify(key);
    let pending = pages.get(text) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      pages.set(text, pending);
    }
    return pending;
  }

  /** One memoized page of an account-wide list; `read` sends the paging members as its request. */
  #accountPage<T>(reader: string, pageSize: number, token: string | undefined, read: (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<T>>): Promise<Page<T>> {
    const collection = this.#accountCollection(reader, read as (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<unknown>>);
    return collection.page('', pageSize, token) as Promise<Page<T>>;
  }

  /**
   * The reader of an account-wide list (one parent, ''), built by its first page read: pages are
   * sized by the request's plan and reused whatever size a later field asks, and a list read to
   * its end answers the filtered lookups of the same objects (`#filteredLoader`). Forgotten on
   * every write, as the memoized pages are.
   */
  #accountCollection(reader: string, read: (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<unknown>>): CollectionReader<unknown> {
    let collection = this.#accountCollections.get(reader);
    if (collection === undefined) {
      collection = new CollectionReader<unknown>({
        operation: ACCOUNT_LIST_OPERATIONS[reader] ?? reader,
        maxPageSize: FULL_PAGE,
        fetchPage: (_account, pageSize, token) => read({ MaxResults: pageSize, NextToken: token }),
        plan: this.#plan,
        remember: this.#mode.cache !== false,
      });
      this.#accountCollections.set(reader, collection);
    }
    return collection;
  }

  /** One page of a per-parent list (`SmsVoiceRequestKit.parentPage`). */
  #parentPage<T>(operation: string, parent: string, pageSize: number, token: string | undefined, read: (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<T>>): Promise<Page<T>> {
    let lists = this.#parentLists.get(operation);
    if (lists === undefined) {
      lists = new ParentLists<unknown>({ operation, maxPageSize: FULL_PAGE, plan: this.#plan, remember: this.#mode.cache !== false });
      this.#parentLists.set(operation, lists);
    }
    return lists.page(parent, pageSize, token, (size, next) => read({ MaxResults: size, NextToken: next })) as Promise<Page<T>>;
  }

  /** The account's whole list of a page reader, when this request has read all of it. */
  #wholeAccountList<T>(reader: string): readonly T[] | undefined {
    return this.#accountCollections.get(reader)?.whole('') as readonly T[] | undefined;
  }

  /** What the area modules share, built when the first of them is. */
  #requestKit(): SmsVoiceRequestKit {
    return (this.#kit ??= {
      send: (command) => this.#send(command),
      sendWrite: (command) => this.#sendWrite(command),
      memoPage: (key, read) => this.#memoPage(key, read),
      accountPage: (reader, pageSize, token, read) => this.#accountPage(reader, pageSize, token, read),
      parentPage: (operation, parent, pageSize, token, read) => this.#parentPage(operation, parent, pageSize, token, read),
      parentLookup: <T>(operation: string, parent: string, matches: (item: T) => boolean) =>
        this.#parentLists.get(operation)?.reader.lookup(parent, matches as (item: unknown) => boolean) as Promise<T | 'absent' | undefined> | undefined,
      loaderOptions: this.#loaderOptions(),
      byIdLoader: (spec) => this.#byIdLoader(spec),
      primeTags: (arn, created) => this.#primeTags(arn, created),
    });
  }

  /**
   * A loader of one resource type by ID, name or ARN (whichever of `namesOf` the key equals), 5
   * keys per Describe call; a missing key is reported as `describeKey` words it.
   */
  #byIdLoader<T>({ name, resourceType, describe, namesOf, describeKey = (key) => key, listedIn, operation }: ByIdLoaderSpec<T>): LandingLoader<string, T> {
    const spec = {
      resourceType,
      describe: async (chunk: readonly string[]) => (await describe([...chunk])) ?? [],
      matches: (item: T, key: string) => namesOf(item).includes(key),
      isNamedBy: namesId,
      describeKey,
    };
    return new LandingLoader<string, T>(
      name,
      async (keys) => {
        // The account's list of these objects, held or being read by this request, answers first.
        const list = listedIn === undefined ? undefined : (this.#accountCollections.get(listedIn) as CollectionReader<T> | undefined);
        if (list === undefined) return describeInChunks(keys, spec);
        return describeUnlisted(keys, (key) => list.lookup('', (item) => spec.matches(item, key)), spec, "the account's list");
      },
      { ...this.#loaderOptions(), batchScheduleFn: (dispatch: () => void) => this.#scheduler().schedule(dispatch, operation) },
    );
  }

  /**
   * A loader of every item a Describe filter selects, by filter value: up to 20 values per call,
   * every page of 100 read, the items handed back by `valueOf`.
   */
  #filteredLoader<T>(
    name: string,
    describePage: (values: string[], token: string | undefined) => Promise<Page<T>>,
    valueOf: (item: T) => string | undefined,
    wholeList: () => readonly T[] | undefined,
  ): DataLoader<string, readonly T[]> {
    return new ObservedLoader<string, readonly T[]>(
      name,
      async (values) => {
        // The account's whole list, read to its end by this request, holds every match (or proves there is none).
        const items = wholeList() ?? (await allPages((token) => describePage([...values], token)));
        return values.map((value) => items.filter((item) => valueOf(item) === value));
      },
      { ...this.#loaderOptions(), maxBatchSize: MAX_FILTER_VALUES },
    );
  }

  // List answers prime the by-ID loaders through these, whichever read brought them.
  // A batch of those loaders may be waiting for the read that brought them (`LandingLoader`).
  #primePhoneNumber(item: PhoneNumberModel): void {
    if (item.PhoneNumberId !== undefined) this.#phoneNumbers().land(item.PhoneNumberId, item);
  }
  #primePool(item: PoolModel): void {
    if (item.PoolId !== undefined) this.#pools().land(item.PoolId, item);
  }
  #primeSenderId(item: SenderIdModel): void {
    this.#senderIds().land({ senderId: item.SenderId ?? '', isoCountryCode: item.IsoCountryCode ?? '' }, item);
  }

  /**
   * A create's answer lists the new resource's tags (Describe answers never do), so the `tags`
   * loader starts with them instead of asking ListTagsForResource.
   */
  #primeTags(arn: string | undefined, created: readonly SmsVoiceTagModel[] | undefined): void {
    if (arn !== undefined && created !== undefined) this.tags.clear(arn).prime(arn, created);
  }

  /** A pool's membership changed, so the pool and its member's PoolId are stale. */
  #clearMembership(poolId: string | undefined, originationIdentity: string | undefined): void {
    this.pool.clear(poolId ?? '');
    this.phoneNumber.clear(originationIdentity ?? '');
    this.phoneNumberByNumber.clearAll();
    this.senderId.clearAll();
  }
}
