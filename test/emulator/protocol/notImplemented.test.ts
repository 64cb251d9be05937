import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as smsSdk from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { Outbox } from '../../../src/emulator/outbox';
import { sdkOperationNames, serviceModel } from '../../../src/emulator/protocol/model';
import { serviceFactories } from '../../../src/emulator/services';
import type { ServiceId } from '../../../src/emulator/services/types';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Every SDK operation without a handler answers a well-formed 501 `EmulatorNotImplemented`
// before validation, and the SDK does not retry it. The set is derived from the registry at
// test time, so it shrinks as the service engineers add handlers.

const sdks: Record<ServiceId, Record<string, unknown>> = { pinpoint: pinpointSdk, 'sms-voice-v2': smsSdk };

/** Operations of `id` that the registry's service does not implement. */
function unimplemented(id: ServiceId): string[] {
  const { handlers } = serviceFactories[id]({ clock: { now: () => new Date() }, outbox: new Outbox() });
  return sdkOperationNames(id).filter((name) => !handlers[name]);
}

/** The smallest input the SDK can serialize: every HTTP label gets a value (no other member is needed). */
function minimalInput(id: ServiceId, name: string): Record<string, unknown> {
  const op = serviceModel(id).operationsByName.get(name)!;
  return Object.fromEntries(op.labels.map((label) => [label, 'x1']));
}

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator();
});
afterAll(() => stack.close());

describe.each(['pinpoint', 'sms-voice-v2'] as const)('%s operations without a handler', (id) => {
  const names = unimplemented(id);

  it('are all answered with EmulatorNotImplemented 501, one attempt each (no retry)', async () => {
    const client = (id === 'pinpoint' ? stack.pinpoint : stack.sms) as unknown as { send(command: unknown): Promise<unknown> };
    const failures: string[] = [];
    for (const name of names) {
      const Command = sdks[id][`${name}Command`] as new (input: unknown) => unknown;
      const error = await client.send(new Command(minimalInput(id, name))).then(
        () => undefined,
        (e: { name: string; $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string }; $fault?: string; message: string }) => e,
      );
      const summary = [error?.name, error?.$metadata?.httpStatusCode, error?.$fault, error?.$metadata?.attempts, Boolean(error?.$metadata?.requestId)];
      if (JSON.stringify(summary) !== JSON.stringify(['EmulatorNotImplemented', 501, 'server', 1, true])) failures.push(`${name}: ${JSON.stringify(summary)} ${error?.message}`);
      else expect(error!.message).toBe(`The emulator does not implement ${id} operation ${name}`);
    }
    expect(failures).toEqual([]);
    const counted = stack.emulator.callCounts().byOperation;
    expect(names.filter((name) => counted[`${id}.${name}`] !== 1)).toEqual([]);
  });
});
