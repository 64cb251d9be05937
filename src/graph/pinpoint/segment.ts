import type {
  AttributeDimensionEntryResolvers,
  GpsPointDimensionResolvers,
  MetricDimensionEntryResolvers,
  MutationResolvers,
  RecencyDimensionResolvers,
  SegmentBehaviorsResolvers,
  SegmentDemographicsResolvers,
  SegmentDimensionsResolvers,
  SegmentGroupListResolvers,
  SegmentGroupResolvers,
  SegmentImportDefinitionResolvers,
  SegmentLocationResolvers,
  SegmentReferenceResolvers,
  SegmentResolvers,
  SetDimensionResolvers,
} from '../../__generated__/resolvers-types';
import { connectionFromUpstream } from '../connection';
import type { SegmentKey } from '../../upstream/pinpoint/loaders';
import type {
  AttributeDimensionEntryModel,
  MetricDimensionEntryModel,
  RecencyDimensionModel,
  SegmentBehaviorsModel,
  SegmentDemographicsModel,
  SegmentDimensionsModel,
  SegmentGroupModel,
  SegmentImportDefinitionModel,
  SegmentLocationModel,
  SegmentModel,
  SetDimensionModel,
} from '../../upstream/pinpoint/models';
import { mapEntries, PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, tagList, upstreamFields, versionKey } from './fields';
import { toWriteSegmentRequest } from './inputs';

/** Resolvers of schema/pinpoint/segment.graphql: segments, their versions, criteria and groups. */

/** The loader key of a segment model. */
export function segmentKeyOf(segment: SegmentModel): SegmentKey {
  return { applicationId: present(segment.ApplicationId, 'SegmentResponse.ApplicationId'), segmentId: present(segment.Id, 'SegmentResponse.Id') };
}

/** Module-private. */
const Mutation: MutationResolvers = {
  createSegment: async (_root, { input }, ctx) => ({ segment: await ctx.pinpoint.createSegment(input.applicationId, toWriteSegmentRequest(input.segment)) }),
  updateSegment: async (_root, { input }, ctx) => ({
    segment: await ctx.pinpoint.updateSegment({ applicationId: input.applicationId, segmentId: input.segmentId }, toWriteSegmentRequest(input.segment)),
  }),
  deleteSegment: async (_root, { input }, ctx) => ({ segment: await ctx.pinpoint.deleteSegment({ applicationId: input.applicationId, segmentId: input.segmentId }) }),
};

/** Module-private. */
const Segment: SegmentResolvers = {
  ...upstreamFields<SegmentModel>()({
    segmentId: 'Id',
    applicationId: 'ApplicationId',
    arn: 'Arn',
    name: 'Name',
    creationDate: 'CreationDate',
    lastModifiedDate: 'LastModifiedDate',
    version: 'Version',
    segmentType: 'SegmentType',
    dimensions: 'Dimensions',
    importDefinition: 'ImportDefinition',
  }),
  // A saved version's ID names its version, so it never collides with the segment's own ID.
  id: (segment, _args, ctx) => {
    const key = segmentKeyOf(segment);
    return pinpointGlobalId(ctx, 'Segment', key.applicationId, key.segmentId, ...versionKey(segment.pinnedVersion));
  },
  segmentGroups: (segment) => (segment.SegmentGroups === undefined ? null : { ...segment.SegmentGroups, ApplicationId: segmentKeyOf(segment).applicationId }),
  tags: (segment) => tagList(segment.tags),
  app: (segment, _args, ctx) => ctx.pinpoint.app.load(segmentKeyOf(segment).applicationId),
  versions: (segment, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.segmentVersions.load({ ...segmentKeyOf(segment), pageSize, token })),
  // No reverse lookup upstream: filter the project's campaigns (read once per project per request).
  campaigns: async (segment, _args, ctx) => {
    const key = segmentKeyOf(segment);
    return (await ctx.pinpoint.allCampaigns.load(key.applicationId)).filter((campaign) => campaign.SegmentId === key.segmentId);
  },
};

/** Module-private. */
const SegmentDimensions: SegmentDimensionsResolvers = {
  ...upstreamFields<SegmentDimensionsModel>()({ demographic: 'Demographic', location: 'Location', behavior: 'Behavior' }),
  attributes: (dimensions) => mapEntries(dimensions.Attributes),
  metrics: (dimensions) => mapEntries(dimensions.Metrics),
  userAttributes: (dimensions) => mapEntries(dimensions.UserAttributes),
};

