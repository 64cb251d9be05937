import DataLoader from 'dataloader';
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
  ResourceType,
  Tag,
  UpdatePhoneNumberRequest,
  UpdatePoolRequest,
  UpdateSenderIdRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { countedSend, type CallCounter, type CommandOutputOf, type CountableCommand } from '../callCounter';
import { dataLoaderModeOptions, type LoaderOptions } from '../loaderMode';
import { createAccountLoaders, type SmsVoiceAccountUpstream } from './accountLoaders';
import { createConfigurationSetLoaders, type SmsVoiceConfigurationSetUpstream } from './configurationSetLoaders';
import { describeInChunks } from './describeBatch';
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

  const kit: SmsVoiceRequestKit = { send, sendWrite, memoPage, accountPage, loaderOptions: { ...mode, batchScheduleFn }, byIdLoader, primeTags };

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

  // Every number of the account is read once per request, whichever lookups ask (see the interface).
  const phoneNumberByNumber = new DataLoader<string, PhoneNumberModel | null>(
    async (numbers) => {
      const all = await memoPage(['allPhoneNumbers'], () => allPages((token) => upstream.phoneNumbersPage(FULL_PAGE, token)));
      return numbers.map((number) => all.find((item) => item.PhoneNumber === number) ?? null);
    },
    { ...mode, batchScheduleFn },
  );

  const upstream: SmsVoiceUpstream = {
    phoneNumber,
    phoneNumberByNumber,
    pool,
    optOutList,
    senderId,
    keyword,
    optedOutNumber,
    tags,
    phoneNumbersByOptOutList,
    poolsByOptOutList,
    senderIdsByName,
    ...createAccountLoaders(kit),
    ...createVerifiedDestinationLoaders(kit),
    ...createConfigurationSetLoaders(kit),
    ...createRegistrationLoaders(kit, { phoneNumber, senderId }),

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
    async optOutListPhoneNumbersPage(optOutListName, pageSize, token) {
      return offsetPage(await phoneNumbersByOptOutList.load(optOutListName), pageSize, token);
    },
    async optOutListPoolsPage(optOutListName, pageSize, token) {
      return offsetPage(await poolsByOptOutList.load(optOutListName), pageSize, token);
    },

    async requestPhoneNumber(input) {
      const out = await sendWrite(new RequestPhoneNumberCommand(input));
      primeTags(out.PhoneNumberArn, out.Tags);
      phoneNumberByNumber.clearAll();
      return reprime(phoneNumber, out.PhoneNumberId, writeResult<PhoneNumberModel>(out));
    },
    async updatePhoneNumber(input) {
      const out = await sendWrite(new UpdatePhoneNumberCommand(input));
      if (out.PhoneNumberId !== undefined) phoneNumber.clear(out.PhoneNumberId);
      phoneNumber.clear(input.PhoneNumberId ?? '');
      phoneNumberByNumber.clearAll();
      return { ...writeResult<PhoneNumberModel>(out), poolIdUnknown: true };
    },
    async releasePhoneNumber(phoneNumberId) {
      const out = await sendWrite(new ReleasePhoneNumberCommand({ PhoneNumberId: phoneNumberId }));
      phoneNumber.clear(phoneNumberId);
      if (out.PhoneNumberId !== undefined) phoneNumber.clear(out.PhoneNumberId);
      phoneNumberByNumber.clearAll();
      return writeResult<PhoneNumberModel>(out);
    },
    async createPool(input) {
      const out = await sendWrite(new CreatePoolCommand(input));
      primeTags(out.PoolArn, out.Tags);
      // The first origination identity now belongs to the pool: its cached PoolId is stale.
      phoneNumber.clear(input.OriginationIdentity ?? '');
      phoneNumberByNumber.clearAll();
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
      phoneNumberByNumber.clearAll();
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


  /** Module-private: a pool's membership changed, so the pool and its member's PoolId are stale. */
  function clearMembership(poolId: string | undefined, originationIdentity: string | undefined): void {
    pool.clear(poolId ?? '');
    phoneNumber.clear(originationIdentity ?? '');
    phoneNumberByNumber.clearAll();
    senderId.clearAll();
  }


  return upstream;
}
