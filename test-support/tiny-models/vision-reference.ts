// Plain float64 forward passes of the tiny ViT and ResNet, written from the textbook definitions and
// reading the weights (with their shapes) from the ONNX initializers: an independent check of what
// the graphs compute, needing no onnxruntime. The convolution and transformer pieces are exported for
// clip-reference.ts.
import onnxProto from 'onnx-proto';
import { geluErf } from './reference.ts';

const { onnx } = onnxProto;

/** A dense float64 tensor, row-major (the last axis varies fastest), as onnxruntime lays tensors out. */
export interface Array64 {
  dims: number[];
  data: Float64Array;
}

/** Every hidden state (embeddings, then each block / stage) and both outputs of a vision model. */
export interface VisionForward {
  hiddenStates: Array64[];
  lastHiddenState: Array64;
  poolerOutput: Array64;
}

/** Pixels [batch, channels, height, width] in any numeric array (e.g. a Float32Array from a processor). */
export interface Pixels {
  dims: readonly number[];
  data: ArrayLike<number>;
}

interface Weight {
  dims: number[];
  data: Float32Array;
}

/** The model's float32 initializers by name, with their shapes; `has` says whether one exists. */
export function visionWeights(modelBytes: Uint8Array): { get(name: string): Weight; has(name: string): boolean } {
  const graph = onnx.ModelProto.decode(modelBytes).graph as ReturnType<typeof onnx.GraphProto.decode>;
  const byName = new Map(graph.initializer.map((t) => [t.name, t]));
  return {
    has: (name) => byName.has(name),
    get: (name) => {
      const t = byName.get(name);
      if (!t) throw new Error(`no initializer ${name}`);
      const raw = (t.rawData ?? new Uint8Array(0)).slice();
      return { dims: (t.dims ?? []).map(Number), data: new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4) };
    },
  };
}

/** The initializers of a model, as `visionWeights` reads them. */
export type Weights = ReturnType<typeof visionWeights>;
/** One sequence's token vectors: [token][unit]. */
export type Mat = number[][];

const zeros = (dims: number[]): Array64 => ({ dims, data: new Float64Array(dims.reduce((a, d) => a * d, 1)) });
const map = (x: Array64, f: (v: number) => number): Array64 => ({ dims: [...x.dims], data: x.data.map(f) });
const add = (a: Array64, b: Array64): Array64 => ({ dims: [...a.dims], data: a.data.map((v, i) => v + b.data[i]) });
const relu = (x: Array64) => map(x, (v) => Math.max(0, v));

