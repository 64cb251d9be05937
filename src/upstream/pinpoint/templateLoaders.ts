import type DataLoader from 'dataloader';
import {
  CreateEmailTemplateCommand,
  CreateInAppTemplateCommand,
  CreatePushTemplateCommand,
  CreateSmsTemplateCommand,
  CreateVoiceTemplateCommand,
  DeleteEmailTemplateCommand,
  DeleteInAppTemplateCommand,
  DeletePushTemplateCommand,
  DeleteSmsTemplateCommand,
  DeleteVoiceTemplateCommand,
  GetEmailTemplateCommand,
  GetInAppTemplateCommand,
  GetPushTemplateCommand,
  GetSmsTemplateCommand,
  GetVoiceTemplateCommand,
  ListTemplatesCommand,
  ListTemplateVersionsCommand,
  UpdateEmailTemplateCommand,
  UpdateInAppTemplateCommand,
  UpdatePushTemplateCommand,
  UpdateSmsTemplateCommand,
  UpdateTemplateActiveVersionCommand,
  UpdateVoiceTemplateCommand,
  type MessageBody,
} from '@aws-sdk/client-pinpoint';
import type { CollectionReader } from '../collectionReader';
import type { ReadPlanHolder } from '../readPlan';
import { cacheKey, fanOut, ObservedLoader, page, pinpointCollection, required, sizedPages, type SizedPages, type Page, type PageKey, type LoaderModeOptions, type PinpointSend } from './loaderKit';
import type {
  EmailTemplateRequestModel,
  InAppTemplateRequestModel,
  MessageTemplateModel,
  PushTemplateRequestModel,
  SmsTemplateRequestModel,
  TemplateTypeModel,
  TemplateWriteModel,
  VoiceTemplateRequestModel,
} from './models';

/**
 * Per-request loaders and writes of message templates. Templates are account-wide, keyed by
 * (type, name, version?): no version means the active one. The five typed Gets share one loader
 * that dispatches on the type; a Get of the active version also primes the entry of the version
 * number it reports, so a later read pinned to that version costs nothing. ListTemplates and
 * ListTemplateVersions return metadata only (`source: 'list' | 'versions'`): the graph reads the
 * full content through `template` only when a content field is asked for.
 */

/** One template, at one version or (no version) the active one. */
export interface TemplateKey {
  readonly templateType: TemplateTypeModel;
  readonly templateName: string;
  readonly version?: string;
}

/** Which page of the account's templates, with ListTemplates' filters. */
export interface TemplateListKey extends PageKey {
  readonly prefix?: string;
  readonly templateType?: TemplateTypeModel;
}

/** Which page of a template's versions. */
export interface TemplateVersionsKey extends PageKey {
  readonly templateType: TemplateTypeModel;
  readonly templateName: string;
}

/** A create or update body, by template type. */
export type TemplateWriteRequest =
  | { readonly templateType: 'EMAIL'; readonly request: EmailTemplateRequestModel }
  | { readonly templateType: 'SMS'; readonly request: SmsTemplateRequestModel }
  | { readonly templateType: 'PUSH'; readonly request: PushTemplateRequestModel }
  | { readonly templateType: 'VOICE'; readonly request: VoiceTemplateRequestModel }
  | { readonly templateType: 'INAPP'; readonly request: InAppTemplateRequestModel };

/** The `create-new-version` and `version` query values of an update. */
export interface TemplateUpdateOptions {
  readonly createNewVersion?: boolean;
  readonly version?: string;
}

/** Template loaders and writes (part of `PinpointUpstream`). */
export interface TemplateUpstream {
  /** ListTemplates pages (metadata only; each item stands for its template's active version). */
  readonly templates: SizedPages<TemplateListKey, MessageTemplateModel>;
  /** Get{Email,Sms,Push,Voice,InApp}Template by (type, name, version?). */
  readonly template: DataLoader<TemplateKey, MessageTemplateModel, string>;
  /** ListTemplateVersions pages (metadata, each item pinned to its version). */
  readonly templateVersions: DataLoader<TemplateVersionsKey, Page<MessageTemplateModel>, string>;
  /** The request's reader of templates' version lists, by {@link templateVersionsParent} (upstream/collectionReader.ts). */
  readonly templateVersionCollection: CollectionReader<MessageTemplateModel>;
  /**
   * A template's active version as its version list holds it (description, default
   * substitutions), when this request reads that list anyway: waits one macrotask so the sibling
   * `versions` field of the same template has started its read, whatever the field order, then
   * waits for that page. Undefined when the request reads no such page or the page does not hold
   * the version (the caller then reads the template itself).
   */
  versionFromVersionList(templateType: TemplateTypeModel, templateName: string, version: string): Promise<MessageTemplateModel | undefined>;

