import type { OperationClass } from '../telemetry';

/**
 * What a breaker is kept per: an operation's class, read off its name. Reads fail together when a
 * service's read path is down while its writes still work (and the other way round), and sending a
 * message is the one path whose failure a caller must never confuse with a read's; so the three
 * classes are broken apart, while each class stays coarse enough to gather evidence quickly.
 */

/** Module-private: reads whose names do not start with Get, List or Describe (no side effect upstream). */
const READS_BY_NAME: ReadonlySet<string> = new Set([
  // Pinpoint: validates a number against the carrier database; changes nothing.
  'PhoneNumberValidate',
  // SMS v2: looks a number up at the carrier; changes nothing.
  'CarrierLookup',
]);

/** `GetCampaign`, `ListTagsForResource`, `DescribePools` → read; `SendTextMessage` → send; everything else → write. */
export function operationClassOf(operation: string): OperationClass {
  if (/^(Get|List|Describe)[A-Z]/.test(operation) || READS_BY_NAME.has(operation)) return 'read';
  // The same test as the send budget's (server/limits/messageCount.ts): every AWS operation that
  // sends a message is named Send*.
  if (/^Send[A-Z]/.test(operation)) return 'send';
  return 'write';
}
