/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CampaignStatus =
  | 'COMPLETED'
  | 'DELETED'
  | 'EXECUTING'
  | 'INVALID'
  | 'PAUSED'
  | 'PENDING_NEXT_RUN'
  | 'SCHEDULED';

export type DestinationCountryParameterInput = {
  key: DestinationCountryParameterKey;
  value: string;
};

/** Country-specific registration parameters of a message (SDK `DestinationCountryParameterKey`). */
export type DestinationCountryParameterKey =
  | 'IN_ENTITY_ID'
  | 'IN_TEMPLATE_ID';

/**
 * The standard Pinpoint date-range metrics of applications and campaigns (the Amazon Pinpoint
 * Developer Guide's list, April 2023), as enum values: SUCCESSFUL_DELIVERY_RATE is the upstream
 * kpi-name `successful-delivery-rate`. Each value says where upstream accepts it.
 */
export type KpiName =
  /** Messages sent, grouped by campaign run (`attempted-deliveries-grouped-by-campaign-activity`; campaign). */
  | 'ATTEMPTED_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Links clicked, grouped by campaign run (`clicks-grouped-by-campaign-activity`; campaign). */
  | 'CLICKS_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Emails opened, grouped by campaign run (`direct-email-opens-grouped-by-campaign-activity`; campaign). */
  | 'DIRECT_EMAIL_OPENS_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Total push opened, grouped by campaign run (`direct-push-opens-grouped-by-campaign-activity`; campaign). */
  | 'DIRECT_PUSH_OPENS_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Email open rate (`email-open-rate`; application and campaign). */
  | 'EMAIL_OPEN_RATE'
  /** Email open rate, grouped by campaign (`email-open-rate-grouped-by-campaign`; application). */
  | 'EMAIL_OPEN_RATE_GROUPED_BY_CAMPAIGN'
  /** Email open rate, grouped by campaign run (`email-open-rate-grouped-by-campaign-activity`; campaign). */
  | 'EMAIL_OPEN_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Bounce rate (`hard-bounce-rate`; campaign). */
  | 'HARD_BOUNCE_RATE'
  /** Bounce rate, grouped by campaign run (`hard-bounce-rate-grouped-by-campaign-activity`; campaign). */
  | 'HARD_BOUNCE_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Push open rate (`push-open-rate`; application and campaign). */
  | 'PUSH_OPEN_RATE'
  /** Push open rate, grouped by campaign (`push-open-rate-grouped-by-campaign`; application). */
  | 'PUSH_OPEN_RATE_GROUPED_BY_CAMPAIGN'
  /** Push open rate, grouped by campaign run (`push-open-rate-grouped-by-campaign-activity`; campaign). */
  | 'PUSH_OPEN_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Total SMS spend (`sms-spend`; campaign). */
  | 'SMS_SPEND'
  /** Messages delivered, grouped by campaign (`successful-deliveries-grouped-by-campaign`; application). */
  | 'SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN'
  /** Messages delivered, grouped by campaign run (`successful-deliveries-grouped-by-campaign-activity`; campaign). */
  | 'SUCCESSFUL_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Delivery rate (`successful-delivery-rate`; application and campaign). */
  | 'SUCCESSFUL_DELIVERY_RATE'
  /** Delivery rate, grouped by campaign run (`successful-delivery-rate-grouped-by-campaign-activity`; campaign). */
  | 'SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Delivery rate, grouped by date (`successful-delivery-rate-grouped-by-date`; application and campaign). */
  | 'SUCCESSFUL_DELIVERY_RATE_GROUPED_BY_DATE'
  /** Clicks (`txn-emails-clicked`; application). */
  | 'TXN_EMAILS_CLICKED'
  /** Clicks, grouped by date (`txn-emails-clicked-grouped-by-date`; application). */
  | 'TXN_EMAILS_CLICKED_GROUPED_BY_DATE'
  /** Complaint rate (`txn-emails-complaint-rate`; application). */
  | 'TXN_EMAILS_COMPLAINT_RATE'
  /** Complaint rate, grouped by date (`txn-emails-complaint-rate-grouped-by-date`; application). */
  | 'TXN_EMAILS_COMPLAINT_RATE_GROUPED_BY_DATE'
  /** Deliveries (`txn-emails-delivered`; application). */
  | 'TXN_EMAILS_DELIVERED'
  /** Deliveries, grouped by date (`txn-emails-delivered-grouped-by-date`; application). */
  | 'TXN_EMAILS_DELIVERED_GROUPED_BY_DATE'
  /** Delivery rate (`txn-emails-delivery-rate`; application). */
  | 'TXN_EMAILS_DELIVERY_RATE'
  /** Delivery rate, grouped by date (`txn-emails-delivery-rate-grouped-by-date`; application). */
  | 'TXN_EMAILS_DELIVERY_RATE_GROUPED_BY_DATE'
  /** Hard bounces (`txn-emails-hard-bounced`; application). */
  | 'TXN_EMAILS_HARD_BOUNCED'
  /** Hard bounces, grouped by date (`txn-emails-hard-bounced-grouped-by-date`; application). */
  | 'TXN_EMAILS_HARD_BOUNCED_GROUPED_BY_DATE'
  /** Opens (`txn-emails-opened`; application). */
  | 'TXN_EMAILS_OPENED'
  /** Opens, grouped by date (`txn-emails-opened-grouped-by-date`; application). */
  | 'TXN_EMAILS_OPENED_GROUPED_BY_DATE'
  /** Sends (`txn-emails-sent`; application). */
  | 'TXN_EMAILS_SENT'
  /** Sends, grouped by date (`txn-emails-sent-grouped-by-date`; application). */
  | 'TXN_EMAILS_SENT_GROUPED_BY_DATE'
  /** Soft bounces (`txn-emails-soft-bounced`; application). */
  | 'TXN_EMAILS_SOFT_BOUNCED'
  /** Soft bounces, grouped by date (`txn-emails-soft-bounced-grouped-by-date`; application). */
  | 'TXN_EMAILS_SOFT_BOUNCED_GROUPED_BY_DATE'
  /** Unique user click events (`txn-emails-unique-clicks`; application). */
  | 'TXN_EMAILS_UNIQUE_CLICKS'
  /** Unique user click events, grouped by date (`txn-emails-unique-clicks-grouped-by-date`; application). */
  | 'TXN_EMAILS_UNIQUE_CLICKS_GROUPED_BY_DATE'
  /** Unique user open events (`txn-emails-unique-opens`; application). */
  | 'TXN_EMAILS_UNIQUE_OPENS'
  /** Unique user open events, grouped by date (`txn-emails-unique-opens-grouped-by-date`; application). */
  | 'TXN_EMAILS_UNIQUE_OPENS_GROUPED_BY_DATE'
  /** Complaints (`txn-emails-with-complaints`; application). */
  | 'TXN_EMAILS_WITH_COMPLAINTS'
  /** Complaints, grouped by date (`txn-emails-with-complaints-grouped-by-date`; application). */
  | 'TXN_EMAILS_WITH_COMPLAINTS_GROUPED_BY_DATE'
  /** Average price per message part, grouped by country (`txn-sms-average-price-by-parts-grouped-by-country`; application). */
  | 'TXN_SMS_AVERAGE_PRICE_BY_PARTS_GROUPED_BY_COUNTRY'
  /** Average price per message, grouped by country (`txn-sms-average-price-grouped-by-country`; application). */
  | 'TXN_SMS_AVERAGE_PRICE_GROUPED_BY_COUNTRY'
  /** Deliveries (`txn-sms-delivered`; application). */
  | 'TXN_SMS_DELIVERED'
  /** Message parts delivered (`txn-sms-delivered-by-parts`; application). */
  | 'TXN_SMS_DELIVERED_BY_PARTS'
  /** Message parts delivered, grouped by country (`txn-sms-delivered-by-parts-grouped-by-country`; application). */
  | 'TXN_SMS_DELIVERED_BY_PARTS_GROUPED_BY_COUNTRY'
  /** Deliveries, grouped by country (`txn-sms-delivered-grouped-by-country`; application). */
  | 'TXN_SMS_DELIVERED_GROUPED_BY_COUNTRY'
  /** Deliveries, grouped by date (`txn-sms-delivered-grouped-by-date`; application). */
  | 'TXN_SMS_DELIVERED_GROUPED_BY_DATE'
  /** Delivery rate (`txn-sms-delivery-rate`; application). */
  | 'TXN_SMS_DELIVERY_RATE'
  /** Delivery rate, grouped by date (`txn-sms-delivery-rate-grouped-by-date`; application). */
  | 'TXN_SMS_DELIVERY_RATE_GROUPED_BY_DATE'
  /** Delivery errors (`txn-sms-error-distribution`; application). */
  | 'TXN_SMS_ERROR_DISTRIBUTION'
  /** Messages sent (`txn-sms-sent`; application). */
  | 'TXN_SMS_SENT'
  /** Message parts sent (`txn-sms-sent-by-parts`; application). */
  | 'TXN_SMS_SENT_BY_PARTS'
  /** Message parts sent, grouped by country (`txn-sms-sent-by-parts-grouped-by-country`; application). */
  | 'TXN_SMS_SENT_BY_PARTS_GROUPED_BY_COUNTRY'
  /** Messages sent, grouped by country (`txn-sms-sent-grouped-by-country`; application). */
  | 'TXN_SMS_SENT_GROUPED_BY_COUNTRY'
  /** Messages sent, grouped by date (`txn-sms-sent-grouped-by-date`; application). */
  | 'TXN_SMS_SENT_GROUPED_BY_DATE'
  /** Total price, grouped by country (`txn-sms-total-price-grouped-by-country`; application). */
  | 'TXN_SMS_TOTAL_PRICE_GROUPED_BY_COUNTRY'
  /** Endpoint deliveries (`unique-deliveries`; application and campaign). */
  | 'UNIQUE_DELIVERIES'
  /** Endpoint deliveries, grouped by campaign (`unique-deliveries-grouped-by-campaign`; application). */
  | 'UNIQUE_DELIVERIES_GROUPED_BY_CAMPAIGN'
  /** Endpoint deliveries, grouped by campaign run (`unique-deliveries-grouped-by-campaign-activity`; campaign). */
  | 'UNIQUE_DELIVERIES_GROUPED_BY_CAMPAIGN_ACTIVITY'
  /** Endpoint deliveries, grouped by date (`unique-deliveries-grouped-by-date`; application and campaign). */
  | 'UNIQUE_DELIVERIES_GROUPED_BY_DATE';

