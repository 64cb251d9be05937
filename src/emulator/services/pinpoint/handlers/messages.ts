import { randomInt } from 'node:crypto';
import type {
  ChannelType,
  DirectMessageConfiguration,
  EndpointMessageResult,
  EndpointSendConfiguration,
  MessageResult,
  SendMessagesRequest,
  SendMessagesResponse,
  SendOTPMessageRequest,
  SendOTPMessageResponse,
  SendUsersMessagesRequest,
  SendUsersMessagesResponse,
  TemplateConfiguration,
  VerifyOTPMessageRequest,
  VerifyOTPMessageResponse,
} from '@aws-sdk/client-pinpoint';
import type { Outbox } from '../../../outbox';
import type { RequestContext } from '../../types';
import { extrasOf, type AppExtras, type ChannelsStore } from '../channelsStore';
import { deliver, disabledChannel, type DeliveryOrigin, type DeliveryTarget } from '../delivery';
import { badRequest } from '../errors';
import { directContent, renderMessage } from '../messageRendering';
import type { OtpStore } from '../otpStore';
import { endpointKey, requireApp, userEndpoints, type AppRecord, type EndpointRecord, type PinpointStore } from '../store';
import type { TemplatesStore } from '../templatesStore';
import type { PinpointHandler } from './shared';

/**
 * Direct sending: the Messages, Users Messages, OTP Message and Verify OTP resources. Messages
 * are delivered at once into the emulator outbox (`delivery.ts`), with the events that move the
 * transactional KPIs.
 *
 * Per recipient, the result is SUCCESSFUL (200) with a MessageId, or one of:
 * - PERMANENT_FAILURE 404: an endpoint ID the app doesn't have;
 * - PERMANENT_FAILURE 400: no address or channel, an INACTIVE endpoint (seed 002: "messages aren't
 *   sent to the endpoint"), a channel the message has no content for (`messageRendering.ts`), or a
 *   channel the app has configured and disabled;
 * - DUPLICATE 400: the same channel and address already got this request's message.
 * Endpoint opt-outs are deliberately not honoured: seed 002 says "The SendMessages API does not
 * honor the endpoint OPT_OUT status" (campaigns do honour them).
 *
 * OTP: SendOTPMessage generates a CodeLength-digit code (seed 002: 5–8, default 6), valid for
 * ValidityPeriod minutes (5–60, default 15) on the emulator clock, and texts it to
 * DestinationIdentity. VerifyOTPMessage answers Valid true once for the matching code of the
 * ReferenceId and destination (the code is then used up); a wrong code counts an attempt, and once
 * AllowedAttempts (1–5, default 3) wrong codes were tried the code is invalid even when right.
 */

/** Seed 002: a direct message goes to at most 100 recipients; a users message to at most 100 users. */
export const MESSAGE_LIMITS = { recipientsPerRequest: 100, usersPerRequest: 100 } as const;

/** Seed 002, SendOTPMessageRequestParameters. */
export const OTP_LIMITS = {
  codeLength: { min: 5, max: 8, default: 6 },
  validityMinutes: { min: 5, max: 60, default: 15 },
  allowedAttempts: { min: 1, max: 5, default: 3 },
  brandNameLength: 20,
  referenceIdLength: 48,
} as const;

/** Seed 002: the languages an OTP message can be sent in (the emulator writes every one in English). */
export const OTP_LANGUAGES: ReadonlySet<string> = new Set(['de-DE', 'en-GB', 'en-US', 'es-419', 'es-ES', 'fr-CA', 'fr-FR', 'ja-JP', 'ko-KR', 'pt-BR', 'zh-CN', 'zh-TW']);

/** What the message handlers send with and keep. */
export interface MessageHandlerDeps {
  readonly channels: ChannelsStore;
  readonly templates: TemplatesStore;
  readonly outbox: Outbox;
  readonly otps: OtpStore;
}

