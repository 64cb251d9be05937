import type { LoggedCall } from '../../src/emulator/admin/callLog';
import { modelShapeCovers, structureMembersAt } from '../../src/emulator/admin/answerShapes';
import { describeFlag, findRedundantCalls, isReadOperation, mergeAttempts } from '../../src/emulator/admin/redundantCalls';

/**
 * The redundant-call analysis over hand-made call logs: no emulator, no HTTP. Each log is built
 * by a tiny script: `call(...)` is a call that started and ended before the next one started;
 * `start`/`end` spell out overlapping calls.
 */

/** Module-private: builds one request's log; sequence numbers in script order. */
function script() {
  let seq = 0;
  const log: LoggedCall[] = [];
  const start = (operation: string, input: unknown, extra: Partial<LoggedCall> = {}): LoggedCall => {
    const entry: LoggedCall = { service: operation.startsWith('Describe') ? 'sms-voice-v2' : 'pinpoint', operation, input, startSeq: ++seq, startedAt: seq, ...extra };
    log.push(entry);
    return entry;
  };
  const end = (entry: LoggedCall, response: unknown, status = 200): LoggedCall => {
    entry.endSeq = ++seq;
    entry.status = status;
    if (response !== undefined) entry.response = response;
    return entry;
  };
  const call = (operation: string, input: unknown, response: unknown, status = 200, extra: Partial<LoggedCall> = {}) => end(start(operation, input, extra), response, status);
  return { log, start, end, call };
}

