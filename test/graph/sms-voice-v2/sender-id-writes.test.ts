import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls } from './kit';

const FIELDS = 'id senderId arn isoCountryCode messageTypes monthlyLeasingPrice deletionProtectionEnabled registered registrationId';

describe('sender IDs: mutations return the sender ID', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('request a sender ID, protect it, unprotect it and release it', async () => {
    const requested = await gqlWithEmulatorCalls(
      stack,
      `mutation { requestSenderId(input: { senderId: "ACMEFR", isoCountryCode: "FR", messageTypes: [TRANSACTIONAL], tags: [{ key: "team", value: "fr" }] }) {
        senderId { ${FIELDS} tags { key value } } } }`,
    );
    expect(requested.response.body.errors).toBeUndefined();
    const expected = {
      id: globalId('SenderId', 'ACMEFR', 'FR'),
      senderId: 'ACMEFR',
      arn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACMEFR/FR',
      isoCountryCode: 'FR',
      messageTypes: ['TRANSACTIONAL'],
      monthlyLeasingPrice: '0.00',
      deletionProtectionEnabled: false,
      registered: false,
      registrationId: null,
    };
    expect(requested.response.body.data.requestSenderId.senderId).toEqual({ ...expected, tags: [{ key: 'team', value: 'fr' }] });
    // The request's answer lists the tags: no ListTagsForResource.
    expectCalls(requested, { RequestSenderId: 1 });

    const protectedId = await gqlWithEmulatorCalls(stack, `mutation { updateSenderId(input: { senderId: "ACMEFR", isoCountryCode: "FR", deletionProtectionEnabled: true }) { senderId { ${FIELDS} } } }`);
    expect(protectedId.response.body.data.updateSenderId.senderId).toEqual({ ...expected, deletionProtectionEnabled: true });
    expectCalls(protectedId, { UpdateSenderId: 1 });

    const refused = await gqlWithEmulatorCalls(stack, 'mutation { releaseSenderId(input: { senderId: "ACMEFR", isoCountryCode: "FR" }) { senderId { senderId } } }');
    expect(refused.response.body.errors).toMatchObject([{ path: ['releaseSenderId'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(refused, { ReleaseSenderId: 1 });

    await stack.gql('mutation { updateSenderId(input: { senderId: "ACMEFR", isoCountryCode: "FR", deletionProtectionEnabled: false }) { senderId { senderId } } }');
    const released = await gqlWithEmulatorCalls(stack, `mutation { releaseSenderId(input: { senderId: "ACMEFR", isoCountryCode: "FR" }) { senderId { ${FIELDS} } } }`);
    expect(released.response.body.errors).toBeUndefined();
    expect(released.response.body.data.releaseSenderId.senderId).toEqual(expected);
    expectCalls(released, { ReleaseSenderId: 1 });

    const gone = await gqlWithEmulatorCalls(stack, '{ senderId(senderId: "ACMEFR", isoCountryCode: "FR") { senderId } }');
    expect(gone.response.body.errors).toMatchObject([{ path: ['senderId'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(gone, { DescribeSenderIds: 1 });
  });

  test('a sender ID that exists is a CONFLICT; a country without sender IDs is BAD_USER_INPUT; an unknown one is NOT_FOUND', async () => {
    const exists = await gqlWithEmulatorCalls(stack, 'mutation { requestSenderId(input: { senderId: "ACMEALERT", isoCountryCode: "GB" }) { senderId { senderId } } }');
    expect(exists.response.body.errors).toMatchObject([{ path: ['requestSenderId'], extensions: { code: 'CONFLICT' } }]);
    const us = await gqlWithEmulatorCalls(stack, 'mutation { requestSenderId(input: { senderId: "ACMEUS", isoCountryCode: "US" }) { senderId { senderId } } }');
    expect(us.response.body.errors).toMatchObject([{ path: ['requestSenderId'], extensions: { code: 'BAD_USER_INPUT' } }]);
    const unknown = await gqlWithEmulatorCalls(stack, 'mutation { updateSenderId(input: { senderId: "NOPE", isoCountryCode: "GB", deletionProtectionEnabled: true }) { senderId { senderId } } }');
    expect(unknown.response.body.errors).toMatchObject([{ path: ['updateSenderId'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(unknown, { UpdateSenderId: 1 });
  });
});

describe('registration attachments: delete returns the attachment', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('upload an attachment, delete it; deleting it again is NOT_FOUND', async () => {
    const created = await stack.gql('mutation { createRegistrationAttachment(input: { attachmentUrl: "https://s3.amazonaws.com/anycompany/doc.pdf" }) { attachment { registrationAttachmentId } } }');
    expect(created.body.errors).toBeUndefined();
    const id = created.body.data.createRegistrationAttachment.attachment.registrationAttachmentId;

    const deleted = await gqlWithEmulatorCalls(stack, 'mutation ($id: String!) { deleteRegistrationAttachment(input: { registrationAttachmentId: $id }) { attachment { registrationAttachmentId arn status createdTimestamp } } }', { id });
    expect(deleted.response.body.errors).toBeUndefined();
    expect(deleted.response.body.data.deleteRegistrationAttachment.attachment).toEqual({
      registrationAttachmentId: id,
      arn: `arn:aws:sms-voice:us-east-1:123456789012:registration-attachment/${id}`,
      status: 'DELETED',
      createdTimestamp: expect.any(String),
    });
    expectCalls(deleted, { DeleteRegistrationAttachment: 1 });

    const again = await gqlWithEmulatorCalls(stack, 'mutation ($id: String!) { deleteRegistrationAttachment(input: { registrationAttachmentId: $id }) { attachment { registrationAttachmentId } } }', { id });
    expect(again.response.body.errors).toMatchObject([{ path: ['deleteRegistrationAttachment'], extensions: { code: 'NOT_FOUND' } }]);
  });

  test('an attachment a registration uses is a CONFLICT', async () => {
    const result = await gqlWithEmulatorCalls(stack, `mutation { deleteRegistrationAttachment(input: { registrationAttachmentId: "${SMS_VOICE_SEED.attachments.optInImage}" }) { attachment { registrationAttachmentId } } }`);
    expect(result.response.body.errors).toMatchObject([{ path: ['deleteRegistrationAttachment'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(result, { DeleteRegistrationAttachment: 1 });
  });
});
