import { pathToFileURL } from 'node:url';

/**
 * The tsx loader as a `--import` URL, for running a TypeScript entry point as one child process:
 * `spawn(process.execPath, tsxArgs(file, ...args))`. The `tsx` CLI (`tsx/cli`, `npx tsx`) would
 * start a second Node process under the first (and `npx` a third, npm itself), each paying Node's
 * and the loader's start-up, for the same script, environment and exit code.
 */
export const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/** Node's arguments that run the TypeScript `file` with `args` through the tsx loader in this Node process. */
export function tsxArgs(file: string, ...args: readonly string[]): string[] {
  return ['--import', TSX_LOADER, file, ...args];
}
