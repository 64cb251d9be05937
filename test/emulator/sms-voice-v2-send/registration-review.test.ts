import {
  CreateRegistrationCommand,
  CreateRegistrationVersionCommand,
  DescribeRegistrationsCommand,
  DescribeRegistrationVersionsCommand,
  PutRegistrationFieldValueCommand,
  SubmitRegistrationVersionCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin } from './helpers';

// POST /_emulator/registrations/<id>/review: the reviewer's decision on a submitted version.
// APPROVE makes the registration COMPLETE (an older approved version is archived); DENY makes it
// REQUIRES_UPDATES with the denial reasons; anything but a submitted/in-review version is a 409.

const NOW = '2025-07-01T12:00:00.000Z';
const ids = SMS_VOICE_SEED.registrations;
let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture();
  await admin(fx, 'POST', 'clock', { set: NOW });
});
afterAll(() => fx.close());

describe('registration review', () => {
  it('APPROVE moves a SUBMITTED version to APPROVED and the registration to COMPLETE; a second review is refused', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    const approved = await admin(fx, 'POST', `registrations/${ids.tollFreeSubmitted}/review`, { decision: 'APPROVE', accountId });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      accountId,
      region: 'us-east-1',
      registration: { RegistrationId: ids.tollFreeSubmitted, RegistrationStatus: 'COMPLETE', CurrentVersionNumber: 1, ApprovedVersionNumber: 1 },
      version: { VersionNumber: 1, RegistrationVersionStatus: 'APPROVED', RegistrationVersionStatusHistory: { ReviewingTimestamp: NOW, ApprovedTimestamp: NOW } },
    });
    expect(approved.body.version.DeniedReasons).toBeUndefined();

    const [registration] = (await sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [ids.tollFreeSubmitted] }))).Registrations!;
    expect(registration).toMatchObject({ RegistrationStatus: 'COMPLETE', ApprovedVersionNumber: 1 });
    const [version] = (await sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId: ids.tollFreeSubmitted }))).RegistrationVersions!;
    expect(version).toMatchObject({ RegistrationVersionStatus: 'APPROVED', RegistrationVersionStatusHistory: { ApprovedTimestamp: new Date(NOW), ReviewingTimestamp: new Date(NOW) } });

    const again = await admin(fx, 'POST', `registrations/${ids.tollFreeSubmitted}/review`, { decision: 'DENY', accountId });
    expect(again).toEqual({
      status: 409,
      body: { message: `Registration ${ids.tollFreeSubmitted} version 1 is APPROVED; only a version that is SUBMITTED, AWS_REVIEWING, REVIEWING can be reviewed.` },
    });
  });

  it('DENY records the reasons and feedback and makes the registration REQUIRES_UPDATES; a new draft then cannot be reviewed until submitted', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    const arn = `arn:aws:sms-voice:us-east-1:${accountId}:registration/${ids.tollFreeSubmitted}`;
    const denied = await admin(fx, 'POST', `registrations/${encodeURIComponent(arn)}/review`, {
      decision: 'DENY',
      accountId,
      region: 'us-east-1',
      feedback: 'Please fix the opt-in description.',
      reasons: ['Opt-in unclear', { Reason: 'Website', ShortDescription: 'The website does not load.', DocumentationLink: 'https://example.com/help' }],
    });
    expect(denied.status).toBe(200);
    expect(denied.body.registration).toMatchObject({ RegistrationStatus: 'REQUIRES_UPDATES', LatestDeniedVersionNumber: 1 });
    expect(denied.body.version).toMatchObject({ RegistrationVersionStatus: 'DENIED', RegistrationVersionStatusHistory: { DeniedTimestamp: NOW }, Feedback: 'Please fix the opt-in description.' });

    const [version] = (await sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId: ids.tollFreeSubmitted }))).RegistrationVersions!;
    expect(version).toMatchObject({
      RegistrationVersionStatus: 'DENIED',
      Feedback: 'Please fix the opt-in description.',
      DeniedReasons: [
        { Reason: 'Opt-in unclear', ShortDescription: 'Opt-in unclear' },
        { Reason: 'Website', ShortDescription: 'The website does not load.', DocumentationLink: 'https://example.com/help' },
      ],
    });

    const draft = await sms.send(new CreateRegistrationVersionCommand({ RegistrationId: ids.tollFreeSubmitted }));
    expect(draft).toMatchObject({ VersionNumber: 2, RegistrationVersionStatus: 'DRAFT' });
    expect(await admin(fx, 'POST', `registrations/${ids.tollFreeSubmitted}/review`, { decision: 'APPROVE', accountId })).toEqual({
      status: 409,
      body: { message: `Registration ${ids.tollFreeSubmitted} version 2 is DRAFT; only a version that is SUBMITTED, AWS_REVIEWING, REVIEWING can be reviewed.` },
    });
    await sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: ids.tollFreeSubmitted }));
    const approved = await admin(fx, 'POST', `registrations/${ids.tollFreeSubmitted}/review`, { decision: 'APPROVE', accountId });
    expect(approved.body.registration).toMatchObject({ RegistrationStatus: 'COMPLETE', ApprovedVersionNumber: 2, LatestDeniedVersionNumber: 1 });
  });

  it('approving a newer version archives the previously approved one', async () => {
    const { sms, accountId } = fx.account({ seed: true });
    await sms.send(new CreateRegistrationVersionCommand({ RegistrationId: ids.tollFreeApproved }));
    await sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: ids.tollFreeApproved }));
    expect((await sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [ids.tollFreeApproved] }))).Registrations?.[0].RegistrationStatus).toBe('SUBMITTED');
    await admin(fx, 'POST', `registrations/${ids.tollFreeApproved}/review`, { decision: 'APPROVE', accountId });
    const versions = (await sms.send(new DescribeRegistrationVersionsCommand({ RegistrationId: ids.tollFreeApproved }))).RegistrationVersions!;
    expect(versions.map((v) => [v.VersionNumber, v.RegistrationVersionStatus])).toEqual([
      [1, 'DENIED'],
      [2, 'ARCHIVED'],
      [3, 'APPROVED'],
    ]);
    expect(versions[1].RegistrationVersionStatusHistory?.ArchivedTimestamp).toEqual(new Date(NOW));
    expect((await sms.send(new DescribeRegistrationsCommand({ RegistrationIds: [ids.tollFreeApproved] }))).Registrations?.[0]).toMatchObject({ RegistrationStatus: 'COMPLETE', ApprovedVersionNumber: 3 });
  });

  it('reviews a version submitted for AWS review, found by its unique ID without naming the account', async () => {
    const { sms } = fx.account();
    const { RegistrationId: id } = await sms.send(new CreateRegistrationCommand({ RegistrationType: 'US_TEN_DLC_BRAND_REGISTRATION' }));
    const fields: [string, { TextValue?: string; SelectChoices?: string[] }][] = [
      ['companyInfo.companyName', { TextValue: 'AnyCompany' }],
      ['companyInfo.legalType', { SelectChoices: ['PRIVATE_PROFIT'] }],
      ['companyInfo.taxIdIssuingCountry', { SelectChoices: ['US'] }],
      ['companyInfo.taxId', { TextValue: '12-3456789' }],
      ['contactInfo.supportEmail', { TextValue: 'help@example.com' }],
      ['contactInfo.supportPhoneNumber', { TextValue: '+12065550100' }],
    ];
    for (const [FieldPath, value] of fields) await sms.send(new PutRegistrationFieldValueCommand({ RegistrationId: id, FieldPath, ...value }));
    expect(await sms.send(new SubmitRegistrationVersionCommand({ RegistrationId: id, AwsReview: true }))).toMatchObject({ RegistrationVersionStatus: 'AWS_REVIEWING' });
    const denied = await admin(fx, 'POST', `registrations/${id}/review`, { decision: 'DENY' });
    expect(denied.body).toMatchObject({
      registration: { RegistrationStatus: 'REQUIRES_UPDATES' },
      version: { RegistrationVersionStatus: 'DENIED', DeniedReasons: [{ Reason: 'Registration denied', ShortDescription: 'The reviewer denied this registration version; update it and submit a new version.' }] },
    });
  });

  it('states the contract for bad input, unknown and ambiguous registrations', async () => {
    const { accountId } = fx.account({ seed: true });
    fx.account({ seed: true });
    const review = (body: unknown, id: string = ids.tollFreeSubmitted) => admin(fx, 'POST', `registrations/${id}/review`, body);
    expect(await review({ decision: 'MAYBE', accountId })).toEqual({ status: 400, body: { message: 'decision must be "APPROVE" or "DENY"; got "MAYBE"' } });
    expect(await review({ decision: 'APPROVE', accountId, reasons: ['x'] })).toEqual({ status: 400, body: { message: 'reasons are only given with "DENY"' } });
    expect(await review({ decision: 'DENY', accountId, reasons: [{ Reason: 'x' }] })).toEqual({ status: 400, body: { message: 'reasons[0] needs Reason and ShortDescription; got {"Reason":"x"}' } });
    expect(await review({ decision: 'DENY', accountId, reasons: [] })).toEqual({ status: 400, body: { message: 'reasons must be a non-empty array of strings or {Reason, ShortDescription, …} objects; got []' } });
    expect(await review({ decision: 'DENY', accountId, reason: 'x' })).toEqual({ status: 400, body: { message: 'Unknown field(s) "reason"; fields: decision, reasons, feedback, accountId, region' } });
    expect(await review(undefined)).toEqual({
      status: 400,
      body: { message: 'The review body is {"decision": "APPROVE" | "DENY", "reasons"?: [...], "feedback"?: "<text>", "accountId"?, "region"?}; got no body' },
    });
    expect(await review({ decision: 'APPROVE', accountId }, 'registration-00000000000000000000000000000000')).toEqual({
      status: 404,
      body: { message: `No registration "registration-00000000000000000000000000000000" in ${accountId}/any region.` },
    });
    const ambiguous = await review({ decision: 'APPROVE' });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.message).toMatch(new RegExp(`^registration "${ids.tollFreeSubmitted}" exists in several accounts/regions .*; give accountId and region\\.$`));
    expect(await review({ decision: 'APPROVE', accountId }, ids.brandDraft)).toEqual({
      status: 409,
      body: { message: `Registration ${ids.brandDraft} version 1 is DRAFT; only a version that is SUBMITTED, AWS_REVIEWING, REVIEWING can be reviewed.` },
    });
    expect((await admin(fx, 'GET', `registrations/${ids.brandDraft}/review`)).status).toBe(405);
  });
});
