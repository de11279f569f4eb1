// The 92-image benchmarks as suite rows: one row per candidate RDM (the data set's 8 model RDMs and any
// --model-rdm files) and target (human IT, human judgments): Kendall tau-a as the headline and Spearman
// beside it, each a mean over subjects with a stimulus-and-subject bootstrap CI and the noise ceiling, and
// the candidate's pairwise tests against the other candidates.
import { matrix } from '../core/matrix.ts';
import { loadRdm92, RDM92_DATASET, type Rdm92Data } from '../data/datasets/rdm92.ts';
import type { Benchmark, BenchmarkOptions, BenchmarkOutcome } from './benchmark.ts';
import { rdm92ModelCandidates, scoreRdm92, type Rdm92Candidate, type Rdm92Result, type Rdm92Target } from './rdm92.ts';
import { applyRsaTransform, transformSuffix, type RsaTransform } from './rsa-transform.ts';

const TARGETS: { id: Rdm92Target; title: string }[] = [
  { id: 'human-it', title: 'human IT (fMRI, 4 subjects)' },
  { id: 'judgments', title: 'human similarity judgments (16 subjects)' },
];

/** How every row is computed. */
export const RDM92_METHOD =
  'Kriegeskorte et al. (2008) 92 images: the candidate RDM compared with each subject\u2019s RDM (human IT: 4 subjects, the mean of their 2 sessions; judgments: 16 subjects) by Kendall tau-a (Spearman beside it), averaged over subjects as rsatoolbox eval_fixed; 95% CI: percentile bootstrap over stimuli (pairs of a stimulus with its own copy dropped) and subjects; noise ceiling from the subjects (lower: each vs the mean of the others; upper: each vs the mean of all), normalized = value / lower bound; pairwise tests: bootstrap difference with a two-sided p (rsatoolbox bootstrap_pair_tests).';

/** The rows for the data set's model RDMs plus `extra` candidates (read from --model-rdm files). */
export function rdm92Benchmarks(extra: readonly Rdm92Candidate[] = []): Benchmark[] {
  const names = ['animacy', 'FaceBodyManmadeNatobj', 'monkeyIT', 'EVA', 'HMAX', 'V1', 'Silhouette', 'RADON', ...extra.map((c) => c.name)];
  const memo = new Map<string, Promise<{ tau: Rdm92Result; rho: Rdm92Result }>>();
  const results = (target: Rdm92Target, options: BenchmarkOptions) => {
    const key = JSON.stringify([target, options.seed, options.bootstrap ?? 1000, options.transform ?? null]);
    if (!memo.has(key)) memo.set(key, scoreAll(target, extra, options));
    return memo.get(key)!;
  };
  return TARGETS.flatMap((target) =>
    names.map((name): Benchmark => ({
      id: `rdm92:${target.id}:${name}`,
      title: `92 images: ${name} vs ${target.title}`,
      version: 1,
      method: RDM92_METHOD,
      subject: { kind: 'fixed' },
      datasets: [RDM92_DATASET],
      supports: () => true,
      run: async (_model, options) => rowOf(await results(target.id, options), name, options.transform),
    })),
  );
}

async function scoreAll(target: Rdm92Target, extra: readonly Rdm92Candidate[], options: BenchmarkOptions): Promise<{ tau: Rdm92Result; rho: Rdm92Result }> {
  const data = transformed(loadRdm92(), options.transform);
  const candidates = [...rdm92ModelCandidates(data), ...extra.map((c) => ({ name: c.name, rdm: applyRsaTransform(c.rdm, options.transform) }))];
  const settings = { bootstrap: options.bootstrap ?? 1000, seed: options.seed };
  return { tau: await scoreRdm92(candidates, target, { method: 'tau-a', ...settings }, data), rho: await scoreRdm92(candidates, target, { method: 'spearman', ...settings }, data) };
}

function rowOf(results: { tau: Rdm92Result; rho: Rdm92Result }, name: string, transform: RsaTransform | undefined): BenchmarkOutcome {
  const suffix = transformSuffix(transform);
  const tau = results.tau.scores.find((s) => s.name === name)!.score;
  const rho = results.rho.scores.find((s) => s.name === name)!.score;
  const comparisons = results.tau.pairs
    .filter((p) => p.a === name || p.b === name)
    .map((p) => {
      const flip = p.b === name;
      return {
        other: flip ? p.a : p.b,
        difference: flip ? -p.difference : p.difference,
        ...(p.ci95 ? { ci95: (flip ? [-p.ci95[1], -p.ci95[0]] : p.ci95) as [number, number] } : {}),
        ...(p.p !== undefined ? { p: p.p } : {}),
      };
    });
  return {
    dataset: results.tau.dataset,
    scored: { id: `rdm:${name}`, revision: results.tau.dataset.checksum },
    score: { ...tau, measure: `${tau.measure}${suffix}` },
    extra: { spearman: { ...rho, measure: `${rho.measure}${suffix}` } },
    coverage: { n_items: 92, n_covered: 92, missing_examples: [] },
    comparisons,
  };
}

/** The data with every subject and model RDM transformed (the noise ceiling then follows the transform). */
function transformed(data: Rdm92Data, t: RsaTransform | undefined): Rdm92Data {
  if (!t) return data;
  const rows = (m: Rdm92Data['judgments']) => {
    const out = new Float64Array(m.data.length);
    for (let r = 0; r < m.rows; r++) out.set(applyRsaTransform(m.data.subarray(r * m.cols, (r + 1) * m.cols), t) as Float64Array, r * m.cols);
    return matrix(m.rows, m.cols, out);
  };
  return {
    ...data, humanIT: rows(data.humanIT), humanITSubjects: rows(data.humanITSubjects), judgments: rows(data.judgments),
    models: data.models.map((m) => ({ name: m.name, rdm: applyRsaTransform(m.rdm, t) as Float64Array })),
  };
}
