/**
 * Generates `src/auth/__generated__/iamActions.ts` (`npm run gen:iam`): for every operation of
 * both pinned SDK packages, the IAM action(s) a caller needs and the resource types (ARN
 * templates) it is authorized on. The gateway reads only the generated file; this script is the
 * one place that reads the seeds, and test/auth/iamActions.test.ts fails when its output differs
 * from the committed file.
 *
 * ```sh
 * npm run gen:iam                                  # writes src/auth/__generated__/iamActions.ts
 * npx tsx scripts/generate-iam-actions.ts --out F  # writes F instead (the freshness test)
 * ```
 *
 * Inputs (offline):
 * - ../shared/seeds/000_*.txt, the IAM actions page: per `mobiletargeting:` action its resource
 *   ARN as written there (`arn:aws:mobiletargeting:region:accountId:apps/projectId/…`).
 * - ../shared/reference/inventory.md §8.4, the operation → action table for all 122 Pinpoint
 *   operations, which marks the 10 that seed 000 does not list as assumed; §8.2, the ARN formats
 *   of the SMS and Voice v2 resource types (the v2 API has no IAM page in the seeds).
 * - The pinned SDK packages, through the emulator's model adapter: the operation list and each
 *   operation's input members, which every ARN placeholder must name (a seed typo fails here).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { IamActionTable, IamResourceType, IamService, OperationIam } from '../src/auth/iamActions';
import { serviceModel } from '../src/emulator/protocol/model';
import type { ServiceId } from '../src/emulator/services/types';

const root = join(__dirname, '..');
const seedsDir = join(root, '..', 'shared', 'seeds');
const inventoryPath = join(root, '..', 'shared', 'reference', 'inventory.md');
const defaultOut = join(root, 'src', 'auth', '__generated__', 'iamActions.ts');

/** Module-private: the SDK model of each table service. */
const MODEL_IDS: Readonly<Record<IamService, ServiceId>> = { pinpoint: 'pinpoint', smsVoice: 'sms-voice-v2' };

/** Module-private: one action block of seed 000. */
interface SeedAction {
  readonly section: 'pinpoint' | 'smsVoiceV1';
  /** The ARN as written, `*` for "Not available. Use `*`", undefined for "Not applicable". */
  readonly arn: string | undefined;
}

/**
 * Module-private: seed 000's ID placeholders → [template placeholder, SDK input member]. The
 * template names follow the AWS service reference (`${AppId}`, inventory §8.2); seed 000 spells
 * the project ID `projectId` (once `projectid`, for the voice channel).
 */
const PINPOINT_PLACEHOLDERS: Readonly<Record<string, readonly [string, string]>> = {
  projectId: ['AppId', 'ApplicationId'],
  projectid: ['AppId', 'ApplicationId'],
  campaignId: ['CampaignId', 'CampaignId'],
  segmentId: ['SegmentId', 'SegmentId'],
  endpointId: ['EndpointId', 'EndpointId'],
  userId: ['UserId', 'UserId'],
  jobId: ['JobId', 'JobId'],
  journeyId: ['JourneyId', 'JourneyId'],
  'journey-activity-id': ['JourneyActivityId', 'JourneyActivityId'],
  'kpi-name': ['KpiName', 'KpiName'],
  'template-name': ['TemplateName', 'TemplateName'],
  recommenderId: ['RecommenderId', 'RecommenderId'],
  'attribute-type': ['AttributeType', 'AttributeType'],
};

/**
 * Module-private: the Pinpoint operations seed 000 does not list (inventory §8.1 and §8.4: "assume
 * the same-name action"), with the resource path of the closest listed sibling, written in the
 * seed's own vocabulary so it is translated like the seed's ARNs. The generator fails when this
 * list and the seed disagree (a listed operation here, or an unlisted one missing).
 */
