import { pino } from 'pino';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The audit log (src/server/plugins/audit.ts) over real HTTP against the emulator: one pino line
 * per mutation field, written to a destination stream the test reads, with the upstream request
 * ID the emulator put in `x-amzn-RequestId` (the emulator's own request log names it too).
 */

/** Module-private: one captured log line. */
type LogLine = Record<string, any>;

/** Module-private: a stack whose gateway logs into `lines` and whose emulator logs every request into `emulatorLog`. */
async function auditedStack(level: 'info' | 'warn' = 'info'): Promise<{ stack: Stack; lines: LogLine[]; emulatorLog: string[] }> {
  const lines: LogLine[] = [];
  const emulatorLog: string[] = [];
  const logger = pino({ level, base: null }, { write: (text: string) => void lines.push(JSON.parse(text) as LogLine) });
  const stack = await startStack({ emulator: { log: (line) => emulatorLog.push(line) }, gateway: { logger } });
  return { stack, lines, emulatorLog };
}

/** Module-private: the audit lines so far. */
function auditLines(lines: readonly LogLine[]): LogLine[] {
  return lines.filter((line) => line.component === 'audit');
}

/** Module-private: the request ID of the emulator's request log line for `<service>.<Operation>` with `status` (exactly one must exist). */
function emulatorRequestId(emulatorLog: readonly string[], serviceOperation: string, status: number): string {
  const matches = emulatorLog.map((line) => line.split(' ')).filter(([, operation, code]) => operation === serviceOperation && code === String(status));
  expect(matches).toHaveLength(1);
  return matches[0][0];
}

/** Module-private: the caller every request without credentials has outside production. */
const ANONYMOUS = { kind: 'anonymous', id: 'anonymous', name: 'anonymous' };

describe('audit log', () => {
  let stack: Stack;
  let lines: LogLine[];
  let emulatorLog: string[];
  let started: number;

  beforeAll(async () => {
    ({ stack, lines, emulatorLog } = await auditedStack());
  });
  afterAll(() => stack.close());
  beforeEach(() => {
    lines.length = 0;
    emulatorLog.length = 0;
    started = Date.now();
  });

  test('a successful mutation: one line with caller, action, resource ARN, outcome ok and the upstream request ID', async () => {
    const created = await stack.gql('mutation CreateShop { createApp(input: { name: "Audited shop" }) { app { applicationId } } }');
    expect(created.body.errors).toBeUndefined();
    const applicationId: string = created.body.data.createApp.app.applicationId;
    const deleted = await stack.gql('mutation RemoveShop($id: ID!) { gone: deleteApp(input: { applicationId: $id }) { app { name } } }', { id: applicationId });
    expect(deleted.body).toMatchObject({ data: { gone: { app: { name: 'Audited shop' } } } });

    expect(auditLines(lines)).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        component: 'audit',
        msg: 'mutation',
        requestId: expect.any(String),
        operationName: 'CreateShop',
        caller: ANONYMOUS,
        field: 'Mutation.createApp',
        path: 'createApp',
        actions: ['mobiletargeting:CreateApp'],
        resources: ['arn:aws:mobiletargeting:us-east-1:123456789012:apps'],
        outcome: 'ok',
        upstreamRequestIds: [emulatorRequestId(emulatorLog, 'pinpoint.CreateApp', 201)],
        durationMs: expect.any(Number),
      },
      {
        level: 30,
        time: expect.any(Number),
        component: 'audit',
        msg: 'mutation',
        requestId: expect.any(String),
        operationName: 'RemoveShop',
        caller: ANONYMOUS,
        field: 'Mutation.deleteApp',
        path: 'gone',
        actions: ['mobiletargeting:DeleteApp'],
        resources: [`arn:aws:mobiletargeting:us-east-1:123456789012:apps/${applicationId}`],
        outcome: 'ok',
        upstreamRequestIds: [emulatorRequestId(emulatorLog, 'pinpoint.DeleteApp', 200)],
        durationMs: expect.any(Number),
      },
    ]);
    for (const line of auditLines(lines)) expect(line.time).toBeGreaterThanOrEqual(started);
  });

  test('a failing mutation: the code the caller got, the upstream exception and the request ID of the refused call', async () => {
    const missing = 'a0000000000000000000000000000404';
    const response = await stack.gql('mutation { deleteApp(input: { applicationId: "a0000000000000000000000000000404" }) { app { name } } }');
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const requestId = emulatorRequestId(emulatorLog, 'pinpoint.DeleteApp', 404);
    expect(response.body.errors?.[0].extensions?.upstream?.requestId).toBe(requestId);

    expect(auditLines(lines)).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        component: 'audit',
        msg: 'mutation',
        requestId: expect.any(String),
        operationName: null,
        caller: ANONYMOUS,
        field: 'Mutation.deleteApp',
        path: 'deleteApp',
        actions: ['mobiletargeting:DeleteApp'],
        resources: [`arn:aws:mobiletargeting:us-east-1:123456789012:apps/${missing}`],
        outcome: 'NOT_FOUND',
        upstreamError: 'NotFoundException',
        upstreamRequestIds: [requestId],
        durationMs: expect.any(Number),
      },
    ]);
  });

  test('every aliased field is its own line, in execution order, each with only its own request ID (SMS v2 too)', async () => {
    const response = await stack.gql(`mutation OptOuts {
      first: putOptedOutNumber(input: { optOutListName: "marketing-optouts", optedOutNumber: "+12065550181" }) { optedOutNumber { optedOutNumber } }
      second: putOptedOutNumber(input: { optOutListName: "no-such-list", optedOutNumber: "+12065550182" }) { optedOutNumber { optedOutNumber } }
    }`);
    expect(response.body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['second'], 'NOT_FOUND']]);
    const calls = emulatorLog.filter((line) => line.includes(' sms-voice-v2.PutOptedOutNumber ')).map((line) => line.split(' '));
    expect(calls.map(([, , status]) => status)).toEqual(['200', '400']);

    expect(auditLines(lines).map(({ path, resources, outcome, upstreamError, upstreamRequestIds, actions }) => ({ path, actions, resources, outcome, upstreamError, upstreamRequestIds }))).toEqual([
      {
        path: 'first',
        actions: ['sms-voice:PutOptedOutNumber'],
        resources: ['arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/marketing-optouts'],
        outcome: 'ok',
        upstreamError: undefined,
        upstreamRequestIds: [calls[0][0]],
      },
      {
        path: 'second',
        actions: ['sms-voice:PutOptedOutNumber'],
        resources: ['arn:aws:sms-voice:us-east-1:123456789012:opt-out-list/no-such-list'],
        outcome: 'NOT_FOUND',
        upstreamError: 'ResourceNotFoundException',
        upstreamRequestIds: [calls[1][0]],
      },
    ]);
  });

  test('queries, and mutations refused before execution, write no audit line', async () => {
    expect((await stack.gql('{ apps(first: 1) { nodes { name } } }')).body.errors).toBeUndefined();
    const invalid = await stack.gql('mutation { deleteApp(input: { applicationId: 1, bogus: true }) { app { name } } }');
    expect(invalid.status).toBe(400);
    expect(auditLines(lines)).toEqual([]);
  });

  test('a mutation the gateway refuses before any upstream call: its code, the resource from the input, no request ID', async () => {
    const response = await stack.gql('mutation { sendUsersMessages(input: { applicationId: "5eedaa00000000000000000000000001", users: [], message: { smsMessage: { body: "hi" } } }) { results { userId } } }');
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(emulatorLog).toEqual([]);
    expect(auditLines(lines).map(({ field, actions, resources, outcome, upstreamRequestIds }) => ({ field, actions, resources, outcome, upstreamRequestIds }))).toEqual([
      {
        field: 'Mutation.sendUsersMessages',
        actions: ['mobiletargeting:SendUsersMessages'],
        resources: ['arn:aws:mobiletargeting:us-east-1:123456789012:apps/5eedaa00000000000000000000000001/messages'],
        outcome: 'BAD_USER_INPUT',
        upstreamRequestIds: [],
      },
    ]);
  });
});

