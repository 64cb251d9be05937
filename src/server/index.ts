/** The server's public entry point (explicit re-exports). */
export { createGatewayServer } from './createGatewayServer';
export type { GatewayServer, GatewayServerOptions } from './createGatewayServer';
export type { DrainReport } from './http/drain';
export { createBrowserAccess, DEFAULT_CORS_ALLOWED_HEADERS } from './http/browserAccess';
export type { BrowserAccessOptions } from './http/browserAccess';
export { createContext } from './context';
export type { ContextDeps, RequestContext, RequestScope } from './context';
export { createFormatError, isUpstreamError, upstreamErrorCode, upstreamErrorDetails } from './errors';
export type { FormatErrorOptions, UpstreamErrorDetails } from './errors';
export { createGraphiqlHandler, GRAPHIQL_ASSET_PREFIX, loadExampleTabs } from './graphiql';
export type { GraphiqlOptions, GraphiqlTab } from './graphiql';
export { checkReadiness, drainingReport, upstreamReadinessChecks, UnreachableCaseError } from './health';
export type { ReadinessCheck, ReadinessCheckResult, ReadinessReport, UpstreamProbeOptions } from './health';
export { createCallerResolver } from './auth/resolveCaller';
export type { CallerResolution, CallerResolver, CallerResolverLogger, CallerResolverOptions } from './auth/resolveCaller';
export { callerResolverOptions, openAuth } from './auth/fromConfig';
export type { AuthSettings, OpenAuthLogger, OpenedAuth } from './auth/fromConfig';
