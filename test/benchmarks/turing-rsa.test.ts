// Turing RSA: the 92-image human-to-human distribution and candidates' place in it against numpy/scipy; the
// word-pair group comparison on GloVe against scipy, and with a scripted rater.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentileAmong, turingBenchmarks, turingRsa92, turingRsa92Benchmarks, turingRsa92Outcome, turingWordPairsBenchmark } from '../../src/benchmarks/turing-rsa.ts';
import { InputError } from '../../src/core/input-error.ts';
import { loadRdm92 } from '../../src/data/datasets/rdm92.ts';
import { loadWordSimilarity } from '../../src/data/datasets/word-similarity.ts';
import { loadGlove } from '../../src/models/glove.ts';
import type { RaterModel } from '../../src/models/word-model.ts';

// Expected values: test/fixtures/turing-rsa/turing_expected.py (scipy: loadmat, rankdata, kendalltau, spearmanr).
const expected = JSON.parse(readFileSync(new URL('../fixtures/turing-rsa/turing_expected.json', import.meta.url), 'utf8'));
const data = loadRdm92();
const close = (a: number, b: number, what: string, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('92 images: each judge vs the mean of the other 15, and candidates vs the group, as numpy/scipy compute them', async () => {
  for (const method of ['tau-a', 'spearman'] as const) {
    const want = expected.rdm92[method];
    const candidates = data.models.filter((m) => m.name in want.candidates);
    const r = await turingRsa92(candidates, { method, bootstrap: 0, data });
    assert.equal(r.method, method);
    assert.equal(r.human.values.length, 16);
    r.human.values.forEach((v, s) => close(v, want.human[s], `${method} judge ${s + 1}`));
    close(r.human.mean, want.humanMean, `${method} human mean`);
    close(r.human.median, want.humanMedian, `${method} human median`);
    close(r.ceiling.value, want.humanMean, `${method} ceiling = mean human agreement`);
    assert.equal(r.human.names[0], 'simJudge | subject1');
    for (const c of r.candidates) {
      const w = want.candidates[c.name];
      close(c.value, w.value, `${method} ${c.name}`);
      assert.equal(c.percentile, w.percentile);
      close(c.matched.value, w.matched, `${method} ${c.name} matched`);
      assert.equal(c.matched.percentile, w.matchedPercentile);
      assert.equal(c.ci95, undefined);
    }
  }
  assert.equal(expected.rdm92['tau-a'].candidates.monkeyIT.percentile, 18.75); // 3 of the 16 judges agree less with the group
});

test('92 images: bootstrap interval over stimuli, the outcome for the report, and bad candidate RDMs', async () => {
  const monkey = data.models.find((m) => m.name === 'monkeyIT')!;
  const r = await turingRsa92([monkey], { bootstrap: 60, seed: 4, data });
  const [lo, hi] = r.candidates[0].ci95!;
  assert.ok(lo < hi && lo > 0 && hi < 1);
  assert.deepEqual((await turingRsa92([monkey], { bootstrap: 60, seed: 4, data })).candidates[0].ci95, [lo, hi]);
  const outcome = turingRsa92Outcome(r, 'monkeyIT');
  assert.equal(outcome.score.measure, 'turing:rdm92:tau-a:group-mean');
  close(outcome.score.value, expected.rdm92['tau-a'].candidates.monkeyIT.value, 'value');
  close(outcome.score.normalized!, expected.rdm92['tau-a'].candidates.monkeyIT.normalizedMatched, 'normalized: matched / lower');
  assert.equal(outcome.extra!.percentile.value, 18.75);
  assert.equal(outcome.dataset.id, 'rdm92_kriegeskorte');
  await assert.rejects(turingRsa92([{ name: 'short.csv', rdm: new Float64Array(10) }], { data }), (e: unknown) => e instanceof InputError && e.file === 'short.csv' && /4186 values/.test(e.message));
  await assert.rejects(turingRsa92([{ name: 'flat.csv', rdm: new Float64Array(4186).fill(1) }], { data }), /constant/);
  await assert.rejects(turingRsa92([monkey], { bootstrap: 1.5, data }), InputError);
});

test('92-image rows: one fixed-subject row per model RDM and --model-rdm file, tau-a with Spearman beside it; --transform', async () => {
  const monkey = data.models.find((m) => m.name === 'monkeyIT')!;
  const rows = turingRsa92Benchmarks([{ name: 'mine', rdm: monkey.rdm }]);
  assert.equal(rows.length, 9);
  assert.deepEqual(rows.map((b) => b.id).slice(0, 3), ['turing:rdm92:animacy', 'turing:rdm92:FaceBodyManmadeNatobj', 'turing:rdm92:monkeyIT']);
  assert.equal(rows[8].id, 'turing:rdm92:mine');
  assert.deepEqual(rows[0].subject, { kind: 'fixed' });
  const dummy = { kind: 'rater' } as RaterModel;
  const row = await rows[2].run(dummy, { seed: 0, bootstrap: 0 });
  close(row.score.value, expected.rdm92['tau-a'].candidates.monkeyIT.value, 'monkeyIT tau-a');
  close(row.extra!.spearman.value, expected.rdm92.spearman.candidates.monkeyIT.value, 'monkeyIT spearman');
  assert.equal(row.extra!['spearman-percentile'].value, expected.rdm92.spearman.candidates.monkeyIT.percentile);
  assert.deepEqual(row.scored, { id: 'rdm:monkeyIT', revision: data.dataset.checksum });
  const mine = await rows[8].run(dummy, { seed: 0, bootstrap: 0 });
  assert.equal(mine.score.value, row.score.value);
  const want = expected.geotopological;
  const t = await rows[2].run(dummy, { seed: 0, bootstrap: 0, transform: { lower: 0.1, upper: 0.9 } });
  assert.equal(t.score.measure, 'turing:rdm92:tau-a:group-mean:geotopological(0.1,0.9)');
  close(t.score.value, want.candidates.monkeyIT.value, 'transformed monkeyIT');
  assert.equal(t.extra!.percentile.value, want.candidates.monkeyIT.percentile);
  (t.score.details!.human as { values: number[] }).values.forEach((v, s) => close(v, want.human[s], `transformed judge ${s + 1}`));
  const r = await turingRsa92([data.models.find((m) => m.name === 'HMAX')!], { bootstrap: 0, data, transform: { lower: 0.1, upper: 0.9 } });
  close(r.candidates[0].value, want.candidates.HMAX.value, 'transformed HMAX');
});

test('92 images: normalized is like for like (matched / lower bound), never the all-judges value / a leave-one-out bound', async () => {
  const rows = turingRsa92Benchmarks();
  const dummy = { kind: 'rater' } as RaterModel;
  for (const name of ['animacy', 'monkeyIT', 'HMAX', 'RADON']) {
    const row = await rows.find((b) => b.id === `turing:rdm92:${name}`)!.run(dummy, { seed: 0, bootstrap: 0 });
    for (const [method, score, matched] of [['tau-a', row.score, row.extra!.matched], ['spearman', row.extra!.spearman, row.extra!['spearman-matched']]] as const) {
      const want = expected.rdm92[method];
      const w = want.candidates[name];
      close(score.value, w.value, `${method} ${name} value (vs all 16)`);
      close(score.ceiling!.lower!, want.humanMean, `${method} lower bound`);
      assert.ok(score.ceiling!.upper! > score.ceiling!.lower!, `${method} both bounds on the score`);
      close(score.normalized!, w.normalizedMatched, `${method} ${name} normalized = matched / lower (numpy)`);
      close(matched.value, w.matched, `${method} ${name} matched extra`);
      assert.equal(matched.normalized, matched.value / matched.ceiling!.lower!);
      assert.deepEqual([matched.ceiling!.lower, matched.ceiling!.upper], [score.ceiling!.lower, score.ceiling!.upper]);
      assert.equal((score.details!.normalization as { formula: string }).formula, 'matched / ceiling.lower');
    }
    assert.match(row.extra!.matched.measure, /^turing:rdm92:tau-a:loo-matched$/);
  }
  const animacy = await rows[0].run(dummy, { seed: 0, bootstrap: 0 });
  const tau = expected.rdm92['tau-a'];
  const unmatched = tau.candidates.animacy.value / tau.humanMean; // 1.0087…: the all-judges value over a leave-one-out bound
  assert.equal(unmatched.toFixed(4), '1.0087');
  assert.notEqual(animacy.score.normalized!.toFixed(4), '1.0087');
  assert.equal(animacy.score.normalized!.toFixed(4), '1.0061');
});

test('percentileAmong: share below, ties half', () => {
  assert.equal(percentileAmong(2.5, [1, 2, 3, 4]), 50);
  assert.equal(percentileAmong(2, [1, 2, 2, 3]), 50);
  assert.equal(percentileAmong(0, [1, 2]), 0);
  assert.equal(percentileAmong(9, [1, 2]), 100);
});

test('word pairs on GloVe: Spearman with the group ratings as scipy computes it (SimLex-999, MEN)', async () => {
  const glove = loadGlove({ cacheDir: join(tmpdir(), 'attune-test-glove'), log: () => {} });
  assert.deepEqual(turingBenchmarks().map((b) => b.id).slice(0, 3), ['turing:simlex999', 'turing:men3000', 'turing:rdm92:animacy']);
  assert.equal(turingBenchmarks().length, 10);
  for (const set of ['simlex999', 'men3000'] as const) {
    const benchmark = turingWordPairsBenchmark(set);
    assert.ok(benchmark.method.includes('no human-to-human distribution'));
    const outcome = await benchmark.run(glove, { seed: 1, bootstrap: set === 'simlex999' ? 50 : 0 });
    close(outcome.score.value, expected.glove[set].spearman, `${set} spearman`);
    close(outcome.extra!.pearson.value, expected.glove[set].pearson, `${set} pearson`);
    assert.equal(outcome.score.measure, 'turing:cosine:spearman');
    assert.equal(outcome.extra!.pearson.measure, 'turing:cosine:pearson');
    assert.equal(outcome.coverage.n_covered, expected.glove[set].n);
    assert.equal(outcome.dataset.id, set);
    if (set === 'simlex999') assert.ok(outcome.score.ci95![0] < outcome.score.value && outcome.score.value < outcome.score.ci95![1]);
  }
});

test('word pairs with a rater: its 0–100 ratings against the group; Spearman 1 for a monotone rater', async () => {
  const pairs = loadWordSimilarity('simlex999').pairs;
  const human = new Map(pairs.map((p) => [`${p.word1}|${p.word2}`, p.score]));
  const rater: RaterModel = {
    kind: 'rater', id: 'openai:scripted', revision: 'r1', scaleIds: [],
    rateWords: async () => [],
    ratePairs: async (list) => list.map(([a, b]) => ({ value: 10 * human.get(`${a}|${b}`)!, method: 'logprobs' as const })),
    usage: () => ({ requests: 0, cached: 0, promptTokens: 0, completionTokens: 0 }),
  };
  const benchmark = turingWordPairsBenchmark('simlex999');
  assert.equal(benchmark.supports(rater), true);
  const outcome = await benchmark.run(rater, { seed: 0, bootstrap: 0 });
  assert.equal(outcome.score.measure, 'turing:rating:spearman');
  close(outcome.score.value, 1, 'spearman', 1e-15);
  assert.deepEqual(outcome.coverage.answers, { logprobs: 999, parsed: 0, none: 0 });
});
