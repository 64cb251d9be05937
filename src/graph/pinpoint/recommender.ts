import type { MutationResolvers, QueryResolvers, RecommenderConfigurationResolvers } from '../../__generated__/resolvers-types';
import { connectionFromUpstream } from '../connection';
import type { RecommenderConfigurationModel } from '../../upstream/pinpoint/models';
import { PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, upstreamFields } from './fields';
import { toRecommenderConfigurationRequest } from './inputs';

/** Resolvers of schema/pinpoint/recommender.graphql: the account's recommender model configurations. */

/** Module-private. */
const Query: QueryResolvers = {
  recommenderConfigurations: (_root, args, ctx) =>
    connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.recommenderConfigurations.load({ pageSize, token })),
  recommenderConfiguration: (_root, args, ctx) => ctx.pinpoint.recommenderConfiguration.load(args.id),
};

/** Module-private. */
const Mutation: MutationResolvers = {
  createRecommenderConfiguration: async (_root, { input }, ctx) => ({
    recommenderConfiguration: await ctx.pinpoint.createRecommenderConfiguration(toRecommenderConfigurationRequest(input.configuration)),
  }),
  updateRecommenderConfiguration: async (_root, { input }, ctx) => ({
    recommenderConfiguration: await ctx.pinpoint.updateRecommenderConfiguration(input.recommenderId, toRecommenderConfigurationRequest(input.configuration)),
  }),
  deleteRecommenderConfiguration: async (_root, { input }, ctx) => ({ recommenderConfiguration: await ctx.pinpoint.deleteRecommenderConfiguration(input.recommenderId) }),
};

/** Module-private. */
const RecommenderConfiguration: RecommenderConfigurationResolvers = {
  ...upstreamFields<RecommenderConfigurationModel>()({
    name: 'Name',
    description: 'Description',
    creationDate: 'CreationDate',
    lastModifiedDate: 'LastModifiedDate',
    recommendationProviderIdType: 'RecommendationProviderIdType',
    recommendationTransformerUri: 'RecommendationTransformerUri',
    recommendationsDisplayName: 'RecommendationsDisplayName',
    recommendationsPerMessage: 'RecommendationsPerMessage',
    attributes: 'Attributes',
  }),
  id: (config, _args, ctx) => pinpointGlobalId(ctx, 'RecommenderConfiguration', present(config.Id, 'RecommenderConfigurationResponse.Id')),
  recommenderId: (config) => present(config.Id, 'RecommenderConfigurationResponse.Id'),
  recommendationProviderUri: (config) => present(config.RecommendationProviderUri, 'RecommenderConfigurationResponse.RecommendationProviderUri'),
  recommendationProviderRoleArn: (config) => present(config.RecommendationProviderRoleArn, 'RecommenderConfigurationResponse.RecommendationProviderRoleArn'),
};

/** Resolvers of the recommender type, its root fields and mutations. */
export const recommenderResolvers = { Query, Mutation, RecommenderConfiguration };
