import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateImportJobCommand, GetImportJobCommand, PutEventsCommand, type SegmentDimensions, type SegmentGroupList } from '@aws-sdk/client-pinpoint';
import { sortedKeys, startDeliveryKit, type DeliveryKit } from './kit';

// Who a campaign reaches is who its segment version selects: each kind of dimension, recency
// from the endpoint's own events (not from the messages sent to it), segment groups over source
// segments, and IMPORT segments whose imported endpoints were never registered with the app.

const T0 = '2025-09-01T12:00:00.000Z';
let kit: DeliveryKit;
let appId: string;
let dir: string;
beforeAll(async () => {
  kit = await startDeliveryKit(T0);
  dir = await mkdtemp(join(tmpdir(), 'pinpoint-delivery-'));
  appId = await kit.newApp('audience');
  await kit.putEndpoints(appId, [
    {
      Id: 'p-ios',
      ChannelType: 'APNS',
      Address: 'token-ios',
      Demographic: { Platform: 'iOS', Make: 'Apple', Model: 'iPhone 15', AppVersion: '4.2.0' },
      Location: { Country: 'US', City: 'Seattle', Latitude: 47.61, Longitude: -122.33 },
      Attributes: { interests: ['shoes', 'travel'], signup: ['2025-01-15T00:00:00Z'] },
      Metrics: { visits: 12 },
      User: { UserId: 'u1', UserAttributes: { tier: ['gold'] } },
    },
    {
      Id: 'p-android',
      ChannelType: 'GCM',
      Address: 'token-android',
      Demographic: { Platform: 'Android', Make: 'Google', Model: 'Pixel 8', AppVersion: '4.1.0' },
      Location: { Country: 'CA', Latitude: 49.28, Longitude: -123.12 },
      Attributes: { interests: ['books'], signup: ['2025-03-01T00:00:00Z'] },
      Metrics: { visits: 3 },
      User: { UserId: 'u2', UserAttributes: { tier: ['silver'] } },
    },
    {
      Id: 'p-email',
      ChannelType: 'EMAIL',
      Address: 'p@example.com',
      Location: { Country: 'US' },
      Attributes: { interests: ['travel', 'food'], signup: ['2024-12-24T00:00:00Z'] },
      Metrics: { visits: 0 },
      User: { UserId: 'u1', UserAttributes: { tier: ['gold'] } },
    },
    { Id: 'p-sms', ChannelType: 'SMS', Address: '+4915155550111', Location: { Country: 'DE' }, User: { UserId: 'u3', UserAttributes: { tier: ['bronze'] } } },
  ]);
});
afterAll(async () => {
  await kit.close();
  await rm(dir, { recursive: true, force: true });
});

/** A message for every channel the endpoints use, so only the segment decides who receives. */
const everyChannel = { EmailMessage: { Title: 'Hi', Body: 'email' }, SMSMessage: { Body: 'sms' }, DefaultMessage: { Title: 'Hi', Body: 'push' } };

/** Runs an IMMEDIATE campaign to a new segment and returns who received it. */
async function recipients(request: { Dimensions?: SegmentDimensions; SegmentGroups?: SegmentGroupList }, inApp = appId): Promise<string[]> {
  const segmentId = await kit.newSegment(inApp, { Name: 'case', ...request });
  const campaignId = await kit.newCampaign(inApp, { SegmentId: segmentId, Schedule: { StartTime: 'IMMEDIATE' }, MessageConfiguration: everyChannel });
  await kit.advance(1);
  await kit.runCampaigns();
  return sortedKeys(await kit.campaignMessages(campaignId));
}

