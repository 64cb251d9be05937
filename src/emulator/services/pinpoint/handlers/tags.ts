import type { ListTagsForResourceRequest, ListTagsForResourceResponse, TagResourceRequest, UntagResourceRequest } from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { parsePinpointArn } from '../arns';
import { badRequest, notFound } from '../errors';
import type { JourneysState, JourneysStore } from '../journeysStore';
import type { PinpointState, PinpointStore } from '../store';
import { templateKey, type TemplatesState, type TemplatesStore } from '../templatesStore';
import { mergeTags, type PinpointHandler } from './shared';

/** The stores of the taggable resources that live outside the core store. */
export interface TaggableStores {
  readonly templates: TemplatesStore;
  readonly journeys: JourneysStore;
}

/**
 * The Tags resource: tags of applications, campaigns, segments and message templates (seed 002's
 * list), and of journeys (taggable in IAM's resource types; JourneyResponse.tags shows them),
 * addressed by ARN. Other Pinpoint ARNs (recommenders, endpoints, …) name nothing taggable: 404.
 */
export function createTagHandlers(store: PinpointStore, stores: TaggableStores) {
  const resourceOf = (ctx: RequestContext, arn: string) =>
    taggedResource({ core: store.forRequest(ctx), templates: stores.templates.forRequest(ctx), journeys: stores.journeys.forRequest(ctx) }, ctx, arn);

  const ListTagsForResource: PinpointHandler<ListTagsForResourceRequest, ListTagsForResourceResponse> = (input, ctx) => ({
    TagsModel: { tags: { ...resourceOf(ctx, input.ResourceArn ?? '').tags } },
  });

  const TagResource: PinpointHandler<TagResourceRequest, Record<string, never>> = (input, ctx) => {
    const resource = resourceOf(ctx, input.ResourceArn ?? '');
    resource.tags = mergeTags(resource.tags, input.TagsModel?.tags ?? {});
    return {};
  };

  // Removing a key the resource does not have is not an error.
  const UntagResource: PinpointHandler<UntagResourceRequest, Record<string, never>> = (input, ctx) => {
    const resource = resourceOf(ctx, input.ResourceArn ?? '');
    const removed = new Set(input.TagKeys ?? []);
    resource.tags = Object.fromEntries(Object.entries(resource.tags).filter(([key]) => !removed.has(key)));
    return {};
  };

  return { ListTagsForResource, TagResource, UntagResource };
}

/**
 * Module-private: the record holding the tags of the resource an ARN names in the caller's
 * account and region; 400 for something that is not a Pinpoint ARN, 404 for a resource that
 * does not exist (or lives in another account or region, or is of a kind this service does not hold).
 */
function taggedResource(state: { core: PinpointState; templates: TemplatesState; journeys: JourneysState }, ctx: RequestContext, arn: string): { tags: Record<string, string> } {
  const parsed = parsePinpointArn(arn);
  if (parsed === undefined) throw badRequest(`resource-arn must be an Amazon Pinpoint ARN (arn:aws:mobiletargeting:<region>:<account>:<resource>); got '${arn}'`);
  const missing = () => notFound('Resource', arn);
  if (parsed.accountId !== ctx.accountId || parsed.region !== ctx.region) throw missing();
  const target = parsed.target;
  switch (target.kind) {
    case 'app':
      return state.core.apps.get(target.applicationId) ?? throwError(missing());
    case 'campaign':
      return state.core.apps.get(target.applicationId)?.campaigns.get(target.campaignId) ?? throwError(missing());
    case 'segment':
      return state.core.apps.get(target.applicationId)?.segments.get(target.segmentId) ?? throwError(missing());
    case 'journey':
      // The journeys of a deleted app are unreachable, as they are through the Journeys resource.
      if (!state.core.apps.has(target.applicationId)) throw missing();
      return state.journeys.get(target.applicationId)?.get(target.journeyId) ?? throwError(missing());
    case 'template':
      return state.templates.get(templateKey(target.templateType, target.templateName)) ?? throwError(missing());
    case 'other':
      throw missing();
    default: {
      const unreachable: never = target;
      throw new Error(`Unhandled ARN target: ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Module-private: `throw` as an expression. */
function throwError(error: Error): never {
  throw error;
}
