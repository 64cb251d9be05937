import type {
  ChannelType,
  DirectMessageConfiguration,
  EmailTemplateRequest,
  EndpointSendConfiguration,
  MessageConfiguration,
  PushNotificationTemplateRequest,
  SMSTemplateRequest,
  Template,
  TemplateConfiguration,
  TemplateType,
  VoiceTemplateRequest,
} from '@aws-sdk/client-pinpoint';
import type { TemplateContentByType, TemplatesState } from './templatesStore';
import { templateKey } from './templatesStore';

/**
 * What a message says, per channel: picking the content a campaign or a direct message defines
 * for an endpoint's channel, then filling in its message variables.
 *
 * Content precedence for a channel (the first that defines it wins):
 * - campaigns: the channel's message in MessageConfiguration (EmailMessage, SMSMessage, APNSMessage
 *   for every APNS* channel, GCMMessage, BaiduMessage, ADMMessage), then `DefaultMessage` for push
 *   channels, then the TemplateConfiguration template of the channel's type; CustomMessage for
 *   the CustomDeliveryConfiguration's endpoint types;
 * - direct messages: the channel's message (EmailMessage.SimpleEmail or Body, SMSMessage,
 *   VoiceMessage, the push message), then `DefaultPushNotificationMessage` for push, then the
 *   template, then `DefaultMessage.Body`; `TitleOverride`/`BodyOverride` replace the title and
 *   body, and `RawContent` replaces the whole message (it is sent as is).
 *
 * Message variables are `{{Name}}`, resolved in this order: the request's Substitutions (per
 * address/endpoint over the channel message's over DefaultMessage's; several values are joined
 * with ", "), then the endpoint's own fields by path (`{{Address}}`, `{{Attributes.tier}}`,
 * `{{User.UserAttributes.FirstName}}`, `{{Demographic.Platform}}`, `{{Location.City}}`,
 * `{{Metrics.visits}}`, `{{User.UserId}}`, `{{Id}}`), then the template's DefaultSubstitutions;
 * an unresolved variable renders as the empty string.
 */

