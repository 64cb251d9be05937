import { CHANNELS_SEED } from '../../../src/emulator/services/pinpoint/channelsSeed';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { TEMPLATE_SEED } from '../../../src/emulator/services/pinpoint/templatesSeed';
import { gid, unique, type ReachCase, type ReachSetup, type ReachTable } from './kit';

/**
 * Reach cases of schema/pinpoint/template.graphql and of the campaign's template references.
 * A template's content field reads the template (Get<Type>Template) when the template came from
 * ListTemplates, so each content case lists the templates of one type and selects that field.
 */

/** Module-private shorthand. */
const P = PINPOINT_SEED;

/** Module-private: the five template types, their GraphQL types, Get operations, and write-mutation names. */
const TYPES = [
  { type: 'EMAIL', graphql: 'EmailTemplate', get: 'GetEmailTemplate', word: 'Email', seeded: TEMPLATE_SEED.WELCOME_EMAIL, template: '{ subject: "Hi", textPart: "Hello" }' },
  { type: 'SMS', graphql: 'SmsTemplate', get: 'GetSmsTemplate', word: 'Sms', seeded: TEMPLATE_SEED.ORDER_SHIPPED_SMS, template: '{ body: "Hello" }' },
  { type: 'PUSH', graphql: 'PushTemplate', get: 'GetPushTemplate', word: 'Push', seeded: TEMPLATE_SEED.CART_REMINDER_PUSH, template: '{ default: { title: "Hi", body: "Hello" } }' },
  { type: 'VOICE', graphql: 'VoiceTemplate', get: 'GetVoiceTemplate', word: 'Voice', seeded: TEMPLATE_SEED.OTP_CALL_VOICE, template: '{ body: "Hello", languageCode: "en-US", voiceId: "Joanna" }' },
  { type: 'INAPP', graphql: 'InAppTemplate', get: 'GetInAppTemplate', word: 'InApp', seeded: TEMPLATE_SEED.SPRING_BANNER_INAPP, template: '{ layout: TOP_BANNER, content: [{ bodyConfig: { alignment: "LEFT", body: "Hello", textColor: "#000000" } }] }' },
] as const;

/** Module-private: one template type's entry of {@link TYPES}. */
type TemplateTypeInfo = (typeof TYPES)[number];

/** Module-private: the content fields each type reads from its Get (a selection per field). */
const CONTENT_FIELDS: Readonly<Record<TemplateTypeInfo['graphql'], readonly (readonly [string, string])[]>> = {
  EmailTemplate: [
    ['subject', 'subject'],
    ['htmlPart', 'htmlPart'],
    ['textPart', 'textPart'],
    ['headers', 'headers { name }'],
    ['recommenderId', 'recommenderId'],
  ],
  SmsTemplate: [
    ['body', 'body'],
    ['recommenderId', 'recommenderId'],
  ],
  PushTemplate: [
    ['default', 'default { title }'],
    ['apns', 'apns { title }'],
    ['gcm', 'gcm { title }'],
    ['adm', 'adm { title }'],
    ['baidu', 'baidu { title }'],
    ['recommenderId', 'recommenderId'],
  ],
  VoiceTemplate: [
    ['body', 'body'],
    ['languageCode', 'languageCode'],
    ['voiceId', 'voiceId'],
  ],
  InAppTemplate: [
    ['layout', 'layout'],
    ['content', 'content { backgroundColor }'],
    ['customConfig', 'customConfig'],
  ],
};

/** Module-private: the fields every type reads from its Get (in-app templates have no default substitutions). */
const COMMON_CONTENT_FIELDS: readonly (readonly [string, string])[] = [
  ['arn', 'arn'],
  ['description', 'description'],
  ['tags', 'tags { key }'],
  ['activeVersion', 'activeVersion { version }'],
];

/** Cases of the template coordinates. */
export const PINPOINT_TEMPLATE_REACH: ReachTable = {
  'Query.templates': { query: '{ templates { nodes { templateName } } }' },
  'Query.template': TYPES.map((t): ReachCase => ({ query: `{ template(name: "${t.seeded}", type: ${t.type}) { version } }`, reaches: [t.get] })),
  'TemplateReference.template': TYPES.map(
    (t): ReachCase => ({
      query: `query ($id: ID!) { node(id: $id) { ... on Campaign { templateConfiguration { ${slotOf(t)} { template { version } } } } } }`,
      variables: async (setup) => ({ id: gid('Campaign', P.apps.RETAIL, await templatedCampaign(setup)) }),
      via: ['Query.node'],
      reaches: [t.get],
    }),
  ),
  'Mutation.updateTemplateActiveVersion': {
    query: 'mutation ($name: String!) { updateTemplateActiveVersion(input: { templateName: $name, templateType: SMS, version: "latest" }) { message } }',
    variables: async (setup) => ({ name: await newTemplate(setup, TYPES[1]) }),
  },
  'TemplateActiveVersionPayload.template': TYPES.map(
    (t): ReachCase => ({
      query: `mutation ($name: String!) { updateTemplateActiveVersion(input: { templateName: $name, templateType: ${t.type}, version: "latest" }) { template { version } } }`,
      variables: async (setup) => ({ name: await newTemplate(setup, t) }),
      via: ['Mutation.updateTemplateActiveVersion'],
      reaches: [t.get],
    }),
  ),
  ...Object.fromEntries(TYPES.flatMap((t) => typeCases(t))),
};

