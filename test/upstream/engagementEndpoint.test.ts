import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../src/config';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { EMULATOR_CREDENTIALS } from '../../src/upstream';
import { postGql, type GqlResponse } from '../helpers/gql';

// "AWS as it is today" over real HTTP with two emulators: A stands in for AWS and refuses the
// Pinpoint operations AWS retired on 2026-10-30 (`retireEngagement`), B is an engagement endpoint.
// The gateways are configured from environment variables through loadConfig, as `npm start` is,
// with UPSTREAM=aws (the SDK's default credential chain, here fake keys in the environment) and
// both service endpoints pointed at A. Each emulator's call log (`/_emulator/calls`) shows which
// operations reached it, exactly.

const { apps, campaigns, segments } = PINPOINT_SEED;
const VARIABLES = { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE, segment: segments.RETAIL_VIP };

/** A retired field (campaign, segment: GetCampaign, GetSegment) beside continuing ones (the project, its SMS channel, phone number validation, SMS v2 phone numbers). */
const MIXED = `query Mixed($app: ID!, $campaign: ID!, $segment: ID!) {
  app(id: $app) {
    name
    smsChannel { enabled }
    campaign(id: $campaign) { name }
    segment(id: $segment) { name }
  }
  validatePhoneNumber(phoneNumber: "+12065550100") { cleansedPhoneNumberE164 }
  phoneNumbers(first: 2) { nodes { phoneNumber } }
}`;

/** What MIXED answers when every operation is served (both emulators hold the same seeded data). */
const FULL_DATA = {
  app: { name: 'Retail Storefront', smsChannel: { enabled: true }, campaign: { name: 'Spring sale email' }, segment: { name: 'VIP shoppers (spend 500+)' } },
  validatePhoneNumber: { cleansedPhoneNumberE164: '+12065550100' },
  phoneNumbers: { nodes: [{ phoneNumber: '+18335550100' }, { phoneNumber: '+14255550100' }] },
};

/** The continuing operations of MIXED, as an emulator's call log names them. */
const CONTINUING_CALLS = { 'pinpoint.GetApp': 1, 'pinpoint.GetSmsChannel': 1, 'pinpoint.PhoneNumberValidate': 1, 'sms-voice-v2.DescribePhoneNumbers': 1 };

/** Module-private: the fake keys the SDK's default chain finds (a 12-digit key ID is the emulator's seeded account). */
const AWS_ENV = { AWS_ACCESS_KEY_ID: '123456789012', AWS_SECRET_ACCESS_KEY: 'fake-secret-for-tests' } as const;

let awsStandIn: EmulatorServer;
let engagementEndpoint: EmulatorServer;
const saved: Record<string, string | undefined> = {};
const gateways: GatewayServer[] = [];

