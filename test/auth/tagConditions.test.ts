import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import type { Stack } from '../helpers/startStack';
import { gid } from '../coverage/reach/kit';
import { pinpointArn, policy, smsArn, startPolicyStack, type SwitchablePolicyStore } from './policyStack';

// Conditions on aws:ResourceTag/… are decided as IAM decides them: where a check's decision depends
// on the resource's tags and its ARN is fully known, the gateway reads the tags (the parent's own
// answer when it is that resource, else ListTagsForResource once per distinct ARN per request) and
// evaluates with aws:ResourceTag/<key> in the context. A denial still makes no call to the denied
// operation: only the tag read. Seed tags: Retail project team=growth, Banking team=mobile, the
// Retail "all customers" segment team=growth, "lapsed buyers" none; the toll-free phone number
// team=notifications, the first 10DLC number none.

const P = PINPOINT_SEED;
const S = SMS_VOICE_SEED;
const RETAIL = P.apps.RETAIL;
const BANKING = P.apps.BANKING;
const GROWTH = { StringEquals: { 'aws:ResourceTag/team': 'growth' } };

let stack: Stack & { policies: SwitchablePolicyStore };
beforeAll(async () => {
  stack = await startPolicyStack();
});
afterAll(() => stack?.close());

/** The emulator's wire counts, by `<service>.<Operation>`, of what `run` sends. */
async function wireOf<T>(run: () => Promise<T>): Promise<[T, Record<string, number>]> {
  await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  const result = await run();
  const calls = ((await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> }).byOperation;
  return [result, calls];
}

/** The errors of a response as `path: code action decision`. */
function denials(body: { errors?: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] }): string[] {
  return (body.errors ?? []).map((error) => `${(error.path ?? []).join('.')}: ${String(error.extensions?.code)} ${String(error.extensions?.action ?? '')} ${String(error.extensions?.decision ?? '')}`.trim());
}

describe('Allow conditioned on aws:ResourceTag/team = growth', () => {
  beforeEach(() => stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: '*', Condition: GROWTH })));

  test('a tagged project is allowed: one tag read, then the read itself', async () => {
    const [{ body }, wire] = await wireOf(() => stack.gql(`{ app(id: "${RETAIL}") { name } }`));
    expect(body.data).toEqual({ app: { name: 'Retail Storefront' } });
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 1, 'pinpoint.GetApp': 1 });
  });

  test('a project without the tag is FORBIDDEN: only the tag read, no GetApp', async () => {
    const [{ body }, wire] = await wireOf(() => stack.gql(`{ app(id: "${BANKING}") { name } }`));
    expect(body.data).toEqual({ app: null });
    expect(body.errors?.[0]).toMatchObject({
      message: `Not authorized to perform mobiletargeting:GetApp on ${pinpointArn(`apps/${BANKING}`)}: no policy statement allows it.`,
      path: ['app'],
      extensions: { code: 'FORBIDDEN', action: 'mobiletargeting:GetApp', resource: pinpointArn(`apps/${BANKING}`), decision: 'implicitDeny' },
    });
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 1 });
  });

  test('nodes: each ID is decided on its own tags (one read per ARN, the same ARN twice read once)', async () => {
    const [{ body }, wire] = await wireOf(() => stack.gql('query ($ids: [ID!]!) { nodes(ids: $ids) { ... on App { name } } }', { ids: [gid('App', RETAIL), gid('App', BANKING), gid('App', RETAIL)] }));
    expect(body.data).toEqual({ nodes: [{ name: 'Retail Storefront' }, null, { name: 'Retail Storefront' }] });
    expect(denials(body)).toEqual(['nodes.1: FORBIDDEN mobiletargeting:GetApp implicitDeny']);
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 2, 'pinpoint.GetApp': 1 });
  });

  test('an ARN with an unknown ID keeps the deny (needsTags), with no call', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApps', Resource: '*', Condition: GROWTH }));
    const [{ body }, wire] = await wireOf(() => stack.gql('{ apps(first: 1) { nodes { name } } }'));
    expect(denials(body)).toEqual(['apps: FORBIDDEN mobiletargeting:GetApps needsTags']);
    expect(body.errors?.[0].message).toContain("depends on the resource's tags");
    expect(wire).toEqual({});
  });
});

describe('an untagged segment is FORBIDDEN, a tagged one allowed', () => {
  test('segments of an allowed project, decided on their own tags', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: '*' }, { Effect: 'Allow', Action: 'mobiletargeting:GetSegment', Resource: '*', Condition: GROWTH }));
    const [{ body }, wire] = await wireOf(() =>
      stack.gql(`{ app(id: "${RETAIL}") { name tagged: segment(id: "${P.segments.RETAIL_ALL_CUSTOMERS}") { name } untagged: segment(id: "${P.segments.RETAIL_LAPSED}") { name } } }`),
    );
    expect(body.data).toEqual({ app: { name: 'Retail Storefront', tagged: { name: expect.any(String) }, untagged: null } });
    expect(denials(body)).toEqual(['app.untagged: FORBIDDEN mobiletargeting:GetSegment implicitDeny']);
    // One tag read per segment ARN; GetSegment only for the allowed one.
    expect(wire).toEqual({ 'pinpoint.GetApp': 1, 'pinpoint.ListTagsForResource': 2, 'pinpoint.GetSegment': 1 });
  });
});

