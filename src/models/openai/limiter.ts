// A concurrency limit: at most `n` tasks run at once, the rest wait their turn in arrival order.

/** Runs tasks with at most `limit` in flight. */
export interface Limiter {
  /** Run `task` when a slot is free; the slot is released when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
}

/** A limiter allowing `limit` (a positive integer) tasks at once. */
export function createLimiter(limit: number): Limiter {
  if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    get active() {
      return active;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot passes straight to us
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