/** 2-D convolution of x [N, C, H, W] with w [O, C, k, k], zero padding `pad` on every side, optional bias. */
export function conv2d(x: Array64, w: Weight, bias: Float32Array | null, stride: number, pad: number): Array64 {
  const [n, c, h, wd] = x.dims;
  const [o, , k] = w.dims;
  const oh = Math.floor((h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((wd + 2 * pad - k) / stride) + 1;
  const y = zeros([n, o, oh, ow]);
  for (let b = 0; b < n; b++)
    for (let f = 0; f < o; f++)
      for (let i = 0; i < oh; i++)
        for (let j = 0; j < ow; j++) {
          let s = bias ? bias[f] : 0;
          for (let ch = 0; ch < c; ch++)
            for (let u = 0; u < k; u++) {
              const r = i * stride - pad + u;
              if (r < 0 || r >= h) continue;
              for (let v = 0; v < k; v++) {
                const col = j * stride - pad + v;
                if (col < 0 || col >= wd) continue;
                s += x.data[((b * c + ch) * h + r) * wd + col] * w.data[((f * c + ch) * k + u) * k + v];
              }
            }
          y.data[((b * o + f) * oh + i) * ow + j] = s;
        }
  return y;
}

/** Eval-mode batch norm over axis 1 of [N, C, H, W]: (x − mean) / √(var + eps) · weight + bias. */
function batchNorm(w: Weights, param: string, x: Array64, eps = 1e-5): Array64 {
  const [g, beta, mean, variance] = ['weight', 'bias', 'running_mean', 'running_var'].map((p) => w.get(`${param}.${p}`).data);
  const [, c, h, wd] = x.dims;
  return { dims: [...x.dims], data: x.data.map((v, i) => {
    const ch = Math.floor(i / (h * wd)) % c;
    return ((v - mean[ch]) / Math.sqrt(variance[ch] + eps)) * g[ch] + beta[ch];
  }) };
}

/** Max-pooling of [N, C, H, W] over k×k windows (padding never wins). */
function maxPool(x: Array64, k: number, stride: number, pad: number): Array64 {
  const [n, c, h, wd] = x.dims;
  const oh = Math.floor((h + 2 * pad - k) / stride) + 1;
  const ow = Math.floor((wd + 2 * pad - k) / stride) + 1;
  const y = zeros([n, c, oh, ow]);
  for (let p = 0; p < n * c; p++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++) {
        let best = -Infinity;
        for (let u = 0; u < k; u++)
          for (let v = 0; v < k; v++) {
            const r = i * stride - pad + u;
            const col = j * stride - pad + v;
            if (r >= 0 && r < h && col >= 0 && col < wd) best = Math.max(best, x.data[(p * h + r) * wd + col]);
          }
        y.data[(p * oh + i) * ow + j] = best;
      }
  return y;
}

/** ResNet's conv unit: convolution (no bias, padding k/2) → batch norm → optional ReLU. */
function convLayer(w: Weights, param: string, x: Array64, stride: number, activation: boolean): Array64 {
  const weight = w.get(`${param}.convolution.weight`);
  const y = batchNorm(w, `${param}.normalization`, conv2d(x, weight, null, stride, Math.floor(weight.dims[2] / 2)));
  return activation ? relu(y) : y;
}

/** The tiny ResNet's hidden states (embedder output, then each stage's output) and outputs, for pixels [batch, 3, H, W]. */
export function referenceResNet(modelBytes: Uint8Array, pixels: Pixels): VisionForward {
  const w = visionWeights(modelBytes);
  const input: Array64 = { dims: [...pixels.dims], data: Float64Array.from(pixels.data) };
  let x = maxPool(convLayer(w, 'resnet.embedder.embedder', input, 2, true), 3, 2, 1);
  const hiddenStates = [x];
  for (let s = 0; w.has(`resnet.encoder.stages.${s}.layers.0.layer.0.convolution.weight`); s++) {
    for (let l = 0; w.has(`resnet.encoder.stages.${s}.layers.${l}.layer.0.convolution.weight`); l++) {
      const p = `resnet.encoder.stages.${s}.layers.${l}`;
      const projected = w.has(`${p}.shortcut.convolution.weight`);
      // Only the first layer of a later stage downsamples, and it always has a projection shortcut here.
      const stride = s > 0 && l === 0 ? 2 : 1;
      const h = convLayer(w, `${p}.layer.1`, convLayer(w, `${p}.layer.0`, x, stride, true), 1, false);
      x = relu(add(h, projected ? convLayer(w, `${p}.shortcut`, x, stride, false) : x));
    }
    hiddenStates.push(x);
  }
  const [n, c, h, wd] = x.dims;
  const pooled = zeros([n, c, 1, 1]);
  for (let p = 0; p < n * c; p++) {
    let s = 0;
    for (let i = 0; i < h * wd; i++) s += x.data[p * h * wd + i];
    pooled.data[p] = s / (h * wd);
  }
  return { hiddenStates, lastHiddenState: x, poolerOutput: pooled };
}

/** x · `${param}.weight` ([in, out]) + `${param}.bias` (none when the layer has no bias), row by row. */
export function linear(w: Weights, param: string, x: Mat): Mat {
  const weight = w.get(`${param}.weight`);
  const out = weight.dims[1];
  const W = weight.data;
  const bias = w.has(`${param}.bias`) ? w.get(`${param}.bias`).data : new Float32Array(out);
  return x.map((r) => Array.from(bias, (b, j) => r.reduce((s, v, i) => s + v * W[i * out + j], b)));
}

/** LayerNorm of each row with `${param}.weight` and `${param}.bias`. */
export function layerNorm(w: Weights, param: string, x: Mat, eps: number): Mat {
  const g = w.get(`${param}.weight`).data;
  const b = w.get(`${param}.bias`).data;
  return x.map((r) => {
    const mean = r.reduce((s, v) => s + v, 0) / r.length;
    const variance = r.reduce((s, v) => s + (v - mean) ** 2, 0) / r.length;
    return r.map((v, j) => ((v - mean) / Math.sqrt(variance + eps)) * g[j] + b[j]);
  });
}

/** Multi-head attention of one sequence; query i sees key j when `sees(i, j)` (default: every token sees every token). */
export function attention(q: Mat, k: Mat, v: Mat, heads: number, sees: (i: number, j: number) => boolean = () => true): Mat {
  const d = q[0].length / heads;
  return q.map((qi, i) => {
    const out: number[] = [];
    for (let h = 0; h < heads; h++) {
      const cols = Array.from({ length: d }, (_, c) => h * d + c);
      const scores = k.map((kj, j) => (sees(i, j) ? cols.reduce((s, c) => s + qi[c] * kj[c], 0) / Math.sqrt(d) : -Infinity));
      const top = Math.max(...scores);
      const e = scores.map((s) => Math.exp(s - top));
      const z = e.reduce((s, x) => s + x, 0);
      for (const c of cols) out.push(v.reduce((s, vj, j) => s + (e[j] / z) * vj[c], 0));
    }
    return out;
  });
}


/** Stack per-image matrices [seq][width] into one [batch, seq, width] tensor. */
export const stack = (mats: Mat[]): Array64 => ({ dims: [mats.length, mats[0].length, mats[0][0].length], data: Float64Array.from(mats.flat(2)) });

/** The tiny ViT's hidden states (embeddings, then each block's output) and outputs, for pixels [batch, 3, H, W]. */
export function referenceVit(modelBytes: Uint8Array, pixels: Pixels, heads = 2): VisionForward {
  const w = visionWeights(modelBytes);
  const eps = 1e-12;
  const proj = w.get('vit.embeddings.patch_embeddings.projection.weight');
  const patch = proj.dims[2];
  const input: Array64 = { dims: [...pixels.dims], data: Float64Array.from(pixels.data) };
  const grid = conv2d(input, proj, w.get('vit.embeddings.patch_embeddings.projection.bias').data, patch, 0);
  const [n, hidden, gh, gw] = grid.dims;
  const cls = Array.from(w.get('vit.embeddings.cls_token').data);
  const pos = w.get('vit.embeddings.position_embeddings').data;
  // Per image: the CLS token, then the patches in row-major order, each plus its position embedding.
  let xs: Mat[] = Array.from({ length: n }, (_, b) => {
    const tokens = [cls, ...Array.from({ length: gh * gw }, (_, p) => Array.from({ length: hidden }, (_, c) => grid.data[(b * hidden + c) * gh * gw + p]))];
    return tokens.map((t, i) => t.map((v, c) => v + pos[i * hidden + c]));
  });
  const hiddenStates = [stack(xs)];
  for (let l = 0; w.has(`vit.encoder.layer.${l}.layernorm_before.weight`); l++) {
    const p = `vit.encoder.layer.${l}`;
    xs = xs.map((x) => {
      const a = layerNorm(w, `${p}.layernorm_before`, x, eps);
      const q = linear(w, `${p}.attention.attention.query`, a);
      const k = linear(w, `${p}.attention.attention.key`, a);
      const v = linear(w, `${p}.attention.attention.value`, a);
      const r = linear(w, `${p}.attention.output.dense`, attention(q, k, v, heads)).map((row, i) => row.map((val, j) => val + x[i][j]));
      const inter = linear(w, `${p}.intermediate.dense`, layerNorm(w, `${p}.layernorm_after`, r, eps)).map((row) => row.map(geluErf));
      return linear(w, `${p}.output.dense`, inter).map((row, i) => row.map((val, j) => val + r[i][j]));
    });
    hiddenStates.push(stack(xs));
  }
  const final = xs.map((x) => layerNorm(w, 'vit.layernorm', x, eps));
  const pooled = final.map((x) => linear(w, 'vit.pooler.dense', [x[0]])[0].map(Math.tanh));
  return { hiddenStates, lastHiddenState: stack(final), poolerOutput: { dims: [n, hidden], data: Float64Array.from(pooled.flat()) } };
}
