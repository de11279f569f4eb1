// What a benchmark is: which data, which model call, which measure, which ceiling — and what it returns.
import type { Score } from '../measures/score.ts';
import type { WordModel } from '../models/word-model.ts';

/** Coverage of a benchmark's items by the model. */
export interface Coverage {
  /** Items (pairs, words) in the data set. */
  n_items: number;
  /** Items the model could answer (all words known, or a numeric recorded answer) and the human value is known. */
  n_covered: number;
  /** Up to 20 uncovered items, as examples. */
  missing_examples: string[];
  /** Multi-word items scored as the mean of their words' vectors. */
  multi_word?: number;
  /** Items without a human value (empty or NA cells), not counted as covered. */
  no_human_value?: number;
  /** Set by the runner when the row is below the coverage floor (run/coverage-floor.ts): why; its value is then not a result. */
  insufficient?: string;
  /** For a rater model: how its answers were read (log-probabilities, parsed text, unreadable). */
  answers?: { logprobs: number; parsed: number; none: number };
}

/** Model against human values, one point per covered item (for the scatter plot). */
export interface Scatter {
  model: number[];
  human: number[];
  xLabel: string;
  yLabel: string;
  /** What each point is (the word, the pair, the concept), same order as model and human. */
  labels?: string[];
}

/** One layer's score in a layer profile (--layers all|best). */
export interface LayerScore {
  layer: number;
  name: string;
  value: number;
  ci95?: [number, number];
  n: number;
  /** The layer's value of each extra score of the row, e.g. { algonauts2019: 41.2 }. */
  extra?: Record<string, number>;
}

/** Which layer the headline score comes from, and how it was chosen. */
export interface LayerUsed {
  layer: number;
  name: string;
  /** 'default': the model's last layer; 'given': --layers N; 'best': chosen on a selection split and scored on the rest. */
  chosen: 'default' | 'given' | 'best';
  /** For 'best': items used to choose the layer and items the headline score was computed on. */
  selection_items?: number;
  evaluation_items?: number;
}

/** What a benchmark computes; the runner adds model, suite, timing and cache provenance. */
export interface BenchmarkOutcome {
  dataset: { id: string; checksum: string };
  score: Score;
  extra?: Record<string, Score>;
  coverage: Coverage;
  scatter?: Scatter;
  /** The layer of a multi-layer model that the score is from. */
  layer?: LayerUsed;
  /** Per-layer scores: every layer on all items (--layers all), or on the selection split (--layers best). */
  layers?: LayerScore[];
  /**
   * What was scored, when it is not the run's model (fixed subjects: e.g. { id: 'rdm:monkeyIT', revision }), with its
   * preprocessing when it sees pictures; `recorded` marks a model's answers shipped with the data (e.g. GPT-3's
   * log-probabilities), `label` names it for people and `source` says where it comes from.
   */
  scored?: { id: string; revision: string; preprocessing?: Record<string, unknown>; recorded?: boolean; label?: string; source?: string };
  /** Pairwise comparisons of this row's subject with the others of its group (difference, CI, p). */
  comparisons?: { other: string; difference: number; ci95?: [number, number]; p?: number }[];
}

/**
 * Who answers a benchmark: the run's model, a model's recorded answers that ship with the data (`label` names the
 * model, e.g. 'GPT-4 (Trott 2024)'), or fixed inputs the benchmark names itself (e.g. the 92 images' model RDMs).
 */
export type Subject = { kind: 'run-model' } | { kind: 'recorded'; dataset: string; file: string; label: string } | { kind: 'fixed' };

/** One benchmark of a suite. */
export interface Benchmark {
  /** e.g. 'wordsim:simlex999', 'norms:glasgow:valence', 'recorded:gpt4:simlex999'. */
  id: string;
  title: string;
  /** Bumped when the computation changes: part of the cache key. */
  version: number;
  /** How the number is computed (data, model call, measure, interval, ceiling), for the report. */
  method?: string;
  subject: Subject;
  /** Data set ids it reads (their checksums go into the cache key). */
  datasets: readonly string[];
  /** Whether the model can answer it (e.g. word vectors for a similarity benchmark); false: skipped. */
  supports(model: WordModel): boolean;
  /** Why the model cannot answer it, for the list of skipped benchmarks (default: a generic sentence). */
  skipReason?(model: WordModel): string;
  run(model: WordModel, options: BenchmarkOptions): Promise<BenchmarkOutcome>;
}

/** Thrown by a benchmark's run() when the model turns out unable to answer it (e.g. a features folder without these pictures): skipped, not failed. */
export class BenchmarkSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BenchmarkSkipped';
  }
}

/** Run-wide settings a benchmark uses. */
export interface BenchmarkOptions {
  seed: number;
  /** Bootstrap resamples for intervals (default 1000). */
  bootstrap?: number;
  /** Which layer(s) of a multi-layer model to score (default: the last). */
  layers?: LayerChoice;
  /** RSA benchmarks: the geo-topological transform of every RDM before comparison (quantiles lower, upper). */
  transform?: { lower: number; upper: number };
}

/** --layers: the model's default layer, every layer, the best on a held-out split, or layer N (0 = embeddings). */
export type LayerChoice = 'default' | 'all' | 'best' | number;

/** Most points a scatter keeps (every k-th covered item beyond that, deterministic). */
export const SCATTER_MAX = 1000;

/** Thin model/human value lists (and their point labels) to at most SCATTER_MAX points, keeping every k-th one. */
export function scatterOf(model: ArrayLike<number>, human: ArrayLike<number>, xLabel: string, yLabel: string, labels?: readonly string[]): Scatter {
  const n = model.length;
  const step = Math.max(1, Math.ceil(n / SCATTER_MAX));
  const m: number[] = [];
  const h: number[] = [];
  const l: string[] = [];
  for (let i = 0; i < n; i += step) {
    m.push(model[i]);
    h.push(human[i]);
    if (labels) l.push(labels[i]);
  }
  return { model: m, human: h, xLabel, yLabel, ...(labels ? { labels: l } : {}) };
}

/** Up to 20 examples from a list of uncovered item labels. */
export function missingExamples(labels: readonly string[]): string[] {
  return labels.slice(0, 20);
}
