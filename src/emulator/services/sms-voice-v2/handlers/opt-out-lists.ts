import type {
  CreateOptOutListRequest,
  CreateOptOutListResult,
  DeleteOptedOutNumberRequest,
  DeleteOptedOutNumberResult,
  DeleteOptOutListRequest,
  DeleteOptOutListResult,
  DescribeOptedOutNumbersRequest,
  DescribeOptedOutNumbersResult,
  DescribeOptOutListsRequest,
  DescribeOptOutListsResult,
  OptedOutFilterName,
  OptedOutNumberInformation,
  OptOutListInformation,
  PutOptedOutNumberRequest,
  PutOptedOutNumberResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { RequestContext } from '../../types';
import { smsArn } from '../arns';
import { conflict, invalidField, quotaExceeded, resourceNotFound } from '../errors';
import { SMS_VOICE_QUOTAS, type OptedOutNumberRecord, type OptOutListRecord, type SmsVoiceState } from '../store';
import { applyFilters, findOptOutList, getOptOutList, pageOf, selectByIds, tagList, tagsFromInput, type SmsHandlerGroup } from './common';

/** Opting a number back in (deleting it from a list) is allowed once per 30 days. */
const OPT_IN_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

/** Module-private. */
function listInformation(list: OptOutListRecord): OptOutListInformation {
  return { OptOutListArn: list.OptOutListArn, OptOutListName: list.OptOutListName, CreatedTimestamp: list.CreatedTimestamp };
}

/** Module-private. */
function numberInformation(number: OptedOutNumberRecord): OptedOutNumberInformation {
  return { OptedOutNumber: number.OptedOutNumber, OptedOutTimestamp: number.OptedOutTimestamp, EndUserOptedOut: number.EndUserOptedOut };
}

/** Module-private: which phone numbers and pools use a list (a list in use can't be deleted). */
function listUsers(state: SmsVoiceState, name: string): string[] {
  return [
    ...[...state.phoneNumbers.values()].filter((n) => n.OptOutListName === name).map((n) => n.PhoneNumberId),
    ...[...state.pools.values()].filter((p) => p.OptOutListName === name).map((p) => p.PoolId),
  ];
}

/** Opt-out lists and the destination numbers opted out in them. */
export const optOutListHandlers: SmsHandlerGroup = {
  CreateOptOutList(state, input: CreateOptOutListRequest, ctx): CreateOptOutListResult {
    const name = String(input.OptOutListName);
    if (state.optOutLists.has(name)) throw conflict('RESOURCE_ALREADY_EXISTS', 'opt-out-list', name, `An opt-out list named "${name}" already exists.`);
    if (state.optOutLists.size >= SMS_VOICE_QUOTAS.optOutListsPerAccount) {
      throw quotaExceeded('OPT_OUT_LISTS_PER_ACCOUNT', `An account can have at most ${SMS_VOICE_QUOTAS.optOutListsPerAccount} opt-out lists.`);
    }
    const list: OptOutListRecord = {
      OptOutListName: name,
      OptOutListArn: smsArn(ctx, 'opt-out-list', name),
      CreatedTimestamp: ctx.now(),
      optedOutNumbers: new Map(),
      optedInAt: new Map(),
      tags: tagsFromInput(input.Tags),
    };
    state.optOutLists.set(name, list);
    return { ...listInformation(list), Tags: tagList(list.tags) };
  },

  DeleteOptOutList(state, input: DeleteOptOutListRequest, ctx): DeleteOptOutListResult {
    const list = getOptOutList(state, ctx, String(input.OptOutListName));
    const users = listUsers(state, list.OptOutListName);
    if (users.length > 0) {
      throw conflict('RESOURCE_DELETION_NOT_ALLOWED', 'opt-out-list', list.OptOutListName, `Opt-out list "${list.OptOutListName}" is in use by ${users.join(', ')}.`);
    }
    state.optOutLists.delete(list.OptOutListName);
    return listInformation(list);
  },

  DescribeOptOutLists(state, input: DescribeOptOutListsRequest, ctx): DescribeOptOutListsResult {
    // The emulator has no resource sharing: nothing is shared with this account.
    const all = input.Owner === 'SHARED' ? [] : [...state.optOutLists.values()];
    const lists = input.OptOutListNames?.length
      ? selectByIds(input.OptOutListNames, (name) => findOptOutList(state, ctx, name), 'opt-out-list')
      : all;
    const page = pageOf(lists, input, ctx, 'DescribeOptOutLists', [input.OptOutListNames, input.Owner]);
    return { OptOutLists: page.items.map(listInformation), NextToken: page.nextToken };
  },

  PutOptedOutNumber(state, input: PutOptedOutNumberRequest, ctx): PutOptedOutNumberResult {
    const list = getOptOutList(state, ctx, String(input.OptOutListName));
    const number = String(input.OptedOutNumber);
    if (!number.startsWith('+')) throw invalidField('INVALID_PARAMETER', 'OptedOutNumber', `"${number}" is not an E.164 number (it must start with +).`);
    // Putting a number through the API is the sender's decision, not the end user's.
    const record: OptedOutNumberRecord = { OptedOutNumber: number, OptedOutTimestamp: ctx.now(), EndUserOptedOut: false };
    list.optedOutNumbers.set(number, record);
    return { OptOutListArn: list.OptOutListArn, OptOutListName: list.OptOutListName, ...numberInformation(record) };
  },

  DeleteOptedOutNumber(state, input: DeleteOptedOutNumberRequest, ctx): DeleteOptedOutNumberResult {
    const list = getOptOutList(state, ctx, String(input.OptOutListName));
    const number = String(input.OptedOutNumber);
    const record = list.optedOutNumbers.get(number);
    if (!record) throw resourceNotFound('opted-out-number', number);
    const last = list.optedInAt.get(number);
    const now = ctx.now();
    if (last && now.getTime() - last.getTime() < OPT_IN_INTERVAL_MS) {
      throw invalidField('PHONE_NUMBER_CANNOT_BE_OPTED_IN', 'OptedOutNumber', `${number} was already opted in on ${last.toISOString()}; a number can be opted in once every 30 days.`);
    }
    list.optedOutNumbers.delete(number);
    list.optedInAt.set(number, now);
    return { OptOutListArn: list.OptOutListArn, OptOutListName: list.OptOutListName, ...numberInformation(record) };
  },

  DescribeOptedOutNumbers(state, input: DescribeOptedOutNumbersRequest, ctx: RequestContext): DescribeOptedOutNumbersResult {
    const list = getOptOutList(state, ctx, String(input.OptOutListName));
    const selected = input.OptedOutNumbers?.length
      ? selectByIds(input.OptedOutNumbers, (number) => list.optedOutNumbers.get(number), 'opted-out-number')
      : [...list.optedOutNumbers.values()];
    const filtered = applyFilters<OptedOutNumberRecord, OptedOutFilterName>(selected, input.Filters, {
      'end-user-opted-out': (n) => n.EndUserOptedOut,
    });
    const page = pageOf(filtered, input, ctx, 'DescribeOptedOutNumbers', [list.OptOutListName, input.OptedOutNumbers, input.Filters]);
    return { OptOutListArn: list.OptOutListArn, OptOutListName: list.OptOutListName, OptedOutNumbers: page.items.map(numberInformation), NextToken: page.nextToken };
  },
};