/** Module-private. */
const SegmentDemographics: SegmentDemographicsResolvers = upstreamFields<SegmentDemographicsModel>()({
  appVersion: 'AppVersion',
  channel: 'Channel',
  deviceType: 'DeviceType',
  make: 'Make',
  model: 'Model',
  platform: 'Platform',
});

/** Module-private. */
const SegmentLocation: SegmentLocationResolvers = upstreamFields<SegmentLocationModel>()({ country: 'Country', gpsPoint: 'GPSPoint' });

/** Module-private. */
const GpsPointDimension: GpsPointDimensionResolvers = {
  latitude: (point) => present(point.Coordinates?.Latitude, 'GPSPointDimension.Coordinates.Latitude'),
  longitude: (point) => present(point.Coordinates?.Longitude, 'GPSPointDimension.Coordinates.Longitude'),
  rangeInKilometers: (point) => point.RangeInKilometers ?? null,
};

/** Module-private. */
const SegmentBehaviors: SegmentBehaviorsResolvers = upstreamFields<SegmentBehaviorsModel>()({ recency: 'Recency' });

/** Module-private. */
const RecencyDimension: RecencyDimensionResolvers = upstreamFields<RecencyDimensionModel>()({ duration: 'Duration', recencyType: 'RecencyType' });

/** Module-private. */
const SetDimension: SetDimensionResolvers = {
  ...upstreamFields<SetDimensionModel>()({ dimensionType: 'DimensionType' }),
  values: (dimension) => dimension.Values ?? [],
};

/** Module-private. */
const AttributeDimensionEntry: AttributeDimensionEntryResolvers = {
  ...upstreamFields<AttributeDimensionEntryModel>()({ attributeType: 'AttributeType' }),
  values: (entry) => entry.Values ?? [],
};

/** Module-private. */
const MetricDimensionEntry: MetricDimensionEntryResolvers = upstreamFields<MetricDimensionEntryModel>()({ comparisonOperator: 'ComparisonOperator', value: 'Value' });

/** Module-private. */
const SegmentImportDefinition: SegmentImportDefinitionResolvers = upstreamFields<SegmentImportDefinitionModel>()({
  externalId: 'ExternalId',
  format: 'Format',
  roleArn: 'RoleArn',
  s3Url: 'S3Url',
  size: 'Size',
  channelCounts: 'ChannelCounts',
});

/** Module-private: groups and references carry the application ID down, for the source-segment edge. */
const SegmentGroupList: SegmentGroupListResolvers = {
  include: (list) => list.Include ?? null,
  groups: (list) => (list.Groups ?? []).map((group) => ({ ...group, ApplicationId: list.ApplicationId })),
};

/** Module-private. */
const SegmentGroup: SegmentGroupResolvers = {
  ...upstreamFields<SegmentGroupModel>()({ sourceType: 'SourceType', type: 'Type' }),
  dimensions: (group) => group.Dimensions ?? [],
  sourceSegments: (group) => (group.SourceSegments ?? []).map((reference) => ({ ...reference, ApplicationId: group.ApplicationId })),
};

/** Module-private. */
const SegmentReference: SegmentReferenceResolvers = {
  segmentId: (reference) => present(reference.Id, 'SegmentReference.Id'),
  version: (reference) => reference.Version ?? null,
  segment: (reference, _args, ctx) => {
    const key = { applicationId: reference.ApplicationId, segmentId: present(reference.Id, 'SegmentReference.Id') };
    return reference.Version === undefined ? ctx.pinpoint.segment.load(key) : ctx.pinpoint.segmentVersion.load({ ...key, version: reference.Version });
  },
};

/** Resolvers of the segment types and their mutations. */
export const segmentResolvers = {
  Mutation,
  Segment,
  SegmentDimensions,
  SegmentDemographics,
  SegmentLocation,
  GpsPointDimension,
  SegmentBehaviors,
  RecencyDimension,
  SetDimension,
  AttributeDimensionEntry,
  MetricDimensionEntry,
  SegmentImportDefinition,
  SegmentGroupList,
  SegmentGroup,
  SegmentReference,
};
