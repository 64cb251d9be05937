import {
  ConflictException,
  CreateOptOutListCommand,
  DeleteOptedOutNumberCommand,
  DeleteOptOutListCommand,
  DescribeOptedOutNumbersCommand,
  DescribeOptOutListsCommand,
  PutOptedOutNumberCommand,
  ReleasePhoneNumberCommand,
  RequestPhoneNumberCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { SMS_VOICE_SEED } from '../../../src/emulator/services/sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from './fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
// A movable clock, so the once-per-30-days opt-in rule is testable without waiting.
let now = new Date('2025-03-01T12:00:00Z');
let fx: SmsFixture;

beforeAll(async () => {
  fx = await startSmsFixture({ clock: { now: () => now } });
});
afterAll(() => fx.close());

describe('opt-out lists', () => {
  it('creates, describes by name or ARN, and deletes a list', async () => {
    const { sms, accountId } = fx.account();
    const created = await sms.send(new CreateOptOutListCommand({ OptOutListName: 'promo', Tags: [{ Key: 'a', Value: '1' }] }));
    expect(created).toEqual(expect.objectContaining({ OptOutListName: 'promo', OptOutListArn: `arn:aws:sms-voice:us-east-1:${accountId}:opt-out-list/promo`, Tags: [{ Key: 'a', Value: '1' }], CreatedTimestamp: now }));
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'alerts' }));
    const described = await sms.send(new DescribeOptOutListsCommand({ OptOutListNames: ['alerts', created.OptOutListArn!] }));
    expect(described.OptOutLists?.map((l) => l.OptOutListName)).toEqual(['alerts', 'promo']);
    expect(described.OptOutLists?.[0]).toEqual({ OptOutListName: 'alerts', OptOutListArn: expect.stringMatching(/opt-out-list\/alerts$/), CreatedTimestamp: now });

    const deleted = await sms.send(new DeleteOptOutListCommand({ OptOutListName: 'promo' }));
    expect(deleted).toMatchObject({ OptOutListName: 'promo', OptOutListArn: created.OptOutListArn });
    const gone = await rejectionOf(sms.send(new DescribeOptOutListsCommand({ OptOutListNames: ['alerts', 'promo'] })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone).toMatchObject({ ResourceType: 'opt-out-list', ResourceId: 'promo' });
  });

  it('refuses a duplicate name and stops at the account quota', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'dup' }));
    const dup = await rejectionOf(sms.send(new CreateOptOutListCommand({ OptOutListName: 'dup' })));
    expect(dup).toBeInstanceOf(ConflictException);
    expect(dup).toMatchObject({ Reason: 'RESOURCE_ALREADY_EXISTS', ResourceType: 'opt-out-list', ResourceId: 'dup' });
    for (let i = 1; i < 25; i += 1) await sms.send(new CreateOptOutListCommand({ OptOutListName: `list-${i}` }));
    const quota = await rejectionOf(sms.send(new CreateOptOutListCommand({ OptOutListName: 'one-too-many' })));
    expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
    expect(quota).toMatchObject({ Reason: 'OPT_OUT_LISTS_PER_ACCOUNT' });

    const page1 = await sms.send(new DescribeOptOutListsCommand({ MaxResults: 20 }));
    const page2 = await sms.send(new DescribeOptOutListsCommand({ MaxResults: 20, NextToken: page1.NextToken }));
    expect([...page1.OptOutLists!, ...page2.OptOutLists!].map((l) => l.OptOutListName)).toEqual(['dup', ...Array.from({ length: 24 }, (_, i) => `list-${i + 1}`)]);
    expect(page2.NextToken).toBeUndefined();
  });

  it('refuses to delete a list that a number uses', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'in-use' }));
    const phone = await sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'SIMULATOR', OptOutListName: 'in-use' }));
    const error = await rejectionOf(sms.send(new DeleteOptOutListCommand({ OptOutListName: 'in-use' })));
    expect(error).toMatchObject({ name: 'ConflictException', Reason: 'RESOURCE_DELETION_NOT_ALLOWED', ResourceType: 'opt-out-list', ResourceId: 'in-use' });
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: phone.PhoneNumberId }));
    await sms.send(new DeleteOptOutListCommand({ OptOutListName: 'in-use' }));
  });
});

