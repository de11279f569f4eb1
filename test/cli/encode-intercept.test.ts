// `attune encode` fits an intercept by default (as the README and --help say): a constant added to every target
// and every feature changes the score by rounding only, while a fit without an intercept would change it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { encodingScore } from '../../src/measures/encode.ts';
import { readMatrix } from '../../src/data/read-matrix.ts';
import { toFloat64 } from '../../src/core/matrix.ts';

/** The CSV with `offset` added to every cell. */
function shifted(text: string, offset: number): string {
  return text.trim().split('\n').map((line) => line.split(',').map((c) => String(Number(c) + offset)).join(',')).join('\n') + '\n';
}

test('encode: an offset of 100 in the targets and 50 in the features leaves the score unchanged (an intercept is fitted)', async (t) => {
  const { dir, cleanup } = scratch(['ridge_X_60x10.csv', 'ridge_Y_60x3.csv']);
  t.after(cleanup);
  writeFileSync(join(dir, 'x-shifted.csv'), shifted(readFileSync(join(dir, 'ridge_X_60x10.csv'), 'utf8'), 50));
  writeFileSync(join(dir, 'y-shifted.csv'), shifted(readFileSync(join(dir, 'ridge_Y_60x3.csv'), 'utf8'), 100));
  const [plain, moved] = await Promise.all([
    attune(['encode', 'ridge_X_60x10.csv', 'ridge_Y_60x3.csv', '--json'], dir),
    attune(['encode', 'x-shifted.csv', 'y-shifted.csv', '--json'], dir),
  ]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.equal(moved.code, 0, moved.stderr);
  const a = JSON.parse(plain.stdout) as { value: number };
  const b = JSON.parse(moved.stdout) as { value: number };
  assert.ok(Math.abs(a.value - b.value) < 1e-9, `${a.value} vs ${b.value}`);
  // The same shifted data without an intercept scores differently: the check above can tell the two apart.
  const x = toFloat64((await readMatrix(join(dir, 'x-shifted.csv'))).matrix);
  const y = toFloat64((await readMatrix(join(dir, 'y-shifted.csv'))).matrix);
  const none = await encodingScore(x, y, { fitIntercept: false });
  assert.ok(Math.abs(none.value - a.value) > 1e-3, `without an intercept ${none.value} vs ${a.value}`);
});
