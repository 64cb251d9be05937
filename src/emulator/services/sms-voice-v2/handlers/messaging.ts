import { randomUUID } from 'node:crypto';
import type { EventType, MessageType } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { OutboxEvent, OutboxMessage, OutboxMessageInput } from '../../../outbox';
import type { ServiceError } from '../../../protocol/serviceError';
import { parseSmsArn } from '../arns';
import { conflict, invalidField, resourceNotFound } from '../errors';
import { sameNumberingZone } from '../pricing';
import { DEFAULT_OPT_OUT_LIST_NAME, type ConfigurationSetRecord, type PhoneNumberRecord, type PoolRecord, type SenderIdRecord, type SmsVoiceState } from '../store';
import { findSenderId, getPhoneNumber, getPool, getSenderId, type SmsRequestContext } from './common';

/**
 * What every way of sending shares (SendTextMessage, SendVoiceMessage, verification codes,
 * keyword replies): which origination identity a message goes out from and whether it may, the
 * sandbox and opt-out rules, configuration-set events, and the delivery into the outbox.
 */

/** The two channels of this service. */
export type MessageChannel = 'SMS' | 'VOICE';

/** The identity a message goes out from, after the service's checks. */
export interface Sender {
  /** What the recipient sees: an E.164 number or a sender ID. */
  readonly address: string;
  readonly phone?: PhoneNumberRecord;
  readonly senderId?: SenderIdRecord;
  /** The pool the identity was picked from, when the caller named a pool. */
  readonly pool?: PoolRecord;
  /** The opt-out list the send is checked against. */
  readonly optOutListName: string;
  /** The identity's message type (sender IDs have none of their own). */
  readonly messageType?: MessageType;
}

/** What `resolveSender` needs to know about the send. */
export interface SendIntent {
  /** The caller's `OriginationIdentity`: an E.164 number, a phone number/pool/sender ID, or an ARN of one; undefined lets the service pick. */
  readonly identity?: string;
  readonly channel: MessageChannel;
  /** The destination's country (undefined when the emulator doesn't know the calling code). */
  readonly destinationCountry?: string;
  readonly configurationSet?: ConfigurationSetRecord;
}

/** Module-private: why a phone number can't send this message now, if it can't. */
function phoneProblem(phone: PhoneNumberRecord, channel: MessageChannel, country: string | undefined): ServiceError | undefined {
  const id = phone.PhoneNumberId;
  if (phone.Status !== 'ACTIVE') return conflict('RESOURCE_NOT_ACTIVE', 'phone-number', id, `Phone number ${id} is ${phone.Status}; only an ACTIVE number can send.`);
  if (!phone.NumberCapabilities.includes(channel)) {
    const message = `Phone number ${id} has capabilities ${phone.NumberCapabilities.join(', ')}; it can't send ${channel}.`;
    return channel === 'VOICE' ? invalidField('VOICE_CAPABILITY_NOT_AVAILABLE', 'OriginationIdentity', message) : conflict('NUMBER_CAPABILITIES_MISMATCH', 'phone-number', id, message);
  }
  if (!sameNumberingZone(phone.IsoCountryCode, country) && !phone.InternationalSendingEnabled) {
    return invalidField('INTERNATIONAL_SENDING_NOT_SUPPORTED', 'OriginationIdentity', `Phone number ${id} (${phone.IsoCountryCode}) can't send to ${country ?? 'an unknown country'}: international sending is not enabled on it.`);
  }
  return undefined;
}

/** Module-private: why a sender ID can't send this message, if it can't. */
function senderIdProblem(sender: SenderIdRecord, channel: MessageChannel, country: string | undefined): ServiceError | undefined {
  if (channel === 'VOICE') return invalidField('VOICE_CAPABILITY_NOT_AVAILABLE', 'OriginationIdentity', `Sender ID ${sender.SenderId} can't make voice calls; use a phone number or a pool.`);
  if (sender.IsoCountryCode !== country) {
    return invalidField('INVALID_IDENTITY_FOR_DESTINATION_COUNTRY', 'OriginationIdentity', `Sender ID ${sender.SenderId} is registered for ${sender.IsoCountryCode}; it can't send to ${country ?? 'an unknown country'}.`);
  }
  return undefined;
}

