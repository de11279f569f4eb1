// `attune run [--suite ID] [--model ID] [--out DIR] [--seed S] [--bootstrap N] [--no-cache] [--json]`.
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { SUITES } from '../../benchmarks/suites.ts';
import { readRdm92ModelFile } from '../../benchmarks/rdm92.ts';
import { parseRsaTransform } from '../../benchmarks/rsa-transform.ts';
import { formatScorecard } from '../../report/scorecard.ts';
import { writeReport } from '../../report/write-report.ts';
import { openCache } from '../../run/cache.ts';
import { runSuite } from '../../run/runner.ts';
import { integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { MODEL_OPTION_SPECS, MODEL_OPTIONS_HELP, modelChoice } from '../model-options.ts';
import { note, printJson, printText } from '../output.ts';
import { textProgress } from '../text-progress.ts';

/** Default output folder of `attune run`, relative to the working directory. */
export const DEFAULT_OUT = 'attune-results';

/** Help text of `attune run`. */
export const RUN_HELP = `Usage: attune run [--suite ID] [--model ID] [--layers all|best|N] [--pooling P] [--offline]
                  [--model-rdm FILE]… [--transform geotopological[:lower,upper]] [--out DIR] [--seed S] [--bootstrap N] [--no-cache] [--no-png] [--json]

Run a benchmark suite, print the scorecard, and write results.json, report.html and plots/*.png
into DIR (default ./${DEFAULT_OUT}). Finished benchmarks are cached: an interrupted run resumes,
a repeated run is fast.

Options:
  --suite ID           ${SUITES.map((s) => `${s.id} (${s.description})`).join('; ')} (default core)
${MODEL_OPTIONS_HELP}
  --model-rdm FILE     (literature suite) your RDM over the 92 images, scored beside the data set's model
                       RDMs: 92×92 or 4186 condensed values, CSV/TSV/.npy; repeat for several
  --transform T        RSA benchmarks: geotopological[:lower,upper] transform of every RDM first
  --out DIR            output folder (created if needed)
  --seed S             seed of every resampling and fold split (default 0)
  --bootstrap N        bootstrap resamples for the 95% intervals (default 1000)
  --no-cache           compute everything, read and write no cache
  --no-png             skip the PNG copies of the plots
  --json               print results.json on stdout instead of the scorecard
  -h, --help           this help

The cache lives in $ATTUNE_CACHE_DIR (default ~/.cache/attune); see 'attune cache info'.
`;

/** Run `attune run`; returns the exit code. */
export async function runRun(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('run', args, {
    suite: { type: 'string' },
    ...MODEL_OPTION_SPECS,
    'model-rdm': { type: 'string', multiple: true },
    transform: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    bootstrap: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'no-png': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    printText(RUN_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError('run', `unexpected argument '${positionals[0]}'`);
  const suite = typeof values.suite === 'string' ? values.suite : 'core';
  if (!SUITES.some((s) => s.id === suite)) {
    throw new UsageError('run', `unknown suite '${suite}' (known: ${SUITES.map((s) => s.id).join(', ')})`);
  }
  const outDir = resolve(typeof values.out === 'string' ? values.out : DEFAULT_OUT);
  const choice = modelChoice(values);
  const rdmFiles = (values['model-rdm'] as unknown as string[] | undefined) ?? [];
  const modelRdms = [];
  for (const file of rdmFiles) modelRdms.push(await readRdm92ModelFile(file));
  const results = await runSuite({
    modelRdms,
    transform: typeof values.transform === 'string' ? parseRsaTransform(values.transform) : undefined,
    suite,
    model: choice.id,
    layers: choice.layers,
    pooling: choice.pooling,
    tower: choice.tower,
    offline: choice.offline,
    onModelProgress: textProgress('model activations'),
    seed: integerOption('run', 'seed', values.seed, 0) ?? 0,
    bootstrap: integerOption('run', 'bootstrap', values.bootstrap, 0) ?? 1000,
    cacheDir: values['no-cache'] ? false : undefined,
  });
  mkdirSync(outDir, { recursive: true });
  const store = values['no-cache'] ? undefined : openCache();
  let written: { files: string[] };
  try {
    written = await writeReport(results, outDir, { png: !values['no-png'], store });
  } finally {
    store?.close();
  }
  if (values.json) printJson(results);
  else printText(formatScorecard(results, { color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
  if (results.usage) {
    const u = results.usage;
    note(`attune run: ${results.model.id}: ${u.requests} requests, ${u.cached} answers from the cache, ${u.promptTokens} prompt + ${u.completionTokens} completion tokens${u.cost !== undefined ? `, $${u.cost.toFixed(4)}` : ''}`);
  }
  note(`attune run: wrote ${written.files.length} files to ${outDir} (results.json, report.html${values['no-png'] ? '' : ', plots/*.png'})`);
  const refused = results.failures.filter((f) => f.input);
  for (const f of refused) process.stderr.write(`attune run: ${f.benchmark}: ${f.error}\n`);
  if (refused.length > 0) return 2;
  return results.results.length === 0 ? 1 : 0;
}
