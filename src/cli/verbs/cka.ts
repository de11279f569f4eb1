// `attune cka <X> <Y> [--kernel linear|rbf] [--debiased] [--threshold F] [--json]`: CKA of two representations.
import { pairMeasureMinimum, runPairMeasure, type PairMeasure } from '../../measures/pair-measure.ts';
import type { Score } from '../../measures/score.ts';
import { choiceOption, expectPositionals, parseVerbArgs, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { locateMeasureError, pairRepresentations, readRepresentations } from '../representation-pair.ts';
import { TABLE_OPTIONS, tableOptionsHelp } from '../table-options.ts';

/** Help text of `attune cka`. */
export const CKA_HELP = `Usage: attune cka <X> <Y> [--kernel linear|rbf] [--debiased] [--threshold F] [--json]

Centred kernel alignment (Kornblith et al. 2019) between two representations of the same stimuli:
X and Y are files whose rows are the stimuli (columns may differ), CSV/TSV/text, .npy or .npz: rows in the same
order, or matched by label when both files carry labels.

Options:
  --kernel K      linear (default) or rbf: exp(−d²/(2σ²)), σ = threshold × median pairwise distance
  --debiased      the unbiased HSIC estimator (Song et al. 2012), as Kornblith's debiased=True; needs ≥ 4 stimuli
  --threshold F   RBF only: σ as a fraction of the median distance (default 0.8)
  --json          print one JSON document: a Score {value, measure, n, details}
${tableOptionsHelp(18)}
  -h, --help      this help
`;

/** Run `attune cka`; returns the exit code. */
export async function runCka(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('cka', args, {
    kernel: { type: 'string' },
    debiased: { type: 'boolean' },
    threshold: { type: 'string' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(CKA_HELP);
    return 0;
  }
  const [fileX, fileY] = expectPositionals('cka', positionals, ['X', 'Y']);
  const kernel = choiceOption('cka', 'kernel', values.kernel, ['linear', 'rbf'] as const, 'linear');
  const debiased = values.debiased === true;
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    if (kernel !== 'rbf') throw new UsageError('cka', '--threshold applies to --kernel rbf only');
    threshold = Number(values.threshold);
    if (!(threshold > 0) || !Number.isFinite(threshold)) {
      throw new UsageError('cka', `--threshold must be a positive number, got '${values.threshold}'`);
    }
  }

  const [x, y] = await readRepresentations('cka', [fileX, fileY], values);
  const measure: PairMeasure = { family: 'cka', kernel, debiased, threshold };
  const { x: mx, y: my } = pairRepresentations(x, y, { what: debiased ? 'debiased CKA' : 'CKA', minimum: pairMeasureMinimum(measure), centres: true });

  let score: Score;
  try {
    score = await runPairMeasure(measure, mx, my);
  } catch (error) {
    throw locateMeasureError(error, fileX, fileY);
  }
  const out: Score = { ...score, details: { ...score.details, files: [fileX, fileY] } };
  if (values.json) {
    printJson(out);
    return 0;
  }
  note(`attune cka: ${fileX} (${mx.rows}×${mx.cols}) vs ${fileY} (${my.rows}×${my.cols})`);
  printText(`${out.measure}  ${formatNumber(out.value)}`);
  return 0;
}
