import {
  BadRequestException,
  CreateEmailTemplateCommand,
  CreateInAppTemplateCommand,
  CreatePushTemplateCommand,
  CreateSmsTemplateCommand,
  CreateVoiceTemplateCommand,
  DeleteEmailTemplateCommand,
  DeleteInAppTemplateCommand,
  DeletePushTemplateCommand,
  DeleteSmsTemplateCommand,
  DeleteVoiceTemplateCommand,
  GetEmailTemplateCommand,
  GetInAppTemplateCommand,
  GetPushTemplateCommand,
  GetSmsTemplateCommand,
  GetVoiceTemplateCommand,
  NotFoundException,
  PinpointClient,
  UpdateEmailTemplateCommand,
  UpdateInAppTemplateCommand,
  UpdatePushTemplateCommand,
  UpdateSmsTemplateCommand,
  UpdateVoiceTemplateCommand,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// The five typed template families over HTTP: create (201, CreateTemplateMessageBody), get
// (the active version), update (202, overwriting the latest version), delete (202), and the
// errors of each: duplicates, unknown names, bad names and bad content.

const NOW = new Date('2025-03-15T12:00:00.000Z');
const ARN_PREFIX = 'arn:aws:mobiletargeting:us-east-1:123456789012:templates';
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW } });
});
afterAll(() => stack.close());

let counter = 0;
/** A template name no other test in this file uses. */
function uniqueName(base: string): string {
  counter += 1;
  return `${base}-${counter}`;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('email templates', () => {
  it('creates (201), reads, overwrites (202) and deletes (202) a template', async () => {
    const name = uniqueName('Welcome');
    const created = await stack.pinpoint.send(
      new CreateEmailTemplateCommand({
        TemplateName: name,
        EmailTemplateRequest: {
          Subject: 'Hi {{Name}}',
          HtmlPart: '<p>Hello</p>',
          TextPart: 'Hello',
          TemplateDescription: 'first',
          DefaultSubstitutions: '{"Name":"friend"}',
          RecommenderId: 'rec-1',
          Headers: [{ Name: 'X-Campaign', Value: 'welcome' }],
          tags: { team: 'growth' },
        },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.CreateTemplateMessageBody).toEqual({ Arn: `${ARN_PREFIX}/${name}/EMAIL`, Message: 'Created', RequestID: created.$metadata.requestId });

    const read = await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }));
    expect(read.$metadata.httpStatusCode).toBe(200);
    expect(read.EmailTemplateResponse).toEqual({
      TemplateName: name,
      TemplateType: 'EMAIL',
      Arn: `${ARN_PREFIX}/${name}/EMAIL`,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      Version: '1',
      Subject: 'Hi {{Name}}',
      HtmlPart: '<p>Hello</p>',
      TextPart: 'Hello',
      TemplateDescription: 'first',
      DefaultSubstitutions: '{"Name":"friend"}',
      RecommenderId: 'rec-1',
      Headers: [{ Name: 'X-Campaign', Value: 'welcome' }],
      tags: { team: 'growth' },
    });

    // The update replaces the latest version's content; tags in an update are deprecated and ignored.
    const updated = await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'Hello again', tags: { ignored: 'yes' } } }));
    expect(updated.$metadata.httpStatusCode).toBe(202);
    expect(updated.MessageBody).toEqual({ Message: 'Accepted', RequestID: updated.$metadata.requestId });
    const after = (await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }))).EmailTemplateResponse!;
    expect(after).toEqual({
      TemplateName: name,
      TemplateType: 'EMAIL',
      Arn: `${ARN_PREFIX}/${name}/EMAIL`,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      Version: '1',
      Subject: 'Hello again',
      tags: { team: 'growth' },
    });

    const deleted = await stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expect(deleted.MessageBody).toEqual({ Message: 'Accepted', RequestID: deleted.$metadata.requestId });
    await expect(stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers BadRequestException for a second template with the same name and type, but not for another type', async () => {
    const name = uniqueName('Dup');
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'a' } }));
    const error = await errorOf(stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'b' } })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({
      message: `Template already exists: a EMAIL template named '${name}' exists; use UpdateEmailTemplate to change it`,
      $metadata: { httpStatusCode: 400 },
    });
    // Names are per type: an SMS template may share the name.
    const sms = await stack.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: name, SMSTemplateRequest: { Body: 'b' } }));
    expect(sms.CreateTemplateMessageBody!.Arn).toBe(`${ARN_PREFIX}/${name}/SMS`);
    // The failed create left the first template untouched.
    expect((await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }))).EmailTemplateResponse!.Subject).toBe('a');
  });

  it('treats names as case-sensitive', async () => {
    const name = uniqueName('CaseSensitive');
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'a' } }));
    await expect(stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name.toLowerCase() }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('answers NotFoundException 404 for get, update and delete of an unknown template', async () => {
    const get = await errorOf(stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: 'NoSuchTemplate' })));
    expect(get).toBeInstanceOf(NotFoundException);
    expect(get).toMatchObject({ message: "Resource not found: EMAIL template 'NoSuchTemplate' does not exist", $metadata: { httpStatusCode: 404 } });
    expect((get as NotFoundException).RequestID).toBe((get as NotFoundException).$metadata.requestId);
    await expect(stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: 'NoSuchTemplate', EmailTemplateRequest: {} }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: 'NoSuchTemplate' }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it.each([
    ['starts with a hyphen', '-leading'],
    ['contains a dot', 'has.dot'],
    ['is longer than 128 characters', `a${'b'.repeat(128)}`],
  ])('rejects a name that %s with BadRequestException', async (_case, name) => {
    const error = await errorOf(stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'x' } })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe(
      `template-name must start with an alphanumeric character and contain only alphanumerics, '_' and '-', at most 128 characters; got '${name}'`,
    );
  });

  it('accepts a 128-character name of letters, digits, underscores and hyphens', async () => {
    const name = `A1_-${'x'.repeat(124)}`;
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'x' } }));
    expect((await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }))).EmailTemplateResponse!.TemplateName).toBe(name);
  });

  it('rejects DefaultSubstitutions that are not a JSON object, on create and on update', async () => {
    const name = uniqueName('Subst');
    const create = await errorOf(stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { DefaultSubstitutions: '[1,2]' } })));
    expect(create).toBeInstanceOf(BadRequestException);
    expect((create as BadRequestException).message).toBe("DefaultSubstitutions must be a JSON object of message variables and their default values; got '[1,2]'");
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 's' } }));
    const update = await errorOf(stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { DefaultSubstitutions: 'not json' } })));
    expect(update).toBeInstanceOf(BadRequestException);
  });

  it('rejects more than 50 tags on create', async () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const error = await errorOf(stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: uniqueName('Tags'), EmailTemplateRequest: { Subject: 's', tags } })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe('A resource can have at most 50 tags; this request would leave 51');
  });
});

