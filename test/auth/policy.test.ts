import fc from 'fast-check';
import { evaluate, globMatch, needsResourceTags, parsePolicy, PolicyError, type AuthorizationRequest, type ConditionContext, type Policy } from '../../src/auth';

// The evaluator's contract, as IAM evaluates identity policies: an explicit Deny wins, else an
// Allow that applies, else the implicit deny; actions compare case-insensitively, ARNs
// case-sensitively part by part; condition keys fold case, values do not (but for the
// IgnoreCase operators); a policy the evaluator cannot read exactly as IAM would is refused at
// load time with a message naming the statement. Property tests run with a fixed seed, so a
// failure reproduces.

const ACCOUNT = '123456789012';
const APP = `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/abc`;
const CAMPAIGN = `${APP}/campaigns/def`;
const OTHER_APP = `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/xyz`;
const PHONE_NUMBER = `arn:aws:sms-voice:us-east-1:${ACCOUNT}:phone-number/phone-0123`;

/** A policy of the given statements (2012-10-17). */
function policy(name: string, ...statements: object[]): Policy {
  return parsePolicy(name, { Version: '2012-10-17', Statement: statements });
}

/** A request for `action` on `resource`, with a context. */
function request(action: string, resource: string, context: ConditionContext = {}): AuthorizationRequest {
  return { action, resource, context };
}

/** The message `parsePolicy` throws for a document (or 'accepted'). */
function refusal(document: unknown, name = 'p'): string {
  try {
    parsePolicy(name, document);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as Error).message;
  }
}

const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' };

describe('evaluate: explicit deny, allow, implicit deny', () => {
  test('an Allow that matches allows, and names its policy, Sid and index', () => {
    const p = policy('readCampaigns', { Sid: 'ReadApp', Effect: 'Allow', Action: 'mobiletargeting:GetApp', Resource: APP }, { Sid: 'Read', Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: CAMPAIGN });
    expect(evaluate([p], request('mobiletargeting:GetCampaign', CAMPAIGN))).toStrictEqual({ decision: 'allow', statement: { policyName: 'readCampaigns', sid: 'Read', index: 1 } });
  });

  test('a statement without a Sid is reported by index alone', () => {
    expect(evaluate([policy('p', allowAll)], request('mobiletargeting:GetApp', APP))).toStrictEqual({ decision: 'allow', statement: { policyName: 'p', index: 0 } });
  });

  test('nothing matches: implicit deny, with no deciding statement', () => {
    const p = policy('p', { Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: CAMPAIGN });
    expect(evaluate([p], request('mobiletargeting:DeleteCampaign', CAMPAIGN))).toStrictEqual({ decision: 'implicitDeny' });
    expect(evaluate([p], request('mobiletargeting:GetCampaign', `${APP}/campaigns/other`))).toStrictEqual({ decision: 'implicitDeny' });
    expect(evaluate([], request('mobiletargeting:GetCampaign', CAMPAIGN))).toStrictEqual({ decision: 'implicitDeny' });
  });

  test('an explicit Deny wins over an Allow, in another policy or the same one, before or after it', () => {
    const allow = policy('allowAll', allowAll);
    const deny = policy('noDeletes', { Sid: 'NoDeletes', Effect: 'Deny', Action: 'mobiletargeting:Delete*', Resource: '*' });
    const expected = { decision: 'explicitDeny', statement: { policyName: 'noDeletes', sid: 'NoDeletes', index: 0 } };
    expect(evaluate([allow, deny], request('mobiletargeting:DeleteApp', APP))).toStrictEqual(expected);
    expect(evaluate([deny, allow], request('mobiletargeting:DeleteApp', APP))).toStrictEqual(expected);
    const both = policy('both', allowAll, { Sid: 'NoDeletes', Effect: 'Deny', Action: 'mobiletargeting:Delete*', Resource: '*' });
    expect(evaluate([both], request('mobiletargeting:DeleteApp', APP))).toStrictEqual({ decision: 'explicitDeny', statement: { policyName: 'both', sid: 'NoDeletes', index: 1 } });
    // The deny does not cover reads: the allow stands.
    expect(evaluate([allow, deny], request('mobiletargeting:GetApp', APP))).toStrictEqual({ decision: 'allow', statement: { policyName: 'allowAll', index: 0 } });
  });

  test('a Deny alone denies explicitly; without any Allow the rest is implicitly denied', () => {
    const deny = policy('d', { Effect: 'Deny', Action: 'mobiletargeting:DeleteApp', Resource: '*' });
    expect(evaluate([deny], request('mobiletargeting:DeleteApp', APP)).decision).toBe('explicitDeny');
    expect(evaluate([deny], request('mobiletargeting:GetApp', APP))).toStrictEqual({ decision: 'implicitDeny' });
  });

  test('of several Allows the first is reported; of several Denies the first', () => {
    const p = policy('p', { Sid: 'A1', ...allowAll }, { Sid: 'A2', ...allowAll });
    const q = policy('q', { Sid: 'D1', Effect: 'Deny', Action: '*', Resource: '*' }, { Sid: 'D2', Effect: 'Deny', Action: '*', Resource: '*' });
    expect(evaluate([p], request('mobiletargeting:GetApp', APP)).statement).toStrictEqual({ policyName: 'p', sid: 'A1', index: 0 });
    expect(evaluate([p, q], request('mobiletargeting:GetApp', APP)).statement).toStrictEqual({ policyName: 'q', sid: 'D1', index: 0 });
  });

  test('Statement as a single object is statement 0', () => {
    const p = parsePolicy('single', { Version: '2012-10-17', Statement: { Sid: 'Only', ...allowAll } });
    expect(evaluate([p], request('sms-voice:SendTextMessage', PHONE_NUMBER))).toStrictEqual({ decision: 'allow', statement: { policyName: 'single', sid: 'Only', index: 0 } });
  });

  test('a policy may be given as JSON text, and Version may be left out (IAM reads it as 2008-10-17)', () => {
    const p = parsePolicy('text', JSON.stringify({ Statement: [allowAll] }));
    expect(p.version).toBe('2008-10-17');
    expect(evaluate([p], request('mobiletargeting:GetApp', APP)).decision).toBe('allow');
  });
});

