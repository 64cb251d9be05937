import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NOT_YET_IN_GRAPH, NOT_YET_IN_GRAPH_REASON, SDK_ONLY_EXCLUSIONS } from '../../src/coverage/exclusions';
import { buildCoverageManifest, readUpstreamAnnotations, SDK_OPERATIONS } from '../../src/coverage/manifest';
import { coverageMarkdown, STATUS_LABELS } from '../../src/coverage/report';
import { SEED_GROUPS, seedOperations } from '../../src/coverage/seedOperations';
import { COVERAGE_SERVICES, type CoverageService } from '../../src/coverage/services';
import { tsxArgs } from '../helpers/tsx';

// The coverage manifest's contract: every name an `@upstream` annotation uses is a real SDK
// operation; every seed operation is covered or listed as not yet in the graph; every SDK-only
// operation is covered or excluded with a reason; and both lists are exact, so covering an
// operation without shrinking its list fails here.

const manifest = buildCoverageManifest();

/** The operations a package exports as `XCommand`, read here independently of src/upstream/sdkOperations.ts. */
function exportedOperations(pkg: string): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require(pkg) as Record<string, unknown>;
  return Object.keys(sdk)
    .filter((name) => name.endsWith('Command') && name !== '$Command')
    .map((name) => name.slice(0, -'Command'.length))
    .sort();
}

/** Items that appear more than once. */
function duplicates(items: readonly string[]): string[] {
  return [...new Set(items.filter((item, index) => items.indexOf(item) !== index))];
}

/** Operations one service's annotations name (any coordinate). */
function annotated(service: CoverageService): Set<string> {
  return new Set(manifest.coordinates.flatMap((annotation) => annotation.operations[service]));
}

describe('the SDK and seed operation lists', () => {
  test('the SDK packages export 122 Pinpoint and 110 SMS and Voice v2 commands, as src/upstream/sdkOperations.ts reads them', () => {
    expect(exportedOperations('@aws-sdk/client-pinpoint')).toHaveLength(122);
    expect(exportedOperations('@aws-sdk/client-pinpoint-sms-voice-v2')).toHaveLength(110);
    expect(SDK_OPERATIONS.pinpoint).toEqual(exportedOperations('@aws-sdk/client-pinpoint'));
    expect(SDK_OPERATIONS.smsVoice).toEqual(exportedOperations('@aws-sdk/client-pinpoint-sms-voice-v2'));
  });

  test('the seed lists hold exactly 122 Pinpoint and 69 SMS and Voice v2 operations, each once, each an SDK operation', () => {
    expect(seedOperations('pinpoint')).toHaveLength(122);
    expect(seedOperations('smsVoice')).toHaveLength(69);
    for (const service of COVERAGE_SERVICES) {
      expect(duplicates(seedOperations(service))).toEqual([]);
      expect(seedOperations(service).filter((operation) => !SDK_OPERATIONS[service].includes(operation))).toEqual([]);
      expect(SEED_GROUPS[service].filter((group) => group.operations.length === 0)).toEqual([]);
    }
    // Seed 002 and the Pinpoint SDK name the same operations; the SMS v2 SDK has 41 more than seed 003.
    expect([...seedOperations('pinpoint')].sort()).toEqual(SDK_OPERATIONS.pinpoint);
    expect(SDK_OPERATIONS.smsVoice.filter((operation) => !seedOperations('smsVoice').includes(operation))).toHaveLength(41);
  });
});

describe('the annotations', () => {
  test('every annotated name is an operation of the SDK of the service it is listed under', () => {
    for (const service of COVERAGE_SERVICES) expect(manifest.services[service].unknownAnnotated).toEqual([]);
  });

  test('each coordinate is annotated once and names each operation once', () => {
    expect(duplicates(manifest.coordinates.map((annotation) => annotation.coordinate))).toEqual([]);
    for (const annotation of manifest.coordinates) {
      for (const service of COVERAGE_SERVICES) {
        expect({ coordinate: annotation.coordinate, duplicates: duplicates(annotation.operations[service]) }).toEqual({ coordinate: annotation.coordinate, duplicates: [] });
      }
    }
  });

  test('the graph reaches operations of both services (the schema is annotated at all)', () => {
    expect(manifest.services.pinpoint.counts.covered).toBeGreaterThan(0);
    expect(manifest.services.smsVoice.counts.covered).toBeGreaterThan(0);
    expect(manifest.coordinates.map((annotation) => annotation.coordinate)).toEqual(expect.arrayContaining(['Query.app', 'App.campaigns', 'Mutation.createCampaign', 'Query.phoneNumbers']));
  });
});

