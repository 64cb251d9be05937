import type { AttributeDimension, MetricDimension, SegmentDimensions, SegmentGroupList, SetDimension } from '@aws-sdk/client-pinpoint';
import type { AppExtras, ImportedEndpoint } from './channelsStore';
import { isDeliveryRecord } from './delivery';
import { endpointKey, latestVersion, type AppRecord, type EndpointRecord } from './store';

/**
 * Which endpoints a segment holds, evaluated against the app's current endpoints and events (the
 * export jobs and GetInAppMessages need it; the core store keeps segment definitions only).
 *
 * - IMPORT segments hold the endpoints their import jobs added (`AppExtras.importedMembers`),
 *   whether or not those jobs also registered them with the app.
 * - DIMENSIONAL segments hold the app's endpoints that match `Dimensions` (every criterion given)
 *   and `SegmentGroups` (seed 002: Include ALL/ANY/NONE of the groups; each group starts from its
 *   source segments, combined by SourceType ALL = intersection / ANY = union, or from every
 *   endpoint when it has none, then keeps endpoints matching ALL/ANY/NONE of its dimension sets).
 *
 * Criteria, as seed 002 defines them:
 * - SetDimension (Channel → ChannelType, AppVersion, Make, Model, Platform, Country): INCLUSIVE
 *   (the default) keeps endpoints whose value is one of Values, EXCLUSIVE keeps the others
 *   (including endpoints without a value). Comparison ignores case. Endpoints carry no device
 *   type, so DeviceType INCLUSIVE matches nothing and EXCLUSIVE matches everything.
 * - AttributeDimension on Attributes and User.UserAttributes: INCLUSIVE / EXCLUSIVE / CONTAINS on
 *   the values; BEFORE / AFTER / ON / BETWEEN read them as ISO 8601 instants. (Seed 002 also lists
 *   NOT_BETWEEN, but the model's enum does not, so the protocol layer never lets it through.)
 * - MetricDimension: the comparison on the endpoint's metric (an endpoint without it never matches).
 * - GPSPoint: within RangeInKilometers (great-circle distance) of the coordinates.
 * - Behavior.Recency: ACTIVE when the endpoint has an event within the duration before now,
 *   INACTIVE otherwise (also when it has no events at all).
 */

/** The members of one version of a segment (latest when `version` is undefined); unknown segments and versions are empty. */
export interface SegmentMembers {
  /** Members that are endpoints of the app, in the app's endpoint order. */
  readonly endpoints: readonly EndpointRecord[];
  /** Members of IMPORT segments whose import did not register them with the app. */
  readonly unregistered: readonly ImportedEndpoint[];
}

/** Evaluates a segment. `now` anchors recency criteria. */
export function segmentMembers(app: AppRecord, extras: AppExtras, segmentId: string, version: number | undefined, now: Date): SegmentMembers {
  const evaluation = new Evaluation(app, extras, now);
  const keys = evaluation.keysOf(segmentId, version, new Set());
  const endpoints = [...app.endpoints.entries()].filter(([key]) => keys.has(key)).map(([, endpoint]) => endpoint);
  const imported = extras.importedMembers.get(segmentId);
  const unregistered = imported === undefined ? [] : [...imported.entries()].filter(([key]) => keys.has(key) && !app.endpoints.has(key)).map(([, member]) => member);
  return { endpoints, unregistered };
}

/** Module-private: recency durations in milliseconds. */
const RECENCY_MS: Readonly<Record<string, number>> = { HR_24: 86_400_000, DAY_7: 7 * 86_400_000, DAY_14: 14 * 86_400_000, DAY_30: 30 * 86_400_000 };

/** Module-private: one evaluation, caching each endpoint's last activity. */
class Evaluation {
  private lastActive?: Map<string, number>;

  constructor(
    private readonly app: AppRecord,
    private readonly extras: AppExtras,
    private readonly now: Date,
  ) {}

