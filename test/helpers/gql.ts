/** A GraphQL response as a test sees it: HTTP status, headers and the parsed JSON body. */
export interface GqlResponse<TData = any> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: { message: string; path?: (string | number)[]; locations?: unknown[]; extensions?: Record<string, any> }[];
    extensions?: Record<string, any>;
  };
}

/** POSTs one GraphQL operation as JSON to `url` (the gateway's `/graphql`) and parses the answer. */
export async function postGql<TData = any>(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  const text = await response.text();
  let body: GqlResponse<TData>['body'];
  try {
    body = JSON.parse(text) as GqlResponse<TData>['body'];
  } catch {
    throw new Error(`POST ${url} answered HTTP ${response.status} with a non-JSON body: ${text.slice(0, 500)}`);
  }
  return { status: response.status, headers: response.headers, body };
}
