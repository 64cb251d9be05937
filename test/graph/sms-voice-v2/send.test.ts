import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { emulatorAdmin, expectCalls, gqlWithEmulatorCalls, outboxTo } from './kit';

const numbers = SMS_VOICE_SEED.phoneNumbers;
const pools = SMS_VOICE_SEED.pools;

const SEND_TEXT = 'mutation ($input: SendTextMessageInput!) { sendTextMessage(input: $input) { messageId } }';
const SEND_VOICE = 'mutation ($input: SendVoiceMessageInput!) { sendVoiceMessage(input: $input) { messageId } }';

describe('sending in the sandbox', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('a destination that is not verified is refused with CONFLICT and nothing is delivered', async () => {
    const result = await gqlWithEmulatorCalls(stack, SEND_TEXT, { input: { destinationPhoneNumber: '+12065550142', originationIdentity: numbers.simulator, messageBody: 'Hello' } });
    expect(result.response.body.data).toBeNull();
    expect(result.response.body.errors).toMatchObject([
      { path: ['sendTextMessage'], extensions: { code: 'CONFLICT', upstream: { service: 'sms-voice-v2', operation: 'SendTextMessage', errorName: 'ConflictException' } } },
    ]);
    expectCalls(result, { SendTextMessage: 1 });
    expect(await outboxTo(stack, '+12065550142')).toEqual([]);
  });
});

describe('sending from a production account', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await emulatorAdmin(stack, 'PUT', 'sms-voice-v2/account', { accountTier: 'PRODUCTION' });
  });
  afterAll(() => stack.close());

  test('a text message with a configuration set, context and country parameters is delivered with its events', async () => {
    const result = await gqlWithEmulatorCalls(stack, SEND_TEXT, {
      input: {
        destinationPhoneNumber: '+12065550143',
        originationIdentity: numbers.simulator,
        messageBody: 'Your order has shipped.',
        messageType: 'TRANSACTIONAL',
        configurationSetName: 'main-config',
        maxPrice: '0.50',
        timeToLive: 600,
        context: [{ key: 'orderId', value: '1234' }],
        destinationCountryParameters: [{ key: 'IN_ENTITY_ID', value: 'entity-1' }],
      },
    });
    expect(result.response.body.errors).toBeUndefined();
    const messageId = result.response.body.data.sendTextMessage.messageId;
    expectCalls(result, { SendTextMessage: 1 });
    const [message] = await outboxTo(stack, '+12065550143');
    expect(message).toMatchObject({
      messageId,
      channel: 'SMS',
      origination: '+12065550100',
      body: 'Your order has shipped.',
      messageType: 'TRANSACTIONAL',
      configurationSet: 'main-config',
      context: { orderId: '1234' },
      details: { timeToLiveSeconds: 600, destinationCountryParameters: { IN_ENTITY_ID: 'entity-1' } },
    });
    expect(message.events.map((event: any) => [event.eventType, event.destinationName])).toEqual([
      ['TEXT_SUCCESSFUL', 'cloudwatch-all'],
      ['TEXT_DELIVERED', 'cloudwatch-all'],
    ]);
  });

  test('a dry run answers with a message ID and delivers nothing', async () => {
    const result = await gqlWithEmulatorCalls(stack, SEND_TEXT, { input: { destinationPhoneNumber: '+12065550144', originationIdentity: numbers.simulator, messageBody: 'Dry', dryRun: true } });
    expect(result.response.body.data.sendTextMessage.messageId).toEqual(expect.any(String));
    expectCalls(result, { SendTextMessage: 1 });
    expect(await outboxTo(stack, '+12065550144')).toEqual([]);
  });

  test('a voice message in SSML is spoken by the voice asked for', async () => {
    const result = await gqlWithEmulatorCalls(stack, SEND_VOICE, {
      input: {
        destinationPhoneNumber: '+12065550145',
        originationIdentity: numbers.simulator,
        messageBody: '<speak>Your code is <say-as interpret-as="digits">1234</say-as>.</speak>',
        messageBodyTextType: 'SSML',
        voiceId: 'JOANNA',
        context: [{ key: 'purpose', value: 'otp' }],
      },
    });
    expect(result.response.body.errors).toBeUndefined();
    expectCalls(result, { SendVoiceMessage: 1 });
    const [message] = await outboxTo(stack, '+12065550145');
    expect(message).toMatchObject({ messageId: result.response.body.data.sendVoiceMessage.messageId, channel: 'VOICE', origination: '+12065550100', details: { voiceId: 'JOANNA', messageBodyTextType: 'SSML' } });
  });

  test('a destination in the sender\'s opt-out list is refused with CONFLICT', async () => {
    const result = await gqlWithEmulatorCalls(stack, SEND_TEXT, { input: { destinationPhoneNumber: '+12065550150', originationIdentity: pools.marketing, messageBody: 'Offers!', messageType: 'PROMOTIONAL' } });
    expect(result.response.body.errors).toMatchObject([{ path: ['sendTextMessage'], extensions: { code: 'CONFLICT' } }]);
    expect(result.response.body.errors?.[0].message).toBe('+12065550150 is opted out in opt-out list marketing-optouts, which +14255550100 uses.');
    expectCalls(result, { SendTextMessage: 1 });
  });

  test('a context key given twice is BAD_USER_INPUT before any call; a voice call from a text-only number is BAD_USER_INPUT', async () => {
    const twice = await gqlWithEmulatorCalls(stack, SEND_TEXT, {
      input: { destinationPhoneNumber: '+12065550146', messageBody: 'Hi', context: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] },
    });
    expect(twice.response.body.errors).toMatchObject([{ path: ['sendTextMessage'], message: '"context" gives key "a" twice; each key may appear once.', extensions: { code: 'BAD_USER_INPUT' } }]);
    expectCalls(twice, {});

    const textOnly = await gqlWithEmulatorCalls(stack, SEND_VOICE, { input: { destinationPhoneNumber: '+12065550146', originationIdentity: numbers.tollFreePending, messageBody: 'Hello' } });
    expect(textOnly.response.body.errors).toMatchObject([{ path: ['sendVoiceMessage'], extensions: { code: 'BAD_USER_INPUT' } }]);
    expectCalls(textOnly, { SendVoiceMessage: 1 });
  });

  // Last in this block: it leaves the account unable to send text.
  test('a text over the monthly spend limit is refused with the upstream quota error', async () => {
    const limit = await stack.gql('mutation { setTextMessageSpendLimitOverride(input: { monthlyLimit: 0 }) { monthlyLimit } }');
    expect(limit.body.data.setTextMessageSpendLimitOverride).toEqual({ monthlyLimit: 0 });
    const result = await gqlWithEmulatorCalls(stack, SEND_TEXT, { input: { destinationPhoneNumber: '+12065550147', originationIdentity: numbers.simulator, messageBody: 'Over the limit' } });
    // AWS JSON 1.0 answers a quota error with HTTP 400, which the error table reads as the caller's to fix.
    expect(result.response.body.errors).toMatchObject([
      { path: ['sendTextMessage'], extensions: { code: 'QUOTA_EXCEEDED', upstream: { operation: 'SendTextMessage', errorName: 'ServiceQuotaExceededException' } } },
    ]);
    expectCalls(result, { SendTextMessage: 1 });
  });
});
