import { join } from 'node:path';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { createMessageCounter, sendingFieldsOf } from '../../src/server/limits/messageCount';

// What the send budget charges, offline: the messages an operation can send, counted the way
// graphql-js executes the document (aliases, merged fields, fragments, @skip/@include).
// test/server/rateLimits.test.ts checks the same charges over HTTP against the emulator.

const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', '..', 'schema', '**', '*.graphql')) });
const countMessages = createMessageCounter(schema);

/** The messages `text`'s first operation can send. */
function count(text: string, variables?: Record<string, unknown>): number {
  const document = parse(text);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return countMessages(document, operation, variables);
}

const TEXT = 'input: { destinationPhoneNumber: "+12065550150", originationIdentity: "+12065550100", messageBody: "hi" }';

test('the sending fields are the mutations whose upstream operation is a Send* operation', () => {
  expect([...sendingFieldsOf(schema)].sort()).toEqual([
    'Mutation.sendDestinationNumberVerificationCode',
    'Mutation.sendMessages',
    'Mutation.sendOtpMessage',
    'Mutation.sendTextMessage',
    'Mutation.sendUsersMessages',
    'Mutation.sendVoiceMessage',
  ]);
});

test('each alias is a message; fields merged under one response key are one', () => {
  expect(count(`mutation { a: sendTextMessage(${TEXT}) { messageId } b: sendTextMessage(${TEXT}) { messageId } c: sendVoiceMessage(input: { destinationPhoneNumber: "+1", originationIdentity: "x", messageBody: "y" }) { messageId } }`)).toBe(3);
  expect(count(`mutation { a: sendTextMessage(${TEXT}) { messageId } a: sendTextMessage(${TEXT}) { messageId } }`)).toBe(1);
});

test('fragments are followed; @skip and @include are evaluated with the variables', () => {
  const document = `mutation ($skip: Boolean!, $with: Boolean!) {
    ...Sends
    ... on Mutation { inline: sendTextMessage(${TEXT}) { messageId } }
    skipped: sendTextMessage(${TEXT}) @skip(if: $skip) { messageId }
    included: sendTextMessage(${TEXT}) @include(if: $with) { messageId }
    ...Sends
  }
  fragment Sends on Mutation { fromFragment: sendTextMessage(${TEXT}) { messageId } deleteApp(input: { applicationId: "x" }) { app { name } } }`;
  expect(count(document, { skip: true, with: false })).toBe(2);
  expect(count(document, { skip: false, with: true })).toBe(4);
});

test('a Pinpoint send is one message per recipient', () => {
  const sendMessages = `mutation ($addresses: [AddressRecipientInput!]) { sendMessages(input: { applicationId: "app", addresses: $addresses,
    endpoints: [{ endpointId: "e1" }, { endpointId: "e2" }], message: { defaultMessage: { body: "x" } } }) { requestId } }`;
  const addresses = [1, 2, 3].map((i) => ({ address: `+1206555016${i}`, channelType: 'SMS' }));
  expect(count(sendMessages, { addresses })).toBe(5);
  expect(count(sendMessages, {})).toBe(2);
  expect(count('mutation { sendUsersMessages(input: { applicationId: "app", users: [{ userId: "a" }, { userId: "b" }], message: { defaultMessage: { body: "x" } } }) { requestId } }')).toBe(2);
  // No recipient at all is refused before the call; it is still counted as one.
  expect(count('mutation { sendMessages(input: { applicationId: "app", message: { defaultMessage: { body: "x" } } }) { requestId } }')).toBe(1);
});

test('queries, mutations that send nothing and variables that do not coerce count no message', () => {
  expect(count('{ apps(first: 1) { nodes { name } } }')).toBe(0);
  expect(count('mutation { verifyOtpMessage(input: { applicationId: "a", destinationIdentity: "d", otp: "1", referenceId: "r" }) { valid } }')).toBe(0);
  // Execution stops at variable coercion, before any field runs.
  expect(count('mutation ($input: SendTextMessageInput!) { sendTextMessage(input: $input) { messageId } }', { input: { messageBody: 42 } })).toBe(0);
});