const ASSUMED_PINPOINT: Readonly<Record<string, { readonly path: string; readonly why: string }>> = {
  GetJourneyRuns: { path: 'apps/projectId/journeys/journeyId', why: 'ARN of GetJourney (the runs of one journey)' },
  GetJourneyRunExecutionMetrics: { path: 'apps/projectId/journeys/journeyId/execution-metrics', why: 'ARN of GetJourneyExecutionMetrics (one run of it)' },
  GetJourneyRunExecutionActivityMetrics: {
    path: 'apps/projectId/journeys/journeyId/activities/journey-activity-id/execution-metrics',
    why: 'ARN of GetJourneyExecutionActivityMetrics (one run of it)',
  },
  GetInAppTemplate: { path: 'templates/template-name/INAPP', why: 'ARN of the other template types (templates/template-name/EMAIL, …)' },
  CreateInAppTemplate: { path: 'templates/template-name/INAPP', why: 'ARN of the other template types (templates/template-name/EMAIL, …)' },
  UpdateInAppTemplate: { path: 'templates/template-name/INAPP', why: 'ARN of the other template types (templates/template-name/EMAIL, …)' },
  DeleteInAppTemplate: { path: 'templates/template-name/INAPP', why: 'ARN of the other template types (templates/template-name/EMAIL, …)' },
  GetInAppMessages: { path: 'apps/projectId/endpoints/endpointId', why: 'ARN of GetEndpoint (the in-app messages of one endpoint)' },
  SendOTPMessage: { path: 'apps/projectId/otp', why: 'resource type otp of the AWS service reference (inventory §8.1)' },
  VerifyOTPMessage: { path: 'apps/projectId/verify-otp', why: 'resource type verify-otp of the AWS service reference (inventory §8.1)' },
};

/**
 * Module-private: SMS and Voice v2 input members that name a resource by ID, and its type(s)
 * (inventory §8.2 names). `OriginationIdentity` takes a phone number, pool or sender ID (seed 003)
 * and `ResourceId` a phone number or sender ID (003, CreateRegistrationAssociation). `SenderId`
 * names a sender-id resource only beside `IsoCountryCode` (its ARN needs the country; in
 * SetDefaultSenderId it is a bare value of the configuration set). `ResourceArn` (tags, resource
 * policies) holds any ARN of the service.
 */
const SMS_VOICE_MEMBER_TYPES: Readonly<Record<string, readonly string[]>> = {
  PhoneNumberId: ['phone-number'],
  PhoneNumberIds: ['phone-number'],
  PoolId: ['pool'],
  PoolIds: ['pool'],
  OptOutListName: ['opt-out-list'],
  OptOutListNames: ['opt-out-list'],
  ConfigurationSetName: ['configuration-set'],
  ConfigurationSetNames: ['configuration-set'],
  SenderIds: ['sender-id'],
  RegistrationId: ['registration'],
  RegistrationIds: ['registration'],
  RegistrationAttachmentId: ['registration-attachment'],
  RegistrationAttachmentIds: ['registration-attachment'],
  VerifiedDestinationNumberId: ['verified-destination-number'],
  VerifiedDestinationNumberIds: ['verified-destination-number'],
  ProtectConfigurationId: ['protect-configuration'],
  ProtectConfigurationIds: ['protect-configuration'],
  NotifyConfigurationId: ['notify-configuration'],
  NotifyConfigurationIds: ['notify-configuration'],
  RcsAgentId: ['rcs-agent'],
  RcsAgentIds: ['rcs-agent'],
  MessageId: ['message'],
  OriginationIdentity: ['phone-number', 'pool', 'sender-id'],
  ResourceId: ['phone-number', 'sender-id'],
};

/** Module-private: the seed file whose name starts with `prefix_`. */
function seedFile(prefix: string): string {
  const name = readdirSync(seedsDir).find((file) => file.startsWith(`${prefix}_`));
  if (!name) throw new Error(`No seed ${prefix}_*.txt in ${seedsDir}.`);
  return join(seedsDir, name);
}

