/**
 * The Pinpoint resources a `mobiletargeting` ARN names (inventory §8.2), so tag writes know
 * which loader entries to forget and which object to read again.
 * `arn:<partition>:mobiletargeting:<region>:<account>:apps/<app>[/campaigns/<id> | /segments/<id>]`.
 */

/** A taggable Pinpoint resource named by an ARN. */
export type PinpointArnResource =
  | { readonly kind: 'app'; readonly applicationId: string }
  | { readonly kind: 'campaign'; readonly applicationId: string; readonly campaignId: string }
  | { readonly kind: 'segment'; readonly applicationId: string; readonly segmentId: string };

/** Module-private: partition, region, 12-digit account and the resource path. */
const ARN_PATTERN = /^arn:aws[a-z-]*:mobiletargeting:[a-z0-9-]+:\d{12}:(.+)$/;

/** The app, campaign or segment an ARN names; `undefined` for any other ARN. */
export function parsePinpointResourceArn(arn: string): PinpointArnResource | undefined {
  const path = ARN_PATTERN.exec(arn)?.[1];
  if (path === undefined) return undefined;
  const parts = path.split('/');
  if (parts.some((part) => part === '') || parts[0] !== 'apps') return undefined;
  if (parts.length === 2) return { kind: 'app', applicationId: parts[1] };
  if (parts.length === 4 && parts[2] === 'campaigns') return { kind: 'campaign', applicationId: parts[1], campaignId: parts[3] };
  if (parts.length === 4 && parts[2] === 'segments') return { kind: 'segment', applicationId: parts[1], segmentId: parts[3] };
  return undefined;
}

/** Module-private: the `arn:<partition>:mobiletargeting:<region>:<account>:` head of an application ARN. */
const APP_ARN_HEAD = /^(arn:aws[a-z-]*:mobiletargeting:[a-z0-9-]+:\d{12}:)apps\/[^/]+$/;

/**
 * The account scope of a project ARN (`arn:aws:mobiletargeting:us-east-1:123456789012:`): what
 * every other project ARN of the same account and region starts with; `undefined` when `arn` is
 * not a project ARN.
 */
export function pinpointArnScope(arn: string): string | undefined {
  return APP_ARN_HEAD.exec(arn)?.[1];
}

/** The ARN of a project, from its account scope ({@link pinpointArnScope}) and application ID. */
export function pinpointAppArn(scope: string, applicationId: string): string {
  return `${scope}apps/${applicationId}`;
}
