import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse } from 'graphql';
import { deriveFieldIamTable, parsePolicy, simulate, type SimulatedField } from '../../src/auth';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { fromGlobalId } from '../../src/graph/ids';
import type { Stack } from '../helpers/startStack';
import { gid } from '../coverage/reach/kit';
import { pinpointArn, policy, smsArn, startPolicyStack, type SwitchablePolicyStore } from './policyStack';

// The policy simulator (`npm run policy -- check`): per field path, allowed or denied and the
// statement that decided, without calling upstream; and the same verdicts the gateway then gives
// the same request under the same policy (the simulator and enforcement share the table, the
// checks and the evaluator, and this test holds them to it over real HTTP).

const root = join(__dirname, '..', '..');
const P = PINPOINT_SEED;
const S = SMS_VOICE_SEED;
const RETAIL = P.apps.RETAIL;
const FRONTEND = join(root, 'examples', 'policies', 'frontend-campaigns.json');
const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(root, 'schema', '**/*.graphql')) });
const table = deriveFieldIamTable(schema);
const run = promisify(execFile);
const TSX = pathToFileURL(require.resolve('tsx')).href;

/** Runs the CLI; its stdout, stderr and exit code. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, join(root, 'scripts', 'policy.ts'), ...args], { cwd: root, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Simulates in-process, as the CLI does. */
function simulated(document: object, query: string, variables: Record<string, unknown> = {}): SimulatedField[] {
  return simulate({
    schema,
    table,
    policies: [parsePolicy('under-test', document)],
    document: parse(query),
    variables,
    scope: { partition: 'aws', region: 'us-east-1', account: '123456789012' },
    decodeGlobalId: fromGlobalId,
  });
}

