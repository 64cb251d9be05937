import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as smsVoiceSdk from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { parse as parseShell } from 'shell-quote';
import { serviceModel } from '../src/emulator/protocol/model';
import { startGatewayProcess, type GatewayProcess } from './helpers/gatewayProcess';

/**
 * Every walkthrough of the README runs exactly as written, in order, against a fresh gateway
 * started the way `npm start` starts it (src/main.ts, no endpoints: the seeded emulator
 * in-process), so the README cannot drift from what the product does.
 *
 * The convention the README follows (invisible when rendered): the line right before a fenced
 * block is an HTML comment `<!-- walkthrough: FLOW STEP [ROLE] [expect CODE] -->`.
 * - No ROLE: the step itself. ```graphql is POSTed to `/graphql`; ```sh is run command by command
 *   (below). Each must succeed with no errors, or, with `expect CODE`, fail with exactly that
 *   `extensions.code`.
 * - `variables` (```json): the step's variables. A string `"<step N: path>"` stands for that field
 *   of step N's answer (under `data` for GraphQL, the printed JSON for a shell step), and `<today>`
 *   inside a string for today's UTC date: exactly what the README tells a person to fill in.
 * - `answer` (```json): the step's whole answer, compared exactly.
 * - `excerpt` (```ts): lines of the file the step's `npx tsx FILE` runs, in the file's order; its
 *   `// … prints: X` comments are the lines the program prints, in order.
 * Steps are numbered from 1 without gaps; in a flow whose variables name earlier steps, each step
 * shows its number to the reader (an ordered-list line `N. …` right before its marker). Every
 * fenced block of the walkthrough sections must carry a marker, so no example goes untested.
 *
 * Shell commands are parsed with shell-quote and run as follows (anything else fails the test):
 * - `curl -s URL`: a GET of URL, whose origin `http://localhost:4000` (npm start's) is the test
 *   gateway's; it must answer 200 with JSON, which is the step's answer.
 * - `npm run emulator`: package.json's script, checked to be `node --import tsx src/emulator/main.ts`, run with
 *   `EMULATOR_PORT=0`; the README's `http://127.0.0.1:4566` (its default) then means its endpoint.
 * - `npx tsx FILE`: run with `EMULATOR_ENDPOINT` set to that emulator.
 * - `export NAME=VALUE …`: the environment of the commands after it.
 * - `aws SERVICE OPERATION --name value …`: the AWS CLI cannot be installed here (no pip, no
 *   internet), so each command is mapped as the CLI maps it and run with the real SDK client
 *   against the emulator: SERVICE names the SDK package, OPERATION (kebab-case) its
 *   `<PascalCase>Command`, each `--kebab-name` the input member `KebabName`, which must be a string
 *   member of the operation's input shape in the SDK's own schema (the one the emulator routes by);
 *   `--endpoint-url` and `--region` configure the client, the exported AWS_ACCESS_KEY_ID and
 *   AWS_SECRET_ACCESS_KEY are its credentials.
 */

