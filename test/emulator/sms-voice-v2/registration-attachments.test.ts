import {
  CreateRegistrationAttachmentCommand,
  DeleteRegistrationAttachmentCommand,
  DescribeRegistrationAttachmentsCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { PDF_BYTES, PNG_BYTES, rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const attachments = SMS_VOICE_SEED.attachments;
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

describe('registration attachments', () => {
  it('uploads a body or takes a URL, and describes them', async () => {
    const { sms, accountId } = fx.account();
    const pdf = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: PDF_BYTES, Tags: [{ Key: 'doc', Value: 'loa' }] }));
    expect(pdf.RegistrationAttachmentId).toMatch(/^attachment-[0-9a-f]{32}$/);
    expect(pdf).toMatchObject({
      RegistrationAttachmentArn: `arn:aws:sms-voice:us-east-1:${accountId}:registration-attachment/${pdf.RegistrationAttachmentId}`,
      AttachmentStatus: 'UPLOAD_COMPLETE',
      Tags: [{ Key: 'doc', Value: 'loa' }],
    });
    const png = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: PNG_BYTES }));
    const url = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentUrl: 'https://s3.amazonaws.com/bucket/opt-in.jpeg' }));

    const described = await sms.send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: [url.RegistrationAttachmentId!, pdf.RegistrationAttachmentArn!] }));
    expect(described.RegistrationAttachments?.map((a) => a.RegistrationAttachmentId)).toEqual([url.RegistrationAttachmentId, pdf.RegistrationAttachmentId]);
    expect(described.RegistrationAttachments?.[0]).toMatchObject({ AttachmentUrl: 'https://s3.amazonaws.com/bucket/opt-in.jpeg', AttachmentStatus: 'UPLOAD_COMPLETE' });
    expect(described.RegistrationAttachments?.[0].CreatedTimestamp).toBeInstanceOf(Date);

    const page = await sms.send(new DescribeRegistrationAttachmentsCommand({ MaxResults: 2, Filters: [{ Name: 'attachment-status', Values: ['UPLOAD_COMPLETE'] }] }));
    const rest = await sms.send(new DescribeRegistrationAttachmentsCommand({ MaxResults: 2, Filters: [{ Name: 'attachment-status', Values: ['UPLOAD_COMPLETE'] }], NextToken: page.NextToken }));
    expect([...page.RegistrationAttachments!, ...rest.RegistrationAttachments!].map((a) => a.RegistrationAttachmentId)).toEqual([pdf.RegistrationAttachmentId, png.RegistrationAttachmentId, url.RegistrationAttachmentId]);

    const unknown = await rejectionOf(sms.send(new DescribeRegistrationAttachmentsCommand({ RegistrationAttachmentIds: [pdf.RegistrationAttachmentId!, 'attachment-nope'] })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown).toMatchObject({ ResourceType: 'registration-attachment', ResourceId: 'attachment-nope' });
  });

  it('takes exactly one of body or URL, of a supported type and size', async () => {
    const { sms } = fx.account();
    const none = await rejectionOf(sms.send(new CreateRegistrationAttachmentCommand({})));
    expect(none).toBeInstanceOf(ValidationException);
    expect(none).toMatchObject({ Reason: 'MISSING_PARAMETER' });
    const both = await rejectionOf(sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: PDF_BYTES, AttachmentUrl: 'https://example.com/a.pdf' })));
    expect(both).toMatchObject({ Reason: 'PARAMETERS_CANNOT_BE_USED_TOGETHER' });
    const text = await rejectionOf(sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: Buffer.from('just text') })));
    expect(text).toMatchObject({ Reason: 'ATTACHMENT_TYPE_NOT_SUPPORTED', Fields: [{ Name: 'AttachmentBody' }] });
    const doc = await rejectionOf(sms.send(new CreateRegistrationAttachmentCommand({ AttachmentUrl: 'https://example.com/letter.docx' })));
    expect(doc).toMatchObject({ Reason: 'ATTACHMENT_TYPE_NOT_SUPPORTED', Fields: [{ Name: 'AttachmentUrl' }] });
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(1024 * 1024)]);
    const tooBig = await rejectionOf(sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: big })));
    expect(tooBig).toMatchObject({ name: 'ValidationException', Reason: 'MAXIMUM_SIZE_EXCEEDED' });
    expect((await sms.send(new DescribeRegistrationAttachmentsCommand({}))).RegistrationAttachments).toEqual([]);
  });

  it('deletes an unused attachment, and refuses one a registration uses', async () => {
    const { sms } = fx.account({ seed: true });
    const inUse = await rejectionOf(sms.send(new DeleteRegistrationAttachmentCommand({ RegistrationAttachmentId: attachments.optInImage })));
    expect(inUse).toMatchObject({ name: 'ConflictException', Reason: 'RESOURCE_DELETION_NOT_ALLOWED', ResourceType: 'registration-attachment', ResourceId: attachments.optInImage });

    const fresh = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: PNG_BYTES }));
    const deleted = await sms.send(new DeleteRegistrationAttachmentCommand({ RegistrationAttachmentId: fresh.RegistrationAttachmentId }));
    expect(deleted).toMatchObject({ RegistrationAttachmentId: fresh.RegistrationAttachmentId, AttachmentStatus: 'DELETED' });
    const gone = await rejectionOf(sms.send(new DeleteRegistrationAttachmentCommand({ RegistrationAttachmentId: fresh.RegistrationAttachmentId })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'registration-attachment' });
  });
});