/** Module-private: the coordinates of one template type: its content fields, versions, recommender and writes. */
function typeCases(t: TemplateTypeInfo): Array<[string, ReachCase]> {
  const listed = (selection: string): ReachCase => ({ query: `{ templates(templateType: ${t.type}) { nodes { ... on ${t.graphql} { ${selection} } } } }`, via: ['Query.templates'] });
  const contentFields = [...COMMON_CONTENT_FIELDS, ...(t.type === 'INAPP' ? [] : ([['defaultSubstitutions', 'defaultSubstitutions']] as const)), ...CONTENT_FIELDS[t.graphql]];
  const cases: Array<[string, ReachCase]> = contentFields.map(([field, selection]) => [`${t.graphql}.${field}`, listed(selection)]);
  cases.push([`${t.graphql}.versions`, listed('versions { nodes { version } }')]);
  if (t.type === 'EMAIL' || t.type === 'SMS' || t.type === 'PUSH') {
    // No seeded template draws on a recommender: a new one does, and is listed by its name.
    cases.push([
      `${t.graphql}.recommender`,
      {
        query: `query ($prefix: String!) { templates(prefix: $prefix, templateType: ${t.type}) { nodes { ... on ${t.graphql} { recommender { name } } } } }`,
        variables: async (setup) => ({ prefix: await newTemplate(setup, t, true) }),
        via: ['Query.templates'],
      },
    ]);
  }
  const payload = `${t.word}TemplatePayload`;
  cases.push(
    [`Mutation.create${t.word}Template`, { query: `mutation ($name: String!) { create${t.word}Template(input: { templateName: $name, template: ${t.template} }) { arn } }`, variables: { name: unique(`reach${t.word}`) } }],
    [
      `Mutation.update${t.word}Template`,
      { query: `mutation ($name: String!) { update${t.word}Template(input: { templateName: $name, template: ${t.template} }) { message } }`, variables: async (setup) => ({ name: await newTemplate(setup, t) }) },
    ],
    [`Mutation.delete${t.word}Template`, { query: `mutation ($name: String!) { delete${t.word}Template(input: { templateName: $name }) { templateName } }`, variables: async (setup) => ({ name: await newTemplate(setup, t) }) }],
    [
      `${payload}.template`,
      {
        query: `mutation ($name: String!) { create${t.word}Template(input: { templateName: $name, template: ${t.template} }) { template { version } } }`,
        variables: { name: unique(`reach${t.word}`) },
        via: [`Mutation.create${t.word}Template`],
      },
    ],
  );
  return cases;
}

/** Module-private: the campaign template-configuration slot of a type. */
function slotOf(t: TemplateTypeInfo): string {
  return `${t.word.charAt(0).toLowerCase()}${t.word.slice(1)}Template`;
}

/** Module-private: a new template of a type, with two versions (so `latest` differs from the active one), optionally drawing on the seeded recommender. */
async function newTemplate(setup: ReachSetup, t: TemplateTypeInfo, withRecommender = false): Promise<string> {
  const name = unique(`reach${t.word}`);
  const template = withRecommender ? t.template.replace(/^\{ /, `{ recommenderId: "${CHANNELS_SEED.recommenders.RETAIL_PICKS}", `) : t.template;
  await setup.gql(`mutation ($name: String!) { create${t.word}Template(input: { templateName: $name, template: ${template} }) { arn } }`, { name });
  await setup.gql(`mutation ($name: String!) { update${t.word}Template(input: { templateName: $name, createNewVersion: true, template: ${template} }) { message } }`, { name });
  return name;
}

/** Module-private: one RETAIL campaign naming a template of every type (created once, on first use). */
function templatedCampaign(setup: ReachSetup): Promise<string> {
  templatedCampaignId ??= setup
    .gql(
      `mutation ($app: ID!, $segment: ID!, $name: String!) { createCampaign(input: { applicationId: $app, campaign: {
        name: $name, segmentId: $segment, schedule: { startTime: "2030-01-01T10:00:00Z", frequency: ONCE },
        templateConfiguration: { ${TYPES.map((t) => `${slotOf(t)}: { name: "${t.seeded}" }`).join(', ')} }
      } }) { campaign { campaignId } } }`,
      { app: P.apps.RETAIL, segment: P.segments.RETAIL_VIP, name: unique('reach-templated') },
    )
    .then((data) => data.createCampaign.campaign.campaignId as string);
  return templatedCampaignId;
}

/** Module-private: the campaign of {@link templatedCampaign}, once created. */
let templatedCampaignId: Promise<string> | undefined;