/** The channels whose messages are push notifications. */
export const PUSH_CHANNELS: ReadonlySet<ChannelType> = new Set(['APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'GCM', 'BAIDU', 'ADM']);

/** A message's content before its variables are filled in. */
export interface MessageContent {
  readonly title?: string;
  readonly body: string;
  readonly htmlBody?: string;
  /** Sender: an email FromAddress, an SMS/voice origination number or sender ID. */
  readonly origination?: string;
  /** SMS `TRANSACTIONAL` / `PROMOTIONAL`. */
  readonly messageType?: string;
  /** Sent as is, without variables (RawContent, a custom channel's Data). */
  readonly raw?: boolean;
  /** Request-level variables, already merged by precedence. */
  readonly substitutions: Readonly<Record<string, readonly string[]>>;
  /** The template's DefaultSubstitutions. */
  readonly defaults: Readonly<Record<string, string>>;
  /** Where the content came from (`EmailMessage`, `template:welcome`, …), for the outbox. */
  readonly source: string;
}

/** A message ready to deliver. */
export interface RenderedMessage {
  readonly title?: string;
  readonly body: string;
  readonly htmlBody?: string;
  readonly origination?: string;
  readonly messageType?: string;
  readonly source: string;
}

/** The content a campaign (or treatment) defines for `channel`, or undefined when it has none for it. */
export function campaignContent(
  config: MessageConfiguration | undefined,
  templateConfig: TemplateConfiguration | undefined,
  customEndpointTypes: readonly string[] | undefined,
  channel: ChannelType,
  templates: TemplatesState,
): MessageContent | undefined {
  const none = { substitutions: {}, defaults: {} };
  if (config?.CustomMessage?.Data !== undefined && customEndpointTypes?.includes(channel)) {
    return { ...none, body: config.CustomMessage.Data, raw: true, source: 'CustomMessage' };
  }
  if (channel === 'EMAIL') {
    const email = config?.EmailMessage;
    if (email !== undefined && (email.Body !== undefined || email.HtmlBody !== undefined)) {
      return { ...none, title: email.Title, body: email.Body ?? stripTags(email.HtmlBody ?? ''), htmlBody: email.HtmlBody, origination: email.FromAddress, source: 'EmailMessage' };
    }
    return templateContent(templates, 'EMAIL', templateConfig?.EmailTemplate, email?.FromAddress);
  }
  if (channel === 'SMS') {
    const sms = config?.SMSMessage;
    if (sms?.Body !== undefined) return { ...none, body: sms.Body, origination: sms.OriginationNumber ?? sms.SenderId, messageType: sms.MessageType, source: 'SMSMessage' };
    const fromTemplate = templateContent(templates, 'SMS', templateConfig?.SMSTemplate, sms?.OriginationNumber ?? sms?.SenderId);
    return fromTemplate && { ...fromTemplate, messageType: sms?.MessageType };
  }
  if (channel === 'VOICE') return templateContent(templates, 'VOICE', templateConfig?.VoiceTemplate, undefined);
  if (PUSH_CHANNELS.has(channel)) {
    const member = pushMember(channel);
    const message = config?.[member];
    const push = message?.Body !== undefined || message?.RawContent !== undefined ? ([member, message] as const) : config?.DefaultMessage?.Body !== undefined ? (['DefaultMessage', config.DefaultMessage] as const) : undefined;
    if (push !== undefined) return { ...none, title: push[1].Title, body: push[1].RawContent ?? push[1].Body ?? '', raw: push[1].RawContent !== undefined, source: push[0] };
    return templateContent(templates, 'PUSH', templateConfig?.PushTemplate, undefined, channel);
  }
  return undefined;
}

/**
 * The content a direct message (SendMessages, SendUsersMessages) defines for `channel`, with the
 * per-address or per-endpoint overrides applied; undefined when it defines none for the channel.
 */
export function directContent(
  config: DirectMessageConfiguration | undefined,
  templateConfig: TemplateConfiguration | undefined,
  override: EndpointSendConfiguration | undefined,
  channel: ChannelType,
  templates: TemplatesState,
): MessageContent | undefined {
  const base = directBase(config, templateConfig, channel, templates);
  const substitutions = { ...config?.DefaultMessage?.Substitutions, ...base?.substitutions, ...override?.Substitutions };
  const sender = directSender(config, channel);
  const origination = base?.origination ?? sender.origination;
  const messageType = base?.messageType ?? sender.messageType;
  if (override?.RawContent !== undefined) return { body: override.RawContent, raw: true, substitutions, defaults: {}, origination, messageType, source: 'RawContent' };
  const body = override?.BodyOverride ?? base?.body ?? config?.DefaultMessage?.Body;
  if (body === undefined) return undefined;
  return {
    title: override?.TitleOverride ?? base?.title,
    body,
    htmlBody: override?.BodyOverride !== undefined ? undefined : base?.htmlBody,
    origination,
    messageType,
    raw: override?.BodyOverride !== undefined ? false : base?.raw,
    substitutions,
    defaults: base?.defaults ?? {},
    source: override?.BodyOverride !== undefined ? 'BodyOverride' : base?.source ?? 'DefaultMessage',
  };
}

/** Fills in a content's variables from `fields` (an endpoint's fields, when the recipient is an endpoint). */
export function renderMessage(content: MessageContent, fields: object | undefined): RenderedMessage {
  const fill = (text: string | undefined) => (text === undefined || content.raw ? text : substitute(text, content, fields));
  return { title: fill(content.title), body: fill(content.body) ?? '', htmlBody: fill(content.htmlBody), origination: content.origination, messageType: content.messageType, source: content.source };
}

/** Module-private: a direct message's channel content before overrides. */
function directBase(config: DirectMessageConfiguration | undefined, templateConfig: TemplateConfiguration | undefined, channel: ChannelType, templates: TemplatesState): MessageContent | undefined {
  if (channel === 'EMAIL') {
    const email = config?.EmailMessage;
    const simple = email?.SimpleEmail;
    const substitutions = email?.Substitutions ?? {};
    if (simple !== undefined && (simple.TextPart?.Data !== undefined || simple.HtmlPart?.Data !== undefined)) {
      const html = simple.HtmlPart?.Data;
      return { title: simple.Subject?.Data, body: simple.TextPart?.Data ?? stripTags(html ?? ''), htmlBody: html, origination: email?.FromAddress, substitutions, defaults: {}, source: 'EmailMessage.SimpleEmail' };
    }
    if (email?.Body !== undefined) return { body: email.Body, origination: email.FromAddress, substitutions, defaults: {}, source: 'EmailMessage' };
    return templateContent(templates, 'EMAIL', templateConfig?.EmailTemplate, email?.FromAddress);
  }
  if (channel === 'SMS') {
    const sms = config?.SMSMessage;
    const origination = sms?.OriginationNumber ?? sms?.SenderId;
    if (sms?.Body !== undefined) return { body: sms.Body, origination, messageType: sms.MessageType, substitutions: sms.Substitutions ?? {}, defaults: {}, source: 'SMSMessage' };
    const fromTemplate = templateContent(templates, 'SMS', templateConfig?.SMSTemplate, origination);
    return fromTemplate && { ...fromTemplate, messageType: sms?.MessageType };
  }
  if (channel === 'VOICE') {
    const voice = config?.VoiceMessage;
    if (voice?.Body !== undefined) return { body: voice.Body, origination: voice.OriginationNumber, substitutions: voice.Substitutions ?? {}, defaults: {}, source: 'VoiceMessage' };
    return templateContent(templates, 'VOICE', templateConfig?.VoiceTemplate, voice?.OriginationNumber);
  }
  if (PUSH_CHANNELS.has(channel)) {
    const member = pushMember(channel);
    const message = config?.[member];
    if (message?.Body !== undefined || message?.RawContent !== undefined) {
      return { title: message.Title, body: message.RawContent ?? message.Body ?? '', raw: message.RawContent !== undefined, substitutions: message.Substitutions ?? {}, defaults: {}, source: member };
    }
    const fallback = config?.DefaultPushNotificationMessage;
    if (fallback?.Body !== undefined) return { title: fallback.Title, body: fallback.Body, substitutions: fallback.Substitutions ?? {}, defaults: {}, source: 'DefaultPushNotificationMessage' };
    return templateContent(templates, 'PUSH', templateConfig?.PushTemplate, undefined, channel);
  }
  return undefined;
}

/** Module-private: who a direct message on `channel` is from, and its SMS message type, whatever supplies the content. */
function directSender(config: DirectMessageConfiguration | undefined, channel: ChannelType): { origination?: string; messageType?: string } {
  if (channel === 'EMAIL') return { origination: config?.EmailMessage?.FromAddress };
  if (channel === 'SMS') return { origination: config?.SMSMessage?.OriginationNumber ?? config?.SMSMessage?.SenderId, messageType: config?.SMSMessage?.MessageType };
  if (channel === 'VOICE') return { origination: config?.VoiceMessage?.OriginationNumber };
  return {};
}

/** Module-private: the message member a push channel reads (campaign and direct configurations name them alike); every APNS* channel reads APNSMessage. */
function pushMember(channel: ChannelType): 'GCMMessage' | 'BaiduMessage' | 'ADMMessage' | 'APNSMessage' {
  if (channel === 'GCM') return 'GCMMessage';
  if (channel === 'BAIDU') return 'BaiduMessage';
  if (channel === 'ADM') return 'ADMMessage';
  return 'APNSMessage';
}

/**
 * Module-private: a template's content for a channel. A template that doesn't exist (or the
 * version named) gives no content: the recipient is then reported as not deliverable.
 */
function templateContent(templates: TemplatesState, type: TemplateType, reference: Template | undefined, origination: string | undefined, pushChannel?: ChannelType): MessageContent | undefined {
  if (reference?.Name === undefined) return undefined;
  const template = templates.get(templateKey(type, reference.Name));
  if (template === undefined) return undefined;
  const wanted = reference.Version !== undefined && /^\d+$/.test(reference.Version) ? Number(reference.Version) : template.activeVersion;
  const version = template.versions.find((candidate) => candidate.version === wanted);
  if (version === undefined) return undefined;
  const source = `template:${reference.Name}:${version.version}`;
  switch (type) {
    case 'EMAIL': {
      const email = version.content as TemplateContentByType['EMAIL'] & EmailTemplateRequest;
      return { title: email.Subject, body: email.TextPart ?? stripTags(email.HtmlPart ?? ''), htmlBody: email.HtmlPart, origination, substitutions: {}, defaults: parseDefaults(email.DefaultSubstitutions), source };
    }
    case 'SMS': {
      const sms = version.content as SMSTemplateRequest;
      return { body: sms.Body ?? '', origination, substitutions: {}, defaults: parseDefaults(sms.DefaultSubstitutions), source };
    }
    case 'VOICE': {
      const voice = version.content as VoiceTemplateRequest;
      return { body: voice.Body ?? '', origination, substitutions: {}, defaults: parseDefaults(voice.DefaultSubstitutions), source };
    }
    case 'PUSH': {
      const push = version.content as PushNotificationTemplateRequest;
      const specific = pushChannel === 'GCM' ? push.GCM : pushChannel === 'BAIDU' ? push.Baidu : pushChannel === 'ADM' ? push.ADM : push.APNS;
      const message = specific?.Body !== undefined ? specific : push.Default;
      if (message?.Body === undefined) return undefined;
      return { title: message.Title, body: message.Body, substitutions: {}, defaults: parseDefaults(push.DefaultSubstitutions), source };
    }
    case 'INAPP':
      return undefined;
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled template type: ${String(unreachable)}`);
    }
  }
}

/** Module-private: a template's DefaultSubstitutions JSON as a map; anything unreadable counts as none. */
function parseDefaults(json: string | undefined): Record<string, string> {
  if (json === undefined) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  } catch {
    return {};
  }
}

/** Module-private: replaces every `{{ name }}` (see the module comment for the resolution order). */
function substitute(text: string, content: MessageContent, fields: object | undefined): string {
  return text.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (_match, name: string) => {
    const given = content.substitutions[name];
    if (given !== undefined) return given.join(', ');
    const own = fields === undefined ? undefined : fieldAt(fields, name);
    if (own !== undefined) return own;
    return content.defaults[name] ?? '';
  });
}

/** Module-private: the value at a dotted path of an endpoint's fields, as text; undefined when absent. */
function fieldAt(fields: object, path: string): string | undefined {
  let value: unknown = fields;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (value === undefined || value === null || typeof value === 'object' && !Array.isArray(value)) return undefined;
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** Module-private: the text of an HTML body, for the plain-text part when only HTML is given. */
function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '').trim();
}
