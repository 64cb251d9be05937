import type {
  AndroidPushTemplateInput,
  ApnsPushTemplateInput,
  EmailTemplateInput,
  InAppMessageButtonInput,
  InAppMessageContentInput,
  InAppTemplateInput,
  InputMaybe,
  PushTemplateInput,
  SmsTemplateInput,
  TagInput,
  VoiceTemplateInput,
} from '../../__generated__/resolvers-types';
import { badUserInput } from '../errors';
import type {
  AndroidPushTemplateModel,
  ApnsPushTemplateModel,
  EmailTemplateRequestModel,
  InAppMessageButtonModel,
  InAppMessageContentModel,
  InAppTemplateRequestModel,
  PushTemplateRequestModel,
  SmsTemplateRequestModel,
  VoiceTemplateRequestModel,
} from '../../upstream/pinpoint/models';
import { isPlainObject, map, oneOf, opt, stringMap, tagMap } from './inputKit';

/**
 * Template inputs → the five typed template request bodies. Default substitutions arrive as a JSON
 * object and travel upstream as the JSON string upstream expects; in-app alignments and button
 * actions are checked against upstream's values before any call.
 */

/** Module-private: upstream Alignment values. */
const ALIGNMENTS = ['LEFT', 'CENTER', 'RIGHT'] as const;
/** Module-private: upstream ButtonAction values. */
const BUTTON_ACTIONS = ['LINK', 'DEEP_LINK', 'CLOSE'] as const;

/** CreateEmailTemplate / UpdateEmailTemplate body (`tags` only on create: upstream ignores them on update). */
export function toEmailTemplateRequest(input: EmailTemplateInput, tags?: InputMaybe<readonly TagInput[]>): EmailTemplateRequestModel {
  return {
    Subject: opt(input.subject),
    HtmlPart: opt(input.htmlPart),
    TextPart: opt(input.textPart),
    Headers: map(input.headers, (headers) => headers.map((header) => ({ Name: header.name, Value: header.value }))),
    TemplateDescription: opt(input.description),
    DefaultSubstitutions: substitutions(input.defaultSubstitutions),
    RecommenderId: opt(input.recommenderId),
    tags: tagMap(tags, 'input.tags'),
  };
}

/** CreateSmsTemplate / UpdateSmsTemplate body. */
export function toSmsTemplateRequest(input: SmsTemplateInput, tags?: InputMaybe<readonly TagInput[]>): SmsTemplateRequestModel {
  return {
    Body: opt(input.body),
    TemplateDescription: opt(input.description),
    DefaultSubstitutions: substitutions(input.defaultSubstitutions),
    RecommenderId: opt(input.recommenderId),
    tags: tagMap(tags, 'input.tags'),
  };
}

/** CreatePushTemplate / UpdatePushTemplate body. */
export function toPushTemplateRequest(input: PushTemplateInput, tags?: InputMaybe<readonly TagInput[]>): PushTemplateRequestModel {
  return {
    Default: map(input.default, (d) => ({ Action: opt(d.action), Body: opt(d.body), Sound: opt(d.sound), Title: opt(d.title), Url: opt(d.url) })),
    APNS: map(input.apns, toApnsPush),
    GCM: map(input.gcm, toAndroidPush),
    ADM: map(input.adm, toAndroidPush),
    Baidu: map(input.baidu, toAndroidPush),
    TemplateDescription: opt(input.description),
    DefaultSubstitutions: substitutions(input.defaultSubstitutions),
    RecommenderId: opt(input.recommenderId),
    tags: tagMap(tags, 'input.tags'),
  };
}

/** CreateVoiceTemplate / UpdateVoiceTemplate body. */
export function toVoiceTemplateRequest(input: VoiceTemplateInput, tags?: InputMaybe<readonly TagInput[]>): VoiceTemplateRequestModel {
  return {
    Body: opt(input.body),
    LanguageCode: opt(input.languageCode),
    VoiceId: opt(input.voiceId),
    TemplateDescription: opt(input.description),
    DefaultSubstitutions: substitutions(input.defaultSubstitutions),
    tags: tagMap(tags, 'input.tags'),
  };
}

