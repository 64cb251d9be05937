/**
 * The runner's single requests: one GraphQL POST (to check a query and read its
 * `extensions.upstreamCalls`) and the emulator's admin call counts.
 */

/** A GraphQL response as the gateway sends it. */
export interface GraphQLResponse {
  readonly data?: unknown;
  readonly errors?: ReadonlyArray<{ readonly message: string; readonly path?: readonly unknown[]; readonly extensions?: Record<string, unknown> }>;
  readonly extensions?: { readonly upstreamCalls?: { readonly total: number; readonly byOperation: Readonly<Record<string, number>> } };
}

/** POSTs one JSON body to a GraphQL endpoint; throws unless the answer is a 200 with JSON. */
export async function postGraphQL(url: string, body: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${url} answered ${response.status}, expected 200: ${text.slice(0, 500)}`);
  return JSON.parse(text) as GraphQLResponse;
}

/** POSTs a query and insists on an answer without errors (a benchmark of failing queries measures nothing). */
export async function postClean(url: string, body: string, what: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const response = await postGraphQL(url, body, headers);
  if (response.errors?.length) throw new Error(`${what} answered with errors, so its figures would mean nothing: ${JSON.stringify(response.errors).slice(0, 1000)}`);
  return response;
}

/** The emulator's count of received requests (`GET /_emulator/calls`). */
export interface EmulatorCalls {
  readonly total: number;
  /** Per `<service>.<Operation>`, e.g. `pinpoint.GetCampaign`. */
  readonly byOperation: Readonly<Record<string, number>>;
}

/** Reads the emulator's call counts. */
export async function emulatorCalls(emulatorUrl: string): Promise<EmulatorCalls> {
  const response = await fetch(`${emulatorUrl}/_emulator/calls`);
  if (response.status !== 200) throw new Error(`GET ${emulatorUrl}/_emulator/calls answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as EmulatorCalls;
}

/** Resets the emulator's call counts to zero. */
export async function clearEmulatorCalls(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/_emulator/calls`, { method: 'DELETE' });
  if (response.status !== 200) throw new Error(`DELETE ${emulatorUrl}/_emulator/calls answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** Per-operation difference `after - before`, operations without a change left out. */
export function callsDelta(before: EmulatorCalls, after: EmulatorCalls): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [operation, count] of Object.entries(after.byOperation)) {
    const change = count - (before.byOperation[operation] ?? 0);
    if (change !== 0) delta[operation] = change;
  }
  return delta;
}

/**
 * Waits until the emulator has received no request for `quietMs` (at most `timeoutMs`): a load run
 * stops sending at its deadline, but the gateway still finishes the requests it holds, and the next
 * run must not share the machine with them.
 */
export async function waitForQuiet(emulatorUrl: string, quietMs = 200, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = (await emulatorCalls(emulatorUrl)).total;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const total = (await emulatorCalls(emulatorUrl)).total;
    if (total !== last) {
      last = total;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) {
      return;
    }
  }
}
