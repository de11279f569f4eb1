// Pooling the layer outputs of a picture model into one vector per picture. Token layers (ViT, DeiT, BEiT,
// DINOv2, CLIP/SigLIP towers: batch × tokens × hidden) give the CLS token or the mean of the patch tokens;
// feature maps (ResNet, ConvNeXt stages: batch × channels × height × width) give every unit flattened in
// channels × height × width order (thingsvision's and Net2Brain's default) or the mean over positions.

/** How a picture model's layer becomes one vector per picture. */
export type ImagePooling = 'cls' | 'mean' | 'flatten' | 'avgpool';

/** The image poolings, for parsing and help texts. */
export const IMAGE_POOLINGS: readonly ImagePooling[] = ['cls', 'mean', 'flatten', 'avgpool'];

/** The poolings that apply to token layers and to feature maps. */
export const TOKEN_POOLINGS: readonly ImagePooling[] = ['cls', 'mean'];
export const MAP_POOLINGS: readonly ImagePooling[] = ['flatten', 'avgpool'];

/** A layer output of a batch: its dims ([batch, tokens, hidden] or [batch, channels, height, width]) and values. */
export interface LayerOutput {
  dims: readonly number[];
  data: Float32Array;
}

/** The width of one picture's pooled vector of a layer with these dims. */
export function pooledWidth(dims: readonly number[], pooling: ImagePooling): number {
  if (dims.length === 3) return dims[2];
  if (dims.length === 4) return pooling === 'avgpool' ? dims[1] : dims[1] * dims[2] * dims[3];
  if (dims.length === 2) return dims[1];
  throw new Error(`a layer output of rank ${dims.length} ([${dims.join(', ')}]) cannot be pooled (rank 2, 3 or 4 expected)`);
}

/**
 * Pool picture `row` of a batch's layer output into `out`. Token layers: 'cls' takes token 0, 'mean' averages
 * the last `patches` tokens (the patch tokens, after the CLS, distillation and register tokens); feature maps:
 * 'flatten' copies channel × height × width, 'avgpool' averages each channel over its positions; rank-2
 * outputs are copied. Sums run in float64.
 */
export function poolPicture(output: LayerOutput, row: number, pooling: ImagePooling, patches: number, out: Float32Array): void {
  const { dims, data } = output;
  if (dims.length === 2) {
    out.set(data.subarray(row * dims[1], (row + 1) * dims[1]));
    return;
  }
  if (dims.length === 3) {
    const [, tokens, hidden] = dims;
    const base = row * tokens * hidden;
    if (pooling === 'cls') {
      out.set(data.subarray(base, base + hidden));
      return;
    }
    const sum = new Float64Array(hidden);
    for (let t = tokens - patches; t < tokens; t++) for (let j = 0; j < hidden; j++) sum[j] += data[base + t * hidden + j];
    for (let j = 0; j < hidden; j++) out[j] = sum[j] / patches;
    return;
  }
  const [, channels, height, width] = dims;
  const size = channels * height * width;
  const base = row * size;
  if (pooling === 'flatten') {
    out.set(data.subarray(base, base + size));
    return;
  }
  const area = height * width;
  for (let c = 0; c < channels; c++) {
    let sum = 0;
    for (let k = 0; k < area; k++) sum += data[base + c * area + k];
    out[c] = sum / area;
  }
}
