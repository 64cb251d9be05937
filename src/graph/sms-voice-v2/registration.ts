import type { GraphQLResolveInfo } from 'graphql';
import type { CreateRegistrationAttachmentInput, PutRegistrationFieldValueInput, Resolvers } from '../../__generated__/resolvers-types';
import type {
  CreateRegistrationAttachmentRequest,
  Page,
  PutRegistrationFieldValueRequest,
  RegistrationFieldDefinitionModel,
  RegistrationFieldValueModel,
  RegistrationModel,
  RegistrationSectionDefinitionModel,
} from '../../upstream/sms-voice-v2/models';
import type { GraphQLContext } from '../context';
import { badUserInput } from '../errors';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { answersByReference, fromWhole, selectedFieldNames, selectsPath, type ReferenceShape } from '../selection';
import { globalIdKeys, opt, originationValue, required, smsConnection, tagsOf } from './shared';

/** Resolvers of `Registration` and everything hanging off it, the registration queries and mutations. */
export const registrationResolvers: Resolvers = {
  Query: {
    registrations: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.registrationsPage(size, token)),
    registration: (_parent, args, ctx, info) => registrationOrReference(args.registrationId, ctx, info),
    registrationAttachments: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.registrationAttachmentsPage(size, token)),
    registrationAttachment: (_parent, args, ctx) => ctx.smsVoice.registrationAttachment.load(args.registrationAttachmentId),
    registrationTypeDefinitions: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.registrationTypeDefinitionsPage(size, token)),
    registrationTypeDefinition: (_parent, args, ctx) => ctx.smsVoice.registrationTypeDefinition.load(args.registrationType),
  },
  Mutation: {
    createRegistration: async (_parent, { input }, ctx) => ({
      registration: await ctx.smsVoice.createRegistration({ RegistrationType: input.registrationType, ClientToken: opt(input.clientToken) }),
    }),
    deleteRegistration: async (_parent, { input }, ctx) => ({ registration: await ctx.smsVoice.deleteRegistration(input.registrationId) }),
    putRegistrationFieldValue: (_parent, { input }, ctx) => ctx.smsVoice.putRegistrationFieldValue(putFieldValueRequest(input)),
    deleteRegistrationFieldValue: (_parent, { input }, ctx) => ctx.smsVoice.deleteRegistrationFieldValue(input.registrationId, input.fieldPath),
    createRegistrationVersion: (_parent, { input }, ctx) => ctx.smsVoice.createRegistrationVersion(input.registrationId),
    submitRegistrationVersion: (_parent, { input }, ctx) => ctx.smsVoice.submitRegistrationVersion(input.registrationId),
    discardRegistrationVersion: (_parent, { input }, ctx) => ctx.smsVoice.discardRegistrationVersion(input.registrationId),
    createRegistrationAssociation: (_parent, { input }, ctx) => ctx.smsVoice.createRegistrationAssociation(input.registrationId, input.resourceId),
    createRegistrationAttachment: async (_parent, { input }, ctx) => ({ attachment: await ctx.smsVoice.createRegistrationAttachment(attachmentRequest(input)) }),
    deleteRegistrationAttachment: async (_parent, { input }, ctx) => ({ attachment: await ctx.smsVoice.deleteRegistrationAttachment(input.registrationAttachmentId) }),
  },
  Registration: {
    // The parent may be a reference (see `registrationOrReference`): the ID fields and the ID edges
    // read only its ID; everything else reads the whole registration through `fromRegistration`.
    id: (parent, _args, ctx) => toGlobalId('Registration', ctx.region, registrationIdOf(parent)),
    registrationId: (parent) => registrationIdOf(parent),
    arn: fromRegistration((registration) => required(registration.RegistrationArn, 'RegistrationArn')),
    registrationType: fromRegistration((registration) => required(registration.RegistrationType, 'RegistrationType')),
    status: fromRegistration((registration) => required(registration.RegistrationStatus, 'RegistrationStatus')),
    currentVersionNumber: fromRegistration((registration) => required(registration.CurrentVersionNumber, 'CurrentVersionNumber')),
    approvedVersionNumber: nullableFromRegistration((registration) => registration.ApprovedVersionNumber ?? null),
    latestDeniedVersionNumber: nullableFromRegistration((registration) => registration.LatestDeniedVersionNumber ?? null),
    additionalAttributes: nullableFromRegistration((registration) => registration.AdditionalAttributes ?? null),
    createdTimestamp: fromRegistration((registration) => required(registration.CreatedTimestamp, 'CreatedTimestamp')),
    // A version by number needs the registration's version numbers: these edges wait for it.
    currentVersion: nullableFromRegistration((registration, ctx) => versionOf(registration, registration.CurrentVersionNumber, ctx)),
    approvedVersion: nullableFromRegistration((registration, ctx) => versionOf(registration, registration.ApprovedVersionNumber, ctx)),
    latestDeniedVersion: nullableFromRegistration((registration, ctx) => versionOf(registration, registration.LatestDeniedVersionNumber, ctx)),
    versions: (parent, args, ctx) => smsConnection(args, (size, token) => readById(parent, ctx, () => ctx.smsVoice.registrationVersionsPage(registrationIdOf(parent), size, token))),
    fieldValues: (parent, args, ctx, info) => {
      prefetchForDefinitions(parent, ctx, info);
      return smsConnection(args, (size, token) => fieldValuesPage(parent, ctx, opt(args.versionNumber), size, token));
    },
    attachments: async (parent, _args, ctx) => {
      const values = await readById(parent, ctx, () => ctx.smsVoice.allRegistrationFieldValues(registrationIdOf(parent), undefined));
      const ids = [...new Set(values.flatMap((value) => (value.RegistrationAttachmentId ? [value.RegistrationAttachmentId] : [])))];
      return Promise.all(ids.map((id) => ctx.smsVoice.registrationAttachment.load(id)));
    },
    associations: (parent, args, ctx) => smsConnection(args, (size, token) => readById(parent, ctx, () => ctx.smsVoice.registrationAssociationsPage(registrationIdOf(parent), size, token))),
    typeDefinition: nullableFromRegistration((registration, ctx) => ctx.smsVoice.registrationTypeDefinition.load(required(registration.RegistrationType, 'RegistrationType'))),
    tags: fromRegistration((registration, ctx) => tagsOf(ctx, registration.RegistrationArn)),
  },
  RegistrationVersion: {
    versionNumber: (parent) => required(parent.VersionNumber, 'VersionNumber'),
    status: (parent) => required(parent.RegistrationVersionStatus, 'RegistrationVersionStatus'),
    statusHistory: (parent) => required(parent.RegistrationVersionStatusHistory, 'RegistrationVersionStatusHistory'),
    deniedReasons: (parent) => parent.DeniedReasons ?? [],
    feedback: (parent) => parent.Feedback ?? null,
    registration: (parent, _args, ctx) => ctx.smsVoice.registration.load(parent.RegistrationId),
  },
  RegistrationVersionStatusHistory: {
    draftTimestamp: (parent) => required(parent.DraftTimestamp, 'DraftTimestamp'),
    submittedTimestamp: (parent) => parent.SubmittedTimestamp ?? null,
    awsReviewingTimestamp: (parent) => parent.AwsReviewingTimestamp ?? null,
    reviewingTimestamp: (parent) => parent.ReviewingTimestamp ?? null,
    requiresAuthenticationTimestamp: (parent) => parent.RequiresAuthenticationTimestamp ?? null,
    approvedTimestamp: (parent) => parent.ApprovedTimestamp ?? null,
    discardedTimestamp: (parent) => parent.DiscardedTimestamp ?? null,
    deniedTimestamp: (parent) => parent.DeniedTimestamp ?? null,
    revokedTimestamp: (parent) => parent.RevokedTimestamp ?? null,
    archivedTimestamp: (parent) => parent.ArchivedTimestamp ?? null,
  },
  RegistrationDeniedReason: {
    reason: (parent) => required(parent.Reason, 'Reason'),
    shortDescription: (parent) => required(parent.ShortDescription, 'ShortDescription'),
    longDescription: (parent) => parent.LongDescription ?? null,
    documentationTitle: (parent) => parent.DocumentationTitle ?? null,
    documentationLink: (parent) => parent.DocumentationLink ?? null,
  },
  RegistrationFieldValue: {
    fieldPath: (parent) => required(parent.FieldPath, 'FieldPath'),
    selectChoices: (parent) => parent.SelectChoices ?? null,
    textValue: (parent) => parent.TextValue ?? null,
    registrationAttachmentId: (parent) => parent.RegistrationAttachmentId ?? null,
    deniedReason: (parent) => parent.DeniedReason ?? null,
    feedback: (parent) => parent.Feedback ?? null,
    attachment: (parent, _args, ctx) => (parent.RegistrationAttachmentId ? ctx.smsVoice.registrationAttachment.load(parent.RegistrationAttachmentId) : null),
    definition: async (parent, _args, ctx, info) => {
      const registrationType = await registrationTypeOf(parent, ctx);
      const fieldPath = required(parent.FieldPath, 'FieldPath');
      // The section is read beside the field definition, not after it: its path is the field path's first segment.
      const section = selectedFieldNames(info).has('section') ? ctx.smsVoice.registrationSectionDefinition.load({ registrationType, path: sectionPathOf(fieldPath) }) : undefined;
      section?.catch(() => undefined); // its failure is reported by `section`, if that field still asks for it
      const definition = await ctx.smsVoice.registrationFieldDefinition.load({ registrationType, path: fieldPath });
      if (section !== undefined) prefetchedSections.set(definition, section);
      return definition;
    },
  },
  RegistrationAttachment: {
    id: (parent, _args, ctx) => toGlobalId('RegistrationAttachment', ctx.region, required(parent.RegistrationAttachmentId, 'RegistrationAttachmentId')),
    registrationAttachmentId: (parent) => required(parent.RegistrationAttachmentId, 'RegistrationAttachmentId'),
    arn: (parent) => required(parent.RegistrationAttachmentArn, 'RegistrationAttachmentArn'),
    status: (parent) => required(parent.AttachmentStatus, 'AttachmentStatus'),
    uploadErrorReason: (parent) => parent.AttachmentUploadErrorReason ?? null,
    attachmentUrl: (parent) => parent.AttachmentUrl ?? null,
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.RegistrationAttachmentArn),
  },
  RegistrationAssociation: {
    resourceId: (parent) => required(parent.ResourceId, 'ResourceId'),
    resourceArn: (parent) => required(parent.ResourceArn, 'ResourceArn'),
    resourceType: (parent) => required(parent.ResourceType, 'ResourceType'),
    isoCountryCode: (parent) => parent.IsoCountryCode ?? null,
    phoneNumber: (parent) => parent.PhoneNumber ?? null,
    resource: async (parent, _args, ctx) =>
      originationValue(
        await ctx.smsVoice.originationResource({ id: parent.ResourceId, arn: parent.ResourceArn, resourceType: parent.ResourceType, isoCountryCode: parent.IsoCountryCode }),
      ),
  },
  RegistrationTypeDefinition: {
    registrationType: (parent) => required(parent.RegistrationType, 'RegistrationType'),
    displayHints: (parent) => required(parent.DisplayHints, 'DisplayHints'),
    supportedAssociations: (parent) => parent.SupportedAssociations ?? [],
    sections: (parent, args, ctx) =>
      smsConnection(args, (size, token) => ctx.smsVoice.registrationSectionDefinitionsPage(required(parent.RegistrationType, 'RegistrationType'), size, token)),
    fields: (parent, args, ctx) =>
      smsConnection(args, (size, token) =>
        ctx.smsVoice.registrationFieldDefinitionsPage(required(parent.RegistrationType, 'RegistrationType'), opt(args.sectionPath), size, token),
      ),
  },
  RegistrationSectionDefinition: {
    sectionPath: (parent) => required(parent.SectionPath, 'SectionPath'),
    displayHints: (parent) => required(parent.DisplayHints, 'DisplayHints'),
    fields: (parent, args, ctx) =>
      smsConnection(args, (size, token) => ctx.smsVoice.registrationFieldDefinitionsPage(parent.RegistrationType, required(parent.SectionPath, 'SectionPath'), size, token)),
  },
  RegistrationFieldDefinition: {
    sectionPath: (parent) => required(parent.SectionPath, 'SectionPath'),
    fieldPath: (parent) => required(parent.FieldPath, 'FieldPath'),
    fieldType: (parent) => required(parent.FieldType, 'FieldType'),
    fieldRequirement: (parent) => required(parent.FieldRequirement, 'FieldRequirement'),
    selectValidation: (parent) => parent.SelectValidation ?? null,
    textValidation: (parent) => parent.TextValidation ?? null,
    displayHints: (parent) => required(parent.DisplayHints, 'DisplayHints'),
    section: (parent, _args, ctx) => {
      const sectionPath = required(parent.SectionPath, 'SectionPath');
      const prefetched = prefetchedSections.get(parent);
      if (prefetched !== undefined && parent.FieldPath !== undefined && sectionPathOf(parent.FieldPath) === sectionPath) return prefetched;
      return ctx.smsVoice.registrationSectionDefinition.load({ registrationType: parent.RegistrationType, path: sectionPath });
    },
  },
  RegistrationSupportedAssociation: {
    resourceType: (parent) => required(parent.ResourceType, 'ResourceType'),
    isoCountryCode: (parent) => parent.IsoCountryCode ?? null,
    associationBehavior: (parent) => required(parent.AssociationBehavior, 'AssociationBehavior'),
    disassociationBehavior: (parent) => required(parent.DisassociationBehavior, 'DisassociationBehavior'),
  },
  RegistrationDisplayHints: {
    title: (parent) => required(parent.Title, 'Title'),
    shortDescription: (parent) => parent.ShortDescription ?? null,
    longDescription: (parent) => parent.LongDescription ?? null,
    documentationTitle: (parent) => parent.DocumentationTitle ?? null,
    documentationLink: (parent) => parent.DocumentationLink ?? null,
    selectOptionDescriptions: (parent) => parent.SelectOptionDescriptions ?? null,
    textValidationDescription: (parent) => parent.TextValidationDescription ?? null,
    exampleTextValue: (parent) => parent.ExampleTextValue ?? null,
  },
  RegistrationSelectOptionDescription: {
    option: (parent) => required(parent.Option, 'Option'),
    title: (parent) => parent.Title ?? null,
    description: (parent) => parent.Description ?? null,
  },
  RegistrationSelectValidation: {
    minChoices: (parent) => required(parent.MinChoices, 'MinChoices'),
    maxChoices: (parent) => required(parent.MaxChoices, 'MaxChoices'),
    options: (parent) => parent.Options ?? [],
  },
  RegistrationTextValidation: {
    minLength: (parent) => required(parent.MinLength, 'MinLength'),
    maxLength: (parent) => required(parent.MaxLength, 'MaxLength'),
    pattern: (parent) => required(parent.Pattern, 'Pattern'),
  },
  RegistrationVersionPayload: {
    registration: (parent, _args, ctx) => ctx.smsVoice.registration.load(parent.RegistrationId),
    version: (parent) => parent,
  },
  RegistrationFieldValuePayload: {
    registration: (parent, _args, ctx) => ctx.smsVoice.registration.load(parent.RegistrationId),
    fieldValue: (parent) => parent,
  },
  RegistrationAssociationPayload: {
    registration: (parent, _args, ctx) => ctx.smsVoice.registration.load(required(parent.RegistrationId, 'RegistrationId')),
    association: (parent) => parent,
  },
};

