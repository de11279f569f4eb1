// The `gabor` baseline: a V1-like Gabor energy model with the fixed bank of ./gabor-bank.ts.
//
// A picture is resized to 128 × 128 (aspect ratio not kept; Pillow's bilinear resize of the RGB bytes, see
// ./resize.ts), made grey (ITU-R BT.601 luma of the sRGB bytes: (0.299 R + 0.587 G + 0.114 B) / 255) and its
// mean subtracted. Every filter of the bank (4 frequencies × 8 orientations, an even and an odd kernel each) is
// correlated with it, zero padding outside the picture, keeping the 128 × 128 'same' window; a complex cell's
// energy √(even² + odd²) at every pixel is averaged over an 8 × 8 grid of cells (16 × 16 pixels each):
// 4 · 8 · 64 = 2,048 features in one layer named 'energy', ordered by frequency, orientation, cell row (top
// first), cell column (left first). (Correlation and convolution give the same energy: the even kernel is
// point-symmetric and the odd one antisymmetric.)
//
// How it is computed: an isotropic Gaussian times a plane wave factorises, n · G · e^{iφ} = n · [g(x) e^{iax}] ·
// [g(y) e^{iby}] with g(t) = exp(−t² / 2σ²), a = 2π cos θ / λ and b = −2π sin θ / λ. So a pair's complex response
// even + i · odd is Y · I · X (I the picture, X and Y the banded Toeplitz matrices that correlate rows with the
// x factor and columns with the y factor, zero padding built in), less n · c · (Gy · I · Gx) in its real part.
// Per frequency that is 50 products of 128 × 128 matrices; they, the energy and the cell means form one
// onnxruntime graph, run in float32 on a few pictures at a time (about 6 ms a picture on 2 cores).
import type { Tensor } from 'onnxruntime-node';
import { buildModel, cachedSession, runSession, tensor, type NodeSpec, type TensorSpec } from '../../core/onnx-graph.ts';
import type { ImageStimulus, RgbImage } from '../../core/stimulus.ts';
import type { EmbeddingModel } from '../word-model.ts';
import {
  GABOR_BANDWIDTH_OCTAVES,
  GABOR_CYCLES_PER_IMAGE,
  GABOR_EXTENT_SIGMAS,
  GABOR_ORIENTATIONS_DEGREES,
  GABOR_SIDE,
  gaborBank,
  type GaborFilter,
} from './gabor-bank.ts';
import { pictureBaseline } from './picture-baseline.ts';
import { RESIZE_KERNEL, RESIZER, resizeRgb } from './resize.ts';

/** Cells per side of the grid the energy is averaged over. */
export const GABOR_GRID = 8;
/** Features of the gabor baseline: frequencies × orientations × cells. */
export const GABOR_FEATURES = GABOR_CYCLES_PER_IMAGE.length * GABOR_ORIENTATIONS_DEGREES.length * GABOR_GRID * GABOR_GRID;

/** Every parameter of the gabor baseline, spelled out: its revision in every cache key. */
export const GABOR_REVISION = [
  'gabor',
  'grey-bt601',
  `${GABOR_SIDE}x${GABOR_SIDE}`,
  'fill',
  RESIZE_KERNEL,
  'demean',
  `cpi${GABOR_CYCLES_PER_IMAGE.join(',')}`,
  `deg${GABOR_ORIENTATIONS_DEGREES.join(',')}`,
  `bw${GABOR_BANDWIDTH_OCTAVES}oct`,
  `extent${GABOR_EXTENT_SIGMAS}sigma`,
  'even-zero-mean',
  'gain2/sumG',
  'correlate-zeropad-same',
  'energy',
  `mean${GABOR_GRID}x${GABOR_GRID}cells`,
  'float32',
].join(':');

