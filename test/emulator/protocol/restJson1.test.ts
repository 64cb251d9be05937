import {
  BadRequestException,
  ConflictException,
  CreateAppCommand,
  ForbiddenException,
  GetAppsCommand,
  GetCampaignCommand,
  GetCampaignDateRangeKpiCommand,
  InternalServerErrorException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  PinpointServiceException,
  TagResourceCommand,
  TooManyRequestsException,
  UntagResourceCommand,
} from '@aws-sdk/client-pinpoint';
import { ServiceError, type RequestContext } from '../../../src/emulator';
import { readJson, startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// restJson1 over the wire with the real v3 Pinpoint client and a tiny echo service: routing on
// the raw path, label decoding, query lists, payload wrappers, jsonName, timestamps, success
// codes, headers and the error envelope parsed into the SDK's exception classes.

const seen: Record<string, unknown> = {};
const pinpoint = testService('pinpoint', {
  GetCampaign: (input) => {
    seen.GetCampaign = input;
    if (input.CampaignId === 'missing') throw new ServiceError('NotFoundException', `Campaign ${input.CampaignId} not found`);
    if (input.CampaignId === 'boom') throw new Error('handler bug');
    if (input.CampaignId.endsWith('Exception')) throw new ServiceError(input.CampaignId, `provoked ${input.CampaignId}`);
    return { CampaignResponse: { Id: input.CampaignId, ApplicationId: input.ApplicationId, Arn: 'arn', CreationDate: '2024-01-01T00:00:00Z', LastModifiedDate: 'x', SegmentId: 's', SegmentVersion: 1, tags: { team: 'a' } } };
  },
  GetApps: (input, ctx: RequestContext) => {
    seen.GetApps = input;
    return { ApplicationsResponse: { Item: [{ Id: ctx.accountId, Name: ctx.region, Arn: 'arn', tags: { k: 'v' } }], NextToken: 'n1' } };
  },
  CreateApp: (input) => {
    seen.CreateApp = input;
    return { ApplicationResponse: { Id: 'app1', Name: input.CreateApplicationRequest.Name, Arn: 'arn', tags: input.CreateApplicationRequest.tags } };
  },
  UntagResource: (input) => void (seen.UntagResource = input),
  TagResource: (input) => void (seen.TagResource = input),
  GetCampaignDateRangeKpi: (input) => {
    seen.GetCampaignDateRangeKpi = input;
    return { CampaignDateRangeKpiResponse: { ApplicationId: input.ApplicationId, CampaignId: input.CampaignId, KpiName: input.KpiName, StartTime: input.StartTime, EndTime: input.EndTime, KpiResult: { Rows: [] } } };
  },
});

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ services: { pinpoint }, maxAttempts: 1 });
});
afterAll(() => stack.close());

const raw = (path: string, init?: RequestInit) => fetch(`${stack.emulator.endpoint}${path}`, init);