/** The Messages, Users Messages, OTP Message and Verify OTP resources. */
export function createMessageHandlers(store: PinpointStore, deps: MessageHandlerDeps) {
  const SendMessages: PinpointHandler<SendMessagesRequest, SendMessagesResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.MessageRequest;
    if (request?.MessageConfiguration === undefined) throw badRequest('MessageRequest.MessageConfiguration is required: it holds the message to send');
    const addresses = Object.entries(request.Addresses ?? {});
    const endpoints = Object.entries(request.Endpoints ?? {});
    const count = addresses.length + endpoints.length;
    if (count === 0) throw badRequest('MessageRequest must name at least one recipient in Addresses or Endpoints');
    if (count > MESSAGE_LIMITS.recipientsPerRequest) {
      throw badRequest(`A direct message can go to at most ${MESSAGE_LIMITS.recipientsPerRequest} recipients (Addresses plus Endpoints); got ${count}`);
    }
    const send = sender(deps, ctx, app, request.MessageConfiguration, request.TemplateConfiguration, { kind: 'direct', requestId: ctx.requestId });
    const Result: Record<string, MessageResult> = {};
    for (const [address, config] of addresses) {
      const { Address: _address, ...result } = send({ channel: config.ChannelType, address }, undefined, config, { ...request.Context, ...config.Context });
      Result[address] = result;
    }
    const EndpointResult: Record<string, EndpointMessageResult> = {};
    for (const [endpointId, config] of endpoints) {
      EndpointResult[endpointId] = sendToEndpoint(send, app.endpoints.get(endpointKey(endpointId)), endpointId, config, { ...request.Context, ...config.Context });
    }
    return {
      MessageResponse: {
        ApplicationId: app.id,
        RequestId: ctx.requestId,
        Result: addresses.length > 0 ? Result : undefined,
        EndpointResult: endpoints.length > 0 ? EndpointResult : undefined,
      },
    };
  };

  // Seed 002: "For each user ID in the list, Amazon Pinpoint sends the message to all the endpoints that are associated with the user ID."
  const SendUsersMessages: PinpointHandler<SendUsersMessagesRequest, SendUsersMessagesResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.SendUsersMessageRequest;
    if (request?.MessageConfiguration === undefined) throw badRequest('SendUsersMessageRequest.MessageConfiguration is required: it holds the message to send');
    const users = Object.entries(request.Users ?? {});
    if (users.length === 0) throw badRequest('SendUsersMessageRequest.Users must name at least one user ID');
    if (users.length > MESSAGE_LIMITS.usersPerRequest) throw badRequest(`A users message can go to at most ${MESSAGE_LIMITS.usersPerRequest} users; got ${users.length}`);
    const send = sender(deps, ctx, app, request.MessageConfiguration, request.TemplateConfiguration, { kind: 'users', requestId: ctx.requestId });
    const Result: Record<string, Record<string, EndpointMessageResult>> = {};
    for (const [userId, config] of users) {
      const results: Record<string, EndpointMessageResult> = {};
      for (const endpoint of userEndpoints(app, userId)) results[endpoint.Id] = sendToEndpoint(send, endpoint, endpoint.Id, config, { ...request.Context, ...config.Context });
      Result[userId] = results;
    }
    return { SendUsersMessageResponse: { ApplicationId: app.id, RequestId: ctx.requestId, Result } };
  };

  const SendOTPMessage: PinpointHandler<SendOTPMessageRequest, SendOTPMessageResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const params = input.SendOTPMessageRequestParameters ?? ({} as Partial<NonNullable<SendOTPMessageRequest['SendOTPMessageRequestParameters']>>);
    const field = (name: string) => `SendOTPMessageRequestParameters.${name}`;
    if (params.Channel !== 'SMS') throw badRequest(`${field('Channel')} must be SMS (the only channel OTP codes are sent through); got '${params.Channel ?? ''}'`);
    const brand = params.BrandName ?? '';
    if (brand.length < 1 || brand.length > OTP_LIMITS.brandNameLength) throw badRequest(`${field('BrandName')} must be 1 to ${OTP_LIMITS.brandNameLength} characters; got '${brand}'`);
    const destination = params.DestinationIdentity ?? '';
    if (!E164.test(destination)) throw badRequest(`${field('DestinationIdentity')} must be a phone number in E.164 format (+ then up to 15 digits); got '${destination}'`);
    const origination = params.OriginationIdentity ?? '';
    if (origination === '') throw badRequest(`${field('OriginationIdentity')} is required: the long code, short code or sender ID to send from`);
    const referenceId = checkReferenceId(field('ReferenceId'), params.ReferenceId);
    const codeLength = inRange(field('CodeLength'), params.CodeLength, OTP_LIMITS.codeLength);
    const validity = inRange(field('ValidityPeriod'), params.ValidityPeriod, OTP_LIMITS.validityMinutes);
    const allowedAttempts = inRange(field('AllowedAttempts'), params.AllowedAttempts, OTP_LIMITS.allowedAttempts);
    if (params.Language !== undefined && !OTP_LANGUAGES.has(params.Language)) {
      throw badRequest(`${field('Language')} must be one of ${[...OTP_LANGUAGES].join(', ')}; got '${params.Language}'`);
    }

    const code = Array.from({ length: codeLength }, () => String(randomInt(10))).join('');
    const now = ctx.now();
    const disabled = disabledChannel(extrasFor(deps, ctx, app), app, 'SMS');
    if (disabled !== undefined) {
      return { MessageResponse: { ApplicationId: app.id, RequestId: ctx.requestId, Result: { [destination]: { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: disabled } } } };
    }
    deps.otps.issue(app, referenceId, destination, { code, expiresAt: now.getTime() + validity * 60_000, allowedAttempts, failedAttempts: 0 });
    const body = `${brand} verification code: ${code}. It expires in ${validity} minutes. Don't share it with anyone.`;
    const messageId = deliver(
      { outbox: deps.outbox, scope: ctx, app, extras: extrasFor(deps, ctx, app) },
      { channel: 'SMS', address: destination },
      { body, origination, messageType: 'TRANSACTIONAL', source: 'OTP' },
      { kind: 'otp', requestId: ctx.requestId, referenceId },
      undefined,
      now,
    );
    return { MessageResponse: { ApplicationId: app.id, RequestId: ctx.requestId, Result: { [destination]: { DeliveryStatus: 'SUCCESSFUL', StatusCode: 200, StatusMessage: `MessageId: ${messageId}`, MessageId: messageId } } } };
  };

  const VerifyOTPMessage: PinpointHandler<VerifyOTPMessageRequest, VerifyOTPMessageResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const params = input.VerifyOTPMessageRequestParameters;
    const field = (name: string) => `VerifyOTPMessageRequestParameters.${name}`;
    const referenceId = checkReferenceId(field('ReferenceId'), params?.ReferenceId);
    const destination = params?.DestinationIdentity ?? '';
    if (destination === '') throw badRequest(`${field('DestinationIdentity')} is required: the phone number the code was sent to`);
    const otp = params?.Otp ?? '';
    if (otp === '') throw badRequest(`${field('Otp')} is required: the code the user entered`);
    const record = deps.otps.find(app, referenceId, destination);
    const valid = record !== undefined && ctx.now().getTime() < record.expiresAt && record.failedAttempts < record.allowedAttempts && otp === record.code;
    if (record !== undefined) {
      if (valid) deps.otps.revoke(app, referenceId, destination);
      else record.failedAttempts += 1;
    }
    return { VerificationResponse: { Valid: valid } };
  };

  return { SendMessages, SendUsersMessages, SendOTPMessage, VerifyOTPMessage };
}

