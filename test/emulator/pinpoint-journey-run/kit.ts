import {
  CreateEmailTemplateCommand,
  CreateJourneyCommand,
  CreatePushTemplateCommand,
  CreateSmsTemplateCommand,
  GetJourneyCommand,
  GetJourneyExecutionActivityMetricsCommand,
  GetJourneyExecutionMetricsCommand,
  GetJourneyRunExecutionMetricsCommand,
  GetJourneyRunsCommand,
  GetEndpointCommand,
  PutEventsCommand,
  UpdateJourneyStateCommand,
  type Event,
  type JourneyRunResponse,
  type State,
  type WriteJourneyRequest,
} from '@aws-sdk/client-pinpoint';
import { readJson, type StartEmulatorOptions } from '../../helpers/emulator';
import { startDeliveryKit, type DeliveryKit, type OutboxEntry } from '../pinpoint-delivery/kit';

/**
 * Shared by the journey run tests: the delivery tests' kit (an emulator on a frozen clock moved
 * through `/_emulator/clock`, the outbox through `/_emulator/outbox`, apps, endpoints and
 * segments) plus journeys, templates, events and the journey metrics. Every call goes over HTTP.
 */

/** The delivery kit plus journey helpers. */
export interface JourneyKit extends DeliveryKit {
  /** CreateJourney; returns its ID. */
  newJourney(appId: string, request: WriteJourneyRequest): Promise<string>;
  /** UpdateJourneyState; returns the reported state. */
  setState(appId: string, journeyId: string, state: State): Promise<string | undefined>;
  /** GetJourney's State. */
  stateOf(appId: string, journeyId: string): Promise<string | undefined>;
  /** GetJourneyRuns, newest first. */
  runs(appId: string, journeyId: string): Promise<JourneyRunResponse[]>;
  /** GetJourneyExecutionMetrics' Metrics. */
  journeyMetrics(appId: string, journeyId: string): Promise<Record<string, string>>;
  /** GetJourneyRunExecutionMetrics' Metrics for the journey's only run. */
  runMetrics(appId: string, journeyId: string): Promise<Record<string, string>>;
  /** GetJourneyExecutionActivityMetrics' Metrics. */
  activityMetrics(appId: string, journeyId: string, activityId: string): Promise<Record<string, string>>;
  /** The outbox messages of one journey, oldest first. */
  journeyMessages(journeyId: string, activityId?: string): Promise<OutboxEntry[]>;
  /** An email template (account-level) with a subject and text body. */
  emailTemplate(name: string, subject: string, text: string): Promise<void>;
  /** An SMS template. */
  smsTemplate(name: string, body: string): Promise<void>;
  /** A push template (default message). */
  pushTemplate(name: string, title: string, body: string): Promise<void>;
  /** PutEvents for one endpoint. */
  putEvents(appId: string, endpointId: string, events: Record<string, Event>): Promise<void>;
  /** The CohortIds of endpoints (GetEndpoint), by endpoint ID. */
  cohorts(appId: string, endpointIds: readonly string[]): Promise<Map<string, number>>;
  /** POST /_emulator/pinpoint/run. */
  runAll(): Promise<{ now: string; scopes: { accountId: string; region: string }[] }>;
}

