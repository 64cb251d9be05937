import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls } from './kit';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('every sender ID with its registration: 1 DescribeSenderIds + 1 DescribeRegistrations', async () => {
  const result = await gqlWithEmulatorCalls(
    stack,
    '{ senderIds(first: 10) { nodes { id senderId isoCountryCode arn messageTypes monthlyLeasingPrice deletionProtectionEnabled registered registrationId registration { registrationType status } } } }',
  );
  expect(result.response.body.errors).toBeUndefined();
  const nodes = result.response.body.data.senderIds.nodes as any[];
  expect(nodes.map((node) => `${node.senderId}/${node.isoCountryCode}`)).toEqual(['ACMEALERT/GB', 'ACMESHOP/SG', 'ACMEINFO/DE']);
  expect(nodes[1]).toEqual({
    id: globalId('SenderId', 'ACMESHOP', 'SG'),
    senderId: 'ACMESHOP',
    isoCountryCode: 'SG',
    arn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACMESHOP/SG',
    messageTypes: ['TRANSACTIONAL', 'PROMOTIONAL'],
    monthlyLeasingPrice: '0.00',
    deletionProtectionEnabled: false,
    registered: true,
    registrationId: SMS_VOICE_SEED.registrations.sgSenderId,
    registration: { registrationType: 'SG_SENDER_ID_REGISTRATION', status: 'COMPLETE' },
  });
  expect(nodes[2]).toMatchObject({ deletionProtectionEnabled: true, registered: false, registration: null });
  expectCalls(result, { DescribeSenderIds: 1, DescribeRegistrations: 1 });
});

test('sender IDs by (ID, country) batch in one call; the same ID in an unknown country is NOT_FOUND', async () => {
  const result = await gqlWithEmulatorCalls(
    stack,
    `{ a: senderId(senderId: "ACMEALERT", isoCountryCode: "GB") { arn } b: senderId(senderId: "ACMEINFO", isoCountryCode: "DE") { arn }
       c: senderId(senderId: "ACMEALERT", isoCountryCode: "FR") { arn } }`,
  );
  expect(result.response.body.data).toEqual({
    a: { arn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACMEALERT/GB' },
    b: { arn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACMEINFO/DE' },
    c: null,
  });
  expect(result.response.body.errors).toMatchObject([{ path: ['c'], extensions: { code: 'NOT_FOUND' } }]);
  // The chunk fails whole; its error names the pair (ACMEALERT/FR), so only the other two are retried.
  expectCalls(result, { DescribeSenderIds: 2 });
});

test('node(id) of a sender ID carries both keys', async () => {
  const id = globalId('SenderId', 'ACMEINFO', 'DE');
  const result = await gqlWithEmulatorCalls(stack, 'query ($id: ID!) { node(id: $id) { id __typename ... on SenderId { senderId isoCountryCode } } }', { id });
  expect(result.response.body.data.node).toEqual({ id, __typename: 'SenderId', senderId: 'ACMEINFO', isoCountryCode: 'DE' });
  expectCalls(result, { DescribeSenderIds: 1 });
});

test('a sender-ID global ID with one key is refused as BAD_USER_INPUT before any call', async () => {
  const result = await gqlWithEmulatorCalls(stack, 'query ($id: ID!) { node(id: $id) { id } }', { id: globalId('SenderId', 'ACMEINFO') });
  expect(result.response.body.errors).toMatchObject([{ path: ['node'], extensions: { code: 'BAD_USER_INPUT' } }]);
  expect(result.response.body.errors![0].message).toBe('A SenderId global ID carries 2 key(s); this one carries 1.');
  expectCalls(result, {});
});
