import {
  ConflictException,
  CreatePoolCommand,
  DeleteKeywordCommand,
  DescribeKeywordsCommand,
  PutKeywordCommand,
  ReleasePhoneNumberCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { rejectionOf, startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { requestNumber } from './helpers';

// Keywords of phone numbers and pools: HELP and STOP from the start (message customisable,
// action fixed, never deletable), custom keywords, pools inheriting keywords, the 30-keyword quota.

let fx: SmsFixture;
beforeAll(async () => {
  fx = await startSmsFixture();
});
afterAll(() => fx.close());

const HELP = { Keyword: 'HELP', KeywordAction: 'AUTOMATIC_RESPONSE', KeywordMessage: 'You are receiving messages from this number. Reply STOP to opt out of further messages.' };
const STOP = { Keyword: 'STOP', KeywordAction: 'OPT_OUT', KeywordMessage: 'You are now opted out and will receive no further messages from this number.' };

describe('keywords', () => {
  it('a new number has HELP and STOP; PutKeyword adds and updates custom keywords; DescribeKeywords lists them by ID or ARN', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    const initial = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId }));
    expect(initial).toMatchObject({ OriginationIdentity: phone.PhoneNumberId, OriginationIdentityArn: phone.PhoneNumberArn, Keywords: [HELP, STOP] });
    expect(initial.NextToken).toBeUndefined();

    const put = await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberArn, Keyword: 'Deals', KeywordMessage: 'Today: 10% off.' }));
    expect(put).toMatchObject({ OriginationIdentity: phone.PhoneNumberId, OriginationIdentityArn: phone.PhoneNumberArn, Keyword: 'Deals', KeywordMessage: 'Today: 10% off.', KeywordAction: 'AUTOMATIC_RESPONSE' });
    // Keywords are case-insensitive: the same keyword is updated, not added twice.
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'DEALS', KeywordMessage: 'Today: 20% off.', KeywordAction: 'AUTOMATIC_RESPONSE' }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'QUITNOW', KeywordMessage: 'Bye.', KeywordAction: 'OPT_OUT' }));
    const all = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberArn }));
    expect(all.Keywords).toEqual([
      HELP,
      STOP,
      { Keyword: 'DEALS', KeywordAction: 'AUTOMATIC_RESPONSE', KeywordMessage: 'Today: 20% off.' },
      { Keyword: 'QUITNOW', KeywordAction: 'OPT_OUT', KeywordMessage: 'Bye.' },
    ]);

    const byName = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId, Keywords: ['quitnow', 'help'] }));
    expect(byName.Keywords?.map((k) => k.Keyword)).toEqual(['QUITNOW', 'HELP']);
    const filtered = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId, Filters: [{ Name: 'keyword-action', Values: ['OPT_OUT'] }] }));
    expect(filtered.Keywords?.map((k) => k.Keyword)).toEqual(['STOP', 'QUITNOW']);
    const page1 = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId, MaxResults: 3 }));
    const page2 = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId, MaxResults: 3, NextToken: page1.NextToken }));
    expect([...page1.Keywords!, ...page2.Keywords!].map((k) => k.Keyword)).toEqual(['HELP', 'STOP', 'DEALS', 'QUITNOW']);
    expect(page2.NextToken).toBeUndefined();

    const unknown = await rejectionOf(sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId, Keywords: ['HELP', 'NOPE'] })));
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect(unknown).toMatchObject({ ResourceType: 'keyword', ResourceId: 'NOPE' });
  });

  it('lets HELP and STOP change their message but not their action, and never deletes them', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    const custom = await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'stop', KeywordMessage: 'Unsubscribed from AnyCompany alerts.' }));
    expect(custom).toMatchObject({ Keyword: 'STOP', KeywordAction: 'OPT_OUT', KeywordMessage: 'Unsubscribed from AnyCompany alerts.' });

    const action = await rejectionOf(sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'HELP', KeywordMessage: 'x', KeywordAction: 'OPT_OUT' })));
    expect(action).toBeInstanceOf(ConflictException);
    expect(action).toMatchObject({ Reason: 'KEYWORD_MISMATCH', ResourceType: 'keyword', ResourceId: 'HELP', message: 'HELP always has the action AUTOMATIC_RESPONSE; only its message can change (got OPT_OUT).' });

    const deleteStop = await rejectionOf(sms.send(new DeleteKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'STOP' })));
    expect(deleteStop).toBeInstanceOf(ConflictException);
    expect(deleteStop).toMatchObject({ Reason: 'RESOURCE_DELETION_NOT_ALLOWED', ResourceType: 'keyword', ResourceId: 'STOP' });

    const keywords = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId }));
    expect(keywords.Keywords).toEqual([HELP, { ...STOP, KeywordMessage: 'Unsubscribed from AnyCompany alerts.' }]);
  });

  it('DeleteKeyword removes a custom keyword and answers what it was; an unknown keyword or identity is not found', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'INFO', KeywordMessage: 'Visit example.com', KeywordAction: 'AUTOMATIC_RESPONSE' }));
    const deleted = await sms.send(new DeleteKeywordCommand({ OriginationIdentity: phone.PhoneNumberArn, Keyword: 'info' }));
    expect(deleted).toMatchObject({ OriginationIdentity: phone.PhoneNumberId, OriginationIdentityArn: phone.PhoneNumberArn, Keyword: 'INFO', KeywordMessage: 'Visit example.com', KeywordAction: 'AUTOMATIC_RESPONSE' });

    const again = await rejectionOf(sms.send(new DeleteKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'INFO' })));
    expect(again).toBeInstanceOf(ResourceNotFoundException);
    expect(again).toMatchObject({ ResourceType: 'keyword', ResourceId: 'INFO' });

    const noPhone = await rejectionOf(sms.send(new PutKeywordCommand({ OriginationIdentity: 'phone-00000000000000000000000000000000', Keyword: 'X', KeywordMessage: 'y' })));
    expect(noPhone).toBeInstanceOf(ResourceNotFoundException);
    expect(noPhone).toMatchObject({ ResourceType: 'phone-number', ResourceId: 'phone-00000000000000000000000000000000' });
    const noPool = await rejectionOf(sms.send(new DescribeKeywordsCommand({ OriginationIdentity: 'pool-00000000000000000000000000000000' })));
    expect(noPool).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'pool' });

    const badKeyword = await rejectionOf(sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'K'.repeat(31), KeywordMessage: 'y' })));
    expect(badKeyword).toBeInstanceOf(ValidationException);
  });

  it('a pool inherits the keywords of the number it is created from and has its own; a released number forgets its keywords', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'HOURS', KeywordMessage: 'Open 9-5.' }));
    const pool = await sms.send(new CreatePoolCommand({ OriginationIdentity: phone.PhoneNumberId, IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL' }));
    await sms.send(new PutKeywordCommand({ OriginationIdentity: pool.PoolArn, Keyword: 'POOLONLY', KeywordMessage: 'From the pool.' }));
    const poolKeywords = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: pool.PoolId }));
    expect(poolKeywords).toMatchObject({ OriginationIdentity: pool.PoolId, OriginationIdentityArn: pool.PoolArn });
    expect(poolKeywords.Keywords?.map((k) => k.Keyword)).toEqual(['HELP', 'STOP', 'HOURS', 'POOLONLY']);
    const phoneKeywords = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId }));
    expect(phoneKeywords.Keywords?.map((k) => k.Keyword)).toEqual(['HELP', 'STOP', 'HOURS']);

    const other = await requestNumber(sms);
    await sms.send(new PutKeywordCommand({ OriginationIdentity: other.PhoneNumberId, Keyword: 'GONE', KeywordMessage: 'x' }));
    await sms.send(new ReleasePhoneNumberCommand({ PhoneNumberId: other.PhoneNumberId }));
    const released = await rejectionOf(sms.send(new DescribeKeywordsCommand({ OriginationIdentity: other.PhoneNumberId })));
    expect(released).toBeInstanceOf(ResourceNotFoundException);
  });

  it('stops at 30 keywords per number (HELP and STOP included)', async () => {
    const { sms } = fx.account();
    const phone = await requestNumber(sms);
    for (let i = 1; i <= 28; i += 1) await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: `K${i}`, KeywordMessage: `m${i}` }));
    const full = await rejectionOf(sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'K29', KeywordMessage: 'm' })));
    expect(full).toBeInstanceOf(ServiceQuotaExceededException);
    expect(full).toMatchObject({ Reason: 'KEYWORDS_PER_PHONE_NUMBER' });
    // Updating an existing keyword is still allowed at the limit.
    await sms.send(new PutKeywordCommand({ OriginationIdentity: phone.PhoneNumberId, Keyword: 'K1', KeywordMessage: 'changed' }));
    const k1 = await sms.send(new DescribeKeywordsCommand({ OriginationIdentity: phone.PhoneNumberId, Keywords: ['K1'] }));
    expect(k1.Keywords).toEqual([{ Keyword: 'K1', KeywordMessage: 'changed', KeywordAction: 'AUTOMATIC_RESPONSE' }]);
  });
});
