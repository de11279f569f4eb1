import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  cosineSimilarity, kendallCounts, kendallTauA, kendallTauB, mean, pearson, rhoA, spearman,
} from '../../src/core/correlation.ts';
import { countInversions } from '../../src/core/kendall.ts';

interface Comparison {
  pair: string;
  spearman: number;
  'rho-a': number;
  'tau-a': number;
  kendall: number;
  corr: number;
  cosine: number;
}
const expected = JSON.parse(readFileSync(new URL('../fixtures/rsa_expected.json', import.meta.url), 'utf8')) as {
  rdms: Record<string, { vector: number[] }>;
  model_rdms: Record<string, number[]>;
  comparisons: Comparison[];
};

function vector(name: string): number[] {
  const v = expected.rdms[name]?.vector ?? expected.model_rdms[name];
  assert.ok(v, `no RDM vector named ${name}`);
  return v;
}

function assertClose(got: number, want: number, rel: number, what: string): number {
  const err = Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);
  assert.ok(err <= rel, `${what}: got ${got}, want ${want} (relative error ${err})`);
  return err;
}

/** A small deterministic generator for test data (independent of src/core/random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Brute-force O(n²) pair counts. */
function brutePairs(x: ArrayLike<number>, y: ArrayLike<number>) {
  let concordant = 0, discordant = 0, xTies = 0, yTies = 0, jointTies = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign(x[i] - x[j]), dy = Math.sign(y[i] - y[j]);
      if (dx === 0) xTies++;
      if (dy === 0) yTies++;
      if (dx === 0 && dy === 0) jointTies++;
      if (dx * dy > 0) concordant++;
      if (dx * dy < 0) discordant++;
    }
  }
  return { concordant, discordant, xTies, yTies, jointTies };
}

test('all six comparisons match rsatoolbox on the reference RDM vectors (≤ 1e-10 relative)', () => {
  assert.ok(expected.comparisons.some((c) => c.pair === 'X_correlation~model_categorical'), 'the tied model is covered');
  let worst = 0;
  for (const c of expected.comparisons) {
    const [a, b] = c.pair.split('~');
    const x = vector(a), y = vector(b);
    worst = Math.max(
      worst,
      assertClose(spearman(x, y), c.spearman, 1e-10, `${c.pair} spearman`),
      assertClose(rhoA(x, y), c['rho-a'], 1e-10, `${c.pair} rho-a`),
      assertClose(kendallTauA(x, y), c['tau-a'], 1e-10, `${c.pair} tau-a`),
      assertClose(kendallTauB(x, y), c.kendall, 1e-10, `${c.pair} tau-b`),
      assertClose(pearson(x, y), c.corr, 1e-10, `${c.pair} corr`),
      assertClose(cosineSimilarity(x, y), c.cosine, 1e-10, `${c.pair} cosine`),
    );
  }
  assert.ok(worst < 1e-14, `worst relative error ${worst}`);
});

test('pearson and cosine: hand examples', () => {
  assertClose(pearson([1, 2, 3], [2, 4, 6]), 1, 1e-15, 'pearson');
  assertClose(pearson([1, 2, 3], [3, 2, 1]), -1, 1e-15, 'pearson');
  // x = [1, 2, 3, 4], y = [1, 3, 2, 4]: Σdxdy = 4, Σdx² = Σdy² = 5 → r = 0.8.
  assertClose(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8, 1e-15, 'pearson');
  // cos([1, 0, 1], [1, 1, 0]) = 1/2.
  assertClose(cosineSimilarity([1, 0, 1], [1, 1, 0]), 0.5, 1e-15, 'cosine');
  assert.equal(mean([1, 2, 3, 4, 5]), 3);
});

test('spearman and rho-a: hand examples with ties', () => {
  // x ranks [1, 2.5, 2.5, 4], y ranks [1, 2, 3, 4]: Σ(rx−2.5)(ry−2.5) = 4.5, Σ(rx−2.5)² = 4.5, Σ(ry−2.5)² = 5.
  assertClose(spearman([1, 2, 2, 3], [10, 20, 30, 40]), 4.5 / Math.sqrt(4.5 * 5), 1e-15, 'spearman');
  // rho-a = 12·4.5 / (4³ − 4) = 0.9.
  assertClose(rhoA([1, 2, 2, 3], [10, 20, 30, 40]), 0.9, 1e-15, 'rho-a');
  assertClose(spearman([1, 2, 3], [1, 4, 9]), 1, 1e-15, 'spearman');
});

test('constant or too short input gives NaN (never throws)', () => {
  const c = [2, 2, 2, 2];
  const v = [1, 2, 3, 4];
  for (const f of [pearson, spearman, rhoA, kendallTauA, kendallTauB]) {
    assert.ok(Number.isNaN(f(c, v)), `${f.name}(constant, v)`);
    assert.ok(Number.isNaN(f(v, c)), `${f.name}(v, constant)`);
    assert.ok(Number.isNaN(f([1], [2])), `${f.name} with n = 1`);
  }
  assert.ok(Number.isNaN(cosineSimilarity([0, 0], [1, 2])));
  assert.throws(() => pearson([1, 2], [1, 2, 3]), RangeError);
  assert.throws(() => kendallTauA([1, 2], [1, 2, 3]), RangeError);
});

