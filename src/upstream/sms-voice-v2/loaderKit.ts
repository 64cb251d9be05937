import { ResourceNotFoundException, ValidationException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { ResourceType } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type DataLoader from 'dataloader';
import type { CommandOutputOf, CountableCommand } from '../callCounter';
import type { BatchReporting } from '../observedLoader';
import type { KeywordKey, KeywordModel, OptedOutNumberKey, Page, RegistrationDefinitionKey, RegistrationVersionKey, SenderIdKey, SmsVoiceTagModel } from './models';

/*
 * The stateless pieces of the SMS v2 loaders (`loaders.ts` builds the per-request loaders from
 * them): page handling, the wave scheduler, loader key texts and the readings of upstream answers.
 */

/** Sends one command through the request's call counter (and, for `createSmsVoiceLoaders`, its wave scheduler). */
export type SmsVoiceSend = <C extends CountableCommand>(command: C) => Promise<CommandOutputOf<C>>;

/** What a by-ID loader of one SMS v2 resource type is made of (`SmsVoiceRequestKit.byIdLoader`). */
export interface ByIdLoaderSpec<T> {
  /** The loader's name in batch reports. */
  readonly name: string;
  readonly resourceType: ResourceType;
  /** One Describe call for up to 5 keys. */
  readonly describe: (chunk: string[]) => Promise<readonly T[] | undefined>;
  /** The ID, name or ARN an item answers to: a key equal to any of them names it. */
  readonly namesOf: (item: T) => readonly (string | undefined)[];
  /** How a missing key is worded in the NotFound error (default: as is). */
  readonly describeKey?: (key: string) => string;
  /** The account-wide page reader whose list (held or being read by the request) answers first. */
  readonly listedIn?: string;
  /**
   * The Describe operation it reads by: its batches' name in the wave scheduler, which may hold the
   * first one for its deeper wave when the request's plan says that costs no round (`mayWait`).
   * Named for phone numbers and registrations only: a deeper read of a pool or an opt-out list is
   * often answered by what the shallower batch brings (a number's opt-out list is its pool's too),
   * and holding that batch then adds the round the data would have spared (measured: the SMS
   * numbers page went from 2 rounds to 3; attachments and type definitions did the same to a
   * registration's field values).
   */
  readonly operation?: string;
}

/**
 * What one request's SMS v2 loader modules share; `createSmsVoiceLoaders` builds it once per
 * request, so the area modules (`accountLoaders.ts`, ...) count, memoize and schedule alike.
 */
export interface SmsVoiceRequestKit {
  /** A read: counted, and tracked by the wave scheduler. */
  readonly send: SmsVoiceSend;
  /** A write: sent as `send` sends, then the request's memoized pages are forgotten (whatever the outcome). */
  readonly sendWrite: SmsVoiceSend;
  /** Memoizes a page read for the request under `key` (off in `naive` mode). */
  memoPage<T>(key: readonly unknown[], read: () => Promise<T>): Promise<T>;
  /** The DataLoader options every SMS v2 loader takes: the loader mode, the wave scheduler and where batches are reported (`ObservedLoader`). */
  readonly loaderOptions: { readonly batch?: false; readonly cache?: false; readonly batches?: BatchReporting; readonly batchScheduleFn: (dispatch: () => void) => void };
  /** A loader of one resource type by ID, name or ARN, 5 keys per Describe call ({@link ByIdLoaderSpec}). */
  byIdLoader<T>(spec: ByIdLoaderSpec<T>): DataLoader<string, T>;
  /** A create's answer lists the new resource's tags (Describe answers never do): the `tags` loader starts with them. */
  primeTags(arn: string | undefined, created: readonly SmsVoiceTagModel[] | undefined): void;
  /**
   * One page of a list under one parent (a pool's members, a registration's versions), through
   * the request's reader of `operation`'s collections: read once at the largest size any field
   * of the request needs (the plan's), and reused by every read from the same token that needs
   * as many items or fewer. `read` sends the paging members for that parent; every caller's
   * `read` for one parent must send the same request but for paging.
   */
  parentPage<T>(operation: string, parent: string, pageSize: number, token: string | undefined, read: (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<T>>): Promise<Page<T>>;
  /**
   * An item of a per-parent list (`parentPage`) from what this request holds or is already reading
   * (`CollectionReader.lookup`): found, `absent` (the list is whole), or undefined (read it by ID);
   * undefined at once (no promise) when the request reads none of that parent's list.
   */
  parentLookup<T>(operation: string, parent: string, matches: (item: T) => boolean): Promise<T | 'absent' | undefined> | undefined;
  /** One memoized page of an account-wide list; `read` sends the paging members as its request. */
  accountPage<T>(reader: string, pageSize: number, token: string | undefined, read: (paging: { MaxResults: number; NextToken: string | undefined }) => Promise<Page<T>>): Promise<Page<T>>;
}

export { ObservedLoader } from '../observedLoader';

/** Page size of the internal "read every page" loops: the upstream maximum. */
export const FULL_PAGE = 100;

/**
 * A write's output as the object's model. Smithy marks every output member
 * optional, but AWS returns the same members as the Describe item (non-null fields still check).
 */
export function writeResult<T>(out: object): T {
  const { $metadata: _metadata, Tags: _tags, ...rest } = out as { $metadata?: unknown; Tags?: unknown };
  return rest as T;
}

/**
 * Dispatches DataLoader batches in waves. A batch waits until no SMS v2 call of this request that
 * started in an earlier step is still in flight (then one more macrotask, so the resolvers fed by
 * the last answer can add their loads): loads that those calls are still feeding join the same
 * batch instead of starting another. Two pools' member lists thus cost one DescribePhoneNumbers,
 * not one per pool, for the latency of the slowest sibling call.
 *
 * A step is what runs between two events that change what the request knows: an answer arriving,
 * or the scheduler dispatching batches. A call started in the batch's own step (a sibling field's
 * page read, in the same resolver pass, before or after the batch's first load) is at the batch's
 * own depth: it feeds the next wave, not this batch, so the batch does not wait for it (waiting
 * cost a whole round). Counting steps rather than positions makes this the same whichever sibling
 * field the operation names first: the order of a resolver pass never decides what waits.
 *
 * With the request's plan (`mayWait`: an operation read at two depths or more, with nothing
 * waiting below its first reads), its first batch is held back once when the request has a later
 * wave anyway (other batches go in the same step, or calls of that step are in flight): it joins
 * the loads that wave brings (a `node` read of a phone number joining the pool members' numbers:
 * one DescribePhoneNumbers, not two) without lengthening the request. A batch is held at most
 * once, so a plan that is wrong about the data costs at most one wave, never a hang. No deadlock:
 * calls never wait for batches.
 *
 * Why hand-written: DataLoader's `batchScheduleFn` is the hook for exactly this, and what to wait
 * for is this request's own calls, which only the loaders see.
 */
export function createWaveScheduler(mayWait?: (operation: string) => boolean): {
  schedule: (dispatch: () => void, operation?: string) => void;
  track: <T>(call: Promise<T>) => Promise<T>;
} {
  /** The current step: advanced by every answer and every dispatch. */
  let step = 0;
  /** The calls in flight, each with the step it started in. */
  const inFlight = new Map<number, number>();
  let callIds = 0;
  let parked: ParkedBatch[] = [];
  const dispatched = new Set<string>();
  let flushQueued = false;
  /** Whether a call the parked batches wait for (started in a step before the latest of them was parked) is in flight. */
  const waiting = (): boolean => {
    const latest = Math.max(...parked.map((batch) => batch.step));
    for (const started of inFlight.values()) if (started < latest) return true;
    return false;
  };
  const flushWhenIdle = (): void => {
    if (flushQueued) return;
    flushQueued = true;
    setImmediate(() => {
      flushQueued = false;
      if (parked.length === 0 || waiting()) return;
      const ready = parked;
      parked = [];
      const holdable = (batch: ParkedBatch): boolean =>
        !batch.held && batch.operation !== undefined && !dispatched.has(batch.operation) && mayWait !== undefined && mayWait(batch.operation);
      const going = ready.filter((batch) => !holdable(batch));
      // Hold only when the request has a later wave: batches that go now, or calls of this step in flight.
      const held = going.length > 0 || inFlight.size > 0 ? ready.filter(holdable) : [];
      step += 1;
      for (const batch of held.length > 0 ? going : ready) {
        if (batch.operation !== undefined) dispatched.add(batch.operation);
        batch.dispatch();
      }
      // A step after the calls just sent (dispatch starts them synchronously): a held batch waits for them.
      step += 1;
      for (const batch of held) parked.push({ ...batch, held: true, step });
      // The batches that went may have made no call (answered from what the request already
      // holds): then no call's end would wake the held ones. Look again once those batches have
      // started their calls; if none is in flight, the held batches go then.
      if (held.length > 0) flushWhenIdle();
    });
  };
  return {
    schedule(dispatch, operation) {
      parked.push({ dispatch, operation, held: false, step });
      flushWhenIdle();
    },
    track(call) {
      const id = ++callIds;
      inFlight.set(id, step);
      return call.finally(() => {
        inFlight.delete(id);
        // The loads this answer feeds are a step after the calls still in flight beside it.
        step += 1;
        if (parked.length > 0) flushWhenIdle();
      });
    },
  };
}

/** Module-private: a DataLoader batch waiting for its wave. */
interface ParkedBatch {
  readonly dispatch: () => void;
  /** The upstream operation the batch reads by (for the plan's `waves`). */
  readonly operation?: string;
  /** Already held back once. */
  readonly held: boolean;
  /** The step it was parked in. */
  readonly step: number;
}

/** The most values one Describe filter takes (inventory §2.1): the batch size of the filtered loaders. */
export const MAX_FILTER_VALUES = 20;

/** Every item of a paginated read, page after page. */
export async function allPages<T>(readPage: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const next = await readPage(token);
    items.push(...next.items);
    token = next.nextToken;
  } while (token !== undefined);
  return items;
}

/** Module-private: the prefix of the page tokens `offsetPage` issues. */
const OFFSET_TOKEN_PREFIX = 'offset:';

/**
 * One page of a list the gateway already holds whole, its tokens being offsets
 * into it (`offset:<n>`). A token that is not one is the caller's mistake, reported as the
 * ValidationException AWS gives for a foreign NextToken.
 */
export function offsetPage<T>(items: readonly T[], pageSize: number, token: string | undefined): Page<T> {
  const offset = token === undefined ? 0 : Number(token.startsWith(OFFSET_TOKEN_PREFIX) ? token.slice(OFFSET_TOKEN_PREFIX.length) : Number.NaN);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new ValidationException({ $metadata: {}, message: `The page token ${JSON.stringify(token)} is not one this list issued (offset:<n>).` });
  }
  const end = offset + pageSize;
  return { items: items.slice(offset, end), nextToken: end < items.length ? `${OFFSET_TOKEN_PREFIX}${end}` : undefined };
}

