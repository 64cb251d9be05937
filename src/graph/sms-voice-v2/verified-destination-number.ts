import type { Resolvers, SendDestinationNumberVerificationCodeInput } from '../../__generated__/resolvers-types';
import type { SendDestinationNumberVerificationCodeRequest } from '../../upstream/sms-voice-v2/models';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, keyValueMap, opt, required, sdkTags, smsConnection, tagsOf } from './shared';

/** Resolvers of `VerifiedDestinationNumber`, its queries and the verification mutations. */
export const verifiedDestinationNumberResolvers: Resolvers = {
  Query: {
    verifiedDestinationNumbers: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.verifiedDestinationNumbersPage(size, token)),
    verifiedDestinationNumber: (_parent, args, ctx) => ctx.smsVoice.verifiedDestinationNumber.load(args.verifiedDestinationNumberId),
  },
  Mutation: {
    createVerifiedDestinationNumber: async (_parent, { input }, ctx) => ({
      verifiedDestinationNumber: await ctx.smsVoice.createVerifiedDestinationNumber({
        DestinationPhoneNumber: input.destinationPhoneNumber,
        Tags: sdkTags(input.tags),
        ClientToken: opt(input.clientToken),
      }),
    }),
    deleteVerifiedDestinationNumber: (_parent, { input }, ctx) => ctx.smsVoice.deleteVerifiedDestinationNumber(input.verifiedDestinationNumberId),
    sendDestinationNumberVerificationCode: (_parent, { input }, ctx) => ctx.smsVoice.sendDestinationNumberVerificationCode(verificationCodeRequest(input)),
    verifyDestinationNumber: async (_parent, { input }, ctx) => ({
      verifiedDestinationNumber: await ctx.smsVoice.verifyDestinationNumber(input.verifiedDestinationNumberId, input.verificationCode),
    }),
  },
  VerifiedDestinationNumber: {
    id: (parent, _args, ctx) => toGlobalId('VerifiedDestinationNumber', ctx.region, required(parent.VerifiedDestinationNumberId, 'VerifiedDestinationNumberId')),
    verifiedDestinationNumberId: (parent) => required(parent.VerifiedDestinationNumberId, 'VerifiedDestinationNumberId'),
    arn: (parent) => required(parent.VerifiedDestinationNumberArn, 'VerifiedDestinationNumberArn'),
    destinationPhoneNumber: (parent) => required(parent.DestinationPhoneNumber, 'DestinationPhoneNumber'),
    status: (parent) => required(parent.Status, 'Status'),
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.VerifiedDestinationNumberArn),
  },
  DeleteVerifiedDestinationNumberPayload: {
    verifiedDestinationNumberId: (parent) => required(parent.VerifiedDestinationNumberId, 'VerifiedDestinationNumberId'),
    arn: (parent) => required(parent.VerifiedDestinationNumberArn, 'VerifiedDestinationNumberArn'),
    destinationPhoneNumber: (parent) => required(parent.DestinationPhoneNumber, 'DestinationPhoneNumber'),
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
  },
  SendDestinationNumberVerificationCodePayload: {
    messageId: (parent) => parent.MessageId,
    verifiedDestinationNumber: (parent, _args, ctx) => ctx.smsVoice.verifiedDestinationNumber.load(parent.VerifiedDestinationNumberId),
  },
};

/** `node(id)` for verified destination numbers: the global ID's one key is the VerifiedDestinationNumberId. */
export const verifiedDestinationNumberNodeFetchers: NodeFetchers = {
  VerifiedDestinationNumber: (keys, ctx) => ctx.smsVoice.verifiedDestinationNumber.load(globalIdKeys(keys, 'VerifiedDestinationNumber', 1)[0]),
};

/** Module-private: the SDK request of `sendDestinationNumberVerificationCode`. */
function verificationCodeRequest(input: SendDestinationNumberVerificationCodeInput): SendDestinationNumberVerificationCodeRequest {
  return {
    VerifiedDestinationNumberId: input.verifiedDestinationNumberId,
    VerificationChannel: input.verificationChannel,
    LanguageCode: opt(input.languageCode),
    OriginationIdentity: opt(input.originationIdentity),
    ConfigurationSetName: opt(input.configurationSetName),
    Context: keyValueMap(input.context, 'context'),
    DestinationCountryParameters: keyValueMap(input.destinationCountryParameters, 'destinationCountryParameters'),
  };
}
