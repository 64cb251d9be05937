import { createEmulatorServer } from './createEmulatorServer';

/**
 * `npm run emulator`: a standalone emulator on EMULATOR_PORT (default 4566), with
 * EMULATOR_LATENCY_MS of added latency and the demo data set unless EMULATOR_SEED=false.
 * EMULATOR_CALL_LOG=true keeps the per-gateway-request call log (GET /_emulator/redundant-calls).
 * With EMULATOR_STATE_FILE=<path>, all state survives a restart: the file is loaded at start
 * (then the demo data set is not loaded again) and saved after requests and on SIGTERM/SIGINT.
 */

/** Module-private: an integer environment variable, or a clear startup error. */
function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer; got ${JSON.stringify(raw)}`);
  return value;
}

/** Module-private. */
async function main(): Promise<void> {
  const seedFlag = (process.env.EMULATOR_SEED ?? 'true').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(seedFlag)) throw new Error(`EMULATOR_SEED must be true or false; got ${JSON.stringify(process.env.EMULATOR_SEED)}`);
  const retireFlag = (process.env.EMULATOR_RETIRE_ENGAGEMENT || 'false').toLowerCase();
  if (!['true', 'false', '1', '0'].includes(retireFlag)) throw new Error(`EMULATOR_RETIRE_ENGAGEMENT must be true or false; got ${JSON.stringify(process.env.EMULATOR_RETIRE_ENGAGEMENT)}`);
  const emulator = await createEmulatorServer({
    port: intFromEnv('EMULATOR_PORT', 4566),
    host: process.env.EMULATOR_HOST ?? '127.0.0.1',
    latencyMs: intFromEnv('EMULATOR_LATENCY_MS', 0),
    seed: seedFlag === 'true' || seedFlag === '1',
    stateFile: process.env.EMULATOR_STATE_FILE || undefined,
    // Stand in for today's AWS: the retired Pinpoint engagement operations answer ForbiddenException.
    retireEngagement: retireFlag === 'true' || retireFlag === '1',
    log: process.env.EMULATOR_LOG === 'true' ? (line) => console.log(line) : undefined,
    // The per-gateway-request call log behind GET /_emulator/redundant-calls (the bench reads it).
    callLog: process.env.EMULATOR_CALL_LOG === 'true',
  });
  const { endpoint } = emulator;
  console.log(
    [
      `Pinpoint + Pinpoint SMS and Voice v2 emulator listening on ${endpoint}`,
      `  admin:   curl ${endpoint}/_emulator/health   (also /_emulator/calls, /reset, /seed, /faults, /clock, /outbox, /verification-codes, /state/save)`,
      `  state:   ${emulator.stateFile ? `kept in ${emulator.stateFile}` : 'in memory only (set EMULATOR_STATE_FILE to keep it across restarts)'}`,
      `  AWS CLI: aws pinpoint get-apps --endpoint-url ${endpoint} --region us-east-1`,
      `           aws pinpoint-sms-voice-v2 describe-phone-numbers --endpoint-url ${endpoint} --region us-east-1`,
      `           (any credentials work, e.g. AWS_ACCESS_KEY_ID=123456789012 AWS_SECRET_ACCESS_KEY=x)`,
      `  SDK v3:  new PinpointClient({ endpoint: '${endpoint}', region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } })`,
      `           new PinpointSMSVoiceV2Client({ endpoint: '${endpoint}', region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } })`,
    ].join('\n'),
  );
  const stop = (signal: string) => {
    console.log(`${signal}: closing the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
