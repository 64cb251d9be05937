/**
 * Reading Pinpoint SMS and Voice v2 ARNs (`arn:aws:sms-voice:<region>:<account>:<type>/<id>`), so
 * a tag mutation's resource can be read again by the loader of its type. Sender IDs carry their
 * country as a second segment: `…:sender-id/<SenderId>/<IsoCountryCode>`.
 */

/** What an SMS v2 ARN names. */
export interface SmsVoiceArn {
  /** The ARN's resource type (`phone-number`, `pool`, `sender-id`, …). */
  readonly resourceType: string;
  /** The PhoneNumberId, PoolId, list or set name, SenderId, RegistrationId, … */
  readonly id: string;
  /** The country of a sender ID. */
  readonly isoCountryCode?: string;
}

/** Module-private: partition, region, account, type, then the ID segments. */
const SMS_VOICE_ARN = /^arn:[^:]+:sms-voice:[^:]*:[^:]*:([a-z-]+)\/([^/]+)(?:\/([^/]+))?$/;

/** The resource an SMS v2 ARN names, or undefined when the text is not one. */
export function parseSmsVoiceArn(arn: string): SmsVoiceArn | undefined {
  const match = SMS_VOICE_ARN.exec(arn);
  if (!match) return undefined;
  const [, resourceType, id, second] = match;
  if (second !== undefined && resourceType !== 'sender-id') return undefined;
  return second === undefined ? { resourceType, id } : { resourceType, id, isoCountryCode: second };
}
