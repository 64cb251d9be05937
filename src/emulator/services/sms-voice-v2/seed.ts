import type { MessageType, NumberCapability, NumberType, RegistrationDeniedReasonInformation, RegistrationVersionStatus } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn, type ArnScope } from './arns';
import {
  DEFAULT_OPT_OUT_LIST_NAME,
  ensureDefaultOptOutList,
  monthlyLeasingPrice,
  senderKey,
  type AttachmentRecord,
  type ConfigurationSetRecord,
  type EventDestinationRecord,
  type FieldValueRecord,
  type OptOutListRecord,
  type PhoneNumberRecord,
  type PoolMember,
  type PoolRecord,
  type RegistrationAssociationRecord,
  type RegistrationRecord,
  type RegistrationVersionRecord,
  type SenderIdRecord,
  type SmsVoiceState,
} from './store';

/**
 * The demo data set of one account and region: fixed IDs (below), timestamps relative to the
 * emulator clock at seeding time. It shows every relationship the API has:
 *
 * - 7 phone numbers (US toll-free, 10DLC and simulator, GB and CA long codes), two of them two-way;
 *   the two 10DLC numbers are in the `marketing` pool, the GB number in the `alerts` pool.
 * - 2 pools; `alerts` also holds the sender ID ACMEALERT (GB). `marketing` has deletion protection.
 * - 3 opt-out lists (`Default`, `marketing-optouts` with 3 numbers, `transactional-optouts` with 1).
 * - 3 sender IDs: ACMEALERT (GB), ACMESHOP (SG, registered), ACMEINFO (DE, deletion protection).
 * - 3 configuration sets: `main-config` (CloudWatch + SNS destinations, defaults), `marketing-config`
 *   (a disabled Firehose destination), `empty-config`.
 * - 7 registrations, one per lifecycle state the demo needs: COMPLETE (10DLC brand, 10DLC campaign
 *   with both 10DLC numbers, toll-free approved on version 2 after a denied version 1, SG sender
 *   ID), SUBMITTED (toll-free), CREATED (a draft brand) and REQUIRES_UPDATES (a denied campaign).
 * - 2 registration attachments (an uploaded PNG and a PDF by URL).
 */
