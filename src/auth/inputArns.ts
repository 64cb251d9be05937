import { fillArnTemplate, operationIam, type IamService } from './iamActions';

/**
 * The resource ARNs an operation's input names, best effort, from the generated IAM table's ARN
 * templates: a GraphQL input carries the SDK members in lower camel case (`applicationId` for
 * `ApplicationId`), so each template's IDs are read from the input by name. Used by the audit
 * log; what cannot be built from the input alone (an ID the operation creates, a phone number
 * given as E.164 rather than its ID) is left out, and an operation with nothing buildable is `*`.
 */

/** Partition, region and account of the ARNs built. */
export interface ArnScope {
  /** `aws`, `aws-cn`, `aws-us-gov` (see {@link partitionOf}). */
  readonly partition: string;
  readonly region: string;
  /** The 12-digit account, or `*` when the gateway does not know it. */
  readonly account: string;
}

/** The partition of a region (`cn-north-1` → `aws-cn`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

/** Module-private: the template placeholders every ARN has, filled from the scope. */
const SCOPE_PLACEHOLDERS: ReadonlySet<string> = new Set(['Partition', 'Region', 'Account']);

/** Module-private: SMS and Voice v2 ID prefixes, for a member that may hold an ID of several resource types. */
const ID_PREFIXES: readonly (readonly [string, string])[] = [
  ['pool-', 'pool'],
  ['phone-', 'phone-number'],
];

/**
 * The ARNs of the resources `input` names for `operation` (deduplicated, in table order);
 * `['*']` when none can be built. An ARN given whole (`resourceArn`, an origination identity
 * given as an ARN) is taken as it is.
 */
export function inputResourceArns(service: IamService, operation: string, input: Readonly<Record<string, unknown>>, scope: ArnScope): string[] {
  const entry = operationIam(service, operation);
  if (!entry) return ['*'];
  // A member listed for several resource types (OriginationIdentity, ResourceId) holds one of them.
  const listings = new Map<string, number>();
  for (const resource of entry.resources) for (const member of resource.from) listings.set(member, (listings.get(member) ?? 0) + 1);
  const arns = new Set<string>();
  for (const resource of entry.resources) {
    if (resource.arn.endsWith(':*')) {
      // Tag operations: the one member holds the whole ARN.
      for (const value of valuesOf(input, resource.from[0])) if (value.startsWith('arn:')) arns.add(value);
      continue;
    }
    const placeholders = [...resource.arn.matchAll(/\$\{([A-Za-z]+)\}/g)].map((match) => match[1]).filter((name) => !SCOPE_PLACEHOLDERS.has(name));
    const members = placeholders.map((placeholder, index) => resource.from[index] ?? placeholder);
    const polymorphic = members.find((member) => (listings.get(member) ?? 0) > 1);
    if (polymorphic !== undefined) {
      const [value] = valuesOf(input, polymorphic);
      if (value === undefined) continue;
      if (value.startsWith('arn:')) {
        arns.add(value);
        continue;
      }
      if (guessType(value, input) !== resource.type.split('/')[0]) continue;
    }
    for (const arn of fill(resource.arn, placeholders, members, input, scope)) arns.add(arn);
  }
  return arns.size > 0 ? [...arns] : ['*'];
}

/** Module-private: the template filled from the input; one ARN per item when a member holds a list; none when a value is missing. */
function fill(template: string, placeholders: readonly string[], members: readonly string[], input: Readonly<Record<string, unknown>>, scope: ArnScope): string[] {
  let combinations: Record<string, string>[] = [{ Partition: scope.partition, Region: scope.region, Account: scope.account }];
  for (let index = 0; index < placeholders.length; index += 1) {
    const values = valuesOf(input, members[index]);
    if (values.length === 0) return [];
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [placeholders[index]]: value })));
  }
  return combinations.map((values) => fillArnTemplate(template, values));
}

/**
 * Module-private: the string value(s) of an SDK member in a GraphQL input: `ApplicationId` is
 * `applicationId`; a `…Name` member the input calls `name` (`createOptOutList(input: { name })`).
 */
function valuesOf(input: Readonly<Record<string, unknown>>, member: string): string[] {
  const camel = member.charAt(0).toLowerCase() + member.slice(1);
  let value = Object.hasOwn(input, camel) ? input[camel] : undefined;
  if ((value === undefined || value === null) && member.endsWith('Name') && Object.hasOwn(input, 'name')) value = input.name;
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string | number => (typeof item === 'string' && item !== '') || typeof item === 'number').map(String);
}

/** Module-private: the resource type an SMS and Voice v2 ID names, from its prefix; a sender ID when the input names a country. */
function guessType(value: string, input: Readonly<Record<string, unknown>>): string | undefined {
  for (const [prefix, type] of ID_PREFIXES) if (value.startsWith(prefix)) return type;
  if (!value.startsWith('+') && typeof input.isoCountryCode === 'string') return 'sender-id';
  return undefined;
}
