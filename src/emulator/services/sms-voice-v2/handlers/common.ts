import type { ResourceType, Tag } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { Outbox } from '../../../outbox';
import { paginate, type Page } from '../../../protocol/pagination';
import type { RequestContext } from '../../types';
import { idFromIdOrArn, parseSmsArn, smsArn, type SmsArnResourceType } from '../arns';
import { invalidField, quotaExceeded, resourceNotFound, validation } from '../errors';
import {
  SMS_VOICE_QUOTAS,
  ensureDefaultOptOutList,
  senderKey,
  type ConfigurationSetRecord,
  type OptOutListRecord,
  type PhoneNumberRecord,
  type PoolRecord,
  type RegistrationRecord,
  type SenderIdRecord,
  type SmsVoiceState,
  type TagMap,
  type AttachmentRecord,
  type VerifiedDestinationNumberRecord,
} from '../store';

/** What a handler of this service sees of the request: the common context plus the emulator's outbox. */
export interface SmsRequestContext extends RequestContext {
  /** Where send operations deliver their messages. */
  readonly outbox: Outbox;
}

/** One operation of this service, given the caller's state: SDK-shaped input in, SDK-shaped output out. */
export type SmsHandler = (state: SmsVoiceState, input: any, ctx: SmsRequestContext) => unknown;

/** A group of operations by SDK operation name. */
export type SmsHandlerGroup = Readonly<Record<string, SmsHandler>>;

/**
 * Page size when a request gives no `MaxResults`: the reference documents none, so the
 * emulator answers with the largest page the API allows.
 */
export const DEFAULT_MAX_RESULTS = 100;

/** Module-private: what the pagination helper needs of a request. */
interface PagedInput {
  readonly MaxResults?: number;
  readonly NextToken?: string;
}

/**
 * The requested page of a Describe/List result. The token is bound to the operation, account,
 * region and `query` (IDs, filters, parent), so it can't be replayed against another query.
 */
export function pageOf<T>(items: readonly T[], input: PagedInput, ctx: RequestContext, operation: string, query: unknown): Page<T> {
  return paginate(items, {
    pageSize: input.MaxResults ?? DEFAULT_MAX_RESULTS,
    token: input.NextToken,
    scope: JSON.stringify([operation, ctx.accountId, ctx.region, query]),
    invalidToken: () => invalidField('INVALID_NEXT_TOKEN', 'NextToken', `The NextToken "${input.NextToken}" is not a token this query returned.`),
  });
}

/** One Describe filter as the SDK sends it. */
export interface FilterInput<Name extends string> {
  readonly Name?: Name;
  readonly Values?: string[];
}

/** What a filter compares: a string, a list (matches when any element matches), a boolean, or nothing. */
export type FilterValue = string | readonly string[] | boolean | undefined;

/**
 * Keeps the items that match every filter (a filter matches when the item's value is one of
 * its values). `fields` maps each filter name of the operation to the item's value, so a new
 * filter name in the SDK enum is a type error until it is handled.
 */
export function applyFilters<T, Name extends string>(
  items: readonly T[],
  filters: readonly FilterInput<Name>[] | undefined,
  fields: Readonly<Record<Name, (item: T) => FilterValue>>,
): T[] {
  if (!filters || filters.length === 0) return [...items];
  const tests = filters.map((filter, index) => {
    const name = filter.Name as Name;
    const read = fields[name];
    if (!read) throw invalidField('INVALID_FILTER_VALUES', `Filters.${index + 1}.Name`, `Unknown filter name "${String(name)}".`);
    const values = filter.Values ?? [];
    return (item: T): boolean => {
      const value = read(item);
      if (value === undefined) return false;
      if (typeof value === 'boolean') {
        for (const v of values) {
          if (v !== 'true' && v !== 'false') throw invalidField('INVALID_FILTER_VALUES', `Filters.${index + 1}.Values`, `Filter "${name}" takes "true" or "false", not "${v}".`);
        }
        return values.includes(String(value));
      }
      if (typeof value === 'string') return values.includes(value);
      return value.some((v) => values.includes(v));
    };
  });
  return items.filter((item) => tests.every((test) => test(item)));
}

