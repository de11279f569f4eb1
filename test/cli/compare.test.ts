import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { formatNumber } from '../../src/cli/output.ts';
import { formatP } from '../../src/report/format-p.ts';

type Comparison = Record<string, number | string>;
const expected = JSON.parse(readFileSync(new URL('../fixtures/rsa_expected.json', import.meta.url), 'utf8')) as {
  comparisons: Comparison[];
  model_rdms: Record<string, number[]>;
};
const METHODS = ['spearman', 'rho-a', 'tau-a', 'kendall', 'corr', 'cosine'];
const reference = (pair: string) => expected.comparisons.find((c) => c.pair === pair) as Comparison;

/** `method value …` lines of the human output, as a map method → printed value text. */
function printedValues(stdout: string): Map<string, string> {
  return new Map(stdout.trim().split('\n').map((line) => line.trim().split(/\s+/).slice(0, 2) as [string, string]));
}

// One scratch folder for the whole file: a.csv and b.csv are the correlation RDMs `attune rdm` makes of X and Y.
let dir = '';
let cleanup = () => {};
before(async () => {
  ({ dir, cleanup } = scratch(['X_20x50.csv', 'Y_20x50.csv', 'npy_X_20x50.npy']));
  const made = await Promise.all([
    attune(['rdm', 'X_20x50.csv', '--method', 'correlation', '-o', 'a.csv'], dir),
    attune(['rdm', 'Y_20x50.csv', '--method', 'correlation', '-o', 'b.csv'], dir),
    attune(['rdm', 'npy_X_20x50.npy', '--method', 'correlation', '-o', 'a-from-npy.csv'], dir),
  ]);
  for (const r of made) assert.equal(r.code, 0, r.stderr);
});
after(() => cleanup());

