import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as smsVoiceSdk from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { NormalizedSchema } from '@smithy/core/schema';
import type { ServiceId } from '../services/types';

/**
 * The one adapter between the pinned SDK packages and the emulator: it reads each operation's
 * exported schema (`GetCampaign$ = [9, ns, name, { http: [method, uri, code] }, input, output]`)
 * through `NormalizedSchema` and turns it into a plain route/shape table. Nothing else in the
 * emulator looks at SDK internals, so an SDK bump changes exactly this table (and its snapshot).
 */

/** The wire protocol a service speaks. */
export type ProtocolName = 'restJson1' | 'awsJson1_0';

/** One `httpQuery` binding: the member and its query-string key. */
export interface QueryBinding {
  readonly member: string;
  readonly key: string;
}

/** One operation, as the router and the binding layer need it. */
export interface OperationModel {
  readonly service: ServiceId;
  /** SDK operation name, e.g. `GetCampaign`. */
  readonly name: string;
  readonly method: string;
  /** URI pattern with member-named labels, e.g. `/v1/apps/{ApplicationId}`; `/` for awsJson. */
  readonly uri: string;
  /** Success status code. */
  readonly code: number;
  /** `httpLabel` members, in path order. */
  readonly labels: readonly string[];
  readonly query: readonly QueryBinding[];
  /** The input member bound to the whole body (`httpPayload`), if any. */
  readonly payload?: string;
  /** Input members serialized as JSON body members (all of them for awsJson). */
  readonly body: readonly string[];
  /** The output member that is the whole response body (`httpPayload`), if any. */
  readonly outputPayload?: string;
  readonly input: NormalizedSchema;
  readonly output: NormalizedSchema;
}

/** One modelled exception shape. */
export interface ErrorModel {
  readonly name: string;
  /** `httpError` when modelled; otherwise 400 for client and 500 for server faults (awsJson rule). */
  readonly status: number;
  readonly fault: 'client' | 'server';
  readonly members: readonly string[];
}

/** Everything the emulator knows about one service's wire contract. */
export interface ServiceModel {
  readonly id: ServiceId;
  readonly protocol: ProtocolName;
  /** Smithy namespace, e.g. `com.amazonaws.pinpointsmsvoicev2` (prefix of awsJson `__type`). */
  readonly namespace: string;
  /** SigV4 signing name in the credential scope. */
  readonly signingName: string;
  /** awsJson `X-Amz-Target` prefix (`PinpointSMSVoiceV2`); empty for restJson. */
  readonly targetPrefix: string;
  /** Operations sorted by name. */
  readonly operations: readonly OperationModel[];
  readonly operationsByName: ReadonlyMap<string, OperationModel>;
  readonly errors: ReadonlyMap<string, ErrorModel>;
}

/** Module-private: the static facts the schemas do not carry (they live in the SDK's client config). */
const sources = {
  pinpoint: { sdk: pinpointSdk as Record<string, unknown>, protocol: 'restJson1', signingName: 'mobiletargeting', targetPrefix: '' },
  'sms-voice-v2': { sdk: smsVoiceSdk as Record<string, unknown>, protocol: 'awsJson1_0', signingName: 'sms-voice', targetPrefix: 'PinpointSMSVoiceV2' },
} as const;

const cache = new Map<ServiceId, ServiceModel>();

/** The service's route/shape table, derived once from its SDK package. */
export function serviceModel(id: ServiceId): ServiceModel {
  let model = cache.get(id);
  if (!model) {
    model = buildServiceModel(id);
    cache.set(id, model);
  }
  return model;
}

/** SDK operation names of a service, from its `*Command` exports (the documented public API). */
export function sdkOperationNames(id: ServiceId): string[] {
  return Object.keys(sources[id].sdk)
    .filter((key) => key.endsWith('Command') && key !== '$Command')
    .map((key) => key.slice(0, -'Command'.length))
    .sort();
}

