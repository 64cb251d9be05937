import type {
  DescribePhoneNumbersRequest,
  DescribePhoneNumbersResult,
  PhoneNumberFilterName,
  PhoneNumberInformation,
  ReleasePhoneNumberRequest,
  ReleasePhoneNumberResult,
  RequestPhoneNumberRequest,
  RequestPhoneNumberResult,
  UpdatePhoneNumberRequest,
  UpdatePhoneNumberResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn } from '../arns';
import { conflict, invalidField, quotaExceeded } from '../errors';
import { SMS_VOICE_QUOTAS, allocatePhoneNumber, monthlyLeasingPrice, newResourceId, type PhoneNumberRecord } from '../store';
import {
  applyFilters,
  applyOriginationSettings,
  findPhoneNumber,
  getOptOutList,
  getPhoneNumber,
  getPool,
  getRegistration,
  optOutListForNewIdentity,
  pageOf,
  selectByIds,
  tagList,
  tagsFromInput,
  type SmsHandlerGroup,
} from './common';
import { dropKeywords } from './keywords';
import { addToPool } from './pools';
import { associate, checkAssociation, dropAssociation } from './registration-rules';

/** The SDK's `PhoneNumberInformation` of a phone number (tags are only shown by ListTagsForResource). */
export function phoneNumberInformation(phone: PhoneNumberRecord): PhoneNumberInformation {
  const { tags: _tags, ...info } = phone;
  return { ...info, NumberCapabilities: [...phone.NumberCapabilities] };
}

