import type { ServiceFactory } from '../types';

// Placeholder until the Pinpoint service lands: no operation implemented yet.
/** Builds a fresh emulated Amazon Pinpoint service. */
export const createPinpointService: ServiceFactory = () => ({
  id: 'pinpoint',
  handlers: {},
  reset() {},
  seed() {},
});
