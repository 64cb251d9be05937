/**
 * What the loaders ask of the request's plan (built from the operation before execution by
 * `graph/plan/`, set here by the server once the operation is known). The loaders are built
 * before the operation is parsed, so they hold the {@link ReadPlanHolder} and read the plan when
 * they dispatch; without a plan (a request that failed before execution, a loader used outside a
 * request) every question answers "nothing planned" and the loaders read as asked.
 */
export interface ReadPlan {
  /**
   * The page size the request needs from the collections a list operation reads (`GetSegments`):
   * the largest `first` of any field reading it, the upstream maximum when a field reads the
   * whole collection; undefined when no field of the request reads it.
   */
  pageSize(listOperation: string): number | undefined;
  /** The distinct waves (1: the first upstream round), ascending, in which fields of the request read by `operation`. */
  waves(operation: string): readonly number[];
  /**
   * Whether the first batch of `operation` may wait for the deeper wave that reads it again: it is
   * read at two depths or more, and nothing below its first reads waits for their answer (so
   * waiting lengthens nothing; a `nodes` list whose other items have edges would).
   */
  mayWait(operation: string): boolean;
}

/** The request's plan, once known. */
export class ReadPlanHolder<P extends ReadPlan = ReadPlan> {
  current: P | undefined;
}
