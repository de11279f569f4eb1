// Decoding several THINGSplus properties from the same vectors at once (norms-decoding's decodeColumns: one
// ridge run with a column per property), kept for the run's other property benchmarks.
import type { WordModel } from '../models/word-model.ts';
import type { BenchmarkOptions, BenchmarkOutcome } from './benchmark.ts';
import { decodeColumns } from './norms-decoding.ts';

type Outcome = Omit<BenchmarkOutcome, 'dataset'>;

/** Most decodings kept (one per layer and property group: a --layers all sweep of a 48-layer model fits). */
const KEEP = 64;
const kept = new Map<string, Promise<Outcome[]>>();

/** decodeColumns of every property of a group (one Float64Array per property, aligned with `words`), memoised by model, words and options. */
export function decodeProperties(model: WordModel, group: string, words: readonly string[], values: readonly Float64Array[], options: BenchmarkOptions): Promise<Outcome[]> {
  const key = JSON.stringify([group, model.id, model.revision, options.seed, options.bootstrap ?? 1000, words]);
  let result = kept.get(key);
  if (result === undefined) {
    if (kept.size >= KEEP) kept.delete(kept.keys().next().value as string);
    result = decodeColumns(model, words, values, options, 'concepts');
    kept.set(key, result);
    result.catch(() => kept.delete(key));
  }
  return result;
}