/** Module-private: E.164: a plus and up to 15 digits, not starting with 0. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** Module-private: sends one request's message to one recipient and says how it went. */
type Send = (target: Partial<DeliveryTarget> & { address: string }, endpoint: EndpointRecord | undefined, override: EndpointSendConfiguration | undefined, context: Record<string, string>) => EndpointMessageResult;

/** Module-private: the `Send` of one request (it remembers the channels and addresses it sent to, to report duplicates). */
function sender(deps: MessageHandlerDeps, ctx: RequestContext, app: AppRecord, config: DirectMessageConfiguration, templateConfig: TemplateConfiguration | undefined, origin: DeliveryOrigin): Send {
  const extras = extrasFor(deps, ctx, app);
  const templates = deps.templates.forRequest(ctx);
  const sentTo = new Set<string>();
  return (target, endpoint, override, context) => {
    const address = target.address;
    const failure = (StatusCode: number, StatusMessage: string, DeliveryStatus: EndpointMessageResult['DeliveryStatus'] = 'PERMANENT_FAILURE') => ({ Address: address, DeliveryStatus, StatusCode, StatusMessage });
    const channel: ChannelType | undefined = target.channel;
    if (channel === undefined) return failure(400, `ChannelType is required to send to '${address}'`);
    const content = directContent(config, templateConfig, override, channel, templates);
    if (content === undefined) return failure(400, `The message has no content for the ${channel} channel: set its channel message, a template of its type, or DefaultMessage.Body`);
    const disabled = disabledChannel(extras, app, channel);
    if (disabled !== undefined) return failure(400, disabled);
    const key = `${channel}\u0000${address}`;
    if (sentTo.has(key)) return failure(400, `The ${channel} address '${address}' already got this message`, 'DUPLICATE');
    sentTo.add(key);
    const messageId = deliver({ outbox: deps.outbox, scope: ctx, app, extras }, { ...target, channel, address }, renderMessage(content, endpoint), origin, Object.keys(context).length > 0 ? context : undefined, ctx.now());
    return { Address: address, DeliveryStatus: 'SUCCESSFUL', StatusCode: 200, StatusMessage: `MessageId: ${messageId}`, MessageId: messageId };
  };
}

