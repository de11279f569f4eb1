import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BenchmarkSkipped, type Benchmark, type BenchmarkOutcome } from '../../src/benchmarks/benchmark.ts';
import { visionBenchmarks } from '../../src/benchmarks/vision.ts';
import { scoreVisionSubjects } from '../../src/benchmarks/vision-score.ts';
import { VISION_TARGETS } from '../../src/benchmarks/vision-targets.ts';
import { halves } from '../../src/benchmarks/layers.ts';
import { algonautsCeiling } from '../../src/measures/algonauts.ts';
import { compareVectors } from '../../src/measures/compare.ts';
import { subsetRdm } from '../../src/measures/rdm-vector.ts';
import { RECORDED_NETWORKS } from '../../src/data/datasets/recorded-networks.ts';
import { KIT_CEILINGS_R2 } from '../../src/data/datasets/brain-rdms.ts';
import { loadGlove } from '../../src/models/glove.ts';
import type { EmbeddingModel } from '../../src/models/word-model.ts';

// Expected values: test/fixtures/vision/vision_expected.py (h5py, numpy, scipy on the vendored files).
const expected = JSON.parse(readFileSync(new URL('../fixtures/vision/vision_expected.json', import.meta.url), 'utf8'));
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const settings = { seed: 0, bootstrap: 0 };
const unused = {} as EmbeddingModel;

function row(rows: Benchmark[], id: string): Benchmark {
  const found = rows.find((b) => b.id === id);
  assert.ok(found, `${id} is a vision row`);
  return found;
}

test('recorded networks, every layer: Spearman subject means, Algonauts scores and both noise ceilings equal scipy', async () => {
  const rows = visionBenchmarks();
  for (const target of ['cichy92:evc', 'cichy92:it', 'kriegeskorte92:human-it', 'kriegeskorte92:judgments']) {
    const want = expected.targets[target];
    for (const network of RECORDED_NETWORKS) {
      const outcome: BenchmarkOutcome = await row(rows, `vision:${target}:${network.id}`).run(unused, settings);
      const layers = expected.networks[network.id][target] as Record<string, { spearman_mean: number; algonauts?: number }>;
      assert.deepEqual(outcome.layers?.map((l) => l.name), network.layers);
      for (const l of outcome.layers!) {
        close(l.value, layers[l.name].spearman_mean, 1e-12, `${target} ${network.id} ${l.name}`);
        if (target.startsWith('cichy92')) close(l.extra!.algonauts2019, layers[l.name].algonauts!, 1e-10, `${target} ${network.id} ${l.name} Algonauts`);
        else assert.equal(l.extra, undefined);
      }
      // The row shows the last layer, with the ceiling of rsatoolbox's definition on the same scale.
      const last = network.layers[network.layers.length - 1];
      assert.deepEqual(outcome.layer, { layer: network.layers.length - 1, name: last, chosen: 'default' });
      close(outcome.score.value, layers[last].spearman_mean, 1e-12, `${target} ${network.id} headline`);
      close(outcome.score.ceiling!.lower!, want.ceiling_lower, 1e-12, `${target} lower ceiling`);
      close(outcome.score.ceiling!.upper!, want.ceiling_upper, 1e-12, `${target} upper ceiling`);
      assert.equal(outcome.score.measure, 'compare:spearman:subject-mean');
      assert.deepEqual(outcome.scored, { id: `recorded:${network.id}`, revision: outcome.scored!.revision });
      assert.deepEqual(outcome.coverage, { n_items: 92, n_covered: 92, missing_examples: [] });
      if (target.startsWith('cichy92')) {
        close(outcome.extra!.algonauts2019.value, layers[last].algonauts!, 1e-10, `${target} ${network.id} Algonauts headline`);
        assert.equal(outcome.extra!.algonauts2019.details!.ceiling_r2, KIT_CEILINGS_R2.cichy92[target === 'cichy92:evc' ? 'evc' : 'it'], 'divided by the kit\u2019s hard-coded ceiling');
        close(outcome.extra!.algonauts2019.details!.recomputed_ceiling_r2 as number, want.kit_ceiling_r2_upper, 1e-12, `${target} recomputed kit ceiling`);
      } else {
        assert.equal(outcome.extra!['tau-a'].measure, 'compare:tau-a:subject-mean');
      }
      // Paired comparisons with the other fixed subjects' headline layers.
      assert.deepEqual(outcome.comparisons!.map((c) => c.other).sort(), ['gabor', 'pixels', ...RECORDED_NETWORKS.map((n) => n.id).filter((n) => n !== network.id)].sort());
    }
  }
});

