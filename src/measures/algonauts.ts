// The Algonauts 2019 challenge score (Cichy et al. 2019, the development kit's evaluation): for one brain
// region, the mean over subjects of the squared Spearman correlation between the model RDM and the subject's
// RDM, as a percentage of the region's noise ceiling R² (the kit's evaluation script hard-codes it to 4 decimals;
// by its definition it is the mean over subjects of the squared Spearman correlation between the subject's RDM
// and the mean RDM of all subjects, which algonautsCeiling computes and which rounds to the kit's values, e.g.
// 0.1589 and 0.3075 for the 92 images). Squaring drops the sign: an
// anti-correlated model scores like a correlated one, so Attune reports it beside the signed Spearman, never instead of it.
import { pearson, spearman } from '../core/correlation.ts';
import { row, type Matrix } from '../core/matrix.ts';
import { rankData } from '../core/ranks.ts';
import { checkComparable } from './compare.ts';
import type { Score } from './score.ts';

/** The Algonauts noise ceiling R² of subjects' RDMs (rows): upper vs the mean RDM of all, lower vs the mean of the others. */
export function algonautsCeiling(subjects: Matrix): { upper: number; lower: number } {
  const count = subjects.rows;
  if (count < 2) throw new RangeError(`an Algonauts noise ceiling needs at least 2 subjects, got ${count}`);
  const m = subjects.cols;
  const total = new Float64Array(m);
  for (let s = 0; s < count; s++) for (let k = 0; k < m; k++) total[k] += subjects.data[s * m + k];
  const all = total.map((v) => v / count);
  const others = new Float64Array(m);
  let upper = 0;
  let lower = 0;
  for (let s = 0; s < count; s++) {
    const subject = row(subjects, s);
    for (let k = 0; k < m; k++) others[k] = (total[k] - subject[k]) / (count - 1);
    upper += spearman(all, subject) ** 2;
    lower += spearman(others, subject) ** 2;
  }
  return { upper: upper / count, lower: lower / count };
}

/** The Algonauts 2019 score of a model RDM against subjects' RDMs (rows), given the noise ceiling R² (the kit's, or algonautsCeiling's upper). */
export function algonautsScore(model: ArrayLike<number>, subjects: Matrix, ceilingR2: number): Score {
  if (!(ceilingR2 > 0)) throw new RangeError(`the noise ceiling R² must be positive, got ${ceilingR2}`);
  const modelRanks = rankData(model);
  const r2 = new Float64Array(subjects.rows);
  for (let s = 0; s < subjects.rows; s++) {
    const subject = row(subjects, s);
    checkComparable(model, subject);
    const r = pearson(modelRanks, rankData(subject));
    r2[s] = r * r;
  }
  let sum = 0;
  for (const v of r2) sum += v;
  const meanR2 = sum / subjects.rows;
  return {
    value: (100 * meanR2) / ceilingR2,
    measure: 'algonauts2019:spearman-r2:percent-of-ceiling',
    n: model.length,
    details: { mean_r2: meanR2, ceiling_r2: ceilingR2, subjects: subjects.rows, r2_per_subject: Array.from(r2) },
  };
}