/** Module-private: a checked phone number as a sender. */
function phoneSender(phone: PhoneNumberRecord, intent: SendIntent, pool?: PoolRecord): Sender {
  const problem = phoneProblem(phone, intent.channel, intent.destinationCountry);
  if (problem) throw problem;
  return { address: phone.PhoneNumber, phone, pool, optOutListName: pool?.OptOutListName ?? phone.OptOutListName, messageType: pool?.MessageType ?? phone.MessageType };
}

/** Module-private: a checked sender ID as a sender (without a pool, the account's Default list applies). */
function senderIdSender(sender: SenderIdRecord, intent: SendIntent, pool?: PoolRecord): Sender {
  const problem = senderIdProblem(sender, intent.channel, intent.destinationCountry);
  if (problem) throw problem;
  return { address: sender.SenderId, senderId: sender, pool, optOutListName: pool?.OptOutListName ?? DEFAULT_OPT_OUT_LIST_NAME, messageType: pool?.MessageType };
}

/** Module-private: the pool's first member that can send this message; members in the destination's country go first. */
function poolSender(state: SmsVoiceState, pool: PoolRecord, intent: SendIntent): Sender {
  if (pool.Status !== 'ACTIVE') throw conflict('RESOURCE_NOT_ACTIVE', 'pool', pool.PoolId, `Pool ${pool.PoolId} is ${pool.Status}; only an ACTIVE pool can send.`);
  const members = pool.members.map((member) => (member.kind === 'phone-number' ? { phone: state.phoneNumbers.get(member.phoneNumberId) } : { sender: state.senderIds.get(member.senderKey) }));
  const country = (m: (typeof members)[number]) => m.phone?.IsoCountryCode ?? m.sender?.IsoCountryCode;
  const ordered = [...members.filter((m) => sameNumberingZone(country(m), intent.destinationCountry)), ...members.filter((m) => !sameNumberingZone(country(m), intent.destinationCountry))];
  for (const member of ordered) {
    if (member.phone && !phoneProblem(member.phone, intent.channel, intent.destinationCountry)) return phoneSender(member.phone, intent, pool);
    if (member.sender && !senderIdProblem(member.sender, intent.channel, intent.destinationCountry)) return senderIdSender(member.sender, intent, pool);
  }
  throw conflict('NO_ORIGINATION_IDENTITIES_FOUND', 'pool', pool.PoolId, `Pool ${pool.PoolId} has no active origination identity that can send ${intent.channel} to ${intent.destinationCountry ?? 'this destination'}.`);
}

/** Module-private: the identity the service picks when the caller names none: the configuration set's default sender ID, else any capable number, else any capable sender ID. */
function pickSender(state: SmsVoiceState, ctx: SmsRequestContext, intent: SendIntent): Sender {
  const defaultSenderId = intent.channel === 'SMS' ? intent.configurationSet?.DefaultSenderId : undefined;
  const preferred = defaultSenderId !== undefined ? findSenderId(state, ctx, defaultSenderId, intent.destinationCountry) : undefined;
  if (preferred && !senderIdProblem(preferred, intent.channel, intent.destinationCountry)) return senderIdSender(preferred, intent);
  const phone = [...state.phoneNumbers.values()].find((p) => !phoneProblem(p, intent.channel, intent.destinationCountry));
  if (phone) return phoneSender(phone, intent);
  const sender = [...state.senderIds.values()].find((s) => !senderIdProblem(s, intent.channel, intent.destinationCountry));
  if (sender) return senderIdSender(sender, intent);
  throw conflict('NO_ORIGINATION_IDENTITIES_FOUND', 'account', ctx.accountId, `No OriginationIdentity was given and the account has no active origination identity that can send ${intent.channel} to ${intent.destinationCountry ?? 'this destination'}.`);
}

/**
 * The identity a message goes out from, checked: it exists, is ACTIVE, has the channel's
 * capability, may reach the destination's country; a pool picks one of its members.
 */
