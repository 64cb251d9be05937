import { makeExecutableSchema } from '@graphql-tools/schema';
import { loadFilesSync } from '@graphql-tools/load-files';
import { join } from 'node:path';
import { deriveFieldIamTable } from '../../src/auth';
import { buildCoverageManifest, type UpstreamAnnotation } from '../../src/coverage/manifest';
import { COVERAGE_SERVICES } from '../../src/coverage/services';
import type { Stack } from '../helpers/startStack';
import { REACH_CASES } from '../coverage/reach';
import type { ReachCase, ReachSetup } from '../coverage/reach/kit';
import { policy, startPolicyStack, type SwitchablePolicyStore } from './policyStack';

// Enforcement on every manifest coordinate, over the reach table's requests (test/coverage/reach/,
// one request per annotated coordinate) against the seeded emulator:
//
// 1. Under a policy that allows everything but is not the open one (a Deny of an action no field
//    names keeps enforcement on), every request answers as without enforcement: no error, the
//    operations its coordinate names, nothing else, and the same commands on the wire as the
//    gateway counted. The decisions run for every object and change no call.
// 2. Under a policy that denies any resource whose ARN has an ID the gateway does not know
//    (a Deny on an ID no real resource has, which only an unknown ID may be), the only denials are
//    of resources the derived table says are unknown before the call: lists of every resource,
//    IDs a chained call learns from an answer, the parent model's keys a lazy reference lacks.

const manifest = buildCoverageManifest();
const byCoordinate = new Map(manifest.coordinates.map((annotation) => [annotation.coordinate, annotation]));
const EMULATOR_SERVICE = { pinpoint: 'pinpoint', smsVoice: 'sms-voice-v2' } as const;
const table = deriveFieldIamTable(makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', '..', 'schema', '**/*.graphql')) }));

/** Allows everything, with enforcement on (a Deny of an action that no field names). */
const ALLOW_ALL_ENFORCED = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'KeepEnforcementOn', Effect: 'Deny', Action: 'mobiletargeting:NoSuchAction', Resource: '*' });
/** Denies every resource whose ARN has an unknown ID (no real ID contains the marker). */
const DENY_UNKNOWN_IDS = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'UnknownId', Effect: 'Deny', Action: '*', Resource: 'arn:*:*:*:*:*zz-never-a-real-id-zz*' });

function casesOf(coordinate: string): readonly ReachCase[] {
  const entry = REACH_CASES[coordinate];
  return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry as ReachCase];
}
function qualified(annotation: UpstreamAnnotation): string[] {
  return COVERAGE_SERVICES.flatMap((service) => annotation.operations[service].map((operation) => `${EMULATOR_SERVICE[service]}.${operation}`));
}
function writes(coordinate: string): boolean {
  return casesOf(coordinate).some((reachCase) => /^\s*mutation\b/.test(reachCase.query));
}

/** The operations some table row binds with an ID unknown before the call (an `every` source, or parent model keys that may be missing). */
const operationsWithUnknownIds = new Set(
  [...table.fields.values()].flatMap((field) =>
    field.operations
      .filter((operation) => operation.groups.some((group) => group.alternatives.some((binding) => Object.values(binding.values).some((source) => source.kind === 'every' || (source.kind === 'parent' && !source.field) || source.kind === 'identity'))) || field.select.kind === 'identity')
      .flatMap((operation) => operation.actions),
  ),
);

let stack: Stack & { policies: SwitchablePolicyStore };
beforeAll(async () => {
  stack = await startPolicyStack({ gateway: { exposeUpstreamCalls: true } });
});
afterAll(() => stack?.close());

const setup: ReachSetup = {
  async gql(query, variables) {
    const { status, body } = await stack.gql(query, variables);
    if (status !== 200 || body.errors !== undefined) throw new Error(`Setup request failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body)}\n${query}`);
    return body.data;
  },
  async emulatorAdmin(method, route, body) {
    const response = await fetch(`${stack.emulator.endpoint}/_emulator/${route}`, { method, headers: body === undefined ? undefined : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`Setup admin call ${method} /_emulator/${route} answered HTTP ${response.status}: ${text}`);
    return JSON.parse(text);
  },
};

async function clearCalls(): Promise<void> {
  await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
}
async function wireCalls(): Promise<Record<string, number>> {
  return ((await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> }).byOperation;
}

const ordered = [...manifest.coordinates.map((annotation) => annotation.coordinate)].sort((a, b) => Number(writes(a)) - Number(writes(b)));
const unknownIdDenials = new Map<string, Set<string>>();

describe('under an allow-everything policy with enforcement on, every coordinate answers as without it', () => {
  test.each(ordered)('%s', async (coordinate) => {
    const annotation = byCoordinate.get(coordinate)!;
    for (const [index, reachCase] of casesOf(coordinate).entries()) {
      const label = `${coordinate} case ${index + 1}`;
      stack.policies.use(ALLOW_ALL_ENFORCED);
      const variables = typeof reachCase.variables === 'function' ? await reachCase.variables(setup) : reachCase.variables;
      await clearCalls();
      const { status, body } = await stack.gql(reachCase.query, variables);
      const wire = await wireCalls();
      expect({ label, status, errors: body.errors }).toEqual({ label, status: 200, errors: undefined });
      const allowed = new Set([annotation, ...(reachCase.via ?? []).map((via) => byCoordinate.get(via)!)].flatMap(qualified));
      expect({ label, unexpected: Object.keys(wire).filter((operation) => !allowed.has(operation)) }).toEqual({ label, unexpected: [] });
      const byName: Record<string, number> = {};
      for (const [operation, count] of Object.entries(wire)) byName[operation.slice(operation.indexOf('.') + 1)] = (byName[operation.slice(operation.indexOf('.') + 1)] ?? 0) + count;
      expect({ label, gateway: body.extensions?.upstreamCalls?.byOperation }).toEqual({ label, gateway: Object.fromEntries(Object.entries(byName).sort(([a], [b]) => a.localeCompare(b))) });

      // Reads only (a mutation's setup is not repeatable): the same request where unknown IDs are denied.
      if (/^\s*mutation\b/.test(reachCase.query)) continue;
      stack.policies.use(DENY_UNKNOWN_IDS);
      const strict = await stack.gql(reachCase.query, variables);
      for (const error of strict.body.errors ?? []) {
        expect({ label, code: error.extensions?.code, statement: (error.extensions?.statement as { sid?: string } | undefined)?.sid }).toEqual({ label, code: 'FORBIDDEN', statement: 'UnknownId' });
        const action = String(error.extensions?.action);
        if (!unknownIdDenials.has(action)) unknownIdDenials.set(action, new Set());
        unknownIdDenials.get(action)!.add(`${coordinate}: ${String(error.extensions?.resource)}`);
      }
    }
  });
});

test('denials for unknown IDs happen only where the table says the ID is unknown before the call', () => {
  const unexpected = [...unknownIdDenials.entries()].filter(([action]) => !operationsWithUnknownIds.has(action)).map(([action, where]) => `${action}: ${[...where].join('; ')}`);
  expect(unexpected).toEqual([]);
});