/** Module-private: one endpoint's result (an unknown, address-less or INACTIVE endpoint isn't sent to). */
function sendToEndpoint(send: Send, endpoint: EndpointRecord | undefined, endpointId: string, override: EndpointSendConfiguration | undefined, context: Record<string, string>): EndpointMessageResult {
  if (endpoint === undefined) return { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 404, StatusMessage: `Endpoint '${endpointId}' does not exist` };
  if (endpoint.Address === undefined || endpoint.Address === '') return { DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: `Endpoint '${endpoint.Id}' has no address` };
  if (endpoint.EndpointStatus === 'INACTIVE') {
    return { Address: endpoint.Address, DeliveryStatus: 'PERMANENT_FAILURE', StatusCode: 400, StatusMessage: `Endpoint '${endpoint.Id}' is INACTIVE: messages aren't sent to it` };
  }
  const target = { channel: endpoint.ChannelType, address: endpoint.Address, endpointId: endpoint.Id, userId: endpoint.User?.UserId, country: endpoint.Location?.Country };
  return send(target, endpoint, override, context);
}

/** Module-private: the channels module's state of the app. */
function extrasFor(deps: MessageHandlerDeps, ctx: RequestContext, app: AppRecord): AppExtras {
  return extrasOf(deps.channels.forRequest(ctx), app);
}

/** Module-private: seed 002, ReferenceId: 1 to 48 characters. */
function checkReferenceId(field: string, value: string | undefined): string {
  if (value === undefined || value.length < 1 || value.length > OTP_LIMITS.referenceIdLength) {
    throw badRequest(`${field} must be 1 to ${OTP_LIMITS.referenceIdLength} characters; got '${value ?? ''}'`);
  }
  return value;
}

/** Module-private: an optional integer parameter within its bounds, or its default. */
function inRange(field: string, value: number | undefined, limits: { readonly min: number; readonly max: number; readonly default: number }): number {
  if (value === undefined) return limits.default;
  if (!Number.isInteger(value) || value < limits.min || value > limits.max) throw badRequest(`${field} must be an integer from ${limits.min} to ${limits.max}; got ${value}`);
  return value;
}
