import {
  AccessDeniedException,
  ConflictException,
  DescribePhoneNumbersCommand,
  InternalServerException,
  PinpointSMSVoiceV2ServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { ServiceError } from '../../../src/emulator';
import { readJson, startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// awsJson1_0 over the wire with the real v3 SMS v2 client and a tiny echo service: target
// routing, epoch-seconds timestamps, Content-Type, and the `__type` error envelope parsed
// into the SDK's exception classes with their modelled members.

const created = new Date('2024-05-06T07:08:09Z');
let lastInput: unknown;
const sms = testService('sms-voice-v2', {
  DescribePhoneNumbers: (input, ctx) => {
    lastInput = input;
    const provoke = input.PhoneNumberIds?.[0] as string | undefined;
    if (provoke === 'crash') throw new Error('handler bug');
    if (provoke?.endsWith('Exception')) throw new ServiceError(provoke, `provoked ${provoke}`, { Reason: 'R', ResourceType: 'phone-number', ResourceId: 'p1', Fields: [{ Name: 'f', Message: 'm' }] });
    return { PhoneNumbers: [{ PhoneNumberArn: `arn:aws:sms-voice:${ctx.region}:${ctx.accountId}:phone-number/p1`, PhoneNumberId: 'p1', CreatedTimestamp: created, MonthlyLeasingPrice: '1.00' }], NextToken: 'next' };
  },
});

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ services: { 'sms-voice-v2': sms }, maxAttempts: 1, accessKeyId: 'AKIDEXAMPLE', region: 'eu-west-1' });
});
afterAll(() => stack.close());

const post = (target: string | undefined, body: string, path = '/') =>
  fetch(`${stack.emulator.endpoint}${path}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-amz-json-1.0', ...(target ? { 'X-Amz-Target': target } : {}) } });

describe('awsJson1_0 success path', () => {
  it('routes by X-Amz-Target, reads the body, writes epoch-seconds timestamps the SDK parses back', async () => {
    const out = await stack.sms.send(new DescribePhoneNumbersCommand({ MaxResults: 5, Filters: [{ Name: 'status', Values: ['ACTIVE'] }] }));
    expect(lastInput).toEqual({ MaxResults: 5, Filters: [{ Name: 'status', Values: ['ACTIVE'] }] });
    // A non-12-digit access key acts in the default account; the region comes from the credential scope.
    expect(out.PhoneNumbers).toEqual([{ PhoneNumberArn: 'arn:aws:sms-voice:eu-west-1:123456789012:phone-number/p1', PhoneNumberId: 'p1', CreatedTimestamp: created, MonthlyLeasingPrice: '1.00' }]);
    expect(out.NextToken).toBe('next');
  });

  it('accepts an empty body as {} and answers with the awsJson Content-Type and a request ID', async () => {
    const res = await post('PinpointSMSVoiceV2.DescribePhoneNumbers', '');
    expect(res.status).toBe(200);
    expect(lastInput).toEqual({});
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await readJson(res)).PhoneNumbers[0].CreatedTimestamp).toBe(created.getTime() / 1000);
  });
});

describe('awsJson1_0 errors', () => {
  const modelled = [
    [AccessDeniedException, 400, 'client', { Reason: 'R' }],
    [ConflictException, 400, 'client', { Reason: 'R', ResourceType: 'phone-number', ResourceId: 'p1' }],
    [ResourceNotFoundException, 400, 'client', { ResourceType: 'phone-number', ResourceId: 'p1' }],
    [ServiceQuotaExceededException, 400, 'client', { Reason: 'R' }],
    [ThrottlingException, 400, 'client', {}],
    [ValidationException, 400, 'client', { Reason: 'R', Fields: [{ Name: 'f', Message: 'm' }] }],
    [InternalServerException, 500, 'server', {}],
  ] as const;

  it.each(modelled)('a handler throwing %p reaches the SDK as that class with its members', async (ErrorClass, status, fault, members) => {
    const name = ErrorClass.name;
    const error = await stack.sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [name] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    const e = error as PinpointSMSVoiceV2ServiceException & Record<string, unknown>;
    expect([e.name, e.message, e.$fault, e.$metadata.httpStatusCode]).toEqual([name, `provoked ${name}`, fault, status]);
    expect(e).toMatchObject(members);
    if (name === 'InternalServerException') expect(e.RequestId).toBe(e.$metadata.requestId);
  });

  it('writes `__type` as the full shape ID and only the modelled members', async () => {
    const res = await post('PinpointSMSVoiceV2.DescribePhoneNumbers', JSON.stringify({ PhoneNumberIds: ['ResourceNotFoundException'] }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(await readJson(res)).toEqual({ __type: 'com.amazonaws.pinpointsmsvoicev2#ResourceNotFoundException', Message: 'provoked ResourceNotFoundException', ResourceType: 'phone-number', ResourceId: 'p1' });
  });

  it('turns an unexpected handler failure into InternalServerException 500 with the RequestId', async () => {
    const res = await post('PinpointSMSVoiceV2.DescribePhoneNumbers', JSON.stringify({ PhoneNumberIds: ['crash'] }));
    expect(res.status).toBe(500);
    expect(await readJson(res)).toEqual({ __type: 'com.amazonaws.pinpointsmsvoicev2#InternalServerException', Message: 'Internal emulator error: handler bug', RequestId: res.headers.get('x-amzn-requestid') });
  });

  it('answers malformed JSON with SerializationException 400', async () => {
    const res = await post('PinpointSMSVoiceV2.DescribePhoneNumbers', '{"MaxResults": ');
    const body = await readJson(res);
    expect([res.status, body.__type]).toEqual([400, 'com.amazon.coral.service#SerializationException']);
    expect(body.Message).toMatch(/^The request body is not valid JSON: /);
  });

  it('answers JSON of the wrong type with ValidationException CANNOT_PARSE', async () => {
    const res = await post('PinpointSMSVoiceV2.DescribePhoneNumbers', '{"MaxResults": "5"}');
    expect(res.status).toBe(400);
    expect(await readJson(res)).toEqual({
      __type: 'com.amazonaws.pinpointsmsvoicev2#ValidationException',
      Message: "Value at 'MaxResults' is not a valid number",
      Reason: 'CANNOT_PARSE',
      Fields: [{ Name: 'MaxResults', Message: 'Member must be a number' }],
    });
  });

  it.each([
    ['an unknown operation', 'PinpointSMSVoiceV2.NoSuchOperation', '/'],
    ['a path other than /', 'PinpointSMSVoiceV2.DescribePhoneNumbers', '/v1/x'],
  ])('answers %s with UnknownOperationException 400', async (_, target, path) => {
    const res = await post(target, '{}', path);
    const body = await readJson(res);
    expect([res.status, body.__type]).toEqual([400, 'com.amazon.coral.service#UnknownOperationException']);
    expect(body.Message).toBe(`Unknown operation POST ${path} X-Amz-Target: ${target}`);
  });

  it('parses an injected error the model does not know into the service base exception', async () => {
    stack.emulator.setFaults({ service: 'sms-voice-v2', errorCode: 'ServiceUnavailable', status: 503, count: 1 });
    const error = await stack.sms.send(new DescribePhoneNumbersCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinpointSMSVoiceV2ServiceException);
    expect([(error as Error).name, (error as PinpointSMSVoiceV2ServiceException).$metadata.httpStatusCode]).toEqual(['ServiceUnavailable', 503]);
  });
});
