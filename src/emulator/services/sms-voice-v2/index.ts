import type { ServiceFactory } from '../types';

// Placeholder until the SMS and Voice v2 service lands: no operation implemented yet.
/** Builds a fresh emulated Pinpoint SMS and Voice v2 service. */
export const createSmsVoiceService: ServiceFactory = () => ({
  id: 'sms-voice-v2',
  handlers: {},
  reset() {},
  seed() {},
});