/** What an origination phone number can send (SDK `NumberCapability`). */
export type NumberCapability =
  | 'MMS'
  | 'RCS'
  | 'SMS'
  | 'VOICE';

/** The state of a phone number (SDK `NumberStatus`). */
export type PhoneNumberStatus =
  | 'ACTIVE'
  | 'ASSOCIATING'
  | 'DELETED'
  | 'DISASSOCIATING'
  | 'PENDING';

/** The kind of a phone number (SDK `NumberType`). */
export type PhoneNumberType =
  | 'LONG_CODE'
  | 'SHORT_CODE'
  | 'SIMULATOR'
  | 'TEN_DLC'
  | 'TOLL_FREE';

export type SendTextMessageInput = {
  /** Name or ARN. */
  configurationSetName?: string | null | undefined;
  /** Up to 5 key-value pairs passed to the configuration set's event destinations. */
  context?: Array<SmsVoiceContextEntryInput> | null | undefined;
  destinationCountryParameters?: Array<DestinationCountryParameterInput> | null | undefined;
  /** The recipient in E.164 format. */
  destinationPhoneNumber: string;
  /** Checks the message without sending or charging it. */
  dryRun?: boolean | null | undefined;
  /** A keyword registered with the origination identity, for carriers that require one. */
  keyword?: string | null | undefined;
  /** The most to pay per message part, in USD (e.g. "0.02"). */
  maxPrice?: string | null | undefined;
  /** At most 1600 characters. */
  messageBody: string;
  messageType?: SmsVoiceMessageType | null | undefined;
  /** E.164 number, PhoneNumberId/ARN, SenderId/ARN or PoolId/ARN; AWS picks one when absent. */
  originationIdentity?: string | null | undefined;
  /** Seconds the message may wait for delivery (5-259200; default 72 hours). */
  timeToLive?: number | null | undefined;
};

