import type {
  AccountAttribute,
  AccountLimit,
  AccountLimitName,
  DescribeAccountAttributesRequest,
  DescribeAccountAttributesResult,
  DescribeAccountLimitsRequest,
  DescribeAccountLimitsResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_QUOTAS, type SmsVoiceState } from '../store';
import { pageOf, type SmsHandlerGroup } from './common';

/**
 * Account attributes (the tier: new accounts are in the SANDBOX, seed 003) and resource quotas
 * with their current usage, counted from the store.
 */

/** Module-private: each limit's maximum and how to count its usage, in the order seed 003 lists the names. */
const LIMITS: readonly { readonly name: AccountLimitName; readonly max: number; readonly used: (state: SmsVoiceState) => number }[] = [
  { name: 'PHONE_NUMBERS', max: SMS_VOICE_QUOTAS.phoneNumbersPerAccount, used: (s) => s.phoneNumbers.size },
  { name: 'POOLS', max: SMS_VOICE_QUOTAS.poolsPerAccount, used: (s) => s.pools.size },
  { name: 'CONFIGURATION_SETS', max: SMS_VOICE_QUOTAS.configurationSetsPerAccount, used: (s) => s.configurationSets.size },
  { name: 'OPT_OUT_LISTS', max: SMS_VOICE_QUOTAS.optOutListsPerAccount, used: (s) => s.optOutLists.size },
  { name: 'SENDER_IDS', max: SMS_VOICE_QUOTAS.senderIdsPerAccount, used: (s) => s.senderIds.size },
  { name: 'REGISTRATIONS', max: SMS_VOICE_QUOTAS.registrationsPerAccount, used: (s) => s.registrations.size },
  { name: 'REGISTRATION_ATTACHMENTS', max: SMS_VOICE_QUOTAS.registrationAttachmentsPerAccount, used: (s) => s.attachments.size },
  { name: 'VERIFIED_DESTINATION_NUMBERS', max: SMS_VOICE_QUOTAS.verifiedDestinationNumbersPerAccount, used: (s) => s.verifiedDestinationNumbers.size },
];

/** Account attributes and limits. */
export const accountHandlers: SmsHandlerGroup = {
  DescribeAccountAttributes(state, input: DescribeAccountAttributesRequest, ctx): DescribeAccountAttributesResult {
    const attributes: AccountAttribute[] = [{ Name: 'ACCOUNT_TIER', Value: state.accountTier }];
    const page = pageOf(attributes, input, ctx, 'DescribeAccountAttributes', []);
    return { AccountAttributes: page.items, NextToken: page.nextToken };
  },

  DescribeAccountLimits(state, input: DescribeAccountLimitsRequest, ctx): DescribeAccountLimitsResult {
    const limits: AccountLimit[] = LIMITS.map((limit) => ({ Name: limit.name, Used: limit.used(state), Max: limit.max }));
    const page = pageOf(limits, input, ctx, 'DescribeAccountLimits', []);
    return { AccountLimits: page.items, NextToken: page.nextToken };
  },
};
