import { createHash } from 'node:crypto';
import type { DocumentStore } from '@apollo/server';
import { parse, type DocumentNode, type ParseOptions } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Apollo's document store (its cache of parsed and validated documents, by the SHA-256 of their
 * text), kept by the gateway so that admission can fill it: a document a worker has validated is
 * parsed here (linear, about a millisecond for the largest allowed document) and stored, and
 * Apollo then skips validation, whose cost is not linear (graphql-js compares every pair of
 * same-named fields: 550 repeats of one field in a 16 KB document take 70–170 ms).
 */

/** The gateway's document store. */
export interface AdmittedDocumentStore extends DocumentStore {
  /** Whether `query` is stored (parsed and validated before). */
  has(query: string): boolean;
  /** Parses `query` (validated elsewhere, by an admission worker) and stores it; false when it does not parse. */
  admit(query: string): boolean;
}

/** Options of {@link createAdmittedDocumentStore}. */
export interface AdmittedDocumentStoreOptions {
  /** Parser options, as Apollo's (`parseOptions`). */
  readonly parseOptions: ParseOptions;
  /** Approximate bytes of parsed documents kept (default 32 MiB). */
  readonly maxBytes?: number;
}

/**
 * Module-private: bytes of a parsed document per character of its text (AST nodes, locations and
 * tokens), measured on the reference queries; an estimate for the LRU's bound, nothing more.
 */
const AST_BYTES_PER_CHARACTER = 24;

/** Builds the store (an LRU bounded by the approximate size of the parsed documents). */
export function createAdmittedDocumentStore(options: AdmittedDocumentStoreOptions): AdmittedDocumentStore {
  const documents = new LRUCache<string, DocumentNode>({
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (document) => Math.max(1, (document.loc?.end ?? 1_000) * AST_BYTES_PER_CHARACTER),
  });
  // Apollo prefixes its keys with a hash of the schema when the store is the caller's: the part after the last ':' is the document's.
  const hashOfKey = (key: string) => key.slice(key.lastIndexOf(':') + 1);
  const hashOfQuery = (query: string) => createHash('sha256').update(query).digest('hex');
  return {
    async get(key) {
      return documents.get(hashOfKey(key));
    },
    async set(key, document) {
      documents.set(hashOfKey(key), document);
    },
    async delete(key) {
      return documents.delete(hashOfKey(key));
    },
    has: (query) => documents.has(hashOfQuery(query)),
    admit(query) {
      let document: DocumentNode;
      try {
        document = parse(query, options.parseOptions);
      } catch {
        return false;
      }
      documents.set(hashOfQuery(query), document);
      return true;
    },
  };
}
