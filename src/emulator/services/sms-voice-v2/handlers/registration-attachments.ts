import type {
  CreateRegistrationAttachmentRequest,
  CreateRegistrationAttachmentResult,
  DeleteRegistrationAttachmentRequest,
  DeleteRegistrationAttachmentResult,
  DescribeRegistrationAttachmentsRequest,
  DescribeRegistrationAttachmentsResult,
  RegistrationAttachmentFilterName,
  RegistrationAttachmentsInformation,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn } from '../arns';
import { conflict, invalidField } from '../errors';
import { newResourceId, type AttachmentRecord, type SmsVoiceState } from '../store';
import { applyFilters, exactlyOneOf, findAttachment, getAttachment, pageOf, selectByIds, tagList, tagsFromInput, type SmsHandlerGroup } from './common';

/** Largest attachment the service takes: 1 MiB. */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;

/** Module-private: the file types the service takes, recognised by their leading bytes. */
const FILE_SIGNATURES: readonly { readonly type: string; readonly magic: readonly number[] }[] = [
  { type: 'PDF', magic: [0x25, 0x50, 0x44, 0x46] },
  { type: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'JPEG', magic: [0xff, 0xd8, 0xff] },
];

/** Module-private: the type of a file by its signature, if it is one the service takes. */
function fileType(body: Uint8Array): string | undefined {
  return FILE_SIGNATURES.find((sig) => sig.magic.every((byte, i) => body[i] === byte))?.type;
}

/** The SDK's `RegistrationAttachmentsInformation` of an attachment. */
export function attachmentInformation(attachment: AttachmentRecord): RegistrationAttachmentsInformation {
  return {
    RegistrationAttachmentArn: attachment.RegistrationAttachmentArn,
    RegistrationAttachmentId: attachment.RegistrationAttachmentId,
    AttachmentStatus: attachment.AttachmentStatus,
    CreatedTimestamp: attachment.CreatedTimestamp,
    AttachmentUrl: attachment.AttachmentUrl,
  };
}

/** Module-private: registrations whose current draft or submitted form points at the attachment. */
function registrationsUsing(state: SmsVoiceState, attachmentId: string): string[] {
  return [...state.registrations.values()]
    .filter((r) => r.versions.some((v) => [...v.fieldValues.values()].some((value) => value.RegistrationAttachmentId === attachmentId)))
    .map((r) => r.RegistrationId);
}

/** Files (or URLs of files) that registrations refer to from their ATTACHMENT fields. */
export const registrationAttachmentHandlers: SmsHandlerGroup = {
  CreateRegistrationAttachment(state, input: CreateRegistrationAttachmentRequest, ctx): CreateRegistrationAttachmentResult {
    const kind = exactlyOneOf(input, ['AttachmentBody', 'AttachmentUrl'] as const);
    let sizeBytes = 0;
    if (kind === 'AttachmentBody') {
      const body = input.AttachmentBody instanceof Uint8Array ? input.AttachmentBody : new Uint8Array();
      if (body.length > MAX_ATTACHMENT_BYTES) throw invalidField('MAXIMUM_SIZE_EXCEEDED', 'AttachmentBody', `The attachment is ${body.length} bytes; the limit is ${MAX_ATTACHMENT_BYTES} (1 MiB).`);
      if (!fileType(body)) throw invalidField('ATTACHMENT_TYPE_NOT_SUPPORTED', 'AttachmentBody', 'The attachment must be a PDF, JPEG or PNG file.');
      sizeBytes = body.length;
    } else if (!/\.(pdf|png|jpe?g)$/i.test(new URL(String(input.AttachmentUrl), 'https://invalid/').pathname)) {
      throw invalidField('ATTACHMENT_TYPE_NOT_SUPPORTED', 'AttachmentUrl', `"${input.AttachmentUrl}" must name a .pdf, .jpeg, .jpg or .png file.`);
    }
    const id = newResourceId('attachment');
    // Uploads finish at once in the emulator: there is no file transfer to wait for.
    const attachment: AttachmentRecord = {
      RegistrationAttachmentId: id,
      RegistrationAttachmentArn: smsArn(ctx, 'registration-attachment', id),
      AttachmentStatus: 'UPLOAD_COMPLETE',
      AttachmentUrl: input.AttachmentUrl,
      sizeBytes,
      CreatedTimestamp: ctx.now(),
      tags: tagsFromInput(input.Tags),
    };
    state.attachments.set(id, attachment);
    return {
      RegistrationAttachmentArn: attachment.RegistrationAttachmentArn,
      RegistrationAttachmentId: id,
      AttachmentStatus: attachment.AttachmentStatus,
      Tags: tagList(attachment.tags),
      CreatedTimestamp: attachment.CreatedTimestamp,
    };
  },

  DeleteRegistrationAttachment(state, input: DeleteRegistrationAttachmentRequest, ctx): DeleteRegistrationAttachmentResult {
    const attachment = getAttachment(state, ctx, String(input.RegistrationAttachmentId));
    const users = registrationsUsing(state, attachment.RegistrationAttachmentId);
    if (users.length > 0) {
      throw conflict('RESOURCE_DELETION_NOT_ALLOWED', 'registration-attachment', attachment.RegistrationAttachmentId, `Attachment ${attachment.RegistrationAttachmentId} is a field value of registration(s) ${users.join(', ')}.`);
    }
    state.attachments.delete(attachment.RegistrationAttachmentId);
    const { AttachmentUrl: _url, ...info } = attachmentInformation(attachment);
    return { ...info, AttachmentStatus: 'DELETED' };
  },

  DescribeRegistrationAttachments(state, input: DescribeRegistrationAttachmentsRequest, ctx): DescribeRegistrationAttachmentsResult {
    const selected = input.RegistrationAttachmentIds?.length
      ? selectByIds(input.RegistrationAttachmentIds, (id) => findAttachment(state, ctx, id), 'registration-attachment')
      : [...state.attachments.values()];
    const filtered = applyFilters<AttachmentRecord, RegistrationAttachmentFilterName>(selected, input.Filters, {
      'attachment-status': (a) => a.AttachmentStatus,
    });
    const page = pageOf(filtered, input, ctx, 'DescribeRegistrationAttachments', [input.RegistrationAttachmentIds, input.Filters]);
    return { RegistrationAttachments: page.items.map(attachmentInformation), NextToken: page.nextToken };
  },
};
