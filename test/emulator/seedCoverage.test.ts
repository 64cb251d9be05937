import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as smsSdk from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { seedOperations } from '../../src/coverage/seedOperations';
import { serviceModel } from '../../src/emulator/protocol/model';
import type { ServiceId } from '../../src/emulator/services/types';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';

// Seed coverage over the wire: every operation of the two seed API references (the 122 of
// Amazon Pinpoint and the 69 of Pinpoint SMS and Voice v2, `src/coverage/seedOperations.ts`)
// reaches a handler, i.e. never answers `EmulatorNotImplemented`; the 41 SDK operations of SMS v2
// that the seed does not document still do, and scripts/emulator-unimplemented.ts lists exactly
// those for the README. The SDK command lists are read off the packages' `*Command` exports.

/** Module-private: an SDK package's operations, from its `XCommand` exports (`$Command` is the base class). */
function sdkCommands(sdk: Record<string, unknown>): string[] {
  return Object.keys(sdk)
    .filter((key) => key.endsWith('Command') && key !== '$Command')
    .map((key) => key.slice(0, -'Command'.length))
    .sort();
}

const sdks: Record<ServiceId, Record<string, unknown>> = { pinpoint: pinpointSdk, 'sms-voice-v2': smsSdk };
const SDK_OPERATIONS: Record<ServiceId, string[]> = { pinpoint: sdkCommands(pinpointSdk), 'sms-voice-v2': sdkCommands(smsSdk) };
const SEED_OPERATIONS: Record<ServiceId, readonly string[]> = { pinpoint: seedOperations('pinpoint'), 'sms-voice-v2': seedOperations('smsVoice') };
const SMS_SDK_ONLY = SDK_OPERATIONS['sms-voice-v2'].filter((name) => !SEED_OPERATIONS['sms-voice-v2'].includes(name));

/** Module-private: what the emulator answered one operation: the error's name, status and fault, or `ok`. */
interface Answer {
  readonly operation: string;
  readonly outcome: string;
  readonly status?: number;
  readonly fault?: string;
}

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ maxAttempts: 1 });
});
afterAll(() => stack.close());

/**
 * Module-private: sends each operation through the real SDK client with the smallest input the
 * client can serialize (a value for every HTTP label; nothing else is needed to reach the
 * emulator's not-implemented check, which runs before validation).
 */
async function answers(id: ServiceId, operations: readonly string[]): Promise<Answer[]> {
  const client = (id === 'pinpoint' ? stack.pinpoint : stack.sms) as unknown as { send(command: unknown): Promise<unknown> };
  const out: Answer[] = [];
  for (const operation of operations) {
    const Command = sdks[id][`${operation}Command`] as new (input: unknown) => unknown;
    const input = Object.fromEntries(serviceModel(id).operationsByName.get(operation)!.labels.map((label) => [label, 'x1']));
    out.push(
      await client.send(new Command(input)).then(
        () => ({ operation, outcome: 'ok' }),
        (error: { name: string; $fault?: string; $metadata?: { httpStatusCode?: number } }) => ({ operation, outcome: error.name, status: error.$metadata?.httpStatusCode, fault: error.$fault }),
      ),
    );
  }
  return out;
}

describe('the seed references', () => {
  it('name 122 Pinpoint operations and 69 SMS v2 actions, all of them SDK commands', () => {
    expect(SDK_OPERATIONS.pinpoint).toHaveLength(122);
    expect(SEED_OPERATIONS.pinpoint).toHaveLength(122);
    expect(SEED_OPERATIONS['sms-voice-v2']).toHaveLength(69);
    // Distinct within each service (the two share the tag operations' names).
    expect(new Set(SEED_OPERATIONS.pinpoint).size).toBe(122);
    expect(new Set(SEED_OPERATIONS['sms-voice-v2']).size).toBe(69);
    expect(SEED_OPERATIONS.pinpoint.filter((name) => !SDK_OPERATIONS.pinpoint.includes(name))).toEqual([]);
    expect(SEED_OPERATIONS['sms-voice-v2'].filter((name) => !SDK_OPERATIONS['sms-voice-v2'].includes(name))).toEqual([]);
    expect(SDK_OPERATIONS['sms-voice-v2']).toHaveLength(110);
    expect(SMS_SDK_ONLY).toHaveLength(41);
  });
});

describe.each(['pinpoint', 'sms-voice-v2'] as const)('%s seed operations', (id) => {
  it('each reach a handler: none answers EmulatorNotImplemented, and none is a server fault', async () => {
    const all = await answers(id, SEED_OPERATIONS[id]);
    expect(all).toHaveLength(SEED_OPERATIONS[id].length);
    expect(all.filter((answer) => answer.outcome === 'EmulatorNotImplemented').map((answer) => answer.operation)).toEqual([]);
    // Every answer came from the emulator over HTTP (a status, or a success), not from the client.
    expect(all.filter((answer) => answer.outcome !== 'ok' && answer.status === undefined)).toEqual([]);
    expect(all.filter((answer) => answer.fault === 'server' || (answer.status ?? 0) >= 500)).toEqual([]);
  });
});

describe('SMS v2 operations the seed does not document', () => {
  it('each answer EmulatorNotImplemented 501', async () => {
    const all = await answers('sms-voice-v2', SMS_SDK_ONLY);
    expect(all).toEqual(SMS_SDK_ONLY.map((operation) => ({ operation, outcome: 'EmulatorNotImplemented', status: 501, fault: 'server' })));
  });

  it('are exactly what scripts/emulator-unimplemented.ts lists for the README', async () => {
    const root = resolve(__dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/emulator-unimplemented.ts')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on('exit', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const [pinpointPart, smsPart] = stdout.split('**Pinpoint SMS and Voice v2**');
    expect(pinpointPart).toContain('**Amazon Pinpoint** (`@aws-sdk/client-pinpoint`, 122 operations; 122 of the 122 seed operations implemented): none.');
    expect(smsPart).toContain('110 operations; 69 of the 69 seed operations implemented): 41 operations, all newer than the seed API reference:');
    const listed = [...smsPart.matchAll(/`([A-Z][A-Za-z]+)`/g)].map((match) => match[1]).sort();
    expect(listed).toEqual([...SMS_SDK_ONLY].sort());
  });
});