  /** Create{Type}Template. */
  createTemplate(templateName: string, write: TemplateWriteRequest): Promise<TemplateWriteModel>;
  /** Update{Type}Template (accepted upstream). */
  updateTemplate(templateName: string, write: TemplateWriteRequest, options: TemplateUpdateOptions): Promise<TemplateWriteModel>;
  /** Delete{Type}Template: one version, or (no version) the template with all its versions. */
  deleteTemplate(templateType: TemplateTypeModel, templateName: string, version: string | undefined): Promise<TemplateWriteModel>;
  /** UpdateTemplateActiveVersion (`latest` or a version number). */
  updateTemplateActiveVersion(templateType: TemplateTypeModel, templateName: string, version: string): Promise<TemplateWriteModel>;
}

/** Builds the template loaders over the request's counted `send`. */
export function createTemplateLoaders(send: PinpointSend, mode: LoaderModeOptions = {}, plan?: ReadPlanHolder): TemplateUpstream {
  // Each listed template's active version (ListTemplates names it): a read of that version by
  // number is the template's own read, so the two share one call when a page asks for both (a
  // listed template's subject beside its version list's entries).
  const activeVersions = new Map<string, string>();
  // The template's own reads this request made (raw calls, not the loader's promises: a key
  // waiting for another key's promise of the same batch would wait for itself).
  const ownReads = new Map<string, Promise<MessageTemplateModel>>();
  const template: DataLoader<TemplateKey, MessageTemplateModel, string> = new ObservedLoader<TemplateKey, MessageTemplateModel, string>(
    'template',
    fanOut(async (key) => {
      const name = cacheKey(key.templateType, key.templateName);
      if (key.version === undefined) {
        const reading = getTemplate(send, key);
        ownReads.set(name, reading);
        const found = await reading;
        // The active version names its number: the same content, pinned, is that version's entry.
        if (found.Version !== undefined) template.prime({ ...key, version: found.Version }, { ...found, pinnedVersion: found.Version });
        return found;
      }
      if (activeVersions.get(name) === key.version) {
        // Every key of this batch has started its read after one microtask (DataLoader starts them in turn).
        await Promise.resolve();
        const own = await ownReads.get(name)?.catch(() => undefined);
        // Unless it changed since it was listed (or was not read): then the version is read by number.
        if (own?.Version === key.version) return { ...own, pinnedVersion: key.version };
      }
      return getTemplate(send, key);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.templateType, key.templateName, key.version) },
  );

  const templatesPages = new ObservedLoader<TemplateListKey, Page<MessageTemplateModel>, string>(
    'templates',
    fanOut(async (key) => {
      const out = await send(new ListTemplatesCommand({ PageSize: String(key.pageSize), NextToken: key.token, Prefix: key.prefix, TemplateType: key.templateType }));
      const list = required(out.TemplatesResponse, 'ListTemplates');
      const items = (list.Item ?? []).map(
        (item): MessageTemplateModel => ({ ...item, TemplateName: item.TemplateName ?? '', TemplateType: item.TemplateType ?? key.templateType ?? 'EMAIL', source: 'list' }),
      );
      for (const item of items) if (item.Version !== undefined) activeVersions.set(cacheKey(item.TemplateType, item.TemplateName), item.Version);
      return page(items, list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.pageSize, key.token, key.prefix, key.templateType) },
  );
  const templates = sizedPages('ListTemplates', templatesPages, (key) => cacheKey(key.prefix, key.templateType), mode, plan);

  const templateVersions = new ObservedLoader<TemplateVersionsKey, Page<MessageTemplateModel>, string>(
    'templateVersions',
    fanOut(async (key) => {
      const out = await send(new ListTemplateVersionsCommand({ TemplateName: key.templateName, TemplateType: key.templateType, PageSize: String(key.pageSize), NextToken: key.token }));
      const list = required(out.TemplateVersionsResponse, 'ListTemplateVersions');
      const items = (list.Item ?? []).map(
        (item): MessageTemplateModel => ({
          TemplateName: item.TemplateName ?? key.templateName,
          TemplateType: key.templateType,
          CreationDate: item.CreationDate,
          LastModifiedDate: item.LastModifiedDate,
          TemplateDescription: item.TemplateDescription,
          DefaultSubstitutions: item.DefaultSubstitutions,
          Version: item.Version,
          pinnedVersion: item.Version,
          source: 'versions',
        }),
      );
      return page(items, list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.templateType, key.templateName, key.pageSize, key.token) },
  );

  const templateVersionCollection = pinpointCollection<MessageTemplateModel>(
    'ListTemplateVersions',
    (parent, pageSize, token) => {
      const [templateType, templateName] = JSON.parse(parent) as [TemplateTypeModel, string];
      return templateVersions.load({ templateType, templateName, pageSize, token });
    },
    mode,
    plan,
  );

  async function versionFromVersionList(templateType: TemplateTypeModel, templateName: string, version: string): Promise<MessageTemplateModel | undefined> {
    if (mode.cache === false || plan?.current?.pageSize('ListTemplateVersions') === undefined) return undefined;
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = templateVersionCollection.started(templateVersionsParent(templateType, templateName));
    const first = started && (await started.catch(() => undefined));
    return first?.items.find((item) => item.Version === version);
  }

  /**
   * Module-private: a template changed. DataLoader cannot clear by key prefix, and template writes
   * are rare, so every template entry of this request is forgotten.
   */
  function forgetTemplates(): void {
    activeVersions.clear();
    ownReads.clear();
    template.clearAll();
    templates.clearAll();
    templateVersions.clearAll();
    templateVersionCollection.forget();
  }

  /** Module-private: the write result with the template it was about. */
  const written = (templateType: TemplateTypeModel, templateName: string, body: MessageBody & { Arn?: string }, version?: string): TemplateWriteModel => ({
    TemplateName: templateName,
    TemplateType: templateType,
    Arn: body.Arn,
    Message: body.Message,
    RequestID: body.RequestID,
    ...(version === undefined ? {} : { Version: version }),
  });

  return {
    templates,
    template,
    templateVersions,
    templateVersionCollection,
    versionFromVersionList,

    async createTemplate(templateName, write) {
      const body = await createTemplateCall(send, templateName, write);
      forgetTemplates();
      return written(write.templateType, templateName, body);
    },

    async updateTemplate(templateName, write, options) {
      const body = await updateTemplateCall(send, templateName, write, options);
      forgetTemplates();
      return written(write.templateType, templateName, body);
    },

    async deleteTemplate(templateType, templateName, version) {
      const body = await deleteTemplateCall(send, templateType, templateName, version);
      forgetTemplates();
      return written(templateType, templateName, body, version);
    },

    async updateTemplateActiveVersion(templateType, templateName, version) {
      const out = await send(new UpdateTemplateActiveVersionCommand({ TemplateName: templateName, TemplateType: templateType, TemplateActiveVersionRequest: { Version: version } }));
      forgetTemplates();
      return written(templateType, templateName, required(out.MessageBody, 'UpdateTemplateActiveVersion'));
    },
  };
}

/** The parent key of a template's version list in `templateVersionCollection`. */
export function templateVersionsParent(templateType: TemplateTypeModel, templateName: string): string {
  return JSON.stringify([templateType, templateName]);
}

/** Module-private: the typed Get of a template's type, as a template model (pinned when a version was asked for). */
async function getTemplate(send: PinpointSend, key: TemplateKey): Promise<MessageTemplateModel> {
  const input = { TemplateName: key.templateName, Version: key.version };
  const model = <T extends object>(response: T | undefined, operation: string): MessageTemplateModel => ({
    ...required(response, operation),
    TemplateName: key.templateName,
    TemplateType: key.templateType,
    pinnedVersion: key.version,
    source: 'get',
  });
  switch (key.templateType) {
    case 'EMAIL':
      return model((await send(new GetEmailTemplateCommand(input))).EmailTemplateResponse, 'GetEmailTemplate');
    case 'SMS':
      return model((await send(new GetSmsTemplateCommand(input))).SMSTemplateResponse, 'GetSmsTemplate');
    case 'PUSH':
      return model((await send(new GetPushTemplateCommand(input))).PushNotificationTemplateResponse, 'GetPushTemplate');
    case 'VOICE':
      return model((await send(new GetVoiceTemplateCommand(input))).VoiceTemplateResponse, 'GetVoiceTemplate');
    case 'INAPP':
      return model((await send(new GetInAppTemplateCommand(input))).InAppTemplateResponse, 'GetInAppTemplate');
    default:
      throw new Error(`Unhandled template type: ${JSON.stringify(key.templateType satisfies never)}`);
  }
}

/** Module-private: Create{Type}Template. */
async function createTemplateCall(send: PinpointSend, templateName: string, write: TemplateWriteRequest): Promise<MessageBody & { Arn?: string }> {
  switch (write.templateType) {
    case 'EMAIL':
      return required((await send(new CreateEmailTemplateCommand({ TemplateName: templateName, EmailTemplateRequest: write.request }))).CreateTemplateMessageBody, 'CreateEmailTemplate');
    case 'SMS':
      return required((await send(new CreateSmsTemplateCommand({ TemplateName: templateName, SMSTemplateRequest: write.request }))).CreateTemplateMessageBody, 'CreateSmsTemplate');
    case 'PUSH':
      return required((await send(new CreatePushTemplateCommand({ TemplateName: templateName, PushNotificationTemplateRequest: write.request }))).CreateTemplateMessageBody, 'CreatePushTemplate');
    case 'VOICE':
      return required((await send(new CreateVoiceTemplateCommand({ TemplateName: templateName, VoiceTemplateRequest: write.request }))).CreateTemplateMessageBody, 'CreateVoiceTemplate');
    case 'INAPP':
      return required((await send(new CreateInAppTemplateCommand({ TemplateName: templateName, InAppTemplateRequest: write.request }))).TemplateCreateMessageBody, 'CreateInAppTemplate');
    default:
      throw new Error(`Unhandled template type: ${JSON.stringify(write satisfies never)}`);
  }
}

/** Module-private: Update{Type}Template. */
async function updateTemplateCall(send: PinpointSend, templateName: string, write: TemplateWriteRequest, options: TemplateUpdateOptions): Promise<MessageBody> {
  const query = { TemplateName: templateName, CreateNewVersion: options.createNewVersion, Version: options.version };
  switch (write.templateType) {
    case 'EMAIL':
      return required((await send(new UpdateEmailTemplateCommand({ ...query, EmailTemplateRequest: write.request }))).MessageBody, 'UpdateEmailTemplate');
    case 'SMS':
      return required((await send(new UpdateSmsTemplateCommand({ ...query, SMSTemplateRequest: write.request }))).MessageBody, 'UpdateSmsTemplate');
    case 'PUSH':
      return required((await send(new UpdatePushTemplateCommand({ ...query, PushNotificationTemplateRequest: write.request }))).MessageBody, 'UpdatePushTemplate');
    case 'VOICE':
      return required((await send(new UpdateVoiceTemplateCommand({ ...query, VoiceTemplateRequest: write.request }))).MessageBody, 'UpdateVoiceTemplate');
    case 'INAPP':
      return required((await send(new UpdateInAppTemplateCommand({ ...query, InAppTemplateRequest: write.request }))).MessageBody, 'UpdateInAppTemplate');
    default:
      throw new Error(`Unhandled template type: ${JSON.stringify(write satisfies never)}`);
  }
}

/** Module-private: Delete{Type}Template. */
async function deleteTemplateCall(send: PinpointSend, templateType: TemplateTypeModel, templateName: string, version: string | undefined): Promise<MessageBody> {
  const input = { TemplateName: templateName, Version: version };
  switch (templateType) {
    case 'EMAIL':
      return required((await send(new DeleteEmailTemplateCommand(input))).MessageBody, 'DeleteEmailTemplate');
    case 'SMS':
      return required((await send(new DeleteSmsTemplateCommand(input))).MessageBody, 'DeleteSmsTemplate');
    case 'PUSH':
      return required((await send(new DeletePushTemplateCommand(input))).MessageBody, 'DeletePushTemplate');
    case 'VOICE':
      return required((await send(new DeleteVoiceTemplateCommand(input))).MessageBody, 'DeleteVoiceTemplate');
    case 'INAPP':
      return required((await send(new DeleteInAppTemplateCommand(input))).MessageBody, 'DeleteInAppTemplate');
    default:
      throw new Error(`Unhandled template type: ${JSON.stringify(templateType satisfies never)}`);
  }
}
