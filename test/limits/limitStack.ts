import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gatewayProcess';

/**
 * The stack the limit tests attack: the seeded emulator in the test's process (its call counter
 * says whether an attack reached upstream) and the real gateway (`src/main.ts`) as a child
 * process, so an attack that exhausts the gateway's memory kills the child, which the test sees
 * and reports, rather than the test runner; and the gateway's RSS is its own, not the runner's.
 */

/** The running pair. */
export interface LimitStack {
  readonly emulator: EmulatorServer;
  readonly gateway: GatewayProcess;
  /** Whether the gateway process is still running. */
  alive(): boolean;
  /**
   * Upstream calls the emulator received since `since` (a `total` from {@link calls}), once the
   * count has stopped moving: work that outlives its HTTP answer is counted too.
   */
  callsSince(since: number): Promise<number>;
  /** The emulator's total so far. */
  calls(): number;
  close(): Promise<void>;
}

/** Module-private: the gateway's heap bound; an attack that needs more is a crash the test reports. */
const GATEWAY_HEAP_MB = 1024;

/** Starts the seeded emulator and a gateway process against it (with `env` added to the gateway's). */
export async function startLimitStack(env: Readonly<Record<string, string>> = {}): Promise<LimitStack> {
  const emulator = await createEmulatorServer({ port: 0, seed: true });
  let gateway: GatewayProcess;
  try {
    gateway = await startGatewayProcess({
      env: { UPSTREAM: 'emulator', PINPOINT_ENDPOINT: emulator.endpoint, SMS_VOICE_ENDPOINT: emulator.endpoint, NODE_OPTIONS: `--max-old-space-size=${GATEWAY_HEAP_MB}`, ...env },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  const alive = () => {
    try {
      process.kill(gateway.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    emulator,
    gateway,
    alive,
    calls: () => emulator.callCounts().total,
    async callsSince(since) {
      let last = emulator.callCounts().total;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = emulator.callCounts().total;
        if (now === last) return now - since;
        last = now;
      }
    },
    async close() {
      await gateway.stop();
      await emulator.close();
    },
  };
}
