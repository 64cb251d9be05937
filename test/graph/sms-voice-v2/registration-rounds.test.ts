import { loadBenchQuery } from '../../../bench/lib/queries';
import type { OperationHandler, ServiceFactory } from '../../../src/emulator';
import { serviceFactories } from '../../../src/emulator/services';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { emulatorAdmin, expectCalls, gqlWithEmulatorCalls, referenceQuery, reportedCalls } from './kit';

// `Query.registration` answers with a reference when the selection allows it: the edges that need
// only the registration ID (versions, field values, associations) go out in the same round as
// DescribeRegistrations instead of after it. Proven by what the emulator receives, not by timing:
// a gate in the emulator holds each call of a round until every call of that round has arrived,
// so a call that waits for another's answer never arrives, and the round never completes.

const registrations = SMS_VOICE_SEED.registrations;
const MISSING = 'registration-0000000000000000000000000000dead';

/** The SMS v2 calls expected in one round trip, by operation. */
type Round = Readonly<Record<string, number>>;

/**
 * Holds SMS v2 calls in the emulator round by round: every call of the current round waits until
 * all of that round's calls have arrived, then they all answer and the next round begins. A call of
 * no current round passes at once and is recorded as out of round. A round that cannot complete
 * (a call waits for the answer of one the gate holds) is released after `giveUpMs` so the request
 * ends, and stays incomplete: the test then fails on `completedRounds`, not on a clock.
 */
class RoundGate {
  private rounds: readonly Round[] = [];
  private index = 0;
  private arrived: Record<string, number> = {};
  private release: () => void = () => undefined;
  private released: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Rounds whose calls were all held at once. */
  completedRounds = 0;
  /** Calls that arrived outside the round being held (a round's extra call, or a call after the last round). */
  outOfRound: string[] = [];

  constructor(private readonly giveUpMs = 5_000) {}

  /** Expects these rounds for the next request. */
  arm(rounds: readonly Round[]): void {
    this.rounds = rounds;
    this.index = 0;
    this.completedRounds = 0;
    this.outOfRound = [];
    this.openRound();
  }

  /** The emulator's SMS v2 service with every handler behind the gate. */
  service(): ServiceFactory {
    return (deps) => {
      const real = serviceFactories['sms-voice-v2'](deps);
      const handlers: Record<string, OperationHandler> = {};
      for (const [operation, handler] of Object.entries(real.handlers)) {
        handlers[operation] = async (input, ctx) => {
          await this.pass(operation);
          return handler(input, ctx);
        };
      }
      return { ...real, handlers };
    };
  }

  /** Waits at the gate when `operation` belongs to the round being held. */
  private async pass(operation: string): Promise<void> {
    const round = this.rounds[this.index];
    if (round === undefined || (this.arrived[operation] ?? 0) >= (round[operation] ?? 0)) {
      this.outOfRound.push(`${operation} (during round ${this.index + 1})`);
      return;
    }
    this.arrived[operation] = (this.arrived[operation] ?? 0) + 1;
    const held = this.released;
    this.timer ??= setTimeout(() => this.nextRound(false), this.giveUpMs);
    if (Object.entries(round).every(([name, count]) => (this.arrived[name] ?? 0) === count)) this.nextRound(true);
    await held;
  }

  /** Answers the held calls and holds the next round's. */
  private nextRound(complete: boolean): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (complete) this.completedRounds += 1;
    this.index = complete ? this.index + 1 : this.rounds.length;
    this.release();
    this.openRound();
  }

  /** Starts holding the current round's calls. */
  private openRound(): void {
    this.arrived = {};
    this.released = new Promise((resolve) => (this.release = resolve));
  }
}

