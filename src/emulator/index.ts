/** The emulator's public entry point: the gateway and the tests reach the emulator only through here. */
export { createEmulatorServer } from './createEmulatorServer';
export type { EmulatorOptions, EmulatorServer } from './createEmulatorServer';
export type { CallCounts } from './admin/calls';
export type { FaultKind, FaultRule, FaultRuleState, FaultsState } from './admin/faults';
export type { Clock } from './services/types';
export type { ClockState, EmulatorClock } from './clock';
export type { SaveResult } from './persistence';
export type { Outbox, OutboxChannel, OutboxEvent, OutboxFilter, OutboxMessage } from './outbox';
export type { OperationHandler, RequestContext, ServiceFactory, ServiceId, ServiceInstance } from './services/types';
export { ServiceError } from './protocol/serviceError';
