import type {
  DirectMessageConfigurationInput,
  SendMessagesInput,
  SendOtpMessageInput,
  SendUsersMessagesInput,
  VerifyOtpMessageInput,
} from '../../__generated__/resolvers-types';
import { badUserInput } from '../errors';
import type {
  DirectMessageConfigurationModel,
  MessageRequestModel,
  SendOtpMessageRequestModel,
  SendUsersMessageRequestModel,
  VerifyOtpMessageRequestModel,
} from '../../upstream/pinpoint/models';
import { toTemplateConfiguration } from './inputs';
import { assertUnique, map, opt, stringListMap, stringMap } from './inputKit';

/**
 * Send inputs → the SendMessages, SendUsersMessages, SendOTPMessage and VerifyOTPMessage bodies.
 * Recipients arrive as lists and become the upstream maps (keys unique); the recipient limits are
 * checked here, before any upstream call.
 */

/** Upstream limits of one send (seed 002 / Developer Guide): 100 recipients per direct send, 100 users per users send. */
export const SEND_LIMITS = { recipientsPerRequest: 100, usersPerRequest: 100 } as const;

/** A recipient's per-recipient overrides, as every recipient input carries them. */
interface RecipientOverridesInput {
  readonly bodyOverride?: string | null;
  readonly titleOverride?: string | null;
  readonly rawContent?: string | null;
  readonly context?: unknown;
  readonly substitutions?: unknown;
}

/** SendMessages body: 1 to 100 recipients (addresses plus endpoints), each named once. */
export function toMessageRequest(input: SendMessagesInput): MessageRequestModel {
  const addresses = input.addresses ?? [];
  const endpoints = input.endpoints ?? [];
  const count = addresses.length + endpoints.length;
  if (count < 1 || count > SEND_LIMITS.recipientsPerRequest) {
    throw badUserInput(`"input.addresses" and "input.endpoints" must hold 1 to ${SEND_LIMITS.recipientsPerRequest} recipients in all (the SendMessages limit); got ${count}.`, {
      argument: 'input.addresses',
    });
  }
  assertUnique(
    addresses.map((recipient) => recipient.address),
    'input.addresses[].address',
  );
  assertUnique(
    endpoints.map((recipient) => recipient.endpointId),
    'input.endpoints[].endpointId',
  );
  return {
    Addresses:
      addresses.length === 0
        ? undefined
        : Object.fromEntries(addresses.map((recipient, index) => [recipient.address, { ChannelType: recipient.channelType, ...overrides(recipient, `input.addresses[${index}]`) }])),
    Endpoints: endpoints.length === 0 ? undefined : Object.fromEntries(endpoints.map((recipient, index) => [recipient.endpointId, overrides(recipient, `input.endpoints[${index}]`)])),
    Context: stringMap(input.context, 'input.context'),
    MessageConfiguration: toDirectMessageConfiguration(input.message),
    TemplateConfiguration: map(input.templateConfiguration, toTemplateConfiguration),
    TraceId: opt(input.traceId),
  };
}

/** SendUsersMessages body: 1 to 100 users, each named once. */
export function toSendUsersMessageRequest(input: SendUsersMessagesInput): SendUsersMessageRequestModel {
  if (input.users.length < 1 || input.users.length > SEND_LIMITS.usersPerRequest) {
    throw badUserInput(`"input.users" must hold 1 to ${SEND_LIMITS.usersPerRequest} users (the SendUsersMessages limit); got ${input.users.length}.`, { argument: 'input.users' });
  }
  assertUnique(
    input.users.map((recipient) => recipient.userId),
    'input.users[].userId',
  );
  return {
    Users: Object.fromEntries(input.users.map((recipient, index) => [recipient.userId, overrides(recipient, `input.users[${index}]`)])),
    Context: stringMap(input.context, 'input.context'),
    MessageConfiguration: toDirectMessageConfiguration(input.message),
    TemplateConfiguration: map(input.templateConfiguration, toTemplateConfiguration),
    TraceId: opt(input.traceId),
  };
}

/** SendOTPMessage body. */
export function toSendOtpMessageRequest(input: SendOtpMessageInput): SendOtpMessageRequestModel {
  return {
    BrandName: input.brandName,
    Channel: input.channel,
    DestinationIdentity: input.destinationIdentity,
    OriginationIdentity: input.originationIdentity,
    ReferenceId: input.referenceId,
    AllowedAttempts: opt(input.allowedAttempts),
    CodeLength: opt(input.codeLength),
    EntityId: opt(input.entityId),
    Language: opt(input.language),
    TemplateId: opt(input.templateId),
    ValidityPeriod: opt(input.validityPeriod),
  };
}

/** VerifyOTPMessage body. */
export function toVerifyOtpMessageRequest(input: VerifyOtpMessageInput): VerifyOtpMessageRequestModel {
  return { DestinationIdentity: input.destinationIdentity, ReferenceId: input.referenceId, Otp: input.otp };
}

/** Module-private: a recipient's overrides (AddressConfiguration / EndpointSendConfiguration members). */
function overrides(input: RecipientOverridesInput, path: string) {
  return {
    BodyOverride: opt(input.bodyOverride),
    TitleOverride: opt(input.titleOverride),
    RawContent: opt(input.rawContent),
    Context: stringMap(input.context, `${path}.context`),
    Substitutions: stringListMap(input.substitutions, `${path}.substitutions`),
  };
}

