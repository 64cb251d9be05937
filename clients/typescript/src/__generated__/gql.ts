/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ListApps($first: Int!, $after: String) {\n  apps(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      applicationId\n      name\n      creationDate\n    }\n  }\n}": typeof types.ListAppsDocument,
    "query AppCampaigns($applicationId: ID!, $first: Int!, $after: String) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaigns(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        campaignId\n        name\n        state\n        segmentId\n      }\n    }\n  }\n}\n\nquery CampaignKpi($applicationId: ID!, $campaignId: ID!, $name: KpiName!, $startTime: DateTime!, $endTime: DateTime!) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaign(id: $campaignId) {\n      campaignId\n      name\n      kpi(name: $name, startTime: $startTime, endTime: $endTime) {\n        kpiName\n        startTime\n        endTime\n        rows {\n          groupedBy {\n            key\n            type\n            value\n            rawValue\n          }\n          values {\n            key\n            type\n            value\n            rawValue\n          }\n        }\n      }\n    }\n  }\n}": typeof types.AppCampaignsDocument,
    "query ListPhoneNumbers($first: Int!, $after: String) {\n  phoneNumbers(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      phoneNumberId\n      phoneNumber\n      status\n      isoCountryCode\n      messageType\n      numberType\n      numberCapabilities\n      optOutListName\n      pool {\n        poolId\n      }\n    }\n  }\n}\n\nmutation SendTextMessage($input: SendTextMessageInput!) {\n  sendTextMessage(input: $input) {\n    messageId\n  }\n}": typeof types.ListPhoneNumbersDocument,
};
const documents: Documents = {
    "query ListApps($first: Int!, $after: String) {\n  apps(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      applicationId\n      name\n      creationDate\n    }\n  }\n}": types.ListAppsDocument,
    "query AppCampaigns($applicationId: ID!, $first: Int!, $after: String) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaigns(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        campaignId\n        name\n        state\n        segmentId\n      }\n    }\n  }\n}\n\nquery CampaignKpi($applicationId: ID!, $campaignId: ID!, $name: KpiName!, $startTime: DateTime!, $endTime: DateTime!) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaign(id: $campaignId) {\n      campaignId\n      name\n      kpi(name: $name, startTime: $startTime, endTime: $endTime) {\n        kpiName\n        startTime\n        endTime\n        rows {\n          groupedBy {\n            key\n            type\n            value\n            rawValue\n          }\n          values {\n            key\n            type\n            value\n            rawValue\n          }\n        }\n      }\n    }\n  }\n}": types.AppCampaignsDocument,
    "query ListPhoneNumbers($first: Int!, $after: String) {\n  phoneNumbers(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      phoneNumberId\n      phoneNumber\n      status\n      isoCountryCode\n      messageType\n      numberType\n      numberCapabilities\n      optOutListName\n      pool {\n        poolId\n      }\n    }\n  }\n}\n\nmutation SendTextMessage($input: SendTextMessageInput!) {\n  sendTextMessage(input: $input) {\n    messageId\n  }\n}": types.ListPhoneNumbersDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListApps($first: Int!, $after: String) {\n  apps(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      applicationId\n      name\n      creationDate\n    }\n  }\n}"): (typeof documents)["query ListApps($first: Int!, $after: String) {\n  apps(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      applicationId\n      name\n      creationDate\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AppCampaigns($applicationId: ID!, $first: Int!, $after: String) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaigns(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        campaignId\n        name\n        state\n        segmentId\n      }\n    }\n  }\n}\n\nquery CampaignKpi($applicationId: ID!, $campaignId: ID!, $name: KpiName!, $startTime: DateTime!, $endTime: DateTime!) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaign(id: $campaignId) {\n      campaignId\n      name\n      kpi(name: $name, startTime: $startTime, endTime: $endTime) {\n        kpiName\n        startTime\n        endTime\n        rows {\n          groupedBy {\n            key\n            type\n            value\n            rawValue\n          }\n          values {\n            key\n            type\n            value\n            rawValue\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query AppCampaigns($applicationId: ID!, $first: Int!, $after: String) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaigns(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        campaignId\n        name\n        state\n        segmentId\n      }\n    }\n  }\n}\n\nquery CampaignKpi($applicationId: ID!, $campaignId: ID!, $name: KpiName!, $startTime: DateTime!, $endTime: DateTime!) {\n  app(id: $applicationId) {\n    applicationId\n    name\n    campaign(id: $campaignId) {\n      campaignId\n      name\n      kpi(name: $name, startTime: $startTime, endTime: $endTime) {\n        kpiName\n        startTime\n        endTime\n        rows {\n          groupedBy {\n            key\n            type\n            value\n            rawValue\n          }\n          values {\n            key\n            type\n            value\n            rawValue\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListPhoneNumbers($first: Int!, $after: String) {\n  phoneNumbers(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      phoneNumberId\n      phoneNumber\n      status\n      isoCountryCode\n      messageType\n      numberType\n      numberCapabilities\n      optOutListName\n      pool {\n        poolId\n      }\n    }\n  }\n}\n\nmutation SendTextMessage($input: SendTextMessageInput!) {\n  sendTextMessage(input: $input) {\n    messageId\n  }\n}"): (typeof documents)["query ListPhoneNumbers($first: Int!, $after: String) {\n  phoneNumbers(first: $first, after: $after) {\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    nodes {\n      id\n      phoneNumberId\n      phoneNumber\n      status\n      isoCountryCode\n      messageType\n      numberType\n      numberCapabilities\n      optOutListName\n      pool {\n        poolId\n      }\n    }\n  }\n}\n\nmutation SendTextMessage($input: SendTextMessageInput!) {\n  sendTextMessage(input: $input) {\n    messageId\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;