// Scoring picture models layer by layer against one vision target: every layer's RDM compared with each subject's
// RDM by Spearman and averaged over subjects (rsatoolbox's eval_fixed), a bootstrap over pictures and subjects,
// the subjects' noise ceiling; the headline layer is the subject's default (last) one, or the best on a seeded half
// of the pictures, then scored on the other half only; the Algonauts 2019 score beside it where the
// target has a kit ceiling, and Kendall tau-a beside it on the Kriegeskorte targets (the literature suite's measure).
import { matrix, type Matrix } from '../core/matrix.ts';
import { algonautsCeiling, algonautsScore } from '../measures/algonauts.ts';
import { degenerate } from '../measures/compare.ts';
import { subsetRdm, stimulusCount } from '../measures/rdm-vector.ts';
import type { Score } from '../measures/score.ts';
import type { BenchmarkOutcome, LayerScore, LayerUsed } from './benchmark.ts';
import { halves } from './layers.ts';
import { scoreRdmCandidates, type CandidateScores } from './rdm-candidates.ts';
import { subjectMean } from './rdm92-bootstrap.ts';
import type { TargetRdms } from './vision-targets.ts';

/** One scored subject: a name unique among those scored together, its layers and one condensed RDM per layer. */
export interface VisionSubject {
  name: string;
  layers: readonly string[];
  /** The layer a row shows when every layer is scored (the last). */
  defaultLayer: number;
  rdms: readonly Float64Array[];
}

/** Seed, bootstrap resamples and how the row's layer is chosen: every layer scored and the default one shown, or the best on a half. */
export interface VisionScoreOptions {
  seed: number;
  bootstrap: number;
  layers: 'all' | 'best';
}

/** What scoring gives each subject: its headline score and extras, the layer used and the layer profile, comparisons. */
export type VisionOutcome = Pick<BenchmarkOutcome, 'score' | 'extra' | 'layer' | 'layers' | 'comparisons'>;

const METHOD = 'spearman';

/** Score subjects together against a target (shared bootstrap draws, so their pairwise comparisons are paired). */
export async function scoreVisionSubjects(subjects: readonly VisionSubject[], target: TargetRdms, targetId: string, options: VisionScoreOptions): Promise<Map<string, VisionOutcome>> {
  const settings = { method: METHOD, bootstrap: options.bootstrap, seed: options.seed } as const;
  const out = new Map<string, VisionOutcome>();
  if (options.layers === 'best') {
    const n = stimulusCount(target.subjects.cols);
    const { selection, evaluation } = halves(Array.from({ length: n }, (_, i) => i), options.seed);
    const profile = await scoreRdmCandidates(layerCandidates(subjects, (rdm) => subsetRdm(rdm, selection)), subsetRows(target.subjects, selection), targetId, settings);
    const best = subjects.map((s) => bestLayer(profile, s));
    const chosen = subjects.map((s, i) => ({ name: candidateName(s.name, best[i]), rdm: subsetRdm(s.rdms[best[i]], evaluation) }));
    const headlines = new Map(subjects.map((s, i) => [candidateName(s.name, best[i]), s.name]));
    const scored = await scoreRdmCandidates(chosen, subsetRows(target.subjects, evaluation), targetId, settings);
    subjects.forEach((s, i) => {
      const layer: LayerUsed = { layer: best[i], name: s.layers[best[i]], chosen: 'best', selection_items: selection.length, evaluation_items: evaluation.length };
      const score = headline(scored, s, best[i], profile);
      const extra = tauBeside(s.rdms[best[i]], target, evaluation);
      out.set(s.name, { score, ...(extra ? { extra } : {}), layer, layers: profileOf(profile, s), comparisons: comparisonsOf(scored, candidateName(s.name, best[i]), headlines) });
    });
    return out;
  }
  const scored = await scoreRdmCandidates(layerCandidates(subjects, (rdm) => rdm), target.subjects, targetId, settings);
  const headlines = new Map(subjects.map((s) => [candidateName(s.name, s.defaultLayer), s.name]));
  for (const s of subjects) {
    const l = s.defaultLayer;
    const score = headline(scored, s, l);
    const extra: Record<string, Score> = { ...algonauts(s.rdms[l], target), ...tauBeside(s.rdms[l], target) };
    const many = s.layers.length > 1;
    out.set(s.name, {
      score,
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
      ...(many ? { layer: { layer: l, name: s.layers[l], chosen: 'default' }, layers: profileOf(scored, s, target) } : {}),
      comparisons: comparisonsOf(scored, candidateName(s.name, l), headlines),
    });
  }
  return out;
}

function candidateName(subject: string, layer: number): string {
  return `${subject}#${layer}`;
}

/** Every layer of every subject as a candidate, except layers whose RDM is constant (no ranking: reported, not scored). */
function layerCandidates(subjects: readonly VisionSubject[], map: (rdm: Float64Array) => Float64Array): { name: string; rdm: Float64Array }[] {
  return subjects.flatMap((s) => s.rdms.flatMap((rdm, l) => {
    const mapped = map(rdm);
    return degenerate(mapped, METHOD) ? [] : [{ name: candidateName(s.name, l), rdm: mapped }];
  }));
}

/** The score of a subject's layer, or undefined when the layer was not scored (constant RDM). */
function layerScore(scored: CandidateScores, s: VisionSubject, layer: number): Score | undefined {
  return scored.scores.find((c) => c.name === candidateName(s.name, layer))?.score;
}

