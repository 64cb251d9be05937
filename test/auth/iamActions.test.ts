import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { evaluate, fillArnTemplate, IAM_ACTIONS, operationIam, parsePolicy, type IamService } from '../../src/auth';
import { defaultSchemaDir, readUpstreamAnnotations, SDK_OPERATIONS, type UpstreamAnnotation } from '../../src/coverage/manifest';
import { parsePinpointResourceArn } from '../../src/upstream/pinpoint/arns';
import { parseSmsVoiceArn } from '../../src/upstream/sms-voice-v2/arns';
import { tsxArgs } from '../helpers/tsx';

// The operation → IAM action table's contract: it is generated (the committed file is exactly
// what scripts/generate-iam-actions.ts writes from the seeds, and git tracks it), it has a row
// for every SDK operation and so for every operation an `@upstream` annotation names, and its
// ARN templates fill into ARNs that the upstream ARN readers and the policy evaluator read as
// the resource type the row says.

const root = join(__dirname, '..', '..');
const run = promisify(execFile);
const SERVICES: readonly IamService[] = ['pinpoint', 'smsVoice'];
const PREFIX: Readonly<Record<IamService, string>> = { pinpoint: 'mobiletargeting', smsVoice: 'sms-voice' };
const ACCOUNT_PLACEHOLDERS = new Set(['Partition', 'Region', 'Account']);

/** Every `service operation` an annotation names that has no row in the table, as `coordinate: service operation`. */
function missingActions(annotations: readonly UpstreamAnnotation[]): string[] {
  return annotations.flatMap((annotation) =>
    SERVICES.flatMap((service) => annotation.operations[service].filter((operation) => operationIam(service, operation) === undefined).map((operation) => `${annotation.coordinate}: ${service} ${operation}`)),
  );
}

/** The `${Name}` placeholders of a template, in order. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\$\{([A-Za-z]+)\}/g)].map((match) => match[1]);
}

/** A template filled with account values and `<Name>-1` for each ID. */
function sampleArn(template: string): string {
  const values: Record<string, string> = { Partition: 'aws', Region: 'us-east-1', Account: '123456789012' };
  for (const name of placeholders(template)) values[name] ??= `${name.toLowerCase()}-1`;
  return fillArnTemplate(template, values);
}

describe('the table covers the graph', () => {
  const annotations = readUpstreamAnnotations(defaultSchemaDir());

  test('every operation named by an @upstream annotation has an IAM action', () => {
    expect(annotations.length).toBeGreaterThan(100);
    expect(missingActions(annotations)).toEqual([]);
  });

  test('the check bites: an annotation naming an operation without a row is reported', () => {
    const fake: UpstreamAnnotation = { coordinate: 'Query.fake', file: 'schema/fake.graphql', operations: { pinpoint: ['GetCampaign', 'FrobnicateApp'], smsVoice: ['DescribePools', 'toString'] } };
    expect(missingActions([fake])).toEqual(['Query.fake: pinpoint FrobnicateApp', 'Query.fake: smsVoice toString']);
  });

  test.each(SERVICES)('%s: one row per SDK operation, no more', (service) => {
    expect(Object.keys(IAM_ACTIONS[service]).sort()).toEqual([...SDK_OPERATIONS[service]]);
  });
});