describe('Query.registration: the ID-only edges go out beside DescribeRegistrations', () => {
  const gate = new RoundGate();
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ emulator: { services: { 'sms-voice-v2': gate.service() } } });
  });
  afterAll(() => stack.close());

  test("the bench's registration detail page: its written minimum in its written critical path of 2 rounds", async () => {
    const bench = loadBenchQuery('registration-detail');
    const rounds: Round[] = [
      // Needs only the registration ID (the versions by number need the registration's numbers).
      { DescribeRegistrations: 1, DescribeRegistrationFieldValues: 1, ListRegistrationAssociations: 1 },
      // Needs an answer of the first round: the numbers and the type, the values, the associations.
      {
        DescribeRegistrationVersions: 1,
        DescribeRegistrationTypeDefinitions: 1,
        DescribeRegistrationFieldDefinitions: 2,
        DescribeRegistrationSectionDefinitions: 1,
        DescribeRegistrationAttachments: 1,
        DescribePhoneNumbers: 1,
      },
    ];
    gate.arm(rounds);
    const result = await gqlWithEmulatorCalls(stack, bench.document, { ...bench.variables });
    expect(result.response.body.errors).toBeUndefined();
    expect({ completedRounds: gate.completedRounds, outOfRound: gate.outOfRound }).toEqual({ completedRounds: bench.criticalPathCalls, outOfRound: [] });
    expect(rounds.length).toBe(bench.criticalPathCalls);
    const registration = result.response.body.data.registration;
    expect(registration).toMatchObject({
      registrationId: registrations.tollFreeApproved,
      registrationType: 'US_TOLL_FREE_REGISTRATION',
      currentVersionNumber: 2,
      approvedVersionNumber: 2,
      latestDeniedVersionNumber: 1,
      approvedVersion: { versionNumber: 2, status: 'APPROVED' },
      latestDeniedVersion: { versionNumber: 1, status: 'DENIED' },
      typeDefinition: { registrationType: 'US_TOLL_FREE_REGISTRATION' },
      associations: { nodes: [{ resourceType: 'phone-number', resourceId: SMS_VOICE_SEED.phoneNumbers.tollFreeAlerts, resource: { __typename: 'PhoneNumber', numberType: 'TOLL_FREE' } }] },
    });
    expect(registration.fieldValues.nodes).toHaveLength(7);
    expect(registration.fieldValues.nodes.find((value: any) => value.fieldPath === 'messagingUseCase.optInImage')).toMatchObject({
      attachment: { registrationAttachmentId: SMS_VOICE_SEED.attachments.optInImage },
      definition: { fieldType: 'ATTACHMENT', section: { sectionPath: 'messagingUseCase' } },
    });
    expectCalls(result, bench.minimumCalls);
  });

  test('the versions list, field values and associations are all in the first round', async () => {
    gate.arm([{ DescribeRegistrations: 1, DescribeRegistrationVersions: 1, DescribeRegistrationFieldValues: 1, ListRegistrationAssociations: 1 }]);
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: String!) { registration(registrationId: $id) { status
        versions(first: 10) { nodes { versionNumber } } fieldValues(first: 1) { nodes { fieldPath } } associations { nodes { resourceId } } } }`,
      { id: registrations.tollFreeApproved },
    );
    expect(result.response.body.errors).toBeUndefined();
    expect({ completedRounds: gate.completedRounds, outOfRound: gate.outOfRound }).toEqual({ completedRounds: 1, outOfRound: [] });
    expect(result.response.body.data.registration).toEqual({
      status: 'COMPLETE',
      versions: { nodes: [{ versionNumber: 1 }, { versionNumber: 2 }] },
      fieldValues: { nodes: [{ fieldPath: expect.any(String) }] },
      associations: { nodes: [{ resourceId: SMS_VOICE_SEED.phoneNumbers.tollFreeAlerts }] },
    });
    expectCalls(result, { DescribeRegistrations: 1, DescribeRegistrationVersions: 1, DescribeRegistrationFieldValues: 1, ListRegistrationAssociations: 1 });
  });

  test("field values whose definitions are selected: the registration (for its type) is read beside the values, not after", async () => {
    const reference = referenceQuery('sms-registration-fields');
    gate.arm([
      // One read of the values serves the connection's page of 20 and `attachments`' whole list (the plan sizes it at 100).
      { DescribeRegistrations: 1, DescribeRegistrationFieldValues: 1 },
      { DescribeRegistrationAttachments: 1, DescribeRegistrationFieldDefinitions: 2, DescribeRegistrationSectionDefinitions: 1 },
    ]);
    const result = await gqlWithEmulatorCalls(stack, reference.query, { registrationId: registrations.tollFreeApproved });
    expect(result.response.body.errors).toBeUndefined();
    expect({ completedRounds: gate.completedRounds, outOfRound: gate.outOfRound }).toEqual({ completedRounds: 2, outOfRound: [] });
    expect(result.response.body.data.registration.fieldValues.nodes).toHaveLength(7);
    expectCalls(result, reference.byOperation);
  });

  test('two registrations by reference still share one DescribeRegistrations', async () => {
    gate.arm([{ DescribeRegistrations: 1, ListRegistrationAssociations: 2 }]);
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($a: String!, $b: String!) {
        a: registration(registrationId: $a) { status associations { nodes { resourceId } } }
        b: registration(registrationId: $b) { status associations { nodes { resourceId } } } }`,
      { a: registrations.tollFreeApproved, b: registrations.sgSenderId },
    );
    expect(result.response.body.errors).toBeUndefined();
    expect({ completedRounds: gate.completedRounds, outOfRound: gate.outOfRound }).toEqual({ completedRounds: 1, outOfRound: [] });
    expect(result.response.body.data.a.status).toBe('COMPLETE');
    expect(result.response.body.data.b.associations.nodes).toHaveLength(1);
    expectCalls(result, { DescribeRegistrations: 1, ListRegistrationAssociations: 2 });
  });
});

