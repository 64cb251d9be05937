import type {
  AssociateOriginationIdentityRequest,
  AssociateOriginationIdentityResult,
  CreatePoolRequest,
  CreatePoolResult,
  DeletePoolRequest,
  DeletePoolResult,
  DescribePoolsRequest,
  DescribePoolsResult,
  DisassociateOriginationIdentityRequest,
  DisassociateOriginationIdentityResult,
  ListPoolOriginationIdentitiesRequest,
  ListPoolOriginationIdentitiesResult,
  OriginationIdentityMetadata,
  PoolFilterName,
  PoolInformation,
  PoolOriginationIdentitiesFilterName,
  UpdatePoolRequest,
  UpdatePoolResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { RequestContext } from '../../types';
import { idFromIdOrArn, parseSmsArn, smsArn } from '../arns';
import { conflict, invalidField, quotaExceeded, resourceNotFound } from '../errors';
import { SMS_VOICE_QUOTAS, newResourceId, senderKey, type PhoneNumberRecord, type PoolMember, type PoolRecord, type SenderIdRecord, type SmsVoiceState } from '../store';
import {
  applyFilters,
  applyOriginationSettings,
  findPool,
  getPool,
  getSenderId,
  optOutListForNewIdentity,
  pageOf,
  selectByIds,
  tagList,
  tagsFromInput,
  type SmsHandlerGroup,
} from './common';
import { copyKeywords, dropKeywords } from './keywords';

/** An origination identity that can join a pool. */
export type PoolMemberTarget = { readonly kind: 'phone-number'; readonly phone: PhoneNumberRecord } | { readonly kind: 'sender-id'; readonly sender: SenderIdRecord };

/** The SDK's `PoolInformation` of a pool. */
export function poolInformation(pool: PoolRecord): PoolInformation {
  return {
    PoolArn: pool.PoolArn,
    PoolId: pool.PoolId,
    Status: pool.Status,
    MessageType: pool.MessageType,
    TwoWayEnabled: pool.TwoWayEnabled,
    TwoWayChannelArn: pool.TwoWayChannelArn,
    TwoWayChannelRole: pool.TwoWayChannelRole,
    SelfManagedOptOutsEnabled: pool.SelfManagedOptOutsEnabled,
    OptOutListName: pool.OptOutListName,
    SharedRoutesEnabled: pool.SharedRoutesEnabled,
    DeletionProtectionEnabled: pool.DeletionProtectionEnabled,
    CreatedTimestamp: pool.CreatedTimestamp,
  };
}

/**
 * The origination identity a pool operation names: a phone number ID or ARN, or a sender ID
 * (an ARN, or a SenderId with `isoCountryCode`).
 */
export function resolvePoolMemberTarget(state: SmsVoiceState, ctx: RequestContext, value: string, isoCountryCode: string | undefined): PoolMemberTarget {
  const arnType = value.startsWith('arn:') ? parseSmsArn(value)?.resourceType : undefined;
  if (arnType === 'phone-number' || (arnType === undefined && value.startsWith('phone-'))) {
    const id = idFromIdOrArn(value, 'phone-number', ctx);
    const phone = id === undefined ? undefined : state.phoneNumbers.get(id);
    if (!phone) throw resourceNotFound('phone-number', value);
    if (isoCountryCode !== undefined && isoCountryCode !== phone.IsoCountryCode) {
      throw invalidField('COUNTRY_CODE_MISMATCH', 'IsoCountryCode', `Phone number ${phone.PhoneNumberId} is in ${phone.IsoCountryCode}, not ${isoCountryCode}.`);
    }
    return { kind: 'phone-number', phone };
  }
  return { kind: 'sender-id', sender: getSenderId(state, ctx, value, value.startsWith('arn:') ? undefined : isoCountryCode) };
}

/** Module-private: the member entry of a target. */
function memberOf(target: PoolMemberTarget): PoolMember {
  return target.kind === 'phone-number'
    ? { kind: 'phone-number', phoneNumberId: target.phone.PhoneNumberId }
    : { kind: 'sender-id', senderKey: senderKey(target.sender.SenderId, target.sender.IsoCountryCode) };
}

/** Module-private: the index of a target in the pool's member list, or -1. */
function memberIndex(pool: PoolRecord, target: PoolMemberTarget): number {
  const member = memberOf(target);
  return pool.members.findIndex((m) =>
    m.kind === 'phone-number' ? member.kind === 'phone-number' && m.phoneNumberId === member.phoneNumberId : member.kind === 'sender-id' && m.senderKey === member.senderKey,
  );
}

/**
 * Adds an identity to a pool after the service's checks: a phone number belongs to at most
 * one pool, and an identity's message type, opt-out list, opt-out handling and two-way
 * setting must match the pool's. A sender ID may be in several pools.
 */
export function addToPool(pool: PoolRecord, target: PoolMemberTarget): void {
  const id = target.kind === 'phone-number' ? target.phone.PhoneNumberId : target.sender.SenderId;
  if (memberIndex(pool, target) >= 0) throw conflict('RESOURCE_ALREADY_ASSOCIATED', target.kind, id, `${id} is already in pool ${pool.PoolId}.`);
  if (pool.members.length >= SMS_VOICE_QUOTAS.originationIdentitiesPerPool) {
    throw quotaExceeded('ORIGINATION_IDENTITIES_PER_POOL', `A pool can have at most ${SMS_VOICE_QUOTAS.originationIdentitiesPerPool} origination identities.`);
  }
  if (target.kind === 'phone-number') {
    const phone = target.phone;
    if (phone.PoolId !== undefined) throw conflict('PHONE_NUMBER_ASSOCIATED_TO_POOL', 'phone-number', id, `Phone number ${id} is already in pool ${phone.PoolId}.`);
    if (phone.MessageType !== pool.MessageType) throw conflict('MESSAGE_TYPE_MISMATCH', 'phone-number', id, `Phone number ${id} is ${phone.MessageType}; pool ${pool.PoolId} is ${pool.MessageType}.`);
    if (phone.OptOutListName !== pool.OptOutListName) throw conflict('OPT_OUT_LIST_MISMATCH', 'phone-number', id, `Phone number ${id} uses opt-out list ${phone.OptOutListName}; pool ${pool.PoolId} uses ${pool.OptOutListName}.`);
    if (phone.SelfManagedOptOutsEnabled !== pool.SelfManagedOptOutsEnabled) {
      throw conflict('SELF_MANAGED_OPT_OUTS_MISMATCH', 'phone-number', id, `Phone number ${id} has SelfManagedOptOutsEnabled=${phone.SelfManagedOptOutsEnabled}; pool ${pool.PoolId} has ${pool.SelfManagedOptOutsEnabled}.`);
    }
    if (phone.TwoWayEnabled !== pool.TwoWayEnabled) throw conflict('TWO_WAY_CONFIG_MISMATCH', 'phone-number', id, `Phone number ${id} has TwoWayEnabled=${phone.TwoWayEnabled}; pool ${pool.PoolId} has ${pool.TwoWayEnabled}.`);
    phone.PoolId = pool.PoolId;
  } else if (!target.sender.MessageTypes.includes(pool.MessageType)) {
    throw conflict('MESSAGE_TYPE_MISMATCH', 'sender-id', id, `Sender ID ${id} (${target.sender.IsoCountryCode}) supports ${target.sender.MessageTypes.join(', ')}; pool ${pool.PoolId} is ${pool.MessageType}.`);
  }
  pool.members.push(memberOf(target));
}

/** Module-private: the metadata `ListPoolOriginationIdentities` shows for one member. */
function memberMetadata(state: SmsVoiceState, member: PoolMember): OriginationIdentityMetadata | undefined {
  if (member.kind === 'phone-number') {
    const phone = state.phoneNumbers.get(member.phoneNumberId);
    return phone && {
      OriginationIdentityArn: phone.PhoneNumberArn,
      OriginationIdentity: phone.PhoneNumberId,
      IsoCountryCode: phone.IsoCountryCode,
      NumberCapabilities: phone.NumberCapabilities,
      PhoneNumber: phone.PhoneNumber,
    };
  }
  const sender = state.senderIds.get(member.senderKey);
  return sender && { OriginationIdentityArn: sender.SenderIdArn, OriginationIdentity: sender.SenderId, IsoCountryCode: sender.IsoCountryCode, NumberCapabilities: ['SMS'] };
}

/** Module-private: the answer of Associate/DisassociateOriginationIdentity. */
function associationResult(pool: PoolRecord, target: PoolMemberTarget): AssociateOriginationIdentityResult {
  return target.kind === 'phone-number'
    ? { PoolArn: pool.PoolArn, PoolId: pool.PoolId, OriginationIdentityArn: target.phone.PhoneNumberArn, OriginationIdentity: target.phone.PhoneNumberId, IsoCountryCode: target.phone.IsoCountryCode }
    : { PoolArn: pool.PoolArn, PoolId: pool.PoolId, OriginationIdentityArn: target.sender.SenderIdArn, OriginationIdentity: target.sender.SenderId, IsoCountryCode: target.sender.IsoCountryCode };
}

/** Pools and their origination identities. */
export const poolHandlers: SmsHandlerGroup = {
  CreatePool(state, input: CreatePoolRequest, ctx): CreatePoolResult {
    const target = resolvePoolMemberTarget(state, ctx, String(input.OriginationIdentity), input.IsoCountryCode);
    if (state.pools.size >= SMS_VOICE_QUOTAS.poolsPerAccount) throw quotaExceeded('POOLS_PER_ACCOUNT', `An account can have at most ${SMS_VOICE_QUOTAS.poolsPerAccount} pools.`);
    const tags = tagsFromInput(input.Tags);
    const id = newResourceId('pool');
    // The pool inherits the identity's configuration; deletion protection is not inherited.
    const source = target.kind === 'phone-number' ? target.phone : undefined;
    const pool: PoolRecord = {
      PoolId: id,
      PoolArn: smsArn(ctx, 'pool', id),
      Status: 'ACTIVE',
      MessageType: input.MessageType!,
      TwoWayEnabled: source?.TwoWayEnabled ?? false,
      TwoWayChannelArn: source?.TwoWayChannelArn,
      TwoWayChannelRole: source?.TwoWayChannelRole,
      SelfManagedOptOutsEnabled: source?.SelfManagedOptOutsEnabled ?? false,
      OptOutListName: source?.OptOutListName ?? optOutListForNewIdentity(state, ctx, undefined).OptOutListName,
      SharedRoutesEnabled: false,
      DeletionProtectionEnabled: input.DeletionProtectionEnabled ?? false,
      CreatedTimestamp: ctx.now(),
      members: [],
      tags,
    };
    addToPool(pool, target);
    state.pools.set(id, pool);
    if (source) copyKeywords(state, source.PhoneNumberId, id);
    return { ...poolInformation(pool), Tags: tagList(tags) };
  },

  DeletePool(state, input: DeletePoolRequest, ctx): DeletePoolResult {
    const pool = getPool(state, ctx, String(input.PoolId));
    if (pool.DeletionProtectionEnabled) throw conflict('DELETION_PROTECTION_ENABLED', 'pool', pool.PoolId, `Pool ${pool.PoolId} has deletion protection enabled.`);
    for (const member of pool.members) {
      if (member.kind === 'phone-number') {
        const phone = state.phoneNumbers.get(member.phoneNumberId);
        if (phone) phone.PoolId = undefined;
      }
    }
    state.pools.delete(pool.PoolId);
    dropKeywords(state, pool.PoolId);
    const { DeletionProtectionEnabled: _protection, ...info } = poolInformation(pool);
    return { ...info, Status: 'DELETING' };
  },

  DescribePools(state, input: DescribePoolsRequest, ctx): DescribePoolsResult {
    const all = input.Owner === 'SHARED' ? [] : [...state.pools.values()];
    const selected = input.PoolIds?.length ? selectByIds(input.PoolIds, (id) => findPool(state, ctx, id), 'pool') : all;
    const filtered = applyFilters<PoolRecord, PoolFilterName>(selected, input.Filters, {
      status: (p) => p.Status,
      'message-type': (p) => p.MessageType,
      'two-way-enabled': (p) => p.TwoWayEnabled,
      'self-managed-opt-outs-enabled': (p) => p.SelfManagedOptOutsEnabled,
      'opt-out-list-name': (p) => p.OptOutListName,
      'shared-routes-enabled': (p) => p.SharedRoutesEnabled,
      'deletion-protection-enabled': (p) => p.DeletionProtectionEnabled,
      'two-way-channel-arn': (p) => p.TwoWayChannelArn,
    });
    const page = pageOf(filtered, input, ctx, 'DescribePools', [input.PoolIds, input.Filters, input.Owner]);
    return { Pools: page.items.map(poolInformation), NextToken: page.nextToken };
  },

  UpdatePool(state, input: UpdatePoolRequest, ctx): UpdatePoolResult {
    const pool = getPool(state, ctx, String(input.PoolId));
    applyOriginationSettings(state, ctx, pool, input);
    pool.SharedRoutesEnabled = input.SharedRoutesEnabled ?? pool.SharedRoutesEnabled;
    return poolInformation(pool);
  },

  AssociateOriginationIdentity(state, input: AssociateOriginationIdentityRequest, ctx): AssociateOriginationIdentityResult {
    const pool = getPool(state, ctx, String(input.PoolId));
    const target = resolvePoolMemberTarget(state, ctx, String(input.OriginationIdentity), input.IsoCountryCode);
    addToPool(pool, target);
    return associationResult(pool, target);
  },

  DisassociateOriginationIdentity(state, input: DisassociateOriginationIdentityRequest, ctx): DisassociateOriginationIdentityResult {
    const pool = getPool(state, ctx, String(input.PoolId));
    const target = resolvePoolMemberTarget(state, ctx, String(input.OriginationIdentity), input.IsoCountryCode);
    const index = memberIndex(pool, target);
    const id = target.kind === 'phone-number' ? target.phone.PhoneNumberId : target.sender.SenderId;
    if (index < 0) {
      if (target.kind === 'phone-number') throw conflict('PHONE_NUMBER_NOT_ASSOCIATED_TO_POOL', 'phone-number', id, `Phone number ${id} is not in pool ${pool.PoolId}.`);
      throw resourceNotFound('sender-id', senderKey(target.sender.SenderId, target.sender.IsoCountryCode));
    }
    // A pool always keeps at least one origination identity; delete the pool instead.
    if (pool.members.length === 1) throw conflict('LAST_PHONE_NUMBER', 'pool', pool.PoolId, `${id} is the last origination identity of pool ${pool.PoolId}; delete the pool instead.`);
    pool.members.splice(index, 1);
    if (target.kind === 'phone-number') target.phone.PoolId = undefined;
    return associationResult(pool, target);
  },

  ListPoolOriginationIdentities(state, input: ListPoolOriginationIdentitiesRequest, ctx): ListPoolOriginationIdentitiesResult {
    const pool = getPool(state, ctx, String(input.PoolId));
    const identities = pool.members.map((member) => memberMetadata(state, member)).filter((m): m is OriginationIdentityMetadata => m !== undefined);
    const filtered = applyFilters<OriginationIdentityMetadata, PoolOriginationIdentitiesFilterName>(identities, input.Filters, {
      'iso-country-code': (m) => m.IsoCountryCode,
      'number-capability': (m) => m.NumberCapabilities,
    });
    const page = pageOf(filtered, input, ctx, 'ListPoolOriginationIdentities', [pool.PoolId, input.Filters]);
    return { PoolArn: pool.PoolArn, PoolId: pool.PoolId, OriginationIdentities: page.items, NextToken: page.nextToken };
  },
};
