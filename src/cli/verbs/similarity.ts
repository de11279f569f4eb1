// `attune similarity <X> <Y> --measure ID [parameter options] [--json]`: one verb over
// the model–model measures (CKA, SVCCA, PWCCA, Procrustes, k-NN, CKNNA) of two representations of the same stimuli.
import {
  PAIR_MEASURE_DEFAULTS,
  PAIR_MEASURE_FORMS,
  pairMeasureCentres,
  pairMeasureMinimum,
  pairMeasureParameters,
  parsePairMeasure,
  runPairMeasure,
  type PairMeasure,
} from '../../measures/pair-measure.ts';
import type { Score } from '../../measures/score.ts';
import { choiceOption, expectPositionals, integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { locateMeasureError, pairRepresentations, readRepresentations } from '../representation-pair.ts';
import { TABLE_OPTIONS, tableOptionsHelp } from '../table-options.ts';

/** Help text of `attune similarity`. */
export const SIMILARITY_HELP = `Usage: attune similarity <X> <Y> --measure ID [--k N] [--normalize] [--variance F] [--kernel linear|rbf] [--debiased]
                         [--threshold F] [--json]

How similar two representations of the same stimuli are. X and Y are files whose rows are the stimuli
(CSV/TSV/text, .npy or .npz; columns may differ). When both files label their rows, rows are matched by label.

Measures (--measure; parameters may be written into the id as the result reports it, e.g. knn:mutual:k5):
  cka                  linear CKA (Kornblith et al. 2019); cka:linear:debiased for the unbiased HSIC (n ≥ 4)
  cka:rbf              RBF CKA, σ = threshold × median pairwise distance; cka:rbf:debiased, cka:rbf:sigma0.5
  svcca                SVCCA (Raghu et al. 2017): mean canonical correlation of the SVD directions keeping
                       --variance of each representation's variance; svcca:var0.9
  pwcca                PWCCA (Morcos et al. 2018): canonical correlations weighted by the share of the
                       (lower-rank) representation's units each canonical variate accounts for
  procrustes           orthogonal Procrustes distance √(2 − 2ν) of the centred, unit-norm representations
                       (Williams et al. 2021), in [0, 2]; procrustes:angular for arccos ν, in [0, π/2]
  knn                  mutual k-NN (Huh et al. 2024): mean share of each stimulus's k nearest neighbours
                       (by inner product) shared by X and Y; knn:cycle for cycle k-NN
  cknna                CKNNA (Huh et al. 2024): CKA restricted to pairs that are neighbours in both
  Accepted forms: ${PAIR_MEASURE_FORMS.join(', ')}.

Options:
  --measure ID    the measure (required)
  --k N           knn, cknna: neighbours per stimulus (default ${PAIR_MEASURE_DEFAULTS.k}); same as :kN in the id
  --normalize     knn, cknna: neighbours by cosine instead of inner product; same as :l2norm in the id
  --variance F    svcca: share of variance the kept SVD directions explain, in (0, 1] (default ${PAIR_MEASURE_DEFAULTS.varianceKept}); same as :varF
  --kernel K      cka: linear (default) or rbf; same as cka:rbf
  --debiased      cka: the unbiased HSIC estimator (n ≥ 4); same as cka:debiased
  --threshold F   cka:rbf: σ as a fraction of the median pairwise distance (default ${PAIR_MEASURE_DEFAULTS.threshold}); same as :sigmaF
  --json          print one JSON document: a Score {value, measure, n, parameters, details}
${tableOptionsHelp(18)}
  -h, --help      this help
`;

/** The measure of `--measure` with the parameter options folded in; a UsageError for a bad id, a clash or an option the measure does not take. */
function measureFromOptions(values: Record<string, string | boolean | undefined>): PairMeasure {
  if (values.measure === undefined || values.measure === true) {
    throw new UsageError('similarity', `--measure is required: one of ${PAIR_MEASURE_FORMS.join(', ')}`);
  }
  let measure: PairMeasure;
  try {
    measure = parsePairMeasure(String(values.measure));
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError('similarity', `--measure ${error.message}`);
    throw error;
  }
  const refuse = (option: string, applies: string): never => {
    throw new UsageError('similarity', `--${option} applies to ${applies} only, not --measure ${values.measure}`);
  };
  const merge = <T>(option: string, given: T | undefined, inId: T | undefined): T | undefined => {
    if (given !== undefined && inId !== undefined && given !== inId) {
      throw new UsageError('similarity', `--${option} ${String(given)} contradicts --measure ${values.measure}`);
    }
    return given ?? inId;
  };
  const k = integerOption('similarity', 'k', values.k, 1);
  if (k !== undefined || values.normalize) {
    if (measure.family !== 'knn' && measure.family !== 'cknna') refuse(k !== undefined ? 'k' : 'normalize', 'knn and cknna');
    else measure = { ...measure, k: merge('k', k, measure.k), normalize: measure.normalize || values.normalize === true };
  }
  if (values.variance !== undefined) {
    if (measure.family !== 'svcca') refuse('variance', 'svcca');
    else measure = { ...measure, varianceKept: merge('variance', fraction(values.variance), measure.varianceKept) };
  }
  if (values.kernel !== undefined || values.debiased) {
    if (measure.family !== 'cka') refuse(values.kernel !== undefined ? 'kernel' : 'debiased', 'cka');
    else {
      const kernel = choiceOption('similarity', 'kernel', values.kernel, ['linear', 'rbf'] as const, measure.kernel);
      if (kernel !== measure.kernel && /:(linear|rbf)\b/.test(String(values.measure))) {
        throw new UsageError('similarity', `--kernel ${kernel} contradicts --measure ${values.measure}`);
      }
      measure = { ...measure, kernel, debiased: measure.debiased || values.debiased === true };
    }
  }
  if (values.threshold !== undefined) {
    if (measure.family !== 'cka' || measure.kernel !== 'rbf') refuse('threshold', 'cka:rbf');
    else measure = { ...measure, threshold: merge('threshold', positive(values.threshold), measure.threshold) };
  }
  if (measure.family === 'svcca' && measure.varianceKept !== undefined && !(measure.varianceKept > 0 && measure.varianceKept <= 1)) {
    throw new UsageError('similarity', `the SVCCA variance share must be in (0, 1], got ${measure.varianceKept}`);
  }
  if ((measure.family === 'knn' || measure.family === 'cknna') && measure.k !== undefined) {
    const least = measure.family === 'cknna' ? 2 : 1;
    if (measure.k < least) throw new UsageError('similarity', `${measure.family} needs k ≥ ${least}, got ${measure.k}`);
  }
  return measure;
}

/** How messages name the measure: the id as given, with the number of neighbours for k-NN and CKNNA. */
function measureName(id: string, measure: PairMeasure): string {
  if (measure.family !== 'knn' && measure.family !== 'cknna') return id;
  return `${id} with k = ${measure.k ?? PAIR_MEASURE_DEFAULTS.k}`;
}

/** A number in (0, 1] from an option. */
function fraction(value: string | boolean): number {
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new UsageError('similarity', `--variance must be a number in (0, 1], got '${value}'`);
  return n;
}

/** A positive finite number from an option. */
function positive(value: string | boolean): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError('similarity', `--threshold must be a positive number, got '${value}'`);
  return n;
}

