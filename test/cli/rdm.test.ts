import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { encodeNpy } from '../../src/core/npy-format.ts';
import { parseNumericTable } from '../../src/data/numeric-table.ts';
import { attune, scratch } from '../../test-support/run-cli.ts';

interface RdmRef {
  vector: number[];
  n_cond: number;
}
const expected = JSON.parse(readFileSync(new URL('../fixtures/rsa_expected.json', import.meta.url), 'utf8')) as {
  rdms: Record<string, RdmRef>;
};

/** Max relative error of a square CSV RDM against rsatoolbox's condensed vector; also checks symmetry and zero diagonal. */
function squareVsCondensed(csv: string, ref: number[], n: number): number {
  const rows = csv.trim().split('\n').map((line) => line.split(',').map(Number));
  assert.equal(rows.length, n);
  let k = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    assert.equal(rows[i].length, n);
    assert.equal(rows[i][i], 0);
    for (let j = i + 1; j < n; j++) {
      assert.equal(rows[i][j], rows[j][i]);
      worst = Math.max(worst, Math.abs(rows[i][j] - ref[k]) / Math.abs(ref[k]));
      k++;
    }
  }
  return worst;
}

test('rdm -o writes rsatoolbox\'s RDMs (correlation, euclidean) as an exact CSV; stdout and --json', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv']);
  t.after(cleanup);
  const [corr, eucl, printed, json] = await Promise.all([
    attune(['rdm', 'X_20x50.csv', '--method', 'correlation', '-o', 'corr.csv'], dir),
    attune(['rdm', 'X_20x50.csv', '--method=euclidean', '--output', 'eucl.csv'], dir),
    attune(['rdm', 'X_20x50.csv', '--method', 'cosine'], dir),
    attune(['rdm', 'X_20x50.csv', '--method', 'correlation', '--json'], dir),
  ]);
  for (const r of [corr, eucl, printed, json]) assert.equal(r.code, 0, r.stderr);
  assert.equal(corr.stdout, '');
  assert.match(corr.stderr, /wrote the 20×20 correlation RDM of X_20x50\.csv to corr\.csv/);
  const ref = expected.rdms;
  assert.ok(squareVsCondensed(readFileSync(join(dir, 'corr.csv'), 'utf8'), ref.X_correlation.vector, 20) <= 1e-10);
  assert.ok(squareVsCondensed(readFileSync(join(dir, 'eucl.csv'), 'utf8'), ref.X_euclidean.vector, 20) <= 1e-10);
  // No temporary files left next to the output.
  assert.deepEqual(
    (await import('node:fs')).readdirSync(dir).sort(),
    ['X_20x50.csv', 'corr.csv', 'eucl.csv'],
  );

  // Cosine to stdout: 20 rows of 20, symmetric, zero diagonal, values in [0, 2].
  const rows = printed.stdout.trim().split('\n').map((l) => l.split(',').map(Number));
  assert.equal(rows.length, 20);
  for (let i = 0; i < 20; i++) {
    assert.equal(rows[i][i], 0);
    for (let j = 0; j < 20; j++) assert.ok(rows[i][j] >= 0 && rows[i][j] <= 2 && rows[i][j] === rows[j][i]);
  }

  // --json: one document on stdout with the condensed vector and the mean dissimilarity.
  const doc = JSON.parse(json.stdout) as { measure: string; value: number; n: number; rdm: number[] };
  assert.equal(json.stdout.trim().split('\n').length, 1);
  assert.equal(doc.measure, 'rdm:correlation');
  assert.equal(doc.n, 20);
  assert.equal(doc.rdm.length, 190);
  let worst = 0;
  let mean = 0;
  for (let k = 0; k < 190; k++) {
    worst = Math.max(worst, Math.abs(doc.rdm[k] - ref.X_correlation.vector[k]) / Math.abs(ref.X_correlation.vector[k]));
    mean += ref.X_correlation.vector[k] / 190;
  }
  assert.ok(worst <= 1e-10, `max relative error ${worst}`);
  assert.ok(Math.abs(doc.value - mean) <= 1e-12 * mean);
});