describe('SMS, voice, push and in-app templates', () => {
  it('round-trips an SMS template', async () => {
    const name = uniqueName('Shipped');
    const created = await stack.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: name, SMSTemplateRequest: { Body: 'Order {{Id}} shipped', RecommenderId: 'r', DefaultSubstitutions: '{"Id":"?"}' } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.CreateTemplateMessageBody).toEqual({ Arn: `${ARN_PREFIX}/${name}/SMS`, Message: 'Created', RequestID: created.$metadata.requestId });
    expect((await stack.pinpoint.send(new GetSmsTemplateCommand({ TemplateName: name }))).SMSTemplateResponse).toEqual({
      TemplateName: name,
      TemplateType: 'SMS',
      Arn: `${ARN_PREFIX}/${name}/SMS`,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      Version: '1',
      Body: 'Order {{Id}} shipped',
      RecommenderId: 'r',
      DefaultSubstitutions: '{"Id":"?"}',
      tags: {},
    });
    expect((await stack.pinpoint.send(new UpdateSmsTemplateCommand({ TemplateName: name, SMSTemplateRequest: { Body: 'v2' } }))).$metadata.httpStatusCode).toBe(202);
    expect((await stack.pinpoint.send(new GetSmsTemplateCommand({ TemplateName: name }))).SMSTemplateResponse!.Body).toBe('v2');
    expect((await stack.pinpoint.send(new DeleteSmsTemplateCommand({ TemplateName: name }))).$metadata.httpStatusCode).toBe(202);
    await expect(stack.pinpoint.send(new GetSmsTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('round-trips a voice template', async () => {
    const name = uniqueName('Otp');
    const created = await stack.pinpoint.send(new CreateVoiceTemplateCommand({ TemplateName: name, VoiceTemplateRequest: { Body: 'Code {{C}}', LanguageCode: 'en-US', VoiceId: 'Joanna', tags: { a: 'b' } } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.CreateTemplateMessageBody!.Arn).toBe(`${ARN_PREFIX}/${name}/VOICE`);
    expect((await stack.pinpoint.send(new GetVoiceTemplateCommand({ TemplateName: name }))).VoiceTemplateResponse).toEqual({
      TemplateName: name,
      TemplateType: 'VOICE',
      Arn: `${ARN_PREFIX}/${name}/VOICE`,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      Version: '1',
      Body: 'Code {{C}}',
      LanguageCode: 'en-US',
      VoiceId: 'Joanna',
      tags: { a: 'b' },
    });
    expect((await stack.pinpoint.send(new UpdateVoiceTemplateCommand({ TemplateName: name, VoiceTemplateRequest: { Body: 'v2', VoiceId: 'Matthew' } }))).$metadata.httpStatusCode).toBe(202);
    expect((await stack.pinpoint.send(new GetVoiceTemplateCommand({ TemplateName: name }))).VoiceTemplateResponse).toMatchObject({ Body: 'v2', VoiceId: 'Matthew' });
    expect((await stack.pinpoint.send(new DeleteVoiceTemplateCommand({ TemplateName: name }))).$metadata.httpStatusCode).toBe(202);
    await expect(stack.pinpoint.send(new GetVoiceTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('round-trips a push template with per-service content', async () => {
    const name = uniqueName('Cart');
    const request = {
      Default: { Title: 'T', Body: 'B', Action: 'OPEN_APP' as const },
      APNS: { Title: 'T', Body: 'B', Sound: 'default' },
      GCM: { Title: 'T', Body: 'B', SmallImageIconUrl: 'https://example.com/i.png' },
      TemplateDescription: 'cart',
    };
    const created = await stack.pinpoint.send(new CreatePushTemplateCommand({ TemplateName: name, PushNotificationTemplateRequest: request }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.CreateTemplateMessageBody!.Arn).toBe(`${ARN_PREFIX}/${name}/PUSH`);
    expect((await stack.pinpoint.send(new GetPushTemplateCommand({ TemplateName: name }))).PushNotificationTemplateResponse).toEqual({
      ...request,
      TemplateName: name,
      TemplateType: 'PUSH',
      Arn: `${ARN_PREFIX}/${name}/PUSH`,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      Version: '1',
      tags: {},
    });
    expect((await stack.pinpoint.send(new UpdatePushTemplateCommand({ TemplateName: name, PushNotificationTemplateRequest: { Default: { Body: 'only' } } }))).$metadata.httpStatusCode).toBe(202);
    const after = (await stack.pinpoint.send(new GetPushTemplateCommand({ TemplateName: name }))).PushNotificationTemplateResponse!;
    expect(after.Default).toEqual({ Body: 'only' });
    expect(after.APNS).toBeUndefined();
    expect((await stack.pinpoint.send(new DeletePushTemplateCommand({ TemplateName: name }))).$metadata.httpStatusCode).toBe(202);
    await expect(stack.pinpoint.send(new GetPushTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('round-trips an in-app template, whose create answers TemplateCreateMessageBody', async () => {
    const name = uniqueName('Banner');
    const request = {
      Layout: 'TOP_BANNER' as const,
      Content: [{ BackgroundColor: '#FFFFFF', BodyConfig: { Alignment: 'CENTER' as const, Body: 'Sale', TextColor: '#000000' } }],
      CustomConfig: { k: 'v' },
      TemplateDescription: 'banner',
    };
    const created = await stack.pinpoint.send(new CreateInAppTemplateCommand({ TemplateName: name, InAppTemplateRequest: request }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.TemplateCreateMessageBody).toEqual({ Arn: `${ARN_PREFIX}/${name}/INAPP`, Message: 'Created', RequestID: created.$metadata.requestId });
    expect((await stack.pinpoint.send(new GetInAppTemplateCommand({ TemplateName: name }))).InAppTemplateResponse).toEqual({
      ...request,
      TemplateName: name,
      TemplateType: 'INAPP',
      Arn: `${ARN_PREFIX}/${name}/INAPP`,
      CreationDate: NOW.toISOString(),
      LastModifiedDate: NOW.toISOString(),
      Version: '1',
      tags: {},
    });
    expect((await stack.pinpoint.send(new UpdateInAppTemplateCommand({ TemplateName: name, InAppTemplateRequest: { ...request, Layout: 'MIDDLE_BANNER' } }))).$metadata.httpStatusCode).toBe(202);
    expect((await stack.pinpoint.send(new GetInAppTemplateCommand({ TemplateName: name }))).InAppTemplateResponse!.Layout).toBe('MIDDLE_BANNER');
    expect((await stack.pinpoint.send(new DeleteInAppTemplateCommand({ TemplateName: name }))).$metadata.httpStatusCode).toBe(202);
    await expect(stack.pinpoint.send(new GetInAppTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
  });

  it('keeps each type apart: deleting the SMS template of a name leaves its email template', async () => {
    const name = uniqueName('Shared');
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'e' } }));
    await stack.pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: name, SMSTemplateRequest: { Body: 's' } }));
    await stack.pinpoint.send(new DeleteSmsTemplateCommand({ TemplateName: name }));
    expect((await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }))).EmailTemplateResponse!.Subject).toBe('e');
    const error = await errorOf(stack.pinpoint.send(new GetSmsTemplateCommand({ TemplateName: name })));
    expect((error as NotFoundException).message).toBe(`Resource not found: SMS template '${name}' does not exist`);
    await expect(stack.pinpoint.send(new GetPushTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('account and region scope', () => {
  it('keeps templates per account and per region', async () => {
    const name = uniqueName('Scoped');
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'home' } }));
    const endpoint = stack.emulator.endpoint;
    const elsewhere = [
      new PinpointClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } }),
      new PinpointClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' } }),
    ];
    try {
      for (const client of elsewhere) await expect(client.send(new GetEmailTemplateCommand({ TemplateName: name }))).rejects.toBeInstanceOf(NotFoundException);
      const created = await elsewhere[0].send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'eu' } }));
      expect(created.CreateTemplateMessageBody!.Arn).toBe(`arn:aws:mobiletargeting:eu-west-1:123456789012:templates/${name}/EMAIL`);
    } finally {
      for (const client of elsewhere) client.destroy();
    }
    expect((await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name }))).EmailTemplateResponse!.Subject).toBe('home');
  });
});
