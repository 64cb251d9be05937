import type {
  AndroidPushTemplateResolvers,
  ApnsPushTemplateResolvers,
  DefaultPushTemplateResolvers,
  DeleteTemplatePayloadResolvers,
  EmailTemplatePayloadResolvers,
  EmailTemplateResolvers,
  InAppButtonDefaultConfigResolvers,
  InAppButtonOverrideResolvers,
  InAppMessageBodyConfigResolvers,
  InAppMessageButtonResolvers,
  InAppMessageContentResolvers,
  InAppMessageHeaderConfigResolvers,
  InAppTemplatePayloadResolvers,
  InAppTemplateResolvers,
  MessageTemplateResolvers,
  MutationResolvers,
  PushTemplatePayloadResolvers,
  PushTemplateResolvers,
  QueryResolvers,
  SmsTemplatePayloadResolvers,
  SmsTemplateResolvers,
  TemplateActiveVersionPayloadResolvers,
  VoiceTemplatePayloadResolvers,
  VoiceTemplateResolvers,
} from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import { connectionFromUpstream } from '../connection';
import type {
  AndroidPushTemplateModel,
  ApnsPushTemplateModel,
  DefaultButtonConfigurationModel,
  DefaultPushTemplateModel,
  InAppMessageBodyConfigModel,
  InAppMessageButtonModel,
  InAppMessageContentModel,
  InAppMessageHeaderConfigModel,
  MessageTemplateModel,
  OverrideButtonConfigurationModel,
  TemplateTypeModel,
  TemplateWriteModel,
} from '../../upstream/pinpoint/models';
import { templateVersionsParent, type TemplateKey } from '../../upstream/pinpoint/templateLoaders';
import { PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, tagList, upstreamFields, versionKey, type PinpointNodeType } from './fields';
import { toEmailTemplateRequest, toInAppTemplateRequest, toPushTemplateRequest, toSmsTemplateRequest, toVoiceTemplateRequest } from './templateInputs';

/**
 * Resolvers of schema/pinpoint/template.graphql: the account's message templates.
 *
 * A template value may come from a list (ListTemplates: metadata only; ListTemplateVersions:
 * metadata, description and default substitutions) or from a typed Get (everything). Content
 * fields read the value's own key when its source carries it, and otherwise the whole template at
 * the value's version through the `template` loader, so a list costs one call and each listed
 * template costs one more only when its content is asked for.
 */

/** The GraphQL type of each template type (also the type name in its global ID). */
export const TEMPLATE_GRAPHQL_TYPES = {
  EMAIL: 'EmailTemplate',
  SMS: 'SmsTemplate',
  PUSH: 'PushTemplate',
  VOICE: 'VoiceTemplate',
  INAPP: 'InAppTemplate',
} as const satisfies Record<TemplateTypeModel, PinpointNodeType>;

/** The loader key of the version a template value stands for. */
export function templateKeyOf(template: MessageTemplateModel): TemplateKey {
  return { templateType: template.TemplateType, templateName: template.TemplateName, version: template.pinnedVersion };
}

/** Module-private: the keys each list source carries; any other key needs the typed Get. */
const KEYS_BY_SOURCE: Readonly<Record<'list' | 'versions', ReadonlySet<keyof MessageTemplateModel>>> = {
  list: new Set(['TemplateName', 'TemplateType', 'CreationDate', 'LastModifiedDate', 'Version']),
  versions: new Set(['TemplateName', 'TemplateType', 'CreationDate', 'LastModifiedDate', 'Version', 'TemplateDescription', 'DefaultSubstitutions']),
};

/** Module-private: the GraphQL field of each list-carried key that a field reads through `templateContent`. */
const FIELD_OF_KEY: Partial<Record<keyof MessageTemplateModel, string>> = { TemplateDescription: 'description', DefaultSubstitutions: 'defaultSubstitutions' };

/**
 * The content fields (those resolved by `templateContent`) each list's values carry, by source:
 * the request plan counts no typed Get for them (a version list's entries, or a listed template
 * whose version list the request reads).
 */
export const TEMPLATE_FIELDS_BY_LIST: Readonly<Record<'list' | 'versions', ReadonlySet<string>>> = {
  list: new Set([...KEYS_BY_SOURCE.list].flatMap((key) => FIELD_OF_KEY[key] ?? [])),
  versions: new Set([...KEYS_BY_SOURCE.versions].flatMap((key) => FIELD_OF_KEY[key] ?? [])),
};

