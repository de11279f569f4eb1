// Model comparison as rsatoolbox offers it after eval_bootstrap: the candidates scored against the subjects
// (scoreRdmCandidates), then, from the same bootstrap draws, every pair tested (two-sided) and each candidate tested
// against 0 and against the noise ceiling's lower bound (one-sided), with the p-values of each family adjusted for
// multiple comparisons: the pairs by the chosen correction (rsatoolbox's default: FDR), the tests against 0 and the
// ceiling by Bonferroni over the candidates (what rsatoolbox's plot_model_comparison applies to them).
import type { Matrix } from '../core/matrix.ts';
import { adjustPValues, type Correction } from '../measures/multiple-comparisons.ts';
import { scoreRdmCandidates, type CandidateOptions, type CandidatePair, type CandidateScores, type RdmCandidate } from './rdm-candidates.ts';

/** A pairwise comparison with its p-value adjusted within the family of all pairs. */
export interface AdjustedPair extends CandidatePair {
  pAdjusted?: number;
}

/** One candidate's one-sided bootstrap tests: above 0, and below the noise ceiling's lower bound; raw and Bonferroni-adjusted. */
export interface CandidateTests {
  name: string;
  pZero?: number;
  pZeroAdjusted?: number;
  pBelowCeiling?: number;
  pBelowCeilingAdjusted?: number;
}

/** Scores, ceiling and pairs of scoreRdmCandidates, with adjusted pair p-values and each candidate's tests. */
export interface CandidateEvaluation extends Omit<CandidateScores, 'pairs' | 'draws'> {
  pairs: AdjustedPair[];
  tests: CandidateTests[];
  /** How each family was adjusted. */
  corrections: { pairs: Correction; zero: Correction; ceiling: Correction };
}

/**
 * Score `candidates` against `subjects` (rows: condensed RDMs) and test them from the bootstrap draws (none when
 * options.bootstrap is 0): pairs two-sided (rsatoolbox bootstrap_pair_tests) adjusted by `correction` over the
 * k(k−1)/2 pairs; each candidate against 0 and below the lower bound one-sided, Bonferroni over the k candidates
 * (uncorrected when `correction` is 'none').
 */
export async function evaluateRdmCandidates(
  candidates: readonly RdmCandidate[],
  subjects: Matrix,
  target: string,
  options: CandidateOptions & { correction: Correction },
): Promise<CandidateEvaluation> {
  const { correction, ...scoring } = options;
  const { draws, pairs, ...scored } = await scoreRdmCandidates(candidates, subjects, target, { ...scoring, keepDraws: true });
  const family: Correction = correction === 'none' ? 'none' : 'bonferroni';
  const corrections = { pairs: correction, zero: family, ceiling: family };
  if (!draws || draws.length === 0) return { ...scored, pairs, tests: candidates.map((c) => ({ name: c.name })), corrections };
  const pairAdjusted = adjustPValues(pairs.map((p) => p.p ?? NaN), correction);
  const lower = scored.ceiling.lower;
  const pZero = candidates.map((_, c) => bootstrapZeroTest(draws, c));
  const pBelow = candidates.map((_, c) => bootstrapCeilingTest(draws, c, lower));
  const zeroAdjusted = adjustPValues(pZero, family);
  const belowAdjusted = adjustPValues(pBelow, family);
  return {
    ...scored,
    pairs: pairs.map((p, i) => ({ ...p, pAdjusted: pairAdjusted[i] })),
    tests: candidates.map((c, i) => ({ name: c.name, pZero: pZero[i], pZeroAdjusted: zeroAdjusted[i], pBelowCeiling: pBelow[i], pBelowCeilingAdjusted: belowAdjusted[i] })),
    corrections,
  };
}

/**
 * rsatoolbox's bootstrap test of candidate c against 0 (zero_tests, test_type 'bootstrap'): one-sided,
 * p = (#{draws ≤ 0} + 1) / B over the B defined draws, capped at 1; NaN without any defined draw.
 */
export function bootstrapZeroTest(draws: readonly Float64Array[], c: number): number {
  return bootstrapTailP(draws, c, (v) => v <= 0);
}

/**
 * rsatoolbox's bootstrap test of candidate c against the noise ceiling's lower bound (nc_tests, test_type
 * 'bootstrap', a fixed ceiling): one-sided for "below the ceiling", p = (#{lower − draw ≤ 0} + 1) / B, capped at 1.
 */
export function bootstrapCeilingTest(draws: readonly Float64Array[], c: number, lower: number): number {
  return bootstrapTailP(draws, c, (v) => lower - v <= 0);
}

function bootstrapTailP(draws: readonly Float64Array[], c: number, inTail: (v: number) => boolean): number {
  let defined = 0;
  let count = 0;
  for (const d of draws) {
    if (!Number.isFinite(d[c])) continue;
    defined++;
    if (inTail(d[c])) count++;
  }
  return defined === 0 ? NaN : Math.min(1, (count + 1) / defined);
}
