/**
 * Trusted documents: the registry of documents a gateway in `TRUSTED_DOCUMENTS=required` mode
 * runs (files or Redis), the check the HTTP adapter makes before Apollo parses a request, and the
 * APQ cache wiring. Used by `server/createGatewayServer.ts` and `scripts/documents.ts`.
 */
export { checkDocuments, DocumentFileError, documentHash, isDocumentHash, readDocumentFile, trustedDocument } from './documents';
export type { TrustedDocument } from './documents';
export { graphiqlIntrospectionQueries } from './graphiqlIntrospection';
export { createFileDocumentStore, createRedisDocumentStore, DEFAULT_TRUSTED_DOCUMENTS_FILE, trustedDocumentsRedisKey } from './store';
export type { RedisDocumentStoreOptions, TrustedDocumentStore } from './store';
export { createDocumentTrust, TRUSTED_DOCUMENTS_MODES } from './trust';
export type { DocumentTrust, DocumentTrustOptions, GraphQLHttpRequestParts, TrustedDocumentsMode } from './trust';
