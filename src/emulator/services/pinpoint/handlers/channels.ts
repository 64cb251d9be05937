import type {
  ADMChannelRequest,
  APNSChannelRequest,
  BaiduChannelRequest,
  ChannelResponse,
  EmailChannelRequest,
  GCMChannelRequest,
  GetChannelsRequest,
  GetChannelsResponse,
  SMSChannelRequest,
} from '@aws-sdk/client-pinpoint';
import type { OperationHandler, RequestContext } from '../../types';
import { requireChannel, type AppExtras, type ChannelKind, type ChannelRecord, type ChannelsStore } from '../channelsStore';
import { badRequest } from '../errors';
import { requireApp, type AppRecord, type PinpointStore } from '../store';
import { checkNonEmpty, checkRoleArn, checkServiceArn } from './integration-checks';
import type { PinpointHandler } from './shared';

/**
 * The Channels resource and the ten channel resources (ADM, APNs, APNs sandbox, APNs VoIP, APNs
 * VoIP sandbox, Baidu, email, GCM, SMS, voice): GetChannels plus Get/Update/Delete of each.
 *
 * Semantics (seed 002, and where it is silent, the emulator's documented choice):
 * - Update creates the channel (Version 1) or updates it (Version + 1). Members given replace the
 *   stored ones; members left out keep their value (as UpdateApplicationSettings does). The
 *   credential sets are replaced as a unit: APNs certificate (Certificate + PrivateKey), APNs token
 *   (TokenKey + TokenKeyId + TeamId + BundleId), GCM ApiKey, GCM ServiceJson.
 * - `Enabled` left out is true for a new channel (Update "enables the channel") and unchanged otherwise.
 * - Get and Delete of a channel that was never configured answer NotFoundException; Delete
 *   returns the channel as it was and forgets its settings.
 * - Secrets are never echoed: no ClientSecret, Certificate, PrivateKey, TokenKey, SecretKey,
 *   ServiceJson, and no GCM `Credential` (the FCM server key is the secret). Baidu's `Credential`
 *   (required in the model) is its API key, which Baidu Cloud Push sends in the clear next to the
 *   signature made with the secret key, so it is echoed.
 * - Throughput comes from the account quotas ([DG-2023], inventory §7): email 1 message/s
 *   (the SES sandbox rate) and SMS 20 messages/s for both promotional and transactional.
 */

/** Throughput the channel responses report (inventory §7: SES sandbox 1/s, SMS 20 messages/s). */
export const CHANNEL_THROUGHPUT = { emailMessagesPerSecond: 1, smsPromotionalPerSecond: 20, smsTransactionalPerSecond: 20 } as const;

/** Module-private: what distinguishes one channel type from another. */
interface ChannelSpec {
  readonly kind: ChannelKind;
  /** The deprecated `Id` AWS reports, which is also the channel's path segment (`/channels/apns_voip`). */
  readonly id: string;
  /** The SDK operation infix: `Get<Op>Channel`. */
  readonly op: string;
  /** The payload member names: `ADMChannelRequest` in, `ADMChannelResponse` out. */
  readonly requestMember: string;
  readonly responseMember: string;
  /** Checks a write and returns the settings to store (without `Enabled`); `current` is undefined for a new channel. */
  readonly write: (request: Record<string, unknown>, current: Readonly<Record<string, unknown>> | undefined) => Record<string, unknown>;
  /** The channel-specific response members; never a secret. */
  readonly describe: (settings: Readonly<Record<string, unknown>>) => Record<string, unknown>;
  /** `HasCredential`: whether the channel holds credentials of a push service. */
  readonly hasCredential: boolean;
}

