import {
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  GetCampaignActivitiesCommand,
  GetCampaignCommand,
  GetCampaignDateRangeKpiCommand,
  UpdateEndpointsBatchCommand,
  type ActivityResponse,
  type EndpointBatchItem,
  type WriteCampaignRequest,
  type WriteSegmentRequest,
} from '@aws-sdk/client-pinpoint';
import { readJson, startEmulator, type StartedEmulator, type StartEmulatorOptions } from '../../helpers/emulator';

/**
 * Shared by the Pinpoint delivery tests: an emulator on a frozen clock that tests move through
 * `/_emulator/clock`, the outbox read through `/_emulator/outbox`, and small factories for apps,
 * endpoints, segments and campaigns. Every call goes over HTTP (the real PinpointClient, or fetch
 * for the admin API).
 */

/** A started emulator plus the admin calls the delivery tests use. */
export interface DeliveryKit extends StartedEmulator {
  /** POST /_emulator/clock {advanceSeconds}. */
  advance(seconds: number): Promise<void>;
  /** POST /_emulator/clock {set}. */
  setClock(iso: string): Promise<void>;
  /** GET /_emulator/clock's `now`. */
  now(): Promise<string>;
  /** GET /_emulator/outbox?service=pinpoint plus `query`. */
  outbox(query?: Record<string, string>): Promise<OutboxEntry[]>;
  /** POST /_emulator/pinpoint/campaigns/run. */
  runCampaigns(): Promise<{ now: string; scopes: { accountId: string; region: string }[] }>;
  /** A new app with a unique name; returns its ID. */
  newApp(name: string): Promise<string>;
  /** UpdateEndpointsBatch. */
  putEndpoints(appId: string, items: EndpointBatchItem[]): Promise<void>;
  /** CreateSegment; returns its ID. */
  newSegment(appId: string, request: WriteSegmentRequest): Promise<string>;
  /** CreateCampaign; returns its ID. */
  newCampaign(appId: string, request: WriteCampaignRequest): Promise<string>;
  /** GetCampaign's State.CampaignStatus. */
  status(appId: string, campaignId: string): Promise<string | undefined>;
  /** GetCampaignActivities, oldest first. */
  activities(appId: string, campaignId: string): Promise<ActivityResponse[]>;
  /** The value of a campaign KPI without grouping (undefined when Rows is empty). */
  campaignKpi(appId: string, campaignId: string, kpiName: string): Promise<string | undefined>;
  /** The outbox messages of one campaign, as `endpointId → message`. */
  campaignMessages(campaignId: string): Promise<Map<string, OutboxEntry>>;
}

/** An outbox message as `GET /_emulator/outbox` serializes it. */
export interface OutboxEntry {
  messageId: string;
  service: string;
  channel: string;
  origination: string;
  destination: string;
  body: string;
  messageType?: string;
  context?: Record<string, string>;
  accountId: string;
  region: string;
  sentAt: string;
  details?: Record<string, any>;
}

/** Starts an emulator whose clock stands still at `frozenAt` until a test moves it. */
export async function startDeliveryKit(frozenAt: string, options: StartEmulatorOptions = {}): Promise<DeliveryKit> {
  const base = new Date(frozenAt);
  const stack = await startEmulator({ clock: { now: () => base }, ...options });
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${stack.emulator.endpoint}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await readJson(res);
    if (res.status !== 200) throw new Error(`${method} /_emulator/${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };
  let apps = 0;
  const kit: DeliveryKit = {
    ...stack,
    advance: async (seconds) => void (await admin('POST', 'clock', { advanceSeconds: seconds })),
    setClock: async (iso) => void (await admin('POST', 'clock', { set: iso })),
    now: async () => (await admin('GET', 'clock')).now,
    outbox: async (query = {}) => (await admin('GET', `outbox?${new URLSearchParams({ service: 'pinpoint', ...query }).toString()}`)).messages,
    runCampaigns: async () => admin('POST', 'pinpoint/campaigns/run'),
    newApp: async (name) => {
      apps += 1;
      return (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: `${name}-${apps}` } }))).ApplicationResponse!.Id!;
    },
    putEndpoints: async (appId, items) => {
      for (let start = 0; start < items.length; start += 100) {
        await stack.pinpoint.send(new UpdateEndpointsBatchCommand({ ApplicationId: appId, EndpointBatchRequest: { Item: items.slice(start, start + 100) } }));
      }
    },
    newSegment: async (appId, request) => (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: request }))).SegmentResponse!.Id!,
    newCampaign: async (appId, request) => (await stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: request }))).CampaignResponse!.Id!,
    status: async (appId, campaignId) => (await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: campaignId }))).CampaignResponse!.State?.CampaignStatus,
    activities: async (appId, campaignId) =>
      [...((await stack.pinpoint.send(new GetCampaignActivitiesCommand({ ApplicationId: appId, CampaignId: campaignId }))).ActivitiesResponse!.Item ?? [])].reverse(),
    campaignKpi: async (appId, campaignId, kpiName) => {
      const out = await stack.pinpoint.send(new GetCampaignDateRangeKpiCommand({ ApplicationId: appId, CampaignId: campaignId, KpiName: kpiName }));
      return out.CampaignDateRangeKpiResponse!.KpiResult!.Rows![0]?.Values![0].Value;
    },
    campaignMessages: async (campaignId) => {
      const messages = (await kit.outbox()).filter((message) => message.details?.campaignId === campaignId);
      return new Map(messages.map((message) => [String(message.details?.endpointId), message]));
    },
  };
  return kit;
}

/** An email endpoint with a user, for the batch. */
export function emailEndpoint(id: string, fields: Partial<EndpointBatchItem> = {}): EndpointBatchItem {
  return { Id: id, ChannelType: 'EMAIL', Address: `${id}@example.com`, ...fields };
}

/** The endpoint IDs of a map's keys, sorted. */
export function sortedKeys(map: Map<string, unknown>): string[] {
  return [...map.keys()].sort();
}
