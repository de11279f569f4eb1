// Crossnobis RDM: cross-validated (leave-one-run-out) mahalanobis distances, as rsatoolbox's calc_rdm_crossnobis.
import { selectRows, type Matrix } from '../core/matrix.ts';
import { matmul, type Backend } from '../core/gemm.ts';
import { InvalidInputError } from './errors.ts';
import { prepareForGram, unscaleSquared } from './feature-offset.ts';
import { checkFiniteRdm } from './rdm-finite.ts';
import { applyPrecision, averageByCondition, checkFeatures, distancesFromKernel, uniqueSorted, type Precision } from './rdm.ts';
import { pairCount } from './rdm-vector.ts';

export interface CrossnobisOptions {
  /** Noise precision (channels × channels, or its diagonal); identity when absent. */
  noise?: Precision;
  backend?: Backend;
}

/**
 * Crossnobis RDM vector over the distinct conditions (sorted ascending). For each run r (fold): A = condition means
 * of the other runs, B = condition means of run r, K = A·noise·Bᵀ, d_ij = (K_ii + K_jj − K_ij − K_ji) / channels;
 * the RDM is the mean over folds. Every condition must occur in every run. The columns are centred first (exactly;
 * the distances do not change), so a large common offset costs no accuracy. Unbiased, so it can be negative, and
 * it is not clamped.
 */
export async function crossnobisRdm(
  features: Matrix,
  conditions: ArrayLike<number>,
  runs: ArrayLike<number>,
  options: CrossnobisOptions = {},
): Promise<Float64Array> {
  checkFeatures(features, 'features');
  if (conditions.length !== features.rows || runs.length !== features.rows) {
    throw new InvalidInputError(
      `crossnobis: ${features.rows} feature rows but ${conditions.length} condition and ${runs.length} run labels`,
    );
  }
  const conds = uniqueSorted(conditions);
  const folds = uniqueSorted(runs);
  if (conds.length < 2) throw new InvalidInputError(`crossnobis needs at least 2 conditions, got ${conds.length}`);
  if (folds.length < 2) throw new InvalidInputError(`crossnobis needs at least 2 runs (cross-validation folds), got ${folds.length}`);
  for (const run of folds) {
    const present = new Set<number>();
    for (let i = 0; i < runs.length; i++) if (runs[i] === run) present.add(conditions[i]);
    for (const c of conds) {
      if (!present.has(c)) throw new InvalidInputError(`crossnobis: condition ${c} has no row in run ${run}; every condition must occur in every run`);
    }
  }
  const p = features.cols;
  const { x, exponent } = prepareForGram(features, 'always');
  const sum = new Float64Array(pairCount(conds.length));
  for (const run of folds) {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < runs.length; i++) (runs[i] === run ? test : train).push(i);
    const a = averageByCondition(selectRows(x, train), pick(conditions, train)).means;
    const b = averageByCondition(selectRows(x, test), pick(conditions, test)).means;
    const left = options.noise === undefined ? a : await applyPrecision(a, options.noise, options.backend);
    const kernel = await matmul(left, b, { transB: true, backend: options.backend });
    const d = distancesFromKernel(kernel, p, false);
    for (let k = 0; k < sum.length; k++) sum[k] += d[k];
  }
  for (let k = 0; k < sum.length; k++) sum[k] /= folds.length;
  return checkFiniteRdm(unscaleSquared(sum, exponent), 'crossnobis');
}

function pick(values: ArrayLike<number>, indices: number[]): Float64Array {
  const out = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]];
  return out;
}