/** Whether a value is a ResourceNotFoundException about one of these resource types. */
export function isNotFound(value: unknown, resourceTypes: readonly string[]): value is ResourceNotFoundException {
  return value instanceof ResourceNotFoundException && value.ResourceType !== undefined && resourceTypes.includes(value.ResourceType);
}

/** Keyword items with the phone number or pool they belong to. */
export function keywordModels(items: readonly { Keyword?: string; KeywordMessage?: string; KeywordAction?: KeywordModel['KeywordAction'] }[] | undefined, owner: string, ownerArn: string | undefined): KeywordModel[] {
  return (items ?? []).map((item) => ({
    Keyword: item.Keyword,
    KeywordMessage: item.KeywordMessage,
    KeywordAction: item.KeywordAction,
    OriginationIdentity: owner,
    OriginationIdentityArn: ownerArn,
  }));
}

/** Keywords compare case-insensitively. */
export function sameKeyword(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toUpperCase() === b.toUpperCase();
}

/** A keyword key as text (the keyword upper-cased, as AWS matches it). */
export function keywordKeyText(key: KeywordKey): string {
  return `${key.originationIdentity}/${key.keyword.toUpperCase()}`;
}

/** An opted-out-number key as text. */
export function optedOutKeyText(key: OptedOutNumberKey): string {
  return `${key.optOutListName}/${key.number}`;
}

