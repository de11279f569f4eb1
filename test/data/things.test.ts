import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadSposeEmbedding, loadThingsConcepts, loadThingsProperty, THINGS_PROPERTIES } from '../../src/data/datasets/things.ts';

// Expected values read off the files by hand (head/tail/grep/awk), not through the loaders.
const dataFile = (folder: string, name: string) => new URL(`../../data/${folder}/${name}`, import.meta.url);

/** sha256 over `name:sha256(file)\n` lines of the files in card (alphabetical) order. */
function checksumOf(folder: string, names: string[]): string {
  const lines = names.map((n) => `${n}:${createHash('sha256').update(readFileSync(dataFile(folder, n))).digest('hex')}\n`).join('');
  return createHash('sha256').update(lines).digest('hex');
}

test('THINGS concepts: 1,854 rows in uniqueID order, names trimmed, lines counted from the header', () => {
  const r = loadThingsConcepts();
  assert.equal(r.concepts.length, 1854);
  assert.deepEqual(r.concepts[0], { id: 'aardvark', word: 'aardvark', line: 2 });
  assert.deepEqual(r.concepts.at(-1), { id: 'zucchini', word: 'zucchini', line: 1855 });
  assert.deepEqual(r.concepts[803], { id: 'hot-air_balloon', word: 'hot-air balloon', line: 805 });
  assert.deepEqual(r.concepts.filter((c) => c.word === 'bat').map((c) => c.id), ['bat1', 'bat2']);
  assert.equal(r.checksum, checksumOf('things_concepts', ['item_names.tsv', 'things_concepts.tsv']));
});

test('SPoSE 49-d: 1,854 × 49, rows named by unique_id.txt (same order as the concepts)', () => {
  const e = loadSposeEmbedding();
  assert.equal(e.matrix.rows, 1854);
  assert.equal(e.matrix.cols, 49);
  assert.equal(e.ids.length, 1854);
  assert.deepEqual(e.ids, loadThingsConcepts().concepts.map((c) => c.id));
  const d = e.matrix.data;
  assert.equal(d[0], 0.0234450157731771469116);
  assert.equal(d[1], 0.2249102145433425903320);
  assert.equal(d[48], 0.0081704724580049514771);
  assert.equal(d[1853 * 49], 0.0367129892110824584961);
  assert.equal(d[1853 * 49 + 48], 0.0128199607133865356445);
  // SOURCE.md calls them non-negative; numpy finds 68 tiny negatives (smallest −0.00134, row 9 column 2 first).
  assert.equal(d.filter((v) => v < 0).length, 68);
  assert.ok(d[8 * 49 + 1] < 0 && d.every((v) => v > -0.00134));
  const names = ['labels_49.mat', 'labels_66.txt', 'spose_embedding_49d_sorted.txt', 'spose_embedding_66d_sorted.txt', 'unique_id.txt'];
  assert.equal(e.checksum, checksumOf('things_spose_embedding', names));
});

test('THINGSplus properties: matched by uniqueID, not by row (animacy.csv sorts hyphens differently)', () => {
  const { concepts } = loadThingsConcepts();
  const ids = concepts.map((c) => c.id);
  const words = concepts.map((c) => c.word);
  assert.deepEqual(THINGS_PROPERTIES.map((p) => p.name), ['manmade', 'precious', 'lives', 'heavy', 'natural', 'moves', 'grasp', 'hold', 'be.moved', 'pleasant', 'arousing', 'size']);
  const lives = loadThingsProperty('lives', ids, words);
  assert.equal(lives.values[0], 6.8421); // aardvark, animacy.csv line 2
  assert.equal(lives.values[803], 1.5429); // hot-air_balloon: line 803 of animacy.csv, row 805 of the concepts
  assert.equal(lives.values[1853], 5.1026); // zucchini, line 1855
  assert.ok(lives.values.every((v) => Number.isFinite(v)));
  assert.deepEqual(lives.ambiguous, []);
  const manmade = loadThingsProperty('manmade', ids, words);
  assert.equal(manmade.values[803], 6.8571);
  assert.equal(lives.checksum, checksumOf('things_property_ratings', ['Categories_final_20200131.tsv', 'animacy.csv', 'size_fixed.csv']));
});

test('size: ids with spaces mapped to underscores; the 7 rows whose word names another concept are left out', () => {
  const { concepts } = loadThingsConcepts();
  const ids = concepts.map((c) => c.id);
  const size = loadThingsProperty('size', ids, concepts.map((c) => c.word));
  const at = (id: string) => size.values[ids.indexOf(id)];
  assert.equal(at('hot-air_balloon'), 385.3139534883721); // size_fixed.csv line 805: 'hot-air balloon'
  assert.equal(at('camera2'), 230.1046511627907); // line 249: word 'camera ' (trailing space) is camera2's name
  assert.equal(at('zucchini'), 219.8536585365854);
  // Lines 80–82, 85–86, 456–457: e.g. word 'baseball bat' with uniqueID 'baseball glove'.
  assert.deepEqual([...size.ambiguous].sort(), ['baseball', 'baseball_bat', 'baseball_glove', 'basketball', 'basketball_hoop', 'crystal2', 'crystal_ball']);
  assert.ok(Number.isNaN(at('crystal2')));
  assert.equal(size.values.filter((v) => Number.isNaN(v)).length, 7);
});

test('an unknown property is an error naming the known ones', () => {
  assert.throws(() => loadThingsProperty('colour', [], []), /unknown THINGS property 'colour'; known: manmade/);
});
