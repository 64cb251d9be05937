import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  BadRequestException,
  CreateAppCommand,
  CreateExportJobCommand,
  CreateImportJobCommand,
  CreateSegmentCommand,
  GetEndpointCommand,
  GetExportJobCommand,
  GetExportJobsCommand,
  GetImportJobCommand,
  GetImportJobsCommand,
  GetSegmentCommand,
  GetSegmentExportJobsCommand,
  GetSegmentImportJobsCommand,
  NotFoundException,
  UpdateEndpointsBatchCommand,
  type EndpointBatchItem,
  type ImportJobRequest,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Import and export jobs over HTTP with file:// locations: JSON-lines and CSV imports that
// register endpoints and/or build IMPORT segments, exports of an app or a segment to gzip
// pieces, the job counters and failures, job lists with paging, and the main errors.

const ROLE = 'arn:aws:iam::123456789012:role/pinpoint-jobs';
let now = new Date('2025-07-01T10:00:00.000Z');
let stack: StartedEmulator;
let dir: string;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
  dir = await mkdtemp(join(tmpdir(), 'pinpoint-jobs-'));
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'jobs' } }))).ApplicationResponse!.Id!;
}

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

/** Writes `text` to `<dir>/<name>` (creating folders) and returns its path. */
async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  return path;
}

const url = (path: string) => pathToFileURL(path).href;

async function importJob(appId: string, request: ImportJobRequest) {
  const created = await stack.pinpoint.send(new CreateImportJobCommand({ ApplicationId: appId, ImportJobRequest: request }));
  const job = await stack.pinpoint.send(new GetImportJobCommand({ ApplicationId: appId, JobId: created.ImportJobResponse!.Id! }));
  return { created: created.ImportJobResponse!, job: job.ImportJobResponse! };
}

async function exportJob(appId: string, request: { S3UrlPrefix: string; SegmentId?: string; SegmentVersion?: number }) {
  const created = await stack.pinpoint.send(new CreateExportJobCommand({ ApplicationId: appId, ExportJobRequest: { RoleArn: ROLE, ...request } }));
  const job = await stack.pinpoint.send(new GetExportJobCommand({ ApplicationId: appId, JobId: created.ExportJobResponse!.Id! }));
  return { created: created.ExportJobResponse!, job: job.ExportJobResponse! };
}

/** The endpoints an export wrote, piece by piece. */
async function exported(folder: string, jobId: string): Promise<any[][]> {
  const names = (await readdir(join(folder, jobId))).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  return Promise.all(names.map(async (name) => gunzipSync(await readFile(join(folder, jobId, name))).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))));
}

async function endpoint(appId: string, endpointId: string) {
  return (await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: endpointId }))).EndpointResponse!;
}

