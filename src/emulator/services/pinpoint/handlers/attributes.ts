import type { RemoveAttributesRequest, RemoveAttributesResponse } from '@aws-sdk/client-pinpoint';
import { badRequest } from '../errors';
import { requireApp, type PinpointStore } from '../store';
import type { PinpointHandler } from './shared';

/**
 * The Attributes resource: RemoveAttributes. (The "App settings & attributes" group has no
 * UpdateAttributes operation: GetApplicationSettings and UpdateApplicationSettings belong to the
 * core handlers, and RemoveAttributes is the only attribute operation.)
 *
 * The core store records every custom attribute, metric and user-attribute name an app has seen
 * in `AppRecord.attributeKeys` (`Attributes:<name>`, `Metrics:<name>`, `UserAttributes:<name>`),
 * and counts them against the per-app quota. RemoveAttributes takes the matching names out of that
 * set, which frees quota. As seed 002 says, existing endpoints keep their values. Seed 002 also
 * says Pinpoint then stops capturing new values for a removed attribute; the emulator does not:
 * a later endpoint write with that attribute registers the name again (endpoint writes belong to
 * the core handlers).
 */

/** The `attribute-type` path values and the `attributeKeys` prefix each one addresses. */
export const ATTRIBUTE_TYPES = {
  'endpoint-custom-attributes': 'Attributes:',
  'endpoint-metric-attributes': 'Metrics:',
  'endpoint-user-attributes': 'UserAttributes:',
} as const;

/** The Attributes resource. */
export function createAttributeHandlers(core: PinpointStore) {
  // Blacklist entries are exact names or glob patterns ('*' any run of characters, '?' one character).
  const RemoveAttributes: PinpointHandler<RemoveAttributesRequest, RemoveAttributesResponse> = (input, ctx) => {
    const app = requireApp(core.forRequest(ctx), input.ApplicationId ?? '');
    const attributeType = input.AttributeType ?? '';
    if (!Object.hasOwn(ATTRIBUTE_TYPES, attributeType)) {
      throw badRequest(`attribute-type must be one of ${Object.keys(ATTRIBUTE_TYPES).join(', ')}; got '${attributeType}'`);
    }
    const prefix = ATTRIBUTE_TYPES[attributeType as keyof typeof ATTRIBUTE_TYPES];
    const patterns = (input.UpdateAttributesRequest?.Blacklist ?? []).map((entry, index) => {
      if (typeof entry !== 'string' || entry === '') throw badRequest(`UpdateAttributesRequest.Blacklist[${index}] must be a non-empty attribute name or glob pattern`);
      return globPattern(entry);
    });
    const remaining: string[] = [];
    for (const key of [...app.attributeKeys]) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length);
      if (patterns.some((pattern) => pattern.test(name))) app.attributeKeys.delete(key);
      else remaining.push(name);
    }
    return { AttributesResource: { ApplicationId: app.id, AttributeType: attributeType, Attributes: remaining } };
  };

  return { RemoveAttributes };
}

/** Module-private: a glob ('*', '?') as an anchored regular expression; every other character is literal. */
function globPattern(glob: string): RegExp {
  const source = [...glob].map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 's');
}
