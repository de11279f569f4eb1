// attune rdm on files as pandas and numpy write them (test/fixtures/byo/make_byo.py): values equal scipy's pdist,
// labels carried into every output format; mahalanobis and crossnobis equal rsatoolbox's (rsa_expected.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNpy } from '../../src/core/npy-format.ts';
import { parseNpzMembers } from '../../src/core/npz-format.ts';
import { attune, scratch } from '../../test-support/run-cli.ts';

const byo = JSON.parse(readFileSync(new URL('../fixtures/byo/byo_expected.json', import.meta.url), 'utf8')) as {
  labels: string[];
  n: number;
  rdm: Record<'euclidean' | 'correlation' | 'cosine' | 'euclidean_f16', number[]>;
};
const rsa = JSON.parse(readFileSync(new URL('../fixtures/rsa_expected.json', import.meta.url), 'utf8')) as { rdms: Record<string, { vector: number[] }> };
const BYO = ['features_pandas_index.csv', 'features_pandas_noindex.csv', 'features_named.tsv', 'features_f2.npy', 'stack_3d.npy'];

/** Largest relative difference of two vectors (absolute below 1). */
function maxRelErr(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  assert.equal(actual.length, expected.length);
  let worst = 0;
  for (let k = 0; k < expected.length; k++) worst = Math.max(worst, Math.abs(actual[k] - expected[k]) / Math.max(1, Math.abs(expected[k])));
  return worst;
}

/** The labels and the condensed vector of a labelled square text RDM (header row, label column). */
function readLabelledText(text: string, separator: string): { labels: string[]; columns: string[]; vector: number[] } {
  const rows = text.trim().split('\n').map((line) => line.split(separator));
  const columns = rows[0].slice(1);
  const labels = rows.slice(1).map((r) => r[0]);
  const vector: number[] = [];
  for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) vector.push(Number(rows[i + 1][j + 1]));
  return { labels, columns, vector };
}

/** A scratch folder holding the byo fixtures (in byo/) and the rsatoolbox inputs. */
function copyFixtures(): { dir: string; cleanup: () => void } {
  const made = scratch(['Xrep_80x50.csv', 'Xrep_labels.csv', 'X_20x50.csv']);
  mkdirSync(join(made.dir, 'byo'));
  for (const name of BYO) copyFileSync(fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url)), join(made.dir, 'byo', name));
  return made;
}

test("rdm on pandas' to_csv with its index: scipy's values, labels in the CSV and in --json, the layout reported", async (t) => {
  const { dir, cleanup } = copyFixtures();
  t.after(cleanup);
  const written = await attune(['rdm', 'byo/features_pandas_index.csv', '-o', 'out.csv'], dir);
  assert.equal(written.code, 0, written.stderr);
  assert.match(written.stderr, /features_pandas_index\.csv: pandas' index header \(',0,1,…'\), labels in column 1; 12 rows × 5 columns/);
  const csv = readLabelledText(readFileSync(join(dir, 'out.csv'), 'utf8'), ',');
  assert.deepEqual(csv.labels, byo.labels);
  assert.deepEqual(csv.columns, byo.labels);
  assert.ok(maxRelErr(csv.vector, byo.rdm.euclidean) <= 1e-12);
  const json = await attune(['rdm', 'byo/features_pandas_index.csv', '--method', 'correlation', '--json'], dir);
  const doc = JSON.parse(json.stdout) as { labels: string[]; n: number; layout: { header: string; labelColumn: number }; rdm: number[] };
  assert.deepEqual(doc.labels, byo.labels);
  assert.deepEqual(doc.layout, { header: 'pandas-index', labelColumn: 1 });
  assert.equal(doc.n, byo.n);
  assert.ok(maxRelErr(doc.rdm, byo.rdm.correlation) <= 1e-12);
});

test("rdm on pandas' to_csv(index=False): 12 stimuli, not 13; --no-header reads the header as data", async (t) => {
  const { dir, cleanup } = copyFixtures();
  t.after(cleanup);
  const json = await attune(['rdm', 'byo/features_pandas_noindex.csv', '--method', 'cosine', '--json'], dir);
  const doc = JSON.parse(json.stdout) as { labels: null; n: number; layout: { header: string }; rdm: number[] };
  assert.equal(doc.n, 12);
  assert.equal(doc.labels, null);
  assert.equal(doc.layout.header, 'integers');
  assert.ok(maxRelErr(doc.rdm, byo.rdm.cosine) <= 1e-12);
  const forced = JSON.parse((await attune(['rdm', 'byo/features_pandas_noindex.csv', '--no-header', '--json'], dir)).stdout) as { n: number };
  assert.equal(forced.n, 13);
});

test('rdm on a TSV with a stimulus-name column: -o .npz (rdm + labels), .npy (float64), .tsv; --labels and --no-labels', async (t) => {
  const { dir, cleanup } = copyFixtures();
  t.after(cleanup);
  const runs = await Promise.all([
    attune(['rdm', 'byo/features_named.tsv', '-o', 'out.npz'], dir),
    attune(['rdm', 'byo/features_named.tsv', '--labels', 'stimulus', '-o', 'out.npy'], dir),
    attune(['rdm', 'byo/features_named.tsv', '--labels', '1', '-o', 'out.tsv'], dir),
    attune(['rdm', 'byo/features_named.tsv', '--no-labels'], dir),
    attune(['rdm', 'byo/features_named.tsv', '--labels', '1', '--no-labels'], dir),
  ]);
  runs.slice(0, 3).forEach((r) => assert.equal(r.code, 0, r.stderr));
  const { arrays, texts } = parseNpzMembers(readFileSync(join(dir, 'out.npz')));
  assert.deepEqual(arrays.rdm.shape, [12, 12]);
  assert.equal(arrays.rdm.dtype, '<f8');
  assert.deepEqual(texts.labels.strings, byo.labels);
  const square = arrays.rdm.matrix.data;
  const upper: number[] = [];
  for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) upper.push(square[i * 12 + j]);
  assert.ok(maxRelErr(upper, byo.rdm.euclidean) <= 1e-12);
  const npy = parseNpy(readFileSync(join(dir, 'out.npy')));
  assert.equal(npy.dtype, '<f8');
  assert.deepEqual(Array.from(npy.matrix.data), Array.from(square));
  assert.match(runs[1].stderr, /a \.npy holds no labels/);
  const tsv = readLabelledText(readFileSync(join(dir, 'out.tsv'), 'utf8'), '\t');
  assert.deepEqual(tsv.labels, byo.labels);
  assert.ok(maxRelErr(tsv.vector, byo.rdm.euclidean) <= 1e-12);
  assert.equal(runs[3].code, 2);
  assert.match(runs[3].stderr, /^byo\/features_named\.tsv:2:1: non-numeric value "face_1"/);
  assert.equal(runs[4].code, 2);
  assert.match(runs[4].stderr, /--labels and --no-labels contradict each other/);
});

