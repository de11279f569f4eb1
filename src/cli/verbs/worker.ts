// `attune worker --queue URL [--concurrency N] [--no-cache]`: take sweep jobs from a Redis queue until stopped.
import { parseQueueUrl } from '../../run/queue/connection.ts';
import { DEFAULT_LOCK_MS, runWorker } from '../../run/queue/worker.ts';
import { integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { note, printText } from '../output.ts';

/** Help text of `attune worker`. */
export const WORKER_HELP = `Usage: attune worker --queue URL [--concurrency N] [--no-cache]

Take jobs (one benchmark on one model) from the queue of a sweep that a coordinator started with
'attune run … --queue URL', run them with this machine's own cache, and send each outcome back
through the queue. Start as many workers as you like, on any machines that reach Redis; each opens a
model once and keeps it for that model's later jobs. Jobs hold only descriptions (model ids and
options, suite and benchmark ids, settings) and outcomes come back as JSON: no code and no files
travel. A model named by a file (vectors:<file>, hf:<folder>) must be at the same path on every
worker, with the same content: a worker whose copy differs refuses the job.

Options:
  --queue URL        the Redis server: redis://[user:password@]host:port[/db], rediss://… for TLS
                     (default $ATTUNE_QUEUE)
  --concurrency N    jobs at once (default 1; more helps API models, which wait on the network)
  --no-cache         compute everything, read and write no cache
  -h, --help         this help

Stop with Ctrl+C (or SIGTERM): the worker takes no new job and finishes the running ones; a second
Ctrl+C stops at once, and its running jobs go to another worker once their lock expires
(${DEFAULT_LOCK_MS / 1000} s). A worker that dies (SIGKILL, a lost machine) loses nothing either.
The cache lives in $ATTUNE_CACHE_DIR (default ~/.cache/attune).
`;

/** Run `attune worker`; resolves with the exit code once the worker has stopped. */
export async function runWorkerVerb(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('worker', args, {
    queue: { type: 'string' },
    concurrency: { type: 'string' },
    'no-cache': { type: 'boolean' },
  });
  if (values.help) {
    printText(WORKER_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('worker', `unexpected argument '${positionals[0]}'`);
  const fromOption = typeof values.queue === 'string';
  const url = fromOption ? String(values.queue) : process.env.ATTUNE_QUEUE;
  if (url === undefined || url.trim() === '') throw new UsageError('worker', 'needs --queue redis://host:port (or ATTUNE_QUEUE)');
  parseQueueUrl(url, fromOption ? '--queue' : 'ATTUNE_QUEUE');
  const concurrency = integerOption('worker', 'concurrency', values.concurrency, 1) ?? 1;
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    note(`attune worker: ${signal} again: stopping now; the running jobs go to another worker when their lock expires`);
    process.exit(130);
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
  try {
    await runWorker({ url: url.trim(), concurrency, cacheDir: values['no-cache'] ? false : undefined, signal: controller.signal });
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
  return 0;
}