describe('CreateImportJob', () => {
  it('imports a JSON-lines file: CREATED at submission, then COMPLETED with counts, failures listed per line, endpoints registered', async () => {
    const appId = await createApp();
    const path = await file('json/one.json', [
      JSON.stringify({ Id: 'ann-mail', ChannelType: 'EMAIL', Address: 'ann@example.com', Location: { Country: 'US' }, User: { UserId: 'ann' }, Attributes: { tier: ['gold'] } }),
      '{ not json',
      '',
      JSON.stringify({ Id: 'ann-sms', ChannelType: 'SMS', Address: '+12065550142', User: { UserId: 'ann' }, Metrics: { visits: 4 } }),
      JSON.stringify({ Id: 'bad-channel', ChannelType: 'PIGEON', Address: 'x' }),
      JSON.stringify({ Id: 'bad-member', Colour: 'blue' }),
    ].join('\n'));
    now = new Date('2025-07-01T10:00:00.000Z');
    const { created, job } = await importJob(appId, { S3Url: url(path), RoleArn: ROLE, Format: 'JSON', RegisterEndpoints: true });
    const definition = { S3Url: url(path), RoleArn: ROLE, ExternalId: '123456789012', Format: 'JSON', RegisterEndpoints: true, DefineSegment: false };
    expect(created).toEqual({ ApplicationId: appId, Id: created.Id, JobStatus: 'CREATED', CreationDate: '2025-07-01T10:00:00.000Z', Type: 'IMPORT', Definition: definition });
    expect(job).toEqual({
      ApplicationId: appId,
      Id: created.Id,
      JobStatus: 'COMPLETED',
      CreationDate: '2025-07-01T10:00:00.000Z',
      CompletionDate: '2025-07-01T10:00:00.000Z',
      Type: 'IMPORT',
      Definition: definition,
      TotalPieces: 1,
      CompletedPieces: 1,
      FailedPieces: 0,
      TotalProcessed: 5,
      TotalFailures: 3,
      Failures: [
        `${path}:2: not valid JSON: ${jsonError('{ not json')}`,
        `${path}:5: ChannelType must be one of ADM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, BAIDU, CUSTOM, EMAIL, GCM, IN_APP, PUSH, SMS, VOICE; got 'PIGEON'`,
        `${path}:6: 'Colour' is not an EndpointRequest member`,
      ],
    });
    expect(await endpoint(appId, 'ann-mail')).toMatchObject({ ChannelType: 'EMAIL', Address: 'ann@example.com', Location: { Country: 'US' }, User: { UserId: 'ann' }, Attributes: { tier: ['gold'] }, OptOut: 'NONE' });
    expect(await endpoint(appId, 'ann-sms')).toMatchObject({ ChannelType: 'SMS', Metrics: { visits: 4 } });
    expect(await errorOf(endpoint(appId, 'bad-channel'))).toBeInstanceOf(NotFoundException);
  });

  it('imports every CSV file of a folder into a new IMPORT segment, with quoted fields and dot-notation columns', async () => {
    const appId = await createApp();
    await file('csv/a.csv', 'Id,ChannelType,Address,Location.Country, Demographic.Platform, User.UserId,Attributes.tier,Metrics.visits\nc1,EMAIL,"carol, jr@example.com",CA,iOS,carol,silver,2\nc2,SMS,+16045550100,CA,Android,carol,,\n');
    await file('csv/sub/b.csv', 'Id,ChannelType,Address\r\nd1,EMAIL,dave@example.com\r\n');
    await file('csv/ignored.json', '{"Id":"j1","ChannelType":"EMAIL","Address":"j@example.com"}\n');
    const { job } = await importJob(appId, { S3Url: url(join(dir, 'csv')), RoleArn: ROLE, Format: 'CSV', RegisterEndpoints: true, DefineSegment: true, SegmentName: 'Imported' });
    expect(job).toMatchObject({ JobStatus: 'COMPLETED', TotalPieces: 2, CompletedPieces: 2, FailedPieces: 0, TotalProcessed: 3, TotalFailures: 0 });
    expect(job.Failures).toBeUndefined();
    const segmentId = job.Definition!.SegmentId!;
    expect(segmentId).toMatch(/^[0-9a-f]{32}$/);

    const segment = (await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: segmentId }))).SegmentResponse!;
    expect(segment).toMatchObject({
      Name: 'Imported',
      SegmentType: 'IMPORT',
      Version: 1,
      Arn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${appId}/segments/${segmentId}`,
      ImportDefinition: { Format: 'CSV', S3Url: url(join(dir, 'csv')), RoleArn: ROLE, ExternalId: '123456789012', Size: 3, ChannelCounts: { EMAIL: 2, SMS: 1 } },
    });
    expect(await endpoint(appId, 'c1')).toMatchObject({ Address: 'carol, jr@example.com', Location: { Country: 'CA' }, Demographic: { Platform: 'iOS' }, User: { UserId: 'carol' }, Attributes: { tier: ['silver'] }, Metrics: { visits: 2 } });
    expect((await endpoint(appId, 'c2')).Attributes).toBeUndefined();
    expect(await errorOf(endpoint(appId, 'j1'))).toBeInstanceOf(NotFoundException);

    const listed = await stack.pinpoint.send(new GetSegmentImportJobsCommand({ ApplicationId: appId, SegmentId: segmentId }));
    expect(listed.ImportJobsResponse!.Item!.map((item) => item.Id)).toEqual([job.Id]);
  });

  it('reads every matching file under a key prefix, and adds to an existing IMPORT segment without registering endpoints', async () => {
    const appId = await createApp();
    await file('prefix/batch-1.json', '{"Id":"p1","ChannelType":"EMAIL","Address":"p1@example.com"}\n');
    await file('prefix/batch-2.jsonl', '{"Id":"p2","ChannelType":"SMS","Address":"+12065550100"}\n');
    await file('prefix/other.json', '{"Id":"o1","ChannelType":"EMAIL","Address":"o1@example.com"}\n');
    const first = await importJob(appId, { S3Url: url(join(dir, 'prefix', 'batch-')), RoleArn: ROLE, Format: 'JSON', DefineSegment: true, SegmentName: 'Batches' });
    expect(first.job).toMatchObject({ JobStatus: 'COMPLETED', TotalPieces: 2, TotalProcessed: 2, Definition: { RegisterEndpoints: false, DefineSegment: true } });
    const segmentId = first.job.Definition!.SegmentId!;
    expect(await errorOf(endpoint(appId, 'p1'))).toBeInstanceOf(NotFoundException);

    const second = await importJob(appId, { S3Url: url(join(dir, 'prefix', 'other.json')), RoleArn: ROLE, Format: 'JSON', SegmentId: segmentId });
    expect(second.job).toMatchObject({ JobStatus: 'COMPLETED', Definition: { SegmentId: segmentId, DefineSegment: false } });
    const segment = (await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: segmentId }))).SegmentResponse!;
    expect(segment).toMatchObject({ Version: 2, Name: 'Batches', ImportDefinition: { Size: 3, ChannelCounts: { EMAIL: 2, SMS: 1 } } });

    const jobs = await stack.pinpoint.send(new GetSegmentImportJobsCommand({ ApplicationId: appId, SegmentId: segmentId }));
    expect(jobs.ImportJobsResponse!.Item!.map((item) => item.Id)).toEqual([second.job.Id, first.job.Id]);

    const out = join(dir, 'exports-unregistered');
    const { job } = await exportJob(appId, { S3UrlPrefix: url(out), SegmentId: segmentId });
    expect(job).toMatchObject({ JobStatus: 'COMPLETED', TotalProcessed: 3 });
    const [piece] = await exported(out, job.Id!);
    expect(piece.map((line) => line.Id).sort()).toEqual(['o1', 'p1', 'p2']);
    expect(piece[0]).toMatchObject({ ApplicationId: appId });
  });

  it.each([
    ['an S3 location (which the emulator cannot reach)', 's3://my-bucket/endpoints/', "The emulator cannot reach Amazon S3 ('s3://my-bucket/endpoints/'); use a file:///absolute/path URL instead"],
    ['a location without files', 'EMPTY', "No JSON files found at 'EMPTY'"],
  ])('records a FAILED job for %s', async (_name, location, failure) => {
    const appId = await createApp();
    const s3Url = location === 'EMPTY' ? url(join(dir, 'no-such-folder', 'x')) : location;
    const { created, job } = await importJob(appId, { S3Url: s3Url, RoleArn: ROLE, Format: 'JSON', RegisterEndpoints: true });
    expect(created.JobStatus).toBe('CREATED');
    expect(job).toMatchObject({ JobStatus: 'FAILED', TotalPieces: 0, CompletedPieces: 0, FailedPieces: 0, TotalProcessed: 0, Failures: [failure.replace('EMPTY', s3Url)] });
  });

  it('fails the piece (and the job) when a CSV header names something that is not an endpoint member', async () => {
    const appId = await createApp();
    const path = await file('badcsv/x.csv', 'Id,Address,Colour\n1,a@example.com,blue\n');
    const { job } = await importJob(appId, { S3Url: url(path), RoleArn: ROLE, Format: 'CSV', RegisterEndpoints: true });
    expect(job).toMatchObject({ JobStatus: 'FAILED', TotalPieces: 1, CompletedPieces: 0, FailedPieces: 1, TotalProcessed: 0, Failures: [`${path}: line 1: column 'Colour' is not an EndpointRequest path`] });
  });

  it('answers the main errors', async () => {
    const appId = await createApp();
    const dimensional = (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'dyn' } }))).SegmentResponse!.Id!;
    const base: ImportJobRequest = { S3Url: 's3://bucket/key', RoleArn: ROLE, Format: 'JSON', RegisterEndpoints: true };
    const cases: Array<[ImportJobRequest, string, unknown]> = [
      [{ ...base, S3Url: 'https://example.com/x.json' }, "ImportJobRequest.S3Url must be an s3://bucket-name/key URL (the emulator also reads and writes absolute file:///path URLs); got 'https://example.com/x.json'", BadRequestException],
      [{ ...base, RoleArn: 'arn:aws:iam::123456789012:user/me' }, "ImportJobRequest.RoleArn must be an IAM role ARN (arn:aws:iam::<account-id>:role/<role-name>); got 'arn:aws:iam::123456789012:user/me'", BadRequestException],
      [{ ...base, RegisterEndpoints: false }, 'An import job must register the endpoints (RegisterEndpoints) or add them to a segment (DefineSegment or SegmentId); this one does neither', BadRequestException],
      [{ ...base, SegmentId: dimensional }, `ImportJobRequest.SegmentId must name an IMPORT segment (imported endpoints can't be added to a DIMENSIONAL segment); got '${dimensional}'`, BadRequestException],
      [{ ...base, SegmentId: 'nope' }, "Resource not found: Segment 'nope' does not exist", NotFoundException],
      [{ ...base, Format: 'XML' as any }, "1 validation error detected: Value 'XML' at 'ImportJobRequest.Format' failed to satisfy constraint: Member must satisfy enum value set: [CSV, JSON]", BadRequestException],
    ];
    for (const [request, message, type] of cases) {
      const error = await errorOf(stack.pinpoint.send(new CreateImportJobCommand({ ApplicationId: appId, ImportJobRequest: request })));
      expect(error).toBeInstanceOf(type);
      expect(error.message).toBe(message);
    }
    expect(await errorOf(stack.pinpoint.send(new CreateImportJobCommand({ ApplicationId: 'nope', ImportJobRequest: base })))).toBeInstanceOf(NotFoundException);
    const unknownJob = await errorOf(stack.pinpoint.send(new GetImportJobCommand({ ApplicationId: appId, JobId: 'nope' })));
    expect(unknownJob).toBeInstanceOf(NotFoundException);
    expect(unknownJob.message).toBe("Resource not found: Import job 'nope' does not exist");
    expect(await errorOf(stack.pinpoint.send(new GetSegmentImportJobsCommand({ ApplicationId: appId, SegmentId: 'nope' })))).toBeInstanceOf(NotFoundException);
    expect((await stack.pinpoint.send(new GetImportJobsCommand({ ApplicationId: appId }))).ImportJobsResponse!.Item).toEqual([]);
  });
});

