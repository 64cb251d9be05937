import type {
  CreateSegmentRequest,
  CreateSegmentResponse,
  DeleteSegmentRequest,
  DeleteSegmentResponse,
  GetSegmentRequest,
  GetSegmentResponse,
  GetSegmentsRequest,
  GetSegmentsResponse,
  GetSegmentVersionRequest,
  GetSegmentVersionResponse,
  GetSegmentVersionsRequest,
  GetSegmentVersionsResponse,
  SegmentDimensions,
  SegmentGroupList,
  SegmentResponse,
  UpdateSegmentRequest,
  UpdateSegmentResponse,
  WriteSegmentRequest,
} from '@aws-sdk/client-pinpoint';
import { segmentArn } from '../arns';
import { badRequest, notFound } from '../errors';
import { latestVersion, newResourceId, requireApp, requireSegment, type AppRecord, type SegmentRecord, type SegmentVersionRecord, type PinpointStore } from '../store';
import { clone, mergeTags, pageOf, pageScope, parseVersion, type PinpointHandler } from './shared';

/** Dimensions per segment (001, "Limits in Amazon Pinpoint": 100 segment dimensions). */
export const MAX_SEGMENT_DIMENSIONS = 100;

/** The Segments, Segment and Segment Versions resources. */
export function createSegmentHandlers(store: PinpointStore) {
  const CreateSegment: PinpointHandler<CreateSegmentRequest, CreateSegmentResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.WriteSegmentRequest ?? {};
    checkSegmentRequest(app, request);
    const now = ctx.now().toISOString();
    const id = newResourceId();
    const segment: SegmentRecord = {
      id,
      arn: segmentArn(ctx, app.id, id),
      creationDate: now,
      segmentType: 'DIMENSIONAL', // CreateSegment builds dynamic segments; IMPORT segments come from import jobs.
      tags: mergeTags({}, request.tags),
      versions: [{ version: 1, lastModifiedDate: now, name: request.Name, dimensions: clone(request.Dimensions), segmentGroups: clone(request.SegmentGroups) }],
    };
    app.segments.set(id, segment);
    return { SegmentResponse: segmentResponse(app, segment, latestVersion(segment.versions)) };
  };

  const GetSegment: PinpointHandler<GetSegmentRequest, GetSegmentResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const segment = requireSegment(app, input.SegmentId ?? '');
    return { SegmentResponse: segmentResponse(app, segment, latestVersion(segment.versions)) };
  };

  const GetSegments: PinpointHandler<GetSegmentsRequest, GetSegmentsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const page = pageOf([...app.segments.values()], input.PageSize, input.Token, pageScope('GetSegments', ctx, app.id));
    return { SegmentsResponse: { Item: page.items.map((segment) => segmentResponse(app, segment, latestVersion(segment.versions))), NextToken: page.nextToken } };
  };

  // Every update makes a new version. Members left out keep their current value; `tags` is ignored
  // (seed 002: deprecated in UpdateSegment since 22-05-2023, "not processed").
  const UpdateSegment: PinpointHandler<UpdateSegmentRequest, UpdateSegmentResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const segment = requireSegment(app, input.SegmentId ?? '');
    const request = input.WriteSegmentRequest ?? {};
    checkSegmentRequest(app, request);
    const current = latestVersion(segment.versions);
    const next: SegmentVersionRecord = {
      version: current.version + 1,
      lastModifiedDate: ctx.now().toISOString(),
      name: request.Name ?? current.name,
      dimensions: request.Dimensions !== undefined ? clone(request.Dimensions) : current.dimensions,
      segmentGroups: request.SegmentGroups !== undefined ? clone(request.SegmentGroups) : current.segmentGroups,
      importDefinition: current.importDefinition,
    };
    segment.versions.push(next);
    return { SegmentResponse: segmentResponse(app, segment, next) };
  };

  // AWS allows deleting a segment that campaigns use: those campaigns then report DELETED (seed 002, CampaignState).
  const DeleteSegment: PinpointHandler<DeleteSegmentRequest, DeleteSegmentResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const segment = requireSegment(app, input.SegmentId ?? '');
    app.segments.delete(segment.id);
    return { SegmentResponse: segmentResponse(app, segment, latestVersion(segment.versions)) };
  };

  const GetSegmentVersion: PinpointHandler<GetSegmentVersionRequest, GetSegmentVersionResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const segment = requireSegment(app, input.SegmentId ?? '');
    const version = parseVersion(input.Version);
    const record = segment.versions[version - 1];
    if (record === undefined) throw notFound('Segment version', `${segment.id}/versions/${version}`);
    return { SegmentResponse: segmentResponse(app, segment, record) };
  };

  const GetSegmentVersions: PinpointHandler<GetSegmentVersionsRequest, GetSegmentVersionsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const segment = requireSegment(app, input.SegmentId ?? '');
    const page = pageOf(segment.versions, input.PageSize, input.Token, pageScope('GetSegmentVersions', ctx, app.id, segment.id));
    return { SegmentsResponse: { Item: page.items.map((version) => segmentResponse(app, segment, version)), NextToken: page.nextToken } };
  };

  return { CreateSegment, GetSegment, GetSegments, UpdateSegment, DeleteSegment, GetSegmentVersion, GetSegmentVersions };
}

