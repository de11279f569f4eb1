// A second, hand-made run for the dashboard tests, next to a real `attune run`: the real SimLex-999 row with a
// made-up ceiling and layer profile (model 'example:layered'), and a 92-image row with a p-value and pairwise comparisons.
// The numbers are invented for the test; they only need to be known to it. A real vision run, copied as it is. And a
// run whose SimLex-999 row covers too few items (below the coverage floor: insufficient, with its reason).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insufficientCoverage } from '../../src/run/coverage-floor.ts';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';

/** The made-up ceiling of the example SimLex row, and the shift of its value from the real one. */
export const EXAMPLE_CEILING = 0.78;
export const EXAMPLE_SHIFT = 0.1;

/** Write `<resultsDir>/example/results.json` (an hour older than `real`) and return it. */
export function writeExampleRun(resultsDir: string, real: RunResults): RunResults {
  const simlex = real.results.find((r) => r.benchmark === 'wordsim:simlex999') as BenchmarkResult;
  const value = simlex.score.value + EXAMPLE_SHIFT;
  const ci = simlex.score.ci95 as [number, number];
  const layered: BenchmarkResult = {
    ...simlex,
    model: { id: 'example:layered', revision: 'r1' },
    subject: { kind: 'run-model', label: 'example:layered' },
    score: { ...simlex.score, value, ci95: [ci[0] + EXAMPLE_SHIFT, ci[1] + EXAMPLE_SHIFT], ceiling: { value: EXAMPLE_CEILING, lower: 0.7, upper: 0.85, method: 'split-half:spearman-brown' }, normalized: value / EXAMPLE_CEILING },
    layer: { layer: 2, name: 'layer 2', chosen: 'best', selection_items: 500, evaluation_items: 499 },
    layers: [0, 1, 2, 3].map((layer) => ({ layer, name: layer === 0 ? 'embeddings' : `layer ${layer}`, value: 0.2 + 0.05 * layer - (layer === 3 ? 0.08 : 0), ci95: [0.15 + 0.05 * layer, 0.25 + 0.05 * layer], n: 999 })),
  };
  const rdm92: BenchmarkResult = {
    benchmark: 'rdm92:human-it:animacy',
    title: '92 images: animacy vs human IT (fMRI, 4 subjects)',
    suite: 'literature',
    dataset: { id: 'rdm92_kriegeskorte', checksum: 'example-checksum' },
    model: { id: 'rdm:animacy', revision: 'example' },
    subject: { kind: 'fixed', label: 'rdm:animacy' },
    score: { value: 0.11, measure: 'compare:tau-a:subject-mean', n: 4186, ci95: [0.08, 0.14], p: 0.00004, ceiling: { value: 0.3, lower: 0.3, upper: 0.4, method: 'rdm:loo-subjects' }, normalized: 0.11 / 0.3 },
    coverage: { n_items: 92, n_covered: 92, missing_examples: [] },
    comparisons: [{ other: 'EVA', difference: 0.05, ci95: [0.01, 0.09], p: 0.02 }],
    method: 'Example method text for the 92-image row.',
    seconds: 1,
    cached: false,
  };
  const created = new Date(Date.parse(real.created) - 3600_000).toISOString();
  const run: RunResults = { ...real, created, suite: 'literature', model: layered.model, results: [layered, rdm92], failures: [] };
  mkdirSync(join(resultsDir, 'example'), { recursive: true });
  writeFileSync(join(resultsDir, 'example', 'results.json'), JSON.stringify(run));
  return run;
}

/** A made-up run with only a small SimLex-999 row (5 labelled points), a base for writeExampleRun without the CLI. */
export function syntheticRun(): RunResults {
  const simlex: BenchmarkResult = {
    benchmark: 'wordsim:simlex999',
    title: 'SimLex-999',
    suite: 'core',
    dataset: { id: 'simlex999', checksum: 'example-checksum' },
    model: { id: 'example:base', revision: 'r0' },
    subject: { kind: 'run-model', label: 'example:base' },
    score: { value: 0.4, measure: 'wordsim:cosine:spearman', n: 5, ci95: [0.1, 0.6], seed: 0 },
    coverage: { n_items: 5, n_covered: 5, missing_examples: [] },
    scatter: { model: [0.1, 0.3, 0.5, 0.7, 0.9], human: [1, 4, 3, 8, 9], xLabel: 'model cosine', yLabel: 'human rating', labels: ['a–b', 'c–d', 'e–f', 'g–h', 'i–j'] },
    seconds: 0,
    cached: false,
  };
  return {
    schema: 'attune-results', schema_version: 2, tool: { name: 'attune', version: '0.0.0-test' }, created: '2025-01-02T03:04:05.000Z',
    suite: 'core', model: simlex.model, seed: 0, results: [simlex], failures: [], skipped: [],
  };
}

/** The run id (subfolder) of the vision run that writeVisionRun serves. */
export const VISION_RUN_ID = 'vision';

/** The results of `attune run --suite vision --model gabor` (test/fixtures/report/vision-results.json). */
const VISION_RESULTS = new URL('../../test/fixtures/report/vision-results.json', import.meta.url);

/** Copy the real vision run into `<resultsDir>/vision/results.json` (dated 2026, so the newest run) and return it. */
export function writeVisionRun(resultsDir: string): RunResults {
  mkdirSync(join(resultsDir, VISION_RUN_ID), { recursive: true });
  copyFileSync(VISION_RESULTS, join(resultsDir, VISION_RUN_ID, 'results.json'));
  return JSON.parse(readFileSync(VISION_RESULTS, 'utf8')) as RunResults;
}

/** The run id (subfolder) and model of the run that writeInsufficientRun writes. */
export const THIN_RUN_ID = 'thin';
export const THIN_MODEL = 'example:thin';

/** Write `<resultsDir>/thin/results.json` (two hours older than `base`): `base`'s SimLex-999 row scored by 'example:thin' on 12 of its items, marked insufficient as the runner marks it; return it. */
export function writeInsufficientRun(resultsDir: string, base: RunResults): RunResults {
  const simlex = base.results.find((r) => r.benchmark === 'wordsim:simlex999') as BenchmarkResult;
  const coverage = { n_items: simlex.coverage.n_items, n_covered: 12, missing_examples: [] };
  const thin: BenchmarkResult = {
    ...simlex,
    model: { id: THIN_MODEL, revision: 't1' },
    subject: { kind: 'run-model', label: THIN_MODEL },
    score: { ...simlex.score, value: 0.9, n: 12 },
    coverage: { ...coverage, insufficient: insufficientCoverage(coverage) },
  };
  const created = new Date(Date.parse(base.created) - 7200_000).toISOString();
  const run: RunResults = { ...base, created, model: thin.model, results: [thin], failures: [] };
  mkdirSync(join(resultsDir, THIN_RUN_ID), { recursive: true });
  writeFileSync(join(resultsDir, THIN_RUN_ID, 'results.json'), JSON.stringify(run));
  return run;
}