/** `node(id)` for registrations and attachments: the global ID's one key is the upstream ID. */
export const registrationNodeFetchers: NodeFetchers = {
  Registration: (keys, ctx) => ctx.smsVoice.registration.load(globalIdKeys(keys, 'Registration', 1)[0]),
  RegistrationAttachment: (keys, ctx) => ctx.smsVoice.registrationAttachment.load(globalIdKeys(keys, 'RegistrationAttachment', 1)[0]),
};

/**
 * Edges read beside the read of their parent, not after it (child coordinate → the field whose
 * read starts it): a field value's `definition` starts its `section`'s read when selected, since
 * the section path is the field path's first segment. The request plan places them in that wave.
 */
export const EDGES_READ_BESIDE_PARENT: ReadonlyMap<string, string> = new Map([['RegistrationFieldDefinition.section', 'RegistrationFieldValue.definition']]);

/**
 * Module-private: section reads started beside a field value's definition read, by the definition
 * they belong to (one entry per loaded definition object, so a naive-mode request still reads once).
 */
const prefetchedSections = new WeakMap<RegistrationFieldDefinitionModel, Promise<RegistrationSectionDefinitionModel>>();

/** Module-private: a field path's section (`companyInfo.companyName` is in `companyInfo`). */
function sectionPathOf(fieldPath: string): string {
  return fieldPath.split('.')[0];
}

