import type { AppExtras, ImportedEndpoint } from './channelsStore';
import { segmentMembers } from './segmentMembers';
import { cohortIdFor, type AppRecord, type EndpointRecord } from './store';

/**
 * Which endpoints a campaign's segment version selects: its audience.
 *
 * Membership itself (dimensions, segment groups, IMPORT segments) is decided by
 * `segmentMembers.ts`, the one segment evaluator of the service, which export jobs use too, so
 * an export and a campaign of the same segment always see the same endpoints. This module adds
 * what sending needs on top: members of an IMPORT segment that were imported without being
 * registered with the app are still recipients (AWS sends campaigns to imported endpoints), so
 * they are turned into endpoint records here, with the defaults an endpoint write would give
 * them (ACTIVE; opted out only when they have no address; a cohort from their ID).
 */

/** The endpoints `version` of the segment selects (latest when undefined), registered ones first, in the app's order. */
export function segmentAudience(app: AppRecord, extras: AppExtras, segmentId: string, version: number | undefined, now: Date): EndpointRecord[] {
  const members = segmentMembers(app, extras, segmentId, version, now);
  return [...members.endpoints, ...members.unregistered.map((imported) => importedEndpointRecord(imported, now))];
}

/** Module-private: an imported, unregistered endpoint as a record. */
function importedEndpointRecord(imported: ImportedEndpoint, now: Date): EndpointRecord {
  const { Id, EndpointStatus, OptOut, EffectiveDate, RequestId, ...fields } = imported;
  const hasAddress = fields.Address !== undefined && fields.Address !== '';
  return {
    ...fields,
    Id,
    CreationDate: EffectiveDate ?? now.toISOString(),
    CohortId: cohortIdFor(Id),
    EndpointStatus: EndpointStatus ?? 'ACTIVE',
    OptOut: OptOut ?? (hasAddress ? 'NONE' : 'ALL'),
    RequestId: RequestId ?? 'import',
    EffectiveDate: EffectiveDate ?? now.toISOString(),
  };
}
