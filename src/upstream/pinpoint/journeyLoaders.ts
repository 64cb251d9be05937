import type DataLoader from 'dataloader';
import {
  CreateJourneyCommand,
  DeleteJourneyCommand,
  GetJourneyCommand,
  GetJourneyExecutionActivityMetricsCommand,
  GetJourneyExecutionMetricsCommand,
  GetJourneyRunExecutionActivityMetricsCommand,
  GetJourneyRunExecutionMetricsCommand,
  GetJourneyRunsCommand,
  ListJourneysCommand,
  UpdateJourneyCommand,
  UpdateJourneyStateCommand,
  type JourneyResponse,
} from '@aws-sdk/client-pinpoint';
import type { ReadPlanHolder } from '../readPlan';
import { cacheKey, fanOut, listedOrRead, ObservedLoader, page, required, sizedPages, type SizedPages, type AppPageKey, type Page, type PageKey, type LoaderModeOptions, type PinpointSend } from './loaderKit';
import type { JourneyActivityExecutionMetricsModel, JourneyExecutionMetricsModel, JourneyModel, JourneyRunModel, WriteJourneyRequestModel } from './models';

/**
 * Per-request loaders and writes of journeys (ListJourneys, GetJourney, runs and the four
 * execution-metric operations). Journeys are scoped by project, so every key carries the
 * application ID; the list primes the by-ID loader. The metric operations return one page each
 * (upstream: paging "is not supported" for them), so each costs exactly one call per key.
 */

/** A journey. */
export interface JourneyKey {
  readonly applicationId: string;
  readonly journeyId: string;
}

/** Which page of a journey's runs. */
export interface JourneyPageKey extends JourneyKey, PageKey {}

/** One run of a journey. */
export interface JourneyRunKey extends JourneyKey {
  readonly runId: string;
}

/** One activity of a journey (its key in the journey's `Activities` map). */
export interface JourneyActivityKey extends JourneyKey {
  readonly activityId: string;
}

/** One activity in one run of a journey. */
export interface JourneyRunActivityKey extends JourneyRunKey {
  readonly activityId: string;
}

/** The states UpdateJourneyState accepts (seed 002, JourneyStateRequest). */
export type JourneyStateChange = 'ACTIVE' | 'PAUSED' | 'CANCELLED';

/** Journey loaders and writes (part of `PinpointUpstream`). */
export interface JourneyUpstream {
  /** ListJourneys pages; primes `journey`. */
  readonly journeys: SizedPages<AppPageKey, JourneyModel>;
  /** GetJourney. */
  readonly journey: DataLoader<JourneyKey, JourneyModel, string>;
  /** GetJourneyRuns pages (most recent run first, as upstream orders them). */
  readonly journeyRuns: SizedPages<JourneyPageKey, JourneyRunModel>;
  /** GetJourneyExecutionMetrics. */
  readonly journeyExecutionMetrics: DataLoader<JourneyKey, JourneyExecutionMetricsModel, string>;
  /** GetJourneyExecutionActivityMetrics. */
  readonly journeyActivityExecutionMetrics: DataLoader<JourneyActivityKey, JourneyActivityExecutionMetricsModel, string>;
  /** GetJourneyRunExecutionMetrics. */
  readonly journeyRunExecutionMetrics: DataLoader<JourneyRunKey, JourneyExecutionMetricsModel, string>;
  /** GetJourneyRunExecutionActivityMetrics. */
  readonly journeyRunActivityExecutionMetrics: DataLoader<JourneyRunActivityKey, JourneyActivityExecutionMetricsModel, string>;

  /** CreateJourney. */
  createJourney(applicationId: string, request: WriteJourneyRequestModel): Promise<JourneyModel>;
  /** UpdateJourney; resolves the journey as changed. */
  updateJourney(key: JourneyKey, request: WriteJourneyRequestModel): Promise<JourneyModel>;
  /** UpdateJourneyState; resolves the journey in its new state. */
  updateJourneyState(key: JourneyKey, state: JourneyStateChange): Promise<JourneyModel>;
  /** DeleteJourney; resolves the deleted journey. */
  deleteJourney(key: JourneyKey): Promise<JourneyModel>;
}

