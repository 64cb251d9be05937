import type { NormalizedSchema } from '@smithy/core/schema';
import { serviceModel } from '../protocol/model';
import type { ServiceId } from '../services/types';
import type { AnswerLocation } from './redundantCalls';

/**
 * The model side of the redundant call check: which structure shape sits at a place in an
 * operation's response body, so `redundantCalls.ts` can tell an object that *proves* an answer from
 * one that only happens to equal it. An earlier object covers a later answer when its shape has
 * every member the answer's shape has: SMS v2's `UpdatePhoneNumberResult` equals a
 * `PhoneNumberInformation` item whenever the number has no pool, but it has no `PoolId` member,
 * so it cannot tell the gateway that there is no pool; a `CampaignResponse` in a `GetCampaigns`
 * page covers `GetCampaign`'s `CampaignResponse`.
 */

/**
 * The wire member names of the structure at `location.path` (`$`, `$.Item[2]`, `$.a.b`) of the
 * operation's response body (Pinpoint: its `httpPayload`), or undefined when the path leads to no
 * modelled structure (a document, an unknown operation or member).
 */
export function structureMembersAt(location: AnswerLocation): ReadonlySet<string> | undefined {
  const operation = modelOf(location.service)?.operationsByName.get(location.operation);
  if (!operation) return undefined;
  const jsonName = serviceModel(location.service as ServiceId).protocol === 'restJson1';
  let schema: NormalizedSchema = operation.outputPayload ? operation.output.getMemberSchema(operation.outputPayload) : operation.output;
  const steps = /^\$((?:\.[^.[\]]+|\[\d+\])*)$/.exec(location.path)?.[1];
  if (steps === undefined) return undefined;
  for (const [, member, index] of steps.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
    if (index !== undefined) {
      if (!schema.isListSchema()) return undefined;
      schema = schema.getValueSchema();
    } else if (schema.isMapSchema()) {
      schema = schema.getValueSchema();
    } else if (schema.isStructSchema()) {
      const found = [...schema.structIterator()].find(([name, ns]) => wireKey(name, ns, jsonName) === member);
      if (!found) return undefined;
      schema = found[1];
    } else {
      return undefined;
    }
  }
  if (!schema.isStructSchema()) return undefined;
  return new Set([...schema.structIterator()].map(([name, ns]) => wireKey(name, ns, jsonName)));
}

/**
 * Whether the structure at `source` has every member of the structure at `answer` (the `covers`
 * option of `findRedundantCalls`); false when either place is no modelled structure.
 */
export function modelShapeCovers(source: AnswerLocation, answer: AnswerLocation): boolean {
  const have = structureMembersAt(source);
  const need = structureMembersAt(answer);
  if (!have || !need) return false;
  for (const member of need) if (!have.has(member)) return false;
  return true;
}

/** Module-private: the model of a service ID, undefined for one the emulator does not serve. */
function modelOf(service: string) {
  return service === 'pinpoint' || service === 'sms-voice-v2' ? serviceModel(service) : undefined;
}

/** Module-private: the member's key on the wire (restJson1 uses `jsonName`, as `protocol/jsonShapes.ts` writes it). */
function wireKey(member: string, ns: NormalizedSchema, jsonName: boolean): string {
  const name = ns.getMergedTraits().jsonName;
  return jsonName && typeof name === 'string' ? name : member;
}
