import {
  ConflictException,
  CreatePoolCommand,
  CreateRegistrationAssociationCommand,
  CreateRegistrationAttachmentCommand,
  CreateRegistrationCommand,
  CreateRegistrationVersionCommand,
  DeletePoolCommand,
  DeleteRegistrationCommand,
  DeleteRegistrationFieldValueCommand,
  DescribePhoneNumbersCommand,
  DescribeRegistrationFieldValuesCommand,
  DescribeRegistrationsCommand,
  DescribeRegistrationVersionsCommand,
  DescribeSenderIdsCommand,
  DiscardRegistrationVersionCommand,
  ListRegistrationAssociationsCommand,
  PutRegistrationFieldValueCommand,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  RequestSenderIdCommand,
  ResourceNotFoundException,
  SubmitRegistrationVersionCommand,
  UpdatePoolCommand,
  ValidationException,
  type PinpointSMSVoiceV2Client,
  type PutRegistrationFieldValueCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { PDF_BYTES, rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const seed = SMS_VOICE_SEED;
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

function put(sms: PinpointSMSVoiceV2Client, RegistrationId: string | undefined, FieldPath: string, value: Omit<PutRegistrationFieldValueCommandInput, 'RegistrationId' | 'FieldPath'>) {
  return sms.send(new PutRegistrationFieldValueCommand({ RegistrationId, FieldPath, ...value }));
}

async function status(sms: PinpointSMSVoiceV2Client, id: string) {
  return (await sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [id] }))).Registrations?.[0];
}

function requestNumber(sms: PinpointSMSVoiceV2Client, NumberType: 'TOLL_FREE' | 'TEN_DLC', RegistrationId?: string) {
  return sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType, RegistrationId }));
}

