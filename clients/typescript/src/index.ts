/**
 * `@pinpoint-graph/client`: a typed client of the pinpoint-graph gateway for services.
 *
 * ```ts
 * import { createGatewayClient, ListAppsDocument } from '@pinpoint-graph/client';
 * const gateway = createGatewayClient({ url: 'https://gateway.internal/graphql', apiKey: process.env.GATEWAY_API_KEY });
 * const { apps } = await gateway.request(ListAppsDocument, { first: 50 });
 * ```
 */
export { createGatewayClient } from './client';
export type { GatewayClient, GatewayClientOptions, RequestOptions, RetryEvent } from './client';
export { CLIENT_ERROR_CODES, GATEWAY_ERROR_CODES, GatewayError, isGatewayError } from './errors';
export type { ClientErrorCode, GatewayErrorCode, GatewayErrorInit, GatewayResult } from './errors';
// The package's typed documents and their types (generated from src/operations/*.graphql).
export {
  AppCampaignsDocument,
  CampaignKpiDocument,
  ListAppsDocument,
  ListPhoneNumbersDocument,
  SendTextMessageDocument,
} from './__generated__/graphql';
export type {
  AppCampaignsQuery,
  AppCampaignsQueryVariables,
  CampaignKpiQuery,
  CampaignKpiQueryVariables,
  CampaignStatus,
  KpiName,
  ListAppsQuery,
  ListAppsQueryVariables,
  ListPhoneNumbersQuery,
  ListPhoneNumbersQueryVariables,
  NumberCapability,
  PhoneNumberStatus,
  PhoneNumberType,
  SendTextMessageInput,
  SendTextMessageMutation,
  SendTextMessageMutationVariables,
  SmsVoiceMessageType,
} from './__generated__/graphql';
// The document type, for helpers that take any of the documents above (add operations in src/operations/, then `npm run codegen`).
export type { TypedDocumentNode } from '@graphql-typed-document-node/core';
