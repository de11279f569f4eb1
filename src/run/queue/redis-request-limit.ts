// One limit on the API requests of every worker of a sweep, kept in Redis: at most `concurrency` requests in flight
// (a semaphore whose slots are leases that expire, so a worker killed mid-request frees its slots after `leaseMs`)
// and, optionally, at most `rpm` requests started in any sliding window of `windowMs` (default a minute). One Lua
// script takes both at once, on Redis's clock, so no slot is held while waiting for the rate and no rate is spent
// while waiting for a slot. BullMQ's own limiter counts jobs a worker starts, not the many requests inside one
// job, so it cannot bound these.
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { SharedLimiter } from '../../models/openai/sharing.ts';
import { sleep } from '../../models/openai/retry.ts';

/** Settings of a Redis request limit. */
export interface RedisRequestLimitOptions {
  /** Keys start with this (`<prefix>:slots`, `<prefix>:starts`). */
  prefix: string;
  /** Requests in flight at once over all workers (a positive integer). */
  concurrency: number;
  /** Requests started per window over all workers; undefined: no rate limit. */
  rpm?: number;
  /** The rate window, ms (default 60 000). */
  windowMs?: number;
  /** How long a slot stays taken without renewal, ms (default 30 000); a holder renews every third of it. */
  leaseMs?: number;
  /** The longest wait between two tries for a slot, ms (default 50; jittered). */
  pollMs?: number;
}

// KEYS: slots (member: holder, score: lease end), starts (member: holder, score: start time).
// ARGV: holder, concurrency, leaseMs, rpm (0: none), windowMs. Returns {1, 0} when taken, else {0, ms until the
// earliest lease ends} (slots full) or {-1, ms until the window has room} (rate spent).
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, math.ceil(tonumber(first[2]) - now)}
end
local rpm = tonumber(ARGV[4])
if rpm > 0 then
  local window = tonumber(ARGV[5])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
  if redis.call('ZCARD', KEYS[2]) >= rpm then
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return {-1, math.ceil(tonumber(oldest[2]) + window - now)}
  end
  redis.call('ZADD', KEYS[2], now, ARGV[1])
  redis.call('PEXPIRE', KEYS[2], math.ceil(window))
end
local lease = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil(lease))
return {1, 0}
`;

// KEYS: slots. ARGV: holder, leaseMs. Extends a lease still held (1), or says it was lost (0).
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2])))
return 1
`;

type LimitCommands = {
  attuneLimitAcquire(slots: string, starts: string, holder: string, concurrency: number, leaseMs: number, rpm: number, windowMs: number): Promise<[number, number]>;
  attuneLimitRenew(slots: string, holder: string, leaseMs: number): Promise<number>;
};

/** A SharedLimiter over `connection`: requests of every instance with the same prefix (on any machine) count together. */
export function redisRequestLimit(connection: Redis, options: RedisRequestLimitOptions): SharedLimiter {
  const { prefix, concurrency } = options;
  const windowMs = options.windowMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 50;
  const rpm = options.rpm ?? 0;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  if (!(Number.isInteger(rpm) && rpm >= 0)) throw new RangeError(`rpm must be a positive integer, got ${options.rpm}`);
  for (const [name, value] of [['windowMs', windowMs], ['leaseMs', leaseMs], ['pollMs', pollMs]] as const) {
    if (!(value > 0)) throw new RangeError(`${name} must be positive, got ${value}`);
  }
  const redis = withCommands(connection);
  const slots = `${prefix}:slots`;
  const starts = `${prefix}:starts`;
  const instance = randomUUID();
  let taken = 0;
  // A slot released here wakes this instance's waiters at once; slots released elsewhere are found by polling.
  let wakers: (() => void)[] = [];
  const wakeAll = (): void => {
    const now = wakers;
    wakers = [];
    for (const wake of now) wake();
  };

  async function acquire(holder: string, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      const [ok, waitMs] = await redis.attuneLimitAcquire(slots, starts, holder, concurrency, leaseMs, rpm, windowMs);
      if (ok === 1) return;
      // rate spent: wait until the window has room; slots full: poll, or wake when a slot of ours is released
      const wait = ok === -1 ? Math.max(1, waitMs) : Math.min(Math.max(1, waitMs), pollMs * (0.5 + Math.random()));
      let wake: () => void = () => undefined;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      if (ok === 0) wakers.push(wake);
      try {
        await Promise.race([sleep(wait, signal), woken]);
      } finally {
        wakers = wakers.filter((w) => w !== wake);
      }
    }
  }

  return {
    async run<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const holder = `${instance}:${++taken}`;
      await acquire(holder, signal);
      const renewal = setInterval(() => void redis.attuneLimitRenew(slots, holder, leaseMs).catch(() => undefined), leaseMs / 3);
      renewal.unref();
      try {
        return await attempt();
      } finally {
        clearInterval(renewal);
        // if Redis cannot be told now, the lease runs out on its own
        await redis.zrem(slots, holder).catch(() => undefined);
        wakeAll();
      }
    },
  };
}

/** The connection with the two scripts defined on it (once per connection; ioredis resends them after a Redis restart). */
function withCommands(connection: Redis): Redis & LimitCommands {
  const redis = connection as Redis & Partial<LimitCommands>;
  if (typeof redis.attuneLimitAcquire !== 'function') redis.defineCommand('attuneLimitAcquire', { numberOfKeys: 2, lua: ACQUIRE });
  if (typeof redis.attuneLimitRenew !== 'function') redis.defineCommand('attuneLimitRenew', { numberOfKeys: 1, lua: RENEW });
  return redis as Redis & LimitCommands;
}
