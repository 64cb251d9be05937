import {
  BadRequestException,
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  DeleteAppCommand,
  GetAppCommand,
  GetAppsCommand,
  GetCampaignCommand,
  NotFoundException,
  PinpointClient,
  type ApplicationResponse,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Apps (projects) over HTTP through the real PinpointClient: create, read, list with page
// tokens, delete (which removes everything under the app), and the errors of each.

const NOW = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW } });
});
afterAll(() => stack.close());

async function createApp(name: string, tags?: Record<string, string>): Promise<ApplicationResponse> {
  const out = await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: name, tags } }));
  return out.ApplicationResponse!;
}

describe('CreateApp', () => {
  it('answers 201 with a 32-hex ID, the app ARN, the clock-based creation date and the tags', async () => {
    const out = await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'create-app', tags: { env: 'test' } } }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    const app = out.ApplicationResponse!;
    expect(app.Id).toMatch(/^[0-9a-f]{32}$/);
    expect(app).toEqual({ Id: app.Id, Name: 'create-app', Arn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${app.Id}`, CreationDate: NOW.toISOString(), tags: { env: 'test' } });
  });

  it('rejects a blank name with BadRequestException', async () => {
    const error = await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: '   ' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message: "CreateApplicationRequest.Name must be a non-empty string; got '   '", $metadata: { httpStatusCode: 400 } });
  });

  it('rejects more than 50 tags with BadRequestException', async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    await expect(stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'too-many-tags', tags } }))).rejects.toThrow(
      'A resource can have at most 50 tags; this request would leave 51',
    );
  });
});

describe('GetApp', () => {
  it('returns the app as created', async () => {
    const app = await createApp('get-app', { a: '1' });
    const out = await stack.pinpoint.send(new GetAppCommand({ ApplicationId: app.Id }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.ApplicationResponse).toEqual(app);
  });

  it('answers NotFoundException 404 with the request ID for an unknown app', async () => {
    const error = await stack.pinpoint.send(new GetAppCommand({ ApplicationId: '0123456789abcdef0123456789abcdef' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    const notFound = error as NotFoundException;
    expect(notFound.message).toBe("Resource not found: Application '0123456789abcdef0123456789abcdef' does not exist");
    expect(notFound.$metadata.httpStatusCode).toBe(404);
    expect(notFound.RequestID).toBe(notFound.$metadata.requestId);
  });
});

describe('GetApps', () => {
  it('walks every app page by page with NextToken inside ApplicationsResponse', async () => {
    // A fresh emulator, so the listing holds exactly these apps.
    const own = await startEmulator();
    try {
      const created: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const out = await own.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: `page-${i}` } }));
        created.push(out.ApplicationResponse!.Id!);
      }
      const pages: string[][] = [];
      let token: string | undefined;
      do {
        const out = await own.pinpoint.send(new GetAppsCommand({ PageSize: '2', Token: token }));
        pages.push(out.ApplicationsResponse!.Item!.map((app) => app.Id!));
        token = out.ApplicationsResponse!.NextToken;
      } while (token !== undefined);
      expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
      expect(pages.flat()).toEqual(created);
    } finally {
      await own.close();
    }
  });

  it('rejects a forged or altered token with BadRequestException', async () => {
    await createApp('token-a');
    await createApp('token-b');
    const first = await stack.pinpoint.send(new GetAppsCommand({ PageSize: '1' }));
    const token = first.ApplicationsResponse!.NextToken!;
    expect(token).toBeDefined();
    for (const forged of ['bm90LWEtdG9rZW4', `${token}x`, `MTAw.${token.split('.')[1]}`]) {
      const error = await stack.pinpoint.send(new GetAppsCommand({ PageSize: '1', Token: forged })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).message).toBe('Invalid token: the token was not issued for this query or has been altered');
    }
  });

  it.each(['0', '-1', 'abc', '1.5', '1001'])('rejects page-size %p with BadRequestException', async (pageSize) => {
    await expect(stack.pinpoint.send(new GetAppsCommand({ PageSize: pageSize }))).rejects.toThrow(`page-size must be an integer from 1 to 1000; got '${pageSize}'`);
  });
});

describe('DeleteApp', () => {
  it('returns the deleted app and removes it with everything under it', async () => {
    const app = await createApp('delete-app');
    const segment = await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: app.Id, WriteSegmentRequest: { Name: 's' } }));
    const campaign = await stack.pinpoint.send(
      new CreateCampaignCommand({ ApplicationId: app.Id, WriteCampaignRequest: { Name: 'c', SegmentId: segment.SegmentResponse!.Id, Schedule: { StartTime: 'IMMEDIATE' } } }),
    );
    const out = await stack.pinpoint.send(new DeleteAppCommand({ ApplicationId: app.Id }));
    expect(out.ApplicationResponse).toEqual(app);
    await expect(stack.pinpoint.send(new GetAppCommand({ ApplicationId: app.Id }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: app.Id, CampaignId: campaign.CampaignResponse!.Id }))).rejects.toBeInstanceOf(NotFoundException);
    const again = await stack.pinpoint.send(new DeleteAppCommand({ ApplicationId: app.Id })).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(NotFoundException);
    expect((again as NotFoundException).$metadata.httpStatusCode).toBe(404);
  });
});

describe('state isolation', () => {
  it('keeps apps per account and per region on one emulator', async () => {
    const client = (accessKeyId: string, region: string) => new PinpointClient({ endpoint: stack.emulator.endpoint, region, credentials: { accessKeyId, secretAccessKey: 'x' } });
    const otherAccount = client('210987654321', 'us-east-1');
    const otherRegion = client('123456789012', 'eu-west-1');
    try {
      const mine = await otherAccount.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'account-b' } }));
      expect(mine.ApplicationResponse!.Arn).toBe(`arn:aws:mobiletargeting:us-east-1:210987654321:apps/${mine.ApplicationResponse!.Id}`);
      const eu = await otherRegion.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'region-b' } }));
      expect(eu.ApplicationResponse!.Arn).toBe(`arn:aws:mobiletargeting:eu-west-1:123456789012:apps/${eu.ApplicationResponse!.Id}`);
      await expect(stack.pinpoint.send(new GetAppCommand({ ApplicationId: mine.ApplicationResponse!.Id }))).rejects.toBeInstanceOf(NotFoundException);
      await expect(stack.pinpoint.send(new GetAppCommand({ ApplicationId: eu.ApplicationResponse!.Id }))).rejects.toBeInstanceOf(NotFoundException);
      await expect(otherAccount.send(new GetAppCommand({ ApplicationId: eu.ApplicationResponse!.Id }))).rejects.toBeInstanceOf(NotFoundException);
    } finally {
      otherAccount.destroy();
      otherRegion.destroy();
    }
  });
});