/** Module-private: the SegmentResponse of one version of a segment (tags are the segment's current tags). */
function segmentResponse(app: AppRecord, segment: SegmentRecord, version: SegmentVersionRecord): SegmentResponse {
  return {
    Id: segment.id,
    Arn: segment.arn,
    ApplicationId: app.id,
    CreationDate: segment.creationDate,
    LastModifiedDate: version.lastModifiedDate,
    Version: version.version,
    Name: version.name,
    SegmentType: segment.segmentType,
    Dimensions: clone(version.dimensions),
    SegmentGroups: clone(version.segmentGroups),
    ImportDefinition: clone(version.importDefinition),
    tags: { ...segment.tags },
  };
}

/** Module-private: the dimension limit, and that every source segment a group names exists (at the version named). */
function checkSegmentRequest(app: AppRecord, request: WriteSegmentRequest): void {
  const groupDimensions = (request.SegmentGroups?.Groups ?? []).flatMap((group) => group.Dimensions ?? []);
  const dimensionCount = [request.Dimensions, ...groupDimensions].reduce((sum, dimensions) => sum + countDimensions(dimensions), 0);
  if (dimensionCount > MAX_SEGMENT_DIMENSIONS) throw badRequest(`A segment can have at most ${MAX_SEGMENT_DIMENSIONS} dimensions; got ${dimensionCount}`);
  checkSourceSegments(app, request.SegmentGroups);
}

/** Module-private. */
function checkSourceSegments(app: AppRecord, groups: SegmentGroupList | undefined): void {
  for (const group of groups?.Groups ?? []) {
    for (const source of group.SourceSegments ?? []) {
      const segment = requireSegment(app, source.Id ?? '');
      if (source.Version !== undefined && segment.versions[source.Version - 1] === undefined) {
        throw notFound('Segment version', `${segment.id}/versions/${source.Version}`);
      }
    }
  }
}

/** Module-private: each attribute, metric, behaviour, demographic and location criterion counts as one dimension. */
function countDimensions(dimensions: SegmentDimensions | undefined): number {
  if (dimensions === undefined) return 0;
  const present = (value: object | undefined) => (value === undefined ? 0 : Object.values(value).filter((entry) => entry !== undefined).length);
  const { Attributes, Metrics, UserAttributes, Behavior, Demographic, Location } = dimensions;
  return [Attributes, Metrics, UserAttributes, Behavior, Demographic, Location].reduce((sum, criteria) => sum + present(criteria), 0);
}