/** Reads a content key of a template value: its own when its source carries the key, else the whole template's. */
export async function templateContent<K extends keyof MessageTemplateModel>(template: MessageTemplateModel, key: K, ctx: GraphQLContext): Promise<MessageTemplateModel[K]> {
  if (template.source === 'get' || KEYS_BY_SOURCE[template.source].has(key)) return template[key];
  // A listed template stands for its active version: when the request reads that template's
  // version list anyway, the version's entry there carries the version-level keys.
  if (template.source === 'list' && template.Version !== undefined && KEYS_BY_SOURCE.versions.has(key)) {
    const fromVersions = await ctx.pinpoint.versionFromVersionList(template.TemplateType, template.TemplateName, template.Version);
    if (fromVersions !== undefined) return fromVersions[key];
  }
  return (await ctx.pinpoint.template.load(templateKeyOf(template)))[key];
}

/** Module-private: a field resolver reading one content key. */
const content =
  <K extends keyof MessageTemplateModel>(key: K) =>
  (template: MessageTemplateModel, _args: unknown, ctx: GraphQLContext) =>
    templateContent(template, key, ctx).then((value) => value ?? null);

/** Module-private: the fields every template type shares. */
const commonFields = {
  id: (template: MessageTemplateModel, _args: unknown, ctx: GraphQLContext) =>
    pinpointGlobalId(ctx, TEMPLATE_GRAPHQL_TYPES[template.TemplateType], template.TemplateName, ...versionKey(template.pinnedVersion)),
  templateName: (template: MessageTemplateModel) => template.TemplateName,
  templateType: (template: MessageTemplateModel) => template.TemplateType,
  version: (template: MessageTemplateModel) => template.Version ?? template.pinnedVersion ?? null,
  creationDate: (template: MessageTemplateModel) => template.CreationDate ?? null,
  lastModifiedDate: (template: MessageTemplateModel) => template.LastModifiedDate ?? null,
  arn: content('Arn'),
  description: content('TemplateDescription'),
  // Upstream stores default substitutions as a JSON string; the graph returns the object it holds.
  defaultSubstitutions: async (template: MessageTemplateModel, _args: unknown, ctx: GraphQLContext) => parseJsonObject(await templateContent(template, 'DefaultSubstitutions', ctx)),
  tags: async (template: MessageTemplateModel, _args: unknown, ctx: GraphQLContext) => tagList(await templateContent(template, 'tags', ctx)),
  activeVersion: (template: MessageTemplateModel, _args: unknown, ctx: GraphQLContext) => ctx.pinpoint.template.load({ templateType: template.TemplateType, templateName: template.TemplateName }),
  versions: (template: MessageTemplateModel, args: { first?: number | null; after?: string | null }, ctx: GraphQLContext) =>
    connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) =>
      ctx.pinpoint.templateVersionCollection.page(templateVersionsParent(template.TemplateType, template.TemplateName), pageSize, token),
    ),
};

/** Module-private: the recommender a template draws on (null when none). */
const recommenderFields = {
  recommenderId: content('RecommenderId'),
  recommender: async (template: MessageTemplateModel, _args: unknown, ctx: GraphQLContext) => {
    const recommenderId = await templateContent(template, 'RecommenderId', ctx);
    return recommenderId === undefined || recommenderId === '' ? null : ctx.pinpoint.recommenderConfiguration.load(recommenderId);
  },
};

/** Module-private. */
const Query: QueryResolvers = {
  templates: (_root, args, ctx) =>
    connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) =>
      ctx.pinpoint.templates.load({ pageSize, token, prefix: args.prefix ?? undefined, templateType: args.templateType ?? undefined }),
    ),
  template: (_root, args, ctx) => ctx.pinpoint.template.load({ templateType: args.type, templateName: args.name, version: args.version ?? undefined }),
};

