// Pieces shared by the tiny CLIP's two towers: the sizes, quick GELU, bias-free projections and one
// pre-LayerNorm encoder layer named as Optimum exports CLIPEncoderLayer (`/<tower>/encoder/layers.N/…`).
import type { Rng } from '../../src/core/random.ts';
import type { GraphBuilder } from './onnx-build.ts';
import { attention, f32, layerNorm, linear, randn } from './layers.ts';

/** Sizes both towers share (CLIP scaled down). */
export const CLIP = { layers: 2, hidden: 16, heads: 2, intermediate: 32, projection: 8, eps: 1e-5 } as const;

/** Quick GELU, x · sigmoid(1.702 · x) (CLIP's `quick_gelu`): `${scope}/Mul`, `${scope}/Sigmoid`, `${scope}/Mul_1`. */
export function quickGelu(b: GraphBuilder, scope: string, x: string): string {
  const s = b.node(scope, 'Sigmoid', [b.node(scope, 'Mul', [x, f32(b, scope, 1.702)])]);
  return b.node(scope, 'Mul', [x, s]);
}

/** A projection without bias, x · W, W [inDim, outDim] stored as `${param}.weight`: node `${scope}/MatMul`. */
export function projection(b: GraphBuilder, rng: Rng, scope: string, param: string, x: string, inDim: number, outDim: number, outName?: string): string {
  const w = b.init(`${param}.weight`, randn(rng, inDim * outDim, 1 / Math.sqrt(inDim)), [inDim, outDim]);
  return b.node(scope, 'MatMul', [x, w], {}, outName);
}

/**
 * CLIPEncoderLayer `layers.${l}` of `tower` ('vision_model' or 'text_model'): layer_norm1, self_attn (q, k, v,
 * out_proj; `mask` an additive mask, or none), residual `Add`; layer_norm2, mlp (fc1, quick GELU, fc2), residual
 * `Add_1`, whose output may be renamed `outName`. Returns the layer's output.
 */
export function clipEncoderLayer(b: GraphBuilder, rng: Rng, tower: string, l: number, x: string, mask?: string, outName?: string): string {
  const { hidden, heads, intermediate, eps } = CLIP;
  const s = `/${tower}/encoder/layers.${l}`;
  const p = `${tower}.encoder.layers.${l}`;
  const a = layerNorm(b, rng, `${s}/layer_norm1`, `${p}.layer_norm1`, x, hidden, eps);
  const [q, k, v] = ['q_proj', 'k_proj', 'v_proj'].map((n) => linear(b, rng, `${s}/self_attn/${n}`, `${p}.self_attn.${n}`, a, hidden, hidden));
  const ctx = attention(b, `${s}/self_attn`, q, k, v, mask, heads, hidden);
  const r = b.node(s, 'Add', [x, linear(b, rng, `${s}/self_attn/out_proj`, `${p}.self_attn.out_proj`, ctx, hidden, hidden)]);
  const m = layerNorm(b, rng, `${s}/layer_norm2`, `${p}.layer_norm2`, r, hidden, eps);
  const fc1 = linear(b, rng, `${s}/mlp/fc1`, `${p}.mlp.fc1`, m, hidden, intermediate);
  const fc2 = linear(b, rng, `${s}/mlp/fc2`, `${p}.mlp.fc2`, quickGelu(b, `${s}/mlp/activation_fn`, fc1), intermediate, hidden);
  return b.node(s, 'Add', [r, fc2], {}, outName);
}

/** Declare `hidden_states.0` … as graph outputs, each an `/Identity` copy of an internal tensor [batch, tokens, hidden]. */
export function declareHiddenStates(b: GraphBuilder, names: readonly string[]): void {
  const shape = ['batch_size', 'sequence_length', CLIP.hidden];
  names.forEach((t, i) => b.output(b.node('', 'Identity', [t], {}, `hidden_states.${i}`), 'float32', shape));
}
