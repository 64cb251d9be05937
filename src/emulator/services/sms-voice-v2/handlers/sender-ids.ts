import type {
  DescribeSenderIdsRequest,
  DescribeSenderIdsResult,
  ReleaseSenderIdRequest,
  ReleaseSenderIdResult,
  RequestSenderIdRequest,
  RequestSenderIdResult,
  SenderIdFilterName,
  SenderIdInformation,
  UpdateSenderIdRequest,
  UpdateSenderIdResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn } from '../arns';
import { conflict, invalidField } from '../errors';
import { SENDER_ID_UNSUPPORTED_COUNTRIES, senderKey, type SenderIdRecord, type SmsVoiceState } from '../store';
import { applyFilters, findSenderId, getSenderId, pageOf, selectByIds, tagList, tagsFromInput, type SmsHandlerGroup } from './common';
import { dropAssociation, isRegistrationComplete } from './registration-rules';

/** Module-private: a sender ID is "registered" once the registration it is associated with is complete. */
function isRegistered(state: SmsVoiceState, sender: SenderIdRecord): boolean {
  return sender.RegistrationId !== undefined && isRegistrationComplete(state.registrations.get(sender.RegistrationId));
}

/** The SDK's `SenderIdInformation` of a sender ID. */
export function senderIdInformation(state: SmsVoiceState, sender: SenderIdRecord): SenderIdInformation {
  return {
    SenderIdArn: sender.SenderIdArn,
    SenderId: sender.SenderId,
    IsoCountryCode: sender.IsoCountryCode,
    MessageTypes: [...sender.MessageTypes],
    MonthlyLeasingPrice: sender.MonthlyLeasingPrice,
    DeletionProtectionEnabled: sender.DeletionProtectionEnabled,
    Registered: isRegistered(state, sender),
    RegistrationId: sender.RegistrationId,
  };
}

/** Module-private: a sender ID is in use while any pool holds it. */
function poolsHolding(state: SmsVoiceState, sender: SenderIdRecord): string[] {
  const key = senderKey(sender.SenderId, sender.IsoCountryCode);
  return [...state.pools.values()].filter((pool) => pool.members.some((m) => m.kind === 'sender-id' && m.senderKey === key)).map((pool) => pool.PoolId);
}

/** Alphanumeric sender IDs, one per SenderId and country. */
export const senderIdHandlers: SmsHandlerGroup = {
  RequestSenderId(state, input: RequestSenderIdRequest, ctx): RequestSenderIdResult {
    const senderId = String(input.SenderId);
    const country = String(input.IsoCountryCode);
    if (SENDER_ID_UNSUPPORTED_COUNTRIES.has(country)) throw invalidField('SENDER_ID_NOT_SUPPORTED', 'IsoCountryCode', `Sender IDs are not supported in ${country}.`);
    const key = senderKey(senderId, country);
    if (state.senderIds.has(key)) throw conflict('RESOURCE_ALREADY_EXISTS', 'sender-id', key, `Sender ID ${senderId} already exists in ${country}.`);
    const tags = tagsFromInput(input.Tags);
    const sender: SenderIdRecord = {
      SenderId: senderId,
      IsoCountryCode: country,
      SenderIdArn: smsArn(ctx, 'sender-id', senderId, country),
      // Without message types the sender ID serves both kinds.
      MessageTypes: input.MessageTypes?.length ? [...new Set(input.MessageTypes)] : ['TRANSACTIONAL', 'PROMOTIONAL'],
      MonthlyLeasingPrice: '0.00',
      DeletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
      tags,
    };
    state.senderIds.set(key, sender);
    const { RegistrationId: _registration, ...info } = senderIdInformation(state, sender);
    return { ...info, Tags: tagList(tags) };
  },

  ReleaseSenderId(state, input: ReleaseSenderIdRequest, ctx): ReleaseSenderIdResult {
    const sender = getSenderId(state, ctx, String(input.SenderId), String(input.IsoCountryCode));
    const key = senderKey(sender.SenderId, sender.IsoCountryCode);
    if (sender.DeletionProtectionEnabled) throw conflict('DELETION_PROTECTION_ENABLED', 'sender-id', key, `Sender ID ${key} has deletion protection enabled.`);
    const pools = poolsHolding(state, sender);
    if (pools.length > 0) throw conflict('SENDER_ID_ASSOCIATED_TO_POOL', 'sender-id', key, `Sender ID ${key} is in pool(s) ${pools.join(', ')}; disassociate it first.`);
    const { DeletionProtectionEnabled: _protection, ...info } = senderIdInformation(state, sender);
    dropAssociation(state, sender.RegistrationId, sender.SenderIdArn);
    state.senderIds.delete(key);
    return info;
  },

  UpdateSenderId(state, input: UpdateSenderIdRequest, ctx): UpdateSenderIdResult {
    const sender = getSenderId(state, ctx, String(input.SenderId), String(input.IsoCountryCode));
    sender.DeletionProtectionEnabled = input.DeletionProtectionEnabled ?? sender.DeletionProtectionEnabled;
    return senderIdInformation(state, sender);
  },

  DescribeSenderIds(state, input: DescribeSenderIdsRequest, ctx): DescribeSenderIdsResult {
    const all = input.Owner === 'SHARED' ? [] : [...state.senderIds.values()];
    const selected = input.SenderIds?.length
      ? selectByIds(
          input.SenderIds.map((pair) => (String(pair.SenderId).startsWith('arn:') ? String(pair.SenderId) : senderKey(String(pair.SenderId), String(pair.IsoCountryCode)))),
          (key) => {
            if (key.startsWith('arn:')) return findSenderId(state, ctx, key);
            const [senderId, country] = key.split('/');
            return findSenderId(state, ctx, senderId, country);
          },
          'sender-id',
        )
      : all;
    const filtered = applyFilters<SenderIdRecord, SenderIdFilterName>(selected, input.Filters, {
      'sender-id': (s) => s.SenderId,
      'iso-country-code': (s) => s.IsoCountryCode,
      'message-type': (s) => s.MessageTypes,
      'deletion-protection-enabled': (s) => s.DeletionProtectionEnabled,
      registered: (s) => isRegistered(state, s),
    });
    const page = pageOf(filtered, input, ctx, 'DescribeSenderIds', [input.SenderIds, input.Filters, input.Owner]);
    return { SenderIds: page.items.map((s) => senderIdInformation(state, s)), NextToken: page.nextToken };
  },
};
