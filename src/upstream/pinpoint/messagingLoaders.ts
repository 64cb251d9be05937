import type DataLoader from 'dataloader';
import {
  GetInAppMessagesCommand,
  PhoneNumberValidateCommand,
  RemoveAttributesCommand,
  SendMessagesCommand,
  SendOTPMessageCommand,
  SendUsersMessagesCommand,
  VerifyOTPMessageCommand,
} from '@aws-sdk/client-pinpoint';
import { cacheKey, fanOut, ObservedLoader, required, type LoaderModeOptions, type PinpointSend } from './loaderKit';
import type {
  AttributesModel,
  InAppMessageCampaignModel,
  MessageRequestModel,
  MessageResponseModel,
  PhoneNumberValidationModel,
  SendOtpMessageRequestModel,
  SendUsersMessageRequestModel,
  SendUsersMessageResponseModel,
  VerificationResponseModel,
  VerifyOtpMessageRequestModel,
} from './models';

/**
 * Per-request loaders and calls around sending: an endpoint's in-app messages, phone number
 * validation (a read, even though upstream takes it as a POST), the four send operations and
 * RemoveAttributes. Sends are not idempotent, so they are plain calls, never loaders.
 */

/** Which endpoint's in-app messages. */
export interface InAppMessagesKey {
  readonly applicationId: string;
  readonly endpointId: string;
}

/** A number to validate, optionally with the country to read it in. */
export interface PhoneNumberKey {
  readonly phoneNumber: string;
  readonly isoCountryCode?: string;
}

/** The `attribute-type` path values of RemoveAttributes (seed 002). */
export type AttributeTypeValue = 'endpoint-custom-attributes' | 'endpoint-metric-attributes' | 'endpoint-user-attributes';

/** Messaging loaders and calls (part of `PinpointUpstream`). */
export interface MessagingUpstream {
  /** GetInAppMessages: the in-app messages an endpoint is eligible for. */
  readonly inAppMessages: DataLoader<InAppMessagesKey, readonly InAppMessageCampaignModel[], string>;
  /** PhoneNumberValidate, once per distinct (number, country) in a request. */
  readonly phoneNumberValidation: DataLoader<PhoneNumberKey, PhoneNumberValidationModel, string>;

  /** SendMessages: per-address and per-endpoint results. */
  sendMessages(applicationId: string, request: MessageRequestModel): Promise<MessageResponseModel>;
  /** SendUsersMessages: per-user, per-endpoint results. */
  sendUsersMessages(applicationId: string, request: SendUsersMessageRequestModel): Promise<SendUsersMessageResponseModel>;
  /** SendOTPMessage: the result for the destination. */
  sendOtpMessage(applicationId: string, request: SendOtpMessageRequestModel): Promise<MessageResponseModel>;
  /** VerifyOTPMessage. */
  verifyOtpMessage(applicationId: string, request: VerifyOtpMessageRequestModel): Promise<VerificationResponseModel>;
  /** RemoveAttributes: resolves the attribute names the project still has of that type. */
  removeAttributes(applicationId: string, attributeType: AttributeTypeValue, names: readonly string[]): Promise<AttributesModel>;
}

/** Builds the messaging loaders over the request's counted `send`. */
export function createMessagingLoaders(send: PinpointSend, mode: LoaderModeOptions = {}): MessagingUpstream {
  const inAppMessages = new ObservedLoader<InAppMessagesKey, readonly InAppMessageCampaignModel[], string>(
    'inAppMessages',
    fanOut(async (key) => {
      const out = required((await send(new GetInAppMessagesCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId }))).InAppMessagesResponse, 'GetInAppMessages');
      return (out.InAppMessageCampaigns ?? []).map((item) => ({ ...item, ApplicationId: key.applicationId }));
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.endpointId) },
  );

  const phoneNumberValidation = new ObservedLoader<PhoneNumberKey, PhoneNumberValidationModel, string>(
    'phoneNumberValidation',
    fanOut(async (key) => {
      const out = await send(new PhoneNumberValidateCommand({ NumberValidateRequest: { PhoneNumber: key.phoneNumber, IsoCountryCode: key.isoCountryCode } }));
      return required(out.NumberValidateResponse, 'PhoneNumberValidate');
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.phoneNumber, key.isoCountryCode) },
  );

  return {
    inAppMessages,
    phoneNumberValidation,

    async sendMessages(applicationId, request) {
      return required((await send(new SendMessagesCommand({ ApplicationId: applicationId, MessageRequest: request }))).MessageResponse, 'SendMessages');
    },

    async sendUsersMessages(applicationId, request) {
      return required((await send(new SendUsersMessagesCommand({ ApplicationId: applicationId, SendUsersMessageRequest: request }))).SendUsersMessageResponse, 'SendUsersMessages');
    },

    async sendOtpMessage(applicationId, request) {
      return required((await send(new SendOTPMessageCommand({ ApplicationId: applicationId, SendOTPMessageRequestParameters: request }))).MessageResponse, 'SendOTPMessage');
    },

    async verifyOtpMessage(applicationId, request) {
      return required((await send(new VerifyOTPMessageCommand({ ApplicationId: applicationId, VerifyOTPMessageRequestParameters: request }))).VerificationResponse, 'VerifyOTPMessage');
    },

    async removeAttributes(applicationId, attributeType, names) {
      const out = await send(new RemoveAttributesCommand({ ApplicationId: applicationId, AttributeType: attributeType, UpdateAttributesRequest: { Blacklist: [...names] } }));
      return required(out.AttributesResource, 'RemoveAttributes');
    },
  };
}
