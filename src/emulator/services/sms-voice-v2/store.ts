import { randomBytes } from 'node:crypto';
import type {
  AttachmentStatus,
  CloudWatchLogsDestination,
  EventType,
  KeywordAction,
  KinesisFirehoseDestination,
  MessageType,
  NumberCapability,
  NumberStatus,
  NumberType,
  PoolStatus,
  RegistrationDeniedReasonInformation,
  RegistrationVersionStatus,
  RegistrationVersionStatusHistory,
  SnsDestination,
  VerificationStatus,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { RegionalStore } from '../regionalStore';

/**
 * State of the emulated Pinpoint SMS and Voice v2 service for one account in one region.
 *
 * Records carry the SDK's member names (`PhoneNumberId`, `OptOutListName`, …) so handlers can
 * answer with a plain copy; links between resources are kept on both sides where the API shows
 * them on both (a phone number's `PoolId` and the pool's identity list). Maps keep insertion
 * order, which is the stable order Describe operations list in.
 */

/** Tags of one resource, by key (a key is unique per resource). */
export type TagMap = Map<string, string>;

/** A leased origination phone number. */
export interface PhoneNumberRecord {
  readonly PhoneNumberId: string;
  readonly PhoneNumberArn: string;
  readonly PhoneNumber: string;
  Status: NumberStatus;
  readonly IsoCountryCode: string;
  readonly MessageType: MessageType;
  readonly NumberCapabilities: NumberCapability[];
  readonly NumberType: NumberType;
  readonly MonthlyLeasingPrice: string;
  TwoWayEnabled: boolean;
  TwoWayChannelArn?: string;
  TwoWayChannelRole?: string;
  SelfManagedOptOutsEnabled: boolean;
  OptOutListName: string;
  InternationalSendingEnabled: boolean;
  DeletionProtectionEnabled: boolean;
  PoolId?: string;
  RegistrationId?: string;
  readonly CreatedTimestamp: Date;
  readonly tags: TagMap;
}

/** A member of a pool: a phone number (by ID) or a sender ID (by SenderId and country). */
export type PoolMember =
  | { readonly kind: 'phone-number'; readonly phoneNumberId: string }
  | { readonly kind: 'sender-id'; readonly senderKey: string };

/** A pool of origination identities. */
export interface PoolRecord {
  readonly PoolId: string;
  readonly PoolArn: string;
  Status: PoolStatus;
  readonly MessageType: MessageType;
  TwoWayEnabled: boolean;
  TwoWayChannelArn?: string;
  TwoWayChannelRole?: string;
  SelfManagedOptOutsEnabled: boolean;
  OptOutListName: string;
  SharedRoutesEnabled: boolean;
  DeletionProtectionEnabled: boolean;
  readonly CreatedTimestamp: Date;
  /** In association order. */
  readonly members: PoolMember[];
  readonly tags: TagMap;
}

/** One opted-out destination number. */
export interface OptedOutNumberRecord {
  readonly OptedOutNumber: string;
  OptedOutTimestamp: Date;
  EndUserOptedOut: boolean;
}

/** An opt-out list and its numbers. */
export interface OptOutListRecord {
  readonly OptOutListName: string;
  readonly OptOutListArn: string;
  readonly CreatedTimestamp: Date;
  readonly optedOutNumbers: Map<string, OptedOutNumberRecord>;
  /** When each number was last opted back in (deleted), for the once-per-30-days rule. */
  readonly optedInAt: Map<string, Date>;
  readonly tags: TagMap;
}

/** A sender ID in one country. */
export interface SenderIdRecord {
  readonly SenderId: string;
  readonly IsoCountryCode: string;
  readonly SenderIdArn: string;
  readonly MessageTypes: MessageType[];
  readonly MonthlyLeasingPrice: string;
  DeletionProtectionEnabled: boolean;
  RegistrationId?: string;
  readonly tags: TagMap;
}

/** An event destination of a configuration set. */
export interface EventDestinationRecord {
  readonly EventDestinationName: string;
  Enabled: boolean;
  MatchingEventTypes: EventType[];
  CloudWatchLogsDestination?: CloudWatchLogsDestination;
  KinesisFirehoseDestination?: KinesisFirehoseDestination;
  SnsDestination?: SnsDestination;
}

/** A configuration set. */
export interface ConfigurationSetRecord {
  readonly ConfigurationSetName: string;
  readonly ConfigurationSetArn: string;
  readonly eventDestinations: EventDestinationRecord[];
  DefaultMessageType?: MessageType;
  DefaultSenderId?: string;
  readonly CreatedTimestamp: Date;
  readonly tags: TagMap;
}

/** The value of one registration form field. */
export interface FieldValueRecord {
  readonly FieldPath: string;
  readonly SelectChoices?: string[];
  readonly TextValue?: string;
  readonly RegistrationAttachmentId?: string;
  DeniedReason?: string;
}

/** One version of a registration's form. */
export interface RegistrationVersionRecord {
  readonly VersionNumber: number;
  RegistrationVersionStatus: RegistrationVersionStatus;
  readonly RegistrationVersionStatusHistory: RegistrationVersionStatusHistory;
  DeniedReasons?: RegistrationDeniedReasonInformation[];
  Feedback?: string;
  /** By field path, in the order the values were first put. */
  readonly fieldValues: Map<string, FieldValueRecord>;
}

/** An origination identity associated with a registration. */
export interface RegistrationAssociationRecord {
  readonly ResourceType: 'phone-number' | 'sender-id';
  /** PhoneNumberId, or the SenderId. */
  readonly ResourceId: string;
  readonly ResourceArn: string;
  readonly IsoCountryCode: string;
  readonly PhoneNumber?: string;
}

/** A registration: its versions (1..n, the last is current) and associations. */
export interface RegistrationRecord {
  readonly RegistrationId: string;
  readonly RegistrationArn: string;
  readonly RegistrationType: string;
  readonly CreatedTimestamp: Date;
  AdditionalAttributes?: Record<string, string>;
  readonly versions: RegistrationVersionRecord[];
  readonly associations: RegistrationAssociationRecord[];
  /** Set when its last origination identity went away and the type closes the registration. */
  closed: boolean;
  readonly tags: TagMap;
}

/** A registration attachment (the file itself is not kept: nothing reads it back). */
export interface AttachmentRecord {
  readonly RegistrationAttachmentId: string;
  readonly RegistrationAttachmentArn: string;
  AttachmentStatus: AttachmentStatus;
  readonly AttachmentUrl?: string;
  readonly sizeBytes: number;
  readonly CreatedTimestamp: Date;
  readonly tags: TagMap;
}

/** A keyword of a phone number or pool (HELP and STOP exist on every identity without being stored). */
export interface KeywordRecord {
  readonly Keyword: string;
  readonly KeywordMessage: string;
  readonly KeywordAction: KeywordAction;
}

/** A destination number the account may send to while in the sandbox, once verified. */
export interface VerifiedDestinationNumberRecord {
  readonly VerifiedDestinationNumberId: string;
  readonly VerifiedDestinationNumberArn: string;
  readonly DestinationPhoneNumber: string;
  Status: VerificationStatus;
  readonly CreatedTimestamp: Date;
  /** The last code sent (SendDestinationNumberVerificationCode) and when. */
  code?: { readonly value: string; readonly sentAt: Date };
  readonly tags: TagMap;
}

/** The account tier `DescribeAccountAttributes` reports: new accounts start in the sandbox. */
export type AccountTier = 'SANDBOX' | 'PRODUCTION';

/** What a monthly spend limit applies to. */
export type SpendChannel = 'TEXT' | 'VOICE';

/** Everything one account has in one region. */
export interface SmsVoiceState {
  readonly phoneNumbers: Map<string, PhoneNumberRecord>;
  readonly pools: Map<string, PoolRecord>;
  readonly optOutLists: Map<string, OptOutListRecord>;
  /** By `senderKey(SenderId, IsoCountryCode)`. */
  readonly senderIds: Map<string, SenderIdRecord>;
  readonly configurationSets: Map<string, ConfigurationSetRecord>;
  readonly registrations: Map<string, RegistrationRecord>;
  readonly attachments: Map<string, AttachmentRecord>;
  /** Next serial per phone-number prefix, so requested numbers are deterministic. */
  readonly numberSerials: Map<string, number>;
  /** Outputs of create calls by operation and `ClientToken`, so a retried request gets the same answer. */
  readonly idempotentResults: Map<string, unknown>;
  /** Custom keywords (and customised HELP/STOP) by PhoneNumberId or PoolId, then by upper-case keyword. */
  readonly keywords: Map<string, Map<string, KeywordRecord>>;
  readonly verifiedDestinationNumbers: Map<string, VerifiedDestinationNumberRecord>;
  accountTier: AccountTier;
  /** The AWS-set ceiling of each monthly spend limit, in USD (raised on AWS by a support case; here by the admin API). */
  readonly spendMaxLimits: Record<SpendChannel, number>;
  /** The account's own lower limits (Set…SpendLimitOverride), in USD. */
  readonly spendLimitOverrides: Partial<Record<SpendChannel, number>>;
  /** Spend in micro-USD by `<channel>/<YYYY-MM>` (UTC month of the emulator clock). */
  readonly monthlySpend: Map<string, number>;
}

/** The service's state for every account and region. */
export type SmsVoiceStore = RegionalStore<SmsVoiceState>;

/** An empty state. */
export function createSmsVoiceState(): SmsVoiceState {
  return {
    phoneNumbers: new Map(),
    pools: new Map(),
    optOutLists: new Map(),
    senderIds: new Map(),
    configurationSets: new Map(),
    registrations: new Map(),
    attachments: new Map(),
    numberSerials: new Map(),
    idempotentResults: new Map(),
    keywords: new Map(),
    verifiedDestinationNumbers: new Map(),
    accountTier: 'SANDBOX',
    spendMaxLimits: { ...DEFAULT_SPEND_MAX_LIMITS },
    spendLimitOverrides: {},
    monthlySpend: new Map(),
  };
}

/** A fresh store: one empty state per account and region, created on first use. */
export function createSmsVoiceStore(): SmsVoiceStore {
  return new RegionalStore(createSmsVoiceState);
}

/** The key of a sender ID: a sender ID is unique per country, not globally. */
export function senderKey(senderId: string, isoCountryCode: string): string {
  return `${senderId}/${isoCountryCode}`;
}

/** A new resource ID as the service forms them: `<prefix>-<32 hex digits>`. */
export function newResourceId(prefix: 'phone' | 'pool' | 'registration' | 'attachment' | 'verified-destination-number'): string {
  return `${prefix}-${randomBytes(16).toString('hex')}`;
}

/**
 * Default quotas of an account (inventory §7: 25 numbers, pools, opt-out lists and
 * configuration sets; 5 event destinations per configuration set; 100 origination identities
 * per pool; 50 tags per resource).
 */
export const SMS_VOICE_QUOTAS = {
  phoneNumbersPerAccount: 25,
  poolsPerAccount: 25,
  optOutListsPerAccount: 25,
  configurationSetsPerAccount: 25,
  eventDestinationsPerConfigurationSet: 5,
  originationIdentitiesPerPool: 100,
  tagsPerResource: 50,
  /** Inventory §7.2: 30 keywords per number (the emulator applies the same to pools; HELP and STOP count). */
  keywordsPerIdentity: 30,
  /** Seed 003: "You can add up to 10 verified destination numbers." */
  verifiedDestinationNumbersPerAccount: 10,
  /**
   * The seeds give no numbers for these; the emulator reports 25 like the other resource
   * quotas in `DescribeAccountLimits` (it doesn't refuse creates past them).
   */
  senderIdsPerAccount: 25,
  registrationsPerAccount: 25,
  registrationAttachmentsPerAccount: 25,
} as const;

/**
 * A new account's monthly spend ceilings in USD: inventory §7 gives the SMS account spend
 * threshold as USD 1.00, and the emulator uses the same for voice. `PUT /_emulator/sms-voice-v2/account`
 * raises them (on AWS, a support case does).
 */
export const DEFAULT_SPEND_MAX_LIMITS: Readonly<Record<SpendChannel, number>> = { TEXT: 1, VOICE: 1 };

/** The name of the opt-out list that numbers and pools get when none is given. */
export const DEFAULT_OPT_OUT_LIST_NAME = 'Default';

/** Where a requested number's digits come from: a fictional range of the country, by number type. */
interface NumberPlan {
  /** The E.164 prefix, by requestable number type; a missing type is not sold in the country. */
  readonly prefixes: Partial<Record<NumberType, string>>;
  /** Digits after the prefix. */
  readonly serialDigits: number;
  /** Monthly lease in USD, by number type. */
  readonly prices: Partial<Record<NumberType, string>>;
}

/** Countries where numbers can be requested, with ranges reserved for fiction/testing where the country has them. */
const NUMBER_PLANS: Readonly<Record<string, NumberPlan>> = {
  US: {
    prefixes: { LONG_CODE: '+1360555', TEN_DLC: '+1425555', TOLL_FREE: '+1833555', SIMULATOR: '+1206555' },
    serialDigits: 4,
    prices: { LONG_CODE: '1.00', TEN_DLC: '1.00', TOLL_FREE: '2.00', SIMULATOR: '0.00' },
  },
  CA: { prefixes: { LONG_CODE: '+1604555', TOLL_FREE: '+1844555' }, serialDigits: 4, prices: { LONG_CODE: '1.00', TOLL_FREE: '2.00' } },
  GB: { prefixes: { LONG_CODE: '+447700900' }, serialDigits: 3, prices: { LONG_CODE: '2.00' } },
  AU: { prefixes: { LONG_CODE: '+61491570' }, serialDigits: 3, prices: { LONG_CODE: '3.00' } },
  DE: { prefixes: { LONG_CODE: '+49155500' }, serialDigits: 4, prices: { LONG_CODE: '2.50' } },
  FR: { prefixes: { LONG_CODE: '+3365550' }, serialDigits: 4, prices: { LONG_CODE: '2.50' } },
};

/** Countries where a sender ID can't be requested (they use numbers only). */
export const SENDER_ID_UNSUPPORTED_COUNTRIES: ReadonlySet<string> = new Set(['US', 'CA']);

/** What a number of this type and country costs per month; undefined when the country doesn't sell it. */
export function monthlyLeasingPrice(isoCountryCode: string, numberType: NumberType): string | undefined {
  return NUMBER_PLANS[isoCountryCode]?.prices[numberType];
}

/**
 * The next free number of this type in this country, deterministic per account and region
 * (serials count up from 0100 and skip numbers the account already holds); undefined when the
 * country doesn't sell the type.
 */
export function allocatePhoneNumber(state: SmsVoiceState, isoCountryCode: string, numberType: NumberType): string | undefined {
  const plan = NUMBER_PLANS[isoCountryCode];
  const prefix = plan?.prefixes[numberType];
  if (!plan || !prefix) return undefined;
  const taken = new Set([...state.phoneNumbers.values()].map((number) => number.PhoneNumber));
  const limit = 10 ** plan.serialDigits;
  for (let serial = state.numberSerials.get(prefix) ?? 100; serial < limit; serial += 1) {
    const candidate = prefix + String(serial).padStart(plan.serialDigits, '0');
    if (!taken.has(candidate)) {
      state.numberSerials.set(prefix, serial + 1);
      return candidate;
    }
  }
  return undefined;
}

/** The opt-out list called `Default`, created on first use as the service does. */
export function ensureDefaultOptOutList(state: SmsVoiceState, arn: string, now: Date): OptOutListRecord {
  let list = state.optOutLists.get(DEFAULT_OPT_OUT_LIST_NAME);
  if (!list) {
    list = { OptOutListName: DEFAULT_OPT_OUT_LIST_NAME, OptOutListArn: arn, CreatedTimestamp: now, optedOutNumbers: new Map(), optedInAt: new Map(), tags: new Map() };
    state.optOutLists.set(DEFAULT_OPT_OUT_LIST_NAME, list);
  }
  return list;
}
