import { createPinpointService } from './pinpoint';
import { createSmsVoiceService } from './sms-voice-v2';
import type { ServiceFactory, ServiceId } from './types';

/** The factory of each emulated service; the emulator server builds one fresh instance of each. */
export const serviceFactories: Readonly<Record<ServiceId, ServiceFactory>> = {
  pinpoint: createPinpointService,
  'sms-voice-v2': createSmsVoiceService,
};

/** Every emulated service, in a stable order. */
export const serviceIds: readonly ServiceId[] = ['pinpoint', 'sms-voice-v2'];
