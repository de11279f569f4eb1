// Shift-invariant distances on columns with a large common offset (offset/spread 1e4 and 1e8, as raw BOLD
// baselines), against exact values from test/fixtures/exact/exact_expected.py: relative error ≤ 1e-10.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rdmVector } from '../../src/measures/rdm.ts';
import { crossnobisRdm } from '../../src/measures/crossnobis.ts';
import { daviesBouldin } from '../../src/measures/davies-bouldin.ts';
import { calinskiHarabasz } from '../../src/measures/calinski-harabasz.ts';
import { xieBeni } from '../../src/measures/xie-beni.ts';
import { dunn } from '../../src/measures/dunn.ts';
import { silhouette } from '../../src/measures/silhouette.ts';
import { matrix } from '../../src/core/matrix.ts';
import { createRng } from '../../src/core/random.ts';
import { exact, features, maxRelErr, OFFSETS } from '../../test-support/exact-fixture.ts';

const BACKENDS = ['ts', 'ort'] as const;
const TOL = 1e-10;

test('euclidean RDM of float64 features with a large column offset is exact (both backends)', async () => {
  for (const offset of OFFSETS) {
    for (const backend of BACKENDS) {
      const { x, rdm } = exact.euclidean[offset];
      const err = maxRelErr(await rdmVector(features(x), 'euclidean', { backend }), rdm);
      assert.ok(err <= TOL, `offset ${offset}, ${backend}: rel err ${err}`);
    }
  }
});

test('euclidean RDM of float32 features with a large column offset: exact on the float64 kernel, float32-accurate on ORT', async () => {
  for (const offset of OFFSETS) {
    const { x, rdm } = exact.euclidean_f32[offset];
    const f32 = features(x, true);
    const err = maxRelErr(await rdmVector(f32, 'euclidean', { backend: 'ts' }), rdm);
    assert.ok(err <= TOL, `offset ${offset}, ts: rel err ${err}`);
    // ORT multiplies float32 in float32: the offset costs nothing beyond float32 rounding of the centred values.
    const ort = maxRelErr(await rdmVector(f32, 'euclidean', { backend: 'ort' }), rdm);
    assert.ok(ort <= 1e-6, `offset ${offset}, ort: rel err ${ort}`);
  }
});

test('a large offset input is centred chunk by chunk (several column chunks on ORT) and stays exact', async () => {
  const n = 300, p = 4000;
  const rng = createRng(12);
  const x = matrix(n, p);
  for (let j = 0; j < p; j++) {
    const baseline = 1e8 * (1 + (j % 13) / 26);
    for (let i = 0; i < n; i++) x.data[i * p + j] = baseline + rng.normal();
  }
  // Reference from the differences of the stored values (exact here, by Sterbenz) summed directly.
  const want = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let t = 0; t < p; t++) s += (x.data[i * p + t] - x.data[j * p + t]) ** 2;
      want[k++] = s / p;
    }
  }
  const err = maxRelErr(await rdmVector(x, 'euclidean', { backend: 'ort' }), want);
  assert.ok(err <= 1e-12, `rel err ${err}`);
});

test('mahalanobis RDM with a large column offset is exact and ≥ 0 (full precision matrix)', async () => {
  for (const offset of OFFSETS) {
    for (const backend of BACKENDS) {
      const { x, noise, rdm } = exact.mahalanobis[offset];
      const v = await rdmVector(features(x), 'mahalanobis', { backend, noise: features(noise) });
      assert.ok(maxRelErr(v, rdm) <= TOL, `offset ${offset}, ${backend}: rel err ${maxRelErr(v, rdm)}`);
      assert.ok(v.every((d) => d >= 0));
    }
  }
});

test('crossnobis RDM with a large column offset is exact (identity and diagonal precision)', async () => {
  for (const offset of OFFSETS) {
    for (const backend of BACKENDS) {
      const c = exact.crossnobis[offset];
      const x = features(c.x);
      const plain = maxRelErr(await crossnobisRdm(x, c.conditions, c.runs, { backend }), c.rdm);
      const noise = maxRelErr(await crossnobisRdm(x, c.conditions, c.runs, { backend, noise: c.noise_diagonal }), c.rdm_noise);
      assert.ok(plain <= TOL && noise <= TOL, `offset ${offset}, ${backend}: rel err ${plain}, ${noise}`);
    }
  }
});

test('crossnobis may be negative (unbiased): it is not clamped', async () => {
  // Two runs whose condition differences point opposite ways: d = (a1−b1)·(a2−b2)/p < 0.
  const f = features([[1e8 + 1, 1e8], [1e8, 1e8], [1e8 - 1, 1e8], [1e8, 1e8]]);
  const v = await crossnobisRdm(f, [0, 1, 0, 1], [0, 0, 1, 1]);
  assert.equal(v[0], -0.5);
});

test('cluster indices with a large column offset are exact (Davies–Bouldin, Calinski–Harabasz, Xie–Beni, Dunn, silhouette)', async () => {
  for (const offset of OFFSETS) {
    const c = exact.clusters[offset];
    const x = features(c.x);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    const direct: [string, number, number][] = [
      ['davies-bouldin', daviesBouldin(x, c.labels).value, c.davies_bouldin],
      ['calinski-harabasz', calinskiHarabasz(x, c.labels).value, c.calinski_harabasz],
      ['xie-beni', xieBeni(x, c.labels).value, c.xie_beni],
    ];
    for (const backend of BACKENDS) {
      direct.push([`dunn ${backend}`, (await dunn(x, c.labels, { backend })).value, c.dunn]);
      direct.push([`silhouette ${backend}`, (await silhouette(x, c.labels, { backend })).value, c.silhouette]);
    }
    for (const [name, got, want] of direct) assert.ok(rel(got, want) <= TOL, `offset ${offset}, ${name}: ${got} vs ${want}`);
  }
});