describe('restJson1 input binding', () => {
  it('matches on the raw path and percent-decodes each label (labels are not greedy)', async () => {
    const out = await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: 'a 1/x', CampaignId: 'c:1' }));
    expect(seen.GetCampaign).toEqual({ ApplicationId: 'a 1/x', CampaignId: 'c:1' });
    expect(out.CampaignResponse).toMatchObject({ Id: 'c:1', ApplicationId: 'a 1/x', tags: { team: 'a' } });
    expect(out.$metadata.httpStatusCode).toBe(200);
  });

  it('binds an encoded ARN label and repeated query keys as a list; answers 204 with no body', async () => {
    const arn = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc';
    const out = await stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a', 'b c'] }));
    expect(seen.UntagResource).toEqual({ ResourceArn: arn, TagKeys: ['a', 'b c'] });
    expect(out.$metadata.httpStatusCode).toBe(204);
  });

  it('binds the payload member to the whole body, with jsonName `tags`, and answers 201', async () => {
    const out = await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'n', tags: { k: 'v' } } }));
    expect(seen.CreateApp).toEqual({ CreateApplicationRequest: { Name: 'n', tags: { k: 'v' } } });
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.ApplicationResponse).toEqual({ Id: 'app1', Name: 'n', Arn: 'arn', tags: { k: 'v' } });
    const wire = await raw('/v1/apps', { method: 'POST', body: JSON.stringify({ Name: 'w', tags: { t: '1' } }) });
    expect(wire.status).toBe(201);
    expect(seen.CreateApp).toEqual({ CreateApplicationRequest: { Name: 'w', tags: { t: '1' } } });
    expect(await readJson(wire)).toEqual({ Id: 'app1', Name: 'w', Arn: 'arn', tags: { t: '1' } });
  });

  it('passes page-size as a string and the token; uses the credential scope for account and region', async () => {
    const out = await stack.pinpoint.send(new GetAppsCommand({ PageSize: '5', Token: 'abc' }));
    expect(seen.GetApps).toEqual({ PageSize: '5', Token: 'abc' });
    expect(out.ApplicationsResponse).toEqual({ Item: [{ Id: '123456789012', Name: 'us-east-1', Arn: 'arn', tags: { k: 'v' } }], NextToken: 'n1' });
  });

  it('reads ISO-8601 query timestamps into Dates and writes them back as ISO-8601', async () => {
    const [start, end] = [new Date('2024-03-01T00:00:00Z'), new Date('2024-03-02T12:30:00Z')];
    const out = await stack.pinpoint.send(new GetCampaignDateRangeKpiCommand({ ApplicationId: 'a', CampaignId: 'c', KpiName: 'unique-deliveries', StartTime: start, EndTime: end }));
    expect(seen.GetCampaignDateRangeKpi).toEqual({ ApplicationId: 'a', CampaignId: 'c', KpiName: 'unique-deliveries', StartTime: start, EndTime: end });
    expect(out.CampaignDateRangeKpiResponse).toMatchObject({ StartTime: start, EndTime: end });
    const wire = await raw('/v1/apps/a/campaigns/c/kpis/daterange/k?start-time=2024-03-01T00%3A00%3A00Z');
    expect((await readJson(wire)).StartTime).toBe('2024-03-01T00:00:00.000Z');
  });

  it('answers a body-less TagResource 204 and reads the tags map', async () => {
    const out = await stack.pinpoint.send(new TagResourceCommand({ ResourceArn: 'arn:x', TagsModel: { tags: { a: '1' } } }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(seen.TagResource).toEqual({ ResourceArn: 'arn:x', TagsModel: { tags: { a: '1' } } });
  });

  it('sends the Pinpoint response headers', async () => {
    const res = await raw('/v1/apps');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('restJson1 errors', () => {
  const modelled = [
    [BadRequestException, 400, 'client'],
    [ForbiddenException, 403, 'client'],
    [NotFoundException, 404, 'client'],
    [MethodNotAllowedException, 405, 'client'],
    [ConflictException, 409, 'client'],
    [PayloadTooLargeException, 413, 'client'],
    [TooManyRequestsException, 429, 'client'],
    [InternalServerErrorException, 500, 'server'],
  ] as const;

  it.each(modelled)('a handler throwing %p reaches the SDK as that class', async (ErrorClass, status, fault) => {
    const name = ErrorClass.name;
    const error = await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: 'a', CampaignId: name })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    const e = error as InstanceType<typeof ErrorClass>;
    expect([e.name, e.message, e.$fault, e.$metadata.httpStatusCode]).toEqual([name, `provoked ${name}`, fault, status]);
    expect(e.RequestID).toBe(e.$metadata.requestId);
  });

  it('writes the envelope as X-Amzn-ErrorType + {Message, RequestID}, no __type', async () => {
    const res = await raw('/v1/apps/a/campaigns/missing');
    const body = await readJson(res);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(body).toEqual({ Message: 'Campaign missing not found', RequestID: res.headers.get('x-amzn-requestid') });
  });

  it('turns an unexpected handler failure into InternalServerErrorException 500', async () => {
    const error = await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: 'a', CampaignId: 'boom' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerErrorException);
    expect((error as Error).message).toBe('Internal emulator error: handler bug');
  });

  it('answers malformed JSON with BadRequestException 400', async () => {
    const res = await raw('/v1/apps', { method: 'POST', body: '{"Name": ' });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([400, 'BadRequestException']);
    expect((await readJson(res)).Message).toMatch(/^The request body is not valid JSON: /);
  });

  it('answers a body of the wrong JSON type with BadRequestException 400', async () => {
    const res = await raw('/v1/apps', { method: 'POST', body: '{"Name": 5}' });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([400, 'BadRequestException']);
    expect((await readJson(res)).Message).toBe("Value at 'Name' is not a valid string");
  });

  it('refuses a body over 16 MiB with PayloadTooLargeException 413 without storing it', async () => {
    const res = await raw('/v1/apps', { method: 'POST', body: Buffer.alloc(16 * 1024 * 1024 + 1, 'x') });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([413, 'PayloadTooLargeException']);
  });

  it('answers an unknown path with NotFoundException 404 and a known path under another method with 405', async () => {
    const unknown = await raw('/v1/nothing-here');
    expect([unknown.status, unknown.headers.get('x-amzn-errortype')]).toEqual([404, 'NotFoundException']);
    expect((await readJson(unknown)).Message).toBe('No Amazon Pinpoint operation matches GET /v1/nothing-here');
    const wrongMethod = await raw('/v1/apps/a/campaigns/c', { method: 'PATCH' });
    expect([wrongMethod.status, wrongMethod.headers.get('x-amzn-errortype')]).toEqual([405, 'MethodNotAllowedException']);
    expect((await readJson(wrongMethod)).Message).toBe('PATCH is not allowed on /v1/apps/a/campaigns/c; allowed: DELETE, GET, PUT');
  });

  it('answers an error the model does not know (a fault rule) with its status, parsed as the service base exception', async () => {
    stack.emulator.setFaults({ operation: 'GetApps', errorCode: 'ServiceUnavailable', status: 503, count: 1 });
    const error = await stack.pinpoint.send(new GetAppsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinpointServiceException);
    expect([(error as PinpointServiceException).name, (error as PinpointServiceException).$metadata.httpStatusCode]).toEqual(['ServiceUnavailable', 503]);
  });
});
