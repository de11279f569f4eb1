import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { InputError } from '../../../src/core/input-error.ts';
import type { ImageStimulus, RgbImage } from '../../../src/core/stimulus.ts';
import { gaborBank } from '../../../src/models/baselines/gabor-bank.ts';
import { GABOR_REVISION, gaborEnergies, gaborEnergy, gaborModel, lumaGrey } from '../../../src/models/baselines/gabor.ts';
import { resizeRgb } from '../../../src/models/baselines/resize.ts';

// Made by test/fixtures/gabor/gabor_expected.py: the bank and the features written afresh in numpy from the
// documented formulas, with scipy.signal.correlate2d on the full 2-d kernels (float64).
interface Expected {
  side: number;
  bank: {
    cyclesPerImage: number; orientationDegrees: number; wavelength: number; sigma: number; halfWidth: number;
    dcCorrection: number; gain: number; evenSum: number; evenSumSquares: number; oddSumSquares: number;
  }[];
  images: { name: string; formula: string; greySum: number; features: number[] }[];
}
const expected = JSON.parse(readFileSync(new URL('../../fixtures/gabor/gabor_expected.json', import.meta.url), 'utf8')) as Expected;

const SIDE = 128;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** A side × side grey image (float64, row-major) with value(row, column). */
function grey(value: (r: number, c: number) => number): Float64Array {
  const out = new Float64Array(SIDE * SIDE);
  for (let r = 0; r < SIDE; r++) for (let c = 0; c < SIDE; c++) out[r * SIDE + c] = value(r, c);
  return out;
}

/** cos(2π f (c cos θ − r sin θ) / 128 + phase): a grating with its wave vector at θ counter-clockwise on screen. */
const grating = (degrees: number, cycles: number, phase = 0) =>
  grey((r, c) => Math.cos((2 * Math.PI * cycles * (c * Math.cos(radians(degrees)) - r * Math.sin(radians(degrees)))) / SIDE + phase));

/** The fixture's images, from the same formulas as gabor_expected.py. */
const IMAGES: Record<string, Float64Array> = {
  'grating 45deg 16cpi': grating(45, 16),
  'grating 30deg 11cpi': grating(30, 11, 0.7),
  sawtooth: grey((r, c) => ((7 * r + 13 * c) % 256) / 255),
  square: grey((r, c) => (r >= 40 && r < 88 && c >= 30 && c < 70 ? 1 : 0)),
};

/** Channel (frequency-major, then orientation) of the bank's 32 quadrature pairs. */
const channel = (cycles: number, degrees: number) => [4, 8, 16, 32].indexOf(cycles) * 8 + degrees / 22.5;

test('gaborBank: 4 frequencies × 8 orientations with the parameters numpy derives from the documentation', () => {
  const bank = gaborBank();
  assert.equal(bank.length, 32);
  assert.equal(expected.bank.length, 32);
  bank.forEach((filter, i) => {
    const want = expected.bank[i];
    assert.equal(filter.cyclesPerImage, want.cyclesPerImage);
    assert.equal(filter.orientationDegrees, want.orientationDegrees);
    assert.equal(filter.wavelength, want.wavelength);
    assert.equal(filter.halfWidth, want.halfWidth);
    const size = 2 * filter.halfWidth + 1;
    assert.equal(filter.even.length, size * size);
    for (const key of ['sigma', 'dcCorrection', 'gain'] as const) {
      // 1e-9: c is a sum of G cos φ that cancels to 1e-3 of its terms, so summation order shows at 1e-12.
      assert.ok(Math.abs(filter[key] - want[key]) <= 1e-9 * Math.abs(want[key]), `${key} of filter ${i}`);
    }
    const sumSquares = (k: Float64Array) => k.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(sumSquares(filter.even) - want.evenSumSquares) <= 1e-10 * want.evenSumSquares);
    assert.ok(Math.abs(sumSquares(filter.odd) - want.oddSumSquares) <= 1e-10 * want.oddSumSquares);
    const evenSum = filter.even.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(evenSum) < 1e-14, `the even kernel of filter ${i} sums to zero (${evenSum})`);
    for (let k = 0; k < size * size; k++) {
      assert.ok(filter.even[k] === filter.even[size * size - 1 - k]); // point-symmetric
      assert.ok(filter.odd[k] === -filter.odd[size * size - 1 - k]); // antisymmetric
    }
  });
  assert.deepEqual(bank.map((f) => f.halfWidth).filter((_, i) => i % 8 === 0), [54, 27, 14, 7]);
});

