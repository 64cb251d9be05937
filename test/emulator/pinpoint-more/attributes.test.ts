import { BadRequestException, CreateAppCommand, GetEndpointCommand, NotFoundException, RemoveAttributesCommand, UpdateEndpointCommand } from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// RemoveAttributes over HTTP: names and glob patterns leave the app's attribute list (and its
// quota), endpoints keep their values, and the attribute type and app are checked.

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator();
});
afterAll(() => stack.close());

async function createApp(): Promise<string> {
  return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'attributes' } }))).ApplicationResponse!.Id!;
}

async function errorOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(() => undefined, (error: unknown) => error);
}

function remove(appId: string, attributeType: string, blacklist: string[]) {
  return stack.pinpoint.send(new RemoveAttributesCommand({ ApplicationId: appId, AttributeType: attributeType, UpdateAttributesRequest: { Blacklist: blacklist } }));
}

describe('RemoveAttributes', () => {
  it('removes matching names of one type, reports the remaining ones, and leaves endpoint values alone', async () => {
    const appId = await createApp();
    await stack.pinpoint.send(
      new UpdateEndpointCommand({
        ApplicationId: appId,
        EndpointId: 'e1',
        EndpointRequest: {
          ChannelType: 'EMAIL',
          Address: 'a@example.com',
          Attributes: { tier: ['gold'], temp_a: ['1'], temp_b: ['2'], 'temp.c': ['3'] },
          Metrics: { visits: 3, temp_score: 1 },
          User: { UserId: 'u1', UserAttributes: { first_name: ['Ann'] } },
        },
      }),
    );
    const custom = await remove(appId, 'endpoint-custom-attributes', ['temp_?', 'nothing-matches']);
    expect(custom.AttributesResource).toEqual({ ApplicationId: appId, AttributeType: 'endpoint-custom-attributes', Attributes: ['tier', 'temp.c'] });
    expect((await remove(appId, 'endpoint-custom-attributes', ['temp*'])).AttributesResource!.Attributes).toEqual(['tier']);
    expect((await remove(appId, 'endpoint-metric-attributes', ['temp_score'])).AttributesResource!.Attributes).toEqual(['visits']);
    expect((await remove(appId, 'endpoint-user-attributes', [])).AttributesResource!.Attributes).toEqual(['first_name']);

    const endpoint = (await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: 'e1' }))).EndpointResponse!;
    expect(endpoint.Attributes).toEqual({ tier: ['gold'], temp_a: ['1'], temp_b: ['2'], 'temp.c': ['3'] });
    expect(endpoint.Metrics).toEqual({ visits: 3, temp_score: 1 });
  });

  it('frees the per-app attribute quota (250 names) that blocks new names', async () => {
    const appId = await createApp();
    const many = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`old_${i}`, ['x']]));
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'e1', EndpointRequest: { Attributes: many } }));
    const blocked = await errorOf(stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'e2', EndpointRequest: { Attributes: { fresh: ['y'] } } })));
    expect(blocked).toBeInstanceOf(BadRequestException);

    const out = await remove(appId, 'endpoint-custom-attributes', ['old_*']);
    expect(out.AttributesResource!.Attributes).toEqual([]);
    await stack.pinpoint.send(new UpdateEndpointCommand({ ApplicationId: appId, EndpointId: 'e2', EndpointRequest: { Attributes: { fresh: ['y'] } } }));
    expect((await remove(appId, 'endpoint-custom-attributes', [])).AttributesResource!.Attributes).toEqual(['fresh']);
  });

  it('rejects an unknown attribute type with BadRequestException and an unknown app with NotFoundException', async () => {
    const appId = await createApp();
    const bad = await errorOf(remove(appId, 'endpoint-things', ['x']));
    expect(bad).toBeInstanceOf(BadRequestException);
    expect(bad.message).toBe("attribute-type must be one of endpoint-custom-attributes, endpoint-metric-attributes, endpoint-user-attributes; got 'endpoint-things'");
    const empty = await errorOf(remove(appId, 'endpoint-custom-attributes', ['']));
    expect(empty).toBeInstanceOf(BadRequestException);
    expect(empty.message).toBe('UpdateAttributesRequest.Blacklist[0] must be a non-empty attribute name or glob pattern');
    expect(await errorOf(remove('missing', 'endpoint-custom-attributes', ['x']))).toBeInstanceOf(NotFoundException);
  });
});
