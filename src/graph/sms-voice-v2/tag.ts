import type { Resolvers } from '../../__generated__/resolvers-types';
import { parseSmsVoiceArn } from '../../upstream/sms-voice-v2/arns';
import type { GraphQLContext } from '../context';
import { asNode } from '../ids';
import { sdkTags, tagsOf } from './shared';

/** Resolvers of the SMS v2 tag mutations: the write, then tags and resource read back lazily. */
export const tagResolvers: Resolvers = {
  Mutation: {
    smsVoiceTagResource: async (_parent, { input }, ctx) => {
      await ctx.smsVoice.tagResource(input.resourceArn, sdkTags(input.tags) ?? []);
      return { resourceArn: input.resourceArn };
    },
    smsVoiceUntagResource: async (_parent, { input }, ctx) => {
      await ctx.smsVoice.untagResource(input.resourceArn, input.tagKeys);
      return { resourceArn: input.resourceArn };
    },
  },
  SmsVoiceTagResourcePayload: {
    resourceArn: (parent) => parent.resourceArn,
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.resourceArn),
    resource: (parent, _args, ctx) => taggedResource(parent.resourceArn, ctx),
  },
};

/** The SMS v2 resource an ARN names, read again through its loader and tagged as a Node; null for an ARN of no taggable type. */
export async function taggedResource(resourceArn: string, ctx: GraphQLContext) {
  const arn = parseSmsVoiceArn(resourceArn);
  if (!arn) return null;
  const { smsVoice } = ctx;
  switch (arn.resourceType) {
    case 'phone-number':
      return asNode('PhoneNumber', await smsVoice.phoneNumber.load(arn.id));
    case 'pool':
      return asNode('Pool', await smsVoice.pool.load(arn.id));
    case 'opt-out-list':
      return asNode('OptOutList', await smsVoice.optOutList.load(arn.id));
    case 'configuration-set':
      return asNode('ConfigurationSet', await smsVoice.configurationSet.load(arn.id));
    case 'sender-id':
      return arn.isoCountryCode === undefined ? null : asNode('SenderId', await smsVoice.senderId.load({ senderId: arn.id, isoCountryCode: arn.isoCountryCode }));
    case 'registration':
      return asNode('Registration', await smsVoice.registration.load(arn.id));
    case 'registration-attachment':
      return asNode('RegistrationAttachment', await smsVoice.registrationAttachment.load(arn.id));
    case 'verified-destination-number':
      return asNode('VerifiedDestinationNumber', await smsVoice.verifiedDestinationNumber.load(arn.id));
    default:
      return null;
  }
}