describe('dimensional segments', () => {
  it.each<[string, SegmentDimensions, string[]]>([
    ['no dimensions: every endpoint', {}, ['p-android', 'p-email', 'p-ios', 'p-sms']],
    ['Platform INCLUSIVE (case-insensitive)', { Demographic: { Platform: { Values: ['ios'] } } }, ['p-ios']],
    ['Make EXCLUSIVE (no make counts as not listed)', { Demographic: { Make: { DimensionType: 'EXCLUSIVE', Values: ['Apple'] } } }, ['p-android', 'p-email', 'p-sms']],
    ['Model and AppVersion', { Demographic: { Model: { Values: ['Pixel 8'] }, AppVersion: { Values: ['4.1.0'] } } }, ['p-android']],
    ['Channel', { Demographic: { Channel: { Values: ['EMAIL', 'SMS'] } } }, ['p-email', 'p-sms']],
    ['Country', { Location: { Country: { Values: ['US'] } } }, ['p-email', 'p-ios']],
    ['GPS point within 50 km', { Location: { GPSPoint: { Coordinates: { Latitude: 47.6, Longitude: -122.3 }, RangeInKilometers: 50 } } }, ['p-ios']],
    ['GPS point within 300 km', { Location: { GPSPoint: { Coordinates: { Latitude: 47.6, Longitude: -122.3 }, RangeInKilometers: 300 } } }, ['p-android', 'p-ios']],
    ['attribute INCLUSIVE', { Attributes: { interests: { AttributeType: 'INCLUSIVE', Values: ['travel'] } } }, ['p-email', 'p-ios']],
    ['attribute EXCLUSIVE', { Attributes: { interests: { AttributeType: 'EXCLUSIVE', Values: ['travel'] } } }, ['p-android', 'p-sms']],
    ['attribute CONTAINS', { Attributes: { interests: { AttributeType: 'CONTAINS', Values: ['oo'] } } }, ['p-android', 'p-email']],
    ['attribute BEFORE', { Attributes: { signup: { AttributeType: 'BEFORE', Values: ['2025-01-01T00:00:00Z'] } } }, ['p-email']],
    ['attribute AFTER', { Attributes: { signup: { AttributeType: 'AFTER', Values: ['2025-02-01T00:00:00Z'] } } }, ['p-android']],
    ['attribute ON', { Attributes: { signup: { AttributeType: 'ON', Values: ['2025-01-15T00:00:00Z'] } } }, ['p-ios']],
    ['attribute BETWEEN', { Attributes: { signup: { AttributeType: 'BETWEEN', Values: ['2025-01-01T00:00:00Z', '2025-03-31T00:00:00Z'] } } }, ['p-android', 'p-ios']],
    ['metric GREATER_THAN', { Metrics: { visits: { ComparisonOperator: 'GREATER_THAN', Value: 5 } } }, ['p-ios']],
    ['metric LESS_THAN_OR_EQUAL (no metric never matches)', { Metrics: { visits: { ComparisonOperator: 'LESS_THAN_OR_EQUAL', Value: 3 } } }, ['p-android', 'p-email']],
    ['user attribute', { UserAttributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold'] } } }, ['p-email', 'p-ios']],
    ['several criteria at once', { Location: { Country: { Values: ['US'] } }, Demographic: { Channel: { Values: ['APNS'] } } }, ['p-ios']],
  ])('%s', async (_case, dimensions, expected) => {
    expect(await recipients({ Dimensions: dimensions })).toEqual(expected);
  });

  it('reads recency from the endpoint events, not from the messages Pinpoint sent it', async () => {
    const now = Date.parse(await kit.now());
    const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
    await kit.pinpoint.send(
      new PutEventsCommand({
        ApplicationId: appId,
        EventsRequest: {
          BatchItem: {
            'p-android': { Endpoint: {}, Events: { s1: { EventType: '_session.start', Timestamp: daysAgo(2), Session: { Id: 'sess-1', StartTimestamp: daysAgo(2) } } } },
            'p-sms': { Endpoint: {}, Events: { s2: { EventType: 'app.opened', Timestamp: daysAgo(20) } } },
          },
        },
      }),
    );
    // Every endpoint received campaign messages moments ago; only p-android was active itself.
    expect(await recipients({ Dimensions: { Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'ACTIVE' } } } })).toEqual(['p-android']);
    expect(await recipients({ Dimensions: { Behavior: { Recency: { Duration: 'DAY_30', RecencyType: 'ACTIVE' } } } })).toEqual(['p-android', 'p-sms']);
    expect(await recipients({ Dimensions: { Behavior: { Recency: { Duration: 'DAY_7', RecencyType: 'INACTIVE' } } } })).toEqual(['p-email', 'p-ios', 'p-sms']);
  });
});

