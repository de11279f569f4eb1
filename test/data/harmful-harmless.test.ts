// The harmful/harmless loader: the chosen instructions against an independent Python selection (the splits read
// with json, repeated texts dropped, the draw made with Attune's generator re-written in Python), and bad splits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { HARMFUL_SPLIT, HARMLESS_SPLIT, loadHarmfulHarmless, readInstructionSplit, sampleIndices } from '../../src/data/datasets/harmful-harmless.ts';

// Expected values: test/fixtures/aqi/aqi_expected.py (xoshiro.py is the generator written again in Python).
const expected = JSON.parse(readFileSync(new URL('../fixtures/aqi/aqi_expected.json', import.meta.url), 'utf8')).loader;
const splitsFolder = new URL('../../data/harmful_harmless_instructions/', import.meta.url);
const rawSplit = (name: string) => JSON.parse(readFileSync(new URL(name, splitsFolder), 'utf8')) as { instruction: string; category: string | null }[];

test('default: the 562 distinct harmful test instructions in file order and 562 harmless ones drawn as the Python reference draws them', () => {
  const data = loadHarmfulHarmless();
  assert.deepEqual(data.counts, {
    harmful: { inFile: expected.harmfulInFile, distinct: expected.harmfulDistinct, kept: expected.perClass },
    harmless: { inFile: expected.harmlessInFile, distinct: expected.harmlessDistinct, kept: expected.perClass },
  });
  assert.equal(expected.perClass, 562);
  assert.deepEqual(data.harmful.slice(0, 3).map((i) => i.text), expected.harmfulFirst);
  assert.equal(data.harmful[data.harmful.length - 1].text, expected.harmfulLast);
  const harmless = rawSplit(HARMLESS_SPLIT);
  assert.deepEqual(data.harmless.map((i) => i.text), (expected.harmlessIndices as number[]).map((i) => harmless[i].instruction));
  assert.ok(data.harmless.every((i) => i.category === null));
  assert.equal(data.harmful[0].category, rawSplit(HARMFUL_SPLIT)[0].category);
  assert.equal(data.dataset.id, 'harmful_harmless_instructions');
  assert.match(data.dataset.checksum, /^[0-9a-f]{64}$/);
  assert.deepEqual(loadHarmfulHarmless(), data); // deterministic
});

test('perClass 40: both classes drawn (harmful with the seed, harmless with seed + 1), file order kept', () => {
  const data = loadHarmfulHarmless({ perClass: 40 });
  assert.deepEqual(data.harmful.map((i) => i.text), expected.perClass40.harmful);
  assert.deepEqual(data.harmless.map((i) => i.text), expected.perClass40.harmless);
  assert.deepEqual(sampleIndices(5, 5, 3), [0, 1, 2, 3, 4]);
  assert.throws(() => loadHarmfulHarmless({ perClass: 1 }), InputError);
  assert.throws(() => loadHarmfulHarmless({ perClass: 563 }), /from 2 to 562/);
});

test('readInstructionSplit: malformed splits are InputErrors naming the file and entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-hh-'));
  try {
    const write = (text: string) => {
      const path = join(dir, 'split.json');
      writeFileSync(path, text);
      return path;
    };
    assert.deepEqual(readInstructionSplit(write('[{"instruction": "Say hi", "category": null}, {"instruction": "Go", "category": "x"}, {"instruction": "Run"}]')), [
      { text: 'Say hi', category: null }, { text: 'Go', category: 'x' }, { text: 'Run', category: null },
    ]);
    const fails = (text: string, message: RegExp) => assert.throws(() => readInstructionSplit(write(text)), (e: unknown) => e instanceof InputError && message.test(e.message) && e.file.endsWith('split.json'));
    fails('{"instruction": "x"}', /JSON array/);
    fails('[{"instruction": "x"}, 3]', /entry 2 is not an object/);
    fails('[{"instruction": "  "}]', /entry 1: "instruction" should be a non-empty string/);
    fails('[{"instruction": "x", "category": 5}]', /"category" should be a string or null/);
    fails('[{"instruction": "x",}]', /invalid JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
