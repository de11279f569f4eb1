// `attune sweep <file> [--out DIR] [--concurrency N] [--queue URL] [--no-cache] [--no-png] [--json]`: every model of a
// sweep file (JSON or YAML) on every suite it names, into one results.json and one report.
import { SUITES } from '../../benchmarks/suites.ts';
import { readSweepFile } from '../../run/sweep-file.ts';
import { expectPositionals, parseVerbArgs } from '../args.ts';
import { printText } from '../output.ts';
import { DEFAULT_OUT, runSweepVerb, SWEEP_OPTION_SPECS, SWEEP_OPTIONS_HELP } from '../sweep-options.ts';

/** Help text of `attune sweep`. */
export const SWEEP_HELP = `Usage: attune sweep <file> [--out DIR] [--concurrency N] [--queue URL] [--no-cache] [--no-png] [--json]

Run every model of a sweep file on every benchmark of its suites (one job per model and benchmark, cached as
'attune run' caches them), print the scorecard, and write one results.json, report.html and plots/*.png with
every model's rows into DIR (default ./${DEFAULT_OUT}).

The file is JSON (.json) or YAML (.yaml, .yml):
  models:            a list; each a model id (as --model takes it) or {id, layers, pooling, tower}
    - glove
    - id: hf:Xenova/bert-base-uncased
      layers: all    # all, best or a layer number (0 = embeddings)
      pooling: mean
  suites: [core]     # ${SUITES.map((s) => s.id).join(', ')} (default core)
  seed: 0            # optional: seed (default 0), bootstrap (default 1000), transform (geotopological[:lower,upper]),
  bootstrap: 1000    #   offline (true: never reach the network), concurrency (jobs at once here; --concurrency wins)
Unknown keys, wrong types and unknown suites are refused with the file's line and column. Paths in model ids
(vectors:<file>, …) are read from the folder attune runs in, as with --model.

Options:
${SWEEP_OPTIONS_HELP}
  -h, --help           this help
`;

/** Run `attune sweep`; returns the exit code. */
export async function runSweepFile(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('sweep', args, { ...SWEEP_OPTION_SPECS });
  if (values.help) {
    printText(SWEEP_HELP);
    return 0;
  }
  const [file] = expectPositionals('sweep', positionals, ['file']);
  const { spec, concurrency } = readSweepFile(file);
  return runSweepVerb('sweep', spec, values, { concurrency });
}