/** Origination phone numbers. */
export const phoneNumberHandlers: SmsHandlerGroup = {
  RequestPhoneNumber(state, input: RequestPhoneNumberRequest, ctx): RequestPhoneNumberResult {
    const country = String(input.IsoCountryCode);
    const numberType = input.NumberType!;
    const price = monthlyLeasingPrice(country, numberType);
    if (price === undefined) throw invalidField('INVALID_PARAMETER', 'NumberType', `${numberType} numbers can't be requested in ${country}.`);
    if (state.phoneNumbers.size >= SMS_VOICE_QUOTAS.phoneNumbersPerAccount) {
      throw quotaExceeded('PHONE_NUMBERS_PER_ACCOUNT', `An account can have at most ${SMS_VOICE_QUOTAS.phoneNumbersPerAccount} phone numbers.`);
    }
    const pool = input.PoolId !== undefined ? getPool(state, ctx, input.PoolId) : undefined;
    const registration = input.RegistrationId !== undefined ? getRegistration(state, ctx, input.RegistrationId) : undefined;
    // A number that joins a pool takes the pool's opt-out list and opt-out/two-way handling unless told otherwise.
    const optOutList = input.OptOutListName !== undefined || !pool ? optOutListForNewIdentity(state, ctx, input.OptOutListName) : getOptOutList(state, ctx, pool.OptOutListName);
    const tags = tagsFromInput(input.Tags);
    const number = allocatePhoneNumber(state, country, numberType);
    if (number === undefined) throw invalidField('INVALID_PARAMETER', 'IsoCountryCode', `No ${numberType} numbers are left in ${country}.`);
    const id = newResourceId('phone');
    const phone: PhoneNumberRecord = {
      PhoneNumberId: id,
      PhoneNumberArn: smsArn(ctx, 'phone-number', id),
      PhoneNumber: number,
      Status: 'ACTIVE',
      IsoCountryCode: country,
      MessageType: input.MessageType!,
      NumberCapabilities: [...(input.NumberCapabilities ?? [])],
      NumberType: numberType,
      MonthlyLeasingPrice: price,
      TwoWayEnabled: pool?.TwoWayEnabled ?? false,
      TwoWayChannelArn: pool?.TwoWayChannelArn,
      TwoWayChannelRole: pool?.TwoWayChannelRole,
      SelfManagedOptOutsEnabled: pool?.SelfManagedOptOutsEnabled ?? false,
      OptOutListName: optOutList.OptOutListName,
      InternationalSendingEnabled: input.InternationalSendingEnabled ?? false,
      DeletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
      CreatedTimestamp: ctx.now(),
      tags,
    };
    // Check everything before changing anything, so a refused request leaves no trace.
    const target = { kind: 'phone-number', phone } as const;
    if (registration) checkAssociation(registration, target);
    if (pool) addToPool(pool, target);
    if (registration) associate(registration, target);
    state.phoneNumbers.set(id, phone);
    // The type was checked against the requestable ones above (a price exists only for those).
    return { ...phoneNumberInformation(phone), NumberType: numberType, Tags: tagList(tags) };
  },

  ReleasePhoneNumber(state, input: ReleasePhoneNumberRequest, ctx): ReleasePhoneNumberResult {
    const phone = getPhoneNumber(state, ctx, String(input.PhoneNumberId));
    if (phone.DeletionProtectionEnabled) {
      throw conflict('DELETION_PROTECTION_ENABLED', 'phone-number', phone.PhoneNumberId, `Phone number ${phone.PhoneNumberId} has deletion protection enabled.`);
    }
    if (phone.PoolId !== undefined) {
      throw conflict('PHONE_NUMBER_ASSOCIATED_TO_POOL', 'phone-number', phone.PhoneNumberId, `Phone number ${phone.PhoneNumberId} is in pool ${phone.PoolId}; disassociate it first.`);
    }
    dropAssociation(state, phone.RegistrationId, phone.PhoneNumberArn);
    state.phoneNumbers.delete(phone.PhoneNumberId);
    dropKeywords(state, phone.PhoneNumberId);
    const { MessagingLimits: _limits, PoolId: _pool, DeletionProtectionEnabled: _protection, InternationalSendingEnabled: _intl, ...info } = phoneNumberInformation(phone);
    return { ...info, Status: 'DELETED' };
  },

  UpdatePhoneNumber(state, input: UpdatePhoneNumberRequest, ctx): UpdatePhoneNumberResult {
    const phone = getPhoneNumber(state, ctx, String(input.PhoneNumberId));
    applyOriginationSettings(state, ctx, phone, input);
    phone.InternationalSendingEnabled = input.InternationalSendingEnabled ?? phone.InternationalSendingEnabled;
    const { PoolId: _pool, MessagingLimits: _limits, ...info } = phoneNumberInformation(phone);
    return info;
  },

  DescribePhoneNumbers(state, input: DescribePhoneNumbersRequest, ctx): DescribePhoneNumbersResult {
    const all = input.Owner === 'SHARED' ? [] : [...state.phoneNumbers.values()];
    const selected = input.PhoneNumberIds?.length ? selectByIds(input.PhoneNumberIds, (id) => findPhoneNumber(state, ctx, id), 'phone-number') : all;
    const filtered = applyFilters<PhoneNumberRecord, PhoneNumberFilterName>(selected, input.Filters, {
      status: (n) => n.Status,
      'iso-country-code': (n) => n.IsoCountryCode,
      'message-type': (n) => n.MessageType,
      'number-capability': (n) => n.NumberCapabilities,
      'number-type': (n) => n.NumberType,
      'two-way-enabled': (n) => n.TwoWayEnabled,
      'self-managed-opt-outs-enabled': (n) => n.SelfManagedOptOutsEnabled,
      'opt-out-list-name': (n) => n.OptOutListName,
      'deletion-protection-enabled': (n) => n.DeletionProtectionEnabled,
      'two-way-channel-arn': (n) => n.TwoWayChannelArn,
    });
    const page = pageOf(filtered, input, ctx, 'DescribePhoneNumbers', [input.PhoneNumberIds, input.Filters, input.Owner]);
    return { PhoneNumbers: page.items.map(phoneNumberInformation), NextToken: page.nextToken };
  },
};
