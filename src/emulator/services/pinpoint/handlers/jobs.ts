import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type {
  CreateExportJobRequest,
  CreateExportJobResponse,
  CreateImportJobRequest,
  CreateImportJobResponse,
  EndpointRequest,
  ExportJobResponse,
  GetExportJobRequest,
  GetExportJobResponse,
  GetExportJobsRequest,
  GetExportJobsResponse,
  GetImportJobRequest,
  GetImportJobResponse,
  GetImportJobsRequest,
  GetImportJobsResponse,
  GetSegmentExportJobsRequest,
  GetSegmentExportJobsResponse,
  GetSegmentImportJobsRequest,
  GetSegmentImportJobsResponse,
  ImportJobResource,
  ImportJobResponse,
  SegmentImportResource,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { segmentArn } from '../arns';
import {
  requireExportJob,
  requireImportJob,
  type AppExtras,
  type ChannelsStore,
  type ExportJobRecord,
  type ImportedEndpoint,
  type ImportJobRecord,
  type JobCounts,
} from '../channelsStore';
import { badRequest, notFound } from '../errors';
import { segmentMembers } from '../segmentMembers';
import { endpointKey, latestVersion, newResourceId, requireApp, requireSegment, type AppRecord, type PinpointStore, type SegmentRecord } from '../store';
import { applyEndpointWrite, checkEndpointWrite, endpointResponse } from './endpoints';
import { checkRoleArn } from './integration-checks';
import { pageOf, pageScope, type PinpointHandler } from './shared';

/**
 * Import and export jobs (app level) and their segment views.
 *
 * Where the files are: the emulator cannot reach Amazon S3, so besides `s3://` URLs (accepted, and
 * the job then FAILS with a failure that says so) the S3 URL members take `file://` URLs to the
 * emulator's own file system:
 * - CreateImportJob `S3Url`: `file:///abs/path` names one file, a folder (every file in it and its
 *   subfolders whose extension matches the format: `.csv` for CSV; `.json`, `.jsonl`, `.ndjson` for
 *   JSON), or, like an S3 key prefix, every such file whose path starts with it. CSV files have a
 *   header of EndpointRequest paths in dot notation (`ChannelType,Address,Location.Country,
 *   User.UserId,Attributes.tier,Metrics.visits`); JSON files hold one EndpointRequest per line.
 *   Either may give the endpoint `Id`; rows without one get a new ID, as in AWS.
 * - CreateExportJob `S3UrlPrefix`: `file:///abs/folder/` gets one gzip file of newline-delimited
 *   EndpointResponse JSON per piece (1,000 endpoints), at `<folder>/<job-id>/<n>.gz` (n from 1).
 * Anyone who can call the emulator can therefore read and write the files its process can; it is
 * a local development tool and listens on 127.0.0.1 by default.
 *
 * Jobs run to completion inside the create call. As in the seed 001 examples, the create response
 * reports the job as AWS does at submission (JobStatus CREATED, no counts); GetImportJob and
 * GetExportJob report the outcome: COMPLETED, or FAILED when a piece (a file) could not be read or
 * written (seed 002: "FAILED if Amazon Pinpoint wasn't able to process one or more pieces"). Rows
 * that are not valid endpoint definitions count in TotalFailures, and the first 100 are listed in
 * Failures (`<file>:<line>: <reason>`), without failing the job.
 *
 * An import registers the endpoints with the app (RegisterEndpoints, through the core's endpoint
 * write) and/or adds them to an IMPORT segment: a new one (DefineSegment, named SegmentName) or the
 * existing IMPORT segment SegmentId. A job that would do neither is rejected. Job lists are newest first.
 */

/** Import/export limits: seed 001 (1 GB per import job), seed 002 (Failures lists the first 100), and the emulator's piece size. */
export const JOB_LIMITS = { importBytes: 1024 ** 3, listedFailures: 100, exportPieceEndpoints: 1000 } as const;

/** Module-private: an async handler with SDK-shaped types. */
type AsyncPinpointHandler<Input, Output> = (input: Input, ctx: RequestContext) => Promise<Output>;

/** The Import Jobs, Import Job, Export Jobs, Export Job, Segment Import Jobs and Segment Export Jobs resources. */
export function createJobHandlers(core: PinpointStore, store: ChannelsStore) {
  const appAndExtras = (ctx: RequestContext, applicationId: string | undefined): [AppRecord, AppExtras] => {
    const app = requireApp(core.forRequest(ctx), applicationId ?? '');
    return [app, store.appExtras(ctx, app)];
  };

  const CreateImportJob: AsyncPinpointHandler<CreateImportJobRequest, CreateImportJobResponse> = async (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const request = input.ImportJobRequest ?? { Format: undefined, RoleArn: undefined, S3Url: undefined };
    checkRoleArn('ImportJobRequest.RoleArn', request.RoleArn ?? '');
    const location = parseLocation('ImportJobRequest.S3Url', request.S3Url ?? '');
    const format = request.Format === 'CSV' ? 'CSV' : 'JSON';
    const target = request.SegmentId === undefined ? undefined : requireSegment(app, request.SegmentId);
    if (target !== undefined && target.segmentType !== 'IMPORT') {
      throw badRequest(`ImportJobRequest.SegmentId must name an IMPORT segment (imported endpoints can't be added to a ${target.segmentType} segment); got '${target.id}'`);
    }
    const register = request.RegisterEndpoints === true;
    const defineSegment = request.DefineSegment === true;
    if (!register && !defineSegment && target === undefined) {
      throw badRequest('An import job must register the endpoints (RegisterEndpoints) or add them to a segment (DefineSegment or SegmentId); this one does neither');
    }

    const creationDate = ctx.now().toISOString();
    const definition: ImportJobResource = {
      S3Url: request.S3Url,
      RoleArn: request.RoleArn,
      ExternalId: request.ExternalId ?? ctx.accountId,
      Format: format,
      RegisterEndpoints: register,
      DefineSegment: defineSegment,
      SegmentName: request.SegmentName,
      SegmentId: target?.id,
    };
    const outcome = await runImport(location, format, (row) => {
      if (register) applyEndpointWrite(app, row.Id, withoutId(row), ctx);
    });
    if (outcome.status === 'COMPLETED' && (defineSegment || target !== undefined)) {
      const segment = addToImportSegment(app, extras, target, request.SegmentName, outcome.rows, definition, ctx);
      definition.SegmentId = segment.id;
    }
    const job: ImportJobRecord = { id: newResourceId(), creationDate, completionDate: ctx.now().toISOString(), status: outcome.status, definition, counts: outcome.counts };
    extras.importJobs.set(job.id, job);
    return { ImportJobResponse: { ApplicationId: app.id, Id: job.id, JobStatus: 'CREATED', CreationDate: creationDate, Type: 'IMPORT', Definition: { ...definition } } };
  };

  const GetImportJob: PinpointHandler<GetImportJobRequest, GetImportJobResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    return { ImportJobResponse: importJobResponse(app, requireImportJob(extras, input.JobId ?? '')) };
  };

  const GetImportJobs: PinpointHandler<GetImportJobsRequest, GetImportJobsResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const page = pageOf(newestFirst(extras.importJobs), input.PageSize, input.Token, pageScope('GetImportJobs', ctx, app.id));
    return { ImportJobsResponse: { Item: page.items.map((job) => importJobResponse(app, job)), NextToken: page.nextToken } };
  };

  const GetSegmentImportJobs: PinpointHandler<GetSegmentImportJobsRequest, GetSegmentImportJobsResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const segment = requireSegment(app, input.SegmentId ?? '');
    const jobs = newestFirst(extras.importJobs).filter((job) => job.definition.SegmentId === segment.id);
    const page = pageOf(jobs, input.PageSize, input.Token, pageScope('GetSegmentImportJobs', ctx, app.id, segment.id));
    return { ImportJobsResponse: { Item: page.items.map((job) => importJobResponse(app, job)), NextToken: page.nextToken } };
  };

  const CreateExportJob: AsyncPinpointHandler<CreateExportJobRequest, CreateExportJobResponse> = async (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const request = input.ExportJobRequest ?? { RoleArn: undefined, S3UrlPrefix: undefined };
    checkRoleArn('ExportJobRequest.RoleArn', request.RoleArn ?? '');
    const location = parseLocation('ExportJobRequest.S3UrlPrefix', request.S3UrlPrefix ?? '');
    if (request.SegmentVersion !== undefined && request.SegmentId === undefined) throw badRequest('ExportJobRequest.SegmentVersion needs a SegmentId');
    const segment = request.SegmentId === undefined ? undefined : requireSegment(app, request.SegmentId);
    if (segment !== undefined && request.SegmentVersion !== undefined && segment.versions[request.SegmentVersion - 1] === undefined) {
      throw notFound('Segment version', `${segment.id}/versions/${request.SegmentVersion}`);
    }

    const creationDate = ctx.now().toISOString();
    const jobId = newResourceId();
    const lines = exportLines(app, extras, segment, request.SegmentVersion, ctx.now());
    const outcome = await runExport(location, jobId, lines);
    const definition = { S3UrlPrefix: request.S3UrlPrefix, RoleArn: request.RoleArn, SegmentId: segment?.id, SegmentVersion: request.SegmentVersion };
    const job: ExportJobRecord = { id: jobId, creationDate, completionDate: ctx.now().toISOString(), status: outcome.status, definition, counts: outcome.counts };
    extras.exportJobs.set(job.id, job);
    return { ExportJobResponse: { ApplicationId: app.id, Id: job.id, JobStatus: 'CREATED', CreationDate: creationDate, Type: 'EXPORT', Definition: { ...definition } } };
  };

  const GetExportJob: PinpointHandler<GetExportJobRequest, GetExportJobResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    return { ExportJobResponse: exportJobResponse(app, requireExportJob(extras, input.JobId ?? '')) };
  };

  const GetExportJobs: PinpointHandler<GetExportJobsRequest, GetExportJobsResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const page = pageOf(newestFirst(extras.exportJobs), input.PageSize, input.Token, pageScope('GetExportJobs', ctx, app.id));
    return { ExportJobsResponse: { Item: page.items.map((job) => exportJobResponse(app, job)), NextToken: page.nextToken } };
  };

  const GetSegmentExportJobs: PinpointHandler<GetSegmentExportJobsRequest, GetSegmentExportJobsResponse> = (input, ctx) => {
    const [app, extras] = appAndExtras(ctx, input.ApplicationId);
    const segment = requireSegment(app, input.SegmentId ?? '');
    const jobs = newestFirst(extras.exportJobs).filter((job) => job.definition.SegmentId === segment.id);
    const page = pageOf(jobs, input.PageSize, input.Token, pageScope('GetSegmentExportJobs', ctx, app.id, segment.id));
    return { ExportJobsResponse: { Item: page.items.map((job) => exportJobResponse(app, job)), NextToken: page.nextToken } };
  };

  return { CreateImportJob, GetImportJob, GetImportJobs, GetSegmentImportJobs, CreateExportJob, GetExportJob, GetExportJobs, GetSegmentExportJobs };
}