test('rdm on a float16 .npy equals scipy on the same halves; a 3-D .npy exits 2 naming its shape', async (t) => {
  const { dir, cleanup } = copyFixtures();
  t.after(cleanup);
  const [half, stack] = await Promise.all([attune(['rdm', 'byo/features_f2.npy', '--json'], dir), attune(['rdm', 'byo/stack_3d.npy'], dir)]);
  assert.equal(half.code, 0, half.stderr);
  assert.ok(maxRelErr((JSON.parse(half.stdout) as { rdm: number[] }).rdm, byo.rdm.euclidean_f16) <= 1e-12);
  assert.equal(stack.code, 2);
  assert.match(stack.stderr, /^byo\/stack_3d\.npy: the array has 3 axes, shape \(2, 3, 4\)/);
});

test("rdm --method mahalanobis and crossnobis (--descriptors, --noise) give rsatoolbox's RDMs", async (t) => {
  const { dir, cleanup } = copyFixtures();
  t.after(cleanup);
  // rsatoolbox's noise in rsa_expected.json: the precision diag(np.linspace(0.5, 1.5, 50))
  const step = (1.5 - 0.5) / 49;
  const diagonal = Array.from({ length: 50 }, (_, k) => (k === 49 ? 1.5 : k * step + 0.5));
  writeFileSync(join(dir, 'noise.csv'), diagonal.join(',') + '\n');
  const run = (args: string[]) => attune(['rdm', ...args, '--json'], dir);
  const [maha, plain, cross, crossNoise, missing] = await Promise.all([
    run(['X_20x50.csv', '--method', 'mahalanobis', '--noise', 'noise.csv']),
    run(['X_20x50.csv', '--method', 'mahalanobis']),
    run(['Xrep_80x50.csv', '--method', 'crossnobis', '--descriptors', 'Xrep_labels.csv']),
    run(['Xrep_80x50.csv', '--method', 'crossnobis', '--descriptors', 'Xrep_labels.csv', '--condition-column', '1', '--run-column', 'run', '--noise', 'noise.csv']),
    run(['Xrep_80x50.csv', '--method', 'crossnobis']),
  ]);
  const vec = (r: { stdout: string; stderr: string; code: number | null }): number[] => {
    assert.equal(r.code, 0, r.stderr);
    return (JSON.parse(r.stdout) as { rdm: number[] }).rdm;
  };
  assert.ok(maxRelErr(vec(maha), rsa.rdms.X_mahalanobis_noise.vector) <= 1e-12);
  assert.ok(maxRelErr(vec(plain), rsa.rdms.X_euclidean.vector) <= 1e-12); // identity precision
  assert.ok(maxRelErr(vec(cross), rsa.rdms.Xrep_crossnobis.vector) <= 1e-12);
  assert.ok(maxRelErr(vec(crossNoise), rsa.rdms.Xrep_crossnobis_noise.vector) <= 1e-12);
  const doc = JSON.parse(cross.stdout) as { labels: string[]; n: number; measure: string };
  assert.equal(doc.measure, 'rdm:crossnobis');
  assert.deepEqual(doc.labels, Array.from({ length: 20 }, (_, i) => String(i)));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--method crossnobis needs --descriptors FILE/);
});
