import type { Resolvers } from '../../__generated__/resolvers-types';
import { required, smsConnection } from './shared';

/** Resolvers of `Query.smsVoiceAccount`: the account's attributes and limits, each read when asked for. */
export const accountResolvers: Resolvers = {
  Query: {
    smsVoiceAccount: () => ({}),
  },
  SmsVoiceAccount: {
    attributes: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.accountAttributesPage(size, token)),
    limits: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.accountLimitsPage(size, token)),
  },
  SmsVoiceAccountAttribute: {
    name: (parent) => required(parent.Name, 'Name'),
    value: (parent) => required(parent.Value, 'Value'),
  },
  SmsVoiceAccountLimit: {
    name: (parent) => required(parent.Name, 'Name'),
    used: (parent) => required(parent.Used, 'Used'),
    max: (parent) => required(parent.Max, 'Max'),
  },
};
