import type {
  CreateRecommenderConfigurationRequest,
  CreateRecommenderConfigurationResponse,
  CreateRecommenderConfigurationShape,
  DeleteRecommenderConfigurationRequest,
  DeleteRecommenderConfigurationResponse,
  GetRecommenderConfigurationRequest,
  GetRecommenderConfigurationResponse,
  GetRecommenderConfigurationsRequest,
  GetRecommenderConfigurationsResponse,
  RecommenderConfigurationResponse,
  UpdateRecommenderConfigurationRequest,
  UpdateRecommenderConfigurationResponse,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { requireRecommender, type ChannelsStore, type RecommenderRecord } from '../channelsStore';
import { badRequest } from '../errors';
import { newResourceId } from '../store';
import { checkRoleArn, checkServiceArn } from './integration-checks';
import { pageOf, pageScope, type PinpointHandler } from './shared';

/**
 * Recommender model configurations: account-level (per account and region, not per app).
 * Limits from seed 002 (CreateRecommenderConfiguration) and [DG-2023] (inventory §7.2):
 * 100 configurations per account; 1–5 recommendations per message (default 5); 1–10 attributes.
 */
export const RECOMMENDER_LIMITS = { perAccount: 100, recommendationsPerMessage: { min: 1, max: 5, default: 5 }, attributes: { min: 1, max: 10 } } as const;

/** Seed 002: the ID types a model can correlate on; PINPOINT_ENDPOINT_ID is the default. */
export const RECOMMENDATION_PROVIDER_ID_TYPES = ['PINPOINT_ENDPOINT_ID', 'PINPOINT_USER_ID'] as const;

/** The Recommender Models and Recommender Model resources. */
export function createRecommenderHandlers(store: ChannelsStore) {
  const CreateRecommenderConfiguration: PinpointHandler<CreateRecommenderConfigurationRequest, CreateRecommenderConfigurationResponse> = (input, ctx) => {
    const state = store.forRequest(ctx);
    if (state.recommenders.size >= RECOMMENDER_LIMITS.perAccount) throw badRequest(`An account can have at most ${RECOMMENDER_LIMITS.perAccount} recommender model configurations per Region`);
    const now = ctx.now().toISOString();
    const record = recommenderRecord(newResourceId(), now, now, input.CreateRecommenderConfiguration ?? emptyShape(), 'CreateRecommenderConfiguration');
    state.recommenders.set(record.id, record);
    return { RecommenderConfigurationResponse: recommenderResponse(record) };
  };

  const GetRecommenderConfiguration: PinpointHandler<GetRecommenderConfigurationRequest, GetRecommenderConfigurationResponse> = (input, ctx) => ({
    RecommenderConfigurationResponse: recommenderResponse(requireRecommender(store.forRequest(ctx), input.RecommenderId ?? '')),
  });

  const GetRecommenderConfigurations: PinpointHandler<GetRecommenderConfigurationsRequest, GetRecommenderConfigurationsResponse> = (input, ctx: RequestContext) => {
    const page = pageOf([...store.forRequest(ctx).recommenders.values()], input.PageSize, input.Token, pageScope('GetRecommenderConfigurations', ctx));
    return { ListRecommenderConfigurationsResponse: { Item: page.items.map(recommenderResponse), NextToken: page.nextToken } };
  };

  // A PUT of the whole configuration: the update shape has the create shape's members (the same
  // two required), so members left out return to their defaults rather than keeping old values.
  const UpdateRecommenderConfiguration: PinpointHandler<UpdateRecommenderConfigurationRequest, UpdateRecommenderConfigurationResponse> = (input, ctx) => {
    const state = store.forRequest(ctx);
    const current = requireRecommender(state, input.RecommenderId ?? '');
    const record = recommenderRecord(current.id, current.creationDate, ctx.now().toISOString(), input.UpdateRecommenderConfiguration ?? emptyShape(), 'UpdateRecommenderConfiguration');
    state.recommenders.set(record.id, record);
    return { RecommenderConfigurationResponse: recommenderResponse(record) };
  };

  const DeleteRecommenderConfiguration: PinpointHandler<DeleteRecommenderConfigurationRequest, DeleteRecommenderConfigurationResponse> = (input, ctx) => {
    const state = store.forRequest(ctx);
    const record = requireRecommender(state, input.RecommenderId ?? '');
    state.recommenders.delete(record.id);
    return { RecommenderConfigurationResponse: recommenderResponse(record) };
  };

  return { CreateRecommenderConfiguration, GetRecommenderConfiguration, GetRecommenderConfigurations, UpdateRecommenderConfiguration, DeleteRecommenderConfiguration };
}

/** Module-private: the input when the payload is absent (the protocol layer rejects that first). */
function emptyShape(): CreateRecommenderConfigurationShape {
  return { RecommendationProviderRoleArn: undefined, RecommendationProviderUri: undefined };
}

/** Module-private: checks a create/update shape (seed 002's rules for each member) and builds the record. */
function recommenderRecord(id: string, creationDate: string, lastModifiedDate: string, shape: CreateRecommenderConfigurationShape, field: string): RecommenderRecord {
  const providerUri = shape.RecommendationProviderUri ?? '';
  checkServiceArn(`${field}.RecommendationProviderUri`, providerUri, 'personalize', /^campaign\/[\w-]{1,63}$/, 'arn:aws:personalize:<region>:<account-id>:campaign/<name> (an Amazon Personalize campaign)');
  checkRoleArn(`${field}.RecommendationProviderRoleArn`, shape.RecommendationProviderRoleArn ?? '');
  if (shape.Name !== undefined && !/^[A-Za-z0-9][A-Za-z0-9 _-]{0,127}$/.test(shape.Name)) {
    throw badRequest(`${field}.Name must start with a letter or number and contain up to 128 letters, numbers, spaces, '_' or '-'; got '${shape.Name}'`);
  }
  if (shape.Description !== undefined && !/^[A-Za-z0-9 _;(),\u2010-]{0,128}$/.test(shape.Description)) {
    throw badRequest(`${field}.Description can contain up to 128 letters, numbers, spaces and the symbols _ ; ( ) , -; got '${shape.Description}'`);
  }
  const perMessage = shape.RecommendationsPerMessage ?? RECOMMENDER_LIMITS.recommendationsPerMessage.default;
  const { min, max } = RECOMMENDER_LIMITS.recommendationsPerMessage;
  if (!Number.isInteger(perMessage) || perMessage < min || perMessage > max) throw badRequest(`${field}.RecommendationsPerMessage must be an integer from ${min} to ${max}; got ${perMessage}`);
  const idType = shape.RecommendationProviderIdType ?? RECOMMENDATION_PROVIDER_ID_TYPES[0];
  if (!(RECOMMENDATION_PROVIDER_ID_TYPES as readonly string[]).includes(idType)) {
    throw badRequest(`${field}.RecommendationProviderIdType must be one of ${RECOMMENDATION_PROVIDER_ID_TYPES.join(', ')}; got '${idType}'`);
  }
  checkTransformer(field, shape);
  return {
    id,
    creationDate,
    lastModifiedDate,
    name: shape.Name,
    description: shape.Description,
    providerUri,
    providerRoleArn: shape.RecommendationProviderRoleArn ?? '',
    transformerUri: shape.RecommendationTransformerUri,
    recommendationsPerMessage: perMessage,
    providerIdType: idType,
    displayName: shape.RecommendationsDisplayName,
    attributes: shape.Attributes === undefined ? undefined : { ...shape.Attributes },
  };
}

/**
 * Module-private: seed 002 ties three members together. With a Lambda transformer, `Attributes`
 * (1–10 names → display names) is required; without one, `Attributes` must be left out and
 * `RecommendationsDisplayName` is required.
 */
function checkTransformer(field: string, shape: CreateRecommenderConfigurationShape): void {
  const transformer = shape.RecommendationTransformerUri;
  if (transformer !== undefined && !/^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]{1,128})?$/.test(transformer)) {
    throw badRequest(`${field}.RecommendationTransformerUri must be an AWS Lambda function name or ARN; got '${transformer}'`);
  }
  const displayName = shape.RecommendationsDisplayName;
  if (displayName !== undefined && !/^[A-Za-z0-9 _-]{1,25}$/.test(displayName)) {
    throw badRequest(`${field}.RecommendationsDisplayName must be 1 to 25 letters, numbers, spaces, '_' or '-'; got '${displayName}'`);
  }
  const attributes = shape.Attributes;
  if (transformer === undefined) {
    if (attributes !== undefined) throw badRequest(`${field}.Attributes is only for configurations that invoke a Lambda function (RecommendationTransformerUri); leave it out`);
    if (displayName === undefined) throw badRequest(`${field}.RecommendationsDisplayName is required when the configuration doesn't invoke a Lambda function (RecommendationTransformerUri)`);
    return;
  }
  const entries = Object.entries(attributes ?? {});
  const { min, max } = RECOMMENDER_LIMITS.attributes;
  if (entries.length < min || entries.length > max) throw badRequest(`${field}.Attributes must define ${min} to ${max} attributes when RecommendationTransformerUri is set; got ${entries.length}`);
  for (const [name, display] of entries) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/.test(name)) throw badRequest(`${field}.Attributes names must start with a letter or number and contain up to 50 letters, numbers, '_' or '-'; got '${name}'`);
    if (typeof display !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9 _-]{0,24}$/.test(display)) {
      throw badRequest(`${field}.Attributes display names must start with a letter or number and contain up to 25 letters, numbers, spaces, '_' or '-'; got '${String(display)}' for '${name}'`);
    }
  }
}

/** Module-private. */
function recommenderResponse(record: RecommenderRecord): RecommenderConfigurationResponse {
  return {
    Id: record.id,
    CreationDate: record.creationDate,
    LastModifiedDate: record.lastModifiedDate,
    Name: record.name,
    Description: record.description,
    RecommendationProviderUri: record.providerUri,
    RecommendationProviderRoleArn: record.providerRoleArn,
    RecommendationTransformerUri: record.transformerUri,
    RecommendationsPerMessage: record.recommendationsPerMessage,
    RecommendationProviderIdType: record.providerIdType,
    RecommendationsDisplayName: record.displayName,
    Attributes: record.attributes === undefined ? undefined : { ...record.attributes },
  };
}
