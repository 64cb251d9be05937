import type { OperationHandler, ServiceFactory } from '../types';
import { smsAdminRoutes } from './admin';
import { accountHandlers } from './handlers/account';
import type { SmsHandlerGroup } from './handlers/common';
import { configurationSetHandlers } from './handlers/configuration-sets';
import { keywordHandlers } from './handlers/keywords';
import { optOutListHandlers } from './handlers/opt-out-lists';
import { phoneNumberHandlers } from './handlers/phone-numbers';
import { poolHandlers } from './handlers/pools';
import { registrationAttachmentHandlers } from './handlers/registration-attachments';
import { registrationDefinitionHandlers } from './handlers/registration-definitions';
import { registrationFieldHandlers } from './handlers/registration-fields';
import { registrationHandlers } from './handlers/registrations';
import { sendHandlers } from './handlers/send';
import { senderIdHandlers } from './handlers/sender-ids';
import { spendLimitHandlers } from './handlers/spend-limits';
import { tagHandlers } from './handlers/tags';
import { verifiedDestinationNumberHandlers } from './handlers/verified-destination-numbers';
import { seedSmsVoice } from './seed';
import { createSmsVoiceStore, type SmsVoiceState } from './store';

// Public facts of this service for tests and demos: the seed's IDs, the registration catalogue, the quotas.
export { SMS_VOICE_SEED } from './seed';
export { REGISTRATION_TYPES } from './registrationTypes';
export { SMS_VOICE_QUOTAS } from './store';

/** Every implemented operation, by resource. Operations not listed answer `EmulatorNotImplemented`. */
const HANDLER_GROUPS: readonly SmsHandlerGroup[] = [
  phoneNumberHandlers,
  poolHandlers,
  optOutListHandlers,
  senderIdHandlers,
  configurationSetHandlers,
  registrationHandlers,
  registrationFieldHandlers,
  registrationAttachmentHandlers,
  registrationDefinitionHandlers,
  keywordHandlers,
  verifiedDestinationNumberHandlers,
  spendLimitHandlers,
  accountHandlers,
  sendHandlers,
  tagHandlers,
];

/**
 * Module-private: runs a handler, answering a repeated `ClientToken` of the same operation with
 * the first answer. The SDK fills `ClientToken` on create calls and keeps it across retries, so
 * a retried create doesn't make a second resource (as the service's idempotency promises).
 */
function idempotent(state: SmsVoiceState, operation: string, input: { ClientToken?: unknown }, run: () => unknown): unknown {
  if (typeof input?.ClientToken !== 'string') return run();
  const key = `${operation}\0${input.ClientToken}`;
  if (state.idempotentResults.has(key)) return state.idempotentResults.get(key);
  const output = run();
  state.idempotentResults.set(key, output);
  return output;
}

/** Builds a fresh emulated Pinpoint SMS and Voice v2 service with its own empty store. */
export const createSmsVoiceService: ServiceFactory = (deps) => {
  const { clock, outbox } = deps;
  const store = createSmsVoiceStore();
  deps.state?.register('sms-voice-v2.accounts', store);
  const handlers: Record<string, OperationHandler> = {};
  for (const group of HANDLER_GROUPS) {
    for (const [operation, handler] of Object.entries(group)) {
      if (handlers[operation]) throw new Error(`SMS v2 operation ${operation} is implemented twice`);
      handlers[operation] = (input, ctx) => {
        const state = store.get(ctx.accountId, ctx.region);
        return idempotent(state, operation, input ?? {}, () => handler(state, input ?? {}, { ...ctx, outbox }));
      };
    }
  }
  return {
    id: 'sms-voice-v2',
    handlers,
    reset: () => store.clear(),
    seed: (accountId, region) => seedSmsVoice(store.get(accountId, region), { accountId, region }, clock.now()),
    adminRoutes: smsAdminRoutes(store, deps),
  };
};
