import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isCompositeType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { toGlobalId } from '../../src/graph/ids';

/**
 * Queries generated from the schema alone, as a frontend nobody here knows might write them: from
 * the root, any fields whose arguments can be filled (lists, the account, lookups and `node`/`nodes`
 * with the IDs the caller knows: some of the demo data's, present or not where they are asked),
 * then any of each object's fields, to a bounded depth and width; inline fragments on the possible
 * types below an interface or union. A field whose required arguments need an ID the caller does
 * not give, a name or an input object is left out (its answer would be an error about the
 * argument, not the graph). `first` is 1 to 3, so the cost limits admit the page.
 */

/**
 * The IDs a generated query may name (`SchemaQueryOptions.knownArguments`), from the demo data. A
 * campaign or segment of one project asked of another is NOT_FOUND, as upstream answers.
 */
export function demoDataArguments(): Record<string, readonly string[]> {
  const literal = (values: readonly string[]) => values.map((value) => JSON.stringify(value));
  const apps = Object.values(PINPOINT_SEED.apps);
  const campaigns = Object.values(PINPOINT_SEED.campaigns);
  const phoneNumbers = Object.values(SMS_VOICE_SEED.phoneNumbers);
  const globalIds = [
    toGlobalId('App', 'us-east-1', PINPOINT_SEED.apps.BANKING),
    toGlobalId('Campaign', 'us-east-1', PINPOINT_SEED.apps.RETAIL, PINPOINT_SEED.campaigns.RETAIL_SPRING_SALE),
    toGlobalId('Segment', 'us-east-1', PINPOINT_SEED.apps.RETAIL, PINPOINT_SEED.segments.RETAIL_VIP),
    toGlobalId('PhoneNumber', 'us-east-1', SMS_VOICE_SEED.phoneNumbers.tenDlcMarketing1),
    toGlobalId('Pool', 'us-east-1', SMS_VOICE_SEED.pools.alerts),
    toGlobalId('Registration', 'us-east-1', SMS_VOICE_SEED.registrations.tollFreeApproved),
  ];
  return {
    'Query.app.id': literal(apps),
    'App.campaign.id': literal(campaigns),
    'App.segment.id': literal(Object.values(PINPOINT_SEED.segments)),
    'Query.phoneNumber.phoneNumberId': literal(phoneNumbers),
    'Query.pool.poolId': literal(Object.values(SMS_VOICE_SEED.pools)),
    'Query.optOutList.name': literal(Object.values(SMS_VOICE_SEED.optOutLists)),
    'Query.configurationSet.name': literal(Object.values(SMS_VOICE_SEED.configurationSets)),
    'Query.registration.registrationId': literal(Object.values(SMS_VOICE_SEED.registrations)),
    'Query.node.id': literal(globalIds),
    'Query.nodes.ids': [JSON.stringify(globalIds.slice(0, 3)), JSON.stringify(globalIds.slice(2)), JSON.stringify(globalIds)],
  };
}

/** Options of {@link schemaQueries}. */
export interface SchemaQueryOptions {
  /** Values (GraphQL literals) for required arguments the generator cannot make up, by `Type.field.argument`: it picks one. */
  readonly knownArguments: Readonly<Record<string, readonly string[]>>;
  /** A DateTime range for KPI-like `startTime`/`endTime` arguments (GraphQL literals). */
  readonly startTime: string;
  readonly endTime: string;
  /** Fields never selected (`Type.field`): their answer is an error by design here (a retired operation). */
  readonly excluded?: ReadonlySet<string>;
  readonly maxDepth?: number;
  readonly maxWidth?: number;
}