describe('npm run policy -- check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'policy-sim-'));
    writeFileSync(join(dir, 'page.graphql'), 'query ($app: ID!) { app(id: $app) { name campaigns(first: 5) { nodes { name segment { name } } } } }');
    writeFileSync(join(dir, 'vars.json'), JSON.stringify({ app: RETAIL }));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'GetApp', Resource: '*' }] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('prints each field that reaches upstream with its verdict and deciding statement; exit 3 when one is denied', async () => {
    const { code, stdout } = await cli(['check', '--policy', FRONTEND, '--query', join(dir, 'page.graphql'), '--variables', join(dir, 'vars.json')]);
    expect(code).toBe(3);
    expect(stdout.split('\n')).toEqual([
      'ALLOWED  app                            (Query.app)',
      `           allowed mobiletargeting:GetApp on ${pinpointArn(`apps/${RETAIL}`)}  <- allowed by policy "frontend-campaigns" statement "ReadOneProjectsCampaigns"`,
      'ALLOWED  app.campaigns                  (App.campaigns)',
      `           allowed mobiletargeting:GetCampaigns on ${pinpointArn(`apps/${RETAIL}`)}  <- allowed by policy "frontend-campaigns" statement "ReadOneProjectsCampaigns"`,
      'DENIED   app.campaigns.nodes[].segment  (Campaign.segment)',
      `           denied  mobiletargeting:GetSegmentVersion on ${pinpointArn(`apps/${RETAIL}/segments/*`)}  <- implicit deny: no statement allows it`,
      '',
    ]);
  });

  test('--json, exit 0 when everything is allowed, and the errors it refuses with', async () => {
    writeFileSync(join(dir, 'campaigns.graphql'), `{ app(id: "${RETAIL}") { campaigns { nodes { name } } } }`);
    const ok = await cli(['check', '--policy', FRONTEND, '--query', join(dir, 'campaigns.graphql'), '--json']);
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as SimulatedField[]).map((field) => [field.path, field.outcome])).toEqual([
      ['app', 'allowed'],
      ['app.campaigns', 'allowed'],
    ]);
    expect(await cli(['check', '--policy', join(dir, 'broken.json'), '--query', join(dir, 'page.graphql')])).toMatchObject({ code: 2, stderr: expect.stringContaining('Policy "broken" is invalid: Statement[0]: Action "GetApp" must be "*" or "service:ActionName"') });
    expect(await cli(['check', '--policy', FRONTEND])).toMatchObject({ code: 1, stderr: expect.stringContaining('--query FILE is required.') });
    expect(await cli(['check', '--policy', FRONTEND, '--query', join(dir, 'nope.graphql')])).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read') });
    writeFileSync(join(dir, 'invalid.graphql'), '{ app(id: "x") { nope } }');
    expect(await cli(['check', '--policy', FRONTEND, '--query', join(dir, 'invalid.graphql')])).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot query field "nope" on type "App"') });
  });
});

describe('what the simulator decides', () => {
  test('an ID only an answer names is *, and a check on it may depend on it', () => {
    const onlyOne = policy(
      { Effect: 'Allow', Action: ['mobiletargeting:GetApp', 'mobiletargeting:GetCampaigns'], Resource: pinpointArn(`apps/${RETAIL}`) },
      { Sid: 'OneCampaign', Effect: 'Allow', Action: 'mobiletargeting:GetCampaignActivities', Resource: pinpointArn(`apps/${RETAIL}/campaigns/${P.campaigns.RETAIL_SPRING_SALE}`) },
    );
    const fields = simulated(onlyOne, `{ app(id: "${RETAIL}") { campaigns { nodes { activities { nodes { state } } } } } }`);
    expect(fields.map((field) => [field.path, field.outcome])).toEqual([
      ['app', 'allowed'],
      ['app.campaigns', 'allowed'],
      ['app.campaigns.nodes[].activities', 'depends'],
    ]);
    expect(fields[2].checks).toEqual([{ action: 'mobiletargeting:GetCampaignActivities', resource: pinpointArn(`apps/${RETAIL}/campaigns/*`), outcome: 'depends', reason: 'implicitDeny' }]);
  });

  test('nodes(ids:) is decided per ID; an explicit deny names its statement', () => {
    const document = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NotBanking', Effect: 'Deny', Action: 'mobiletargeting:*', Resource: pinpointArn(`apps/${P.apps.BANKING}*`) });
    const fields = simulated(document, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [gid('App', RETAIL), gid('Campaign', P.apps.BANKING, P.campaigns.BANKING_CARD_OFFER)] });
    expect(fields.map((field) => [field.path, field.outcome, field.checks[0].statement?.sid])).toEqual([
      ['nodes[0]', 'allowed', undefined],
      ['nodes[1]', 'denied', 'NotBanking'],
    ]);
  });
});

describe('the simulator and the gateway agree', () => {
  let stack: Stack & { policies: SwitchablePolicyStore };
  beforeAll(async () => {
    stack = await startPolicyStack();
  });
  afterAll(() => stack?.close());

  /** A response's FORBIDDEN paths, lists as `[]` and `nodes` items as `[i]` (the simulator's spelling). */
  function forbiddenPaths(errors: readonly { path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] | undefined): string[] {
    return [...new Set((errors ?? []).filter((error) => error.extensions?.code === 'FORBIDDEN').map((error) => spellPath(error.path ?? [])))].sort();
  }
  function spellPath(path: readonly (string | number)[]): string {
    return path.reduce<string>((spelt, step, index) => (typeof step === 'number' ? `${spelt}[${path[index - 1] === 'nodes' && index === 1 ? step : ''}]` : spelt ? `${spelt}.${step}` : step), '');
  }

  /** Name, policy, query and variables. */
  type Case = readonly [name: string, document: object, query: string, variables?: Record<string, unknown>];
  const CASES: readonly Case[] = [
    ['the README worked policy, a campaigns page', JSON.parse(readFileSync(FRONTEND, 'utf8')) as object, `{ app(id: "${RETAIL}") { name campaigns(first: 3) { nodes { name segment { name } activities(first: 1) { nodes { state } } } } segment(id: "${P.segments.RETAIL_VIP}") { name } } }`],
    ['campaigns of one project, the other project', policy({ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: pinpointArn(`apps/${RETAIL}*`) }), `{ a: app(id: "${RETAIL}") { name } b: app(id: "${P.apps.BANKING}") { name } }`],
    [
      'global IDs of several types',
      policy({ Effect: 'Allow', Action: ['mobiletargeting:GetApp', 'sms-voice:DescribePools'], Resource: '*' }),
      'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }',
      { ids: [gid('App', RETAIL), gid('Campaign', RETAIL, P.campaigns.RETAIL_SPRING_SALE), gid('Pool', S.pools.marketing), gid('PhoneNumber', S.phoneNumbers.simulator)] },
    ],
    [
      "a phone number's pool, allowed on one pool",
      policy({ Effect: 'Allow', Action: 'sms-voice:DescribePhoneNumbers', Resource: smsArn('phone-number/*') }, { Effect: 'Allow', Action: 'sms-voice:DescribePools', Resource: smsArn(`pool/${S.pools.marketing}`) }),
      `{ phoneNumber(phoneNumberId: "${S.phoneNumbers.simulator}") { phoneNumber optOutList { name } } }`,
    ],
    ['a region condition that does not hold', policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }), `{ app(id: "${RETAIL}") { name } pools(first: 1) { nodes { poolId } } }`],
  ];

  test.each(CASES.map((entry) => [entry[0], entry] as const))('%s', async (_name, [, document, query, variables = {}]) => {
    const fields = simulated(document, query, variables);
    stack.policies.use(document);
    const { body } = await stack.gql(query, variables);
    const denied = fields.filter((field) => field.outcome === 'denied').map((field) => field.path);
    expect(denied.length).toBeGreaterThan(0);
    // Every field the gateway refused, the simulator denied; every field the simulator denied that
    // the gateway reached (its parent arrived), the gateway refused.
    const refused = forbiddenPaths(body.errors);
    expect(refused.filter((path) => !denied.includes(path))).toEqual([]);
    const reached = denied.filter((path) => !denied.some((other) => other !== path && path.startsWith(`${other}.`)));
    expect(reached.filter((path) => !refused.includes(path))).toEqual([]);
    expect(fields.filter((field) => field.outcome === 'depends')).toEqual([]);
  });
});
