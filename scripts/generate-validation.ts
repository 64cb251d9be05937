/**
 * Generates `src/emulator/__generated__/constraints.ts` (`npm run gen:validation`): the input
 * constraints the emulator checks before a handler runs, for every shape reachable from an
 * operation input.
 *
 * Inputs: the pinned SDK packages (which members exist, which are required: the SDK wins where
 * it and the model disagree) and the Smithy JSON AST models vendored in scripts/models (length, range,
 * pattern and enum traits, which the SDK schemas do not carry). Enum values come from the SDK's
 * exported enum objects when it has one of that name, else from the model.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as smsVoiceSdk from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { NormalizedSchema } from '@smithy/core/schema';
import { serviceModel } from '../src/emulator/protocol/model';
import type { ConstraintTable, ShapeRule } from '../src/emulator/protocol/validate';
import type { ServiceId } from '../src/emulator/services/types';

/** Module-private: a Smithy JSON AST shape (only what the generator reads). */
interface AstShape {
  type: string;
  target?: string;
  member?: AstShape;
  key?: AstShape;
  value?: AstShape;
  members?: Record<string, AstShape>;
  traits?: Record<string, any>;
}

const root = join(__dirname, '..');
// Kept in the repository (scripts/models/README.md), so a fresh clone regenerates the table.
const modelsDir = join(root, 'scripts', 'models');
const inputs: Record<ServiceId, { file: string; sdk: Record<string, unknown> }> = {
  pinpoint: { file: 'pinpoint-2016-12-01.json', sdk: pinpointSdk as Record<string, unknown> },
  'sms-voice-v2': { file: 'pinpoint-sms-voice-v2-2022-03-31.json', sdk: smsVoiceSdk as Record<string, unknown> },
};