describe('Action and NotAction', () => {
  test.each([
    ['mobiletargeting:GetCampaign', 'mobiletargeting:GetCampaign', true],
    ['mobiletargeting:getcampaign', 'mobiletargeting:GetCampaign', true],
    ['MobileTargeting:GETCAMPAIGN', 'mobiletargeting:GetCampaign', true],
    ['mobiletargeting:GetCampaign', 'MOBILETARGETING:getCampaign', true],
    ['mobiletargeting:Get*', 'mobiletargeting:GetCampaign', true],
    ['mobiletargeting:Get*', 'mobiletargeting:DeleteCampaign', false],
    ['mobiletargeting:*Campaign*', 'mobiletargeting:GetCampaignVersions', true],
    ['mobiletargeting:GetCampaign?', 'mobiletargeting:GetCampaigns', true],
    ['mobiletargeting:GetCampaign?', 'mobiletargeting:GetCampaign', false],
    ['mobiletargeting:GetCampaign', 'mobiletargeting:GetCampaigns', false],
    ['mobiletargeting:Get', 'mobiletargeting:GetCampaign', false],
    ['mobiletargeting:*', 'sms-voice:SendTextMessage', false],
    ['sms-voice:Describe*', 'sms-voice:DescribePhoneNumbers', true],
    ['sms-voice:*', 'sms-voice:SendTextMessage', true],
    ['*', 'sms-voice:SendTextMessage', true],
  ])('Action %s against %s: %s', (pattern, action, allowed) => {
    const p = policy('p', { Effect: 'Allow', Action: pattern, Resource: '*' });
    expect(evaluate([p], request(action, CAMPAIGN)).decision).toBe(allowed ? 'allow' : 'implicitDeny');
  });

  test('a list of actions matches when any does', () => {
    const p = policy('p', { Effect: 'Allow', Action: ['mobiletargeting:GetApp', 'mobiletargeting:GetCampaign*'], Resource: '*' });
    expect(evaluate([p], request('mobiletargeting:GetApp', APP)).decision).toBe('allow');
    expect(evaluate([p], request('mobiletargeting:GetCampaignActivities', CAMPAIGN)).decision).toBe('allow');
    expect(evaluate([p], request('mobiletargeting:GetSegment', APP)).decision).toBe('implicitDeny');
  });

  test('Allow with NotAction allows every action it does not list', () => {
    const p = policy('p', { Effect: 'Allow', NotAction: ['mobiletargeting:Delete*', 'sms-voice:Send*'], Resource: '*' });
    expect(evaluate([p], request('mobiletargeting:GetCampaign', CAMPAIGN)).decision).toBe('allow');
    expect(evaluate([p], request('mobiletargeting:deleteapp', APP)).decision).toBe('implicitDeny');
    expect(evaluate([p], request('sms-voice:SendTextMessage', PHONE_NUMBER)).decision).toBe('implicitDeny');
  });

  test('Deny with NotAction denies everything but the listed actions (a read-only fence)', () => {
    const p = policy('p', allowAll, { Sid: 'ReadOnly', Effect: 'Deny', NotAction: ['mobiletargeting:Get*', 'mobiletargeting:List*'], Resource: '*' });
    expect(evaluate([p], request('mobiletargeting:GetApp', APP))).toStrictEqual({ decision: 'allow', statement: { policyName: 'p', index: 0 } });
    expect(evaluate([p], request('mobiletargeting:UpdateCampaign', CAMPAIGN))).toStrictEqual({ decision: 'explicitDeny', statement: { policyName: 'p', sid: 'ReadOnly', index: 1 } });
  });
});

