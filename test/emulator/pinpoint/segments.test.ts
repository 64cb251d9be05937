import {
  BadRequestException,
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  DeleteSegmentCommand,
  GetCampaignCommand,
  GetSegmentCommand,
  GetSegmentsCommand,
  GetSegmentVersionCommand,
  GetSegmentVersionsCommand,
  NotFoundException,
  UpdateSegmentCommand,
  type SegmentDimensions,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Segments over HTTP: create, read, list, versioned updates, deletion (allowed even when a
// campaign uses the segment, which then reports DELETED), and the errors of each.

let now = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

const gold: SegmentDimensions = { Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold'] } } };

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'segments' } }))).ApplicationResponse!.Id!;
}

async function createSegment(appId: string, name = 'seg', dimensions: SegmentDimensions = gold) {
  return (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: name, Dimensions: dimensions, tags: { owner: 'qa' } } }))).SegmentResponse!;
}

describe('CreateSegment and GetSegment', () => {
  it('creates a DIMENSIONAL segment at version 1 (201) and reads it back', async () => {
    const appId = await createApp();
    const out = await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'Gold', Dimensions: gold, tags: { owner: 'qa' } } }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    const segment = out.SegmentResponse!;
    expect(segment.Id).toMatch(/^[0-9a-f]{32}$/);
    expect(segment).toEqual({
      Id: segment.Id,
      Arn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${appId}/segments/${segment.Id}`,
      ApplicationId: appId,
      Name: 'Gold',
      SegmentType: 'DIMENSIONAL',
      Dimensions: gold,
      Version: 1,
      CreationDate: now.toISOString(),
      LastModifiedDate: now.toISOString(),
      tags: { owner: 'qa' },
    });
    expect((await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: segment.Id }))).SegmentResponse).toEqual(segment);
  });

  it('accepts segment groups over an existing source segment version', async () => {
    const appId = await createApp();
    const base = await createSegment(appId);
    const groups = { Include: 'ALL' as const, Groups: [{ Type: 'ALL' as const, SourceType: 'ANY' as const, SourceSegments: [{ Id: base.Id!, Version: 1 }] }] };
    const out = await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'derived', SegmentGroups: groups } }));
    expect(out.SegmentResponse!.SegmentGroups).toEqual(groups);
  });

  it('answers NotFoundException for a missing source segment or source version', async () => {
    const appId = await createApp();
    const base = await createSegment(appId);
    const groups = (Id: string, Version: number) => ({ Groups: [{ SourceSegments: [{ Id, Version }] }] });
    await expect(stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { SegmentGroups: groups('nope', 1) } }))).rejects.toThrow(
      "Resource not found: Segment 'nope' does not exist",
    );
    const error = await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { SegmentGroups: groups(base.Id!, 7) } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).message).toBe(`Resource not found: Segment version '${base.Id}/versions/7' does not exist`);
  });

  it('rejects more than 100 dimensions with BadRequestException', async () => {
    const appId = await createApp();
    const Attributes = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`a${i}`, { Values: ['x'] }]));
    const error = await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Dimensions: { Attributes } } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe('A segment can have at most 100 dimensions; got 101');
  });

  it('answers NotFoundException 404 for an unknown segment or app', async () => {
    const appId = await createApp();
    const error = await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: 'missing' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({ message: "Resource not found: Segment 'missing' does not exist", $metadata: { httpStatusCode: 404 } });
    await expect(stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: 'no-app', SegmentId: 'missing' }))).rejects.toThrow("Resource not found: Application 'no-app' does not exist");
  });
});

describe('GetSegments', () => {
  it('pages through the segments of one app', async () => {
    const appId = await createApp();
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createSegment(appId, `s${i}`)).Id);
    const first = await stack.pinpoint.send(new GetSegmentsCommand({ ApplicationId: appId, PageSize: '2' }));
    expect(first.SegmentsResponse!.Item!.map((s) => s.Id)).toEqual(ids.slice(0, 2));
    const second = await stack.pinpoint.send(new GetSegmentsCommand({ ApplicationId: appId, PageSize: '2', Token: first.SegmentsResponse!.NextToken }));
    expect(second.SegmentsResponse!.Item!.map((s) => s.Id)).toEqual(ids.slice(2));
    expect(second.SegmentsResponse!.NextToken).toBeUndefined();
  });

  it("rejects another app's token with BadRequestException", async () => {
    const appA = await createApp();
    const appB = await createApp();
    for (const appId of [appA, appB]) for (let i = 0; i < 2; i += 1) await createSegment(appId);
    const token = (await stack.pinpoint.send(new GetSegmentsCommand({ ApplicationId: appA, PageSize: '1' }))).SegmentsResponse!.NextToken;
    await expect(stack.pinpoint.send(new GetSegmentsCommand({ ApplicationId: appB, PageSize: '1', Token: token }))).rejects.toBeInstanceOf(BadRequestException);
  });
});

describe('UpdateSegment and versions', () => {
  it('makes a new version per update, keeps what the update leaves out, and ignores tags', async () => {
    const appId = await createApp();
    const created = await createSegment(appId, 'v1');
    now = new Date('2025-03-16T00:00:00.000Z');
    const silver: SegmentDimensions = { Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold', 'silver'] } } };
    const v2 = await stack.pinpoint.send(new UpdateSegmentCommand({ ApplicationId: appId, SegmentId: created.Id, WriteSegmentRequest: { Dimensions: silver, tags: { ignored: 'yes' } } }));
    expect(v2.SegmentResponse).toMatchObject({ Version: 2, Name: 'v1', Dimensions: silver, LastModifiedDate: '2025-03-16T00:00:00.000Z', CreationDate: created.CreationDate, tags: { owner: 'qa' } });
    const v3 = await stack.pinpoint.send(new UpdateSegmentCommand({ ApplicationId: appId, SegmentId: created.Id, WriteSegmentRequest: { Name: 'v3' } }));
    expect(v3.SegmentResponse).toMatchObject({ Version: 3, Name: 'v3', Dimensions: silver });

    expect((await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: created.Id }))).SegmentResponse!.Version).toBe(3);
    const old = await stack.pinpoint.send(new GetSegmentVersionCommand({ ApplicationId: appId, SegmentId: created.Id, Version: '1' }));
    expect(old.SegmentResponse).toEqual(created);

    const page1 = await stack.pinpoint.send(new GetSegmentVersionsCommand({ ApplicationId: appId, SegmentId: created.Id, PageSize: '2' }));
    const page2 = await stack.pinpoint.send(new GetSegmentVersionsCommand({ ApplicationId: appId, SegmentId: created.Id, PageSize: '2', Token: page1.SegmentsResponse!.NextToken }));
    expect([...page1.SegmentsResponse!.Item!, ...page2.SegmentsResponse!.Item!].map((v) => [v.Version, v.Name])).toEqual([[1, 'v1'], [2, 'v1'], [3, 'v3']]);
    expect(page2.SegmentsResponse!.NextToken).toBeUndefined();
  });

  it('answers NotFoundException for a version that does not exist and BadRequestException for one that is not a number', async () => {
    const appId = await createApp();
    const segment = await createSegment(appId);
    await expect(stack.pinpoint.send(new GetSegmentVersionCommand({ ApplicationId: appId, SegmentId: segment.Id, Version: '2' }))).rejects.toBeInstanceOf(NotFoundException);
    const error = await stack.pinpoint.send(new GetSegmentVersionCommand({ ApplicationId: appId, SegmentId: segment.Id, Version: 'latest' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe("version must be a positive integer; got 'latest'");
  });

  it('answers NotFoundException when updating an unknown segment', async () => {
    const appId = await createApp();
    await expect(stack.pinpoint.send(new UpdateSegmentCommand({ ApplicationId: appId, SegmentId: 'missing', WriteSegmentRequest: { Name: 'x' } }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('DeleteSegment', () => {
  it('returns the deleted segment; campaigns that used it then report DELETED', async () => {
    const appId = await createApp();
    const segment = await createSegment(appId);
    const campaign = await stack.pinpoint.send(
      new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: { Name: 'c', SegmentId: segment.Id, Schedule: { StartTime: '2030-01-01T00:00:00Z' } } }),
    );
    expect(campaign.CampaignResponse!.State).toEqual({ CampaignStatus: 'SCHEDULED' });
    const out = await stack.pinpoint.send(new DeleteSegmentCommand({ ApplicationId: appId, SegmentId: segment.Id }));
    expect(out.SegmentResponse).toEqual(segment);
    await expect(stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: segment.Id }))).rejects.toBeInstanceOf(NotFoundException);
    const after = await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: campaign.CampaignResponse!.Id }));
    expect(after.CampaignResponse!.State).toEqual({ CampaignStatus: 'DELETED' });
    await expect(stack.pinpoint.send(new DeleteSegmentCommand({ ApplicationId: appId, SegmentId: segment.Id }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
