import {
  BadRequestException,
  CreateEmailTemplateCommand,
  CreatePushTemplateCommand,
  DeleteEmailTemplateCommand,
  GetEmailTemplateCommand,
  GetPushTemplateCommand,
  ListTemplateVersionsCommand,
  NotFoundException,
  UpdateEmailTemplateCommand,
  UpdatePushTemplateCommand,
  UpdateTemplateActiveVersionCommand,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Template versions over HTTP: create-new-version, the `version` guard on updates, the active
// version (what a read without `version` returns), ListTemplateVersions with pagination, and
// deleting single versions.

let now = new Date('2025-03-15T12:00:00.000Z');
const at = (minutes: number) => new Date(Date.parse('2025-03-15T12:00:00.000Z') + minutes * 60_000);
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => now } });
});
afterAll(() => stack.close());

let counter = 0;
function uniqueName(base: string): string {
  counter += 1;
  return `${base}-${counter}`;
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

/** An email template with versions 1..count (subjects `v1`..`v<count>`), each a minute apart; version 1 stays active. */
async function emailWithVersions(count: number): Promise<string> {
  const name = uniqueName('Versioned');
  now = at(0);
  await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'v1' } }));
  for (let version = 2; version <= count; version += 1) {
    now = at(version - 1);
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, CreateNewVersion: true, EmailTemplateRequest: { Subject: `v${version}` } }));
  }
  return name;
}

const subjectOf = async (name: string, version?: string) => (await stack.pinpoint.send(new GetEmailTemplateCommand({ TemplateName: name, Version: version }))).EmailTemplateResponse!;

describe('create-new-version and the active version', () => {
  it('adds versions that do not become active by themselves', async () => {
    const name = await emailWithVersions(3);
    expect(await subjectOf(name)).toMatchObject({ Subject: 'v1', Version: '1' });
    expect(await subjectOf(name, '2')).toMatchObject({ Subject: 'v2', Version: '2', LastModifiedDate: at(1).toISOString(), CreationDate: at(0).toISOString() });
    expect(await subjectOf(name, '3')).toMatchObject({ Subject: 'v3', Version: '3', LastModifiedDate: at(2).toISOString() });
  });

  it('switches the active version to a given version, and to the latest one', async () => {
    const name = await emailWithVersions(3);
    const out = await stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: '2' } }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.MessageBody).toEqual({ Message: 'Accepted', RequestID: out.$metadata.requestId });
    expect(await subjectOf(name)).toMatchObject({ Subject: 'v2', Version: '2' });
    await stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: 'latest' } }));
    expect(await subjectOf(name)).toMatchObject({ Subject: 'v3', Version: '3' });
  });

  it('rejects an active version that does not exist (404), a missing version (400) and an unknown type (400)', async () => {
    const name = await emailWithVersions(2);
    const missing = await errorOf(stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: '9' } })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((missing as NotFoundException).message).toBe(`Resource not found: version '9' of EMAIL template '${name}' does not exist`);
    const absent = await errorOf(stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'EMAIL', TemplateActiveVersionRequest: {} })));
    expect(absent).toBeInstanceOf(BadRequestException);
    expect((absent as BadRequestException).message).toBe("TemplateActiveVersionRequest.Version is required: 'latest' or the identifier of an existing version");
    const type = await errorOf(stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'FAX', TemplateActiveVersionRequest: { Version: '1' } })));
    expect(type).toBeInstanceOf(BadRequestException);
    expect((type as BadRequestException).message).toBe("template-type must be one of EMAIL, SMS, VOICE, PUSH, INAPP; got 'FAX'");
    const wrongType = await errorOf(stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'SMS', TemplateActiveVersionRequest: { Version: '1' } })));
    expect(wrongType).toBeInstanceOf(NotFoundException);
    // The active version is unchanged by the failed calls.
    expect((await subjectOf(name)).Version).toBe('1');
  });

  it('rejects a lower-case template-type in the path, as the model pattern requires', async () => {
    const name = await emailWithVersions(1);
    const error = await errorOf(stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'email', TemplateActiveVersionRequest: { Version: '1' } })));
    expect(error).toBeInstanceOf(BadRequestException);
  });

  it('answers NotFoundException for a version that does not exist and BadRequestException for a malformed one', async () => {
    const name = await emailWithVersions(1);
    const missing = await errorOf(subjectOf(name, '2'));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((missing as NotFoundException).message).toBe(`Resource not found: version '2' of EMAIL template '${name}' does not exist`);
    const malformed = await errorOf(subjectOf(name, 'two'));
    expect(malformed).toBeInstanceOf(BadRequestException);
    expect((malformed as BadRequestException).message).toBe("version must be a positive integer; got 'two'");
  });
});