/** Builds the journey loaders over the request's counted `send`. */
export function createJourneyLoaders(send: PinpointSend, mode: LoaderModeOptions = {}, plan?: ReadPlanHolder): JourneyUpstream {
  const journey = new ObservedLoader<JourneyKey, JourneyModel, string>(
    'journey',
    // The project's journey list, held or being read by this request, answers first.
    fanOut((key) =>
      listedOrRead(
        journeys.lookup(key.applicationId, (item) => item.Id === key.journeyId),
        `Journey ${key.journeyId} of application ${key.applicationId} not found (not in the application's journey list).`,
        async () => journeyModel(key.applicationId, required((await send(new GetJourneyCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId }))).JourneyResponse, 'GetJourney'), key.journeyId),
      ),
    ),
    { ...mode, cacheKeyFn: journeyCacheKey },
  );

  const journeysPages = new ObservedLoader<AppPageKey, Page<JourneyModel>, string>(
    'journeys',
    fanOut(async (key) => {
      const out = required((await send(new ListJourneysCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).JourneysResponse, 'ListJourneys');
      const items = (out.Item ?? []).map((item) => journeyModel(key.applicationId, item));
      for (const item of items) journey.prime({ applicationId: item.ApplicationId, journeyId: item.Id }, item);
      return page(items, out.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
  );
  const journeys = sizedPages('ListJourneys', journeysPages, (key) => key.applicationId, mode, plan);

  const journeyRunPages = new ObservedLoader<JourneyPageKey, Page<JourneyRunModel>, string>(
    'journeyRuns',
    fanOut(async (key) => {
      const out = await send(new GetJourneyRunsCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId, PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.JourneyRunsResponse, 'GetJourneyRuns');
      return page(
        (list.Item ?? []).map((run) => ({ ...run, ApplicationId: key.applicationId, JourneyId: key.journeyId })),
        list.NextToken,
      );
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.journeyId, key.pageSize, key.token) },
  );
  const journeyRuns = sizedPages('GetJourneyRuns', journeyRunPages, (key) => cacheKey(key.applicationId, key.journeyId), mode, plan);

  const journeyExecutionMetrics = new ObservedLoader<JourneyKey, JourneyExecutionMetricsModel, string>(
    'journeyExecutionMetrics',
    fanOut(async (key) =>
      required((await send(new GetJourneyExecutionMetricsCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId }))).JourneyExecutionMetricsResponse, 'GetJourneyExecutionMetrics'),
    ),
    { ...mode, cacheKeyFn: journeyCacheKey },
  );

  const journeyActivityExecutionMetrics = new ObservedLoader<JourneyActivityKey, JourneyActivityExecutionMetricsModel, string>(
    'journeyActivityExecutionMetrics',
    fanOut(async (key) => {
      const out = await send(new GetJourneyExecutionActivityMetricsCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId, JourneyActivityId: key.activityId }));
      return required(out.JourneyExecutionActivityMetricsResponse, 'GetJourneyExecutionActivityMetrics');
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.journeyId, key.activityId) },
  );

  const journeyRunExecutionMetrics = new ObservedLoader<JourneyRunKey, JourneyExecutionMetricsModel, string>(
    'journeyRunExecutionMetrics',
    fanOut(async (key) => {
      const out = await send(new GetJourneyRunExecutionMetricsCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId, RunId: key.runId }));
      return required(out.JourneyRunExecutionMetricsResponse, 'GetJourneyRunExecutionMetrics');
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.journeyId, key.runId) },
  );

  const journeyRunActivityExecutionMetrics = new ObservedLoader<JourneyRunActivityKey, JourneyActivityExecutionMetricsModel, string>(
    'journeyRunActivityExecutionMetrics',
    fanOut(async (key) => {
      const out = await send(
        new GetJourneyRunExecutionActivityMetricsCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId, RunId: key.runId, JourneyActivityId: key.activityId }),
      );
      return required(out.JourneyRunExecutionActivityMetricsResponse, 'GetJourneyRunExecutionActivityMetrics');
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.journeyId, key.runId, key.activityId) },
  );

  /** Module-private: a journey changed; its entry, the lists, its runs and metrics are stale. */
  function forgetJourney(key: JourneyKey): void {
    journey.clear(key);
    journeys.clearAll();
    journeyRuns.clearAll();
    journeyExecutionMetrics.clear(key);
    journeyActivityExecutionMetrics.clearAll();
    journeyRunExecutionMetrics.clearAll();
    journeyRunActivityExecutionMetrics.clearAll();
  }

  /** Module-private: a write returned the journey whole, so a later read of it costs nothing. */
  function primeWritten(applicationId: string, response: JourneyResponse | undefined, operation: string): JourneyModel {
    const written = journeyModel(applicationId, required(response, operation));
    forgetJourney({ applicationId, journeyId: written.Id });
    journey.prime({ applicationId, journeyId: written.Id }, written);
    return written;
  }

  return {
    journeys,
    journey,
    journeyRuns,
    journeyExecutionMetrics,
    journeyActivityExecutionMetrics,
    journeyRunExecutionMetrics,
    journeyRunActivityExecutionMetrics,

    async createJourney(applicationId, request) {
      const out = await send(new CreateJourneyCommand({ ApplicationId: applicationId, WriteJourneyRequest: request }));
      return primeWritten(applicationId, out.JourneyResponse, 'CreateJourney');
    },

    async updateJourney(key, request) {
      const out = await send(new UpdateJourneyCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId, WriteJourneyRequest: request }));
      return primeWritten(key.applicationId, out.JourneyResponse, 'UpdateJourney');
    },

    async updateJourneyState(key, state) {
      const out = await send(new UpdateJourneyStateCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId, JourneyStateRequest: { State: state } }));
      return primeWritten(key.applicationId, out.JourneyResponse, 'UpdateJourneyState');
    },

    async deleteJourney(key) {
      const deleted = journeyModel(key.applicationId, required((await send(new DeleteJourneyCommand({ ApplicationId: key.applicationId, JourneyId: key.journeyId }))).JourneyResponse, 'DeleteJourney'), key.journeyId);
      forgetJourney(key);
      return deleted;
    },
  };
}

/** Module-private. */
function journeyCacheKey(key: JourneyKey): string {
  return cacheKey(key.applicationId, key.journeyId);
}

/** Module-private: a journey with the IDs the graph relies on, filled from the request when upstream leaves them out. */
function journeyModel(applicationId: string, response: JourneyResponse, journeyId = ''): JourneyModel {
  return { ...response, ApplicationId: response.ApplicationId ?? applicationId, Id: response.Id ?? journeyId };
}
