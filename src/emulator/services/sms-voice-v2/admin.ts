import { randomUUID } from 'node:crypto';
import type { RegistrationDeniedReasonInformation, RegistrationVersionStatus } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { AdminError } from '../../admin/adminError';
import type { OutboxMessage } from '../../outbox';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from '../../protocol/signature';
import type { ServiceAdminRoute, ServiceDeps } from '../types';
import { parseSmsArn, smsArn } from './arns';
import { findPhoneNumber, findPool, findRegistration, type SmsRequestContext } from './handlers/common';
import { DEFAULT_KEYWORDS, OPT_OUT_WORDS, matchKeyword, type KeywordOwner } from './handlers/keywords';
import { deliver } from './handlers/messaging';
import { currentVersion, registrationInformation } from './handlers/registration-rules';
import { formatUsd } from './pricing';
import { DEFAULT_OPT_OUT_LIST_NAME, ensureDefaultOptOutList, type AccountTier, type PhoneNumberRecord, type SmsVoiceState, type SmsVoiceStore, type SpendChannel } from './store';

/**
 * The SMS v2 service's admin routes (documented with the others in `admin/routes.ts`): what a
 * handset or AWS itself would do, which no API call can: an end user's inbound message, the
 * review decision on a submitted registration, and the account settings a support case changes.
 */

/** Module-private: an account and region with its state. */
interface Scope {
  readonly accountId: string;
  readonly region: string;
  readonly state: SmsVoiceState;
}