/**
 * The items an ID list names, in the order given (duplicates once). One name that matches
 * nothing fails the whole call with `ResourceNotFoundException`, as the service does.
 */
export function selectByIds<T>(ids: readonly string[], find: (id: string) => T | undefined, resourceType: ResourceType): T[] {
  const seen = new Set<T>();
  for (const id of ids) {
    const item = find(id);
    if (item === undefined) throw resourceNotFound(resourceType, id);
    seen.add(item);
  }
  return [...seen];
}

/** The phone number an ID or ARN names in the caller's state, if any. */
export function findPhoneNumber(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): PhoneNumberRecord | undefined {
  const id = idFromIdOrArn(idOrArn, 'phone-number', ctx);
  return id === undefined ? undefined : state.phoneNumbers.get(id);
}

/** The phone number an ID or ARN names, or `ResourceNotFoundException`. */
export function getPhoneNumber(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): PhoneNumberRecord {
  const found = findPhoneNumber(state, ctx, idOrArn);
  if (!found) throw resourceNotFound('phone-number', idOrArn);
  return found;
}

/** The pool an ID or ARN names, if any. */
export function findPool(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): PoolRecord | undefined {
  const id = idFromIdOrArn(idOrArn, 'pool', ctx);
  return id === undefined ? undefined : state.pools.get(id);
}

/** The pool an ID or ARN names, or `ResourceNotFoundException`. */
export function getPool(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): PoolRecord {
  const found = findPool(state, ctx, idOrArn);
  if (!found) throw resourceNotFound('pool', idOrArn);
  return found;
}

/** The opt-out list a name or ARN names, if any. */
export function findOptOutList(state: SmsVoiceState, ctx: RequestContext, nameOrArn: string): OptOutListRecord | undefined {
  const name = idFromIdOrArn(nameOrArn, 'opt-out-list', ctx);
  return name === undefined ? undefined : state.optOutLists.get(name);
}

/** The opt-out list a name or ARN names, or `ResourceNotFoundException`. */
export function getOptOutList(state: SmsVoiceState, ctx: RequestContext, nameOrArn: string): OptOutListRecord {
  const found = findOptOutList(state, ctx, nameOrArn);
  if (!found) throw resourceNotFound('opt-out-list', nameOrArn);
  return found;
}

/** The opt-out list a new number or pool gets: the one named, or `Default` (created on first use). */
export function optOutListForNewIdentity(state: SmsVoiceState, ctx: RequestContext, nameOrArn: string | undefined): OptOutListRecord {
  if (nameOrArn !== undefined) return getOptOutList(state, ctx, nameOrArn);
  return ensureDefaultOptOutList(state, smsArn(ctx, 'opt-out-list', 'Default'), ctx.now());
}

/** The configuration set a name or ARN names, if any. */
export function findConfigurationSet(state: SmsVoiceState, ctx: RequestContext, nameOrArn: string): ConfigurationSetRecord | undefined {
  const name = idFromIdOrArn(nameOrArn, 'configuration-set', ctx);
  return name === undefined ? undefined : state.configurationSets.get(name);
}

/** The configuration set a name or ARN names, or `ResourceNotFoundException`. */
export function getConfigurationSet(state: SmsVoiceState, ctx: RequestContext, nameOrArn: string): ConfigurationSetRecord {
  const found = findConfigurationSet(state, ctx, nameOrArn);
  if (!found) throw resourceNotFound('configuration-set', nameOrArn);
  return found;
}

/**
 * The sender ID a SenderId or ARN names in a country. An ARN carries its own country; a bare
 * SenderId needs `isoCountryCode`, or must be unique across countries when none is given.
 */
