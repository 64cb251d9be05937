import type { ApolloServerPlugin } from '@apollo/server';
import type { StaleFieldLog } from '../../graph/context';

/**
 * Tells the client which fields hold stale data: when upstream failed and the KPI cache answered
 * with an expired value (stale-while-revalidate), the response carries
 * `extensions.stale = [{ path, ageSeconds }]`, one entry per field, `path` being the field's
 * response path as in `errors[].path` (aliases and list indexes included), `ageSeconds` how long
 * ago the value was loaded from upstream. A response without stale fields has no `stale` key.
 */

/** One stale field, as `extensions.stale` lists it. */
export interface StaleField {
  readonly path: readonly (string | number)[];
  readonly ageSeconds: number;
}

/** A request's {@link StaleFieldLog} (built per request by `createContext`), readable by the plugin. */
export class StaleFields implements StaleFieldLog {
  readonly #fields: StaleField[] = [];

  /** {@link StaleFieldLog.note}. */
  note(path: readonly (string | number)[], ageSeconds: number): void {
    this.#fields.push({ path: [...path], ageSeconds });
  }

  /** The fields noted so far, in the order they resolved. */
  list(): readonly StaleField[] {
    return this.#fields;
  }
}

/** Puts the request's stale fields in `extensions.stale` (see the top of this file). */
export function staleDataPlugin(): ApolloServerPlugin<{ readonly staleFields: StaleFieldLog }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !(contextValue.staleFields instanceof StaleFields)) return;
          const fields = contextValue.staleFields.list();
          if (fields.length === 0) return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, stale: fields };
        },
      };
    },
  };
}
