// `attune run [--suite ID]… [--model ID]… [--out DIR] [--seed S] [--bootstrap N] [--concurrency N] [--queue URL] [--no-cache] [--json]`:
// one model on one suite, or a sweep of every --model on every --suite into one results.json.
import { SUITES } from '../../benchmarks/suites.ts';
import { readRdm92ModelFile } from '../../benchmarks/rdm92.ts';
import { parseRsaTransform } from '../../benchmarks/rsa-transform.ts';
import type { ModelSpec, SweepSpec } from '../../run/sweep-spec.ts';
import { integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { MODEL_OPTION_SPECS, MODEL_OPTIONS_HELP, modelChoice } from '../model-options.ts';
import { printText } from '../output.ts';
import { DEFAULT_OUT, runSweepVerb, SWEEP_OPTION_SPECS, SWEEP_OPTIONS_HELP } from '../sweep-options.ts';

export { DEFAULT_OUT };

/** Help text of `attune run`. */
export const RUN_HELP = `Usage: attune run [--suite ID]… [--model ID]… [--layers all|best|N] [--pooling P] [--offline]
                  [--model-rdm FILE]… [--transform geotopological[:lower,upper]] [--out DIR] [--seed S] [--bootstrap N]
                  [--concurrency N] [--queue URL] [--no-cache] [--no-png] [--json]

Run a benchmark suite, print the scorecard, and write results.json, report.html and plots/*.png
into DIR (default ./${DEFAULT_OUT}). Finished benchmarks are cached: an interrupted run resumes,
a repeated run is fast. Several --model and --suite options make a sweep: every model on every
suite, one results.json and one report with every model's rows (see also 'attune sweep').

Options:
  --suite ID           ${SUITES.map((s) => `${s.id} (${s.description})`).join('; ')} (default core)
${MODEL_OPTIONS_HELP}
  --model, --suite     repeat either for a sweep (every model on every suite); --layers, --pooling and --tower then
                       apply to every model (options per model: 'attune sweep FILE')
  --model-rdm FILE     (literature suite, one --model) your RDM over the 92 images, scored beside the data set's model
                       RDMs: 92×92 or 4186 condensed values, CSV/TSV/.npy; repeat for several
  --transform T        RSA benchmarks: geotopological[:lower,upper] transform of every RDM first
  --seed S             seed of every resampling and fold split (default 0)
  --bootstrap N        bootstrap resamples for the 95% intervals (default 1000)
${SWEEP_OPTIONS_HELP}
  -h, --help           this help

The cache lives in $ATTUNE_CACHE_DIR (default ~/.cache/attune); see 'attune cache info'.
`;

/** Run `attune run`; returns the exit code. */
export async function runRun(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('run', args, {
    ...MODEL_OPTION_SPECS,
    model: { type: 'string', multiple: true },
    suite: { type: 'string', multiple: true },
    'model-rdm': { type: 'string', multiple: true },
    transform: { type: 'string' },
    seed: { type: 'string' },
    bootstrap: { type: 'string' },
    ...SWEEP_OPTION_SPECS,
  });
  if (values.help) {
    printText(RUN_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('run', `unexpected argument '${positionals[0]}'`);
  const suites = repeated(values.suite) ?? ['core'];
  for (const suite of suites) {
    if (!SUITES.some((s) => s.id === suite)) throw new UsageError('run', `unknown suite '${suite}' (known: ${SUITES.map((s) => s.id).join(', ')})`);
  }
  refuseRepeats(suites, 'suite');
  const modelIds = repeated(values.model) ?? ['glove'];
  refuseRepeats(modelIds, 'model');
  const choices = modelIds.map((id) => modelChoice({ ...values, model: id }));
  const rdmFiles = repeated(values['model-rdm']) ?? [];
  if (rdmFiles.length > 0 && modelIds.length > 1) {
    throw new UsageError('run', `--model-rdm goes with a run of one model, not ${modelIds.length} (${modelIds.join(', ')}); run that model on its own`);
  }
  const modelRdms = [];
  for (const file of rdmFiles) modelRdms.push(await readRdm92ModelFile(file));
  const models: ModelSpec[] = choices.map((c) => ({ id: c.id, layers: c.layers, pooling: c.pooling, tower: c.tower }));
  const spec: SweepSpec = {
    models, suites,
    seed: integerOption('run', 'seed', values.seed, 0) ?? 0,
    bootstrap: integerOption('run', 'bootstrap', values.bootstrap, 0) ?? 1000,
    transform: typeof values.transform === 'string' ? parseRsaTransform(values.transform) : undefined,
    offline: choices[0].offline,
  };
  return runSweepVerb('run', spec, values, { modelRdms });
}

/** The values of a repeatable option (undefined when absent). */
function repeated(value: unknown): string[] | undefined {
  return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : undefined;
}

/** UsageError when an option names the same thing twice (each model's or suite's rows would appear twice). */
function refuseRepeats(names: readonly string[], option: string): void {
  const twice = names.find((n, k) => names.indexOf(n) !== k);
  if (twice !== undefined) throw new UsageError('run', `--${option} ${twice} is given twice`);
}
