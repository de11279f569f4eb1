// Pooled activations of texts at every layer, computed in bounded batches and kept in the AnswerStore by
// content hash (the ONNX file's sha256, the pooling, the text), so a rerun computes nothing it has seen.
import { createHash } from 'node:crypto';
import type { AnswerStore } from '../answer-store.ts';
import { planBatches, tokenBudget } from './hf-batches.ts';
import { forwardBatch } from './hf-forward.ts';
import type { HfRuntime } from './hf-runtime.ts';
import { poolSequence, type Pooling } from './pooling.ts';

/** Options of the activation computation. */
export interface ActivationOptions {
  pooling: Pooling;
  store: AnswerStore;
  /** Tokens per batch (default: so that every layer's states take at most 256 MiB). */
  batchTokens?: number;
  /** Called after each batch with texts done and total texts to compute. */
  onProgress?: (done: number, total: number) => void;
  /** Receives warnings (e.g. a text truncated to the model's length). */
  log?: (line: string) => void;
}

/** The cache key of a text's pooled activations. */
export function activationKey(modelSha256: string, pooling: Pooling, text: string): string {
  const identity = JSON.stringify({ kind: 'hf-activations', version: 1, model: modelSha256, pooling, text });
  return createHash('sha256').update(identity).digest('hex');
}

/** For each text, its pooled vectors of every layer (layers × hidden, float32, layer-major). */
export async function pooledActivations(runtime: HfRuntime, texts: readonly string[], options: ActivationOptions): Promise<Float32Array[]> {
  const layers = runtime.prepared.hiddenStates.length;
  const result: (Float32Array | undefined)[] = new Array(texts.length);
  const todo = new Map<string, number[]>();
  texts.forEach((text, i) => {
    const cached = options.store.get(activationKey(runtime.prepared.sha256, options.pooling, text));
    if (cached) result[i] = new Float32Array(cached.buffer.slice(cached.byteOffset, cached.byteOffset + cached.byteLength));
    else todo.set(text, [...(todo.get(text) ?? []), i]);
  });
  const pending = [...todo.keys()];
  if (pending.length === 0) return result as Float32Array[];
  const encoded = pending.map((text) => runtime.encode(text));
  const truncated = encoded.filter((e) => e.truncated).length;
  if (truncated > 0) options.log?.(`${truncated} text(s) longer than ${runtime.maxTokens} tokens were truncated`);
  const budget = options.batchTokens ?? tokenBudget(layers, runtime.hidden);
  let done = 0;
  for (const batch of planBatches(encoded.map((e) => e.ids.length), budget)) {
    const out = await forwardBatch(runtime.model, batch.map((i) => encoded[i]), runtime.padId, runtime.prepared.hiddenStates, false);
    batch.forEach((i, row) => {
      const vectors = new Float32Array(layers * out.hidden);
      const layout = { length: encoded[i].ids.length, special: encoded[i].special };
      out.states.forEach((states, layer) => {
        poolSequence(states, row, out.seq, out.hidden, layout, options.pooling, vectors.subarray(layer * out.hidden, (layer + 1) * out.hidden));
      });
      options.store.put(activationKey(runtime.prepared.sha256, options.pooling, pending[i]), 'hf:activations', new Uint8Array(vectors.buffer));
      for (const slot of todo.get(pending[i])!) result[slot] = vectors;
    });
    done += batch.length;
    options.onProgress?.(done, pending.length);
  }
  return result as Float32Array[];
}
