import { BASE_REACH } from './base';
import { mergeReachTables, type ReachTable } from './kit';
import { PINPOINT_REACH } from './pinpoint';
import { PINPOINT_JOURNEY_REACH } from './pinpoint-journeys';
import { PINPOINT_RESOURCE_REACH } from './pinpoint-resources';
import { PINPOINT_TEMPLATE_REACH } from './pinpoint-templates';
import { SMS_VOICE_REACH } from './sms-voice-v2';

/** The whole reach table (see kit.ts): every domain's cases, merged. Add a new domain module here. */
export const REACH_CASES: ReachTable = mergeReachTables({
  base: BASE_REACH,
  pinpoint: PINPOINT_REACH,
  pinpointJourneys: PINPOINT_JOURNEY_REACH,
  pinpointTemplates: PINPOINT_TEMPLATE_REACH,
  pinpointResources: PINPOINT_RESOURCE_REACH,
  smsVoice: SMS_VOICE_REACH,
});
