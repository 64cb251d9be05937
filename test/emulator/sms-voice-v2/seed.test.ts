import {
  DescribeConfigurationSetsCommand,
  DescribeOptedOutNumbersCommand,
  DescribeOptOutListsCommand,
  DescribePhoneNumbersCommand,
  DescribePoolsCommand,
  DescribeRegistrationAttachmentsCommand,
  DescribeRegistrationFieldValuesCommand,
  DescribeRegistrationsCommand,
  DescribeSenderIdsCommand,
  ListPoolOriginationIdentitiesCommand,
  ListRegistrationAssociationsCommand,
  type PinpointSMSVoiceV2Client,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { startSmsFixture, type SmsFixture } from './fixtures';

const seed = SMS_VOICE_SEED;
const NOW = new Date('2025-06-01T00:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
let fx: SmsFixture;
let sms: PinpointSMSVoiceV2Client;

beforeAll(async () => {
  // `seed: true` seeds the default account (123456789012, us-east-1) at start.
  fx = await startSmsFixture({ seed: true, clock: { now: () => NOW } });
  sms = fx.started.sms;
});
afterAll(() => fx.close());

/** Everything Describe shows for the seeded account, for comparing two seedings. */
async function snapshot(client: PinpointSMSVoiceV2Client) {
  return {
    phoneNumbers: (await client.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers,
    pools: (await client.send(new DescribePoolsCommand({}))).Pools,
    optOutLists: (await client.send(new DescribeOptOutListsCommand({}))).OptOutLists,
    senderIds: (await client.send(new DescribeSenderIdsCommand({}))).SenderIds,
    configurationSets: (await client.send(new DescribeConfigurationSetsCommand({}))).ConfigurationSets,
    registrations: (await client.send(new DescribeRegistrationsCommand({}))).Registrations,
    attachments: (await client.send(new DescribeRegistrationAttachmentsCommand({}))).RegistrationAttachments,
  };
}

describe('SMS v2 seed', () => {
  it('has the documented phone numbers, with pool and registration links', async () => {
    const numbers = (await sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers!;
    expect(numbers.map((n) => [n.PhoneNumberId, n.PhoneNumber, n.IsoCountryCode, n.NumberType, n.PoolId, n.RegistrationId])).toEqual([
      [seed.phoneNumbers.tollFreeAlerts, '+18335550100', 'US', 'TOLL_FREE', undefined, seed.registrations.tollFreeApproved],
      [seed.phoneNumbers.tenDlcMarketing1, '+14255550100', 'US', 'TEN_DLC', seed.pools.marketing, seed.registrations.tenDlcCampaign],
      [seed.phoneNumbers.tenDlcMarketing2, '+14255550101', 'US', 'TEN_DLC', seed.pools.marketing, seed.registrations.tenDlcCampaign],
      [seed.phoneNumbers.simulator, '+12065550100', 'US', 'SIMULATOR', undefined, undefined],
      [seed.phoneNumbers.ukLongCode, '+447700900100', 'GB', 'LONG_CODE', seed.pools.alerts, undefined],
      [seed.phoneNumbers.caLongCode, '+16045550100', 'CA', 'LONG_CODE', undefined, undefined],
      [seed.phoneNumbers.tollFreePending, '+18335550101', 'US', 'TOLL_FREE', undefined, seed.registrations.tollFreeSubmitted],
    ]);
    expect(numbers[0]).toMatchObject({
      PhoneNumberArn: `arn:aws:sms-voice:us-east-1:123456789012:phone-number/${seed.phoneNumbers.tollFreeAlerts}`,
      TwoWayEnabled: true,
      TwoWayChannelArn: 'arn:aws:sns:us-east-1:123456789012:inbound-sms',
      DeletionProtectionEnabled: true,
      CreatedTimestamp: new Date(NOW.getTime() - 110 * DAY_MS),
    });
  });

  it('has pools with their identities', async () => {
    const pools = (await sms.send(new DescribePoolsCommand({}))).Pools!;
    expect(pools.map((p) => [p.PoolId, p.MessageType, p.OptOutListName, p.DeletionProtectionEnabled])).toEqual([
      [seed.pools.marketing, 'PROMOTIONAL', 'marketing-optouts', true],
      [seed.pools.alerts, 'TRANSACTIONAL', 'Default', false],
    ]);
    const alerts = await sms.send(new ListPoolOriginationIdentitiesCommand({ PoolId: seed.pools.alerts }));
    expect(alerts.OriginationIdentities?.map((i) => i.OriginationIdentity)).toEqual([seed.phoneNumbers.ukLongCode, 'ACMEALERT']);
  });

  it('has opt-out lists with opted-out numbers, sender IDs and configuration sets', async () => {
    expect((await sms.send(new DescribeOptOutListsCommand({}))).OptOutLists?.map((l) => l.OptOutListName)).toEqual(['Default', 'marketing-optouts', 'transactional-optouts']);
    const optedOut = await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: seed.optOutLists.marketing }));
    expect(optedOut.OptedOutNumbers?.map((n) => [n.OptedOutNumber, n.EndUserOptedOut])).toEqual([['+12065550150', true], ['+12065550151', true], ['+12065550152', false]]);
    const senders = (await sms.send(new DescribeSenderIdsCommand({}))).SenderIds!;
    expect(senders.map((s) => [s.SenderId, s.IsoCountryCode, s.Registered, s.DeletionProtectionEnabled])).toEqual([
      ['ACMEALERT', 'GB', false, false],
      ['ACMESHOP', 'SG', true, false],
      ['ACMEINFO', 'DE', false, true],
    ]);
    const sets = (await sms.send(new DescribeConfigurationSetsCommand({}))).ConfigurationSets!;
    expect(sets.map((s) => [s.ConfigurationSetName, s.EventDestinations?.length, s.DefaultMessageType])).toEqual([
      ['main-config', 2, 'TRANSACTIONAL'],
      ['marketing-config', 1, 'PROMOTIONAL'],
      ['empty-config', 0, undefined],
    ]);
    expect(sets[1].EventDestinations?.[0]).toMatchObject({ EventDestinationName: 'firehose-delivery', Enabled: false, KinesisFirehoseDestination: { DeliveryStreamArn: expect.stringContaining('deliverystream/sms-events') } });
  });

  it('has registrations in every lifecycle state, with values, an attachment and associations', async () => {
    const registrations = (await sms.send(new DescribeRegistrationsCommand({}))).Registrations!;
    expect(registrations.map((r) => [r.RegistrationId, r.RegistrationType, r.RegistrationStatus, r.CurrentVersionNumber, r.ApprovedVersionNumber, r.LatestDeniedVersionNumber])).toEqual([
      [seed.registrations.tenDlcBrand, 'US_TEN_DLC_BRAND_REGISTRATION', 'COMPLETE', 1, 1, undefined],
      [seed.registrations.tenDlcCampaign, 'US_TEN_DLC_CAMPAIGN_REGISTRATION', 'COMPLETE', 1, 1, undefined],
      [seed.registrations.tollFreeApproved, 'US_TOLL_FREE_REGISTRATION', 'COMPLETE', 2, 2, 1],
      [seed.registrations.tollFreeSubmitted, 'US_TOLL_FREE_REGISTRATION', 'SUBMITTED', 1, undefined, undefined],
      [seed.registrations.brandDraft, 'US_TEN_DLC_BRAND_REGISTRATION', 'CREATED', 1, undefined, undefined],
      [seed.registrations.campaignDenied, 'US_TEN_DLC_CAMPAIGN_REGISTRATION', 'REQUIRES_UPDATES', 1, undefined, 1],
      [seed.registrations.sgSenderId, 'SG_SENDER_ID_REGISTRATION', 'COMPLETE', 1, 1, undefined],
    ]);
    expect(registrations[0].AdditionalAttributes).toEqual({ BRAND_SCORE: '75' });

    const values = await sms.send(new DescribeRegistrationFieldValuesCommand({ RegistrationId: seed.registrations.tollFreeApproved, SectionPath: 'messagingUseCase' }));
    expect(values.VersionNumber).toBe(2);
    expect(values.RegistrationFieldValues?.find((v) => v.FieldPath === 'messagingUseCase.optInImage')).toEqual({ FieldPath: 'messagingUseCase.optInImage', RegistrationAttachmentId: seed.attachments.optInImage });

    const sg = await sms.send(new ListRegistrationAssociationsCommand({ RegistrationId: seed.registrations.sgSenderId }));
    expect(sg.RegistrationAssociations).toEqual([{ ResourceType: 'sender-id', ResourceId: 'ACMESHOP', ResourceArn: 'arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACMESHOP/SG', IsoCountryCode: 'SG' }]);
    const attachments = (await sms.send(new DescribeRegistrationAttachmentsCommand({}))).RegistrationAttachments!;
    expect(attachments.map((a) => [a.RegistrationAttachmentId, a.AttachmentStatus])).toEqual([
      [seed.attachments.optInImage, 'UPLOAD_COMPLETE'],
      [seed.attachments.letterOfAuthorization, 'UPLOAD_COMPLETE'],
    ]);
  });

  it('is deterministic: another emulator with the same clock seeds the same data', async () => {
    const other = await startSmsFixture({ seed: true, clock: { now: () => NOW } });
    try {
      expect(await snapshot(other.started.sms)).toEqual(await snapshot(sms));
    } finally {
      await other.close();
    }
  });

  it('seeds other accounts and regions with their own ARNs', async () => {
    const { sms: west, accountId } = fx.account({ seed: true, region: 'eu-west-2' });
    const pools = (await west.send(new DescribePoolsCommand({}))).Pools!;
    expect(pools[0].PoolArn).toBe(`arn:aws:sms-voice:eu-west-2:${accountId}:pool/${seed.pools.marketing}`);
  });
});