// ---- Responses ----

/** Module-private: the counters as the job responses carry them (Failures only when there are some). */
function countsResponse(counts: JobCounts) {
  return {
    TotalPieces: counts.totalPieces,
    CompletedPieces: counts.completedPieces,
    FailedPieces: counts.failedPieces,
    TotalProcessed: counts.totalProcessed,
    TotalFailures: counts.totalFailures,
    Failures: counts.failures.length > 0 ? [...counts.failures] : undefined,
  };
}

/** Module-private. */
function importJobResponse(app: AppRecord, job: ImportJobRecord): ImportJobResponse {
  return { ApplicationId: app.id, Id: job.id, JobStatus: job.status, CreationDate: job.creationDate, CompletionDate: job.completionDate, Type: 'IMPORT', Definition: { ...job.definition }, ...countsResponse(job.counts) };
}

/** Module-private. */
function exportJobResponse(app: AppRecord, job: ExportJobRecord): ExportJobResponse {
  return { ApplicationId: app.id, Id: job.id, JobStatus: job.status, CreationDate: job.creationDate, CompletionDate: job.completionDate, Type: 'EXPORT', Definition: { ...job.definition }, ...countsResponse(job.counts) };
}

/** Module-private. */
function newestFirst<J>(jobs: ReadonlyMap<string, J>): J[] {
  return [...jobs.values()].reverse();
}