/** A key-value pair passed with a message to the configuration set's event destinations (`Context`). */
export type SmsVoiceContextEntryInput = {
  key: string;
  value: string;
};

/** Whether messages are TRANSACTIONAL (critical or time-sensitive) or PROMOTIONAL (SDK `MessageType`). */
export type SmsVoiceMessageType =
  | 'PROMOTIONAL'
  | 'TRANSACTIONAL';

export type ListAppsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ListAppsQuery = { apps: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, applicationId: string, name: string, creationDate: string | null }> } };

export type AppCampaignsQueryVariables = Exact<{
  applicationId: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type AppCampaignsQuery = { app: { applicationId: string, name: string, campaigns: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, campaignId: string, name: string | null, state: CampaignStatus | null, segmentId: string }> } } | null };

export type CampaignKpiQueryVariables = Exact<{
  applicationId: string | number;
  campaignId: string | number;
  name: KpiName;
  startTime: string;
  endTime: string;
}>;


export type CampaignKpiQuery = { app: { applicationId: string, name: string, campaign: { campaignId: string, name: string | null, kpi: { kpiName: KpiName, startTime: string, endTime: string, rows: Array<{ groupedBy: Array<{ key: string, type: string, value: number | null, rawValue: string }>, values: Array<{ key: string, type: string, value: number | null, rawValue: string }> }> } } | null } | null };

