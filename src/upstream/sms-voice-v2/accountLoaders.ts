import {
  DeleteTextMessageSpendLimitOverrideCommand,
  DeleteVoiceMessageSpendLimitOverrideCommand,
  DescribeAccountAttributesCommand,
  DescribeAccountLimitsCommand,
  DescribeSpendLimitsCommand,
  SendTextMessageCommand,
  SendVoiceMessageCommand,
  SetTextMessageSpendLimitOverrideCommand,
  SetVoiceMessageSpendLimitOverrideCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { SendTextMessageRequest, SendVoiceMessageRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { allPages, FULL_PAGE, page, type SmsVoiceRequestKit } from './loaderKit';
import type { AccountAttributeModel, AccountLimitModel, Page, SpendLimitModel, SpendLimitOverrideModel } from './models';

/** The message channels whose monthly spend limit the account can override (seed 003: text and voice). */
export type SpendLimitChannel = 'TEXT' | 'VOICE';

/** Account-wide reads and writes: spend limits, attributes, limits and direct sends (part of `SmsVoiceUpstream`). */
export interface SmsVoiceAccountUpstream {
  /** One page of the account's monthly spend limits (DescribeSpendLimits). */
  spendLimitsPage(pageSize: number, token: string | undefined): Promise<Page<SpendLimitModel>>;
  /** One spend limit by name (every DescribeSpendLimits page, memoized for the request); null when the account has none by that name. */
  spendLimit(name: string): Promise<SpendLimitModel | null>;
  /** One page of the account's attributes (DescribeAccountAttributes). */
  accountAttributesPage(pageSize: number, token: string | undefined): Promise<Page<AccountAttributeModel>>;
  /** One page of the account's limits and their usage (DescribeAccountLimits). */
  accountLimitsPage(pageSize: number, token: string | undefined): Promise<Page<AccountLimitModel>>;

  /** Set{Text,Voice}MessageSpendLimitOverride; the override now in force. */
  setSpendLimitOverride(channel: SpendLimitChannel, monthlyLimit: number): Promise<SpendLimitOverrideModel>;
  /** Delete{Text,Voice}MessageSpendLimitOverride; the limit now in force. */
  deleteSpendLimitOverride(channel: SpendLimitChannel): Promise<SpendLimitOverrideModel>;
  /** SendTextMessage; the message ID. */
  sendTextMessage(input: SendTextMessageRequest): Promise<{ readonly MessageId: string }>;
  /** SendVoiceMessage; the message ID. */
  sendVoiceMessage(input: SendVoiceMessageRequest): Promise<{ readonly MessageId: string }>;
}

/** Builds the account-wide reads and writes over the request's kit (they touch no loader). */
export function createAccountLoaders(kit: SmsVoiceRequestKit): SmsVoiceAccountUpstream {
  const { send, sendWrite, memoPage, accountPage } = kit;
  const account: SmsVoiceAccountUpstream = {