  /** The endpoint keys of a segment version; `visiting` guards against segments that name themselves. */
  keysOf(segmentId: string, version: number | undefined, visiting: Set<string>): Set<string> {
    const segment = this.app.segments.get(segmentId);
    if (segment === undefined || visiting.has(segmentId)) return new Set();
    if (segment.segmentType === 'IMPORT') return new Set(this.extras.importedMembers.get(segmentId)?.keys() ?? []);
    const record = version === undefined ? latestVersion(segment.versions) : segment.versions[version - 1];
    if (record === undefined) return new Set();
    const inner = new Set(visiting).add(segmentId);
    let keys = this.allKeys();
    if (record.dimensions !== undefined) keys = this.filter(keys, (endpoint) => this.matches(endpoint, record.dimensions!));
    if (record.segmentGroups !== undefined) keys = intersect([keys, this.groupKeys(record.segmentGroups, inner)]);
    return keys;
  }

  /** Module-private. */
  private allKeys(): Set<string> {
    return new Set(this.app.endpoints.keys());
  }

  /** Module-private. */
  private filter(keys: Set<string>, keep: (endpoint: EndpointRecord) => boolean): Set<string> {
    return new Set([...keys].filter((key) => {
      const endpoint = this.app.endpoints.get(key);
      return endpoint !== undefined && keep(endpoint);
    }));
  }

  /** Module-private. */
  private groupKeys(list: SegmentGroupList, visiting: Set<string>): Set<string> {
    const groups = (list.Groups ?? []).map((group) => {
      const sources = (group.SourceSegments ?? []).map((ref) => this.keysOf(ref.Id ?? '', ref.Version, visiting));
      const base = sources.length === 0 ? this.allKeys() : group.SourceType === 'ANY' ? union(sources) : intersect(sources);
      const dimensions = group.Dimensions ?? [];
      if (dimensions.length === 0) return base;
      return this.filter(base, (endpoint) => {
        const results = dimensions.map((d) => this.matches(endpoint, d));
        const type = group.Type ?? 'ALL';
        return type === 'ANY' ? results.some(Boolean) : type === 'NONE' ? !results.some(Boolean) : results.every(Boolean);
      });
    });
    const include = list.Include ?? 'ALL';
    if (groups.length === 0) return include === 'NONE' ? new Set() : this.allKeys();
    if (include === 'ANY') return union(groups);
    if (include === 'NONE') {
      const excluded = union(groups);
      return new Set([...this.allKeys()].filter((key) => !excluded.has(key)));
    }
    return intersect(groups);
  }

  /** Module-private: whether an endpoint meets every criterion of a dimension set. */
  private matches(endpoint: EndpointRecord, dimensions: SegmentDimensions): boolean {
    const demographic = dimensions.Demographic;
    const sets: Array<[SetDimension | undefined, string | undefined]> = [
      [demographic?.Channel, endpoint.ChannelType],
      [demographic?.AppVersion, endpoint.Demographic?.AppVersion],
      [demographic?.Make, endpoint.Demographic?.Make],
      [demographic?.Model, endpoint.Demographic?.Model],
      [demographic?.Platform, endpoint.Demographic?.Platform],
      [demographic?.DeviceType, undefined],
      [dimensions.Location?.Country, endpoint.Location?.Country],
    ];
    if (!sets.every(([dimension, value]) => dimension === undefined || matchesSet(dimension, value))) return false;
    const gps = dimensions.Location?.GPSPoint;
    if (gps !== undefined && !withinRange(endpoint, gps.Coordinates?.Latitude, gps.Coordinates?.Longitude, gps.RangeInKilometers)) return false;
    if (!matchesAttributes(dimensions.Attributes, endpoint.Attributes)) return false;
    if (!matchesAttributes(dimensions.UserAttributes, endpoint.User?.UserAttributes)) return false;
    for (const [name, metric] of Object.entries(dimensions.Metrics ?? {})) {
      if (!matchesMetric(metric, endpoint.Metrics?.[name])) return false;
    }
    const recency = dimensions.Behavior?.Recency;
    if (recency !== undefined) {
      const last = this.lastActivity().get(endpointKey(endpoint.Id));
      const active = last !== undefined && last >= this.now.getTime() - (RECENCY_MS[recency.Duration ?? ''] ?? 0);
      if ((recency.RecencyType === 'INACTIVE') === active) return false;
    }
    return true;
  }

