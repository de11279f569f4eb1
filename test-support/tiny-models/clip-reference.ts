// Plain float64 forward passes of the tiny CLIP's two towers, written from Hugging Face's CLIPVisionTransformer
// and CLIPTextTransformer and reading the weights from each tower's ONNX initializers: an independent check of
// what the graphs compute (pre_layrnorm, quick GELU, the causal and padding masks, pooling at the end-of-text token).
import { attention, conv2d, layerNorm, linear, stack, visionWeights, type Array64, type Mat, type Pixels, type Weights } from './vision-reference.ts';

/** Every hidden state (Hugging Face's hidden_states), last_hidden_state and the projected embedding of a tower. */
export interface ClipForward {
  hiddenStates: Array64[];
  lastHiddenState: Array64;
  /** image_embeds or text_embeds [batch, projection]. */
  embeds: Array64;
}

const EPS = 1e-5;
const quickGelu = (x: number) => x / (1 + Math.exp(-1.702 * x));

/** CLIPEncoderLayer `${p}` on one sequence; query i sees key j when `sees(i, j)`. */
function encoderLayer(w: Weights, p: string, x: Mat, heads: number, sees?: (i: number, j: number) => boolean): Mat {
  const a = layerNorm(w, `${p}.layer_norm1`, x, EPS);
  const [q, k, v] = ['q_proj', 'k_proj', 'v_proj'].map((n) => linear(w, `${p}.self_attn.${n}`, a));
  const r = linear(w, `${p}.self_attn.out_proj`, attention(q, k, v, heads, sees)).map((row, i) => row.map((val, j) => val + x[i][j]));
  const inner = linear(w, `${p}.mlp.fc1`, layerNorm(w, `${p}.layer_norm2`, r, EPS)).map((row) => row.map(quickGelu));
  return linear(w, `${p}.mlp.fc2`, inner).map((row, i) => row.map((val, j) => val + r[i][j]));
}

/** Run every `${tower}.encoder.layers.N` over each sequence, collecting the stacked states after each. */
function encoder(w: Weights, tower: string, xs: Mat[], heads: number, sees: (b: number) => ((i: number, j: number) => boolean) | undefined): { xs: Mat[]; states: Array64[] } {
  const states = [stack(xs)];
  for (let l = 0; w.has(`${tower}.encoder.layers.${l}.layer_norm1.weight`); l++) {
    xs = xs.map((x, b) => encoderLayer(w, `${tower}.encoder.layers.${l}`, x, heads, sees(b)));
    states.push(stack(xs));
  }
  return { xs, states };
}

const rows = (mats: Mat): Array64 => ({ dims: [mats.length, mats[0].length], data: Float64Array.from(mats.flat()) });

/** The vision tower (onnx/vision_model.onnx) for pixels [batch, 3, H, W]. */
export function referenceClipVision(modelBytes: Uint8Array, pixels: Pixels, heads = 2): ClipForward {
  const w = visionWeights(modelBytes);
  const input: Array64 = { dims: [...pixels.dims], data: Float64Array.from(pixels.data) };
  const patch = w.get('vision_model.embeddings.patch_embedding.weight');
  const grid = conv2d(input, patch, null, patch.dims[2], 0);
  const [n, hidden, gh, gw] = grid.dims;
  const cls = Array.from(w.get('vision_model.embeddings.class_embedding').data);
  const pos = w.get('vision_model.embeddings.position_embedding.weight').data;
  const embedded = Array.from({ length: n }, (_, b) => {
    const patches = Array.from({ length: gh * gw }, (_, p) => Array.from({ length: hidden }, (_, c) => grid.data[(b * hidden + c) * gh * gw + p]));
    return layerNorm(w, 'vision_model.pre_layrnorm', [cls, ...patches].map((t, i) => t.map((v, c) => v + pos[i * hidden + c])), EPS);
  });
  const { xs, states } = encoder(w, 'vision_model', embedded, heads, () => undefined);
  const pooled = xs.map((x) => layerNorm(w, 'vision_model.post_layernorm', [x[0]], EPS)[0]);
  return { hiddenStates: states, lastHiddenState: states[states.length - 1], embeds: rows(linear(w, 'visual_projection', pooled)) };
}

/** The text tower (onnx/text_model.onnx) for token ids and attention masks [batch][seq] (right-padded). */
export function referenceClipText(modelBytes: Uint8Array, ids: number[][], mask: number[][], heads = 2): ClipForward {
  const w = visionWeights(modelBytes);
  const tokens = w.get('text_model.embeddings.token_embedding.weight');
  const pos = w.get('text_model.embeddings.position_embedding.weight').data;
  const hidden = tokens.dims[1];
  const embedded = ids.map((seq) => seq.map((id, t) => Array.from({ length: hidden }, (_, c) => tokens.data[id * hidden + c] + pos[t * hidden + c])));
  // Causal, and padding is never seen.
  const { xs, states } = encoder(w, 'text_model', embedded, heads, (b) => (i, j) => j <= i && mask[b][j] === 1);
  const last = xs.map((x) => layerNorm(w, 'text_model.final_layer_norm', x, EPS));
  // CLIP pools at the argmax of input_ids: the first end-of-text token (the largest id).
  const pooled = last.map((x, b) => x[ids[b].indexOf(Math.max(...ids[b]))]);
  return { hiddenStates: states, lastHiddenState: stack(last), embeds: rows(linear(w, 'text_projection', pooled)) };
}
