import type {
  CreateEmailTemplateRequest,
  CreateEmailTemplateResponse,
  CreateInAppTemplateRequest,
  CreateInAppTemplateResponse,
  CreatePushTemplateRequest,
  CreatePushTemplateResponse,
  CreateSmsTemplateRequest,
  CreateSmsTemplateResponse,
  CreateVoiceTemplateRequest,
  CreateVoiceTemplateResponse,
  DeleteEmailTemplateRequest,
  DeleteEmailTemplateResponse,
  DeleteInAppTemplateRequest,
  DeleteInAppTemplateResponse,
  DeletePushTemplateRequest,
  DeletePushTemplateResponse,
  DeleteSmsTemplateRequest,
  DeleteSmsTemplateResponse,
  DeleteVoiceTemplateRequest,
  DeleteVoiceTemplateResponse,
  EmailTemplateResponse,
  GetEmailTemplateRequest,
  GetEmailTemplateResponse,
  GetInAppTemplateRequest,
  GetInAppTemplateResponse,
  GetPushTemplateRequest,
  GetPushTemplateResponse,
  GetSmsTemplateRequest,
  GetSmsTemplateResponse,
  GetVoiceTemplateRequest,
  GetVoiceTemplateResponse,
  InAppTemplateResponse,
  ListTemplatesRequest,
  ListTemplatesResponse,
  ListTemplateVersionsRequest,
  ListTemplateVersionsResponse,
  MessageBody,
  PushNotificationTemplateResponse,
  SMSTemplateResponse,
  TemplateResponse,
  TemplateType,
  TemplateVersionResponse,
  UpdateEmailTemplateRequest,
  UpdateEmailTemplateResponse,
  UpdateInAppTemplateRequest,
  UpdateInAppTemplateResponse,
  UpdatePushTemplateRequest,
  UpdatePushTemplateResponse,
  UpdateSmsTemplateRequest,
  UpdateSmsTemplateResponse,
  UpdateTemplateActiveVersionRequest,
  UpdateTemplateActiveVersionResponse,
  UpdateVoiceTemplateRequest,
  UpdateVoiceTemplateResponse,
  VoiceTemplateResponse,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { badRequest } from '../errors';
import {
  latestTemplateVersion,
  requireTemplate,
  requireTemplateVersion,
  templateArn,
  templateKey,
  templateLastModified,
  TEMPLATE_TYPES,
  type TemplateContent,
  type TemplateRecord,
  type TemplatesStore,
  type TemplateVersionRecord,
} from '../templatesStore';
import { clone, mergeTags, pageOf, pageScope, parseVersion, type PinpointHandler } from './shared';

/** Seed 002, `template-name`: starts with an alphanumeric character; alphanumerics, `_` and `-`; at most 128 characters. */
export const TEMPLATE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * The Message Templates resources: Email, SMS, Voice, Push and In-App Template, Templates,
 * Template Versions and Active Template Version (23 operations). The five typed families share
 * one implementation; the typed wrappers only pick the request and response members.
 */
export function createTemplateHandlers(store: TemplatesStore) {
  const ops = templateOperations(store);

  const CreateEmailTemplate: PinpointHandler<CreateEmailTemplateRequest, CreateEmailTemplateResponse> = (input, ctx) => {
    const { tags, ...content } = input.EmailTemplateRequest ?? {};
    return { CreateTemplateMessageBody: ops.create(ctx, 'EMAIL', input.TemplateName, content, tags) };
  };
  const GetEmailTemplate: PinpointHandler<GetEmailTemplateRequest, GetEmailTemplateResponse> = (input, ctx) => ({
    EmailTemplateResponse: ops.get(ctx, 'EMAIL', input.TemplateName, input.Version) as EmailTemplateResponse,
  });
  const UpdateEmailTemplate: PinpointHandler<UpdateEmailTemplateRequest, UpdateEmailTemplateResponse> = (input, ctx) => {
    const { tags: _deprecated, ...content } = input.EmailTemplateRequest ?? {};
    return { MessageBody: ops.update(ctx, 'EMAIL', input.TemplateName, content, input.CreateNewVersion, input.Version) };
  };
  const DeleteEmailTemplate: PinpointHandler<DeleteEmailTemplateRequest, DeleteEmailTemplateResponse> = (input, ctx) => ({
    MessageBody: ops.remove(ctx, 'EMAIL', input.TemplateName, input.Version),
  });

  const CreateSmsTemplate: PinpointHandler<CreateSmsTemplateRequest, CreateSmsTemplateResponse> = (input, ctx) => {
    const { tags, ...content } = input.SMSTemplateRequest ?? {};
    return { CreateTemplateMessageBody: ops.create(ctx, 'SMS', input.TemplateName, content, tags) };
  };
  const GetSmsTemplate: PinpointHandler<GetSmsTemplateRequest, GetSmsTemplateResponse> = (input, ctx) => ({
    SMSTemplateResponse: ops.get(ctx, 'SMS', input.TemplateName, input.Version) as SMSTemplateResponse,
  });
  const UpdateSmsTemplate: PinpointHandler<UpdateSmsTemplateRequest, UpdateSmsTemplateResponse> = (input, ctx) => {
    const { tags: _deprecated, ...content } = input.SMSTemplateRequest ?? {};
    return { MessageBody: ops.update(ctx, 'SMS', input.TemplateName, content, input.CreateNewVersion, input.Version) };
  };
  const DeleteSmsTemplate: PinpointHandler<DeleteSmsTemplateRequest, DeleteSmsTemplateResponse> = (input, ctx) => ({
    MessageBody: ops.remove(ctx, 'SMS', input.TemplateName, input.Version),
  });

  const CreateVoiceTemplate: PinpointHandler<CreateVoiceTemplateRequest, CreateVoiceTemplateResponse> = (input, ctx) => {
    const { tags, ...content } = input.VoiceTemplateRequest ?? {};
    return { CreateTemplateMessageBody: ops.create(ctx, 'VOICE', input.TemplateName, content, tags) };
  };
  const GetVoiceTemplate: PinpointHandler<GetVoiceTemplateRequest, GetVoiceTemplateResponse> = (input, ctx) => ({
    VoiceTemplateResponse: ops.get(ctx, 'VOICE', input.TemplateName, input.Version) as VoiceTemplateResponse,
  });
  const UpdateVoiceTemplate: PinpointHandler<UpdateVoiceTemplateRequest, UpdateVoiceTemplateResponse> = (input, ctx) => {
    const { tags: _deprecated, ...content } = input.VoiceTemplateRequest ?? {};
    return { MessageBody: ops.update(ctx, 'VOICE', input.TemplateName, content, input.CreateNewVersion, input.Version) };
  };
  const DeleteVoiceTemplate: PinpointHandler<DeleteVoiceTemplateRequest, DeleteVoiceTemplateResponse> = (input, ctx) => ({
    MessageBody: ops.remove(ctx, 'VOICE', input.TemplateName, input.Version),
  });

  const CreatePushTemplate: PinpointHandler<CreatePushTemplateRequest, CreatePushTemplateResponse> = (input, ctx) => {
    const { tags, ...content } = input.PushNotificationTemplateRequest ?? {};
    return { CreateTemplateMessageBody: ops.create(ctx, 'PUSH', input.TemplateName, content, tags) };
  };
  const GetPushTemplate: PinpointHandler<GetPushTemplateRequest, GetPushTemplateResponse> = (input, ctx) => ({
    PushNotificationTemplateResponse: ops.get(ctx, 'PUSH', input.TemplateName, input.Version) as PushNotificationTemplateResponse,
  });
  const UpdatePushTemplate: PinpointHandler<UpdatePushTemplateRequest, UpdatePushTemplateResponse> = (input, ctx) => {
    const { tags: _deprecated, ...content } = input.PushNotificationTemplateRequest ?? {};
    return { MessageBody: ops.update(ctx, 'PUSH', input.TemplateName, content, input.CreateNewVersion, input.Version) };
  };
  const DeletePushTemplate: PinpointHandler<DeletePushTemplateRequest, DeletePushTemplateResponse> = (input, ctx) => ({
    MessageBody: ops.remove(ctx, 'PUSH', input.TemplateName, input.Version),
  });

  // In-app creates answer with `TemplateCreateMessageBody` (the SDK's name for the same shape).
  const CreateInAppTemplate: PinpointHandler<CreateInAppTemplateRequest, CreateInAppTemplateResponse> = (input, ctx) => {
    const { tags, ...content } = input.InAppTemplateRequest ?? {};
    return { TemplateCreateMessageBody: ops.create(ctx, 'INAPP', input.TemplateName, content, tags) };
  };
  const GetInAppTemplate: PinpointHandler<GetInAppTemplateRequest, GetInAppTemplateResponse> = (input, ctx) => ({
    InAppTemplateResponse: ops.get(ctx, 'INAPP', input.TemplateName, input.Version) as InAppTemplateResponse,
  });
  const UpdateInAppTemplate: PinpointHandler<UpdateInAppTemplateRequest, UpdateInAppTemplateResponse> = (input, ctx) => {
    const { tags: _deprecated, ...content } = input.InAppTemplateRequest ?? {};
    return { MessageBody: ops.update(ctx, 'INAPP', input.TemplateName, content, input.CreateNewVersion, input.Version) };
  };
  const DeleteInAppTemplate: PinpointHandler<DeleteInAppTemplateRequest, DeleteInAppTemplateResponse> = (input, ctx) => ({
    MessageBody: ops.remove(ctx, 'INAPP', input.TemplateName, input.Version),
  });

  // Seed 002: the list holds metadata only; Arn, tags, TemplateDescription and
  // DefaultSubstitutions "aren't included in a TemplateResponse object". Version is the active one.
  const ListTemplates: PinpointHandler<ListTemplatesRequest, ListTemplatesResponse> = (input, ctx) => {
    const prefix = input.Prefix ?? '';
    const type = input.TemplateType === undefined || input.TemplateType === '' ? undefined : parseTemplateType('template-type', input.TemplateType);
    const matching = [...store.forRequest(ctx).values()].filter((template) => template.name.startsWith(prefix) && (type === undefined || template.type === type));
    const page = pageOf(matching, input.PageSize, input.NextToken, pageScope('ListTemplates', ctx, prefix, type ?? ''));
    return { TemplatesResponse: { Item: page.items.map(templateSummary), NextToken: page.nextToken } };
  };

  const ListTemplateVersions: PinpointHandler<ListTemplateVersionsRequest, ListTemplateVersionsResponse> = (input, ctx) => {
    const type = parseTemplateType('template-type', input.TemplateType ?? '');
    const template = requireTemplate(store.forRequest(ctx), type, input.TemplateName ?? '');
    const page = pageOf(template.versions, input.PageSize, input.NextToken, pageScope('ListTemplateVersions', ctx, type, template.name));
    return {
      TemplateVersionsResponse: { Item: page.items.map((version) => versionSummary(template, version)), NextToken: page.nextToken, RequestID: ctx.requestId },
    };
  };

  // Seed 002: Version is "latest, for the most recent version of the template; or, the unique
  // identifier for any existing version of the template".
  const UpdateTemplateActiveVersion: PinpointHandler<UpdateTemplateActiveVersionRequest, UpdateTemplateActiveVersionResponse> = (input, ctx) => {
    const type = parseTemplateType('template-type', input.TemplateType ?? '');
    const template = requireTemplate(store.forRequest(ctx), type, input.TemplateName ?? '');
    const requested = input.TemplateActiveVersionRequest?.Version;
    if (requested === undefined || requested === '') throw badRequest("TemplateActiveVersionRequest.Version is required: 'latest' or the identifier of an existing version");
    template.activeVersion = requested === 'latest' ? latestTemplateVersion(template).version : requireTemplateVersion(template, parseVersion(requested)).version;
    return { MessageBody: accepted(ctx) };
  };

  return {
    CreateEmailTemplate,
    GetEmailTemplate,
    UpdateEmailTemplate,
    DeleteEmailTemplate,
    CreateSmsTemplate,
    GetSmsTemplate,
    UpdateSmsTemplate,
    DeleteSmsTemplate,
    CreateVoiceTemplate,
    GetVoiceTemplate,
    UpdateVoiceTemplate,
    DeleteVoiceTemplate,
    CreatePushTemplate,
    GetPushTemplate,
    UpdatePushTemplate,
    DeletePushTemplate,
    CreateInAppTemplate,
    GetInAppTemplate,
    UpdateInAppTemplate,
    DeleteInAppTemplate,
    ListTemplates,
    ListTemplateVersions,
    UpdateTemplateActiveVersion,
  };
}

/** The response of a typed Get: the version's content plus the template's metadata. */
export type TypedTemplateResponse = EmailTemplateResponse | SMSTemplateResponse | VoiceTemplateResponse | PushNotificationTemplateResponse | InAppTemplateResponse;

/** Module-private: the type-independent create/get/update/delete of a template. */
function templateOperations(store: TemplatesStore) {
  return {
    /** Creates version 1, which is also the active version. */
    create(ctx: RequestContext, type: TemplateType, name: string | undefined, content: TemplateContent, tags: Record<string, string> | undefined): { Arn: string; Message: string; RequestID: string } {
      const templateName = name ?? '';
      if (!TEMPLATE_NAME_PATTERN.test(templateName)) {
        throw badRequest(`template-name must start with an alphanumeric character and contain only alphanumerics, '_' and '-', at most 128 characters; got '${templateName}'`);
      }
      const state = store.forRequest(ctx);
      const key = templateKey(type, templateName);
      // Seed 002 documents no 404 or 409 for Create*Template: a duplicate is a 400.
      if (state.has(key)) throw badRequest(`Template already exists: a ${type} template named '${templateName}' exists; use Update${typeWord(type)}Template to change it`);
      checkContent(content);
      const now = ctx.now().toISOString();
      const template: TemplateRecord = {
        name: templateName,
        type,
        arn: templateArn(ctx, templateName, type),
        creationDate: now,
        tags: mergeTags({}, tags),
        versions: [{ version: 1, creationDate: now, lastModifiedDate: now, content: clone(content) }],
        activeVersion: 1,
        nextVersion: 2,
      };
      state.set(key, template);
      return { Arn: template.arn, Message: 'Created', RequestID: ctx.requestId };
    },

    /** The requested version, or the active one when `version` is omitted. */
    get(ctx: RequestContext, type: TemplateType, name: string | undefined, version: string | undefined): TypedTemplateResponse {
      const template = requireTemplate(store.forRequest(ctx), type, name ?? '');
      const record = requireTemplateVersion(template, version === undefined || version === '' ? template.activeVersion : parseVersion(version));
      return {
        ...clone(record.content),
        TemplateName: template.name,
        TemplateType: template.type,
        Arn: template.arn,
        CreationDate: template.creationDate,
        LastModifiedDate: record.lastModifiedDate,
        Version: String(record.version),
        tags: { ...template.tags },
      };
    },

    /**
     * Seed 002: without `create-new-version=true` the update overwrites the latest version (the
     * request replaces its content); `version`, if given, "must match the identifier for the
     * latest existing version" (a guard against races) and must not be combined with
     * `create-new-version=true`. A new version does not become active by itself. `tags` in the
     * request is ignored (deprecated since 22-05-2023: "not processed").
     */
    update(ctx: RequestContext, type: TemplateType, name: string | undefined, content: TemplateContent, createNewVersion: boolean | undefined, version: string | undefined): MessageBody {
      const template = requireTemplate(store.forRequest(ctx), type, name ?? '');
      const latest = latestTemplateVersion(template);
      const hasVersion = version !== undefined && version !== '';
      if (createNewVersion === true && hasVersion) {
        throw badRequest(`version must be omitted when create-new-version is true; got version '${version}'`);
      }
      if (hasVersion) {
        const target = requireTemplateVersion(template, parseVersion(version));
        if (target.version !== latest.version) {
          throw badRequest(`version must match the latest version of ${type} template '${template.name}' (${latest.version}); got '${version}'`);
        }
      }
      checkContent(content);
      const now = ctx.now().toISOString();
      if (createNewVersion === true) {
        template.versions.push({ version: template.nextVersion, creationDate: now, lastModifiedDate: now, content: clone(content) });
        template.nextVersion += 1;
      } else {
        latest.content = clone(content);
        latest.lastModifiedDate = now;
      }
      return accepted(ctx);
    },

    /**
     * Without `version`, deletes the template with all its versions (seed 002). With `version`,
     * deletes that version only; deleting the last remaining version deletes the template. The
     * active version cannot be deleted while other versions remain (another one must be made
     * active first), so a read without `version` always has a version to return.
     */
    remove(ctx: RequestContext, type: TemplateType, name: string | undefined, version: string | undefined): MessageBody {
      const state = store.forRequest(ctx);
      const template = requireTemplate(state, type, name ?? '');
      if (version === undefined || version === '') {
        state.delete(templateKey(type, template.name));
        return accepted(ctx);
      }
      const target = requireTemplateVersion(template, parseVersion(version));
      if (template.versions.length === 1) {
        state.delete(templateKey(type, template.name));
        return accepted(ctx);
      }
      if (target.version === template.activeVersion) {
        throw badRequest(`Version ${target.version} is the active version of ${type} template '${template.name}'; make another version active (UpdateTemplateActiveVersion) before deleting it`);
      }
      template.versions.splice(template.versions.indexOf(target), 1);
      return accepted(ctx);
    },
  };
}

/** Module-private: a template-type value as a TemplateType, or 400. */
function parseTemplateType(field: string, raw: string): TemplateType {
  const type = TEMPLATE_TYPES.find((candidate) => candidate === raw);
  if (type === undefined) throw badRequest(`${field} must be one of ${TEMPLATE_TYPES.join(', ')}; got '${raw}'`);
  return type;
}

/** Module-private: the operation-name word of a type (`InApp` in `UpdateInAppTemplate`). */
function typeWord(type: TemplateType): string {
  switch (type) {
    case 'EMAIL':
      return 'Email';
    case 'SMS':
      return 'Sms';
    case 'VOICE':
      return 'Voice';
    case 'PUSH':
      return 'Push';
    case 'INAPP':
      return 'InApp';
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled template type: ${String(unreachable)}`);
    }
  }
}

/** Module-private: seed 002, DefaultSubstitutions is "a JSON object … a set of key-value pairs". */
function checkContent(content: TemplateContent): void {
  const substitutions = 'DefaultSubstitutions' in content ? content.DefaultSubstitutions : undefined;
  if (substitutions === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(substitutions);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest(`DefaultSubstitutions must be a JSON object of message variables and their default values; got '${substitutions}'`);
  }
}

/** Module-private: the 200/202 body of updates and deletes. */
function accepted(ctx: RequestContext): MessageBody {
  return { Message: 'Accepted', RequestID: ctx.requestId };
}

/** Module-private: a ListTemplates item. */
function templateSummary(template: TemplateRecord): TemplateResponse {
  return {
    TemplateName: template.name,
    TemplateType: template.type,
    CreationDate: template.creationDate,
    LastModifiedDate: templateLastModified(template),
    Version: String(template.activeVersion),
  };
}

/** Module-private: a ListTemplateVersions item. */
function versionSummary(template: TemplateRecord, version: TemplateVersionRecord): TemplateVersionResponse {
  const content = version.content;
  return {
    TemplateName: template.name,
    TemplateType: template.type,
    CreationDate: version.creationDate,
    LastModifiedDate: version.lastModifiedDate,
    TemplateDescription: content.TemplateDescription,
    DefaultSubstitutions: 'DefaultSubstitutions' in content ? content.DefaultSubstitutions : undefined,
    Version: String(version.version),
  };
}
