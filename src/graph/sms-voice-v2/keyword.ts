import type { Resolvers } from '../../__generated__/resolvers-types';
import { parseSmsVoiceArn } from '../../upstream/sms-voice-v2/arns';
import type { KeywordModel, PhoneNumberModel, PoolModel } from '../../upstream/sms-voice-v2/models';
import type { GraphQLContext } from '../context';
import { opt, required } from './shared';

/**
 * Resolvers of `Keyword` and the keyword mutations. The keyword lists and lookups live on their
 * owners (`PhoneNumber.keywords/keyword`, `Pool.keywords/keyword`).
 */
export const keywordResolvers: Resolvers = {
  Mutation: {
    putKeyword: async (_parent, { input }, ctx) => ({
      keyword: await ctx.smsVoice.putKeyword({ OriginationIdentity: input.originationIdentity, Keyword: input.keyword, KeywordMessage: input.message, KeywordAction: opt(input.action) }),
    }),
    deleteKeyword: async (_parent, { input }, ctx) => ({ keyword: await ctx.smsVoice.deleteKeyword(input.originationIdentity, input.keyword) }),
  },
  Keyword: {
    keyword: (parent) => required(parent.Keyword, 'Keyword'),
    message: (parent) => required(parent.KeywordMessage, 'KeywordMessage'),
    action: (parent) => required(parent.KeywordAction, 'KeywordAction'),
    originationIdentity: (parent) => parent.OriginationIdentity,
    originationIdentityArn: (parent) => parent.OriginationIdentityArn ?? null,
    owner: (parent, _args, ctx) => keywordOwner(parent, ctx),
  },
  KeywordOwner: {
    // Only pools carry PoolArn (a phone number in a pool carries its PoolId, not the pool's ARN).
    __resolveType: (value) => ('PoolArn' in value ? 'Pool' : 'PhoneNumber'),
  },
};

/**
 * Module-private: the phone number or pool a keyword belongs to, by its ARN's type (or, for a
 * bare ID, by its `pool-` prefix), through the batched loaders.
 */
function keywordOwner(keyword: KeywordModel, ctx: GraphQLContext): Promise<PhoneNumberModel | PoolModel> {
  const parsed = keyword.OriginationIdentityArn === undefined ? undefined : parseSmsVoiceArn(keyword.OriginationIdentityArn);
  const isPool = parsed ? parsed.resourceType === 'pool' : keyword.OriginationIdentity.startsWith('pool-');
  const id = parsed?.id ?? keyword.OriginationIdentity;
  return isPool ? ctx.smsVoice.pool.load(id) : ctx.smsVoice.phoneNumber.load(id);
}
