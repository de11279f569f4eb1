import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch } from '../../test-support/run-cli.ts';

// Peer values: platonic-rep and numpy on X_20x50 / Y_20x50 (a copy of ../shared/reference/cka_ridge_expected.json).
const peer = JSON.parse(readFileSync(new URL('../fixtures/cka_ridge_expected.json', import.meta.url), 'utf8')) as {
  cka: {
    numpy_linear_cka: number;
    numpy_linear_cka_unbiased: number;
    platonic_rep: { mutual_knn_topk5: number; cycle_knn_topk5: number; cknna_topk5: number; mutual_knn_topk5_l2normalized: number };
  };
};
// SVCCA, PWCCA and Procrustes are not in the shared reference: test/fixtures/similarity/make_similarity.py computes
// every measure with numpy/scipy from the published definitions, on the reference pair and on a 120-stimulus pair.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/similarity/similarity_expected.json', import.meta.url), 'utf8')) as Record<
  'reference_pair' | 'well_posed_pair',
  { values: Record<string, number | number[]> }
>;

interface SimilarityJson {
  value: number;
  measure: string;
  n: number;
  parameters: Record<string, unknown>;
  details: Record<string, unknown>;
}

/** Run `attune similarity` with --json in a scratch folder holding the fixtures; the parsed document. */
async function similarity(dir: string, x: string, y: string, options: string[]): Promise<SimilarityJson> {
  const r = await attune(['similarity', x, y, ...options, '--json'], dir);
  assert.equal(r.code, 0, `${options.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout) as SimilarityJson;
}

function assertClose(actual: number, expected: number, relative: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(1e-12, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

test('similarity: cka, knn and cknna match platonic-rep / numpy on the reference pair (../shared/reference)', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv', 'Y_20x50.csv']);
  t.after(cleanup);
  const [cka, ckaDebiased, mutual, cycle, ck, mutualCosine] = await Promise.all([
    similarity(dir, 'X_20x50.csv', 'Y_20x50.csv', ['--measure', 'cka']),
    similarity(dir, 'X_20x50.csv', 'Y_20x50.csv', ['--measure', 'cka', '--debiased']),
    similarity(dir, 'X_20x50.csv', 'Y_20x50.csv', ['--measure', 'knn', '--k', '5']),
    similarity(dir, 'X_20x50.csv', 'Y_20x50.csv', ['--measure', 'knn:cycle:k5']),
    similarity(dir, 'X_20x50.csv', 'Y_20x50.csv', ['--measure', 'cknna', '--k', '5']),
    similarity(dir, 'X_20x50.csv', 'Y_20x50.csv', ['--measure', 'knn:k5', '--normalize']),
  ]);
  const p = peer.cka.platonic_rep;
  assertClose(cka.value, peer.cka.numpy_linear_cka, 1e-12, 'cka');
  assert.equal(cka.measure, 'cka:linear');
  assert.deepEqual(cka.parameters, { kernel: 'linear', debiased: false });
  assert.equal(cka.n, 20);
  assertClose(ckaDebiased.value, peer.cka.numpy_linear_cka_unbiased, 1e-12, 'cka debiased');
  assert.equal(ckaDebiased.measure, 'cka:linear:debiased');
  // platonic-rep's k-NN masks are float32, and its cknna adds 1e-6 to the denominator: agreement to about 1e-6.
  assertClose(mutual.value, p.mutual_knn_topk5, 1e-6, 'mutual knn');
  assert.equal(mutual.measure, 'knn:mutual:k5');
  assert.deepEqual(mutual.parameters, { kind: 'mutual', k: 5, normalize: false });
  assertClose(cycle.value, p.cycle_knn_topk5, 1e-6, 'cycle knn');
  assert.equal(cycle.measure, 'knn:cycle:k5');
  assertClose(ck.value, p.cknna_topk5, 1e-6, 'cknna');
  assert.equal(ck.measure, 'cknna:k5');
  assertClose(mutualCosine.value, p.mutual_knn_topk5_l2normalized, 1e-6, 'mutual knn, l2-normalised');
  assert.equal(mutualCosine.measure, 'knn:mutual:k5:l2norm');
});

test('similarity: svcca, pwcca and procrustes match the numpy/scipy fixture (every id: test/measures/pair-measure.test.ts)', async () => {
  const dir = new URL('../fixtures/similarity/', import.meta.url).pathname;
  const [a, b] = ['A_120x30.csv', 'B_120x25.csv'];
  const runs: [string[], string][] = [
    [['--measure', 'svcca'], 'svcca'],
    [['--measure', 'svcca', '--variance', '0.9'], 'svcca:var0.9'],
    [['--measure', 'pwcca'], 'pwcca'],
    [['--measure', 'procrustes'], 'procrustes'],
    [['--measure', 'procrustes:angular'], 'procrustes:angular'],
    [['--measure', 'cka', '--kernel', 'rbf', '--threshold', '0.5', '--debiased'], 'cka:rbf:sigma0.5:debiased'],
  ];
  const results = await Promise.all(runs.map(([options]) => similarity(dir, a, b, options)));
  const values = fixture.well_posed_pair.values;
  results.forEach((r, i) => {
    const id = runs[i][1];
    assert.equal(r.measure, id);
    assert.equal(r.n, 120);
    assertClose(r.value, values[id] as number, 1e-10, id);
  });
  assert.deepEqual([results[0].details.kx, results[0].details.ky], values.svcca_dims);
  assert.deepEqual(results[0].parameters, { varianceKept: 0.99 });
  assert.deepEqual(results[1].parameters, { varianceKept: 0.9 });
  assert.deepEqual(results[5].parameters, { kernel: 'rbf', debiased: true, threshold: 0.5 });
});

test('similarity: human output, and usage errors exit 2 with a sentence', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv', 'Y_20x50.csv']);
  t.after(cleanup);
  const human = await attune(['similarity', 'X_20x50.csv', 'Y_20x50.csv', '--measure', 'procrustes'], dir);
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /^procrustes {2}0\.329195941170\d*\n$/);
  assert.match(human.stderr, /X_20x50\.csv \(20×50\) vs Y_20x50\.csv \(20×50\)/);
  const cases: [string[], RegExp][] = [
    [[], /--measure is required/],
    [['--measure', 'cca'], /unknown measure 'cca'.*measures: cka/],
    [['--measure', 'pwcca', '--k', '5'], /--k applies to knn and cknna only/],
    [['--measure', 'knn', '--debiased'], /--debiased applies to cka only/],
    [['--measure', 'cka:linear', '--kernel', 'rbf'], /--kernel rbf contradicts --measure cka:linear/],
    [['--measure', 'svcca', '--variance', '1.5'], /--variance must be a number in \(0, 1\]/],
    [['--measure', 'knn:k5', '--k', '6'], /--k 6 contradicts --measure knn:k5/],
    [['--measure', 'knn', '--k', '25'], /only 20 stimuli \(rows\); knn with k = 25 needs at least 26/],
  ];
  const results = await Promise.all(cases.map(([options]) => attune(['similarity', 'X_20x50.csv', 'Y_20x50.csv', ...options], dir)));
  results.forEach((r, i) => {
    assert.equal(r.code, 2, `${cases[i][0].join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, cases[i][1]);
    assert.equal(r.stdout, '');
  });
});

