import { badUserInput } from './errors';

/**
 * Relay cursor connections over upstream page tokens (Pinpoint `token`/`NextToken`,
 * SMS v2 `NextToken`/`MaxResults`). Every connection costs exactly one upstream call.
 *
 * A cursor names a position as (the upstream token of the page it was read from, how many items
 * of that page precede the position). Resuming after an edge re-reads that page from its token
 * with a page size large enough to skip the items already seen; when a page is used up, the end
 * cursor is simply the upstream `NextToken` with nothing to skip.
 */

/** One upstream page, as the loaders return it. */
export interface UpstreamPage<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** Fetches one upstream page of `pageSize` items starting at `token` (undefined: the first page). */
export type PageFetcher<T> = (pageSize: number, token: string | undefined) => Promise<UpstreamPage<T>>;

/** Relay pagination arguments. */
export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** Limits of the upstream list operation behind a connection. */
export interface ConnectionLimits {
  /** The upstream maximum page size (also the cap on `first`). */
  readonly maxPageSize: number;
  /** Page size when `first` is not given. */
  readonly defaultPageSize: number;
}

/** A Relay edge. */
export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

/** A Relay connection, before field resolvers map the nodes. */
export interface Connection<T> {
  readonly edges: Edge<T>[];
  readonly nodes: T[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/** Reads one connection page through `fetchPage`, mapping `first`/`after` onto upstream tokens. */
export async function connectionFromUpstream<T>(args: ConnectionArgs, limits: ConnectionLimits, fetchPage: PageFetcher<T>): Promise<Connection<T>> {
  const first = args.first ?? limits.defaultPageSize;
  if (!Number.isInteger(first) || first < 1 || first > limits.maxPageSize) {
    throw badUserInput(`"first" must be an integer from 1 to ${limits.maxPageSize} (the upstream page maximum); got ${first}.`, { argument: 'first' });
  }
  const position = args.after ? decodeCursor(args.after) : { token: undefined, skip: 0 };
  const pageSize = Math.min(limits.maxPageSize, position.skip + first);
  const page = await fetchPage(pageSize, position.token);
  const items = page.items.slice(position.skip, position.skip + first);
  const consumedWholePage = position.skip + items.length >= page.items.length;
  const edges = items.map((node, index) => ({ node, cursor: encodeCursor(position.token, position.skip + index + 1) }));
  const hasNextPage = consumedWholePage ? page.nextToken !== undefined : true;
  const endCursor = consumedWholePage && page.nextToken !== undefined ? encodeCursor(page.nextToken, 0) : (edges.at(-1)?.cursor ?? null);
  return {
    edges,
    nodes: items,
    pageInfo: { hasNextPage, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor },
  };
}

/** Module-private. */
function encodeCursor(token: string | undefined, skip: number): string {
  return Buffer.from(JSON.stringify([token ?? null, skip])).toString('base64url');
}

/** Module-private: the position a cursor names, or BAD_USER_INPUT when it is not one of ours. */
function decodeCursor(cursor: string): { token: string | undefined; skip: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && (parsed[0] === null || typeof parsed[0] === 'string') && Number.isSafeInteger(parsed[1]) && parsed[1] >= 0) {
    return { token: parsed[0] ?? undefined, skip: parsed[1] };
  }
  throw badUserInput(`"after" is not a cursor from this connection: ${JSON.stringify(cursor)}.`, { argument: 'after' });
}
