// THINGS RSA: the model's similarity of the 1,854 concept names (cosine of its item vectors) against human
// similarity from the SPoSE 49-d embedding (dot products of the concepts' rows, Hebart et al. 2020), Spearman
// over the covered concepts' pairs, 95% CI by a bootstrap over concepts.
import { pearson, spearman } from '../core/correlation.ts';
import { createRng } from '../core/random.ts';
import { percentileInterval } from '../core/resample.ts';
import type { Score } from '../measures/score.ts';
import { seesTexts, type WordModel } from '../models/word-model.ts';
import { scatterOf, type Benchmark, type Scatter, type BenchmarkOptions, type BenchmarkOutcome } from './benchmark.ts';
import { applyRsaTransform, transformSuffix } from './rsa-transform.ts';
import { coveredConcepts, loadThingsData, pairDots, runOnAllConcepts, sposeRows } from './things-concepts.ts';
import { bootstrapSpearmanOverStimuli } from './things-rsa-bootstrap.ts';

/**
 * Most stimulus-bootstrap resamples of the RSA: each is a Spearman over ~1.7 million weighted pairs (15–25 ms here),
 * so the run's --bootstrap count (default 1000) is capped here to stay within the suite's time budget.
 */
export const THINGS_RSA_BOOTSTRAP = 200;

/** Fewest covered concepts the RSA is computed on. */
const MIN_CONCEPTS = 3;

/** The THINGS RSA benchmark. */
export function thingsRsaBenchmark(): Benchmark {
  return {
    id: 'things:rsa',
    title: 'THINGS: concept similarity vs SPoSE human similarity (RSA)',
    version: 1,
    method:
      'Concept names of the 1,854 THINGS objects (multi-word names as the mean of their words) → model vectors; ' +
      'model similarity = cosine, human similarity = dot product of the concepts\u2019 SPoSE 49-d embedding rows ' +
      '(learned from ~1.46M odd-one-out judgments); Spearman over all pairs of covered concepts; 95% CI: percentile ' +
      `bootstrap over concepts (pairs of a concept with its own copy dropped; at most ${THINGS_RSA_BOOTSTRAP} resamples); no noise ceiling (no per-subject data).`,
    subject: { kind: 'run-model' },
    datasets: ['things_concepts', 'things_spose_embedding'],
    supports: (model) => seesTexts(model),
    run: runOnAllConcepts(scoreThingsRsa),
  };
}

/** The RSA on concepts `indices` (concept-list positions) at the model's current layer. */
export async function scoreThingsRsa(model: WordModel, indices: readonly number[], options: BenchmarkOptions): Promise<Omit<BenchmarkOutcome, 'dataset'>> {
  const data = loadThingsData();
  const cv = await coveredConcepts(model, indices, MIN_CONCEPTS, 'THINGS RSA');
  const m = cv.rows.length;
  // Dissimilarities −cosine and −dot: the same ranks as the similarities, and a shift-free input for a transform.
  const modelRdm = negate(pairDots(cv.unit, m, cv.dimensions));
  const humanRdm = negate(pairDots(sposeRows(data, cv.rows), m, data.spose.cols));
  const a = applyRsaTransform(modelRdm, options.transform);
  const b = applyRsaTransform(humanRdm, options.transform);
  const measure = `things:rsa:cosine-vs-spose-dot:spearman${transformSuffix(options.transform)}`;
  const value = spearman(a, b);
  const resamples = Math.min(options.bootstrap ?? 1000, THINGS_RSA_BOOTSTRAP);
  const score: Score = { value, measure, n: m, details: { pairs: a.length } };
  const warnings = [...cv.warnings];
  if (resamples > 0 && Number.isFinite(value)) {
    const draws = bootstrapSpearmanOverStimuli(a, b, m, resamples, createRng(options.seed));
    const finite = draws.filter((v) => Number.isFinite(v));
    if (finite.length >= 2) score.ci95 = percentileInterval(finite, 0.95);
    if (finite.length < draws.length) warnings.push(`${draws.length - finite.length} of ${resamples} bootstrap resamples were constant and left out of the interval`);
    score.seed = options.seed;
    score.details = { ...score.details, bootstrap: resamples, bootstrapOver: 'concepts' };
  }
  if (Number.isNaN(value)) warnings.push('one side is constant: the correlation is undefined');
  if (warnings.length > 0) score.warnings = warnings;
  const pearsonScore: Score = { value: pearson(a, b), measure: `things:rsa:cosine-vs-spose-dot:pearson${transformSuffix(options.transform)}`, n: m };
  return { score, extra: { pearson: pearsonScore }, coverage: cv.coverage, scatter: pairScatter(a, b, options.transform !== undefined) };
}

/** Every k-th pair for the scatter plot: similarities (cosine, SPoSE dot), or the transformed dissimilarities. */
function pairScatter(a: ArrayLike<number>, b: ArrayLike<number>, transformed: boolean): Scatter {
  if (transformed) return scatterOf(a, b, 'model dissimilarity (transformed)', 'human dissimilarity (transformed)');
  const s = scatterOf(a, b, 'model cosine', 'SPoSE dot product');
  return { ...s, model: s.model.map((v) => -v), human: s.human.map((v) => -v) };
}

function negate(v: Float64Array): Float64Array {
  for (let k = 0; k < v.length; k++) v[k] = -v[k];
  return v;
}