const ROOT = join(__dirname, '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** Module-private: the origin the README's curl commands name (npm start's defaults, PORT 4000). */
const README_GATEWAY_ORIGIN = 'http://localhost:4000';
/** Module-private: the endpoint the README's emulator commands name (`npm run emulator`'s default port). */
const README_EMULATOR_ENDPOINT = 'http://127.0.0.1:4566';
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

// ---- the README's walkthrough blocks ---------------------------------------------------------

/** Module-private: one marked block. */
interface MarkedBlock {
  readonly flow: string;
  readonly step: number;
  readonly role?: 'variables' | 'answer' | 'excerpt';
  readonly expect?: string;
  readonly lang: string;
  readonly text: string;
  /** Offset of the marker in the README. */
  readonly offset: number;
}

/** Module-private: a step with its blocks. */
interface Step {
  readonly number: number;
  readonly main: MarkedBlock;
  readonly variables?: MarkedBlock;
  readonly answer?: MarkedBlock;
  readonly excerpt?: MarkedBlock;
}

const MARKER = /^<!-- walkthrough: ([a-z-]+) (\d+)(?: (variables|answer|excerpt))?(?: expect ([A-Z_]+))? -->\n```(\w+)\n([\s\S]*?)\n```$/gm;

/** Module-private: every marked block of the README, in order. */
function markedBlocks(): MarkedBlock[] {
  return [...README.matchAll(MARKER)].map((match) => ({
    flow: match[1],
    step: Number(match[2]),
    role: match[3] as MarkedBlock['role'],
    expect: match[4],
    lang: match[5],
    text: match[6],
    offset: match.index!,
  }));
}

/** Module-private: the steps of one flow, in order, checked for shape. */
function flowSteps(flow: string): Step[] {
  const blocks = markedBlocks().filter((block) => block.flow === flow);
  const numbers = [...new Set(blocks.map((block) => block.step))];
  expect({ flow, numbers }).toEqual({ flow, numbers: numbers.map((_n, index) => index + 1) });
  return numbers.map((number) => {
    const of = (role: MarkedBlock['role']) => {
      const found = blocks.filter((block) => block.step === number && block.role === role);
      if (found.length > 1) throw new Error(`README walkthrough ${flow} ${number}: ${found.length} blocks with role ${role ?? '(step)'}; one at most.`);
      return found[0];
    };
    const main = of(undefined);
    if (!main) throw new Error(`README walkthrough ${flow} ${number} has no step block (a marker without a role).`);
    const step: Step = { number, main, variables: of('variables'), answer: of('answer'), excerpt: of('excerpt') };
    if (!['graphql', 'sh'].includes(main.lang)) throw new Error(`README walkthrough ${flow} ${number}: a step is a graphql or sh block; got ${main.lang}.`);
    if (step.variables && (main.lang !== 'graphql' || step.variables.lang !== 'json')) throw new Error(`README walkthrough ${flow} ${number}: variables are a json block after a graphql step.`);
    if (step.answer && (main.lang !== 'graphql' || step.answer.lang !== 'json')) throw new Error(`README walkthrough ${flow} ${number}: an answer is a json block after a graphql step.`);
    if (step.excerpt && (main.lang !== 'sh' || step.excerpt.lang !== 'ts')) throw new Error(`README walkthrough ${flow} ${number}: an excerpt is a ts block after an sh step.`);
    for (const block of [step.variables, step.answer, step.excerpt]) {
      if (block?.expect) throw new Error(`README walkthrough ${flow} ${number}: "expect" belongs on the step's own marker.`);
    }
    return step;
  });
}

// ---- running steps -----------------------------------------------------------------------------

/** Module-private: what earlier steps answered, by step number (`data` for GraphQL, the JSON printed for sh). */
type Results = Map<number, unknown>;

/** Module-private: today's UTC date, as `<today>` stands for it. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Module-private: a variables block with its placeholders filled in from earlier results. */
function fillVariables(block: MarkedBlock, results: Results): Record<string, unknown> {
  const where = `README walkthrough ${block.flow} ${block.step} variables`;
  const fill = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    if (typeof value !== 'string') return value;
    const reference = /^<step (\d+): ([^>]+)>$/.exec(value);
    if (reference) {
      const from = Number(reference[1]);
      if (from >= block.step || !results.has(from)) throw new Error(`${where}: "${value}" names step ${from}, which has not run before step ${block.step}.`);
      return readPath(results.get(from), reference[2], `${where}: "${value}"`);
    }
    const filled = value.replaceAll('<today>', today());
    const unknown = /<[^>]*>/.exec(filled);
    if (unknown) throw new Error(`${where}: unknown placeholder ${unknown[0]} in "${value}" (the README defines <step N: path> and <today>).`);
    return filled;
  };
  return fill(JSON.parse(block.text)) as Record<string, unknown>;
}

/** Module-private: `a.b[0].c` of `value`; a clear error when the path does not exist. */
function readPath(value: unknown, path: string, where: string): unknown {
  let current = value;
  for (const part of path.split(/\.|(?=\[)/)) {
    const index = /^\[(\d+)\]$/.exec(part);
    const key = index ? Number(index[1]) : part;
    if (current === null || typeof current !== 'object' || !(key in current)) throw new Error(`${where}: the answer has no ${JSON.stringify(key)} on the way to ${path}: ${JSON.stringify(value)}`);
    current = (current as Record<string | number, unknown>)[key];
  }
  if (current === undefined || current === null) throw new Error(`${where}: ${path} is ${current} in the answer: ${JSON.stringify(value)}`);
  return current;
}

/** Module-private: one GraphQL step against the gateway, checked as its marker says; its `data` goes to `results`. */
async function runGraphqlStep(gateway: GatewayProcess, step: Step, results: Results): Promise<void> {
  const variables = step.variables ? fillVariables(step.variables, results) : undefined;
  const { status, body } = await gateway.gql(step.main.text, variables);
  const label = `README walkthrough ${step.main.flow} ${step.number}`;
  if (step.main.expect) {
    expect({ label, codes: (body.errors ?? []).map((error: { extensions?: { code?: string } }) => error.extensions?.code) }).toEqual({ label, codes: [step.main.expect] });
  } else {
    expect({ label, status, errors: body.errors }).toEqual({ label, status: 200, errors: undefined });
  }
  if (step.answer) expect({ label, answer: body }).toEqual({ label, answer: JSON.parse(step.answer.text) });
  results.set(step.number, body.data);
}

/** Module-private: the commands of an sh block, one per line, as shell-quote parses them (comments dropped). */
function shellCommands(block: MarkedBlock): string[][] {
  return block.text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      parseShell(line).flatMap((entry) => {
        if (typeof entry === 'string') return [entry];
        if ('comment' in entry) return [];
        throw new Error(`README walkthrough ${block.flow} ${block.step}: only plain commands run here; got ${JSON.stringify(entry)} in "${line}".`);
      }),
    )
    .filter((words) => words.length > 0);
}

/** Module-private: `curl -s URL` against the test gateway; the printed JSON. */
async function runCurl(words: string[], gatewayUrl: string): Promise<unknown> {
  expect(words.slice(0, 2)).toEqual(['curl', '-s']);
  expect(words).toHaveLength(3);
  const url = words[2];
  if (!url.startsWith(`${README_GATEWAY_ORIGIN}/`)) throw new Error(`A README curl command must name npm start's origin ${README_GATEWAY_ORIGIN}; got ${url}`);
  const response = await fetch(`${gatewayUrl}${url.slice(README_GATEWAY_ORIGIN.length)}`);
  const text = await response.text();
  expect({ url, status: response.status }).toEqual({ url, status: 200 });
  return JSON.parse(text);
}

/** Module-private: package.json's scripts, which the README's npm commands run. */
function packageScripts(): Record<string, string> {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
}

// ---- the gateway of the GraphQL flows ----------------------------------------------------------

let gateway: GatewayProcess;
beforeAll(async () => {
  // `npm start` is `node --import tsx src/main.ts`, which startGatewayProcess runs
  // with npm start's configuration: no endpoints (so the seeded emulator in-process), NODE_ENV
  // development, rate limits on; only the port is free (the README's 4000 means it) and the logs silent.
  expect(packageScripts().start).toBe('node --import tsx src/main.ts');
  gateway = await startGatewayProcess({ env: { NODE_ENV: 'development', RATE_LIMITS: 'true' } });
}, 60_000);
afterAll(() => gateway?.stop());

test('every fenced block of the walkthrough sections is a marked step, and every marker is well-formed', () => {
  const markers = README.match(/<!-- walkthrough:/g) ?? [];
  expect(markedBlocks()).toHaveLength(markers.length);
  for (const heading of ['## A first query', '## Main flows (worked examples)', '## The emulator']) {
    const start = README.indexOf(`\n${heading}\n`);
    expect({ heading, found: start >= 0 }).toEqual({ heading, found: true });
    const end = README.indexOf('\n## ', start + 1);
    const section = README.slice(start, end);
    const fences = [...section.matchAll(/^```(\w+)\n/gm)].map((fence) => ({ lang: fence[1], marked: /<!-- walkthrough: [^\n]* -->\n$/.test(section.slice(0, fence.index)) }));
    expect(fences.length).toBeGreaterThan(0);
    expect({ heading, unmarked: fences.filter((fence) => !fence.marked) }).toEqual({ heading, unmarked: [] });
  }
  // Where variables name earlier steps, the reader must see the step numbers.
  for (const flow of ['marketing', 'sms']) {
    for (const step of flowSteps(flow)) {
      const before = README.slice(0, step.main.offset).trimEnd().split('\n').at(-1);
      expect({ flow, step: step.number, before: before?.startsWith(`${step.number}. `) }).toEqual({ flow, step: step.number, before: true });
    }
  }
});

test('"A first query": each query answers exactly the JSON the README shows', async () => {
  const steps = flowSteps('first-query');
  expect(steps.map((step) => Boolean(step.answer))).toEqual([true, true]);
  const results: Results = new Map();
  for (const step of steps) await runGraphqlStep(gateway, step, results);
});

test('marketing: project, endpoints, segment, campaign, its run and KPI, and the texts in the outbox', async () => {
  const steps = flowSteps('marketing');
  const results: Results = new Map();
  for (const step of steps) {
    if (step.main.lang === 'graphql') await runGraphqlStep(gateway, step, results);
    else for (const words of shellCommands(step.main)) results.set(step.number, await runCurl(words, gateway.url));
  }
  expect(steps).toHaveLength(5);
  expect(results.get(3)).toEqual({ createCampaign: { campaign: { campaignId: expect.any(String), state: 'SCHEDULED' } } });
  // The outbox holds exactly the campaign's texts to the two gold endpoints.
  const campaignId = (results.get(3) as any).createCampaign.campaign.campaignId;
  const messages = (results.get(5) as { messages: any[] }).messages;
  expect(messages.map((message) => [message.destination, message.body, message.details.campaignId]).sort()).toEqual([
    ['+12065550101', 'Your gold perks: 20% off this week.', campaignId],
    ['+12065550103', 'Your gold perks: 20% off this week.', campaignId],
  ]);
});

test('SMS: number, pool, registration, a verified destination (code read from the gateway), a send, then CONFLICT once opted out', async () => {
  const steps = flowSteps('sms');
  const results: Results = new Map();
  for (const step of steps) {
    if (step.main.lang === 'graphql') await runGraphqlStep(gateway, step, results);
    else for (const words of shellCommands(step.main)) results.set(step.number, await runCurl(words, gateway.url));
  }
  expect(steps).toHaveLength(10);
  const data = (n: number) => results.get(n) as any;
  const verifiedId = data(3).createVerifiedDestinationNumber.verifiedDestinationNumber.verifiedDestinationNumberId;
  expect(data(3).createVerifiedDestinationNumber.verifiedDestinationNumber.status).toBe('PENDING');
  expect(data(5)).toEqual({
    verificationCodes: [
      { destination: '+12065550177', verificationCode: expect.stringMatching(/^\d+$/), verifiedDestinationNumberId: verifiedId, messageId: data(4).sendDestinationNumberVerificationCode.messageId, sentAt: expect.any(String), expiresAt: expect.any(String) },
    ],
  });
  expect(data(6)).toEqual({ verifyDestinationNumber: { verifiedDestinationNumber: { destinationPhoneNumber: '+12065550177', status: 'VERIFIED' } } });
  const messageId = data(7).sendTextMessage.messageId;
  expect(messageId).toEqual(expect.any(String));
  // The outbox: the verification code, then the text from the requested number, and nothing else.
  expect(data(8).messages.map((message: any) => [message.messageId, message.origination, message.body])).toEqual([
    [data(4).sendDestinationNumberVerificationCode.messageId, expect.any(String), `Your verification code is ${data(5).verificationCodes[0].verificationCode}.`],
    [messageId, data(1).requestPhoneNumber.phoneNumber.phoneNumber, 'Your order has shipped.'],
  ]);
  // The refused send (step 10) answered no data: `expect CONFLICT` checked its code.
  expect(results.get(10)).toBeNull();
});

// ---- the emulator flow -------------------------------------------------------------------------

/** Module-private: the environment a README command runs with: a clean one, plus what the README exported. */
function commandEnv(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    // The pinned SDK warns once per process about Node 20; the README's printed lines leave it out.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** Module-private: `npm run emulator` as package.json defines it, on a free port; its endpoint, printed lines and stop. */
async function startReadmeEmulator(): Promise<{ endpoint: string; banner: string[]; stop: () => Promise<void> }> {
  expect(packageScripts().emulator).toBe('node --import tsx src/emulator/main.ts');
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src', 'emulator', 'main.ts')], { cwd: ROOT, env: commandEnv({ EMULATOR_PORT: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
  // The emulator logs each request on stderr: kept only to explain a failed start.
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const banner: string[] = [];
  try {
    // The banner is printed at once, whole; its last line is the second SDK one.
    for await (const line of createInterface({ input: child.stdout! })) {
      banner.push(line);
      if (line.includes('new PinpointSMSVoiceV2Client(')) break;
    }
    const endpoint = /listening on (http:\/\/\S+)$/.exec(banner[0] ?? '')?.[1];
    if (!endpoint) throw new Error(`npm run emulator printed no endpoint: ${banner.join('\n')}\nstderr: ${stderr}`);
    return { endpoint, banner, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Module-private: `npx tsx FILE` against the emulator; its stdout lines. */
async function runTsx(file: string, endpoint: string): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, file)], { cwd: ROOT, env: commandEnv({ EMULATOR_ENDPOINT: endpoint }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect({ file, code, stderr }).toEqual({ file, code: 0, stderr: '' });
  return stdout.trimEnd().split('\n');
}

/** Module-private: the SDK packages the README's AWS CLI services name, with the emulator's service IDs. */
const CLI_SERVICES = {
  pinpoint: { sdk: pinpointSdk as unknown as Record<string, unknown>, Client: pinpointSdk.PinpointClient, model: 'pinpoint' },
  'pinpoint-sms-voice-v2': { sdk: smsVoiceSdk as unknown as Record<string, unknown>, Client: smsVoiceSdk.PinpointSMSVoiceV2Client, model: 'sms-voice-v2' },
} as const;

/** Module-private: kebab-case → PascalCase, as the AWS CLI names operations and parameters. */
function pascal(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_all, _dash, letter: string) => letter.toUpperCase());
}

/** Module-private: one `aws …` command run as the equivalent SDK command; its output. */
async function runAwsCli(words: string[], env: Record<string, string>, endpoint: string): Promise<{ operation: string; output: Record<string, unknown> }> {
  const [aws, serviceName, operationName, ...rest] = words;
  expect(aws).toBe('aws');
  const service = CLI_SERVICES[serviceName as keyof typeof CLI_SERVICES];
  if (!service) throw new Error(`README AWS CLI command names service "${serviceName}"; the emulator serves ${Object.keys(CLI_SERVICES).join(', ')}.`);
  const operation = pascal(operationName);
  const Command = service.sdk[`${operation}Command`] as (new (input: Record<string, unknown>) => any) | undefined;
  if (typeof Command !== 'function') throw new Error(`README AWS CLI command "${serviceName} ${operationName}" maps to no ${operation}Command of the SDK.`);
  const inputShape = serviceModel(service.model).operationsByName.get(operation)?.input;
  if (!inputShape) throw new Error(`The emulator's route table has no ${operation}.`);
  const members = new Map([...inputShape.structIterator()]);
  const input: Record<string, unknown> = {};
  let endpointUrl: string | undefined;
  let region: string | undefined;
  for (let index = 0; index < rest.length; index += 2) {
    const [flag, value] = [rest[index], rest[index + 1]];
    if (!flag.startsWith('--') || value === undefined || value.startsWith('--')) throw new Error(`README AWS CLI command: expected "--name value" pairs; got ${JSON.stringify(rest.slice(index))}`);
    if (flag === '--endpoint-url') endpointUrl = value;
    else if (flag === '--region') region = value;
    else {
      const member = pascal(flag.slice(2));
      const schema = members.get(member);
      if (!schema) throw new Error(`README AWS CLI command "${serviceName} ${operationName}": ${flag} names no member of ${operation}'s input (${[...members.keys()].join(', ')}).`);
      if (!schema.isStringSchema()) throw new Error(`README AWS CLI command: ${flag} is not a string member; this test maps string parameters only.`);
      input[member] = value;
    }
  }
  expect({ endpointUrl, region }).toEqual({ endpointUrl: README_EMULATOR_ENDPOINT, region: 'us-east-1' });
  if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) throw new Error('README AWS CLI commands run without credentials exported before them.');
  // Either service's client: the command was picked by name, so it is sent untyped.
  const client = new service.Client({ endpoint, region, credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } }) as unknown as {
    send(command: unknown): Promise<{ $metadata: { httpStatusCode?: number } } & Record<string, unknown>>;
    destroy(): void;
  };
  try {
    const { $metadata, ...output } = await client.send(new Command(input));
    expect($metadata.httpStatusCode).toBe(200);
    return { operation, output };
  } finally {
    client.destroy();
  }
}

test('the emulator: npm run emulator, the SDK example as quoted and printed, and the AWS CLI commands as SDK calls', async () => {
  const steps = flowSteps('emulator');
  expect(steps.map((step) => step.main.lang)).toEqual(['sh', 'sh', 'sh']);

  // 1. npm run emulator: it prints the CLI commands the README lists (with its own endpoint).
  expect(shellCommands(steps[0].main)).toEqual([['npm', 'run', 'emulator']]);
  const emulator = await startReadmeEmulator();
  try {
    const cliLines = steps[2].main.text.split('\n').filter((line) => line.startsWith('aws '));
    const printedCli = emulator.banner.flatMap((line) => /(aws \S+ \S+ --endpoint-url \S+ --region \S+)/.exec(line)?.[1] ?? []);
    expect(printedCli).toHaveLength(2);
    for (const printed of printedCli) expect(cliLines).toContain(printed.replace(emulator.endpoint, README_EMULATOR_ENDPOINT));

    // 2. npx tsx examples/emulator-with-sdk.ts: the excerpt is the file's lines, and it prints what the comments say.
    const [tsxCommand] = shellCommands(steps[1].main);
    expect(tsxCommand.slice(0, 2)).toEqual(['npx', 'tsx']);
    const file = tsxCommand[2];
    const source = readFileSync(join(ROOT, file), 'utf8').split('\n').map((line) => line.trim());
    const excerpt = steps[1].excerpt!.text.split('\n');
    let from = 0;
    for (const line of excerpt.filter((text) => !text.startsWith('//'))) {
      const at = source.indexOf(line.trim(), from);
      expect({ line, inFileInOrder: at >= 0 }).toEqual({ line, inFileInOrder: true });
      from = at + 1;
    }
    const promised = excerpt.flatMap((line) => /^\/\/.* prints: (.*)$/.exec(line)?.[1] ?? []);
    expect(promised).toHaveLength(2);
    expect(await runTsx(file, emulator.endpoint)).toEqual(promised);

    // 3. The AWS CLI commands, as the equivalent SDK commands.
    const env: Record<string, string> = {};
    const outputs: { operation: string; output: Record<string, any> }[] = [];
    for (const words of shellCommands(steps[2].main)) {
      if (words[0] === 'export') {
        for (const assignment of words.slice(1)) {
          const [name, ...value] = assignment.split('=');
          env[name] = value.join('=');
        }
      } else {
        outputs.push(await runAwsCli(words, env, emulator.endpoint));
      }
    }
    expect(outputs.map((output) => output.operation)).toEqual(['GetApps', 'GetCampaigns', 'DescribePhoneNumbers']);
    expect(outputs[0].output.ApplicationsResponse.Item.map((app: any) => app.Name)).toEqual(['Retail Storefront', 'Mobile Banking', 'Internal Alerts', 'readme-demo']);
    expect(outputs[1].output.CampaignsResponse.Item.map((campaign: any) => campaign.Name)).toContain('Spring sale email');
    expect(outputs[2].output.PhoneNumbers.map((number: any) => number.PhoneNumber)).toContain('+18335550102');
  } finally {
    await emulator.stop();
  }
}, 120_000);
