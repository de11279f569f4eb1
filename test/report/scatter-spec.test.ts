// The scatter: how many of how many points it shows (the benchmark thins to 1,000, so the point count is not the
// score's n), discrete values jittered within their band, no scatter for a row below the coverage floor, and a
// plot as wide as its plotting area, not as its title.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { scatterOf } from '../../src/benchmarks/benchmark.ts';
import { renderSvg } from '../../src/report/render-svg.ts';
import { scatterCountText } from '../../src/report/scatter-count.ts';
import { discreteGap, jitter, JITTER_SHARE } from '../../src/report/scatter-jitter.ts';
import { scatterSpec } from '../../src/report/scatter-spec.ts';
import type { BenchmarkResult, RunResults } from '../../src/run/results.ts';

const fixture = (): RunResults => JSON.parse(readFileSync(new URL('../fixtures/report/run-results.json', import.meta.url), 'utf8')) as RunResults;

/** A row of `n` items whose scatter the benchmark thinned as scatterOf does; human values from `human(i)`. */
function row(benchmark: string, n: number, human: (i: number) => number, scoreN = n): BenchmarkResult {
  const r = structuredClone(fixture().results[0]);
  const model = Array.from({ length: n }, (_, i) => Math.sin(i));
  r.benchmark = benchmark;
  r.title = 'MEN';
  r.score = { ...r.score, n: scoreN };
  r.coverage = { n_items: scoreN, n_covered: scoreN, missing_examples: [] };
  r.scatter = scatterOf(model, model.map((_, i) => human(i)), 'model cosine', 'human rating');
  return r;
}
type Values = { data: { values: { x: number; y: number }[] }; title: { text: string | string[]; subtitle: string | string[] } };
const lines = (x: string | string[]): string[] => [x].flat();

test('count text: "showing 1,000 of 3,000 pairs" for MEN, "all 999" unthinned, pairs of concepts for THINGS RSA, else a sample', () => {
  assert.equal(scatterCountText(row('wordsim:men3000', 3000, (i) => i % 51), 1000), 'showing 1,000 of 3,000 pairs');
  assert.equal(scatterCountText(row('wordsim:simlex999', 999, (i) => i / 100), 999), 'all 999 pairs');
  assert.equal(scatterCountText(row('norms:glasgow:valence', 4680, (i) => i), 936), 'showing 936 of 4,680 words');
  assert.equal(scatterCountText(row('things:property:size', 1829, (i) => i), 915), 'showing 915 of 1,829 concepts');
  assert.equal(scatterCountText(row('things:rsa', (1836 * 1835) / 2, (i) => i, 1836), 1000), 'showing 1,000 of 1,684,530 concept pairs');
  assert.equal(scatterCountText(row('other:thing', 50, (i) => i, 7), 50), '50 points (a sample)');
  assert.equal(scatterCountText(row('wordsim:men3000', 3000, (i) => i), 998), 'showing 998 of 3,000 pairs', 'the points drawn (non-finite left out)');
});

test('the subtitle says how many it shows, not "n = 1000"; the title carries the score and its measure', () => {
  const spec = scatterSpec(row('wordsim:men3000', 3000, (i) => i % 51)) as unknown as Values;
  assert.equal(spec.data.values.length, 1000);
  const subtitle = lines(spec.title.subtitle).join(' ');
  assert.match(subtitle, /^wordsim:men3000: showing 1,000 of 3,000 pairs/);
  assert.ok(!/n = /.test(subtitle));
  assert.match(lines(spec.title.text).join(' '), /^MEN: wordsim:cosine:spearman = 0\.3712$/);
});

test('discrete values (integer ratings) are jittered within ±0.35 of a step and said so; continuous values are not', () => {
  assert.equal(discreteGap([1, 2, 3, 1, 2, 3, 1, 2, 3]), 1);
  assert.equal(discreteGap([0.5, 1, 1.5, 0.5, 1, 1.5, 0.5, 1, 1.5]), 0.5);
  assert.equal(discreteGap(Array.from({ length: 100 }, (_, i) => i / 7)), undefined, 'all distinct: not discrete');
  assert.equal(discreteGap(Array.from({ length: 300 }, (_, i) => i % 100)), undefined, 'three points per level at least');
  const j = jitter([4, 4, 4, 4], 1);
  assert.equal(new Set(j).size, 4, 'tied points spread');
  for (const v of j) assert.ok(Math.abs(v - 4) <= JITTER_SHARE + 1e-12);
  assert.deepEqual(jitter([4, 4], 1), jitter([4, 4], 1), 'the same every time');

  const ratings = row('recorded:gpt4:glasgow871:gender', 871, (i) => 1 + (i % 7));
  const spec = scatterSpec(ratings) as unknown as Values;
  const human = ratings.scatter!.human;
  spec.data.values.forEach((p, i) => assert.ok(Math.abs(p.y - human[i]) <= JITTER_SHARE + 1e-12 && p.y !== human[i]));
  spec.data.values.forEach((p, i) => assert.equal(p.x, ratings.scatter!.model[i], 'continuous model values untouched'));
  assert.match(lines(spec.title.subtitle).join(' '), /human rating: discrete, jittered by up to ±0\.35 of a step/);
  const plain = scatterSpec(row('wordsim:simlex999', 999, (i) => i / 100)) as unknown as Values;
  assert.ok(!/jittered/.test(lines(plain.title.subtitle).join(' ')));
});

test('no scatter for a row below the coverage floor', () => {
  const r = row('wordsim:men3000', 3000, (i) => i % 51);
  r.coverage.insufficient = 'only 12 of 3000 pairs covered';
  assert.equal(scatterSpec(r), undefined);
});

test('a long title wraps: the SVG is as wide as the plot and its axis, not as the title (no half-empty PNG)', async () => {
  const r = row('recorded:gpt4:glasgow871:gender', 871, (i) => 1 + (i % 7));
  r.title = 'GPT-4 ratings: Glasgow Gender (871 senses), a title long enough to be twice the width of the plot';
  const svg = await renderSvg(scatterSpec(r)!);
  const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
  assert.ok(width <= 320 + 80, `${width} px wide`);
  assert.ok(!svg.includes('…'));
});
