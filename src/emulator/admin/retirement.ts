import { isRetiredEngagementRequest, RETIRED_ENGAGEMENT_OPERATIONS, retiredEngagementError } from '../services/pinpoint/retirement';
import type { ServiceError } from '../protocol/serviceError';
import type { ServiceAdminRoute, ServiceId } from '../services/types';
import { AdminError } from './adminError';

/**
 * The switch that makes the emulator answer like today's AWS for the retired Pinpoint engagement
 * operations (`services/pinpoint/retirement.ts`): set at start by the `retireEngagement` option
 * (`EMULATOR_RETIRE_ENGAGEMENT=true` for `npm run emulator`), changed at run time by
 * `PUT /_emulator/pinpoint/retirement {"engagement": true|false}`, back to the option's value on reset.
 */
export class EngagementRetirement {
  #on: boolean;

  constructor(private readonly initial: boolean) {
    this.#on = initial;
  }

  /** Whether the retired operations are refused now. */
  get on(): boolean {
    return this.#on;
  }

  /** Turns the refusal on or off. */
  set(on: boolean): void {
    this.#on = on;
  }

  /** Back to the value the emulator was started with. */
  reset(): void {
    this.#on = this.initial;
  }

  /** The error to answer a decoded request with, when the switch is on and the request belongs to a retired feature; else undefined. */
  refusal(service: ServiceId, operation: string, input: Readonly<Record<string, unknown>> | undefined): ServiceError | undefined {
    if (!this.#on || service !== 'pinpoint' || !isRetiredEngagementRequest(operation, input)) return undefined;
    return retiredEngagementError(operation);
  }
}

/** `GET` and `PUT /_emulator/pinpoint/retirement`: `{ engagement, operations }` (the operations refused while on; tags besides, by ARN). */
export function retirementAdminRoutes(retirement: EngagementRetirement): ServiceAdminRoute[] {
  const state = () => ({ engagement: retirement.on, operations: [...RETIRED_ENGAGEMENT_OPERATIONS].sort() });
  return [
    { method: 'GET', path: 'pinpoint/retirement', run: state },
    {
      method: 'PUT',
      path: 'pinpoint/retirement',
      run: ({ body }) => {
        const engagement = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).engagement : undefined;
        if (typeof engagement !== 'boolean' || Object.keys(body as object).length !== 1) {
          throw new AdminError(400, `The retirement body is {"engagement": true|false} (true: the retired Pinpoint engagement operations answer ForbiddenException); got ${JSON.stringify(body)}`);
        }
        retirement.set(engagement);
        return state();
      },
    },
  ];
}
