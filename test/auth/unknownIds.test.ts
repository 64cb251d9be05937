import fc from 'fast-check';
import { arnPatternMatches, evaluate, evaluateWithUnknownIds, parsePolicy, UNKNOWN_ID } from '../../src/auth';

// Decisions on ARNs with unknown IDs (auth/unknownIds.ts): "allowed" only when allowed for every
// value the unknown part may take; a Deny that could match some value applies.

const ARN = (resource: string) => `arn:aws:sms-voice:us-east-1:123456789012:${resource}`;
const U = UNKNOWN_ID;

describe('arnPatternMatches', () => {
  test.each([
    [ARN('pool/*'), ARN(`pool/${U}`), true, true],
    [ARN('pool/pool-abc'), ARN(`pool/${U}`), false, true],
    [ARN('pool/pool-*'), ARN(`pool/${U}`), false, true],
    [ARN('pool/?*'), ARN(`pool/${U}`), true, true],
    [ARN('pool/?'), ARN(`pool/${U}`), false, true],
    [ARN('phone-number/*'), ARN(`pool/${U}`), false, false],
    ['arn:aws:sms-voice:us-east-1:*:pool/*', `arn:aws:sms-voice:us-east-1:${U}:pool/pool-1`, true, true],
    ['arn:aws:sms-voice:us-east-1:123456789012:pool/*', `arn:aws:sms-voice:us-east-1:${U}:pool/pool-1`, false, true],
    [ARN('sender-id/*/GB'), ARN(`sender-id/${U}/${U}`), false, true],
    [ARN('sender-id/*/*'), ARN(`sender-id/${U}/${U}`), true, true],
    ['*', ARN(`pool/${U}`), true, true],
  ])('%s against %s: every %s, some %s', (pattern, text, every, some) => {
    expect([arnPatternMatches(pattern, text, 'every'), arnPatternMatches(pattern, text, 'some')]).toEqual([every, some]);
  });

  test('on known ARNs, both quantifiers decide as the evaluator does', () => {
    const segment = fc.stringMatching(/^[a-c*?-]{0,6}$/);
    const id = fc.stringMatching(/^[a-c-]{1,6}$/);
    fc.assert(
      fc.property(segment, id, (pattern, value) => {
        const policy = parsePolicy('p', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: ARN(`pool/${pattern}`) }] });
        const allowed = evaluate([policy], { action: 'sms-voice:DescribePools', resource: ARN(`pool/${value}`) }).decision === 'allow';
        expect([arnPatternMatches(ARN(`pool/${pattern}`), ARN(`pool/${value}`), 'every'), arnPatternMatches(ARN(`pool/${pattern}`), ARN(`pool/${value}`), 'some')]).toEqual([allowed, allowed]);
      }),
    );
  });

  test('"some" is exactly: the pattern matches the text with the unknown part replaced by some value', () => {
    const segment = fc.stringMatching(/^[ab*?]{0,5}$/);
    const value = fc.stringMatching(/^[ab]{1,4}$/);
    fc.assert(
      fc.property(segment, fc.array(value, { minLength: 1, maxLength: 30 }), (pattern, values) => {
        // If some sampled value matches, "some" must say so; if "every" says so, every sampled value matches.
        const matches = values.map((candidate) => arnPatternMatches(ARN(`pool/x${pattern}`), ARN(`pool/x${candidate}`), 'every'));
        if (matches.some(Boolean)) expect(arnPatternMatches(ARN(`pool/x${pattern}`), ARN(`pool/x${U}`), 'some')).toBe(true);
        if (arnPatternMatches(ARN(`pool/x${pattern}`), ARN(`pool/x${U}`), 'every')) expect(matches.every(Boolean)).toBe(true);
      }),
    );
  });
});

describe('evaluateWithUnknownIds', () => {
  const policy = parsePolicy('p', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllPools', Effect: 'Allow', Action: 'sms-voice:Describe*', Resource: ARN('pool/*') },
      { Sid: 'OnePhone', Effect: 'Allow', Action: 'sms-voice:Describe*', Resource: ARN('phone-number/phone-1') },
      { Sid: 'NotThatPool', Effect: 'Deny', Action: 'sms-voice:DeletePool', Resource: ARN('pool/pool-protected') },
      { Sid: 'DeleteAny', Effect: 'Allow', Action: 'sms-voice:DeletePool', Resource: '*' },
    ],
  });
  test('an allow must cover every value; a deny applies if it could match one', () => {
    expect(evaluateWithUnknownIds([policy], { action: 'sms-voice:DescribePools', resource: ARN(`pool/${U}`) })).toEqual({ decision: 'allow', statement: { policyName: 'p', sid: 'AllPools', index: 0 } });
    expect(evaluateWithUnknownIds([policy], { action: 'sms-voice:DescribePhoneNumbers', resource: ARN(`phone-number/${U}`) }).decision).toBe('implicitDeny');
    expect(evaluateWithUnknownIds([policy], { action: 'sms-voice:DescribePhoneNumbers', resource: ARN(`phone-number/${U}`) }, 'optimistic').decision).toBe('allow');
    expect(evaluateWithUnknownIds([policy], { action: 'sms-voice:DeletePool', resource: ARN(`pool/${U}`) })).toEqual({ decision: 'explicitDeny', statement: { policyName: 'p', sid: 'NotThatPool', index: 2 } });
    expect(evaluateWithUnknownIds([policy], { action: 'sms-voice:DeletePool', resource: ARN(`pool/${U}`) }, 'optimistic').decision).toBe('allow');
    // Without unknown parts: exactly the evaluator.
    expect(evaluateWithUnknownIds([policy], { action: 'sms-voice:DeletePool', resource: ARN('pool/pool-2') })).toEqual(evaluate([policy], { action: 'sms-voice:DeletePool', resource: ARN('pool/pool-2') }));
  });

  test('NotResource: an allow covers unknown IDs only when no excluded pattern could match them', () => {
    const except = parsePolicy('e', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', NotResource: ARN('pool/pool-secret') }] });
    expect(evaluateWithUnknownIds([except], { action: 'sms-voice:DescribePools', resource: ARN(`pool/${U}`) }).decision).toBe('implicitDeny');
    expect(evaluateWithUnknownIds([except], { action: 'sms-voice:DescribePhoneNumbers', resource: ARN(`phone-number/${U}`) }).decision).toBe('allow');
  });
});
