// The reference-ceiling table: each figure names its kind and source, belongs to a known benchmark set, and is
// cited on the data set's card.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { NORM_SETS } from '../../src/data/datasets/norms.ts';
import { referenceCeilingFor, REFERENCE_CEILINGS } from '../../src/data/datasets/reference-ceilings.ts';
import { getWordSimilaritySet, WORD_SIMILARITY_SETS } from '../../src/data/datasets/word-similarity.ts';
import { getDataset } from '../../src/data/registry.ts';

test('reference ceilings: SimLex-999 and MTurk-771 only, each with its kind of agreement and its source', () => {
  assert.deepEqual(Object.keys(REFERENCE_CEILINGS).sort(), ['mturk771', 'simlex999']);
  assert.deepEqual(
    { value: referenceCeilingFor('simlex999')!.value, kind: referenceCeilingFor('simlex999')!.kind.split(':')[0] },
    { value: 0.78, kind: 'one-vs-rest' },
  );
  assert.deepEqual(
    { value: referenceCeilingFor('mturk771')!.value, kind: referenceCeilingFor('mturk771')!.kind.split(':')[0] },
    { value: 0.8957, kind: 'split-half' },
  );
  for (const id of ['men3000', 'ws353', 'ws353-sim', 'ws353-rel', 'rg65', ...NORM_SETS.map((s) => s.id), 'toString', 'unknown']) {
    assert.equal(referenceCeilingFor(id), undefined, id);
  }
  const known = new Set(WORD_SIMILARITY_SETS.map((s) => s.id));
  for (const [id, r] of Object.entries(REFERENCE_CEILINGS)) {
    assert.ok(known.has(id), id);
    assert.ok(r.value > 0 && r.value <= 1, id);
    assert.match(r.source, /https?:\/\//, id);
  }
});

test('the data cards and SOURCE.md files cite each reference ceiling (figure and page); MEN and WordSim-353 say why they have none', () => {
  for (const [id, r] of Object.entries(REFERENCE_CEILINGS)) {
    const card = getDataset(getWordSimilaritySet(id).dataset);
    assert.ok(card.description.includes(String(r.value)), `${id}: ${r.value} on the card`);
    assert.ok(card.description.includes(r.source.match(/https?:\/\/\S+/)![0]), `${id}: the page on the card`);
    const sourceMd = readFileSync(new URL(`../../data/${card.folder}/SOURCE.md`, import.meta.url), 'utf8');
    assert.ok(sourceMd.includes(`**${r.value}**`), `${id}: ${r.value} in data/${card.folder}/SOURCE.md`);
  }
  for (const folder of ['men3000', 'wordsim353']) {
    const sourceMd = readFileSync(new URL(`../../data/${folder}/SOURCE.md`, import.meta.url), 'utf8');
    assert.match(sourceMd, /\*\*Human agreement:\*\* none shown\./, folder);
  }
  assert.match(getDataset('simlex999').description, /pairwise 0\.67/);
  assert.match(getDataset('men3000').description, /rater agreement cannot be computed for MEN/);
});