/** Module-private: `Registration` fields that need only the registration ID (or nothing at all). */
const ID_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'registrationId']);

/**
 * Module-private: `Registration` fields read from the registration itself (DescribeRegistrations),
 * on demand from a reference: its members, and the edges that need one of them (a version by
 * number, the type's definition, the tags by ARN).
 */
const DATA_FIELDS: ReadonlySet<string> = new Set([
  'arn',
  'registrationType',
  'status',
  'currentVersionNumber',
  'approvedVersionNumber',
  'latestDeniedVersionNumber',
  'additionalAttributes',
  'createdTimestamp',
  'currentVersion',
  'approvedVersion',
  'latestDeniedVersion',
  'typeDefinition',
  'tags',
]);

/**
 * Module-private: the edges whose upstream read names the registration by ID only
 * (DescribeRegistrationVersions, DescribeRegistrationFieldValues, ListRegistrationAssociations):
 * the ones that gain from not waiting for DescribeRegistrations. A new `Registration` field is
 * left out of every set until it is checked: then it keeps DescribeRegistrations first.
 */
const ID_EDGES: ReadonlySet<string> = new Set(['versions', 'fieldValues', 'attachments', 'associations']);

/**
 * Module-private: non-null `Registration` fields that fail with NOT_FOUND when the registration
 * does not exist: its non-null members and tags (a failed DescribeRegistrations) and the ID edges
 * (their own call names the registration). One of them failing turns the nullable
 * `registration` into null, so a reference is never a ghost registration.
 */