/** The Channels resource and every channel resource. */
export function createChannelHandlers(core: PinpointStore, store: ChannelsStore) {
  const appAndExtras = (ctx: RequestContext, applicationId: string | undefined): [AppRecord, AppExtras] => {
    const app = requireApp(core.forRequest(ctx), applicationId ?? '');
    return [app, store.appExtras(ctx, app)];
  };

  // Only configured channels are listed (enabled or not); AWS documents the map, not which empty entries it adds.
  const GetChannels: PinpointHandler<GetChannelsRequest, GetChannelsResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const channels: Record<string, ChannelResponse> = {};
    for (const spec of CHANNEL_SPECS) {
      const channel = extras.channels.get(spec.kind);
      if (channel !== undefined) channels[spec.kind] = channelSummary(app, spec, channel);
    }
    return { ChannelsResponse: { Channels: channels } };
  };

  const handlers: Record<string, OperationHandler> = { GetChannels };
  for (const spec of CHANNEL_SPECS) {
    handlers[`Get${spec.op}Channel`] = (input: { ApplicationId?: string }, ctx) => {
      const [app, extras] = appAndExtras(ctx, input.ApplicationId);
      return { [spec.responseMember]: channelResponse(app, spec, requireChannel(app, extras, spec.kind)) };
    };
    handlers[`Update${spec.op}Channel`] = (input: Record<string, unknown> & { ApplicationId?: string }, ctx) => {
      const [app, extras] = appAndExtras(ctx, input.ApplicationId);
      const request = (input[spec.requestMember] ?? {}) as Record<string, unknown>;
      if (request.Enabled !== undefined && typeof request.Enabled !== 'boolean') throw badRequest(`${spec.requestMember}.Enabled must be a boolean; got ${JSON.stringify(request.Enabled)}`);
      const current = extras.channels.get(spec.kind);
      const settings = spec.write(request, current?.settings);
      const now = ctx.now().toISOString();
      const channel: ChannelRecord = {
        kind: spec.kind,
        enabled: (request.Enabled as boolean | undefined) ?? current?.enabled ?? true,
        version: (current?.version ?? 0) + 1,
        creationDate: current?.creationDate ?? now,
        lastModifiedDate: now,
        settings,
      };
      extras.channels.set(spec.kind, channel);
      return { [spec.responseMember]: channelResponse(app, spec, channel) };
    };
    handlers[`Delete${spec.op}Channel`] = (input: { ApplicationId?: string }, ctx) => {
      const [app, extras] = appAndExtras(ctx, input.ApplicationId);
      const channel = requireChannel(app, extras, spec.kind);
      extras.channels.delete(spec.kind);
      return { [spec.responseMember]: channelResponse(app, spec, channel) };
    };
  }
  return handlers;
}

/** Module-private: the ChannelResponse members every channel shares (GetChannels lists exactly these). */
function channelSummary(app: AppRecord, spec: ChannelSpec, channel: ChannelRecord): ChannelResponse {
  return {
    ApplicationId: app.id,
    CreationDate: channel.creationDate,
    Enabled: channel.enabled,
    HasCredential: spec.hasCredential,
    Id: spec.id,
    IsArchived: false,
    LastModifiedDate: channel.lastModifiedDate,
    Version: channel.version,
  };
}

/** Module-private: the full `<Type>ChannelResponse`: the shared members, `Platform` and the channel's own. */
function channelResponse(app: AppRecord, spec: ChannelSpec, channel: ChannelRecord): Record<string, unknown> {
  return { ...channelSummary(app, spec, channel), Platform: spec.kind, ...spec.describe(channel.settings) };
}

// ---- Per-type settings: checks and the non-secret members they report. ----

/** Module-private: `value` unless it is undefined, then `fallback`. */
function given<T>(value: T | undefined, fallback: T | undefined): T | undefined {
  return value !== undefined ? value : fallback;
}

/** Module-private: the PEM block check for certificates and keys (AWS rejects material it cannot parse). */
function checkPem(field: string, value: string, label: 'CERTIFICATE' | 'PRIVATE KEY'): void {
  if (!new RegExp(`-----BEGIN [A-Z ]*${label}-----[\\s\\S]+-----END [A-Z ]*${label}-----`).test(value)) {
    throw badRequest(`${field} must be a PEM-encoded ${label.toLowerCase()} (-----BEGIN …${label}----- … -----END …${label}-----)`);
  }
}

/** Module-private: ADM needs its client ID and secret on every write (both are required members). */
function writeAdm(request: ADMChannelRequest): Record<string, unknown> {
  return { ClientId: checkNonEmpty('ADMChannelRequest.ClientId', request.ClientId), ClientSecret: checkNonEmpty('ADMChannelRequest.ClientSecret', request.ClientSecret) };
}

/** Module-private: APNs authentication methods (the console's names for "key or certificate"). */
const APNS_METHODS = ['CERTIFICATE', 'TOKEN'] as const;

