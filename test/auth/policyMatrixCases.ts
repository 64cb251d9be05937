import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { JOURNEY_SEED } from '../../src/emulator/services/pinpoint/journeysSeed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import type { GqlResponse } from '../helpers/gql';
import { REACH_CASES } from '../coverage/reach';
import { gid, type ReachCase, type ReachSetup, type Variables } from '../coverage/reach/kit';
import { pinpointArn, policy, smsArn } from './policyStack';

// The cases of the policy matrix, shared by the anonymous caller's matrix (policyMatrix.test.ts)
// and the credentialed callers' matrix (policyMatrixCallers.test.ts): a read and a mutation of
// each of the six core Pinpoint types (App, Campaign, Segment, Endpoint, User, Journey) and of four
// SMS v2 types (PhoneNumber, Pool, OptOutList, Registration), each under eight policies: an allow
// on the exact ARN, an implicit deny, an explicit deny over an allow-everything, a wildcard in the
// action, a wildcard ARN that covers the resource and one that does not, and a region condition
// that holds and one that does not. Reads of Pinpoint types go through `node(id:)`, so global IDs
// are checked like any edge. A denied field is `null` with FORBIDDEN at its own path, names the
// action and the ARN, and its operation never reaches the emulator (a denied mutation makes no
// call at all).

const P = PINPOINT_SEED;
const S = SMS_VOICE_SEED;
const APP = P.apps.RETAIL;

/** One request of the matrix, and the check its target field needs. */
export interface Row {
  readonly name: string;
  readonly query: string;
  readonly variables: Variables | ((setup: ReachSetup) => Promise<Variables>);
  /** The response key of the target field (a root field). */
  readonly field: string;
  /** The IAM action and ARN the target field is decided on, from the variables. */
  readonly target: (variables: Variables) => { readonly action: string; readonly arn: string };
  /** The emulator's operation the target field calls. */
  readonly operation: string;
}

/** Module-private: a read through `node(id:)`. */
function nodeRead(type: string, keys: string[], action: string, resource: string): Row {
  return {
    name: `${type} read (node)`,
    query: `query ($id: ID!) { node(id: $id) { id ... on ${type} { __typename } } }`,
    variables: { id: gid(type, ...keys) },
    field: 'node',
    target: () => ({ action: `mobiletargeting:${action}`, arn: pinpointArn(resource) }),
    operation: `pinpoint.${action}`,
  };
}

/** Module-private: a mutation with the reach table's request (and its setup) for that coordinate. */
function mutation(name: string, coordinate: string, action: string, arn: (variables: Variables) => string, service: 'mobiletargeting' | 'sms-voice'): Row {
  const reachCase = REACH_CASES[coordinate] as ReachCase;
  return {
    name,
    query: reachCase.query,
    variables: reachCase.variables ?? {},
    field: coordinate.split('.')[1],
    target: (variables) => ({ action: `${service}:${action}`, arn: arn(variables) }),
    operation: `${service === 'mobiletargeting' ? 'pinpoint' : 'sms-voice-v2'}.${action}`,
  };
}

/** Module-private: an SMS v2 read by its Query field. */
function smsRead(name: string, query: string, variables: Variables, field: string, action: string, resource: string): Row {
  return { name, query, variables, field, target: () => ({ action: `sms-voice:${action}`, arn: smsArn(resource) }), operation: `sms-voice-v2.${action}` };
}