const WITNESS_FIELDS: ReadonlySet<string> = new Set(['arn', 'registrationType', 'status', 'currentVersionNumber', 'createdTimestamp', 'tags', 'versions', 'fieldValues', 'attachments', 'associations']);

/** How `Query.registration` may answer with a reference (see `answersByReference`; the request plan reads it too). */
export const REGISTRATION_SHAPE: ReferenceShape = { idFields: ID_FIELDS, dataFields: DATA_FIELDS, idEdges: ID_EDGES, witnesses: WITNESS_FIELDS };

/** Module-private: what a reference knows besides its ID. */
interface ReferenceState {
  /**
   * Whether a selected non-null field reads the registration itself. If its read fails, that field
   * reports the error and nulls the registration, so the nullable fields reading it stay quiet
   * rather than repeat the error (graphql-js keeps a nullable sibling's error that comes first).
   */
  readonly failureReported: boolean;
  /** DescribeRegistrations (through the loader), once a field asked: one read per reference, also in naive mode. */
  whole?: Promise<RegistrationModel>;
}

/** Module-private: the registrations `Query.registration` answered before DescribeRegistrations. */
const REFERENCES = new WeakMap<RegistrationModel, ReferenceState>();

/** Module-private: the reference a field value was listed under (its `definition` reads the registration's type from there). */
const REFERENCE_OF_VALUE = new WeakMap<RegistrationFieldValueModel, RegistrationModel>();

