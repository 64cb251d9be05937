import {
  BadRequestException,
  CreateRecommenderConfigurationCommand,
  DeleteRecommenderConfigurationCommand,
  GetRecommenderConfigurationCommand,
  GetRecommenderConfigurationsCommand,
  NotFoundException,
  UpdateRecommenderConfigurationCommand,
  type CreateRecommenderConfigurationShape,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Recommender model configurations over HTTP: account-level CRUD with defaults, paging, isolation
// between accounts, NotFoundException for unknown IDs, and seed 002's rules for each member.

let now = new Date('2025-06-01T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

const URI = 'arn:aws:personalize:us-east-1:123456789012:campaign/top-picks';
const ROLE = 'arn:aws:iam::123456789012:role/pinpoint-personalize';
const MINIMAL: CreateRecommenderConfigurationShape = { RecommendationProviderUri: URI, RecommendationProviderRoleArn: ROLE, RecommendationsDisplayName: 'Top picks' };

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

async function create(shape: CreateRecommenderConfigurationShape) {
  return (await stack.pinpoint.send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: shape }))).RecommenderConfigurationResponse!;
}

describe('recommender configurations', () => {
  it('creates with defaults (5 per message, PINPOINT_ENDPOINT_ID), gets, replaces on update, and deletes', async () => {
    now = new Date('2025-06-01T12:00:00.000Z');
    const created = await create({ ...MINIMAL, Name: 'Top picks', Description: 'Best sellers (weekly)' });
    expect(created.Id).toMatch(/^[0-9a-f]{32}$/);
    const expected = {
      Id: created.Id,
      CreationDate: '2025-06-01T12:00:00.000Z',
      LastModifiedDate: '2025-06-01T12:00:00.000Z',
      Name: 'Top picks',
      Description: 'Best sellers (weekly)',
      RecommendationProviderUri: URI,
      RecommendationProviderRoleArn: ROLE,
      RecommendationsPerMessage: 5,
      RecommendationProviderIdType: 'PINPOINT_ENDPOINT_ID',
      RecommendationsDisplayName: 'Top picks',
    };
    expect(created).toEqual(expected);
    expect((await stack.pinpoint.send(new GetRecommenderConfigurationCommand({ RecommenderId: created.Id }))).RecommenderConfigurationResponse).toEqual(expected);

    now = new Date('2025-06-02T08:00:00.000Z');
    const lambdaShape: CreateRecommenderConfigurationShape = {
      RecommendationProviderUri: URI,
      RecommendationProviderRoleArn: ROLE,
      RecommendationTransformerUri: 'arn:aws:lambda:us-east-1:123456789012:function:enrich-picks',
      RecommendationsPerMessage: 2,
      RecommendationProviderIdType: 'PINPOINT_USER_ID',
      Attributes: { Recommendations_Title: 'Title', 'Recommendations_Price-1': 'Price' },
    };
    const updated = await stack.pinpoint.send(new UpdateRecommenderConfigurationCommand({ RecommenderId: created.Id, UpdateRecommenderConfiguration: lambdaShape }));
    const replaced = { ...lambdaShape, Id: created.Id, CreationDate: '2025-06-01T12:00:00.000Z', LastModifiedDate: '2025-06-02T08:00:00.000Z' };
    expect(updated.RecommenderConfigurationResponse).toEqual(replaced);

    expect((await stack.pinpoint.send(new DeleteRecommenderConfigurationCommand({ RecommenderId: created.Id }))).RecommenderConfigurationResponse).toEqual(replaced);
    const gone = await errorOf(stack.pinpoint.send(new GetRecommenderConfigurationCommand({ RecommenderId: created.Id })));
    expect(gone).toBeInstanceOf(NotFoundException);
    expect(gone.message).toBe(`Resource not found: Recommender configuration '${created.Id}' does not exist`);
  });

  it('answers NotFoundException for an unknown ID on get, update and delete', async () => {
    for (const command of [
      new GetRecommenderConfigurationCommand({ RecommenderId: 'unknown' }),
      new UpdateRecommenderConfigurationCommand({ RecommenderId: 'unknown', UpdateRecommenderConfiguration: MINIMAL }),
      new DeleteRecommenderConfigurationCommand({ RecommenderId: 'unknown' }),
    ]) {
      expect(await errorOf(stack.pinpoint.send(command as any))).toBeInstanceOf(NotFoundException);
    }
  });

  it('pages GetRecommenderConfigurations in creation order, per account', async () => {
    const other = await startEmulator({ accessKeyId: '210987654321' });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const created = await other.pinpoint.send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: { ...MINIMAL, Name: `model-${i}` } }));
        ids.push(created.RecommenderConfigurationResponse!.Id!);
      }
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await other.pinpoint.send(new GetRecommenderConfigurationsCommand({ PageSize: '2', Token: token }));
        seen.push(...page.ListRecommenderConfigurationsResponse!.Item!.map((item) => item.Id!));
        token = page.ListRecommenderConfigurationsResponse!.NextToken;
        pages += 1;
      } while (token !== undefined);
      expect(seen).toEqual(ids);
      expect(pages).toBe(3);
      const tampered = await errorOf(other.pinpoint.send(new GetRecommenderConfigurationsCommand({ PageSize: '2', Token: 'bogus.token' })));
      expect(tampered).toBeInstanceOf(BadRequestException);
    } finally {
      await other.close();
    }
  });

  const lambda = 'arn:aws:lambda:us-east-1:123456789012:function:enrich';
  it.each([
    [{ ...MINIMAL, RecommendationProviderUri: 'arn:aws:personalize:us-east-1:123456789012:solution/x' }, "CreateRecommenderConfiguration.RecommendationProviderUri must be an ARN of the form arn:aws:personalize:<region>:<account-id>:campaign/<name> (an Amazon Personalize campaign); got 'arn:aws:personalize:us-east-1:123456789012:solution/x'"],
    [{ ...MINIMAL, RecommendationProviderRoleArn: 'role' }, "CreateRecommenderConfiguration.RecommendationProviderRoleArn must be an IAM role ARN (arn:aws:iam::<account-id>:role/<role-name>); got 'role'"],
    [{ ...MINIMAL, RecommendationsPerMessage: 6 }, 'CreateRecommenderConfiguration.RecommendationsPerMessage must be an integer from 1 to 5; got 6'],
    [{ ...MINIMAL, RecommendationProviderIdType: 'EMAIL' }, "CreateRecommenderConfiguration.RecommendationProviderIdType must be one of PINPOINT_ENDPOINT_ID, PINPOINT_USER_ID; got 'EMAIL'"],
    [{ ...MINIMAL, Name: '-starts-with-dash' }, "CreateRecommenderConfiguration.Name must start with a letter or number and contain up to 128 letters, numbers, spaces, '_' or '-'; got '-starts-with-dash'"],
    [{ ...MINIMAL, RecommendationsDisplayName: undefined }, "CreateRecommenderConfiguration.RecommendationsDisplayName is required when the configuration doesn't invoke a Lambda function (RecommendationTransformerUri)"],
    [{ ...MINIMAL, Attributes: { a: 'A' } }, 'CreateRecommenderConfiguration.Attributes is only for configurations that invoke a Lambda function (RecommendationTransformerUri); leave it out'],
    [{ ...MINIMAL, RecommendationTransformerUri: lambda }, 'CreateRecommenderConfiguration.Attributes must define 1 to 10 attributes when RecommendationTransformerUri is set; got 0'],
    [{ ...MINIMAL, RecommendationTransformerUri: lambda, Attributes: { 'bad name!': 'x' } }, "CreateRecommenderConfiguration.Attributes names must start with a letter or number and contain up to 50 letters, numbers, '_' or '-'; got 'bad name!'"],
    [{ ...MINIMAL, RecommendationsDisplayName: 'A display name that is far too long' }, "CreateRecommenderConfiguration.RecommendationsDisplayName must be 1 to 25 letters, numbers, spaces, '_' or '-'; got 'A display name that is far too long'"],
    [{ RecommendationProviderUri: URI }, "1 validation error detected: Value null at 'CreateRecommenderConfiguration.RecommendationProviderRoleArn' failed to satisfy constraint: Member must not be null"],
  ])('rejects %j with BadRequestException', async (shape, message) => {
    const error = await errorOf(stack.pinpoint.send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: shape as CreateRecommenderConfigurationShape })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.message).toBe(message);
  });
});
