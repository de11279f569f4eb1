// Turing RSA (Ogg et al. 2024): a model's pairwise similarity judgments compared with humans' — with the group
// (SimLex-999, MEN: group means only) and, on the 92 images, placed within the distribution of human-to-human
// agreement (each of the 16 judges against the mean of the other 15).
import { InputError } from '../core/input-error.ts';
import { matrix, selectRows, type Matrix } from '../core/matrix.ts';
import { loadRdm92, RDM92_DATASET, RDM92_PAIRS, RDM92_STIMULI, type Rdm92Data } from '../data/datasets/rdm92.ts';
import { getWordSimilaritySet, loadWordSimilarity } from '../data/datasets/word-similarity.ts';
import { checkComparable, compareVectors, degenerate } from '../measures/compare.ts';
import { poolRdms, rdmNoiseCeiling, type RdmNoiseCeiling } from '../measures/noise-ceiling.ts';
import { withCeiling, type Score } from '../measures/score.ts';
import type { Benchmark, BenchmarkOptions, BenchmarkOutcome } from './benchmark.ts';
import { columnDropped, columnInterval } from './rdm92-bootstrap.ts';
import { bootstrapSubjectMeansParallel } from './rdm92-parallel.ts';
import { REFERENCE_CEILING_NOTE, withReferenceCeiling } from './reference-ceiling.ts';
import { applyRsaTransform, transformSuffix, type RsaTransform } from './rsa-transform.ts';
import { scorePairs } from './word-similarity.ts';
import { seesTexts } from '../models/word-model.ts';

/** The word-pair sets with group ratings that Turing RSA uses. */
export const TURING_WORD_SETS = { simlex999: 'SimLex-999', men3000: 'MEN' } as const;

/** What turing:<set> computes, for the report. */
export function turingWordMethod(title: string): string {
  return `Each ${title} pair judged by the model (the cosine of its vectors, or a rater's 0–100 similarity rating), as a similarity vector over ` +
    'the pairs, against the group mean human rating: Spearman, 95% bootstrap interval over pairs (default 1000). The value equals ' +
    `wordsim on the same set. Group comparison only: ${title} ships the raters' means (SimLex also their SD), not individual ratings, ` +
    'so there is no human-to-human distribution, percentile or ceiling here. ' + REFERENCE_CEILING_NOTE;
}

/** Turing RSA on a word-pair set with group ratings (an id of TURING_WORD_SETS). */
export function turingWordPairsBenchmark(setId: keyof typeof TURING_WORD_SETS): Benchmark & { method: string } {
  const title = TURING_WORD_SETS[setId];
  if (!title) throw new Error(`unknown Turing RSA word set '${setId as string}'`);
  return {
    id: `turing:${setId}`,
    title: `Turing RSA: ${title} (group)`,
    version: 2,
    method: turingWordMethod(title),
    subject: { kind: 'run-model' },
    datasets: [getWordSimilaritySet(setId).dataset],
    supports: (model) => seesTexts(model) || model.kind === 'rater',
    run: async (model, options) => {
      const data = loadWordSimilarity(setId);
      const outcome = await scorePairs(model, data.pairs, options);
      const relabel = (s: Score): Score => ({ ...s, measure: s.measure.replace(/^wordsim:/, 'turing:') });
      const extra = Object.fromEntries(Object.entries(outcome.extra ?? {}).map(([k, s]) => [k, relabel(s)]));
      return { dataset: { id: data.dataset, checksum: data.checksum }, ...outcome, score: withReferenceCeiling(relabel(outcome.score), setId), extra };
    },
  };
}

/** Every Turing RSA benchmark: SimLex-999 and MEN (the run's model), then the 92-image rows (8 model RDMs, then `modelRdms`). */
export function turingBenchmarks(modelRdms: readonly TuringCandidate[] = []): Benchmark[] {
  return [turingWordPairsBenchmark('simlex999'), turingWordPairsBenchmark('men3000'), ...turingRsa92Benchmarks(modelRdms)];
}

/** The shipped model RDMs of the 92 images, in file order. */
const RDM92_MODELS = ['animacy', 'FaceBodyManmadeNatobj', 'monkeyIT', 'EVA', 'HMAX', 'V1', 'Silhouette', 'RADON'];

