import { z } from 'zod';
import type { ServiceId } from '../services/types';

/**
 * Fault injection (`PUT /_emulator/faults`): rules that make matching requests slow, fail, hang or
 * lose their connection, so tests and the fault bench provoke what AWS does to a client (retries,
 * throttling, timeouts, outages) over the real wire instead of mocking the SDK.
 *
 * A rule matches by `service` and `operation` (any when absent) and fires with its `probability`;
 * the first rule, in order, that matches, is active and fires decides the request. A rule is spent
 * after `count` firings, or once its window ends: it becomes active `afterMs` after it was set and
 * stays so for `durationMs` (so "down for 30 s, then back" is one PUT). Kinds:
 *
 * | kind | what the client sees |
 * |---|---|
 * | `error` (default) | `errorCode` (a modelled shape or e.g. `ServiceUnavailable`; the service's server fault when absent) with `status` (the shape's own when absent), in the service's error envelope |
 * | `throttle` | exactly what the service answers when it throttles: Pinpoint `TooManyRequestsException` 429, SMS v2 `ThrottlingException` 400 |
 * | `latency` | the normal answer, `latencyMs` later (the default kind of a rule with only `latencyMs`) |
 * | `hang` | nothing: the request is held until the client goes away, and then released on the emulator's side |
 * | `reset` | the connection is reset (TCP RST): the SDK sees `ECONNRESET` |
 *
 * `latencyMs` on an `error`, `throttle` or `reset` rule delays the failure by that much.
 */

/** The kinds of fault a rule injects. */
export const FAULT_KINDS = ['error', 'throttle', 'latency', 'hang', 'reset'] as const;

/** One kind of fault. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Module-private: the longest delay or window a rule may name (a day: a typo of a few zeros fails loudly). */
const MAX_WINDOW_MS = 86_400_000;

/** Module-private: the fields of a rule, before the cross-field contract. */
const faultRuleFields = z
  .object({
    kind: z.enum(FAULT_KINDS).optional(),
    service: z.enum(['pinpoint', 'sms-voice-v2']).optional(),
    /** SDK operation name, e.g. `GetCampaign`; any operation when absent. */
    operation: z.string().min(1).optional(),
    probability: z.number().min(0).max(1).default(1),
    /** `error` only: the error to answer (modelled shape name or e.g. `ServiceUnavailable`); the service's server fault when absent. */
    errorCode: z.string().min(1).optional(),
    /** `error` only: HTTP status; the shape's own status when absent. */
    status: z.number().int().min(400).max(599).optional(),
    /** Delay before answering (`latency`), or before failing (`error`, `throttle`, `reset`). */
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    /** How many times the rule fires before it is spent; unlimited when absent. */
    count: z.number().int().min(1).optional(),
    /** The rule starts this long after it was set (default: at once). */
    afterMs: z.number().int().min(0).max(MAX_WINDOW_MS).optional(),
    /** The rule is spent this long after it started (default: never). */
    durationMs: z.number().int().min(1).max(MAX_WINDOW_MS).optional(),
  })
  .strict();

/** The JSON form of one rule, as `PUT /_emulator/faults` accepts it (`kind` filled in when absent). */
export const faultRuleSchema = faultRuleFields
  .superRefine((rule, ctx) => {
    const kind = rule.kind ?? defaultKind(rule);
    for (const field of ['errorCode', 'status'] as const) {
      if (rule[field] !== undefined && kind !== 'error') ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: `only an "error" rule names ${field}; a "${kind}" rule answers as the service does` });
    }
    if (kind === 'latency' && rule.latencyMs === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['latencyMs'], message: 'a "latency" rule needs latencyMs' });
    if (kind === 'hang' && rule.latencyMs !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['latencyMs'], message: 'a "hang" rule never answers, so latencyMs means nothing' });
  })
  .transform((rule) => ({ ...rule, kind: rule.kind ?? defaultKind(rule) }));

/** One fault rule (defaults applied). */
export type FaultRule = z.output<typeof faultRuleSchema>;

/** A rule as `GET /_emulator/faults` shows it: with the firings and the time it has left. */
export type FaultRuleState = FaultRule & {
  /** Firings left (rules with a `count`). */
  readonly remaining?: number;
  /** `pending` (its `afterMs` has not passed), `active`, or `spent` (no firings or no time left). */
  readonly state: 'pending' | 'active' | 'spent';
  /** Milliseconds until a pending rule starts. */
  readonly startsInMs?: number;
  /** Milliseconds until a rule with `durationMs` ends (0 once spent). */
  readonly endsInMs?: number;
};

/** What `GET /_emulator/faults` answers. */
export interface FaultsState {
  readonly rules: FaultRuleState[];
  /** Requests held open by `hang` rules right now (back to 0 once their clients went away). */
  readonly hanging: number;
}