test('kendall counts match a brute O(n²) count on random data with ties (n = 500)', () => {
  const r = lcg(11);
  for (const [levelsX, levelsY] of [[5, 7], [40, 3], [1000, 1000], [2, 1000]]) {
    const n = 500;
    const x = Array.from({ length: n }, () => Math.floor(r() * levelsX));
    const y = Array.from({ length: n }, (_, i) => Math.floor(r() * levelsY) + (i % 3 === 0 ? x[i] : 0));
    const b = brutePairs(x, y);
    const c = kendallCounts(x, y);
    const total = (n * (n - 1)) / 2;
    assert.equal(c.total, total);
    assert.equal(c.xTies, b.xTies);
    assert.equal(c.yTies, b.yTies);
    assert.equal(c.jointTies, b.jointTies);
    assert.equal(c.discordant, b.discordant);
    assert.equal(c.concordantMinusDiscordant, b.concordant - b.discordant);
    // tau-a: pairs tied in either variable count neither; tau-b: scipy's normalisation.
    assertClose(kendallTauA(x, y), (b.concordant - b.discordant) / total, 1e-14, 'tau-a');
    const tauB = (b.concordant - b.discordant) / Math.sqrt((total - b.xTies) * (total - b.yTies));
    assertClose(kendallTauB(x, y), tauB, 1e-14, 'tau-b');
  }
});

test('kendall on large tied inputs agrees with the brute count on a subsample structure', () => {
  // Two-valued x (a categorical model RDM) against a graded y: counts by hand.
  // x = 0 for the first half, 1 for the second; y = i. Every cross pair is concordant.
  const n = 20_000;
  const x = Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));
  const y = Array.from({ length: n }, (_, i) => i);
  const c = kendallCounts(x, y);
  const half = n / 2;
  assert.equal(c.discordant, 0);
  assert.equal(c.xTies, 2 * ((half * (half - 1)) / 2));
  assert.equal(c.concordantMinusDiscordant, half * half);
  assertClose(kendallTauA(x, y), (half * half) / ((n * (n - 1)) / 2), 1e-15, 'tau-a');
});

test('countInversions matches a brute count', () => {
  const r = lcg(5);
  const a = Array.from({ length: 400 }, () => Math.floor(r() * 50));
  let brute = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) if (a[i] > a[j]) brute++;
  assert.equal(countInversions(a, 50), brute);
  assert.throws(() => countInversions([0, 3], 3), RangeError);
  // Many levels, so the high/low split has many buckets (and levels that are not a power of two).
  for (const levels of [1, 2, 7, 1000, 5001]) {
    const b = Array.from({ length: 2500 }, () => Math.floor(r() * levels));
    let count = 0;
    for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) if (b[i] > b[j]) count++;
    assert.equal(countInversions(b, levels), count, `levels ${levels}`);
  }
});

test('spearman, rho-a and kendall are invariant under strictly increasing transforms (property)', () => {
  const transforms: ((v: number) => number)[] = [(v) => Math.exp(v / 10), (v) => v * v * v + 2 * v, (v) => Math.atan(v) * 3 - 1];
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -30, max: 30 })), { minLength: 3, maxLength: 60 }),
      fc.integer({ min: 0, max: transforms.length - 1 }),
      (pairs, t) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const tx = x.map(transforms[t]);
        for (const f of [spearman, rhoA, kendallTauA, kendallTauB]) {
          const a = f(x, y), b = f(tx, y);
          if (Number.isNaN(a)) assert.ok(Number.isNaN(b));
          else assert.ok(Math.abs(a - b) <= 1e-12, `${f.name}: ${a} vs ${b}`);
        }
        // Reversing the order of x flips the sign.
        const a = spearman(x, y);
        const neg = spearman(x.map((v) => -v), y);
        if (!Number.isNaN(a)) assert.ok(Math.abs(a + neg) <= 1e-12);
      },
    ),
    { numRuns: 300 },
  );
});

test('tau-a and tau-b on large tied inputs (helper thread once it is up) equal the counts worked out by hand', async () => {
  const { rankHelperReady } = await import('../../src/core/rank-helper.ts');
  // x = 0..n−1 and y = x mod m, in a shuffled order (the same for both): with q = n/m, the discordant
  // pairs are those of values u > v with u's copy in an earlier block: m(m−1)/2 · q(q−1)/2; y has
  // m·q(q−1)/2 tied pairs and x none.
  const m = 1000, q = 300, n = m * q;
  const r = lcg(12);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const x = Float64Array.from(order);
  const y = Float64Array.from(order, (v) => v % m);
  const total = (n * (n - 1)) / 2;
  const discordant = ((m * (m - 1)) / 2) * ((q * (q - 1)) / 2);
  const yTies = (m * q * (q - 1)) / 2;
  const tauA = (total - yTies - 2 * discordant) / total;
  const tauB = (total - yTies - 2 * discordant) / Math.sqrt(total) / Math.sqrt(total - yTies);
  assert.equal(await rankHelperReady(), true, 'the helper thread starts');
  for (const label of ['helper up', 'again']) {
    const c = kendallCounts(x, y);
    assert.deepEqual([c.discordant, c.yTies, c.xTies, c.jointTies], [discordant, yTies, 0, 0], label);
    assertClose(kendallTauA(x, y), tauA, 1e-15, `tau-a, ${label}`);
    assertClose(kendallTauB(x, y), tauB, 1e-15, `tau-b, ${label}`);
  }
});

test('tau-a with a NaN in y, ranked on the helper thread, still names its index', async () => {
  const { rankHelperReady } = await import('../../src/core/rank-helper.ts');
  assert.equal(await rankHelperReady(), true, 'the helper thread starts');
  const n = 150_000;
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
  y[123_456] = NaN;
  assert.throws(() => kendallCounts(x, y), /NaN at index 123456/);
  // and the helper still serves the next call
  y[123_456] = 1;
  assert.equal(kendallCounts(x, y).n, n);
});
