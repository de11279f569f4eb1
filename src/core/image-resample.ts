// Resizing 8-bit RGB pictures exactly as Pillow's Image.resize does (Pillow's Resample.c: separable filters
// stretched by the reduction factor, so a reduction averages instead of skipping pixels; fixed-point weights with
// 22 fraction bits; a horizontal then a vertical pass, each rounded and clipped to bytes). Hugging Face's Python
// image processors, torchvision's Resize on PIL images and thingsvision all resize with Pillow, so the same
// picture gives the same pixels here. Written by hand because no JavaScript library reproduces Pillow bit for bit
// (sharp's affine resize samples without averaging; its resize kernels round differently).
import type { RgbImage } from './stimulus.ts';

/** Pillow's resampling filters, by name and by the numbers image processors use (PIL.Image.Resampling). */
export type ResampleFilter = 'nearest' | 'lanczos' | 'bilinear' | 'bicubic' | 'box' | 'hamming';

/** The filter of PIL's resample number (0 nearest, 1 lanczos, 2 bilinear, 3 bicubic, 4 box, 5 hamming). */
export const PIL_RESAMPLE: readonly ResampleFilter[] = ['nearest', 'lanczos', 'bilinear', 'bicubic', 'box', 'hamming'];

const PRECISION_BITS = 32 - 8 - 2;

interface Kernel {
  support: number;
  weight(x: number): number;
}

const sinc = (x: number): number => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
const F32_054 = Math.fround(0.54);
const F32_046 = Math.fround(0.46);

const KERNELS: Record<Exclude<ResampleFilter, 'nearest'>, Kernel> = {
  box: { support: 0.5, weight: (x) => (x > -0.5 && x <= 0.5 ? 1 : 0) },
  bilinear: { support: 1, weight: (x) => Math.max(0, 1 - Math.abs(x)) },
  hamming: {
    support: 1,
    weight: (x) => {
      const a = Math.abs(x);
      if (a === 0) return 1;
      if (a >= 1) return 0;
      const p = a * Math.PI;
      return (Math.sin(p) / p) * (F32_054 + F32_046 * Math.cos(p));
    },
  },
  bicubic: {
    support: 2,
    weight: (x) => {
      const a = -0.5;
      const t = Math.abs(x);
      if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
      if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
      return 0;
    },
  },
  lanczos: { support: 3, weight: (x) => (x >= -3 && x < 3 ? sinc(x) * sinc(x / 3) : 0) },
};

/** One axis: for each output position, the first input index, the count, and the fixed-point weights (ksize apart). */
interface AxisCoefficients {
  first: Int32Array;
  count: Int32Array;
  weights: Int32Array;
  ksize: number;
}

function axisCoefficients(inSize: number, outSize: number, kernel: Kernel): AxisCoefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = kernel.support * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * ksize);
  const row = new Float64Array(ksize);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const lo = Math.max(0, Math.trunc(center - support + 0.5));
    const hi = Math.min(inSize, Math.trunc(center + support + 0.5)) - lo;
    let sum = 0;
    for (let k = 0; k < hi; k++) {
      row[k] = kernel.weight((k + lo - center + 0.5) / filterScale);
      sum += row[k];
    }
    for (let k = 0; k < hi; k++) {
      const w = sum !== 0 ? row[k] / sum : row[k];
      weights[o * ksize + k] = Math.trunc(w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
    }
    first[o] = lo;
    count[o] = hi;
  }
  return { first, count, weights, ksize };
}

/** Round a fixed-point sum (with its half already added) to a byte, clipped to 0…255. */
function clip8(sum: number): number {
  const v = sum >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Resize an RGB picture to width × height with Pillow's filter `filter` (no reducing_gap, the whole picture as
 * the box). A size that does not change is returned as is, as Pillow copies it.
 */
export function resizeLikePillow(image: RgbImage, width: number, height: number, filter: ResampleFilter): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`resize to ${width}×${height}: sizes must be whole numbers ≥ 1`);
  if (image.width === width && image.height === height) return image;
  if (filter === 'nearest') return nearest(image, width, height);
  const kernel = KERNELS[filter];
  const horizontal = axisCoefficients(image.width, width, kernel);
  const vertical = axisCoefficients(image.height, height, kernel);
  // The horizontal pass only computes the rows the vertical pass reads (Pillow's ybox_first … ybox_last).
  const firstRow = image.height !== height ? vertical.first[0] : 0;
  const lastRow = image.height !== height ? vertical.first[height - 1] + vertical.count[height - 1] : image.height;
  let current: RgbImage = image;
  let shift = 0;
  if (image.width !== width) {
    current = resamplePass(image, horizontal, 'rows', lastRow - firstRow, firstRow, width);
    shift = firstRow;
  }
  if (image.height !== height) current = resamplePass(current, vertical, 'columns', current.width, shift, height);
  return current;
}

/** One pass of the separable filter along the rows (horizontal) or the columns (vertical): byte sums rounded and clipped. */
function resamplePass(image: RgbImage, c: AxisCoefficients, along: 'rows' | 'columns', lines: number, firstLine: number, outLength: number): RgbImage {
  const width = along === 'rows' ? outLength : image.width;
  const height = along === 'rows' ? lines : outLength;
  // Input byte offset of (line, position) along the pass: rows step by pixels within a line; columns by lines of pixels.
  const offset = along === 'rows'
    ? (line: number, position: number) => ((line + firstLine) * image.width + position) * 3
    : (line: number, position: number) => ((position - firstLine) * image.width + line) * 3;
  const out = new Uint8Array(width * height * 3);
  const half = 1 << (PRECISION_BITS - 1);
  const otherAxis = along === 'rows' ? height : width;
  for (let line = 0; line < otherAxis; line++) {
    for (let o = 0; o < outLength; o++) {
      let r = half;
      let g = half;
      let b = half;
      const base = o * c.ksize;
      for (let k = 0; k < c.count[o]; k++) {
        const w = c.weights[base + k];
        const p = offset(line, c.first[o] + k);
        r += image.data[p] * w;
        g += image.data[p + 1] * w;
        b += image.data[p + 2] * w;
      }
      const q = (along === 'rows' ? line * width + o : o * width + line) * 3;
      out[q] = clip8(r);
      out[q + 1] = clip8(g);
      out[q + 2] = clip8(b);
    }
  }
  return { width, height, data: out };
}

/**
 * Pillow's NEAREST resize (its scaling affine transform): each output pixel takes the input pixel under its centre,
 * the positions stepped by repeated addition from half a step, as Pillow does (a position that falls outside stays black).
 */
function nearest(image: RgbImage, width: number, height: number): RgbImage {
  const out = new Uint8Array(width * height * 3);
  const sx = image.width / width;
  const sy = image.height / height;
  const columns = new Int32Array(width);
  let xo = sx * 0.5;
  for (let x = 0; x < width; x++) {
    columns[x] = Math.trunc(xo);
    xo += sx;
  }
  let yo = sy * 0.5;
  for (let y = 0; y < height; y++) {
    const yi = Math.trunc(yo);
    yo += sy;
    if (yi >= image.height) continue;
    for (let x = 0; x < width; x++) {
      const xi = columns[x];
      if (xi < image.width) out.set(image.data.subarray((yi * image.width + xi) * 3, (yi * image.width + xi) * 3 + 3), (y * width + x) * 3);
    }
  }
  return { width, height, data: out };
}