export function resolveSender(state: SmsVoiceState, ctx: SmsRequestContext, intent: SendIntent): Sender {
  const value = intent.identity;
  if (value === undefined) return pickSender(state, ctx, intent);
  if (value.startsWith('+')) {
    const phone = [...state.phoneNumbers.values()].find((p) => p.PhoneNumber === value);
    if (!phone) throw resourceNotFound('phone-number', value);
    return phoneSender(phone, intent);
  }
  const arnType = value.startsWith('arn:') ? parseSmsArn(value)?.resourceType : undefined;
  if (value.startsWith('arn:') && !['phone-number', 'pool', 'sender-id'].includes(arnType ?? '')) {
    throw invalidField('INVALID_ARN', 'OriginationIdentity', `"${value}" is not the ARN of a phone number, pool or sender ID.`);
  }
  if (arnType === 'phone-number' || (arnType === undefined && value.startsWith('phone-'))) return phoneSender(getPhoneNumber(state, ctx, value), intent);
  if (arnType === 'pool' || (arnType === undefined && value.startsWith('pool-'))) return poolSender(state, getPool(state, ctx, value), intent);
  if (arnType === 'sender-id') return senderIdSender(getSenderId(state, ctx, value), intent);
  // A bare sender ID: the one of the destination's country, or the only one by that name.
  const sender = findSenderId(state, ctx, value, intent.destinationCountry) ?? getSenderId(state, ctx, value);
  return senderIdSender(sender, intent);
}

/** `ValidationException` unless a number is E.164 with its `+` (the pattern makes it optional; the service's numbers always carry it). */
export function checkE164(number: string, field: string): void {
  if (!/^\+[1-9][0-9]{1,18}$/.test(number)) throw invalidField('INVALID_PARAMETER', field, `"${number}" is not an E.164 phone number (like +12065550100).`);
}

/** `ConflictException` (`DESTINATION_PHONE_NUMBER_NOT_VERIFIED`) when the account is in the sandbox and the destination isn't a verified number. */
export function checkSandbox(state: SmsVoiceState, destination: string): void {
  if (state.accountTier !== 'SANDBOX') return;
  const verified = [...state.verifiedDestinationNumbers.values()].some((v) => v.DestinationPhoneNumber === destination && v.Status === 'VERIFIED');
  if (!verified) {
    throw conflict('DESTINATION_PHONE_NUMBER_NOT_VERIFIED', 'verified-destination-number', destination, `The account is in the SMS sandbox and ${destination} is not a verified destination number; create and verify it first.`);
  }
}

/**
 * `ConflictException` (`DESTINATION_PHONE_NUMBER_OPTED_OUT`) when the destination is in the
 * sender's opt-out list. The list is honoured with self-managed opt-outs too: they change who
 * adds numbers to it, not whether its numbers are skipped.
 */
export function checkOptedOut(state: SmsVoiceState, sender: Sender, destination: string): void {
  if (state.optOutLists.get(sender.optOutListName)?.optedOutNumbers.has(destination)) {
    throw conflict('DESTINATION_PHONE_NUMBER_OPTED_OUT', 'opted-out-number', destination, `${destination} is opted out in opt-out list ${sender.optOutListName}, which ${sender.address} uses.`);
  }
}

/** Module-private: true when a destination's `MatchingEventTypes` take this event type. */
function matches(types: readonly EventType[], type: EventType): boolean {
  return types.includes(type) || types.includes('ALL') || (type.startsWith('TEXT_') && types.includes('TEXT_ALL')) || (type.startsWith('VOICE_') && types.includes('VOICE_ALL'));
}

/** The events a delivery publishes: one per produced event type and enabled destination of the configuration set that takes it. */
export function configurationSetEvents(set: ConfigurationSetRecord | undefined, produced: readonly EventType[]): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (const destination of set?.eventDestinations ?? []) {
    if (!destination.Enabled) continue;
    const target = destination.CloudWatchLogsDestination
      ? { destinationType: 'CLOUDWATCH_LOGS', destinationArn: String(destination.CloudWatchLogsDestination.LogGroupArn) }
      : destination.KinesisFirehoseDestination
        ? { destinationType: 'KINESIS_FIREHOSE', destinationArn: String(destination.KinesisFirehoseDestination.DeliveryStreamArn) }
        : { destinationType: 'SNS', destinationArn: String(destination.SnsDestination?.TopicArn) };
    for (const type of produced) {
      if (matches(destination.MatchingEventTypes, type)) events.push({ eventType: type, destinationName: destination.EventDestinationName, ...target });
    }
  }
  return events;
}

/** The fields of an outbox message that `deliver` fills in from the request. */
type Delivered = Omit<OutboxMessageInput, 'messageId' | 'service' | 'accountId' | 'region' | 'sentAt'> & { readonly messageId?: string };

/** Records a message in the emulator's outbox as sent now by this account and region. */
export function deliver(ctx: SmsRequestContext, message: Delivered): OutboxMessage {
  return ctx.outbox.deliver({ ...message, messageId: message.messageId ?? randomUUID(), service: 'sms-voice-v2', accountId: ctx.accountId, region: ctx.region, sentAt: ctx.now() });
}
