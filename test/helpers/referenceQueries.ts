import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type DocumentNode, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { benchVariables } from '../../bench/queries/variables';
import { JOURNEY_SEED } from '../../src/emulator/services/pinpoint/journeysSeed';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { toGlobalId } from '../../src/graph/ids';

/**
 * Every reference query (test/queries/*.graphql and bench/queries/*.graphql, read at run time so
 * files added later are covered) with every variable it needs: shared by the tests that hold a
 * property over all of them (orderIndependence, requestPlan).
 */

const root = join(__dirname, '..', '..');
const { apps, campaigns } = PINPOINT_SEED;
const { phoneNumbers, registrations } = SMS_VOICE_SEED;

/** The instant the emulator clock stands at in every run (seeded dates derive from it), and the end of every KPI range. */
export const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
/** The KPI range supplied to any `DateTime` variable a query declares and its header leaves out (as referenceQueries.test.ts: the last 30 days). */
export const DATE_TIME_RANGE: Record<string, string> = { start: new Date(NOW.getTime() - 30 * 86_400_000).toISOString(), end: NOW.toISOString() };

/**
 * Variables the reference tests pass at run time for queries whose header has none (or not all):
 * the same seeded objects those tests use. A scenario query's IDs are created by its scenario at run
 * time; here they name seeded objects of the same kinds instead.
 */
export const RUN_TIME_VARIABLES: Record<string, Record<string, unknown>> = {
  // test/graph/scenarios/marketing.test.ts creates its own project; the seeded ones stand in.
  'scenario-marketing-campaign-report': { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE },
  'scenario-marketing-journey-progress': { app: apps.RETAIL, journey: JOURNEY_SEED.journeys.RETAIL_ONBOARDING },
  // test/graph/sms-voice-v2/phone-number.test.ts
  'sms-nodes-one-unknown': {
    ids: [phoneNumbers.tollFreeAlerts, phoneNumbers.simulator, 'phone-00000000000000000000000000000000', phoneNumbers.ukLongCode, phoneNumbers.caLongCode].map((id) => toGlobalId('PhoneNumber', 'us-east-1', id)),
  },
  'sms-seven-phone-numbers': Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name, index) => [name, Object.values(phoneNumbers)[index]])),
  // test/graph/sms-voice-v2/scenario.test.ts leases a number, pools and registers it, and opts the
  // handset out; a seeded 10DLC number has all three (pool `marketing`, its list `marketing-optouts`
  // holding +12065550150, registration `tenDlcCampaign`).
  'sms-opt-out-after-stop': { phoneNumberId: phoneNumbers.tenDlcMarketing1, destination: '+12065550150' },
  // test/graph/sms-voice-v2/registration*.test.ts
  'sms-registration-fields': { registrationId: registrations.tollFreeApproved },
  'sms-registration-with-associations': { registrationId: registrations.tenDlcCampaign },
};

/** Reference queries whose original order answers with errors (compared like the data). */
export const EXPECTED_ERRORS = new Set(['test/queries/sms-nodes-one-unknown.graphql']);

/** One reference query with every variable it needs. */
export interface Reference {
  /** `test/queries/<name>.graphql` or `bench/queries/<name>.graphql`. */
  readonly file: string;
  readonly query: string;
  readonly document: DocumentNode;
  readonly variables: Record<string, unknown>;
}

/** Module-private: every `.graphql` file of `dir`, sorted (read now, so files added later are covered). */
export function graphqlFiles(dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => `${dir}/${name}`);
}

/** Module-private: the named type a variable declares (`[ID!]!` → `ID`). */
function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** Module-private: reads a reference query and completes its variables; throws naming any still missing. */
export function readReference(file: string): Reference {
  const query = readFileSync(join(root, file), 'utf8');
  const document = parse(query);
  const name = file.slice(file.lastIndexOf('/') + 1, -'.graphql'.length);
  let variables: Record<string, unknown>;
  if (file.startsWith('bench/')) {
    const bench = benchVariables(NOW)[name];
    if (!bench) throw new Error(`${file}: bench/queries/variables.ts has no variables for "${name}".`);
    variables = { ...bench };
  } else {
    // The `# variables:` header (JSON; test/graph/pinpoint/support.ts), then what the tests pass at run time.
    const header = /^# variables: (\{.*\})\s*$/m.exec(query);
    variables = { ...(header ? JSON.parse(header[1]) : {}), ...RUN_TIME_VARIABLES[name] };
  }
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error(`${file} has no operation.`);
  for (const declared of operation.variableDefinitions ?? []) {
    const variable = declared.variable.name.value;
    if (variable in variables || declared.defaultValue) continue;
    if (namedType(declared.type) === 'DateTime' && variable in DATE_TIME_RANGE) variables[variable] = DATE_TIME_RANGE[variable];
    else if (declared.type.kind === Kind.NON_NULL_TYPE) {
      throw new Error(`${file} declares $${variable} (${print(declared.type)}) but neither its header nor RUN_TIME_VARIABLES of test/helpers/referenceQueries.ts supplies it.`);
    }
  }
  return { file, query, document, variables };
}

/** Every reference query, read and completed. */
export function allReferenceQueries(): Reference[] {
  return [...graphqlFiles('test/queries'), ...graphqlFiles('bench/queries')].map(readReference);
}