// ---- Locations ----

/** Module-private: where a job reads or writes. */
type JobLocation = { readonly kind: 's3'; readonly url: string } | { readonly kind: 'file'; readonly path: string; readonly url: string };

/** Module-private: an `s3://bucket/key` or absolute `file://` URL; anything else is the caller's error. */
function parseLocation(field: string, url: string): JobLocation {
  if (/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/.test(url)) return { kind: 's3', url };
  if (url.startsWith('file://')) {
    try {
      return { kind: 'file', path: fileURLToPath(url), url };
    } catch {
      // Falls through to the error below: a file URL with a host or a relative path.
    }
  }
  throw badRequest(`${field} must be an s3://bucket-name/key URL (the emulator also reads and writes absolute file:///path URLs); got '${url}'`);
}

/** Module-private: the failure of a job whose location is in S3, which the emulator cannot reach. */
function s3Failure(url: string): string {
  return `The emulator cannot reach Amazon S3 ('${url}'); use a file:///absolute/path URL instead`;
}

/** Module-private: a job that processed nothing because its location failed. */
function failedOutright(failure: string, pieces = 0): { status: 'FAILED'; counts: JobCounts } {
  return { status: 'FAILED', counts: { totalPieces: pieces, completedPieces: 0, failedPieces: pieces, totalProcessed: 0, totalFailures: 0, failures: [failure] } };
}