describe('updates against versions', () => {
  it('overwrites the latest version (not the active one) when no version is given', async () => {
    const name = await emailWithVersions(2);
    now = at(30);
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'v2 edited' } }));
    expect(await subjectOf(name, '2')).toMatchObject({ Subject: 'v2 edited', LastModifiedDate: at(30).toISOString() });
    expect(await subjectOf(name)).toMatchObject({ Subject: 'v1', Version: '1' });
  });

  it('accepts version = the latest version, and rejects an older one', async () => {
    const name = await emailWithVersions(2);
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, Version: '2', EmailTemplateRequest: { Subject: 'guarded' } }));
    expect((await subjectOf(name, '2')).Subject).toBe('guarded');
    const stale = await errorOf(stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, Version: '1', EmailTemplateRequest: { Subject: 'stale' } })));
    expect(stale).toBeInstanceOf(BadRequestException);
    expect((stale as BadRequestException).message).toBe(`version must match the latest version of EMAIL template '${name}' (2); got '1'`);
    const missing = await errorOf(stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, Version: '7', EmailTemplateRequest: { Subject: 'x' } })));
    expect(missing).toBeInstanceOf(NotFoundException);
    expect((await subjectOf(name, '1')).Subject).toBe('v1');
  });

  it('rejects create-new-version=true together with a version', async () => {
    const name = await emailWithVersions(1);
    const error = await errorOf(stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, CreateNewVersion: true, Version: '1', EmailTemplateRequest: { Subject: 'x' } })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe("version must be omitted when create-new-version is true; got version '1'");
  });

  it('treats create-new-version=false as an overwrite', async () => {
    const name = await emailWithVersions(1);
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, CreateNewVersion: false, EmailTemplateRequest: { Subject: 'same version' } }));
    const versions = await stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'EMAIL' }));
    expect(versions.TemplateVersionsResponse!.Item!.map((item) => item.Version)).toEqual(['1']);
  });

  it('versions push templates the same way', async () => {
    const name = uniqueName('PushVersions');
    await stack.pinpoint.send(new CreatePushTemplateCommand({ TemplateName: name, PushNotificationTemplateRequest: { Default: { Body: 'one' } } }));
    await stack.pinpoint.send(new UpdatePushTemplateCommand({ TemplateName: name, CreateNewVersion: true, PushNotificationTemplateRequest: { Default: { Body: 'two' } } }));
    await stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'PUSH', TemplateActiveVersionRequest: { Version: '2' } }));
    expect((await stack.pinpoint.send(new GetPushTemplateCommand({ TemplateName: name }))).PushNotificationTemplateResponse).toMatchObject({ Version: '2', Default: { Body: 'two' } });
    expect((await stack.pinpoint.send(new GetPushTemplateCommand({ TemplateName: name, Version: '1' }))).PushNotificationTemplateResponse!.Default).toEqual({ Body: 'one' });
  });
});