export type ListPhoneNumbersQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type ListPhoneNumbersQuery = { phoneNumbers: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, phoneNumberId: string, phoneNumber: string, status: PhoneNumberStatus, isoCountryCode: string, messageType: SmsVoiceMessageType, numberType: PhoneNumberType, numberCapabilities: Array<NumberCapability>, optOutListName: string, pool: { poolId: string } | null }> } };

export type SendTextMessageMutationVariables = Exact<{
  input: SendTextMessageInput;
}>;


export type SendTextMessageMutation = { sendTextMessage: { messageId: string } };


export const ListAppsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListApps"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apps"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"creationDate"}}]}}]}}]}}]} as unknown as DocumentNode<ListAppsQuery, ListAppsQueryVariables>;
export const AppCampaignsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AppCampaigns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"app"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"campaigns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"campaignId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"segmentId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AppCampaignsQuery, AppCampaignsQueryVariables>;
export const CampaignKpiDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignKpi"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"KpiName"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"startTime"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endTime"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"app"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"applicationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applicationId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"campaign"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"campaignId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kpi"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"startTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"startTime"}}},{"kind":"Argument","name":{"kind":"Name","value":"endTime"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kpiName"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"rawValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"values"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"rawValue"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CampaignKpiQuery, CampaignKpiQueryVariables>;
export const ListPhoneNumbersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ListPhoneNumbers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phoneNumbers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumberId"}},{"kind":"Field","name":{"kind":"Name","value":"phoneNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isoCountryCode"}},{"kind":"Field","name":{"kind":"Name","value":"messageType"}},{"kind":"Field","name":{"kind":"Name","value":"numberType"}},{"kind":"Field","name":{"kind":"Name","value":"numberCapabilities"}},{"kind":"Field","name":{"kind":"Name","value":"optOutListName"}},{"kind":"Field","name":{"kind":"Name","value":"pool"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"poolId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ListPhoneNumbersQuery, ListPhoneNumbersQueryVariables>;
export const SendTextMessageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendTextMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendTextMessageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendTextMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageId"}}]}}]}}]} as unknown as DocumentNode<SendTextMessageMutation, SendTextMessageMutationVariables>;