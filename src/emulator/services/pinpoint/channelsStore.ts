import type { EndpointRequest, ExportJobResource, ImportJobResource, JobStatus } from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../types';
import { ServiceError } from '../../protocol/serviceError';
import { RegionalStore } from '../regionalStore';
import type { AppRecord } from './store';

/**
 * State of the Pinpoint areas kept outside the core store: an app's channels, event stream and
 * import/export jobs, the endpoint lists of IMPORT segments, and the account's recommender
 * configurations. The core store (`store.ts`) is only read here, never changed.
 *
 * Per-app state is keyed by the core's `AppRecord` object, not by its ID: the core keeps one
 * record per app for the app's whole life (it mutates records in place), so deleting an app, or
 * re-seeding one with the same fixed ID, leaves no stale channels or jobs behind.
 */

/** The channel types that have Get/Update/Delete operations (the `ChannelsResponse` map keys). */
export type ChannelKind = 'ADM' | 'APNS' | 'APNS_SANDBOX' | 'APNS_VOIP' | 'APNS_VOIP_SANDBOX' | 'BAIDU' | 'EMAIL' | 'GCM' | 'SMS' | 'VOICE';

/** One configured channel of an app. */
export interface ChannelRecord {
  readonly kind: ChannelKind;
  readonly enabled: boolean;
  /** 1 when the channel is first configured, +1 on every update. */
  readonly version: number;
  readonly creationDate: string;
  readonly lastModifiedDate: string;
  /** The channel's settings as last written, credentials included (responses never echo secrets). */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** An app's event stream (PutEventStream). */
export interface EventStreamRecord {
  readonly destinationStreamArn: string;
  readonly roleArn: string;
  readonly lastModifiedDate: string;
}

/** The outcome counters every import and export job reports. */
export interface JobCounts {
  readonly totalPieces: number;
  readonly completedPieces: number;
  readonly failedPieces: number;
  readonly totalProcessed: number;
  readonly totalFailures: number;
  /** The first 100 failures, as AWS keeps them. */
  readonly failures: readonly string[];
}

/** A finished import job (the emulator runs jobs to completion when they are created). */
export interface ImportJobRecord {
  readonly id: string;
  readonly creationDate: string;
  readonly completionDate: string;
  readonly status: Extract<JobStatus, 'COMPLETED' | 'FAILED'>;
  readonly definition: ImportJobResource;
  readonly counts: JobCounts;
}

/** A finished export job. */
export interface ExportJobRecord {
  readonly id: string;
  readonly creationDate: string;
  readonly completionDate: string;
  readonly status: Extract<JobStatus, 'COMPLETED' | 'FAILED'>;
  readonly definition: ExportJobResource;
  readonly counts: JobCounts;
}

/** An endpoint definition an import job added to an IMPORT segment. */
export type ImportedEndpoint = EndpointRequest & { readonly Id: string };

/** Everything this module keeps for one app. Maps keep insertion order, which is creation order. */
export interface AppExtras {
  readonly channels: Map<ChannelKind, ChannelRecord>;
  eventStream?: EventStreamRecord;
  readonly importJobs: Map<string, ImportJobRecord>;
  readonly exportJobs: Map<string, ExportJobRecord>;
  /** IMPORT segment ID → its imported endpoints, keyed by lower-cased endpoint ID. */
  readonly importedMembers: Map<string, Map<string, ImportedEndpoint>>;
}

/** An account-level recommender model configuration. */
export interface RecommenderRecord {
  readonly id: string;
  readonly creationDate: string;
  readonly lastModifiedDate: string;
  readonly name?: string;
  readonly description?: string;
  readonly providerUri: string;
  readonly providerRoleArn: string;
  readonly transformerUri?: string;
  readonly recommendationsPerMessage: number;
  readonly providerIdType: string;
  readonly displayName?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** One account's state in one region. */
export interface ChannelsState {
  readonly apps: WeakMap<AppRecord, AppExtras>;
  readonly recommenders: Map<string, RecommenderRecord>;
}

/** Channels, event streams, jobs and recommenders per account and region. */
export class ChannelsStore {
  private readonly regional = new RegionalStore<ChannelsState>(() => ({ apps: new WeakMap(), recommenders: new Map() }));

  /** The state of the calling account in the request's region. */
  forRequest(ctx: Pick<RequestContext, 'accountId' | 'region'>): ChannelsState {
    return this.regional.get(ctx.accountId, ctx.region);
  }

  /** The state of one account in one region. */
  get(accountId: string, region: string): ChannelsState {
    return this.regional.get(accountId, region);
  }

  /** This module's state of one app (which must come from the core store of the same scope), created empty on first use. */
  appExtras(ctx: Pick<RequestContext, 'accountId' | 'region'>, app: AppRecord): AppExtras {
    return extrasOf(this.forRequest(ctx), app);
  }

  /** Forget every account and region. */
  clear(): void {
    this.regional.clear();
  }

  /** The store behind this one, for the emulator's state file (`stateParts.ts` snapshots and restores it). */
  regions(): RegionalStore<ChannelsState> {
    return this.regional;
  }
}

/** The extras of `app` in `state`, created empty on first use. */
export function extrasOf(state: ChannelsState, app: AppRecord): AppExtras {
  let extras = state.apps.get(app);
  if (extras === undefined) {
    extras = { channels: new Map(), importJobs: new Map(), exportJobs: new Map(), importedMembers: new Map() };
    state.apps.set(app, extras);
  }
  return extras;
}

/** The configured channel, or 404 (AWS answers NotFoundException for a channel that was never enabled). */
export function requireChannel(app: AppRecord, extras: AppExtras, kind: ChannelKind): ChannelRecord {
  const channel = extras.channels.get(kind);
  if (!channel) throw missing(`Resource not found: the ${kind} channel of application '${app.id}' is not configured`);
  return channel;
}

/** The app's event stream, or 404. */
export function requireEventStream(app: AppRecord, extras: AppExtras): EventStreamRecord {
  if (!extras.eventStream) throw missing(`Resource not found: application '${app.id}' has no event stream`);
  return extras.eventStream;
}

/** The import job, or 404. */
export function requireImportJob(extras: AppExtras, jobId: string): ImportJobRecord {
  const job = extras.importJobs.get(jobId);
  if (!job) throw missing(`Resource not found: Import job '${jobId}' does not exist`);
  return job;
}

/** The export job, or 404. */
export function requireExportJob(extras: AppExtras, jobId: string): ExportJobRecord {
  const job = extras.exportJobs.get(jobId);
  if (!job) throw missing(`Resource not found: Export job '${jobId}' does not exist`);
  return job;
}

/** The recommender configuration, or 404. */
export function requireRecommender(state: ChannelsState, recommenderId: string): RecommenderRecord {
  const recommender = state.recommenders.get(recommenderId);
  if (!recommender) throw missing(`Resource not found: Recommender configuration '${recommenderId}' does not exist`);
  return recommender;
}

/** Module-private: the core's not-found wording ("Resource not found: …") for this module's resources. */
function missing(message: string): ServiceError {
  return new ServiceError('NotFoundException', message);
}
