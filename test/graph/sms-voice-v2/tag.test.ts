import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls, referenceQuery } from './kit';

const numbers = SMS_VOICE_SEED.phoneNumbers;
const pools = SMS_VOICE_SEED.pools;
const ARN = 'arn:aws:sms-voice:us-east-1:123456789012';

describe('tags: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('the tags of every number, pool, sender ID and configuration set cost the written minimum', async () => {
    const reference = referenceQuery('sms-tagged-resources');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    const data = result.response.body.data;
    expect(data.phoneNumbers.nodes[0]).toEqual({ phoneNumber: '+18335550100', tags: [{ key: 'team', value: 'notifications' }, { key: 'env', value: 'demo' }] });
    expect(data.phoneNumbers.nodes.slice(1).every((n: any) => n.tags.length === 0)).toBe(true);
    expect(data.pools.nodes).toEqual([
      { poolId: pools.marketing, tags: [{ key: 'team', value: 'marketing' }] },
      { poolId: pools.alerts, tags: [] },
    ]);
    expect(data.senderIds.nodes.map((s: any) => s.tags)).toEqual([[], [], []]);
    expect(data.configurationSets.nodes.map((s: any) => [s.name, s.tags])).toEqual([
      ['main-config', [{ key: 'env', value: 'demo' }]],
      ['marketing-config', []],
      ['empty-config', []],
    ]);
    expectCalls(result, reference.byOperation);
  });

  test('one resource asked twice is read once; lists, registrations and attachments have tags too', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: ID!) {
        a: phoneNumber(phoneNumberId: "${numbers.tollFreeAlerts}") { tags { key } }
        b: node(id: $id) { ... on PhoneNumber { tags { key } } }
        list: optOutList(name: "marketing-optouts") { tags { key } }
        registration(registrationId: "${SMS_VOICE_SEED.registrations.tenDlcCampaign}") { tags { key value } }
        registrationAttachment(registrationAttachmentId: "${SMS_VOICE_SEED.attachments.optInImage}") { tags { key } } }`,
      { id: globalId('PhoneNumber', numbers.tollFreeAlerts) },
    );
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data).toEqual({
      a: { tags: [{ key: 'team' }, { key: 'env' }] },
      b: { tags: [{ key: 'team' }, { key: 'env' }] },
      list: { tags: [] },
      registration: { tags: [{ key: 'campaign', value: 'loyalty' }] },
      registrationAttachment: { tags: [] },
    });
    expectCalls(result, {
      DescribePhoneNumbers: 1,
      DescribeOptOutLists: 1,
      DescribeRegistrations: 1,
      DescribeRegistrationAttachments: 1,
      ListTagsForResource: 4,
    });
  });
});

describe('tags: mutations return the tags and the resource, read again', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const TAG = `mutation ($input: SmsVoiceTagResourceInput!) { smsVoiceTagResource(input: $input) {
    resourceArn tags { key value } resource { __typename id ... on PhoneNumber { phoneNumber } ... on SenderId { senderId isoCountryCode } ... on Pool { poolId } } } }`;

  test('tag a phone number, overwrite a tag, untag it', async () => {
    const arn = `${ARN}:phone-number/${numbers.simulator}`;
    const tagged = await gqlWithEmulatorCalls(stack, TAG, { input: { resourceArn: arn, tags: [{ key: 'env', value: 'test' }, { key: 'owner', value: 'qa' }] } });
    expect(tagged.response.body.errors).toBeUndefined();
    expect(tagged.response.body.data.smsVoiceTagResource).toEqual({
      resourceArn: arn,
      tags: [{ key: 'env', value: 'test' }, { key: 'owner', value: 'qa' }],
      resource: { __typename: 'PhoneNumber', id: globalId('PhoneNumber', numbers.simulator), phoneNumber: '+12065550100' },
    });
    expectCalls(tagged, { TagResource: 1, ListTagsForResource: 1, DescribePhoneNumbers: 1 });

    const overwritten = await gqlWithEmulatorCalls(stack, 'mutation ($arn: String!) { smsVoiceTagResource(input: { resourceArn: $arn, tags: [{ key: "env", value: "prod" }] }) { tags { key value } } }', { arn });
    expect(overwritten.response.body.data.smsVoiceTagResource.tags).toEqual([{ key: 'env', value: 'prod' }, { key: 'owner', value: 'qa' }]);
    expectCalls(overwritten, { TagResource: 1, ListTagsForResource: 1 });

    const untagged = await gqlWithEmulatorCalls(stack, 'mutation ($arn: String!) { smsVoiceUntagResource(input: { resourceArn: $arn, tagKeys: ["env"] }) { resourceArn tags { key value } } }', { arn });
    expect(untagged.response.body.data.smsVoiceUntagResource).toEqual({ resourceArn: arn, tags: [{ key: 'owner', value: 'qa' }] });
    expectCalls(untagged, { UntagResource: 1, ListTagsForResource: 1 });

    const read = await gqlWithEmulatorCalls(stack, `{ phoneNumber(phoneNumberId: "${numbers.simulator}") { tags { key value } } }`);
    expect(read.response.body.data.phoneNumber.tags).toEqual([{ key: 'owner', value: 'qa' }]);
  });

  test('a sender ID and a pool are read back by their own Describe operations', async () => {
    const senderArn = `${ARN}:sender-id/ACMEINFO/DE`;
    const sender = await gqlWithEmulatorCalls(stack, TAG, { input: { resourceArn: senderArn, tags: [{ key: 'team', value: 'de' }] } });
    expect(sender.response.body.data.smsVoiceTagResource.resource).toEqual({ __typename: 'SenderId', id: globalId('SenderId', 'ACMEINFO', 'DE'), senderId: 'ACMEINFO', isoCountryCode: 'DE' });
    expectCalls(sender, { TagResource: 1, ListTagsForResource: 1, DescribeSenderIds: 1 });

    const pool = await gqlWithEmulatorCalls(stack, TAG, { input: { resourceArn: `${ARN}:pool/${pools.alerts}`, tags: [{ key: 'team', value: 'alerts' }] } });
    expect(pool.response.body.data.smsVoiceTagResource.resource).toEqual({ __typename: 'Pool', id: globalId('Pool', pools.alerts), poolId: pools.alerts });
    expectCalls(pool, { TagResource: 1, ListTagsForResource: 1, DescribePools: 1 });
  });

  test('an unknown resource is NOT_FOUND; a malformed ARN is BAD_USER_INPUT', async () => {
    const unknown = await gqlWithEmulatorCalls(stack, `mutation { smsVoiceTagResource(input: { resourceArn: "${ARN}:pool/pool-00000000000000000000000000000000", tags: [{ key: "a", value: "b" }] }) { resourceArn } }`);
    expect(unknown.response.body.errors).toMatchObject([{ path: ['smsVoiceTagResource'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(unknown, { TagResource: 1 });

    const malformed = await gqlWithEmulatorCalls(stack, 'mutation { smsVoiceUntagResource(input: { resourceArn: "not-an-arn", tagKeys: ["a"] }) { resourceArn } }');
    expect(malformed.response.body.errors).toMatchObject([{ path: ['smsVoiceUntagResource'], extensions: { code: 'BAD_USER_INPUT' } }]);
  });
});