/** The headline score of a subject's layer (warning of the profile's unscored layers and of a thin ceiling); a constant RDM there is an error naming the layer. */
function headline(scored: CandidateScores, s: VisionSubject, layer: number, profile: CandidateScores = scored): Score {
  const score = layerScore(scored, s, layer);
  if (!score) throw new Error(`${s.name}, layer '${s.layers[layer]}': every pair of pictures has the same dissimilarity, so its RDM cannot be ranked (choose another layer with --layers, or another pooling)`);
  const warnings = [...(score.warnings ?? [])];
  const constant = s.layers.filter((_, l) => !layerScore(profile, s, l));
  if (constant.length > 0) warnings.push(`not scored (every pair of pictures equally dissimilar): layer${constant.length > 1 ? 's' : ''} ${constant.join(', ')}`);
  const thin = thinCeiling(score);
  if (thin) warnings.push(thin);
  return warnings.length === 0 ? score : { ...score, warnings };
}

/** Below this lower bound, or this share of the upper bound, the subjects hardly agree with one another. */
const THIN_LOWER = 0.05;
const THIN_SHARE = 0.25;

/** A warning when the noise ceiling is thin (normalized = value / lower bound is then unstable), else undefined. */
export function thinCeiling(score: Score): string | undefined {
  const c = score.ceiling;
  if (!c || c.lower === undefined || c.upper === undefined) return undefined;
  if (c.lower > THIN_LOWER && c.lower > THIN_SHARE * c.upper) return undefined;
  return `thin noise ceiling: the subjects agree little with one another (lower bound ${c.lower.toFixed(4)}, upper ${c.upper.toFixed(4)}), so normalized (value / lower bound) is not interpretable`;
}

/** The subjects' RDMs restricted to some pictures. */
function subsetRows(subjects: Matrix, indices: readonly number[]): Matrix {
  const rows = Array.from({ length: subjects.rows }, (_, s) => subsetRdm(subjects.data.subarray(s * subjects.cols, (s + 1) * subjects.cols), indices));
  const out = new Float64Array(rows.length * rows[0].length);
  rows.forEach((r, s) => out.set(r, s * r.length));
  return matrix(rows.length, rows[0].length, out);
}

/** The layer with the highest value (the first of ties; NaN never wins). */
function bestLayer(scored: CandidateScores, s: VisionSubject): number {
  let best = 0;
  let value = -Infinity;
  s.layers.forEach((_, l) => {
    const v = layerScore(scored, s, l)?.value ?? NaN;
    if (v > value) [best, value] = [l, v];
  });
  return best;
}

/** A subject's layer profile from scored candidates; with the full target, each layer's Algonauts score as an extra. */
function profileOf(scored: CandidateScores, s: VisionSubject, fullTarget?: TargetRdms): LayerScore[] {
  return s.layers.map((name, l) => {
    const score = layerScore(scored, s, l);
    if (!score) return { layer: l, name, value: NaN, n: scored.scores[0]?.score.n ?? 0 };
    const extra = fullTarget ? algonauts(s.rdms[l], fullTarget) : {};
    return {
      layer: l, name, value: score.value, ...(score.ci95 ? { ci95: score.ci95 } : {}), n: score.n,
      ...(extra.algonauts2019 ? { extra: { algonauts2019: extra.algonauts2019.value } } : {}),
    };
  });
}

/** This headline candidate minus each other subject's headline candidate (`headlines`: candidate name → subject name). */
function comparisonsOf(scored: CandidateScores, name: string, headlines: ReadonlyMap<string, string>): NonNullable<BenchmarkOutcome['comparisons']> {
  const out: NonNullable<BenchmarkOutcome['comparisons']> = [];
  for (const p of scored.pairs) {
    if (p.a !== name && p.b !== name) continue;
    const flip = p.b === name;
    const label = headlines.get(flip ? p.a : p.b);
    if (label === undefined) continue;
    out.push({
      other: label, difference: flip ? -p.difference : p.difference,
      ...(p.ci95 ? { ci95: (flip ? [-p.ci95[1], -p.ci95[0]] : p.ci95) as [number, number] } : {}),
      ...(p.p !== undefined ? { p: p.p } : {}),
    });
  }
  return out;
}

const ceilings = new WeakMap<Matrix, { upper: number; lower: number }>();

/**
 * The Algonauts 2019 score of an RDM over the whole target (Algonauts sets only), divided as the kit divides: by its
 * hard-coded noise ceiling R²; the ceiling recomputed from the subjects by the kit's definition is in the details.
 */
function algonauts(rdm: Float64Array, target: TargetRdms): Record<string, Score> {
  if (!target.algonauts) return {};
  let ceiling = ceilings.get(target.subjects);
  if (!ceiling) {
    ceiling = algonautsCeiling(target.subjects);
    ceilings.set(target.subjects, ceiling);
  }
  const score = algonautsScore(rdm, target.subjects, target.algonauts.publishedCeilingR2);
  return { algonauts2019: { ...score, details: { ...score.details, recomputed_ceiling_r2: ceiling.upper, recomputed_ceiling_r2_lower: ceiling.lower } } };
}

/** Kendall tau-a averaged over subjects (no interval) where the target asks for it (the 92-image rows' headline measure). */
function tauBeside(rdm: Float64Array, target: TargetRdms, indices?: readonly number[]): Record<string, Score> | undefined {
  if (!target.tauBeside) return undefined;
  const subjects = indices ? subsetRows(target.subjects, indices) : target.subjects;
  const candidate = indices ? subsetRdm(rdm, indices) : rdm;
  return { 'tau-a': { value: subjectMean(candidate, subjects, 'tau-a'), measure: 'compare:tau-a:subject-mean', n: candidate.length, details: { subjects: subjects.rows } } };
}