/** Module-private: the APNs family: a certificate pair and/or a token-key set, and the default method, which must have its credentials. */
function writeApns(member: string) {
  return (request: APNSChannelRequest, current: Readonly<APNSChannelRequest> | undefined): Record<string, unknown> => {
    const certificateGiven = request.Certificate !== undefined || request.PrivateKey !== undefined;
    const tokenGiven = request.TokenKey !== undefined || request.TokenKeyId !== undefined || request.TeamId !== undefined || request.BundleId !== undefined;
    const certificate = certificateGiven ? { Certificate: request.Certificate, PrivateKey: request.PrivateKey } : { Certificate: current?.Certificate, PrivateKey: current?.PrivateKey };
    const token = tokenGiven
      ? { TokenKey: request.TokenKey, TokenKeyId: request.TokenKeyId, TeamId: request.TeamId, BundleId: request.BundleId }
      : { TokenKey: current?.TokenKey, TokenKeyId: current?.TokenKeyId, TeamId: current?.TeamId, BundleId: current?.BundleId };
    if (certificateGiven) {
      checkPem(`${member}.Certificate`, checkNonEmpty(`${member}.Certificate`, certificate.Certificate), 'CERTIFICATE');
      checkPem(`${member}.PrivateKey`, checkNonEmpty(`${member}.PrivateKey`, certificate.PrivateKey), 'PRIVATE KEY');
    }
    if (tokenGiven) {
      for (const name of ['TokenKeyId', 'TeamId', 'BundleId'] as const) checkNonEmpty(`${member}.${name} (APNs token authentication needs TokenKey, TokenKeyId, TeamId and BundleId)`, token[name]);
      checkPem(`${member}.TokenKey`, checkNonEmpty(`${member}.TokenKey`, token.TokenKey), 'PRIVATE KEY');
    }
    const hasCertificate = certificate.Certificate !== undefined;
    const hasToken = token.TokenKey !== undefined;
    if (!hasCertificate && !hasToken) {
      throw badRequest(`${member} needs credentials: a Certificate and PrivateKey, or a TokenKey, TokenKeyId, TeamId and BundleId`);
    }
    const method = given(request.DefaultAuthenticationMethod, current?.DefaultAuthenticationMethod) ?? (hasCertificate ? 'CERTIFICATE' : 'TOKEN');
    if (!(APNS_METHODS as readonly string[]).includes(method)) throw badRequest(`${member}.DefaultAuthenticationMethod must be one of ${APNS_METHODS.join(', ')}; got '${method}'`);
    if (method === 'CERTIFICATE' && !hasCertificate) throw badRequest(`${member}.DefaultAuthenticationMethod is CERTIFICATE but the channel has no Certificate and PrivateKey`);
    if (method === 'TOKEN' && !hasToken) throw badRequest(`${member}.DefaultAuthenticationMethod is TOKEN but the channel has no TokenKey, TokenKeyId, TeamId and BundleId`);
    return { ...certificate, ...token, DefaultAuthenticationMethod: method };
  };
}

/** Module-private. */
function describeApns(settings: Readonly<APNSChannelRequest>): Record<string, unknown> {
  return { DefaultAuthenticationMethod: settings.DefaultAuthenticationMethod, HasTokenKey: settings.TokenKey !== undefined };
}

/** Module-private: Baidu needs both keys on every write (both are required members). */
function writeBaidu(request: BaiduChannelRequest): Record<string, unknown> {
  return { ApiKey: checkNonEmpty('BaiduChannelRequest.ApiKey', request.ApiKey), SecretKey: checkNonEmpty('BaiduChannelRequest.SecretKey', request.SecretKey) };
}

/** Module-private: an SES identity ARN names an email address or a domain. */
const SES_IDENTITY = /^identity\/(.+)$/;

/** Module-private: a plain `local@domain` address. */
const EMAIL_ADDRESS = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/;

/**
 * Module-private: the email channel. Identity is an SES identity ARN; FromAddress must be that
 * identity (an email identity) or an address in it (a domain identity): the emulator cannot see
 * whether SES verified the identity, only that the two agree.
 */
