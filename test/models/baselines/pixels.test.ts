import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/core/input-error.ts';
import type { ImageStimulus, RgbImage } from '../../../src/core/stimulus.ts';
import { PIXELS_REVISION, pixelsModel } from '../../../src/models/baselines/pixels.ts';

/** A picture stimulus over fixed pixels that counts how often it is decoded. */
function picture(name: string, image: RgbImage, loads = { count: 0 }): ImageStimulus & { loads: { count: number } } {
  return { kind: 'image', name, sha256: `sha-${name}`, source: `test:${name}`, loads, load: async () => (loads.count++, image) };
}

/** A width × height picture whose byte at (row, column, channel) is value(r, c, ch). */
function rgb(width: number, height: number, value: (r: number, c: number, ch: number) => number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) for (let ch = 0; ch < 3; ch++) data[(r * width + c) * 3 + ch] = value(r, c, ch);
  return { width, height, data };
}

test('pixels: id, one layer of 64·64·3 features, pictures only, parameters spelled out', () => {
  const model = pixelsModel();
  assert.equal(model.kind, 'embedding');
  assert.equal(model.id, 'pixels');
  assert.equal(model.revision, 'pixels:rgb:64x64:fill:bilinear:hwc:scale1/255:float32');
  assert.equal(model.revision, PIXELS_REVISION);
  assert.equal(model.dimensions, 12288);
  assert.deepEqual(model.layers, ['pixels']);
  assert.equal(model.defaultLayer, 0);
  assert.deepEqual(model.modalities, ['image']);
  assert.equal(model.covers, undefined);
  assert.deepEqual(model.preprocessing?.size, [64, 64]);
  assert.equal(model.preprocessing?.kernel, 'bilinear');
  assert.equal(model.preprocessing?.scale, '1/255');
});

test('pixels: a 64×64 picture passes through unchanged, bytes / 255 in height × width × channel order', async () => {
  const image = rgb(64, 64, (r, c, ch) => (r * 31 + c * 17 + ch * 101) % 256);
  const { matrix, covered, multiWord, missingWords } = await pixelsModel().vectors([picture('a', image)]);
  assert.equal(matrix.rows, 1);
  assert.equal(matrix.cols, 12288);
  assert.ok(matrix.data instanceof Float32Array);
  assert.deepEqual(matrix.data, Float32Array.from(image.data, (b) => b / 255));
  assert.equal(matrix.data[(5 * 64 + 7) * 3 + 2], Math.fround(((5 * 31 + 7 * 17 + 2 * 101) % 256) / 255));
  assert.deepEqual(covered, [true]);
  assert.equal(multiWord, 0);
  assert.deepEqual(missingWords, []);
});

// With Pillow's bilinear filter a shrink by 2 weighs the 4 input pixels around each output pixel 1/8, 3/8, 3/8, 1/8 per
// axis; over 2×2 constant blocks b that is (b[i−1] + 6 b[i] + b[i+1]) / 8 per axis. Block values are multiples of
// 64, so both passes give whole bytes and rounding plays no part: the prediction is exact away from the border (at
// the border Pillow renormalises the cut kernel; test/core/image-resample.test.ts checks those pixels against Pillow).
test('pixels: a 128×128 picture of 2×2 constant blocks shrinks to the bilinear filter\'s exact prediction', async () => {
  const block = (i: number, j: number, ch: number) => 64 * ((i * 3 + j * 5 + ch * 7 + ((i * j) % 3)) % 4);
  const image = rgb(128, 128, (r, c, ch) => block(r >> 1, c >> 1, ch));
  const { matrix } = await pixelsModel().vectors([picture('blocks', image)]);
  const weight = [1, 6, 1];
  for (let i = 1; i < 63; i++) {
    for (let j = 1; j < 63; j++) {
      for (let ch = 0; ch < 3; ch++) {
        let sum = 0;
        for (let di = -1; di <= 1; di++) for (let dj = -1; dj <= 1; dj++) sum += weight[di + 1] * weight[dj + 1] * block(i + di, j + dj, ch);
        assert.equal(matrix.data[(i * 64 + j) * 3 + ch], Math.fround(sum / 64 / 255), `pixel (${i}, ${j}, ${ch})`);
      }
    }
  }
});

test('pixels: the aspect ratio is not kept (a 100×40 constant picture fills 64×64)', async () => {
  const { matrix } = await pixelsModel().vectors([picture('wide', rgb(100, 40, (_r, _c, ch) => [10, 200, 77][ch]))]);
  for (let p = 0; p < 64 * 64; p++) {
    assert.deepEqual(Array.from(matrix.data.subarray(p * 3, p * 3 + 3)), [10 / 255, 200 / 255, 77 / 255].map(Math.fround));
  }
});

test('pixels: each picture (by sha256) is loaded once per model, across calls, duplicates and concurrent calls', async () => {
  const model = pixelsModel();
  const a = picture('a', rgb(64, 64, (r, c) => r + c));
  const b = picture('b', rgb(80, 80, (r, c, ch) => (r * c + ch) % 256));
  const aAgain = picture('a', rgb(64, 64, () => 0), a.loads); // same sha256: never loaded
  const [first, concurrent] = await Promise.all([model.vectors([a, b, a]), model.vectors([b, a])]);
  const second = await model.vectors([b, aAgain]);
  assert.equal(a.loads.count, 1);
  assert.equal(b.loads.count, 1);
  assert.deepEqual(first.matrix.data.subarray(0, 12288), first.matrix.data.subarray(24576));
  assert.deepEqual(second.matrix.data, concurrent.matrix.data);
});

test('pixels: a picture that fails to load is not memoised (the next call loads it again)', async () => {
  const model = pixelsModel();
  let tries = 0;
  const flaky: ImageStimulus = {
    kind: 'image', name: 'flaky', sha256: 'sha-flaky', source: 'test:flaky',
    load: async () => {
      if (++tries === 1) throw new Error('disk hiccup');
      return rgb(64, 64, () => 255);
    },
  };
  await assert.rejects(model.vectors([flaky]), /disk hiccup/);
  const { matrix } = await model.vectors([flaky]);
  assert.equal(tries, 2);
  assert.equal(matrix.data[0], 1);
});

test('pixels: texts are rejected with an InputError on --model; a layer other than 0 is a RangeError', async () => {
  const model = pixelsModel();
  await assert.rejects(model.vectors([picture('a', rgb(64, 64, () => 0)), 'a cat']), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.file, '--model');
    assert.match(err.message, /pixels.*'a cat'/);
    return true;
  });
  await assert.rejects(model.vectors([picture('a', rgb(64, 64, () => 0))], 1), RangeError);
});
