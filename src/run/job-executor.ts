// How a sweep's jobs get done: here, in a bounded pool (run/local-executor.ts), or by `attune worker`s over a
// queue (run/queue/). Either way each job ends in a JobOutcome, reported as it arrives.
import type { JobOutcome } from './benchmark-job.ts';
import type { PlannedJob } from './sweep-plan.ts';

/** Runs jobs and reports each outcome once; resolves when every job has one. */
export interface JobExecutor {
  run(jobs: readonly PlannedJob[], onOutcome: (job: PlannedJob, outcome: JobOutcome) => void): Promise<void>;
}
