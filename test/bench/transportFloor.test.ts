import { measureTransportFloor } from '../../bench/baselines/transport-floor';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';

/**
 * The bench's transport floor over real HTTP against a seeded emulator: it walks the asked number
 * of round trips in sequence per sample (the emulator's own count shows every one), and its
 * figure is bounded below by that many injected latencies.
 */
describe('measureTransportFloor', () => {
  const LATENCY_MS = 25;
  let emulator: EmulatorServer;
  beforeAll(async () => {
    emulator = await createEmulatorServer({ port: 0, seed: true, latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  test('makes calls × (warm-up + iterations) GetApp calls, one after another', async () => {
    const before = emulator.callCounts().byOperation['pinpoint.GetApp'] ?? 0;
    const p50 = await measureTransportFloor(emulator.endpoint, 3, { iterations: 4, warmup: 1 });
    expect((emulator.callCounts().byOperation['pinpoint.GetApp'] ?? 0) - before).toBe(3 * 5);
    // Sequential: three injected latencies at least, not one.
    expect(p50).toBeGreaterThanOrEqual(3 * LATENCY_MS - 1);
  });

  test('fails loudly when the resource does not answer 200', async () => {
    emulator.reset();
    await expect(measureTransportFloor(emulator.endpoint, 1, { iterations: 1, warmup: 0 })).rejects.toThrow(/answered 404/);
  });
});
