import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  CreateAppCommand,
  CreateExportJobCommand,
  CreateSegmentCommand,
  GetExportJobCommand,
  PutEventsCommand,
  UpdateEndpointsBatchCommand,
  type SegmentDimensions,
  type SegmentGroupList,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Segment membership as seed 002 defines it, observed through segment export jobs over HTTP:
// each kind of dimension, recency from recorded events, and segment groups with source segments.

const now = new Date('2025-08-20T12:00:00.000Z');
let stack: StartedEmulator;
let dir: string;
let appId: string;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
  dir = await mkdtemp(join(tmpdir(), 'pinpoint-segments-'));
  appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'members' } }))).ApplicationResponse!.Id!;
  await stack.pinpoint.send(
    new UpdateEndpointsBatchCommand({
      ApplicationId: appId,
      EndpointBatchRequest: {
        Item: [
          { Id: 'us-mail', ChannelType: 'EMAIL', Address: 'a@example.com', Location: { Country: 'US', Latitude: 47.61, Longitude: -122.33 }, Metrics: { spend: 900 }, Attributes: { joined: ['2024-01-15T00:00:00Z'] }, User: { UserId: 'a', UserAttributes: { interests: ['hiking boots'] } } },
          { Id: 'us-sms', ChannelType: 'SMS', Address: '+12065550101', Location: { Country: 'us' }, Metrics: { spend: 100 }, Attributes: { joined: ['2025-06-01T00:00:00Z'] } },
          { Id: 'ca-mail', ChannelType: 'EMAIL', Address: 'c@example.ca', Location: { Country: 'CA', Latitude: 49.28, Longitude: -123.12 }, Demographic: { Platform: 'iOS' } },
          { Id: 'no-location', ChannelType: 'GCM', Address: 'token-1', Demographic: { Platform: 'Android', AppVersion: '2.0' }, User: { UserId: 'd', UserAttributes: { interests: ['books'] } } },
        ],
      },
    }),
  );
  // Recency: us-sms was active 2 days ago, ca-mail 20 days ago, the others never.
  await stack.pinpoint.send(
    new PutEventsCommand({
      ApplicationId: appId,
      EventsRequest: {
        BatchItem: {
          'us-sms': { Endpoint: {}, Events: { e1: { EventType: 'session.start', Timestamp: '2025-08-18T12:00:00.000Z' } } },
          'ca-mail': { Endpoint: {}, Events: { e2: { EventType: 'session.start', Timestamp: '2025-07-31T12:00:00.000Z' } } },
        },
      },
    }),
  );
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

async function segment(request: { Dimensions?: SegmentDimensions; SegmentGroups?: SegmentGroupList }): Promise<string> {
  return (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'test', ...request } }))).SegmentResponse!.Id!;
}