test('rdm: bad input exits 2, names file:line:column, writes no output', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const files: Record<string, string> = {
    'nan.csv': '1,2,3\n4,5,6\n7,nan,9\n1,1,2\n',
    'inf.csv': '1,2,3\n4,5,6\n7,8,Infinity\n',
    'ragged.csv': '1,2,3\n4,5\n7,8,9\n',
    'text.csv': 'a,b,c\n1,2,3\n4,5,6\n7,8,9\n1,2,abc\n',
    'two.csv': '1,2,3\n4,5,6\n',
    'empty.csv': '',
    'constant-row.csv': '1,2,3\n5,5,5\n7,8,9\n',
    'ok.csv': '1,2,3\n4,5,7\n9,8,1\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const cases: [string[], RegExp][] = [
    [['nan.csv'], /^nan\.csv:3:2: non-finite value "nan" .*\(line 3, column 2\)\n$/],
    [['inf.csv'], /^inf\.csv:3:3: non-finite value "Infinity"/],
    [['ragged.csv'], /^ragged\.csv:2:3: ragged row: too few values, 2 where line 1 has 3 \(line 2, column 3\)\n$/],
    [['text.csv'], /^text\.csv:5:3: non-numeric value "abc" \(line 5, column 3\)\n$/],
    [['two.csv'], /^two\.csv:2:1: only 2 stimuli \(rows\); an RDM needs at least 3 \(line 2, column 1\)\n$/],
    [['empty.csv'], /^empty\.csv:1:1: empty file: no numeric rows \(line 1, column 1\)\n$/],
    [['missing.csv'], /^missing\.csv: file not found\n$/],
    [['constant-row.csv', '--method', 'correlation'], /^constant-row\.csv:2:1: stimulus row 2 is constant \(every value 5\), so its correlation distance is undefined/],
  ];
  const results = await Promise.all(cases.map(([args], k) => attune(['rdm', ...args, '-o', `out${k}.csv`], dir)));
  results.forEach((r, k) => {
    assert.equal(r.code, 2, `${cases[k][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[k][1]);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(join(dir, `out${k}.csv`)), false);
  });
  // Usage problems: unknown method, output folder that does not exist.
  const [badMethod, badFolder] = await Promise.all([
    attune(['rdm', 'two.csv', '--method', 'manhattan'], dir),
    attune(['rdm', 'ok.csv', '--method', 'euclidean', '-o', 'no/such/out.csv'], dir),
  ]);
  assert.equal(badMethod.code, 2);
  assert.match(badMethod.stderr, /--method must be one of euclidean, correlation, cosine, mahalanobis, crossnobis; got 'manhattan'/);
  assert.equal(badFolder.code, 2);
  assert.match(badFolder.stderr, /^no\/such\/out\.csv: cannot write: the folder no\/such does not exist/);
});

/** The 20×50 reference features as float64 .npy bytes. */
function referenceNpy(dir: string): Uint8Array {
  const { matrix } = parseNumericTable(readFileSync(join(dir, 'X_20x50.csv'), 'utf8'));
  return encodeNpy(Float64Array.from(matrix.data), [matrix.rows, matrix.cols]);
}

const exact = JSON.parse(readFileSync(new URL('../fixtures/exact/exact_expected.json', import.meta.url), 'utf8')) as {
  euclidean: Record<'1e4' | '1e8', { x: number[][]; rdm: number[] }>;
  euclidean_f32: Record<'1e4' | '1e8', { x: number[][]; rdm: number[] }>;
  near_duplicates: { x: number[][]; correlation: number[]; cosine: number[]; euclidean: number[] };
};

/** Rows as .npy bytes (float64, or float32 when asked). */
function npyOf(rows: number[][], float32 = false): Uint8Array {
  const flat = rows.flat();
  return encodeNpy(float32 ? Float32Array.from(flat) : Float64Array.from(flat), [rows.length, rows[0].length]);
}

test('rdm --method euclidean is exact on features with a large column offset (1e4, 1e8; float64 and float32 .npy)', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const cases: [string, number[]][] = [];
  for (const offset of ['1e4', '1e8'] as const) {
    writeFileSync(join(dir, `f8-${offset}.npy`), npyOf(exact.euclidean[offset].x));
    writeFileSync(join(dir, `f4-${offset}.npy`), npyOf(exact.euclidean_f32[offset].x, true));
    cases.push([`f8-${offset}.npy`, exact.euclidean[offset].rdm], [`f4-${offset}.npy`, exact.euclidean_f32[offset].rdm]);
  }
  const results = await Promise.all(cases.map(([file]) => attune(['rdm', file, '--method', 'euclidean', '--json'], dir)));
  results.forEach((r, k) => {
    assert.equal(r.code, 0, r.stderr);
    const got = (JSON.parse(r.stdout) as { rdm: number[] }).rdm;
    const want = cases[k][1];
    assert.equal(got.length, want.length);
    // float32 values 1e8 apart from their spread coincide: exact zeros are compared absolutely.
    const err = Math.max(...got.map((v, i) => (want[i] === 0 ? Math.abs(v) : Math.abs(v - want[i]) / Math.abs(want[i]))));
    assert.ok(err <= 1e-10, `${cases[k][0]}: rel err ${err}`);
  });
});

test('rdm with near-duplicate rows: every method exact to 1e-10 relative through the CLI, none negative, exact zeros within 1e-15', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const near = exact.near_duplicates;
  writeFileSync(join(dir, 'near.npy'), npyOf(near.x));
  for (const method of ['correlation', 'cosine', 'euclidean'] as const) {
    const r = await attune(['rdm', 'near.npy', '--method', method, '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const got = (JSON.parse(r.stdout) as { rdm: number[] }).rdm;
    const want = near[method];
    assert.ok(got.every((v) => v >= 0), `${method}: ${Math.min(...got)}`);
    const err = Math.max(...got.map((v, i) => (want[i] === 0 ? Math.abs(v) / 1e-5 : Math.abs(v - want[i]) / Math.abs(want[i]))));
    assert.ok(err <= 1e-10, `${method}: ${err}`);
  }
});

test('rdm on features whose distances overflow float64 (values near 1e308) exits 2 naming the file, writes nothing', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  writeFileSync(join(dir, 'huge.npy'), npyOf([[1e308, 1e308], [-1e308, -1e308], [0, 1]]));
  writeFileSync(join(dir, 'huge.csv'), '1e308,1e308\n-1e308,-1e308\n0,1\n');
  const [npy, csv, json, cosine] = await Promise.all([
    attune(['rdm', 'huge.npy', '--method', 'euclidean', '-o', 'out-npy.csv'], dir),
    attune(['rdm', 'huge.csv', '--method', 'euclidean', '-o', 'out-csv.csv'], dir),
    attune(['rdm', 'huge.npy', '--json'], dir),
    attune(['rdm', 'huge.npy', '--method', 'cosine', '--json'], dir),
  ]);
  for (const [r, file] of [[npy, 'huge.npy'], [csv, 'huge.csv'], [json, 'huge.npy']] as const) {
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^${file.replace('.', '\\.')}: the euclidean dissimilarity of rows 0 and 1 is Infinity: it overflows float64`));
    assert.equal(r.stdout, '');
  }
  assert.equal(existsSync(join(dir, 'out-npy.csv')), false);
  assert.equal(existsSync(join(dir, 'out-csv.csv')), false);
  // Cosine does not depend on the scale: the same file has a finite cosine RDM (2, 1 − 1/√2, 1 + 1/√2).
  assert.equal(cosine.code, 0, cosine.stderr);
  const got = (JSON.parse(cosine.stdout) as { rdm: number[] }).rdm;
  [2, 1 - Math.SQRT1_2, 1 + Math.SQRT1_2].forEach((want, k) => assert.ok(Math.abs(got[k] - want) <= 1e-15, `${got}`));
});

