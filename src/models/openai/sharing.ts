// What several raters (e.g. one per `attune worker`) may share: one limit on the requests they send together and
// one store of the answers any of them received. The models layer only states the shapes; the run layer backs them
// (with Redis for a sweep on a queue), and a rater without them behaves as a single machine always did.

/** A limit shared by many raters: every HTTP attempt to the endpoint runs inside `run`. */
export interface SharedLimiter {
  /** Run `attempt` once the shared limits allow one more request; the slot is released when it settles. Rejects with the signal's reason when it aborts while waiting. */
  run<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/** Answers shared by many raters, keyed by the rater's answer keys; values are the stored answers (JSON). */
export interface SharedAnswers {
  /** The answer stored under `key`, or undefined. */
  get(key: string): Promise<unknown>;
  /** Store `value` under `key` (a later put of the same key may overwrite it: both are the same answer). */
  put(key: string, value: unknown): Promise<void>;
}

/** A shared request limit and a shared answer store, given to createOpenAiRater (and resolveModel) as `sharing`. */
export interface RaterSharing {
  limiter: SharedLimiter;
  answers: SharedAnswers;
}
