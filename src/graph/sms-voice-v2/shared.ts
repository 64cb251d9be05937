import type { Tag, TagInput } from '../../__generated__/resolvers-types';
import type { OriginationResource } from '../../upstream/sms-voice-v2/loaders';
import type { PhoneNumberModel, SenderIdModel, SmsVoiceTagModel } from '../../upstream/sms-voice-v2/models';
import { connectionFromUpstream, type Connection, type ConnectionArgs, type PageFetcher } from '../connection';
import type { GraphQLContext } from '../context';
import { badUserInput } from '../errors';

/**
 * Helpers shared by the SMS and Voice v2 resolver files: reading SDK members, connections over
 * SMS v2 `NextToken`/`MaxResults`, and origination identities.
 */

/** SMS v2 list operations take `MaxResults` 1–100 (inventory §2.2); `first` defaults to 25. */
export const SMS_VOICE_PAGE_LIMITS = { maxPageSize: 100, defaultPageSize: 25 } as const;

/** One Relay connection page over an SMS v2 Describe/List operation (exactly one upstream page). */
export function smsConnection<T>(args: ConnectionArgs, fetchPage: PageFetcher<T>): Promise<Connection<T>> {
  return connectionFromUpstream(args, SMS_VOICE_PAGE_LIMITS, fetchPage);
}

/**
 * Reads a member AWS always returns. Smithy types output members as optional, so a missing one
 * means the upstream broke its contract: a field error, not a silent null in a non-null field.
 */
export function required<T>(value: T | null | undefined, member: string): T {
  if (value === undefined || value === null) throw new Error(`The SMS and Voice v2 response has no ${member}, which the API always returns.`);
  return value;
}

/** A GraphQL optional input value (null or absent) as the SDK's optional member (undefined). */
export function opt<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}

/** An origination identity or association resolved by the loaders, as the `OriginationIdentity` union member. */
export function originationValue(resource: OriginationResource): PhoneNumberModel | SenderIdModel | null {
  return resource?.value ?? null;
}

/** `OriginationIdentity.__resolveType`: sender IDs carry `SenderIdArn`, phone numbers `PhoneNumberArn`. */
export function originationTypeOf(value: PhoneNumberModel | SenderIdModel): 'PhoneNumber' | 'SenderId' {
  return 'SenderIdArn' in value ? 'SenderId' : 'PhoneNumber';
}

/** The keys of a global ID, checked against the count its type needs (node fetchers). */
export function globalIdKeys(keys: readonly string[], type: string, count: number): readonly string[] {
  if (keys.length !== count) throw badUserInput(`A ${type} global ID carries ${count} key(s); this one carries ${keys.length}.`, { type });
  return keys;
}

/** A resource's tags as the graph's `Tag`s, read through the request's `tags` loader (one ListTagsForResource per ARN). */
export async function tagsOf(ctx: GraphQLContext, resourceArn: string | undefined): Promise<Tag[]> {
  const tags = await ctx.smsVoice.tags.load(required(resourceArn, 'resource ARN'));
  return tags.map((tag) => ({ key: required(tag.Key, 'Tag.Key'), value: tag.Value ?? '' }));
}

/** Tag inputs as the SDK's tag list; absent stays absent. */
export function sdkTags(tags: readonly TagInput[] | null | undefined): SmsVoiceTagModel[] | undefined {
  return tags?.map((tag) => ({ Key: tag.key, Value: tag.value }));
}

/**
 * Key-value inputs (`context`, `destinationCountryParameters`) as the SDK's string map; absent
 * stays absent. A key given twice would lose one value silently, so it is refused.
 */
export function keyValueMap(entries: readonly { readonly key: string; readonly value: string }[] | null | undefined, argument: string): Record<string, string> | undefined {
  if (!entries) return undefined;
  const map: Record<string, string> = {};
  for (const { key, value } of entries) {
    if (Object.hasOwn(map, key)) throw badUserInput(`"${argument}" gives key ${JSON.stringify(key)} twice; each key may appear once.`, { argument });
    map[key] = value;
  }
  return map;
}
