import { randomUUID } from 'node:crypto';
import type { SendTextMessageRequest, SendTextMessageResult, SendVoiceMessageRequest, SendVoiceMessageResult } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { invalidField, resourceNotFound } from '../errors';
import { countryOfNumber, formatUsd, parseUsd, textPartPrice, textParts, voiceMinutePrice, voiceMinutes } from '../pricing';
import type { SmsVoiceState } from '../store';
import { getConfigurationSet, type SmsHandlerGroup, type SmsRequestContext } from './common';
import { checkE164, checkOptedOut, checkSandbox, configurationSetEvents, deliver, resolveSender, type Sender } from './messaging';
import { charge, checkSpend } from './spend-limits';

/**
 * SendTextMessage and SendVoiceMessage: the message is checked the way the service checks it
 * (origination identity, sandbox, opt-out list, `MaxPrice`, monthly spend limit) and then,
 * unless `DryRun`, charged and delivered into the emulator's outbox with the configuration
 * set's events. Prices come from `pricing.ts`.
 */

/** "By default this is 72 hours" (seed 003, `TimeToLive`). */
const DEFAULT_TIME_TO_LIVE_SECONDS = 72 * 60 * 60;

/** The voice Amazon Polly uses when none is given (seed 003). */
const DEFAULT_VOICE_ID = 'MATTHEW';

/** Seed 003: a TEXT voice body is at most 3,000 characters (SSML: 6,000, which the constraint table already checks). */
const MAX_VOICE_TEXT_LENGTH = 3000;

/** Module-private: the checks every send shares, in the order the service applies them. */
function prepare(
  state: SmsVoiceState,
  ctx: SmsRequestContext,
  input: { DestinationPhoneNumber?: string; OriginationIdentity?: string; ConfigurationSetName?: string; MessageBody?: string; ProtectConfigurationId?: string },
  channel: 'SMS' | 'VOICE',
) {
  const destination = String(input.DestinationPhoneNumber);
  checkE164(destination, 'DestinationPhoneNumber');
  if (input.MessageBody === undefined) throw invalidField('MISSING_PARAMETER', 'MessageBody', 'MessageBody is required: the emulator has no message templates.');
  // Protect configurations are not emulated, so no ID can name one.
  if (input.ProtectConfigurationId !== undefined) throw resourceNotFound('protect-configuration', input.ProtectConfigurationId);
  const set = input.ConfigurationSetName !== undefined ? getConfigurationSet(state, ctx, input.ConfigurationSetName) : undefined;
  const country = countryOfNumber(destination);
  const sender: Sender = resolveSender(state, ctx, { identity: input.OriginationIdentity, channel, destinationCountry: country, configurationSet: set });
  checkSandbox(state, destination);
  checkOptedOut(state, sender, destination);
  return { destination, body: input.MessageBody, set, country, sender };
}

/** Module-private: the identity facts an outbox record keeps. */
function senderDetails(sender: Sender): Record<string, unknown> {
  return {
    originationIdentityId: sender.phone?.PhoneNumberId ?? sender.senderId?.SenderId,
    originationIdentityArn: sender.phone?.PhoneNumberArn ?? sender.senderId?.SenderIdArn,
    poolId: sender.pool?.PoolId,
  };
}

/** Sending text and voice messages. */
export const sendHandlers: SmsHandlerGroup = {
  SendTextMessage(state, input: SendTextMessageRequest, ctx): SendTextMessageResult {
    const { destination, body, set, country, sender } = prepare(state, ctx, input, 'SMS');
    const { parts, encoding } = textParts(body);
    const partPrice = textPartPrice(country);
    if (input.MaxPrice !== undefined && partPrice > parseUsd(input.MaxPrice)) {
      throw invalidField('PRICE_OVER_THRESHOLD', 'MaxPrice', `A message part to ${country ?? destination} costs USD ${formatUsd(partPrice)}, more than MaxPrice ${input.MaxPrice}.`);
    }
    const price = parts * partPrice;
    const now = ctx.now();
    checkSpend(state, 'TEXT', price, now);
    const messageId = randomUUID();
    if (input.DryRun) return { MessageId: messageId };
    charge(state, 'TEXT', price, now);
    const timeToLive = input.TimeToLive ?? DEFAULT_TIME_TO_LIVE_SECONDS;
    deliver(ctx, {
      messageId,
      channel: 'SMS',
      origination: sender.address,
      destination,
      body,
      messageType: input.MessageType ?? set?.DefaultMessageType ?? sender.messageType ?? 'TRANSACTIONAL',
      configurationSet: set?.ConfigurationSetName,
      keyword: input.Keyword,
      context: input.Context,
      events: configurationSetEvents(set, ['TEXT_SUCCESSFUL', 'TEXT_DELIVERED']),
      details: {
        kind: 'message',
        ...senderDetails(sender),
        isoCountryCode: country,
        parts,
        encoding,
        priceUsd: formatUsd(price),
        timeToLiveSeconds: timeToLive,
        expiresAt: new Date(now.getTime() + timeToLive * 1000).toISOString(),
        destinationCountryParameters: input.DestinationCountryParameters,
      },
    });
    return { MessageId: messageId };
  },

  SendVoiceMessage(state, input: SendVoiceMessageRequest, ctx): SendVoiceMessageResult {
    const { destination, body, set, country, sender } = prepare(state, ctx, input, 'VOICE');
    const textType = input.MessageBodyTextType ?? 'TEXT';
    if (textType === 'TEXT' && body.length > MAX_VOICE_TEXT_LENGTH) {
      throw invalidField('INVALID_PARAMETER', 'MessageBody', `A TEXT voice message is at most ${MAX_VOICE_TEXT_LENGTH} characters; this one has ${body.length}.`);
    }
    if (textType === 'SSML' && !/^\s*<speak[\s>][\s\S]*<\/speak>\s*$/.test(body)) {
      throw invalidField('INVALID_PARAMETER', 'MessageBody', 'An SSML voice message must be one <speak>…</speak> document.');
    }
    const minutes = voiceMinutes(body, textType);
    const minutePrice = voiceMinutePrice(country);
    if (input.MaxPricePerMinute !== undefined && minutePrice > parseUsd(input.MaxPricePerMinute)) {
      throw invalidField('PRICE_OVER_THRESHOLD', 'MaxPricePerMinute', `A voice minute to ${country ?? destination} costs USD ${formatUsd(minutePrice)}, more than MaxPricePerMinute ${input.MaxPricePerMinute}.`);
    }
    const price = minutes * minutePrice;
    const now = ctx.now();
    checkSpend(state, 'VOICE', price, now);
    const messageId = randomUUID();
    if (input.DryRun) return { MessageId: messageId };
    charge(state, 'VOICE', price, now);
    const timeToLive = input.TimeToLive ?? DEFAULT_TIME_TO_LIVE_SECONDS;
    deliver(ctx, {
      messageId,
      channel: 'VOICE',
      origination: sender.address,
      destination,
      body,
      configurationSet: set?.ConfigurationSetName,
      context: input.Context,
      events: configurationSetEvents(set, ['VOICE_INITIATED', 'VOICE_ANSWERED', 'VOICE_COMPLETED']),
      details: {
        kind: 'message',
        ...senderDetails(sender),
        isoCountryCode: country,
        voiceId: input.VoiceId ?? DEFAULT_VOICE_ID,
        messageBodyTextType: textType,
        minutes,
        priceUsd: formatUsd(price),
        timeToLiveSeconds: timeToLive,
        expiresAt: new Date(now.getTime() + timeToLive * 1000).toISOString(),
      },
    });
    return { MessageId: messageId };
  },
};
