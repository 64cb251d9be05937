import { join } from 'node:path';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { isInterfaceType, type GraphQLSchema } from 'graphql';
import { deriveFieldIamTable, type FieldIam, type ValueSource } from '../../src/auth';
import { buildCoverageManifest } from '../../src/coverage/manifest';

// The field → IAM action + ARN table is derived at start-up from the schema's @upstream
// annotations and the generated IAM table, with no hand-kept list: these tests fail when an
// annotated coordinate has no action or no way to build its resource ARN.

const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', '..', 'schema', '**/*.graphql')) });
const table = deriveFieldIamTable(schema);

/** A source as the tests spell it. */
function spell(source: ValueSource): string {
  switch (source.kind) {
    case 'argument':
      return `arg ${source.path.join('.')}`;
    case 'parent':
      return source.field ? `parent ${source.field}${source.upstream ? ' (lazy)' : ''}` : `parent model ${source.keys.join('|')}`;
    case 'globalId':
      return `global ID key ${source.key}`;
    case 'identity':
      return 'identity';
    case 'every':
      return `every (${source.reason})`;
  }
}

/** A row as `Operation action resource(placeholder=source, …)`. */
function describeRow(row: FieldIam): string[] {
  return row.operations.map(
    (operation) =>
      `${operation.operation} ${operation.actions.join(',')} ` +
      operation.groups.map((group) => group.alternatives.map((binding) => `${binding.type}(${Object.entries(binding.values).map(([name, source]) => `${name}=${spell(source)}`).join(', ')})`).join(' | ')).join(' & '),
  );
}