/** The 20 requests of the matrix. */
export const ROWS: readonly Row[] = [
  nodeRead('App', [APP], 'GetApp', `apps/${APP}`),
  mutation('App mutation (updateApplicationSettings)', 'Mutation.updateApplicationSettings', 'UpdateApplicationSettings', (v) => pinpointArn(`apps/${String(v.app)}`), 'mobiletargeting'),
  nodeRead('Campaign', [APP, P.campaigns.RETAIL_SPRING_SALE], 'GetCampaign', `apps/${APP}/campaigns/${P.campaigns.RETAIL_SPRING_SALE}`),
  mutation('Campaign mutation (updateCampaign)', 'Mutation.updateCampaign', 'UpdateCampaign', (v) => pinpointArn(`apps/${String(v.app)}/campaigns/${String(v.campaign)}`), 'mobiletargeting'),
  nodeRead('Segment', [APP, P.segments.RETAIL_VIP], 'GetSegment', `apps/${APP}/segments/${P.segments.RETAIL_VIP}`),
  mutation('Segment mutation (updateSegment)', 'Mutation.updateSegment', 'UpdateSegment', (v) => pinpointArn(`apps/${String(v.app)}/segments/${String(v.segment)}`), 'mobiletargeting'),
  nodeRead('Endpoint', [APP, P.endpoints.ALICE_EMAIL], 'GetEndpoint', `apps/${APP}/endpoints/${P.endpoints.ALICE_EMAIL}`),
  mutation('Endpoint mutation (updateEndpoint)', 'Mutation.updateEndpoint', 'UpdateEndpoint', (v) => pinpointArn(`apps/${String(v.app)}/endpoints/${String(v.id)}`), 'mobiletargeting'),
  nodeRead('User', [APP, P.users.ALICE], 'GetUserEndpoints', `apps/${APP}/users/${P.users.ALICE}`),
  mutation('User mutation (deleteUserEndpoints)', 'Mutation.deleteUserEndpoints', 'DeleteUserEndpoints', (v) => pinpointArn(`apps/${String(v.app)}/users/${String(v.user)}`), 'mobiletargeting'),
  nodeRead('Journey', [APP, JOURNEY_SEED.journeys.RETAIL_ONBOARDING], 'GetJourney', `apps/${APP}/journeys/${JOURNEY_SEED.journeys.RETAIL_ONBOARDING}`),
  mutation('Journey mutation (updateJourney)', 'Mutation.updateJourney', 'UpdateJourney', (v) => pinpointArn(`apps/${String(v.app)}/journeys/${String(v.journey)}`), 'mobiletargeting'),
  smsRead('PhoneNumber read', 'query ($id: String!) { phoneNumber(phoneNumberId: $id) { phoneNumber } }', { id: S.phoneNumbers.simulator }, 'phoneNumber', 'DescribePhoneNumbers', `phone-number/${S.phoneNumbers.simulator}`),
  mutation('PhoneNumber mutation (updatePhoneNumber)', 'Mutation.updatePhoneNumber', 'UpdatePhoneNumber', (v) => smsArn(`phone-number/${String(v.id)}`), 'sms-voice'),
  smsRead('Pool read', 'query ($id: String!) { pool(poolId: $id) { poolId } }', { id: S.pools.marketing }, 'pool', 'DescribePools', `pool/${S.pools.marketing}`),
  mutation('Pool mutation (updatePool)', 'Mutation.updatePool', 'UpdatePool', (v) => smsArn(`pool/${String(v.id)}`), 'sms-voice'),
  smsRead('OptOutList read', 'query ($name: String!) { optOutList(name: $name) { name } }', { name: S.optOutLists.marketing }, 'optOutList', 'DescribeOptOutLists', `opt-out-list/${S.optOutLists.marketing}`),
  mutation('OptOutList mutation (putOptedOutNumber)', 'Mutation.putOptedOutNumber', 'PutOptedOutNumber', (v) => smsArn(`opt-out-list/${String(v.name)}`), 'sms-voice'),
  smsRead('Registration read', 'query ($id: String!) { registration(registrationId: $id) { registrationId } }', { id: S.registrations.tenDlcBrand }, 'registration', 'DescribeRegistrations', `registration/${S.registrations.tenDlcBrand}`),
  mutation('Registration mutation (putRegistrationFieldValue)', 'Mutation.putRegistrationFieldValue', 'PutRegistrationFieldValue', (v) => smsArn(`registration/${String(v.id)}`), 'sms-voice'),
];

/** One policy of the matrix, from the target's action and ARN, and whether it allows the target. */
export interface Variant {
  readonly name: string;
  readonly document: (action: string, arn: string) => object;
  readonly allows: boolean;
  /** The decision a denial reports. */
  readonly decision?: 'implicitDeny' | 'explicitDeny';
}

/** Module-private: `service:Get*` from `service:GetCampaign` (the action's verb, then a wildcard). */
const verbWildcard = (action: string) => action.replace(/^([a-z-]+:[A-Z][a-z]+).*$/, '$1*');
/** Module-private: the ARN with its last ID (after the last `/`) replaced. */
const lastIdAs = (arn: string, replacement: string) => arn.replace(/\/[^/]+$/, `/${replacement}`);
/** Module-private: an Allow statement. */
const allow = (action: string | string[], resource: string, extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });

