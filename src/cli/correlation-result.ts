// The JSON and text lines `attune wordsim` and `attune norms` share: value (the headline Spearman) and measure, Spearman and Pearson with their
// intervals, coverage, and for rater and multi-layer models how answers were read, usage and layers.
import type { BenchmarkOptions, BenchmarkOutcome } from '../benchmarks/benchmark.ts';
import type { WordModel } from '../models/word-model.ts';

/** The fields both verbs print for an outcome (`n_words`/`n_pairs` and the file are the verb's own). */
export function correlationFields(model: WordModel, outcome: Omit<BenchmarkOutcome, 'dataset'>, options: BenchmarkOptions) {
  const spearman = outcome.score;
  const pearson = outcome.extra!.pearson;
  return {
    value: spearman.value, measure: spearman.measure, model: { id: model.id, revision: model.revision },
    spearman: spearman.value, pearson: pearson.value, ci95: spearman.ci95 ?? null, pearson_ci95: pearson.ci95 ?? null,
    n_covered: outcome.coverage.n_covered, missing_examples: outcome.coverage.missing_examples,
    seed: options.seed, bootstrap: options.bootstrap, warnings: spearman.warnings ?? [],
    ...(outcome.coverage.answers ? { answers: outcome.coverage.answers } : {}),
    ...(model.kind === 'rater' ? { usage: model.usage() } : {}),
    ...(outcome.layer ? { layer: outcome.layer } : {}), ...(outcome.layers ? { layers: outcome.layers } : {}),
  };
}

/** 'Spearman 0.1234 [lo, hi], Pearson 0.2345' for the human-readable line. */
export function correlationText(fields: ReturnType<typeof correlationFields>): string {
  const ci = fields.ci95 ? ` [${fields.ci95[0].toFixed(4)}, ${fields.ci95[1].toFixed(4)}]` : '';
  return `Spearman ${fields.spearman.toFixed(4)}${ci}, Pearson ${fields.pearson.toFixed(4)}`;
}
