import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind } from 'graphql';
import type { GraphQLResolveInfo, SelectionNode } from 'graphql';
import type { CreateRegistrationAttachmentInput, PutRegistrationFieldValueInput, Resolvers } from '../../__generated__/resolvers-types';
import type { CreateRegistrationAttachmentRequest, PutRegistrationFieldValueRequest, RegistrationFieldDefinitionModel, RegistrationFieldValueModel, RegistrationModel, RegistrationSectionDefinitionModel } from '../../upstream/sms-voice-v2/models';
import type { GraphQLContext } from '../context';
import { badUserInput } from '../errors';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, opt, originationValue, required, smsConnection, tagsOf } from './shared';

/** Resolvers of `Registration` and everything hanging off it, the registration queries and mutations. */
export const registrationResolvers: Resolvers = {
  Query: {
    registrations: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.registrationsPage(size, token)),
    registration: (_parent, args, ctx) => ctx.smsVoice.registration.load(args.registrationId),
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
    id: (parent, _args, ctx) => toGlobalId('Registration', ctx.region, required(parent.RegistrationId, 'RegistrationId')),
    registrationId: (parent) => required(parent.RegistrationId, 'RegistrationId'),
    arn: (parent) => required(parent.RegistrationArn, 'RegistrationArn'),
    registrationType: (parent) => required(parent.RegistrationType, 'RegistrationType'),
    status: (parent) => required(parent.RegistrationStatus, 'RegistrationStatus'),
    currentVersionNumber: (parent) => required(parent.CurrentVersionNumber, 'CurrentVersionNumber'),
    approvedVersionNumber: (parent) => parent.ApprovedVersionNumber ?? null,
    latestDeniedVersionNumber: (parent) => parent.LatestDeniedVersionNumber ?? null,
    additionalAttributes: (parent) => parent.AdditionalAttributes ?? null,
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    currentVersion: (parent, _args, ctx) => versionOf(parent, parent.CurrentVersionNumber, ctx),
    approvedVersion: (parent, _args, ctx) => versionOf(parent, parent.ApprovedVersionNumber, ctx),
    latestDeniedVersion: (parent, _args, ctx) => versionOf(parent, parent.LatestDeniedVersionNumber, ctx),
    versions: (parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.registrationVersionsPage(registrationIdOf(parent), size, token)),
    fieldValues: (parent, args, ctx) =>
      smsConnection(args, (size, token) =>
        ctx.smsVoice.registrationFieldValuesPage({ registrationId: registrationIdOf(parent), registrationType: parent.RegistrationType }, opt(args.versionNumber), size, token),
      ),
    attachments: async (parent, _args, ctx) => {
      const values = await ctx.smsVoice.allRegistrationFieldValues(registrationIdOf(parent), undefined);
      const ids = [...new Set(values.flatMap((value) => (value.RegistrationAttachmentId ? [value.RegistrationAttachmentId] : [])))];
      return Promise.all(ids.map((id) => ctx.smsVoice.registrationAttachment.load(id)));
    },
    associations: (parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.registrationAssociationsPage(registrationIdOf(parent), size, token)),
    typeDefinition: (parent, _args, ctx) => ctx.smsVoice.registrationTypeDefinition.load(required(parent.RegistrationType, 'RegistrationType')),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.RegistrationArn),
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
      const section = selectsField(info, 'section') ? ctx.smsVoice.registrationSectionDefinition.load({ registrationType, path: sectionPathOf(fieldPath) }) : undefined;
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
 * Module-private: section reads started beside a field value's definition read, by the definition
 * they belong to (one entry per loaded definition object, so a naive-mode request still reads once).
 */
const prefetchedSections = new WeakMap<RegistrationFieldDefinitionModel, Promise<RegistrationSectionDefinitionModel>>();

/** Module-private: a field path's section (`companyInfo.companyName` is in `companyInfo`). */
function sectionPathOf(fieldPath: string): string {
  return fieldPath.split('.')[0];
}

/** Module-private: whether the resolved field's selection asks for the child field `name` (honouring @skip/@include). */
function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (selections: readonly SelectionNode[], fragmentsSeen: ReadonlySet<string>): boolean =>
    selections.some((selection) => {
      if (!isIncluded(info, selection)) return false;
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === name;
        case Kind.INLINE_FRAGMENT:
          return visit(selection.selectionSet.selections, fragmentsSeen);
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          return fragment !== undefined && !fragmentsSeen.has(selection.name.value) && visit(fragment.selectionSet.selections, new Set([...fragmentsSeen, selection.name.value]));
        }
        default:
          throw new Error(`Unhandled selection kind: ${JSON.stringify(selection satisfies never)}`);
      }
    });
  return info.fieldNodes.some((fieldNode) => visit(fieldNode.selectionSet?.selections ?? [], new Set()));
}

/** Module-private: whether @skip/@include keep a selection (a needless prefetch would be an extra call). */
function isIncluded(info: GraphQLResolveInfo, selection: SelectionNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false;
}

/** Module-private. */
function registrationIdOf(parent: RegistrationModel): string {
  return required(parent.RegistrationId, 'RegistrationId');
}

/** Module-private: one version of a registration through the batched version loader, or null when it has none. */
function versionOf(parent: RegistrationModel, versionNumber: number | undefined, ctx: GraphQLContext) {
  return versionNumber === undefined ? null : ctx.smsVoice.registrationVersion.load({ registrationId: registrationIdOf(parent), versionNumber });
}

/** Module-private: the type of a field value's registration (read again when the value came from a write). */
async function registrationTypeOf(parent: RegistrationFieldValueModel, ctx: GraphQLContext): Promise<string> {
  if (parent.RegistrationType !== undefined) return parent.RegistrationType;
  return required((await ctx.smsVoice.registration.load(parent.RegistrationId)).RegistrationType, 'RegistrationType');
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