test('rdm reads a one-array .npz like the .npy and CSV it holds', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv']);
  t.after(cleanup);
  writeFileSync(join(dir, 'X.npz'), zipSync({ 'arr_0.npy': referenceNpy(dir) }));
  writeFileSync(join(dir, 'two.npz'), zipSync({ 'a.npy': referenceNpy(dir), 'b.npy': referenceNpy(dir) }));
  const [npz, csv, two] = await Promise.all([
    attune(['rdm', 'X.npz', '--method', 'correlation', '--json'], dir),
    attune(['rdm', 'X_20x50.csv', '--method', 'correlation', '--json'], dir),
    attune(['rdm', 'two.npz'], dir),
  ]);
  assert.equal(npz.code, 0, npz.stderr);
  const doc = JSON.parse(npz.stdout) as { n: number; rdm: number[] };
  assert.equal(doc.n, 20);
  assert.deepEqual(doc.rdm, (JSON.parse(csv.stdout) as { rdm: number[] }).rdm);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /^two\.npz: \.npz archive holds 2 arrays \(a, b\)/);
});

test('rdm on a features folder: one RDM per layer (-o DIR/<layer>.csv, a line per layer, or JSON)', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv']);
  t.after(cleanup);
  mkdirSync(join(dir, 'feats'));
  const names = Array.from({ length: 20 }, (_, i) => `image_${i + 1}.png`);
  writeFileSync(join(dir, 'feats', 'file_names.txt'), names.join('\r\n') + '\r\n');
  writeFileSync(join(dir, 'feats', 'layer10.npy'), referenceNpy(dir));
  writeFileSync(join(dir, 'feats', 'layer2.npz'), zipSync({ 'arr_0.npy': referenceNpy(dir) }));
  const [written, printed, json] = await Promise.all([
    attune(['rdm', 'feats', '--method', 'correlation', '-o', 'out/rdms'], dir),
    attune(['rdm', 'feats'], dir),
    attune(['rdm', 'feats', '--method', 'correlation', '--json'], dir),
  ]);
  for (const r of [written, printed, json]) assert.equal(r.code, 0, r.stderr);
  assert.equal(written.stdout, '');
  assert.match(written.stderr, /wrote 2 20×20 correlation RDMs of feats to out\/rdms/);
  assert.deepEqual(readdirSync(join(dir, 'out', 'rdms')).sort(), ['layer10.csv', 'layer2.csv']);
  // the layers are read as float32: rsatoolbox's float64 RDM to float32 accuracy
  const labelled = readFileSync(join(dir, 'out', 'rdms', 'layer2.csv'), 'utf8').trim().split('\n');
  assert.equal(labelled[0], `,${names.join(',')}`); // the stimuli's names label the rows and columns
  assert.deepEqual(labelled.slice(1).map((row) => row.split(',')[0]), names);
  const body = labelled.slice(1).map((row) => row.slice(row.indexOf(',') + 1)).join('\n');
  assert.ok(squareVsCondensed(body, expected.rdms.X_correlation.vector, 20) <= 1e-5);
  assert.match(printed.stdout, /^layer2: 20 stimuli, mean dissimilarity [\d.e-]+\nlayer10: 20 stimuli, mean dissimilarity [\d.e-]+\n$/);
  const doc = JSON.parse(json.stdout) as { measure: string; n: number; names: string[]; layers: { layer: string; value: number; rdm: number[] }[] };
  assert.equal(doc.measure, 'rdm:correlation');
  assert.equal(doc.n, 20);
  assert.deepEqual(doc.names, names);
  assert.deepEqual(doc.layers.map((l) => [l.layer, l.rdm.length]), [['layer2', 190], ['layer10', 190]]);
  assert.deepEqual(doc.layers[0].rdm, doc.layers[1].rdm);
  assert.ok(Math.abs(doc.layers[0].value - doc.layers[0].rdm.reduce((a, b) => a + b) / 190) <= 1e-12);
});

