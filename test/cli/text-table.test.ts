import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignColumns } from '../../src/cli/text-table.ts';

test('alignColumns pads every column but the last to its widest cell (counting characters, not UTF-16 units)', () => {
  assert.deepEqual(alignColumns([['a', 'bb', 'c'], ['ccc − d', 'e', 'ffff']]), ['a        bb  c', 'ccc − d  e   ffff']);
  assert.deepEqual(alignColumns([]), []);
});
