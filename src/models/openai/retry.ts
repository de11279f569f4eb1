// Our own retry loop for chat requests: exponential backoff with full jitter, the server's
import { ExternalError } from '../../core/external-error.ts';
// retry-after(-ms) honoured, and a clear Error once the attempts are spent or the failure is final.

/** How often and how long to wait between attempts. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 6). */
  maxRetries: number;
  /** Backoff cap of the first retry, doubled each retry up to maxDelayMs (full jitter: uniform in [0, cap)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform [0, 1) source for the jitter (seeded in tests). */
  random: () => number;
}

/** The verdict on one failed attempt. */
export interface Failure {
  /** false: give up at once (bad key, unknown model, bad request, abort). */
  retry: boolean;
  /** What went wrong, for logs and the final Error. */
  message: string;
  /** The server's requested wait (retry-after-ms / retry-after), when it sent one. */
  waitMs?: number;
  /** The Error to throw when not retrying (defaults to one built from `message`). */
  error?: Error;
}

/** The full-jitter backoff before retry number `retry` (1-based): uniform in [0, min(max, base·2^(retry−1))). */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return policy.random() * cap;
}

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds), else `retry-after` as seconds or as an
 * HTTP date (relative to `now`). Negative waits count as 0; undefined when neither header parses.
 */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms != null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = headers?.get('retry-after');
  if (after == null || after.trim() === '') return undefined;
  if (Number.isFinite(Number(after))) return Math.max(0, Number(after) * 1000);
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The Error for an aborted run: the signal's reason when it is an Error, else an AbortError. */
export function abortError(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('the run was aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Run `attempt` until it succeeds; after a failure `judge` says whether to retry, and we wait
 * the server's retry-after if given, else the jittered backoff. Gives up after maxRetries retries
 * with an Error naming the last failure; `onRetry` hears each retry before its wait.
 */
export async function withRetries<T>(
  attempt: (n: number) => Promise<T>,
  judge: (error: unknown) => Failure,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; what?: string; onRetry?: (retry: number, failure: Failure, waitMs: number) => void } = {},
): Promise<T> {
  const what = options.what ?? 'the request';
  for (let n = 0; ; n++) {
    if (options.signal?.aborted) throw abortError(options.signal);
    let failure: Failure;
    try {
      return await attempt(n);
    } catch (error) {
      if (options.signal?.aborted) throw abortError(options.signal);
      failure = judge(error);
    }
    if (!failure.retry) throw failure.error ?? new ExternalError(`${what}: ${failure.message}`);
    if (n >= policy.maxRetries) {
      throw new ExternalError(`${what} failed after ${n + 1} attempt${n === 0 ? '' : 's'}; last failure: ${failure.message}`);
    }
    const wait = failure.waitMs ?? backoffMs(n + 1, policy);
    options.onRetry?.(n + 1, failure, wait);
    await sleep(wait, options.signal);
  }
}
