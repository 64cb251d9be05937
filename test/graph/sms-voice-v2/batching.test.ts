import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, gqlWithEmulatorCalls } from './kit';

/**
 * How the batched Describe loaders split a failed chunk (src/upstream/sms-voice-v2/describeBatch.ts),
 * provoked with the emulator's fault rules: answers the real service could give, shaped so that
 * the cheap named-ID split is not possible.
 */

const numbers = SMS_VOICE_SEED.phoneNumbers;
const threeNumbers = `query ($a: String!, $b: String!, $c: String!) {
  a: phoneNumber(phoneNumberId: $a) { phoneNumberId } b: phoneNumber(phoneNumberId: $b) { phoneNumberId } c: phoneNumber(phoneNumberId: $c) { phoneNumberId } }`;
const variables = { a: numbers.simulator, b: numbers.ukLongCode, c: numbers.caLongCode };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterEach(() => stack.emulator.setFaults([]));
afterAll(() => stack.close());

test('a ResourceNotFoundException that names no ID makes every ID of the chunk retry alone (n + 1 calls)', async () => {
  stack.emulator.setFaults({ service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', errorCode: 'ResourceNotFoundException', count: 1 });
  const result = await gqlWithEmulatorCalls(stack, threeNumbers, variables);
  expect(result.response.body.errors).toBeUndefined();
  expect(result.response.body.data).toEqual({ a: { phoneNumberId: numbers.simulator }, b: { phoneNumberId: numbers.ukLongCode }, c: { phoneNumberId: numbers.caLongCode } });
  expectCalls(result, { DescribePhoneNumbers: 4 });
});

test('an error that is not about one ID (access denied) fails every ID of the chunk after one call', async () => {
  stack.emulator.setFaults({ service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', errorCode: 'AccessDeniedException', count: 1 });
  const result = await gqlWithEmulatorCalls(stack, threeNumbers, variables);
  expect(result.response.body.data).toEqual({ a: null, b: null, c: null });
  expect(result.response.body.errors!.map((error) => [error.path![0], error.extensions!.code]).sort()).toEqual([
    ['a', 'FORBIDDEN'],
    ['b', 'FORBIDDEN'],
    ['c', 'FORBIDDEN'],
  ]);
  expectCalls(result, { DescribePhoneNumbers: 1 });
});