/** Module-private. */
const Mutation: MutationResolvers = {
  createEmailTemplate: (_root, { input }, ctx) => ctx.pinpoint.createTemplate(input.templateName, { templateType: 'EMAIL', request: toEmailTemplateRequest(input.template, input.tags) }),
  updateEmailTemplate: (_root, { input }, ctx) =>
    ctx.pinpoint.updateTemplate(input.templateName, { templateType: 'EMAIL', request: toEmailTemplateRequest(input.template) }, updateOptions(input)),
  deleteEmailTemplate: (_root, { input }, ctx) => ctx.pinpoint.deleteTemplate('EMAIL', input.templateName, input.version ?? undefined),
  createSmsTemplate: (_root, { input }, ctx) => ctx.pinpoint.createTemplate(input.templateName, { templateType: 'SMS', request: toSmsTemplateRequest(input.template, input.tags) }),
  updateSmsTemplate: (_root, { input }, ctx) => ctx.pinpoint.updateTemplate(input.templateName, { templateType: 'SMS', request: toSmsTemplateRequest(input.template) }, updateOptions(input)),
  deleteSmsTemplate: (_root, { input }, ctx) => ctx.pinpoint.deleteTemplate('SMS', input.templateName, input.version ?? undefined),
  createPushTemplate: (_root, { input }, ctx) => ctx.pinpoint.createTemplate(input.templateName, { templateType: 'PUSH', request: toPushTemplateRequest(input.template, input.tags) }),
  updatePushTemplate: (_root, { input }, ctx) =>
    ctx.pinpoint.updateTemplate(input.templateName, { templateType: 'PUSH', request: toPushTemplateRequest(input.template) }, updateOptions(input)),
  deletePushTemplate: (_root, { input }, ctx) => ctx.pinpoint.deleteTemplate('PUSH', input.templateName, input.version ?? undefined),
  createVoiceTemplate: (_root, { input }, ctx) => ctx.pinpoint.createTemplate(input.templateName, { templateType: 'VOICE', request: toVoiceTemplateRequest(input.template, input.tags) }),
  updateVoiceTemplate: (_root, { input }, ctx) =>
    ctx.pinpoint.updateTemplate(input.templateName, { templateType: 'VOICE', request: toVoiceTemplateRequest(input.template) }, updateOptions(input)),
  deleteVoiceTemplate: (_root, { input }, ctx) => ctx.pinpoint.deleteTemplate('VOICE', input.templateName, input.version ?? undefined),
  createInAppTemplate: (_root, { input }, ctx) => ctx.pinpoint.createTemplate(input.templateName, { templateType: 'INAPP', request: toInAppTemplateRequest(input.template, input.tags) }),
  updateInAppTemplate: (_root, { input }, ctx) =>
    ctx.pinpoint.updateTemplate(input.templateName, { templateType: 'INAPP', request: toInAppTemplateRequest(input.template) }, updateOptions(input)),
  deleteInAppTemplate: (_root, { input }, ctx) => ctx.pinpoint.deleteTemplate('INAPP', input.templateName, input.version ?? undefined),
  updateTemplateActiveVersion: (_root, { input }, ctx) => ctx.pinpoint.updateTemplateActiveVersion(input.templateType, input.templateName, input.version),
};

/** Module-private: the `create-new-version` and `version` query values of an update input. */
function updateOptions(input: { createNewVersion?: boolean | null; version?: string | null }) {
  return { createNewVersion: input.createNewVersion ?? undefined, version: input.version ?? undefined };
}

