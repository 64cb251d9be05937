import { startStack, type Stack } from '../../helpers/startStack';
import { emulatorAdmin, expectCalls, gqlWithEmulatorCalls, referenceQuery } from './kit';

/** The spend limits of a fresh emulator account: USD 1 a month each, no override. */
const TEXT_LIMIT = { name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit: 1, maxLimit: 1, overridden: false };
const VOICE_LIMIT = { name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit: 1, maxLimit: 1, overridden: false };

describe('account attributes, limits and spend limits: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('the account settings cost the written minimum', async () => {
    const reference = referenceQuery('sms-account-settings');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data).toEqual({
      smsVoiceAccount: {
        attributes: { nodes: [{ name: 'ACCOUNT_TIER', value: 'SANDBOX' }] },
        limits: {
          nodes: [
            { name: 'PHONE_NUMBERS', used: 7, max: 25 },
            { name: 'POOLS', used: 2, max: 25 },
            { name: 'CONFIGURATION_SETS', used: 3, max: 25 },
            { name: 'OPT_OUT_LISTS', used: 3, max: 25 },
            { name: 'SENDER_IDS', used: 3, max: 25 },
            { name: 'REGISTRATIONS', used: 7, max: 25 },
            { name: 'REGISTRATION_ATTACHMENTS', used: 2, max: 25 },
            { name: 'VERIFIED_DESTINATION_NUMBERS', used: 0, max: 10 },
          ],
        },
      },
      spendLimits: { nodes: [TEXT_LIMIT, VOICE_LIMIT] },
    });
    expectCalls(result, reference.byOperation);
  });

  test('smsVoiceAccount alone calls nothing; limits page forward with first/after', async () => {
    const nothing = await gqlWithEmulatorCalls(stack, '{ smsVoiceAccount { __typename } }');
    expect(nothing.response.body.data).toEqual({ smsVoiceAccount: { __typename: 'SmsVoiceAccount' } });
    expectCalls(nothing, {});

    const query = 'query ($after: String) { smsVoiceAccount { limits(first: 5, after: $after) { nodes { name } pageInfo { hasNextPage endCursor } } } }';
    const first = await gqlWithEmulatorCalls(stack, query);
    const page1 = first.response.body.data.smsVoiceAccount.limits;
    expect(page1.nodes.map((n: any) => n.name)).toEqual(['PHONE_NUMBERS', 'POOLS', 'CONFIGURATION_SETS', 'OPT_OUT_LISTS', 'SENDER_IDS']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expectCalls(first, { DescribeAccountLimits: 1 });
    const second = await gqlWithEmulatorCalls(stack, query, { after: page1.pageInfo.endCursor });
    expect(second.response.body.data.smsVoiceAccount.limits.nodes.map((n: any) => n.name)).toEqual(['REGISTRATIONS', 'REGISTRATION_ATTACHMENTS', 'VERIFIED_DESTINATION_NUMBERS']);
    expect(second.response.body.data.smsVoiceAccount.limits.pageInfo.hasNextPage).toBe(false);
    expectCalls(second, { DescribeAccountLimits: 1 });

    const spend = await gqlWithEmulatorCalls(stack, '{ spendLimits(first: 1) { nodes { name } pageInfo { hasNextPage } } }');
    expect(spend.response.body.data.spendLimits).toEqual({ nodes: [{ name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT' }], pageInfo: { hasNextPage: true } });
    expectCalls(spend, { DescribeSpendLimits: 1 });
  });

  test('the tier follows the account (a support case moves it to PRODUCTION)', async () => {
    await emulatorAdmin(stack, 'PUT', 'sms-voice-v2/account', { accountTier: 'PRODUCTION' });
    const result = await gqlWithEmulatorCalls(stack, '{ smsVoiceAccount { attributes { nodes { name value } } } }');
    expect(result.response.body.data.smsVoiceAccount.attributes.nodes).toEqual([{ name: 'ACCOUNT_TIER', value: 'PRODUCTION' }]);
    expectCalls(result, { DescribeAccountAttributes: 1 });
  });
});

describe('spend limit overrides: mutations return the changed limit', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    // A support case raised the ceilings, so an override below them is possible.
    await emulatorAdmin(stack, 'PUT', 'sms-voice-v2/account', { spendMaxLimits: { TEXT: 100, VOICE: 50 } });
  });
  afterAll(() => stack.close());

  test('set and delete the text override', async () => {
    const set = await gqlWithEmulatorCalls(stack, 'mutation { setTextMessageSpendLimitOverride(input: { monthlyLimit: 20 }) { monthlyLimit spendLimit { name enforcedLimit maxLimit overridden } } }');
    expect(set.response.body.errors).toBeUndefined();
    expect(set.response.body.data.setTextMessageSpendLimitOverride).toEqual({
      monthlyLimit: 20,
      spendLimit: { name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit: 20, maxLimit: 100, overridden: true },
    });
    expectCalls(set, { SetTextMessageSpendLimitOverride: 1, DescribeSpendLimits: 1 });

    const deleted = await gqlWithEmulatorCalls(stack, 'mutation { deleteTextMessageSpendLimitOverride { monthlyLimit spendLimit { enforcedLimit overridden } } }');
    expect(deleted.response.body.data.deleteTextMessageSpendLimitOverride).toEqual({ monthlyLimit: 100, spendLimit: { enforcedLimit: 100, overridden: false } });
    expectCalls(deleted, { DeleteTextMessageSpendLimitOverride: 1, DescribeSpendLimits: 1 });
  });

  test('set and delete the voice override; the list shows it in between', async () => {
    const set = await gqlWithEmulatorCalls(stack, 'mutation { setVoiceMessageSpendLimitOverride(input: { monthlyLimit: 5 }) { monthlyLimit } }');
    expect(set.response.body.data.setVoiceMessageSpendLimitOverride).toEqual({ monthlyLimit: 5 });
    expectCalls(set, { SetVoiceMessageSpendLimitOverride: 1 });

    const read = await gqlWithEmulatorCalls(stack, '{ spendLimits { nodes { name enforcedLimit maxLimit overridden } } }');
    expect(read.response.body.data.spendLimits.nodes).toEqual([
      { name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit: 100, maxLimit: 100, overridden: false },
      { name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit: 5, maxLimit: 50, overridden: true },
    ]);
    expectCalls(read, { DescribeSpendLimits: 1 });

    const deleted = await gqlWithEmulatorCalls(stack, 'mutation { deleteVoiceMessageSpendLimitOverride { monthlyLimit spendLimit { name enforcedLimit overridden } } }');
    expect(deleted.response.body.data.deleteVoiceMessageSpendLimitOverride).toEqual({
      monthlyLimit: 50,
      spendLimit: { name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', enforcedLimit: 50, overridden: false },
    });
    expectCalls(deleted, { DeleteVoiceMessageSpendLimitOverride: 1, DescribeSpendLimits: 1 });
  });

  test('an override above the maximum is BAD_USER_INPUT and changes nothing', async () => {
    const over = await gqlWithEmulatorCalls(stack, 'mutation { setTextMessageSpendLimitOverride(input: { monthlyLimit: 101 }) { monthlyLimit } }');
    expect(over.response.body.errors).toMatchObject([{ path: ['setTextMessageSpendLimitOverride'], extensions: { code: 'BAD_USER_INPUT' } }]);
    expectCalls(over, { SetTextMessageSpendLimitOverride: 1 });
    const read = await stack.gql('{ spendLimits(first: 1) { nodes { enforcedLimit overridden } } }');
    expect(read.body.data.spendLimits.nodes).toEqual([{ enforcedLimit: 100, overridden: false }]);
  });
});
