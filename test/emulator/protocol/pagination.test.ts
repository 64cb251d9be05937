import { paginate } from '../../../src/emulator/protocol/pagination';
import { ServiceError } from '../../../src/emulator/protocol/serviceError';

// Page tokens are opaque and tamper-evident: they walk a list in order, and a forged, altered
// or foreign token is the service's own error rather than a silent restart.

const items = Array.from({ length: 7 }, (_, i) => `item-${i}`);
const invalidToken = () => new ServiceError('ValidationException', 'Invalid NextToken', { Reason: 'INVALID_NEXT_TOKEN' });
const request = (token?: string, scope = 'DescribePools/123456789012/us-east-1') => ({ pageSize: 3, token, scope, invalidToken });

describe('paginate', () => {
  it('walks every item once, in order, and ends without a token', () => {
    const first = paginate(items, request());
    const second = paginate(items, request(first.nextToken));
    const third = paginate(items, request(second.nextToken));
    expect([first.items, second.items, third.items]).toEqual([items.slice(0, 3), items.slice(3, 6), items.slice(6)]);
    expect(third.nextToken).toBeUndefined();
    expect(paginate(items, request('')).items).toEqual(items.slice(0, 3));
  });

  it('rejects a forged token, an altered one and one from another scope', () => {
    const { nextToken } = paginate(items, request());
    const [body, sig] = nextToken!.split('.');
    const forged = `${Buffer.from('6').toString('base64url')}.${sig}`;
    for (const token of ['abc', forged, `${body}.${sig}x`, `${body}.${sig}.extra`, `${body}`]) {
      expect(() => paginate(items, request(token))).toThrow(expect.objectContaining({ code: 'ValidationException', members: { Reason: 'INVALID_NEXT_TOKEN' } }));
    }
    expect(() => paginate(items, request(nextToken, 'DescribePools/999999999999/us-east-1'))).toThrow('Invalid NextToken');
  });

  it('rejects a valid token past the end of a list that shrank', () => {
    const { nextToken } = paginate(items, { ...request(), pageSize: 6 });
    expect(() => paginate(items.slice(0, 2), { ...request(nextToken), pageSize: 6 })).toThrow('Invalid NextToken');
  });
});