/** Builds the service's admin routes over its store. */
export function smsAdminRoutes(store: SmsVoiceStore, deps: ServiceDeps): ServiceAdminRoute[] {
  /** A request context for work done on behalf of an account outside an API call. */
  const contextOf = (scope: Scope): SmsRequestContext => ({ accountId: scope.accountId, region: scope.region, requestId: randomUUID(), now: () => deps.clock.now(), outbox: deps.outbox });

  /** The single resource `find` finds in the accounts and regions `narrowing` allows. */
  const findOne = <T>(narrowing: Record<string, unknown>, what: string, find: (scope: Scope) => T | undefined): { scope: Scope; found: T } => {
    const accountId = optionalString(narrowing, 'accountId', /^\d{12}$/, 'a 12-digit account ID');
    const region = optionalString(narrowing, 'region', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name like us-east-1');
    const matches: { scope: Scope; found: T }[] = [];
    for (const scope of store.entries()) {
      if ((accountId !== undefined && scope.accountId !== accountId) || (region !== undefined && scope.region !== region)) continue;
      const found = find(scope);
      if (found !== undefined) matches.push({ scope, found });
    }
    const where = accountId || region ? ` in ${accountId ?? 'any account'}/${region ?? 'any region'}` : ' in any account or region';
    if (matches.length === 0) throw new AdminError(404, `No ${what}${where}.`);
    if (matches.length > 1) {
      throw new AdminError(400, `${what} exists in several accounts/regions (${matches.map((m) => `${m.scope.accountId}/${m.scope.region}`).join(', ')}); give accountId and region.`);
    }
    return matches[0];
  };

  /** Module-private: the account and region a request names, defaulting to the emulator's default account. */
  const accountScope = (source: Record<string, unknown>): Scope => {
    const accountId = optionalString(source, 'accountId', /^\d{12}$/, 'a 12-digit account ID') ?? DEFAULT_ACCOUNT_ID;
    const region = optionalString(source, 'region', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name like us-east-1') ?? DEFAULT_REGION;
    return { accountId, region, state: store.get(accountId, region) };
  };

  return [
    {
      method: 'POST',
      path: 'inbound',
      run: ({ body }) => {
        const input = objectBody(body, 'The inbound body is {"originationIdentity": "<E.164 number, phone number or pool ID/ARN>", "from": "<E.164>", "body": "<text>", "accountId"?, "region"?}');
        checkKeys(input, ['originationIdentity', 'from', 'body', 'accountId', 'region']);
        const identity = requiredString(input, 'originationIdentity');
        const from = requiredString(input, 'from');
        const text = requiredString(input, 'body');
        if (!/^\+[1-9][0-9]{1,18}$/.test(from)) throw new AdminError(400, `from must be an E.164 phone number like +12065550100; got ${JSON.stringify(from)}`);
        const { scope, found: owner } = findOne(input, `phone number or pool "${identity}"`, (s) => inboundOwner(s, identity, contextOf(s)));
        return receive(scope, owner, from, text, contextOf(scope));
      },
    },
    {
      method: 'POST',
      path: 'registrations/:id/review',
      run: ({ params, body }) => {
        const input = objectBody(body, 'The review body is {"decision": "APPROVE" | "DENY", "reasons"?: [...], "feedback"?: "<text>", "accountId"?, "region"?}');
        checkKeys(input, ['decision', 'reasons', 'feedback', 'accountId', 'region']);
        const { scope, found: registration } = findOne(input, `registration "${params.id}"`, (s) => findRegistration(s.state, contextOf(s), params.id));
        const decision = input.decision;
        if (decision !== 'APPROVE' && decision !== 'DENY') throw new AdminError(400, `decision must be "APPROVE" or "DENY"; got ${JSON.stringify(decision)}`);
        if (decision === 'APPROVE' && input.reasons !== undefined) throw new AdminError(400, 'reasons are only given with "DENY"');
        const feedback = input.feedback;
        if (feedback !== undefined && (typeof feedback !== 'string' || feedback === '')) throw new AdminError(400, `feedback must be a non-empty string; got ${JSON.stringify(feedback)}`);
        const reasons = decision === 'DENY' ? deniedReasons(input.reasons) : undefined;

        const version = currentVersion(registration);
        if (registration.closed) throw new AdminError(409, `Registration ${registration.RegistrationId} is CLOSED; it can't be reviewed.`);
        if (!REVIEWABLE.includes(version.RegistrationVersionStatus)) {
          throw new AdminError(409, `Registration ${registration.RegistrationId} version ${version.VersionNumber} is ${version.RegistrationVersionStatus}; only a version that is ${REVIEWABLE.join(', ')} can be reviewed.`);
        }
        const now = deps.clock.now();
        const history = version.RegistrationVersionStatusHistory;
        // The version passes through review before the decision, as the service's lifecycle shows it.
        history.ReviewingTimestamp ??= now;
        if (decision === 'APPROVE') {
          // "A previously approved registration version moves into [ARCHIVED] when a more recently submitted version is approved."
          for (const older of registration.versions) {
            if (older !== version && older.RegistrationVersionStatus === 'APPROVED') {
              older.RegistrationVersionStatus = 'ARCHIVED';
              older.RegistrationVersionStatusHistory.ArchivedTimestamp = now;
            }
          }
          version.RegistrationVersionStatus = 'APPROVED';
          history.ApprovedTimestamp = now;
          version.DeniedReasons = undefined;
        } else {
          version.RegistrationVersionStatus = 'DENIED';
          history.DeniedTimestamp = now;
          version.DeniedReasons = reasons;
        }
        if (feedback !== undefined) version.Feedback = feedback;
        return {
          accountId: scope.accountId,
          region: scope.region,
          registration: registrationInformation(registration),
          version: {
            VersionNumber: version.VersionNumber,
            RegistrationVersionStatus: version.RegistrationVersionStatus,
            RegistrationVersionStatusHistory: { ...history },
            DeniedReasons: version.DeniedReasons,
            Feedback: version.Feedback,
          },
        };
      },
    },
    {
      method: 'GET',
      path: 'sms-voice-v2/account',
      run: ({ query }) => {
        for (const name of query.keys()) if (name !== 'accountId' && name !== 'region') throw new AdminError(400, `Unknown query parameter "${name}"; parameters: accountId, region`);
        return accountView(accountScope(Object.fromEntries(query)));
      },
    },
    {
      method: 'PUT',
      path: 'sms-voice-v2/account',
      run: ({ body }) => {
        const input = objectBody(body, 'The account body is {"accountId"?, "region"?, "accountTier"?: "SANDBOX" | "PRODUCTION", "spendMaxLimits"?: {"TEXT"?: <USD>, "VOICE"?: <USD>}}');
        checkKeys(input, ['accountId', 'region', 'accountTier', 'spendMaxLimits']);
        const scope = accountScope(input);
        const tier = input.accountTier;
        if (tier !== undefined && tier !== 'SANDBOX' && tier !== 'PRODUCTION') throw new AdminError(400, `accountTier must be "SANDBOX" or "PRODUCTION"; got ${JSON.stringify(tier)}`);
        const limits = input.spendMaxLimits === undefined ? {} : objectBody(input.spendMaxLimits, 'spendMaxLimits is {"TEXT"?: <USD>, "VOICE"?: <USD>}');
        checkKeys(limits, ['TEXT', 'VOICE']);
        for (const [channel, value] of Object.entries(limits)) {
          if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1_000_000_000) {
            throw new AdminError(400, `spendMaxLimits.${channel} must be a whole number of USD from 0 to 1000000000; got ${JSON.stringify(value)}`);
          }
        }
        if (tier !== undefined) scope.state.accountTier = tier as AccountTier;
        Object.assign(scope.state.spendMaxLimits, limits);
        return accountView(scope);
      },
    },
  ];
}

/** Module-private: version states a review decision can end (seed 003: SUBMITTED, then REVIEWING; the SDK adds AWS_REVIEWING). */
const REVIEWABLE: readonly RegistrationVersionStatus[] = ['SUBMITTED', 'AWS_REVIEWING', 'REVIEWING'];

/** Module-private: the phone number or pool an inbound message is addressed to, in one account and region. */
function inboundOwner(scope: Scope, identity: string, ctx: SmsRequestContext): KeywordOwner | undefined {
  if (identity.startsWith('+')) {
    const phone = [...scope.state.phoneNumbers.values()].find((p) => p.PhoneNumber === identity);
    return phone && { kind: 'phone-number', phone };
  }
  const isPool = identity.startsWith('arn:') ? parseSmsArn(identity)?.resourceType === 'pool' : identity.startsWith('pool-');
  if (isPool) {
    const pool = findPool(scope.state, ctx, identity);
    return pool && { kind: 'pool', pool };
  }
  const phone = findPhoneNumber(scope.state, ctx, identity);
  return phone && { kind: 'phone-number', phone };
}

/** What an inbound message did (the answer of `POST /_emulator/inbound`). */
export interface InboundResult {
  readonly accountId: string;
  readonly region: string;
  /** The PhoneNumberId or PoolId addressed. */
  readonly originationIdentity: string;
  readonly originationIdentityArn: string;
  /** The number that received the message. */
  readonly phoneNumber: string;
  readonly from: string;
  readonly body: string;
  /** The keyword the message began with, when it is one. */
  readonly keyword?: string;
  /** What the service did: the keyword's action, or NONE (no keyword, or HELP/STOP with self-managed opt-outs). */
  readonly action: 'AUTOMATIC_RESPONSE' | 'OPT_OUT' | 'OPT_IN' | 'NONE';
  readonly selfManagedOptOuts: boolean;
  readonly optOutListName: string;
  /** Whether `from` is in the opt-out list afterwards. */
  readonly optedOut: boolean;
  /** The automatic reply, also in the outbox. */
  readonly reply?: OutboxMessage;
  /** The two-way channel the message is forwarded to, when two-way messaging is on. */
  readonly forwardedTo?: string;
}

/** Module-private: handles one inbound message as the service would: keywords, opt-outs, replies. */
function receive(scope: Scope, owner: KeywordOwner, from: string, text: string, ctx: SmsRequestContext): InboundResult {
  const { state } = scope;
  const config = owner.kind === 'pool' ? owner.pool : owner.phone;
  const identityId = owner.kind === 'pool' ? owner.pool.PoolId : owner.phone.PhoneNumberId;
  const identityArn = owner.kind === 'pool' ? owner.pool.PoolArn : owner.phone.PhoneNumberArn;
  const receiver: PhoneNumberRecord | undefined =
    owner.kind === 'phone-number'
      ? owner.phone
      : owner.pool.members.map((m) => (m.kind === 'phone-number' ? state.phoneNumbers.get(m.phoneNumberId) : undefined)).find((p) => p?.NumberCapabilities.includes('SMS'));
  if (!receiver) throw new AdminError(409, `Pool ${identityId} has no phone number that can receive text messages.`);
  if (receiver.Status !== 'ACTIVE') throw new AdminError(409, `Phone number ${receiver.PhoneNumberId} is ${receiver.Status}; only an ACTIVE number receives messages.`);
  if (!receiver.NumberCapabilities.includes('SMS')) throw new AdminError(409, `Phone number ${receiver.PhoneNumberId} has capabilities ${receiver.NumberCapabilities.join(', ')}; it can't receive text messages.`);

  const listName = config.OptOutListName;
  const list = state.optOutLists.get(listName) ?? (listName === DEFAULT_OPT_OUT_LIST_NAME ? ensureDefaultOptOutList(state, smsArn(scope, 'opt-out-list', listName), ctx.now()) : undefined);
  if (!list) throw new AdminError(409, `${identityId} uses opt-out list ${listName}, which no longer exists.`);

  // Keywords of the number, then of its pool; a bare opt-out word (CANCEL, QUIT, …) acts as STOP.
  const word = (text.trim().split(/\s+/)[0] ?? '').replace(/[^\p{L}\p{N}]+$/u, '');
  const ids = owner.kind === 'phone-number' && owner.phone.PoolId !== undefined ? [owner.phone.PhoneNumberId, owner.phone.PoolId] : [identityId];
  const explicit = matchKeyword(state, ids, text);
  const keyword = explicit ?? (OPT_OUT_WORDS.has(word.toUpperCase()) ? matchKeyword(state, ids, 'STOP') : undefined);
  const builtIn = explicit === undefined ? keyword !== undefined : DEFAULT_KEYWORDS.some((k) => k.Keyword === explicit.Keyword);
  const selfManaged = config.SelfManagedOptOutsEnabled;
  // With self-managed opt-outs the sender answers HELP and STOP (and the opt-out words) itself.
  const action = !keyword || (selfManaged && builtIn) ? 'NONE' : keyword.KeywordAction;

  let reply: OutboxMessage | undefined;
  if (action !== 'NONE') {
    if (action === 'OPT_OUT') list.optedOutNumbers.set(from, { OptedOutNumber: from, OptedOutTimestamp: ctx.now(), EndUserOptedOut: true });
    if (action === 'OPT_IN') list.optedOutNumbers.delete(from);
    reply = deliver(ctx, {
      channel: 'SMS',
      origination: receiver.PhoneNumber,
      destination: from,
      body: keyword!.KeywordMessage,
      messageType: config.MessageType,
      keyword: keyword!.Keyword,
      details: { kind: 'keyword-reply', inReplyTo: text, originationIdentityId: receiver.PhoneNumberId, originationIdentityArn: receiver.PhoneNumberArn, poolId: owner.kind === 'pool' ? identityId : receiver.PoolId },
    });
  }
  return {
    accountId: scope.accountId,
    region: scope.region,
    originationIdentity: identityId,
    originationIdentityArn: identityArn,
    phoneNumber: receiver.PhoneNumber,
    from,
    body: text,
    keyword: keyword ? (explicit ? keyword.Keyword : word.toUpperCase()) : undefined,
    action,
    selfManagedOptOuts: selfManaged,
    optOutListName: list.OptOutListName,
    optedOut: list.optedOutNumbers.has(from),
    reply,
    forwardedTo: config.TwoWayEnabled ? config.TwoWayChannelArn : undefined,
  };
}

/** An account's SMS settings as `GET /_emulator/sms-voice-v2/account` shows them. */
export interface AccountView {
  readonly accountId: string;
  readonly region: string;
  readonly accountTier: AccountTier;
  /** The ceilings of the monthly spend limits, in USD. */
  readonly spendMaxLimits: Record<SpendChannel, number>;
  readonly spendLimitOverrides: Partial<Record<SpendChannel, number>>;
  /** Spend by `<TEXT|VOICE>/<YYYY-MM>`, in USD (`"0.00581"`). */
  readonly monthlySpend: Record<string, string>;
}

/** Module-private. */
function accountView(scope: Scope): AccountView {
  const { state } = scope;
  return {
    accountId: scope.accountId,
    region: scope.region,
    accountTier: state.accountTier,
    spendMaxLimits: { ...state.spendMaxLimits },
    spendLimitOverrides: { ...state.spendLimitOverrides },
    monthlySpend: Object.fromEntries([...state.monthlySpend].map(([key, micro]) => [key, formatUsd(micro)])),
  };
}

/** Module-private: the `DeniedReasons` of a DENY: strings or `RegistrationDeniedReasonInformation` objects; a default one when none are given. */
function deniedReasons(value: unknown): RegistrationDeniedReasonInformation[] {
  if (value === undefined) return [{ Reason: 'Registration denied', ShortDescription: 'The reviewer denied this registration version; update it and submit a new version.' }];
  if (!Array.isArray(value) || value.length === 0) throw new AdminError(400, `reasons must be a non-empty array of strings or {Reason, ShortDescription, …} objects; got ${JSON.stringify(value)}`);
  return value.map((reason, index) => {
    if (typeof reason === 'string' && reason !== '') return { Reason: reason, ShortDescription: reason };
    const fields = ['Reason', 'ShortDescription', 'LongDescription', 'DocumentationTitle', 'DocumentationLink'];
    if (typeof reason !== 'object' || reason === null || Array.isArray(reason)) throw new AdminError(400, `reasons[${index}] must be a string or an object; got ${JSON.stringify(reason)}`);
    const record = reason as Record<string, unknown>;
    for (const [key, field] of Object.entries(record)) {
      if (!fields.includes(key)) throw new AdminError(400, `reasons[${index}] has unknown field "${key}"; fields: ${fields.join(', ')}`);
      if (typeof field !== 'string' || field === '') throw new AdminError(400, `reasons[${index}].${key} must be a non-empty string; got ${JSON.stringify(field)}`);
    }
    if (record.Reason === undefined || record.ShortDescription === undefined) throw new AdminError(400, `reasons[${index}] needs Reason and ShortDescription; got ${JSON.stringify(reason)}`);
    return { ...record } as unknown as RegistrationDeniedReasonInformation;
  });
}

// ---- input helpers ------------------------------------------------------------------------

/** Module-private: the body as an object, or a 400 stating `contract`. */
function objectBody(body: unknown, contract: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AdminError(400, `${contract}; got ${JSON.stringify(body) ?? 'no body'}`);
  return body as Record<string, unknown>;
}

/** Module-private: a 400 for any key outside `allowed`. */
function checkKeys(input: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(input).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw new AdminError(400, `Unknown field(s) ${unknown.map((k) => `"${k}"`).join(', ')}; fields: ${allowed.join(', ')}`);
}

/** Module-private. */
function requiredString(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '') throw new AdminError(400, `${name} must be a non-empty string; got ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

/** Module-private. */
function optionalString(input: Record<string, unknown>, name: string, pattern: RegExp, description: string): string | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw new AdminError(400, `${name} must be ${description}; got ${JSON.stringify(value)}`);
  return value;
}