  /** Module-private: each endpoint's latest event time. */
  private lastActivity(): Map<string, number> {
    if (this.lastActive === undefined) {
      this.lastActive = new Map();
      for (const event of this.app.events) {
        // A message Pinpoint delivered to the endpoint is not activity of the endpoint.
        if (isDeliveryRecord(event.eventType)) continue;
        const key = endpointKey(event.endpointId);
        const time = event.timestamp.getTime();
        if (time > (this.lastActive.get(key) ?? -Infinity)) this.lastActive.set(key, time);
      }
    }
    return this.lastActive;
  }
}

/** Module-private. */
function matchesSet(dimension: SetDimension, value: string | undefined): boolean {
  const listed = value !== undefined && (dimension.Values ?? []).some((candidate) => candidate.toLowerCase() === value.toLowerCase());
  return dimension.DimensionType === 'EXCLUSIVE' ? !listed : listed;
}

/** Module-private. */
function matchesAttributes(dimensions: Record<string, AttributeDimension> | undefined, attributes: Readonly<Record<string, readonly string[]>> | undefined): boolean {
  return Object.entries(dimensions ?? {}).every(([name, dimension]) => matchesAttribute(dimension, attributes?.[name] ?? []));
}

/** Module-private: one attribute criterion against an endpoint's values of that attribute. */
function matchesAttribute(dimension: AttributeDimension, values: readonly string[]): boolean {
  const wanted = dimension.Values ?? [];
  const type = dimension.AttributeType ?? 'INCLUSIVE';
  const instants = () => values.map((value) => Date.parse(value)).filter((time) => !Number.isNaN(time));
  const bound = (index: number) => Date.parse(wanted[index] ?? '');
  switch (type) {
    case 'INCLUSIVE':
      return values.some((value) => wanted.includes(value));
    case 'EXCLUSIVE':
      return !values.some((value) => wanted.includes(value));
    case 'CONTAINS':
      return values.some((value) => wanted.some((part) => value.includes(part)));
    case 'BEFORE':
      return instants().some((time) => time < bound(0));
    case 'AFTER':
      return instants().some((time) => time > bound(0));
    case 'ON':
      return instants().some((time) => new Date(time).toISOString().slice(0, 10) === (Number.isNaN(bound(0)) ? '' : new Date(bound(0)).toISOString().slice(0, 10)));
    case 'BETWEEN':
      return instants().some((time) => time >= bound(0) && time <= bound(1));
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled attribute dimension type: ${String(unreachable)}`);
    }
  }
}

/** Module-private. */
function matchesMetric(dimension: MetricDimension, value: number | undefined): boolean {
  const target = dimension.Value ?? 0;
  if (value === undefined) return false;
  switch (dimension.ComparisonOperator) {
    case 'GREATER_THAN':
      return value > target;
    case 'LESS_THAN':
      return value < target;
    case 'GREATER_THAN_OR_EQUAL':
      return value >= target;
    case 'LESS_THAN_OR_EQUAL':
      return value <= target;
    case 'EQUAL':
      return value === target;
    default:
      return false;
  }
}

/** Module-private: great-circle distance from the endpoint to the point, at most `rangeKm` (an endpoint without coordinates is out). */
function withinRange(endpoint: EndpointRecord, latitude: number | undefined, longitude: number | undefined, rangeKm: number | undefined): boolean {
  const from = endpoint.Location;
  if (from?.Latitude === undefined || from.Longitude === undefined || latitude === undefined || longitude === undefined) return false;
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(latitude - from.Latitude);
  const dLon = radians(longitude - from.Longitude);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(from.Latitude)) * Math.cos(radians(latitude)) * Math.sin(dLon / 2) ** 2;
  const distanceKm = 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
  return distanceKm <= (rangeKm ?? 0);
}

/** Module-private. */
function union(sets: readonly Set<string>[]): Set<string> {
  return new Set(sets.flatMap((set) => [...set]));
}

/** Module-private. */
function intersect(sets: readonly Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  if (first === undefined) return new Set();
  return new Set([...first].filter((key) => rest.every((set) => set.has(key))));
}
