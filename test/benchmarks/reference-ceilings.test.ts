// Reference ceilings on the rows: the published inter-rater figure, what it is and where it is stated, on the
// word-similarity rows whose authors published one (SimLex-999, MTurk-771); none on the others and on the norms;
// never a noise ceiling or a normalized value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normsDecodingBenchmark, NORMS_METHOD } from '../../src/benchmarks/norms-decoding.ts';
import { turingWordPairsBenchmark } from '../../src/benchmarks/turing-rsa.ts';
import { wordSimilarityBenchmark, WORDSIM_METHOD } from '../../src/benchmarks/word-similarity.ts';
import { loadNormsSet, NORM_SETS } from '../../src/data/datasets/norms.ts';
import { loadGlove } from '../../src/models/glove.ts';
import type { RaterModel } from '../../src/models/word-model.ts';
import type { ReferenceCeiling } from '../../src/data/datasets/reference-ceilings.ts';

const glove = loadGlove({ cacheDir: join(tmpdir(), 'attune-test-glove'), log: () => {} });
const referenceOf = (details: Record<string, unknown> | undefined) => details?.reference_ceiling as ReferenceCeiling | undefined;

test('wordsim rows: SimLex-999 carries 0.78 (one-vs-rest, Hill et al.), MTurk-771 0.8957 (split-half, Halawi et al.); neither sets a ceiling or normalized', async () => {
  const simlex = await wordSimilarityBenchmark('simlex999').run(glove, { seed: 1, bootstrap: 0 });
  const s = referenceOf(simlex.score.details)!;
  assert.equal(s.value, 0.78);
  assert.match(s.kind, /^one-vs-rest: average Spearman correlation of a human rater with the average of all the other raters/);
  assert.match(s.kind, /pairwise Spearman correlation between two raters is 0\.67/);
  assert.match(s.source, /Hill, Reichart & Korhonen \(2015\)/);
  assert.match(s.source, /https:\/\/fh295\.github\.io\/simlex\.html/);
  assert.equal(simlex.score.ceiling, undefined);
  assert.equal(simlex.score.normalized, undefined);
  assert.equal(referenceOf(simlex.extra!.pearson.details), undefined); // the figure is a Spearman one: the headline only
  const mturk = await wordSimilarityBenchmark('mturk771').run(glove, { seed: 1, bootstrap: 0 });
  const m = referenceOf(mturk.score.details)!;
  assert.equal(m.value, 0.8957);
  assert.match(m.kind, /^split-half: .*1000 random splits \(no Spearman–Brown correction/);
  assert.match(m.source, /Halawi, Dror, Gabrilovich & Koren \(2012\)/);
  assert.match(m.source, /mturk_771\.html/);
  assert.equal(mturk.score.ceiling, undefined);
  assert.equal(mturk.score.normalized, undefined);
  assert.match(WORDSIM_METHOD, /does not set normalized/);
});

test('wordsim rows without a verified figure (MEN, WordSim-353, RG-65) carry no reference ceiling', async () => {
  for (const id of ['men3000', 'ws353', 'ws353-sim', 'rg65']) {
    const outcome = await wordSimilarityBenchmark(id).run(glove, { seed: 1, bootstrap: 0 });
    assert.equal(referenceOf(outcome.score.details), undefined, id);
    assert.equal(outcome.score.normalized, undefined, id);
  }
});

test('Turing RSA word rows: SimLex-999 shows the same reference ceiling, MEN none', async () => {
  const simlex = await turingWordPairsBenchmark('simlex999').run(glove, { seed: 1, bootstrap: 0 });
  assert.equal(simlex.score.measure, 'turing:cosine:spearman');
  assert.equal(referenceOf(simlex.score.details)!.value, 0.78);
  assert.equal(simlex.score.normalized, undefined);
  const men = await turingWordPairsBenchmark('men3000').run(glove, { seed: 1, bootstrap: 0 });
  assert.equal(referenceOf(men.score.details), undefined);
});

test('norms rows: no reference ceiling on any of them (none verified), and the method says so', async () => {
  const ids = ['glasgow:valence', 'brysbaert:concreteness', 'kuperman:aoa', 'glasgow871:aoa'];
  const rater: RaterModel = {
    kind: 'rater', id: 'openai:scripted', revision: 'r1', scaleIds: NORM_SETS.map((s) => s.id),
    rateWords: async (words, scale) => {
      const data = loadNormsSet(scale);
      const human = new Map(data.words.map((w, i) => [w, data.values[i]]));
      return words.map((w) => ({ value: human.get(w)!, method: 'logprobs' as const }));
    },
    ratePairs: async () => [],
    usage: () => ({ requests: 0, cached: 0, promptTokens: 0, completionTokens: 0 }),
  };
  for (const id of ids) {
    const outcome = await normsDecodingBenchmark(id).run(rater, { seed: 0, bootstrap: 0 });
    assert.equal(referenceOf(outcome.score.details), undefined, id);
    assert.equal(outcome.score.normalized, undefined, id);
  }
  assert.match(NORMS_METHOD, /None of the norms has one/);
});

test('GPT-4\u2019s recorded SimLex-999 ratings carry the same reference ceiling (shown beside, not dividing)', async () => {
  const { recordedSimlexBenchmark } = await import('../../src/benchmarks/recorded-ratings.ts');
  const { openSubject } = await import('../../src/run/subjects.ts');
  const benchmark = recordedSimlexBenchmark();
  const model = await openSubject(benchmark.subject, '', { cacheDir: false });
  const outcome = await benchmark.run(model, { seed: 1, bootstrap: 0 });
  assert.equal(referenceOf(outcome.score.details)?.value, 0.78);
  assert.equal(outcome.score.normalized, undefined);
  assert.match(benchmark.method!, /does not set normalized/);
});