/** One fixed-subject row per candidate RDM (the 8 shipped ones, then `extra`): `turing:rdm92:<name>`, all from one turingRsa92 call per settings. */
export function turingRsa92Benchmarks(extra: readonly TuringCandidate[] = []): Benchmark[] {
  type Both = { tau: TuringRsa92Result; rho: TuringRsa92Result };
  let memo: { key: string; result: Promise<Both> } | undefined;
  const resultFor = (options: BenchmarkOptions): Promise<Both> => {
    const key = JSON.stringify([options.seed, options.bootstrap ?? 1000, options.transform ?? null]);
    if (memo?.key !== key) {
      const run = async (): Promise<Both> => {
        const data = loadRdm92();
        const settings = { bootstrap: options.bootstrap ?? 1000, seed: options.seed, transform: options.transform, data };
        const candidates = [...data.models, ...extra];
        return { tau: await turingRsa92(candidates, { method: 'tau-a', ...settings }), rho: await turingRsa92(candidates, { method: 'spearman', ...settings }) };
      };
      memo = { key, result: run() };
    }
    return memo.result;
  };
  return [...RDM92_MODELS, ...extra.map((c) => c.name)].map((name): Benchmark => ({
    id: `turing:rdm92:${name}`,
    title: `Turing RSA: ${name} among the 16 similarity judges (92 images)`,
    version: 2,
    method: TURING_RSA92_METHOD,
    subject: { kind: 'fixed' },
    datasets: [RDM92_DATASET],
    supports: () => true,
    run: async (_model, options) => {
      const { tau, rho } = await resultFor(options);
      const outcome = turingRsa92Outcome(tau, name);
      const spearman = turingRsa92Outcome(rho, name);
      return {
        ...outcome,
        extra: { ...outcome.extra, spearman: spearman.score, 'spearman-matched': spearman.extra!.matched, 'spearman-percentile': spearman.extra!.percentile },
      };
    },
  }));
}

/** What turingRsa92 computes, for the report. */
export const TURING_RSA92_METHOD =
  'The 16 individual similarity-judgment RDMs of the 92 images (Mur et al. 2013). Human-to-human agreement: each judge against the mean of ' +
  'the other 15 (rank-averaged, as rsatoolbox pools for rank methods), by Kendall tau-a (Spearman beside it). A candidate RDM (the shipped model RDMs, or ' +
  '--model-rdm) is compared with the mean of all 16 (value; 95% bootstrap interval over stimuli, self-pairs dropped) and placed among the 16 ' +
  'human values (percentile: share below, ties half; no interval; details.matched: the candidate against the same 16 leave-one-out means, ' +
  'like for like). Ceiling: the judges\' noise ceiling (lower = the mean human value, each judge against the mean of the other 15; upper = ' +
  'each judge against the mean of all 16). normalized is like for like: the matched value (the candidate against each judge\'s ' +
  'leave-one-out mean of the other 15, averaged over the 16 judges: the construction of the lower bound) divided by the lower bound; the ' +
  'value (candidate against all 16) is not divided by a leave-one-judge-out bound, so normalized is not value / ceiling here ' +
  '(details.normalization says so). The matched value is also an extra score (matched; spearman-matched beside it), whose normalized is its value / lower. ' +
  '--transform applies the ' +
  'geo-topological transform to every RDM first. ' +
  'Word models cannot see the images, so no run model is scored here.';

/** A candidate RDM over the 92 images (4186 condensed values). */
export interface TuringCandidate {
  name: string;
  rdm: ArrayLike<number>;
}

/** Options of turingRsa92 (defaults: tau-a, 1000 resamples, seed 0, no transform, the shipped data). */
export interface TuringRsa92Options {
  method?: 'tau-a' | 'spearman';
  bootstrap?: number;
  seed?: number;
  /** The geo-topological transform, applied to the judges' and the candidates' RDMs before anything else. */
  transform?: RsaTransform;
  data?: Rdm92Data;
}

/** The human-to-human distribution: each judge against the mean of the others. */
export interface HumanAgreement {
  names: string[];
  values: number[];
  mean: number;
  median: number;
  min: number;
  max: number;
}

/** One candidate: its agreement with the group, where that falls among the humans, and the like-for-like variant. */
export interface TuringCandidateResult {
  name: string;
  /** compare(candidate, mean of all 16 judges). */
  value: number;
  ci95?: [number, number];
  /** Bootstrap resamples left out of the interval because the comparison is undefined on them (a constant resampled RDM). */
  bootstrapDropped?: number;
  /** 100 × (humans below + ½ humans equal) / 16. */
  percentile: number;
  /** Mean over judges s of compare(candidate, mean of the judges other than s): the humans' own construction. */
  matched: { value: number; percentile: number };
}

/** Turing RSA on the 92 images: the human distribution and every candidate's place in it. */
export interface TuringRsa92Result {
  method: 'tau-a' | 'spearman';
  human: HumanAgreement;
  ceiling: RdmNoiseCeiling;
  candidates: TuringCandidateResult[];
  bootstrap: number;
  seed: number;
  transform?: RsaTransform;
  dataset: { id: string; checksum: string };
}

