import {
  BadRequestException,
  CreateEmailTemplateCommand,
  CreateSmsTemplateCommand,
  GetEmailTemplateCommand,
  GetInAppTemplateCommand,
  GetPushTemplateCommand,
  GetVoiceTemplateCommand,
  ListTemplatesCommand,
  ListTemplateVersionsCommand,
  UpdateEmailTemplateCommand,
  UpdateTemplateActiveVersionCommand,
  type TemplateResponse,
} from '@aws-sdk/client-pinpoint';
import { TEMPLATE_SEED } from '../../../src/emulator/services/pinpoint/templatesSeed';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// ListTemplates over HTTP (prefix and template-type filters, pagination, metadata-only items)
// and the seeded demo templates.

const NOW = new Date('2025-03-15T12:00:00.000Z');
const day = (daysAgo: number) => new Date(Date.UTC(2025, 2, 15) - daysAgo * 86_400_000 + 10 * 3_600_000).toISOString();
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW } });
});
afterAll(() => stack.close());

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

/** Every item of ListTemplates for the given filters, page by page; also returns the page count. */
async function listAll(filters: { Prefix?: string; TemplateType?: string; PageSize?: string }): Promise<{ items: TemplateResponse[]; pages: number }> {
  const items: TemplateResponse[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await stack.pinpoint.send(new ListTemplatesCommand({ ...filters, NextToken: token }));
    items.push(...out.TemplatesResponse!.Item!);
    token = out.TemplatesResponse!.NextToken;
    pages += 1;
  } while (token !== undefined);
  return { items, pages };
}

describe('ListTemplates', () => {
  beforeAll(async () => {
    for (const name of ['List-a', 'List-b', 'List-c']) {
      await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: name, TemplateDescription: 'd', tags: { k: 'v' } } }));
    }
    await stack.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: 'List-a', SMSTemplateRequest: { Body: 'sms' } }));
    await stack.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: 'Other', SMSTemplateRequest: { Body: 'sms' } }));
  });

  it('returns metadata-only items in creation order, with the active version', async () => {
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: 'List-b', CreateNewVersion: true, EmailTemplateRequest: { Subject: 'b2' } }));
    await stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: 'List-b', TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: '2' } }));
    const out = await stack.pinpoint.send(new ListTemplatesCommand({ Prefix: 'List-' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const stamp = NOW.toISOString();
    // Seed 002: Arn, tags, TemplateDescription and DefaultSubstitutions "aren't included in a TemplateResponse object".
    expect(out.TemplatesResponse).toEqual({
      Item: [
        { TemplateName: 'List-a', TemplateType: 'EMAIL', CreationDate: stamp, LastModifiedDate: stamp, Version: '1' },
        { TemplateName: 'List-b', TemplateType: 'EMAIL', CreationDate: stamp, LastModifiedDate: stamp, Version: '2' },
        { TemplateName: 'List-c', TemplateType: 'EMAIL', CreationDate: stamp, LastModifiedDate: stamp, Version: '1' },
        { TemplateName: 'List-a', TemplateType: 'SMS', CreationDate: stamp, LastModifiedDate: stamp, Version: '1' },
      ],
    });
  });

  it('filters by template-type, and combines it with the prefix', async () => {
    const sms = await listAll({ TemplateType: 'SMS' });
    expect(sms.items.map((item) => item.TemplateName)).toEqual(['List-a', 'Other']);
    const both = await listAll({ TemplateType: 'EMAIL', Prefix: 'List-c' });
    expect(both.items.map((item) => `${item.TemplateName}/${item.TemplateType}`)).toEqual(['List-c/EMAIL']);
    expect((await listAll({ Prefix: 'list-' })).items).toEqual([]);
  });

  it('pages with page-size and next-token', async () => {
    const { items, pages } = await listAll({ Prefix: 'List-', PageSize: '3' });
    expect(pages).toBe(2);
    expect(items.map((item) => `${item.TemplateName}/${item.TemplateType}`)).toEqual(['List-a/EMAIL', 'List-b/EMAIL', 'List-c/EMAIL', 'List-a/SMS']);
  });

  it('rejects a token used with other filters, a forged token, a bad page-size and an unknown type', async () => {
    const first = await stack.pinpoint.send(new ListTemplatesCommand({ Prefix: 'List-', PageSize: '1' }));
    const token = first.TemplatesResponse!.NextToken!;
    expect(token).toEqual(expect.any(String));
    const cases: Array<[Record<string, string>, string]> = [
      [{ Prefix: 'Other', PageSize: '1', NextToken: token }, 'Invalid token: the token was not issued for this query or has been altered'],
      [{ Prefix: 'List-', PageSize: '1', NextToken: `${token}x` }, 'Invalid token: the token was not issued for this query or has been altered'],
      [{ PageSize: '1001' }, "page-size must be an integer from 1 to 1000; got '1001'"],
      [{ TemplateType: 'FAX' }, "template-type must be one of EMAIL, SMS, VOICE, PUSH, INAPP; got 'FAX'"],
    ];
    for (const [input, message] of cases) {
      const error = await errorOf(stack.pinpoint.send(new ListTemplatesCommand(input)));
      expect(error).toBeInstanceOf(BadRequestException);
      expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
    }
  });
});

