import { randomUUID } from 'node:crypto';
import type { ChannelType, Session } from '@aws-sdk/client-pinpoint';
import type { Outbox, OutboxChannel } from '../../outbox';
import { countryOfNumber, textPartPrice, textParts } from '../sms-voice-v2/pricing';
import type { ArnScope } from './arns';
import type { AppExtras, ChannelKind } from './channelsStore';
import { PUSH_CHANNELS, type RenderedMessage } from './messageRendering';
import type { AppRecord } from './store';

/**
 * Delivering one Pinpoint message: into the emulator outbox (no handset is reached), plus the
 * standard events AWS would record for it, so the date-range KPIs (`kpis.ts`) move:
 * - email: `_email.send` and `_email.delivered`;
 * - SMS: `_SMS.SUCCESS` with `iso_country_code` (the endpoint's Location.Country, else the number's
 *   country), `record_status` DELIVERED, `message_type`, `number_of_message_parts` and the
 *   `price_in_millicents_usd` metric (the SMS v2 emulator's price table, so both services charge alike);
 * - push and custom-channel campaign messages: `_campaign.send` with `campaign_send_status` SUCCESS
 *   and `delivery_type` (direct push messages and voice messages record no event: no KPI reads one).
 * Campaign deliveries carry `campaign_id`, `campaign_activity_id` and `treatment_id` (which makes
 * them campaign, not transactional, events); journey deliveries carry `journey_id`,
 * `journey_activity_id` and `journey_run_id` (what the journey KPIs count), and record events for
 * email and SMS only (push, custom and contact center journey messages move no KPI). A message's
 * Context is copied into the attributes of email and SMS events, as seed 002 describes for
 * delivery receipts.
 */

/** Who receives a message. */
export interface DeliveryTarget {
  readonly channel: ChannelType;
  readonly address: string;
  /** The endpoint, when the recipient is one (events are recorded against it; otherwise against the address). */
  readonly endpointId?: string;
  readonly userId?: string;
  /** ISO country of the recipient, when known from the endpoint's location. */
  readonly country?: string;
}

/** Why a message is sent. */
export type DeliveryOrigin =
  | { readonly kind: 'campaign'; readonly campaignId: string; readonly activityId: string; readonly treatmentId: string; readonly session?: Session }
  | { readonly kind: 'journey'; readonly journeyId: string; readonly activityId: string; readonly runId: string }
  | { readonly kind: 'direct' | 'users'; readonly requestId: string }
  | { readonly kind: 'otp'; readonly requestId: string; readonly referenceId: string };

/** What `deliver` needs besides the message. */
export interface DeliveryEnv {
  readonly outbox: Outbox;
  readonly scope: ArnScope;
  readonly app: AppRecord;
  /** The app's channels (for default senders); undefined when the channels module has none for it. */
  readonly extras?: AppExtras;
}

/** Records one delivered message in the outbox and its events in the app; returns the message ID. */
export function deliver(env: DeliveryEnv, target: DeliveryTarget, message: RenderedMessage, origin: DeliveryOrigin, context: Readonly<Record<string, string>> | undefined, at: Date): string {
  const messageId = randomUUID();
  const channel = outboxChannelOf(target.channel);
  const sms = target.channel === 'SMS' ? smsFacts(target, message.body) : undefined;
  const originAttributes: Record<string, string> =
    origin.kind === 'campaign'
      ? { campaign_id: origin.campaignId, campaign_activity_id: origin.activityId, treatment_id: origin.treatmentId }
      : origin.kind === 'journey'
        ? { journey_id: origin.journeyId, journey_activity_id: origin.activityId, journey_run_id: origin.runId }
        : {};
  env.outbox.deliver({
    messageId,
    service: 'pinpoint',
    channel,
    origination: message.origination ?? defaultOrigination(env.extras, target.channel) ?? '',
    destination: target.address,
    body: message.body,
    messageType: message.messageType,
    context: context && { ...context },
    accountId: env.scope.accountId,
    region: env.scope.region,
    sentAt: at,
    details: definedOnly({
      applicationId: env.app.id,
      kind: origin.kind,
      channelType: target.channel,
      endpointId: target.endpointId,
      userId: target.userId,
      title: message.title,
      htmlBody: message.htmlBody,
      contentSource: message.source,
      campaignId: origin.kind === 'campaign' ? origin.campaignId : undefined,
      campaignActivityId: origin.kind === 'campaign' ? origin.activityId : undefined,
      treatmentId: origin.kind === 'campaign' ? origin.treatmentId : undefined,
      journeyId: origin.kind === 'journey' ? origin.journeyId : undefined,
      journeyActivityId: origin.kind === 'journey' ? origin.activityId : undefined,
      journeyRunId: origin.kind === 'journey' ? origin.runId : undefined,
      requestId: origin.kind === 'campaign' || origin.kind === 'journey' ? undefined : origin.requestId,
      referenceId: origin.kind === 'otp' ? origin.referenceId : undefined,
      messageParts: sms?.parts,
      priceMicroUsd: sms?.priceMicroUsd,
      isoCountryCode: sms?.country,
    }),
  });

  const record = (eventType: string, attributes: Record<string, string>, metrics: Record<string, number> = {}) => {
    env.app.events.push({
      endpointId: target.endpointId ?? target.address,
      eventId: `${messageId}:${eventType}`,
      eventType,
      timestamp: at,
      attributes: { ...attributes, ...originAttributes },
      metrics,
      session: origin.kind === 'campaign' ? origin.session : undefined,
    });
  };
  if (target.channel === 'EMAIL') {
    record('_email.send', { ...context, message_id: messageId });
    record('_email.delivered', { ...context, message_id: messageId });
  } else if (sms !== undefined) {
    const smsAttributes: Record<string, string> = {
      ...context,
      message_id: messageId,
      record_status: 'DELIVERED',
      message_type: message.messageType === 'PROMOTIONAL' ? 'Promotional' : 'Transactional',
      number_of_message_parts: String(sms.parts),
    };
    if (sms.country !== undefined) smsAttributes.iso_country_code = sms.country;
    // 1 millicent = 10 micro-USD.
    record('_SMS.SUCCESS', smsAttributes, { price_in_millicents_usd: sms.priceMicroUsd / 10 });
  } else if (origin.kind === 'campaign' && (PUSH_CHANNELS.has(target.channel) || channel === 'CUSTOM')) {
    record('_campaign.send', { campaign_send_status: 'SUCCESS', delivery_type: target.channel });
  }
  return messageId;
}