const segment = (id: string, version = 1, name = `segment ${id}`) => ({ ApplicationId: 'app', Id: id, Name: name, Version: version, SegmentType: 'DIMENSIONAL', Arn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/app/segments/${id}` });
const phone = (id: string) => ({ PhoneNumberId: id, PhoneNumberArn: `arn:aws:sms-voice:us-east-1:123456789012:phone-number/${id}`, PhoneNumber: '+12065550100', Status: 'ACTIVE' });

describe('findRedundantCalls', () => {
  it('flags a by-ID read whose object an earlier list response held (GetSegment after GetSegments)', () => {
    const { log, call } = script();
    call('GetSegments', { ApplicationId: 'app' }, { Item: [segment('s1'), segment('s2')] });
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's2' }, segment('s2'));
    const flags = findRedundantCalls(log);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'contained', path: '$.Item[1]', call: { index: 2, operation: 'GetSegment' }, earlier: { index: 1, operation: 'GetSegments' } });
    expect(describeFlag(flags[0])).toBe(
      '#2 pinpoint.GetSegment {"ApplicationId":"app","SegmentId":"s2"} ← answer already contained (at $.Item[1]) in #1 pinpoint.GetSegments {"ApplicationId":"app"}',
    );
  });

  it('does not flag a by-ID read whose resource the earlier response held in another version', () => {
    const { log, call } = script();
    call('GetSegments', { ApplicationId: 'app' }, { Item: [segment('s1', 2)] });
    call('GetSegmentVersion', { ApplicationId: 'app', SegmentId: 's1', Version: '1' }, segment('s1', 1));
    expect(findRedundantCalls(log)).toEqual([]);
  });

  it('flags a pinned version read answered by an object seen with that version', () => {
    const { log, call } = script();
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1', 3));
    call('GetSegmentVersion', { ApplicationId: 'app', SegmentId: 's1', Version: '3' }, segment('s1', 3));
    expect(findRedundantCalls(log).map((f) => [f.kind, f.call.operation, f.earlier.operation, f.path])).toEqual([['contained', 'GetSegmentVersion', 'GetSegment', '$']]);
  });

  it('finds objects nested anywhere in an earlier response, key order aside', () => {
    const { log, call } = script();
    const nested = { ApplicationId: 'app', Id: 'c1', Name: 'campaign', Schedule: { StartTime: 'IMMEDIATE', Frequency: 'ONCE' } };
    call('GetJourney', { ApplicationId: 'app', JourneyId: 'j1' }, { Id: 'j1', Activities: { a: { Custom: { Campaign: { Schedule: { Frequency: 'ONCE', StartTime: 'IMMEDIATE' }, Name: 'campaign', Id: 'c1', ApplicationId: 'app' } } } } });
    call('GetCampaign', { ApplicationId: 'app', CampaignId: 'c1' }, nested);
    expect(findRedundantCalls(log).map((f) => f.path)).toEqual(['$.Activities.a.Custom.Campaign']);
  });

  it('forgets everything at a write: a read after a write is not redundant', () => {
    const { log, call } = script();
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1'));
    call('DeleteCampaign', { ApplicationId: 'app', CampaignId: 'other' }, { Id: 'other' });
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1'));
    call('GetSegments', { ApplicationId: 'app' }, { Item: [segment('s1')] });
    expect(findRedundantCalls(log)).toEqual([]);
  });

  it("counts a write's own response as known after it: a read of what the write answered is redundant", () => {
    const { log, call } = script();
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1', 1));
    call('UpdateSegment', { ApplicationId: 'app', SegmentId: 's1', WriteSegmentRequest: { Name: 'renamed' } }, segment('s1', 2, 'renamed'));
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1', 2, 'renamed'));
    const flags = findRedundantCalls(log);
    expect(flags.map((f) => [f.kind, f.call.index, f.earlier.operation])).toEqual([['contained', 3, 'UpdateSegment']]);
  });

  it('a write that overlaps a read makes that read no source, and one that never answered makes nothing a source', () => {
    const a = script();
    const read = a.start('GetSegment', { ApplicationId: 'app', SegmentId: 's1' });
    const write = a.start('UpdateSegment', { ApplicationId: 'app', SegmentId: 's1' });
    a.end(read, segment('s1'));
    a.end(write, segment('s1', 2));
    a.call('GetSegments', { ApplicationId: 'app' }, { Item: [segment('s1', 2)] });
    a.call('GetSegmentVersion', { ApplicationId: 'app', SegmentId: 's1', Version: '1' }, segment('s1'));
    expect(findRedundantCalls(a.log)).toEqual([]);

    const b = script();
    b.call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1'));
    const lost = b.start('UpdateSegment', { ApplicationId: 'app', SegmentId: 's1' });
    lost.endSeq = 99; // the client gave up (a `hang` fault): an end without an answer
    b.call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1'));
    expect(findRedundantCalls(b.log)).toEqual([]);
  });

  it('flags an exact duplicate read, even when the two were in flight together', () => {
    const { log, start, end } = script();
    const first = start('GetSegments', { ApplicationId: 'app', PageSize: '10' });
    const second = start('GetSegments', { PageSize: '10', ApplicationId: 'app' });
    end(first, { Item: [segment('s1')] });
    end(second, { Item: [segment('s1')] });
    expect(findRedundantCalls(log).map((f) => [f.kind, f.call.index, f.earlier.index])).toEqual([['duplicate', 2, 1]]);
  });

  it('needs the earlier answer in hand for containment: overlapping different calls are not flagged', () => {
    const { log, start, end } = script();
    const list = start('GetSegments', { ApplicationId: 'app' });
    const one = start('GetSegment', { ApplicationId: 'app', SegmentId: 's1' });
    end(list, { Item: [segment('s1')] });
    end(one, segment('s1'));
    expect(findRedundantCalls(log)).toEqual([]);
  });

  it('flags a list call only as an exact duplicate: other pages and other filters are new questions', () => {
    const { log, call } = script();
    call('GetSegments', { ApplicationId: 'app' }, { Item: [segment('s1'), segment('s2')] });
    call('GetSegments', { ApplicationId: 'app', PageSize: '1' }, { Item: [segment('s1')], NextToken: 't' });
    call('GetSegments', { ApplicationId: 'app', PageSize: '1', Token: 't' }, { Item: [segment('s2')] });
    call('DescribePhoneNumbers', { Filters: [{ Name: 'status', Values: ['ACTIVE'] }] }, { PhoneNumbers: [phone('p1')] });
    call('DescribePhoneNumbers', { Filters: [{ Name: 'status', Values: ['ACTIVE'] }] }, { PhoneNumbers: [phone('p1')] });
    expect(findRedundantCalls(log).map((f) => [f.kind, f.call.index, f.earlier.index])).toEqual([['duplicate', 5, 4]]);
  });

  it('flags a by-ID describe whose every item was seen, across several earlier responses', () => {
    const { log, call } = script();
    call('DescribePhoneNumbers', {}, { PhoneNumbers: [phone('p1')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p2'] }, { PhoneNumbers: [phone('p2')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p2', 'p1'], MaxResults: 10 }, { PhoneNumbers: [phone('p2'), phone('p1')] });
    const flags = findRedundantCalls(log);
    expect(flags.map((f) => [f.kind, f.call.index, f.earlier.index, f.sources?.map((s) => s.index)])).toEqual([['contained', 3, 2, [2, 1]]]);
    expect(describeFlag(flags[0])).toContain('(items from #2, #1)');
  });

  it('does not flag a by-ID describe with an unseen item, a filter besides the IDs, or fewer items than IDs', () => {
    const { log, call } = script();
    call('DescribePhoneNumbers', {}, { PhoneNumbers: [phone('p1'), phone('p2')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p1', 'p3'] }, { PhoneNumbers: [phone('p1'), phone('p3')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p1'], Owner: 'SELF' }, { PhoneNumbers: [phone('p1')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p1', 'p2'], Filters: [{ Name: 'status', Values: ['ACTIVE'] }] }, { PhoneNumbers: [phone('p1')] });
    expect(findRedundantCalls(log)).toEqual([]);
  });

  it('ignores failed calls, NotFound answers and empty answers', () => {
    const { log, call } = script();
    call('GetSegment', { ApplicationId: 'app', SegmentId: 'gone' }, { Message: 'Resource not found', RequestID: 'r1' }, 404);
    call('GetSegment', { ApplicationId: 'app', SegmentId: 'gone' }, { Message: 'Resource not found', RequestID: 'r2' }, 404);
    call('GetSegments', { ApplicationId: 'empty' }, { Item: [] });
    call('GetSegments', { ApplicationId: 'empty' }, { Item: [] });
    call('DescribePools', {}, { Pools: [] });
    call('DescribePools', {}, { Pools: [] });
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, { Message: 'boom' }, 500);
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1'));
    expect(findRedundantCalls(log)).toEqual([]);
  });

  it('treats SDK retry attempts of one invocation as one call', () => {
    const { log, start, end, call } = script();
    // Attempt 1 failed before decoding (an injected fault), attempt 2 answered: one call, not a duplicate.
    end(start('GetSegment', undefined, { invocationId: 'inv-1', attempt: 1 }), { Message: 'Injected fault' }, 500);
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's1' }, segment('s1'), 200, { invocationId: 'inv-1', attempt: 2 });
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's2' }, segment('s2'), 200, { invocationId: 'inv-2', attempt: 1 });
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's2' }, segment('s2'), 200, { invocationId: 'inv-2', attempt: 2 });
    expect(findRedundantCalls(log)).toEqual([]);
    const merged = mergeAttempts(log);
    expect(merged.map((c) => [c.index, c.attempts, c.status, (c.input as any)?.SegmentId])).toEqual([
      [1, 2, 200, 's1'],
      [2, 2, 200, 's2'],
    ]);
    // A second invocation with the same input is a second call: flagged.
    call('GetSegment', { ApplicationId: 'app', SegmentId: 's2' }, segment('s2'), 200, { invocationId: 'inv-3', attempt: 1 });
    expect(findRedundantCalls(log).map((f) => [f.kind, f.call.index, f.earlier.index])).toEqual([['duplicate', 3, 2]]);
  });

  it('does not take an earlier failed call as the source of a duplicate (a gateway-level retry after an error)', () => {
    const { log, call } = script();
    call('GetCampaign', { ApplicationId: 'app', CampaignId: 'c1' }, { Message: 'slow down' }, 429);
    call('GetCampaign', { ApplicationId: 'app', CampaignId: 'c1' }, { Id: 'c1' });
    expect(findRedundantCalls(log)).toEqual([]);
  });

  it('classifies reads by the AWS naming convention', () => {
    expect(['GetSegment', 'ListTemplates', 'DescribeSenderIds'].map(isReadOperation)).toEqual([true, true, true]);
    expect(['UpdateSegment', 'SendMessages', 'PutEvents', 'Getaway', 'VerifyDestinationNumber'].map(isReadOperation)).toEqual([false, false, false, false, false]);
  });

  it('with covers, an equal object of a narrower shape is no proof: UpdatePhoneNumber has no PoolId member', () => {
    const { log, call } = script();
    const updated = phone('p1');
    call('UpdatePhoneNumber', { PhoneNumberId: 'p1', DeletionProtectionEnabled: true }, updated);
    // The update's result has every field the item has here (the number has no pool), but it could not say so.
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p1'] }, { PhoneNumbers: [phone('p1')] });
    expect(findRedundantCalls(log).map((f) => [f.kind, f.earlier.operation, f.path])).toEqual([['contained', 'UpdatePhoneNumber', '$']]);
    expect(findRedundantCalls(log, { covers: modelShapeCovers })).toEqual([]);
    // The same item seen in a Describe answer does prove it (the first such: the by-ID describe #2 itself).
    call('DescribePhoneNumbers', {}, { PhoneNumbers: [phone('p0'), phone('p1')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p1'], MaxResults: 5 }, { PhoneNumbers: [phone('p1')] });
    expect(findRedundantCalls(log, { covers: modelShapeCovers }).map((f) => [f.call.index, f.earlier.index, f.path])).toEqual([[4, 2, '$.PhoneNumbers[0]']]);
  });

  it('with covers, looks past an occurrence of the wrong shape for one of the right shape', () => {
    const { log, call } = script();
    call('UpdatePhoneNumber', { PhoneNumberId: 'p1', DeletionProtectionEnabled: true }, phone('p1'));
    call('DescribePhoneNumbers', {}, { PhoneNumbers: [phone('p0'), phone('p1')] });
    call('DescribePhoneNumbers', { PhoneNumberIds: ['p1'] }, { PhoneNumbers: [phone('p1')] });
    const asked: string[] = [];
    const flags = findRedundantCalls(log, { covers: (source, answer) => (asked.push(`${source.operation} ${source.path} → ${answer.operation} ${answer.path}`), modelShapeCovers(source, answer)) });
    expect(flags.map((f) => [f.call.index, f.earlier.index, f.path])).toEqual([[3, 2, '$.PhoneNumbers[1]']]);
    expect(asked).toEqual(['UpdatePhoneNumber $ → DescribePhoneNumbers $.PhoneNumbers[0]', 'DescribePhoneNumbers $.PhoneNumbers[1] → DescribePhoneNumbers $.PhoneNumbers[0]']);
  });
});

describe('answer shapes from the emulator model', () => {
  it('names the structure members at a path of a response body (Pinpoint: its payload, jsonName keys)', () => {
    const page = structureMembersAt({ service: 'pinpoint', operation: 'GetCampaigns', path: '$' });
    expect([...page!].sort()).toEqual(['Item', 'NextToken']);
    const item = structureMembersAt({ service: 'pinpoint', operation: 'GetCampaigns', path: '$.Item[3]' });
    expect(item).toEqual(structureMembersAt({ service: 'pinpoint', operation: 'GetCampaign', path: '$' }));
    expect(item!.has('Schedule')).toBe(true);
    expect(structureMembersAt({ service: 'pinpoint', operation: 'GetCampaign', path: '$.Schedule' })!.has('Frequency')).toBe(true);
    expect(structureMembersAt({ service: 'pinpoint', operation: 'GetCampaign', path: '$.Name' })).toBeUndefined();
    expect(structureMembersAt({ service: 'pinpoint', operation: 'GetCampaign', path: '$.NoSuchMember' })).toBeUndefined();
    expect(structureMembersAt({ service: 'pinpoint', operation: 'NoSuchOperation', path: '$' })).toBeUndefined();
  });

  it('covers: a source shape with every member of the answer shape', () => {
    const item = { service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', path: '$.PhoneNumbers[0]' };
    const update = { service: 'sms-voice-v2', operation: 'UpdatePhoneNumber', path: '$' };
    expect(modelShapeCovers(update, item)).toBe(false);
    expect(modelShapeCovers(item, update)).toBe(true);
    expect(modelShapeCovers({ service: 'pinpoint', operation: 'GetSegments', path: '$.Item[0]' }, { service: 'pinpoint', operation: 'GetSegmentVersion', path: '$' })).toBe(true);
  });
});