function writeEmail(request: EmailChannelRequest, current: Readonly<EmailChannelRequest> | undefined): Record<string, unknown> {
  const identity = checkNonEmpty('EmailChannelRequest.Identity', given(request.Identity, current?.Identity));
  const fromAddress = checkNonEmpty('EmailChannelRequest.FromAddress', given(request.FromAddress, current?.FromAddress));
  checkServiceArn('EmailChannelRequest.Identity', identity, 'ses', SES_IDENTITY, 'arn:aws:ses:<region>:<account-id>:identity/<email-address-or-domain>');
  const from = EMAIL_ADDRESS.exec(fromAddress);
  if (!from) throw badRequest(`EmailChannelRequest.FromAddress must be an email address; got '${fromAddress}'`);
  const verified = identity.slice(identity.indexOf(':identity/') + ':identity/'.length).toLowerCase();
  const matches = verified.includes('@') ? verified === fromAddress.toLowerCase() : verified === from[1].toLowerCase();
  if (!matches) throw badRequest(`EmailChannelRequest.FromAddress must be the identity '${verified}' or an address in that domain; got '${fromAddress}'`);
  const roleArn = given(request.RoleArn, current?.RoleArn);
  if (roleArn !== undefined) checkRoleArn('EmailChannelRequest.RoleArn', roleArn);
  const orchestrationRoleArn = given(request.OrchestrationSendingRoleArn, current?.OrchestrationSendingRoleArn);
  if (orchestrationRoleArn !== undefined) checkRoleArn('EmailChannelRequest.OrchestrationSendingRoleArn', orchestrationRoleArn);
  const configurationSet = given(request.ConfigurationSet, current?.ConfigurationSet);
  // SES configuration set names: letters, digits, '_' and '-', at most 64 characters.
  if (configurationSet !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(configurationSet)) {
    throw badRequest(`EmailChannelRequest.ConfigurationSet must be 1 to 64 letters, digits, '_' or '-'; got '${configurationSet}'`);
  }
  return { Identity: identity, FromAddress: fromAddress, RoleArn: roleArn, OrchestrationSendingRoleArn: orchestrationRoleArn, ConfigurationSet: configurationSet };
}

/** Module-private. */
function describeEmail(settings: Readonly<EmailChannelRequest>): Record<string, unknown> {
  return {
    Identity: settings.Identity,
    FromAddress: settings.FromAddress,
    RoleArn: settings.RoleArn,
    OrchestrationSendingRoleArn: settings.OrchestrationSendingRoleArn,
    ConfigurationSet: settings.ConfigurationSet,
    MessagesPerSecond: CHANNEL_THROUGHPUT.emailMessagesPerSecond,
  };
}

/** Module-private: GCM authentication methods (seed 002: "either TOKEN or KEY. Defaults to KEY"). */
const GCM_METHODS = ['KEY', 'TOKEN'] as const;

/**
 * Module-private: the GCM (FCM) channel: a legacy server key (ApiKey, method KEY) and/or the
 * service-account JSON (ServiceJson, method TOKEN). The method defaults to KEY when there is an
 * API key and to TOKEN when there is only a service JSON.
 */
function writeGcm(request: GCMChannelRequest, current: Readonly<GCMChannelRequest> | undefined): Record<string, unknown> {
  const apiKey = given(request.ApiKey, current?.ApiKey);
  const serviceJson = given(request.ServiceJson, current?.ServiceJson);
  if (request.ApiKey !== undefined) checkNonEmpty('GCMChannelRequest.ApiKey', request.ApiKey);
  if (request.ServiceJson !== undefined) checkServiceJson(request.ServiceJson);
  if (apiKey === undefined && serviceJson === undefined) throw badRequest('GCMChannelRequest needs credentials: an ApiKey (server key) or a ServiceJson (service account JSON)');
  const method = given(request.DefaultAuthenticationMethod, current?.DefaultAuthenticationMethod) ?? (apiKey !== undefined ? 'KEY' : 'TOKEN');
  if (!(GCM_METHODS as readonly string[]).includes(method)) throw badRequest(`GCMChannelRequest.DefaultAuthenticationMethod must be one of ${GCM_METHODS.join(', ')}; got '${method}'`);
  if (method === 'KEY' && apiKey === undefined) throw badRequest('GCMChannelRequest.DefaultAuthenticationMethod is KEY but the channel has no ApiKey');
  if (method === 'TOKEN' && serviceJson === undefined) throw badRequest('GCMChannelRequest.DefaultAuthenticationMethod is TOKEN but the channel has no ServiceJson');
  return { ApiKey: apiKey, ServiceJson: serviceJson, DefaultAuthenticationMethod: method };
}