/** Module-private: a JSON string holding an object, parsed; anything else is returned as the raw string. */
function parseJsonObject(raw: string | undefined): unknown {
  if (raw === undefined) return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Module-private. */
const MessageTemplate: MessageTemplateResolvers = {
  __resolveType: (template) => TEMPLATE_GRAPHQL_TYPES[template.TemplateType],
};

/** Module-private. */
const EmailTemplate: EmailTemplateResolvers = {
  ...commonFields,
  ...recommenderFields,
  subject: content('Subject'),
  htmlPart: content('HtmlPart'),
  textPart: content('TextPart'),
  headers: async (template, _args, ctx) => (await templateContent(template, 'Headers', ctx)) ?? [],
};

/** Module-private. */
const SmsTemplate: SmsTemplateResolvers = { ...commonFields, ...recommenderFields, body: content('Body') };

/** Module-private. */
const PushTemplate: PushTemplateResolvers = {
  ...commonFields,
  ...recommenderFields,
  default: content('Default'),
  apns: content('APNS'),
  gcm: content('GCM'),
  adm: content('ADM'),
  baidu: content('Baidu'),
};

/** Module-private. */
const VoiceTemplate: VoiceTemplateResolvers = { ...commonFields, body: content('Body'), languageCode: content('LanguageCode'), voiceId: content('VoiceId') };

/** Module-private. */
const InAppTemplate: InAppTemplateResolvers = {
  ...commonFields,
  defaultSubstitutions: () => null,
  layout: content('Layout'),
  content: async (template, _args, ctx) => (await templateContent(template, 'Content', ctx)) ?? [],
  customConfig: content('CustomConfig'),
};

/** Module-private. */
const DefaultPushTemplate: DefaultPushTemplateResolvers = upstreamFields<DefaultPushTemplateModel>()({ action: 'Action', body: 'Body', sound: 'Sound', title: 'Title', url: 'Url' });

/** Module-private. */
const ApnsPushTemplate: ApnsPushTemplateResolvers = upstreamFields<ApnsPushTemplateModel>()({
  action: 'Action',
  body: 'Body',
  mediaUrl: 'MediaUrl',
  rawContent: 'RawContent',
  sound: 'Sound',
  title: 'Title',
  url: 'Url',
});

/** Module-private. */
const AndroidPushTemplate: AndroidPushTemplateResolvers = upstreamFields<AndroidPushTemplateModel>()({
  action: 'Action',
  body: 'Body',
  imageIconUrl: 'ImageIconUrl',
  imageUrl: 'ImageUrl',
  rawContent: 'RawContent',
  smallImageIconUrl: 'SmallImageIconUrl',
  sound: 'Sound',
  title: 'Title',
  url: 'Url',
});

/** Module-private. */
const InAppMessageContent: InAppMessageContentResolvers = upstreamFields<InAppMessageContentModel>()({
  backgroundColor: 'BackgroundColor',
  bodyConfig: 'BodyConfig',
  headerConfig: 'HeaderConfig',
  imageUrl: 'ImageUrl',
  primaryButton: 'PrimaryBtn',
  secondaryButton: 'SecondaryBtn',
});

/** Module-private. */
const InAppMessageBodyConfig: InAppMessageBodyConfigResolvers = upstreamFields<InAppMessageBodyConfigModel>()({ alignment: 'Alignment', body: 'Body', textColor: 'TextColor' });

/** Module-private. */
const InAppMessageHeaderConfig: InAppMessageHeaderConfigResolvers = upstreamFields<InAppMessageHeaderConfigModel>()({ alignment: 'Alignment', header: 'Header', textColor: 'TextColor' });

/** Module-private. */
const InAppMessageButton: InAppMessageButtonResolvers = upstreamFields<InAppMessageButtonModel>()({ defaultConfig: 'DefaultConfig', android: 'Android', ios: 'IOS', web: 'Web' });

/** Module-private. */
const InAppButtonDefaultConfig: InAppButtonDefaultConfigResolvers = upstreamFields<DefaultButtonConfigurationModel>()({
  backgroundColor: 'BackgroundColor',
  borderRadius: 'BorderRadius',
  buttonAction: 'ButtonAction',
  link: 'Link',
  text: 'Text',
  textColor: 'TextColor',
});

/** Module-private. */
const InAppButtonOverride: InAppButtonOverrideResolvers = upstreamFields<OverrideButtonConfigurationModel>()({ buttonAction: 'ButtonAction', link: 'Link' });

/** Module-private: the fields every template write payload shares; `template` reads the active version again. */
const writeFields = {
  ...upstreamFields<TemplateWriteModel>()({ message: 'Message', requestId: 'RequestID', arn: 'Arn' }),
  template: (write: TemplateWriteModel, _args: unknown, ctx: GraphQLContext) => ctx.pinpoint.template.load({ templateType: write.TemplateType, templateName: write.TemplateName }),
};

/** Module-private. */
const EmailTemplatePayload: EmailTemplatePayloadResolvers = writeFields;
/** Module-private. */
const SmsTemplatePayload: SmsTemplatePayloadResolvers = writeFields;
/** Module-private. */
const PushTemplatePayload: PushTemplatePayloadResolvers = writeFields;
/** Module-private. */
const VoiceTemplatePayload: VoiceTemplatePayloadResolvers = writeFields;
/** Module-private. */
const InAppTemplatePayload: InAppTemplatePayloadResolvers = writeFields;

/** Module-private. */
const DeleteTemplatePayload: DeleteTemplatePayloadResolvers = {
  ...upstreamFields<TemplateWriteModel>()({ message: 'Message', requestId: 'RequestID', templateName: 'TemplateName', templateType: 'TemplateType' }),
  version: (write) => write.Version ?? null,
};

/** Module-private. */
const TemplateActiveVersionPayload: TemplateActiveVersionPayloadResolvers = {
  ...upstreamFields<TemplateWriteModel>()({ message: 'Message', requestId: 'RequestID' }),
  template: writeFields.template,
};

/** Resolvers of the template types, their root fields and mutations. */
export const templateResolvers = {
  Query,
  Mutation,
  MessageTemplate,
  EmailTemplate,
  SmsTemplate,
  PushTemplate,
  VoiceTemplate,
  InAppTemplate,
  DefaultPushTemplate,
  ApnsPushTemplate,
  AndroidPushTemplate,
  InAppMessageContent,
  InAppMessageBodyConfig,
  InAppMessageHeaderConfig,
  InAppMessageButton,
  InAppButtonDefaultConfig,
  InAppButtonOverride,
  EmailTemplatePayload,
  SmsTemplatePayload,
  PushTemplatePayload,
  VoiceTemplatePayload,
  InAppTemplatePayload,
  DeleteTemplatePayload,
  TemplateActiveVersionPayload,
};
