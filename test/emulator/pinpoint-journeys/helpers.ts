import { CreateAppCommand, CreateJourneyCommand, CreateSegmentCommand, type JourneyResponse, type WriteJourneyRequest } from '@aws-sdk/client-pinpoint';
import type { StartedEmulator } from '../../helpers/emulator';

/** A new app with one segment, for journeys to start from. */
export async function appWithSegment(stack: StartedEmulator): Promise<{ appId: string; segmentId: string }> {
  const appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'journeys' } }))).ApplicationResponse!.Id!;
  const segmentId = (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'everyone' } }))).SegmentResponse!.Id!;
  return { appId, segmentId };
}

/** A complete, publishable journey: email → wait → yes/no split → push or SMS. */
export function completeJourney(segmentId: string, overrides: Partial<WriteJourneyRequest> = {}): WriteJourneyRequest {
  return {
    Name: 'Onboarding',
    StartCondition: { SegmentStartCondition: { SegmentId: segmentId } },
    StartActivity: 'welcome',
    Activities: {
      welcome: { EMAIL: { TemplateName: 'Welcome', NextActivity: 'pause' } },
      pause: { Wait: { WaitTime: { WaitFor: 'P1D' }, NextActivity: 'opened' } },
      opened: {
        ConditionalSplit: {
          Condition: { Conditions: [{ EventCondition: { MessageActivity: 'welcome', Dimensions: { EventType: { DimensionType: 'INCLUSIVE', Values: ['_email.open'] } } } }] },
          TrueActivity: 'push',
          FalseActivity: 'text',
        },
      },
      push: { PUSH: { TemplateName: 'Cart' } },
      text: { SMS: { TemplateName: 'Shipped' } },
    },
    ...overrides,
  };
}

/** Creates a journey and returns its JourneyResponse. */
export async function createJourney(stack: StartedEmulator, appId: string, request: WriteJourneyRequest): Promise<JourneyResponse> {
  return (await stack.pinpoint.send(new CreateJourneyCommand({ ApplicationId: appId, WriteJourneyRequest: request }))).JourneyResponse!;
}

/** The rejection of a promise (or undefined when it resolves), for asserting error classes and messages. */
export async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}