export const SMS_VOICE_SEED = {
  phoneNumbers: {
    /** +18335550100, US TOLL_FREE, TRANSACTIONAL, SMS+VOICE, two-way, deletion protection, registration `tollFreeApproved`. */
    tollFreeAlerts: 'phone-5482f5f8fce511aa86fa621a2504ddbe',
    /** +14255550100, US TEN_DLC, PROMOTIONAL, pool `marketing`, registration `tenDlcCampaign`. */
    tenDlcMarketing1: 'phone-b55acc997db4f23a2391dd3fb2dd6970',
    /** +14255550101, US TEN_DLC, PROMOTIONAL, pool `marketing`, registration `tenDlcCampaign`. */
    tenDlcMarketing2: 'phone-282d551bd121648b32c2d2b42b13383b',
    /** +12065550100, US SIMULATOR, TRANSACTIONAL, SMS+VOICE. */
    simulator: 'phone-342871358fc16ba7a4e4e92ff1fd3189',
    /** +447700900100, GB LONG_CODE, TRANSACTIONAL, two-way, pool `alerts`. */
    ukLongCode: 'phone-8508fe3440a8ad5e9a2459413a6bb051',
    /** +16045550100, CA LONG_CODE, TRANSACTIONAL, SMS+VOICE, self-managed opt-outs, list `transactional-optouts`. */
    caLongCode: 'phone-cc02e8d6e5e0b07d1d165864cd0674f7',
    /** +18335550101, US TOLL_FREE, TRANSACTIONAL, registration `tollFreeSubmitted`. */
    tollFreePending: 'phone-759389df84234b64dc1cc835ecf89cdc',
  },
  pools: {
    /** PROMOTIONAL; both 10DLC numbers; list `marketing-optouts`; deletion protection. */
    marketing: 'pool-bda50f189f529597358ce192ec0835be',
    /** TRANSACTIONAL, two-way; the GB number and sender ID ACMEALERT (GB). */
    alerts: 'pool-6c8689d9a1e03920420a6ecb8257d83c',
  },
  optOutLists: {
    default: DEFAULT_OPT_OUT_LIST_NAME,
    /** +12065550150 and +12065550151 (end users), +12065550152 (put through the API). */
    marketing: 'marketing-optouts',
    /** +16045550199 (end user). */
    transactional: 'transactional-optouts',
  },
  senderIds: {
    alerts: { SenderId: 'ACMEALERT', IsoCountryCode: 'GB' },
    /** Registered through `sgSenderId`. */
    shop: { SenderId: 'ACMESHOP', IsoCountryCode: 'SG' },
    /** Both message types; deletion protection. */
    info: { SenderId: 'ACMEINFO', IsoCountryCode: 'DE' },
  },
  configurationSets: {
    main: 'main-config',
    marketing: 'marketing-config',
    empty: 'empty-config',
  },
  registrations: {
    /** US_TEN_DLC_BRAND_REGISTRATION, COMPLETE (v1 APPROVED). */
    tenDlcBrand: 'registration-f119effbcf1e2c13f9e3299a1fc8730f',
    /** US_TEN_DLC_CAMPAIGN_REGISTRATION, COMPLETE (v1 APPROVED); both 10DLC numbers. */
    tenDlcCampaign: 'registration-9f13ffcaafd24f2f4eedbb60e651d7fe',
    /** US_TOLL_FREE_REGISTRATION, COMPLETE (v1 DENIED, v2 APPROVED); the toll-free alerts number. */
    tollFreeApproved: 'registration-f6da9867beb11418d606c677ea79e896',
    /** US_TOLL_FREE_REGISTRATION, SUBMITTED (v1); the pending toll-free number. */
    tollFreeSubmitted: 'registration-b334c814a623ea959a4b03356bb0d8c0',
    /** US_TEN_DLC_BRAND_REGISTRATION, CREATED (v1 DRAFT, 2 of 6 required fields filled). */
    brandDraft: 'registration-e21c057afad71c29c58c5d3459aaaa8c',
    /** US_TEN_DLC_CAMPAIGN_REGISTRATION, REQUIRES_UPDATES (v1 DENIED). */
    campaignDenied: 'registration-8ebae771060a305d41ab29ffb6e54466',
    /** SG_SENDER_ID_REGISTRATION, COMPLETE (v1 APPROVED); sender ID ACMESHOP (SG). */
    sgSenderId: 'registration-82c4b9d39fc3de363ac0bea4453d6e2d',
  },
  attachments: {
    /** An uploaded PNG, used by both toll-free registrations. */
    optInImage: 'attachment-94af76f77c867b20a058945ce2046089',
    /** A PDF by URL, used by the SG sender ID registration. */
    letterOfAuthorization: 'attachment-4395608e45615f75c0a0e86cd3e27f81',
  },
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Loads the demo data set into one account's state in one region; `now` is the emulator clock. */
export function seedSmsVoice(state: SmsVoiceState, scope: ArnScope, now: Date): void {
  const ago = (days: number): Date => new Date(now.getTime() - days * DAY_MS);
  const ids = SMS_VOICE_SEED;
  const sns = (topic: string) => `arn:aws:sns:${scope.region}:${scope.accountId}:${topic}`;
  const role = (name: string) => `arn:aws:iam::${scope.accountId}:role/${name}`;

  // Opt-out lists.
  ensureDefaultOptOutList(state, smsArn(scope, 'opt-out-list', DEFAULT_OPT_OUT_LIST_NAME), ago(120));
  const list = (name: string, days: number, numbers: [string, number, boolean][]): OptOutListRecord => {
    const record: OptOutListRecord = {
      OptOutListName: name,
      OptOutListArn: smsArn(scope, 'opt-out-list', name),
      CreatedTimestamp: ago(days),
      optedOutNumbers: new Map(numbers.map(([number, daysAgo, endUser]) => [number, { OptedOutNumber: number, OptedOutTimestamp: ago(daysAgo), EndUserOptedOut: endUser }])),
      optedInAt: new Map(),
      tags: new Map(),
    };
    state.optOutLists.set(name, record);
    return record;
  };
  list(ids.optOutLists.marketing, 100, [['+12065550150', 30, true], ['+12065550151', 12, true], ['+12065550152', 3, false]]);
  list(ids.optOutLists.transactional, 90, [['+16045550199', 20, true]]);

  // Phone numbers (pool and registration links are set below, from the other side's lists).
  const phone = (
    id: string,
    number: string,
    country: string,
    numberType: NumberType,
    messageType: MessageType,
    capabilities: NumberCapability[],
    days: number,
    extra: Partial<PhoneNumberRecord> = {},
  ): void => {
    state.phoneNumbers.set(id, {
      PhoneNumberId: id,
      PhoneNumberArn: smsArn(scope, 'phone-number', id),
      PhoneNumber: number,
      Status: 'ACTIVE',
      IsoCountryCode: country,
      MessageType: messageType,
      NumberCapabilities: capabilities,
      NumberType: numberType,
      MonthlyLeasingPrice: monthlyLeasingPrice(country, numberType) ?? '0.00',
      TwoWayEnabled: false,
      SelfManagedOptOutsEnabled: false,
      OptOutListName: DEFAULT_OPT_OUT_LIST_NAME,
      InternationalSendingEnabled: false,
      DeletionProtectionEnabled: false,
      CreatedTimestamp: ago(days),
      tags: new Map(),
      ...extra,
    });
  };
  const p = ids.phoneNumbers;
  phone(p.tollFreeAlerts, '+18335550100', 'US', 'TOLL_FREE', 'TRANSACTIONAL', ['SMS', 'VOICE'], 110, {
    TwoWayEnabled: true,
    TwoWayChannelArn: sns('inbound-sms'),
    TwoWayChannelRole: role('sms-two-way'),
    DeletionProtectionEnabled: true,
    tags: new Map([['team', 'notifications'], ['env', 'demo']]),
  });
  phone(p.tenDlcMarketing1, '+14255550100', 'US', 'TEN_DLC', 'PROMOTIONAL', ['SMS'], 80, { OptOutListName: ids.optOutLists.marketing });
  phone(p.tenDlcMarketing2, '+14255550101', 'US', 'TEN_DLC', 'PROMOTIONAL', ['SMS'], 79, { OptOutListName: ids.optOutLists.marketing });
  phone(p.simulator, '+12065550100', 'US', 'SIMULATOR', 'TRANSACTIONAL', ['SMS', 'VOICE'], 60);
  phone(p.ukLongCode, '+447700900100', 'GB', 'LONG_CODE', 'TRANSACTIONAL', ['SMS'], 50, { TwoWayEnabled: true, TwoWayChannelArn: sns('inbound-sms-gb') });
  phone(p.caLongCode, '+16045550100', 'CA', 'LONG_CODE', 'TRANSACTIONAL', ['SMS', 'VOICE'], 40, { SelfManagedOptOutsEnabled: true, OptOutListName: ids.optOutLists.transactional });
  phone(p.tollFreePending, '+18335550101', 'US', 'TOLL_FREE', 'TRANSACTIONAL', ['SMS'], 5);

  // Sender IDs.
  const sender = (senderId: string, country: string, messageTypes: MessageType[], extra: Partial<SenderIdRecord> = {}): void => {
    state.senderIds.set(senderKey(senderId, country), {
      SenderId: senderId,
      IsoCountryCode: country,
      SenderIdArn: smsArn(scope, 'sender-id', senderId, country),
      MessageTypes: messageTypes,
      MonthlyLeasingPrice: '0.00',
      DeletionProtectionEnabled: false,
      tags: new Map(),
      ...extra,
    });
  };
  const s = ids.senderIds;
  sender(s.alerts.SenderId, s.alerts.IsoCountryCode, ['TRANSACTIONAL']);
  sender(s.shop.SenderId, s.shop.IsoCountryCode, ['TRANSACTIONAL', 'PROMOTIONAL']);
  sender(s.info.SenderId, s.info.IsoCountryCode, ['TRANSACTIONAL', 'PROMOTIONAL'], { DeletionProtectionEnabled: true });

  // Pools.
  const pool = (id: string, messageType: MessageType, days: number, members: PoolMember[], extra: Partial<PoolRecord> = {}): void => {
    const record: PoolRecord = {
      PoolId: id,
      PoolArn: smsArn(scope, 'pool', id),
      Status: 'ACTIVE',
      MessageType: messageType,
      TwoWayEnabled: false,
      SelfManagedOptOutsEnabled: false,
      OptOutListName: DEFAULT_OPT_OUT_LIST_NAME,
      SharedRoutesEnabled: false,
      DeletionProtectionEnabled: false,
      CreatedTimestamp: ago(days),
      members,
      tags: new Map(),
      ...extra,
    };
    state.pools.set(id, record);
    for (const member of members) {
      const number = member.kind === 'phone-number' ? state.phoneNumbers.get(member.phoneNumberId) : undefined;
      if (number) number.PoolId = id;
    }
  };
  pool(ids.pools.marketing, 'PROMOTIONAL', 78, [
    { kind: 'phone-number', phoneNumberId: p.tenDlcMarketing1 },
    { kind: 'phone-number', phoneNumberId: p.tenDlcMarketing2 },
  ], { OptOutListName: ids.optOutLists.marketing, DeletionProtectionEnabled: true, tags: new Map([['team', 'marketing']]) });
  pool(ids.pools.alerts, 'TRANSACTIONAL', 45, [
    { kind: 'phone-number', phoneNumberId: p.ukLongCode },
    { kind: 'sender-id', senderKey: senderKey(s.alerts.SenderId, s.alerts.IsoCountryCode) },
  ], { TwoWayEnabled: true, TwoWayChannelArn: sns('inbound-sms-gb') });

  // Configuration sets.
  const configurationSet = (name: string, days: number, destinations: EventDestinationRecord[], extra: Partial<ConfigurationSetRecord> = {}): void => {
    state.configurationSets.set(name, {
      ConfigurationSetName: name,
      ConfigurationSetArn: smsArn(scope, 'configuration-set', name),
      eventDestinations: destinations,
      CreatedTimestamp: ago(days),
      tags: new Map(),
      ...extra,
    });
  };
  configurationSet(ids.configurationSets.main, 100, [
    {
      EventDestinationName: 'cloudwatch-all',
      Enabled: true,
      MatchingEventTypes: ['ALL'],
      CloudWatchLogsDestination: { IamRoleArn: role('sms-events'), LogGroupArn: `arn:aws:logs:${scope.region}:${scope.accountId}:log-group:sms-events` },
    },
    { EventDestinationName: 'sns-failures', Enabled: true, MatchingEventTypes: ['TEXT_BLOCKED', 'TEXT_CARRIER_UNREACHABLE', 'TEXT_TTL_EXPIRED'], SnsDestination: { TopicArn: sns('sms-failures') } },
  ], { DefaultMessageType: 'TRANSACTIONAL', DefaultSenderId: s.alerts.SenderId, tags: new Map([['env', 'demo']]) });
  configurationSet(ids.configurationSets.marketing, 70, [
    {
      EventDestinationName: 'firehose-delivery',
      Enabled: false,
      MatchingEventTypes: ['TEXT_DELIVERED', 'TEXT_SENT'],
      KinesisFirehoseDestination: { IamRoleArn: role('sms-firehose'), DeliveryStreamArn: `arn:aws:firehose:${scope.region}:${scope.accountId}:deliverystream/sms-events` },
    },
  ], { DefaultMessageType: 'PROMOTIONAL' });
  configurationSet(ids.configurationSets.empty, 10, []);

  // Registration attachments.
  const attachment = (id: string, days: number, url?: string): void => {
    const record: AttachmentRecord = {
      RegistrationAttachmentId: id,
      RegistrationAttachmentArn: smsArn(scope, 'registration-attachment', id),
      AttachmentStatus: 'UPLOAD_COMPLETE',
      AttachmentUrl: url,
      sizeBytes: url ? 0 : 48_213,
      CreatedTimestamp: ago(days),
      tags: new Map(),
    };
    state.attachments.set(id, record);
  };
  attachment(ids.attachments.optInImage, 112);
  attachment(ids.attachments.letterOfAuthorization, 65, 'https://s3.amazonaws.com/anycompany-registrations/loa-acmeshop-sg.pdf');

  // Registrations.
  type Values = Record<string, string | string[] | { attachment: string }>;
  const values = (input: Values): Map<string, FieldValueRecord> =>
    new Map(
      Object.entries(input).map(([path, value]): [string, FieldValueRecord] => [
        path,
        typeof value === 'string' ? { FieldPath: path, TextValue: value } : Array.isArray(value) ? { FieldPath: path, SelectChoices: value } : { FieldPath: path, RegistrationAttachmentId: value.attachment },
      ]),
    );
  const version = (n: number, status: RegistrationVersionStatus, draftDaysAgo: number, fieldValues: Map<string, FieldValueRecord>, denied?: RegistrationDeniedReasonInformation[]): RegistrationVersionRecord => {
    const history: RegistrationVersionRecord['RegistrationVersionStatusHistory'] = { DraftTimestamp: ago(draftDaysAgo) };
    if (status !== 'DRAFT') history.SubmittedTimestamp = ago(draftDaysAgo - 1);
    if (status === 'APPROVED') Object.assign(history, { ReviewingTimestamp: ago(draftDaysAgo - 2), ApprovedTimestamp: ago(draftDaysAgo - 3) });
    if (status === 'DENIED') Object.assign(history, { ReviewingTimestamp: ago(draftDaysAgo - 2), DeniedTimestamp: ago(draftDaysAgo - 3) });
    return { VersionNumber: n, RegistrationVersionStatus: status, RegistrationVersionStatusHistory: history, DeniedReasons: denied, fieldValues };
  };
  const registration = (id: string, type: string, days: number, versions: RegistrationVersionRecord[], extra: Partial<RegistrationRecord> = {}): void => {
    const record: RegistrationRecord = {
      RegistrationId: id,
      RegistrationArn: smsArn(scope, 'registration', id),
      RegistrationType: type,
      CreatedTimestamp: ago(days),
      versions,
      associations: [],
      closed: false,
      tags: new Map(),
      ...extra,
    };
    state.registrations.set(id, record);
  };
  const associatePhone = (registrationId: string, phoneNumberId: string): void => {
    const registrationRecord = state.registrations.get(registrationId);
    const number = state.phoneNumbers.get(phoneNumberId);
    if (!registrationRecord || !number) throw new Error(`Seed links unknown ${registrationId} / ${phoneNumberId}`);
    const association: RegistrationAssociationRecord = { ResourceType: 'phone-number', ResourceId: number.PhoneNumberId, ResourceArn: number.PhoneNumberArn, IsoCountryCode: number.IsoCountryCode, PhoneNumber: number.PhoneNumber };
    registrationRecord.associations.push(association);
    number.RegistrationId = registrationId;
  };

  const r = ids.registrations;
  const brand: Values = {
    'companyInfo.companyName': 'AnyCompany',
    'companyInfo.legalType': ['PRIVATE_PROFIT'],
    'companyInfo.taxIdIssuingCountry': ['US'],
    'companyInfo.taxId': '12-3456789',
    'companyInfo.website': 'https://anycompany.example.com',
    'contactInfo.supportEmail': 'support@anycompany.example.com',
    'contactInfo.supportPhoneNumber': '+12065550199',
  };
  registration(r.tenDlcBrand, 'US_TEN_DLC_BRAND_REGISTRATION', 95, [version(1, 'APPROVED', 95, values(brand))], { AdditionalAttributes: { BRAND_SCORE: '75' } });

  const campaign: Values = {
    'campaignInfo.brandRegistrationId': r.tenDlcBrand,
    'campaignInfo.useCase': ['MARKETING'],
    'campaignInfo.description': 'Weekly offers for AnyCompany loyalty members.',
    'messageSamples.messageSample1': 'AnyCompany: 20% off this weekend. Reply STOP to opt out.',
  };
  registration(r.tenDlcCampaign, 'US_TEN_DLC_CAMPAIGN_REGISTRATION', 88, [version(1, 'APPROVED', 88, values(campaign))], { tags: new Map([['campaign', 'loyalty']]) });
  associatePhone(r.tenDlcCampaign, p.tenDlcMarketing1);
  associatePhone(r.tenDlcCampaign, p.tenDlcMarketing2);

  const tollFree: Values = {
    'companyInfo.companyName': 'AnyCompany',
    'companyInfo.website': 'https://anycompany.example.com',
    'contactInfo.supportEmail': 'support@anycompany.example.com',
    'messagingUseCase.monthlyMessageVolume': ['10,000'],
    'messagingUseCase.useCaseCategory': ['ACCOUNT_NOTIFICATIONS'],
    'messagingUseCase.messageSample': 'AnyCompany: your order 1234 has shipped. Reply STOP to opt out.',
    'messagingUseCase.optInImage': { attachment: ids.attachments.optInImage },
  };
  const firstTry = values({ ...tollFree, 'messagingUseCase.messageSample': 'Your order has shipped.' });
  const sample = firstTry.get('messagingUseCase.messageSample');
  if (sample) sample.DeniedReason = 'The message sample must name the company and say how to opt out.';
  registration(r.tollFreeApproved, 'US_TOLL_FREE_REGISTRATION', 110, [
    version(1, 'DENIED', 110, firstTry, [{ Reason: 'Incomplete message sample', ShortDescription: 'The message sample must name the company and say how to opt out.' }]),
    version(2, 'APPROVED', 100, values(tollFree)),
  ]);
  associatePhone(r.tollFreeApproved, p.tollFreeAlerts);

  registration(r.tollFreeSubmitted, 'US_TOLL_FREE_REGISTRATION', 5, [version(1, 'SUBMITTED', 5, values(tollFree))]);
  associatePhone(r.tollFreeSubmitted, p.tollFreePending);

  registration(r.brandDraft, 'US_TEN_DLC_BRAND_REGISTRATION', 2, [
    version(1, 'DRAFT', 2, values({ 'companyInfo.companyName': 'Example Corp', 'companyInfo.legalType': ['NON_PROFIT'] })),
  ]);

  registration(r.campaignDenied, 'US_TEN_DLC_CAMPAIGN_REGISTRATION', 30, [
    version(1, 'DENIED', 30, values({ ...campaign, 'campaignInfo.description': 'Promotions.' }), [
      { Reason: 'Insufficient campaign description', ShortDescription: 'Describe who receives the messages and why.', DocumentationTitle: '10DLC campaign requirements' },
    ]),
  ]);

  registration(r.sgSenderId, 'SG_SENDER_ID_REGISTRATION', 65, [
    version(1, 'APPROVED', 65, values({ 'companyInfo.companyName': 'AnyCompany Singapore', 'senderIdInfo.letterOfAuthorization': { attachment: ids.attachments.letterOfAuthorization }, 'senderIdInfo.useCase': ['PROMOTIONAL'] })),
  ]);
  const shop = state.senderIds.get(senderKey(s.shop.SenderId, s.shop.IsoCountryCode));
  const sgRegistration = state.registrations.get(r.sgSenderId);
  if (shop && sgRegistration) {
    sgRegistration.associations.push({ ResourceType: 'sender-id', ResourceId: shop.SenderId, ResourceArn: shop.SenderIdArn, IsoCountryCode: shop.IsoCountryCode });
    shop.RegistrationId = r.sgSenderId;
  }
}
