// Candidate RDMs scored against several subjects' RDMs of one stimulus set, as rsatoolbox's eval_fixed: each
// candidate's value is its mean comparison with the subjects, on the scale of the subjects' noise ceiling, with a
// bootstrap over stimuli and subjects for the intervals and the pairwise tests. The 92-image and the vision
// benchmarks both score through this.
import { InputError } from '../core/input-error.ts';
import type { Matrix } from '../core/matrix.ts';
import { checkComparable, degenerate, type CompareMethod } from '../measures/compare.ts';
import { rdmNoiseCeiling, type RdmNoiseCeiling } from '../measures/noise-ceiling.ts';
import { stimulusCount } from '../measures/rdm-vector.ts';
import { withCeiling, type Score } from '../measures/score.ts';
import { columnDropped, columnInterval, pairTest, subjectMean } from './rdm92-bootstrap.ts';
import { bootstrapSubjectMeansParallel } from './rdm92-parallel.ts';

/** A candidate RDM: a name and its condensed vector (strict upper triangle, row-major) over the subjects' stimuli. */
export interface RdmCandidate {
  name: string;
  rdm: ArrayLike<number>;
}

/** Comparison method, bootstrap resamples over stimuli and subjects (0: none) and seed. */
export interface CandidateOptions {
  method: CompareMethod;
  bootstrap: number;
  seed: number;
  /** Also return the bootstrap draws (for further tests on them, e.g. against 0 and the ceiling). */
  keepDraws?: boolean;
}

/** Candidate a minus candidate b (subject-mean values), with a bootstrap interval and two-sided p. */
export interface CandidatePair {
  a: string;
  b: string;
  difference: number;
  ci95?: [number, number];
  p?: number;
}

/** Every candidate's score (with the ceiling attached), the noise ceiling, and every pairwise comparison. */
export interface CandidateScores {
  ceiling: RdmNoiseCeiling;
  scores: { name: string; score: Score }[];
  pairs: CandidatePair[];
  /** With keepDraws: each draw's subject-mean value per candidate (rows: draws, columns: candidates; NaN undefined). */
  draws?: Float64Array[];
}

/**
 * Score candidates against `subjects` (rows: subjects' condensed RDMs): value = mean over subjects of
 * compare(candidate, subject); the noise ceiling on the same scale (lower: leave-one-out, upper: all subjects;
 * `normalized` divides by the lower bound); ci95 and pairwise tests from a bootstrap over stimuli and subjects.
 * `target` names the subjects in each score's details. A candidate of the wrong length or degenerate under the
 * method is an InputError naming it.
 */
export async function scoreRdmCandidates(candidates: readonly RdmCandidate[], subjects: Matrix, target: string, options: CandidateOptions): Promise<CandidateScores> {
  const { method, bootstrap, seed } = options;
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new InputError(`bootstrap must be a whole number ≥ 0, got ${bootstrap}`, { file: '--bootstrap' });
  const stimuli = stimulusCount(subjects.cols);
  const ceiling = rdmNoiseCeiling(subjects, method);
  for (const c of candidates) {
    if (c.rdm.length !== subjects.cols) throw new InputError(`expected a ${stimuli}×${stimuli} RDM or ${subjects.cols} values, got ${c.rdm.length} values`, { file: c.name });
    checkComparable(c.rdm, subjects.data.subarray(0, subjects.cols));
    const why = degenerate(c.rdm, method);
    if (why) throw new InputError(`the RDM ${why}, so '${method}' comparison is undefined`, { file: c.name });
  }
  const values = candidates.map((c) => subjectMean(c.rdm, subjects, method));
  const draws = bootstrap > 0 ? await bootstrapSubjectMeansParallel(candidates.map((c) => c.rdm), subjects, method, bootstrap, seed) : [];
  const scores = candidates.map((c, i) => {
    const score: Score = { value: values[i], measure: `compare:${method}:subject-mean`, n: subjects.cols, details: { stimuli, subjects: subjects.rows, target } };
    if (bootstrap > 0) {
      const ci95 = columnInterval(draws, i);
      if (ci95) score.ci95 = ci95;
      score.seed = seed;
      score.details = { ...score.details, bootstrap, bootstrapDropped: columnDropped(draws, i) };
    }
    return { name: c.name, score: withCeiling(score, ceiling) };
  });
  const pairs: CandidatePair[] = [];
  for (let a = 0; a < candidates.length; a++) {
    for (let b = a + 1; b < candidates.length; b++) {
      const pair: CandidatePair = { a: candidates[a].name, b: candidates[b].name, difference: values[a] - values[b] };
      if (bootstrap > 0) Object.assign(pair, pairTest(draws, a, b));
      pairs.push(pair);
    }
  }
  return options.keepDraws ? { ceiling, scores, pairs, draws } : { ceiling, scores, pairs };
}
