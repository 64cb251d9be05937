import type { AppRecord } from './store';

/**
 * One-time passwords that SendOTPMessage issued and VerifyOTPMessage checks, per app. Kept
 * outside the core store, keyed by the app's record (as the channels module does), so an app
 * that is deleted, reset or re-seeded takes its codes with it.
 */

/** An issued code. */
export interface OtpRecord {
  readonly code: string;
  /** Epoch milliseconds after which the code is no longer valid (the emulator clock decides). */
  readonly expiresAt: number;
  /** How many wrong codes may be tried; once that many were, the code is invalid. */
  readonly allowedAttempts: number;
  failedAttempts: number;
}

/** Codes per app, one per reference ID and destination (a new code for the pair replaces the old one). */
export class OtpStore {
  private byApp = new WeakMap<AppRecord, Map<string, OtpRecord>>();

  /** Stores `record` as the current code of the pair. */
  issue(app: AppRecord, referenceId: string, destination: string, record: OtpRecord): void {
    let codes = this.byApp.get(app);
    if (codes === undefined) {
      codes = new Map();
      this.byApp.set(app, codes);
    }
    codes.set(otpKey(referenceId, destination), record);
  }

  /** The current code of the pair, if any. */
  find(app: AppRecord, referenceId: string, destination: string): OtpRecord | undefined {
    return this.byApp.get(app)?.get(otpKey(referenceId, destination));
  }

  /** Forgets the pair's code (it was used, or it can no longer be). */
  revoke(app: AppRecord, referenceId: string, destination: string): void {
    this.byApp.get(app)?.delete(otpKey(referenceId, destination));
  }

  /** The codes of those of `apps` that have any, for the emulator's state file (a WeakMap can't be listed, so the caller names the apps). */
  codesOf(apps: Iterable<AppRecord>): [AppRecord, Map<string, OtpRecord>][] {
    return [...apps].flatMap((app) => {
      const codes = this.byApp.get(app);
      return codes === undefined || codes.size === 0 ? [] : [[app, codes] as [AppRecord, Map<string, OtpRecord>]];
    });
  }

  /** Replaces every code with `entries` (what `codesOf` gave, after a round trip through the state file). */
  restoreCodes(entries: Iterable<[AppRecord, Map<string, OtpRecord>]>): void {
    this.byApp = new WeakMap(entries);
  }
}

/** Module-private. */
function otpKey(referenceId: string, destination: string): string {
  return `${referenceId}\u0000${destination}`;
}
