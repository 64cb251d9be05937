import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, validate } from 'graphql';
import { buildCoverageManifest } from '../src/coverage/manifest';
import { coverageMarkdown } from '../src/coverage/report';
import { PINPOINT_CONNECTION_LIMITS } from '../src/graph/pinpoint/fields';
import { SMS_VOICE_PAGE_LIMITS } from '../src/graph/sms-voice-v2/shared';

/**
 * The README's generated sections must match what the generators print today, so the coverage
 * table and the list of unimplemented emulator operations can never go stale. Regenerate with
 * `npm run coverage -- --markdown` and `npx tsx scripts/emulator-unimplemented.ts`.
 */
const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

test('the README holds the current API coverage section', () => {
  const manifest = buildCoverageManifest({ schemaDir: join(root, 'schema') });
  expect(readme).toContain(coverageMarkdown(manifest));
});

test('the README holds the current list of operations the emulator does not implement', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'emulator-unimplemented.ts')], { cwd: root });
  expect(readme).toContain(stdout.trim().replace(/^### Operations/, '## Operations'));
});

test("the quick start's test command is the one .ci/run runs", () => {
  expect(readme).toMatch(/^npm test$/m);
  expect(readme).toMatch(/^npm ci && npm start$/m);
});

test('every GraphQL example in the README is valid against the schema', () => {
  const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(root, 'schema', '**/*.graphql')) });
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  for (const block of blocks) {
    // A block may hold several operations, one per top-level definition; each is validated on its own.
    for (const definition of parse(block).definitions) {
      const errors = validate(schema, { kind: parse(block).kind, definitions: [definition] });
      expect({ operation: block.slice(definition.loc!.start, definition.loc!.start + 80), errors: errors.map((error) => error.message) }).toEqual({
        operation: block.slice(definition.loc!.start, definition.loc!.start + 80),
        errors: [],
      });
    }
  }
});

test('the README lists every reference query with the minimum its file states', () => {
  const dir = join(root, 'test', 'queries');
  const files = readdirSync(dir).filter((file) => file.endsWith('.graphql'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const minimum = readFileSync(join(dir, file), 'utf8').match(/^# [Mm]inimum upstream calls: (.+)$/m)?.[1];
    expect({ file, row: readme.includes(`| \`${file.replace(/\.graphql$/, '')}\` |`) && minimum !== undefined && readme.includes(`| ${minimum} |`) }).toEqual({ file, row: true });
  }
});

test("the README states each connection's `first` bounds as the gateway enforces them", () => {
  const bounds = (limits: { maxPageSize: number; defaultPageSize: number }) => `1 to ${limits.maxPageSize.toLocaleString('en-US')}`;
  expect(readme.replace(/\s+/g, ' ')).toContain(
    `\`first\` is ${bounds(PINPOINT_CONNECTION_LIMITS)} on Pinpoint lists (default ${PINPOINT_CONNECTION_LIMITS.defaultPageSize}) and ${bounds(SMS_VOICE_PAGE_LIMITS)} on SMS and Voice v2 lists (default ${SMS_VOICE_PAGE_LIMITS.defaultPageSize})`.replace(/\s+/g, ' '),
  );
});

test("the README's read-plan example is what `npm run plan` prints for that query", async () => {
  const section = readme.slice(readme.indexOf('\n## The read plan and the request'));
  const example = /```sh\nnpm run plan -- (\S+)[^\n]*\n[\s\S]*?```\n\n```\n([\s\S]*?)```/.exec(section);
  expect(example).not.toBeNull();
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'plan.ts'), example![1]], { cwd: root });
  expect(stdout.startsWith(example![2])).toBe(true);
});
