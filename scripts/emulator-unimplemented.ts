/**
 * Prints, as markdown for the README, the SDK operations the emulator does not implement (each
 * answers `EmulatorNotImplemented`, HTTP 501), grouped by why: SMS v2 operations newer than the
 * seed API reference carry the reason of `src/coverage/exclusions.ts`; a seed operation without a
 * handler (which test/emulator/seedCoverage.test.ts fails on) is listed as such.
 *
 * ```sh
 * npx tsx scripts/emulator-unimplemented.ts
 * ```
 */
import { SDK_ONLY_EXCLUSIONS } from '../src/coverage/exclusions';
import { seedOperations } from '../src/coverage/seedOperations';
import { COVERAGE_SERVICE_INFO, type CoverageService } from '../src/coverage/services';
import { EmulatorClock } from '../src/emulator/clock';
import { Outbox } from '../src/emulator/outbox';
import { sdkOperationNames } from '../src/emulator/protocol/model';
import { serviceFactories, serviceIds } from '../src/emulator/services';
import type { ServiceId } from '../src/emulator/services/types';

/** Module-private: the coverage key of each emulated service. */
const COVERAGE_KEY: Readonly<Record<ServiceId, CoverageService>> = { pinpoint: 'pinpoint', 'sms-voice-v2': 'smsVoice' };

/** Module-private: the prefix every SDK-only reason starts with; the rest names the feature. */
const SDK_ONLY_PREFIX = /^SDK-only, newer than seed 00\d: /;

/** Module-private: the markdown section of one service. */
function serviceSection(id: ServiceId): string {
  const { handlers } = serviceFactories[id]({ clock: new EmulatorClock(), outbox: new Outbox() });
  const key = COVERAGE_KEY[id];
  const info = COVERAGE_SERVICE_INFO[key];
  const sdk = sdkOperationNames(id);
  const seed = new Set(seedOperations(key));
  const missing = sdk.filter((name) => !handlers[name]);
  const title = `**${info.title}** (\`${info.sdkPackage}\`, ${sdk.length} operations; ${[...seed].filter((name) => handlers[name]).length} of the ${seed.size} seed operations implemented)`;
  if (missing.length === 0) return `${title}: none.\n`;
  const groups = new Map<string, string[]>();
  for (const name of missing) {
    const reason = seed.has(name) ? 'in the seed API reference, not implemented yet' : (SDK_ONLY_EXCLUSIONS[key][name]?.replace(SDK_ONLY_PREFIX, '') ?? 'not in the seed API reference');
    groups.set(reason, [...(groups.get(reason) ?? []), name]);
  }
  const newer = missing.filter((name) => !seed.has(name)).length;
  // Groups in the order exclusions.ts lists them (by feature); reasons it doesn't know go last.
  const order = Object.keys(SDK_ONLY_EXCLUSIONS[key]);
  const rank = (names: readonly string[]) => Math.min(...names.map((name) => (order.includes(name) ? order.indexOf(name) : order.length)));
  const lines = [...groups].sort(([, a], [, b]) => rank(a) - rank(b)).map(([reason, names]) => `- ${reason} (${names.length}): ${names.map((name) => `\`${name}\``).join(', ')}`);
  return `${title}: ${missing.length} operations${newer === missing.length ? ', all newer than the seed API reference' : ''}:\n\n${lines.join('\n')}\n`;
}

const unknownArgs = process.argv.slice(2);
if (unknownArgs.length > 0) throw new Error(`emulator-unimplemented takes no arguments; got ${unknownArgs.map((arg) => JSON.stringify(arg)).join(', ')}`);
process.stdout.write(
  [
    '### Operations the emulator does not implement\n',
    'Each answers `EmulatorNotImplemented` (HTTP 501, which the SDK does not retry) before any validation; the emulator never fakes a success.\n',
    ...serviceIds.map(serviceSection),
  ].join('\n'),
);
