import { BadRequestException, CreateAppCommand, ListTemplateVersionsCommand, UpdateEndpointCommand } from '@aws-sdk/client-pinpoint';
import { CreatePoolCommand, DescribeKeywordsCommand, DescribePhoneNumbersCommand, ValidationException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { readJson, startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// Validation runs before the handler, from the generated constraint table, and answers each
// service's own error: Pinpoint `BadRequestException`, SMS v2 `ValidationException` with
// `Reason: FIELD_VALIDATION_FAILED` and `Fields`.

let handled = 0;
const ok = () => ((handled += 1), {});
const pinpoint = testService('pinpoint', { CreateApp: () => (ok(), { ApplicationResponse: { Id: 'a', Arn: 'arn', Name: 'n' } }), UpdateEndpoint: () => (ok(), { MessageBody: {} }), ListTemplateVersions: () => (ok(), { TemplateVersionsResponse: { Item: [] } }) });
const sms = testService('sms-voice-v2', { DescribePhoneNumbers: ok, DescribeKeywords: ok, CreatePool: ok });

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ services: { pinpoint, 'sms-voice-v2': sms }, maxAttempts: 1 });
});
afterAll(() => stack.close());

/** The SMS v2 error for one call, reduced to what AWS sends. */
async function smsError(send: Promise<unknown>) {
  const before = handled;
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationException);
  expect(handled).toBe(before); // the handler never ran
  const { message, Reason, Fields } = error as ValidationException;
  return { message, Reason, Fields };
}

/** The Pinpoint error message for one call. */
async function pinpointError(send: Promise<unknown>) {
  const before = handled;
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(BadRequestException);
  expect((error as BadRequestException).$metadata.httpStatusCode).toBe(400);
  expect(handled).toBe(before);
  return (error as BadRequestException).message;
}

describe('SMS v2 validation → ValidationException FIELD_VALIDATION_FAILED', () => {
  it('checks MaxResults against its range 1–100', async () => {
    expect(await smsError(stack.sms.send(new DescribePhoneNumbersCommand({ MaxResults: 101 })))).toEqual({
      message: "1 validation error detected: Value '101' at 'MaxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
      Reason: 'FIELD_VALIDATION_FAILED',
      Fields: [{ Name: 'MaxResults', Message: 'Member must have value less than or equal to 100' }],
    });
    expect((await smsError(stack.sms.send(new DescribePhoneNumbersCommand({ MaxResults: 0 })))).Fields).toEqual([{ Name: 'MaxResults', Message: 'Member must have value greater than or equal to 1' }]);
  });

  it('allows at most 5 IDs in a Describe ID list and checks each ID against its pattern', async () => {
    const six = ['p1', 'p2', 'p3', 'p4', 'p5', 'bad id!'];
    expect((await smsError(stack.sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: six })))).Fields).toEqual([
      { Name: 'PhoneNumberIds', Message: 'Member must have length less than or equal to 5' },
      { Name: 'PhoneNumberIds[5]', Message: 'Member must satisfy regular expression pattern: ^[A-Za-z0-9_:/-]+$' },
    ]);
  });

  it('checks enum values', async () => {
    expect((await smsError(stack.sms.send(new DescribePhoneNumbersCommand({ Owner: 'NOBODY' as never })))).Fields).toEqual([{ Name: 'Owner', Message: 'Member must satisfy enum value set: [SELF, SHARED]' }]);
  });

  it('checks required members and string lengths, reporting every violation', async () => {
    const result = await smsError(stack.sms.send(new CreatePoolCommand({ OriginationIdentity: '', MessageType: undefined as never })));
    expect(result.message).toMatch(/^3 validation errors detected: Value null at 'MessageType' failed to satisfy constraint: Member must not be null; Value '' at 'OriginationIdentity'/);
    expect(result.Fields).toEqual([
      { Name: 'MessageType', Message: 'Member must not be null' },
      { Name: 'OriginationIdentity', Message: 'Member must have length greater than or equal to 1' },
      { Name: 'OriginationIdentity', Message: 'Member must satisfy regular expression pattern: ^[A-Za-z0-9_:/-]+$' },
    ]);
    expect((await smsError(stack.sms.send(new DescribeKeywordsCommand({ OriginationIdentity: 'x'.repeat(257) })))).Fields).toEqual([{ Name: 'OriginationIdentity', Message: 'Member must have length less than or equal to 256' }]);
  });

  it('lets valid input through to the handler', async () => {
    await stack.sms.send(new DescribePhoneNumbersCommand({ MaxResults: 100, PhoneNumberIds: ['phone-1'], Owner: 'SELF' }));
    await stack.sms.send(new CreatePoolCommand({ OriginationIdentity: 'phone-1', MessageType: 'TRANSACTIONAL' }));
    expect(handled).toBe(2);
  });
});

describe('Pinpoint validation → BadRequestException', () => {
  it('checks required members of the payload structure', async () => {
    expect(await pinpointError(stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: {} as never })))).toBe(
      "1 validation error detected: Value null at 'CreateApplicationRequest.Name' failed to satisfy constraint: Member must not be null",
    );
    // The SDK always sends `{}` for a missing payload; an empty body is a missing payload.
    const res = await fetch(`${stack.emulator.endpoint}/v1/apps`, { method: 'POST' });
    expect([res.status, res.headers.get('x-amzn-errortype')]).toEqual([400, 'BadRequestException']);
    expect((await readJson(res)).Message).toBe("1 validation error detected: Value null at 'CreateApplicationRequest' failed to satisfy constraint: Member must not be null");
  });

  it('checks enum values inside the payload', async () => {
    expect(await pinpointError(stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: 'a', EndpointId: 'e', EndpointRequest: { ChannelType: 'PIGEON' as never } })))).toBe(
      "1 validation error detected: Value 'PIGEON' at 'EndpointRequest.ChannelType' failed to satisfy constraint: Member must satisfy enum value set: [ADM, APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX, BAIDU, CUSTOM, EMAIL, GCM, IN_APP, PUSH, SMS, VOICE]",
    );
  });

  it('checks member-level patterns (labels)', async () => {
    expect(await pinpointError(stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: 't', TemplateType: 'email' })))).toBe(
      "1 validation error detected: Value 'email' at 'TemplateType' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[^a-z]*$",
    );
    await stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: 't', TemplateType: 'EMAIL' }));
  });
});
