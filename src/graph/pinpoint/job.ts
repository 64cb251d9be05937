import type {
  AppResolvers,
  ExportJobDefinitionResolvers,
  ExportJobResolvers,
  ImportJobDefinitionResolvers,
  ImportJobResolvers,
  MutationResolvers,
  SegmentResolvers,
} from '../../__generated__/resolvers-types';
import { connectionFromUpstream } from '../connection';
import type { ExportJobDefinitionModel, ExportJobModel, ImportJobDefinitionModel, ImportJobModel } from '../../upstream/pinpoint/models';
import { applicationIdOf } from './app';
import { PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, upstreamFields } from './fields';
import { toExportJobRequest, toImportJobRequest } from './inputs';
import { segmentKeyOf } from './segment';

/** Resolvers of schema/pinpoint/job.graphql: import and export jobs of projects and segments. */

/** Module-private: the App fields this file's schema adds. */
const App: AppResolvers = {
  importJobs: (app, args, ctx) =>
    connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.importJobs.load({ applicationId: applicationIdOf(app), pageSize, token })),
  importJob: (app, args, ctx) => ctx.pinpoint.importJob.load({ applicationId: applicationIdOf(app), jobId: args.id }),
  exportJobs: (app, args, ctx) =>
    connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.exportJobs.load({ applicationId: applicationIdOf(app), pageSize, token })),
  exportJob: (app, args, ctx) => ctx.pinpoint.exportJob.load({ applicationId: applicationIdOf(app), jobId: args.id }),
};

/** Module-private: the Segment fields this file's schema adds. */
const Segment: SegmentResolvers = {
  importJobs: (segment, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.segmentImportJobs.load({ ...segmentKeyOf(segment), pageSize, token })),
  exportJobs: (segment, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.segmentExportJobs.load({ ...segmentKeyOf(segment), pageSize, token })),
};

/** Module-private. */
const Mutation: MutationResolvers = {
  createImportJob: async (_root, { input }, ctx) => ({ importJob: await ctx.pinpoint.createImportJob(input.applicationId, toImportJobRequest(input)) }),
  createExportJob: async (_root, { input }, ctx) => ({ exportJob: await ctx.pinpoint.createExportJob(input.applicationId, toExportJobRequest(input)) }),
};

/** Module-private: the fields import and export jobs share. */
const jobFields = <J extends ImportJobModel | ExportJobModel>() => ({
  ...upstreamFields<J>()({
    jobStatus: 'JobStatus',
    type: 'Type',
    creationDate: 'CreationDate',
    completionDate: 'CompletionDate',
    totalPieces: 'TotalPieces',
    completedPieces: 'CompletedPieces',
    failedPieces: 'FailedPieces',
    totalProcessed: 'TotalProcessed',
    totalFailures: 'TotalFailures',
  }),
  jobId: (job: J) => present(job.Id, 'JobResponse.Id'),
  applicationId: (job: J) => present(job.ApplicationId, 'JobResponse.ApplicationId'),
  failures: (job: J) => job.Failures ?? [],
});

/** Module-private. */
const ImportJob: ImportJobResolvers = {
  ...jobFields<ImportJobModel>(),
  id: (job, _args, ctx) => pinpointGlobalId(ctx, 'ImportJob', present(job.ApplicationId, 'ImportJobResponse.ApplicationId'), present(job.Id, 'ImportJobResponse.Id')),
  definition: (job) => ({ ...present(job.Definition, 'ImportJobResponse.Definition'), ApplicationId: present(job.ApplicationId, 'ImportJobResponse.ApplicationId') }),
  app: (job, _args, ctx) => ctx.pinpoint.app.load(present(job.ApplicationId, 'ImportJobResponse.ApplicationId')),
};

/** Module-private. */
const ExportJob: ExportJobResolvers = {
  ...jobFields<ExportJobModel>(),
  id: (job, _args, ctx) => pinpointGlobalId(ctx, 'ExportJob', present(job.ApplicationId, 'ExportJobResponse.ApplicationId'), present(job.Id, 'ExportJobResponse.Id')),
  definition: (job) => ({ ...present(job.Definition, 'ExportJobResponse.Definition'), ApplicationId: present(job.ApplicationId, 'ExportJobResponse.ApplicationId') }),
  app: (job, _args, ctx) => ctx.pinpoint.app.load(present(job.ApplicationId, 'ExportJobResponse.ApplicationId')),
};

/** Module-private. */
const ImportJobDefinition: ImportJobDefinitionResolvers = {
  ...upstreamFields<ImportJobDefinitionModel>()({ registerEndpoints: 'RegisterEndpoints', defineSegment: 'DefineSegment', segmentId: 'SegmentId', segmentName: 'SegmentName' }),
  s3Url: (definition) => present(definition.S3Url, 'ImportJobResource.S3Url'),
  roleArn: (definition) => present(definition.RoleArn, 'ImportJobResource.RoleArn'),
  format: (definition) => present(definition.Format, 'ImportJobResource.Format'),
  segment: (definition, _args, ctx) =>
    definition.SegmentId === undefined || definition.SegmentId === '' ? null : ctx.pinpoint.segment.load({ applicationId: definition.ApplicationId, segmentId: definition.SegmentId }),
};

/** Module-private. */
const ExportJobDefinition: ExportJobDefinitionResolvers = {
  ...upstreamFields<ExportJobDefinitionModel>()({ segmentId: 'SegmentId', segmentVersion: 'SegmentVersion' }),
  s3UrlPrefix: (definition) => present(definition.S3UrlPrefix, 'ExportJobResource.S3UrlPrefix'),
  roleArn: (definition) => present(definition.RoleArn, 'ExportJobResource.RoleArn'),
  segment: (definition, _args, ctx) => {
    if (definition.SegmentId === undefined || definition.SegmentId === '') return null;
    const key = { applicationId: definition.ApplicationId, segmentId: definition.SegmentId };
    return definition.SegmentVersion === undefined ? ctx.pinpoint.segment.load(key) : ctx.pinpoint.segmentVersion.load({ ...key, version: definition.SegmentVersion });
  },
};

/** Resolvers of the job types, the App and Segment fields that reach them and their mutations. */
export const jobResolvers = { App, Segment, Mutation, ImportJob, ExportJob, ImportJobDefinition, ExportJobDefinition };
