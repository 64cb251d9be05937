import type DataLoader from 'dataloader';
import {
  CreateExportJobCommand,
  CreateImportJobCommand,
  GetExportJobCommand,
  GetExportJobsCommand,
  GetImportJobCommand,
  GetImportJobsCommand,
  GetSegmentExportJobsCommand,
  GetSegmentImportJobsCommand,
} from '@aws-sdk/client-pinpoint';
import type { ReadPlanHolder } from '../readPlan';
import { cacheKey, fanOut, listedOrRead, ObservedLoader, page, required, sizedPages, type SizedPages, type AppPageKey, type Page, type PageKey, type LoaderModeOptions, type PinpointSend } from './loaderKit';
import type { ExportJobModel, ExportJobRequestModel, ImportJobModel, ImportJobRequestModel } from './models';

/**
 * Per-request loaders and writes of import and export jobs: the project's lists
 * (GetImportJobs / GetExportJobs), a segment's lists (GetSegmentImportJobs / GetSegmentExportJobs)
 * and the by-ID reads. Every list returns whole jobs, so it primes the by-ID loader.
 */

/** One job of a project. */
export interface JobKey {
  readonly applicationId: string;
  readonly jobId: string;
}

/** Which page of a segment's jobs. */
export interface SegmentJobsPageKey extends PageKey {
  readonly applicationId: string;
  readonly segmentId: string;
}

/** Import and export job loaders and writes (part of `PinpointUpstream`). */
export interface JobUpstream {
  /** GetImportJobs pages (newest first); primes `importJob`. */
  readonly importJobs: SizedPages<AppPageKey, ImportJobModel>;
  /** GetSegmentImportJobs pages; primes `importJob`. */
  readonly segmentImportJobs: SizedPages<SegmentJobsPageKey, ImportJobModel>;
  /** GetImportJob. */
  readonly importJob: DataLoader<JobKey, ImportJobModel, string>;
  /** GetExportJobs pages (newest first); primes `exportJob`. */
  readonly exportJobs: SizedPages<AppPageKey, ExportJobModel>;
  /** GetSegmentExportJobs pages; primes `exportJob`. */
  readonly segmentExportJobs: SizedPages<SegmentJobsPageKey, ExportJobModel>;
  /** GetExportJob. */
  readonly exportJob: DataLoader<JobKey, ExportJobModel, string>;

  /** CreateImportJob; resolves the new job. */
  createImportJob(applicationId: string, request: ImportJobRequestModel): Promise<ImportJobModel>;
  /** CreateExportJob; resolves the new job. */
  createExportJob(applicationId: string, request: ExportJobRequestModel): Promise<ExportJobModel>;
}

