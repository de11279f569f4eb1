// Run comparison data: the two sides (a run, or a model's newest results across runs) matched by benchmark.
import type { BenchmarkResult, LoadedRun } from '../api.ts';

/** A side to compare: 'run:<id>' (one run) or 'model:<id>' (each benchmark's newest result of that model). */
export interface SideOption {
  value: string;
  label: string;
}

/** Every run, then every model id. */
export function sideOptions(runs: LoadedRun[]): SideOption[] {
  const models = [...new Set(runs.flatMap((r) => r.results.results.map((x) => x.model.id)))];
  return [
    ...runs.map((r) => ({ value: `run:${r.summary.id}`, label: `run ${r.summary.label || r.summary.id} (${r.summary.model.id}, ${r.summary.suite})` })),
    ...models.map((m) => ({ value: `model:${m}`, label: `model ${m} (newest result per benchmark)` })),
  ];
}

/** A result and the id of the run it comes from. */
export interface SideResult {
  result: BenchmarkResult;
  run: string;
}

/** The results of a side, by benchmark id. */
export function sideResults(runs: LoadedRun[], side: string): Map<string, SideResult> {
  const out = new Map<string, SideResult>();
  const colon = side.indexOf(':');
  const kind = side.slice(0, colon);
  const id = side.slice(colon + 1);
  for (const run of runs) {
    if (kind === 'run' && run.summary.id !== id) continue;
    for (const r of run.results.results) {
      if (kind === 'model' && r.model.id !== id) continue;
      if (!out.has(r.benchmark)) out.set(r.benchmark, { result: r, run: run.summary.id });
    }
  }
  return out;
}

/** Whether two 95% intervals overlap; undefined when either is missing. */
export function ciOverlap(a: [number, number] | undefined, b: [number, number] | undefined): boolean | undefined {
  if (!a || !b) return undefined;
  return a[0] <= b[1] && b[0] <= a[1];
}

/** One compared benchmark. */
export interface ComparedRow {
  benchmark: string;
  title: string;
  a?: SideResult;
  b?: SideResult;
  /** b − a, when both exist. */
  difference?: number;
  overlap?: boolean;
}

/** The union of both sides' benchmarks (a's order, then b's extras), with differences and CI overlap where both sides have a value (a row below the coverage floor has none). */
export function compareSides(a: Map<string, SideResult>, b: Map<string, SideResult>): ComparedRow[] {
  const ids = [...new Set([...a.keys(), ...b.keys()])];
  return ids.map((id) => {
    const ra = a.get(id);
    const rb = b.get(id);
    const both = ra && rb && !ra.result.coverage.insufficient && !rb.result.coverage.insufficient;
    return {
      benchmark: id,
      title: (ra ?? rb)!.result.title,
      a: ra,
      b: rb,
      difference: both ? rb.result.score.value - ra.result.score.value : undefined,
      overlap: both ? ciOverlap(ra.result.score.ci95, rb.result.score.ci95) : undefined,
    };
  });
}