/** What a fired rule asks the pipeline to do. */
export interface FaultAction {
  readonly kind: FaultKind;
  /** Delay before the rest of the action (0: none). */
  readonly latencyMs: number;
  /** `error` and `throttle`: the error to answer (code and status resolved as far as the rule says). */
  readonly error?: { readonly code?: string; readonly status?: number };
}

/**
 * The exception each service answers a throttled request with (`../shared/reference/wire.md`,
 * the SDK models): Pinpoint's carries HTTP 429, SMS v2's HTTP 400 (every SMS v2 client error is
 * 400); the protocol layer takes the status from the model.
 */
export const THROTTLING_ERRORS: Readonly<Record<ServiceId, string>> = {
  pinpoint: 'TooManyRequestsException',
  'sms-voice-v2': 'ThrottlingException',
};

/** Module-private: one rule with its firings and window, in `performance.now()` time. */
interface ActiveRule {
  readonly rule: FaultRule;
  remaining?: number;
  readonly startsAt: number;
  readonly endsAt?: number;
}

/** The active rules of one emulator server, and the requests its `hang` rules hold. */
export class FaultInjector {
  private rules: ActiveRule[] = [];
  private held = 0;

  constructor(
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Replaces all rules; `body` is one rule or a list; throws a readable message for bad input. */
  set(body: unknown): FaultRuleState[] {
    // Parse by form rather than with a union, so zod reports the offending field, not "Invalid input".
    const parsed = (Array.isArray(body) ? z.array(faultRuleSchema) : faultRuleSchema).safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new Error(
        `Fault rules must be a rule or a list of rules {kind?: ${FAULT_KINDS.join('|')}, service?, operation?, probability?, errorCode?, status?, latencyMs?, count?, afterMs?, durationMs?}: ${issues}`,
      );
    }
    const rules = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    const setAt = this.now();
    this.rules = rules.map((rule) => {
      const startsAt = setAt + (rule.afterMs ?? 0);
      return { rule, remaining: rule.count, startsAt, endsAt: rule.durationMs === undefined ? undefined : startsAt + rule.durationMs };
    });
    return this.list();
  }

  /** The rules with what they have left. */
  list(): FaultRuleState[] {
    const now = this.now();
    return this.rules.map((entry) => {
      const { rule, remaining, startsAt, endsAt } = entry;
      const state = stateAt(entry, now);
      return {
        ...rule,
        ...(remaining === undefined ? {} : { remaining }),
        state,
        ...(state === 'pending' ? { startsInMs: Math.ceil(startsAt - now) } : {}),
        ...(endsAt === undefined ? {} : { endsInMs: Math.max(0, Math.ceil(endsAt - now)) }),
      };
    });
  }

  /** The rules and the requests held open now. */
  state(): FaultsState {
    return { rules: this.list(), hanging: this.held };
  }

  /** Removes every rule (requests already held stay held until their clients go away). */
  clear(): void {
    this.rules = [];
  }

  /** The action of the first rule that matches, is active and fires for this request, if any (spends one firing). */
  fire(service: ServiceId, operation: string | undefined): FaultAction | undefined {
    const now = this.now();
    for (const entry of this.rules) {
      const { rule } = entry;
      if ((rule.service && rule.service !== service) || (rule.operation && rule.operation !== operation) || stateAt(entry, now) !== 'active') continue;
      if (this.random() >= rule.probability) continue;
      if (entry.remaining !== undefined) entry.remaining -= 1;
      const latencyMs = rule.latencyMs ?? 0;
      switch (rule.kind) {
        case 'error':
          return { kind: 'error', latencyMs, error: { code: rule.errorCode, status: rule.status } };
        case 'throttle':
          return { kind: 'throttle', latencyMs, error: { code: THROTTLING_ERRORS[service] } };
        default:
          return { kind: rule.kind, latencyMs };
      }
    }
    return undefined;
  }

  /**
   * Holds a request for a `hang` rule until `released` settles (its client went away, or the
   * server closed the connection); counted in {@link FaultsState.hanging} meanwhile.
   */
  async hold(released: Promise<void>): Promise<void> {
    this.held += 1;
    try {
      await released;
    } finally {
      this.held -= 1;
    }
  }
}

/** Module-private: a rule without `kind` delays when it names only a latency, else it fails. */
function defaultKind(rule: { errorCode?: string; status?: number; latencyMs?: number }): FaultKind {
  return rule.errorCode === undefined && rule.status === undefined && rule.latencyMs !== undefined ? 'latency' : 'error';
}

/** Module-private. */
function stateAt(entry: ActiveRule, now: number): FaultRuleState['state'] {
  if ((entry.remaining !== undefined && entry.remaining <= 0) || (entry.endsAt !== undefined && now >= entry.endsAt)) return 'spent';
  return now < entry.startsAt ? 'pending' : 'active';
}