/** The endpoint IDs an export of the segment writes, sorted. */
async function members(segmentId: string): Promise<string[]> {
  const prefix = join(dir, segmentId);
  const created = await stack.pinpoint.send(new CreateExportJobCommand({ ApplicationId: appId, ExportJobRequest: { RoleArn: 'arn:aws:iam::123456789012:role/x', S3UrlPrefix: pathToFileURL(prefix).href, SegmentId: segmentId } }));
  const jobId = created.ExportJobResponse!.Id!;
  expect((await stack.pinpoint.send(new GetExportJobCommand({ ApplicationId: appId, JobId: jobId }))).ExportJobResponse!.JobStatus).toBe('COMPLETED');
  const [piece] = await readdir(join(prefix, jobId));
  const text = gunzipSync(await readFile(join(prefix, jobId, piece))).toString('utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line).Id as string).sort();
}

describe('segment membership', () => {
  it.each<[string, SegmentDimensions, string[]]>([
    ['no dimensions: every endpoint', {}, ['ca-mail', 'no-location', 'us-mail', 'us-sms']],
    ['Channel INCLUSIVE', { Demographic: { Channel: { Values: ['EMAIL'] } } }, ['ca-mail', 'us-mail']],
    ['Country EXCLUSIVE (case-insensitive; no country counts as not listed)', { Location: { Country: { DimensionType: 'EXCLUSIVE', Values: ['US'] } } }, ['ca-mail', 'no-location']],
    ['Platform and AppVersion', { Demographic: { Platform: { Values: ['android'] }, AppVersion: { Values: ['2.0'] } } }, ['no-location']],
    ['DeviceType (endpoints carry none)', { Demographic: { DeviceType: { Values: ['PHONE'] } } }, []],
    ['Metrics GREATER_THAN', { Metrics: { spend: { ComparisonOperator: 'GREATER_THAN', Value: 500 } } }, ['us-mail']],
    ['Metrics LESS_THAN_OR_EQUAL', { Metrics: { spend: { ComparisonOperator: 'LESS_THAN_OR_EQUAL', Value: 100 } } }, ['us-sms']],
    ['Attributes AFTER', { Attributes: { joined: { AttributeType: 'AFTER', Values: ['2025-01-01T00:00:00Z'] } } }, ['us-sms']],
    ['Attributes BETWEEN', { Attributes: { joined: { AttributeType: 'BETWEEN', Values: ['2023-12-01T00:00:00Z', '2024-02-01T00:00:00Z'] } } }, ['us-mail']],
    ['Attributes ON', { Attributes: { joined: { AttributeType: 'ON', Values: ['2025-06-01T18:00:00Z'] } } }, ['us-sms']],
    ['Attributes EXCLUSIVE', { Attributes: { joined: { AttributeType: 'EXCLUSIVE', Values: ['2025-06-01T00:00:00Z'] } } }, ['ca-mail', 'no-location', 'us-mail']],
    ['UserAttributes CONTAINS', { UserAttributes: { interests: { AttributeType: 'CONTAINS', Values: ['boot'] } } }, ['us-mail']],
    ['GPSPoint within 50 km of Seattle', { Location: { GPSPoint: { Coordinates: { Latitude: 47.6, Longitude: -122.3 }, RangeInKilometers: 50 } } }, ['us-mail']],
    ['GPSPoint within 300 km of Seattle', { Location: { GPSPoint: { Coordinates: { Latitude: 47.6, Longitude: -122.3 }, RangeInKilometers: 300 } } }, ['ca-mail', 'us-mail']],
    ['Recency ACTIVE within 7 days', { Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'ACTIVE' } } }, ['us-sms']],
    ['Recency ACTIVE within 30 days', { Behavior: { Recency: { Duration: 'DAY_30', RecencyType: 'ACTIVE' } } }, ['ca-mail', 'us-sms']],
    ['Recency INACTIVE for 7 days (including never active)', { Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'INACTIVE' } } }, ['ca-mail', 'no-location', 'us-mail']],
  ])('%s', async (_name, dimensions, expected) => {
    expect(await members(await segment({ Dimensions: dimensions }))).toEqual(expected);
  });

  it('combines segment groups: sources by SourceType, dimensions by Type, groups by Include', async () => {
    const email = await segment({ Dimensions: { Demographic: { Channel: { Values: ['EMAIL'] } } } });
    const us = await segment({ Dimensions: { Location: { Country: { Values: ['US'] } } } });
    const anyOf = { Groups: [{ SourceSegments: [{ Id: email }, { Id: us }], SourceType: 'ANY' as const }] };
    expect(await members(await segment({ SegmentGroups: anyOf }))).toEqual(['ca-mail', 'us-mail', 'us-sms']);
    const allOf = { Groups: [{ SourceSegments: [{ Id: email }, { Id: us, Version: 1 }], SourceType: 'ALL' as const }] };
    expect(await members(await segment({ SegmentGroups: allOf }))).toEqual(['us-mail']);
    const filtered = { Groups: [{ SourceSegments: [{ Id: email }, { Id: us }], SourceType: 'ANY' as const, Type: 'NONE' as const, Dimensions: [{ Metrics: { spend: { ComparisonOperator: 'GREATER_THAN', Value: 0 } } }] }] };
    expect(await members(await segment({ SegmentGroups: filtered }))).toEqual(['ca-mail']);
    const twoGroups = { Include: 'ANY' as const, Groups: [{ SourceSegments: [{ Id: us }] }, { Dimensions: [{ Demographic: { Platform: { Values: ['iOS'] } } }] }] };
    expect(await members(await segment({ SegmentGroups: twoGroups }))).toEqual(['ca-mail', 'us-mail', 'us-sms']);
    const none = { Include: 'NONE' as const, Groups: [{ SourceSegments: [{ Id: email }] }] };
    expect(await members(await segment({ SegmentGroups: none }))).toEqual(['no-location', 'us-sms']);
  });
});