/** An arbitrary query: its text. */
export function schemaQueries(schema: GraphQLSchema, options: SchemaQueryOptions): fc.Arbitrary<string> {
  const maxDepth = options.maxDepth ?? 4;
  const maxWidth = options.maxWidth ?? 3;
  const query = schema.getQueryType()!;

  /** The literal of a required argument, or undefined when the generator cannot make one up. */
  const literalOf = (coordinate: string, arg: GraphQLArgument, pick: number): string | undefined => {
    const known = options.knownArguments[`${coordinate}.${arg.name}`];
    if (known !== undefined && known.length > 0) return known[pick % known.length];
    const type = getNamedType(arg.type);
    if (isInputObjectType(type) || isListType(getNullableType(arg.type))) return undefined;
    if (isEnumType(type)) return type.getValues()[0]?.name;
    if (type.name === 'DateTime') return /end/i.test(arg.name) ? options.endTime : /start/i.test(arg.name) ? options.startTime : undefined;
    if (type.name === 'Int') return '1';
    if (type.name === 'Boolean') return 'false';
    return undefined;
  };

  /** The field's arguments as text (`first` among 1 to 3 when it has one, `pick` choosing among known values), or undefined when a required one cannot be filled. */
  const argumentsOf = (coordinate: string, field: GraphQLField<unknown, unknown>, first: number, pick = 0): string | undefined => {
    const given: string[] = [];
    for (const arg of field.args) {
      if (arg.name === 'first') given.push(`first: ${first}`);
      else if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        const literal = literalOf(coordinate, arg, pick);
        if (literal === undefined) return undefined;
        given.push(`${arg.name}: ${literal}`);
      }
    }
    return given.length > 0 ? `(${given.join(', ')})` : '';
  };

  /** The selection set of an object of `type`, `depth` levels below the root. */
  const selectionOf = (type: GraphQLCompositeType, depth: number): fc.Arbitrary<string> => {
    if (isAbstractType(type)) {
      const possible = schema.getPossibleTypes(type);
      return fc
        .subarray([...possible], { minLength: 1, maxLength: Math.min(2, possible.length) })
        .chain((types) => fc.tuple(...types.map((t) => selectionOf(t, depth))).map((sets) => `{ __typename ${types.map((t, i) => `... on ${t.name} ${sets[i]}`).join(' ')} }`));
    }
    const candidates = Object.values(type.getFields()).filter((field) => !options.excluded?.has(`${type.name}.${field.name}`) && argumentsOf(`${type.name}.${field.name}`, field, 1) !== undefined);
    const leaves = candidates.filter((field) => isLeafType(getNamedType(field.type)));
    const objects = depth < maxDepth ? candidates.filter((field) => !isLeafType(getNamedType(field.type))) : [];
    const leaf = leaves.length > 0 ? fc.constantFrom(...leaves).map((field) => fc.constant(field.name)) : undefined;
    const object = objects.length > 0 ? fc.constantFrom(...objects).map((field) => fieldArbitrary(type, field, depth + 1)) : undefined;
    const choices = [leaf, object].filter((choice): choice is fc.Arbitrary<fc.Arbitrary<string>> => choice !== undefined);
    if (choices.length === 0) return fc.constant('{ __typename }');
    return fc
      .array(fc.oneof(...choices).chain((arbitrary) => arbitrary), { minLength: 1, maxLength: maxWidth })
      .map((selections) => `{ ${[...new Map(selections.map((selection) => [/^\w+/.exec(selection)![0], selection])).values()].join(' ')} }`);
  };

  /** One field with its arguments and, for an object, its selection set. */
  const fieldArbitrary = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> =>
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.nat()).chain(([first, pick]) => {
      const args = argumentsOf(`${parent.name}.${field.name}`, field, first, pick) ?? '';
      const type = getNamedType(field.type);
      if (isLeafType(type)) return fc.constant(`${field.name}${args}`);
      return selectionOf(type as GraphQLCompositeType, depth).map((set) => `${field.name}${args} ${set}`);
    });

  const roots = Object.values(query.getFields()).filter((field) => !options.excluded?.has(`Query.${field.name}`) && argumentsOf(`Query.${field.name}`, field, 1) !== undefined && isCompositeType(getNamedType(field.type)));
  return fc
    .array(
      fc.constantFrom(...roots).chain((field) => fieldArbitrary(query, field, 1)),
      { minLength: 1, maxLength: 2 },
    )
    .map((fields) => `{ ${fields.map((field, i) => `f${i}: ${field}`).join(' ')} }`);
}

/**
 * The same queries as a client library writes them: some selection sets moved into named
 * fragments (spread where they were), some fields under `@skip(if: true)` or `@include(if: false)`
 * (never asked for) or their `true`/`false` twins (asked for). `picks` decides, field by field
 * in document order.
 */
export function withFragmentsAndDirectives(schema: GraphQLSchema, query: string, picks: readonly number[]): string {
  const document = parse(query);
  const typeInfo = new TypeInfo(schema);
  const fragments: FragmentDefinitionNode[] = [];
  let index = 0;
  let directives = 0;
  const edited = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        leave(field) {
          const pick = picks[index++ % Math.max(1, picks.length)] ?? 0;
          if (field.name.value.startsWith('__')) return field;
          let result: FieldNode = field;
          const type = typeInfo.getType();
          if (pick === 1 && field.selectionSet && type) {
            const name = `F${fragments.length}`;
            fragments.push({ kind: Kind.FRAGMENT_DEFINITION, name: { kind: Kind.NAME, value: name }, typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: getNamedType(type).name } }, selectionSet: field.selectionSet });
            result = { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FRAGMENT_SPREAD, name: { kind: Kind.NAME, value: name } }] } };
          }
          const directive = DIRECTIVES[pick];
          // Within the gateway's directive limit (30 per document).
          if (directive && directives < MAX_DIRECTIVES) {
            directives += 1;
            result = { ...result, directives: [...(result.directives ?? []), directive] };
          }
          return result;
        },
      },
    }),
  );
  return print({ ...edited, definitions: [...edited.definitions, ...fragments] });
}

/** Module-private: the most directives put in one document. */
const MAX_DIRECTIVES = 12;

/** Module-private: the directives `picks` 2 to 5 put on a field (the first two drop it). */
const DIRECTIVES: Readonly<Record<number, DirectiveNode>> = Object.fromEntries(
  [
    ['skip', true],
    ['include', false],
    ['skip', false],
    ['include', true],
  ].map(([name, value], i) => [i + 2, { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: name as string }, arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'if' }, value: { kind: Kind.BOOLEAN, value: value as boolean } }] }]),
);