/**
 * Whether an event type records a message Pinpoint sent (email, SMS and voice delivery events, a
 * campaign send) rather than something the endpoint did; segment recency ignores these.
 */
export function isDeliveryRecord(eventType: string): boolean {
  return eventType.startsWith('_email.') || eventType.startsWith('_SMS.') || eventType.startsWith('_voice.') || eventType === '_campaign.send';
}

/** Why a channel can't be used by `app` right now (it is configured and disabled), or undefined when it can. */
export function disabledChannel(extras: AppExtras | undefined, app: AppRecord, channel: ChannelType): string | undefined {
  const kind = channelKindOf(channel);
  const record = kind === undefined ? undefined : extras?.channels.get(kind);
  return record !== undefined && !record.enabled ? `The ${kind} channel of application '${app.id}' is disabled` : undefined;
}

/** Module-private: the outbox channel a Pinpoint channel type delivers on. */
function outboxChannelOf(channel: ChannelType): OutboxChannel {
  switch (channel) {
    case 'EMAIL':
    case 'SMS':
    case 'VOICE':
    case 'CUSTOM':
    case 'IN_APP':
      return channel;
    case 'APNS':
    case 'APNS_SANDBOX':
    case 'APNS_VOIP':
    case 'APNS_VOIP_SANDBOX':
    case 'GCM':
    case 'BAIDU':
    case 'ADM':
    case 'PUSH':
      return 'PUSH';
    default: {
      const unreachable: never = channel;
      throw new Error(`Unhandled channel type: ${String(unreachable)}`);
    }
  }
}

/** Module-private: the channel record kind of an endpoint channel type (PUSH, CUSTOM and IN_APP have no channel to configure). */
function channelKindOf(channel: ChannelType): ChannelKind | undefined {
  return channel === 'PUSH' || channel === 'CUSTOM' || channel === 'IN_APP' ? undefined : channel;
}

/** Module-private: the sender a channel's settings give (the email channel's FromAddress, the SMS channel's sender ID or short code). */
function defaultOrigination(extras: AppExtras | undefined, channel: ChannelType): string | undefined {
  const kind = channelKindOf(channel);
  const settings = kind === undefined ? undefined : extras?.channels.get(kind)?.settings;
  if (settings === undefined) return undefined;
  const first = [settings.FromAddress, settings.SenderId, settings.ShortCode].find((value): value is string => typeof value === 'string' && value !== '');
  return first;
}

/** Module-private: parts, country and price of a text message. */
function smsFacts(target: DeliveryTarget, body: string): { parts: number; country?: string; priceMicroUsd: number } {
  const { parts } = textParts(body);
  const country = target.country ?? countryOfNumber(target.address);
  return { parts, country, priceMicroUsd: parts * textPartPrice(country) };
}

/** Module-private: the object without its undefined members (the outbox keeps details as given). */
function definedOnly(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));
}
