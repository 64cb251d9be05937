import { join } from 'node:path';
import { isNonNullType, isObjectType } from 'graphql';
import { JOURNEY_SEED } from '../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { buildPipelineSchema } from '../../src/server/admission/pipeline';
import { readUpstreamAnnotations } from '../../src/server/limits/costModel';
import { startStack, type Stack } from '../helpers/startStack';

// "One reader per upstream collection": every connection of the graph (generated from the SDL, so
// connections added later are covered), read twice in one request at two page sizes, costs one
// read of its list operation, and the smaller page is the start of the larger. Each connection is
// reached from a seeded object of its type (the table below; a type missing from it fails the test).

const schema = buildPipelineSchema(join(__dirname, '..', '..', 'schema'));
const annotations = readUpstreamAnnotations(schema);
const { apps, segments, campaigns } = PINPOINT_SEED;
const { pools, optOutLists, registrations, phoneNumbers } = SMS_VOICE_SEED;

/** Module-private: how to reach a seeded object of each type that has connections: the selection around `{}`. */
const REACH: Readonly<Record<string, (inner: string) => string>> = {
  Query: (inner) => `{ ${inner} }`,
  App: (inner) => `{ app(id: "${apps.RETAIL}") { ${inner} } }`,
  Campaign: (inner) => `{ app(id: "${apps.RETAIL}") { campaign(id: "${campaigns.RETAIL_SPRING_SALE}") { ${inner} } } }`,
  Segment: (inner) => `{ app(id: "${apps.RETAIL}") { segment(id: "${segments.RETAIL_NEWSLETTER_IMPORT}") { ${inner} } } }`,
  Journey: (inner) => `{ app(id: "${apps.RETAIL}") { journey(id: "${JOURNEY_SEED.journeys.RETAIL_ONBOARDING}") { ${inner} } } }`,
  Pool: (inner) => `{ pool(poolId: "${pools.marketing}") { ${inner} } }`,
  OptOutList: (inner) => `{ optOutList(name: "${optOutLists.marketing}") { ${inner} } }`,
  PhoneNumber: (inner) => `{ phoneNumber(phoneNumberId: "${phoneNumbers.tenDlcMarketing1}") { ${inner} } }`,
  Registration: (inner) => `{ registration(registrationId: "${registrations.tollFreeApproved}") { ${inner} } }`,
  RegistrationTypeDefinition: (inner) => `{ registrationTypeDefinition(registrationType: "US_TOLL_FREE_REGISTRATION") { ${inner} } }`,
  RegistrationSectionDefinition: (inner) => `{ registrationTypeDefinition(registrationType: "US_TOLL_FREE_REGISTRATION") { sections(first: 1) { nodes { ${inner} } } } }`,
  SmsVoiceAccount: (inner) => `{ smsVoiceAccount { ${inner} } }`,
  EmailTemplate: (inner) => `{ template(name: "WelcomeEmail", type: EMAIL) { ... on EmailTemplate { ${inner} } } }`,
};

/** Module-private: every connection field (a `first` argument, no required one) annotated with an upstream read, by type. */
const connections = Object.values(schema.getTypeMap())
  .filter((type) => isObjectType(type) && !type.name.startsWith('__') && type.name !== 'Mutation')
  .flatMap((type) =>
    Object.values((type as import('graphql').GraphQLObjectType).getFields())
      .filter((field) => field.args.some((arg) => arg.name === 'first') && field.args.every((arg) => !isNonNullType(arg.type)))
      .flatMap((field) => {
        const annotation = annotations.get(`${type.name}.${field.name}`);
        return annotation ? [{ type: type.name, field: field.name, operations: Object.values(annotation).flat() }] : [];
      }),
  )
  // Types reached only through an interface (`MessageTemplate.versions`) are covered by EmailTemplate's.
  .filter((connection) => !/Template$/.test(connection.type) || connection.type === 'EmailTemplate');

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

test('every connection of the graph is covered (the table reaches each type that has one)', () => {
  expect(connections.length).toBeGreaterThan(25);
  expect(connections.filter((connection) => REACH[connection.type] === undefined).map((c) => `${c.type}.${c.field}`)).toEqual([]);
});

test.each(connections.map((connection) => [`${connection.type}.${connection.field}`, connection] as const))('%s(first: 2) beside (first: 5): one read, and the first page starts the second', async (_name, connection) => {
  const inner = `small: ${connection.field}(first: 2) { nodes { __typename } pageInfo { endCursor } } large: ${connection.field}(first: 5) { nodes { __typename } pageInfo { hasNextPage } }`;
  const { body } = await stack.gql(REACH[connection.type](inner));
  expect(body.errors).toBeUndefined();
  const calls: Record<string, number> = body.extensions!.upstreamCalls.byOperation;
  for (const operation of connection.operations) expect({ operation, calls: calls[operation] ?? 0 }).toEqual({ operation, calls: expect.any(Number) });
  const listCalls = Object.fromEntries(connection.operations.filter((operation) => (calls[operation] ?? 0) > 1).map((operation) => [operation, calls[operation]]));
  expect(listCalls).toEqual({});
  // The connection's own data: the two pages agree.
  let holder: any = body.data;
  while (holder && holder.small === undefined) holder = Object.values(holder)[0];
  expect(holder.large.nodes.slice(0, holder.small.nodes.length)).toEqual(holder.small.nodes);
  expect(holder.small.nodes.length).toBe(Math.min(2, holder.large.nodes.length));
});
