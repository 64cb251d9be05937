import { BadRequestException, CreateAppCommand, DeleteEventStreamCommand, GetEventStreamCommand, NotFoundException, PutEventStreamCommand } from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// The Event Stream resource over HTTP: put (create or replace), get, delete, NotFoundException
// without a stream or app, and the two destination ARN forms seed 002 allows.

let now = new Date('2025-05-10T07:00:00.000Z');
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

const KINESIS = 'arn:aws:kinesis:us-east-1:123456789012:stream/pinpoint-events';
const FIREHOSE = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/pinpoint-archive';
const ROLE = 'arn:aws:iam::123456789012:role/pinpoint-events';

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'streams' } }))).ApplicationResponse!.Id!;
}

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('event streams', () => {
  it('is NotFoundException until put; put returns the stream; a second put replaces it; delete returns and removes it', async () => {
    const appId = await createApp();
    const missing = await errorOf(stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: appId })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect(missing.message).toBe(`Resource not found: application '${appId}' has no event stream`);

    const put = await stack.pinpoint.send(new PutEventStreamCommand({ ApplicationId: appId, WriteEventStream: { DestinationStreamArn: KINESIS, RoleArn: ROLE } }));
    const first = { ApplicationId: appId, DestinationStreamArn: KINESIS, RoleArn: ROLE, LastModifiedDate: '2025-05-10T07:00:00.000Z' };
    expect(put.EventStream).toEqual(first);
    expect((await stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: appId }))).EventStream).toEqual(first);

    now = new Date('2025-05-11T07:30:00.000Z');
    const replaced = await stack.pinpoint.send(new PutEventStreamCommand({ ApplicationId: appId, WriteEventStream: { DestinationStreamArn: FIREHOSE, RoleArn: ROLE } }));
    const second = { ...first, DestinationStreamArn: FIREHOSE, LastModifiedDate: '2025-05-11T07:30:00.000Z' };
    expect(replaced.EventStream).toEqual(second);

    expect((await stack.pinpoint.send(new DeleteEventStreamCommand({ ApplicationId: appId }))).EventStream).toEqual(second);
    expect(await errorOf(stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: appId })))).toBeInstanceOf(NotFoundException);
    expect(await errorOf(stack.pinpoint.send(new DeleteEventStreamCommand({ ApplicationId: appId })))).toBeInstanceOf(NotFoundException);
  });

  it('answers NotFoundException for an unknown app', async () => {
    for (const command of [
      new GetEventStreamCommand({ ApplicationId: 'nope' }),
      new PutEventStreamCommand({ ApplicationId: 'nope', WriteEventStream: { DestinationStreamArn: KINESIS, RoleArn: ROLE } }),
      new DeleteEventStreamCommand({ ApplicationId: 'nope' }),
    ]) {
      const error = await errorOf(stack.pinpoint.send(command as any));
      expect(error).toBeInstanceOf(NotFoundException);
      expect(error.message).toBe("Resource not found: Application 'nope' does not exist");
    }
  });

  const form = 'arn:aws:kinesis:<region>:<account-id>:stream/<name> or arn:aws:firehose:<region>:<account-id>:deliverystream/<name>';
  it.each([
    [{ DestinationStreamArn: 'arn:aws:sqs:us-east-1:123456789012:queue', RoleArn: ROLE }, `WriteEventStream.DestinationStreamArn must be an ARN of the form ${form}; got 'arn:aws:sqs:us-east-1:123456789012:queue'`],
    [{ DestinationStreamArn: 'arn:aws:firehose:us-east-1:123456789012:stream/x', RoleArn: ROLE }, `WriteEventStream.DestinationStreamArn must be an ARN of the form ${form}; got 'arn:aws:firehose:us-east-1:123456789012:stream/x'`],
    [{ DestinationStreamArn: KINESIS, RoleArn: 'pinpoint-role' }, "WriteEventStream.RoleArn must be an IAM role ARN (arn:aws:iam::<account-id>:role/<role-name>); got 'pinpoint-role'"],
    [{ DestinationStreamArn: KINESIS }, "1 validation error detected: Value null at 'WriteEventStream.RoleArn' failed to satisfy constraint: Member must not be null"],
  ])('rejects %j with BadRequestException', async (request, message) => {
    const appId = await createApp();
    const error = await errorOf(stack.pinpoint.send(new PutEventStreamCommand({ ApplicationId: appId, WriteEventStream: request as any })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error.message).toBe(message);
    expect(await errorOf(stack.pinpoint.send(new GetEventStreamCommand({ ApplicationId: appId })))).toBeInstanceOf(NotFoundException);
  });
});
