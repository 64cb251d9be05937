import type { ServiceId } from '../services/types';

/** What `GET /_emulator/calls` answers: every wire attempt, so SDK retries count once each. */
export interface CallCounts {
  /** Every request to a service endpoint (admin requests excluded), routed or not. */
  readonly total: number;
  /** Per service. */
  readonly byService: Readonly<Record<string, number>>;
  /** Per `<service>.<Operation>`, e.g. `pinpoint.GetCampaign`. */
  readonly byOperation: Readonly<Record<string, number>>;
  /**
   * Per value of the `x-gateway-request-id` header the gateway puts on its upstream calls (the
   * gateway request that made them); the {@link MAX_GATEWAY_REQUEST_IDS} most recent values only.
   */
  readonly byGatewayRequestId: Readonly<Record<string, number>>;
}

/** The request header naming the gateway request an upstream call was made for. */
export const GATEWAY_REQUEST_ID_HEADER = 'x-gateway-request-id';

/** How many distinct gateway request IDs the call log keeps (the oldest are forgotten first): a long-running emulator stays bounded. */
export const MAX_GATEWAY_REQUEST_IDS = 1_000;

/** Counts the requests the emulator receives (the server-side view of the gateway's call counter). */
export class CallCounter {
  private total = 0;
  private readonly byService = new Map<string, number>();
  private readonly byOperation = new Map<string, number>();
  private readonly byGatewayRequestId = new Map<string, number>();

  /**
   * Records one received request; `operation` is undefined when it matched no operation,
   * `gatewayRequestId` is its {@link GATEWAY_REQUEST_ID_HEADER} when it has one.
   */
  record(service: ServiceId, operation: string | undefined, gatewayRequestId?: string): void {
    this.total += 1;
    this.byService.set(service, (this.byService.get(service) ?? 0) + 1);
    if (operation !== undefined) {
      const key = `${service}.${operation}`;
      this.byOperation.set(key, (this.byOperation.get(key) ?? 0) + 1);
    }
    if (gatewayRequestId !== undefined) {
      const count = this.byGatewayRequestId.get(gatewayRequestId) ?? 0;
      // Re-inserted so the Map's order is recency: the first key is the one to forget.
      this.byGatewayRequestId.delete(gatewayRequestId);
      this.byGatewayRequestId.set(gatewayRequestId, count + 1);
      if (this.byGatewayRequestId.size > MAX_GATEWAY_REQUEST_IDS) this.byGatewayRequestId.delete(this.byGatewayRequestId.keys().next().value!);
    }
  }

  /** A copy of the counts so far. */
  snapshot(): CallCounts {
    return {
      total: this.total,
      byService: Object.fromEntries(this.byService),
      byOperation: Object.fromEntries(this.byOperation),
      byGatewayRequestId: Object.fromEntries(this.byGatewayRequestId),
    };
  }

  /** Starts counting from zero. */
  clear(): void {
    this.total = 0;
    this.byService.clear();
    this.byOperation.clear();
    this.byGatewayRequestId.clear();
  }
}