test('audit lines are written at info even when the gateway logs only warnings', async () => {
  const { stack, lines } = await auditedStack('warn');
  try {
    await stack.gql('mutation { _ping }');
    expect(lines.filter((line) => line.level < 40 && line.component !== 'audit')).toEqual([]);
    expect(auditLines(lines).map(({ field, actions, resources, outcome, upstreamRequestIds }) => ({ field, actions, resources, outcome, upstreamRequestIds }))).toEqual([
      { field: 'Mutation._ping', actions: [], resources: ['*'], outcome: 'ok', upstreamRequestIds: [] },
    ]);
  } finally {
    await stack.close();
  }
});

test("a mutation the caller's policy denies: FORBIDDEN, the ARN the decision named, no upstream call", async () => {
  const lines: LogLine[] = [];
  const emulatorLog: string[] = [];
  const logger = pino({ level: 'info', base: null }, { write: (text: string) => void lines.push(JSON.parse(text) as LogLine) });
  // In production the anonymous caller has no policy: every mutation is an implicit deny.
  const stack = await startStack({ emulator: { log: (line) => emulatorLog.push(line) }, gateway: { logger, nodeEnv: 'production' } });
  try {
    const response = await stack.gql('mutation Denied { deleteApp(input: { applicationId: "5eedaa00000000000000000000000001" }) { app { name } } }');
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(emulatorLog).toEqual([]);
    expect(auditLines(lines)).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        component: 'audit',
        msg: 'mutation',
        requestId: expect.any(String),
        operationName: 'Denied',
        caller: ANONYMOUS,
        field: 'Mutation.deleteApp',
        path: 'deleteApp',
        actions: ['mobiletargeting:DeleteApp'],
        resources: [response.body.errors?.[0].extensions?.resource],
        outcome: 'FORBIDDEN',
        upstreamRequestIds: [],
        durationMs: expect.any(Number),
      },
    ]);
    expect(auditLines(lines)[0].resources).toEqual(['arn:aws:mobiletargeting:us-east-1:123456789012:apps/5eedaa00000000000000000000000001']);
  } finally {
    await stack.close();
  }
});