describe.each(COVERAGE_SERVICES)('the %s operations', (service) => {
  const seed = new Set(seedOperations(service));
  const covered = annotated(service);
  const sdkOnly = SDK_OPERATIONS[service].filter((operation) => !seed.has(operation));

  test('every seed operation is covered by a schema coordinate or listed as not yet in the graph', () => {
    const notYet = new Set(NOT_YET_IN_GRAPH[service]);
    expect([...seed].filter((operation) => !covered.has(operation) && !notYet.has(operation))).toEqual([]);
  });

  test('the not-yet list is exact: no covered operation, no SDK-only or unknown name, no repeat', () => {
    // A field now reaches these: remove them from NOT_YET_IN_GRAPH in src/coverage/exclusions.ts.
    expect(NOT_YET_IN_GRAPH[service].filter((operation) => covered.has(operation))).toEqual([]);
    expect(NOT_YET_IN_GRAPH[service].filter((operation) => !seed.has(operation))).toEqual([]);
    expect(duplicates(NOT_YET_IN_GRAPH[service])).toEqual([]);
  });

  test('every SDK-only operation is covered or excluded with a reason', () => {
    const excluded = SDK_ONLY_EXCLUSIONS[service];
    expect(sdkOnly.filter((operation) => !covered.has(operation) && !(excluded[operation]?.trim() ?? ''))).toEqual([]);
  });

  test('the exclusion list is exact: SDK-only operations only, none covered', () => {
    const excluded = Object.keys(SDK_ONLY_EXCLUSIONS[service]);
    expect(excluded.filter((operation) => !sdkOnly.includes(operation))).toEqual([]);
    expect(excluded.filter((operation) => covered.has(operation))).toEqual([]);
  });

  test('the manifest accounts for every SDK operation once, with coordinates or a reason', () => {
    const coverage = manifest.services[service];
    expect(coverage.operations.map((entry) => entry.operation).sort()).toEqual(SDK_OPERATIONS[service]);
    expect(coverage.operations.filter((entry) => entry.status === 'unaccounted')).toEqual([]);
    for (const entry of coverage.operations) {
      if (entry.status === 'covered') expect(entry.coordinates.length).toBeGreaterThan(0);
      else expect(entry.reason).toEqual(entry.status === 'notYet' ? NOT_YET_IN_GRAPH_REASON : SDK_ONLY_EXCLUSIONS[service][entry.operation]);
    }
    const { counts } = coverage;
    expect(counts.covered + counts.notYet + counts.excluded).toBe(counts.sdk);
    expect(counts.seed).toBe(seed.size);
  });

  test('an operation lists exactly the coordinates whose annotation names it', () => {
    for (const entry of manifest.services[service].operations) {
      const naming = manifest.coordinates.filter((annotation) => annotation.operations[service].includes(entry.operation)).map((annotation) => annotation.coordinate);
      expect({ operation: entry.operation, coordinates: entry.coordinates }).toEqual({ operation: entry.operation, coordinates: naming.sort() });
    }
  });
});

