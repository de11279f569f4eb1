// Many questions at once: all are queued (the rater's limiter bounds how many run); after the first
// failure no further item starts, and once those in flight settle the first failure is thrown.

/**
 * Answer every item with `one(item, mayStart)`, in item order. `mayStart` turns false after a
 * failure, and `one` then rejects with an error `isSkip` recognises. `onProgress(done, total)` after each success.
 */
export async function runBatch<T, A>(
  items: readonly T[],
  one: (item: T, mayStart: () => boolean) => Promise<A>,
  onProgress: ((done: number, total: number) => void) | undefined,
  isSkip: (error: unknown) => boolean,
): Promise<A[]> {
  let failure: { error: unknown } | undefined;
  let done = 0;
  const mayStart = (): boolean => failure === undefined;
  const settled = await Promise.allSettled(
    items.map(async (item) => {
      try {
        const answer = await one(item, mayStart);
        done++;
        onProgress?.(done, items.length);
        return answer;
      } catch (error) {
        if (!isSkip(error) && failure === undefined) failure = { error };
        throw error;
      }
    }),
  );
  if (failure) throw failure.error;
  return settled.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
}