describe('ListTemplateVersions', () => {
  it('lists every version in order, with each version’s dates and description', async () => {
    const name = uniqueName('Listed');
    now = at(0);
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 's', TemplateDescription: 'first', DefaultSubstitutions: '{"a":"1"}' } }));
    now = at(5);
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, CreateNewVersion: true, EmailTemplateRequest: { Subject: 's', TemplateDescription: 'second' } }));
    const out = await stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'EMAIL' }));
    expect(out.TemplateVersionsResponse).toEqual({
      RequestID: out.$metadata.requestId,
      Item: [
        { TemplateName: name, TemplateType: 'EMAIL', Version: '1', CreationDate: at(0).toISOString(), LastModifiedDate: at(0).toISOString(), TemplateDescription: 'first', DefaultSubstitutions: '{"a":"1"}' },
        { TemplateName: name, TemplateType: 'EMAIL', Version: '2', CreationDate: at(5).toISOString(), LastModifiedDate: at(5).toISOString(), TemplateDescription: 'second' },
      ],
    });
  });

  it('pages with page-size and next-token, and rejects a token from another template', async () => {
    const name = await emailWithVersions(5);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'EMAIL', PageSize: '2', NextToken: token }));
      seen.push(...out.TemplateVersionsResponse!.Item!.map((item) => item.Version!));
      token = out.TemplateVersionsResponse!.NextToken;
      pages += 1;
      if (pages === 1) {
        const other = await emailWithVersions(5);
        const foreign = await errorOf(stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: other, TemplateType: 'EMAIL', PageSize: '2', NextToken: token })));
        expect(foreign).toBeInstanceOf(BadRequestException);
        expect((foreign as BadRequestException).message).toBe('Invalid token: the token was not issued for this query or has been altered');
      }
    } while (token !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(['1', '2', '3', '4', '5']);
  });

  it('rejects a bad page-size, and answers 404 for an unknown template', async () => {
    const name = await emailWithVersions(1);
    const size = await errorOf(stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'EMAIL', PageSize: '0' })));
    expect(size).toBeInstanceOf(BadRequestException);
    expect((size as BadRequestException).message).toBe("page-size must be an integer from 1 to 1000; got '0'");
    await expect(stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: 'Nope', TemplateType: 'EMAIL' }))).rejects.toBeInstanceOf(NotFoundException);
    await expect(stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'SMS' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});

describe('deleting versions', () => {
  it('deletes one version, keeps the numbering, and never reuses a deleted number', async () => {
    const name = await emailWithVersions(3);
    const out = await stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name, Version: '2' }));
    expect(out.$metadata.httpStatusCode).toBe(202);
    await expect(subjectOf(name, '2')).rejects.toBeInstanceOf(NotFoundException);
    await stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name, Version: '3' }));
    await stack.pinpoint.send(new UpdateEmailTemplateCommand({ TemplateName: name, CreateNewVersion: true, EmailTemplateRequest: { Subject: 'v4' } }));
    const versions = await stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'EMAIL' }));
    expect(versions.TemplateVersionsResponse!.Item!.map((item) => item.Version)).toEqual(['1', '4']);
  });

  it('refuses to delete the active version while other versions remain', async () => {
    const name = await emailWithVersions(2);
    const error = await errorOf(stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name, Version: '1' })));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).message).toBe(
      `Version 1 is the active version of EMAIL template '${name}'; make another version active (UpdateTemplateActiveVersion) before deleting it`,
    );
    await stack.pinpoint.send(new UpdateTemplateActiveVersionCommand({ TemplateName: name, TemplateType: 'EMAIL', TemplateActiveVersionRequest: { Version: '2' } }));
    await stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name, Version: '1' }));
    expect(await subjectOf(name)).toMatchObject({ Version: '2', Subject: 'v2' });
  });

  it('deletes the template when its last version is deleted, and 404s for a missing version', async () => {
    const name = await emailWithVersions(1);
    await expect(stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name, Version: '5' }))).rejects.toBeInstanceOf(NotFoundException);
    await stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name, Version: '1' }));
    await expect(subjectOf(name)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('deletes every version when no version is given', async () => {
    const name = await emailWithVersions(3);
    await stack.pinpoint.send(new DeleteEmailTemplateCommand({ TemplateName: name }));
    await expect(stack.pinpoint.send(new ListTemplateVersionsCommand({ TemplateName: name, TemplateType: 'EMAIL' }))).rejects.toBeInstanceOf(NotFoundException);
    // The name is free again and starts over at version 1.
    await stack.pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: 'again' } }));
    expect(await subjectOf(name)).toMatchObject({ Version: '1', Subject: 'again' });
  });
});