describe('the rows', () => {
  test.each(SERVICES)('%s: the action is <prefix>:<Operation>; templates are ARNs of the service whose type key is their starred resource part', (service) => {
    const head = `arn:\${Partition}:${PREFIX[service]}:\${Region}:\${Account}:`;
    for (const [operation, entry] of Object.entries(IAM_ACTIONS[service])) {
      expect({ operation, actions: entry.actions }).toEqual({ operation, actions: [`${PREFIX[service]}:${operation}`] });
      for (const resource of entry.resources) {
        const where = `${service} ${operation} ${resource.type}`;
        expect({ where, head: resource.arn.startsWith(head) }).toEqual({ where, head: true });
        expect({ where, type: resource.arn.slice(head.length).replace(/\$\{[A-Za-z]+\}/g, '*') }).toEqual({ where, type: resource.type });
        const ids = placeholders(resource.arn).filter((name) => !ACCOUNT_PLACEHOLDERS.has(name));
        // Every ID has a member to come from; a whole-ARN `*` row names the member holding the ARN.
        if (ids.length > 0 || resource.type === '*') expect({ where, from: resource.from.length > 0 }).toEqual({ where, from: true });
        else expect({ where, from: resource.from }).toEqual({ where, from: [] });
      }
    }
  });

  test('Pinpoint: 112 rows as seed 000 lists them, 10 assumed (the operations it does not list), each saying why', () => {
    const bySource = (source: string) => Object.keys(IAM_ACTIONS.pinpoint).filter((operation) => IAM_ACTIONS.pinpoint[operation].source === source);
    expect(bySource('seed')).toHaveLength(112);
    expect(bySource('assumed').sort()).toEqual([
      'CreateInAppTemplate', 'DeleteInAppTemplate', 'GetInAppMessages', 'GetInAppTemplate', 'GetJourneyRunExecutionActivityMetrics', 'GetJourneyRunExecutionMetrics',
      'GetJourneyRuns', 'SendOTPMessage', 'UpdateInAppTemplate', 'VerifyOTPMessage',
    ]);
    for (const operation of bySource('assumed')) expect(IAM_ACTIONS.pinpoint[operation].note).toMatch(/^not in seed 000; same-name action, /);
  });

  test('SMS and Voice v2: all 110 rows derived (the seeds have no IAM page for v2)', () => {
    expect(Object.values(IAM_ACTIONS.smsVoice).filter((entry) => entry.source === 'derived')).toHaveLength(110);
  });

  test('rows authorized against * (no resource type): the seed\'s "Not applicable" ones, and v2 calls that name no resource', () => {
    const unscoped = (service: IamService) => Object.keys(IAM_ACTIONS[service]).filter((operation) => IAM_ACTIONS[service][operation].resources.length === 0);
    expect(unscoped('pinpoint')).toEqual(['ListTemplateVersions', 'UpdateTemplateActiveVersion']);
    expect(unscoped('smsVoice')).toEqual([
      'CarrierLookup', 'CreateProtectConfiguration', 'CreateRegistration', 'CreateRegistrationAttachment', 'DeleteAccountDefaultProtectConfiguration',
      'DeleteMediaMessageSpendLimitOverride', 'DeleteNotifyMessageSpendLimitOverride', 'DeleteRcsMessageSpendLimitOverride', 'DeleteTextMessageSpendLimitOverride',
      'DeleteVoiceMessageSpendLimitOverride', 'DescribeAccountAttributes', 'DescribeAccountLimits', 'DescribeNotifyTemplates', 'DescribeRegistrationFieldDefinitions',
      'DescribeRegistrationSectionDefinitions', 'DescribeRegistrationTypeDefinitions', 'DescribeSpendLimits', 'ListNotifyCountries', 'SetMediaMessageSpendLimitOverride',
      'SetNotifyMessageSpendLimitOverride', 'SetRcsMessageSpendLimitOverride', 'SetTextMessageSpendLimitOverride', 'SetVoiceMessageSpendLimitOverride',
    ]);
  });

  test('spot checks against the IAM reference and inventory §8.2', () => {
    expect(operationIam('pinpoint', 'GetCampaign')).toEqual({
      actions: ['mobiletargeting:GetCampaign'],
      resources: [{ type: 'apps/*/campaigns/*', arn: 'arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}/campaigns/${CampaignId}', from: ['ApplicationId', 'CampaignId'] }],
      source: 'seed',
    });
    // Seed 000 quirks kept as written: GetCampaigns is scoped to the project, SendUsersMessages to …/messages.
    expect(operationIam('pinpoint', 'GetCampaigns')?.resources.map((resource) => resource.type)).toEqual(['apps/*']);
    expect(operationIam('pinpoint', 'SendUsersMessages')?.resources.map((resource) => resource.type)).toEqual(['apps/*/messages']);
    expect(operationIam('pinpoint', 'GetVoiceChannel')?.resources.map((resource) => resource.arn)).toEqual(['arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}/channels/voice']);
    expect(operationIam('pinpoint', 'TagResource')?.resources).toEqual([{ type: '*', arn: 'arn:${Partition}:mobiletargeting:${Region}:${Account}:*', from: ['ResourceArn'] }]);
    expect(operationIam('smsVoice', 'DescribePhoneNumbers')).toEqual({
      actions: ['sms-voice:DescribePhoneNumbers'],
      resources: [{ type: 'phone-number/*', arn: 'arn:${Partition}:sms-voice:${Region}:${Account}:phone-number/${PhoneNumberId}', from: ['PhoneNumberIds'] }],
      source: 'derived',
    });
    expect(operationIam('smsVoice', 'SendTextMessage')?.resources.map((resource) => `${resource.type} ← ${resource.from.join(', ')}`)).toEqual([
      'phone-number/* ← OriginationIdentity',
      'pool/* ← OriginationIdentity',
      'sender-id/*/* ← OriginationIdentity',
      'configuration-set/* ← ConfigurationSetName',
      'protect-configuration/* ← ProtectConfigurationId',
    ]);
    expect(operationIam('smsVoice', 'DescribeSenderIds')?.resources).toEqual([{ type: 'sender-id/*/*', arn: 'arn:${Partition}:sms-voice:${Region}:${Account}:sender-id/${SenderId}/${IsoCountryCode}', from: ['SenderIds'] }]);
    // SetDefaultSenderId's SenderId is a value of the configuration set, not a sender-id resource.
    expect(operationIam('smsVoice', 'SetDefaultSenderId')?.resources.map((resource) => resource.type)).toEqual(['configuration-set/*']);
    expect(operationIam('smsVoice', 'CreateConfigurationSet')?.note).toBe(
      "seed 000 lists the v1 SMS and Voice API's sms-voice:CreateConfigurationSet with Resource *; the v2 operation is scoped by its own resource types",
    );
  });
});