/** Module-private: builds one service's table by walking each operation input in the SDK schema and the model side by side. */
function tableFor(id: ServiceId, notes: string[]): ConstraintTable {
  const { file, sdk } = inputs[id];
  const shapes = (JSON.parse(readFileSync(join(modelsDir, file), 'utf8')) as { shapes: Record<string, AstShape> }).shapes;
  const model = serviceModel(id);
  const table: Record<string, ShapeRule> = {};
  const visiting = new Set<string>();
  const shortName = (shapeId: string) => shapeId.split('#')[1] ?? shapeId;

  /** The rule name for a value of SDK schema `ns` whose model shape is `targetId` (undefined when unconstrained). */
  const visit = (ns: NormalizedSchema, targetId: string | undefined): string | undefined => {
    const ast = targetId ? shapes[targetId] : undefined;
    if (ns.isStructSchema()) return visitStruct(ns, targetId);
    const name = targetId ? shortName(targetId) : undefined;
    if (!name || !ast) return undefined;
    if (name in table || visiting.has(name)) return name;
    visiting.add(name);
    const rule: Record<string, unknown> = { ...simpleRule(ast, name) };
    if (ns.isListSchema()) rule.member = visit(ns.getValueSchema(), ast.member?.target);
    if (ns.isMapSchema()) {
      rule.key = visit(ns.getKeySchema(), ast.key?.target);
      rule.value = visit(ns.getValueSchema(), ast.value?.target);
    }
    visiting.delete(name);
    return keep(name, rule);
  };

  const visitStruct = (ns: NormalizedSchema, targetId: string | undefined): string | undefined => {
    const name = ns.getName()!;
    if (name in table || visiting.has(name)) return name;
    visiting.add(name);
    const ast = shapes[targetId ?? `${model.namespace}#${name}`];
    if (!ast) notes.push(`${id}: ${name} is in the SDK but not in the model (required members only)`);
    const members = [...ns.structIterator()];
    const requiredCount = (ns.getSchema() as unknown[])[6];
    const required = members.slice(0, typeof requiredCount === 'number' ? requiredCount : 0).map(([member]) => member);
    const modelRequired = Object.entries(ast?.members ?? {}).filter(([m, s]) => s.traits?.['smithy.api#required'] !== undefined && members.some(([k]) => k === m)).map(([m]) => m);
    const disagree = modelRequired.filter((m) => !required.includes(m)).concat(required.filter((m) => ast && !modelRequired.includes(m)));
    if (disagree.length) notes.push(`${id}: ${name} required members differ from the model (${disagree.join(', ')}); the SDK wins`);
    const memberRules: Record<string, string> = {};
    for (const [member, memberNs] of members) {
      const astMember = ast?.members?.[member];
      let ruleName = visit(memberNs, astMember?.target);
      const own = astMember ? simpleRule(astMember, `${name}$${member}`) : {};
      if (Object.keys(own).length) ruleName = keep(`${name}$${member}`, { ...(ruleName ? table[ruleName] : {}), ...own });
      if (ruleName) memberRules[member] = ruleName;
    }
    visiting.delete(name);
    const rule: Record<string, unknown> = {};
    if (required.length) rule.required = required;
    if (Object.keys(memberRules).length) rule.members = memberRules;
    return keep(name, rule);
  };

  /** Length, range, pattern and enum of one shape or member (enum values: SDK export of that name first). */
  const simpleRule = (ast: AstShape, name: string): ShapeRule => {
    const t = ast.traits ?? {};
    const rule: Record<string, unknown> = {};
    if (t['smithy.api#length']) rule.length = [t['smithy.api#length'].min ?? null, t['smithy.api#length'].max ?? null];
    if (t['smithy.api#range']) rule.range = [t['smithy.api#range'].min ?? null, t['smithy.api#range'].max ?? null];
    if (t['smithy.api#pattern']) rule.pattern = t['smithy.api#pattern'];
    const modelEnum = ast.type === 'enum' ? Object.values(ast.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue'] as string) : (t['smithy.api#enum'] as { value: string }[] | undefined)?.map((e) => e.value);
    if (modelEnum) {
      const sdkEnum = sdk[name];
      const values = sdkEnum && typeof sdkEnum === 'object' && !Array.isArray(sdkEnum) && Object.values(sdkEnum).every((v) => typeof v === 'string') ? (Object.values(sdkEnum) as string[]) : modelEnum;
      const added = values.filter((v) => !modelEnum.includes(v));
      if (added.length) notes.push(`${id}: enum ${name} has SDK-only values (${added.join(', ')}); the SDK wins`);
      rule.enum = [...values].sort();
    }
    return rule;
  };

  /** Keeps non-empty rules only, so unconstrained shapes cost nothing. */
  const keep = (name: string, rule: Record<string, unknown>): string | undefined => {
    const compact = Object.fromEntries(Object.entries(rule).filter(([, v]) => v !== undefined));
    if (!Object.keys(compact).length) return undefined;
    table[name] = compact as ShapeRule;
    return name;
  };

  for (const op of model.operations) visitStruct(op.input, `${model.namespace}#${op.input.getName()}`);
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

/** Module-private. */
function render(tables: Record<ServiceId, ConstraintTable>, notes: readonly string[]): string {
  const lines = [
    '// Generated by scripts/generate-validation.ts (npm run gen:validation) from the pinned SDK packages and',
    '// scripts/models. Do not edit: regenerate. One line per shape: structures list required members and',
    '// member → rule; lists/maps name their item rules; simple shapes carry length, range, pattern, enum.',
    ...notes.map((n) => `// note: ${n}`),
    "import type { ServiceId } from '../services/types';",
    "import type { ConstraintTable } from '../protocol/validate';",
    '',
    '/** Input constraints per service, by Smithy shape name. */',
    'export const constraints: Readonly<Record<ServiceId, ConstraintTable>> = {',
  ];
  for (const [id, table] of Object.entries(tables)) {
    lines.push(`  '${id}': {`);
    for (const [name, rule] of Object.entries(table)) lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify(rule)},`);
    lines.push('  },');
  }
  lines.push('};', '');
  return lines.join('\n');
}

const notes: string[] = [];
const tables = { pinpoint: tableFor('pinpoint', notes), 'sms-voice-v2': tableFor('sms-voice-v2', notes) };
const out = join(root, 'src', 'emulator', '__generated__', 'constraints.ts');
writeFileSync(out, render(tables, notes));
console.log(`wrote ${out}: ${Object.keys(tables.pinpoint).length} Pinpoint and ${Object.keys(tables['sms-voice-v2']).length} SMS v2 rules; ${notes.length} notes`);
