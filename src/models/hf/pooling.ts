// Pooling a transformer layer's token states into one vector per text.

/** How token states become one vector: the mean of the text's own tokens, the first token (CLS), or the last. */
export type Pooling = 'mean' | 'first' | 'last';

/** The pooling modes, for parsing and help texts. */
export const POOLINGS: readonly Pooling[] = ['mean', 'first', 'last'];

/** Which positions of one padded sequence are real tokens and which of those the tokenizer added. */
export interface TokenLayout {
  /** Number of real (non-padding) tokens; they sit at positions 0 … length-1. */
  length: number;
  /** special[t]: token t is a special token added by the tokenizer ([CLS], [SEP], <|endoftext|>, …). */
  special: readonly boolean[];
}

/**
 * Pool one sequence of a layer: `states` is the layer output of a batch (batch × seq × hidden, row-major),
 * `row` the sequence. mean = the average over real tokens that are not special (all real tokens when every
 * one is special); first = position 0 (the [CLS] token of BERT-like models); last = the last real token.
 * Sums run in float64; the result is rounded to float32.
 */
export function poolSequence(
  states: Float32Array,
  row: number,
  seq: number,
  hidden: number,
  layout: TokenLayout,
  pooling: Pooling,
  out: Float32Array,
): void {
  const base = row * seq * hidden;
  if (pooling === 'first' || pooling === 'last') {
    const t = pooling === 'first' ? 0 : layout.length - 1;
    out.set(states.subarray(base + t * hidden, base + (t + 1) * hidden));
    return;
  }
  const ordinary = [];
  for (let t = 0; t < layout.length; t++) if (!layout.special[t]) ordinary.push(t);
  const positions = ordinary.length > 0 ? ordinary : Array.from({ length: layout.length }, (_, t) => t);
  const sum = new Float64Array(hidden);
  for (const t of positions) {
    const offset = base + t * hidden;
    for (let j = 0; j < hidden; j++) sum[j] += states[offset + j];
  }
  for (let j = 0; j < hidden; j++) out[j] = sum[j] / positions.length;
}
