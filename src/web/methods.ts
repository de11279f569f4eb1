// The method text of a result: the one its benchmark wrote (every benchmark describes itself), else a
// pointer to the measure id (results written by an older Attune).
import type { BenchmarkResult } from './api.ts';

/** How the result's number was computed, in words. */
export function methodText(result: BenchmarkResult): string {
  return result.method ?? `See the measure id (${result.score.measure}) for the method.`;
}