/**
 * Module-private: `Query.registration`. The edges that need only the registration ID start at
 * once, beside (not after) DescribeRegistrations, when the selection lets a missing registration
 * still come out as `registration: null` with NOT_FOUND: then the answer is a reference, whose
 * other fields read the registration on demand. Else (or when the argument is an ARN, which the
 * ID fields must not echo) the registration is read first, as every other parent is. The price of
 * not waiting: on a missing registration, the selected edges make their own (failing) calls.
 */
function registrationOrReference(registrationId: string, ctx: GraphQLContext, info: GraphQLResolveInfo): RegistrationModel | Promise<RegistrationModel> {
  const names = selectedFieldNames(info);
  if (registrationId.startsWith('arn:') || !answersByReference(names, REGISTRATION_SHAPE)) return ctx.smsVoice.registration.load(registrationId);
  // Not a whole model (no type, no status): only the fields `REGISTRATION_SHAPE` allows reach it,
  // each of which reads the ID or goes through `completeRegistration`.
  const reference = { RegistrationId: registrationId } as RegistrationModel;
  REFERENCES.set(reference, { failureReported: [...names].some((name) => DATA_FIELDS.has(name) && WITNESS_FIELDS.has(name)) });
  return reference;
}

/** Module-private: the whole registration: the parent itself, or DescribeRegistrations (through the loader) for a reference. */
function completeRegistration(registration: RegistrationModel, ctx: GraphQLContext): RegistrationModel | Promise<RegistrationModel> {
  const reference = REFERENCES.get(registration);
  if (reference === undefined) return registration;
  reference.whole ??= ctx.smsVoice.registration.load(registrationIdOf(registration));
  return reference.whole;
}

