import type {
  DeleteKeywordRequest,
  DeleteKeywordResult,
  DescribeKeywordsRequest,
  DescribeKeywordsResult,
  KeywordAction,
  KeywordFilterName,
  KeywordInformation,
  PutKeywordRequest,
  PutKeywordResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { RequestContext } from '../../types';
import { parseSmsArn } from '../arns';
import { conflict, quotaExceeded, resourceNotFound } from '../errors';
import { SMS_VOICE_QUOTAS, type KeywordRecord, type PhoneNumberRecord, type PoolRecord, type SmsVoiceState } from '../store';
import { applyFilters, getPhoneNumber, getPool, pageOf, type SmsHandlerGroup } from './common';

/**
 * Keywords of phone numbers and pools. Every identity has HELP (an automatic response) and STOP
 * (an opt-out) from the start; seed 003 says they "can't be deleted or modified", while the
 * opt-out settings call their reply "a customizable message". The emulator takes both: PutKeyword
 * may change the message of HELP or STOP but not their action, and DeleteKeyword refuses them.
 * Keywords match case-insensitively (an end user's "stop" is STOP).
 */

/** The keywords every phone number and pool starts with. */
export const DEFAULT_KEYWORDS: readonly KeywordRecord[] = [
  { Keyword: 'HELP', KeywordAction: 'AUTOMATIC_RESPONSE', KeywordMessage: 'You are receiving messages from this number. Reply STOP to opt out of further messages.' },
  { Keyword: 'STOP', KeywordAction: 'OPT_OUT', KeywordMessage: 'You are now opted out and will receive no further messages from this number.' },
];

/**
 * Words an end user can reply with to opt out, besides STOP (seed 003: "any supported opt-out
 * keyword, such as CANCEL or OPTOUT"; the rest are the service's documented list). They act
 * like STOP, with STOP's reply.
 */
export const OPT_OUT_WORDS: ReadonlySet<string> = new Set(['ARRET', 'CANCEL', 'END', 'OPT-OUT', 'OPTOUT', 'QUIT', 'REMOVE', 'STOP', 'STOPALL', 'TD', 'UNSUBSCRIBE']);

/** A phone number or pool: the identities that have keywords. */
export type KeywordOwner = { readonly kind: 'phone-number'; readonly phone: PhoneNumberRecord } | { readonly kind: 'pool'; readonly pool: PoolRecord };

/** The phone number or pool an `OriginationIdentity` names (ID or ARN), or `ResourceNotFoundException`. */
export function resolveKeywordOwner(state: SmsVoiceState, ctx: RequestContext, value: string): KeywordOwner {
  const isPool = value.startsWith('arn:') ? parseSmsArn(value)?.resourceType === 'pool' : value.startsWith('pool-');
  return isPool ? { kind: 'pool', pool: getPool(state, ctx, value) } : { kind: 'phone-number', phone: getPhoneNumber(state, ctx, value) };
}

/** The owner's ID (PhoneNumberId or PoolId) and ARN. */
export function ownerIdentity(owner: KeywordOwner): { id: string; arn: string } {
  return owner.kind === 'pool' ? { id: owner.pool.PoolId, arn: owner.pool.PoolArn } : { id: owner.phone.PhoneNumberId, arn: owner.phone.PhoneNumberArn };
}

/** Module-private: the lookup key of a keyword. */
function keyOf(keyword: string): string {
  return keyword.toUpperCase();
}

/** Module-private: the default keyword with this key, if any. */
function defaultKeyword(key: string): KeywordRecord | undefined {
  return DEFAULT_KEYWORDS.find((k) => k.Keyword === key);
}

/** Every keyword of an identity: HELP and STOP (as customised), then the custom ones in the order they were added. */
export function keywordsOf(state: SmsVoiceState, identityId: string): KeywordRecord[] {
  const custom = state.keywords.get(identityId) ?? new Map<string, KeywordRecord>();
  return [...DEFAULT_KEYWORDS.map((k) => custom.get(k.Keyword) ?? k), ...[...custom].filter(([key]) => !defaultKeyword(key)).map(([, k]) => k)];
}

/**
 * The keyword an inbound message triggers: the message begins with it (case-insensitively,
 * followed by the end, a space or punctuation: "help?" is HELP; the longest such keyword wins). The first identity (e.g.
 * the number, then its pool) with a matching custom keyword wins; otherwise HELP/STOP as the
 * first identity has them.
 */
export function matchKeyword(state: SmsVoiceState, identityIds: readonly string[], text: string): KeywordRecord | undefined {
  const message = text.trim().toUpperCase();
  const begins = (k: KeywordRecord): boolean => {
    const key = keyOf(k.Keyword);
    return message === key || (message.startsWith(key) && /[^\p{L}\p{N}]/u.test(message[key.length]));
  };
  const longest = (candidates: Iterable<KeywordRecord>) => [...candidates].filter(begins).sort((a, b) => b.Keyword.length - a.Keyword.length)[0];
  for (const id of identityIds) {
    const custom = longest(state.keywords.get(id)?.values() ?? []);
    if (custom) return custom;
  }
  return identityIds.length > 0 ? longest(keywordsOf(state, identityIds[0])) : undefined;
}

/** Gives a new pool the keywords of the identity it was created from (seed 003: the pool inherits its keywords). */
export function copyKeywords(state: SmsVoiceState, fromId: string, toId: string): void {
  const custom = state.keywords.get(fromId);
  if (custom) state.keywords.set(toId, new Map(custom));
}

/** Forgets the keywords of a released number or deleted pool. */
export function dropKeywords(state: SmsVoiceState, identityId: string): void {
  state.keywords.delete(identityId);
}

/** Module-private: the answer shape of Put/DeleteKeyword. */
function keywordResult(owner: KeywordOwner, keyword: KeywordRecord): PutKeywordResult {
  const { id, arn } = ownerIdentity(owner);
  return { OriginationIdentityArn: arn, OriginationIdentity: id, Keyword: keyword.Keyword, KeywordMessage: keyword.KeywordMessage, KeywordAction: keyword.KeywordAction };
}

/** Keywords of phone numbers and pools. */
export const keywordHandlers: SmsHandlerGroup = {
  PutKeyword(state, input: PutKeywordRequest, ctx): PutKeywordResult {
    const owner = resolveKeywordOwner(state, ctx, String(input.OriginationIdentity));
    const { id } = ownerIdentity(owner);
    const key = keyOf(String(input.Keyword));
    const builtIn = defaultKeyword(key);
    const action: KeywordAction = input.KeywordAction ?? builtIn?.KeywordAction ?? 'AUTOMATIC_RESPONSE';
    if (builtIn && action !== builtIn.KeywordAction) {
      throw conflict('KEYWORD_MISMATCH', 'keyword', builtIn.Keyword, `${builtIn.Keyword} always has the action ${builtIn.KeywordAction}; only its message can change (got ${action}).`);
    }
    const custom = state.keywords.get(id) ?? new Map<string, KeywordRecord>();
    const exists = builtIn !== undefined || custom.has(key);
    if (!exists && keywordsOf(state, id).length >= SMS_VOICE_QUOTAS.keywordsPerIdentity) {
      const reason = owner.kind === 'pool' ? 'KEYWORDS_PER_POOL' : 'KEYWORDS_PER_PHONE_NUMBER';
      throw quotaExceeded(reason, `A ${owner.kind} can have at most ${SMS_VOICE_QUOTAS.keywordsPerIdentity} keywords (HELP and STOP included); ${id} has ${keywordsOf(state, id).length}.`);
    }
    // HELP and STOP keep their canonical spelling; a custom keyword keeps the spelling last put.
    const record: KeywordRecord = { Keyword: builtIn?.Keyword ?? String(input.Keyword), KeywordMessage: String(input.KeywordMessage), KeywordAction: action };
    custom.set(key, record);
    state.keywords.set(id, custom);
    return keywordResult(owner, record);
  },

  DeleteKeyword(state, input: DeleteKeywordRequest, ctx): DeleteKeywordResult {
    const owner = resolveKeywordOwner(state, ctx, String(input.OriginationIdentity));
    const { id } = ownerIdentity(owner);
    const key = keyOf(String(input.Keyword));
    const builtIn = defaultKeyword(key);
    if (builtIn) throw conflict('RESOURCE_DELETION_NOT_ALLOWED', 'keyword', builtIn.Keyword, `The keyword ${builtIn.Keyword} can't be deleted from ${id}.`);
    const record = state.keywords.get(id)?.get(key);
    if (!record) throw resourceNotFound('keyword', String(input.Keyword));
    state.keywords.get(id)!.delete(key);
    return keywordResult(owner, record);
  },

  DescribeKeywords(state, input: DescribeKeywordsRequest, ctx): DescribeKeywordsResult {
    const owner = resolveKeywordOwner(state, ctx, String(input.OriginationIdentity));
    const { id, arn } = ownerIdentity(owner);
    const all = keywordsOf(state, id);
    const selected = input.Keywords?.length
      ? [
          ...new Set(
            input.Keywords.map((word) => {
              const found = all.find((k) => keyOf(k.Keyword) === keyOf(word));
              if (!found) throw resourceNotFound('keyword', word);
              return found;
            }),
          ),
        ]
      : all;
    const filtered = applyFilters<KeywordRecord, KeywordFilterName>(selected, input.Filters, { 'keyword-action': (k) => k.KeywordAction });
    const page = pageOf(filtered, input, ctx, 'DescribeKeywords', [id, input.Keywords, input.Filters]);
    const keywords: KeywordInformation[] = page.items.map((k) => ({ Keyword: k.Keyword, KeywordMessage: k.KeywordMessage, KeywordAction: k.KeywordAction }));
    return { OriginationIdentityArn: arn, OriginationIdentity: id, Keywords: keywords, NextToken: page.nextToken };
  },
};
