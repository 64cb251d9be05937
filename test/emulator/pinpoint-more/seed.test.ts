import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  CreateExportJobCommand,
  GetChannelsCommand,
  GetEmailChannelCommand,
  GetEventStreamCommand,
  GetGcmChannelCommand,
  GetImportJobCommand,
  GetRecommenderConfigurationsCommand,
  GetSegmentImportJobsCommand,
  NotFoundException,
} from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// The channels module's demo data, read over HTTP from a seeded emulator: channels per app,
// event streams, the import job behind the seeded IMPORT segment (and that segment's members),
// the recommender configuration, and that a reset forgets all of it.

const NOW = new Date('2025-03-15T12:00:00.000Z');
const { apps, segments, endpoints } = PINPOINT_SEED;
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW }, seed: true });
});
afterAll(() => stack.close());

describe('channels seed', () => {
  it('configures the channels of each demo app', async () => {
    const channels = async (appId: string) => (await stack.pinpoint.send(new GetChannelsCommand({ ApplicationId: appId }))).ChannelsResponse!.Channels!;
    const retail = await channels(apps.RETAIL);
    expect(Object.keys(retail)).toEqual(['APNS', 'EMAIL', 'GCM', 'SMS']);
    expect(retail.EMAIL).toEqual({ ApplicationId: apps.RETAIL, CreationDate: '2025-01-15T10:00:00.000Z', LastModifiedDate: '2025-01-15T10:00:00.000Z', Enabled: true, HasCredential: false, Id: 'email', IsArchived: false, Version: 1 });
    const banking = await channels(apps.BANKING);
    expect(Object.fromEntries(Object.entries(banking).map(([type, channel]) => [type, channel.Enabled]))).toEqual({ APNS: true, EMAIL: true, GCM: false, SMS: true });
    expect(Object.keys(await channels(apps.ALERTS))).toEqual(['EMAIL', 'VOICE']);

    const email = (await stack.pinpoint.send(new GetEmailChannelCommand({ ApplicationId: apps.RETAIL }))).EmailChannelResponse!;
    expect(email).toMatchObject({ FromAddress: 'offers@retail.example.com', Identity: 'arn:aws:ses:us-east-1:123456789012:identity/retail.example.com', MessagesPerSecond: 1 });
    const gcm = (await stack.pinpoint.send(new GetGcmChannelCommand({ ApplicationId: apps.BANKING }))).GCMChannelResponse!;
    expect(gcm).toMatchObject({ Enabled: false, DefaultAuthenticationMethod: 'KEY', HasFcmServiceCredentials: false });
    expect(gcm).not.toHaveProperty('Credential');
  });

  it('sets the event streams of RETAIL (Kinesis) and BANKING (Firehose), none for ALERTS', async () => {
    const retail = (await stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: apps.RETAIL }))).EventStream!;
    expect(retail).toEqual({ ApplicationId: apps.RETAIL, DestinationStreamArn: 'arn:aws:kinesis:us-east-1:123456789012:stream/retail-events', RoleArn: 'arn:aws:iam::123456789012:role/PinpointEventStream', LastModifiedDate: '2025-01-29T10:00:00.000Z' });
    const banking = (await stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: apps.BANKING }))).EventStream!;
    expect(banking.DestinationStreamArn).toBe('arn:aws:firehose:us-east-1:123456789012:deliverystream/banking-events');
    expect(await stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: apps.ALERTS })).catch((e: unknown) => e)).toBeInstanceOf(NotFoundException);
  });

  it('backs the NEWSLETTER_IMPORT segment with a completed import job and its three members', async () => {
    const listed = await stack.pinpoint.send(new GetSegmentImportJobsCommand({ ApplicationId: apps.RETAIL, SegmentId: segments.RETAIL_NEWSLETTER_IMPORT }));
    expect(listed.ImportJobsResponse!.Item!.map((job) => job.Id)).toEqual([CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER]);
    const job = (await stack.pinpoint.send(new GetImportJobCommand({ ApplicationId: apps.RETAIL, JobId: CHANNELS_SEED.importJobs.RETAIL_NEWSLETTER }))).ImportJobResponse!;
    expect(job).toMatchObject({ JobStatus: 'COMPLETED', TotalProcessed: 3, Definition: { Format: 'CSV', S3Url: 's3://retail-demo-imports/newsletter.csv', DefineSegment: true, SegmentId: segments.RETAIL_NEWSLETTER_IMPORT } });

    const dir = await mkdtemp(join(tmpdir(), 'pinpoint-seed-'));
    try {
      const created = await stack.pinpoint.send(
        new CreateExportJobCommand({ ApplicationId: apps.RETAIL, ExportJobRequest: { RoleArn: 'arn:aws:iam::123456789012:role/x', S3UrlPrefix: pathToFileURL(dir).href, SegmentId: segments.RETAIL_NEWSLETTER_IMPORT } }),
      );
      const jobId = created.ExportJobResponse!.Id!;
      const [piece] = await readdir(join(dir, jobId));
      const ids = gunzipSync(await readFile(join(dir, jobId, piece))).toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).Id);
      expect(ids).toEqual([endpoints.ALICE_EMAIL, endpoints.BOB_EMAIL, endpoints.CAROL_EMAIL]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has one recommender configuration, and a reset forgets everything', async () => {
    const list = (await stack.pinpoint.send(new GetRecommenderConfigurationsCommand({}))).ListRecommenderConfigurationsResponse!;
    expect(list.Item).toEqual([
      {
        Id: CHANNELS_SEED.recommenders.RETAIL_PICKS,
        CreationDate: '2025-02-03T10:00:00.000Z',
        LastModifiedDate: '2025-02-23T10:00:00.000Z',
        Name: 'Retail picks',
        Description: 'Top products per shopper',
        RecommendationProviderUri: 'arn:aws:personalize:us-east-1:123456789012:campaign/retail-top-picks',
        RecommendationProviderRoleArn: 'arn:aws:iam::123456789012:role/PinpointPersonalize',
        RecommendationsPerMessage: 3,
        RecommendationProviderIdType: 'PINPOINT_ENDPOINT_ID',
        RecommendationsDisplayName: 'Top picks',
      },
    ]);
    stack.emulator.reset();
    expect((await stack.pinpoint.send(new GetRecommenderConfigurationsCommand({}))).ListRecommenderConfigurationsResponse!.Item).toEqual([]);
    stack.emulator.seed();
    expect((await stack.pinpoint.send(new GetRecommenderConfigurationsCommand({}))).ListRecommenderConfigurationsResponse!.Item).toHaveLength(1);
  });
});