// ---- Import ----

/** Module-private: what an import read. */
interface ImportOutcome {
  readonly status: 'COMPLETED' | 'FAILED';
  readonly counts: JobCounts;
  /** The valid rows that were applied, in file order. */
  readonly rows: ImportedEndpoint[];
}

/** Module-private: file extensions per format. */
const FORMAT_EXTENSIONS: Readonly<Record<'CSV' | 'JSON', readonly string[]>> = { CSV: ['.csv'], JSON: ['.json', '.jsonl', '.ndjson'] };

/** Module-private: reads every piece, checks each row and hands the valid ones to `apply` (which may still reject one by throwing). */
async function runImport(location: JobLocation, format: 'CSV' | 'JSON', apply: (row: ImportedEndpoint) => void): Promise<ImportOutcome> {
  if (location.kind === 's3') return { ...failedOutright(s3Failure(location.url)), rows: [] };
  const files = await importFiles(location.path, format);
  if (files.length === 0) return { ...failedOutright(`No ${format} files found at '${location.url}'`), rows: [] };

  const failures: string[] = [];
  let totalFailures = 0;
  let totalProcessed = 0;
  let failedPieces = 0;
  const rows: ImportedEndpoint[] = [];
  const fail = (message: string) => {
    totalFailures += 1;
    if (failures.length < JOB_LIMITS.listedFailures) failures.push(message);
  };
  let bytes = 0;
  for (const file of files) {
    let parsed: ParsedRow[];
    try {
      const text = await readFile(file, 'utf8');
      bytes += Buffer.byteLength(text);
      if (bytes > JOB_LIMITS.importBytes) throw new Error(`the import exceeds ${JOB_LIMITS.importBytes} bytes (1 GB per import job)`);
      parsed = format === 'CSV' ? parseCsvEndpoints(text) : parseJsonEndpoints(text);
    } catch (error) {
      failedPieces += 1;
      if (failures.length < JOB_LIMITS.listedFailures) failures.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    for (const { line, value, problem } of parsed) {
      totalProcessed += 1;
      const reason = problem ?? rowProblem(value, apply, rows);
      if (reason !== undefined) fail(`${file}:${line}: ${reason}`);
    }
  }
  const status = failedPieces > 0 ? 'FAILED' : 'COMPLETED';
  return { status, counts: { totalPieces: files.length, completedPieces: files.length - failedPieces, failedPieces, totalProcessed, totalFailures, failures }, rows };
}

/** Module-private: the files an import location names, sorted by path. */
async function importFiles(path: string, format: 'CSV' | 'JSON'): Promise<string[]> {
  const matching = (file: string) => FORMAT_EXTENSIONS[format].some((extension) => file.toLowerCase().endsWith(extension));
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return [path];
  if (info?.isDirectory()) return (await walk(path)).filter(matching).sort();
  // Like an S3 key prefix: every matching file under the parent folder whose path starts with it.
  const parent = dirname(path);
  const parentInfo = await stat(parent).catch(() => undefined);
  if (!parentInfo?.isDirectory()) return [];
  return (await walk(parent)).filter((file) => file.startsWith(path) && matching(file)).sort();
}

/** Module-private: every file under a folder, recursively. */
async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : Promise.resolve(entry.isFile() ? [join(folder, entry.name)] : []))));
  return nested.flat();
}