describe('the derived table', () => {
  test('every operation an annotation names has an IAM action, and every ARN placeholder a source', () => {
    expect(table.missingActions).toEqual([]);
    expect(table.unbound).toEqual([]);
    expect(table.unmappedNodeTypes).toEqual([]);
  });

  test('has a row with at least one action for every coordinate of the coverage manifest', () => {
    const rows = new Set(table.fields.keys());
    const missing = buildCoverageManifest().coordinates.filter(({ coordinate }) => {
      const [typeName] = coordinate.split('.');
      const type = schema.getType(typeName);
      // An interface's annotated field is enforced on each implementation.
      if (type && isInterfaceType(type)) return schema.getPossibleTypes(type).some((implementation) => !rows.has(`${implementation.name}.${coordinate.split('.')[1]}`));
      return !rows.has(coordinate);
    });
    expect(missing.map(({ coordinate }) => coordinate)).toEqual([]);
    for (const row of table.fields.values()) expect({ coordinate: row.coordinate, actions: row.operations.flatMap((operation) => operation.actions).length > 0 }).toEqual({ coordinate: row.coordinate, actions: true });
  });

  test('reads IDs from arguments, inputs and the parent, as a reader of the schema would', () => {
    const rows = (coordinate: string) => describeRow(table.fields.get(coordinate)!);
    expect(rows('Query.app')).toEqual(['GetApp mobiletargeting:GetApp apps/*(AppId=arg id)']);
    expect(rows('App.campaign')).toEqual(['GetCampaign mobiletargeting:GetCampaign apps/*/campaigns/*(AppId=parent applicationId, CampaignId=arg id)']);
    expect(rows('App.campaigns')).toEqual(['GetCampaigns mobiletargeting:GetCampaigns apps/*(AppId=parent applicationId)']);
    expect(rows('Campaign.kpi')).toEqual(['GetCampaignDateRangeKpi mobiletargeting:GetCampaignDateRangeKpi apps/*/campaigns/*/kpis/daterange/*(AppId=parent applicationId, CampaignId=parent campaignId, KpiName=arg name)']);
    expect(rows('Campaign.segment')).toEqual(['GetSegmentVersion mobiletargeting:GetSegmentVersion apps/*/segments/*(AppId=parent applicationId, SegmentId=parent segmentId)']);
    // A field that may read a list instead of its by-ID read needs both actions (the gateway picks the call).
    expect(rows('JourneyStartCondition.segment')).toEqual([
      'GetSegment mobiletargeting:GetSegment apps/*/segments/*(AppId=parent model ApplicationId, SegmentId=parent segmentId)',
      'GetSegments mobiletargeting:GetSegments apps/*(AppId=parent model ApplicationId)',
    ]);
    expect(rows('Mutation.updateCampaign')).toEqual(['UpdateCampaign mobiletargeting:UpdateCampaign apps/*/campaigns/*(AppId=arg input.applicationId, CampaignId=arg input.campaignId)']);
    expect(rows('Mutation.createOptOutList')).toEqual(['CreateOptOutList sms-voice:CreateOptOutList opt-out-list/*(OptOutListName=arg input.name)']);
    expect(rows('Query.phoneNumbers')).toEqual(['DescribePhoneNumbers sms-voice:DescribePhoneNumbers phone-number/*(PhoneNumberId=every (list))']);
    expect(rows('PhoneNumber.pool')).toEqual([
      'DescribePools sms-voice:DescribePools pool/*(PoolId=parent poolId (lazy))',
      'DescribePhoneNumbers sms-voice:DescribePhoneNumbers phone-number/*(PhoneNumberId=parent phoneNumberId)',
    ]);
    expect(rows('JourneyRun.journey')).toEqual(['GetJourney mobiletargeting:GetJourney apps/*/journeys/*(AppId=parent model ApplicationId, JourneyId=parent model JourneyId)']);
    expect(rows('Pool.phoneNumbers')[1]).toBe('DescribePhoneNumbers sms-voice:DescribePhoneNumbers phone-number/*(PhoneNumberId=every (list))');
    expect(rows('Mutation.sendTextMessage')).toEqual([
      'SendTextMessage sms-voice:SendTextMessage phone-number/*(PhoneNumberId=identity) | pool/*(PoolId=identity) | sender-id/*/*(SenderId=identity, IsoCountryCode=every (answer)) & configuration-set/*(ConfigurationSetName=arg input.configurationSetName)',
    ]);
  });

  test('picks the operation of a field answering one of several types by what names the object', () => {
    const node = table.fields.get('Query.node')!;
    expect(node.select).toEqual({ kind: 'globalId', argument: 'id', list: false });
    expect(node.operations.filter((operation) => operation.nodeType === 'Campaign').map((operation) => `${operation.operation}${operation.versioned ? ' (versioned ID)' : ''}`)).toEqual(['GetCampaign', 'GetCampaignVersion (versioned ID)']);
    expect(table.fields.get('Query.nodes')!.operations.some((operation) => operation.operation === 'GetSegments')).toBe(false);
    expect(table.fields.get('Query.template')!.select).toEqual({ kind: 'enum', source: { kind: 'argument', path: ['type'] } });
    expect(table.fields.get('TemplateReference.template')!.select).toMatchObject({ kind: 'enum', source: { kind: 'parent', field: 'templateType' } });
    expect(table.fields.get('ApnsChannel.hasTokenKey')!.operations.map((operation) => operation.enumValue)).toEqual(['APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX']);
    expect(table.fields.get('Keyword.owner')!.select).toMatchObject({ kind: 'identity', source: { kind: 'parent', field: 'originationIdentityArn' } });
    expect(table.fields.get('SmsVoiceTagResourcePayload.resource')!.select).toMatchObject({ kind: 'identity', source: { kind: 'parent', field: 'resourceArn' } });
  });
});

describe('the derivation refuses what it cannot build', () => {
  /** A schema with the base directive and one extra field. */
  function schemaWith(sdl: string): GraphQLSchema {
    return makeExecutableSchema({ typeDefs: ['directive @upstream(pinpoint: [String!], smsVoice: [String!]) on FIELD_DEFINITION', sdl] });
  }

  test('an annotated field with no source for an ID fails the table', () => {
    const broken = deriveFieldIamTable(schemaWith('type Query { latestCampaign: String @upstream(pinpoint: ["GetCampaign"]) }'));
    expect(broken.unbound).toEqual([
      { coordinate: 'Query.latestCampaign', operation: 'GetCampaign', placeholder: 'AppId', member: 'ApplicationId' },
      { coordinate: 'Query.latestCampaign', operation: 'GetCampaign', placeholder: 'CampaignId', member: 'CampaignId' },
    ]);
  });

  test('an annotation naming an operation the IAM table lacks fails the table', () => {
    expect(deriveFieldIamTable(schemaWith('type Query { x: String @upstream(pinpoint: ["GetNothing"]) }')).missingActions).toEqual(['Query.x: pinpoint GetNothing']);
  });
});
