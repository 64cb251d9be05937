import { GetAppsCommand, PinpointServiceException, UntagResourceCommand } from '@aws-sdk/client-pinpoint';
import { DescribePhoneNumbersCommand, PinpointSMSVoiceV2ServiceException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { readJson, startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// Strict SigV4 checking: requests signed with the configured secret pass (paths with encoded
// labels, repeated query keys and JSON bodies included); others get AWS's signature errors in
// the service's envelope. Without strict checking, the scope still names account and region.

const pinpoint = testService('pinpoint', {
  GetApps: (_input, ctx) => ({ ApplicationsResponse: { Item: [{ Id: ctx.accountId, Name: ctx.region, Arn: 'arn' }] } }),
  UntagResource: () => undefined,
});
const sms = testService('sms-voice-v2', { DescribePhoneNumbers: (_input, ctx) => ({ NextToken: `${ctx.accountId}/${ctx.region}` }) });
const credentials = { '111122223333': 'right-secret' };

const started: StartedEmulator[] = [];
const start = async (options: Parameters<typeof startEmulator>[0]) => {
  const stack = await startEmulator({ services: { pinpoint, 'sms-voice-v2': sms }, maxAttempts: 1, ...options });
  started.push(stack);
  return stack;
};
afterAll(() => Promise.all(started.map((s) => s.close())));

describe('strict signatures', () => {
  it('accepts requests signed with the configured secret, on both protocols', async () => {
    const stack = await start({ strictSignatures: { credentials }, accessKeyId: '111122223333', secretAccessKey: 'right-secret', region: 'ap-southeast-2' });
    const apps = await stack.pinpoint.send(new GetAppsCommand({ PageSize: '5', Token: 'a b' }));
    expect(apps.ApplicationsResponse?.Item?.[0]).toMatchObject({ Id: '111122223333', Name: 'ap-southeast-2' });
    await stack.pinpoint.send(new UntagResourceCommand({ ResourceArn: 'arn:aws:mobiletargeting:us-east-1:1:apps/a b', TagKeys: ['k 1', 'k/2'] }));
    expect((await stack.sms.send(new DescribePhoneNumbersCommand({ MaxResults: 3 }))).NextToken).toBe('111122223333/ap-southeast-2');
  });

  it('answers a wrong secret with SignatureDoesNotMatch 403', async () => {
    const stack = await start({ strictSignatures: { credentials }, accessKeyId: '111122223333', secretAccessKey: 'wrong' });
    const error = await stack.pinpoint.send(new GetAppsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PinpointServiceException);
    expect([(error as Error).name, (error as PinpointServiceException).$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403]);
    const smsError = await stack.sms.send(new DescribePhoneNumbersCommand({})).catch((e: unknown) => e);
    expect([(smsError as Error).name, (smsError as PinpointSMSVoiceV2ServiceException).$metadata.httpStatusCode]).toEqual(['SignatureDoesNotMatch', 403]);
  });

  it('answers an unknown access key with InvalidClientTokenId 403 and a missing signature with IncompleteSignature 400', async () => {
    const stack = await start({ strictSignatures: { credentials }, accessKeyId: '999999999999' });
    const error = await stack.sms.send(new DescribePhoneNumbersCommand({})).catch((e: unknown) => e);
    expect([(error as Error).name, (error as PinpointSMSVoiceV2ServiceException).$metadata.httpStatusCode]).toEqual(['InvalidClientTokenId', 403]);
    const unsigned = await fetch(`${stack.emulator.endpoint}/v1/apps`);
    expect([unsigned.status, unsigned.headers.get('x-amzn-errortype')]).toEqual([400, 'IncompleteSignature']);
  });
});

describe('caller identity without strict signatures', () => {
  it('uses a 12-digit access key as the account, else 123456789012; the region comes from the scope', async () => {
    const named = await start({ accessKeyId: '444455556666', region: 'eu-central-1' });
    expect((await named.pinpoint.send(new GetAppsCommand({}))).ApplicationsResponse?.Item?.[0]).toMatchObject({ Id: '444455556666', Name: 'eu-central-1' });
    const fallback = await start({ accessKeyId: 'AKIDEXAMPLE' });
    expect((await fallback.sms.send(new DescribePhoneNumbersCommand({}))).NextToken).toBe('123456789012/us-east-1');
    const unsigned = await fetch(`${fallback.emulator.endpoint}/v1/apps`);
    expect((await readJson(unsigned)).Item[0]).toMatchObject({ Id: '123456789012', Name: 'us-east-1' });
  });

  it('sends an awsJson request to SMS v2 by the sms-voice credential scope even without a target prefix match', async () => {
    const stack = await start({});
    const res = await fetch(`${stack.emulator.endpoint}/`, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sms-voice/aws4_request, SignedHeaders=host, Signature=00', 'x-amz-target': 'Other.DescribePhoneNumbers' },
      body: '{}',
    });
    expect([res.status, (await readJson(res)).__type]).toEqual([400, 'com.amazon.coral.service#UnknownOperationException']);
  });
});
