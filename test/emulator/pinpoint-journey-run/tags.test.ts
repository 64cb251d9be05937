import {
  CreateAppCommand,
  CreateEmailTemplateCommand,
  CreateJourneyCommand,
  CreateRecommenderConfigurationCommand,
  CreateSmsTemplateCommand,
  DeleteAppCommand,
  GetEmailTemplateCommand,
  GetJourneyCommand,
  ListTagsForResourceCommand,
  NotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Tags on every taggable Pinpoint resource besides apps, campaigns and segments: message
// templates (seed 002's Tags resource) and journeys (IAM's taggable resource types), addressed by
// their ARNs; other resources (recommenders) have nothing to tag.

const ACCOUNT = 'arn:aws:mobiletargeting:us-east-1:123456789012';
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => new Date('2025-06-02T09:00:00.000Z') } });
});
afterAll(() => stack.close());

const tagsOf = async (arn: string) => (await stack.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).TagsModel!.tags;
const notFound = async (arn: string) => {
  const error = await stack.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: arn })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NotFoundException);
  expect(error).toMatchObject({ message: `Resource not found: Resource '${arn}' does not exist`, $metadata: { httpStatusCode: 404 } });
};

it('tags, lists and untags a message template by its ARN, per template type', async () => {
  await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: 'Tagged', EmailTemplateRequest: { Subject: 's', tags: { team: 'crm' } } }));
  await stack.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: 'Tagged', SMSTemplateRequest: { Body: 'b' } }));
  const email = `${ACCOUNT}:templates/Tagged/EMAIL`;
  const sms = `${ACCOUNT}:templates/Tagged/SMS`;
  expect(await tagsOf(email)).toEqual({ team: 'crm' });
  expect(await tagsOf(sms)).toEqual({});

  const tagged = await stack.pinpoint.send(new TagResourceCommand({ ResourceArn: email, TagsModel: { tags: { env: 'prod', team: 'growth' } } }));
  expect(tagged.$metadata.httpStatusCode).toBe(204);
  expect(await tagsOf(email)).toEqual({ team: 'growth', env: 'prod' });
  expect((await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: 'Tagged' }))).EmailTemplateResponse!.tags).toEqual({ team: 'growth', env: 'prod' });
  expect(await tagsOf(sms)).toEqual({});

  const untagged = await stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: email, TagKeys: ['team', 'absent'] }));
  expect(untagged.$metadata.httpStatusCode).toBe(204);
  expect(await tagsOf(email)).toEqual({ env: 'prod' });
});

it('tags a journey by its ARN, and GetJourney shows the tags', async () => {
  const appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'tags' } }))).ApplicationResponse!.Id!;
  const journeyId = (await stack.pinpoint.send(new CreateJourneyCommand({ ApplicationId: appId, WriteJourneyRequest: { Name: 'tagged' } }))).JourneyResponse!.Id!;
  const arn = `${ACCOUNT}:apps/${appId}/journeys/${journeyId}`;
  expect(await tagsOf(arn)).toEqual({});
  await stack.pinpoint.send(new TagResourceCommand({ ResourceArn: arn, TagsModel: { tags: { owner: 'lifecycle' } } }));
  expect(await tagsOf(arn)).toEqual({ owner: 'lifecycle' });
  expect((await stack.pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyResponse!.tags).toEqual({ owner: 'lifecycle' });
  await stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['owner'] }));
  expect(await tagsOf(arn)).toEqual({});

  // The journeys of a deleted app are gone with it.
  await stack.pinpoint.send(new DeleteAppCommand({ ApplicationId: appId }));
  await notFound(arn);
});

it('answers NotFoundException for templates and journeys that do not exist and for resources that take no tags', async () => {
  const appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'missing' } }))).ApplicationResponse!.Id!;
  const recommender = await stack.pinpoint.send(
    new CreateRecommenderConfigurationCommand({
      CreateRecommenderConfiguration: {
        RecommendationProviderUri: 'arn:aws:personalize:us-east-1:123456789012:campaign/picks',
        RecommendationProviderRoleArn: 'arn:aws:iam::123456789012:role/picks',
        RecommendationsDisplayName: 'Picks',
      },
    }),
  );
  for (const arn of [
    `${ACCOUNT}:templates/Nope/EMAIL`,
    `${ACCOUNT}:templates/Tagged/VOICE`,
    `${ACCOUNT}:templates/Tagged/email`,
    `${ACCOUNT}:apps/${appId}/journeys/0123456789abcdef0123456789abcdef`,
    `${ACCOUNT}:recommenders/${recommender.RecommenderConfigurationResponse!.Id}`,
    'arn:aws:mobiletargeting:eu-west-1:123456789012:templates/Tagged/EMAIL',
  ]) {
    await notFound(arn);
  }
  await expect(stack.pinpoint.send(new TagResourceCommand({ ResourceArn: `${ACCOUNT}:templates/Nope/SMS`, TagsModel: { tags: { a: 'b' } } }))).rejects.toBeInstanceOf(NotFoundException);
});