describe('reading annotations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coverage-schema-'));
    mkdirSync(join(dir, 'schema', 'x'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string, sdl: string) => writeFileSync(join(dir, 'schema', path), sdl);

  test('reads object and interface fields, type extensions and nested folders; a lone string is a list of one', () => {
    write('base.graphql', 'type Query { a: Int @upstream(pinpoint: ["GetApp"]) b: Int }\ninterface N { id: ID @upstream(smsVoice: "DescribePools") }');
    write('x/more.graphql', 'extend type Query { c: Int @upstream(pinpoint: ["GetApps", "GetApp"], smsVoice: ["DescribePools"]) }');
    expect(readUpstreamAnnotations(join(dir, 'schema'))).toEqual([
      { coordinate: 'Query.a', file: 'schema/base.graphql', operations: { pinpoint: ['GetApp'], smsVoice: [] } },
      { coordinate: 'N.id', file: 'schema/base.graphql', operations: { pinpoint: [], smsVoice: ['DescribePools'] } },
      { coordinate: 'Query.c', file: 'schema/x/more.graphql', operations: { pinpoint: ['GetApps', 'GetApp'], smsVoice: ['DescribePools'] } },
    ]);
  });

  test('an unknown service argument names the coordinate and the allowed arguments', () => {
    write('base.graphql', 'type Query { a: Int @upstream(sms: ["DescribePools"]) }');
    expect(() => readUpstreamAnnotations(join(dir, 'schema'))).toThrow('@upstream on Query.a (schema/base.graphql) has argument "sms"; it takes only pinpoint and smsVoice.');
  });

  test('a value that is not a list of strings is refused', () => {
    write('base.graphql', 'type Query { a: Int @upstream(pinpoint: [GetApp]) }');
    expect(() => readUpstreamAnnotations(join(dir, 'schema'))).toThrow('@upstream(pinpoint:) on Query.a (schema/base.graphql) must be a list of operation names (strings); got a EnumValue.');
  });

  test('an annotation that names no operation is refused', () => {
    write('base.graphql', 'type Query { a: Int @upstream(pinpoint: []) }');
    expect(() => readUpstreamAnnotations(join(dir, 'schema'))).toThrow('@upstream on Query.a (schema/base.graphql) names no operation.');
  });

  test('in the manifest, a misspelt name is unknown, a named operation is covered whatever the lists say, an unlisted one is unaccounted', () => {
    write('base.graphql', 'type Query { a: Int @upstream(pinpoint: ["GetApp", "GetAppz"]) b: Int @upstream(smsVoice: ["CarrierLookup"]) }');
    const built = buildCoverageManifest({ schemaDir: join(dir, 'schema'), notYet: { pinpoint: ['GetApp'], smsVoice: [] }, excluded: { pinpoint: {}, smsVoice: {} } });
    expect(built.services.pinpoint.unknownAnnotated).toEqual([{ coordinate: 'Query.a', operation: 'GetAppz' }]);
    expect(built.services.pinpoint.operations.find((entry) => entry.operation === 'GetApp')).toEqual({
      operation: 'GetApp',
      status: 'covered',
      inSeed: true,
      group: 'Apps (projects)',
      coordinates: ['Query.a'],
    });
    expect(built.services.pinpoint.operations.find((entry) => entry.operation === 'GetApps')?.status).toBe('unaccounted');
    expect(built.services.smsVoice.operations.find((entry) => entry.operation === 'CarrierLookup')).toMatchObject({ status: 'covered', inSeed: false, group: 'SDK only' });
    expect(built.services.smsVoice.operations.find((entry) => entry.operation === 'SendRcsMessage')?.status).toBe('unaccounted');
  });
});

describe('npm run coverage', () => {
  const run = (args: string[]) => promisify(execFile)(process.execPath, tsxArgs(join(__dirname, '..', '..', 'scripts', 'coverage.ts'), ...args), { maxBuffer: 16 * 1024 * 1024 });

  test('prints the manifest as JSON, with --markdown the README section, and refuses an unknown argument', async () => {
    const [json, markdown, wrong] = await Promise.all([run([]), run(['--markdown']), run(['--html']).catch((error: unknown) => error)]);
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(markdown.stdout).toBe(coverageMarkdown(manifest));
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('Unknown argument(s) "--html"; coverage takes --json (default) or --markdown.') });
  });
});

describe('the README section', () => {
  const markdown = coverageMarkdown(manifest);

  test('has one summary row per service with the manifest counts', () => {
    for (const service of COVERAGE_SERVICES) {
      const { title, sdkPackage, counts } = manifest.services[service];
      expect(markdown).toContain(`| ${title} (\`${sdkPackage}\`) | ${counts.sdk} | ${counts.seed} | ${counts.covered} | ${counts.notYet} | ${counts.excluded} |`);
    }
  });

  test('lists every SDK operation of each service once, in its own table, with its coordinates or its reason', () => {
    const sections = markdown.split('<details>').slice(1);
    expect(sections).toHaveLength(COVERAGE_SERVICES.length);
    COVERAGE_SERVICES.forEach((service, index) => {
      const rows = sections[index].split('\n').filter((line) => /^\| [^|]+ \| `[A-Za-z]+` \| /.test(line));
      expect(rows).toHaveLength(manifest.services[service].operations.length);
      for (const entry of manifest.services[service].operations) {
        const matching = rows.filter((line) => line.includes(` | \`${entry.operation}\` | `));
        expect(matching).toHaveLength(1);
        const expected = entry.status === 'covered' ? entry.coordinates.map((coordinate) => `\`${coordinate}\``).join(', ') : entry.reason;
        expect(matching[0]).toBe(`| ${entry.group} | \`${entry.operation}\` | ${STATUS_LABELS[entry.status]} | ${expected} |`);
      }
    });
  });
});