/** Module-private: one row of a file: its line, the definition, or why it is not one. */
interface ParsedRow {
  readonly line: number;
  readonly value: Record<string, unknown>;
  readonly problem?: string;
}

/** Module-private: why a parsed row cannot be imported (undefined when it was applied and kept). */
function rowProblem(value: Record<string, unknown>, apply: (row: ImportedEndpoint) => void, rows: ImportedEndpoint[]): string | undefined {
  const shapeProblem = endpointShapeProblem(value);
  if (shapeProblem !== undefined) return shapeProblem;
  const id = typeof value.Id === 'string' ? value.Id : newResourceId();
  const row = { ...(value as EndpointRequest), Id: id } as ImportedEndpoint;
  try {
    checkEndpointWrite(id, withoutId(row));
    apply(row);
  } catch (error) {
    return (error as Error).message;
  }
  rows.push(row);
  return undefined;
}

/** Module-private. */
function withoutId(row: ImportedEndpoint): EndpointRequest {
  const { Id: _id, ...request } = row;
  return request;
}

/** Module-private: the channel types an endpoint may have (the model's ChannelType enum). */
const CHANNEL_TYPES = new Set(['ADM', 'APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'BAIDU', 'CUSTOM', 'EMAIL', 'GCM', 'IN_APP', 'PUSH', 'SMS', 'VOICE']);

/** Module-private: the EndpointRequest members an import row may set (plus its Id), with their JSON types. */
const ROW_MEMBERS: Readonly<Record<string, 'string' | 'object' | 'strings' | 'numbers'>> = {
  Id: 'string',
  Address: 'string',
  ChannelType: 'string',
  EffectiveDate: 'string',
  EndpointStatus: 'string',
  OptOut: 'string',
  RequestId: 'string',
  Attributes: 'strings',
  Metrics: 'numbers',
  Demographic: 'object',
  Location: 'object',
  User: 'object',
};

/** Module-private: the members of the nested objects and their types. */
const NESTED_MEMBERS: Readonly<Record<string, Readonly<Record<string, 'string' | 'number' | 'strings'>>>> = {
  Demographic: { AppVersion: 'string', Locale: 'string', Make: 'string', Model: 'string', ModelVersion: 'string', Platform: 'string', PlatformVersion: 'string', Timezone: 'string' },
  Location: { City: 'string', Country: 'string', Latitude: 'number', Longitude: 'number', PostalCode: 'string', Region: 'string' },
  User: { UserId: 'string', UserAttributes: 'strings' },
};

/** Module-private: a row read from JSON must be an EndpointRequest (types are not checked by the protocol layer here). */
function endpointShapeProblem(value: Record<string, unknown>): string | undefined {
  for (const [member, memberValue] of Object.entries(value)) {
    const type = ROW_MEMBERS[member];
    if (type === undefined) return `'${member}' is not an EndpointRequest member`;
    const problem = typeProblem(member, memberValue, type);
    if (problem !== undefined) return problem;
    if (type === 'object') {
      for (const [inner, innerValue] of Object.entries(memberValue as Record<string, unknown>)) {
        const innerType = NESTED_MEMBERS[member][inner];
        if (innerType === undefined) return `'${member}.${inner}' is not an EndpointRequest member`;
        const innerProblem = typeProblem(`${member}.${inner}`, innerValue, innerType);
        if (innerProblem !== undefined) return innerProblem;
      }
    }
  }
  if (typeof value.ChannelType === 'string' && !CHANNEL_TYPES.has(value.ChannelType)) return `ChannelType must be one of ${[...CHANNEL_TYPES].join(', ')}; got '${value.ChannelType}'`;
  return undefined;
}

/** Module-private. */
function typeProblem(path: string, value: unknown, type: 'string' | 'number' | 'object' | 'strings' | 'numbers'): string | undefined {
  const isObject = (candidate: unknown): candidate is Record<string, unknown> => candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate);
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `${path} must be a string`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `${path} must be a number`;
    case 'object':
      return isObject(value) ? undefined : `${path} must be an object`;
    case 'strings':
      return isObject(value) && Object.values(value).every((v) => Array.isArray(v) && v.every((s) => typeof s === 'string')) ? undefined : `${path} must map names to arrays of strings`;
    case 'numbers':
      return isObject(value) && Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v)) ? undefined : `${path} must map names to numbers`;
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled row member type: ${String(unreachable)}`);
    }
  }
}

/** Module-private: newline-delimited JSON, one endpoint per non-blank line. */
function parseJsonEndpoints(text: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const line = index + 1;
    try {
      const value: unknown = JSON.parse(raw);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) rows.push({ line, value: {}, problem: 'a line must hold one JSON object (an endpoint definition)' });
      else rows.push({ line, value: value as Record<string, unknown> });
    } catch (error) {
      rows.push({ line, value: {}, problem: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return rows;
}

/**
 * Module-private: CSV (RFC 4180) with a header of EndpointRequest paths. Values of `Attributes.<n>`
 * and `User.UserAttributes.<n>` become one-value lists, `Metrics.<n>` and the coordinates become
 * numbers, empty cells are left out. A header that names something else fails the whole piece.
 */
function parseCsvEndpoints(text: string): ParsedRow[] {
  const records = parseCsv(text);
  const header = records.shift();
  if (header === undefined) return [];
  const columns = header.fields.map((name) => name.trim());
  for (const column of columns) {
    if (columnKind(column) === undefined) throw new Error(`line ${header.line}: column '${column}' is not an EndpointRequest path`);
  }
  return records
    .filter((record) => !(record.fields.length === 1 && record.fields[0].trim() === ''))
    .map((record) => {
      if (record.fields.length !== columns.length) return { line: record.line, value: {}, problem: `expected ${columns.length} fields, got ${record.fields.length}` };
      const value: Record<string, any> = {};
      for (const [index, column] of columns.entries()) {
        const cell = record.fields[index];
        if (cell === '') continue;
        const path = column.split('.');
        const kind = columnKind(column)!;
        let converted: unknown = cell;
        if (kind === 'number') {
          converted = Number(cell);
          if (cell.trim() === '' || Number.isNaN(converted)) return { line: record.line, value: {}, problem: `${column} must be a number; got '${cell}'` };
        } else if (kind === 'list') converted = [cell];
        let target = value;
        for (const part of path.slice(0, -1)) target = target[part] ??= {};
        target[path[path.length - 1]] = converted;
      }
      return { line: record.line, value };
    });
}

/** Module-private: how a CSV column converts its cells, or undefined for a column that is not an endpoint path. */
function columnKind(column: string): 'string' | 'number' | 'list' | undefined {
  const path = column.split('.');
  if (path.some((part) => part === '')) return undefined;
  const [top, second, third] = path;
  if (path.length === 1) return ROW_MEMBERS[top] === 'string' ? 'string' : undefined;
  if ((top === 'Attributes' || top === 'Metrics') && path.length === 2) return top === 'Metrics' ? 'number' : 'list';
  if (top === 'User' && second === 'UserAttributes' && path.length === 3 && third !== undefined) return 'list';
  const nested = NESTED_MEMBERS[top]?.[second];
  if (path.length === 2 && nested !== undefined && nested !== 'strings') return nested === 'number' ? 'number' : 'string';
  return undefined;
}

/** Module-private: RFC 4180 records with the line each starts on (quoted fields may hold commas, quotes and newlines). */
function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let sawAny = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    sawAny = true;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = '';
      line += 1;
      start = line;
      sawAny = false;
    } else field += char;
  }
  if (sawAny) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records;
}

/** Module-private: adds the imported rows to an IMPORT segment (a new one, or the next version of `target`). */
function addToImportSegment(app: AppRecord, extras: AppExtras, target: SegmentRecord | undefined, name: string | undefined, rows: readonly ImportedEndpoint[], job: ImportJobResource, ctx: RequestContext): SegmentRecord {
  const now = ctx.now().toISOString();
  const segmentId = target?.id ?? newResourceId();
  const members = extras.importedMembers.get(segmentId) ?? new Map<string, ImportedEndpoint>();
  for (const row of rows) members.set(endpointKey(row.Id), row);
  extras.importedMembers.set(segmentId, members);
  const channelCounts: Record<string, number> = {};
  for (const member of members.values()) {
    const channel = member.ChannelType ?? 'CUSTOM';
    channelCounts[channel] = (channelCounts[channel] ?? 0) + 1;
  }
  const importDefinition: SegmentImportResource = { Format: job.Format, S3Url: job.S3Url, RoleArn: job.RoleArn, ExternalId: job.ExternalId, Size: members.size, ChannelCounts: channelCounts };
  if (target !== undefined) {
    const previous = latestVersion(target.versions);
    target.versions.push({ version: previous.version + 1, lastModifiedDate: now, name: name ?? previous.name, importDefinition });
    return target;
  }
  const segment: SegmentRecord = {
    id: segmentId,
    arn: segmentArn(ctx, app.id, segmentId),
    creationDate: now,
    segmentType: 'IMPORT',
    tags: {},
    versions: [{ version: 1, lastModifiedDate: now, name, importDefinition }],
  };
  app.segments.set(segment.id, segment);
  return segment;
}

// ---- Export ----

/** Module-private: the newline-delimited JSON lines of an export (registered endpoints as GetEndpoint shows them). */
function exportLines(app: AppRecord, extras: AppExtras, segment: SegmentRecord | undefined, version: number | undefined, now: Date): string[] {
  if (segment === undefined) return [...app.endpoints.values()].map((endpoint) => JSON.stringify(endpointResponse(app, endpoint)));
  const members = segmentMembers(app, extras, segment.id, version, now);
  return [
    ...members.endpoints.map((endpoint) => JSON.stringify(endpointResponse(app, endpoint))),
    ...members.unregistered.map((member) => JSON.stringify({ ...member, ApplicationId: app.id })),
  ];
}

/** Module-private: writes the pieces; a write failure fails the job. */
async function runExport(location: JobLocation, jobId: string, lines: readonly string[]): Promise<{ status: 'COMPLETED' | 'FAILED'; counts: JobCounts }> {
  const pieces: string[][] = [];
  for (let i = 0; i < lines.length; i += JOB_LIMITS.exportPieceEndpoints) pieces.push(lines.slice(i, i + JOB_LIMITS.exportPieceEndpoints));
  if (pieces.length === 0) pieces.push([]);
  if (location.kind === 's3') return failedOutright(s3Failure(location.url), pieces.length);
  const folder = join(location.path, jobId);
  try {
    await mkdir(folder, { recursive: true });
    for (const [index, piece] of pieces.entries()) {
      await writeFile(join(folder, `${index + 1}.gz`), gzipSync(piece.map((line) => `${line}\n`).join('')), { flag: 'wx' });
    }
  } catch (error) {
    return failedOutright(`Could not write to '${location.url}': ${(error as Error).message}`, pieces.length);
  }
  return { status: 'COMPLETED', counts: { totalPieces: pieces.length, completedPieces: pieces.length, failedPieces: 0, totalProcessed: lines.length, totalFailures: 0, failures: [] } };
}
