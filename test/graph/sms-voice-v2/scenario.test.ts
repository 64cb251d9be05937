import { startStack, type Stack } from '../../helpers/startStack';
import { emulatorAdmin, expectCalls, gqlWithEmulatorCalls, latestVerificationCode, outboxTo, referenceQuery } from './kit';

/** The end user's handset in this scenario. */
const HANDSET = '+12065550177';

// An SMS scenario through GraphQL only (the emulator's admin API stands in for the handset and
// for AWS): lease a number, pool it, register it, verify a destination from the sandbox, send,
// receive STOP, see the opt-out, and have the next send refused.
describe('SMS scenario: from a new number to an opted-out destination', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('request, pool, register, verify, send, STOP, refused', async () => {
    // 1. Lease a toll-free number.
    const requested = await gqlWithEmulatorCalls(
      stack,
      'mutation { requestPhoneNumber(input: { isoCountryCode: "US", messageType: TRANSACTIONAL, numberCapabilities: [SMS], numberType: TOLL_FREE }) { phoneNumber { phoneNumberId phoneNumber status optOutListName } } }',
    );
    expect(requested.response.body.errors).toBeUndefined();
    const number = requested.response.body.data.requestPhoneNumber.phoneNumber;
    expect(number).toMatchObject({ status: 'ACTIVE', optOutListName: 'Default' });
    expectCalls(requested, { RequestPhoneNumber: 1 });

    // 2. Put it in a new pool.
    const pooled = await gqlWithEmulatorCalls(
      stack,
      'mutation ($id: String!) { createPool(input: { originationIdentity: $id, messageType: TRANSACTIONAL }) { pool { poolId status phoneNumbers { nodes { phoneNumberId poolId } } } } }',
      { id: number.phoneNumberId },
    );
    expect(pooled.response.body.errors).toBeUndefined();
    const pool = pooled.response.body.data.createPool.pool;
    expect(pool).toEqual({ poolId: expect.stringMatching(/^pool-/), status: 'ACTIVE', phoneNumbers: { nodes: [{ phoneNumberId: number.phoneNumberId, poolId: pool.poolId }] } });
    expectCalls(pooled, { CreatePool: 1, ListPoolOriginationIdentities: 1, DescribePhoneNumbers: 1 });

    // 3. Create a toll-free registration and associate the number with it.
    const registered = await gqlWithEmulatorCalls(stack, 'mutation { createRegistration(input: { registrationType: "US_TOLL_FREE_REGISTRATION" }) { registration { registrationId status } } }');
    const registration = registered.response.body.data.createRegistration.registration;
    expect(registration).toEqual({ registrationId: expect.stringMatching(/^registration-/), status: 'CREATED' });
    expectCalls(registered, { CreateRegistration: 1 });
    const associated = await gqlWithEmulatorCalls(
      stack,
      'mutation ($r: String!, $n: String!) { createRegistrationAssociation(input: { registrationId: $r, resourceId: $n }) { association { resourceType resourceId } } }',
      { r: registration.registrationId, n: number.phoneNumberId },
    );
    expect(associated.response.body.data.createRegistrationAssociation.association).toEqual({ resourceType: 'phone-number', resourceId: number.phoneNumberId });
    expectCalls(associated, { CreateRegistrationAssociation: 1 });

    // 4. The account is in the sandbox: verify the destination first.
    const tier = await gqlWithEmulatorCalls(stack, '{ smsVoiceAccount { attributes { nodes { name value } } } }');
    expect(tier.response.body.data.smsVoiceAccount.attributes.nodes).toEqual([{ name: 'ACCOUNT_TIER', value: 'SANDBOX' }]);
    expectCalls(tier, { DescribeAccountAttributes: 1 });
    const unverified = await gqlWithEmulatorCalls(stack, 'mutation ($p: String!) { sendTextMessage(input: { destinationPhoneNumber: "+12065550177", originationIdentity: $p, messageBody: "Too early" }) { messageId } }', { p: pool.poolId });
    expect(unverified.response.body.errors).toMatchObject([{ path: ['sendTextMessage'], extensions: { code: 'CONFLICT' } }]);

    const created = await stack.gql('mutation ($n: String!) { createVerifiedDestinationNumber(input: { destinationPhoneNumber: $n }) { verifiedDestinationNumber { verifiedDestinationNumberId status } } }', { n: HANDSET });
    const verifiedId = created.body.data.createVerifiedDestinationNumber.verifiedDestinationNumber.verifiedDestinationNumberId;
    const codeSent = await stack.gql('mutation ($id: String!) { sendDestinationNumberVerificationCode(input: { verifiedDestinationNumberId: $id, verificationChannel: TEXT }) { messageId } }', { id: verifiedId });
    expect(codeSent.body.errors).toBeUndefined();
    const verified = await gqlWithEmulatorCalls(
      stack,
      'mutation ($id: String!, $code: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: $code }) { verifiedDestinationNumber { destinationPhoneNumber status } } }',
      { id: verifiedId, code: await latestVerificationCode(stack, HANDSET) },
    );
    expect(verified.response.body.data.verifyDestinationNumber.verifiedDestinationNumber).toEqual({ destinationPhoneNumber: HANDSET, status: 'VERIFIED' });
    expectCalls(verified, { VerifyDestinationNumber: 1 });

    // 5. Send a text through the pool: it goes out from the new number.
    const reference = referenceQuery('sms-opt-out-after-stop');
    const before = await gqlWithEmulatorCalls(stack, reference.query, { phoneNumberId: number.phoneNumberId, destination: HANDSET });
    expect(before.response.body.errors).toBeUndefined();
    expect(before.response.body.data).toEqual({
      phoneNumber: {
        phoneNumber: number.phoneNumber,
        registration: registration,
        pool: { poolId: pool.poolId, optOutList: { name: 'Default', optedOutNumber: null } },
      },
      verifiedDestinationNumbers: { nodes: [{ destinationPhoneNumber: HANDSET, status: 'VERIFIED' }] },
    });
    expectCalls(before, reference.byOperation);

    const sent = await gqlWithEmulatorCalls(stack, 'mutation ($p: String!) { sendTextMessage(input: { destinationPhoneNumber: "+12065550177", originationIdentity: $p, messageBody: "Your order has shipped." }) { messageId } }', { p: pool.poolId });
    expect(sent.response.body.errors).toBeUndefined();
    expectCalls(sent, { SendTextMessage: 1 });
    const delivered = (await outboxTo(stack, HANDSET)).filter((message) => message.details?.kind === 'message');
    expect(delivered).toMatchObject([{ messageId: sent.response.body.data.sendTextMessage.messageId, origination: number.phoneNumber, body: 'Your order has shipped.' }]);

    // 6. The end user replies STOP (the emulator's admin API plays the handset).
    const inbound = await emulatorAdmin(stack, 'POST', 'inbound', { originationIdentity: number.phoneNumber, from: HANDSET, body: 'STOP' });
    expect(inbound).toMatchObject({ keyword: 'STOP', action: 'OPT_OUT', optOutListName: 'Default', optedOut: true });

    // 7. The graph sees the opt-out, at the same cost.
    const after = await gqlWithEmulatorCalls(stack, reference.query, { phoneNumberId: number.phoneNumberId, destination: HANDSET });
    expect(after.response.body.errors).toBeUndefined();
    expect(after.response.body.data.phoneNumber.pool.optOutList).toEqual({ name: 'Default', optedOutNumber: { optedOutNumber: HANDSET, endUserOptedOut: true } });
    expectCalls(after, reference.byOperation);

    // 8. The next send is refused with a clean CONFLICT, and nothing more reaches the handset.
    const refused = await gqlWithEmulatorCalls(stack, 'mutation ($p: String!) { sendTextMessage(input: { destinationPhoneNumber: "+12065550177", originationIdentity: $p, messageBody: "One more thing" }) { messageId } }', { p: pool.poolId });
    expect(refused.response.body.data).toBeNull();
    expect(refused.response.body.errors).toEqual([
      {
        message: `${HANDSET} is opted out in opt-out list Default, which ${number.phoneNumber} uses.`,
        path: ['sendTextMessage'],
        locations: [{ line: 1, column: 26 }],
        extensions: expect.objectContaining({ code: 'CONFLICT', upstream: expect.objectContaining({ service: 'sms-voice-v2', operation: 'SendTextMessage', errorName: 'ConflictException' }) }),
      },
    ]);
    expectCalls(refused, { SendTextMessage: 1 });
    expect((await outboxTo(stack, HANDSET)).filter((message) => message.details?.kind === 'message')).toHaveLength(1);
  });
});
