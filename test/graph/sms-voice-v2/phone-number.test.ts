import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls, referenceQuery } from './kit';

const numbers = SMS_VOICE_SEED.phoneNumbers;
const pools = SMS_VOICE_SEED.pools;
const registrations = SMS_VOICE_SEED.registrations;

describe('phone numbers: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('phone numbers with their pools, opt-out lists and registrations cost the written minimum', async () => {
    const reference = referenceQuery('sms-phone-numbers-with-edges');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    const nodes = result.response.body.data.phoneNumbers.nodes as any[];
    expect(nodes.map((node) => node.phoneNumberId)).toEqual(Object.values(numbers));
    const byId = Object.fromEntries(nodes.map((node) => [node.phoneNumberId, node]));
    expect(byId[numbers.tenDlcMarketing1]).toEqual({
      phoneNumberId: numbers.tenDlcMarketing1,
      phoneNumber: '+14255550100',
      pool: { poolId: pools.marketing },
      optOutList: { name: 'marketing-optouts' },
      registration: { registrationId: registrations.tenDlcCampaign, status: 'COMPLETE' },
    });
    expect(byId[numbers.ukLongCode].pool).toEqual({ poolId: pools.alerts });
    expect(byId[numbers.simulator]).toMatchObject({ pool: null, registration: null, optOutList: { name: 'Default' } });
    expect(byId[numbers.caLongCode].optOutList).toEqual({ name: 'transactional-optouts' });
    expect(byId[numbers.tollFreePending].registration).toEqual({ registrationId: registrations.tollFreeSubmitted, status: 'SUBMITTED' });
    expectCalls(result, reference.byOperation);
    expect(reference.minimum).toBe(4);
  });

  test('7 distinct phone-number IDs cost 2 DescribePhoneNumbers calls (chunks of 5 and 2)', async () => {
    const reference = referenceQuery('sms-seven-phone-numbers');
    const ids = Object.values(numbers);
    const variables = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name, index) => [name, ids[index]]));
    const result = await gqlWithEmulatorCalls(stack, reference.query, variables);
    expect(result.response.body.errors).toBeUndefined();
    expect(Object.values(result.response.body.data).map((number: any) => number.phoneNumberId)).toEqual(ids);
    expectCalls(result, { DescribePhoneNumbers: 2 });
    expect(reference.byOperation).toEqual({ DescribePhoneNumbers: 2 });
  });

  test('nodes: one unknown phone number among 5 is null at its index, the others resolve, in 2 calls', async () => {
    const reference = referenceQuery('sms-nodes-one-unknown');
    const unknown = 'phone-00000000000000000000000000000000';
    const ids = [numbers.tollFreeAlerts, numbers.simulator, unknown, numbers.ukLongCode, numbers.caLongCode].map((id) => globalId('PhoneNumber', id));
    const result = await gqlWithEmulatorCalls(stack, reference.query, { ids });
    const { data, errors } = result.response.body;
    expect(data.nodes.map((node: any) => node?.phoneNumberId ?? null)).toEqual([numbers.tollFreeAlerts, numbers.simulator, null, numbers.ukLongCode, numbers.caLongCode]);
    expect(data.nodes[0]).toEqual({ id: ids[0], phoneNumberId: numbers.tollFreeAlerts, phoneNumber: '+18335550100' });
    // A missing Node is null with NOT_FOUND at its own index, and nowhere else (graph/node.ts).
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['nodes', 2], extensions: { code: 'NOT_FOUND' } });
    expectCalls(result, reference.byOperation);
  });

  test('one unknown phone number among 5 aliased lookups is null with NOT_FOUND at its path, the others resolve, in 2 calls', async () => {
    const unknown = 'phone-00000000000000000000000000000000';
    const ids = [numbers.tollFreeAlerts, numbers.simulator, unknown, numbers.ukLongCode, numbers.caLongCode];
    const query = `query ($a: String!, $b: String!, $c: String!, $d: String!, $e: String!) {
      a: phoneNumber(phoneNumberId: $a) { phoneNumberId } b: phoneNumber(phoneNumberId: $b) { phoneNumberId } c: phoneNumber(phoneNumberId: $c) { phoneNumberId }
      d: phoneNumber(phoneNumberId: $d) { phoneNumberId } e: phoneNumber(phoneNumberId: $e) { phoneNumberId } }`;
    const result = await gqlWithEmulatorCalls(stack, query, { a: ids[0], b: ids[1], c: ids[2], d: ids[3], e: ids[4] });
    const { data, errors } = result.response.body;
    expect(data).toEqual({
      a: { phoneNumberId: numbers.tollFreeAlerts },
      b: { phoneNumberId: numbers.simulator },
      c: null,
      d: { phoneNumberId: numbers.ukLongCode },
      e: { phoneNumberId: numbers.caLongCode },
    });
    expect(errors).toHaveLength(1);
    expect(errors![0]).toMatchObject({ path: ['c'], extensions: { code: 'NOT_FOUND' } });
    expect(errors![0].message).toContain(unknown);
    expectCalls(result, { DescribePhoneNumbers: 2 });
  });

  test('two unknown phone numbers among 5 cost 3 calls (k + 1), each unknown one null at its own index', async () => {
    const unknownA = 'phone-0000000000000000000000000000000a';
    const unknownB = 'phone-0000000000000000000000000000000b';
    const ids = [unknownA, numbers.tollFreeAlerts, numbers.simulator, unknownB, numbers.ukLongCode].map((id) => globalId('PhoneNumber', id));
    const result = await gqlWithEmulatorCalls(stack, referenceQuery('sms-nodes-one-unknown').query, { ids });
    const { data, errors } = result.response.body;
    expect(data.nodes.map((node: any) => node?.phoneNumberId ?? null)).toEqual([null, numbers.tollFreeAlerts, numbers.simulator, null, numbers.ukLongCode]);
    expect(errors!.map((error: any) => [error.path, error.extensions.code])).toEqual([
      [['nodes', 0], 'NOT_FOUND'],
      [['nodes', 3], 'NOT_FOUND'],
    ]);
    expectCalls(result, { DescribePhoneNumbers: 3 });
  });

  test('phoneNumber(phoneNumberId) of an unknown number is null with NOT_FOUND, after one call', async () => {
    const result = await gqlWithEmulatorCalls(stack, '{ phoneNumber(phoneNumberId: "phone-ffffffffffffffffffffffffffffffff") { phoneNumberId } }');
    expect(result.response.body.data).toEqual({ phoneNumber: null });
    expect(result.response.body.errors).toMatchObject([{ path: ['phoneNumber'], extensions: { code: 'NOT_FOUND' } }]);
    expectCalls(result, { DescribePhoneNumbers: 1 });
  });

  test('node(id) round-trips the global ID of a phone number with every scalar field', async () => {
    const id = globalId('PhoneNumber', numbers.tollFreeAlerts);
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: ID!) { node(id: $id) { __typename id ... on PhoneNumber {
        phoneNumberId arn phoneNumber status isoCountryCode messageType numberCapabilities numberType monthlyLeasingPrice
        twoWayEnabled twoWayChannelArn twoWayChannelRole selfManagedOptOutsEnabled internationalSendingEnabled
        deletionProtectionEnabled createdTimestamp optOutListName poolId registrationId } } }`,
      { id },
    );
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.node).toEqual({
      __typename: 'PhoneNumber',
      id,
      phoneNumberId: numbers.tollFreeAlerts,
      arn: `arn:aws:sms-voice:us-east-1:123456789012:phone-number/${numbers.tollFreeAlerts}`,
      phoneNumber: '+18335550100',
      status: 'ACTIVE',
      isoCountryCode: 'US',
      messageType: 'TRANSACTIONAL',
      numberCapabilities: ['SMS', 'VOICE'],
      numberType: 'TOLL_FREE',
      monthlyLeasingPrice: expect.stringMatching(/^\d+\.\d+$/),
      twoWayEnabled: true,
      twoWayChannelArn: 'arn:aws:sns:us-east-1:123456789012:inbound-sms',
      twoWayChannelRole: 'arn:aws:iam::123456789012:role/sms-two-way',
      selfManagedOptOutsEnabled: false,
      internationalSendingEnabled: false,
      deletionProtectionEnabled: true,
      createdTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      optOutListName: 'Default',
      poolId: null,
      registrationId: registrations.tollFreeApproved,
    });
    expectCalls(result, { DescribePhoneNumbers: 1 });
  });

  test('phoneNumbers pages forward with first/after, one DescribePhoneNumbers per page', async () => {
    const query = 'query ($after: String) { phoneNumbers(first: 3, after: $after) { nodes { phoneNumberId } pageInfo { hasNextPage hasPreviousPage endCursor } } }';
    const seen: string[] = [];
    let after: string | null = null;
    const hasNext: boolean[] = [];
    for (let page = 0; page < 3; page += 1) {
      const result = await gqlWithEmulatorCalls(stack, query, { after });
      expect(result.response.body.errors).toBeUndefined();
      const connection: any = result.response.body.data.phoneNumbers;
      seen.push(...connection.nodes.map((node: any) => node.phoneNumberId));
      hasNext.push(connection.pageInfo.hasNextPage);
      expect(connection.pageInfo.hasPreviousPage).toBe(false);
      after = connection.pageInfo.endCursor;
      expectCalls(result, { DescribePhoneNumbers: 1 });
    }
    expect(seen).toEqual(Object.values(numbers));
    expect(hasNext).toEqual([true, true, false]);
  });

  test('a registration reached from a listed number resolves its associations from the primed number loader', async () => {
    // The phone-number page primes the by-ID loader, so the associations' numbers cost nothing.
    const result = await gqlWithEmulatorCalls(
      stack,
      '{ phoneNumbers(first: 10) { nodes { phoneNumberId registration { associations { nodes { resource { ... on PhoneNumber { phoneNumberId registrationId } } } } } } } }',
    );
    expect(result.response.body.errors).toBeUndefined();
    const campaignNumber = (result.response.body.data.phoneNumbers.nodes as any[]).find((node) => node.phoneNumberId === numbers.tenDlcMarketing1);
    expect(campaignNumber.registration.associations.nodes.map((node: any) => node.resource)).toEqual([
      { phoneNumberId: numbers.tenDlcMarketing1, registrationId: registrations.tenDlcCampaign },
      { phoneNumberId: numbers.tenDlcMarketing2, registrationId: registrations.tenDlcCampaign },
    ]);
    expectCalls(result, { DescribePhoneNumbers: 1, DescribeRegistrations: 1, ListRegistrationAssociations: 3 });
  });

  test('"first" above the SMS v2 page maximum is refused before any upstream call', async () => {
    const result = await gqlWithEmulatorCalls(stack, '{ phoneNumbers(first: 101) { nodes { phoneNumberId } } }');
    expect(result.response.body.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    expect(result.response.body.errors![0].message).toBe('"first" must be an integer from 1 to 100 (the upstream page maximum); got 101.');
    expectCalls(result, {});
  });
});

describe('phone numbers: mutations return the changed number', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('request, update (pool edge read again), release', async () => {
    const requested = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: RequestPhoneNumberInput!) { requestPhoneNumber(input: $input) { phoneNumber {
        phoneNumberId status isoCountryCode messageType numberType numberCapabilities deletionProtectionEnabled optOutList { name } } } }`,
      { input: { isoCountryCode: 'US', messageType: 'TRANSACTIONAL', numberCapabilities: ['SMS'], numberType: 'SIMULATOR', deletionProtectionEnabled: true } },
    );
    expect(requested.response.body.errors).toBeUndefined();
    const created = requested.response.body.data.requestPhoneNumber.phoneNumber;
    expect(created).toMatchObject({
      status: 'ACTIVE',
      isoCountryCode: 'US',
      messageType: 'TRANSACTIONAL',
      numberType: 'SIMULATOR',
      numberCapabilities: ['SMS'],
      deletionProtectionEnabled: true,
      optOutList: { name: 'Default' },
    });
    expectCalls(requested, { RequestPhoneNumber: 1, DescribeOptOutLists: 1 });

    // UpdatePhoneNumber's result has no PoolId: the pool edge reads the number once more.
    const updated = await gqlWithEmulatorCalls(
      stack,
      'mutation ($input: UpdatePhoneNumberInput!) { updatePhoneNumber(input: $input) { phoneNumber { phoneNumberId deletionProtectionEnabled optOutListName pool { poolId } } } }',
      { input: { phoneNumberId: created.phoneNumberId, deletionProtectionEnabled: false, optOutListName: 'marketing-optouts' } },
    );
    expect(updated.response.body.errors).toBeUndefined();
    expect(updated.response.body.data.updatePhoneNumber.phoneNumber).toEqual({
      phoneNumberId: created.phoneNumberId,
      deletionProtectionEnabled: false,
      optOutListName: 'marketing-optouts',
      pool: null,
    });
    expectCalls(updated, { UpdatePhoneNumber: 1, DescribePhoneNumbers: 1 });

    const released = await gqlWithEmulatorCalls(stack, 'mutation ($input: ReleasePhoneNumberInput!) { releasePhoneNumber(input: $input) { phoneNumber { phoneNumberId status } } }', {
      input: { phoneNumberId: created.phoneNumberId },
    });
    expect(released.response.body.data.releasePhoneNumber.phoneNumber).toEqual({ phoneNumberId: created.phoneNumberId, status: 'DELETED' });
    expectCalls(released, { ReleasePhoneNumber: 1 });

    const gone = await stack.gql('query ($id: String!) { phoneNumber(phoneNumberId: $id) { phoneNumberId } }', { id: created.phoneNumberId });
    expect(gone.body.data).toEqual({ phoneNumber: null });
    expect(gone.body.errors).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
  });

  test('releasing a number with deletion protection fails with CONFLICT and no data change', async () => {
    const result = await gqlWithEmulatorCalls(stack, 'mutation ($input: ReleasePhoneNumberInput!) { releasePhoneNumber(input: $input) { phoneNumber { phoneNumberId } } }', {
      input: { phoneNumberId: numbers.tollFreeAlerts },
    });
    expect(result.response.body.data).toBeNull();
    expect(result.response.body.errors).toMatchObject([{ path: ['releasePhoneNumber'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(result, { ReleasePhoneNumber: 1 });
  });
});
