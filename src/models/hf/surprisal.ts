// Per-word surprisal in bits from a causal language model: −log2 p(token | the tokens before it), summed
// over a word's tokens. The text starts with the model's BOS (else EOS) token so the first word has a
// context; texts longer than the model's context are read in windows that overlap by half, and each token
// is scored in the first window that gives it at least half a context.
import { forwardBatch } from './hf-forward.ts';
import type { HfRuntime } from './hf-runtime.ts';
import { alignTokensToWords } from './word-alignment.ts';

/** Surprisal of every word of a text, and the tokens each word was split into. */
export interface WordSurprisals {
  /** bits per word; NaN for a word with no scored token (the first word when there is no BOS/EOS token). */
  bits: Float64Array;
  /** Number of tokens of each word. */
  tokens: Int32Array;
}

/** Surprisal of each word of `words` (the text is words joined by single spaces). */
export async function wordSurprisals(runtime: HfRuntime, words: readonly string[]): Promise<WordSurprisals> {
  if (!runtime.causal) throw new Error('surprisal needs a causal language model (GPT-2-like); this model is not one');
  const ids = runtime.tokenizer.encode(words.join(' '), { add_special_tokens: false });
  const owners = alignTokensToWords(words, ids, (part) => runtime.tokenizer.decode(part, { skip_special_tokens: true }));
  const sequence = runtime.startId === undefined ? ids : [runtime.startId, ...ids];
  const shift = sequence.length - ids.length;
  const tokenBits = await sequenceSurprisals(runtime, sequence);
  const bits = new Float64Array(words.length);
  const tokens = new Int32Array(words.length);
  const scored = new Uint8Array(words.length);
  owners.forEach((w, j) => {
    tokens[w]++;
    const b = tokenBits[j + shift];
    if (Number.isNaN(b)) return;
    bits[w] += b;
    scored[w] = 1;
  });
  for (let w = 0; w < words.length; w++) if (!scored[w] || tokens[w] === 0) bits[w] = NaN;
  return { bits, tokens };
}

/** −log2 p(sequence[p] | sequence[<p]) for every position (NaN at position 0), windowed by the model's context. */
export async function sequenceSurprisals(runtime: HfRuntime, sequence: readonly number[]): Promise<Float64Array> {
  const context = runtime.maxTokens;
  const stride = Math.max(1, Math.floor(context / 2));
  const bits = new Float64Array(sequence.length).fill(NaN);
  let covered = 1; // positions < covered are scored
  for (let start = 0; covered < sequence.length; start += stride) {
    const end = Math.min(start + context, sequence.length);
    const window = sequence.slice(start, end);
    const out = await forwardBatch(runtime.model, [{ ids: window, special: window.map(() => false) }], runtime.padId, runtime.prepared.hiddenStates, true);
    const vocab = out.vocab!;
    for (let p = Math.max(covered, start + 1); p < end; p++) {
      bits[p] = tokenSurprisal(out.logits!, (p - 1 - start) * vocab, vocab, sequence[p]);
    }
    covered = end;
  }
  return bits;
}

/** −log2 softmax(logits[offset … offset+vocab))[token], in float64 with the max subtracted. */
export function tokenSurprisal(logits: Float32Array, offset: number, vocab: number, token: number): number {
  let max = -Infinity;
  for (let v = 0; v < vocab; v++) max = Math.max(max, logits[offset + v]);
  let sum = 0;
  for (let v = 0; v < vocab; v++) sum += Math.exp(logits[offset + v] - max);
  return (Math.log(sum) + max - logits[offset + token]) / Math.LN2;
}
