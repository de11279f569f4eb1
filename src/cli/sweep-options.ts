// What `attune run` and `attune sweep` share: the options that say how a sweep runs and where it goes (--out,
// --concurrency, --queue, --no-cache, --no-png, --json), and the one way both run it, write results.json and the
// report, print the scorecard and choose the exit code.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Rdm92Candidate } from '../benchmarks/rdm92.ts';
import { formatScorecard } from '../report/scorecard.ts';
import { writeReport } from '../report/write-report.ts';
import { openCache } from '../run/cache.ts';
import type { RunResults } from '../run/results.ts';
import { runSweep, type SweepOptions } from '../run/sweep.ts';
import type { SweepSpec } from '../run/sweep-spec.ts';
import { integerOption, UsageError } from './args.ts';
import { note, printJson, printText } from './output.ts';
import { textProgress } from './text-progress.ts';

/** Default output folder of `attune run` and `attune sweep`, relative to the working directory. */
export const DEFAULT_OUT = 'attune-results';

/** parseArgs specs of the options run and sweep share. */
export const SWEEP_OPTION_SPECS = {
  out: { type: 'string' },
  concurrency: { type: 'string' },
  queue: { type: 'string' },
  'no-cache': { type: 'boolean' },
  'no-png': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Help lines of the shared options. */
export const SWEEP_OPTIONS_HELP = `  --out DIR            output folder (created if needed; default ./${DEFAULT_OUT})
  --concurrency N      jobs (model × benchmark) at once on this machine (default 1; API models gain most)
  --queue URL          coordinate 'attune worker's over a Redis queue instead of running the jobs here:
                       redis://[user:password@]host:port[/db], rediss://… for TLS (default $ATTUNE_QUEUE)
  --no-cache           compute everything, read and write no cache
  --no-png             skip the PNG copies of the plots
  --json               print results.json on stdout instead of the scorecard`;

/** How a verb's sweep runs beyond its spec. */
export interface SweepRun {
  /** The user's candidate RDMs (attune run --model-rdm; one model, local only). */
  modelRdms?: readonly Rdm92Candidate[];
  /** Jobs at once when --concurrency is not given (a sweep file's `concurrency`). */
  concurrency?: number;
}

/** The queue of --queue, else of $ATTUNE_QUEUE (an empty one counts as none), with where it came from; undefined: run here. */
export function queueChoice(values: Record<string, unknown>): { url: string; source: string } | undefined {
  if (typeof values.queue === 'string') return { url: values.queue, source: '--queue' };
  const env = process.env.ATTUNE_QUEUE;
  return env !== undefined && env.trim() !== '' ? { url: env, source: 'ATTUNE_QUEUE' } : undefined;
}

/**
 * Run `spec` — here in a bounded pool, or as the coordinator of `attune worker`s on the queue of --queue/$ATTUNE_QUEUE
 * (BullMQ loaded only then) — write results.json, report.html and plots into --out, print the scorecard (or
 * results.json with --json); returns the exit code: 2 when a benchmark refused its input, 1 when nothing could be
 * scored, else 0.
 */
export async function runSweepVerb(verb: string, spec: SweepSpec, values: Record<string, unknown>, run: SweepRun = {}): Promise<number> {
  const outDir = resolve(typeof values.out === 'string' ? values.out : DEFAULT_OUT);
  const noCache = values['no-cache'] === true;
  const queue = queueChoice(values);
  const given = integerOption(verb, 'concurrency', values.concurrency as string | undefined, 1);
  if (queue !== undefined) {
    if ((run.modelRdms ?? []).length > 0) throw new UsageError(verb, '--model-rdm files are read on this machine only; they cannot go with --queue');
    if (given !== undefined) throw new UsageError(verb, "--concurrency sets this machine's pool; with --queue each worker's own --concurrency applies");
  }
  const options: SweepOptions = {
    cacheDir: noCache ? false : undefined,
    onModelProgress: textProgress('model activations'),
    modelRdms: run.modelRdms,
    concurrency: given ?? run.concurrency ?? 1,
  };
  if (queue === undefined) return writeAndPrint(verb, await runSweep(spec, options), outDir, values);
  if (run.concurrency !== undefined) note(`attune ${verb}: the sweep file's concurrency (${run.concurrency}) is for local runs; with --queue each worker's --concurrency applies`);
  // Only a coordinator loads the queue's modules (bullmq, ioredis): without --queue nothing needs Redis.
  const { queueExecutor } = await import('../run/queue/queue-executor.ts');
  const coordinator = queueExecutor({ url: queue.url, urlSource: queue.source, offline: spec.offline, onLine: (line) => note(`attune ${verb}: ${line}`) });
  let results: RunResults;
  try {
    results = await runSweep(spec, { ...options, executor: coordinator.executor });
  } finally {
    await coordinator.close();
  }
  return writeAndPrint(verb, results, outDir, values);
}

/** Write the report folder, print the scorecard or JSON and the notes; returns the exit code. */
async function writeAndPrint(verb: string, results: RunResults, outDir: string, values: Record<string, unknown>): Promise<number> {
  const png = values['no-png'] !== true;
  mkdirSync(outDir, { recursive: true });
  const store = values['no-cache'] === true ? undefined : openCache();
  let written: { files: string[] };
  try {
    written = await writeReport(results, outDir, { png, store });
  } finally {
    store?.close();
  }
  if (values.json === true) printJson(results);
  else printText(formatScorecard(results, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  if (results.usage) {
    const u = results.usage;
    note(`attune ${verb}: ${results.model.id}: ${u.requests} requests, ${u.cached} answers from the cache, ${u.promptTokens} prompt + ${u.completionTokens} completion tokens${u.cost !== undefined ? `, $${u.cost.toFixed(4)}` : ''}`);
  }
  note(`attune ${verb}: wrote ${written.files.length} files to ${outDir} (results.json, report.html${png ? ', plots/*.png' : ''})`);
  const refused = results.failures.filter((f) => f.input);
  for (const f of refused) process.stderr.write(`attune ${verb}: ${f.model !== undefined ? `${f.model}: ` : ''}${f.benchmark}: ${f.error}\n`);
  if (refused.length > 0) return 2;
  return results.results.length === 0 ? 1 : 0;
}