/** Module-private: every action block of seed 000, by action (`mobiletargeting:GetCampaign`). */
function readSeedActions(path: string): Map<string, SeedAction> {
  const actions = new Map<string, SeedAction>();
  let section: SeedAction['section'] = 'pinpoint';
  let current: { action: string; arn?: string | null } | undefined;
  const close = () => {
    if (!current) return;
    if (current.arn === undefined) throw new Error(`Seed 000: ${current.action} has no "Resource ARN" line.`);
    if (actions.has(current.action)) throw new Error(`Seed 000 lists ${current.action} twice.`);
    actions.set(current.action, { section, arn: current.arn ?? undefined });
    current = undefined;
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('## ')) {
      close();
      if (line.startsWith('## Amazon Pinpoint SMS and voice API actions')) section = 'smsVoiceV1';
      else if (line.startsWith('## Amazon Pinpoint API actions')) section = 'pinpoint';
      continue;
    }
    const header = /^(?:\*\*)?`((?:mobiletargeting|sms-voice):[A-Za-z]+)`(?:\*\*)?\s*$/.exec(line);
    if (header) {
      close();
      current = { action: header[1] };
      continue;
    }
    const arnLine = /^\+ Resource ARN – (.*?)\s*$/.exec(line);
    if (arnLine && current) {
      const text = arnLine[1];
      const quoted = /^`([^`]+)`$/.exec(text);
      if (quoted) current.arn = quoted[1];
      else if (text === 'Not applicable') current.arn = null;
      else if (text === 'Not available\\. Use `*`\\.') current.arn = '*';
      else throw new Error(`Seed 000: ${current.action} has an ARN line this generator does not read: ${JSON.stringify(text)}.`);
    }
  }
  close();
  return actions;
}

/** Module-private: inventory §8.4's rows, operation → { action, assumed }. */
function readInventoryActions(text: string): Map<string, { action: string; assumed: boolean }> {
  const start = text.indexOf('### 8.4 ');
  const end = text.indexOf('\n---', start);
  if (start < 0 || end < 0) throw new Error('inventory.md has no §8.4 operation → IAM action table.');
  const rows = new Map<string, { action: string; assumed: boolean }>();
  for (const line of text.slice(start, end).split('\n')) {
    const row = /^\| ([A-Za-z]+) \| `(mobiletargeting:[A-Za-z]+)`( \(assumed;)?/.exec(line);
    if (row) rows.set(row[1], { action: row[2], assumed: row[3] !== undefined });
  }
  return rows;
}

/** Module-private: inventory §8.2's SMS and Voice v2 resource types, type → ARN template. */
function readSmsVoiceArnFormats(text: string): Map<string, string> {
  const start = text.indexOf('**`sms-voice` v2');
  const end = text.indexOf('\n###', start);
  if (start < 0 || end < 0) throw new Error('inventory.md §8.2 has no sms-voice v2 resource list.');
  const section = text.slice(start, end);
  const head = /^- `(arn:\$\{Partition\}:sms-voice:\$\{Region\}:\$\{Account\}:)`$/m.exec(section)?.[1];
  if (!head) throw new Error('inventory.md §8.2: no `arn:${Partition}:sms-voice:${Region}:${Account}:` line.');
  const formats = new Map<string, string>();
  for (const match of section.matchAll(/^ {2}- `(([a-z-]+)\/[^`]+)`$/gm)) formats.set(match[2], `${head}${match[1]}`);
  return formats;
}

/** Module-private: a seed-vocabulary resource path as a table resource type, checked against the operation's input. */
function pinpointResource(operation: string, path: string, inputMembers: ReadonlySet<string>): IamResourceType {
  const head = 'arn:${Partition}:mobiletargeting:${Region}:${Account}:';
  if (path === '*') {
    // Tags: the seed's `…:*` stands for the ARN of whichever resource is tagged, held whole by ResourceArn.
    requireMember(operation, 'ResourceArn', inputMembers);
    return { type: '*', arn: `${head}*`, from: ['ResourceArn'] };
  }
  const from: string[] = [];
  const segments = path.split('/').map((segment) => {
    const placeholder = PINPOINT_PLACEHOLDERS[segment];
    if (!placeholder) return { template: segment, type: segment };
    requireMember(operation, placeholder[1], inputMembers);
    from.push(placeholder[1]);
    return { template: `\${${placeholder[0]}}`, type: '*' };
  });
  return { type: segments.map((s) => s.type).join('/'), arn: `${head}${segments.map((s) => s.template).join('/')}`, from };
}

/** Module-private. */
function requireMember(operation: string, member: string, inputMembers: ReadonlySet<string>): void {
  if (!inputMembers.has(member)) throw new Error(`${operation}: its ARN needs input member ${member}, which the SDK input does not have (${[...inputMembers].join(', ')}).`);
}

