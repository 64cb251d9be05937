import type {
  UpdateAdmChannelInput,
  UpdateApnsChannelInput,
  UpdateBaiduChannelInput,
  UpdateEmailChannelInput,
  UpdateGcmChannelInput,
  UpdateSmsChannelInput,
  UpdateVoiceChannelInput,
} from '../../__generated__/resolvers-types';
import type {
  AdmChannelRequestModel,
  ApnsChannelRequestModel,
  BaiduChannelRequestModel,
  EmailChannelRequestModel,
  GcmChannelRequestModel,
  SmsChannelRequestModel,
  VoiceChannelRequestModel,
} from '../../upstream/pinpoint/models';
import { opt } from './inputKit';

/** Channel inputs → the Update{Type}Channel request bodies (one function per body shape). */

/** UpdateAdmChannel body. */
export function toAdmChannelRequest(input: UpdateAdmChannelInput): AdmChannelRequestModel {
  return { ClientId: input.clientId, ClientSecret: input.clientSecret, Enabled: opt(input.enabled) };
}

/** Update{Apns,ApnsSandbox,ApnsVoip,ApnsVoipSandbox}Channel body. */
export function toApnsChannelRequest(input: UpdateApnsChannelInput): ApnsChannelRequestModel {
  return {
    DefaultAuthenticationMethod: opt(input.defaultAuthenticationMethod),
    Enabled: opt(input.enabled),
    Certificate: opt(input.certificate),
    PrivateKey: opt(input.privateKey),
    BundleId: opt(input.bundleId),
    TeamId: opt(input.teamId),
    TokenKey: opt(input.tokenKey),
    TokenKeyId: opt(input.tokenKeyId),
  };
}

/** UpdateBaiduChannel body. */
export function toBaiduChannelRequest(input: UpdateBaiduChannelInput): BaiduChannelRequestModel {
  return { ApiKey: input.apiKey, SecretKey: input.secretKey, Enabled: opt(input.enabled) };
}

/** UpdateEmailChannel body. */
export function toEmailChannelRequest(input: UpdateEmailChannelInput): EmailChannelRequestModel {
  return {
    FromAddress: input.fromAddress,
    Identity: input.identity,
    ConfigurationSet: opt(input.configurationSet),
    RoleArn: opt(input.roleArn),
    OrchestrationSendingRoleArn: opt(input.orchestrationSendingRoleArn),
    Enabled: opt(input.enabled),
  };
}

/** UpdateGcmChannel body. */
export function toGcmChannelRequest(input: UpdateGcmChannelInput): GcmChannelRequestModel {
  return { ApiKey: opt(input.apiKey), ServiceJson: opt(input.serviceJson), DefaultAuthenticationMethod: opt(input.defaultAuthenticationMethod), Enabled: opt(input.enabled) };
}

/** UpdateSmsChannel body. */
export function toSmsChannelRequest(input: UpdateSmsChannelInput): SmsChannelRequestModel {
  return { SenderId: opt(input.senderId), ShortCode: opt(input.shortCode), Enabled: opt(input.enabled) };
}

/** UpdateVoiceChannel body. */
export function toVoiceChannelRequest(input: UpdateVoiceChannelInput): VoiceChannelRequestModel {
  return { Enabled: opt(input.enabled) };
}
