// The analyses behind "Analyse your data", run here in Node on the same files as the CLI: every RDM method,
// every comparison method (square and condensed RDMs, text and .npy), linear CKA biased and debiased, equal to
// the last bit to `attune … --json`; bad input fails as the CLI's does; the browser stub of extname is node's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extname } from 'node:path';
import { join } from 'node:path';
import { analyseCka, analyseCompare, analyseRdm } from '../../src/web/worker/analysis.ts';
import { extname as stubExtname } from '../../src/web/stubs/node-path.ts';
import { attune, tempDir } from '../../test-support/web/e2e-harness.ts';

let tmp: ReturnType<typeof tempDir>;
const f: Record<string, string> = {};

/** A float64 .npy (format 1.0) of a 1-D vector. */
function npyVector(values: number[]): Buffer {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${values.length},), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  return Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(new Float64Array(values).buffer)]);
}

before(() => {
  tmp = tempDir('attune-web-analysis-');
  const put = (name: string, body: string | Buffer) => (f[name] = join(tmp.dir, name)) && writeFileSync(f[name], body);
  // 7 stimuli × 5 channels from a fixed recurrence (no randomness, no ties), with a header row.
  const rows = Array.from({ length: 7 }, (_, i) => Array.from({ length: 5 }, (_, j) => Math.sin(1.7 * i + 0.9 * j * j + 0.3) * (1 + i / 3)));
  put('features.csv', 'a;b;c;d;e\r\n' + rows.map((r) => r.join(';')).join('\r\n'));
  put('y.tsv', rows.map((r) => [r[0] * r[1], r[2] - r[4], Math.cos(r[3])].join('\t')).join('\n'));
  const square = Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => (i === j ? 0 : Math.abs(Math.sin(i + j) + (i - j) * (i - j) / 7))));
  put('rdm-square.csv', square.map((r) => r.join(',')).join('\n'));
  put('rdm-condensed.npy', npyVector(Array.from({ length: 15 }, (_, k) => Math.round(10 * Math.abs(Math.cos(k * 1.3))) / 10)));
  put('one-row.csv', '1,2,3\n');
});

after(() => tmp?.cleanup());

type Json = { measure: string; value: number; rdm?: number[]; p?: number; ci95?: number[] };
const cli = async (...args: string[]) => JSON.parse(await attune([...args, '--json'])) as Json | Json[];

test('RDM: euclidean, correlation and cosine give the CLI value and vector', async () => {
  for (const method of ['euclidean', 'correlation', 'cosine'] as const) {
    const [expected, got] = await Promise.all([cli('rdm', f['features.csv'], '--method', method), analyseRdm(f['features.csv'], method)]);
    const e = expected as Json;
    assert.equal(got.measure, e.measure);
    assert.equal(got.value, e.value, method);
    assert.deepEqual(Array.from(got.rdm!), e.rdm, method);
    assert.equal(got.stimuli, 7);
  }
});

test('compare: all six methods, square vs condensed .npy, and with permutations and bootstrap', async () => {
  const all = (await cli('compare', f['rdm-square.csv'], f['rdm-condensed.npy'], '--method', 'all')) as Json[];
  for (const e of all) {
    const method = e.measure.replace(/^compare:/, '') as 'spearman';
    const got = await analyseCompare(f['rdm-square.csv'], f['rdm-condensed.npy'], method, { permutations: 0, bootstrap: 0, seed: 0 });
    assert.equal(got.measure, e.measure);
    assert.equal(got.value, e.value, method);
  }
  assert.equal(all.length, 6);
  const e = (await cli('compare', f['rdm-square.csv'], f['rdm-condensed.npy'], '--method', 'tau-a', '--permutations', '99', '--bootstrap', '50', '--seed', '3')) as Json;
  const got = await analyseCompare(f['rdm-square.csv'], f['rdm-condensed.npy'], 'tau-a', { permutations: 99, bootstrap: 50, seed: 3 });
  assert.deepEqual([got.value, got.p, got.ci95], [e.value, e.p, e.ci95]);
});

test('compare: a NaN-holed behavioural RDM and a shuffled labelled RDM give the CLI values (shared pairs, matched by label)', async () => {
  const byo = (name: string) => fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url));
  const expected = JSON.parse(readFileSync(byo('byo_expected.json'), 'utf8')) as { behaviour_vs_model_euclidean: Record<string, number> };
  for (const method of ['spearman', 'tau-a'] as const) {
    const e = (await cli('compare', byo('behaviour_nan.csv'), byo('model_euclidean.csv'), '--method', method)) as Json;
    const got = await analyseCompare(byo('behaviour_nan.csv'), byo('model_euclidean.csv'), method, { permutations: 0, bootstrap: 0, seed: 0 });
    assert.equal(got.value, e.value, method);
    assert.ok(Math.abs(got.value - expected.behaviour_vs_model_euclidean[method]) < 1e-12, `${method}: ${got.value} vs scipy ${expected.behaviour_vs_model_euclidean[method]}`);
    assert.match(got.shapes[1], /59 of 66 pairs/);
  }
  const shuffled = await analyseCompare(byo('rdm_labelled.csv'), byo('rdm_labelled_shuffled.csv'), 'spearman', { permutations: 0, bootstrap: 0, seed: 0 });
  assert.equal(shuffled.value, 1);
  assert.match(shuffled.shapes[1], /matched by label/);
  await assert.rejects(
    analyseCompare(byo('behaviour_nan.csv'), byo('model_euclidean.csv'), 'spearman', { permutations: 99, bootstrap: 0, seed: 0 }),
    /need complete RDMs; pairs are missing in .*behaviour_nan\.csv \(7\)/,
  );
});

test('CKA: linear and debiased give the CLI value', async () => {
  for (const debiased of [false, true]) {
    const e = (await cli('cka', f['features.csv'], f['y.tsv'], ...(debiased ? ['--debiased'] : []))) as Json;
    const got = await analyseCka(f['features.csv'], f['y.tsv'], debiased);
    assert.equal(got.measure, e.measure);
    assert.equal(got.value, e.value);
  }
});

test('bad input: the CLI message (file:line:column), e.g. too few stimuli and mismatched sizes', async () => {
  await assert.rejects(analyseRdm(f['one-row.csv'], 'euclidean'), /one-row\.csv:1:1: only 1 stimulus \(rows\); an RDM needs at least 3/);
  await assert.rejects(analyseCka(f['features.csv'], f['rdm-square.csv'], false), /rows are stimuli and must match/);
});

test("the browser's extname stub agrees with node's", () => {
  for (const p of ['a.csv', 'dir/a.b.NPY', '.hidden', 'noext', 'x/.npy', 'a.', 'second/b.tsv', 'a/b.c/d']) assert.equal(stubExtname(p), extname(p), p);
});
