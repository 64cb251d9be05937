import type {
  DeleteTextMessageSpendLimitOverrideResult,
  DeleteVoiceMessageSpendLimitOverrideResult,
  DescribeSpendLimitsRequest,
  DescribeSpendLimitsResult,
  SetTextMessageSpendLimitOverrideRequest,
  SetTextMessageSpendLimitOverrideResult,
  SetVoiceMessageSpendLimitOverrideRequest,
  SetVoiceMessageSpendLimitOverrideResult,
  SpendLimit,
  SpendLimitName,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { invalidField, quotaExceeded } from '../errors';
import { MICRO_USD, formatUsd } from '../pricing';
import type { SmsVoiceState, SpendChannel } from '../store';
import { pageOf, type SmsHandlerGroup } from './common';

/**
 * Monthly spend limits of text and voice messages. Each channel has a ceiling set by AWS
 * (`MaxLimit`) and an optional lower override set by the account; the enforced limit is the
 * override when there is one. A send that would take the month's spend (UTC calendar month of
 * the emulator clock) past the enforced limit fails with `ServiceQuotaExceededException`
 * (`MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT` / `_VOICE`). Seed 003 documents only the text and
 * voice limits, so the media, notify and RCS ones are not emulated.
 */

/** Module-private: the `SpendLimitName` of each channel, in the order DescribeSpendLimits lists them. */
const LIMIT_NAMES: Readonly<Record<SpendChannel, SpendLimitName>> = {
  TEXT: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT',
  VOICE: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT',
};

/** The UTC calendar month of an instant, `YYYY-MM`: the period a spend limit counts. */
export function monthOf(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/** The limit in force for a channel, in USD: the override, never above the ceiling (which the admin API can lower). */
export function enforcedLimit(state: SmsVoiceState, channel: SpendChannel): number {
  return Math.min(state.spendLimitOverrides[channel] ?? state.spendMaxLimits[channel], state.spendMaxLimits[channel]);
}

/** What the account spent on a channel in the month of `now`, in micro-USD. */
export function spentThisMonth(state: SmsVoiceState, channel: SpendChannel, now: Date): number {
  return state.monthlySpend.get(`${channel}/${monthOf(now)}`) ?? 0;
}

/** `ServiceQuotaExceededException` when spending `price` (micro-USD) now would pass the channel's enforced limit. */
export function checkSpend(state: SmsVoiceState, channel: SpendChannel, price: number, now: Date): void {
  const limit = enforcedLimit(state, channel);
  const after = spentThisMonth(state, channel, now) + price;
  if (after > limit * MICRO_USD) {
    throw quotaExceeded(
      channel === 'TEXT' ? 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT' : 'MONTHLY_SPEND_LIMIT_REACHED_FOR_VOICE',
      `This message costs USD ${formatUsd(price)}, which would bring the ${channel.toLowerCase()} spend of ${monthOf(now)} to USD ${formatUsd(after)}, over the monthly limit of USD ${limit}.`,
    );
  }
}

/** Adds `price` (micro-USD) to the channel's spend of the month of `now`. */
export function charge(state: SmsVoiceState, channel: SpendChannel, price: number, now: Date): void {
  const key = `${channel}/${monthOf(now)}`;
  state.monthlySpend.set(key, (state.monthlySpend.get(key) ?? 0) + price);
}

/** Module-private: the SDK's `SpendLimit` of a channel. */
function spendLimit(state: SmsVoiceState, channel: SpendChannel): SpendLimit {
  return { Name: LIMIT_NAMES[channel], EnforcedLimit: enforcedLimit(state, channel), MaxLimit: state.spendMaxLimits[channel], Overridden: state.spendLimitOverrides[channel] !== undefined };
}

/** Module-private: sets an override after checking it against the ceiling. */
function setOverride(state: SmsVoiceState, channel: SpendChannel, monthlyLimit: number): { MonthlyLimit: number } {
  const max = state.spendMaxLimits[channel];
  if (monthlyLimit > max) {
    throw invalidField('REQUESTED_SPEND_LIMIT_HIGHER_THAN_SERVICE_LIMIT', 'MonthlyLimit', `The ${channel.toLowerCase()} spend limit can be at most the MaxLimit of USD ${max}; got ${monthlyLimit}.`);
  }
  state.spendLimitOverrides[channel] = monthlyLimit;
  return { MonthlyLimit: monthlyLimit };
}

/** Module-private: removes an override; the answer is the limit now in force (the ceiling). */
function deleteOverride(state: SmsVoiceState, channel: SpendChannel): { MonthlyLimit: number } {
  delete state.spendLimitOverrides[channel];
  return { MonthlyLimit: enforcedLimit(state, channel) };
}

/** Spend limits of the account. */
export const spendLimitHandlers: SmsHandlerGroup = {
  DescribeSpendLimits(state, input: DescribeSpendLimitsRequest, ctx): DescribeSpendLimitsResult {
    const limits = (Object.keys(LIMIT_NAMES) as SpendChannel[]).map((channel) => spendLimit(state, channel));
    const page = pageOf(limits, input, ctx, 'DescribeSpendLimits', []);
    return { SpendLimits: page.items, NextToken: page.nextToken };
  },

  SetTextMessageSpendLimitOverride(state, input: SetTextMessageSpendLimitOverrideRequest): SetTextMessageSpendLimitOverrideResult {
    return setOverride(state, 'TEXT', Number(input.MonthlyLimit));
  },

  DeleteTextMessageSpendLimitOverride(state): DeleteTextMessageSpendLimitOverrideResult {
    return deleteOverride(state, 'TEXT');
  },

  SetVoiceMessageSpendLimitOverride(state, input: SetVoiceMessageSpendLimitOverrideRequest): SetVoiceMessageSpendLimitOverrideResult {
    return setOverride(state, 'VOICE', Number(input.MonthlyLimit));
  },

  DeleteVoiceMessageSpendLimitOverride(state): DeleteVoiceMessageSpendLimitOverrideResult {
    return deleteOverride(state, 'VOICE');
  },
};