/** Module-private: the FCM service-account file is a JSON object. */
function checkServiceJson(value: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('GCMChannelRequest.ServiceJson must be the JSON object of a service account key file');
}

/** Module-private. */
function describeGcm(settings: Readonly<GCMChannelRequest>): Record<string, unknown> {
  return { DefaultAuthenticationMethod: settings.DefaultAuthenticationMethod, HasFcmServiceCredentials: settings.ServiceJson !== undefined };
}

/**
 * Module-private: the SMS channel. A sender ID is 1 to 11 letters and digits with at least one
 * letter (the alphanumeric sender ID rule); a short code is 3 to 8 digits.
 */
function writeSms(request: SMSChannelRequest, current: Readonly<SMSChannelRequest> | undefined): Record<string, unknown> {
  if (request.SenderId !== undefined && !/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/.test(request.SenderId)) {
    throw badRequest(`SMSChannelRequest.SenderId must be 1 to 11 letters and digits, at least one a letter; got '${request.SenderId}'`);
  }
  if (request.ShortCode !== undefined && !/^\d{3,8}$/.test(request.ShortCode)) throw badRequest(`SMSChannelRequest.ShortCode must be 3 to 8 digits; got '${request.ShortCode}'`);
  return { SenderId: given(request.SenderId, current?.SenderId), ShortCode: given(request.ShortCode, current?.ShortCode) };
}

/** Module-private. */
function describeSms(settings: Readonly<SMSChannelRequest>): Record<string, unknown> {
  return {
    SenderId: settings.SenderId,
    ShortCode: settings.ShortCode,
    PromotionalMessagesPerSecond: CHANNEL_THROUGHPUT.smsPromotionalPerSecond,
    TransactionalMessagesPerSecond: CHANNEL_THROUGHPUT.smsTransactionalPerSecond,
  };
}

/** Module-private: builds a spec from typed settings functions (settings are stored untyped). */
function spec<S>(
  kind: ChannelKind,
  id: string,
  op: string,
  member: string,
  hasCredential: boolean,
  write: (request: S, current: Readonly<S> | undefined) => Record<string, unknown>,
  describe: (settings: Readonly<S>) => Record<string, unknown>,
): ChannelSpec {
  return {
    kind,
    id,
    op,
    requestMember: `${member}Request`,
    responseMember: `${member}Response`,
    hasCredential,
    write: (request, current) => write(request as S, current as Readonly<S> | undefined),
    describe: (settings) => describe(settings as Readonly<S>),
  };
}

/** Module-private: nothing channel-specific to report. */
const nothing = (): Record<string, unknown> => ({});

/** Module-private: every channel type, in the order GetChannels lists them. */
const CHANNEL_SPECS: readonly ChannelSpec[] = [
  spec('ADM', 'adm', 'Adm', 'ADMChannel', true, writeAdm, nothing),
  spec('APNS', 'apns', 'Apns', 'APNSChannel', true, writeApns('APNSChannelRequest'), describeApns),
  spec('APNS_SANDBOX', 'apns_sandbox', 'ApnsSandbox', 'APNSSandboxChannel', true, writeApns('APNSSandboxChannelRequest'), describeApns),
  spec('APNS_VOIP', 'apns_voip', 'ApnsVoip', 'APNSVoipChannel', true, writeApns('APNSVoipChannelRequest'), describeApns),
  spec('APNS_VOIP_SANDBOX', 'apns_voip_sandbox', 'ApnsVoipSandbox', 'APNSVoipSandboxChannel', true, writeApns('APNSVoipSandboxChannelRequest'), describeApns),
  spec('BAIDU', 'baidu', 'Baidu', 'BaiduChannel', true, writeBaidu, (settings: Readonly<BaiduChannelRequest>) => ({ Credential: settings.ApiKey })),
  spec('EMAIL', 'email', 'Email', 'EmailChannel', false, writeEmail, describeEmail),
  spec('GCM', 'gcm', 'Gcm', 'GCMChannel', true, writeGcm, describeGcm),
  spec('SMS', 'sms', 'Sms', 'SMSChannel', false, writeSms, describeSms),
  spec('VOICE', 'voice', 'Voice', 'VoiceChannel', false, () => ({}), nothing),
];