test('gaborBank: each filter\'s frequency response peaks at its own frequency and orientation', () => {
  for (const filter of gaborBank()) {
    const h = filter.halfWidth;
    const size = 2 * h + 1;
    // |Σ (even + i odd)(x, y) e^{−i ω·(x, y)}| for the plane wave of f cycles per image at θ (y runs down the rows).
    const response = (cycles: number, degrees: number): number => {
      const wx = ((2 * Math.PI * cycles) / SIDE) * Math.cos(radians(degrees));
      const wy = ((-2 * Math.PI * cycles) / SIDE) * Math.sin(radians(degrees));
      let re = 0;
      let im = 0;
      for (let y = -h; y <= h; y++) {
        for (let x = -h; x <= h; x++) {
          const k = (y + h) * size + (x + h);
          const angle = -(wx * x + wy * y);
          const [kr, ki] = [filter.even[k], filter.odd[k]];
          re += kr * Math.cos(angle) - ki * Math.sin(angle);
          im += kr * Math.sin(angle) + ki * Math.cos(angle);
        }
      }
      return Math.hypot(re, im);
    };
    const own = response(filter.cyclesPerImage, filter.orientationDegrees);
    // n = 2 / ΣG: a unit complex wave gives 2, so a unit cosine grating (two half-amplitude waves) gives energy 1.
    assert.ok(Math.abs(own - 2) < 0.02, `gain: a unit plane wave at the filter's own frequency gives ${own}`);
    for (const octaves of [-1, -0.5, -0.25, 0, 0.25, 0.5, 1]) {
      for (const degrees of [-22.5, -11.25, 0, 11.25, 22.5]) {
        if (octaves === 0 && degrees === 0) continue;
        const other = response(filter.cyclesPerImage * 2 ** octaves, filter.orientationDegrees + degrees);
        assert.ok(other < own, `${filter.cyclesPerImage} c/i at ${filter.orientationDegrees}°: ${octaves} octaves and ${degrees}° away gives ${other} ≥ ${own}`);
      }
    }
    // One octave between the half-height frequencies f0 ± Δ, (f0 + Δ) / (f0 − Δ) = 2, puts them at 2/3 and 4/3 of f0.
    const low = response((filter.cyclesPerImage * 2) / 3, filter.orientationDegrees) / own;
    const high = response((filter.cyclesPerImage * 4) / 3, filter.orientationDegrees) / own;
    assert.ok(Math.abs(low - 0.5) < 0.02 && Math.abs(high - 0.5) < 0.02, `half-height responses ${low}, ${high}`);
  }
});

// Tolerance: onnxruntime computes in float32 (eps 6e-8) with sums over up to 128 products per matrix product, which
// leaves errors near 1e-6 of an image's largest features (measured: ≤ 3e-6). So every feature must agree within
// 1e-4 of the image's largest feature, and features above 1% of it within 1e-4 of their own value; smaller ones
// (e.g. the channels orthogonal to a grating, 1e-8 of the peak) carry float32 rounding of the large responses.
test('gaborEnergy agrees with the float64 numpy reference on four deterministic images', async () => {
  const names = Object.keys(IMAGES);
  assert.deepEqual(expected.images.map((i) => i.name), names);
  const computed = await gaborEnergies(names.map((name) => IMAGES[name]));
  for (const [k, image] of expected.images.entries()) {
    const formulaAgrees = Math.abs(IMAGES[image.name].reduce((s, v) => s + v, 0) - image.greySum) <= 1e-9 * Math.max(1, Math.abs(image.greySum));
    assert.ok(formulaAgrees, `${image.name}: the image made here is the one numpy made`);
    const got = computed[k];
    assert.equal(got.length, 2048);
    const largest = Math.max(...image.features.map(Math.abs));
    image.features.forEach((want, i) => {
      const error = Math.abs(got[i] - want);
      assert.ok(error <= 1e-4 * largest, `${image.name}[${i}]: ${got[i]} vs ${want}`);
      if (Math.abs(want) >= 0.01 * largest) assert.ok(error <= 1e-4 * Math.abs(want), `${image.name}[${i}]: ${got[i]} vs ${want}`);
    });
  }
  const single = await gaborEnergy(IMAGES.square);
  single.forEach((v, i) => assert.ok(Math.abs(v - computed[3][i]) <= 1e-6 * Math.max(...computed[3]), 'one image alone gives what the batch gave'));
});