beforeAll(async () => {
  for (const name of [...Object.keys(AWS_ENV), 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) saved[name] = process.env[name];
  Object.assign(process.env, AWS_ENV);
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  awsStandIn = await createEmulatorServer({ port: 0, seed: true, retireEngagement: true });
  engagementEndpoint = await createEmulatorServer({ port: 0, seed: true });
});

afterAll(async () => {
  for (const gateway of gateways) await gateway.close();
  await awsStandIn.close();
  await engagementEndpoint.close();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** Module-private: a gateway configured from `env` as main.ts does it (the parts the upstream needs), on port 0. */
async function startGateway(env: Record<string, string>): Promise<((query: string, variables?: Record<string, unknown>) => Promise<GqlResponse>) & { readonly url: string }> {
  const config = loadConfig(env);
  const gateway = await createGatewayServer({
    port: 0,
    upstream: config.upstream,
    region: config.region,
    endpoints: config.endpoints,
    engagement: config.engagement,
    upstreamMaxAttempts: config.upstreamMaxAttempts,
    upstreamResilience: config.upstreamResilience,
  });
  gateways.push(gateway);
  return Object.assign((query: string, variables?: Record<string, unknown>) => postGql(`${gateway.url}/graphql`, query, variables), { url: gateway.url });
}

/** Module-private: the env of a gateway on "AWS" (emulator A). */
function awsEnv(more: Record<string, string> = {}): Record<string, string> {
  return { UPSTREAM: 'aws', PINPOINT_ENDPOINT: awsStandIn.endpoint, SMS_VOICE_ENDPOINT: awsStandIn.endpoint, ...more };
}

/** Module-private: clears both emulators' call logs. */
async function clearCalls(): Promise<void> {
  for (const emulator of [awsStandIn, engagementEndpoint]) await fetch(`${emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
}

/** Module-private: the operations an emulator received since the last {@link clearCalls}. */
function callsOf(emulator: EmulatorServer): Record<string, number> {
  return emulator.callCounts().byOperation;
}

/** Module-private: the UPSTREAM_RETIRED error of a retired `operation` of `feature` at `path`. */
function retired(operation: string, feature: string, replacement: string, path: string[]) {
  return {
    message: `${operation} was not sent: AWS ended support for Amazon Pinpoint ${feature} on 2026-10-30, and its API no longer serves them. Replaced by: ${replacement}. To keep this data behind the gateway, set ENGAGEMENT_ENDPOINT to an endpoint that still serves it (README "AWS as it is today").`,
    path,
    extensions: {
      code: 'UPSTREAM_RETIRED',
      retired: { feature, endOfSupport: '2026-10-30', replacement },
      upstream: { service: 'pinpoint', operation, errorName: 'UpstreamRetiredError', requestId: null, httpStatusCode: null },
    },
  };
}

describe('UPSTREAM=aws without ENGAGEMENT_ENDPOINT', () => {
  let gql: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    // One failure opens a breaker: a retired answer counted as a failure would show at once.
    gql = await startGateway(awsEnv({ UPSTREAM_BREAKER_FAILURES: '1' }));
  });

  test('retired fields answer UPSTREAM_RETIRED without a call; the other fields of the request answer with data', async () => {
    await clearCalls();
    const { status, body } = await gql(MIXED, VARIABLES);
    expect(status).toBe(200);
    expect(body.data).toEqual({ ...FULL_DATA, app: { ...FULL_DATA.app, campaign: null, segment: null } });
    expect(body.errors).toEqual([
      expect.objectContaining(retired('GetCampaign', 'campaigns', 'Amazon Connect outbound campaigns', ['app', 'campaign'])),
      expect.objectContaining(retired('GetSegment', 'segments', 'Amazon Connect Customer Profiles (segments)', ['app', 'segment'])),
    ]);
    // Not sent, so not counted: the gateway's count and AWS's log agree, and hold no retired operation.
    expect(body.extensions?.upstreamCalls).toEqual({ total: 4, byOperation: { DescribePhoneNumbers: 1, GetApp: 1, GetSmsChannel: 1, PhoneNumberValidate: 1 } });
    expect(callsOf(awsStandIn)).toEqual(CONTINUING_CALLS);
    expect(callsOf(engagementEndpoint)).toEqual({});
  });

  test('the breakers do not count a retired call as a failure: with one failure to open, the next reads still go out', async () => {
    await clearCalls();
    const second = await gql(MIXED, VARIABLES);
    expect(second.body.data?.app?.name).toBe('Retail Storefront');
    expect(second.body.errors?.map((error) => error.extensions?.code)).toEqual(['UPSTREAM_RETIRED', 'UPSTREAM_RETIRED']);
    expect(callsOf(awsStandIn)).toEqual(CONTINUING_CALLS);
  });

  test('a retired mutation is refused the same way, and AWS sees nothing', async () => {
    await clearCalls();
    const { body } = await gql(`mutation($app: ID!) { createSegment(input: { applicationId: $app, segment: { name: "Gold" } }) { segment { segmentId } } }`, { app: apps.RETAIL });
    expect(body.errors?.map((error) => [error.extensions?.code, error.extensions?.upstream?.operation])).toEqual([['UPSTREAM_RETIRED', 'CreateSegment']]);
    expect(callsOf(awsStandIn)).toEqual({});
  });
});

describe('UPSTREAM=aws with ENGAGEMENT_ENDPOINT', () => {
  let gql: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gql = await startGateway(awsEnv({ ENGAGEMENT_ENDPOINT: engagementEndpoint.endpoint }));
  });

  test('the same query answers fully: the retired operations reached the engagement endpoint only, the others AWS only', async () => {
    await clearCalls();
    const { body } = await gql(MIXED, VARIABLES);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(FULL_DATA);
    // One request counter for both clients.
    expect(body.extensions?.upstreamCalls).toEqual({ total: 6, byOperation: { DescribePhoneNumbers: 1, GetApp: 1, GetCampaign: 1, GetSegment: 1, GetSmsChannel: 1, PhoneNumberValidate: 1 } });
    expect(callsOf(awsStandIn)).toEqual(CONTINUING_CALLS);
    expect(callsOf(engagementEndpoint)).toEqual({ 'pinpoint.GetCampaign': 1, 'pinpoint.GetSegment': 1 });
  });

  test('writes of retired features land on the engagement endpoint and read back from it', async () => {
    await clearCalls();
    const created = await gql(`mutation($app: ID!) { createSegment(input: { applicationId: $app, segment: { name: "Kept segment" } }) { segment { segmentId name } } }`, { app: apps.RETAIL });
    expect(created.body.errors).toBeUndefined();
    const segmentId = created.body.data.createSegment.segment.segmentId as string;
    const read = await gql(`query($app: ID!, $segment: ID!) { app(id: $app) { segment(id: $segment) { name } } }`, { app: apps.RETAIL, segment: segmentId });
    expect(read.body.data).toEqual({ app: { segment: { name: 'Kept segment' } } });
    expect(callsOf(engagementEndpoint)).toEqual({ 'pinpoint.CreateSegment': 1, 'pinpoint.GetSegment': 1 });
    expect(callsOf(awsStandIn)).toEqual({ 'pinpoint.GetApp': 1 });
  });

  test('the KPI cache serves a routed KPI the second time: one call to the engagement endpoint for two requests', async () => {
    const day = 86_400_000;
    const end = new Date(Math.floor(Date.now() / day) * day - 1).toISOString();
    const start = new Date(Math.floor(Date.now() / day) * day - 14 * day).toISOString();
    const query = `query($app: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) { kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { rows { values { key value } } } } }`;
    await clearCalls();
    const first = await gql(query, { app: apps.RETAIL, start, end });
    const second = await gql(query, { app: apps.RETAIL, start, end });
    expect(first.body.errors).toBeUndefined();
    expect(second.body.data).toEqual(first.body.data);
    expect(first.body.data.app.kpi.rows.length).toBeGreaterThan(0);
    expect(callsOf(engagementEndpoint)).toEqual({ 'pinpoint.GetApplicationDateRangeKpi': 1 });
    // `app(id:)` with only `kpi` selected reads no project: AWS is not asked at all.
    expect(callsOf(awsStandIn)).toEqual({});
  });
});

describe('the engagement endpoint has breakers of its own', () => {
  test('failing, it opens its own read breaker (service pinpoint-engagement) while AWS reads keep going out', async () => {
    const gql = await startGateway(awsEnv({ ENGAGEMENT_ENDPOINT: engagementEndpoint.endpoint, UPSTREAM_BREAKER_FAILURES: '1', UPSTREAM_BREAKER_HALF_OPEN_MS: '60000', UPSTREAM_MAX_ATTEMPTS: '1' }));
    await clearCalls();
    const fault = await fetch(`${engagementEndpoint.endpoint}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ kind: 'error', service: 'pinpoint', operation: 'GetCampaign', count: 1 }) });
    expect(fault.status).toBe(200);
    try {
      const first = await gql(MIXED, VARIABLES);
      expect(first.body.errors?.map((error) => [error.path, error.extensions?.code, error.extensions?.upstream?.service])).toEqual([[['app', 'campaign'], 'UPSTREAM_UNAVAILABLE', 'pinpoint-engagement']]);
      const second = await gql(MIXED, VARIABLES);
      // The engagement read breaker is open: both retired reads are refused unsent ...
      expect(second.body.errors?.map((error) => [error.path, error.extensions?.reason, error.extensions?.upstream?.service])).toEqual([
        [['app', 'campaign'], 'CIRCUIT_OPEN', 'pinpoint-engagement'],
        [['app', 'segment'], 'CIRCUIT_OPEN', 'pinpoint-engagement'],
      ]);
      // ... while AWS's Pinpoint reads of the same class still go out.
      expect(second.body.data.app.name).toBe('Retail Storefront');
      expect(callsOf(engagementEndpoint)).toEqual({ 'pinpoint.GetCampaign': 1, 'pinpoint.GetSegment': 1 });
      expect(callsOf(awsStandIn)).toEqual({ 'pinpoint.GetApp': 2, 'pinpoint.GetSmsChannel': 2, 'pinpoint.PhoneNumberValidate': 2, 'sms-voice-v2.DescribePhoneNumbers': 2 });
      // /readyz reports the engagement endpoint's breaker under its own name, and AWS's as closed.
      const report = (await (await fetch(`${gql.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean; detail: string }> };
      expect(report.checks.upstreamBreakers).toMatchObject({ ok: false, detail: expect.stringMatching(/^pinpoint-engagement read calls in us-east-1: open \(probe in \d+ ms\)$/) });
    } finally {
      await fetch(`${engagementEndpoint.endpoint}/_emulator/faults`, { method: 'DELETE' });
    }
  });
});

describe('the engagement endpoint is signed with its own static credentials, never the AWS ones', () => {
  const TEAM_KEYS = { ENGAGEMENT_ACCESS_KEY_ID: 'AKIATEAMENGAGEMENT01', ENGAGEMENT_SECRET_ACCESS_KEY: 'team-engagement-secret' };
  let strict: EmulatorServer;
  beforeAll(async () => {
    // Knows the emulator's fake keys and a team's keys; the AWS keys in the environment are unknown to it.
    strict = await createEmulatorServer({
      port: 0,
      seed: true,
      strictSignatures: { credentials: { [EMULATOR_CREDENTIALS.accessKeyId]: EMULATOR_CREDENTIALS.secretAccessKey, [TEAM_KEYS.ENGAGEMENT_ACCESS_KEY_ID]: TEAM_KEYS.ENGAGEMENT_SECRET_ACCESS_KEY } },
    });
  });
  afterAll(() => strict.close());

  const CAMPAIGN = `query($app: ID!, $campaign: ID!) { app(id: $app) { campaign(id: $campaign) { name } } }`;

  test('by default the fake emulator keys', async () => {
    const gql = await startGateway(awsEnv({ ENGAGEMENT_ENDPOINT: strict.endpoint }));
    const { body } = await gql(CAMPAIGN, VARIABLES);
    expect(body).toMatchObject({ data: { app: { campaign: { name: 'Spring sale email' } } } });
    expect(body.errors).toBeUndefined();
  });

  test('ENGAGEMENT_ACCESS_KEY_ID / ENGAGEMENT_SECRET_ACCESS_KEY when set (a wrong secret is refused by the endpoint)', async () => {
    const right = await startGateway(awsEnv({ ENGAGEMENT_ENDPOINT: strict.endpoint, ...TEAM_KEYS }));
    expect((await right(CAMPAIGN, VARIABLES)).body.data).toEqual({ app: { campaign: { name: 'Spring sale email' } } });
    const wrong = await startGateway(awsEnv({ ENGAGEMENT_ENDPOINT: strict.endpoint, ...TEAM_KEYS, ENGAGEMENT_SECRET_ACCESS_KEY: 'not-the-secret' }));
    const { body } = await wrong(CAMPAIGN, VARIABLES);
    expect(body.errors?.map((error) => [error.extensions?.code, error.extensions?.upstream?.service, error.extensions?.upstream?.errorName])).toEqual([['FORBIDDEN', 'pinpoint-engagement', 'SignatureDoesNotMatch']]);
  });
});

describe('the composition root (src/main.ts) as an operator runs it', () => {
  test('UPSTREAM=aws with ENGAGEMENT_ENDPOINT: a campaign is read from the engagement endpoint, the project from AWS', async () => {
    const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', REDIS_URL: '', NODE_ENV: 'development', ...awsEnv({ ENGAGEMENT_ENDPOINT: engagementEndpoint.endpoint }) };
    // One process, as `npm start` runs it: the tsx CLI would relay SIGTERM to a child and SIGKILL it
    // (exit 143) when the child is slow to confirm, as on a loaded machine (test/server/main.test.ts).
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, '..', '..', 'src', 'main.ts')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const banner = String((await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next()).value);
      const url = /GraphQL at (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(banner)?.[1];
      expect(url).toBeDefined();
      await clearCalls();
      const { body } = await postGql(`${url}/graphql`, `query($app: ID!, $campaign: ID!) { app(id: $app) { name campaign(id: $campaign) { name } } }`, VARIABLES);
      expect(body.data).toEqual({ app: { name: 'Retail Storefront', campaign: { name: 'Spring sale email' } } });
      expect(callsOf(awsStandIn)).toEqual({ 'pinpoint.GetApp': 1 });
      expect(callsOf(engagementEndpoint)).toEqual({ 'pinpoint.GetCampaign': 1 });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe('UPSTREAM=emulator', () => {
  test('nothing changes: the same query answers fully from the one emulator, retired operations included', async () => {
    const gql = await startGateway({ UPSTREAM: 'emulator', PINPOINT_ENDPOINT: engagementEndpoint.endpoint, SMS_VOICE_ENDPOINT: engagementEndpoint.endpoint });
    await clearCalls();
    const { body } = await gql(MIXED, VARIABLES);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(FULL_DATA);
    expect(callsOf(engagementEndpoint)).toEqual({ ...CONTINUING_CALLS, 'pinpoint.GetCampaign': 1, 'pinpoint.GetSegment': 1 });
    expect(callsOf(awsStandIn)).toEqual({});
  });
});
