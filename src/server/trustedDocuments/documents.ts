import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';

/**
 * Trusted documents: the GraphQL documents a gateway in `TRUSTED_DOCUMENTS=required` mode runs,
 * each known by the SHA-256 of its exact text (hex, lower case): the hash Apollo's automatic
 * persisted queries send as `extensions.persistedQuery.sha256Hash`, so a client that already
 * speaks APQ needs no change beyond never sending an unregistered document.
 */

/** One registered document. */
export interface TrustedDocument {
  /** SHA-256 of `document`, hex. */
  readonly hash: string;
  /** The exact text a client sends (or that a hash-only request stands for). */
  readonly document: string;
}

/** The SHA-256 of a document's exact text, hex (Apollo's APQ hash). */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** A {@link TrustedDocument} from its text. */
export function trustedDocument(document: string): TrustedDocument {
  return { hash: documentHash(document), document };
}

/** Whether `value` looks like a SHA-256 hex digest. */
export function isDocumentHash(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** Thrown by {@link readDocumentFile} and {@link checkDocuments}: names the file and what is wrong with it. */
export class DocumentFileError extends Error {
  override readonly name = 'DocumentFileError';
}

/**
 * The documents of one file, as a frontend's build produces them:
 * - `*.graphql` / `*.gql`: the whole file is one document (the text its client sends, byte for byte);
 * - `*.json`: an Apollo persisted-query manifest (`{ "format": "apollo-persisted-query-manifest",
 *   "operations": [{ "id", "body" }] }`), or a map of hash → text (Relay's `persisted-queries.json`,
 *   GraphQL Code Generator's `persisted-documents.json`). Every given ID must be the SHA-256 of its
 *   text: the gateway looks documents up by that hash only.
 *
 * @throws {DocumentFileError} for an unreadable file, an unknown extension or format, or an ID that is not its text's SHA-256.
 */
export function readDocumentFile(path: string): TrustedDocument[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DocumentFileError(`${path}: cannot read it (${(error as Error).message}).`);
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.graphql' || extension === '.gql') {
    if (text.trim() === '') throw new DocumentFileError(`${path}: the file is empty; a document file holds one GraphQL document.`);
    return [trustedDocument(text)];
  }
  if (extension !== '.json') throw new DocumentFileError(`${path}: expected a .graphql, .gql or .json file; got "${extension || '(no extension)'}".`);
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new DocumentFileError(`${path}: not valid JSON (${(error as Error).message}).`);
  }
  const entries = manifestEntries(path, manifest);
  return entries.map(([id, body]) => {
    const document = trustedDocument(body);
    if (id !== document.hash) throw new DocumentFileError(`${path}: the ID ${JSON.stringify(id)} is not the SHA-256 of its document (${document.hash}); the gateway looks documents up by that hash only.`);
    return document;
  });
}

/** Module-private: [id, body] pairs of a JSON manifest in either format. */
function manifestEntries(path: string, manifest: unknown): [string, string][] {
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new DocumentFileError(`${path}: expected an Apollo persisted-query manifest or an object of hash → document; got ${Array.isArray(manifest) ? 'an array' : typeof manifest}.`);
  }
  const record = manifest as Record<string, unknown>;
  if (record.format === 'apollo-persisted-query-manifest') {
    if (record.version !== 1) throw new DocumentFileError(`${path}: only version 1 of the Apollo persisted-query manifest is supported; got ${JSON.stringify(record.version)}.`);
    if (!Array.isArray(record.operations)) throw new DocumentFileError(`${path}: "operations" must be an array.`);
    return record.operations.map((operation: unknown, index) => {
      const { id, body } = (typeof operation === 'object' && operation !== null ? operation : {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string' || typeof body !== 'string') throw new DocumentFileError(`${path}: operations[${index}] needs a string "id" and "body".`);
      return [id, body];
    });
  }
  return Object.entries(record).map(([id, body]) => {
    if (typeof body !== 'string') throw new DocumentFileError(`${path}: the value of ${JSON.stringify(id)} must be the document text; got ${typeof body}.`);
    return [id, body];
  });
}

/**
 * Parses and validates each document against `schema`, so a typo is caught when it is
 * registered rather than when a client first sends it.
 *
 * @throws {DocumentFileError} listing every document that does not parse or validate, by hash and source.
 */
export function checkDocuments(schema: GraphQLSchema, documents: readonly (TrustedDocument & { readonly source?: string })[]): void {
  const problems: string[] = [];
  for (const { hash, document, source } of documents) {
    const where = `${source ?? 'document'} (${hash.slice(0, 12)}…)`;
    try {
      const errors = validate(schema, parse(document));
      if (errors.length > 0) problems.push(`${where}: ${errors.map((error) => error.message).join('; ')}`);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new DocumentFileError(`Not registered: ${problems.length} document(s) are not valid against the schema:\n  - ${problems.join('\n  - ')}`);
}
