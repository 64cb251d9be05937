import { parsePolicy, type Policy, type PolicyStore } from '../../src/auth';
import { startStack, type StartStackOptions, type Stack } from '../helpers/startStack';

/**
 * A stack (emulator + gateway over real HTTP) whose anonymous caller's policies a test sets
 * between requests: one gateway serves a whole matrix. The store is the gateway's own policy
 * store interface (auth/policyStore.ts); `use()` bumps its version, so the gateway rebuilds the
 * anonymous caller on the next request exactly as it does when an operator edits a policy.
 */

/** The name the anonymous caller's policy is attached under. */
export const ANONYMOUS_POLICY = 'anonymous-under-test';

/** A policy store whose one policy a test replaces. */
export class SwitchablePolicyStore implements PolicyStore {
  #policies = new Map<string, Policy>();
  #version = 0;

  get version(): number {
    return this.#version;
  }

  get(name: string): Policy | undefined {
    return this.#policies.get(name);
  }

  names(): readonly string[] {
    return [...this.#policies.keys()].sort();
  }

  async reload(): Promise<void> {}

  close(): void {}

  /** Attaches these statements (an IAM policy document) as the anonymous caller's policy; `null`: no policy at all. */
  use(document: object | null, name = ANONYMOUS_POLICY): void {
    this.#policies = document === null ? new Map() : new Map([[ANONYMOUS_POLICY, parsePolicy(name, document)]]);
    this.#version += 1;
  }
}

/** A stack whose anonymous caller has the policy of `store` (see {@link SwitchablePolicyStore.use}). */
export async function startPolicyStack(options: StartStackOptions = {}): Promise<Stack & { policies: SwitchablePolicyStore }> {
  const policies = new SwitchablePolicyStore();
  const stack = await startStack({ ...options, gateway: { ...options.gateway, auth: { policies, anonymous: [ANONYMOUS_POLICY] } } });
  return Object.assign(stack, { policies });
}

/** A policy document: `Version` 2012-10-17 and these statements. */
export function policy(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

/** The emulator's account and region, as ARNs name them. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
/** `arn:aws:mobiletargeting:us-east-1:123456789012:<resource>`. */
export const pinpointArn = (resource: string) => `arn:aws:mobiletargeting:${REGION}:${ACCOUNT}:${resource}`;
/** `arn:aws:sms-voice:us-east-1:123456789012:<resource>`. */
export const smsArn = (resource: string) => `arn:aws:sms-voice:${REGION}:${ACCOUNT}:${resource}`;
