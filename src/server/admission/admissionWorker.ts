import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { CallCounter } from '../../upstream';
import { documentRefusal } from '../http/documentSize';
import { parseGraphQLBody } from '../http/readBody';
import { RequestBudget } from '../limits';
import { buildPipelineSchema, createGatewayCostModel, pipelineServerOptions, type PipelineContext } from './pipeline';
import type { AdmissionCheck, AdmissionVerdict, AdmissionWorkerData, AdmissionWorkerReady } from './protocol';
import { currentOsThreadId } from './threadCpuClock';

/**
 * The admission worker (a worker thread; see documentAdmission.ts): runs Apollo's request
 * pipeline up to execution (pipeline.ts), with the gateway's own settings, on documents the
 * gateway has not admitted yet, and answers whether any of it refuses them. Nothing executes
 * here: a plugin ends every request at `responseForOperation`, which Apollo calls only once body
 * checks, parsing, validation, operation resolution and the cost check have all passed.
 */

/** Module-private: the worker's side of one request. */
interface WorkerContext extends PipelineContext {
  /** An object, not a flag: Apollo hands plugins a shallow copy of the context. */
  readonly outcome: { admitted: boolean };
}

/** Module-private: ends a request that passed every check, marking it admitted. */
function admitBeforeExecutionPlugin(): ApolloServerPlugin<WorkerContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ contextValue }) {
          contextValue.outcome.admitted = true;
          return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: null } } };
        },
      };
    },
  };
}

/** Module-private. */
async function start(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('admissionWorker.ts runs as a worker thread (documentAdmission.ts starts it).');
  const { settings } = workerData as AdmissionWorkerData;
  // Below the event loop's CPU priority: when both cores are busy (a flood of new documents), the
  // loop that serves every admitted request is scheduled first and the checks wait. On Linux the
  // nice value is per thread, and `who = 0` is the calling thread: this one, not the process.
  // Elsewhere it would lower the whole process, so it is skipped there.
  if (process.platform === 'linux') setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL);
  const schema = buildPipelineSchema(settings.schemaDir);
  const apollo = new ApolloServer<WorkerContext>({
    schema,
    ...pipelineServerOptions<WorkerContext>({ settings, costModel: createGatewayCostModel(schema), plugins: [admitBeforeExecutionPlugin()] }),
    // The gateway's persisted-query store is its own: a hash-only request never comes here, and a
    // request with both a document and its hash is checked as the gateway checks it (hash matches text).
    persistedQueries: { ttl: 60 },
  });
  await apollo.start();

  const check = async (request: AdmissionCheck): Promise<AdmissionVerdict> => {
    const { id } = request;
    let body = request.body;
    if (request.bodyBytes !== undefined) {
      const parsed = parseGraphQLBody(request.bodyBytes);
      if (parsed.kind === 'refused') return { id, verdict: 'refuse', refusal: parsed.refusal };
      body = parsed.body;
    }
    const tooLarge = documentRefusal(request.method === 'POST' ? body : undefined, request.search, settings.limits.structural.maxDocumentBytes);
    if (tooLarge) return { id, verdict: 'refuse', refusal: tooLarge };
    const context: WorkerContext = {
      outcome: { admitted: false },
      caller: { policies: request.readsTags ? [{ readsResourceTags: true }] : [] },
      budget: new RequestBudget(settings.limits.execution),
      upstreamCalls: new CallCounter(),
    };
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method, headers: new HeaderMap(request.headers.map(([name, value]) => [name, value])), search: request.search, body },
      context: async () => context,
    });
    context.budget.release();
    if (context.outcome.admitted) return { id, verdict: 'pass' };
    if (response.body.kind !== 'complete') throw new GraphQLError('The admission pipeline answered incrementally before execution; it cannot.');
    return { id, verdict: 'answer', answer: { status: response.status ?? 200, headers: [...response.headers], body: response.body.string } };
  };

  // One check at a time, in arrival order: the gateway bounds the check at the head of this
  // worker's queue by the CPU the thread uses from when that check starts (documentAdmission.ts),
  // which is the check's own only if no other runs in between.
  let queue = Promise.resolve();
  port.on('message', (request: AdmissionCheck) => {
    // A passing request's raw body goes back to the gateway, which parses it itself.
    const giveBack = (verdict: AdmissionVerdict) => {
      if (verdict.verdict !== 'pass' || request.bodyBytes === undefined) return port.postMessage(verdict);
      port.postMessage({ ...verdict, bodyBytes: request.bodyBytes }, [request.bodyBytes.buffer as ArrayBuffer]);
    };
    queue = queue.then(() =>
      check(request).then(
        giveBack,
        // A check that throws is the worker's own fault, not the document's: the gateway runs the
        // request itself (its pipeline answers or refuses it as usual) and logs the failure.
        (error: unknown) => giveBack({ id: request.id, verdict: 'pass', failure: error instanceof Error ? error.message : String(error) }),
      ),
    );
  });
  const osThreadId = currentOsThreadId();
  port.postMessage({ ready: true, ...(osThreadId === undefined ? {} : { osThreadId }) } satisfies AdmissionWorkerReady);
}

void start();