/** Module-private: the message per channel. */
function toDirectMessageConfiguration(input: DirectMessageConfigurationInput): DirectMessageConfigurationModel {
  const subs = (value: unknown, channel: string) => stringListMap(value, `input.message.${channel}.substitutions`);
  const data = (value: unknown, channel: string) => stringMap(value, `input.message.${channel}.data`);
  return {
    DefaultMessage: map(input.defaultMessage, (m) => ({ Body: opt(m.body), Substitutions: subs(m.substitutions, 'defaultMessage') })),
    DefaultPushNotificationMessage: map(input.defaultPushNotificationMessage, (m) => ({
      Action: opt(m.action),
      Body: opt(m.body),
      Data: data(m.data, 'defaultPushNotificationMessage'),
      SilentPush: opt(m.silentPush),
      Substitutions: subs(m.substitutions, 'defaultPushNotificationMessage'),
      Title: opt(m.title),
      Url: opt(m.url),
    })),
    APNSMessage: map(input.apnsMessage, (m) => ({
      APNSPushType: opt(m.apnsPushType),
      Action: opt(m.action),
      Badge: opt(m.badge),
      Body: opt(m.body),
      Category: opt(m.category),
      CollapseId: opt(m.collapseId),
      Data: data(m.data, 'apnsMessage'),
      MediaUrl: opt(m.mediaUrl),
      PreferredAuthenticationMethod: opt(m.preferredAuthenticationMethod),
      Priority: opt(m.priority),
      RawContent: opt(m.rawContent),
      SilentPush: opt(m.silentPush),
      Sound: opt(m.sound),
      Substitutions: subs(m.substitutions, 'apnsMessage'),
      ThreadId: opt(m.threadId),
      TimeToLive: opt(m.timeToLive),
      Title: opt(m.title),
      Url: opt(m.url),
    })),
    GCMMessage: map(input.gcmMessage, (m) => ({
      Action: opt(m.action),
      Body: opt(m.body),
      CollapseKey: opt(m.collapseKey),
      Data: data(m.data, 'gcmMessage'),
      IconReference: opt(m.iconReference),
      ImageIconUrl: opt(m.imageIconUrl),
      ImageUrl: opt(m.imageUrl),
      PreferredAuthenticationMethod: opt(m.preferredAuthenticationMethod),
      Priority: opt(m.priority),
      RawContent: opt(m.rawContent),
      RestrictedPackageName: opt(m.restrictedPackageName),
      SilentPush: opt(m.silentPush),
      SmallImageIconUrl: opt(m.smallImageIconUrl),
      Sound: opt(m.sound),
      Substitutions: subs(m.substitutions, 'gcmMessage'),
      TimeToLive: opt(m.timeToLive),
      Title: opt(m.title),
      Url: opt(m.url),
    })),
    ADMMessage: map(input.admMessage, (m) => ({
      Action: opt(m.action),
      Body: opt(m.body),
      ConsolidationKey: opt(m.consolidationKey),
      Data: data(m.data, 'admMessage'),
      ExpiresAfter: opt(m.expiresAfter),
      IconReference: opt(m.iconReference),
      ImageIconUrl: opt(m.imageIconUrl),
      ImageUrl: opt(m.imageUrl),
      MD5: opt(m.md5),
      RawContent: opt(m.rawContent),
      SilentPush: opt(m.silentPush),
      SmallImageIconUrl: opt(m.smallImageIconUrl),
      Sound: opt(m.sound),
      Substitutions: subs(m.substitutions, 'admMessage'),
      Title: opt(m.title),
      Url: opt(m.url),
    })),
    BaiduMessage: map(input.baiduMessage, (m) => ({
      Action: opt(m.action),
      Body: opt(m.body),
      Data: data(m.data, 'baiduMessage'),
      IconReference: opt(m.iconReference),
      ImageIconUrl: opt(m.imageIconUrl),
      ImageUrl: opt(m.imageUrl),
      RawContent: opt(m.rawContent),
      SilentPush: opt(m.silentPush),
      SmallImageIconUrl: opt(m.smallImageIconUrl),
      Sound: opt(m.sound),
      Substitutions: subs(m.substitutions, 'baiduMessage'),
      TimeToLive: opt(m.timeToLive),
      Title: opt(m.title),
      Url: opt(m.url),
    })),
    EmailMessage: map(input.emailMessage, (m) => ({
      FromAddress: opt(m.fromAddress),
      FeedbackForwardingAddress: opt(m.feedbackForwardingAddress),
      ReplyToAddresses: opt(m.replyToAddresses),
      Body: opt(m.body),
      Substitutions: subs(m.substitutions, 'emailMessage'),
      SimpleEmail: map(m.simpleEmail, (e) => {
        const part = (data: string | null | undefined) => map(data, (text) => ({ Data: text, Charset: opt(e.charset) ?? 'UTF-8' }));
        return {
          Subject: part(e.subject),
          HtmlPart: part(e.htmlPart),
          TextPart: part(e.textPart),
          Headers: map(e.headers, (headers) => headers.map((header) => ({ Name: header.name, Value: header.value }))),
        };
      }),
    })),
    SMSMessage: map(input.smsMessage, (m) => ({
      Body: opt(m.body),
      Keyword: opt(m.keyword),
      MediaUrl: opt(m.mediaUrl),
      MessageType: opt(m.messageType),
      OriginationNumber: opt(m.originationNumber),
      SenderId: opt(m.senderId),
      Substitutions: subs(m.substitutions, 'smsMessage'),
      EntityId: opt(m.entityId),
      TemplateId: opt(m.templateId),
    })),
    VoiceMessage: map(input.voiceMessage, (m) => ({
      Body: opt(m.body),
      LanguageCode: opt(m.languageCode),
      OriginationNumber: opt(m.originationNumber),
      Substitutions: subs(m.substitutions, 'voiceMessage'),
      VoiceId: opt(m.voiceId),
    })),
  };
}
