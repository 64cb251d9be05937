import type { Resolvers, SendTextMessageInput, SendVoiceMessageInput } from '../../__generated__/resolvers-types';
import type { SendTextMessageRequest, SendVoiceMessageRequest } from '../../upstream/sms-voice-v2/models';
import { keyValueMap, opt } from './shared';

/** Resolvers of the send mutations: the upstream's refusals (opted out, unverified, over the limit) come back as its errors. */
export const sendResolvers: Resolvers = {
  Mutation: {
    sendTextMessage: async (_parent, { input }, ctx) => ({ messageId: (await ctx.smsVoice.sendTextMessage(textMessageRequest(input))).MessageId }),
    sendVoiceMessage: async (_parent, { input }, ctx) => ({ messageId: (await ctx.smsVoice.sendVoiceMessage(voiceMessageRequest(input))).MessageId }),
  },
};

/** Module-private: the SDK request of `sendTextMessage`. */
function textMessageRequest(input: SendTextMessageInput): SendTextMessageRequest {
  return {
    DestinationPhoneNumber: input.destinationPhoneNumber,
    OriginationIdentity: opt(input.originationIdentity),
    MessageBody: input.messageBody,
    MessageType: opt(input.messageType),
    Keyword: opt(input.keyword),
    ConfigurationSetName: opt(input.configurationSetName),
    MaxPrice: opt(input.maxPrice),
    TimeToLive: opt(input.timeToLive),
    Context: keyValueMap(input.context, 'context'),
    DestinationCountryParameters: keyValueMap(input.destinationCountryParameters, 'destinationCountryParameters'),
    DryRun: opt(input.dryRun),
  };
}

/** Module-private: the SDK request of `sendVoiceMessage`. */
function voiceMessageRequest(input: SendVoiceMessageInput): SendVoiceMessageRequest {
  return {
    DestinationPhoneNumber: input.destinationPhoneNumber,
    OriginationIdentity: input.originationIdentity,
    MessageBody: input.messageBody,
    MessageBodyTextType: opt(input.messageBodyTextType),
    VoiceId: opt(input.voiceId),
    ConfigurationSetName: opt(input.configurationSetName),
    MaxPricePerMinute: opt(input.maxPricePerMinute),
    TimeToLive: opt(input.timeToLive),
    Context: keyValueMap(input.context, 'context'),
    DryRun: opt(input.dryRun),
  };
}