describe('templates fill into ARNs the rest of the gateway reads', () => {
  test('Pinpoint project, campaign and segment ARNs parse as what they name (src/upstream/pinpoint/arns.ts)', () => {
    const values = { Partition: 'aws', Region: 'us-east-1', Account: '123456789012', AppId: 'abc', CampaignId: 'def', SegmentId: 'seg' };
    const arnOf = (operation: string) => fillArnTemplate(operationIam('pinpoint', operation)!.resources[0].arn, values);
    expect(arnOf('GetApp')).toBe('arn:aws:mobiletargeting:us-east-1:123456789012:apps/abc');
    expect(parsePinpointResourceArn(arnOf('GetApp'))).toEqual({ kind: 'app', applicationId: 'abc' });
    expect(parsePinpointResourceArn(arnOf('GetCampaign'))).toEqual({ kind: 'campaign', applicationId: 'abc', campaignId: 'def' });
    expect(parsePinpointResourceArn(arnOf('GetSegment'))).toEqual({ kind: 'segment', applicationId: 'abc', segmentId: 'seg' });
  });

  test('every SMS and Voice v2 resource template parses as its own type (src/upstream/sms-voice-v2/arns.ts)', () => {
    const templates = new Map(Object.values(IAM_ACTIONS.smsVoice).flatMap((entry) => entry.resources).filter((resource) => resource.type !== '*').map((resource) => [resource.type, resource.arn]));
    expect(templates.size).toBe(12);
    for (const [type, template] of templates) {
      const parsed = parseSmsVoiceArn(sampleArn(template));
      expect({ type, resourceType: parsed?.resourceType }).toEqual({ type, resourceType: type.split('/')[0] });
    }
    expect(parseSmsVoiceArn(sampleArn(templates.get('sender-id/*/*')!))).toEqual({ resourceType: 'sender-id', id: 'senderid-1', isoCountryCode: 'isocountrycode-1' });
  });

  test('a type key is the policy pattern for its resources: every row\'s ARN is allowed by it, and not by a sibling type', () => {
    for (const service of SERVICES) {
      for (const [operation, entry] of Object.entries(IAM_ACTIONS[service])) {
        for (const resource of entry.resources) {
          const arn = sampleArn(resource.arn);
          const allowType = parsePolicy('type', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: entry.actions, Resource: `arn:aws:${PREFIX[service]}:*:*:${resource.type}` }] });
          const where = `${service} ${operation} ${resource.type}`;
          expect({ where, decision: evaluate([allowType], { action: entry.actions[0], resource: arn }).decision }).toEqual({ where, decision: 'allow' });
        }
      }
    }
    const segments = parsePolicy('segments', { Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:*', Resource: 'arn:aws:mobiletargeting:*:*:apps/*/segments/*' }] });
    expect(evaluate([segments], { action: 'mobiletargeting:GetCampaign', resource: sampleArn(operationIam('pinpoint', 'GetCampaign')!.resources[0].arn) }).decision).toBe('implicitDeny');
  });

  test('fillArnTemplate refuses a template it cannot fill, naming the placeholder', () => {
    expect(() => fillArnTemplate('arn:${Partition}:sms-voice:${Region}:${Account}:pool/${PoolId}', { Partition: 'aws', Region: 'us-east-1', Account: '1' })).toThrow(
      'ARN template arn:${Partition}:sms-voice:${Region}:${Account}:pool/${PoolId} needs a value for ${PoolId}; got values for Partition, Region, Account.',
    );
  });

  test('operationIam answers undefined for names that are not operations (prototype keys included)', () => {
    expect(operationIam('pinpoint', 'GetCampaign')).toBe(IAM_ACTIONS.pinpoint.GetCampaign);
    expect(operationIam('pinpoint', 'DescribePhoneNumbers')).toBeUndefined();
    expect(operationIam('smsVoice', 'constructor')).toBeUndefined();
    expect(operationIam('smsVoice', '__proto__')).toBeUndefined();
  });
});

describe('the committed table is the generator\'s output', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'iam-actions-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Regenerating from the seeds (`npm run gen:iam`) needs ../shared, an offline input that a clean
  // clone does not have; the table is checked against the schema and the SDK above instead.

  test('the generated file is not ignored by git (it is checked in, like the other generated tables)', async () => {
    // `git check-ignore` exits 1 when no ignore rule matches the path.
    await expect(run('git', ['check-ignore', '--no-index', '-q', 'src/auth/__generated__/iamActions.ts'], { cwd: root })).rejects.toMatchObject({ code: 1 });
  });

  test('the generator refuses unknown arguments', async () => {
    await expect(run(process.execPath, tsxArgs(join(root, 'scripts', 'generate-iam-actions.ts'), '--force'), { cwd: root })).rejects.toMatchObject({
      stderr: expect.stringContaining('Unknown arguments ["--force"]; generate-iam-actions takes [--out FILE].'),
    });
  });
});