describe('CreateExportJob', () => {
  async function seedEndpoints(appId: string, items: EndpointBatchItem[]): Promise<void> {
    for (let i = 0; i < items.length; i += 100) {
      await stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: items.slice(i, i + 100) } }));
    }
  }

  it("writes every endpoint of the app as GetEndpoint shows it, gzip newline-delimited JSON under <prefix>/<job-id>/", async () => {
    const appId = await createApp();
    await seedEndpoints(appId, [
      { Id: 'e1', ChannelType: 'EMAIL', Address: 'e1@example.com', User: { UserId: 'u1' } },
      { Id: 'e2', ChannelType: 'SMS', Address: '+12065550100' },
    ]);
    now = new Date('2025-07-02T09:00:00.000Z');
    const out = join(dir, 'exports-all');
    const { created, job } = await exportJob(appId, { S3UrlPrefix: url(out) });
    expect(created).toEqual({ ApplicationId: appId, Id: created.Id, JobStatus: 'CREATED', CreationDate: '2025-07-02T09:00:00.000Z', Type: 'EXPORT', Definition: { S3UrlPrefix: url(out), RoleArn: ROLE } });
    expect(job).toEqual({
      ...created,
      JobStatus: 'COMPLETED',
      CompletionDate: '2025-07-02T09:00:00.000Z',
      TotalPieces: 1,
      CompletedPieces: 1,
      FailedPieces: 0,
      TotalProcessed: 2,
      TotalFailures: 0,
    });
    const [piece] = await exported(out, created.Id!);
    expect(piece).toEqual([await endpoint(appId, 'e1'), await endpoint(appId, 'e2')]);
  });

  it('splits large exports into pieces of 1,000 endpoints', async () => {
    const appId = await createApp();
    const lines = Array.from({ length: 1001 }, (_, i) => JSON.stringify({ Id: `bulk-${i}`, ChannelType: 'EMAIL', Address: `bulk${i}@example.com` }));
    const path = await file('bulk/all.json', lines.join('\n'));
    expect((await importJob(appId, { S3Url: url(path), RoleArn: ROLE, Format: 'JSON', RegisterEndpoints: true })).job).toMatchObject({ TotalProcessed: 1001, TotalFailures: 0 });
    const out = join(dir, 'exports-bulk');
    const { job } = await exportJob(appId, { S3UrlPrefix: url(out) });
    expect(job).toMatchObject({ JobStatus: 'COMPLETED', TotalPieces: 2, CompletedPieces: 2, TotalProcessed: 1001 });
    expect((await exported(out, job.Id!)).map((piece) => piece.length)).toEqual([1000, 1]);
  });

  it('exports only the members of a dimensional segment (version by version) and lists the job under the segment', async () => {
    const appId = await createApp();
    await seedEndpoints(appId, [
      { Id: 'gold-mail', ChannelType: 'EMAIL', Address: 'g@example.com', Attributes: { tier: ['gold'] }, Location: { Country: 'US' } },
      { Id: 'gold-sms', ChannelType: 'SMS', Address: '+12065550101', Attributes: { tier: ['gold'] }, Location: { Country: 'US' } },
      { Id: 'silver-mail', ChannelType: 'EMAIL', Address: 's@example.com', Attributes: { tier: ['silver'] }, Location: { Country: 'CA' } },
    ]);
    const segment = (
      await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'gold email', Dimensions: { Demographic: { Channel: { Values: ['EMAIL'] } }, Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold'] } } } } }))
    ).SegmentResponse!;
    const out = join(dir, 'exports-segment');
    const { job } = await exportJob(appId, { S3UrlPrefix: url(out), SegmentId: segment.Id, SegmentVersion: 1 });
    expect(job).toMatchObject({ JobStatus: 'COMPLETED', TotalProcessed: 1, Definition: { SegmentId: segment.Id, SegmentVersion: 1 } });
    expect((await exported(out, job.Id!))[0].map((line) => line.Id)).toEqual(['gold-mail']);
    const listed = await stack.pinpoint.send(new GetSegmentExportJobsCommand({ ApplicationId: appId, SegmentId: segment.Id }));
    expect(listed.ExportJobsResponse!.Item!.map((item) => item.Id)).toEqual([job.Id]);

    const missingVersion = await errorOf(exportJob(appId, { S3UrlPrefix: url(out), SegmentId: segment.Id, SegmentVersion: 9 }));
    expect(missingVersion).toBeInstanceOf(NotFoundException);
    expect(missingVersion.message).toBe(`Resource not found: Segment version '${segment.Id}/versions/9' does not exist`);
  });

  it('records a FAILED job for an S3 prefix and answers the main errors', async () => {
    const appId = await createApp();
    const { job } = await exportJob(appId, { S3UrlPrefix: 's3://my-bucket/exports/' });
    expect(job).toMatchObject({ JobStatus: 'FAILED', TotalPieces: 1, FailedPieces: 1, CompletedPieces: 0, Failures: ["The emulator cannot reach Amazon S3 ('s3://my-bucket/exports/'); use a file:///absolute/path URL instead"] });
    const unknownSegment = await errorOf(exportJob(appId, { S3UrlPrefix: 's3://bucket/p/', SegmentId: 'nope' }));
    expect(unknownSegment).toBeInstanceOf(NotFoundException);
    const versionOnly = await errorOf(exportJob(appId, { S3UrlPrefix: 's3://bucket/p/', SegmentVersion: 1 }));
    expect(versionOnly).toBeInstanceOf(BadRequestException);
    expect(versionOnly.message).toBe('ExportJobRequest.SegmentVersion needs a SegmentId');
    expect(await errorOf(exportJob(appId, { S3UrlPrefix: 'ftp://x/' }))).toBeInstanceOf(BadRequestException);
    expect(await errorOf(exportJob('nope', { S3UrlPrefix: 's3://bucket/p/' }))).toBeInstanceOf(NotFoundException);
    expect(await errorOf(stack.pinpoint.send(new GetExportJobCommand({ ApplicationId: appId, JobId: 'nope' })))).toBeInstanceOf(NotFoundException);
  });
});

