/**
 * `npm run policy -- check`: the policy simulator. Prints, for every field of a GraphQL operation
 * that reaches upstream, whether the given IAM policies allow it and the statement that decided,
 * decided as the gateway decides (same table, same evaluator), without calling anything.
 *
 *   check --policy FILE [--policy FILE ...] --query FILE [--variables FILE] [--operation NAME]
 *         [--region REGION] [--account ACCOUNT] [--json]
 *
 * A policy is named after its file (`frontend-campaigns.json` → `frontend-campaigns`). IDs come
 * from the query's literals and variables; what only an upstream answer would tell is `*`.
 * Region: `--region`, else AWS_REGION, else us-east-1. Account: `--account`, else AWS_ACCOUNT_ID,
 * else the emulator's 123456789012 (with UPSTREAM=aws and no account: unknown, shown as `*`).
 * Exit codes: 0 every field allowed, 3 some field denied (or allowed only for some IDs),
 * 1 bad arguments, 2 a file that cannot be read or parsed (policy, query or variables).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { parse, validate, type DocumentNode } from 'graphql';
import { anyDenied, deriveFieldIamTable, formatSimulation, parsePolicy, partitionOf, PolicyError, simulate, type Policy } from '../src/auth';
import { fromGlobalId } from '../src/graph/ids';
import { createArgumentNormaliser } from '../src/graph/idArguments';

/** Module-private: the usage text. */
const USAGE = `Usage: npm run policy -- check --policy FILE [--policy FILE ...] --query FILE [--variables FILE]
                              [--operation NAME] [--region REGION] [--account ACCOUNT] [--json]
Prints, per field of the query that reaches upstream, ALLOWED / DENIED / DEPENDS and the statement that decided.
Exit codes: 0 all allowed, 3 some field denied, 1 bad arguments, 2 unreadable or invalid file.`;

/** Module-private: a problem with a file, reported as one message and exit code 2. */
class InputError extends Error {}

/** Module-private: runs the CLI; returns the exit code. */
function run(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command !== 'check') {
    process.stdout.write(`${USAGE}\n`);
    return command === 'help' || command === '--help' || command === '-h' ? 0 : 1;
  }
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions(rest);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  try {
    const policies = values.policy.map(readPolicy);
    const document = readDocument(values.query);
    const variables = values.variables ? readJson(values.variables, 'variables') : {};
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables)) throw new InputError(`${values.variables}: variables must be a JSON object; got ${JSON.stringify(variables)}`);
    const schema = makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', 'schema', '**/*.graphql')) });
    const problems = validate(schema, document);
    if (problems.length) throw new InputError(`${values.query}: the query does not validate against the schema: ${problems.map((problem) => problem.message).join('; ')}`);
    const region = values.region ?? process.env.AWS_REGION ?? 'us-east-1';
    const normaliseArguments = createArgumentNormaliser(schema);
    const account = values.account ?? process.env.AWS_ACCOUNT_ID ?? (process.env.UPSTREAM === 'aws' ? undefined : '123456789012');
    const fields = simulate({
      schema,
      table: deriveFieldIamTable(schema),
      policies,
      document,
      variables: variables as Record<string, unknown>,
      operationName: values.operation,
      scope: { partition: partitionOf(region), region, ...(account ? { account } : {}) },
      decodeGlobalId: (id) => fromGlobalId(id),
      normaliseArguments: (coordinate, args) => {
        try {
          return normaliseArguments(coordinate, args, region);
        } catch (error) {
          throw new InputError(`${values.query}: ${coordinate}: ${(error as Error).message}`);
        }
      },
    });
    process.stdout.write(values.json ? `${JSON.stringify(fields, null, 2)}\n` : formatSimulation(fields));
    return anyDenied(fields) ? 3 : 0;
  } catch (error) {
    if (error instanceof InputError || error instanceof PolicyError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Module-private: the options of `check`. */
function parseOptions(args: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      policy: { type: 'string', multiple: true },
      query: { type: 'string' },
      variables: { type: 'string' },
      operation: { type: 'string' },
      region: { type: 'string' },
      account: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length) throw new Error(`Unexpected argument(s): ${positionals.join(' ')}`);
  if (!values.policy?.length) throw new Error('--policy FILE is required (repeat it for several policies).');
  if (!values.query) throw new Error('--query FILE is required.');
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) throw new Error(`--account must be a 12-digit AWS account ID; got ${JSON.stringify(values.account)}`);
  return { ...values, policy: values.policy, query: values.query };
}

/** Module-private: a policy file, named after the file. */
function readPolicy(file: string): Policy {
  return parsePolicy(basename(file).replace(/\.json$/i, ''), readText(file));
}

/** Module-private: a GraphQL document file. */
function readDocument(file: string): DocumentNode {
  try {
    return parse(readText(file));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: not a GraphQL document: ${(error as Error).message}`);
  }
}

/** Module-private: a JSON file. */
function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(readText(file));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${what} must be JSON: ${(error as Error).message}`);
  }
}

/** Module-private. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

process.exitCode = run(process.argv.slice(2));