/** Module-private: a field resolver reading the whole registration: at once from a whole parent, once read for a reference. */
function fromRegistration<T>(read: (registration: RegistrationModel, ctx: GraphQLContext) => T) {
  return fromWhole(completeRegistration)(read);
}

/** Module-private: {@link fromRegistration} for a nullable field: null without an error of its own when a non-null sibling reports the failed read. */
function nullableFromRegistration<T>(read: (registration: RegistrationModel, ctx: GraphQLContext) => T) {
  return (parent: RegistrationModel, _args: unknown, ctx: GraphQLContext): T | Promise<Awaited<T> | null> => {
    const whole = completeRegistration(parent, ctx);
    if (!(whole instanceof Promise)) return read(whole, ctx);
    return whole.then(
      (registration) => read(registration, ctx) as Awaited<T>,
      (error: unknown) => {
        if (REFERENCES.get(parent)?.failureReported === true) return null;
        throw error;
      },
    );
  };
}

/**
 * Module-private: a read that needs only the registration ID. For a reference it goes out with the
 * request's next wave of batches, beside the DescribeRegistrations its other fields wait for,
 * rather than at once, where it would hold that batch back a round trip (see `withNextWave`).
 */
function readById<T>(parent: RegistrationModel, ctx: GraphQLContext, read: () => Promise<T>): Promise<T> {
  return REFERENCES.has(parent) ? ctx.smsVoice.withNextWave(read) : read();
}

