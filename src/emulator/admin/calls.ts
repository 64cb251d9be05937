import type { ServiceId } from '../services/types';

/** What `GET /_emulator/calls` answers: every wire attempt, so SDK retries count once each. */
export interface CallCounts {
  /** Every request to a service endpoint (admin requests excluded), routed or not. */
  readonly total: number;
  /** Per service. */
  readonly byService: Readonly<Record<string, number>>;
  /** Per `<service>.<Operation>`, e.g. `pinpoint.GetCampaign`. */
  readonly byOperation: Readonly<Record<string, number>>;
}

/** Counts the requests the emulator receives (the server-side view of the gateway's call counter). */
export class CallCounter {
  private total = 0;
  private readonly byService = new Map<string, number>();
  private readonly byOperation = new Map<string, number>();

  /** Records one received request; `operation` is undefined when it matched no operation. */
  record(service: ServiceId, operation: string | undefined): void {
    this.total += 1;
    this.byService.set(service, (this.byService.get(service) ?? 0) + 1);
    if (operation !== undefined) {
      const key = `${service}.${operation}`;
      this.byOperation.set(key, (this.byOperation.get(key) ?? 0) + 1);
    }
  }

  /** A copy of the counts so far. */
  snapshot(): CallCounts {
    return { total: this.total, byService: Object.fromEntries(this.byService), byOperation: Object.fromEntries(this.byOperation) };
  }

  /** Starts counting from zero. */
  clear(): void {
    this.total = 0;
    this.byService.clear();
    this.byOperation.clear();
  }
}
