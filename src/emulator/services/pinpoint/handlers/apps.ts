import type {
  ApplicationResponse,
  CreateApplicationRequest,
  CreateAppRequest,
  CreateAppResponse,
  DeleteAppRequest,
  DeleteAppResponse,
  GetAppRequest,
  GetAppResponse,
  GetAppsRequest,
  GetAppsResponse,
} from '@aws-sdk/client-pinpoint';
import { appArn } from '../arns';
import { badRequest } from '../errors';
import { newResourceId, requireApp, type AppRecord, type PinpointStore } from '../store';
import { mergeTags, pageOf, pageScope, type PinpointHandler } from './shared';

/** Apps per account and region ([DG-2023] quotas: 100 projects per Region). */
export const MAX_APPS_PER_REGION = 100;

/** The Apps and App resources: CreateApp, GetApp, GetApps, DeleteApp. */
export function createAppHandlers(store: PinpointStore) {
  const CreateApp: PinpointHandler<CreateAppRequest, CreateAppResponse> = (input, ctx) => {
    const state = store.forRequest(ctx);
    const request: CreateApplicationRequest = input.CreateApplicationRequest ?? { Name: undefined };
    const name = request.Name ?? '';
    if (name.trim() === '') throw badRequest(`CreateApplicationRequest.Name must be a non-empty string; got '${name}'`);
    if (state.apps.size >= MAX_APPS_PER_REGION) throw badRequest(`An account can have at most ${MAX_APPS_PER_REGION} applications per Region`);
    const tags = mergeTags({}, request.tags);
    const id = newResourceId();
    const app: AppRecord = {
      id,
      name,
      arn: appArn(ctx, id),
      creationDate: ctx.now().toISOString(),
      tags,
      settings: {},
      campaigns: new Map(),
      segments: new Map(),
      endpoints: new Map(),
      events: [],
      attributeKeys: new Set(),
    };
    state.apps.set(id, app);
    return { ApplicationResponse: applicationResponse(app) };
  };

  const GetApp: PinpointHandler<GetAppRequest, GetAppResponse> = (input, ctx) => ({
    ApplicationResponse: applicationResponse(requireApp(store.forRequest(ctx), input.ApplicationId ?? '')),
  });

  const GetApps: PinpointHandler<GetAppsRequest, GetAppsResponse> = (input, ctx) => {
    const apps = [...store.forRequest(ctx).apps.values()];
    const page = pageOf(apps, input.PageSize, input.Token, pageScope('GetApps', ctx));
    return { ApplicationsResponse: { Item: page.items.map(applicationResponse), NextToken: page.nextToken } };
  };

  // Deleting an application deletes everything under it: campaigns, segments, endpoints, events, settings and tags.
  const DeleteApp: PinpointHandler<DeleteAppRequest, DeleteAppResponse> = (input, ctx) => {
    const state = store.forRequest(ctx);
    const app = requireApp(state, input.ApplicationId ?? '');
    state.apps.delete(app.id);
    return { ApplicationResponse: applicationResponse(app) };
  };

  return { CreateApp, GetApp, GetApps, DeleteApp };
}

/** Module-private: the ApplicationResponse of an app record. */
function applicationResponse(app: AppRecord): ApplicationResponse {
  return { Id: app.id, Name: app.name, Arn: app.arn, CreationDate: app.creationDate, tags: { ...app.tags } };
}
