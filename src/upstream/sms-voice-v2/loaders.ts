import DataLoader from 'dataloader';
import {
  AssociateOriginationIdentityCommand,
  CreateConfigurationSetCommand,
  CreateOptOutListCommand,
  CreatePoolCommand,
  CreateRegistrationAssociationCommand,
  CreateRegistrationAttachmentCommand,
  CreateRegistrationCommand,
  CreateRegistrationVersionCommand,
  DeleteConfigurationSetCommand,
  DeleteOptedOutNumberCommand,
  DeleteOptOutListCommand,
  DeletePoolCommand,
  DeleteRegistrationCommand,
  DeleteRegistrationFieldValueCommand,
  DescribeConfigurationSetsCommand,
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
  DisassociateOriginationIdentityCommand,
  DiscardRegistrationVersionCommand,
  ListPoolOriginationIdentitiesCommand,
  ListRegistrationAssociationsCommand,
  PutOptedOutNumberCommand,
  PutRegistrationFieldValueCommand,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  SubmitRegistrationVersionCommand,
  UpdatePhoneNumberCommand,
  UpdatePoolCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type {
  AssociateOriginationIdentityRequest,
  CreateConfigurationSetRequest,
  CreateOptOutListRequest,
  CreatePoolRequest,
  CreateRegistrationAttachmentRequest,
  CreateRegistrationRequest,
  PinpointSMSVoiceV2Client,
  PutOptedOutNumberRequest,
  PutRegistrationFieldValueRequest,
  RequestPhoneNumberRequest,
  UpdatePhoneNumberRequest,
  UpdatePoolRequest,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { countedSend, type CallCounter, type CommandOutputOf, type CountableCommand } from '../callCounter';
import { describeInChunks } from './describeBatch';
import type {
  ConfigurationSetModel,
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
 * - Page readers (`…Page(pageSize, token)`) make exactly one upstream call each.
 * - Writes return the changed object, and clear or prime the loader entries they changed.
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
}

/** Page size of the internal "read every page" loops: the upstream maximum. */
const FULL_PAGE = 100;

/** Builds the per-request SMS v2 loaders over a shared client; every command is counted in `calls`. */
export function createSmsVoiceLoaders(client: PinpointSMSVoiceV2Client, calls: CallCounter): SmsVoiceUpstream {
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
    const text = JSON.stringify(key);
    let pending = pages.get(text) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      pages.set(text, pending);
    }
    return pending;
  };
  const sendWrite = async <C extends CountableCommand>(command: C): Promise<CommandOutputOf<C>> => {
    try {
      return await send(command);
    } finally {
      pages.clear();
    }
  };
  const phoneNumber = new DataLoader<string, PhoneNumberModel>((ids) =>
    describeInChunks(ids, {
      resourceType: 'phone-number',
      describe: async (chunk) => (await send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [...chunk] }))).PhoneNumbers ?? [],
      matches: (item, id) => item.PhoneNumberId === id || item.PhoneNumberArn === id,
      isNamedBy: namesId,
      describeKey: (id) => id,
    }),
    { batchScheduleFn },
  );
  const pool = new DataLoader<string, PoolModel>((ids) =>
    describeInChunks(ids, {
      resourceType: 'pool',
      describe: async (chunk) => (await send(new DescribePoolsCommand({ PoolIds: [...chunk] }))).Pools ?? [],
      matches: (item, id) => item.PoolId === id || item.PoolArn === id,
      isNamedBy: namesId,
      describeKey: (id) => id,
    }),
    { batchScheduleFn },
  );
  const optOutList = new DataLoader<string, OptOutListModel>((names) =>
    describeInChunks(names, {
      resourceType: 'opt-out-list',
      describe: async (chunk) => (await send(new DescribeOptOutListsCommand({ OptOutListNames: [...chunk] }))).OptOutLists ?? [],
      matches: (item, name) => item.OptOutListName === name || item.OptOutListArn === name,
      isNamedBy: namesId,
      describeKey: (name) => name,
    }),
    { batchScheduleFn },
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
    { cacheKeyFn: senderKeyText, batchScheduleFn },
  );
  const configurationSet = new DataLoader<string, ConfigurationSetModel>((names) =>
    describeInChunks(names, {
      resourceType: 'configuration-set',
      describe: async (chunk) =>
        (await send(new DescribeConfigurationSetsCommand({ ConfigurationSetNames: [...chunk] }))).ConfigurationSets ?? [],
      matches: (item, name) => item.ConfigurationSetName === name || item.ConfigurationSetArn === name,
      isNamedBy: namesId,
      describeKey: (name) => name,
    }),
    { batchScheduleFn },
  );
  const registration = new DataLoader<string, RegistrationModel>((ids) =>
    describeInChunks(ids, {
      resourceType: 'registration',
      describe: async (chunk) => (await send(new DescribeRegistrationsCommand({ RegistrationIds: [...chunk] }))).Registrations ?? [],
      matches: (item, id) => item.RegistrationId === id || item.RegistrationArn === id,
      isNamedBy: namesId,
      describeKey: (id) => id,
    }),
    { batchScheduleFn },
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
    { cacheKeyFn: versionKeyText, batchScheduleFn },
  );
  const registrationAttachment = new DataLoader<string, RegistrationAttachmentModel>((ids) =>
    describeInChunks(ids, {
      resourceType: 'registration-attachment',
      describe: async (chunk) =>
        (await send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: [...chunk] }))).RegistrationAttachments ?? [],
      matches: (item, id) => item.RegistrationAttachmentId === id || item.RegistrationAttachmentArn === id,
      isNamedBy: namesId,
      describeKey: (id) => id,
    }),
    { batchScheduleFn },
  );
  const registrationTypeDefinition = new DataLoader<string, RegistrationTypeDefinitionModel>((types) =>
    describeInChunks(types, {
      resourceType: 'registration',
      describe: async (chunk) =>
        (await send(new DescribeRegistrationTypeDefinitionsCommand({ RegistrationTypes: [...chunk] }))).RegistrationTypeDefinitions ?? [],
      matches: (item, type) => item.RegistrationType === type,
      isNamedBy: namesId,
      describeKey: (type) => `type ${type}`,
    }),
    { batchScheduleFn },
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
    { cacheKeyFn: definitionKeyText, batchScheduleFn },
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
    { cacheKeyFn: definitionKeyText, batchScheduleFn },
  );

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

    phoneNumbersPage(pageSize, token) {
      return memoPage(['phoneNumbersPage', pageSize, token], async () => {
        const out = await send(new DescribePhoneNumbersCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.PhoneNumbers, out.NextToken, (item) => item.PhoneNumberId !== undefined && phoneNumber.prime(item.PhoneNumberId, item));
      });
    },
    poolsPage(pageSize, token) {
      return memoPage(['poolsPage', pageSize, token], async () => {
        const out = await send(new DescribePoolsCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.Pools, out.NextToken, (item) => item.PoolId !== undefined && pool.prime(item.PoolId, item));
      });
    },
    optOutListsPage(pageSize, token) {
      return memoPage(['optOutListsPage', pageSize, token], async () => {
        const out = await send(new DescribeOptOutListsCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.OptOutLists, out.NextToken, (item) => item.OptOutListName !== undefined && optOutList.prime(item.OptOutListName, item));
      });
    },
    senderIdsPage(pageSize, token) {
      return memoPage(['senderIdsPage', pageSize, token], async () => {
        const out = await send(new DescribeSenderIdsCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.SenderIds, out.NextToken, (item) => senderId.prime({ senderId: item.SenderId ?? '', isoCountryCode: item.IsoCountryCode ?? '' }, item));
      });
    },
    configurationSetsPage(pageSize, token) {
      return memoPage(['configurationSetsPage', pageSize, token], async () => {
        const out = await send(new DescribeConfigurationSetsCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.ConfigurationSets, out.NextToken, (item) => item.ConfigurationSetName !== undefined && configurationSet.prime(item.ConfigurationSetName, item));
      });
    },
    registrationsPage(pageSize, token) {
      return memoPage(['registrationsPage', pageSize, token], async () => {
        const out = await send(new DescribeRegistrationsCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.Registrations, out.NextToken, (item) => item.RegistrationId !== undefined && registration.prime(item.RegistrationId, item));
      });
    },
    registrationAttachmentsPage(pageSize, token) {
      return memoPage(['registrationAttachmentsPage', pageSize, token], async () => {
        const out = await send(new DescribeRegistrationAttachmentsCommand({ MaxResults: pageSize, NextToken: token }));
        return primed(out.RegistrationAttachments, out.NextToken, (item) => item.RegistrationAttachmentId !== undefined && registrationAttachment.prime(item.RegistrationAttachmentId, item));
      });
    },
    registrationTypeDefinitionsPage(pageSize, token) {
      return memoPage(['registrationTypeDefinitionsPage', pageSize, token], async () => {
        const out = await send(new DescribeRegistrationTypeDefinitionsCommand({ MaxResults: pageSize, NextToken: token }));
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
    async allRegistrationFieldValues(registrationId, versionNumber) {
      const values: RegistrationFieldValueModel[] = [];
      let token: string | undefined;
      do {
        const next = await upstream.registrationFieldValuesPage({ registrationId }, versionNumber, FULL_PAGE, token);
        values.push(...next.items);
        token = next.nextToken;
      } while (token !== undefined);
      return values;
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

    async requestPhoneNumber(input) {
      const out = await sendWrite(new RequestPhoneNumberCommand(input));
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
      return reprime(registrationAttachment, out.RegistrationAttachmentId, writeResult<RegistrationAttachmentModel>({ ...out, AttachmentUrl: input.AttachmentUrl }));
    },
    async createConfigurationSet(input) {
      const out = await sendWrite(new CreateConfigurationSetCommand(input));
      // A new set has no event destinations yet (the create result does not list them).
      return reprime(configurationSet, out.ConfigurationSetName, writeResult<ConfigurationSetModel>({ EventDestinations: [], ...out }));
    },
    async deleteConfigurationSet(configurationSetName) {
      const out = await sendWrite(new DeleteConfigurationSetCommand({ ConfigurationSetName: configurationSetName }));
      configurationSet.clear(configurationSetName);
      return writeResult<ConfigurationSetModel>({ EventDestinations: [], ...out });
    },
  };

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

/**
 * Module-private: a write's output as the object's model. Smithy marks every output member
 * optional, but AWS returns the same members as the Describe item (non-null fields still check).
 */
function writeResult<T>(out: object): T {
  const { $metadata: _metadata, Tags: _tags, ...rest } = out as { $metadata?: unknown; Tags?: unknown };
  return rest as T;
}

/**
 * Module-private: dispatches DataLoader batches in waves. A batch waits until no SMS v2 call of
 * this request is in flight (then one more macrotask, so the resolvers fed by the last answer can
 * add their loads): loads that sibling calls are still feeding join the same batch instead of
 * starting another. Two pools' member lists thus cost one DescribePhoneNumbers, not one per pool,
 * for the latency of the slowest sibling call. No deadlock: calls never wait for batches.
 */
function createWaveScheduler(): { schedule: (dispatch: () => void) => void; track: <T>(call: Promise<T>) => Promise<T> } {
  let inFlight = 0;
  let parked: (() => void)[] = [];
  let flushQueued = false;
  const flushWhenIdle = (): void => {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      if (inFlight > 0) return;
      const ready = parked;
      parked = [];
      for (const dispatch of ready) dispatch();
    });
  };
  return {
    schedule(dispatch) {
      parked.push(dispatch);
      if (inFlight === 0) flushWhenIdle();
    },
    track(call) {
      inFlight += 1;
      return call.finally(() => {
        inFlight -= 1;
        if (inFlight === 0 && parked.length > 0) flushWhenIdle();
      });
    },
  };
}

/** Module-private: an upstream page with an empty `NextToken` read as the end. */
function page<T>(items: readonly T[] | undefined, nextToken: string | undefined): Page<T> {
  return { items: items ?? [], nextToken: nextToken || undefined };
}

/** Module-private: an upstream page whose items are primed into a by-ID loader first. */
function primed<T>(items: readonly T[] | undefined, nextToken: string | undefined, prime: (item: T) => unknown): Page<T> {
  for (const item of items ?? []) prime(item);
  return page(items, nextToken);
}

/** Module-private: whether an error's `ResourceId` (an ID, a name or an ARN) names `id`. */
function namesId(resourceId: string, id: string): boolean {
  return resourceId === id || (resourceId.startsWith('arn:') && resourceId.endsWith(`/${id}`)) || (id.startsWith('arn:') && id.endsWith(`/${resourceId}`));
}

/** Module-private: a sender-ID key as text (cache key and messages). */
function senderKeyText(key: SenderIdKey): string {
  return `${key.senderId}/${key.isoCountryCode}`;
}

/** Module-private: a registration-version key as text. */
function versionKeyText(key: RegistrationVersionKey): string {
  return `${key.registrationId}/${key.versionNumber}`;
}

/** Module-private: a definition key as text. */
function definitionKeyText(key: RegistrationDefinitionKey): string {
  return `${key.registrationType}/${key.path}`;
}

/**
 * Module-private: the resource type of an origination identity or association, from its ARN
 * (`…:phone-number/…`, `…:sender-id/…`) or, failing that, the item's `ResourceType`.
 */
function originationType(arn: string | undefined, resourceType: string | undefined): string | undefined {
  const match = arn === undefined ? null : /^arn:[^:]+:sms-voice:[^:]*:[^:]*:([a-z-]+)\//.exec(arn);
  return match?.[1] ?? resourceType;
}

/** Module-private: the ID part of an SMS v2 ARN (`phone-number/<id>`, `sender-id/<id>/<country>`). */
function idFromArn(arn: string | undefined): string | undefined {
  return arn?.split(':').at(5)?.split('/')[1];
}