/** Compare candidate RDMs with the 16 similarity judges of the 92 images and place them within human-to-human agreement. */
export async function turingRsa92(candidates: readonly TuringCandidate[], options: TuringRsa92Options = {}): Promise<TuringRsa92Result> {
  const method = options.method ?? 'tau-a';
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new InputError(`bootstrap must be a whole number ≥ 0, got ${bootstrap}`, { file: '--bootstrap' });
  const data = options.data ?? loadRdm92();
  const t = options.transform;
  for (const c of candidates) {
    if (c.rdm.length !== RDM92_PAIRS) throw new InputError(`expected a 92×92 RDM or ${RDM92_PAIRS} values, got ${c.rdm.length} values`, { file: c.name });
    checkComparable(c.rdm, data.judgments.data.subarray(0, RDM92_PAIRS));
  }
  const judges = t ? transformRows(data.judgments, t) : data.judgments;
  const rdms = candidates.map((c) => applyRsaTransform(c.rdm, t));
  rdms.forEach((rdm, i) => {
    const why = degenerate(rdm, method);
    if (why) throw new InputError(`the RDM ${why}${t ? ' after the transform' : ''}, so '${method}' comparison is undefined`, { file: candidates[i].name });
  });
  const ceiling = rdmNoiseCeiling(judges, method);
  const humans = ceiling.lowerPerSubject;
  const group = poolRdms(judges, method);
  const everyone = Array.from({ length: judges.rows }, (_, i) => i);
  const others = everyone.map((s) => poolRdms(selectRows(judges, everyone.filter((j) => j !== s)), method));
  const draws = bootstrap > 0 ? await bootstrapSubjectMeansParallel(rdms, matrix(1, RDM92_PAIRS, group), method, bootstrap, seed) : [];
  const results = candidates.map((c, i): TuringCandidateResult => {
    const value = compareVectors(rdms[i], group, method);
    const matched = others.reduce((sum, pool) => sum + compareVectors(rdms[i], pool, method), 0) / others.length;
    const ci95 = bootstrap > 0 ? columnInterval(draws, i) : undefined;
    return {
      name: c.name, value, ...(ci95 ? { ci95 } : {}), ...(bootstrap > 0 ? { bootstrapDropped: columnDropped(draws, i) } : {}), percentile: percentileAmong(value, humans),
      matched: { value: matched, percentile: percentileAmong(matched, humans) },
    };
  });
  return { method, human: summarise(data.judgmentNames, humans), ceiling, candidates: results, bootstrap, seed, ...(t ? { transform: t } : {}), dataset: data.dataset };
}

/** Every row of `m` (subjects × pairs) through the geo-topological transform. */
function transformRows(m: Matrix, t: RsaTransform): Matrix {
  const out = new Float64Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) out.set(applyRsaTransform(m.data.subarray(r * m.cols, (r + 1) * m.cols), t) as ArrayLike<number>, r * m.cols);
  return matrix(m.rows, m.cols, out);
}

/** The share (in %) of `values` below `x`, ties counted half. */
export function percentileAmong(x: number, values: readonly number[]): number {
  let below = 0;
  for (const v of values) below += v < x ? 1 : v === x ? 0.5 : 0;
  return (100 * below) / values.length;
}

/**
 * One candidate of a turingRsa92 result as a benchmark outcome: value (vs all 16 judges) with CI and the judges' ceiling, normalized
 * like for like (matched value / lower bound); the matched value and the percentile as extra scores.
 */
export function turingRsa92Outcome(result: TuringRsa92Result, name: string): BenchmarkOutcome {
  const c = result.candidates.find((x) => x.name === name);
  if (!c) throw new Error(`no candidate '${name}' in this Turing RSA result`);
  const measure = `turing:rdm92:${result.method}`;
  const suffix = transformSuffix(result.transform);
  const human = result.human;
  const matched = withCeiling(
    { value: c.matched.value, measure: `${measure}:loo-matched${suffix}`, n: RDM92_PAIRS, details: { candidate: name, percentile: c.matched.percentile } },
    result.ceiling,
  );
  const normalization = {
    formula: 'matched / ceiling.lower',
    matched: c.matched.value,
    why: 'the lower bound compares each judge with the mean of the other 15; so does matched for the candidate. The value compares the candidate with all 16.',
  };
  const score: Score = {
    value: c.value, measure: `${measure}:group-mean${suffix}`, n: RDM92_PAIRS, ...(c.ci95 ? { ci95: c.ci95 } : {}),
    ceiling: result.ceiling, ...(matched.normalized !== undefined ? { normalized: matched.normalized } : {}),
    ...(result.bootstrap > 0 ? { seed: result.seed } : {}),
    details: { candidate: name, percentile: c.percentile, matched: c.matched, normalization, human, bootstrap: result.bootstrap, ...(c.bootstrapDropped !== undefined ? { bootstrapDropped: c.bootstrapDropped } : {}) },
  };
  const percentile: Score = { value: c.percentile, measure: `${measure}:percentile-among-judges${suffix}`, n: human.values.length };
  return {
    dataset: result.dataset, scored: { id: `rdm:${name}`, revision: result.dataset.checksum }, score, extra: { matched, percentile },
    coverage: { n_items: RDM92_STIMULI, n_covered: RDM92_STIMULI, missing_examples: [] },
  };
}

function summarise(names: string[], values: number[]): HumanAgreement {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { names, values, mean: values.reduce((a, b) => a + b, 0) / n, median, min: sorted[0], max: sorted[n - 1] };
}