describe('registration lifecycle (US toll-free)', () => {
  it('goes from CREATED to SUBMITTED once the form is complete and a number is associated', async () => {
    const { sms, accountId } = fx.account();
    const created = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION', Tags: [{ Key: 'k', Value: 'v' }] }));
    const id = created.RegistrationId!;
    expect(id).toMatch(/^registration-[0-9a-f]{32}$/);
    expect(created).toMatchObject({
      RegistrationArn: `arn:aws:sms-voice:us-east-1:${accountId}:registration/${id}`,
      RegistrationType: 'US_TOLL_FREE_REGISTRATION',
      RegistrationStatus: 'CREATED',
      CurrentVersionNumber: 1,
      Tags: [{ Key: 'k', Value: 'v' }],
    });

    const incomplete = await rejectionOf(sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: id })));
    expect(incomplete).toBeInstanceOf(ValidationException);
    expect(incomplete).toMatchObject({ Reason: 'FIELD_VALIDATION_FAILED' });
    expect(incomplete.Fields.map((f: { Name: string }) => f.Name)).toEqual([
      'companyInfo.companyName',
      'companyInfo.website',
      'contactInfo.supportEmail',
      'messagingUseCase.monthlyMessageVolume',
      'messagingUseCase.useCaseCategory',
      'messagingUseCase.messageSample',
      'messagingUseCase.optInImage',
    ]);

    const attachment = await sms.send(new CreateRegistrationAttachmentCommand({ AttachmentBody: PDF_BYTES }));
    const written = await put(sms, id, 'companyInfo.companyName', { TextValue: 'AnyCompany' });
    expect(written).toEqual(expect.objectContaining({ RegistrationId: id, VersionNumber: 1, FieldPath: 'companyInfo.companyName', TextValue: 'AnyCompany' }));
    await put(sms, id, 'companyInfo.website', { TextValue: 'https://example.com' });
    await put(sms, id, 'contactInfo.supportEmail', { TextValue: 'help@example.com' });
    await put(sms, id, 'messagingUseCase.monthlyMessageVolume', { SelectChoices: ['1,000'] });
    await put(sms, id, 'messagingUseCase.useCaseCategory', { SelectChoices: ['ONE_TIME_PASSWORDS'] });
    await put(sms, id, 'messagingUseCase.messageSample', { TextValue: 'Your code is 123456.' });
    await put(sms, id, 'messagingUseCase.optInImage', { RegistrationAttachmentId: attachment.RegistrationAttachmentId });

    const noNumber = await rejectionOf(sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: id })));
    expect(noNumber).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_REGISTRATION_ASSOCIATION' });

    // Toll-free numbers are associated before submission (ASSOCIATE_BEFORE_SUBMIT).
    const phone = await requestNumber(sms, 'TOLL_FREE', id);
    expect(phone.RegistrationId).toBe(id);
    const associations = await sms.send(new ListRegistrationAssociationsCommand({ RegistrationId: id }));
    expect(associations).toMatchObject({
      RegistrationId: id,
      RegistrationType: 'US_TOLL_FREE_REGISTRATION',
      RegistrationAssociations: [{ ResourceType: 'phone-number', ResourceId: phone.PhoneNumberId, ResourceArn: phone.PhoneNumberArn, IsoCountryCode: 'US', PhoneNumber: phone.PhoneNumber }],
    });

    const submitted = await sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: id }));
    expect(submitted).toMatchObject({ RegistrationId: id, VersionNumber: 1, RegistrationVersionStatus: 'SUBMITTED', AwsReview: false });
    expect(submitted.RegistrationVersionStatusHistory?.SubmittedTimestamp).toBeInstanceOf(Date);
    expect(await status(sms, id)).toMatchObject({ RegistrationStatus: 'SUBMITTED', CurrentVersionNumber: 1 });

    // A submitted version is read-only, and can't be submitted or replaced until it is reviewed.
    expect(await rejectionOf(put(sms, id, 'companyInfo.companyName', { TextValue: 'Other' }))).toMatchObject({ name: 'ConflictException', Reason: 'EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED', ResourceType: 'registration', ResourceId: id });
    expect(await rejectionOf(sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: id })))).toMatchObject({ Reason: 'REGISTRATION_ALREADY_SUBMITTED' });
    expect(await rejectionOf(sms.send(new CreateRegistrationVersionCommand({ RegistrationId: id })))).toMatchObject({ Reason: 'CREATE_REGISTRATION_VERSION_NOT_ALLOWED' });
    expect(await rejectionOf(requestNumber(sms, 'TOLL_FREE', id))).toMatchObject({ name: 'ConflictException', Reason: 'REGISTRATION_ALREADY_SUBMITTED' });
  });

  it('checks field values against the form', async () => {
    const { sms } = fx.account();
    const { RegistrationId } = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
    const expectInvalid = async (call: Promise<unknown>, reason: string, field: string) => {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(ValidationException);
      expect(error).toMatchObject({ Reason: reason, Fields: [expect.objectContaining({ Name: field })] });
    };
    await expectInvalid(put(sms, RegistrationId, 'companyInfo.website', { TextValue: 'not a url' }), 'FIELD_VALIDATION_FAILED', 'TextValue');
    await expectInvalid(put(sms, RegistrationId, 'messagingUseCase.useCaseCategory', { SelectChoices: ['GAMBLING'] }), 'FIELD_VALIDATION_FAILED', 'SelectChoices');
    await expectInvalid(put(sms, RegistrationId, 'messagingUseCase.useCaseCategory', { SelectChoices: ['MARKETING', 'ONE_TIME_PASSWORDS'] }), 'FIELD_VALIDATION_FAILED', 'SelectChoices');
    await expectInvalid(put(sms, RegistrationId, 'messagingUseCase.optInImage', { TextValue: 'x' }), 'FIELD_VALIDATION_FAILED', 'TextValue');
    await expectInvalid(put(sms, RegistrationId, 'companyInfo.nickname', { TextValue: 'x' }), 'UNKNOWN_REGISTRATION_FIELD', 'FieldPath');
    const missing = await rejectionOf(put(sms, RegistrationId, 'companyInfo.companyName', {}));
    expect(missing).toMatchObject({ name: 'ValidationException', Reason: 'MISSING_PARAMETER' });
    expect(missing.Fields.map((f: { Name: string }) => f.Name)).toEqual(['TextValue', 'SelectChoices', 'RegistrationAttachmentId']);
    const attachment = await rejectionOf(put(sms, RegistrationId, 'messagingUseCase.optInImage', { RegistrationAttachmentId: 'attachment-nope' }));
    expect(attachment).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'registration-attachment', ResourceId: 'attachment-nope' });
    const unknownType = await rejectionOf(sms.send(new CreateRegistrationCommand({ RegistrationType: 'XX_MADE_UP' })));
    expect(unknownType).toMatchObject({ name: 'ValidationException', Reason: 'UNKNOWN_REGISTRATION_TYPE', Fields: [{ Name: 'RegistrationType' }] });
  });

  it('deletes and describes field values of the draft', async () => {
    const { sms } = fx.account();
    const { RegistrationId } = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
    await put(sms, RegistrationId, 'contactInfo.supportEmail', { TextValue: 'a@b.example' });
    await put(sms, RegistrationId, 'companyInfo.legalType', { SelectChoices: ['NON_PROFIT'] });
    await put(sms, RegistrationId, 'companyInfo.companyName', { TextValue: 'Example' });
    // Listed in the form's order, not the order they were put in.
    const all = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId }));
    expect(all.RegistrationFieldValues?.map((v) => v.FieldPath)).toEqual(['companyInfo.companyName', 'companyInfo.legalType', 'contactInfo.supportEmail']);
    expect(all.RegistrationFieldValues?.[1]).toEqual({ FieldPath: 'companyInfo.legalType', SelectChoices: ['NON_PROFIT'] });
    const section = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, SectionPath: 'contactInfo' }));
    expect(section.RegistrationFieldValues?.map((v) => v.FieldPath)).toEqual(['contactInfo.supportEmail']);
    const paths = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, FieldPaths: ['companyInfo.legalType', 'companyInfo.taxId'] }));
    expect(paths.RegistrationFieldValues?.map((v) => v.FieldPath)).toEqual(['companyInfo.legalType']);
    const page = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, MaxResults: 2 }));
    const rest = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, MaxResults: 2, NextToken: page.NextToken }));
    expect([...page.RegistrationFieldValues!, ...rest.RegistrationFieldValues!]).toEqual(all.RegistrationFieldValues);

    expect(await sms.send(new DeleteRegistrationFieldValueCommand({ RegistrationId, FieldPath: 'companyInfo.legalType' }))).toMatchObject({ FieldPath: 'companyInfo.legalType', SelectChoices: ['NON_PROFIT'], VersionNumber: 1 });
    expect(await rejectionOf(sms.send(new DeleteRegistrationFieldValueCommand({ RegistrationId, FieldPath: 'companyInfo.legalType' })))).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_PARAMETER' });
    expect(await rejectionOf(sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, SectionPath: 'nope' })))).toMatchObject({ Reason: 'UNKNOWN_REGISTRATION_SECTION' });
    expect(await rejectionOf(sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, VersionNumber: 7 })))).toMatchObject({ Reason: 'UNKNOWN_REGISTRATION_VERSION' });
  });

  it('refuses to delete a registration with identities its type must keep, then deletes it', async () => {
    const { sms } = fx.account({ seed: true });
    const refused = await rejectionOf(sms.send(new DeleteRegistrationCommand({ RegistrationId: seed.registrations.tollFreeSubmitted })));
    expect(refused).toBeInstanceOf(ConflictException);
    expect(refused).toMatchObject({ Reason: 'RESOURCE_DELETION_NOT_ALLOWED', ResourceType: 'registration', ResourceId: seed.registrations.tollFreeSubmitted });
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.phoneNumbers.tollFreePending }));
    const deleted = await sms.send(new DeleteRegistrationCommand({ RegistrationId: seed.registrations.tollFreeSubmitted }));
    expect(deleted).toMatchObject({ RegistrationId: seed.registrations.tollFreeSubmitted, RegistrationStatus: 'DELETED' });
    expect(await rejectionOf(sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [seed.registrations.tollFreeSubmitted] })))).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('registration versions', () => {
  it('describes versions by number and status, and fails on an unknown number', async () => {
    const { sms } = fx.account({ seed: true });
    const RegistrationId = seed.registrations.tollFreeApproved;
    const all = await sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId }));
    expect(all.RegistrationVersions?.map((v) => [v.VersionNumber, v.RegistrationVersionStatus])).toEqual([[1, 'DENIED'], [2, 'APPROVED']]);
    expect(all.RegistrationVersions?.[0].DeniedReasons?.[0]).toMatchObject({ Reason: 'Incomplete message sample' });
    expect(all.RegistrationVersions?.[1].RegistrationVersionStatusHistory?.ApprovedTimestamp).toBeInstanceOf(Date);
    const one = await sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId, VersionNumbers: [2] }));
    expect(one.RegistrationVersions?.map((v) => v.VersionNumber)).toEqual([2]);
    const denied = await sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId, Filters: [{ Name: 'registration-version-status', Values: ['DENIED'] }] }));
    expect(denied.RegistrationVersions?.map((v) => v.VersionNumber)).toEqual([1]);
    const unknown = await rejectionOf(sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId, VersionNumbers: [2, 9] })));
    expect(unknown).toMatchObject({ name: 'ValidationException', Reason: 'UNKNOWN_REGISTRATION_VERSION' });
    const values = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, VersionNumber: 1, FieldPaths: ['messagingUseCase.messageSample'] }));
    expect(values.RegistrationFieldValues?.[0]).toMatchObject({ TextValue: 'Your order has shipped.', DeniedReason: expect.stringContaining('opt out') });
  });

  it('starts a new draft from an approved version, and discards it', async () => {
    const { sms } = fx.account({ seed: true });
    const RegistrationId = seed.registrations.tollFreeApproved;
    const created = await sms.send(new CreateRegistrationVersionCommand({ RegistrationId }));
    expect(created).toMatchObject({ RegistrationId, VersionNumber: 3, RegistrationVersionStatus: 'DRAFT' });
    expect(await status(sms, RegistrationId)).toMatchObject({ RegistrationStatus: 'COMPLETE', CurrentVersionNumber: 3, ApprovedVersionNumber: 2, LatestDeniedVersionNumber: 1 });

    // The draft starts from the approved answers; changing it leaves version 2 alone.
    await put(sms, RegistrationId, 'companyInfo.companyName', { TextValue: 'AnyCompany Holdings' });
    const v3 = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId }));
    const v2 = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId, VersionNumber: 2 }));
    expect(v3.VersionNumber).toBe(3);
    expect(v3.RegistrationFieldValues).toHaveLength(7);
    expect(v3.RegistrationFieldValues?.[0].TextValue).toBe('AnyCompany Holdings');
    expect(v2.RegistrationFieldValues?.[0].TextValue).toBe('AnyCompany');

    const discarded = await sms.send(new DiscardRegistrationVersionCommand({ RegistrationId }));
    expect(discarded).toMatchObject({ VersionNumber: 3, RegistrationVersionStatus: 'DISCARDED' });
    expect(discarded.RegistrationVersionStatusHistory?.DiscardedTimestamp).toBeInstanceOf(Date);
    expect(await status(sms, RegistrationId)).toMatchObject({ RegistrationStatus: 'COMPLETE', CurrentVersionNumber: 3 });
    expect(await rejectionOf(sms.send(new DiscardRegistrationVersionCommand({ RegistrationId })))).toMatchObject({ name: 'ConflictException', Reason: 'DISCARD_REGISTRATION_VERSION_NOT_ALLOWED' });
    expect(await sms.send(new CreateRegistrationVersionCommand({ RegistrationId }))).toMatchObject({ VersionNumber: 4 });
  });

  it('submits a denied registration’s new version for review, and can ask for AWS review', async () => {
    const { sms } = fx.account({ seed: true });
    const RegistrationId = seed.registrations.campaignDenied;
    expect(await status(sms, RegistrationId)).toMatchObject({ RegistrationStatus: 'REQUIRES_UPDATES', LatestDeniedVersionNumber: 1 });
    await sms.send(new CreateRegistrationVersionCommand({ RegistrationId }));
    expect(await status(sms, RegistrationId)).toMatchObject({ RegistrationStatus: 'REQUIRES_UPDATES', CurrentVersionNumber: 2 });
    await put(sms, RegistrationId, 'campaignInfo.description', { TextValue: 'Weekly offers for loyalty members who opted in at checkout.' });
    const submitted = await sms.send(new SubmitRegistrationVersionCommand({ RegistrationId, AwsReview: true }));
    expect(submitted).toMatchObject({ VersionNumber: 2, RegistrationVersionStatus: 'AWS_REVIEWING', AwsReview: true });
    expect(await status(sms, RegistrationId)).toMatchObject({ RegistrationStatus: 'AWS_REVIEWING' });
  });

  it('never discards the only version', async () => {
    const { sms } = fx.account();
    const { RegistrationId } = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
    const error = await rejectionOf(sms.send(new DiscardRegistrationVersionCommand({ RegistrationId })));
    expect(error).toMatchObject({ name: 'ConflictException', Reason: 'DISCARD_REGISTRATION_VERSION_NOT_ALLOWED', ResourceId: RegistrationId });
  });
});

