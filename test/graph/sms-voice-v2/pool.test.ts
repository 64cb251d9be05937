import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { expectCalls, globalId, gqlWithEmulatorCalls, referenceQuery } from './kit';

const numbers = SMS_VOICE_SEED.phoneNumbers;
const pools = SMS_VOICE_SEED.pools;

describe('pools: reads', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('pools with their opt-out lists and members (phone numbers and sender IDs) cost the written minimum', async () => {
    const reference = referenceQuery('sms-pool-members');
    const result = await gqlWithEmulatorCalls(stack, reference.query);
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.pools.nodes).toEqual([
      {
        poolId: pools.marketing,
        messageType: 'PROMOTIONAL',
        optOutList: { name: 'marketing-optouts' },
        originationIdentities: {
          nodes: [
            { originationIdentity: numbers.tenDlcMarketing1, isoCountryCode: 'US', resource: { __typename: 'PhoneNumber', phoneNumber: '+14255550100', poolId: pools.marketing } },
            { originationIdentity: numbers.tenDlcMarketing2, isoCountryCode: 'US', resource: { __typename: 'PhoneNumber', phoneNumber: '+14255550101', poolId: pools.marketing } },
          ],
        },
      },
      {
        poolId: pools.alerts,
        messageType: 'TRANSACTIONAL',
        optOutList: { name: 'Default' },
        originationIdentities: {
          nodes: [
            { originationIdentity: numbers.ukLongCode, isoCountryCode: 'GB', resource: { __typename: 'PhoneNumber', phoneNumber: '+447700900100', poolId: pools.alerts } },
            { originationIdentity: 'ACMEALERT', isoCountryCode: 'GB', resource: { __typename: 'SenderId', senderId: 'ACMEALERT', isoCountryCode: 'GB' } },
          ],
        },
      },
    ]);
    expectCalls(result, reference.byOperation);
    expect(reference.minimum).toBe(6);
  });

  test('Pool.phoneNumbers and Pool.originationIdentities share one ListPoolOriginationIdentities page', async () => {
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: String!) { pool(poolId: $id) {
        phoneNumbers(first: 10) { nodes { phoneNumberId } pageInfo { hasNextPage } }
        originationIdentities(first: 10) { nodes { originationIdentity } } } }`,
      { id: pools.alerts },
    );
    expect(result.response.body.errors).toBeUndefined();
    expect(result.response.body.data.pool).toEqual({
      phoneNumbers: { nodes: [{ phoneNumberId: numbers.ukLongCode }], pageInfo: { hasNextPage: false } },
      originationIdentities: { nodes: [{ originationIdentity: numbers.ukLongCode }, { originationIdentity: 'ACMEALERT' }] },
    });
    expectCalls(result, { DescribePools: 1, ListPoolOriginationIdentities: 1, DescribePhoneNumbers: 1 });
  });

  test('originationIdentities pages forward with first/after, one call per page', async () => {
    const query = 'query ($id: String!, $after: String) { pool(poolId: $id) { originationIdentities(first: 1, after: $after) { nodes { originationIdentity } pageInfo { hasNextPage endCursor } } } }';
    const first = await gqlWithEmulatorCalls(stack, query, { id: pools.alerts });
    const firstPage = first.response.body.data.pool.originationIdentities;
    expect(firstPage.nodes).toEqual([{ originationIdentity: numbers.ukLongCode }]);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    expectCalls(first, { DescribePools: 1, ListPoolOriginationIdentities: 1 });
    const second = await gqlWithEmulatorCalls(stack, query, { id: pools.alerts, after: firstPage.pageInfo.endCursor });
    expect(second.response.body.data.pool.originationIdentities).toEqual({ nodes: [{ originationIdentity: 'ACMEALERT' }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
    expectCalls(second, { DescribePools: 1, ListPoolOriginationIdentities: 1 });
  });

  test('node(id) fetches a pool with all its settings', async () => {
    const id = globalId('Pool', pools.marketing);
    const result = await gqlWithEmulatorCalls(
      stack,
      `query ($id: ID!) { node(id: $id) { id ... on Pool { poolId arn status messageType twoWayEnabled twoWayChannelArn selfManagedOptOutsEnabled
        optOutListName sharedRoutesEnabled deletionProtectionEnabled createdTimestamp } } }`,
      { id },
    );
    expect(result.response.body.data.node).toEqual({
      id,
      poolId: pools.marketing,
      arn: `arn:aws:sms-voice:us-east-1:123456789012:pool/${pools.marketing}`,
      status: 'ACTIVE',
      messageType: 'PROMOTIONAL',
      twoWayEnabled: false,
      twoWayChannelArn: null,
      selfManagedOptOutsEnabled: false,
      optOutListName: 'marketing-optouts',
      sharedRoutesEnabled: false,
      deletionProtectionEnabled: true,
      createdTimestamp: expect.any(String),
    });
    expectCalls(result, { DescribePools: 1 });
  });

  test('a malformed ID in a batch fails the chunk with ValidationException: every ID is retried alone (n + 1 calls)', async () => {
    const ids = [pools.marketing, 'not a pool id!', pools.alerts];
    const result = await gqlWithEmulatorCalls(stack, 'query ($a: String!, $b: String!, $c: String!) { a: pool(poolId: $a) { poolId } b: pool(poolId: $b) { poolId } c: pool(poolId: $c) { poolId } }', {
      a: ids[0],
      b: ids[1],
      c: ids[2],
    });
    expect(result.response.body.data).toEqual({ a: { poolId: pools.marketing }, b: null, c: { poolId: pools.alerts } });
    expect(result.response.body.errors).toMatchObject([{ path: ['b'], extensions: { code: 'BAD_USER_INPUT' } }]);
    expectCalls(result, { DescribePools: 4 });
  });
});

describe('pools: mutations return the changed pool', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('create, associate, disassociate, update, delete', async () => {
    const created = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: CreatePoolInput!) { createPool(input: $input) { pool { poolId status messageType deletionProtectionEnabled
        phoneNumbers(first: 10) { nodes { phoneNumberId poolId } } } } }`,
      { input: { originationIdentity: numbers.simulator, messageType: 'TRANSACTIONAL' } },
    );
    expect(created.response.body.errors).toBeUndefined();
    const pool = created.response.body.data.createPool.pool;
    expect(pool).toMatchObject({ status: 'ACTIVE', messageType: 'TRANSACTIONAL', deletionProtectionEnabled: false });
    expect(pool.phoneNumbers.nodes).toEqual([{ phoneNumberId: numbers.simulator, poolId: pool.poolId }]);
    expectCalls(created, { CreatePool: 1, ListPoolOriginationIdentities: 1, DescribePhoneNumbers: 1 });

    const associated = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: OriginationIdentityAssociationInput!) { associateOriginationIdentity(input: $input) {
        originationIdentity isoCountryCode pool { poolId } resource { ... on PhoneNumber { phoneNumberId poolId } } } }`,
      { input: { poolId: pool.poolId, originationIdentity: numbers.tollFreePending, isoCountryCode: 'US' } },
    );
    expect(associated.response.body.errors).toBeUndefined();
    expect(associated.response.body.data.associateOriginationIdentity).toEqual({
      originationIdentity: numbers.tollFreePending,
      isoCountryCode: 'US',
      pool: { poolId: pool.poolId },
      resource: { phoneNumberId: numbers.tollFreePending, poolId: pool.poolId },
    });
    expectCalls(associated, { AssociateOriginationIdentity: 1, DescribePools: 1, DescribePhoneNumbers: 1 });

    const disassociated = await gqlWithEmulatorCalls(
      stack,
      `mutation ($input: OriginationIdentityAssociationInput!) { disassociateOriginationIdentity(input: $input) {
        resource { ... on PhoneNumber { phoneNumberId poolId } } pool { originationIdentities { nodes { originationIdentity } } } } }`,
      { input: { poolId: pool.poolId, originationIdentity: numbers.tollFreePending, isoCountryCode: 'US' } },
    );
    expect(disassociated.response.body.data.disassociateOriginationIdentity).toEqual({
      resource: { phoneNumberId: numbers.tollFreePending, poolId: null },
      pool: { originationIdentities: { nodes: [{ originationIdentity: numbers.simulator }] } },
    });
    expectCalls(disassociated, { DisassociateOriginationIdentity: 1, DescribePools: 1, DescribePhoneNumbers: 1, ListPoolOriginationIdentities: 1 });

    const updated = await gqlWithEmulatorCalls(stack, 'mutation ($input: UpdatePoolInput!) { updatePool(input: $input) { pool { poolId sharedRoutesEnabled optOutList { name } } } }', {
      input: { poolId: pool.poolId, sharedRoutesEnabled: true, optOutListName: 'transactional-optouts' },
    });
    expect(updated.response.body.data.updatePool.pool).toEqual({ poolId: pool.poolId, sharedRoutesEnabled: true, optOutList: { name: 'transactional-optouts' } });
    expectCalls(updated, { UpdatePool: 1, DescribeOptOutLists: 1 });

    const deleted = await gqlWithEmulatorCalls(stack, 'mutation ($input: DeletePoolInput!) { deletePool(input: $input) { pool { poolId status deletionProtectionEnabled } } }', {
      input: { poolId: pool.poolId },
    });
    expect(deleted.response.body.data.deletePool.pool).toEqual({ poolId: pool.poolId, status: 'DELETING', deletionProtectionEnabled: false });
    expectCalls(deleted, { DeletePool: 1 });

    const gone = await stack.gql('query ($id: String!) { pool(poolId: $id) { poolId } }', { id: pool.poolId });
    expect(gone.body.errors).toMatchObject([{ path: ['pool'], extensions: { code: 'NOT_FOUND' } }]);
  });

  test('deleting a pool with deletion protection is a CONFLICT', async () => {
    const result = await gqlWithEmulatorCalls(stack, 'mutation ($input: DeletePoolInput!) { deletePool(input: $input) { pool { poolId } } }', { input: { poolId: pools.marketing } });
    expect(result.response.body.errors).toMatchObject([{ path: ['deletePool'], extensions: { code: 'CONFLICT' } }]);
    expectCalls(result, { DeletePool: 1 });
  });
});