test('the Algonauts noise ceilings recomputed from the subjects equal scipy and round to the kit\u2019s published values', async () => {
  for (const target of VISION_TARGETS.filter((t) => t.id.startsWith('cichy92') || t.id.startsWith('algonauts78'))) {
    const rdms = await target.load();
    const ceiling = algonautsCeiling(rdms.subjects);
    const want = expected.targets[target.id];
    close(ceiling.upper, want.kit_ceiling_r2_upper, 1e-12, `${target.id} upper`);
    close(ceiling.lower, want.kit_ceiling_r2_lower, 1e-12, `${target.id} lower`);
    const [set, region] = target.id.split(':') as ['cichy92' | 'algonauts78', 'evc' | 'it'];
    assert.equal(Number(ceiling.upper.toFixed(4)), KIT_CEILINGS_R2[set][region]);
    assert.equal(rdms.algonauts?.publishedCeilingR2, KIT_CEILINGS_R2[set][region]);
  }
});

test('--layers best: the layer is chosen on a seeded half of the pictures and scored on the other half only', async () => {
  const target = VISION_TARGETS.find((t) => t.id === 'cichy92:it')!;
  const rdms = await target.load();
  const { loadRecordedNetwork } = await import('../../src/data/datasets/recorded-networks.ts');
  const alexnet = loadRecordedNetwork('alexnet');
  const subject = { name: 'alexnet', layers: alexnet.layers.map((l) => l.name), defaultLayer: 7, rdms: alexnet.layers.map((l) => l.rdm) };
  const outcome = (await scoreVisionSubjects([subject], rdms, target.id, { seed: 3, bootstrap: 0, layers: 'best' })).get('alexnet')!;
  const { selection, evaluation } = halves(Array.from({ length: 92 }, (_, i) => i), 3);
  const mean = (rdm: Float64Array, picks: number[]) => {
    let sum = 0;
    for (let s = 0; s < rdms.subjects.rows; s++) sum += compareVectors(subsetRdm(rdm, picks), subsetRdm(rdms.subjects.data.subarray(s * 4186, (s + 1) * 4186), picks), 'spearman');
    return sum / rdms.subjects.rows;
  };
  const onSelection = subject.rdms.map((r) => mean(r, selection));
  const best = onSelection.indexOf(Math.max(...onSelection));
  assert.deepEqual(outcome.layer, { layer: best, name: subject.layers[best], chosen: 'best', selection_items: 46, evaluation_items: 46 });
  outcome.layers!.forEach((l, i) => close(l.value, onSelection[i], 1e-12, `selection ${l.name}`));
  close(outcome.score.value, mean(subject.rdms[best], evaluation), 1e-12, 'evaluation');
  assert.equal(outcome.extra, undefined, 'no Algonauts score on half the pictures (its ceiling is for all of them)');
});

test('a constant layer RDM is reported and left out of the profile; as the row\u2019s layer it is an error naming it', async () => {
  const rdms = await VISION_TARGETS[0].load();
  const varied = Float64Array.from({ length: 4186 }, (_, k) => (k * 7919) % 4186);
  const flat = new Float64Array(4186).fill(0.5);
  const ok = (await scoreVisionSubjects([{ name: 'm', layers: ['embeddings', 'layer 1'], defaultLayer: 1, rdms: [flat, varied] }], rdms, 'cichy92:evc', { seed: 0, bootstrap: 0, layers: 'all' })).get('m')!;
  assert.ok(Number.isNaN(ok.layers![0].value));
  assert.ok(Number.isFinite(ok.layers![1].value));
  assert.match(ok.score.warnings!.join(' '), /not scored \(every pair of pictures equally dissimilar\): layer embeddings/);
  await assert.rejects(
    scoreVisionSubjects([{ name: 'm', layers: ['embeddings', 'layer 1'], defaultLayer: 0, rdms: [flat, varied] }], rdms, 'cichy92:evc', { seed: 0, bootstrap: 0, layers: 'all' }),
    /m, layer 'embeddings': every pair of pictures has the same dissimilarity/,
  );
});