/** Module-private: the Pinpoint table: actions from inventory §8.4, ARNs from seed 000 or ASSUMED_PINPOINT. */
function pinpointTable(seed: ReadonlyMap<string, SeedAction>, inventory: ReadonlyMap<string, { action: string; assumed: boolean }>): Record<string, OperationIam> {
  const model = serviceModel(MODEL_IDS.pinpoint);
  const table: Record<string, OperationIam> = {};
  for (const op of model.operations) {
    const row = inventory.get(op.name);
    if (!row) throw new Error(`inventory.md §8.4 has no row for Pinpoint operation ${op.name}.`);
    if (row.action !== `mobiletargeting:${op.name}`) throw new Error(`inventory.md §8.4 maps ${op.name} to ${row.action}; the naming rule (§8.1) is mobiletargeting:<Operation>.`);
    const members = new Set([...op.input.structIterator()].map(([member]) => member));
    const listed = seed.get(row.action);
    if (listed?.section === 'smsVoiceV1') throw new Error(`Seed 000 lists ${row.action} under the SMS and Voice section.`);
    if ((listed === undefined) !== row.assumed) throw new Error(`${op.name}: inventory §8.4 says ${row.assumed ? 'assumed' : 'listed'}, seed 000 ${listed ? 'lists' : 'does not list'} ${row.action}.`);
    const assumed = ASSUMED_PINPOINT[op.name];
    if (listed && assumed) throw new Error(`${op.name} is in ASSUMED_PINPOINT but seed 000 lists it: remove the assumption.`);
    if (listed) {
      const path = listed.arn === undefined ? undefined : stripPinpointHead(op.name, listed.arn);
      table[op.name] = {
        actions: [row.action],
        resources: path === undefined ? [] : [pinpointResource(op.name, path, members)],
        source: 'seed',
        ...(path === undefined ? { note: 'seed 000: Resource ARN "Not applicable", so the action is authorized against *' } : {}),
      };
    } else {
      if (!assumed) throw new Error(`Seed 000 does not list ${row.action}: add ${op.name} to ASSUMED_PINPOINT with the ARN of its closest sibling.`);
      table[op.name] = { actions: [row.action], resources: [pinpointResource(op.name, assumed.path, members)], source: 'assumed', note: `not in seed 000; same-name action, ${assumed.why}` };
    }
  }
  const stale = Object.keys(ASSUMED_PINPOINT).filter((name) => !model.operationsByName.has(name));
  if (stale.length) throw new Error(`ASSUMED_PINPOINT names operations the SDK does not have: ${stale.join(', ')}.`);
  return table;
}

/** Module-private: the resource path of a seed ARN (`arn:aws:mobiletargeting:region:accountId:` + path). */
function stripPinpointHead(operation: string, arn: string): string {
  const head = 'arn:aws:mobiletargeting:region:accountId:';
  if (!arn.startsWith(head)) throw new Error(`Seed 000 gives ${operation} the ARN ${arn}, which does not start with ${head}.`);
  return arn.slice(head.length);
}

/** Module-private: the SMS and Voice v2 table: `sms-voice:<Operation>` on the resource types its input names. */
function smsVoiceTable(formats: ReadonlyMap<string, string>, seed: ReadonlyMap<string, SeedAction>): Record<string, OperationIam> {
  const model = serviceModel(MODEL_IDS.smsVoice);
  const anyArn = 'arn:${Partition}:sms-voice:${Region}:${Account}:*';
  const table: Record<string, OperationIam> = {};
  for (const op of model.operations) {
    const members = [...op.input.structIterator()].map(([member]) => member);
    const byType = new Map<string, IamResourceType>();
    const add = (type: string, from: readonly string[]) => {
      const arn = type === '*' ? anyArn : formats.get(type);
      if (arn === undefined) throw new Error(`inventory.md §8.2 has no sms-voice resource type ${type} (needed by ${op.name}).`);
      const known = byType.get(type);
      byType.set(type, { type: type === '*' ? '*' : arnType(arn), arn, from: [...new Set([...(known?.from ?? []), ...from])] });
    };
    for (const member of members) {
      if (member === 'ResourceArn') add('*', ['ResourceArn']);
      else if (member === 'SenderId' && members.includes('IsoCountryCode')) add('sender-id', ['SenderId', 'IsoCountryCode']);
      else for (const type of SMS_VOICE_MEMBER_TYPES[member] ?? []) add(type, [member]);
    }
    const v1 = seed.get(`sms-voice:${op.name}`);
    table[op.name] = {
      actions: [`sms-voice:${op.name}`],
      resources: [...byType.values()],
      source: 'derived',
      ...(v1 ? { note: `seed 000 lists the v1 SMS and Voice API's sms-voice:${op.name} with Resource ${v1.arn}; the v2 operation is scoped by its own resource types` } : {}),
    };
  }
  return table;
}

