// Column options: names pass through, numbers count from 1 (the way the readers' messages count), 0 and '' are usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/cli/args.ts';
import { columnOption, columnPairOption, requiredColumnOption } from '../../src/cli/column-option.ts';

test('columnOption: a name as given, a number from 1 as the 0-based index, absent as undefined', () => {
  assert.equal(columnOption('wordsim', 'score-column', 'SimLex999'), 'SimLex999');
  assert.equal(columnOption('wordsim', 'score-column', '4'), 3);
  assert.equal(columnOption('wordsim', 'score-column', ' 1 '), 0);
  assert.equal(columnOption('wordsim', 'score-column', undefined), undefined);
  assert.deepEqual(columnPairOption('wordsim', 'word-columns', 'word1,2'), ['word1', 1]);
  assert.equal(columnPairOption('wordsim', 'word-columns', undefined), undefined);
});

test('columnOption: column 0, an empty value, a missing required column, a pair without a comma → UsageError', () => {
  assert.throws(() => columnOption('norms', 'word-column', '0'), (e: unknown) => e instanceof UsageError && /--word-column 0: columns are counted from 1/.test(e.message));
  assert.throws(() => columnOption('norms', 'column', ''), UsageError);
  assert.throws(() => requiredColumnOption('norms', 'column', undefined), /--column is required/);
  assert.throws(() => columnPairOption('wordsim', 'word-columns', '1'), /two columns separated by a comma/);
});
