import { CreateOptOutListCommand, DescribeOptOutListsCommand, SendTextMessageCommand, SendVoiceMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { startSmsFixture, type SmsFixture } from '../sms-voice-v2/fixtures';
import { admin, goProduction, outbox, requestNumber } from './helpers';

// The emulator-wide admin routes this work adds: the movable clock (/_emulator/clock) that every
// timestamp follows, and the outbox (/_emulator/outbox) with its filters, clearing and reset.

const BASE = new Date('2025-01-15T00:00:00.000Z');
let fx: SmsFixture;
beforeAll(async () => {
  // A fixed base clock, so even "base" mode answers an exact instant.
  fx = await startSmsFixture({ clock: { now: () => BASE } });
});
afterAll(() => fx.close());
afterEach(async () => {
  await admin(fx, 'POST', 'clock', { reset: true });
});

describe('/_emulator/clock', () => {
  it('sets, advances and resets the clock, and every timestamp follows it', async () => {
    const { sms } = fx.account();
    expect(await admin(fx, 'GET', 'clock')).toEqual({ status: 200, body: { now: BASE.toISOString(), mode: 'base' } });
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'at-base' }));

    expect(await admin(fx, 'POST', 'clock', { set: '2030-02-01T10:00:00Z' })).toEqual({ status: 200, body: { now: '2030-02-01T10:00:00.000Z', mode: 'fixed' } });
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'at-set' }));
    expect(await admin(fx, 'POST', 'clock', { advanceSeconds: 90.5 })).toEqual({ status: 200, body: { now: '2030-02-01T10:01:30.500Z', mode: 'fixed' } });
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'after-advance' }));

    expect(await admin(fx, 'POST', 'clock', { reset: true })).toEqual({ status: 200, body: { now: BASE.toISOString(), mode: 'base' } });
    expect(await admin(fx, 'POST', 'clock', { advanceSeconds: 3600 })).toEqual({ status: 200, body: { now: '2025-01-15T01:00:00.000Z', mode: 'offset', offsetSeconds: 3600 } });
    expect((await admin(fx, 'POST', 'clock', { advanceSeconds: 60 })).body).toEqual({ now: '2025-01-15T01:01:00.000Z', mode: 'offset', offsetSeconds: 3660 });
    await sms.send(new CreateOptOutListCommand({ OptOutListName: 'with-offset' }));

    const lists = (await sms.send(new DescribeOptOutListsCommand({ OptOutListNames: ['at-base', 'at-set', 'after-advance', 'with-offset'] }))).OptOutLists!;
    expect(lists.map((l) => [l.OptOutListName, l.CreatedTimestamp?.toISOString()])).toEqual([
      ['at-base', '2025-01-15T00:00:00.000Z'],
      ['at-set', '2030-02-01T10:00:00.000Z'],
      // The wire carries epoch seconds with millisecond precision.
      ['after-advance', '2030-02-01T10:01:30.500Z'],
      ['with-offset', '2025-01-15T01:01:00.000Z'],
    ]);
    expect(fx.started.emulator.clock.now().toISOString()).toBe('2025-01-15T01:01:00.000Z');
  });

  it('refuses anything but exactly one valid command, stating the contract', async () => {
    const contract = 'The clock body is exactly one of {"set": "<ISO 8601 date-time>"}, {"advanceSeconds": <number ≥ 0>}, {"reset": true}';
    expect(await admin(fx, 'POST', 'clock', {})).toEqual({ status: 400, body: { message: `${contract}; got keys []` } });
    expect(await admin(fx, 'POST', 'clock', { set: '2030-01-01', advanceSeconds: 1 })).toEqual({ status: 400, body: { message: `${contract}; got keys ["set","advanceSeconds"]` } });
    expect(await admin(fx, 'POST', 'clock', [1])).toEqual({ status: 400, body: { message: `${contract}; got [1]` } });
    expect(await admin(fx, 'POST', 'clock', { set: 'next tuesday' })).toEqual({ status: 400, body: { message: 'set must be an ISO 8601 date-time like 2024-05-01T12:00:00Z; got "next tuesday"' } });
    expect(await admin(fx, 'POST', 'clock', { set: '2030-02-30T00:00:00Z' })).toEqual({ status: 400, body: { message: 'set must be an ISO 8601 date-time like 2024-05-01T12:00:00Z; got "2030-02-30T00:00:00Z"' } });
    expect(await admin(fx, 'POST', 'clock', { advanceSeconds: -1 })).toEqual({ status: 400, body: { message: 'advanceSeconds must be a finite number ≥ 0 (use "set" to move the clock back); got -1' } });
    expect(await admin(fx, 'POST', 'clock', { advanceSeconds: '5' })).toEqual({ status: 400, body: { message: 'advanceSeconds must be a finite number ≥ 0 (use "set" to move the clock back); got "5"' } });
    expect(await admin(fx, 'POST', 'clock', { reset: false })).toEqual({ status: 400, body: { message: 'reset must be true; got false' } });
    expect((await admin(fx, 'POST', 'clock', '{')).status).toBe(400);
    expect(await admin(fx, 'DELETE', 'clock')).toEqual({ status: 405, body: { message: 'DELETE is not allowed on /_emulator/clock; allowed: GET, POST' } });
    expect((await admin(fx, 'GET', 'clock')).body.mode).toBe('base');
  });
});

