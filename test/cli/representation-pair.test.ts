// The model–model verbs (cka, similarity, encode) read tables as pandas writes them, with the table options, and
// match the rows of two labelled files by label: a shuffled labelled file gives exactly the in-order value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';

const BYO = (name: string): string => fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url));

/** The label column and numeric rows of pandas' default export (index column, header ',0,1,…'). */
function pandasRows(file: string): { labels: string[]; rows: string[][] } {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  return { labels: lines.map((l) => l[0]), rows: lines.map((l) => l.slice(1)) };
}

test('cka, similarity and encode: pandas exports with and without index read as the same 12 stimuli; labelled rows matched by label', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const indexed = BYO('features_pandas_index.csv');
  const plain = BYO('features_pandas_noindex.csv');
  const { labels, rows } = pandasRows(indexed);
  // Targets: two columns of the features, written unlabelled in order and labelled in reversed order.
  const targets = rows.map((r) => [r[1], r[3]]);
  writeFileSync(join(dir, 'targets.csv'), targets.map((r) => r.join(',')).join('\n') + '\n');
  const reversed = labels.map((_, i) => labels.length - 1 - i);
  writeFileSync(join(dir, 'targets-labelled.csv'), 'stimulus,a,b\n' + reversed.map((i) => `${labels[i]},${targets[i].join(',')}`).join('\n') + '\n');
  writeFileSync(join(dir, 'x-reversed.csv'), ',0,1,2,3,4\n' + reversed.map((i) => `${labels[i]},${rows[i].join(',')}`).join('\n') + '\n');

  const json = async (args: string[]): Promise<{ value: number; n: number; details: Record<string, unknown>; stderr: string }> => {
    const r = await attune([...args, '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    return { ...JSON.parse(r.stdout), stderr: r.stderr };
  };
  const self = await json(['cka', indexed, plain]);
  assert.equal(self.n, 12);
  assert.ok(Math.abs(self.value - 1) < 1e-12, String(self.value));
  assert.match(self.stderr, /features_pandas_index\.csv: pandas' index header \(',0,1,…'\), labels in column 1; 12 rows × 5 columns \(face_1, face_2, face_3, …\)/);
  assert.match(self.stderr, /features_pandas_noindex\.csv: a header row 0,1,…,p−1 \(pandas' to_csv\(index=False\)\), no label column; 12 rows × 5 columns/);

  const inOrder = await json(['similarity', indexed, indexed, '--measure', 'procrustes']);
  const byLabel = await json(['similarity', indexed, join(dir, 'x-reversed.csv'), '--measure', 'procrustes']);
  assert.equal(byLabel.value, inOrder.value);
  assert.equal(byLabel.details.matchedByLabel, true);

  const encodePlain = await json(['encode', plain, join(dir, 'targets.csv'), '--folds', '3']);
  const encodeLabelled = await json(['encode', indexed, join(dir, 'targets-labelled.csv'), '--folds', '3']);
  assert.equal(encodeLabelled.value, encodePlain.value);
  assert.equal(encodeLabelled.details.matchedByLabel, true);
  assert.ok(encodePlain.value > 0.9, String(encodePlain.value)); // the targets are columns of the features

  // --no-header makes pandas' header a row of data: its empty first cell is refused at line 1.
  const forced = await attune(['cka', indexed, plain, '--no-header'], dir);
  assert.equal(forced.code, 2);
  assert.match(forced.stderr, /features_pandas_index\.csv:1:1: empty value where a number is expected/);
  // --no-labels on a labelled file: the label column is not a number.
  const noLabels = await attune(['encode', indexed, join(dir, 'targets.csv'), '--no-labels'], dir);
  assert.equal(noLabels.code, 2);
  assert.match(noLabels.stderr, /features_pandas_index\.csv:2:1: /);
});
