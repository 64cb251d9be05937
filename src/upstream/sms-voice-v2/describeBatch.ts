import { ResourceNotFoundException, ValidationException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { ResourceType } from '@aws-sdk/client-pinpoint-sms-voice-v2';

/**
 * Batch functions for the SMS v2 Describe operations that take an ID list (at most 5 IDs per call,
 * inventory §2.1). AWS fails the WHOLE call with ResourceNotFoundException when one ID is unknown,
 * so a failed chunk is split:
 *
 * - ResourceNotFoundException naming exactly one key of the chunk (`ResourceId`): that key gets the
 *   error and the rest is retried. k unknown keys among n cost k + 1 calls (k when all are unknown).
 * - Otherwise (no usable `ResourceId`, or ValidationException for a malformed key): every key of the
 *   chunk is retried alone, costing n + 1 calls, so each key gets its own answer.
 * - An error about what the chunk's keys share (`failsChunk`: the opt-out list of opted-out numbers,
 *   the phone number or pool of keywords) fails every key of the chunk at once: retrying the keys
 *   alone would only repeat it.
 * - Any other error (throttling, 5xx, access denied) fails every key of the chunk with that error.
 *
 * Chunks (and the retries of different chunks) run in parallel; results keep the order and length
 * of the keys, as the DataLoader contract requires.
 */

/** The largest ID list any SMS v2 Describe operation accepts. */
export const MAX_IDS_PER_DESCRIBE = 5;

/** How to describe one kind of resource by ID list. */
export interface DescribeSpec<K, T> {
  /** The `ResourceType` reported when a key is missing from a successful answer. */
  readonly resourceType: ResourceType;
  /** Keys with different groups never share a call (e.g. versions of different registrations). */
  readonly groupOf?: (key: K) => string;
  /** One Describe call for at most 5 keys of one group. */
  readonly describe: (keys: readonly K[]) => Promise<readonly T[]>;
  /** Whether an answered item is the one a key asked for (responses are not ordered). */
  readonly matches: (item: T, key: K) => boolean;
  /** Whether a ResourceNotFoundException's `ResourceId` names this key. */
  readonly isNamedBy: (resourceId: string, key: K) => boolean;
  /** The key as text, for error messages. */
  readonly describeKey: (key: K) => string;
  /** Whether a failed call's error is about the group the chunk's keys share, not about one key. */
  readonly failsChunk?: (error: Error) => boolean;
}

/** Describes `keys` in chunks of at most 5 per group; one result (item or Error) per key, in order. */
export async function describeInChunks<K, T>(keys: readonly K[], spec: DescribeSpec<K, T>): Promise<(T | Error)[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((key, index) => {
    const group = spec.groupOf?.(key) ?? '';
    const indexes = groups.get(group) ?? [];
    indexes.push(index);
    groups.set(group, indexes);
  });
  const results = new Array<T | Error>(keys.length);
  const chunks: number[][] = [];
  for (const indexes of groups.values()) {
    for (let start = 0; start < indexes.length; start += MAX_IDS_PER_DESCRIBE) chunks.push(indexes.slice(start, start + MAX_IDS_PER_DESCRIBE));
  }
  await Promise.all(
    chunks.map(async (chunk) => {
      const answers = await describeChunk(
        chunk.map((index) => keys[index]),
        spec,
      );
      chunk.forEach((keyIndex, position) => (results[keyIndex] = answers[position]));
    }),
  );
  return results;
}

/** Module-private: one chunk, split and retried as described above. */
async function describeChunk<K, T>(keys: readonly K[], spec: DescribeSpec<K, T>): Promise<(T | Error)[]> {
  let items: readonly T[];
  try {
    items = await spec.describe(keys);
  } catch (error) {
    return splitFailedChunk(keys, spec, error);
  }
  return keys.map((key) => items.find((item) => spec.matches(item, key)) ?? notFound(spec, key));
}

/** Module-private: the answers of a chunk whose one Describe call failed. */
async function splitFailedChunk<K, T>(keys: readonly K[], spec: DescribeSpec<K, T>, error: unknown): Promise<(T | Error)[]> {
  const failure = error instanceof Error ? error : new Error(`Describe call failed with a non-Error value: ${String(error)}`);
  if (keys.length === 1 || spec.failsChunk?.(failure)) return keys.map(() => failure);
  if (failure instanceof ResourceNotFoundException && failure.ResourceId !== undefined) {
    const resourceId = failure.ResourceId;
    const named = keys.flatMap((key, index) => (spec.isNamedBy(resourceId, key) ? [index] : []));
    if (named.length === 1) {
      const rest = keys.filter((_, index) => index !== named[0]);
      const restAnswers = await describeChunk(rest, spec);
      restAnswers.splice(named[0], 0, failure);
      return restAnswers;
    }
  }
  if (failure instanceof ResourceNotFoundException || failure instanceof ValidationException) {
    return (await Promise.all(keys.map((key) => describeChunk([key], spec)))).flat();
  }
  return keys.map(() => failure);
}

/** Module-private: the error for a key that is not there, saying what proved it (a Describe call that answered without it, by default). */
function notFound<K, T>(spec: DescribeSpec<K, T>, key: K, proof = 'the Describe call answered without it'): ResourceNotFoundException {
  return new ResourceNotFoundException({
    $metadata: {},
    message: `No ${spec.resourceType} ${spec.describeKey(key)}: ${proof}.`,
    ResourceType: spec.resourceType,
    ResourceId: spec.describeKey(key),
  });
}

/**
 * Answers each key from a list this request holds or is already reading (`lookup`: the item,
 * `absent` when the whole list proves it missing, or undefined when the list cannot tell; undefined
 * at once, not a promise, when no such list is read) and
 * describes only the rest in chunks, as upstream would answer them (an absent key gets the
 * ResourceNotFoundException upstream would send, saying which list proved it).
 */
export async function describeUnlisted<K, T>(keys: readonly K[], lookup: (key: K) => Promise<T | 'absent' | undefined> | undefined, spec: DescribeSpec<K, T>, listName: string): Promise<(T | Error)[]> {
  const pending = keys.map(lookup);
  // No list of these objects held or being read: the Describe leaves at once, as it always did.
  if (pending.every((lookup) => lookup === undefined)) return describeInChunks(keys, spec);
  const listed = await Promise.all(pending);
  const unknown = keys.filter((_, index) => listed[index] === undefined);
  const described = unknown.length > 0 ? await describeInChunks(unknown, spec) : [];
  let next = 0;
  return keys.map((key, index) => {
    const answer = listed[index];
    return answer === 'absent' ? notFound(spec, key, `${listName} holds none`) : (answer ?? described[next++]);
  });
}
