import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NORM_SETS, loadNormsSet } from '../../../src/data/datasets/norms.ts';

// Counts from shell one-liners on the files, e.g.
//   tr -d '\r' < data/glasgow_norms/*.csv | awk 'NR>1' | grep -vc ' ('                 → 4682 (871 sense entries)
//   tr -d '\r' < data/kuperman_aoa/*.csv | awk -F, 'NR>1 && $1!=""' | wc -l            → 31124
//   tr -d '\r' < data/kuperman_aoa/*.csv | awk -F, 'NR>1 && $1!="" && $5=="NA"' | wc -l → 19
// First and last values read from the files by eye.

test('the 9 Glasgow dimensions: 4,682 single-sense words, typo headers mapped', () => {
  const first: Record<string, number> = { arousal: 4.2, valence: 2.864, dominance: 4.333, concreteness: 5.455, imageability: 4.391, familiarity: 2.382, aoa: 6.76, size: 4.652, gender: 5.391 };
  const last: Record<string, number> = { arousal: 4.571, valence: 5.765, dominance: 5.114, concreteness: 4.429, imageability: 3.914, familiarity: 4.382, aoa: 5.824, size: 4.571, gender: 3.657 };
  for (const dim of Object.keys(first)) {
    const t = loadNormsSet(`glasgow:${dim}`);
    assert.equal(t.words.length, 4682, dim);
    assert.equal(t.missing, 0);
    assert.deepEqual([t.words[0], t.values[0], t.lines[0]], ['abattoir', first[dim], 2], dim);
    assert.deepEqual([t.words.at(-1), t.values.at(-1), t.lines.at(-1)], ['zoology', last[dim], 5554], dim);
    assert.ok(!t.words.some((w) => w.includes(' (')));
    assert.equal(t.dataset, 'glasgow_norms');
  }
  assert.equal(loadNormsSet('glasgow:familiarity').column, 'Familiarty.M');
  assert.equal(loadNormsSet('glasgow:imageability').column, 'Imag.M');
});

test('Glasgow 871 senses', () => {
  const t = loadNormsSet('glasgow871:valence');
  assert.equal(t.words.length, 871);
  assert.deepEqual([t.words[0], t.values[0]], ['address (postal)', 5]);
  assert.deepEqual([t.words.at(-1), t.values.at(-1)], ['yarn (tale)', 5.529]);
  assert.equal(loadNormsSet('glasgow871:imageability').values[0], 4.559);
  assert.equal(t.dataset, 'llm_norms_gpt4');
});

test('Brysbaert concreteness and Kuperman AoA (NA ratings missing, empty rows skipped)', () => {
  const b = loadNormsSet('brysbaert:concreteness');
  assert.equal(b.words.length, 39954);
  assert.deepEqual([b.words[0], b.values[0]], ['roadsweeper', 4.85]);
  assert.deepEqual([b.words.at(-1), b.values.at(-1)], ['essentialness', 1.04]);
  const k = loadNormsSet('kuperman:aoa');
  assert.equal(k.words.length, 31124);
  assert.equal(k.missing, 19);
  assert.deepEqual([k.words[0], k.values[0]], ['a', 2.89]);
  assert.deepEqual([k.words.at(-1), k.values.at(-1), k.lines.at(-1)], ['zygote', 15.38, 31125]);
  const actinium = k.words.indexOf('actinium');
  assert.ok(Number.isNaN(k.values[actinium]));
  assert.equal(k.lines[actinium], 266);
  assert.match(k.checksum, /^[0-9a-f]{64}$/);
});

test('the set list and unknown ids', () => {
  assert.equal(NORM_SETS.length, 9 + 2 + 9);
  assert.throws(() => loadNormsSet('glasgow:colour'), /unknown norms set "glasgow:colour"; known: glasgow:arousal/);
});
