import { ClassBreaker } from './breaker';
import { ServiceBulkhead } from './bulkhead';
import { RetryBudget } from './retryBudget';
import { operationClassOf } from './operationClass';
import type { ResilienceSettings } from './settings';
import type { UpstreamCall } from './upstreamCall';
import type { BreakerState, OperationClass, UpstreamCallEnd, UpstreamCallInfo, UpstreamObserver, UpstreamServiceName } from '../telemetry';

/** What {@link ServiceResilience} is built from. */
export interface ServiceResilienceOptions {
  readonly service: UpstreamServiceName;
  readonly region: string;
  /** Each call's own bound (`UPSTREAM_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** Attempts for transient failures (`UPSTREAM_MAX_ATTEMPTS`). */
  readonly maxAttempts: number;
  readonly settings: ResilienceSettings;
  readonly observer: UpstreamObserver;
}

/** One breaker as `/readyz` and tests see it. */
export interface BreakerReport {
  readonly service: UpstreamServiceName;
  readonly region: string;
  readonly operationClass: OperationClass;
  readonly state: BreakerState;
  /** Until an open breaker lets a probe through. */
  readonly retryAfterMs?: number;
}

/**
 * Everything one client (one service, one region) keeps across calls: its breakers (one per
 * operation class, made on first use), its bulkhead, its retry budget, and the observer, wrapped so
 * that an observer that throws can never fail an upstream call.
 */
export class ServiceResilience {
  readonly service: UpstreamServiceName;
  readonly region: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly settings: ResilienceSettings;
  readonly observer: UpstreamObserver;
  readonly bulkhead: ServiceBulkhead;
  readonly retryBudget: RetryBudget;
  readonly #breakers = new Map<OperationClass, ClassBreaker>();
  readonly #calls = new Map<string, UpstreamCallInfo>();

  constructor(options: ServiceResilienceOptions) {
    this.service = options.service;
    this.region = options.region;
    this.timeoutMs = options.timeoutMs;
    this.maxAttempts = options.maxAttempts;
    this.settings = options.settings;
    this.observer = guardedObserver(options.observer);
    this.bulkhead = new ServiceBulkhead({ service: this.service, region: this.region }, options.settings.maxConcurrency, options.settings.queueSize, this.observer);
    this.retryBudget = new RetryBudget(options.settings);
  }

  /** The identity of a call of `operation` (one frozen object per operation, handed to the observer). */
  callInfo(operation: string): UpstreamCallInfo {
    let info = this.#calls.get(operation);
    if (!info) {
      info = Object.freeze({ service: this.service, region: this.region, operation, operationClass: operationClassOf(operation) });
      this.#calls.set(operation, info);
    }
    return info;
  }

  /** The breaker of `operationClass`. */
  breaker(operationClass: OperationClass): ClassBreaker {
    let breaker = this.#breakers.get(operationClass);
    if (!breaker) {
      breaker = new ClassBreaker({ service: this.service, region: this.region, operationClass }, this.settings, this.observer);
      this.#breakers.set(operationClass, breaker);
    }
    return breaker;
  }

  /** Every breaker made so far, with its state. */
  breakers(): BreakerReport[] {
    return [...this.#breakers.values()].map((breaker) => {
      const retryAfterMs = breaker.state === 'closed' ? undefined : breaker.retryAfterMs();
      return { ...breaker.scope, state: breaker.state, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    });
  }

  /**
   * Runs one command: refused at once by an open breaker; else through the bulkhead (waiting for a
   * slot within its deadline), then the breaker again (its state may have changed meanwhile), then
   * `send`. An abort caused by the call's own timeout is reported as that timeout, inside the
   * breaker, so the breaker counts it.
   */
  run<T>(info: UpstreamCallInfo, call: UpstreamCall | undefined, send: () => Promise<T>): Promise<T> {
    const breaker = this.breaker(info.operationClass);
    try {
      breaker.admit(info.operation);
    } catch (refusal) {
      return Promise.reject(refusal as Error);
    }
    return this.bulkhead.run(call, info.operation, () => {
      breaker.admit(info.operation);
      return breaker.execute(call, info.operation, () => (call ? send().catch((error: unknown) => Promise.reject(call.translate(error))) : send()));
    });
  }
}

/** Module-private: the observer methods this layer calls, each wrapped so that a throw inside it is dropped. */
function guardedObserver(observer: UpstreamObserver): UpstreamObserver {
  const quietly = <A extends unknown[]>(method: ((...args: A) => void) | undefined) =>
    method &&
    ((...args: A) => {
      try {
        method.apply(observer, args);
      } catch {
        // An observer must not throw (telemetry.ts); if it does, the call it observes goes on.
      }
    });
  const commandStarted = observer.commandStarted;
  return {
    commandStarted:
      commandStarted &&
      ((call: UpstreamCallInfo) => {
        try {
          const end = commandStarted.call(observer, call);
          return quietly<[UpstreamCallEnd]>(end) ?? (() => undefined);
        } catch {
          return () => undefined;
        }
      }),
    attemptFinished: quietly(observer.attemptFinished),
    breakerStateChanged: quietly(observer.breakerStateChanged),
    bulkheadChanged: quietly(observer.bulkheadChanged),
  };
}
