import type DataLoader from 'dataloader';
import {
  CreateRecommenderConfigurationCommand,
  DeleteRecommenderConfigurationCommand,
  GetRecommenderConfigurationCommand,
  GetRecommenderConfigurationsCommand,
  UpdateRecommenderConfigurationCommand,
} from '@aws-sdk/client-pinpoint';
import type { ReadPlanHolder } from '../readPlan';
import { cacheKey, fanOut, listedOrRead, ObservedLoader, page, required, sizedPages, type SizedPages, type Page, type PageKey, type LoaderModeOptions, type PinpointSend } from './loaderKit';
import type { RecommenderConfigurationModel, RecommenderConfigurationRequestModel } from './models';

/**
 * Per-request loaders and writes of recommender model configurations: account-wide, keyed by
 * recommender ID. The list returns whole configurations, so it primes the by-ID loader (which is
 * how a template's `recommender` edge costs nothing after a list).
 */

/** Recommender loaders and writes (part of `PinpointUpstream`). */
export interface RecommenderUpstream {
  /** GetRecommenderConfigurations pages; primes `recommenderConfiguration`. */
  readonly recommenderConfigurations: SizedPages<PageKey, RecommenderConfigurationModel>;
  /** GetRecommenderConfiguration by recommender ID. */
  readonly recommenderConfiguration: DataLoader<string, RecommenderConfigurationModel>;

  /** CreateRecommenderConfiguration. */
  createRecommenderConfiguration(request: RecommenderConfigurationRequestModel): Promise<RecommenderConfigurationModel>;
  /** UpdateRecommenderConfiguration; resolves the configuration as changed. */
  updateRecommenderConfiguration(recommenderId: string, request: RecommenderConfigurationRequestModel): Promise<RecommenderConfigurationModel>;
  /** DeleteRecommenderConfiguration; resolves the configuration as it was. */
  deleteRecommenderConfiguration(recommenderId: string): Promise<RecommenderConfigurationModel>;
}

/** Builds the recommender loaders over the request's counted `send`. */
export function createRecommenderLoaders(send: PinpointSend, mode: LoaderModeOptions = {}, plan?: ReadPlanHolder): RecommenderUpstream {
  const recommenderConfiguration = new ObservedLoader<string, RecommenderConfigurationModel>(
    'recommenderConfiguration',
    // The account's recommender list, held or being read by this request, answers first.
    fanOut((recommenderId) =>
      listedOrRead(
        recommenderConfigurations.lookup('', (item) => item.Id === recommenderId),
        `Recommender configuration ${recommenderId} not found (not in the account's recommender list).`,
        async () => required((await send(new GetRecommenderConfigurationCommand({ RecommenderId: recommenderId }))).RecommenderConfigurationResponse, 'GetRecommenderConfiguration'),
      ),
    ),
    mode,
  );

  const recommenderConfigurationsPages = new ObservedLoader<PageKey, Page<RecommenderConfigurationModel>, string>(
    'recommenderConfigurations',
    fanOut(async (key) => {
      const out = await send(new GetRecommenderConfigurationsCommand({ PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.ListRecommenderConfigurationsResponse, 'GetRecommenderConfigurations');
      for (const item of list.Item ?? []) if (item.Id !== undefined) recommenderConfiguration.prime(item.Id, item);
      return page(list.Item ?? [], list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.pageSize, key.token) },
  );
  const recommenderConfigurations = sizedPages('GetRecommenderConfigurations', recommenderConfigurationsPages, () => '', mode, plan);

  /** Module-private: a configuration changed; the lists are stale and its entry is what the write returned (or gone). */
  function remember(recommenderId: string, now: RecommenderConfigurationModel | undefined): void {
    recommenderConfigurations.clearAll();
    recommenderConfiguration.clear(recommenderId);
    if (now !== undefined) recommenderConfiguration.prime(recommenderId, now);
  }

  return {
    recommenderConfigurations,
    recommenderConfiguration,

    async createRecommenderConfiguration(request) {
      const out = await send(new CreateRecommenderConfigurationCommand({ CreateRecommenderConfiguration: request }));
      const created = required(out.RecommenderConfigurationResponse, 'CreateRecommenderConfiguration');
      if (created.Id !== undefined) remember(created.Id, created);
      return created;
    },

    async updateRecommenderConfiguration(recommenderId, request) {
      const out = await send(new UpdateRecommenderConfigurationCommand({ RecommenderId: recommenderId, UpdateRecommenderConfiguration: request }));
      const updated = required(out.RecommenderConfigurationResponse, 'UpdateRecommenderConfiguration');
      remember(recommenderId, updated);
      return updated;
    },

    async deleteRecommenderConfiguration(recommenderId) {
      const out = await send(new DeleteRecommenderConfigurationCommand({ RecommenderId: recommenderId }));
      const deleted = required(out.RecommenderConfigurationResponse, 'DeleteRecommenderConfiguration');
      remember(recommenderId, undefined);
      return deleted;
    },
  };
}
