import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls, latestVerificationCode, outboxTo } from './kit';

const FIELDS = 'id verifiedDestinationNumberId arn destinationPhoneNumber status createdTimestamp';

/** Creates a pending verified destination number through the graph; returns its ID. */
async function createNumber(stack: Stack, destinationPhoneNumber: string): Promise<string> {
  const created = await stack.gql('mutation ($n: String!) { createVerifiedDestinationNumber(input: { destinationPhoneNumber: $n }) { verifiedDestinationNumber { verifiedDestinationNumberId } } }', {
    n: destinationPhoneNumber,
  });
  expect(created.body.errors).toBeUndefined();
  return created.body.data.createVerifiedDestinationNumber.verifiedDestinationNumber.verifiedDestinationNumberId;
}

describe('verified destination numbers: the sandbox verification flow', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('create, read by ID and node(id), send a code, verify it, delete', async () => {
    const created = await gqlWithEmulatorCalls(
      stack,
      `mutation { createVerifiedDestinationNumber(input: { destinationPhoneNumber: "+12065550123", tags: [{ key: "owner", value: "qa" }] }) {
        verifiedDestinationNumber { ${FIELDS} tags { key value } } } }`,
    );
    expect(created.response.body.errors).toBeUndefined();
    const number = created.response.body.data.createVerifiedDestinationNumber.verifiedDestinationNumber;
    const id: string = number.verifiedDestinationNumberId;
    expect(number).toEqual({
      id: globalId('VerifiedDestinationNumber', id),
      verifiedDestinationNumberId: expect.stringMatching(/^verified-destination-number-/),
      arn: `arn:aws:sms-voice:us-east-1:123456789012:verified-destination-number/${id}`,
      destinationPhoneNumber: '+12065550123',
      status: 'PENDING',
      createdTimestamp: expect.any(String),
      tags: [{ key: 'owner', value: 'qa' }],
    });
    // The create's answer lists the tags: no ListTagsForResource.
    expectCalls(created, { CreateVerifiedDestinationNumber: 1 });

    // The root field and node(id) name the same number: one call.
    const read = await gqlWithEmulatorCalls(stack, `query ($id: String!, $gid: ID!) { verifiedDestinationNumber(verifiedDestinationNumberId: $id) { status } node(id: $gid) { ... on VerifiedDestinationNumber { destinationPhoneNumber } } }`, {
      id,
      gid: number.id,
    });
    expect(read.response.body.data).toEqual({ verifiedDestinationNumber: { status: 'PENDING' }, node: { destinationPhoneNumber: '+12065550123' } });
    expectCalls(read, { DescribeVerifiedDestinationNumbers: 1 });

    const sent = await gqlWithEmulatorCalls(
      stack,
      `mutation ($id: String!) { sendDestinationNumberVerificationCode(input: { verifiedDestinationNumberId: $id, verificationChannel: TEXT, languageCode: EN_US }) {
        messageId verifiedDestinationNumber { status } } }`,
      { id },
    );
    expect(sent.response.body.errors).toBeUndefined();
    const messageId = sent.response.body.data.sendDestinationNumberVerificationCode.messageId;
    expect(sent.response.body.data.sendDestinationNumberVerificationCode.verifiedDestinationNumber).toEqual({ status: 'PENDING' });
    expectCalls(sent, { SendDestinationNumberVerificationCode: 1, DescribeVerifiedDestinationNumbers: 1 });
    const [message] = await outboxTo(stack, '+12065550123');
    expect(message).toMatchObject({ messageId, channel: 'SMS', destination: '+12065550123', details: { kind: 'verification-code', verifiedDestinationNumberId: id } });

    const wrong = await gqlWithEmulatorCalls(stack, 'mutation ($id: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: "not-it" }) { verifiedDestinationNumber { status } } }', { id });
    expect(wrong.response.body.errors).toMatchObject([{ path: ['verifyDestinationNumber'], extensions: { code: 'BAD_USER_INPUT' } }]);
    expectCalls(wrong, { VerifyDestinationNumber: 1 });

    const code = await latestVerificationCode(stack, '+12065550123');
    const verified = await gqlWithEmulatorCalls(stack, `mutation ($id: String!, $code: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: $code }) { verifiedDestinationNumber { ${FIELDS} } } }`, {
      id,
      code,
    });
    expect(verified.response.body.errors).toBeUndefined();
    expect(verified.response.body.data.verifyDestinationNumber.verifiedDestinationNumber).toEqual({ ...number, status: 'VERIFIED', tags: undefined });
    expectCalls(verified, { VerifyDestinationNumber: 1 });

    const again = await gqlWithEmulatorCalls(stack, 'mutation ($id: String!, $code: String!) { verifyDestinationNumber(input: { verifiedDestinationNumberId: $id, verificationCode: $code }) { verifiedDestinationNumber { status } } }', { id, code });
    expect(again.response.body.errors).toMatchObject([{ path: ['verifyDestinationNumber'], extensions: { code: 'CONFLICT' } }]);

    const deleted = await gqlWithEmulatorCalls(stack, 'mutation ($id: String!) { deleteVerifiedDestinationNumber(input: { verifiedDestinationNumberId: $id }) { verifiedDestinationNumberId arn destinationPhoneNumber createdTimestamp } }', { id });
    expect(deleted.response.body.data.deleteVerifiedDestinationNumber).toEqual({ verifiedDestinationNumberId: id, arn: number.arn, destinationPhoneNumber: '+12065550123', createdTimestamp: number.createdTimestamp });
    expectCalls(deleted, { DeleteVerifiedDestinationNumber: 1 });

    const gone = await gqlWithEmulatorCalls(stack, 'query ($id: String!) { verifiedDestinationNumber(verifiedDestinationNumberId: $id) { status } }', { id });
    expect(gone.response.body.data).toEqual({ verifiedDestinationNumber: null });
    expect(gone.response.body.errors).toMatchObject([{ path: ['verifiedDestinationNumber'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(gone, { DescribeVerifiedDestinationNumbers: 1 });
  });

  test('creating a number twice is a CONFLICT; a bad number is BAD_USER_INPUT', async () => {
    await createNumber(stack, '+12065550124');
    const twice = await gqlWithEmulatorCalls(stack, 'mutation { createVerifiedDestinationNumber(input: { destinationPhoneNumber: "+12065550124" }) { verifiedDestinationNumber { status } } }');
    expect(twice.response.body.errors).toMatchObject([{ path: ['createVerifiedDestinationNumber'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(twice, { CreateVerifiedDestinationNumber: 1 });
    const bad = await gqlWithEmulatorCalls(stack, 'mutation { createVerifiedDestinationNumber(input: { destinationPhoneNumber: "2065550124" }) { verifiedDestinationNumber { status } } }');
    expect(bad.response.body.errors).toMatchObject([{ path: ['createVerifiedDestinationNumber'], extensions: { code: 'BAD_USER_INPUT' } }]);
  });
});

describe('verified destination numbers: lists and batched lookups', () => {
  let stack: Stack;
  const ids: string[] = [];
  beforeAll(async () => {
    stack = await startStack();
    for (const n of ['+12065550131', '+12065550132', '+12065550133']) ids.push(await createNumber(stack, n));
  });
  afterAll(() => stack.close());

  test('the list pages forward with first/after, one call per page', async () => {
    const query = 'query ($after: String) { verifiedDestinationNumbers(first: 2, after: $after) { nodes { destinationPhoneNumber status } pageInfo { hasNextPage endCursor } } }';
    const first = await gqlWithEmulatorCalls(stack, query);
    const page1 = first.response.body.data.verifiedDestinationNumbers;
    expect(page1.nodes).toEqual([
      { destinationPhoneNumber: '+12065550131', status: 'PENDING' },
      { destinationPhoneNumber: '+12065550132', status: 'PENDING' },
    ]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expectCalls(first, { DescribeVerifiedDestinationNumbers: 1 });
    const second = await gqlWithEmulatorCalls(stack, query, { after: page1.pageInfo.endCursor });
    expect(second.response.body.data.verifiedDestinationNumbers.nodes).toEqual([{ destinationPhoneNumber: '+12065550133', status: 'PENDING' }]);
    expect(second.response.body.data.verifiedDestinationNumbers.pageInfo.hasNextPage).toBe(false);
    expectCalls(second, { DescribeVerifiedDestinationNumbers: 1 });
  });

  test('lookups by ID batch 5 per call; an unknown ID among them costs one retry and is null with NOT_FOUND', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($a: String!, $b: String!, $c: String!) {
        a: verifiedDestinationNumber(verifiedDestinationNumberId: $a) { destinationPhoneNumber }
        b: verifiedDestinationNumber(verifiedDestinationNumberId: $b) { destinationPhoneNumber }
        c: verifiedDestinationNumber(verifiedDestinationNumberId: $c) { destinationPhoneNumber }
        missing: verifiedDestinationNumber(verifiedDestinationNumberId: "verified-destination-number-00000000000000000000000000000000") { destinationPhoneNumber } }`,
      { a: ids[0], b: ids[1], c: ids[2] },
    );
    expect(result.response.body.data).toEqual({
      a: { destinationPhoneNumber: '+12065550131' },
      b: { destinationPhoneNumber: '+12065550132' },
      c: { destinationPhoneNumber: '+12065550133' },
      missing: null,
    });
    expect(result.response.body.errors).toMatchObject([{ path: ['missing'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(result, { DescribeVerifiedDestinationNumbers: 2 });
  });
});
