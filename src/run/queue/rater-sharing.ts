// What `attune worker`s give their openai: raters so that a sweep, however many workers run it, keeps to one
// concurrency limit (ATTUNE_OPENAI_CONCURRENCY, sweep-wide), one rate (ATTUNE_OPENAI_RPM requests per minute) and one
// store of answers, all in the queue's Redis.
import type { Redis } from 'ioredis';
import { InputError } from '../../core/input-error.ts';
import type { RaterSharing } from '../../models/openai/sharing.ts';
import { redisAnswers } from './redis-answers.ts';
import { redisRequestLimit } from './redis-request-limit.ts';

/** The default key prefix of the shared limits and answers. */
export const RATER_SHARING_PREFIX = 'attune:openai';

/** Options of raterSharing; what is not given comes from the environment. */
export interface RaterSharingOptions {
  /** Key prefix (default RATER_SHARING_PREFIX): workers with the same prefix share limits and answers. */
  prefix?: string;
  /** Requests in flight over all workers (default ATTUNE_OPENAI_CONCURRENCY, else 4, the rater's own default). */
  concurrency?: number;
  /** Requests started per window over all workers (default ATTUNE_OPENAI_RPM, else no rate limit). */
  rpm?: number;
  /** The rate window, ms (default 60 000: rpm is per minute). */
  windowMs?: number;
  /** A slot of a worker that stopped renewing it (killed) is free after this long, ms (default 30 000). */
  leaseMs?: number;
  /** The longest wait between two tries for a slot, ms (default 50). */
  pollMs?: number;
  /** Where ATTUNE_OPENAI_CONCURRENCY and ATTUNE_OPENAI_RPM are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** Limits and answers shared through Redis, for resolveModel's `sharing`; InputError when an environment limit is not a positive integer. */
export function raterSharing(connection: Redis, options: RaterSharingOptions = {}): RaterSharing {
  const env = options.env ?? process.env;
  const prefix = options.prefix ?? RATER_SHARING_PREFIX;
  const concurrency = options.concurrency ?? positiveInteger(env, 'ATTUNE_OPENAI_CONCURRENCY') ?? 4;
  const rpm = options.rpm ?? positiveInteger(env, 'ATTUNE_OPENAI_RPM');
  const { windowMs, leaseMs, pollMs } = options;
  return {
    limiter: redisRequestLimit(connection, { prefix, concurrency, rpm, windowMs, leaseMs, pollMs }),
    answers: redisAnswers(connection, prefix),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= 1)) throw new InputError(`${name} must be a positive integer, not '${text}'`, { file: name });
  return value;
}
