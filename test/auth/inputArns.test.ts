import { join } from 'node:path';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { getNamedType, isInputObjectType } from 'graphql';
import { inputResourceArns, partitionOf, type ArnScope, type IamService } from '../../src/auth';
import { readUpstreamAnnotations } from '../../src/server/limits';

// The audit log's resource ARNs, built from a mutation's input with the IAM table's templates
// (src/auth/inputArns.ts): best effort, `*` when the input does not name the resource.

const scope: ArnScope = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

test.each<[string, IamService, string, Record<string, unknown>, string[]]>([
  ['no ID (the collection)', 'pinpoint', 'CreateApp', { name: 'Shop' }, ['arn:aws:mobiletargeting:us-east-1:123456789012:apps']],
  ['two IDs', 'pinpoint', 'DeleteCampaign', { applicationId: 'app1', campaignId: 'c1' }, ['arn:aws:mobiletargeting:us-east-1:123456789012:apps/app1/campaigns/c1']],
  ['an ID the input does not give', 'pinpoint', 'DeleteCampaign', { applicationId: 'app1' }, ['*']],
  ['a template name', 'pinpoint', 'DeleteSmsTemplate', { templateName: 'welcome' }, ['arn:aws:mobiletargeting:us-east-1:123456789012:templates/welcome/SMS']],
  ['a whole ARN', 'pinpoint', 'TagResource', { resourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/app1', tags: {} }, ['arn:aws:mobiletargeting:us-east-1:123456789012:apps/app1']],
  ['a `…Name` member the input calls `name`', 'smsVoice', 'CreateConfigurationSet', { name: 'transactional' }, ['arn:aws:sms-voice:us-east-1:123456789012:configuration-set/transactional']],
  ['an origination identity that is a pool, and a configuration set', 'smsVoice', 'SendTextMessage', { originationIdentity: 'pool-abc', configurationSetName: 'cs1', destinationPhoneNumber: '+12065550100' }, [
    'arn:aws:sms-voice:us-east-1:123456789012:pool/pool-abc',
    'arn:aws:sms-voice:us-east-1:123456789012:configuration-set/cs1',
  ]],
  ['an origination identity that is a phone number ID', 'smsVoice', 'SendTextMessage', { originationIdentity: 'phone-123' }, ['arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-123']],
  ['an origination identity given as an ARN', 'smsVoice', 'SendTextMessage', { originationIdentity: 'arn:aws:sms-voice:us-east-1:123456789012:pool/pool-x' }, ['arn:aws:sms-voice:us-east-1:123456789012:pool/pool-x']],
  ['an origination identity given as E.164 (its ID is unknown)', 'smsVoice', 'SendTextMessage', { originationIdentity: '+12065550100' }, ['*']],
  ['a sender ID and its country', 'smsVoice', 'RequestSenderId', { senderId: 'ACME', isoCountryCode: 'GB' }, ['arn:aws:sms-voice:us-east-1:123456789012:sender-id/ACME/GB']],
  ['a pool and the identity it gains', 'smsVoice', 'AssociateOriginationIdentity', { poolId: 'pool-1', originationIdentity: 'phone-2', isoCountryCode: 'US' }, [
    'arn:aws:sms-voice:us-east-1:123456789012:pool/pool-1',
    'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-2',
  ]],
  ['an operation the table does not have', 'pinpoint', 'NoSuchOperation', { applicationId: 'app1' }, ['*']],
])('%s: %s %s', (_case, service, operation, input, expected) => {
  expect(inputResourceArns(service, operation, input, scope)).toEqual(expected);
});

test('partitions follow the region', () => {
  expect(['us-east-1', 'eu-west-2', 'cn-north-1', 'us-gov-west-1'].map(partitionOf)).toEqual(['aws', 'aws', 'aws-cn', 'aws-us-gov']);
});

test("every mutation's input yields well-formed ARNs or `*` (every input field filled)", () => {
  const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', '..', 'schema', '**/*.graphql')) });
  const annotations = readUpstreamAnnotations(schema);
  const malformed: string[] = [];
  let built = 0;
  for (const field of Object.values(schema.getMutationType()!.getFields())) {
    const annotation = annotations.get(`Mutation.${field.name}`);
    if (!annotation) continue;
    const inputType = field.args.find((arg) => arg.name === 'input');
    const named = inputType ? getNamedType(inputType.type) : undefined;
    const input = named && isInputObjectType(named) ? Object.fromEntries(Object.keys(named.getFields()).map((name) => [name, name === 'isoCountryCode' ? 'US' : `${name}-1`])) : {};
    for (const [service, operations] of Object.entries(annotation) as [IamService, readonly string[]][]) {
      for (const operation of operations) {
        for (const arn of inputResourceArns(service, operation, input, scope)) {
          if (arn === '*') continue;
          built += 1;
          if (!/^arn:aws:(mobiletargeting|sms-voice):us-east-1:123456789012:[^$*]+$/.test(arn)) malformed.push(`Mutation.${field.name} ${operation}: ${arn}`);
        }
      }
    }
  }
  expect(malformed).toEqual([]);
  expect(built).toBeGreaterThan(100);
});