describe('Resource and NotResource', () => {
  test.each([
    [CAMPAIGN, CAMPAIGN, true],
    [`${APP}/*`, CAMPAIGN, true],
    [`${APP}/campaigns/*`, CAMPAIGN, true],
    [`${APP}/campaigns/*`, APP, false],
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/*`, CAMPAIGN, true],
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/ab?`, APP, true],
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/ab?`, `${APP}d`, false],
    [`arn:aws:mobiletargeting:*:${ACCOUNT}:apps/abc`, `arn:aws:mobiletargeting:eu-west-1:${ACCOUNT}:apps/abc`, true],
    [`arn:aws:mobiletargeting:us-*:*:apps/abc`, APP, true],
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:*`, CAMPAIGN, true],
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:*`, `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/a:b`, true],
    [`arn:aws:mobiletargeting:us-east-1:999999999999:apps/*`, CAMPAIGN, false],
    // ARNs are case-sensitive.
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/ABC`, APP, false],
    [`arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:Apps/*`, APP, false],
    // A * inside one part does not run into the next: the region part is matched on its own.
    [`arn:aws:mobiletargeting:*:${ACCOUNT}:apps/abc`, `arn:aws:mobiletargeting:us-east-1:extra:${ACCOUNT}:apps/abc`, false],
    [`arn:aws:sms-voice:*:*:phone-number/*`, PHONE_NUMBER, true],
    [`arn:aws:sms-voice:*:*:pool/*`, PHONE_NUMBER, false],
    ['*', CAMPAIGN, true],
    // An action with no resource type is asked about `*`: only Resource "*" covers it.
    ['*', '*', true],
    [`arn:aws:mobiletargeting:*:*:*`, '*', false],
  ])('Resource %s against %s: %s', (pattern, resource, allowed) => {
    const p = policy('p', { Effect: 'Allow', Action: '*', Resource: pattern });
    expect(evaluate([p], request('mobiletargeting:GetCampaign', resource)).decision).toBe(allowed ? 'allow' : 'implicitDeny');
  });

  test('Allow with NotResource allows every resource it does not list', () => {
    const p = policy('p', { Effect: 'Allow', Action: 'mobiletargeting:*', NotResource: [`${APP}`, `${APP}/*`] });
    expect(evaluate([p], request('mobiletargeting:GetApp', OTHER_APP)).decision).toBe('allow');
    expect(evaluate([p], request('mobiletargeting:GetApp', APP)).decision).toBe('implicitDeny');
    expect(evaluate([p], request('mobiletargeting:GetCampaign', CAMPAIGN)).decision).toBe('implicitDeny');
  });

  test('Deny with NotResource fences a caller into one project', () => {
    const p = policy('oneProject', allowAll, { Sid: 'OnlyAbc', Effect: 'Deny', Action: 'mobiletargeting:*', NotResource: [APP, `${APP}/*`] });
    expect(evaluate([p], request('mobiletargeting:GetCampaign', CAMPAIGN)).decision).toBe('allow');
    expect(evaluate([p], request('mobiletargeting:GetApp', OTHER_APP))).toStrictEqual({ decision: 'explicitDeny', statement: { policyName: 'oneProject', sid: 'OnlyAbc', index: 1 } });
  });
});

describe('conditions', () => {
  /** The decision of one Allow-everything statement with this Condition, in this context. */
  const decide = (condition: object, context: ConditionContext) => evaluate([policy('p', { ...allowAll, Condition: condition })], request('mobiletargeting:GetCampaign', CAMPAIGN, context)).decision;
  const region = (value: string) => ({ 'aws:RequestedRegion': value });
  const team = (value: string | readonly string[]) => ({ 'aws:ResourceTag/team': value });

  test.each([
    // [operator, policy value, context, allowed]
    ['StringEquals', 'us-east-1', region('us-east-1'), true],
    ['StringEquals', 'us-east-1', region('eu-west-1'), false],
    ['StringEquals', 'us-east-1', {}, false],
    ['StringEquals', 'US-EAST-1', region('us-east-1'), false],
    ['StringNotEquals', 'us-east-1', region('eu-west-1'), true],
    ['StringNotEquals', 'us-east-1', region('us-east-1'), false],
    ['StringNotEquals', 'us-east-1', {}, true],
    ['StringEqualsIgnoreCase', 'US-EAST-1', region('us-east-1'), true],
    ['StringEqualsIgnoreCase', 'US-EAST-1', region('eu-west-1'), false],
    ['StringNotEqualsIgnoreCase', 'US-EAST-1', region('us-east-1'), false],
    ['StringNotEqualsIgnoreCase', 'US-EAST-1', region('eu-west-1'), true],
    ['StringLike', 'us-*', region('us-west-2'), true],
    ['StringLike', 'us-east-?', region('us-east-1'), true],
    ['StringLike', 'us-*', region('eu-west-1'), false],
    ['StringLike', 'US-*', region('us-west-2'), false],
    ['StringLike', 'us-*', {}, false],
    ['StringNotLike', 'us-*', region('eu-west-1'), true],
    ['StringNotLike', 'us-*', region('us-east-1'), false],
    ['StringNotLike', 'us-*', {}, true],
  ])('%s aws:RequestedRegion %s with %j: %s', (operator, value, context, allowed) => {
    expect(decide({ [operator]: { 'aws:RequestedRegion': value } }, context)).toBe(allowed ? 'allow' : 'implicitDeny');
  });

  test.each([
    ['StringEquals', team('growth'), true],
    ['StringEquals', team('legal'), false],
    ['StringEquals', {}, false],
    ['StringNotEquals', team('legal'), true],
    ['StringNotEquals', team('growth'), false],
    ['StringNotEquals', {}, true],
    ['StringLike', team('growth'), true],
    ['StringNotLike', team('growth'), false],
    ['StringNotLike', team('legal'), true],
  ])('%s aws:ResourceTag/team growth with %j: %s', (operator, context, allowed) => {
    expect(decide({ [operator]: { 'aws:ResourceTag/team': 'growth' } }, context)).toBe(allowed ? 'allow' : 'implicitDeny');
  });

  test('condition key names fold case (the tag key too); values do not', () => {
    expect(decide({ StringEquals: { 'AWS:REQUESTEDREGION': 'us-east-1' } }, { 'aws:requestedregion': 'us-east-1' })).toBe('allow');
    expect(decide({ StringEquals: { 'aws:ResourceTag/Team': 'growth' } }, { 'AWS:RESOURCETAG/TEAM': 'growth' })).toBe('allow');
    expect(decide({ StringEquals: { 'aws:ResourceTag/Team': 'growth' } }, { 'aws:ResourceTag/team': 'Growth' })).toBe('implicitDeny');
  });

  test('several values of one key are OR-ed; of a negated operator, NOR-ed', () => {
    const anyOf = { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } };
    expect(decide(anyOf, region('us-east-1'))).toBe('allow');
    expect(decide(anyOf, region('us-west-2'))).toBe('allow');
    expect(decide(anyOf, region('eu-west-1'))).toBe('implicitDeny');
    const noneOf = { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } };
    expect(decide(noneOf, region('eu-west-1'))).toBe('allow');
    expect(decide(noneOf, region('us-west-2'))).toBe('implicitDeny');
    const likeAny = { StringLike: { 'aws:ResourceTag/team': ['grow*', 'mark?ting'] } };
    expect(decide(likeAny, team('marketing'))).toBe('allow');
    expect(decide(likeAny, team('legal'))).toBe('implicitDeny');
  });

  test('several keys of one operator, and several operators, are AND-ed', () => {
    const keys = { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:ResourceTag/team': 'growth' } };
    expect(decide(keys, { ...region('us-east-1'), ...team('growth') })).toBe('allow');
    expect(decide(keys, { ...region('us-east-1'), ...team('legal') })).toBe('implicitDeny');
    expect(decide(keys, region('us-east-1'))).toBe('implicitDeny');
    const operators = { StringLike: { 'aws:RequestedRegion': 'us-*' }, StringNotEquals: { 'aws:ResourceTag/team': 'legal' } };
    expect(decide(operators, { ...region('us-west-2'), ...team('growth') })).toBe('allow');
    expect(decide(operators, { ...region('us-west-2'), ...team('legal') })).toBe('implicitDeny');
    expect(decide(operators, { ...region('eu-west-1'), ...team('growth') })).toBe('implicitDeny');
  });

  test('IfExists: a missing key satisfies the condition; a present one is checked', () => {
    for (const operator of ['StringEqualsIfExists', 'StringLikeIfExists', 'StringNotEqualsIfExists', 'StringNotLikeIfExists']) {
      expect({ operator, missing: decide({ [operator]: { 'aws:ResourceTag/team': 'growth' } }, {}) }).toEqual({ operator, missing: 'allow' });
    }
    expect(decide({ StringEqualsIfExists: { 'aws:ResourceTag/team': 'growth' } }, team('growth'))).toBe('allow');
    expect(decide({ StringEqualsIfExists: { 'aws:ResourceTag/team': 'growth' } }, team('legal'))).toBe('implicitDeny');
    expect(decide({ StringNotLikeIfExists: { 'aws:ResourceTag/team': 'gr*' } }, team('growth'))).toBe('implicitDeny');
    // A missing value and an empty list are both "not present".
    expect(decide({ StringEquals: { 'aws:ResourceTag/team': 'growth' } }, { 'aws:ResourceTag/team': undefined })).toBe('implicitDeny');
    expect(decide({ StringEqualsIfExists: { 'aws:ResourceTag/team': 'growth' } }, team([]))).toBe('allow');
  });

  test('a Deny on a tag: a positive operator denies the tagged resource only; a negated one (or IfExists) also an untagged one', () => {
    const denyLegal = policy('p', allowAll, { Sid: 'NotLegal', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'legal' } } });
    expect(evaluate([denyLegal], request('mobiletargeting:GetCampaign', CAMPAIGN, team('legal'))).decision).toBe('explicitDeny');
    expect(evaluate([denyLegal], request('mobiletargeting:GetCampaign', CAMPAIGN, team('growth'))).decision).toBe('allow');
    expect(evaluate([denyLegal], request('mobiletargeting:GetCampaign', CAMPAIGN, {})).decision).toBe('allow');
    // IAM: a negated operator on a missing key is true, so "deny unless team=growth" denies untagged resources.
    const onlyGrowth = policy('p', allowAll, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/team': 'growth' } } });
    expect(evaluate([onlyGrowth], request('mobiletargeting:GetCampaign', CAMPAIGN, {})).decision).toBe('explicitDeny');
    expect(evaluate([onlyGrowth], request('mobiletargeting:GetCampaign', CAMPAIGN, team('growth'))).decision).toBe('allow');
    // IfExists makes a missing key true as well, so in a Deny it too covers untagged resources.
    const ifExists = policy('p', allowAll, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:ResourceTag/team': 'growth' } } });
    expect(evaluate([ifExists], request('mobiletargeting:GetCampaign', CAMPAIGN, {})).decision).toBe('explicitDeny');
    expect(evaluate([ifExists], request('mobiletargeting:GetCampaign', CAMPAIGN, team('legal'))).decision).toBe('explicitDeny');
    expect(evaluate([ifExists], request('mobiletargeting:GetCampaign', CAMPAIGN, team('growth'))).decision).toBe('allow');
  });

  test('ForAnyValue and ForAllValues over a multivalued context value, and over a missing key', () => {
    const anyValue = { 'ForAnyValue:StringEquals': { 'aws:ResourceTag/team': ['growth', 'sales'] } };
    expect(decide(anyValue, team(['legal', 'sales']))).toBe('allow');
    expect(decide(anyValue, team(['legal', 'ops']))).toBe('implicitDeny');
    expect(decide(anyValue, {})).toBe('implicitDeny');
    const allValues = { 'ForAllValues:StringLike': { 'aws:ResourceTag/team': ['grow*', 'sales'] } };
    expect(decide(allValues, team(['growth', 'sales']))).toBe('allow');
    expect(decide(allValues, team(['growth', 'legal']))).toBe('implicitDeny');
    expect(decide(allValues, {})).toBe('allow');
    expect(decide({ 'ForAnyValue:StringNotEquals': { 'aws:ResourceTag/team': 'growth' } }, team(['growth', 'legal']))).toBe('allow');
    expect(decide({ 'ForAllValues:StringNotEquals': { 'aws:ResourceTag/team': 'growth' } }, team(['growth', 'legal']))).toBe('implicitDeny');
    expect(decide({ 'ForAnyValue:StringEqualsIfExists': { 'aws:ResourceTag/team': 'growth' } }, {})).toBe('allow');
    // Without a qualifier, a multivalued context value matches when any of its values does.
    expect(decide({ StringEquals: { 'aws:ResourceTag/team': 'growth' } }, team(['legal', 'growth']))).toBe('allow');
    expect(decide({ StringNotEquals: { 'aws:ResourceTag/team': 'growth' } }, team(['legal', 'growth']))).toBe('implicitDeny');
  });

  test('numbers and booleans in conditions compare as their text', () => {
    expect(decide({ StringEquals: { 'aws:ResourceTag/tier': 1, 'aws:ResourceTag/beta': true } }, { 'aws:ResourceTag/tier': '1', 'aws:ResourceTag/beta': 'true' })).toBe('allow');
  });
});

describe('needsResourceTags', () => {
  const tagged = (effect: string, value = 'growth', extra: object = {}) => ({ Effect: effect, Action: 'mobiletargeting:*', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': value }, ...extra } });
  const get = request('mobiletargeting:GetCampaign', CAMPAIGN, { 'aws:RequestedRegion': 'us-east-1' });

  test('no policy reads tags: never needed', () => {
    const p = policy('p', allowAll, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } });
    expect(p.readsResourceTags).toBe(false);
    expect(needsResourceTags([p], get)).toBe(false);
  });

  test('an applicable tag-conditioned Allow with nothing else: needed', () => {
    const p = policy('p', tagged('Allow'));
    expect(p.readsResourceTags).toBe(true);
    expect(needsResourceTags([p], get)).toBe(true);
  });

  test('a tag condition on a statement that does not target the request: not needed', () => {
    expect(needsResourceTags([policy('p', { ...tagged('Allow'), Action: 'sms-voice:*' })], get)).toBe(false);
    expect(needsResourceTags([policy('p', { ...tagged('Allow'), Resource: OTHER_APP })], get)).toBe(false);
  });

  test('a tag-free Allow already applies: tags matter only if a tag-conditioned Deny could apply', () => {
    expect(needsResourceTags([policy('p', allowAll, tagged('Allow'))], get)).toBe(false);
    expect(needsResourceTags([policy('p', allowAll, tagged('Deny'))], get)).toBe(true);
  });

  test('a tag-free Deny already applies: never needed', () => {
    const deny = { Effect: 'Deny', Action: 'mobiletargeting:Get*', Resource: '*' };
    expect(needsResourceTags([policy('p', tagged('Allow'), tagged('Deny', 'legal'), deny)], get)).toBe(false);
  });

  test('a statement whose other conditions already fail does not count', () => {
    const euOnly = tagged('Deny', 'legal', { StringEquals: { 'aws:ResourceTag/team': 'legal', 'aws:RequestedRegion': 'eu-west-1' } });
    expect(needsResourceTags([policy('p', allowAll, euOnly)], get)).toBe(false);
    expect(needsResourceTags([policy('p', allowAll, euOnly)], { ...get, context: { 'aws:RequestedRegion': 'eu-west-1' } })).toBe(true);
  });

  test('tag values already in the context are ignored (the question is asked before they are fetched)', () => {
    expect(needsResourceTags([policy('p', tagged('Allow'))], { ...get, context: { 'aws:ResourceTag/team': 'growth' } })).toBe(true);
  });

  test('property: when tags are not needed, the outcome is the same whatever the tags (fixed seed)', () => {
    const statement = fc.record({
      Effect: fc.constantFrom('Allow', 'Deny'),
      Action: fc.constantFrom('*', 'mobiletargeting:Get*', 'mobiletargeting:GetCampaign', 'mobiletargeting:DeleteApp', 'sms-voice:*'),
      Resource: fc.constantFrom('*', CAMPAIGN, `${APP}/*`, OTHER_APP),
      Condition: fc.constantFrom(
        {},
        { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
        { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        { StringEquals: { 'aws:ResourceTag/team': 'growth' } },
        { StringNotEquals: { 'aws:ResourceTag/team': 'growth' } },
        { StringLikeIfExists: { 'aws:ResourceTag/team': 'gr*' } },
        { StringEquals: { 'aws:ResourceTag/team': 'legal', 'aws:RequestedRegion': 'us-east-1' } },
        { 'ForAnyValue:StringEquals': { 'aws:ResourceTag/team': ['legal', 'sales'] } },
      ),
    });
    const tagValues: ConditionContext[] = [{}, { 'aws:ResourceTag/team': 'growth' }, { 'aws:ResourceTag/team': 'legal' }, { 'aws:ResourceTag/team': 'sales' }];
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), fc.constantFrom('mobiletargeting:GetCampaign', 'mobiletargeting:DeleteApp', 'sms-voice:SendTextMessage'), (statements, action) => {
        const policies = [policy('p', ...statements)];
        const base = { action, resource: CAMPAIGN, context: { 'aws:RequestedRegion': 'us-east-1' } };
        if (needsResourceTags(policies, base)) return;
        const outcomes = new Set(tagValues.map((tags) => evaluate(policies, { ...base, context: { ...base.context, ...tags } }).decision));
        expect(outcomes.size).toBe(1);
      }),
      { seed: 13, numRuns: 1000 },
    );
  });
});

