// API answers shared by every worker of a sweep: one Redis hash, field = the rater's answer key, value = the
// answer as JSON. It stays after the sweep (the same key is the same question), until someone deletes the hash.
import type { Redis } from 'ioredis';
import type { SharedAnswers } from '../../models/openai/sharing.ts';

/** SharedAnswers in the hash `<prefix>:answers` over `connection`; a field that is not JSON reads as missing. */
export function redisAnswers(connection: Redis, prefix: string): SharedAnswers {
  const hash = `${prefix}:answers`;
  return {
    async get(key) {
      const text = await connection.hget(hash, key);
      if (text === null) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined;
      }
    },
    async put(key, value) {
      await connection.hset(hash, key, JSON.stringify(value));
    },
  };
}
