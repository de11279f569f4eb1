// The `attune` command line: verb dispatch, help, version and exit codes (0 ok, 2 bad input or usage, 1 anything else).
import { realpathSync } from 'node:fs';
import { toolVersion } from '../run/tool-version.ts';
import { pathToFileURL } from 'node:url';
import { ExternalError } from '../core/external-error.ts';
import { InputError } from '../core/input-error.ts';
import { InvalidInputError } from '../measures/errors.ts';
import { UsageError } from './args.ts';
import { didYouMean } from '../core/suggest.ts';

/** A verb: its one-line summary and how to load and run it (verbs load lazily, so `--help` stays fast). */
interface Verb {
  summary: string;
  run: (args: string[]) => Promise<number>;
}

const VERBS: Record<string, Verb> = {
  run: {
    summary: 'run a benchmark suite and print the scorecard',
    run: async (args) => (await import('./verbs/run.ts')).runRun(args),
  },
  sweep: {
    summary: 'run every model of a sweep file (JSON or YAML) on its suites into one results.json and report',
    run: async (args) => (await import('./verbs/sweep.ts')).runSweepFile(args),
  },
  wordsim: {
    summary: 'score a model on your own word pairs (Spearman with human similarity)',
    run: async (args) => (await import('./verbs/wordsim.ts')).runWordsim(args),
  },
  norms: {
    summary: 'score a model on your own word norms (decoded from vectors, or rated)',
    run: async (args) => (await import('./verbs/norms.ts')).runNorms(args),
  },
  localize: {
    summary: 'the language-selective units of a transformer (sentences > non-word lists, Welch t)',
    run: async (args) => (await import('./verbs/localize.ts')).runLocalize(args),
  },
  list: {
    summary: 'list benchmarks, models, measures or data sets',
    run: async (args) => (await import('./verbs/list.ts')).runList(args),
  },
  cache: {
    summary: 'show or clear the result cache (info, clear)',
    run: async (args) => (await import('./verbs/cache.ts')).runCache(args),
  },
  rdm: {
    summary: 'the RDM of a features file (rows = stimuli), or of each layer of a features folder',
    run: async (args) => (await import('./verbs/rdm.ts')).runRdm(args),
  },
  features: {
    summary: "a model's activations for your stimuli, written as thingsvision does (.npy per layer)",
    run: async (args) => (await import('./verbs/features.ts')).runFeatures(args),
  },
  compare: {
    summary: 'compare two RDMs (spearman, rho-a, tau-a, kendall, corr, cosine)',
    run: async (args) => (await import('./verbs/compare.ts')).runCompare(args),
  },
  ceiling: {
    summary: "the lower and upper noise ceiling of several subjects' RDMs",
    run: async (args) => (await import('./verbs/ceiling.ts')).runCeiling(args),
  },
  evaluate: {
    summary: 'score candidate RDMs against subjects: CIs, noise ceiling, pairwise tests with FDR or Bonferroni',
    run: async (args) => (await import('./verbs/evaluate.ts')).runEvaluate(args),
  },
  cka: {
    summary: 'centred kernel alignment of two representations (linear or RBF, biased or debiased)',
    run: async (args) => (await import('./verbs/cka.ts')).runCka(args),
  },
  similarity: {
    summary: 'similarity of two representations: cka, svcca, pwcca, procrustes, knn, cknna',
    run: async (args) => (await import('./verbs/similarity.ts')).runSimilarity(args),
  },
  plot: {
    summary: 'draw an RDM: heatmap with category boundaries, or 2-D classical MDS (PNG or SVG)',
    run: async (args) => (await import('./verbs/plot.ts')).runPlot(args),
  },
  encode: {
    summary: 'cross-validated ridge encoding score from features to targets',
    run: async (args) => (await import('./verbs/encode.ts')).runEncode(args),
  },
  bench: {
    summary: 'the performance benchmark (one line per case; --scaling: cost at doubling sizes)',
    run: async (args) => (await import('./verbs/bench.ts')).runBench(args),
  },
  serve: {
    summary: 'the dashboard: a local web app over the results (127.0.0.1 only by default)',
    run: async (args) => (await import('./verbs/serve.ts')).runServe(args),
  },
  worker: {
    summary: "take a sweep's jobs from a Redis queue (--queue redis://…) and run them until stopped",
    run: async (args) => (await import('./verbs/worker.ts')).runWorkerVerb(args),
  },
};

/** Help text of `attune` itself. */
export function mainHelp(): string {
  const width = Math.max(...Object.keys(VERBS).map((v) => v.length));
  const verbs = Object.entries(VERBS)
    .map(([name, v]) => `  ${name.padEnd(width)}  ${v.summary}`)
    .join('\n');
  return `Usage: attune <command> [options]

Measure how human-like AI models are: RSA, CKA and encoding models on your own data (CSV/TSV, .npy/.npz, pictures).

Commands:
${verbs}

Options:
  -h, --help      this help ('attune <command> --help' for a command's options)
  -V, --version   print the version

Exit codes: 0 success, 2 bad input or usage (the message names file:line:column), 1 anything else.
`;
}

/** Run the command line `argv` (without node and script); returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  try {
    if (verb === undefined) {
      process.stderr.write(mainHelp());
      return 2;
    }
    if (verb === '-h' || verb === '--help') {
      process.stdout.write(mainHelp());
      return 0;
    }
    if (verb === 'help') {
      if (rest.length === 0) {
        process.stdout.write(mainHelp());
        return 0;
      }
      return await dispatch(rest[0], ['--help']);
    }
    if (verb === '-V' || verb === '--version') {
      process.stdout.write(`attune ${toolVersion()}\n`);
      return 0;
    }
    return await dispatch(verb, rest);
  } catch (error) {
    return report(error);
  }
}

/** Run one verb, or fail with a usage error for an unknown one. */
async function dispatch(verb: string, args: string[]): Promise<number> {
  const entry = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
  if (entry === undefined) {
    const known = verb.startsWith('-') ? ['--help', '--version'] : Object.keys(VERBS);
    const hint = `${verb.startsWith('-') ? 'unknown option' : 'unknown command'} '${verb}'${didYouMean(verb, known)}`;
    process.stderr.write(`attune: ${hint}\nCommands: ${Object.keys(VERBS).join(', ')}. See 'attune --help'.\n`);
    return 2;
  }
  return entry.run(args);
}

/** Print an error and map it to an exit code: 2 for bad input or usage, 1 for anything else. */
function report(error: unknown): number {
  if (error instanceof InputError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof InvalidInputError) {
    process.stderr.write(`attune: bad input: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ExternalError) {
    process.stderr.write(`attune: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`attune: internal error: ${message}\n`);
  if (process.env.ATTUNE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write(`(set ATTUNE_DEBUG=1 for the stack trace)\n`);
  return 1;
}

/** Whether this module is the program's entry point (`node --import tsx src/cli/main.ts …`). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

/** Run as the program: process.argv in, process.exitCode out; a closed stdout pipe (`| head`) ends quietly. */
export async function runAsProgram(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2));
}

if (isEntryPoint()) await runAsProgram();
