// "Did you mean …?": edit distance by hand-counted cases, prefix and distance matches, and nothing for far names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatches, didYouMean, editDistance } from '../../src/core/suggest.ts';

test('editDistance: insertions, deletions, substitutions and an adjacent swap count 1 each', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3); // k→s, e→i, +g
  assert.equal(editDistance('debias', 'debiased'), 2);
  assert.equal(editDistance('comapre', 'compare'), 1); // one transposition
  assert.equal(editDistance('JSON', 'json'), 0);
  assert.equal(editDistance('', 'abc'), 3);
});

test('closestMatches: exact (any case), prefix, then small edit distance; nothing when far', () => {
  const options = ['--debiased', '--kernel', '--sigma', '--json', '--help'];
  assert.deepEqual(closestMatches('--debias', options), ['--debiased']);
  assert.deepEqual(closestMatches('--JSON', options), ['--json']);
  assert.deepEqual(closestMatches('--jsno', options), ['--json']);
  assert.deepEqual(closestMatches('--frobnicate', options), []);
  assert.deepEqual(closestMatches('wordsm', ['wordsim', 'norms', 'rdm']), ['wordsim']);
  assert.equal(didYouMean('--kernal', options), '; did you mean --kernel?');
  assert.equal(didYouMean('xyzzy', options), '');
});
