/**
 * `npm run documents -- <command>`: registers and lists the trusted documents a gateway with
 * `TRUSTED_DOCUMENTS=required` runs, in the registry the gateway reads (Redis when REDIS_URL is
 * set, else TRUSTED_DOCUMENTS_FILE), through the same module the gateway uses.
 *
 *   register [--no-validate] [--json] FILE [FILE ...]
 *   list [--json]
 *   hash FILE [FILE ...]
 *
 * A `.graphql`/`.gql` file is one document, its exact text; a `.json` file is an Apollo
 * persisted-query manifest or a map of SHA-256 → text (Relay, GraphQL Code Generator). Documents
 * are validated against the schema before anything is stored (`--no-validate` skips that), and
 * nothing is stored unless every file reads. A running gateway sees new documents at once.
 * Exit codes: 0 done, 1 refused (bad arguments, unreadable or invalid documents), 2 bad configuration.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { ConfigError, loadConfig, type Config } from '../src/config';
import {
  checkDocuments,
  createFileDocumentStore,
  createRedisDocumentStore,
  DocumentFileError,
  readDocumentFile,
  type TrustedDocument,
  type TrustedDocumentStore,
} from '../src/server/trustedDocuments';

/** Module-private: the usage text. */
const USAGE = `Usage: npm run documents -- <command>
  register [--no-validate] [--json] FILE [FILE ...]   register .graphql/.gql documents or .json manifests
  list [--json]                                        list the registered documents
  hash FILE [FILE ...]                                 print each document's SHA-256 (what a client sends), storing nothing
Documents are stored in Redis when REDIS_URL is set (the hash <REDIS_KEY_PREFIX>trusted-documents), else in TRUSTED_DOCUMENTS_FILE (default .trusted-documents.json).`;

/** Module-private: a refusal the CLI reports and exits 1 for. */
class UsageError extends Error {}

/** Module-private: a document with the file it came from. */
type SourcedDocument = TrustedDocument & { readonly source: string };

/** Module-private: runs one command; returns the exit code. */
async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  if (command === 'hash') return hash(rest);
  if (command !== 'register' && command !== 'list') throw new UsageError(`unknown command ${JSON.stringify(command)}; expected register, list or hash`);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // Arguments and files are checked before the store is opened: a mistake costs no connection.
  const job = command === 'register' ? prepareRegister(rest) : prepareList(rest);
  const store: TrustedDocumentStore = config.redis
    ? createRedisDocumentStore({ url: config.redis.url, keyPrefix: config.redis.keyPrefix, commandTimeoutMs: Math.max(config.redis.commandTimeoutMs, 2_000) })
    : createFileDocumentStore(config.trustedDocuments.file);
  try {
    return await job(store);
  } finally {
    await store.close();
  }
}

/** Module-private: `register`: reads (and validates) every file, then stores them all. */
function prepareRegister(args: readonly string[]): (store: TrustedDocumentStore) => Promise<number> {
  const { values, positionals } = parse(args, { 'no-validate': { type: 'boolean' }, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('register needs at least one FILE');
  const documents = readAll(positionals);
  if (!values['no-validate']) checkDocuments(loadSchema(), documents);
  return async (store) => {
    // One entry per hash: the same document in two files is registered once.
    const unique = [...new Map(documents.map((document) => [document.hash, document])).values()];
    const { added } = await store.register(unique);
    const isNew = new Set(added);
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ registry: store.description, documents: documents.map(({ hash, source }) => ({ hash, source, status: isNew.has(hash) ? 'added' : 'existing' })) }, null, 2)}\n`);
    } else {
      for (const { hash, source } of documents) process.stdout.write(`${hash}  ${source}  ${isNew.has(hash) ? 'added' : 'already registered'}\n`);
      process.stdout.write(`${added.length} added, ${unique.length - added.length} already registered, in ${store.description}\n`);
    }
    return 0;
  };
}

/** Module-private: `list`. */
function prepareList(args: readonly string[]): (store: TrustedDocumentStore) => Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`list takes no files; got ${positionals.join(' ')}`);
  return async (store) => {
    const documents = (await store.list()).sort((a, b) => a.hash.localeCompare(b.hash));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ registry: store.description, documents }, null, 2)}\n`);
      return 0;
    }
    for (const { hash, document } of documents) process.stdout.write(`${hash}  ${summary(document)}\n`);
    process.stdout.write(`${documents.length} registered in ${store.description}\n`);
    return 0;
  };
}

/** Module-private: `hash`: what a client sends for each document, without touching any store. */
function hash(args: readonly string[]): number {
  const { positionals } = parse(args, {});
  if (positionals.length === 0) throw new UsageError('hash needs at least one FILE');
  for (const { hash: sha256, source } of readAll(positionals)) process.stdout.write(`${sha256}  ${source}\n`);
  return 0;
}

/** Module-private: every document of every file (a manifest's entries named `file#n`). */
function readAll(files: readonly string[]): SourcedDocument[] {
  return files.flatMap((file) => {
    const documents = readDocumentFile(file);
    return documents.map((document, index) => ({ ...document, source: documents.length === 1 ? file : `${file}#${index + 1}` }));
  });
}

/** Module-private: the gateway's schema (type definitions only: validation needs no resolvers). */
function loadSchema() {
  return makeExecutableSchema({ typeDefs: loadFilesSync(join(__dirname, '..', 'schema', '**/*.graphql')) });
}

/** Module-private: the document's first operation or fragment line, for `list`. */
function summary(document: string): string {
  const line = document.split('\n').find((text) => /^\s*(query|mutation|subscription|fragment|\{)/.test(text)) ?? document.split('\n')[0];
  return line.trim().slice(0, 100);
}

/** Module-private: `util.parseArgs` with positionals, strict, refusals as usage errors. */
function parse<T extends Record<string, { type: 'string' | 'boolean' }>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof DocumentFileError) {
      process.stderr.write(`documents: ${error.message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
      process.exit(1);
    }
    process.stderr.write(`documents failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
