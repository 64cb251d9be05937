import { GraphQLError } from 'graphql';
import { StopListeners } from '../../src/server/limits/stopListeners';
import { DEFAULT_EXECUTION_LIMITS, RequestBudget } from '../../src/server/limits/requestBudget';

/**
 * The request budget makes its AbortSignal only when something asks for it (an upstream call, a
 * KPI wait), so its stop must reach everyone whichever came first: listeners registered with
 * `onStop`, a signal made before the stop, a signal made after it.
 */

const reason = () => new GraphQLError('stopped for the test');

test('a signal made before the stop aborts with the stop reason; one made after is already aborted with it', () => {
  const early = new RequestBudget(DEFAULT_EXECUTION_LIMITS);
  const signal = early.signal;
  expect(signal.aborted).toBe(false);
  const stopped = reason();
  early.stop(stopped);
  expect({ aborted: signal.aborted, reason: signal.reason }).toEqual({ aborted: true, reason: stopped });
  expect(early.signal).toBe(signal);

  const late = new RequestBudget(DEFAULT_EXECUTION_LIMITS);
  const lateReason = reason();
  late.stop(lateReason);
  expect({ aborted: late.signal.aborted, reason: late.signal.reason }).toEqual({ aborted: true, reason: lateReason });
});

test('onStop listeners are told once at the stop, or at once when the request has stopped', () => {
  const budget = new RequestBudget(DEFAULT_EXECUTION_LIMITS);
  const told: string[] = [];
  budget.onStop(() => told.push('before'));
  budget.stop(reason());
  budget.stop(reason());
  budget.onStop(() => told.push('after'));
  expect(told).toEqual(['before', 'after']);
});

test('the client going away stops the budget (signal and listeners) with CLIENT_CLOSED_REQUEST', () => {
  const gone = new StopListeners();
  const budget = new RequestBudget(DEFAULT_EXECUTION_LIMITS, gone);
  const told: string[] = [];
  budget.onStop(() => told.push('stopped'));
  gone.fire(new Error('gone'));
  expect(told).toEqual(['stopped']);
  expect(budget.signal.aborted).toBe(true);
  expect((budget.stopReason as GraphQLError).extensions).toEqual({ code: 'BAD_REQUEST', reason: 'CLIENT_CLOSED_REQUEST' });
  // A budget made for a client already gone is stopped from the start.
  expect(new RequestBudget(DEFAULT_EXECUTION_LIMITS, gone).stopReason?.extensions).toEqual({ code: 'BAD_REQUEST', reason: 'CLIENT_CLOSED_REQUEST' });
});

test('the deadline counts from the given start: a start already past the deadline stops at once', async () => {
  const budget = new RequestBudget({ ...DEFAULT_EXECUTION_LIMITS, deadlineMs: 50 }, undefined, undefined, performance.now() - 60);
  expect(budget.remainingMs()).toBeLessThan(0);
  await new Promise<void>((resolve) => budget.onStop(resolve));
  expect(budget.stopCause()).toBe('deadline');
});

test('the stop signal (what the KPI cache waits on) aborts with the stop reason and tells only the listeners still registered', () => {
  const budget = new RequestBudget(DEFAULT_EXECUTION_LIMITS);
  const told: string[] = [];
  const kept = () => told.push('kept');
  const removed = () => told.push('removed');
  budget.stopSignal.addEventListener('abort', kept);
  budget.stopSignal.addEventListener('abort', removed);
  budget.stopSignal.removeEventListener('abort', removed);
  expect({ aborted: budget.stopSignal.aborted, reason: budget.stopSignal.reason }).toEqual({ aborted: false, reason: undefined });
  const stopped = reason();
  budget.stop(stopped);
  expect({ aborted: budget.stopSignal.aborted, reason: budget.stopSignal.reason, told }).toEqual({ aborted: true, reason: stopped, told: ['kept'] });
});
