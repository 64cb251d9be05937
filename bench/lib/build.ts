import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stack';

/**
 * Builds `dist/` once (`tsc -p tsconfig.build.json`, as `npm run build`) when it is missing or
 * older than any source file, so repeated runs skip the ~40 s compile.
 */

/** What the build step did. */
export interface BuildReport {
  readonly rebuilt: boolean;
  /** Type errors tsc reported (it still emits; others' work in progress may have some). */
  readonly typeErrors: number;
}

/** The compiled entry points the bench starts. */
const ENTRY_POINTS = ['dist/src/main.js', 'dist/src/emulator/main.js'];

/** Rebuilds when needed; throws when the entry points are still missing afterwards. */
export function ensureBuild(log: (line: string) => void, force = false): BuildReport {
  const built = ENTRY_POINTS.map((path) => join(ROOT, path));
  const builtAt = Math.min(...built.map((path) => (existsSync(path) ? statSync(path).mtimeMs : 0)));
  const sourceAt = newestMtime(join(ROOT, 'src'));
  if (!force && builtAt > sourceAt) {
    log('build: dist/ is newer than src/; not rebuilding');
    return { rebuilt: false, typeErrors: 0 };
  }
  log('build: compiling src/ to dist/ (tsc -p tsconfig.build.json)');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, encoding: 'utf8' });
  const typeErrors = (result.stdout.match(/error TS\d+/g) ?? []).length;
  if (typeErrors > 0) log(`build: tsc reported ${typeErrors} type error(s) but emitted; the first: ${result.stdout.split('\n')[0]}`);
  const missing = built.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new Error(`build: ${missing.join(', ')} still missing after tsc (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return { rebuilt: true, typeErrors };
}

/** Module-private: the newest modification time of any `.ts` file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