/**
 * {@link gqlWithEmulatorCalls} for a registration that ends up null: the answer may leave while
 * calls of its other edges are still on their way (the first failing non-null field settles it),
 * so the emulator's view is read once it has received as many calls as the gateway counted.
 */
async function gqlSettled(stack: Stack, query: string, variables: Record<string, unknown>): ReturnType<typeof gqlWithEmulatorCalls> {
  const smsCounts = () => {
    const byOperation = stack.emulator.callCounts().byOperation;
    return Object.fromEntries(Object.entries(byOperation).flatMap(([key, count]) => (key.startsWith('sms-voice-v2.') ? [[key.slice('sms-voice-v2.'.length), count]] : [])));
  };
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const before = smsCounts();
  const response = await stack.gql(query, variables);
  const sent = reportedCalls(response).total;
  for (let waited = 0; total(smsCounts()) - total(before) < sent && waited < 5_000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  const emulatorCalls: Record<string, number> = {};
  for (const [operation, count] of Object.entries(smsCounts())) if (count > (before[operation] ?? 0)) emulatorCalls[operation] = count - (before[operation] ?? 0);
  return { response, emulatorCalls };
}

describe('Query.registration by reference: a missing or failing registration', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());
  afterEach(() => emulatorAdmin(stack, 'DELETE', 'faults'));

  test("an unknown ID with the bench's selection is registration: null with one NOT_FOUND, never a ghost", async () => {
    const bench = loadBenchQuery('registration-detail');
    const result = await gqlSettled(stack, bench.document, { registrationId: MISSING });
    expect(result.response.body.data).toEqual({ registration: null });
    // One error: the nullable fields reading the registration leave the report to the non-null ones,
    // and graphql-js reports the first error of a nulled object only. Whichever failing call answers
    // first names the path: DescribeRegistrations at a non-null member, the others at their edge.
    const errors = result.response.body.errors!;
    expect(errors).toHaveLength(1);
    expect(errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { service: 'sms-voice-v2', errorName: 'ResourceNotFoundException' } });
    const pathOf: Record<string, string> = { DescribeRegistrations: 'registrationType', DescribeRegistrationFieldValues: 'fieldValues', ListRegistrationAssociations: 'associations' };
    expect(errors[0].path).toEqual(['registration', pathOf[errors[0].extensions!.upstream.operation]]);
    // The ID edges made their own (failing) calls beside DescribeRegistrations; nothing went further.
    expectCalls(result, { DescribeRegistrations: 1, DescribeRegistrationFieldValues: 1, ListRegistrationAssociations: 1 });
  });

  test('DescribeRegistrations failing does not hold back the ID edges; a non-null member reports it once', async () => {
    await emulatorAdmin(stack, 'PUT', 'faults', { service: 'sms-voice-v2', operation: 'DescribeRegistrations', errorCode: 'AccessDeniedException', status: 403 });
    const result = await gqlSettled(
      stack,
      `query ($id: String!) { registration(registrationId: $id) { status approvedVersionNumber approvedVersion { versionNumber } typeDefinition { registrationType }
        fieldValues(first: 1) { nodes { fieldPath } } associations { nodes { resourceId } } } }`,
      { id: registrations.tollFreeApproved },
    );
    expect(result.response.body.data).toEqual({ registration: null });
    expect(result.response.body.errors).toHaveLength(1);
    expect(result.response.body.errors![0]).toMatchObject({ path: ['registration', 'status'], extensions: { code: 'FORBIDDEN', upstream: { operation: 'DescribeRegistrations' } } });
    // The field values and associations were read although the registration never answered.
    expectCalls(result, { DescribeRegistrations: 1, DescribeRegistrationFieldValues: 1, ListRegistrationAssociations: 1 });
  });

  test('without a non-null member selected, a failed DescribeRegistrations is reported by the nullable fields and the edges still answer', async () => {
    await emulatorAdmin(stack, 'PUT', 'faults', { service: 'sms-voice-v2', operation: 'DescribeRegistrations', errorCode: 'AccessDeniedException', status: 403 });
    const result = await gqlSettled(stack, 'query ($id: String!) { registration(registrationId: $id) { registrationId approvedVersionNumber associations { nodes { resourceId } } } }', {
      id: registrations.tollFreeApproved,
    });
    expect(result.response.body.data).toEqual({
      registration: { registrationId: registrations.tollFreeApproved, approvedVersionNumber: null, associations: { nodes: [{ resourceId: SMS_VOICE_SEED.phoneNumbers.tollFreeAlerts }] } },
    });
    expect(result.response.body.errors).toHaveLength(1);
    expect(result.response.body.errors![0]).toMatchObject({ path: ['registration', 'approvedVersionNumber'], extensions: { code: 'FORBIDDEN' } });
    expectCalls(result, { DescribeRegistrations: 1, ListRegistrationAssociations: 1 });
  });

  test('an ARN argument reads the registration first, so registrationId is the ID, not the ARN', async () => {
    const arn = `arn:aws:sms-voice:us-east-1:123456789012:registration/${registrations.tollFreeApproved}`;
    const result = await gqlSettled(stack, 'query ($id: String!) { registration(registrationId: $id) { registrationId associations { nodes { resourceId } } } }', { id: arn });
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.registration.registrationId).toBe(registrations.tollFreeApproved);
    expectCalls(result, { DescribeRegistrations: 1, ListRegistrationAssociations: 1 });
  });

  test('no ID edge selected (here: dropped by @skip/@include): the registration is read first, a missing one is NOT_FOUND at registration with one call', async () => {
    const result = await gqlSettled(
      stack,
      `query ($id: String!, $no: Boolean!) { registration(registrationId: $id) { registrationId status
        fieldValues @skip(if: true) { nodes { fieldPath } } associations @include(if: $no) { nodes { resourceId } } } }`,
      { id: MISSING, no: false },
    );
    expect(result.response.body.data).toEqual({ registration: null });
    expect(result.response.body.errors).toHaveLength(1);
    expect(result.response.body.errors![0]).toMatchObject({ path: ['registration'], extensions: { code: 'NOT_FOUND' } });
    expectCalls(result, { DescribeRegistrations: 1 });
  });

  test('an ID edge selected through a fragment spread starts beside DescribeRegistrations', async () => {
    const result = await gqlSettled(
      stack,
      `query ($id: String!) { registration(registrationId: $id) { ...Detail } }
       fragment Detail on Registration { status ... on Registration { fieldValues(first: 1) { nodes { fieldPath } } } }`,
      { id: MISSING },
    );
    expect(result.response.body.data).toEqual({ registration: null });
    expect(result.response.body.errors).toHaveLength(1);
    // The field values were asked for although the registration does not exist: they did not wait for it.
    expectCalls(result, { DescribeRegistrations: 1, DescribeRegistrationFieldValues: 1 });
  });
});