/** Module-private: the type key of an ARN template: its resource part with each `${Id}` as `*`. */
function arnType(arn: string): string {
  return arn.split(':').slice(5).join(':').replace(/\$\{[A-Za-z]+\}/g, '*');
}

/** Module-private. */
function render(table: IamActionTable, notes: readonly string[], inputs: readonly string[]): string {
  const lines = [
    '// Generated by scripts/generate-iam-actions.ts (npm run gen:iam). Do not edit: regenerate.',
    `// Inputs: ${inputs.join(', ')} and the pinned SDK packages.`,
    '// One line per SDK operation: the IAM action(s) a caller needs, the resource types it is authorized on',
    '// (ARN template, and the input members that fill its IDs; none = "*"), and where the entry comes from',
    '// (seed 000; assumed for an operation seed 000 does not list; derived for SMS and Voice v2).',
    ...notes.map((note) => `// note: ${note}`),
    "import type { IamActionTable } from '../iamActions';",
    '',
    '/** IAM action(s) and resource types of every SDK operation, per `@upstream` service key. */',
    'export const IAM_ACTIONS: IamActionTable = {',
  ];
  for (const [service, operations] of Object.entries(table)) {
    lines.push(`  ${service}: {`);
    for (const [operation, entry] of Object.entries(operations)) lines.push(`    ${operation}: ${JSON.stringify(entry)},`);
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

/** Module-private: `--out FILE`, or the committed location. */
function outPath(args: readonly string[]): string {
  if (args.length === 0) return defaultOut;
  if (args.length === 2 && args[0] === '--out') return args[1];
  throw new Error(`Unknown arguments ${JSON.stringify(args)}; generate-iam-actions takes [--out FILE].`);
}

const out = outPath(process.argv.slice(2));
// The seeds are an offline input outside the repository (a fresh clone has none): say so instead
// of an ENOENT stack trace. The committed table stays valid without them (test/auth/iamActions.test.ts).
if (!existsSync(seedsDir) || !existsSync(inventoryPath)) {
  process.stderr.write(`generate-iam-actions needs the seeds beside the repository (${seedsDir}/000_*.txt and ${inventoryPath}), which this checkout does not have; the committed ${relative(root, defaultOut)} is used as is.\n`);
  process.exit(1);
}
const seedPath = seedFile('000');
const inventoryText = readFileSync(inventoryPath, 'utf8');
const seedActions = readSeedActions(seedPath);
const table: IamActionTable = {
  pinpoint: pinpointTable(seedActions, readInventoryActions(inventoryText)),
  smsVoice: smsVoiceTable(readSmsVoiceArnFormats(inventoryText), seedActions),
};
const consoleOnly = [...seedActions.keys()].filter((action) => action.startsWith('mobiletargeting:') && !Object.hasOwn(table.pinpoint, action.slice('mobiletargeting:'.length)));
const notes = consoleOnly.map((action) => `seed 000 also lists ${action}, which is no SDK operation (console only), so it has no row`);
const inputs = [relative(join(root, '..'), seedPath), relative(join(root, '..'), inventoryPath)].map((path) => `../${path.split('\\').join('/')}`);
writeFileSync(out, render(table, notes, inputs));
const count = (service: IamService) => Object.keys(table[service]).length;
console.log(`wrote ${out}: ${count('pinpoint')} Pinpoint and ${count('smsVoice')} SMS v2 operations`);