/** The gabor baseline (id 'gabor'), with features memoised per picture inside the instance. */
export function gaborModel(): EmbeddingModel {
  return pictureBaseline({
    id: 'gabor',
    revision: GABOR_REVISION,
    layer: 'energy',
    width: GABOR_FEATURES,
    preprocessing: {
      size: [GABOR_SIDE, GABOR_SIDE],
      fit: 'fill (aspect ratio not kept)',
      kernel: RESIZE_KERNEL,
      resizer: RESIZER,
      grey: 'ITU-R BT.601 luma of the resized sRGB bytes: (0.299 R + 0.587 G + 0.114 B) / 255',
      meanRemoved: true,
      cyclesPerImage: GABOR_CYCLES_PER_IMAGE,
      orientationsDegrees: GABOR_ORIENTATIONS_DEGREES,
      bandwidthOctaves: GABOR_BANDWIDTH_OCTAVES,
      sigma: 'λ/π · √(ln2/2) · 3 (≈ 0.5622 λ)',
      kernelHalfWidth: `⌈${GABOR_EXTENT_SIGMAS}σ⌉`,
      evenFilter: 'n · G · (cos φ − c), c making it sum to zero',
      oddFilter: 'n · G · sin φ',
      gain: 'n = 2 / ΣG',
      response: 'correlation, zero padding, same size',
      energy: '√(even² + odd²)',
      pooling: `mean over ${GABOR_GRID} × ${GABOR_GRID} cells`,
      featureOrder: 'frequency, orientation, cell row, cell column',
      dtype: 'float32',
    },
    batchSize: 4,
    compute: async (pictures) => gaborEnergies(await Promise.all(pictures.map(greyPicture)), GABOR_SIDE),
  });
}

/** A picture resized to 128 × 128 and made grey (BT.601 luma / 255; mean kept). */
async function greyPicture(picture: ImageStimulus): Promise<Float32Array> {
  return lumaGrey(await resizeRgb(await picture.load(), GABOR_SIDE, GABOR_SIDE));
}

/** ITU-R BT.601 luma of 8-bit sRGB bytes, divided by 255: (0.299 R + 0.587 G + 0.114 B) / 255 per pixel. */
export function lumaGrey(image: RgbImage): Float32Array {
  const grey = new Float32Array(image.width * image.height);
  for (let p = 0, q = 0; p < grey.length; p++, q += 3) {
    grey[p] = (0.299 * image.data[q] + 0.587 * image.data[q + 1] + 0.114 * image.data[q + 2]) / 255;
  }
  return grey;
}

/** The 2,048 energy features of one side × side grey image (row-major; its mean is removed here). */
export async function gaborEnergy(grey: Float32Array | Float64Array, side: number = GABOR_SIDE): Promise<Float32Array> {
  return (await gaborEnergies([grey], side))[0];
}

/** The energy features of several side × side grey images at once (one onnxruntime run); means removed here. */
export async function gaborEnergies(greys: readonly (Float32Array | Float64Array)[], side: number = GABOR_SIDE): Promise<Float32Array[]> {
  if (!Number.isInteger(side) || side <= 0 || side % GABOR_GRID !== 0) throw new RangeError(`gaborEnergy: side ${side} is not a positive multiple of ${GABOR_GRID}`);
  if (greys.length === 0) return [];
  const pixels = side * side;
  const input = new Float32Array(greys.length * pixels);
  greys.forEach((grey, i) => {
    if (grey.length !== pixels) throw new RangeError(`gaborEnergy: a ${side}×${side} image needs ${pixels} values, got ${grey.length}`);
    let mean = 0;
    for (let p = 0; p < pixels; p++) mean += grey[p];
    mean /= pixels;
    for (let p = 0; p < pixels; p++) input[i * pixels + p] = grey[p] - mean;
  });
  const session = await cachedSession(`gabor-energy:${side}`, () => energyGraph(side));
  const feeds = { ...bankTensors(side), image: tensor(input, [greys.length, 1, side, side]) };
  const energy = (await runSession(session, feeds)).energy.data as Float32Array;
  const width = energy.length / greys.length;
  return greys.map((_, i) => energy.slice(i * width, (i + 1) * width));
}

/** Graph inputs per frequency: the x factors (right), the y factors (left, gain n folded in), n · c per orientation. */
const FACTORS = ['cx', 'sx', 'gx', 'cy', 'sy', 'gy', 'nc'] as const;

