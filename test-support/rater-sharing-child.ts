// A stand-in for one `attune worker`'s openai: rater, as a separate process with its own Redis connection, for
// test/run/queue/rater-sharing.test.ts. Argument: a JSON ChildTask. It prints 'ready', waits for a line on stdin
// (so several children start together), then:
//   rate: rates the words through raterSharing and prints one JSON line {values, cached, usage};
//   hold: takes one slot of the shared limit, prints 'held' and keeps it (renewing the lease) until killed.
import { Redis } from 'ioredis';
import { createInterface } from 'node:readline';
import { memoryStore } from '../src/models/answer-store.ts';
import { createOpenAiRater } from '../src/models/openai/rater.ts';
import { raterSharing, type RaterSharingOptions } from '../src/run/queue/rater-sharing.ts';

/** What a child does. */
export interface ChildTask {
  mode: 'rate' | 'hold';
  redisUrl: string;
  sharing: Omit<RaterSharingOptions, 'env'>;
  baseURL?: string;
  words?: string[];
  /** The rater's own concurrency. */
  localConcurrency?: number;
}

const task = JSON.parse(process.argv[2]) as ChildTask;
const connection = new Redis(task.redisUrl);
const sharing = raterSharing(connection, { ...task.sharing, env: {} });
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));

if (task.mode === 'hold') {
  await sharing.limiter.run(() => {
    process.stdout.write('held\n');
    return new Promise<never>(() => undefined);
  });
} else {
  const rater = createOpenAiRater({
    model: 'test-model', baseURL: task.baseURL, apiKey: 'test-key', store: memoryStore(), concurrency: task.localConcurrency ?? 4,
    timeoutMs: 10_000, maxRetries: 0, sharing,
  });
  const answers = await rater.rateWords(task.words ?? [], 'glasgow:valence');
  process.stdout.write(JSON.stringify({ values: answers.map((a) => a.value), cached: answers.map((a) => a.cached), usage: rater.usage() }) + '\n');
  lines.close();
  await connection.quit();
}
