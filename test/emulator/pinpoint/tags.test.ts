import {
  BadRequestException,
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  DeleteSegmentCommand,
  GetAppCommand,
  GetCampaignCommand,
  GetSegmentCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Tags over HTTP on apps, campaigns and segments: tags given at creation, TagResource and
// UntagResource (204), ListTagsForResource, the embedded `tags` maps, and unknown or malformed ARNs.

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator();
});
afterAll(() => stack.close());

/** An app, a segment and a campaign, each created with tags. */
async function resources() {
  const app = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'tags', tags: { level: 'app' } } }))).ApplicationResponse!;
  const segment = (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: app.Id, WriteSegmentRequest: { Name: 's', tags: { level: 'segment' } } }))).SegmentResponse!;
  const campaign = (
    await stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: app.Id, WriteCampaignRequest: { SegmentId: segment.Id, Schedule: { StartTime: 'IMMEDIATE' }, tags: { level: 'campaign' } } }))
  ).CampaignResponse!;
  return { app, segment, campaign };
}

async function listTags(ResourceArn: string | undefined) {
  return (await stack.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn }))).TagsModel!.tags;
}

describe('tags lifecycle', () => {
  it('lists the tags given at creation for apps, segments and campaigns', async () => {
    const { app, segment, campaign } = await resources();
    expect(await listTags(app.Arn)).toEqual({ level: 'app' });
    expect(await listTags(segment.Arn)).toEqual({ level: 'segment' });
    expect(await listTags(campaign.Arn)).toEqual({ level: 'campaign' });
  });

  it('adds and overwrites tags (204), removes several keys at once (204), and shows them in the resources', async () => {
    const { app, segment, campaign } = await resources();
    const tagged = await stack.pinpoint.send(new TagResourceCommand({ ResourceArn: campaign.Arn, TagsModel: { tags: { level: 'renamed', 'cost center': '42', owner: 'ann' } } }));
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect(await listTags(campaign.Arn)).toEqual({ level: 'renamed', 'cost center': '42', owner: 'ann' });

    const untagged = await stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: campaign.Arn, TagKeys: ['cost center', 'owner', 'never-set'] }));
    expect(untagged.$metadata.httpStatusCode).toBe(204);
    expect(await listTags(campaign.Arn)).toEqual({ level: 'renamed' });
    expect((await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: app.Id, CampaignId: campaign.Id }))).CampaignResponse!.tags).toEqual({ level: 'renamed' });

    await stack.pinpoint.send(new TagResourceCommand({ ResourceArn: app.Arn, TagsModel: { tags: { env: 'prod' } } }));
    expect((await stack.pinpoint.send(new GetAppCommand({ ApplicationId: app.Id }))).ApplicationResponse!.tags).toEqual({ level: 'app', env: 'prod' });
    await stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: segment.Arn, TagKeys: ['level'] }));
    expect((await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: app.Id, SegmentId: segment.Id }))).SegmentResponse!.tags).toEqual({});
  });

  it('rejects tags over the limits with BadRequestException and keeps the old tags', async () => {
    const { app } = await resources();
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    const cases: Array<[Record<string, string>, string]> = [
      [fifty, 'A resource can have at most 50 tags; this request would leave 51'],
      [{ ['k'.repeat(129)]: 'v' }, `A tag key must be 1 to 128 characters; got '${'k'.repeat(129)}'`],
      [{ big: 'v'.repeat(257) }, "A tag value must be a string of at most 256 characters; got a value of length 257 for key 'big'"],
      [{ 'aws:owner': 'x' }, "Tag keys starting with 'aws:' are reserved for AWS; got 'aws:owner'"],
    ];
    for (const [tags, message] of cases) {
      const error = await stack.pinpoint.send(new TagResourceCommand({ ResourceArn: app.Arn, TagsModel: { tags } })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
    }
    expect(await listTags(app.Arn)).toEqual({ level: 'app' });
  });
});

describe('resource ARNs', () => {
  it('answers NotFoundException 404 for the ARN of a resource that does not exist (or no longer does)', async () => {
    const { app, segment } = await resources();
    await stack.pinpoint.send(new DeleteSegmentCommand({ ApplicationId: app.Id, SegmentId: segment.Id }));
    const missing = [
      segment.Arn!,
      `${app.Arn}/campaigns/0123456789abcdef0123456789abcdef`,
      'arn:aws:mobiletargeting:us-east-1:123456789012:apps/0123456789abcdef0123456789abcdef',
      'arn:aws:mobiletargeting:us-east-1:123456789012:templates/welcome/EMAIL',
      app.Arn!.replace('123456789012', '210987654321'),
      app.Arn!.replace('us-east-1', 'eu-west-1'),
    ];
    for (const arn of missing) {
      const error = await stack.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: arn })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundException);
      expect(error).toMatchObject({ message: `Resource not found: Resource '${arn}' does not exist`, $metadata: { httpStatusCode: 404 } });
    }
    await expect(stack.pinpoint.send(new TagResourceCommand({ ResourceArn: segment.Arn, TagsModel: { tags: { a: 'b' } } }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: segment.Arn, TagKeys: ['a'] }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers BadRequestException for something that is not a Pinpoint ARN', async () => {
    for (const arn of ['not-an-arn', 'arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1']) {
      const error = await stack.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: arn })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).message).toBe(`resource-arn must be an Amazon Pinpoint ARN (arn:aws:mobiletargeting:<region>:<account>:<resource>); got '${arn}'`);
    }
  });
});
