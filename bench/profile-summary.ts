import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './lib/stack';
import { textTable } from './lib/table';

/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`: where a gateway's CPU went during a
 * `npm run bench -- --cpu-prof` run, by self time: per package (node_modules/<name>, the
 * project's own src/, node internals) and per function.
 */

/** The parts of V8's .cpuprofile format read here. */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time (µs) per node id. */
export function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  return self;
}

/** The package a script URL belongs to: `node_modules/<pkg>`, `src/<top folder>`, `node:internal` or `(vm)`. */
export function packageOf(url: string): string {
  if (url === '') return '(native/idle/gc)';
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (modules) return modules[1];
  const inProject = relative(ROOT, path);
  return inProject.startsWith('..') ? path : inProject.split('/').slice(0, 3).join('/');
}

/** Module-private. */
function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [top]');
  const top = Number(topArg ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = selfTimes(profile);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const time = self.get(node.id) ?? 0;
    if (time === 0) continue;
    const pkg = packageOf(node.callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${pkg}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + time);
  }
  const rows = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => [name, `${(time / 1000).toFixed(0)} ms`, `${((time / total) * 100).toFixed(1)}%`]);
  process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled\n\nBy package (self time)\n${textTable(['package', 'self', 'share'], rows(byPackage))}\n\n`);
  process.stdout.write(`By function (self time)\n${textTable(['function', 'self', 'share'], rows(byFunction))}\n`);
}

if (require.main === module) main();
