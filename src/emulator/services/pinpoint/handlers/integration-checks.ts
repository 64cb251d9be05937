import { badRequest } from '../errors';

/**
 * Checks shared by the channel, event-stream, job and recommender handlers: the ARNs these
 * resources point at. The emulator cannot see IAM, Kinesis, SES or Personalize, so it checks the
 * form of each ARN (what AWS rejects up front) and nothing about the resource behind it.
 */

/** An IAM role ARN: `arn:aws:iam::<12-digit account>:role/<path/name>`. */
export function checkRoleArn(field: string, value: string): void {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/.test(value)) {
    throw badRequest(`${field} must be an IAM role ARN (arn:aws:iam::<account-id>:role/<role-name>); got '${value}'`);
  }
}

/** An ARN of `service` whose resource part matches `resource`; `form` is what the message shows. */
export function checkServiceArn(field: string, value: string, service: string, resource: RegExp, form: string): void {
  const match = ARN.exec(value);
  if (!match || match[1] !== service || match[2] === '' || match[3] === undefined || !resource.test(match[4])) {
    throw badRequest(`${field} must be an ARN of the form ${form}; got '${value}'`);
  }
}

/** A non-empty string (the model marks many members required but allows ''). */
export function checkNonEmpty(field: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw badRequest(`${field} must be a non-empty string; got '${value ?? ''}'`);
  return value;
}

/** Module-private: `arn:<partition>:<service>:<region>:<account>:<resource>`, the generic ARN form. */
const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/;