describe('malformed policies are refused at load time, naming the statement and the problem', () => {
  const statement = { Effect: 'Allow', Action: 'mobiletargeting:GetCampaign', Resource: '*' };
  const withStatement = (changes: object) => ({ Version: '2012-10-17', Statement: [{ ...statement, ...changes }] });
  const OPERATORS = 'supported: StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, each with an optional ForAnyValue:/ForAllValues: prefix and IfExists suffix';
  const ACTION_RULE = 'must be "*" or "service:ActionName" (wildcards * and ? only in the action name)';
  const ARN_RULE = 'must be "*" or an ARN with six parts, arn:partition:service:region:account:resource (wildcards * and ? allowed)';
  const KEYS = "the gateway's request context has aws:RequestedRegion and aws:ResourceTag/<tag-key>";
  const CONDITION_RULE = 'Condition must map operators to objects of key → value or non-empty array of values (strings, numbers or booleans)';

  test.each<[string, unknown, string]>([
    ['text that is not JSON', '{"Version": ', 'document: is not valid JSON (Unexpected end of JSON input)'],
    ['a document that is not an object', 42, 'document: must be a JSON object with Version and Statement; got 42'],
    ['an unknown Version', { Version: '2012-10-18', Statement: [statement] }, 'Version: must be "2012-10-17" or "2008-10-17"; got "2012-10-18"'],
    ['an unknown top-level element', { Version: '2012-10-17', Statements: [statement] }, 'document: unknown element "Statements" (a policy has Version, Id and Statement)'],
    ['no Statement', { Version: '2012-10-17' }, 'Statement: is missing; a policy needs at least one statement'],
    ['an empty Statement array', { Version: '2012-10-17', Statement: [] }, 'Statement: must be a statement object or a non-empty array of them; got []'],
    ['a Statement that is a string', { Version: '2012-10-17', Statement: 'Allow' }, 'Statement: must be a statement object or a non-empty array of them; got "Allow"'],
    ['an Effect in the wrong case', withStatement({ Sid: 'Read', Effect: 'allow' }), 'Statement[0] (Sid "Read"): Effect must be "Allow" or "Deny"; got "allow"'],
    ['no Effect', { Version: '2012-10-17', Statement: [{ Sid: 'Read', Action: 'a:b', Resource: '*' }] }, 'Statement[0] (Sid "Read"): Effect is missing; it must be "Allow" or "Deny"'],
    ['a Sid with a space', withStatement({ Sid: 'Read all' }), 'Statement[0] (Sid "Read all"): Sid must contain only letters and digits (A-Z, a-z, 0-9); got "Read all"'],
    ['both Action and NotAction', withStatement({ NotAction: 'mobiletargeting:Delete*' }), 'Statement[0]: has both Action and NotAction; a statement takes one of them'],
    ['neither Action nor NotAction', { Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'Statement[0]: needs Action or NotAction'],
    ['no Resource', { Statement: [{ Effect: 'Allow', Action: '*' }] }, 'Statement[0]: needs Resource or NotResource (an identity policy names the resources it applies to; "*" for all)'],
    ['both Resource and NotResource', withStatement({ NotResource: APP }), 'Statement[0]: has both Resource and NotResource; a statement takes one of them'],
    ['an empty Action list', withStatement({ Action: [] }), 'Statement[0]: Action must be a string or a non-empty array of non-empty strings; got []'],
    ['an empty action name', withStatement({ Action: ['mobiletargeting:GetApp', ''] }), 'Statement[0]: Action must be a string or a non-empty array of non-empty strings; got ["mobiletargeting:GetApp",""]'],
    ['an action without a service prefix', withStatement({ Action: 'GetCampaign' }), `Statement[0]: Action "GetCampaign" ${ACTION_RULE}`],
    ['a wildcard in the service prefix', withStatement({ NotAction: '*:Get*', Action: undefined }), `Statement[0]: NotAction "*:Get*" ${ACTION_RULE}`],
    ['a resource that is not an ARN', withStatement({ Resource: 'apps/abc' }), `Statement[0]: Resource "apps/abc" ${ARN_RULE}`],
    ['an ARN with fewer than six parts', withStatement({ NotResource: 'arn:aws:mobiletargeting:*', Resource: undefined }), `Statement[0]: NotResource "arn:aws:mobiletargeting:*" ${ARN_RULE}`],
    ['a policy variable (2012-10-17)', withStatement({ Resource: `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/\${aws:username}` }), `Statement[0]: Resource "arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/\${aws:username}" uses a policy variable; the gateway does not substitute policy variables`],
    ['an unknown condition operator', withStatement({ Condition: { StringEqualz: { 'aws:RequestedRegion': 'us-east-1' } } }), `Statement[0]: Condition operator "StringEqualz" is not supported; ${OPERATORS}`],
    ['an operator in the wrong case', withStatement({ Condition: { 'forAnyValue:stringlike': { 'aws:RequestedRegion': 'us-*' } } }), `Statement[0]: Condition operator "forAnyValue:stringlike" is not supported (operator names are case-sensitive: did you mean "ForAnyValue:StringLike"?); ${OPERATORS}`],
    ['an operator of another family', withStatement({ Condition: { NumericLessThan: { 'aws:RequestedRegion': 1 } } }), `Statement[0]: Condition operator "NumericLessThan" is not supported; ${OPERATORS}`],
    ['a Null check (not implemented)', withStatement({ Condition: { Null: { 'aws:ResourceTag/team': 'true' } } }), `Statement[0]: Condition operator "Null" is not supported; ${OPERATORS}`],
    ['a key the gateway never supplies', withStatement({ Condition: { StringEquals: { 'aws:SourceIp': '10.0.0.1' } } }), `Statement[0]: Condition key "aws:SourceIp" is not supported; ${KEYS}`],
    ['a tag key that is empty', withStatement({ Condition: { StringEquals: { 'aws:ResourceTag/': 'x' } } }), `Statement[0]: Condition key "aws:ResourceTag/" is not supported; ${KEYS}`],
    ['an operator with no key', withStatement({ Condition: { StringEquals: {} } }), 'Statement[0]: Condition operator "StringEquals" names no condition key'],
    ['a condition with an empty value list', withStatement({ Condition: { StringEquals: { 'aws:RequestedRegion': [] } } }), `Statement[0]: ${CONDITION_RULE}; got {"StringEquals":{"aws:RequestedRegion":[]}}`],
    ['a condition that is not an object', withStatement({ Condition: 'us-east-1' }), `Statement[0]: ${CONDITION_RULE}; got "us-east-1"`],
    ['a Principal (resource-based policies only)', withStatement({ Principal: { AWS: '*' } }), 'Statement[0]: Principal belongs in resource-based policies; these are identity policies, whose principal is the caller they are attached to'],
    ['unknown statement elements', withStatement({ Actions: 'x', Resources: 'y' }), 'Statement[0]: unknown elements "Actions", "Resources" (a statement has Sid, Effect, Action or NotAction, Resource or NotResource, and Condition)'],
    ['a statement that is not an object', { Statement: [statement, 'Deny'] }, 'Statement[1]: must be a JSON object; got "Deny"'],
  ])('%s', (_case, document, problem) => {
    expect(refusal(document)).toBe(`Policy "p" is invalid: ${problem}`);
  });

  test('every problem is listed, each naming its statement, and the error carries them', () => {
    const document = {
      Version: '2012-10-17',
      Statement: [statement, { Sid: 'Two', Effect: 'Maybe', Action: '*', Resource: '*' }, { Sid: 'Three', ...statement, Action: 'nope', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'x' } } }],
    };
    let error: PolicyError | undefined;
    try {
      parsePolicy('team-policy', document);
    } catch (caught) {
      error = caught as PolicyError;
    }
    expect(error?.name).toBe('PolicyError');
    expect(error?.policyName).toBe('team-policy');
    expect(error?.problems).toEqual([
      { where: 'Statement[1] (Sid "Two")', message: 'Effect must be "Allow" or "Deny"; got "Maybe"' },
      { where: 'Statement[2] (Sid "Three")', message: `Action "nope" ${ACTION_RULE}` },
      { where: 'Statement[2] (Sid "Three")', message: `Condition key "aws:PrincipalTag/team" is not supported; ${KEYS}` },
    ]);
    expect(error?.message).toBe(
      'Policy "team-policy" is invalid: Statement[1] (Sid "Two"): Effect must be "Allow" or "Deny"; got "Maybe"; ' +
        `Statement[2] (Sid "Three"): Action "nope" ${ACTION_RULE}; Statement[2] (Sid "Three"): Condition key "aws:PrincipalTag/team" is not supported; ${KEYS}`,
    );
  });

  test('what is valid is accepted: qualifiers, IfExists, Id, 2008-10-17 variables as literal text', () => {
    expect(refusal(withStatement({ Condition: { 'ForAllValues:StringNotLikeIfExists': { 'aws:ResourceTag/team': ['a*'] }, StringEqualsIgnoreCase: { 'aws:requestedregion': 'US-EAST-1' } } }))).toBe('accepted');
    expect(refusal({ Version: '2012-10-17', Id: 'frontend', Statement: [{ Sid: 'Read1', ...statement }] })).toBe('accepted');
    const literal = parsePolicy('old', { Version: '2008-10-17', Statement: [{ ...statement, Resource: `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/\${x}` }] });
    expect(evaluate([literal], request('mobiletargeting:GetCampaign', `arn:aws:mobiletargeting:us-east-1:${ACCOUNT}:apps/\${x}`)).decision).toBe('allow');
  });
});

