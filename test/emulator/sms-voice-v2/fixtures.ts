import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startEmulator, type StartedEmulator, type StartEmulatorOptions } from '../../helpers/emulator';

/**
 * Shared setup of the SMS v2 emulator tests: one emulator per test file, and a fresh account
 * (its own isolated state: a 12-digit access key ID is the account) for every test that
 * changes state, so tests never see each other's resources.
 */

/** One emulator for a test file, plus clients for fresh accounts. */
export interface SmsFixture {
  readonly started: StartedEmulator;
  /** A client for a new, empty account (seeded with the demo data when `seed` is true). */
  account(options?: { seed?: boolean; region?: string }): { sms: PinpointSMSVoiceV2Client; accountId: string; region: string };
  close(): Promise<void>;
}

let nextAccount = 0;

/** Starts an emulator (no retries, so error tests see the first answer). */
export async function startSmsFixture(options: StartEmulatorOptions = {}): Promise<SmsFixture> {
  const started = await startEmulator({ maxAttempts: 1, ...options });
  const clients: PinpointSMSVoiceV2Client[] = [];
  // Accounts differ per process too (jest runs files in parallel workers, but each has its own emulator).
  const base = 200_000_000_000 + (process.pid % 1000) * 1_000_000;
  return {
    started,
    account({ seed = false, region = 'us-east-1' } = {}) {
      nextAccount += 1;
      const accountId = String(base + nextAccount);
      if (seed) started.emulator.seed(accountId, region);
      const sms = new PinpointSMSVoiceV2Client({ endpoint: started.emulator.endpoint, region, credentials: { accessKeyId: accountId, secretAccessKey: 'x' }, maxAttempts: 1 });
      clients.push(sms);
      return { sms, accountId, region };
    },
    async close() {
      for (const client of clients) client.destroy();
      await started.close();
    },
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, any>;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/** A minimal valid PDF body for registration attachments. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A minimal PNG signature body. */
export const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
