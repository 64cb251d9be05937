import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { startStack, type Stack } from '../../helpers/startStack';
import { runCounted } from './support';

// Message templates over HTTP against the seeded emulator: list pages and filters, lazy content
// reads, versions and pinned node IDs, NOT_FOUND, the campaign edge, and every write.

const { apps, segments } = PINPOINT_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('templates page through ListTemplates, with the prefix and type filters passed upstream', async () => {
  const query = `query($after: String, $prefix: String, $type: TemplateType) { templates(first: 4, after: $after, prefix: $prefix, templateType: $type) { nodes { templateName templateType } pageInfo { hasNextPage endCursor } } }`;
  const first = await runCounted(stack, query);
  expect(first.body.data.templates.nodes.map((t: any) => t.templateName)).toEqual(['WelcomeEmail', 'OrderShipped', 'CartReminder', 'OtpCall']);
  expect(first.body.data.templates.pageInfo.hasNextPage).toBe(true);
  expect(first.gatewayCalls).toEqual({ ListTemplates: 1 });

  const rest = await runCounted(stack, query, { after: first.body.data.templates.pageInfo.endCursor });
  expect(rest.body.data.templates.nodes.map((t: any) => t.templateName)).toEqual(['SpringBanner', 'SecurityAlert']);
  expect(rest.body.data.templates.pageInfo.hasNextPage).toBe(false);
  expect(rest.wireCalls).toEqual({ ListTemplates: 1 });

  const sms = await runCounted(stack, query, { type: 'SMS' });
  expect(sms.body.data.templates.nodes).toEqual([
    { templateName: 'OrderShipped', templateType: 'SMS' },
    { templateName: 'SecurityAlert', templateType: 'SMS' },
  ]);
  const prefixed = await runCounted(stack, query, { prefix: 'Cart' });
  expect(prefixed.body.data.templates.nodes).toEqual([{ templateName: 'CartReminder', templateType: 'PUSH' }]);
  expect(prefixed.gatewayCalls).toEqual({ ListTemplates: 1 });
});

test('an unknown template is NOT_FOUND at its path; a pinned version’s global ID fetches that version', async () => {
  const missing = await runCounted(stack, `{ template(name: "Nope", type: EMAIL) { templateName } }`);
  expect(missing.body.data).toEqual({ template: null });
  expect(missing.body.errors).toEqual([expect.objectContaining({ path: ['template'], extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })]);
  expect(missing.gatewayCalls).toEqual({ GetEmailTemplate: 1 });

  const versions = await stack.gql(`{ template(name: "WelcomeEmail", type: EMAIL) { versions { nodes { id version } } } }`);
  const v1 = versions.body.data.template.versions.nodes.find((v: any) => v.version === '1');
  const viaNode = await runCounted(stack, `query($id: ID!) { node(id: $id) { id __typename ... on EmailTemplate { version subject activeVersion { version } } } }`, { id: v1.id });
  expect(viaNode.body.errors).toBeUndefined();
  expect(viaNode.body.data.node).toEqual({ id: v1.id, __typename: 'EmailTemplate', version: '1', subject: 'Welcome!', activeVersion: { version: '2' } });
  expect(viaNode.gatewayCalls).toEqual({ GetEmailTemplate: 2 });
});

test('a listed template read beside its version list: the active version\'s entry shares the template\'s own read (ListTemplates names the active version)', async () => {
  // The shape generated queries found it with: the entries' typed reads and the template's go out together.
  const query = `{ templates(first: 1) { edges { node { ... on EmailTemplate { versions(first: 5) { nodes { version ... on EmailTemplate { subject headers { name } } } } subject } } } } }`;
  const { body, gatewayCalls, wireCalls } = await runCounted(stack, query);
  expect(body.errors).toBeUndefined();
  const welcome = body.data.templates.edges[0].node;
  const active = welcome.versions.nodes.find((entry: any) => entry.subject === welcome.subject);
  expect(active).toBeDefined();
  // One typed read for the template (its active version) and one per other version: not one more for the active version by number.
  expect(gatewayCalls).toEqual({ ListTemplates: 1, ListTemplateVersions: 1, GetEmailTemplate: welcome.versions.nodes.length });
  expect(wireCalls).toEqual(gatewayCalls);
});

