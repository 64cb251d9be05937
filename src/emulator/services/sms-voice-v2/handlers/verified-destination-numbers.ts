import { randomInt } from 'node:crypto';
import type {
  CreateVerifiedDestinationNumberRequest,
  CreateVerifiedDestinationNumberResult,
  DeleteVerifiedDestinationNumberRequest,
  DeleteVerifiedDestinationNumberResult,
  DescribeVerifiedDestinationNumbersRequest,
  DescribeVerifiedDestinationNumbersResult,
  SendDestinationNumberVerificationCodeRequest,
  SendDestinationNumberVerificationCodeResult,
  VerifiedDestinationNumberFilterName,
  VerifiedDestinationNumberInformation,
  VerifyDestinationNumberRequest,
  VerifyDestinationNumberResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { smsArn } from '../arns';
import { conflict, invalidField, quotaExceeded } from '../errors';
import { countryOfNumber } from '../pricing';
import { SMS_VOICE_QUOTAS, newResourceId, type VerifiedDestinationNumberRecord } from '../store';
import { applyFilters, findVerifiedDestinationNumber, getConfigurationSet, getVerifiedDestinationNumber, pageOf, selectByIds, tagList, tagsFromInput, type SmsHandlerGroup } from './common';
import { checkE164, configurationSetEvents, deliver, resolveSender } from './messaging';

/**
 * Verified destination numbers: while the account is in the sandbox it can only send to these,
 * once verified. A number starts PENDING; SendDestinationNumberVerificationCode delivers a
 * six-digit code to it (into the outbox, by text or voice), and VerifyDestinationNumber with
 * that code makes it VERIFIED. A code is valid for `VERIFICATION_CODE_TTL_MS` (the seeds give
 * no figure; the emulator's choice) and only the latest code counts.
 */

/** How long a verification code can be used (emulator clock). */
export const VERIFICATION_CODE_TTL_MS = 60 * 60 * 1000;

/** Module-private. */
function information(record: VerifiedDestinationNumberRecord): VerifiedDestinationNumberInformation {
  return {
    VerifiedDestinationNumberArn: record.VerifiedDestinationNumberArn,
    VerifiedDestinationNumberId: record.VerifiedDestinationNumberId,
    DestinationPhoneNumber: record.DestinationPhoneNumber,
    Status: record.Status,
    CreatedTimestamp: record.CreatedTimestamp,
  };
}

/** Module-private: `ConflictException` once the number is verified (codes are for pending numbers). */
function checkPending(record: VerifiedDestinationNumberRecord): void {
  if (record.Status === 'VERIFIED') {
    throw conflict('VERIFICATION_ALREADY_COMPLETE', 'verified-destination-number', record.VerifiedDestinationNumberId, `${record.DestinationPhoneNumber} (${record.VerifiedDestinationNumberId}) is already verified.`);
  }
}

/** Verified destination numbers and their verification. */
export const verifiedDestinationNumberHandlers: SmsHandlerGroup = {
  CreateVerifiedDestinationNumber(state, input: CreateVerifiedDestinationNumberRequest, ctx): CreateVerifiedDestinationNumberResult {
    const number = String(input.DestinationPhoneNumber);
    checkE164(number, 'DestinationPhoneNumber');
    const existing = [...state.verifiedDestinationNumbers.values()].find((v) => v.DestinationPhoneNumber === number);
    if (existing) throw conflict('RESOURCE_ALREADY_EXISTS', 'verified-destination-number', existing.VerifiedDestinationNumberId, `${number} is already a verified destination number (${existing.VerifiedDestinationNumberId}).`);
    if (state.verifiedDestinationNumbers.size >= SMS_VOICE_QUOTAS.verifiedDestinationNumbersPerAccount) {
      throw quotaExceeded('VERIFIED_DESTINATION_NUMBERS_PER_ACCOUNT', `An account can have at most ${SMS_VOICE_QUOTAS.verifiedDestinationNumbersPerAccount} verified destination numbers.`);
    }
    const id = newResourceId('verified-destination-number');
    const record: VerifiedDestinationNumberRecord = {
      VerifiedDestinationNumberId: id,
      VerifiedDestinationNumberArn: smsArn(ctx, 'verified-destination-number', id),
      DestinationPhoneNumber: number,
      Status: 'PENDING',
      CreatedTimestamp: ctx.now(),
      tags: tagsFromInput(input.Tags),
    };
    state.verifiedDestinationNumbers.set(id, record);
    return { ...information(record), Tags: tagList(record.tags) };
  },

  DeleteVerifiedDestinationNumber(state, input: DeleteVerifiedDestinationNumberRequest, ctx): DeleteVerifiedDestinationNumberResult {
    const record = getVerifiedDestinationNumber(state, ctx, String(input.VerifiedDestinationNumberId));
    state.verifiedDestinationNumbers.delete(record.VerifiedDestinationNumberId);
    const { Status: _status, ...info } = information(record);
    return info;
  },

  DescribeVerifiedDestinationNumbers(state, input: DescribeVerifiedDestinationNumbersRequest, ctx): DescribeVerifiedDestinationNumbersResult {
    let selected = [...state.verifiedDestinationNumbers.values()];
    if (input.VerifiedDestinationNumberIds?.length) {
      selected = selectByIds(input.VerifiedDestinationNumberIds, (id) => findVerifiedDestinationNumber(state, ctx, id), 'verified-destination-number');
    }
    if (input.DestinationPhoneNumbers?.length) {
      // Both lists narrow the answer; each number must be one of the account's.
      const byNumber = selectByIds(input.DestinationPhoneNumbers, (n) => [...state.verifiedDestinationNumbers.values()].find((v) => v.DestinationPhoneNumber === n), 'verified-destination-number');
      selected = selected.filter((record) => byNumber.includes(record));
    }
    const filtered = applyFilters<VerifiedDestinationNumberRecord, VerifiedDestinationNumberFilterName>(selected, input.Filters, {
      status: (v) => v.Status,
      // RCS agents are not emulated: no number belongs to one.
      'rcs-agent-id': () => undefined,
    });
    const page = pageOf(filtered, input, ctx, 'DescribeVerifiedDestinationNumbers', [input.VerifiedDestinationNumberIds, input.DestinationPhoneNumbers, input.Filters]);
    return { VerifiedDestinationNumbers: page.items.map(information), NextToken: page.nextToken };
  },

  SendDestinationNumberVerificationCode(state, input: SendDestinationNumberVerificationCodeRequest, ctx): SendDestinationNumberVerificationCodeResult {
    const record = getVerifiedDestinationNumber(state, ctx, String(input.VerifiedDestinationNumberId));
    checkPending(record);
    const channel = input.VerificationChannel === 'VOICE' ? 'VOICE' : 'SMS';
    const set = input.ConfigurationSetName !== undefined ? getConfigurationSet(state, ctx, input.ConfigurationSetName) : undefined;
    const country = countryOfNumber(record.DestinationPhoneNumber);
    // Without an OriginationIdentity the code comes from AWS's own shared route, shown as "AWS".
    const sender = input.OriginationIdentity !== undefined ? resolveSender(state, ctx, { identity: input.OriginationIdentity, channel, destinationCountry: country, configurationSet: set }) : undefined;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = ctx.now();
    record.code = { value: code, sentAt: now };
    const delivered = deliver(ctx, {
      channel,
      origination: sender?.address ?? 'AWS',
      destination: record.DestinationPhoneNumber,
      body: channel === 'VOICE' ? `Your verification code is ${code.split('').join(' ')}.` : `Your verification code is ${code}.`,
      messageType: 'TRANSACTIONAL',
      configurationSet: set?.ConfigurationSetName,
      context: input.Context,
      events: configurationSetEvents(set, channel === 'VOICE' ? ['VOICE_INITIATED', 'VOICE_ANSWERED', 'VOICE_COMPLETED'] : ['TEXT_SUCCESSFUL', 'TEXT_DELIVERED']),
      details: {
        kind: 'verification-code',
        verifiedDestinationNumberId: record.VerifiedDestinationNumberId,
        verificationCode: code,
        languageCode: input.LanguageCode ?? 'EN_US',
        expiresAt: new Date(now.getTime() + VERIFICATION_CODE_TTL_MS).toISOString(),
      },
    });
    return { MessageId: delivered.messageId };
  },

  VerifyDestinationNumber(state, input: VerifyDestinationNumberRequest, ctx): VerifyDestinationNumberResult {
    const record = getVerifiedDestinationNumber(state, ctx, String(input.VerifiedDestinationNumberId));
    checkPending(record);
    const given = String(input.VerificationCode);
    if (!record.code || record.code.value !== given) {
      const why = record.code ? 'it is not the latest code sent' : 'no code has been sent yet (SendDestinationNumberVerificationCode)';
      throw invalidField('VERIFICATION_CODE_MISMATCH', 'VerificationCode', `Code "${given}" doesn't verify ${record.DestinationPhoneNumber}: ${why}.`);
    }
    const age = ctx.now().getTime() - record.code.sentAt.getTime();
    if (age > VERIFICATION_CODE_TTL_MS) {
      throw conflict('VERIFICATION_CODE_EXPIRED', 'verified-destination-number', record.VerifiedDestinationNumberId, `The code sent at ${record.code.sentAt.toISOString()} expired after ${VERIFICATION_CODE_TTL_MS / 60000} minutes; send a new one.`);
    }
    record.Status = 'VERIFIED';
    record.code = undefined;
    return information(record);
  },
};