test('gaborEnergy: a grating at 45° and 16 cycles per image excites the (16 c/i, 45°) channel most, with energy ≈ its amplitude', async () => {
  const features = await gaborEnergy(grating(45, 16, 0.3));
  const totals = Array.from({ length: 32 }, (_, ch) => features.subarray(ch * 64, (ch + 1) * 64).reduce((s, v) => s + v, 0));
  const best = totals.indexOf(Math.max(...totals));
  assert.equal(best, channel(16, 45));
  const cells = features.subarray(best * 64, (best + 1) * 64);
  for (let row = 1; row < 7; row++) for (let col = 1; col < 7; col++) assert.ok(Math.abs(cells[row * 8 + col] - 1) < 0.01, `cell ${row},${col}: ${cells[row * 8 + col]}`);
  const orthogonal = await gaborEnergy(grating(135, 16, 0.3));
  const ranked = Array.from({ length: 32 }, (_, ch) => orthogonal.subarray(ch * 64, (ch + 1) * 64).reduce((s, v) => s + v, 0));
  assert.equal(ranked.indexOf(Math.max(...ranked)), channel(16, 135));
  await assert.rejects(gaborEnergy(new Float64Array(100), 10), RangeError);
  await assert.rejects(gaborEnergy(new Float64Array(100)), RangeError);
});

test('lumaGrey: ITU-R BT.601 luma of the bytes, divided by 255', () => {
  const grey = lumaGrey({ width: 2, height: 1, data: Uint8Array.from([255, 255, 255, 10, 200, 30]) });
  assert.equal(grey[0], Math.fround(1));
  assert.equal(grey[1], Math.fround((0.299 * 10 + 0.587 * 200 + 0.114 * 30) / 255));
});

/** A picture stimulus that counts how often it is decoded. */
function picture(name: string, image: RgbImage): ImageStimulus & { loads: number } {
  const stimulus = { kind: 'image' as const, name, sha256: `sha-${name}`, source: `test:${name}`, loads: 0, load: async () => (stimulus.loads++, image) };
  return stimulus;
}

function rgb(side: number, value: (r: number, c: number, ch: number) => number): RgbImage {
  const data = new Uint8Array(side * side * 3);
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) for (let ch = 0; ch < 3; ch++) data[(r * side + c) * 3 + ch] = value(r, c, ch);
  return { width: side, height: side, data };
}

test('gaborModel: id, one layer of 2,048 energies, parameters spelled out', () => {
  const model = gaborModel();
  assert.equal(model.kind, 'embedding');
  assert.equal(model.id, 'gabor');
  assert.equal(
    model.revision,
    'gabor:grey-bt601:128x128:fill:bilinear:demean:cpi4,8,16,32:deg0,22.5,45,67.5,90,112.5,135,157.5:bw1oct:extent3sigma:even-zero-mean:gain2/sumG:correlate-zeropad-same:energy:mean8x8cells:float32',
  );
  assert.equal(model.revision, GABOR_REVISION);
  assert.equal(model.dimensions, 2048);
  assert.deepEqual(model.layers, ['energy']);
  assert.equal(model.defaultLayer, 0);
  assert.deepEqual(model.modalities, ['image']);
  assert.equal(model.covers, undefined);
  assert.deepEqual(model.preprocessing?.cyclesPerImage, [4, 8, 16, 32]);
  assert.deepEqual(model.preprocessing?.size, [128, 128]);
});

test('gaborModel: resize to 128×128, BT.601 grey, then gaborEnergy; each picture loaded once per model', async () => {
  const model = gaborModel();
  const small = picture('small', rgb(128, (r, c, ch) => (r * 3 + c * (ch + 1)) % 256));
  const large = picture('large', rgb(175, (r, c, ch) => ((r - 80) ** 2 + (c - 90) ** 2 < 1600 ? 220 : 30) + ch * 10));
  const { matrix, covered } = await model.vectors([small, large, small]);
  assert.equal(matrix.rows, 3);
  assert.equal(matrix.cols, 2048);
  assert.ok(matrix.data instanceof Float32Array);
  assert.deepEqual(covered, [true, true, true]);
  const expectSmall = await gaborEnergy(lumaGrey(await small.load()));
  const expectLarge = await gaborEnergy(lumaGrey(await resizeRgb(await large.load(), 128, 128)));
  small.loads = 0;
  large.loads = 0;
  const close = (a: Float32Array, b: Float32Array) => a.every((v, i) => Math.abs(v - b[i]) <= 1e-6 * Math.max(...b));
  assert.ok(close(matrix.data.subarray(0, 2048) as Float32Array, expectSmall));
  assert.ok(close(matrix.data.subarray(2048, 4096) as Float32Array, expectLarge));
  assert.deepEqual(matrix.data.subarray(4096), matrix.data.subarray(0, 2048));
  const again = await model.vectors([large, small]);
  assert.equal(small.loads + large.loads, 0, 'the second call computes nothing');
  assert.deepEqual(again.matrix.data.subarray(0, 2048), matrix.data.subarray(2048, 4096));
});

test('gaborModel: texts are rejected with an InputError on --model', async () => {
  await assert.rejects(gaborModel().vectors(['a dog']), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.file, '--model');
    assert.match(err.message, /gabor.*'a dog'/);
    return true;
  });
});