describe('the glob matcher', () => {
  test.each([
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['*', 'anything/at:all', true],
    ['?', '', false],
    ['?', 'a', true],
    ['a*b', 'ab', true],
    ['a*b', 'axxxb', true],
    ['a*b', 'axxxbc', false],
    ['a*b*c', 'abxbc', true],
    ['*a*a*b', 'aaab', true],
    ['*a*a*b', 'ab', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['**', 'x', true],
    ['a.c', 'abc', false],
    ['(a|b)', '(a|b)', true],
    ['\\d', '\\d', true],
  ])('%j against %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  /** Module-private: the reference, a regex built from escaped input (safe on these short strings). */
  const reference = (pattern: string, text: string) =>
    new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('')}$`, 's').test(text);

  test('property: agrees with an escaped-regex reference on short strings (fixed seed)', () => {
    const patternChar = fc.constantFrom('a', 'b', '*', '?', '.', '(', '\\', '/', ':', '$');
    const textChar = fc.constantFrom('a', 'b', '.', '(', '\\', '/', ':', '$', '\n');
    fc.assert(
      fc.property(fc.array(patternChar, { maxLength: 8 }).map((cs) => cs.join('')), fc.array(textChar, { maxLength: 12 }).map((cs) => cs.join('')), (pattern, text) => {
        expect(globMatch(pattern, text)).toBe(reference(pattern, text));
      }),
      { seed: 20240409, numRuns: 5000 },
    );
  });

  /** The documented bound: (|text| + 1) · (L + 1) + 2 · |pattern|, L = the longest star-free run. */
  const bound = (pattern: string, text: string) => (text.length + 1) * (Math.max(...pattern.split('*').map((run) => run.length)) + 1) + 2 * pattern.length;

  test('linear on adversarial patterns: *a*a*a*a*a*b against long aaaa… (step counts, not time)', () => {
    const pattern = '*a*a*a*a*a*b';
    const steps = [1_000, 10_000, 100_000].map((n) => {
      const stats = { steps: 0 };
      expect(globMatch(pattern, 'a'.repeat(n), stats)).toBe(false);
      expect(stats.steps).toBeLessThanOrEqual(bound(pattern, 'a'.repeat(n)));
      return stats.steps;
    });
    // Ten times the text, ten times the work (a backtracking regex would take about n^5/120 steps).
    expect(steps[1] / steps[0]).toBeLessThan(10.5);
    expect(steps[2] / steps[1]).toBeLessThan(10.5);
    expect(steps[2]).toBeLessThanOrEqual(2 * 100_000 + 2 * pattern.length + 2);
  });

  test('a long star-free run costs at most its length per text position, and a match is found at the end', () => {
    const pattern = `*${'a'.repeat(20)}b`;
    const stats = { steps: 0 };
    expect(globMatch(pattern, `${'a'.repeat(50_000)}b`, stats)).toBe(true);
    expect(stats.steps).toBeLessThanOrEqual(bound(pattern, `${'a'.repeat(50_000)}b`));
  });

  test('property: the step count never exceeds the documented bound (fixed seed)', () => {
    const char = fc.constantFrom('a', 'b', '*', '?');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }).map((cs) => cs.join('')), fc.array(fc.constantFrom('a', 'b'), { maxLength: 200 }).map((cs) => cs.join('')), (pattern, text) => {
        const stats = { steps: 0 };
        globMatch(pattern, text, stats);
        expect(stats.steps).toBeLessThanOrEqual(bound(pattern, text));
      }),
      { seed: 7, numRuns: 3000 },
    );
  });
});