test('rdm on a bad features folder exits 2 naming the folder or file', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const folders: Record<string, Record<string, string | Uint8Array>> = {
    empty: {},
    'no-names': { 'fc.npy': encodeNpy(Float32Array.from([1, 2, 3, 4, 5, 7]), [3, 2]) },
    'no-layers': { 'file_names.txt': 'a\nb\nc\n' },
    'short': { 'file_names.txt': 'a\nb\nc\nd\n', 'fc.npy': encodeNpy(Float32Array.from([1, 2, 3, 4, 5, 7]), [3, 2]) },
    'constant': { 'file_names.txt': 'a\nb\nc\n', 'fc.npy': encodeNpy(Float32Array.from([1, 2, 3, 3, 5, 7]), [3, 2]) },
  };
  for (const [name, files] of Object.entries(folders)) {
    mkdirSync(join(dir, name));
    for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, name, file), content);
  }
  const cases: [string, RegExp][] = [
    ['empty', /^empty\/file_names\.txt: file not found/],
    ['no-names', /^no-names\/file_names\.txt: file not found/],
    ['no-layers', /^no-layers: no layer files/],
    ['short', /^short\/fc\.npy: has 3 rows \(shape 3×2\) but short\/file_names\.txt lists 4 stimuli/],
    ['constant', /^constant\/fc\.npy: stimulus row 2 is constant \(every value 3\), so its correlation distance is undefined \(b\)/],
  ];
  const results = await Promise.all(cases.map(([name]) => attune(['rdm', name, '--method', 'correlation', '-o', `out-${name}`], dir)));
  results.forEach((r, k) => {
    assert.equal(r.code, 2, `${cases[k][0]}: ${r.stderr}`);
    assert.match(r.stderr, cases[k][1]);
    assert.equal(existsSync(join(dir, `out-${cases[k][0]}`)), false);
  });
});
