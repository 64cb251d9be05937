import { createEmulatorServer, type EmulatorServer } from '../../../src/emulator';
import { CallCounter, createSmsVoiceClient, createSmsVoiceLoaders, type SmsVoiceSdkClient } from '../../../src/upstream';

// The loader the Pinpoint half uses to ask "is this endpoint's address opted out":
// `ctx.smsVoice.optedOutNumber.load({ optOutListName, number })`, over a real client and emulator.
describe('the optedOutNumber loader contract', () => {
  let emulator: EmulatorServer;
  let client: SmsVoiceSdkClient;
  beforeAll(async () => {
    emulator = await createEmulatorServer({ port: 0, seed: true });
    client = createSmsVoiceClient({ upstream: 'emulator', region: 'us-east-1', endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint } });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  test('answers in key order: the opted-out number, null when not opted out, an error per key of an unknown list', async () => {
    const calls = new CallCounter();
    const loaders = createSmsVoiceLoaders(client, calls);
    const answers = await loaders.optedOutNumber.loadMany([
      { optOutListName: 'marketing-optouts', number: '+12065550151' },
      { optOutListName: 'no-such-list', number: '+12065550151' },
      { optOutListName: 'transactional-optouts', number: '+16045550199' },
      { optOutListName: 'no-such-list', number: '+12065550152' },
      { optOutListName: 'marketing-optouts', number: '+12065550199' },
    ]);
    expect(answers[0]).toMatchObject({ OptedOutNumber: '+12065550151', EndUserOptedOut: true });
    expect(answers[1]).toMatchObject({ name: 'ResourceNotFoundException', ResourceType: 'opt-out-list', ResourceId: 'no-such-list' });
    expect(answers[2]).toMatchObject({ OptedOutNumber: '+16045550199', EndUserOptedOut: true });
    expect(answers[3]).toBe(answers[1]);
    expect(answers[4]).toBeNull();
    // One call per list; the unknown list fails both of its numbers at once (no retry), and the
    // marketing list's unknown number costs one more call for the known one.
    expect(calls.snapshot()).toEqual({ total: 4, byOperation: { DescribeOptedOutNumbers: 4 } });

    // Answers are cached for the request: asking again costs nothing.
    expect(await loaders.optedOutNumber.load({ optOutListName: 'marketing-optouts', number: '+12065550199' })).toBeNull();
    expect(calls.total).toBe(4);
  });

  test('numbers of one list go 5 per call; repeated keys are asked once', async () => {
    const setup = createSmsVoiceLoaders(client, new CallCounter());
    const numbers = Array.from({ length: 7 }, (_, index) => `+1206555020${index}`);
    await setup.createOptOutList({ OptOutListName: 'loader-contract' });
    for (const number of numbers) await setup.putOptedOutNumber({ OptOutListName: 'loader-contract', OptedOutNumber: number });

    const calls = new CallCounter();
    const loaders = createSmsVoiceLoaders(client, calls);
    const keys = [...numbers, numbers[0], numbers[6]].map((number) => ({ optOutListName: 'loader-contract', number }));
    const answers = await loaders.optedOutNumber.loadMany(keys);
    expect(answers.map((answer) => (answer && !(answer instanceof Error) ? answer.OptedOutNumber : answer))).toEqual(keys.map((key) => key.number));
    // Seven distinct numbers: ceil(7 / 5) calls.
    expect(calls.snapshot()).toEqual({ total: 2, byOperation: { DescribeOptedOutNumbers: 2 } });
  });
});