/**
 * Module-private: for a reference whose values' definitions are selected, starts the read of the
 * registration (which the definitions need for its type) now, in the same wave as the values,
 * rather than once the values are in.
 */
function prefetchForDefinitions(parent: RegistrationModel, ctx: GraphQLContext, info: GraphQLResolveInfo): void {
  if (!REFERENCES.has(parent) || !(selectsPath(info, ['nodes', 'definition']) || selectsPath(info, ['edges', 'node', 'definition']))) return;
  const whole = completeRegistration(parent, ctx);
  // Its failure is reported by the definitions that await it, if there are values at all.
  if (whole instanceof Promise) whole.catch(() => undefined);
}

/** Module-private: one page of a registration's field values, each value knowing where its registration's type comes from. */
async function fieldValuesPage(parent: RegistrationModel, ctx: GraphQLContext, versionNumber: number | undefined, size: number, token: string | undefined): Promise<Page<RegistrationFieldValueModel>> {
  const owner = { registrationId: registrationIdOf(parent), registrationType: parent.RegistrationType };
  const page = await readById(parent, ctx, () => ctx.smsVoice.registrationFieldValuesPage(owner, versionNumber, size, token));
  // A reference's type is not known yet: the values do not wait for it, only their `definition` does.
  if (REFERENCES.has(parent)) for (const value of page.items) REFERENCE_OF_VALUE.set(value, parent);
  return page;
}

/** Module-private. */
function registrationIdOf(parent: RegistrationModel): string {
  return required(parent.RegistrationId, 'RegistrationId');
}

/** Module-private: one version of a registration through the batched version loader, or null when it has none. */
function versionOf(parent: RegistrationModel, versionNumber: number | undefined, ctx: GraphQLContext) {
  return versionNumber === undefined ? null : ctx.smsVoice.registrationVersion.load({ registrationId: registrationIdOf(parent), versionNumber });
}

/**
 * Module-private: the type of a field value's registration: carried by the value when its
 * registration was whole, else read from the reference it was listed under (its one read), else
 * (a value a write returned) read again.
 */
async function registrationTypeOf(parent: RegistrationFieldValueModel, ctx: GraphQLContext): Promise<string> {
  if (parent.RegistrationType !== undefined) return parent.RegistrationType;
  const reference = REFERENCE_OF_VALUE.get(parent);
  const registration = reference === undefined ? await ctx.smsVoice.registration.load(parent.RegistrationId) : await completeRegistration(reference, ctx);
  return required(registration.RegistrationType, 'RegistrationType');
}

/** Module-private: the SDK request of `putRegistrationFieldValue`. */
function putFieldValueRequest(input: PutRegistrationFieldValueInput): PutRegistrationFieldValueRequest {
  return {
    RegistrationId: input.registrationId,
    FieldPath: input.fieldPath,
    SelectChoices: input.selectChoices ? [...input.selectChoices] : undefined,
    TextValue: opt(input.textValue),
    RegistrationAttachmentId: opt(input.registrationAttachmentId),
  };
}

/** Module-private: the SDK request of `createRegistrationAttachment` (exactly one of URL or body). */
function attachmentRequest(input: CreateRegistrationAttachmentInput): CreateRegistrationAttachmentRequest {
  const hasUrl = input.attachmentUrl != null;
  const hasBody = input.attachmentBodyBase64 != null;
  if (hasUrl === hasBody) {
    throw badUserInput(`createRegistrationAttachment takes exactly one of "attachmentUrl" and "attachmentBodyBase64"; got ${hasUrl ? 'both' : 'neither'}.`, { argument: 'input' });
  }
  return {
    AttachmentUrl: opt(input.attachmentUrl),
    AttachmentBody: hasBody ? Buffer.from(input.attachmentBodyBase64 ?? '', 'base64') : undefined,
    ClientToken: opt(input.clientToken),
  };
}
