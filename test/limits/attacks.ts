import { aliasesDocument, cycleDocument, forgedNodesRequest, fragmentChainDocument, kpiRangesDocument, kpiSpreadDocument, operationBody, SEED_APP_ID } from './hostileDocuments';

/**
 * The named attack documents of issue 12 ("no query can hurt the gateway"): small documents whose
 * cost explodes (cycles, fragment chains, aliases), long lists and fan-outs that reach upstream
 * once per item (forged `nodes` IDs, distinct KPI ranges), and long strings. `attacks.test.ts`
 * asserts each is refused with a typed code before any upstream call; `bench/attacks.ts` times
 * the refusal and what a burst of them does to everyone else's latency.
 */

/** One attack: a name for tables, what it does, and the JSON body that carries it. */
export interface Attack {
  readonly name: string;
  readonly description: string;
  /** The POST body (`{ query, variables? }`). */
  readonly body: Buffer;
}

/** Module-private. */
function attack(name: string, description: string, query: string, variables?: unknown): Attack {
  return { name, description, body: operationBody(query, variables) };
}

/** Every named attack, built for `now` (the KPI ranges must lie in the last 90 days). */
export function attacks(now: Date = new Date()): readonly Attack[] {
  const nodes = forgedNodesRequest(5_000);
  return [
    attack('cycle-30', 'apps → campaigns(first: 2) → nodes → app, 30 times: up to 2^30 objects from 1.3 KB', cycleDocument('app-campaigns', 30)),
    attack('cycle-16', 'the same cycle 16 times: up to 65,536 campaigns', cycleDocument('app-campaigns', 16)),
    attack('phone-pool-cycle-20', 'phoneNumbers(first: 100) → pool → phoneNumbers(first: 100), 20 times', cycleDocument('phone-pool', 20, 100)),
    attack('aliases-500', '500 aliases of app(id) { campaigns(first: 2) { nodes { name } } }', aliasesDocument(500)),
    attack('fragments-22', '22 chained fragments, each spreading the next twice: 2^22 expansions from 1.2 KB', fragmentChainDocument(22)),
    attack('fragments-30', '30 chained fragments: 2^30 expansions from 1.7 KB', fragmentChainDocument(30)),
    attack('nodes-5000', 'nodes(ids:) with 5,000 well-formed forged global IDs (PhoneNumber and Campaign)', nodes.query, nodes.variables),
    attack('kpi-ranges-1000', '1,000 aliased kpi fields of one app over 1,000 distinct valid ranges', kpiRangesDocument(1_000, now)),
    attack('kpi-ranges-spread', '25 aliased kpi ranges on each of 2 campaigns of 2 apps: 100 distinct KPI reads with few aliases', kpiSpreadDocument(2, 2, 25, now)),
    attack('long-string-id', 'app(id:) with a 512 KiB string', `{ app(id: "${'x'.repeat(512 * 1024)}") { name } }`),
    attack('long-string-id-32k', 'app(id:) with a 32 KiB string: a document under the size limit', `{ app(id: "${'x'.repeat(32 * 1024)}") { name } }`),
    attack('long-string-variable', 'a 512 KiB string variable used as a phone number ID', 'query($id: String!) { phoneNumber(phoneNumberId: $id) { phoneNumberId } }', { id: 'x'.repeat(512 * 1024) }),
    attack('long-string-many', '2,000 app(id:) lookups with distinct 200-byte IDs', `{ ${Array.from({ length: 2_000 }, (_, i) => `a${i}: app(id: "${SEED_APP_ID}${String(i).padStart(168, '0')}") { name }`).join(' ')} }`),
  ];
}