test('a version entry\'s active version beside the entry\'s own content, in one batch of typed reads: answered, not waiting for itself', async () => {
  // Found by generated queries: the shared read once waited for the loader's own batch (504 at the deadline).
  const query = `{ templates(first: 2) { edges { node { ... on SmsTemplate { versions(first: 2) { nodes { ... on SmsTemplate { version activeVersion { version } recommender { name } defaultSubstitutions } } } } } } } }`;
  const { status, body, gatewayCalls } = await runCounted(stack, query);
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  const entries = body.data.templates.edges.flatMap((edge: any) => edge.node.versions?.nodes ?? []);
  expect(entries.length).toBeGreaterThan(0);
  for (const entry of entries) expect(entry.activeVersion.version).toEqual(expect.any(String));
  // One read of the template (its active version) and one per other version.
  expect(gatewayCalls.GetSmsTemplate).toBe(entries.length);
});

test('every template type shows its typed content', async () => {
  const { body, gatewayCalls } = await runCounted(
    stack,
    `{
      push: template(name: "CartReminder", type: PUSH) { ... on PushTemplate { default { title body action } apns { title sound } gcm { title smallImageIconUrl } adm { title } } }
      voice: template(name: "OtpCall", type: VOICE) { description ... on VoiceTemplate { body languageCode voiceId } }
      inApp: template(name: "SpringBanner", type: INAPP) { defaultSubstitutions ... on InAppTemplate { layout customConfig content { backgroundColor bodyConfig { alignment body textColor } headerConfig { header } primaryButton { defaultConfig { text } } } } }
    }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual({
    push: {
      default: { title: 'Your cart misses you', body: 'You left items in your cart.', action: 'OPEN_APP' },
      apns: { title: 'Your cart misses you', sound: 'default' },
      gcm: { title: 'Your cart misses you', smallImageIconUrl: 'https://example.com/icon.png' },
      adm: null,
    },
    voice: { description: 'One-time passcode call', body: 'Your code is {{Attributes.Code}}.', languageCode: 'en-US', voiceId: 'Joanna' },
    inApp: {
      defaultSubstitutions: null,
      layout: 'TOP_BANNER',
      customConfig: { campaign: 'spring' },
      content: [{ backgroundColor: '#FFFFFF', bodyConfig: { alignment: 'CENTER', body: 'Spring sale: 20% off', textColor: '#000000' }, headerConfig: null, primaryButton: null }],
    },
  });
  expect(gatewayCalls).toEqual({ GetPushTemplate: 1, GetVoiceTemplate: 1, GetInAppTemplate: 1 });
});

test('an SMS template’s life: create, add a version, activate it, delete a version, delete the template', async () => {
  const created = await runCounted(
    stack,
    `mutation { createSmsTemplate(input: { templateName: "Shipping-Delay", template: { body: "Your order is delayed.", description: "Delay notice", defaultSubstitutions: { Attributes_OrderId: "N/A" }, recommenderId: "${CHANNELS_SEED.recommenders.RETAIL_PICKS}" }, tags: [{ key: "team", value: "ops" }] })
      { arn message template { id templateName version body description defaultSubstitutions tags { key value } recommender { name } } } }`,
  );
  expect(created.body.errors).toBeUndefined();
  expect(created.body.data.createSmsTemplate).toEqual({
    arn: expect.stringMatching(/:templates\/Shipping-Delay\/SMS$/),
    message: 'Created',
    template: {
      id: expect.any(String),
      templateName: 'Shipping-Delay',
      version: '1',
      body: 'Your order is delayed.',
      description: 'Delay notice',
      defaultSubstitutions: { Attributes_OrderId: 'N/A' },
      tags: [{ key: 'team', value: 'ops' }],
      recommender: { name: 'Retail picks' },
    },
  });
  expect(created.gatewayCalls).toEqual({ CreateSmsTemplate: 1, GetSmsTemplate: 1, GetRecommenderConfiguration: 1 });

  const newVersion = await runCounted(
    stack,
    `mutation { updateSmsTemplate(input: { templateName: "Shipping-Delay", createNewVersion: true, template: { body: "Your order is delayed by a day." } }) { message template { version body versions { nodes { version } } } } }`,
  );
  expect(newVersion.body.data.updateSmsTemplate).toEqual({ message: 'Accepted', template: { version: '1', body: 'Your order is delayed.', versions: { nodes: [{ version: '1' }, { version: '2' }] } } });
  expect(newVersion.gatewayCalls).toEqual({ UpdateSmsTemplate: 1, GetSmsTemplate: 1, ListTemplateVersions: 1 });

  const activated = await runCounted(stack, `mutation { updateTemplateActiveVersion(input: { templateName: "Shipping-Delay", templateType: SMS, version: "latest" }) { message template { __typename version ... on SmsTemplate { body } } } }`);
  expect(activated.body.data.updateTemplateActiveVersion).toEqual({ message: 'Accepted', template: { __typename: 'SmsTemplate', version: '2', body: 'Your order is delayed by a day.' } });
  expect(activated.gatewayCalls).toEqual({ UpdateTemplateActiveVersion: 1, GetSmsTemplate: 1 });

  const versionDeleted = await runCounted(stack, `mutation { deleteSmsTemplate(input: { templateName: "Shipping-Delay", version: "1" }) { message templateName templateType version } }`);
  expect(versionDeleted.body.data.deleteSmsTemplate).toEqual({ message: 'Accepted', templateName: 'Shipping-Delay', templateType: 'SMS', version: '1' });
  expect(versionDeleted.gatewayCalls).toEqual({ DeleteSmsTemplate: 1 });

  const remaining = await stack.gql(`{ template(name: "Shipping-Delay", type: SMS) { versions { nodes { version } } } }`);
  expect(remaining.body.data.template.versions.nodes).toEqual([{ version: '2' }]);

  const deleted = await runCounted(stack, `mutation { deleteSmsTemplate(input: { templateName: "Shipping-Delay" }) { templateName version } }`);
  expect(deleted.body.data.deleteSmsTemplate).toEqual({ templateName: 'Shipping-Delay', version: null });
  const gone = await stack.gql(`{ template(name: "Shipping-Delay", type: SMS) { templateName } }`);
  expect(gone.body.errors![0]).toMatchObject({ path: ['template'], extensions: { code: 'NOT_FOUND' } });
});

test('email, push, voice and in-app templates are created from typed inputs and read back', async () => {
  const { body, gatewayCalls } = await runCounted(
    stack,
    `mutation {
      email: createEmailTemplate(input: { templateName: "Receipt", template: { subject: "Your receipt", htmlPart: "<p>Thanks</p>", textPart: "Thanks", headers: [{ name: "X-Kind", value: "receipt" }] } }) { template { subject htmlPart textPart headers { name value } } }
      push: createPushTemplate(input: { templateName: "Ping", template: { default: { title: "Hi", body: "Ping", action: URL, url: "https://example.com" }, apns: { sound: "chime" }, baidu: { title: "Ni hao" } } }) { template { default { title action url } apns { sound } baidu { title } } }
      voice: createVoiceTemplate(input: { templateName: "Call", template: { body: "Hello", languageCode: "en-GB", voiceId: "Amy" } }) { template { body languageCode voiceId } }
      inApp: createInAppTemplate(input: { templateName: "Banner", template: { layout: BOTTOM_BANNER, customConfig: { k: "v" }, content: [{ backgroundColor: "#000000", headerConfig: { alignment: "LEFT", header: "Hey", textColor: "#FFFFFF" }, primaryButton: { defaultConfig: { buttonAction: "CLOSE", text: "OK" }, ios: { buttonAction: "DEEP_LINK", link: "app://x" } } }] } }) {
        template { layout customConfig content { headerConfig { alignment header } primaryButton { defaultConfig { buttonAction text } ios { buttonAction link } android { buttonAction } } } }
      }
    }`,
  );
  expect(body.errors).toBeUndefined();
  expect(body.data).toEqual({
    email: { template: { subject: 'Your receipt', htmlPart: '<p>Thanks</p>', textPart: 'Thanks', headers: [{ name: 'X-Kind', value: 'receipt' }] } },
    push: { template: { default: { title: 'Hi', action: 'URL', url: 'https://example.com' }, apns: { sound: 'chime' }, baidu: { title: 'Ni hao' } } },
    voice: { template: { body: 'Hello', languageCode: 'en-GB', voiceId: 'Amy' } },
    inApp: {
      template: {
        layout: 'BOTTOM_BANNER',
        customConfig: { k: 'v' },
        content: [{ headerConfig: { alignment: 'LEFT', header: 'Hey' }, primaryButton: { defaultConfig: { buttonAction: 'CLOSE', text: 'OK' }, ios: { buttonAction: 'DEEP_LINK', link: 'app://x' }, android: null } }],
      },
    },
  });
  expect(gatewayCalls).toEqual({
    CreateEmailTemplate: 1,
    GetEmailTemplate: 1,
    CreatePushTemplate: 1,
    GetPushTemplate: 1,
    CreateVoiceTemplate: 1,
    GetVoiceTemplate: 1,
    CreateInAppTemplate: 1,
    GetInAppTemplate: 1,
  });

  const updated = await runCounted(stack, `mutation { updateEmailTemplate(input: { templateName: "Receipt", version: "1", template: { subject: "Your receipt (updated)" } }) { template { version subject htmlPart } } }`);
  expect(updated.body.data.updateEmailTemplate.template).toEqual({ version: '1', subject: 'Your receipt (updated)', htmlPart: null });

  const stale = await runCounted(stack, `mutation { updateVoiceTemplate(input: { templateName: "Call", version: "7", template: { body: "x" } }) { message } }`);
  expect(stale.body.errors![0]).toMatchObject({ path: ['updateVoiceTemplate'], extensions: { code: 'NOT_FOUND' } });

  for (const [field, name] of [
    ['deleteEmailTemplate', 'Receipt'],
    ['deletePushTemplate', 'Ping'],
    ['deleteVoiceTemplate', 'Call'],
    ['deleteInAppTemplate', 'Banner'],
  ]) {
    const removed = await runCounted(stack, `mutation { ${field}(input: { templateName: "${name}" }) { templateName } }`);
    expect(removed.body.data[field]).toEqual({ templateName: name });
  }
});

test('a campaign’s template configuration leads to the templates it names', async () => {
  const created = await runCounted(
    stack,
    `mutation($app: ID!, $segment: ID!) { createCampaign(input: { applicationId: $app, campaign: {
      name: "Templated", segmentId: $segment, schedule: { startTime: "2030-01-01T10:00:00Z", frequency: ONCE },
      templateConfiguration: { emailTemplate: { name: "WelcomeEmail", version: "3" }, smsTemplate: { name: "OrderShipped" } }
    } }) { campaign { templateConfiguration {
      emailTemplate { name version templateType template { version ... on EmailTemplate { subject } } }
      smsTemplate { name version templateType template { version ... on SmsTemplate { body } } }
      pushTemplate { name }
    } } } }`,
    { app: apps.RETAIL, segment: segments.RETAIL_VIP },
  );
  expect(created.body.errors).toBeUndefined();
  expect(created.body.data.createCampaign.campaign.templateConfiguration).toEqual({
    emailTemplate: { name: 'WelcomeEmail', version: '3', templateType: 'EMAIL', template: { version: '3', subject: 'Welcome aboard (draft)' } },
    smsTemplate: { name: 'OrderShipped', version: null, templateType: 'SMS', template: { version: '1', body: 'Your order {{Attributes.OrderId}} has shipped.' } },
    pushTemplate: null,
  });
  expect(created.gatewayCalls).toEqual({ CreateCampaign: 1, GetEmailTemplate: 1, GetSmsTemplate: 1 });
});

test('template inputs are checked before any upstream call', async () => {
  const substitutions = await runCounted(stack, `mutation { createSmsTemplate(input: { templateName: "x", template: { body: "b", defaultSubstitutions: ["not", "an", "object"] } }) { arn } }`);
  expect(substitutions.body.errors![0]).toMatchObject({
    message: '"input.template.defaultSubstitutions" must be a JSON object of message variables and their default values; got ["not","an","object"].',
    extensions: { code: 'BAD_USER_INPUT' },
  });
  expect(substitutions.wireCalls).toEqual({});

  const alignment = await runCounted(stack, `mutation { createInAppTemplate(input: { templateName: "x", template: { content: [{ bodyConfig: { alignment: "MIDDLE", body: "b", textColor: "#000000" } }] } }) { arn } }`);
  expect(alignment.body.errors![0].message).toBe('"input.template.content[0].bodyConfig.alignment" must be one of LEFT, CENTER, RIGHT; got "MIDDLE".');
  expect(alignment.wireCalls).toEqual({});

  const duplicateTags = await runCounted(stack, `mutation { createVoiceTemplate(input: { templateName: "x", template: { body: "b" }, tags: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }) { arn } }`);
  expect(duplicateTags.body.errors![0].message).toBe('"input.tags[].key" must be unique; "a" appears more than once.');
  expect(duplicateTags.wireCalls).toEqual({});
});
