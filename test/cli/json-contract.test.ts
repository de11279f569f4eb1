// Every measuring verb's --json is one document with a numeric `value` and a string `measure` (DESIGN.md's
// contract); wordsim and norms lacked `value` before. list, cache, bench, features and run report no single measure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attune, scratch } from '../../test-support/run-cli.ts';

test('--json of rdm, compare, cka, encode, wordsim and norms: one document with value and measure', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv', 'Y_20x50.csv', 'ridge_X_60x10.csv', 'ridge_Y_60x3.csv', 'byo-pairs.csv', 'byo-tiny-vectors.txt', 'byo-norms.csv']);
  t.after(cleanup);
  const rdm = await attune(['rdm', 'X_20x50.csv', '-o', 'a.csv', '--json'], dir);
  assert.equal(rdm.code, 0, rdm.stderr);
  const runs: Record<string, string[]> = {
    rdm: ['rdm', 'Y_20x50.csv', '-o', 'b.csv', '--json'],
    cka: ['cka', 'X_20x50.csv', 'Y_20x50.csv', '--json'],
    encode: ['encode', 'ridge_X_60x10.csv', 'ridge_Y_60x3.csv', '--json'],
    wordsim: ['wordsim', 'byo-pairs.csv', '--model', 'vectors:byo-tiny-vectors.txt', '--bootstrap', '0', '--json'],
    norms: ['norms', 'byo-norms.csv', '--word-column', 'word', '--column', 'rating', '--method', 'rate', '--model', 'recorded:byo-norms.csv', '--rating-column', 'rating', '--bootstrap', '0', '--json'],
  };
  const results = await Promise.all(Object.entries(runs).map(async ([verb, args]) => [verb, await attune(args, dir)] as const));
  const compare = await attune(['compare', 'a.csv', 'b.csv', '--json'], dir);
  for (const [verb, r] of [...results, ['compare', compare] as const]) {
    assert.equal(r.code, 0, `${verb}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout) as { value: unknown; measure: unknown };
    assert.equal(typeof doc.value, 'number', `${verb} --json has a numeric value`);
    assert.ok(typeof doc.measure === 'string' && doc.measure.length > 0, `${verb} --json names its measure`);
  }
});