describe('registration associations', () => {
  it('follows the type’s association rules', async () => {
    const { sms } = fx.account({ seed: true });
    const r = seed.registrations;
    const associate = (RegistrationId: string, ResourceId: string) => sms.send(new CreateRegistrationAssociationCommand({ RegistrationId, ResourceId }));
    const tenDlc = await requestNumber(sms, 'TEN_DLC');
    const tollFree = await requestNumber(sms, 'TOLL_FREE');

    // 10DLC campaigns take 10DLC numbers after they are complete.
    expect(await rejectionOf(associate(r.campaignDenied, tenDlc.PhoneNumberId!))).toMatchObject({ name: 'ConflictException', Reason: 'REGISTRATION_NOT_COMPLETE', ResourceId: r.campaignDenied });
    expect(await rejectionOf(associate(r.tenDlcCampaign, tollFree.PhoneNumberId!))).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_REGISTRATION_ASSOCIATION' });
    expect(await rejectionOf(associate(r.tenDlcBrand, tenDlc.PhoneNumberId!))).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_REGISTRATION_ASSOCIATION' });

    const created = await associate(r.tenDlcCampaign, tenDlc.PhoneNumberArn!);
    expect(created).toEqual(
      expect.objectContaining({ RegistrationId: r.tenDlcCampaign, RegistrationType: 'US_TEN_DLC_CAMPAIGN_REGISTRATION', ResourceType: 'phone-number', ResourceId: tenDlc.PhoneNumberId, ResourceArn: tenDlc.PhoneNumberArn, IsoCountryCode: 'US', PhoneNumber: tenDlc.PhoneNumber }),
    );
    const described = await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [tenDlc.PhoneNumberId!] }));
    expect(described.PhoneNumbers?.[0].RegistrationId).toBe(r.tenDlcCampaign);
    expect(await rejectionOf(associate(r.tenDlcCampaign, tenDlc.PhoneNumberId!))).toMatchObject({ name: 'ConflictException', Reason: 'RESOURCE_ALREADY_ASSOCIATED', ResourceType: 'phone-number' });

    const listed = await sms.send(new ListRegistrationAssociationsCommand({ RegistrationId: r.tenDlcCampaign, MaxResults: 2 }));
    expect(listed.RegistrationAssociations?.map((a) => a.ResourceId)).toEqual([seed.phoneNumbers.tenDlcMarketing1, seed.phoneNumbers.tenDlcMarketing2]);
    const rest = await sms.send(new ListRegistrationAssociationsCommand({ RegistrationId: r.tenDlcCampaign, MaxResults: 2, NextToken: listed.NextToken }));
    expect(rest.RegistrationAssociations?.map((a) => a.ResourceId)).toEqual([tenDlc.PhoneNumberId]);

    // A number belongs to one registration at a time.
    const { RegistrationId: draft } = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TOLL_FREE_REGISTRATION' }));
    expect(await rejectionOf(associate(draft!, seed.phoneNumbers.tollFreeAlerts))).toMatchObject({ name: 'ConflictException', Reason: 'PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION', ResourceId: seed.phoneNumbers.tollFreeAlerts });
    expect(await rejectionOf(associate(draft!, 'phone-missing'))).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'phone-number', ResourceId: 'phone-missing' });
  });

  it('associates a number requested with a RegistrationId, and refuses one the rules forbid', async () => {
    const { sms } = fx.account({ seed: true });
    const phone = await requestNumber(sms, 'TEN_DLC', seed.registrations.tenDlcCampaign);
    expect(phone.RegistrationId).toBe(seed.registrations.tenDlcCampaign);
    const refused = await rejectionOf(requestNumber(sms, 'TEN_DLC', seed.registrations.campaignDenied));
    expect(refused).toMatchObject({ name: 'ConflictException', Reason: 'REGISTRATION_NOT_COMPLETE' });
    expect((await sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers).toHaveLength(8);
    expect(await rejectionOf(requestNumber(sms, 'TEN_DLC', 'registration-missing'))).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'registration' });
  });

  it('associates sender IDs by country, and deleting such a registration disassociates them', async () => {
    const { sms } = fx.account();
    await sms.send(new RequestSenderIdCommand({ SenderId: 'NEWSG', IsoCountryCode: 'SG' }));
    const newGb = await sms.send(new RequestSenderIdCommand({ SenderId: 'NEWGB', IsoCountryCode: 'GB' }));
    const { RegistrationId } = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'SG_SENDER_ID_REGISTRATION' }));
    const created = await sms.send(new CreateRegistrationAssociationCommand({ RegistrationId, ResourceId: 'NEWSG' }));
    expect(created).toMatchObject({ ResourceType: 'sender-id', ResourceId: 'NEWSG', IsoCountryCode: 'SG', ResourceArn: expect.stringMatching(/sender-id\/NEWSG\/SG$/) });
    const gb = await rejectionOf(sms.send(new CreateRegistrationAssociationCommand({ RegistrationId, ResourceId: 'NEWGB' })));
    // A bare SenderId is looked up in the type's country; by ARN, the country rule refuses it.
    expect(gb).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'sender-id', ResourceId: 'NEWGB' });
    const gbByArn = await rejectionOf(sms.send(new CreateRegistrationAssociationCommand({ RegistrationId, ResourceId: newGb.SenderIdArn })));
    expect(gbByArn).toMatchObject({ name: 'ValidationException', Reason: 'INVALID_REGISTRATION_ASSOCIATION' });
    const filtered = await sms.send(new ListRegistrationAssociationsCommand({ RegistrationId, Filters: [{ Name: 'resource-type', Values: ['sender-id'] }] }));
    expect(filtered.RegistrationAssociations?.map((a) => a.ResourceId)).toEqual(['NEWSG']);
    // Not complete yet, so not registered.
    const pair = { SenderId: 'NEWSG', IsoCountryCode: 'SG' };
    expect((await sms.send(new DescribeSenderIdsCommand({ SenderIds: [pair] }))).SenderIds?.[0]).toMatchObject({ Registered: false, RegistrationId });

    await sms.send(new DeleteRegistrationCommand({ RegistrationId }));
    const after = await sms.send(new DescribeSenderIdsCommand({ SenderIds: [pair] }));
    expect(after.SenderIds?.[0].RegistrationId).toBeUndefined();
  });

  it('closes a complete 10DLC campaign when its last number is released', async () => {
    const { sms } = fx.account({ seed: true });
    await sms.send(new UpdatePoolCommand({ PoolId: seed.pools.marketing, DeletionProtectionEnabled: false }));
    await sms.send(new DeletePoolCommand({ PoolId: seed.pools.marketing }));
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.phoneNumbers.tenDlcMarketing1 }));
    expect(await status(sms, seed.registrations.tenDlcCampaign)).toMatchObject({ RegistrationStatus: 'COMPLETE' });
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: seed.phoneNumbers.tenDlcMarketing2 }));
    expect(await status(sms, seed.registrations.tenDlcCampaign)).toMatchObject({ RegistrationStatus: 'CLOSED' });
    const closed = await sms.send(new DescribeRegistrationsCommand({ Filters: [{ Name: 'registration-status', Values: ['CLOSED'] }] }));
    expect(closed.Registrations?.map((r) => r.RegistrationId)).toEqual([seed.registrations.tenDlcCampaign]);
    // A pool could be created again from a fresh number, unrelated to the closed campaign.
    const fresh = await requestNumber(sms, 'TEN_DLC');
    expect((await sms.send(new CreatePoolCommand({ OriginationIdentity: fresh.PhoneNumberId, MessageType: 'TRANSACTIONAL' }))).Status).toBe('ACTIVE');
  });
});