/** Starts a journey kit whose clock stands still at `frozenAt` until a test moves it. */
export async function startJourneyKit(frozenAt: string, options: StartEmulatorOptions = {}): Promise<JourneyKit> {
  const kit = await startDeliveryKit(frozenAt, options);
  const { pinpoint } = kit;
  const journeyKit: JourneyKit = {
    ...kit,
    newJourney: async (appId, request) => (await pinpoint.send(new CreateJourneyCommand({ ApplicationId: appId, WriteJourneyRequest: request }))).JourneyResponse!.Id!,
    setState: async (appId, journeyId, state) =>
      (await pinpoint.send(new UpdateJourneyStateCommand({ ApplicationId: appId, JourneyId: journeyId, JourneyStateRequest: { State: state } }))).JourneyResponse!.State,
    stateOf: async (appId, journeyId) => (await pinpoint.send(new GetJourneyCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyResponse!.State,
    runs: async (appId, journeyId) => (await pinpoint.send(new GetJourneyRunsCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyRunsResponse!.Item!,
    journeyMetrics: async (appId, journeyId) =>
      (await pinpoint.send(new GetJourneyExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId }))).JourneyExecutionMetricsResponse!.Metrics!,
    runMetrics: async (appId, journeyId) => {
      const [run] = await journeyKit.runs(appId, journeyId);
      return (await pinpoint.send(new GetJourneyRunExecutionMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, RunId: run.RunId }))).JourneyRunExecutionMetricsResponse!.Metrics!;
    },
    activityMetrics: async (appId, journeyId, activityId) =>
      (await pinpoint.send(new GetJourneyExecutionActivityMetricsCommand({ ApplicationId: appId, JourneyId: journeyId, JourneyActivityId: activityId }))).JourneyExecutionActivityMetricsResponse!.Metrics!,
    journeyMessages: async (journeyId, activityId) =>
      (await kit.outbox()).filter((message) => message.details?.journeyId === journeyId && (activityId === undefined || message.details?.journeyActivityId === activityId)),
    emailTemplate: async (name, subject, text) => void (await pinpoint.send(new CreateEmailTemplateCommand({ TemplateName: name, EmailTemplateRequest: { Subject: subject, TextPart: text } }))),
    smsTemplate: async (name, body) => void (await pinpoint.send(new CreateSmsTemplateCommand({ TemplateName: name, SMSTemplateRequest: { Body: body } }))),
    pushTemplate: async (name, title, body) => void (await pinpoint.send(new CreatePushTemplateCommand({ TemplateName: name, PushNotificationTemplateRequest: { Default: { Title: title, Body: body } } }))),
    putEvents: async (appId, endpointId, events) => {
      const out = await pinpoint.send(new PutEventsCommand({ ApplicationId: appId, EventsRequest: { BatchItem: { [endpointId]: { Endpoint: {}, Events: events } } } }));
      const statuses = Object.values(out.EventsResponse!.Results![endpointId].EventsItemResponse ?? {}).map((item) => item.StatusCode);
      if (statuses.some((status) => status !== 202)) throw new Error(`PutEvents rejected an event: ${JSON.stringify(out.EventsResponse)}`);
    },
    cohorts: async (appId, endpointIds) => {
      const endpoints = await Promise.all(endpointIds.map((id) => pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: id }))));
      return new Map(endpoints.map((out) => [out.EndpointResponse!.Id!, Number(out.EndpointResponse!.CohortId)]));
    },
    runAll: async () => {
      const res = await fetch(`${kit.emulator.endpoint}/_emulator/pinpoint/run`, { method: 'POST' });
      const json = await readJson(res);
      if (res.status !== 200) throw new Error(`POST /_emulator/pinpoint/run answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    },
  };
  return journeyKit;
}

/** `iso` moved by `hours`. */
export function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
}

/** The endpoint IDs of outbox messages, sorted. */
export function endpointsOf(messages: readonly OutboxEntry[]): string[] {
  return messages.map((message) => String(message.details?.endpointId)).sort();
}

/** Every name at '0' except those given. */
export function counts(names: readonly string[], nonZero: Record<string, number>): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(nonZero[name] ?? 0)]));
}

/** The journey execution metric names. */
export const JOURNEY_FIELDS = ['ENDPOINT_ACTIVE', 'CANCELLED', 'ENDPOINT_LEFT', 'ENDPOINT_ENTERED', 'REENTRY_CAP_EXCEEDED', 'ACTIVE_ENDPOINT_REJECTED'] as const;

/** The journey run execution metric names. */
export const RUN_FIELDS = [
  ...JOURNEY_FIELDS,
  'ENDPOINT_PRODUCED', 'ENDPOINTS_FROM_USER', 'ENDPOINT_OPT_OUT', 'ENDPOINT_INACTIVE', 'FILTERED_OUT_BY_SEGMENT', 'ENDPOINT_MISSING_ADDRESS',
  'ENDPOINT_MISSING_CHANNEL', 'ENDPOINT_MISSING_TIMEZONE', 'ENDPOINT_TIMEZONE_MISMATCH', 'DUPLICATE_ENDPOINT', 'DUPLICATE_USER', 'PAUSED', 'ENDED',
] as const;

/** A message activity's metric names. */
export const MESSAGE_FIELDS = ['SUCCESS', 'ENDPOINT_OPT_OUT', 'UNSUPPORTED_CHANNEL', 'PERMANENT_FAILURE', 'CHANNEL_DISABLED', 'QUIET_TIME', 'DAILY_CAP', 'TOTAL_CAP', 'TIMEFRAME_CAP'] as const;