describe('Deny conditioned on a tag, over allow-all', () => {
  beforeEach(() => stack.policies.use(policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoGrowth', Effect: 'Deny', Action: 'mobiletargeting:GetApp', Resource: '*', Condition: GROWTH })));

  test('the tagged project is denied (explicitDeny), with only the tag read', async () => {
    const [{ body }, wire] = await wireOf(() => stack.gql(`{ app(id: "${RETAIL}") { name } }`));
    expect(body.data).toEqual({ app: null });
    expect(body.errors?.[0]).toMatchObject({ path: ['app'], extensions: { code: 'FORBIDDEN', action: 'mobiletargeting:GetApp', decision: 'explicitDeny', statement: { sid: 'NoGrowth' } } });
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 1 });
  });

  test('another project is allowed', async () => {
    const [{ body }, wire] = await wireOf(() => stack.gql(`{ app(id: "${BANKING}") { name } }`));
    expect(body.data).toEqual({ app: { name: 'Mobile Banking' } });
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 1, 'pinpoint.GetApp': 1 });
  });
});

describe('the tag read is counted once per ARN', () => {
  test('several fields checked on the same project: one ListTagsForResource', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*', Condition: GROWTH }));
    const [{ body }, wire] = await wireOf(() => stack.gql(`{ app(id: "${RETAIL}") { name tags { key value } settings { applicationId } eventStream { roleArn } } }`));
    // The project's event stream is a resource without tags (ListTagsForResource does not answer for it): still a deny, no call.
    expect(denials(body)).toEqual(['app.eventStream: FORBIDDEN mobiletargeting:GetEventStream needsTags']);
    expect(body.data.app.tags).toEqual(expect.arrayContaining([{ key: 'team', value: 'growth' }]));
    // Query.app, App.settings (and App.tags, which reads the same loader): one tag read for the project's ARN.
    expect(wire).toEqual({ 'pinpoint.ListTagsForResource': 1, 'pinpoint.GetApp': 1, 'pinpoint.GetApplicationSettings': 1 });
  });

  test('a project read whole: its own answer holds its tags, so its fields read none', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApps', Resource: '*' }, { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationSettings', Resource: '*', Condition: GROWTH }));
    // GetApps answers whole projects, tags included: the first project's `settings` is decided on them, with no tag read.
    const query = '{ apps(first: 1) { nodes { applicationId settings { applicationId } } } }';
    const [{ body }, wire] = await wireOf(() => stack.gql(query));
    expect(body.data).toEqual({ apps: { nodes: [{ applicationId: RETAIL, settings: { applicationId: RETAIL } }] } });
    expect(wire).toEqual({ 'pinpoint.GetApps': 1, 'pinpoint.GetApplicationSettings': 1 });
    // Conditioned on another team: FORBIDDEN, still no tag read, and no GetApplicationSettings.
    stack.policies.use(policy({ Effect: 'Allow', Action: 'mobiletargeting:GetApps', Resource: '*' }, { Effect: 'Allow', Action: 'mobiletargeting:GetApplicationSettings', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'mobile' } } }));
    const [denied, deniedWire] = await wireOf(() => stack.gql(query));
    expect(denials(denied.body)).toEqual(['apps.nodes.0.settings: FORBIDDEN mobiletargeting:GetApplicationSettings implicitDeny']);
    expect(deniedWire).toEqual({ 'pinpoint.GetApps': 1 });
  });

  test('SMS: one ListTagsForResource per phone number ARN, shared with its `tags` field', async () => {
    stack.policies.use(policy({ Effect: 'Allow', Action: ['sms-voice:DescribePhoneNumbers', 'sms-voice:ListTagsForResource'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'notifications' } } }));
    const [{ body }, wire] = await wireOf(() =>
      stack.gql(`{
        a: phoneNumber(phoneNumberId: "${S.phoneNumbers.tollFreeAlerts}") { phoneNumber tags { key value } }
        b: phoneNumber(phoneNumberId: "${S.phoneNumbers.tollFreeAlerts}") { phoneNumber }
        c: phoneNumber(phoneNumberId: "${S.phoneNumbers.tenDlcMarketing1}") { phoneNumber }
      }`),
    );
    expect(body.data).toMatchObject({ a: { phoneNumber: '+18335550100' }, b: { phoneNumber: '+18335550100' }, c: null });
    expect(denials(body)).toEqual(['c: FORBIDDEN sms-voice:DescribePhoneNumbers implicitDeny']);
    expect(body.errors?.[0].extensions?.resource).toBe(smsArn(`phone-number/${S.phoneNumbers.tenDlcMarketing1}`));
    expect(wire).toEqual({ 'sms-voice-v2.ListTagsForResource': 2, 'sms-voice-v2.DescribePhoneNumbers': 1 });
  });
});