/** The loader key of a sender ID a write returned. */
export function senderKeyOf(out: { SenderId?: string; IsoCountryCode?: string }): SenderIdKey | undefined {
  return out.SenderId !== undefined && out.IsoCountryCode !== undefined ? { senderId: out.SenderId, isoCountryCode: out.IsoCountryCode } : undefined;
}

/** An upstream page with an empty `NextToken` read as the end. */
export function page<T>(items: readonly T[] | undefined, nextToken: string | undefined): Page<T> {
  return { items: items ?? [], nextToken: nextToken || undefined };
}

/** An upstream page whose items are primed into a by-ID loader first. */
export function primed<T>(items: readonly T[] | undefined, nextToken: string | undefined, prime: (item: T) => unknown): Page<T> {
  for (const item of items ?? []) prime(item);
  return page(items, nextToken);
}

/** Whether an error's `ResourceId` (an ID, a name or an ARN) names `id`. */
export function namesId(resourceId: string, id: string): boolean {
  return resourceId === id || (resourceId.startsWith('arn:') && resourceId.endsWith(`/${id}`)) || (id.startsWith('arn:') && id.endsWith(`/${resourceId}`));
}

/** A sender-ID key as text (cache key and messages). */
export function senderKeyText(key: SenderIdKey): string {
  return `${key.senderId}/${key.isoCountryCode}`;
}

/** A registration-version key as text. */
export function versionKeyText(key: RegistrationVersionKey): string {
  return `${key.registrationId}/${key.versionNumber}`;
}

/** A definition key as text. */
export function definitionKeyText(key: RegistrationDefinitionKey): string {
  return `${key.registrationType}/${key.path}`;
}

/**
 * The resource type of an origination identity or association, from its ARN
 * (`…:phone-number/…`, `…:sender-id/…`) or, failing that, the item's `ResourceType`.
 */
export function originationType(arn: string | undefined, resourceType: string | undefined): string | undefined {
  const match = arn === undefined ? null : /^arn:[^:]+:sms-voice:[^:]*:[^:]*:([a-z-]+)\//.exec(arn);
  return match?.[1] ?? resourceType;
}

/** The ID part of an SMS v2 ARN (`phone-number/<id>`, `sender-id/<id>/<country>`). */
export function idFromArn(arn: string | undefined): string | undefined {
  return arn?.split(':').at(5)?.split('/')[1];
}

/** Replaces a loader entry with a value a write returned. */
export function reprime<K, V>(loader: DataLoader<K, V, unknown>, key: K | undefined, value: V): V {
  if (key !== undefined) loader.clear(key).prime(key, value);
  return value;
}
