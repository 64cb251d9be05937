import type { MutationResolvers, TagResourcePayloadResolvers } from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import { asNode } from '../ids';
import { parsePinpointResourceArn } from '../../upstream/pinpoint/arns';
import { tagList } from './fields';
import { toTagMap } from './inputs';

/** Resolvers of schema/pinpoint/tag.graphql: tag writes, read back lazily. */

/** Module-private. */
const Mutation: MutationResolvers = {
  tagResource: async (_root, { input }, ctx) => {
    await ctx.pinpoint.tagResource(input.resourceArn, toTagMap(input.tags));
    return { resourceArn: input.resourceArn };
  },
  untagResource: async (_root, { input }, ctx) => {
    await ctx.pinpoint.untagResource(input.resourceArn, input.tagKeys);
    return { resourceArn: input.resourceArn };
  },
};

/** Module-private. */
const TagResourcePayload: TagResourcePayloadResolvers = {
  tags: async (payload, _args, ctx) => tagList(await ctx.pinpoint.tags.load(payload.resourceArn)),
  resource: (payload, _args, ctx) => taggedResource(payload.resourceArn, ctx),
};

/** The app, campaign or segment an ARN names, read again (null for any other ARN). */
export async function taggedResource(resourceArn: string, ctx: GraphQLContext) {
  const resource = parsePinpointResourceArn(resourceArn);
  switch (resource?.kind) {
    case undefined:
      return null;
    case 'app':
      return asNode('App', await ctx.pinpoint.app.load(resource.applicationId));
    case 'campaign':
      return asNode('Campaign', await ctx.pinpoint.campaign.load(resource));
    case 'segment':
      return asNode('Segment', await ctx.pinpoint.segment.load(resource));
    default:
      throw new Error(`Unhandled ARN resource kind: ${JSON.stringify(resource satisfies never)}`);
  }
}

/** Resolvers of the tag mutations. */
export const tagResolvers = { Mutation, TagResourcePayload };