describe('attune compare', { concurrency: true }, () => {
  test('acceptance: rdm → compare --method all prints exactly rsatoolbox\'s values (X_correlation~Y_correlation)', async () => {
    // The .npy of the same data gives a byte-identical RDM file.
    assert.equal(readFileSync(join(dir, 'a-from-npy.csv'), 'utf8'), readFileSync(join(dir, 'a.csv'), 'utf8'));

    const [human, json] = await Promise.all([
      attune(['compare', 'a.csv', 'b.csv', '--method', 'all'], dir),
      attune(['compare', 'a.csv', 'b.csv', '--method', 'all', '--json'], dir),
    ]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stderr, /a\.csv vs b\.csv: 20 stimuli, 190 pairs/);
    const ref = reference('X_correlation~Y_correlation');
    const printed = printedValues(human.stdout);
    assert.deepEqual([...printed.keys()], METHODS);
    for (const m of METHODS) {
      // Python's repr and JavaScript's String() both print the shortest round-trip text of a float64, and the
      // RDMs and comparisons follow numpy's summation order (src/core/numpy-order.ts): every digit agrees.
      assert.equal(printed.get(m), String(ref[m]), `${m}: printed ${printed.get(m)}, rsatoolbox ${ref[m]}`);
    }

    assert.equal(json.code, 0, json.stderr);
    const scores = JSON.parse(json.stdout) as { value: number; measure: string; n: number; details: { stimuli: number } }[];
    assert.equal(scores.length, 6);
    scores.forEach((s, k) => {
      assert.equal(s.measure, `compare:${METHODS[k]}`);
      assert.equal(s.n, 190);
      assert.equal(s.details.stimuli, 20);
      assert.equal(formatNumber(s.value), printed.get(METHODS[k]));
    });
  });

  test('rsatoolbox\'s own RDM vectors as condensed rows: every method prints rsatoolbox\'s value', async () => {
    const vectors = (expected as unknown as { rdms: Record<string, { vector: number[] }> }).rdms;
    writeFileSync(join(dir, 'ref-x.csv'), vectors.X_correlation.vector.map(String).join(',') + '\n');
    writeFileSync(join(dir, 'ref-y.csv'), vectors.Y_correlation.vector.map(String).join(',') + '\n');
    const human = await attune(['compare', 'ref-x.csv', 'ref-y.csv', '--method', 'all'], dir);
    assert.equal(human.code, 0, human.stderr);
    const ref = reference('X_correlation~Y_correlation');
    const printed = printedValues(human.stdout);
    for (const m of METHODS) assert.equal(printed.get(m), String(ref[m]), `${m}: printed ${printed.get(m)}, rsatoolbox ${ref[m]}`);
  });

  test('condensed vectors (one row or one column) with ties match rsatoolbox; single method JSON', async () => {
    const model = expected.model_rdms.model_categorical;
    writeFileSync(join(dir, 'model-row.csv'), model.map(String).join(',') + '\n');
    writeFileSync(join(dir, 'model-col.tsv'), 'dissimilarity\n' + model.map(String).join('\n') + '\n');
    const [row, col, single] = await Promise.all([
      attune(['compare', 'a.csv', 'model-row.csv', '--method', 'all', '--json'], dir),
      attune(['compare', 'a.csv', 'model-col.tsv', '--method', 'all'], dir),
      attune(['compare', 'a.csv', 'model-row.csv', '--method', 'kendall', '--json'], dir),
    ]);
    const ref = reference('X_correlation~model_categorical');
    assert.equal(row.code, 0, row.stderr);
    const scores = JSON.parse(row.stdout) as { value: number; measure: string }[];
    let worst = 0;
    scores.forEach((s, k) => {
      const r = ref[METHODS[k]] as number;
      worst = Math.max(worst, Math.abs(s.value - r) / Math.abs(r));
    });
    assert.ok(worst <= 1e-10, `max relative error ${worst}`);
    assert.equal(col.code, 0, col.stderr);
    const printed = printedValues(col.stdout);
    for (const [k, m] of METHODS.entries()) assert.equal(Number(printed.get(m)), scores[k].value);
    assert.equal(single.code, 0, single.stderr);
    const one = JSON.parse(single.stdout) as { value: number; measure: string; n: number; seed?: number };
    assert.equal(one.measure, 'compare:kendall');
    assert.equal(one.n, 190);
    assert.equal(one.seed, undefined);
    assert.ok(Math.abs(one.value - (ref.kendall as number)) <= 1e-10 * Math.abs(ref.kendall as number));
  });

  test('permutations, bootstrap (seeded, reproducible) and the geo-topological transform', async () => {
    const inference = ['compare', 'a.csv', 'b.csv', '--permutations', '199', '--bootstrap', '100', '--seed', '7', '--json'];
    const humanArgs = ['compare', 'a.csv', 'b.csv', '--permutations', '99', '--bootstrap', '50'];
    const [first, second, human, humanJson, gt] = await Promise.all([
      attune(inference, dir),
      attune(inference, dir),
      attune(humanArgs, dir),
      attune([...humanArgs, '--json'], dir),
      attune(['compare', 'a.csv', 'b.csv', '--method', 'spearman', '--transform', 'geotopological:0.1,0.9', '--json'], dir),
    ]);
    for (const r of [first, second, human, humanJson, gt]) assert.equal(r.code, 0, r.stderr);
    assert.equal(first.stdout, second.stdout);
    const s = JSON.parse(first.stdout) as { value: number; p: number; ci95: [number, number]; seed: number; measure: string };
    assert.equal(s.seed, 7);
    assert.equal(s.value, reference('X_correlation~Y_correlation').spearman);
    // p = (count + 1) / (199 + 1); X and Y share structure, so no relabelling should match it.
    assert.ok(Number.isInteger(Math.round(s.p * 200)) && Math.abs(s.p * 200 - Math.round(s.p * 200)) < 1e-9);
    assert.ok(s.p > 0 && s.p <= 0.05, `p = ${s.p}`);
    assert.ok(s.ci95[0] < s.ci95[1]);
    // The human line gives p for people (3 significant digits, or 'p < 0.0001'); --json keeps it in full.
    assert.match(human.stdout, /^spearman  0\.42049014333390194  p (= [0-9.]+|< 0\.0001)  ci95=\[[0-9.e-]+, [0-9.e-]+\]\n$/);
    const p = (JSON.parse(humanJson.stdout) as { p: number }).p;
    assert.ok(human.stdout.includes(`  ${formatP(p)}  `), `${human.stdout} shows ${formatP(p)}`);

    // numpy: quantile (linear) thresholds at 0.1 and 0.9 of each rsatoolbox vector, then scipy.stats.spearmanr.
    const g = JSON.parse(gt.stdout) as { value: number; measure: string };
    assert.equal(g.measure, 'compare:spearman:geotopological(0.1,0.9)');
    assert.ok(Math.abs(g.value - 0.4178839554544618) <= 1e-10 * 0.4178839554544618, `geotopological spearman ${g.value}`);
  });

  test('bad RDMs exit 2 naming file, line and column of the first offending cell', async () => {
    const files: Record<string, string> = {
      'good4.csv': '0,1,2,3\n1,0,4,5\n2,4,0,6\n3,5,6,0\n',
      'good5.csv': '0,1,2,3,4\n1,0,5,6,7\n2,5,0,8,9\n3,6,8,0,1\n4,7,9,1,0\n',
      'notsquare.csv': '0,1,2,3\n1,0,4,5\n2,4,0,6\n',
      'asym.csv': 'a,b,c,d\n0,1,2,3\n1,0,4,5\n2,4,0,6\n3,9,6,0\n',
      'diag.csv': '0,1,2,3\n1,0,4,5\n2,4,0.5,6\n3,5,6,0\n',
      'constant.csv': '0,1,1,1\n1,0,1,1\n1,1,0,1\n1,1,1,0\n',
      'badlength.csv': '1,2,3,4,5\n',
      'two.csv': '0,1\n1,0\n',
      'nan.csv': '0,1,2,3\n1,0,4,5\n2,4,0,nan\n3,5,6,0\n',
      'empty.csv': '\n\n',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const cases: [string[], RegExp][] = [
      [['notsquare.csv', 'good4.csv'], /^notsquare\.csv:1:4: not an RDM: 3 rows × 4 columns is neither square nor a single row\/column/],
      [['good4.csv', 'asym.csv'], /^asym\.csv:3:4: not an RDM: not symmetric, 5 here but 9 at line 5, column 2 \(line 3, column 4\)\n$/],
      [['diag.csv', 'good4.csv'], /^diag\.csv:3:3: not an RDM: diagonal value 0\.5 should be 0 \(line 3, column 3\)\n$/],
      [['good4.csv', 'good5.csv'], /^good5\.csv:1:2: RDM size mismatch: 5 stimuli \(10 pairs\) here but 4 stimuli \(6 pairs\) in good4\.csv/],
      [['good4.csv', 'constant.csv'], /^constant\.csv:1:2: constant RDM: all 6 dissimilarities equal 1/],
      [['badlength.csv', 'good4.csv'], /^badlength\.csv:1:5: a condensed RDM needs n\(n−1\)\/2 values \(3, 6, 10, 15, …\), this row has 5/],
      [['two.csv', 'good4.csv'], /^two\.csv:1:1: an RDM of 2 stimuli; comparing RDMs needs at least 3 stimuli/],
      // a missing pair (NaN) must be missing on both sides of the diagonal
      [['good4.csv', 'nan.csv'], /^nan\.csv:3:4: not an RDM: not symmetric, NaN here but 6 at line 4, column 3/],
      [['empty.csv', 'good4.csv'], /^empty\.csv:1:1: empty file/],
      [['good4.csv', 'absent.csv'], /^absent\.csv: file not found\n$/],
    ];
    const results = await Promise.all(cases.map(([files]) => attune(['compare', ...files], dir)));
    results.forEach((r, k) => {
      assert.equal(r.code, 2, `${cases[k][0].join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, cases[k][1]);
      assert.equal(r.stdout, '');
    });
    const usage = await Promise.all([
      attune(['compare', 'good4.csv', 'good4.csv', '--permutations', '-3'], dir),
      attune(['compare', 'good4.csv', 'good4.csv', '--transform', 'geotopological:0.9,0.1'], dir),
      attune(['compare', 'good4.csv', 'good4.csv', '--method', 'pearson'], dir),
      attune(['compare', 'good4.csv'], dir),
    ]);
    for (const r of usage) assert.equal(r.code, 2, r.stderr);
    assert.match(usage[0].stderr, /--permutations/);
    assert.match(usage[1].stderr, /--transform geotopological needs quantiles 0 ≤ lower < upper ≤ 1/);
    assert.match(usage[2].stderr, /--method must be one of spearman, rho-a, tau-a, kendall, corr, cosine, all/);
    assert.match(usage[3].stderr, /missing <rdm-b>/);
  });
});
