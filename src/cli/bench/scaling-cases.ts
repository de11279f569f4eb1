// The cases of `attune bench --scaling`: four ops at doubling numbers of stimuli, with a fixed feature width.
import { BENCH_SEED, ckaCase, compareCase, rdmCase, tauAPrimer, type BenchCase } from './cases.ts';

/** The ops whose growth `attune bench --scaling` measures. */
export const SCALING_OPS = ['rdm:correlation', 'compare:spearman', 'compare:tau-a', 'cka:linear'] as const;
export type ScalingOp = (typeof SCALING_OPS)[number];

/** Feature width of every scaling case (the compare cases' RDMs are made from n×512 features too). */
export const SCALING_P = 512;
/** The smallest size; the sweep doubles from here. */
export const SCALING_START_N = 250;
/** The largest size by default. */
export const SCALING_DEFAULT_MAX_N = 8000;
/** Timed calls per size (after the measured first call): fewer than the regular bench, as the sweep is long. */
export const SCALING_REPS = 3;

/** The sizes 250·2^k that lie in [minN, maxN]. */
export function scalingSizes(minN: number, maxN: number): number[] {
  const sizes: number[] = [];
  for (let n = SCALING_START_N; n <= maxN; n *= 2) if (n >= minN) sizes.push(n);
  return sizes;
}

/** Whether `op` is one of the scaling ops. */
export function isScalingOp(op: string): op is ScalingOp {
  return (SCALING_OPS as readonly string[]).includes(op);
}

/** The bench case of `op` at n stimuli, primed by the same small call as the regular bench's case. */
export function scalingCase(op: ScalingOp, n: number): BenchCase {
  switch (op) {
    case 'rdm:correlation':
      return { ...rdmCase('correlation', n, SCALING_P), primer: rdmCase('correlation', 600, 64) };
    case 'compare:spearman':
      return { ...compareCase('spearman', n), primer: compareCase('spearman', 500) };
    case 'compare:tau-a':
      return { ...compareCase('tau-a', n), primer: tauAPrimer() };
    case 'cka:linear':
      return { ...ckaCase(false, n, SCALING_P), primer: ckaCase(false, 600, 64) };
  }
}

/** The seed of the scaling case at n stimuli. */
export function scalingSeed(n: number): number {
  return BENCH_SEED + n;
}

/**
 * Estimated peak bytes of the process that runs `op` at n stimuli: its inputs twice (held, and the budget's copy),
 * one n×n float64 matrix, and what preparing the inputs holds at once (for the compare ops: three n×512 float64
 * matrices and the n×n Gram of the RDM they are made from). Used to skip sizes that would not fit in memory.
 */
export function scalingNeedBytes(op: ScalingOp, n: number): number {
  const square = n * n * 8;
  switch (op) {
    case 'rdm:correlation':
      return 2 * n * SCALING_P * 8 + square;
    case 'cka:linear':
      return 2 * (2 * n * SCALING_P * 4) + square;
    case 'compare:spearman':
    case 'compare:tau-a':
      return 2 * (n * (n - 1) * 8) + square + 3 * n * SCALING_P * 8 + square;
  }
}
