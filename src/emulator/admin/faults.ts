import { z } from 'zod';
import type { ServiceId } from '../services/types';

/**
 * Fault injection (`PUT /_emulator/faults`): rules that make matching requests slow or fail,
 * so tests can provoke SDK retries, throttling and timeouts. A rule fires with its
 * `probability`, at most `count` times, and the first matching rule wins.
 */

/** The JSON form of one rule, as `PUT /_emulator/faults` accepts it. */
export const faultRuleSchema = z
  .object({
    service: z.enum(['pinpoint', 'sms-voice-v2']).optional(),
    /** SDK operation name, e.g. `GetCampaign`; any operation when absent. */
    operation: z.string().min(1).optional(),
    probability: z.number().min(0).max(1).default(1),
    /** The error to answer (modelled shape name or e.g. `ServiceUnavailable`); the service's server fault when absent. */
    errorCode: z.string().min(1).optional(),
    /** HTTP status; the shape's own status when absent. */
    status: z.number().int().min(400).max(599).optional(),
    /** Delay before answering; a rule with only `latencyMs` delays without failing. */
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    /** How many times the rule fires before it is spent; unlimited when absent. */
    count: z.number().int().min(1).optional(),
  })
  .strict();

/** One fault rule (defaults applied). */
export type FaultRule = z.infer<typeof faultRuleSchema>;

/** A rule as `GET /_emulator/faults` shows it: with the firings left. */
export interface FaultRuleState extends FaultRule {
  readonly remaining?: number;
}

/** What a fired rule asks the pipeline to do. */
export interface FaultAction {
  readonly latencyMs: number;
  /** Absent for a latency-only rule. */
  readonly error?: { readonly code?: string; readonly status?: number };
}

/** The active rules of one emulator server. */
export class FaultInjector {
  private rules: { rule: FaultRule; remaining?: number }[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  /** Replaces all rules; `body` is one rule or a list; throws a readable message for bad input. */
  set(body: unknown): FaultRuleState[] {
    // Parse by form rather than with a union, so zod reports the offending field, not "Invalid input".
    const parsed = (Array.isArray(body) ? z.array(faultRuleSchema) : faultRuleSchema).safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new Error(`Fault rules must be a rule or a list of rules {service?, operation?, probability?, errorCode?, status?, latencyMs?, count?}: ${issues}`);
    }
    const rules = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    this.rules = rules.map((rule) => ({ rule, remaining: rule.count }));
    return this.list();
  }

  /** The active rules. */
  list(): FaultRuleState[] {
    return this.rules.map(({ rule, remaining }) => ({ ...rule, remaining }));
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** The action of the first matching rule that fires for this request, if any (spends one firing). */
  fire(service: ServiceId, operation: string | undefined): FaultAction | undefined {
    const entry = this.rules.find(
      ({ rule, remaining }) => (remaining === undefined || remaining > 0) && (!rule.service || rule.service === service) && (!rule.operation || rule.operation === operation),
    );
    if (!entry || this.random() >= entry.rule.probability) return undefined;
    if (entry.remaining !== undefined) entry.remaining -= 1;
    const { errorCode, status, latencyMs } = entry.rule;
    const latencyOnly = errorCode === undefined && status === undefined && latencyMs !== undefined;
    return { latencyMs: latencyMs ?? 0, error: latencyOnly ? undefined : { code: errorCode, status } };
  }
}