describe('opted-out numbers', () => {
  it('puts, describes (by number and filter) and deletes numbers', async () => {
    const { sms } = fx.account({ seed: true });
    const list = SMS_VOICE_SEED.optOutLists.marketing;
    const put = await sms.send(new PutOptedOutNumberCommand({ OptOutListName: list, OptedOutNumber: '+14155550123' }));
    expect(put).toMatchObject({ OptOutListName: list, OptedOutNumber: '+14155550123', EndUserOptedOut: false, OptedOutTimestamp: now });

    const all = await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: list }));
    expect(all.OptedOutNumbers?.map((n) => n.OptedOutNumber)).toEqual(['+12065550150', '+12065550151', '+12065550152', '+14155550123']);
    const endUsers = await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: list, Filters: [{ Name: 'end-user-opted-out', Values: ['true'] }] }));
    expect(endUsers.OptedOutNumbers?.map((n) => n.OptedOutNumber)).toEqual(['+12065550150', '+12065550151']);
    const some = await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: list, OptedOutNumbers: ['+14155550123', '+12065550150'] }));
    expect(some.OptedOutNumbers?.map((n) => n.OptedOutNumber)).toEqual(['+14155550123', '+12065550150']);

    const unknown = await rejectionOf(sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: list, OptedOutNumbers: ['+12065550150', '+19999999999'] })));
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'opted-out-number', ResourceId: '+19999999999' });

    const paged = await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: list, MaxResults: 3 }));
    expect(paged.OptedOutNumbers).toHaveLength(3);
    const rest = await sms.send(new DescribeOptedOutNumbersCommand({ OptOutListName: list, MaxResults: 3, NextToken: paged.NextToken }));
    expect(rest.OptedOutNumbers?.map((n) => n.OptedOutNumber)).toEqual(['+14155550123']);

    const deleted = await sms.send(new DeleteOptedOutNumberCommand({ OptOutListName: list, OptedOutNumber: '+12065550150' }));
    expect(deleted).toMatchObject({ OptedOutNumber: '+12065550150', EndUserOptedOut: true });
    const missing = await rejectionOf(sms.send(new DeleteOptedOutNumberCommand({ OptOutListName: list, OptedOutNumber: '+12065550150' })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'opted-out-number', ResourceId: '+12065550150' });
    const noList = await rejectionOf(sms.send(new PutOptedOutNumberCommand({ OptOutListName: 'nope', OptedOutNumber: '+14155550123' })));
    expect(noList).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'opt-out-list', ResourceId: 'nope' });
  });

  it('opts a number back in at most once every 30 days', async () => {
    const { sms } = fx.account();
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'cycle' }));
    const cycle = { OptOutListName: 'cycle', OptedOutNumber: '+14155550100' };
    await sms.send(new PutOptedOutNumberCommand(cycle));
    await sms.send(new DeleteOptedOutNumberCommand(cycle));
    await sms.send(new PutOptedOutNumberCommand(cycle));
    const tooSoon = await rejectionOf(sms.send(new DeleteOptedOutNumberCommand(cycle)));
    expect(tooSoon).toBeInstanceOf(ValidationException);
    expect(tooSoon).toMatchObject({ Reason: 'PHONE_NUMBER_CANNOT_BE_OPTED_IN', Fields: [{ Name: 'OptedOutNumber' }] });
    now = new Date(now.getTime() + 30 * DAY_MS);
    expect(await sms.send(new DeleteOptedOutNumberCommand(cycle))).toMatchObject({ OptedOutNumber: '+14155550100' });
  });
});