describe('seeded templates', () => {
  let seeded: StartedEmulator;
  beforeAll(async () => {
    seeded = await startEmulator({ clock: { now: () => NOW }, seed: true });
  });
  afterAll(() => seeded.close());

  it('lists the six demo templates', async () => {
    const out = await seeded.pinpoint.send(new ListTemplatesCommand({}));
    expect(out.TemplatesResponse!.Item!.map((item) => [item.TemplateName, item.TemplateType, item.Version])).toEqual([
      [TEMPLATE_SEED.WELCOME_EMAIL, 'EMAIL', '2'],
      [TEMPLATE_SEED.ORDER_SHIPPED_SMS, 'SMS', '1'],
      [TEMPLATE_SEED.CART_REMINDER_PUSH, 'PUSH', '2'],
      [TEMPLATE_SEED.OTP_CALL_VOICE, 'VOICE', '1'],
      [TEMPLATE_SEED.SPRING_BANNER_INAPP, 'INAPP', '1'],
      [TEMPLATE_SEED.SECURITY_ALERT_SMS, 'SMS', '1'],
    ]);
    expect(out.TemplatesResponse!.Item![0]).toMatchObject({ CreationDate: day(30), LastModifiedDate: day(5) });
  });

  it('has a welcome email whose latest version is not the active one', async () => {
    const active = (await seeded.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: TEMPLATE_SEED.WELCOME_EMAIL }))).EmailTemplateResponse!;
    expect(active).toMatchObject({ Version: '2', Subject: 'Welcome to the Retail Storefront', tags: { team: 'growth' }, CreationDate: day(30), LastModifiedDate: day(20) });
    const versions = await seeded.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: TEMPLATE_SEED.WELCOME_EMAIL, TemplateType: 'EMAIL' }));
    expect(versions.TemplateVersionsResponse!.Item!.map((item) => [item.Version, item.CreationDate])).toEqual([
      ['1', day(30)],
      ['2', day(20)],
      ['3', day(5)],
    ]);
  });

  it('has push, voice and in-app content', async () => {
    expect((await seeded.pinpoint.send(new GetPushTemplateCommand({ TemplateName: TEMPLATE_SEED.CART_REMINDER_PUSH }))).PushNotificationTemplateResponse).toMatchObject({
      Version: '2',
      Default: { Title: 'Your cart misses you', Action: 'OPEN_APP' },
    });
    expect((await seeded.pinpoint.send(new GetVoiceTemplateCommand({ TemplateName: TEMPLATE_SEED.OTP_CALL_VOICE }))).VoiceTemplateResponse).toMatchObject({ VoiceId: 'Joanna', LanguageCode: 'en-US' });
    expect((await seeded.pinpoint.send(new GetInAppTemplateCommand({ TemplateName: TEMPLATE_SEED.SPRING_BANNER_INAPP }))).InAppTemplateResponse).toMatchObject({ Layout: 'TOP_BANNER' });
  });

  it('is cleared by reset and restored by seed, identically', async () => {
    const before = (await seeded.pinpoint.send(new ListTemplatesCommand({}))).TemplatesResponse;
    seeded.emulator.reset();
    expect((await seeded.pinpoint.send(new ListTemplatesCommand({}))).TemplatesResponse!.Item).toEqual([]);
    seeded.emulator.seed();
    expect((await seeded.pinpoint.send(new ListTemplatesCommand({}))).TemplatesResponse).toEqual(before);
  });
});