export function findSenderId(state: SmsVoiceState, ctx: RequestContext, senderIdOrArn: string, isoCountryCode?: string): SenderIdRecord | undefined {
  if (senderIdOrArn.startsWith('arn:')) {
    const rest = idFromIdOrArn(senderIdOrArn, 'sender-id', ctx);
    const record = rest === undefined ? undefined : state.senderIds.get(rest);
    return record && (isoCountryCode === undefined || record.IsoCountryCode === isoCountryCode) ? record : undefined;
  }
  if (isoCountryCode !== undefined) return state.senderIds.get(senderKey(senderIdOrArn, isoCountryCode));
  const matches = [...state.senderIds.values()].filter((record) => record.SenderId === senderIdOrArn);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The sender ID a SenderId or ARN names in a country, or `ResourceNotFoundException`. */
export function getSenderId(state: SmsVoiceState, ctx: RequestContext, senderIdOrArn: string, isoCountryCode?: string): SenderIdRecord {
  const found = findSenderId(state, ctx, senderIdOrArn, isoCountryCode);
  if (!found) throw resourceNotFound('sender-id', isoCountryCode && !senderIdOrArn.startsWith('arn:') ? senderKey(senderIdOrArn, isoCountryCode) : senderIdOrArn);
  return found;
}

/** The registration an ID or ARN names, if any. */
export function findRegistration(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): RegistrationRecord | undefined {
  const id = idFromIdOrArn(idOrArn, 'registration', ctx);
  return id === undefined ? undefined : state.registrations.get(id);
}

/** The registration an ID or ARN names, or `ResourceNotFoundException`. */
export function getRegistration(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): RegistrationRecord {
  const found = findRegistration(state, ctx, idOrArn);
  if (!found) throw resourceNotFound('registration', idOrArn);
  return found;
}

/** The registration attachment an ID or ARN names, if any. */
export function findAttachment(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): AttachmentRecord | undefined {
  const id = idFromIdOrArn(idOrArn, 'registration-attachment', ctx);
  return id === undefined ? undefined : state.attachments.get(id);
}

/** The registration attachment an ID or ARN names, or `ResourceNotFoundException`. */
export function getAttachment(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): AttachmentRecord {
  const found = findAttachment(state, ctx, idOrArn);
  if (!found) throw resourceNotFound('registration-attachment', idOrArn);
  return found;
}

/** The verified destination number an ID or ARN names, if any. */
export function findVerifiedDestinationNumber(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): VerifiedDestinationNumberRecord | undefined {
  const id = idFromIdOrArn(idOrArn, 'verified-destination-number', ctx);
  return id === undefined ? undefined : state.verifiedDestinationNumbers.get(id);
}

/** The verified destination number an ID or ARN names, or `ResourceNotFoundException`. */
export function getVerifiedDestinationNumber(state: SmsVoiceState, ctx: RequestContext, idOrArn: string): VerifiedDestinationNumberRecord {
  const found = findVerifiedDestinationNumber(state, ctx, idOrArn);
  if (!found) throw resourceNotFound('verified-destination-number', idOrArn);
  return found;
}

/** A resource that can carry tags. */
export interface TaggableResource {
  readonly resourceType: SmsArnResourceType;
  readonly tags: TagMap;
}

/** The taggable resource an ARN names, or `ResourceNotFoundException` (`ValidationException` for a malformed ARN). */
export function getTaggableResource(state: SmsVoiceState, ctx: RequestContext, arn: string): TaggableResource {
  const parsed = parseSmsArn(arn);
  if (!parsed) throw invalidField('INVALID_ARN', 'ResourceArn', `"${arn}" is not an sms-voice resource ARN.`);
  const type = parsed.resourceType as SmsArnResourceType;
  const find = (): { tags: TagMap } | undefined => {
    switch (type) {
      case 'phone-number':
        return findPhoneNumber(state, ctx, arn);
      case 'pool':
        return findPool(state, ctx, arn);
      case 'opt-out-list':
        return findOptOutList(state, ctx, arn);
      case 'configuration-set':
        return findConfigurationSet(state, ctx, arn);
      case 'sender-id':
        return findSenderId(state, ctx, arn);
      case 'registration':
        return findRegistration(state, ctx, arn);
      case 'registration-attachment':
        return findAttachment(state, ctx, arn);
      case 'verified-destination-number':
        return findVerifiedDestinationNumber(state, ctx, arn);
      default:
        throw invalidField('INVALID_ARN', 'ResourceArn', `"${arn}" names a resource type ("${parsed.resourceType}") this emulator does not tag.`);
    }
  };
  const found = find();
  if (!found) throw resourceNotFound(type, arn);
  return { resourceType: type, tags: found.tags };
}

/** A tag map from a request's `Tags`, or `ServiceQuotaExceededException` past 50 tags per resource. */
export function tagsFromInput(tags: readonly Tag[] | undefined): TagMap {
  const map: TagMap = new Map();
  for (const tag of tags ?? []) map.set(String(tag.Key), String(tag.Value ?? ''));
  checkTagQuota(map);
  return map;
}

/** `ServiceQuotaExceededException` when a resource would have more tags than allowed. */
export function checkTagQuota(tags: TagMap): void {
  if (tags.size > SMS_VOICE_QUOTAS.tagsPerResource) {
    throw quotaExceeded('TAGS_PER_RESOURCE', `A resource can have at most ${SMS_VOICE_QUOTAS.tagsPerResource} tags; this request would give it ${tags.size}.`);
  }
}

/** The SDK `Tag[]` of a tag map, in insertion order. */
export function tagList(tags: TagMap): Tag[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

/** `ValidationException` when a two-way setting would be on without a channel to deliver to. */
export function checkTwoWay(enabled: boolean, channelArn: string | undefined): void {
  if (enabled && !channelArn) {
    throw invalidField('TWO_WAY_CHANNEL_NOT_PRESENT', 'TwoWayChannelArn', 'TwoWayEnabled is true but no TwoWayChannelArn is set.');
  }
}

/** The settings UpdatePhoneNumber and UpdatePool both change, with the same meaning on either resource. */
export interface OriginationSettingsUpdate {
  readonly OptOutListName?: string;
  readonly TwoWayEnabled?: boolean;
  readonly TwoWayChannelArn?: string;
  readonly TwoWayChannelRole?: string;
  readonly SelfManagedOptOutsEnabled?: boolean;
  readonly DeletionProtectionEnabled?: boolean;
}

/**
 * Applies the settings a phone number and a pool share (opt-out list, two-way, self-managed
 * opt-outs, deletion protection): an unknown opt-out list or a two-way setting without a channel
 * fails before anything changes, so a refused update leaves the record as it was.
 */
export function applyOriginationSettings(
  state: SmsVoiceState,
  ctx: RequestContext,
  record: PhoneNumberRecord | PoolRecord,
  input: OriginationSettingsUpdate,
): void {
  const optOutList = input.OptOutListName !== undefined ? getOptOutList(state, ctx, input.OptOutListName).OptOutListName : record.OptOutListName;
  const twoWayEnabled = input.TwoWayEnabled ?? record.TwoWayEnabled;
  const channel = input.TwoWayChannelArn ?? record.TwoWayChannelArn;
  checkTwoWay(twoWayEnabled, channel);
  record.OptOutListName = optOutList;
  record.TwoWayEnabled = twoWayEnabled;
  record.TwoWayChannelArn = channel;
  record.TwoWayChannelRole = input.TwoWayChannelRole ?? record.TwoWayChannelRole;
  record.SelfManagedOptOutsEnabled = input.SelfManagedOptOutsEnabled ?? record.SelfManagedOptOutsEnabled;
  record.DeletionProtectionEnabled = input.DeletionProtectionEnabled ?? record.DeletionProtectionEnabled;
}

/** `ValidationException` for two parameters that can't be given together, or a missing one of a pair. */
export function exactlyOneOf<Name extends string>(input: object, names: readonly Name[]): Name {
  const given = names.filter((name) => (input as Record<string, unknown>)[name] !== undefined);
  if (given.length === 0) throw validation('MISSING_PARAMETER', `One of ${names.join(', ')} is required.`, names.map((Name) => ({ Name, Message: 'One of these is required.' })));
  if (given.length > 1) throw validation('PARAMETERS_CANNOT_BE_USED_TOGETHER', `Only one of ${given.join(', ')} can be given.`, given.map((Name) => ({ Name, Message: 'Cannot be used together.' })));
  return given[0];
}
