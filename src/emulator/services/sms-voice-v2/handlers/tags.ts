import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResult,
  TagResourceRequest,
  TagResourceResult,
  UntagResourceRequest,
  UntagResourceResult,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { checkTagQuota, getTaggableResource, tagList, type SmsHandlerGroup } from './common';

/** Tags on any taggable resource, by ARN. Tags show only here and in Create outputs, never in Describe outputs. */
export const tagHandlers: SmsHandlerGroup = {
  TagResource(state, input: TagResourceRequest, ctx): TagResourceResult {
    const resource = getTaggableResource(state, ctx, String(input.ResourceArn));
    // Check the quota on the merged set before changing anything: existing keys are overwritten, not added.
    const merged = new Map(resource.tags);
    for (const tag of input.Tags ?? []) merged.set(String(tag.Key), String(tag.Value ?? ''));
    checkTagQuota(merged);
    for (const [key, value] of merged) resource.tags.set(key, value);
    return {};
  },

  UntagResource(state, input: UntagResourceRequest, ctx): UntagResourceResult {
    const resource = getTaggableResource(state, ctx, String(input.ResourceArn));
    for (const key of input.TagKeys ?? []) resource.tags.delete(key);
    return {};
  },

  ListTagsForResource(state, input: ListTagsForResourceRequest, ctx): ListTagsForResourceResult {
    const resource = getTaggableResource(state, ctx, String(input.ResourceArn));
    return { ResourceArn: input.ResourceArn, Tags: tagList(resource.tags) };
  },
};
