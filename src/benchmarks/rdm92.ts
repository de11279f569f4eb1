// The 92-image RSA benchmark (Kriegeskorte et al. 2008): candidate RDMs against human IT fMRI or similarity judgments.
import { basename, extname } from 'node:path';
import type { Matrix } from '../core/matrix.ts';
import { InputError } from '../core/input-error.ts';
import { loadRdm92, RDM92_PAIRS, RDM92_STIMULI, type Rdm92Data } from '../data/datasets/rdm92.ts';
import { cellError, readMatrix } from '../data/read-matrix.ts';
import type { RdmNoiseCeiling } from '../measures/noise-ceiling.ts';
import type { Score } from '../measures/score.ts';
import { scoreRdmCandidates, type CandidatePair, type RdmCandidate } from './rdm-candidates.ts';

/** Whose RDMs the candidates are scored against: human IT (4 subjects, sessions averaged) or judgments (16 subjects). */
export type Rdm92Target = 'human-it' | 'judgments';

/** A candidate RDM: a name and its condensed vector (4186 values, strict upper triangle, row-major). */
export type Rdm92Candidate = RdmCandidate;

/** Options of scoreRdm92: comparison method, bootstrap resamples over stimuli (0: none) and seed. */
export interface Rdm92Options {
  method: 'tau-a' | 'spearman';
  bootstrap: number;
  seed: number;
}

/** Candidate a minus candidate b (subject-mean values), with a bootstrap interval and two-sided p. */
export type Rdm92Pair = CandidatePair;

/** Scores of every candidate, the noise ceiling, and every pairwise comparison. */
export interface Rdm92Result {
  target: Rdm92Target;
  method: 'tau-a' | 'spearman';
  subjects: string[];
  ceiling: RdmNoiseCeiling;
  scores: { name: string; score: Score }[];
  pairs: Rdm92Pair[];
  dataset: { id: string; checksum: string };
}

/** The subjects' condensed RDMs (rows) and names of a target. */
export function rdm92Subjects(data: Rdm92Data, target: Rdm92Target): { rdms: Matrix; names: string[] } {
  if (target === 'human-it') return { rdms: data.humanITSubjects, names: data.humanITSubjectNames };
  if (target === 'judgments') return { rdms: data.judgments, names: data.judgmentNames };
  throw new InputError(`unknown target '${target as string}' (human-it, judgments)`, { file: '--target' });
}

/**
 * Score candidates against the subjects of a target as rsatoolbox's eval_fixed (see scoreRdmCandidates): each
 * candidate must be a 92×92 RDM (4186 condensed values).
 */
export async function scoreRdm92(
  candidates: readonly Rdm92Candidate[],
  target: Rdm92Target,
  options: Rdm92Options,
  data: Rdm92Data = loadRdm92(),
): Promise<Rdm92Result> {
  const { rdms, names } = rdm92Subjects(data, target);
  const scored = await scoreRdmCandidates(candidates, rdms, target, options);
  return { target, method: options.method, subjects: names, ...scored, dataset: data.dataset };
}

/** The data set's own 8 model RDMs (animacy … RADON, monkeyIT among them) as candidates. */
export function rdm92ModelCandidates(data: Rdm92Data): Rdm92Candidate[] {
  return data.models.map((m) => ({ name: m.name, rdm: m.rdm }));
}

/**
 * --model-rdm FILE: a user RDM over the 92 images, a 92×92 square (symmetric, zero diagonal) or 4186 condensed
 * values in one row or column (.npy or delimited text); named by the file's base name. InputError naming the file otherwise.
 */
export async function readRdm92ModelFile(file: string): Promise<Rdm92Candidate> {
  const { matrix: m, source } = await readMatrix(file, { header: false });
  const name = basename(file, extname(file));
  const { rows, cols, data } = m;
  if (rows === 1 || cols === 1) {
    if (rows * cols !== RDM92_PAIRS) throw new InputError(`expected a 92×92 RDM or ${RDM92_PAIRS} values, got ${rows * cols} values`, { file });
    return { name, rdm: checkFinite(Float64Array.from(data), (k) => (rows === 1 ? [0, k] : [k, 0]), source) };
  }
  if (rows !== RDM92_STIMULI || cols !== RDM92_STIMULI) throw new InputError(`expected a 92×92 RDM or ${RDM92_PAIRS} values, got ${rows}×${cols}`, { file });
  const n = RDM92_STIMULI;
  let maxAbs = 0;
  for (let k = 0; k < data.length; k++) maxAbs = Math.max(maxAbs, Math.abs(data[k]));
  const tol = 1e-12 * maxAbs;
  const out = new Float64Array(RDM92_PAIRS);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (!(Math.abs(data[i * n + i]) <= tol)) throw cellError(source, i, i, `diagonal entry is ${data[i * n + i]}, not 0`);
    for (let j = i + 1; j < n; j++) {
      const x = data[i * n + j];
      if (!Number.isFinite(x)) throw cellError(source, i, j, `${x} is not a finite number`);
      if (!(Math.abs(x - data[j * n + i]) <= tol)) throw cellError(source, j, i, `not symmetric: ${data[j * n + i]} here but ${x} at row ${j + 1}, column ${i + 1}`);
      out[k++] = x;
    }
  }
  return { name, rdm: out };
}

function checkFinite(v: Float64Array, cellOf: (k: number) => [number, number], source: Parameters<typeof cellError>[0]): Float64Array {
  for (let k = 0; k < v.length; k++) {
    if (!Number.isFinite(v[k])) {
      const [i, j] = cellOf(k);
      throw cellError(source, i, j, `${v[k]} is not a finite number`);
    }
  }
  return v;
}
