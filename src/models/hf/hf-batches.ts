// Batches of texts for the forward pass: similar lengths together (little padding), and a bounded number of
// tokens per batch so that the hidden states of every layer fit in a fixed memory budget.

/** Group text indices into batches: longest first, each batch with batchSize × longest ≤ maxTokens (at least one text). */
export function planBatches(lengths: readonly number[], maxTokens: number, maxBatch = 64): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const i of order) {
    const widest = Math.max(longest, lengths[i]);
    if (current.length > 0 && (current.length >= maxBatch || (current.length + 1) * widest > maxTokens)) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = lengths[i];
    current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Tokens per batch so that every layer's states (layers × tokens × hidden float32) stay within `bytes`. */
export function tokenBudget(layers: number, hidden: number, bytes = 256 * 1024 * 1024): number {
  return Math.max(1, Math.floor(bytes / (layers * hidden * 4)));
}
