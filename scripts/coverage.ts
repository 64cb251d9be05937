/**
 * Prints the coverage manifest (`npm run coverage`): for every operation of both SDK packages,
 * the schema coordinates that reach it (from the `@upstream` annotations of schema/), or why none
 * does. `--markdown` prints the README's coverage section instead of JSON.
 *
 * ```sh
 * npm run coverage                  # JSON
 * npm run coverage -- --markdown    # the README section
 * ```
 */
import { buildCoverageManifest } from '../src/coverage/manifest';
import { coverageMarkdown } from '../src/coverage/report';

/** Module-private: the output format the arguments ask for. */
function formatOf(args: readonly string[]): 'json' | 'markdown' {
  const unknown = args.filter((arg) => arg !== '--markdown' && arg !== '--json');
  if (unknown.length > 0) throw new Error(`Unknown argument(s) ${unknown.map((arg) => JSON.stringify(arg)).join(', ')}; coverage takes --json (default) or --markdown.`);
  return args.includes('--markdown') ? 'markdown' : 'json';
}

// Arguments first: a wrong one fails before the schema is read.
const format = formatOf(process.argv.slice(2));
const manifest = buildCoverageManifest();
process.stdout.write(format === 'markdown' ? coverageMarkdown(manifest) : `${JSON.stringify(manifest, null, 2)}\n`);
