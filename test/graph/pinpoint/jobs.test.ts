import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Import and export jobs over HTTP against the seeded emulator (which runs jobs on local
// file:// URLs): creates, reads by ID and in lists of projects and segments, pages, NOT_FOUND.

const { apps, segments } = PINPOINT_SEED;
const ROLE = 'arn:aws:iam::123456789012:role/PinpointImport';

let stack: Stack;
let folder: string;
beforeAll(async () => {
  stack = await startStack();
  folder = await mkdtemp(join(tmpdir(), 'pinpoint-jobs-'));
  await writeFile(join(folder, 'people.csv'), 'ChannelType,Address,User.UserId\nEMAIL,ann@example.com,ann\nEMAIL,ben@example.com,ben\n');
});
afterAll(async () => {
  await stack.close();
  await rm(folder, { recursive: true, force: true });
});

test('an import defines a segment, an export writes it out; both jobs read back by ID, from lists and from the segment', async () => {
  const created = await runCounted(
    stack,
    `mutation($app: ID!, $url: String!, $role: String!) { createImportJob(input: { applicationId: $app, s3Url: $url, roleArn: $role, format: CSV, registerEndpoints: true, defineSegment: true, segmentName: "Imported people" }) { importJob { jobId jobStatus type definition { format defineSegment segmentName } } } }`,
    { app: apps.ALERTS, url: pathToFileURL(join(folder, 'people.csv')).href, role: ROLE },
  );
  expect(created.body.errors).toBeUndefined();
  const importJob = created.body.data.createImportJob.importJob;
  expect(importJob).toMatchObject({ jobStatus: 'CREATED', type: 'IMPORT', definition: { format: 'CSV', defineSegment: true, segmentName: 'Imported people' } });
  expect(created.gatewayCalls).toEqual({ CreateImportJob: 1 });

  const read = await runCounted(stack, `query($app: ID!, $job: ID!) { app(id: $app) { importJob(id: $job) { id jobStatus totalProcessed totalFailures failures definition { segmentId segment { name segmentType } } app { name } } } }`, {
    app: apps.ALERTS,
    job: importJob.jobId,
  });
  expect(read.body.errors).toBeUndefined();
  const job = read.body.data.app.importJob;
  expect(job).toMatchObject({ jobStatus: 'COMPLETED', totalProcessed: 2, totalFailures: 0, failures: [], definition: { segment: { name: 'Imported people', segmentType: 'IMPORT' } }, app: { name: 'Internal Alerts' } });
  expect(read.gatewayCalls).toEqual({ GetApp: 1, GetImportJob: 1, GetSegment: 1 });
  const segmentId = job.definition.segmentId;

  const byNode = await runCounted(stack, `query($id: ID!) { node(id: $id) { ... on ImportJob { jobId jobStatus } } }`, { id: job.id });
  expect(byNode.body.data.node).toEqual({ jobId: importJob.jobId, jobStatus: 'COMPLETED' });
  expect(byNode.gatewayCalls).toEqual({ GetImportJob: 1 });

  const exported = await runCounted(
    stack,
    `mutation($app: ID!, $url: String!, $role: String!, $segment: ID!) { createExportJob(input: { applicationId: $app, s3UrlPrefix: $url, roleArn: $role, segmentId: $segment }) { exportJob { jobId jobStatus type definition { segmentId } } } }`,
    { app: apps.ALERTS, url: pathToFileURL(join(folder, 'out')).href + '/', role: ROLE, segment: segmentId },
  );
  expect(exported.body.errors).toBeUndefined();
  const exportJob = exported.body.data.createExportJob.exportJob;
  expect(exportJob).toMatchObject({ jobStatus: 'CREATED', type: 'EXPORT', definition: { segmentId } });

  const lists = await runCounted(
    stack,
    `query($app: ID!, $segment: ID!) { app(id: $app) {
      importJobs { nodes { jobId } }
      exportJobs { nodes { id jobId jobStatus totalProcessed definition { s3UrlPrefix segment { name } } } }
      segment(id: $segment) { importJobs { nodes { jobId } } exportJobs { nodes { jobId } } }
    } }`,
    { app: apps.ALERTS, segment: segmentId },
  );
  expect(lists.body.errors).toBeUndefined();
  expect(lists.body.data.app.importJobs.nodes).toEqual([{ jobId: importJob.jobId }]);
  expect(lists.body.data.app.exportJobs.nodes).toEqual([{ id: expect.any(String), jobId: exportJob.jobId, jobStatus: 'COMPLETED', totalProcessed: 2, definition: { s3UrlPrefix: expect.stringMatching(/^file:/), segment: { name: 'Imported people' } } }]);
  expect(lists.body.data.app.segment).toEqual({ importJobs: { nodes: [{ jobId: importJob.jobId }] }, exportJobs: { nodes: [{ jobId: exportJob.jobId }] } });
  expect(lists.gatewayCalls).toEqual({ GetApp: 1, GetImportJobs: 1, GetExportJobs: 1, GetSegment: 1, GetSegmentImportJobs: 1, GetSegmentExportJobs: 1 });

  // The list returned whole jobs: a lookup nested under it costs no GetExportJob.
  const nested = await runCounted(stack, `query($app: ID!, $job: ID!) { app(id: $app) { exportJobs { nodes { app { exportJob(id: $job) { jobStatus } } } } } }`, { app: apps.ALERTS, job: exportJob.jobId });
  expect(nested.body.data.app.exportJobs.nodes).toEqual([{ app: { exportJob: { jobStatus: 'COMPLETED' } } }]);
  expect(nested.gatewayCalls).toEqual({ GetApp: 1, GetExportJobs: 1 });
});

test('job lists page one upstream page at a time; an unknown job is NOT_FOUND; bad input is upstream’s 400', async () => {
  for (const name of ['a', 'b']) {
    const made = await stack.gql(`mutation($app: ID!, $url: String!) { createExportJob(input: { applicationId: $app, s3UrlPrefix: $url, roleArn: "${ROLE}" }) { exportJob { jobId } } }`, {
      app: apps.BANKING,
      url: pathToFileURL(join(folder, `export-${name}`)).href + '/',
    });
    expect(made.body.errors).toBeUndefined();
  }
  const query = `query($app: ID!, $after: String) { app(id: $app) { exportJobs(first: 1, after: $after) { nodes { jobId } pageInfo { hasNextPage endCursor } } } }`;
  const first = await runCounted(stack, query, { app: apps.BANKING });
  expect(first.body.data.app.exportJobs.nodes).toHaveLength(1);
  expect(first.body.data.app.exportJobs.pageInfo.hasNextPage).toBe(true);
  const second = await runCounted(stack, query, { app: apps.BANKING, after: first.body.data.app.exportJobs.pageInfo.endCursor });
  expect(second.body.data.app.exportJobs.nodes).toHaveLength(1);
  expect(second.body.data.app.exportJobs.nodes[0].jobId).not.toBe(first.body.data.app.exportJobs.nodes[0].jobId);
  expect(second.body.data.app.exportJobs.pageInfo.hasNextPage).toBe(false);
  expect(second.wireCalls).toEqual({ GetApp: 1, GetExportJobs: 1 });

  const missing = await runCounted(stack, `query($app: ID!) { app(id: $app) { importJob(id: "0000") { jobId } exportJob(id: "0000") { jobId } } }`, { app: apps.RETAIL });
  expect(missing.body.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([
    [['app', 'importJob'], 'NOT_FOUND'],
    [['app', 'exportJob'], 'NOT_FOUND'],
  ]);
  expect(missing.gatewayCalls).toEqual({ GetApp: 1, GetImportJob: 1, GetExportJob: 1 });

  const badUrl = await runCounted(stack, `mutation($app: ID!) { createImportJob(input: { applicationId: $app, s3Url: "https://example.com/x.csv", roleArn: "${ROLE}", format: CSV, registerEndpoints: true }) { importJob { jobId } } }`, { app: apps.RETAIL });
  expect(badUrl.body.errors![0]).toMatchObject({ path: ['createImportJob'], extensions: { code: 'BAD_USER_INPUT' } });

  const seeded = await runCounted(stack, `query($app: ID!, $job: ID!) { app(id: $app) { importJob(id: $job) { definition { segmentId } } } }`, { app: apps.RETAIL, job: CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER });
  expect(seeded.body.data.app.importJob.definition.segmentId).toBe(segments.RETAIL_NEWSLETTER_IMPORT);
});