describe('segment groups', () => {
  let us: string;
  let ca: string;
  beforeAll(async () => {
    us = await kit.newSegment(appId, { Name: 'US', Dimensions: { Location: { Country: { Values: ['US'] } } } });
    ca = await kit.newSegment(appId, { Name: 'CA', Dimensions: { Location: { Country: { Values: ['CA'] } } } });
  });

  it('Include ANY: endpoints of any group', async () => {
    expect(await recipients({ SegmentGroups: { Include: 'ANY', Groups: [{ SourceSegments: [{ Id: us }] }, { SourceSegments: [{ Id: ca }] }] } })).toEqual(['p-android', 'p-email', 'p-ios']);
  });

  it('Include ALL: a source segment narrowed by the group dimensions', async () => {
    const groups: SegmentGroupList = { Include: 'ALL', Groups: [{ Type: 'ALL', SourceType: 'ALL', SourceSegments: [{ Id: us }], Dimensions: [{ Demographic: { Channel: { Values: ['EMAIL'] } } }] }] };
    expect(await recipients({ SegmentGroups: groups })).toEqual(['p-email']);
  });

  it('Include NONE: everyone outside the groups', async () => {
    expect(await recipients({ SegmentGroups: { Include: 'NONE', Groups: [{ SourceSegments: [{ Id: us }] }] } })).toEqual(['p-android', 'p-sms']);
  });

  it('SourceType ANY unions the source segments; group Type NONE excludes what its dimensions match', async () => {
    const groups: SegmentGroupList = { Include: 'ALL', Groups: [{ Type: 'NONE', SourceType: 'ANY', SourceSegments: [{ Id: us }, { Id: ca }], Dimensions: [{ Demographic: { Platform: { Values: ['iOS'] } } }] }] };
    expect(await recipients({ SegmentGroups: groups })).toEqual(['p-android', 'p-email']);
  });
});

describe('IMPORT segments', () => {
  it('reach the imported endpoints, registered with the app or not', async () => {
    const importApp = await kit.newApp('imported');
    const path = join(dir, 'members.csv');
    await writeFile(path, ['Id,ChannelType,Address,User.UserId', 'imp-mail,EMAIL,imp@example.com,imp-user', 'imp-sms,SMS,+12065550177,imp-user', 'imp-none,EMAIL,,imp-user'].join('\n'));
    const created = await kit.pinpoint.send(
      new CreateImportJobCommand({
        ApplicationId: importApp,
        ImportJobRequest: { S3Url: pathToFileURL(path).href, RoleArn: 'arn:aws:iam::123456789012:role/import', Format: 'CSV', DefineSegment: true, SegmentName: 'imported', RegisterEndpoints: false },
      }),
    );
    const job = (await kit.pinpoint.send(new GetImportJobCommand({ ApplicationId: importApp, JobId: created.ImportJobResponse!.Id! }))).ImportJobResponse!;
    expect(job.JobStatus).toBe('COMPLETED');
    const campaignId = await kit.newCampaign(importApp, { SegmentId: job.Definition!.SegmentId!, Schedule: { StartTime: 'IMMEDIATE' }, MessageConfiguration: { EmailMessage: { Body: 'Hello {{User.UserId}}' }, SMSMessage: { Body: 'Hi' } } });
    await kit.advance(1);
    await kit.runCampaigns();
    const messages = await kit.campaignMessages(campaignId);
    // imp-none has no address: opted out, as an endpoint written without one would be.
    expect(sortedKeys(messages)).toEqual(['imp-mail', 'imp-sms']);
    expect(messages.get('imp-mail')).toMatchObject({ destination: 'imp@example.com', body: 'Hello imp-user' });
    const [activity] = await kit.activities(importApp, campaignId);
    expect(activity.ExecutionMetrics).toMatchObject({ ENDPOINT_PRODUCED: '3', ENDPOINT_OPT_OUT: '1', SUCCESS: '2' });
  });
});