/** The graph: per frequency s, inputs cx/sx/gx (x factors) and cy/sy/gy/nc (y factors, dc term), see the file comment. */
function energyGraph(side: number): Uint8Array {
  const cell = side / GABOR_GRID;
  const nodes: NodeSpec[] = [];
  const inputs: TensorSpec[] = [{ name: 'image', type: 'float32', rank: 4 }];
  const pooled: string[] = [];
  const node = (op: string, inputsOf: string[], output: string, attributes?: NodeSpec['attributes']): string => {
    nodes.push({ op, inputs: inputsOf, outputs: [output], attributes });
    return output;
  };
  GABOR_CYCLES_PER_IMAGE.forEach((_, s) => {
    for (const factor of FACTORS) inputs.push({ name: `${factor}${s}`, type: 'float32', rank: 4 });
    const v = (name: string) => `${name}${s}`;
    const hc = node('MatMul', ['image', v('cx')], v('hc'));
    const hs = node('MatMul', ['image', v('sx')], v('hs'));
    const hg = node('MatMul', ['image', v('gx')], v('hg'));
    const real = node('Sub', [node('MatMul', [v('cy'), hc], v('cc')), node('MatMul', [v('sy'), hs], v('ss'))], v('real'));
    const imaginary = node('Add', [node('MatMul', [v('sy'), hc], v('sc')), node('MatMul', [v('cy'), hs], v('cs'))], v('odd'));
    const envelope = node('Mul', [node('MatMul', [v('gy'), hg], v('gg')), v('nc')], v('dc'));
    const even = node('Sub', [real, envelope], v('even'));
    const power = node('Add', [node('Mul', [even, even], v('even2')), node('Mul', [imaginary, imaginary], v('odd2'))], v('power'));
    const amplitude = node('Sqrt', [power], v('amplitude'));
    pooled.push(node('AveragePool', [amplitude], v('pooled'), { kernel_shape: [cell, cell], strides: [cell, cell] }));
  });
  node('Concat', pooled, 'energy', { axis: 1 });
  return buildModel(nodes, inputs, [{ name: 'energy', type: 'float32', rank: 4 }]);
}

const bankCache = new Map<number, Record<string, Tensor>>();

/** The bank of a side as the graph's factor tensors (built once per side). */
function bankTensors(side: number): Record<string, Tensor> {
  let tensors = bankCache.get(side);
  if (!tensors) {
    tensors = {};
    const bank = gaborBank(side);
    const perFrequency = GABOR_ORIENTATIONS_DEGREES.length;
    for (let s = 0; s < GABOR_CYCLES_PER_IMAGE.length; s++) {
      const filters = bank.slice(s * perFrequency, (s + 1) * perFrequency);
      const stack = (build: (f: GaborFilter) => Float32Array) => tensor(concat(filters.map(build)), [1, perFrequency, side, side]);
      const first = filters[0];
      const envelope = (t: number) => Math.exp(-(t * t) / (2 * first.sigma * first.sigma));
      const a = (f: GaborFilter) => (2 * Math.PI * Math.cos((f.orientationDegrees * Math.PI) / 180)) / f.wavelength;
      const b = (f: GaborFilter) => (-2 * Math.PI * Math.sin((f.orientationDegrees * Math.PI) / 180)) / f.wavelength;
      tensors[`cx${s}`] = stack((f) => banded(side, f.halfWidth, 'right', (t) => envelope(t) * Math.cos(a(f) * t)));
      tensors[`sx${s}`] = stack((f) => banded(side, f.halfWidth, 'right', (t) => envelope(t) * Math.sin(a(f) * t)));
      tensors[`gx${s}`] = tensor(banded(side, first.halfWidth, 'right', envelope), [1, 1, side, side]);
      tensors[`cy${s}`] = stack((f) => banded(side, f.halfWidth, 'left', (t) => f.gain * envelope(t) * Math.cos(b(f) * t)));
      tensors[`sy${s}`] = stack((f) => banded(side, f.halfWidth, 'left', (t) => f.gain * envelope(t) * Math.sin(b(f) * t)));
      tensors[`gy${s}`] = tensor(banded(side, first.halfWidth, 'left', envelope), [1, 1, side, side]);
      tensors[`nc${s}`] = tensor(Float32Array.from(filters, (f) => f.gain * f.dcCorrection), [1, perFrequency, 1, 1]);
    }
    bankCache.set(side, tensors);
  }
  return tensors;
}

/**
 * The side × side matrix that correlates with a 1-d kernel w(t), t = −h…h, with zero padding: multiplied on the
 * right (rows of the image, M[j', j] = w(j' − j)) or on the left (columns, M[i, i'] = w(i' − i)).
 */
function banded(side: number, halfWidth: number, sideOfImage: 'right' | 'left', w: (t: number) => number): Float32Array {
  const out = new Float32Array(side * side);
  for (let i = 0; i < side; i++) {
    for (let t = -halfWidth; t <= halfWidth; t++) {
      const j = i + t;
      if (j < 0 || j >= side) continue;
      if (sideOfImage === 'right') out[j * side + i] = w(t);
      else out[i * side + j] = w(t);
    }
  }
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
