// Where the queue lives: a `redis://[user:password@]host[:port][/db]` (or `rediss://`, TLS) URL given as --queue or
// ATTUNE_QUEUE, turned into ioredis options that survive a Redis restart (reconnect forever, capped backoff, no
// per-command retry limit: BullMQ's blocking commands need that).
import type { RedisOptions } from 'ioredis';
import { InputError } from '../../core/input-error.ts';

/** A parsed queue URL. */
export interface QueueAddress {
  tls: boolean;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
}

/** The queue's name when none is given (coordinator and workers must use the same). */
export const DEFAULT_QUEUE_NAME = 'attune';

/** The longest pause between two reconnection attempts (ms). */
export const MAX_RECONNECT_DELAY_MS = 2000;

/** The default Redis port. */
const REDIS_PORT = 6379;

/** Parse a queue URL; a bad one is an InputError naming `source` (--queue or ATTUNE_QUEUE) and never echoing a password. */
export function parseQueueUrl(text: string, source = '--queue'): QueueAddress {
  const bad = (detail: string): InputError =>
    new InputError(`${detail}; expected redis://[user:password@]host:port[/db] or rediss://… (TLS), got '${redactUrl(text)}'`, { file: source });
  const trimmed = text.trim();
  if (trimmed === '') throw bad('no queue URL');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw bad('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw bad(`the scheme must be redis: or rediss:, not ${url.protocol}`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw bad('no host');
  if (url.search !== '' || url.hash !== '') throw bad('a queue URL takes no ?query or #fragment');
  const port = url.port === '' ? REDIS_PORT : Number(url.port);
  if (port === 0) throw bad('port 0 is not a port');
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d+$/.test(path)) throw bad(`the path names a database number (/0, /1, …), not '/${path}'`);
  const db = path === '' ? 0 : Number(path);
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  return { tls: url.protocol === 'rediss:', host, port, db, ...(username !== undefined ? { username } : {}), ...(password !== undefined ? { password } : {}) };
}

/** The URL with any password replaced by '***', for messages and progress lines. */
export function redactUrl(text: string): string {
  return text.replace(/^(\s*rediss?:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/** ioredis options for an address: reconnect forever (at most MAX_RECONNECT_DELAY_MS apart), no per-command retry cap. */
export function redisOptions(address: QueueAddress): RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username !== undefined ? { username: address.username } : {}),
    ...(address.password !== undefined ? { password: address.password } : {}),
    ...(address.tls ? { tls: { servername: address.host } } : {}),
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 10), MAX_RECONNECT_DELAY_MS),
  };
}
