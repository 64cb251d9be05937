import { IAM_ACTIONS } from './__generated__/iamActions';

/**
 * The shape of the generated operation → IAM action table (`__generated__/iamActions.ts`, written
 * by `npm run gen:iam` from the IAM reference in the seeds), and the two look-ups enforcement
 * needs: which action(s) and resource ARN(s) an SDK operation is authorized as.
 *
 * The table is keyed like the `@upstream` directive (`pinpoint`, `smsVoice`) so that a schema
 * coordinate's annotation leads straight to its actions, with no second hand-kept list.
 */

/** A service key, as the `@upstream(pinpoint: [...], smsVoice: [...])` directive names it. */
export type IamService = 'pinpoint' | 'smsVoice';

/**
 * Where an entry comes from:
 * - `seed`: the action and ARN as the IAM reference (seed 000) lists them;
 * - `assumed`: an operation seed 000 does not list; the same-name action (inventory §8.1) with
 *   the ARN of its closest listed sibling (the entry's `note` says which);
 * - `derived`: SMS and Voice v2, which has no IAM page in the seeds: the action is
 *   `sms-voice:<Operation>` (inventory §8.1) and the resource types are those the operation's
 *   input names by ID (inventory §8.2's ARN formats).
 */
export type IamActionSource = 'seed' | 'assumed' | 'derived';

/** One resource type an operation is authorized on. */
export interface IamResourceType {
  /**
   * The ARN's resource part with every ID as `*` (`phone-number/*`; a campaign's is `apps/` ID
   * `/campaigns/` ID with both IDs starred): a stable key, and the policy pattern that matches
   * every resource of the type.
   */
  readonly type: string;
  /** The ARN template, e.g. `arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}/campaigns/${CampaignId}`. */
  readonly arn: string;
  /**
   * The SDK input members whose values fill the template's IDs, in placeholder order
   * (`${AppId}` is `ApplicationId`; other placeholders share their member's name). A list member
   * (`PhoneNumberIds`) names one resource per item; `OriginationIdentity` and `ResourceId` hold an
   * ID or ARN of any of the types listed with them. When the template ends in `*` (tag and
   * resource-policy operations) the one member holds the whole ARN.
   */
  readonly from: readonly string[];
}

/** What one SDK operation is authorized as. */
export interface OperationIam {
  /** The IAM action(s) a caller needs, e.g. `mobiletargeting:GetCampaign`. */
  readonly actions: readonly string[];
  /** Resource types; empty when the action applies to no resource type (authorize it against `*`). */
  readonly resources: readonly IamResourceType[];
  readonly source: IamActionSource;
  /** Why an entry is not simply the seed's (an assumption, a quirk of the seed). */
  readonly note?: string;
}

/** Per service, SDK operation name (without `Command`) → its IAM entry. */
export type IamActionTable = Readonly<Record<IamService, Readonly<Record<string, OperationIam>>>>;

/** The generated table, re-exported so callers import it from the auth entry point. */
export { IAM_ACTIONS };

/** The IAM entry of an SDK operation, or undefined for a name the pinned SDK does not have. */
export function operationIam(service: IamService, operation: string): OperationIam | undefined {
  const table = IAM_ACTIONS[service];
  return Object.hasOwn(table, operation) ? table[operation] : undefined;
}

/**
 * Fills an ARN template's `${Placeholder}`s from `values` (`Partition`, `Region`, `Account` and
 * the resource IDs).
 *
 * @throws {Error} naming the placeholder when `values` lacks one, so a half-filled ARN never
 *   reaches a policy decision.
 */
export function fillArnTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\$\{([A-Za-z]+)\}/g, (_match, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`ARN template ${template} needs a value for \${${name}}; got values for ${Object.keys(values).join(', ') || 'nothing'}.`);
    return values[name];
  });
}