describe('DescribeRegistrations', () => {
  it('describes by ID in the order given, by filter and by page, and fails whole on one unknown ID', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    const r = seed.registrations;
    const byIds = await sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [r.brandDraft, `arn:aws:sms-voice:us-east-1:${accountId}:registration/${r.tenDlcBrand}`] }));
    expect(byIds.Registrations?.map((x) => [x.RegistrationId, x.RegistrationStatus])).toEqual([[r.brandDraft, 'CREATED'], [r.tenDlcBrand, 'COMPLETE']]);
    const tollFree = await sms.send(new DescribeRegistrationsCommand({ Filters: [{ Name: 'registration-type', Values: ['US_TOLL_FREE_REGISTRATION'] }] }));
    expect(tollFree.Registrations?.map((x) => x.RegistrationId)).toEqual([r.tollFreeApproved, r.tollFreeSubmitted]);
    const page = await sms.send(new DescribeRegistrationsCommand({ MaxResults: 4 }));
    const rest = await sms.send(new DescribeRegistrationsCommand({ MaxResults: 4, NextToken: page.NextToken }));
    expect([...page.Registrations!, ...rest.Registrations!].map((x) => x.RegistrationId)).toEqual(Object.values(r));
    const error = await rejectionOf(sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [r.brandDraft, 'registration-nope'] })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ ResourceType: 'registration', ResourceId: 'registration-nope' });
  });
});
