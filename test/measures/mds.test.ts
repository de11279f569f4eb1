import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { classicalMds, kruskalStress } from '../../src/measures/mds.ts';
import { InvalidInputError } from '../../src/measures/errors.ts';

const fixture = (name: string) => new URL(`../fixtures/mds/${name}`, import.meta.url);
// numpy's classical MDS (eigh of −½·J·D²·J) and Kruskal's stress-1 on the same RDM: test/fixtures/mds/make_mds.py.
const expected = JSON.parse(readFileSync(fixture('mds_expected.json'), 'utf8')) as {
  coordinates: number[][];
  eigenvalues: number[];
  explained: number;
  stress1: number;
};

/** The strict upper triangle, row-major, of a square CSV without labels. */
function condensed(name: string): { vector: Float64Array; n: number } {
  const rows = readFileSync(fixture(name), 'utf8').trim().split('\n').map((line) => line.split(',').map(Number));
  const values: number[] = [];
  rows.forEach((row, i) => values.push(...row.slice(i + 1)));
  return { vector: Float64Array.from(values), n: rows.length };
}

test('classicalMds: coordinates (up to each axis\'s sign), eigenvalues, explained share and stress-1 match numpy', () => {
  const { vector, n } = condensed('rdm_12.csv');
  const mds = classicalMds(vector, n);
  assert.equal(mds.dims, 2);
  for (let c = 0; c < 2; c++) {
    const ours = Array.from({ length: n }, (_, i) => mds.coordinates[i * 2 + c]);
    const theirs = expected.coordinates.map((row) => row[c]);
    const sign = Math.sign(ours[0]) === Math.sign(theirs[0]) ? 1 : -1;
    ours.forEach((v, i) => assert.ok(Math.abs(sign * v - theirs[i]) <= 1e-10, `axis ${c + 1}, stimulus ${i + 1}: ${v} vs ${theirs[i]}`));
    // The documented sign rule (largest |coordinate| positive) is the fixture's too.
    assert.equal(sign, 1, `axis ${c + 1} sign`);
    assert.ok(Math.abs(mds.eigenvalues[c] - expected.eigenvalues[c]) <= 1e-10 * expected.eigenvalues[c]);
  }
  assert.ok(Math.abs(mds.explained - expected.explained) <= 1e-12, `explained ${mds.explained}`);
  const stress = kruskalStress(vector, mds);
  assert.ok(Math.abs(stress - expected.stress1) <= 1e-12, `stress ${stress} vs ${expected.stress1}`);
});

test('classicalMds: points that lie in a plane come back exactly (stress 0); NaN is refused', () => {
  const points = [[0, 0], [3, 0], [0, 4], [1, 1], [2, 5]];
  const vector: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) vector.push(Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]));
  }
  const mds = classicalMds(vector, points.length);
  assert.ok(kruskalStress(vector, mds) < 1e-12);
  assert.ok(Math.abs(mds.explained - 1) < 1e-12);
  // Collinear points: the second eigenvalue is (numerically) zero and the second axis carries nothing.
  const line = classicalMds([1, 2, 1], 3);
  assert.ok(Math.abs(line.coordinates[1]) < 1e-7 && Math.abs(line.coordinates[3]) < 1e-7 && Math.abs(line.coordinates[5]) < 1e-7);
  assert.throws(() => classicalMds([1, Number.NaN, 1], 3), InvalidInputError);
  assert.throws(() => classicalMds([1, 2], 3), InvalidInputError);
});