test('the bootstrap interval over pictures and subjects is seeded and brackets the value; every row has its method', async () => {
  const rows = visionBenchmarks();
  const first = await row(rows, 'vision:cichy92:it:alexnet').run(unused, { seed: 5, bootstrap: 100 });
  const again = await row(visionBenchmarks(), 'vision:cichy92:it:alexnet').run(unused, { seed: 5, bootstrap: 100 });
  assert.deepEqual(first.score.ci95, again.score.ci95);
  const [lo, hi] = first.score.ci95!;
  assert.ok(lo < first.score.value && first.score.value < hi, `${lo} < ${first.score.value} < ${hi}`);
  assert.ok(first.layers!.every((l) => l.ci95 && l.ci95[0] <= l.ci95[1]));
  for (const b of rows) assert.match(b.method!, /Spearman/);
});

test('rows: one per target for the run\u2019s model, fixed subjects where they have the pictures; text models are skipped with a reason', async () => {
  const rows = visionBenchmarks();
  const ids = rows.map((b) => b.id);
  for (const t of VISION_TARGETS) assert.ok(ids.includes(`vision:${t.id}`));
  assert.ok(ids.includes('vision:algonauts78:evc:gabor') && ids.includes('vision:algonauts78:it:pixels'));
  assert.ok(!ids.some((id) => id.startsWith('vision:algonauts78') && /alexnet|vgg|resnet/.test(id)), 'no recorded activations for the 78 images');
  assert.equal(rows.length, 6 + 4 * 5 + 2 * 2);
  const glove = await loadGlove();
  const runRow = row(rows, 'vision:cichy92:evc');
  assert.equal(runRow.supports(glove), false);
  assert.match(runRow.skipReason!(glove), /'glove' sees no pictures/);
  const elsewhere: EmbeddingModel = { ...unused, kind: 'embedding', id: 'features:x', modalities: ['image'], layers: ['l'], defaultLayer: 0, covers: () => false };
  await assert.rejects(runRow.run(elsewhere, settings), (e: unknown) => e instanceof BenchmarkSkipped && /features:x' has no activations for the pictures of cichy92/.test((e as Error).message));
});

test('the run\u2019s model as features:<the shipped AlexNet activations>: its layers score as the recorded conv5–fc8 RDMs; sets it lacks are skipped', async () => {
  const { loadFeaturesFolder } = await import('../../src/models/features-folder.ts');
  const { alexnetFeaturesFolder } = await import('../../src/data/datasets/recorded-networks.ts');
  const model = await loadFeaturesFolder(alexnetFeaturesFolder(), 'features:alexnet');
  const rows = visionBenchmarks();
  for (const target of ['cichy92:evc', 'cichy92:it']) {
    const outcome = await row(rows, `vision:${target}`).run(model, settings);
    assert.deepEqual(outcome.layers!.map((l) => l.name), ['conv5', 'fc6', 'fc7', 'fc8']);
    for (const l of outcome.layers!) {
      const want = expected.networks.alexnet[target][l.name];
      close(l.value, want.spearman_mean, 1e-9, `${target} ${l.name}`);
      close(l.extra!.algonauts2019, want.algonauts, 1e-7, `${target} ${l.name} Algonauts`);
    }
    assert.equal(outcome.scored, undefined, 'the run\u2019s model is the one scored');
  }
  for (const target of ['kriegeskorte92:human-it', 'algonauts78:evc']) {
    await assert.rejects(row(rows, `vision:${target}`).run(model, settings), (e: unknown) => e instanceof BenchmarkSkipped && /has no activations for the pictures of/.test((e as Error).message));
  }
});

test('a thin noise ceiling is flagged on every row of its target (Algonauts 78: the subjects hardly agree), not on Cichy\u2019s', async () => {
  const rows = visionBenchmarks();
  for (const [id, thin] of [['vision:algonauts78:it:gabor', true], ['vision:algonauts78:evc:pixels', true], ['vision:cichy92:evc:gabor', false], ['vision:cichy92:it:alexnet', false]] as const) {
    const outcome = await row(rows, id).run(unused, settings);
    const flagged = (outcome.score.warnings ?? []).some((w) => /^thin noise ceiling: the subjects agree little with one another \(lower bound 0\.0\d{3}, upper 0\.\d{4}\)/.test(w));
    assert.equal(flagged, thin, id);
  }
});
