// The default executor: jobs run in this process, at most `concurrency` at once (API models wait on the
// network, so several in flight pay; local models compute one after the other), in plan order.
import type { Cache } from './cache.ts';
import { runBenchmarkJob } from './benchmark-job.ts';
import type { JobExecutor } from './job-executor.ts';

/** An executor running jobs here with the given cache (undefined: none), `concurrency` (default 1) at a time. */
export function localExecutor(cache: Cache | undefined, concurrency = 1): JobExecutor {
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  return {
    async run(jobs, onOutcome) {
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < jobs.length) {
          const job = jobs[next++];
          onOutcome(job, await runBenchmarkJob(job.benchmark, job.model, job.suite, job.settings, job.inputs, cache));
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
    },
  };
}
