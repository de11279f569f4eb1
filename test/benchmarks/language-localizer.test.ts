// The language localizer on the tiny BERT: Welch t per unit recomputed here from the model's own layer
// vectors (checked exact elsewhere) by the textbook formula, the top fraction, and the restricted view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localizeLanguageUnits, restrictToUnits } from '../../src/benchmarks/language-localizer.ts';
import { localizerStimuli } from '../../src/data/datasets/localizer-stimuli.ts';
import { memoryStore } from '../../src/models/answer-store.ts';
import { loadHfModel, type HfModel } from '../../src/models/hf/hf-model.ts';
import { buildTinyBert } from '../../test-support/tiny-models/tiny-bert.ts';

let root = '';
let model: HfModel;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'attune-localizer-'));
  model = await loadHfModel(buildTinyBert(join(root, 'bert')).dir, 'hf:bert', { cacheDir: join(root, 'cache'), store: memoryStore() });
});
after(async () => {
  await model.dispose();
  rmSync(root, { recursive: true, force: true });
});

test('stimuli: 120 Natural Stories sentences of 8–16 words, each with a non-word list as long', () => {
  const s = localizerStimuli();
  assert.equal(s.sentences.length, 120);
  s.sentences.forEach((sentence, i) => {
    const n = sentence.split(' ').length;
    assert.ok(n >= 8 && n <= 16);
    assert.equal(s.nonWordLists[i].split(' ').length, n);
  });
  assert.deepEqual(localizerStimuli().nonWordLists, s.nonWordLists); // seeded
});

test('localizer: the top 25% of the 32 units of layers 1–2 by Welch t, and the model restricted to them', async () => {
  const units = await localizeLanguageUnits(model, 0.25);
  const s = localizerStimuli();
  const t: { layer: number; unit: number; t: number }[] = [];
  for (const layer of [1, 2]) {
    const a = (await model.vectors(s.sentences, layer)).matrix;
    const b = (await model.vectors(s.nonWordLists, layer)).matrix;
    for (let j = 0; j < 16; j++) {
      const col = (m: typeof a) => Array.from({ length: m.rows }, (_, i) => m.data[i * 16 + j]);
      const mean = (x: number[]) => x.reduce((p, q) => p + q, 0) / x.length;
      const variance = (x: number[]) => x.reduce((p, q) => p + (q - mean(x)) ** 2, 0) / (x.length - 1);
      const x = col(a);
      const y = col(b);
      t.push({ layer, unit: j, t: (mean(x) - mean(y)) / Math.sqrt(variance(x) / x.length + variance(y) / y.length) });
    }
  }
  const top = [...t].sort((p, q) => q.t - p.t).slice(0, 8);
  assert.equal(units.n_units, 32);
  assert.equal(units.n_selected, 8);
  for (const layer of [1, 2]) {
    const found = units.layers.find((l) => l.layer === layer)!;
    assert.deepEqual(found.units, top.filter((u) => u.layer === layer).map((u) => u.unit).sort((p, q) => p - q));
    found.units.forEach((u, k) => assert.ok(Math.abs(found.t[k] - t.find((x) => x.layer === layer && x.unit === u)!.t) < 1e-9));
  }
  const restricted = restrictToUnits(model, units);
  assert.equal(restricted.dimensions, 8);
  const v = await restricted.vectors(['cat']);
  const full = [await model.vectors(['cat'], 1), await model.vectors(['cat'], 2)];
  const expected = units.layers.flatMap((l) => l.units.map((u) => full[l.layer - 1].matrix.data[u]));
  assert.deepEqual(Array.from(v.matrix.data), expected);
});