/** Run `attune similarity`; returns the exit code. */
export async function runSimilarity(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('similarity', args, {
    measure: { type: 'string' },
    k: { type: 'string' },
    normalize: { type: 'boolean' },
    variance: { type: 'string' },
    threshold: { type: 'string' },
    kernel: { type: 'string' },
    debiased: { type: 'boolean' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(SIMILARITY_HELP);
    return 0;
  }
  const [fileX, fileY] = expectPositionals('similarity', positionals, ['X', 'Y']);
  const measure = measureFromOptions(values);

  const [readX, readY] = await readRepresentations('similarity', [fileX, fileY], values);
  const pair = pairRepresentations(readX, readY, {
    what: measureName(String(values.measure), measure),
    minimum: pairMeasureMinimum(measure),
    centres: pairMeasureCentres(measure),
  });
  let score: Score;
  try {
    score = await runPairMeasure(measure, pair.x, pair.y);
  } catch (error) {
    throw locateMeasureError(error, fileX, fileY);
  }
  const out: Score = { ...score, details: { ...score.details, files: [fileX, fileY], ...(pair.reordered ? { matchedByLabel: true } : {}) } };
  if (values.json) {
    printJson({ ...out, parameters: pairMeasureParameters(measure) });
    return 0;
  }
  note(`attune similarity: ${fileX} (${pair.x.rows}×${pair.x.cols}) vs ${fileY} (${pair.y.rows}×${pair.y.cols})`);
  if (pair.reordered) note(`rows of ${fileY} matched to ${fileX} by label`);
  for (const warning of out.warnings ?? []) note(`warning: ${warning}`);
  printText(`${out.measure}  ${formatNumber(out.value)}`);
  return 0;
}
