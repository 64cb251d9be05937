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
    spendLimitsPage(pageSize, token) {
      return accountPage('spendLimitsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeSpendLimitsCommand(paging));
        return page(out.SpendLimits, out.NextToken);
      });
    },
    async spendLimit(name) {
      const limits = await memoPage(['allSpendLimits'], () => allPages((token) => account.spendLimitsPage(FULL_PAGE, token)));
      return limits.find((limit) => limit.Name === name) ?? null;
    },
    accountAttributesPage(pageSize, token) {
      return accountPage('accountAttributesPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeAccountAttributesCommand(paging));
        return page(out.AccountAttributes, out.NextToken);
      });
    },
    accountLimitsPage(pageSize, token) {
      return accountPage('accountLimitsPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeAccountLimitsCommand(paging));
        return page(out.AccountLimits, out.NextToken);
      });
    },

    async setSpendLimitOverride(channel, monthlyLimit) {
      switch (channel) {
        case 'TEXT': {
          const out = await sendWrite(new SetTextMessageSpendLimitOverrideCommand({ MonthlyLimit: monthlyLimit }));
          return { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        case 'VOICE': {
          const out = await sendWrite(new SetVoiceMessageSpendLimitOverrideCommand({ MonthlyLimit: monthlyLimit }));
          return { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        default:
          throw new Error(`Unknown spend-limit channel: ${JSON.stringify(channel satisfies never)}`);
      }
    },
    async deleteSpendLimitOverride(channel) {
      switch (channel) {
        case 'TEXT': {
          const out = await sendWrite(new DeleteTextMessageSpendLimitOverrideCommand({}));
          return { Name: 'TEXT_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        case 'VOICE': {
          const out = await sendWrite(new DeleteVoiceMessageSpendLimitOverrideCommand({}));
          return { Name: 'VOICE_MESSAGE_MONTHLY_SPEND_LIMIT', MonthlyLimit: out.MonthlyLimit };
        }
        default:
          throw new Error(`Unknown spend-limit channel: ${JSON.stringify(channel satisfies never)}`);
      }
    },
    async sendTextMessage(input) {
      const out = await sendWrite(new SendTextMessageCommand(input));
      return { MessageId: out.MessageId ?? '' };
    },
    async sendVoiceMessage(input) {
      const out = await sendWrite(new SendVoiceMessageCommand(input));
      return { MessageId: out.MessageId ?? '' };
    },
  };
  return account;
}
