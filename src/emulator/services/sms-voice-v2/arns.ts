/**
 * ARNs of Pinpoint SMS and Voice v2 resources: `arn:<partition>:sms-voice:<region>:<account>:<type>/<id>`
 * (sender IDs: `sender-id/<SenderId>/<IsoCountryCode>`). Most operations accept either the
 * resource's ID (or name) or its ARN, so every lookup goes through `idFromIdOrArn`.
 */

/** Resource types that have an ARN in this emulator (the `<type>` part of the ARN). */
export type SmsArnResourceType =
  | 'phone-number'
  | 'pool'
  | 'opt-out-list'
  | 'configuration-set'
  | 'sender-id'
  | 'registration'
  | 'registration-attachment'
  | 'verified-destination-number';

/** The account and region an ARN belongs to (a `RequestContext` is one). */
export interface ArnScope {
  readonly accountId: string;
  readonly region: string;
}

/** The parts of an `sms-voice` ARN. */
export interface ParsedSmsArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly resourceType: string;
  /** Everything after the first `/` of the resource part (`SENDER/GB` for a sender ID). */
  readonly resourceId: string;
}

/** The partition of a region, as AWS assigns it. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Builds the ARN of one resource; `idParts` are joined with `/` (sender IDs have two). */
export function smsArn(scope: ArnScope, resourceType: SmsArnResourceType, ...idParts: string[]): string {
  return `arn:${partitionOf(scope.region)}:sms-voice:${scope.region}:${scope.accountId}:${resourceType}/${idParts.join('/')}`;
}

/** Parses an `sms-voice` ARN; undefined when the value is not one. */
export function parseSmsArn(value: string): ParsedSmsArn | undefined {
  const match = /^arn:([a-z-]+):sms-voice:([a-z0-9-]+):(\d{12}):([a-z-]+)\/(.+)$/.exec(value);
  if (!match) return undefined;
  const [, partition, region, accountId, resourceType, resourceId] = match;
  return { partition, region, accountId, resourceType, resourceId };
}

/**
 * The bare ID (or name) that an "ID or ARN" parameter names, or undefined when it is an ARN of
 * another resource type, account or region (which can never name a resource here).
 */
export function idFromIdOrArn(value: string, resourceType: SmsArnResourceType, scope: ArnScope): string | undefined {
  if (!value.startsWith('arn:')) return value;
  const arn = parseSmsArn(value);
  if (!arn || arn.resourceType !== resourceType || arn.accountId !== scope.accountId || arn.region !== scope.region) return undefined;
  return arn.resourceId;
}
