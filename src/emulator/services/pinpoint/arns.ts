import type { TemplateType } from '@aws-sdk/client-pinpoint';

/**
 * Amazon Pinpoint resource ARNs (`mobiletargeting` service namespace, inventory §8.2):
 * `arn:aws:mobiletargeting:<region>:<account>:apps/<app>[/campaigns/<id> | /segments/<id> | /journeys/<id>]`
 * and `…:templates/<name>/<TYPE>` (the type in upper case).
 */

/** Where an ARN points: the account and region scope plus the resource path inside it. */
export interface ArnScope {
  readonly accountId: string;
  readonly region: string;
}

/** A Pinpoint resource an ARN names. `other` is a well-formed ARN of a kind this service does not hold. */
export type PinpointArnTarget =
  | { readonly kind: 'app'; readonly applicationId: string }
  | { readonly kind: 'campaign'; readonly applicationId: string; readonly campaignId: string }
  | { readonly kind: 'segment'; readonly applicationId: string; readonly segmentId: string }
  | { readonly kind: 'journey'; readonly applicationId: string; readonly journeyId: string }
  | { readonly kind: 'template'; readonly templateName: string; readonly templateType: TemplateType }
  | { readonly kind: 'other'; readonly resource: string };

/** A parsed Pinpoint ARN. */
export interface ParsedPinpointArn extends ArnScope {
  readonly target: PinpointArnTarget;
}

/** The ARN of an application (project). */
export function appArn(scope: ArnScope, applicationId: string): string {
  return `arn:aws:mobiletargeting:${scope.region}:${scope.accountId}:apps/${applicationId}`;
}

/** The ARN of a campaign. */
export function campaignArn(scope: ArnScope, applicationId: string, campaignId: string): string {
  return `${appArn(scope, applicationId)}/campaigns/${campaignId}`;
}

/** The ARN of a segment. */
export function segmentArn(scope: ArnScope, applicationId: string, segmentId: string): string {
  return `${appArn(scope, applicationId)}/segments/${segmentId}`;
}

/** Module-private: the template types as template ARNs spell them. */
const TEMPLATE_ARN_TYPES: readonly TemplateType[] = ['EMAIL', 'SMS', 'VOICE', 'PUSH', 'INAPP'];

/** Module-private: `arn:<partition>:mobiletargeting:<region>:<12-digit account>:<resource>`. */
const ARN_PATTERN = /^arn:aws[a-z-]*:mobiletargeting:([a-z0-9-]+):(\d{12}):(.+)$/;

/** Parses a Pinpoint ARN; `undefined` when it is not a `mobiletargeting` ARN at all. */
export function parsePinpointArn(arn: string): ParsedPinpointArn | undefined {
  const match = ARN_PATTERN.exec(arn);
  if (!match) return undefined;
  const [, region, accountId, resource] = match;
  const parts = resource.split('/');
  if (parts[0] === 'apps' && parts.length === 2 && parts[1] !== '') {
    return { region, accountId, target: { kind: 'app', applicationId: parts[1] } };
  }
  if (parts[0] === 'apps' && parts.length === 4 && parts[1] !== '' && parts[3] !== '') {
    if (parts[2] === 'campaigns') return { region, accountId, target: { kind: 'campaign', applicationId: parts[1], campaignId: parts[3] } };
    if (parts[2] === 'segments') return { region, accountId, target: { kind: 'segment', applicationId: parts[1], segmentId: parts[3] } };
    if (parts[2] === 'journeys') return { region, accountId, target: { kind: 'journey', applicationId: parts[1], journeyId: parts[3] } };
  }
  const templateType = parts[2] as TemplateType;
  if (parts[0] === 'templates' && parts.length === 3 && parts[1] !== '' && TEMPLATE_ARN_TYPES.includes(templateType)) {
    return { region, accountId, target: { kind: 'template', templateName: parts[1], templateType } };
  }
  return { region, accountId, target: { kind: 'other', resource } };
}
