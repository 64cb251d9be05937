import type { Resolvers } from '../../__generated__/resolvers-types';
import { required, smsConnection } from './shared';

/** Resolvers of the account's spend limits and their override mutations. */
export const spendLimitResolvers: Resolvers = {
  Query: {
    spendLimits: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.spendLimitsPage(size, token)),
  },
  Mutation: {
    setTextMessageSpendLimitOverride: (_parent, { input }, ctx) => ctx.smsVoice.setSpendLimitOverride('TEXT', input.monthlyLimit),
    deleteTextMessageSpendLimitOverride: (_parent, _args, ctx) => ctx.smsVoice.deleteSpendLimitOverride('TEXT'),
    setVoiceMessageSpendLimitOverride: (_parent, { input }, ctx) => ctx.smsVoice.setSpendLimitOverride('VOICE', input.monthlyLimit),
    deleteVoiceMessageSpendLimitOverride: (_parent, _args, ctx) => ctx.smsVoice.deleteSpendLimitOverride('VOICE'),
  },
  SmsVoiceSpendLimit: {
    name: (parent) => required(parent.Name, 'Name'),
    enforcedLimit: (parent) => required(parent.EnforcedLimit, 'EnforcedLimit'),
    maxLimit: (parent) => required(parent.MaxLimit, 'MaxLimit'),
    overridden: (parent) => required(parent.Overridden, 'Overridden'),
  },
  SmsVoiceSpendLimitOverridePayload: {
    monthlyLimit: (parent) => required(parent.MonthlyLimit, 'MonthlyLimit'),
    spendLimit: (parent, _args, ctx) => ctx.smsVoice.spendLimit(parent.Name),
  },
};