/** Builds the job loaders over the request's counted `send`. */
export function createJobLoaders(send: PinpointSend, mode: LoaderModeOptions = {}, plan?: ReadPlanHolder): JobUpstream {
  const importJob = new ObservedLoader<JobKey, ImportJobModel, string>(
    'importJob',
    // The project's import job list, held or being read by this request, answers first.
    fanOut((key) =>
      listedOrRead(
        importJobs.lookup(key.applicationId, (item) => item.Id === key.jobId),
        `Import job ${key.jobId} of application ${key.applicationId} not found (not in the application's import job list).`,
        async () => required((await send(new GetImportJobCommand({ ApplicationId: key.applicationId, JobId: key.jobId }))).ImportJobResponse, 'GetImportJob'),
      ),
    ),
    { ...mode, cacheKeyFn: jobCacheKey },
  );
  const exportJob = new ObservedLoader<JobKey, ExportJobModel, string>(
    'exportJob',
    fanOut((key) =>
      listedOrRead(
        exportJobs.lookup(key.applicationId, (item) => item.Id === key.jobId),
        `Export job ${key.jobId} of application ${key.applicationId} not found (not in the application's export job list).`,
        async () => required((await send(new GetExportJobCommand({ ApplicationId: key.applicationId, JobId: key.jobId }))).ExportJobResponse, 'GetExportJob'),
      ),
    ),
    { ...mode, cacheKeyFn: jobCacheKey },
  );

  /** Module-private: jobs read whole from a list need no by-ID read. */
  const primeJobs = <J extends ImportJobModel | ExportJobModel>(loader: DataLoader<JobKey, J, string>, applicationId: string, jobs: readonly J[]) => {
    for (const job of jobs) if (job.Id !== undefined) loader.prime({ applicationId: job.ApplicationId ?? applicationId, jobId: job.Id }, job);
  };

  const importJobsPages = new ObservedLoader<AppPageKey, Page<ImportJobModel>, string>(
    'importJobs',
    fanOut(async (key) => {
      const out = required((await send(new GetImportJobsCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).ImportJobsResponse, 'GetImportJobs');
      primeJobs(importJob, key.applicationId, out.Item ?? []);
      return page(out.Item ?? [], out.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
  );
  const importJobs = sizedPages('GetImportJobs', importJobsPages, (key) => key.applicationId, mode, plan);

  const segmentImportJobsPages = new ObservedLoader<SegmentJobsPageKey, Page<ImportJobModel>, string>(
    'segmentImportJobs',
    fanOut(async (key) => {
      const out = await send(new GetSegmentImportJobsCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.ImportJobsResponse, 'GetSegmentImportJobs');
      primeJobs(importJob, key.applicationId, list.Item ?? []);
      return page(list.Item ?? [], list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId, key.pageSize, key.token) },
  );
  const segmentImportJobs = sizedPages('GetSegmentImportJobs', segmentImportJobsPages, (key) => cacheKey(key.applicationId, key.segmentId), mode, plan);

  const exportJobsPages = new ObservedLoader<AppPageKey, Page<ExportJobModel>, string>(
    'exportJobs',
    fanOut(async (key) => {
      const out = required((await send(new GetExportJobsCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).ExportJobsResponse, 'GetExportJobs');
      primeJobs(exportJob, key.applicationId, out.Item ?? []);
      return page(out.Item ?? [], out.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
  );
  const exportJobs = sizedPages('GetExportJobs', exportJobsPages, (key) => key.applicationId, mode, plan);

  const segmentExportJobsPages = new ObservedLoader<SegmentJobsPageKey, Page<ExportJobModel>, string>(
    'segmentExportJobs',
    fanOut(async (key) => {
      const out = await send(new GetSegmentExportJobsCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.ExportJobsResponse, 'GetSegmentExportJobs');
      primeJobs(exportJob, key.applicationId, list.Item ?? []);
      return page(list.Item ?? [], list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId, key.pageSize, key.token) },
  );
  const segmentExportJobs = sizedPages('GetSegmentExportJobs', segmentExportJobsPages, (key) => cacheKey(key.applicationId, key.segmentId), mode, plan);

  return {
    importJobs,
    segmentImportJobs,
    importJob,
    exportJobs,
    segmentExportJobs,
    exportJob,

    async createImportJob(applicationId, request) {
      const created = required((await send(new CreateImportJobCommand({ ApplicationId: applicationId, ImportJobRequest: request }))).ImportJobResponse, 'CreateImportJob');
      importJobs.clearAll();
      segmentImportJobs.clearAll();
      primeJobs(importJob, applicationId, [created]);
      return created;
    },

    async createExportJob(applicationId, request) {
      const created = required((await send(new CreateExportJobCommand({ ApplicationId: applicationId, ExportJobRequest: request }))).ExportJobResponse, 'CreateExportJob');
      exportJobs.clearAll();
      segmentExportJobs.clearAll();
      primeJobs(exportJob, applicationId, [created]);
      return created;
    },
  };
}

/** Module-private. */
function jobCacheKey(key: JobKey): string {
  return cacheKey(key.applicationId, key.jobId);
}