describe('job lists', () => {
  it('page GetImportJobs and GetExportJobs newest first', async () => {
    const appId = await createApp();
    const imports: string[] = [];
    const exports: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      imports.push((await importJob(appId, { S3Url: 's3://bucket/key', RoleArn: ROLE, Format: 'CSV', RegisterEndpoints: true })).job.Id!);
      exports.push((await exportJob(appId, { S3UrlPrefix: 's3://bucket/prefix/' })).job.Id!);
    }
    const walk = async (list: (token: string | undefined) => Promise<{ Item?: Array<{ Id?: string }>; NextToken?: string }>) => {
      const ids: string[] = [];
      let token: string | undefined;
      do {
        const page = await list(token);
        ids.push(...page.Item!.map((item) => item.Id!));
        token = page.NextToken;
      } while (token !== undefined);
      return ids;
    };
    expect(await walk(async (Token) => (await stack.pinpoint.send(new GetImportJobsCommand({ ApplicationId: appId, PageSize: '2', Token }))).ImportJobsResponse!)).toEqual([...imports].reverse());
    expect(await walk(async (Token) => (await stack.pinpoint.send(new GetExportJobsCommand({ ApplicationId: appId, PageSize: '2', Token }))).ExportJobsResponse!)).toEqual([...exports].reverse());
    const first = await stack.pinpoint.send(new GetImportJobsCommand({ ApplicationId: appId, PageSize: '1' }));
    const crossed = await errorOf(stack.pinpoint.send(new GetExportJobsCommand({ ApplicationId: appId, PageSize: '1', Token: first.ImportJobsResponse!.NextToken })));
    expect(crossed).toBeInstanceOf(BadRequestException);
  });
});

/** The message JSON.parse gives for `text` (it differs between Node versions). */
function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
