import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { CONTRACT_INTROSPECTION, printContractSdl, SCHEMA_FILE, servedSchemaSdl } from '../../scripts/schemaContract';
import type { GqlResponse } from '../helpers/gql';
import { startStack, type Stack } from '../helpers/startStack';

// The committed contract is the schema the gateway serves: what a running gateway answers to the
// contract's introspection query, printed the way `npm run schema:print` prints it, is exactly the
// committed schema.graphql. Reading the schema from a live server (not from schema/ again) means
// the check cannot pass with a schema the server does not serve.

const root = join(__dirname, '..', '..');

let stack: Stack;
/**
 * The live introspection, read once: the printing below is long synchronous work, and a second
 * request after it would go down a keep-alive connection the in-process server closes as its idle
 * timer fires late (ECONNRESET), a race of the test's own making.
 */
let introspection: GqlResponse<IntrospectionQuery>;
beforeAll(async () => {
  stack = await startStack();
  introspection = await stack.gql<IntrospectionQuery>(getIntrospectionQuery(CONTRACT_INTROSPECTION));
});
afterAll(() => stack.close());

test('schema.graphql equals the schema a running gateway serves (run `npm run schema:print` when this fails)', async () => {
  const { status, body } = introspection;
  expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
  const live = printContractSdl(body.data!);
  // One line of context on failure instead of 6,000: the first line that differs.
  const committed = readFileSync(join(root, SCHEMA_FILE), 'utf8');
  const firstDifference = committed.split('\n').findIndex((line, index) => line !== live.split('\n')[index]);
  expect({ firstDifference, line: committed.split('\n')[firstDifference], served: live.split('\n')[firstDifference] }).toEqual({ firstDifference: -1, line: undefined, served: undefined });
  expect(committed).toBe(live);
});

test('the printer builds the same SDL from schema/ as the live introspection gives (what schema:print writes is what is served)', async () => {
  const { body } = introspection;
  expect(servedSchemaSdl(join(root, 'schema'))).toBe(printContractSdl(body.data!));
});

test('`npm run schema:check` passes on this repository', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'schema.ts'), 'check'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  // Either a comparison (HEAD's schema.graphql exists) or the reason there is nothing to compare yet.
  expect(stdout).toMatch(/^schema\.graphql: \S.* → \S.*: \d+ change\(s\)\n|no previous version|no earlier version/);
});