/** The 8 policies of the matrix. */
export const VARIANTS: readonly Variant[] = [
  { name: 'allow on the exact ARN', document: (action, arn) => policy(allow(action, arn)), allows: true },
  { name: 'implicit deny (another action allowed on it, the action on another resource)', document: (action, arn) => policy(allow('mobiletargeting:GetApps', arn), allow(action, lastIdAs(arn, 'someone-else'))), allows: false, decision: 'implicitDeny' },
  { name: 'explicit deny over an allow of everything', document: (action, arn) => policy(allow('*', '*'), { Sid: 'NoTarget', Effect: 'Deny', Action: action, Resource: arn }), allows: false, decision: 'explicitDeny' },
  { name: 'wildcard in the action (service:Verb*)', document: (action, arn) => policy(allow(verbWildcard(action), arn)), allows: true },
  { name: 'wildcard ARN covering the resource', document: (action, arn) => policy(allow(action, lastIdAs(arn, '*'))), allows: true },
  { name: 'wildcard ARN of other resources only', document: (action, arn) => policy(allow(action, lastIdAs(arn, 'not-this-one-*'))), allows: false, decision: 'implicitDeny' },
  { name: 'region condition that holds (us-east-1)', document: (action, arn) => policy(allow(action, arn, { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } })), allows: true },
  { name: 'region condition that does not hold (eu-west-1)', document: (action, arn) => policy(allow(action, arn, { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), allows: false, decision: 'implicitDeny' },
];

/** Every (request, policy) pair: `[label, row, variant]`. */
export const CASES = ROWS.flatMap((row) => VARIANTS.map((variant) => [`${row.name} × ${variant.name}`, row, variant] as const));

/** A policy document allowing everything (what setup requests run under). */
export const OPEN = policy(allow('*', '*'));

/** Setup for the reach table's mutations: `gql` runs a request (with everything allowed) and returns its data, throwing on any error. */
export function matrixSetup(gql: (query: string, variables?: Variables) => Promise<GqlResponse>): ReachSetup {
  return {
    async gql(query, variables) {
      const { status, body } = await gql(query, variables);
      if (status !== 200 || body.errors !== undefined) throw new Error(`Setup request failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body)}`);
      return body.data;
    },
    async emulatorAdmin() {
      throw new Error('not used by the matrix');
    },
  };
}

/** The emulator's wire counts (by operation) of `run`, from its call log at `emulatorEndpoint`. */
export async function wireCallsOf(emulatorEndpoint: string, run: () => Promise<unknown>): Promise<Record<string, number>> {
  await fetch(`${emulatorEndpoint}/_emulator/calls`, { method: 'DELETE' });
  await run();
  return ((await (await fetch(`${emulatorEndpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> }).byOperation;
}

/** Whether the row's request is a mutation. */
export const isMutation = (row: Row) => /^\s*mutation\b/.test(row.query);

/**
 * The matrix's assertions on one response: an allowed target has data and reached the emulator; a
 * denied one is `null` at its own path (a mutation's payload is non-null, so its `data` is null)
 * with one FORBIDDEN error naming the action and the ARN (and, for an explicit deny, the statement
 * of `policyName`), and its operation never reached the emulator (a denied mutation made no call).
 */
export function expectMatrixOutcome(row: Row, variant: Variant, target: { action: string; arn: string }, body: GqlResponse['body'], wire: Record<string, number>, policyName: string): void {
  const { action, arn } = target;
  if (variant.allows) {
    expect(body.errors).toBeUndefined();
    expect((body.data as Record<string, unknown> | null)?.[row.field]).not.toBeNull();
    expect(wire[row.operation]).toBeGreaterThanOrEqual(1);
    return;
  }
  expect(body.errors).toHaveLength(1);
  const [error] = body.errors!;
  expect(error.path).toEqual([row.field]);
  expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', action, resource: arn, decision: variant.decision });
  expect(error.message).toContain(`${action} on ${arn}`);
  if (variant.decision === 'explicitDeny') expect(error.extensions?.statement).toEqual({ policyName, sid: 'NoTarget', index: 1 });
  if (isMutation(row)) {
    expect(body.data).toBeNull();
    expect(wire).toEqual({});
  } else {
    expect(body.data).toEqual({ [row.field]: null });
    expect(wire[row.operation]).toBeUndefined();
  }
}