/** CreateInAppTemplate / UpdateInAppTemplate body. */
export function toInAppTemplateRequest(input: InAppTemplateInput, tags?: InputMaybe<readonly TagInput[]>): InAppTemplateRequestModel {
  return {
    Layout: opt(input.layout),
    Content: map(input.content, (parts) => parts.map((part, index) => toInAppContent(part, `input.template.content[${index}]`))),
    CustomConfig: stringMap(input.customConfig, 'input.template.customConfig'),
    TemplateDescription: opt(input.description),
    tags: tagMap(tags, 'input.tags'),
  };
}

/** Module-private: default substitutions as the JSON string upstream stores; they must be a JSON object. */
function substitutions(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isPlainObject(value)) {
    throw badUserInput(`"input.template.defaultSubstitutions" must be a JSON object of message variables and their default values; got ${JSON.stringify(value)}.`, {
      argument: 'input.template.defaultSubstitutions',
    });
  }
  return JSON.stringify(value);
}

/** Module-private. */
function toApnsPush(input: ApnsPushTemplateInput): ApnsPushTemplateModel {
  return {
    Action: opt(input.action),
    Body: opt(input.body),
    MediaUrl: opt(input.mediaUrl),
    RawContent: opt(input.rawContent),
    Sound: opt(input.sound),
    Title: opt(input.title),
    Url: opt(input.url),
  };
}

/** Module-private. */
function toAndroidPush(input: AndroidPushTemplateInput): AndroidPushTemplateModel {
  return {
    Action: opt(input.action),
    Body: opt(input.body),
    ImageIconUrl: opt(input.imageIconUrl),
    ImageUrl: opt(input.imageUrl),
    RawContent: opt(input.rawContent),
    SmallImageIconUrl: opt(input.smallImageIconUrl),
    Sound: opt(input.sound),
    Title: opt(input.title),
    Url: opt(input.url),
  };
}

/** Module-private. */
function toInAppContent(input: InAppMessageContentInput, path: string): InAppMessageContentModel {
  return {
    BackgroundColor: opt(input.backgroundColor),
    BodyConfig: map(input.bodyConfig, (c) => ({ Alignment: oneOf(c.alignment, ALIGNMENTS, `${path}.bodyConfig.alignment`), Body: c.body, TextColor: c.textColor })),
    HeaderConfig: map(input.headerConfig, (c) => ({ Alignment: oneOf(c.alignment, ALIGNMENTS, `${path}.headerConfig.alignment`), Header: c.header, TextColor: c.textColor })),
    ImageUrl: opt(input.imageUrl),
    PrimaryBtn: map(input.primaryButton, (button) => toButton(button, `${path}.primaryButton`)),
    SecondaryBtn: map(input.secondaryButton, (button) => toButton(button, `${path}.secondaryButton`)),
  };
}

/** Module-private. */
function toButton(input: InAppMessageButtonInput, path: string): InAppMessageButtonModel {
  const override = (platform: 'android' | 'ios' | 'web') =>
    map(input[platform], (o) => ({ ButtonAction: oneOf(o.buttonAction, BUTTON_ACTIONS, `${path}.${platform}.buttonAction`), Link: opt(o.link) }));
  return {
    DefaultConfig: map(input.defaultConfig, (d) => ({
      BackgroundColor: opt(d.backgroundColor),
      BorderRadius: opt(d.borderRadius),
      ButtonAction: oneOf(d.buttonAction, BUTTON_ACTIONS, `${path}.defaultConfig.buttonAction`),
      Link: opt(d.link),
      Text: d.text,
      TextColor: opt(d.textColor),
    })),
    Android: override('android'),
    IOS: override('ios'),
    Web: override('web'),
  };
}