test('similarity: labelled rows are matched by label (Y shuffled gives the unshuffled value); differing labels exit 2', async (t) => {
  const { dir, cleanup } = scratch(['X_20x50.csv', 'Y_20x50.csv']);
  t.after(cleanup);
  const labelled = (name: string, order: number[], rename: (i: number) => string = (i) => `stim${i + 1}`): void => {
    const rows = readFileSync(join(dir, name), 'utf8').trim().split('\n');
    const header = ['stimulus', ...rows[0].split(',').map((_, j) => `unit${j + 1}`)].join(',');
    writeFileSync(join(dir, `labelled-${name}`), [header, ...order.map((i) => `${rename(i)},${rows[i]}`)].join('\n') + '\n');
  };
  const identity = Array.from({ length: 20 }, (_, i) => i);
  const shuffled = identity.map((i) => (i * 7) % 20); // 7 is prime to 20: a permutation
  labelled('X_20x50.csv', identity);
  labelled('Y_20x50.csv', shuffled);
  writeFileSync(join(dir, 'shuffled-plain.csv'), shuffled.map((i) => readFileSync(join(dir, 'Y_20x50.csv'), 'utf8').trim().split('\n')[i]).join('\n') + '\n');
  const [byLabel, plain] = await Promise.all([
    similarity(dir, 'labelled-X_20x50.csv', 'labelled-Y_20x50.csv', ['--measure', 'procrustes']),
    similarity(dir, 'X_20x50.csv', 'shuffled-plain.csv', ['--measure', 'procrustes']),
  ]);
  assertClose(byLabel.value, fixture.reference_pair.values.procrustes as number, 1e-10, 'matched by label');
  assert.equal(byLabel.details.matchedByLabel, true);
  assert.ok(Math.abs(plain.value - byLabel.value) > 0.1, `unlabelled rows are taken in file order (${plain.value})`);
  labelled('Y_20x50.csv', identity, (i) => (i === 3 ? 'other' : `stim${i + 1}`));
  const differ = await attune(['similarity', 'labelled-X_20x50.csv', 'labelled-Y_20x50.csv', '--measure', 'cka'], dir);
  assert.equal(differ.code, 2, differ.stderr);
  assert.match(differ.stderr, /labels differ from X's.*'stim4' is not in Y, 'other' is not in X/);
});
