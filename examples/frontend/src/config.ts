/** What the page needs to know before its first request. */
export interface PageConfig {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  gatewayUrl: string;
  /** Sent as `Authorization: ApiKey <key>` when set. */
  apiKey?: string;
  /** The project to show; unset: the account's first project. */
  appId?: string;
  /** Campaigns per page (`first`). */
  pageSize: number;
}

/**
 * The page's configuration: the build-time defaults, overridden by the page's query string
 * (`?gateway=…&apiKey=…&app=…&pageSize=…`), so one bundle can be pointed at any gateway.
 *
 * A key in a query string or a bundle is readable by everyone who can open the page (and lands in
 * browser history): give such a key a read-only policy limited to what the page shows, like
 * examples/policies/frontend-campaigns.json.
 */
export function readConfig(search: string, defaults: PageConfig): PageConfig {
  const params = new URLSearchParams(search);
  const pageSize = Number(params.get('pageSize') ?? defaults.pageSize);
  return {
    gatewayUrl: params.get('gateway') || defaults.gatewayUrl,
    apiKey: params.get('apiKey') || defaults.apiKey || undefined,
    appId: params.get('app') || defaults.appId || undefined,
    // A value out of the gateway's range is sent as is: its BAD_USER_INPUT says what the range is.
    pageSize: Number.isInteger(pageSize) ? pageSize : defaults.pageSize,
  };
}