describe('/_emulator/outbox', () => {
  it('filters by service, channel, destination, origination, since, account and region; DELETE clears', async () => {
    const one = fx.account();
    const two = fx.account({ region: 'eu-west-1' });
    for (const { accountId, region } of [one, two]) await goProduction(fx, accountId, region);
    const phoneOne = await requestNumber(one.sms);
    const phoneTwo = await requestNumber(two.sms, { IsoCountryCode: 'GB', NumberType: 'LONG_CODE' });
    await admin(fx, 'POST', 'clock', { set: '2025-03-01T00:00:00Z' });
    await one.sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550500', OriginationIdentity: phoneOne.PhoneNumberId, MessageBody: 'a' }));
    await admin(fx, 'POST', 'clock', { advanceSeconds: 60 });
    await one.sms.send(new SendVoiceMessageCommand({ DestinationPhoneNumber: '+12065550501', OriginationIdentity: phoneOne.PhoneNumberId, MessageBody: 'b' }));
    await two.sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+447700900500', OriginationIdentity: phoneTwo.PhoneNumberId, MessageBody: 'c' }));

    const bodies = async (query: Record<string, string>) => (await outbox(fx, query)).map((m) => m.body);
    expect(await bodies({ accountId: one.accountId })).toEqual(['a', 'b']);
    expect(await bodies({ accountId: one.accountId, channel: 'VOICE' })).toEqual(['b']);
    expect(await bodies({ destination: '+447700900500' })).toEqual(['c']);
    expect(await bodies({ origination: phoneTwo.PhoneNumber!, region: 'eu-west-1' })).toEqual(['c']);
    expect(await bodies({ accountId: one.accountId, since: '2025-03-01T00:00:30Z' })).toEqual(['b']);
    expect(await bodies({ accountId: one.accountId, since: '2025-03-01T00:01:00.000Z' })).toEqual(['b']);
    expect(await bodies({ accountId: one.accountId, region: 'eu-west-1' })).toEqual([]);
    expect((await admin(fx, 'GET', `outbox?service=pinpoint&accountId=${one.accountId}`)).body).toEqual({ messages: [] });
    expect(fx.started.emulator.outbox.list({ accountId: two.accountId }).map((m) => m.body)).toEqual(['c']);

    const all = (await admin(fx, 'GET', 'outbox')).body.messages.length;
    expect(await admin(fx, 'DELETE', 'outbox')).toEqual({ status: 200, body: { cleared: all } });
    expect(await admin(fx, 'GET', 'outbox')).toEqual({ status: 200, body: { messages: [] } });
  });

  it('refuses unknown or malformed filters, stating the accepted values', async () => {
    expect(await admin(fx, 'GET', 'outbox?to=%2B1')).toEqual({ status: 400, body: { message: 'Unknown outbox filter "to"; filters: service, channel, destination, origination, since, accountId, region' } });
    expect(await admin(fx, 'GET', 'outbox?channel=FAX')).toEqual({ status: 400, body: { message: 'channel must be one of SMS, VOICE, EMAIL, PUSH, IN_APP, CUSTOM; got "FAX"' } });
    expect(await admin(fx, 'GET', 'outbox?service=sns')).toEqual({ status: 400, body: { message: 'service must be one of pinpoint, sms-voice-v2; got "sns"' } });
    expect(await admin(fx, 'GET', 'outbox?since=yesterday')).toEqual({ status: 400, body: { message: 'since must be an ISO 8601 date-time like 2024-05-01T12:00:00Z; got "yesterday"' } });
    expect(await admin(fx, 'GET', 'outbox?channel=SMS&channel=VOICE')).toEqual({ status: 400, body: { message: 'Outbox filter "channel" is given twice' } });
    expect(await admin(fx, 'PUT', 'outbox')).toEqual({ status: 405, body: { message: 'PUT is not allowed on /_emulator/outbox; allowed: GET, DELETE' } });
  });

  it('POST /_emulator/reset empties the outbox and returns the clock to its base', async () => {
    const { sms, accountId } = fx.account();
    await goProduction(fx, accountId);
    const phone = await requestNumber(sms);
    await admin(fx, 'POST', 'clock', { set: '2031-01-01T00:00:00Z' });
    await sms.send(new SendTextMessageCommand({ DestinationPhoneNumber: '+12065550502', OriginationIdentity: phone.PhoneNumberId, MessageBody: 'x' }));
    expect((await outbox(fx, { accountId })).length).toBe(1);
    expect(await admin(fx, 'POST', 'reset')).toEqual({ status: 200, body: { reset: true } });
    expect(await admin(fx, 'GET', 'outbox')).toEqual({ status: 200, body: { messages: [] } });
    expect((await admin(fx, 'GET', 'clock')).body).toEqual({ now: BASE.toISOString(), mode: 'base' });
  });
});