/** A plain, diffable rendering of the route table (one line per operation) for the golden snapshot. */
export function describeRouteTable(id: ServiceId): string[] {
  const { operations, errors } = serviceModel(id);
  const describeOp = (op: OperationModel) =>
    [
      `${op.name}: ${op.method} ${op.uri} -> ${op.code}`,
      op.query.length ? `query(${op.query.map((q) => `${q.key}=${q.member}${op.input.getMemberSchema(q.member).isListSchema() ? '[]' : ''}`).join(',')})` : '',
      op.payload ? `payload(${op.payload})` : '',
      !op.payload && op.body.length ? `body(${op.body.join(',')})` : '',
      op.outputPayload ? `out(${op.outputPayload})` : op.output.isUnitSchema() ? 'out(unit)' : '',
    ]
      .filter(Boolean)
      .join(' ');
  const describeError = (e: ErrorModel) => `error ${e.name}: ${e.status} ${e.fault} [${e.members.join(',')}]`;
  return [...operations.map(describeOp), ...[...errors.values()].map(describeError)];
}

/** Module-private. */
function buildServiceModel(id: ServiceId): ServiceModel {
  const source = sources[id];
  const operations = sdkOperationNames(id).map((name) => operationModel(id, name, source.sdk[`${name}$`]));
  const namespace = operations[0].input.getName(true)!.split('#')[0];
  // Only the service's own namespace: the synthetic `smithy.ts.sdk.synthetic.*` base exception is no wire shape.
  const errors = Object.values(source.sdk)
    .filter((value): value is unknown[] => Array.isArray(value) && value[0] === -3 && value[1] === namespace)
    .map((value) => errorModel(NormalizedSchema.of(value as never)))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    id,
    protocol: source.protocol,
    namespace,
    signingName: source.signingName,
    targetPrefix: source.targetPrefix,
    operations,
    operationsByName: new Map(operations.map((op) => [op.name, op])),
    errors: new Map(errors.map((e) => [e.name, e])),
  };
}

/** Module-private: reads one `[9, ns, name, traits, input, output]` operation schema. */
function operationModel(service: ServiceId, name: string, schema: unknown): OperationModel {
  if (!Array.isArray(schema) || schema[0] !== 9) throw new Error(`SDK export ${name}$ is not an operation schema: ${String(schema)}`);
  const op = NormalizedSchema.of(schema as never);
  const [method, uri, code] = (op.getMergedTraits().http as [string, string, number] | undefined) ?? ['POST', '/', 200];
  const input = NormalizedSchema.of(schema[4]);
  const output = NormalizedSchema.of(schema[5]);
  const labels: string[] = [];
  const query: QueryBinding[] = [];
  const body: string[] = [];
  let payload: string | undefined;
  for (const [member, ns] of input.structIterator()) {
    const traits = ns.getMergedTraits();
    if (traits.httpLabel) labels.push(member);
    else if (typeof traits.httpQuery === 'string') query.push({ member, key: traits.httpQuery });
    else if (traits.httpPayload) payload = member;
    else if (traits.httpHeader || traits.httpPrefixHeaders || traits.httpQueryParams) {
      throw new Error(`${name}.${member}: header/query-map bindings are not supported by the emulator (none are modelled today)`);
    } else body.push(member);
  }
  labels.sort((a, b) => uri.indexOf(`{${a}}`) - uri.indexOf(`{${b}}`));
  let outputPayload: string | undefined;
  for (const [member, ns] of output.structIterator()) if (ns.getMergedTraits().httpPayload) outputPayload = member;
  return { service, name, method, uri, code, labels, query, payload, body, outputPayload, input, output };
}

/** Module-private: reads one `[-3, ns, name, { error, httpError }, members, ...]` error schema. */
function errorModel(ns: NormalizedSchema): ErrorModel {
  const traits = ns.getMergedTraits();
  const fault = traits.error === 'server' ? 'server' : 'client';
  const status = typeof traits.httpError === 'number' ? traits.httpError : fault === 'server' ? 500 : 400;
  return { name: ns.getName()!, status, fault, members: [...ns.structIterator()].map(([member]) => member) };
}
