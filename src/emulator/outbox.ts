import { types } from 'node:util';
import type { ServiceId } from './services/types';
import type { StatePart } from './stateRegistry';

/**
 * The emulator-wide outbox: every message an emulated service "delivers" (a text, a voice
 * call, a verification code, an automatic keyword reply, and later Pinpoint's messages) is
 * recorded here instead of reaching a handset. Tests and demos read it through
 * `GET /_emulator/outbox` to see what was sent, to whom, from which identity, and what it cost.
 *
 * The outbox keeps the latest `OUTBOX_CAPACITY` messages, so a long-running emulator doesn't
 * grow without bound; `DELETE /_emulator/outbox` and `POST /_emulator/reset` empty it.
 */

/** The channels a delivered message can go out on (the Pinpoint channel names). */
export const OUTBOX_CHANNELS = ['SMS', 'VOICE', 'EMAIL', 'PUSH', 'IN_APP', 'CUSTOM'] as const;

/** A message channel. */
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** How many messages the outbox keeps; the oldest go first. */
export const OUTBOX_CAPACITY = 10_000;

/** One event a delivery produced for an event destination (e.g. a configuration set's `TEXT_DELIVERED` to SNS). */
export interface OutboxEvent {
  /** The service's event type (`TEXT_SUCCESSFUL`, `VOICE_COMPLETED`, …). */
  readonly eventType: string;
  /** The event destination's name. */
  readonly destinationName: string;
  /** What kind of destination receives it (`CLOUDWATCH_LOGS`, `KINESIS_FIREHOSE`, `SNS`, …). */
  readonly destinationType: string;
  /** The ARN the event is published to (log group, delivery stream, topic). */
  readonly destinationArn: string;
}

/** What a service hands to `deliver`. */
export interface OutboxMessageInput {
  /** The ID the service answered the send call with. */
  readonly messageId: string;
  readonly service: ServiceId;
  readonly channel: OutboxChannel;
  /** Who it is from: an E.164 number, a sender ID, a pool's chosen member, an email address. */
  readonly origination: string;
  /** Who it is to: an E.164 number, an email address, a device token. */
  readonly destination: string;
  readonly body: string;
  /** `TRANSACTIONAL` / `PROMOTIONAL` where the channel has message types. */
  readonly messageType?: string;
  readonly configurationSet?: string;
  readonly keyword?: string;
  readonly context?: Readonly<Record<string, string>>;
  readonly accountId: string;
  readonly region: string;
  /** When it was sent (the emulator clock). */
  readonly sentAt: Date;
  /** Events published for the message's configuration set, one per event type and destination. */
  readonly events?: readonly OutboxEvent[];
  /** Service-specific facts (price, parts, time to live, the identity's ID, why it was sent). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A delivered message as the outbox keeps it. */
export type OutboxMessage = OutboxMessageInput;

/** Which messages `list` returns; every given criterion must match. */
export interface OutboxFilter {
  readonly service?: ServiceId;
  readonly channel?: OutboxChannel;
  readonly destination?: string;
  readonly origination?: string;
  /** Only messages sent at or after this instant. */
  readonly since?: Date;
  readonly accountId?: string;
  readonly region?: string;
}

/** The outbox of one emulator server. */
export class Outbox implements StatePart {
  private readonly messages: OutboxMessage[] = [];

  /** Records a delivered message and returns the stored (frozen) copy. */
  deliver(message: OutboxMessageInput): OutboxMessage {
    const stored = frozenMessage(message);
    this.messages.push(stored);
    if (this.messages.length > OUTBOX_CAPACITY) this.messages.splice(0, this.messages.length - OUTBOX_CAPACITY);
    return stored;
  }

  /** The messages that match `filter`, oldest first. */
  list(filter: OutboxFilter = {}): OutboxMessage[] {
    return this.messages.filter(
      (m) =>
        (filter.service === undefined || m.service === filter.service) &&
        (filter.channel === undefined || m.channel === filter.channel) &&
        (filter.destination === undefined || m.destination === filter.destination) &&
        (filter.origination === undefined || m.origination === filter.origination) &&
        (filter.since === undefined || m.sentAt.getTime() >= filter.since.getTime()) &&
        (filter.accountId === undefined || m.accountId === filter.accountId) &&
        (filter.region === undefined || m.region === filter.region),
    );
  }

  /** Forgets every message; returns how many there were. */
  clear(): number {
    const count = this.messages.length;
    this.messages.length = 0;
    return count;
  }

  /** Every kept message, oldest first, for the state file. */
  snapshot(): unknown {
    return this.messages;
  }

  /** Replaces the kept messages with those `snapshot` gave (frozen again, as `deliver` stores them); throws a `TypeError` for anything else. */
  restore(snapshot: unknown): void {
    if (!Array.isArray(snapshot)) throw new TypeError(`the outbox is a list of messages; got ${typeof snapshot}`);
    const bad = snapshot.findIndex((m: Partial<Record<keyof OutboxMessage, unknown>> | null) => typeof m !== 'object' || m === null || typeof m.messageId !== 'string' || !types.isDate(m.sentAt));
    if (bad >= 0) throw new TypeError(`outbox message ${bad} is not a message with a messageId and a sentAt date`);
    this.messages.length = 0;
    this.messages.push(...(snapshot as OutboxMessageInput[]).slice(-OUTBOX_CAPACITY).map(frozenMessage));
  }
}

/** Module-private: the stored form of a message: a frozen copy, nested records included, so readers can't change history. */
function frozenMessage(message: OutboxMessageInput): OutboxMessage {
  return Object.freeze({
    ...message,
    context: message.context && Object.freeze({ ...message.context }),
    events: message.events && Object.freeze(message.events.map((event) => Object.freeze({ ...event }))),
    details: message.details && Object.freeze({ ...message.details }),
  });
}
