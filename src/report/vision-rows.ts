// Vision rows (benchmark ids vision:<set>:<region> for the run's model, vision:<set>:<region>:<subject> for the fixed
// subjects): their parts, the titles of their region and picture set, and which rows are one model's regions of a set.
import type { BenchmarkResult, LayerScore } from '../run/results.ts';

/** The parts of a vision benchmark id, e.g. { set: 'cichy92', region: 'evc', subject: 'alexnet' }. */
export interface VisionBenchmark {
  set: string;
  region: string;
  /** The fixed subject's key; absent on the run's model's rows. */
  subject?: string;
}

/** The parts of a vision benchmark id, or undefined for any other benchmark. */
export function parseVisionBenchmark(benchmark: string): VisionBenchmark | undefined {
  const parts = benchmark.split(':');
  if (parts[0] !== 'vision' || parts.length < 3 || parts.length > 4 || parts.some((p) => p === '')) return undefined;
  return { set: parts[1], region: parts[2], ...(parts.length === 4 ? { subject: parts[3] } : {}) };
}

/** Which rows belong in one figure: same picture set, same subject and same scored model; undefined for a non-vision row. */
export function setRegionsKey(row: BenchmarkResult): string | undefined {
  const id = parseVisionBenchmark(row.benchmark);
  return id && JSON.stringify([id.set, id.subject ?? null, row.model.id]);
}

/** The rows of `rows` that are `row`'s regions of its picture set (the row itself included), in `rows` order; [] for a non-vision row. */
export function setRegionsOf(row: BenchmarkResult, rows: readonly BenchmarkResult[]): BenchmarkResult[] {
  const key = setRegionsKey(row);
  return key === undefined ? [] : rows.filter((r) => setRegionsKey(r) === key);
}

/** Whether a row has a layer profile worth drawing: two or more layers (the single-layer gabor and pixels have none). */
export function hasLayerProfile(row: BenchmarkResult): boolean {
  return (row.layers?.length ?? 0) > 1;
}

/** Whether a layer was scored: a finite value (NaN, which results.json holds as null, marks a layer that could not be). */
export function isScoredLayer(layer: LayerScore): boolean {
  return typeof layer.value === 'number' && Number.isFinite(layer.value);
}

/** The names of a row's layers that could not be scored, in order. */
export function unscoredLayerNames(row: BenchmarkResult): string[] {
  return (row.layers ?? []).filter((l) => !isScoredLayer(l)).map((l) => l.name);
}

/** The row's noise ceiling as a band from its lower to its upper bound, when both bounds are finite. */
export function ceilingBand(row: BenchmarkResult): { lower: number; upper: number } | undefined {
  const [lower, upper] = [row.score.ceiling?.lower, row.score.ceiling?.upper];
  return typeof lower === 'number' && typeof upper === 'number' && Number.isFinite(lower) && Number.isFinite(upper) ? { lower, upper } : undefined;
}

/** The region part of a vision row's title (after its last ': '), e.g. 'early visual cortex (15 subjects)'. */
export function regionTitle(row: BenchmarkResult): string {
  return titleParts(row).at(-1) ?? row.benchmark;
}

/** The picture-set part of a vision row's title (before the region), e.g. 'Cichy 2014, 92 images'. */
export function pictureSetTitle(row: BenchmarkResult): string {
  return titleParts(row).at(-2) ?? parseVisionBenchmark(row.benchmark)?.set ?? row.benchmark;
}

/** A vision title split at ': ' — '[subject: ]set: region', as the vision benchmarks write it. */
function titleParts(row: BenchmarkResult): string[] {
  return row.title.split(': ');
}
