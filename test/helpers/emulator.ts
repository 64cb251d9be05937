import { PinpointClient } from '@aws-sdk/client-pinpoint';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createEmulatorServer, type EmulatorOptions, type EmulatorServer, type OperationHandler, type ServiceFactory, type ServiceId, type ServiceInstance } from '../../src/emulator';

/** Options of `startEmulator`: the emulator's own, plus how the test clients are built. */
export interface StartEmulatorOptions extends EmulatorOptions {
  /** SDK attempts per call (default 3, the SDK's standard mode). */
  maxAttempts?: number;
  /** Access key ID of the test clients (a 12-digit one is the account ID); default `123456789012`. */
  accessKeyId?: string;
  /** Secret of the test clients; default `x`. */
  secretAccessKey?: string;
  /** Region of the test clients; default `us-east-1`. */
  region?: string;
}

/** A started emulator with real SDK clients pointed at it. */
export interface StartedEmulator {
  emulator: EmulatorServer;
  pinpoint: PinpointClient;
  sms: PinpointSMSVoiceV2Client;
  close(): Promise<void>;
}

/** Starts an emulator on a free port and builds v3 clients for both services against it. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<StartedEmulator> {
  const { maxAttempts, accessKeyId = '123456789012', secretAccessKey = 'x', region = 'us-east-1', ...emulatorOptions } = options;
  const emulator = await createEmulatorServer(emulatorOptions);
  const config = { endpoint: emulator.endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts };
  const pinpoint = new PinpointClient(config);
  const sms = new PinpointSMSVoiceV2Client(config);
  return {
    emulator,
    pinpoint,
    sms,
    async close() {
      pinpoint.destroy();
      sms.destroy();
      await emulator.close();
    },
  };
}

/** A tiny purpose-built service for protocol tests: only `handlers`, plus counters of reset/seed calls. */
export function testService(id: ServiceId, handlers: Record<string, OperationHandler>): ServiceFactory & { resets: number; seeds: [string, string][] } {
  const factory = Object.assign(
    (): ServiceInstance => ({
      id,
      handlers,
      reset: () => void (factory.resets += 1),
      seed: (accountId, region) => void factory.seeds.push([accountId, region]),
    }),
    { resets: 0, seeds: [] as [string, string][] },
  );
  return factory;
}

/** A response's JSON body, untyped (tests assert its shape). */
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
