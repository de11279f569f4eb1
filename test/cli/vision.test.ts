// The vision suite and the picture verbs end to end through the CLI: the fixed rows against scipy's values, a
// picture model as the run's model, features → rdm on a shipped set and on the user's own JPEGs, and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { buildTinyVit } from '../../test-support/tiny-models/tiny-vit.ts';

// Expected values: test/fixtures/vision/vision_expected.py (h5py, numpy, scipy).
const expected = JSON.parse(readFileSync(new URL('../fixtures/vision/vision_expected.json', import.meta.url), 'utf8'));

interface Row {
  benchmark: string;
  model: { id: string; preprocessing?: Record<string, unknown> };
  score: { value: number; ci95?: [number, number]; ceiling?: { lower: number; upper: number } };
  layers?: { name: string; value: number }[];
  cached: boolean;
}
interface Results {
  results: Row[];
  skipped: { benchmark: string; reason: string }[];
  failures: unknown[];
}

function withCache<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.ATTUNE_CACHE_DIR;
  process.env.ATTUNE_CACHE_DIR = join(dir, 'cache');
  return run().finally(() => {
    if (before === undefined) delete process.env.ATTUNE_CACHE_DIR;
    else process.env.ATTUNE_CACHE_DIR = before;
  });
}

test('attune run --suite vision: fixed rows equal scipy, a text model is skipped with its reason; the rerun comes from the cache', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  await withCache(dir, async () => {
    const cold = await attune(['run', '--suite', 'vision', '--bootstrap', '20', '--json', '--out', 'out'], dir);
    assert.equal(cold.code, 0, cold.stderr);
    const results = JSON.parse(cold.stdout) as Results;
    assert.deepEqual(results.failures, []);
    assert.equal(results.results.length, 24);
    assert.equal(results.skipped.length, 6);
    assert.match(results.skipped[0].reason, /'glove' sees no pictures/);
    const alexnet = results.results.find((r) => r.benchmark === 'vision:cichy92:it:alexnet')!;
    assert.equal(alexnet.model.id, 'recorded:alexnet');
    for (const l of alexnet.layers!) assert.ok(Math.abs(l.value - expected.networks.alexnet['cichy92:it'][l.name].spearman_mean) <= 1e-12, l.name);
    assert.ok(Math.abs(alexnet.score.ceiling!.lower - expected.targets['cichy92:it'].ceiling_lower) <= 1e-12);
    assert.ok(results.results.every((r) => r.score.ci95 && r.score.ceiling), 'every row has an interval and a ceiling');
    const gabor = results.results.find((r) => r.benchmark === 'vision:algonauts78:evc:gabor')!;
    assert.match(String(gabor.model.preprocessing?.kernel), /bilinear/);
    assert.ok(existsSync(join(dir, 'out', 'report.html')));
    const warm = await attune(['run', '--suite', 'vision', '--bootstrap', '20', '--json', '--out', 'out'], dir);
    assert.equal(warm.code, 0, warm.stderr);
    const again = JSON.parse(warm.stdout) as Results;
    assert.ok(again.results.every((r) => r.cached));
    assert.deepEqual(again.results.map((r) => r.score.value), results.results.map((r) => r.score.value));
  });
});

test('a picture model as the run\u2019s model: every target, every layer, its preprocessing in the provenance', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const vit = buildTinyVit(join(dir, 'vit')).dir;
  await withCache(dir, async () => {
    const run = await attune(['run', '--suite', 'vision', '--model', `hf:${vit}`, '--bootstrap', '20', '--json', '--out', 'out'], dir);
    assert.equal(run.code, 0, run.stderr);
    const results = JSON.parse(run.stdout) as Results;
    const own = results.results.filter((r) => r.model.id === `hf:${vit}`);
    assert.deepEqual(own.map((r) => r.benchmark), ['vision:cichy92:evc', 'vision:cichy92:it', 'vision:algonauts78:evc', 'vision:algonauts78:it', 'vision:kriegeskorte92:human-it', 'vision:kriegeskorte92:judgments']);
    for (const r of own) {
      assert.deepEqual(r.layers!.map((l) => l.name), ['embeddings', 'layer 1', 'layer 2']);
      assert.equal(r.model.preprocessing?.image_processor, 'ViTImageProcessor');
    }
    assert.deepEqual(results.skipped, []);
  });
});

test('features → rdm on a shipped set and on a folder of the user\u2019s JPEGs; a picture model given words exits 2', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const vit = buildTinyVit(join(dir, 'vit')).dir;
  await withCache(dir, async () => {
    const shipped = await attune(['features', 'algonauts78', '--model', 'gabor', '-o', 'gabor-out'], dir);
    assert.equal(shipped.code, 0, shipped.stderr);
    const rdm = await attune(['rdm', 'gabor-out', '--method', 'correlation', '--json'], dir);
    assert.equal(rdm.code, 0, rdm.stderr);
    const doc = JSON.parse(rdm.stdout) as { n: number; layers: { layer: string; rdm: number[] }[]; names: string[] };
    assert.equal(doc.n, 78);
    assert.deepEqual(doc.layers.map((l) => l.layer), ['energy']);
    assert.equal(doc.names[0], 'images/image_01.jpg');
    assert.ok(doc.layers[0].rdm.every(Number.isFinite));

    mkdirSync(join(dir, 'photos'));
    for (let k = 0; k < 4; k++) {
      const raw = Buffer.alloc(60 * 40 * 3);
      for (let p = 0; p < raw.length; p++) raw[p] = (p * (k + 3) * 13) % 256;
      await sharp(raw, { raw: { width: 60, height: 40, channels: 3 } }).jpeg({ quality: 90 }).toFile(join(dir, 'photos', `photo_${k}.jpg`));
    }
    const own = await attune(['features', 'photos', '--model', `hf:${vit}`, '-o', 'vit-out'], dir);
    assert.equal(own.code, 0, own.stderr);
    assert.equal(readFileSync(join(dir, 'vit-out', 'file_names.txt'), 'utf8'), 'photo_0.jpg\nphoto_1.jpg\nphoto_2.jpg\nphoto_3.jpg\n');
    const layers = await attune(['rdm', 'vit-out', '--method', 'correlation', '--json'], dir);
    assert.equal(layers.code, 0, layers.stderr);
    // Layers are named by their (file-safe) file names when read back.
    assert.deepEqual((JSON.parse(layers.stdout) as { layers: { layer: string }[] }).layers.map((l) => l.layer), ['embeddings', 'layer_1', 'layer_2']);

    writeFileSync(join(dir, 'words.txt'), 'cat\ndog\n');
    const words = await attune(['features', 'words.txt', '--model', `hf:${vit}`, '-o', 'nothing'], dir);
    assert.equal(words.code, 2);
    assert.match(words.stderr, /--model: hf:.* sees only pictures, not texts such as 'cat'/);
    assert.ok(!existsSync(join(dir, 'nothing')), 'nothing written');
  });
});
