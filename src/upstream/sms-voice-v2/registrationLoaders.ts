import type DataLoader from 'dataloader';
import {
  CreateRegistrationAssociationCommand,
  CreateRegistrationAttachmentCommand,
  CreateRegistrationCommand,
  CreateRegistrationVersionCommand,
  DeleteRegistrationAttachmentCommand,
  DeleteRegistrationCommand,
  DeleteRegistrationFieldValueCommand,
  DescribeRegistrationAttachmentsCommand,
  DescribeRegistrationFieldDefinitionsCommand,
  DescribeRegistrationFieldValuesCommand,
  DescribeRegistrationSectionDefinitionsCommand,
  DescribeRegistrationTypeDefinitionsCommand,
  DescribeRegistrationVersionsCommand,
  DescribeRegistrationsCommand,
  DiscardRegistrationVersionCommand,
  ListRegistrationAssociationsCommand,
  PutRegistrationFieldValueCommand,
  SubmitRegistrationVersionCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { CreateRegistrationAttachmentRequest, CreateRegistrationRequest, PutRegistrationFieldValueRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { describeUnlisted, type DescribeSpec } from './describeBatch';
import { allPages, definitionKeyText, FULL_PAGE, ObservedLoader, page, primed, reprime, versionKeyText, writeResult, type SmsVoiceRequestKit } from './loaderKit';
import type {
  Page,
  PhoneNumberModel,
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

/** Registrations, their versions, field values, attachments and definitions (part of `SmsVoiceUpstream`). */
export interface SmsVoiceRegistrationUpstream {
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

  /** One page of the account's registrations (primes `registration`). */
  registrationsPage(pageSize: number, token: string | undefined): Promise<Page<RegistrationModel>>;
  /** One page of the account's registration attachments (primes `registrationAttachment`). */
  registrationAttachmentsPage(pageSize: number, token: string | undefined): Promise<Page<RegistrationAttachmentModel>>;
  /** One page of the registration type definitions (primes `registrationTypeDefinition`). */
  registrationTypeDefinitionsPage(pageSize: number, token: string | undefined): Promise<Page<RegistrationTypeDefinitionModel>>;
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
  /**
   * Starts `read` with the request's next wave of batches instead of at once; for the reads that
   * need only a registration's ID when the registration itself is still to be read
   * (`Query.registration` answering with a reference). A batch waits for the calls in flight (see
   * `createWaveScheduler`), so such a read sent at once would hold back the DescribeRegistrations
   * batch the registration's own fields wait for by a whole round trip; sent with the wave, it goes
   * out beside that batch. With nothing in flight, the wave leaves on the next macrotask.
   */
  withNextWave<T>(read: () => Promise<T>): Promise<T>;
  /** One page of a registration type's section definitions (primes `registrationSectionDefinition`). */
  registrationSectionDefinitionsPage(registrationType: string, pageSize: number, token: string | undefined): Promise<Page<RegistrationSectionDefinitionModel>>;
  /** One page of a registration type's field definitions, optionally of one section (primes `registrationFieldDefinition`). */
  registrationFieldDefinitionsPage(
    registrationType: string,
    sectionPath: string | undefined,
    pageSize: number,
    token: string | undefined,
  ): Promise<Page<RegistrationFieldDefinitionModel>>;

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
  /** DeleteRegistrationAttachment; the deleted attachment. */
  deleteRegistrationAttachment(registrationAttachmentId: string): Promise<RegistrationAttachmentModel>;
}

/** The loaders of the resources a registration association changes (their `RegistrationId` moves). */
export interface RegistrationAssociable {
  /** The request's phone numbers by ID (an associated number's entry is cleared). */
  readonly phoneNumber: DataLoader<string, PhoneNumberModel>;
  /** The request's sender IDs (all cleared: an association names a sender ID without its country). */
  readonly senderId: DataLoader<SenderIdKey, SenderIdModel, string>;
}

/** Builds the registration loaders, page readers and writes over the request's kit. */
export function createRegistrationLoaders(kit: SmsVoiceRequestKit, associable: RegistrationAssociable): SmsVoiceRegistrationUpstream {
  const { send, sendWrite, accountPage, parentPage, parentLookup, loaderOptions, byIdLoader, primeTags } = kit;

  const registration = byIdLoader<RegistrationModel>({
    name: 'registration',
    resourceType: 'registration',
    describe: async (chunk) => (await send(new DescribeRegistrationsCommand({ RegistrationIds: chunk }))).Registrations,
    operation: 'DescribeRegistrations',
    namesOf: (item) => [item.RegistrationId, item.RegistrationArn],
    listedIn: 'registrationsPage',
  });
  const versionSpec: DescribeSpec<RegistrationVersionKey, RegistrationVersionModel> = {
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
  };
  // A version the request's read of the registration's version list holds (or proves absent) needs
  // no read by number: a registration's current version comes from that list when a field reads it.
  const registrationVersion = new ObservedLoader<RegistrationVersionKey, RegistrationVersionModel, string>(
    'registrationVersion',
    (keys) =>
      describeUnlisted(
        keys,
        (key) => parentLookup<RegistrationVersionModel>('DescribeRegistrationVersions', key.registrationId, (item) => item.VersionNumber === key.versionNumber),
        versionSpec,
        "the registration's version list",
      ),
    { ...loaderOptions, cacheKeyFn: versionKeyText },
  );
  const registrationAttachment = byIdLoader<RegistrationAttachmentModel>({
    name: 'registrationAttachment',
    resourceType: 'registration-attachment',
    describe: async (chunk) => (await send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: chunk }))).RegistrationAttachments,
    namesOf: (item) => [item.RegistrationAttachmentId, item.RegistrationAttachmentArn],
    listedIn: 'registrationAttachmentsPage',
  });
  const registrationTypeDefinition = byIdLoader<RegistrationTypeDefinitionModel>({
    name: 'registrationTypeDefinition',
    resourceType: 'registration',
    describe: async (chunk) => (await send(new DescribeRegistrationTypeDefinitionsCommand({ RegistrationTypes: chunk }))).RegistrationTypeDefinitions,
    namesOf: (item) => [item.RegistrationType],
    describeKey: (type) => `type ${type}`,
    listedIn: 'registrationTypeDefinitionsPage',
  });
  /**
   * Module-private: section or field definitions by (type, path): 5 paths of one registration type
   * per call. A definition the request's read of its type's list (`list.operation`, under the
   * parent `list.parentOf` names) holds or proves absent needs no read by path, whichever field asked first.
   */
  const definitionLoader = <T>(
    name: string,
    describe: (registrationType: string, paths: string[]) => Promise<readonly T[]>,
    pathOf: (item: T) => string | undefined,
    list: { readonly operation: string; readonly parentOf: (registrationType: string) => string },
  ): DataLoader<RegistrationDefinitionKey, T, string> => {
    const spec: DescribeSpec<RegistrationDefinitionKey, T> = {
      resourceType: 'registration',
      groupOf: (key) => key.registrationType,
      describe: async (chunk) => describe(chunk[0].registrationType, chunk.map((key) => key.path)),
      matches: (item, key) => pathOf(item) === key.path,
      isNamedBy: (resourceId, key) => resourceId === key.path,
      describeKey: definitionKeyText,
    };
    return new ObservedLoader<RegistrationDefinitionKey, T, string>(
      name,
      (keys) => describeUnlisted(keys, (key) => parentLookup<T>(list.operation, list.parentOf(key.registrationType), (item) => pathOf(item) === key.path), spec, "the registration type's list"),
      { ...loaderOptions, cacheKeyFn: definitionKeyText },
    );
  };
  const registrationSectionDefinition = definitionLoader<RegistrationSectionDefinitionModel>(
    'registrationSectionDefinition',
    async (registrationType, paths) => {
      const out = await send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: registrationType, SectionPaths: paths }));
      return (out.RegistrationSectionDefinitions ?? []).map((section) => ({ ...section, RegistrationType: registrationType }));
    },
    (item) => item.SectionPath,
    { operation: 'DescribeRegistrationSectionDefinitions', parentOf: (registrationType) => registrationType },
  );
  const registrationFieldDefinition = definitionLoader<RegistrationFieldDefinitionModel>(
    'registrationFieldDefinition',
    async (registrationType, paths) => {
      const out = await send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: registrationType, FieldPaths: paths }));
      return (out.RegistrationFieldDefinitions ?? []).map((field) => ({ ...field, RegistrationType: registrationType }));
    },
    (item) => item.FieldPath,
    // The type's whole field list (no section): a section's own list holds only its fields.
    { operation: 'DescribeRegistrationFieldDefinitions', parentOf: (registrationType) => fieldListParent(registrationType, undefined) },
  );

  const registrations: SmsVoiceRegistrationUpstream = {
    registration,
    registrationVersion,
    registrationAttachment,
    registrationTypeDefinition,
    registrationSectionDefinition,
    registrationFieldDefinition,

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
    registrationVersionsPage(registrationId, pageSize, token) {
      return parentPage('DescribeRegistrationVersions', registrationId, pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationVersionsCommand({ RegistrationId: registrationId, ...paging }));
        const versions = (out.RegistrationVersions ?? []).map((version) => ({ ...version, RegistrationId: registrationId }));
        return primed(versions, out.NextToken, (item) => item.VersionNumber !== undefined && registrationVersion.prime({ registrationId, versionNumber: item.VersionNumber }, item));
      });
    },
    registrationFieldValuesPage(owner, versionNumber, pageSize, token) {
      // One reader per registration and version: the owner's type (when the caller knows it) is stamped after the read.
      const values = parentPage('DescribeRegistrationFieldValues', `${owner.registrationId}\u0000${versionNumber ?? ''}`, pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationFieldValuesCommand({ RegistrationId: owner.registrationId, VersionNumber: versionNumber, ...paging }));
        return page(
          (out.RegistrationFieldValues ?? []).map((value) => ({ ...value, RegistrationId: owner.registrationId, VersionNumber: out.VersionNumber })),
          out.NextToken,
        );
      });
      return values.then((read) => ({ ...read, items: read.items.map((value) => ({ ...value, RegistrationType: owner.registrationType })) }));
    },
    allRegistrationFieldValues(registrationId, versionNumber) {
      return allPages((token) => registrations.registrationFieldValuesPage({ registrationId }, versionNumber, FULL_PAGE, token));
    },
    registrationAssociationsPage(registrationId, pageSize, token) {
      return parentPage('ListRegistrationAssociations', registrationId, pageSize, token, async (paging) => {
        const out = await send(new ListRegistrationAssociationsCommand({ RegistrationId: registrationId, ...paging }));
        return page(out.RegistrationAssociations, out.NextToken);
      });
    },
    withNextWave<T>(read: () => Promise<T>) {
      return new Promise<T>((resolve, reject) =>
        loaderOptions.batchScheduleFn(() => {
          // Caught here: a throw would stop the dispatch of the wave's other batches.
          try {
            resolve(read());
          } catch (error) {
            reject(error as Error);
          }
        }),
      );
    },
    registrationSectionDefinitionsPage(registrationType, pageSize, token) {
      return parentPage('DescribeRegistrationSectionDefinitions', registrationType, pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationSectionDefinitionsCommand({ RegistrationType: registrationType, ...paging }));
        const sections = (out.RegistrationSectionDefinitions ?? []).map((section) => ({ ...section, RegistrationType: registrationType }));
        return primed(sections, out.NextToken, (item) => item.SectionPath !== undefined && registrationSectionDefinition.prime({ registrationType, path: item.SectionPath }, item));
      });
    },
    registrationFieldDefinitionsPage(registrationType, sectionPath, pageSize, token) {
      return parentPage('DescribeRegistrationFieldDefinitions', fieldListParent(registrationType, sectionPath), pageSize, token, async (paging) => {
        const out = await send(new DescribeRegistrationFieldDefinitionsCommand({ RegistrationType: registrationType, SectionPath: sectionPath, ...paging }));
        const fields = (out.RegistrationFieldDefinitions ?? []).map((field) => ({ ...field, RegistrationType: registrationType }));
        return primed(fields, out.NextToken, (item) => item.FieldPath !== undefined && registrationFieldDefinition.prime({ registrationType, path: item.FieldPath }, item));
      });
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
      associable.phoneNumber.clear(resourceId);
      if (out.ResourceId !== undefined) associable.phoneNumber.clear(out.ResourceId);
      associable.senderId.clearAll();
      return out;
    },
    async createRegistrationAttachment(input) {
      const out = await sendWrite(new CreateRegistrationAttachmentCommand(input));
      primeTags(out.RegistrationAttachmentArn, out.Tags);
      return reprime(registrationAttachment, out.RegistrationAttachmentId, writeResult<RegistrationAttachmentModel>({ ...out, AttachmentUrl: input.AttachmentUrl }));
    },
    async deleteRegistrationAttachment(registrationAttachmentId) {
      const out = await sendWrite(new DeleteRegistrationAttachmentCommand({ RegistrationAttachmentId: registrationAttachmentId }));
      registrationAttachment.clear(registrationAttachmentId);
      return writeResult<RegistrationAttachmentModel>(out);
    },
  };

  /** Module-private: a version write changes the registration's version numbers and status. */
  function versionWritten(registrationId: string, out: Omit<RegistrationVersionWriteModel, 'RegistrationId'> & { RegistrationId?: string }): RegistrationVersionWriteModel {
    registration.clear(registrationId);
    registrationVersion.clearAll();
    return { ...out, RegistrationId: out.RegistrationId ?? registrationId };
  }

  return registrations;
}

/** Module-private: the parent key of a registration type's field list, or of one section's. */
function fieldListParent(registrationType: string, sectionPath: string | undefined): string {
  return `${registrationType}\u0000${sectionPath ?? ''}`;
}
