import type { BatchEnd, UpstreamObserver } from '../upstream/telemetry';

/**
 * One observer from several (metrics, traces, request-ID propagation), as upstream/ takes one.
 * Each event goes to every observer that implements it, in order; `within` scopes nest (the first
 * observer's outermost), and propagation headers merge.
 */

/** The observer that tells each of `observers`. */
export function combineUpstreamObservers(observers: readonly UpstreamObserver[]): UpstreamObserver {
  const having = <K extends keyof UpstreamObserver>(method: K) => observers.filter((observer) => observer[method] !== undefined);
  const commandStarted = having('commandStarted');
  const attemptFinished = having('attemptFinished');
  const breakerStateChanged = having('breakerStateChanged');
  const bulkheadChanged = having('bulkheadChanged');
  const batchStarted = having('batchStarted');
  const propagationHeaders = having('propagationHeaders');
  return {
    ...(commandStarted.length > 0 && {
      commandStarted(call) {
        const ends = commandStarted.map((observer) => observer.commandStarted!(call));
        return (end) => {
          for (const each of ends) each(end);
        };
      },
    }),
    ...(attemptFinished.length > 0 && {
      attemptFinished(call, attempt) {
        for (const observer of attemptFinished) observer.attemptFinished!(call, attempt);
      },
    }),
    ...(breakerStateChanged.length > 0 && {
      breakerStateChanged(scope, state) {
        for (const observer of breakerStateChanged) observer.breakerStateChanged!(scope, state);
      },
    }),
    ...(bulkheadChanged.length > 0 && {
      bulkheadChanged(scope, occupancy) {
        for (const observer of bulkheadChanged) observer.bulkheadChanged!(scope, occupancy);
      },
    }),
    ...(batchStarted.length > 0 && {
      batchStarted(batch) {
        const ends = batchStarted.map((observer) => observer.batchStarted!(batch));
        const scopes = ends.flatMap((each) => (each.within ? [each.within] : []));
        const end: BatchEnd = Object.assign(
          (result: { readonly ok: boolean }) => {
            for (const each of ends) each(result);
          },
          scopes.length === 0 ? {} : { within: <T>(work: () => T): T => scopes.reduceRight<() => T>((inner, scope) => () => scope(inner), work)() },
        );
        return end;
      },
    }),
    ...(propagationHeaders.length > 0 && {
      propagationHeaders(call) {
        let merged: Record<string, string> | undefined;
        for (const observer of propagationHeaders) {
          const headers = observer.propagationHeaders!(call);
          if (headers) merged = { ...merged, ...headers };
        }
        return merged;
      },
    }),
  };
}
