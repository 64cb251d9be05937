import type DataLoader from 'dataloader';
import {
  CreateVerifiedDestinationNumberCommand,
  DeleteVerifiedDestinationNumberCommand,
  DescribeVerifiedDestinationNumbersCommand,
  SendDestinationNumberVerificationCodeCommand,
  VerifyDestinationNumberCommand,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { CreateVerifiedDestinationNumberRequest, SendDestinationNumberVerificationCodeRequest } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { primed, reprime, writeResult, type SmsVoiceRequestKit } from './loaderKit';
import type { DeletedVerifiedDestinationNumberModel, Page, VerificationCodeSentModel, VerifiedDestinationNumberModel } from './models';

/** Verified destination numbers and their verification (part of `SmsVoiceUpstream`). */
export interface SmsVoiceVerifiedDestinationUpstream {
  /** Verified destination numbers by ID (or ARN): DescribeVerifiedDestinationNumbers, 5 IDs per call. */
  readonly verifiedDestinationNumber: DataLoader<string, VerifiedDestinationNumberModel>;

  /** One page of the account's verified destination numbers (primes `verifiedDestinationNumber`). */
  verifiedDestinationNumbersPage(pageSize: number, token: string | undefined): Promise<Page<VerifiedDestinationNumberModel>>;

  /** CreateVerifiedDestinationNumber; primes `verifiedDestinationNumber`. */
  createVerifiedDestinationNumber(input: CreateVerifiedDestinationNumberRequest): Promise<VerifiedDestinationNumberModel>;
  /** DeleteVerifiedDestinationNumber; the deleted number (without status, which the operation does not return). */
  deleteVerifiedDestinationNumber(verifiedDestinationNumberId: string): Promise<DeletedVerifiedDestinationNumberModel>;
  /** SendDestinationNumberVerificationCode; the message ID and the number it went to. */
  sendDestinationNumberVerificationCode(input: SendDestinationNumberVerificationCodeRequest): Promise<VerificationCodeSentModel>;
  /** VerifyDestinationNumber; primes `verifiedDestinationNumber`. */
  verifyDestinationNumber(verifiedDestinationNumberId: string, verificationCode: string): Promise<VerifiedDestinationNumberModel>;
}

/** Builds the verified-destination-number loader, page reader and writes over the request's kit. */
export function createVerifiedDestinationLoaders(kit: SmsVoiceRequestKit): SmsVoiceVerifiedDestinationUpstream {
  const { send, sendWrite, accountPage, byIdLoader, primeTags } = kit;

  const verifiedDestinationNumber = byIdLoader<VerifiedDestinationNumberModel>({
    name: 'verifiedDestinationNumber',
    resourceType: 'verified-destination-number',
    describe: async (chunk) => (await send(new DescribeVerifiedDestinationNumbersCommand({ VerifiedDestinationNumberIds: chunk }))).VerifiedDestinationNumbers,
    namesOf: (item) => [item.VerifiedDestinationNumberId, item.VerifiedDestinationNumberArn],
    listedIn: 'verifiedDestinationNumbersPage',
  });

  const verifiedDestinations: SmsVoiceVerifiedDestinationUpstream = {
    verifiedDestinationNumber,

    verifiedDestinationNumbersPage(pageSize, token) {
      return accountPage('verifiedDestinationNumbersPage', pageSize, token, async (paging) => {
        const out = await send(new DescribeVerifiedDestinationNumbersCommand(paging));
        return primed(
          out.VerifiedDestinationNumbers,
          out.NextToken,
          (item) => item.VerifiedDestinationNumberId !== undefined && verifiedDestinationNumber.prime(item.VerifiedDestinationNumberId, item),
        );
      });
    },

    async createVerifiedDestinationNumber(input) {
      const out = await sendWrite(new CreateVerifiedDestinationNumberCommand(input));
      primeTags(out.VerifiedDestinationNumberArn, out.Tags);
      return reprime(verifiedDestinationNumber, out.VerifiedDestinationNumberId, writeResult<VerifiedDestinationNumberModel>(out));
    },
    async deleteVerifiedDestinationNumber(verifiedDestinationNumberId) {
      const out = await sendWrite(new DeleteVerifiedDestinationNumberCommand({ VerifiedDestinationNumberId: verifiedDestinationNumberId }));
      verifiedDestinationNumber.clear(verifiedDestinationNumberId);
      return writeResult<DeletedVerifiedDestinationNumberModel>(out);
    },
    async sendDestinationNumberVerificationCode(input) {
      const out = await sendWrite(new SendDestinationNumberVerificationCodeCommand(input));
      return { MessageId: out.MessageId ?? '', VerifiedDestinationNumberId: input.VerifiedDestinationNumberId ?? '' };
    },
    async verifyDestinationNumber(verifiedDestinationNumberId, verificationCode) {
      const out = await sendWrite(new VerifyDestinationNumberCommand({ VerifiedDestinationNumberId: verifiedDestinationNumberId, VerificationCode: verificationCode }));
      verifiedDestinationNumber.clear(verifiedDestinationNumberId);
      return reprime(verifiedDestinationNumber, out.VerifiedDestinationNumberId, writeResult<VerifiedDestinationNumberModel>(out));
    },
  };

  return verifiedDestinations;
}
