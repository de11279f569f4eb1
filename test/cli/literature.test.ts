// `attune run --suite literature`: the 92-image rows (every shipped model RDM and a --model-rdm file, against
// human IT and judgments) against numpy/scipy values, the pairwise tests, --transform, and bad RDM files → exit 2.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRdm92 } from '../../src/data/datasets/rdm92.ts';
import { attune, scratch } from '../../test-support/run-cli.ts';

const expected = JSON.parse(readFileSync(new URL('../fixtures/rdm92/rdm92_expected.json', import.meta.url), 'utf8')) as {
  values: Record<string, Record<string, number>>;
  ceilings: Record<string, { lower: number; upper: number }>;
};

let work: { dir: string; cleanup: () => void };
before(() => {
  work = scratch();
  process.env.ATTUNE_CACHE_DIR = join(work.dir, 'cache');
  const monkey = loadRdm92().models.find((m) => m.name === 'monkeyIT')!.rdm;
  const n = 92;
  const rows: string[] = [];
  let k = 0;
  const square = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) square[i][j] = square[j][i] = monkey[k++];
  for (const r of square) rows.push(r.map((v) => String(v)).join(','));
  writeFileSync(join(work.dir, 'mine.csv'), rows.join('\n') + '\n');
  writeFileSync(join(work.dir, 'small.csv'), '0,1,2\n1,0,3\n2,3,0\n');
});
after(() => work.cleanup());

interface Row { benchmark: string; title: string; subject: { kind: string; label: string }; model: { id: string }; score: { value: number; measure: string; ceiling?: { lower?: number; upper?: number } }; extra?: { spearman: { value: number } }; comparisons?: { other: string; difference: number }[] }

test('literature suite: 92-image rows for every model RDM and a --model-rdm file equal numpy’s values and ceilings', async () => {
  const r = await attune(['run', '--suite', 'literature', '--model-rdm', 'mine.csv', '--bootstrap', '0', '--no-png', '--json', '--out', 'out'], work.dir);
  assert.equal(r.code, 0, r.stderr);
  const results = (JSON.parse(r.stdout) as { results: Row[] }).results;
  const row = (id: string) => results.find((x) => x.benchmark === id)!;
  for (const target of ['human-it', 'judgments']) {
    for (const name of ['animacy', 'monkeyIT', 'EVA', 'HMAX']) {
      const got = row(`rdm92:${target}:${name}`);
      assert.equal(got.model.id, `rdm:${name}`);
      assert.equal(got.score.measure, 'compare:tau-a:subject-mean');
      assert.ok(Math.abs(got.score.value - expected.values[`${target}/tau-a`][name]) < 1e-10, `${target} ${name}`);
      assert.ok(Math.abs(got.extra!.spearman.value - expected.values[`${target}/spearman`][name]) < 1e-10);
      assert.ok(Math.abs(got.score.ceiling!.lower! - expected.ceilings[`${target}/tau-a`].lower) < 1e-10);
      assert.ok(Math.abs(got.score.ceiling!.upper! - expected.ceilings[`${target}/tau-a`].upper) < 1e-10);
    }
    // the user's file holds monkeyIT's RDM: the same values, and a zero difference in their pairwise test
    const mine = row(`rdm92:${target}:mine`);
    assert.ok(Math.abs(mine.score.value - expected.values[`${target}/tau-a`].monkeyIT) < 1e-10);
    assert.equal(mine.comparisons!.find((c) => c.other === 'monkeyIT')!.difference, 0);
    assert.equal(mine.comparisons!.length, 8);
  }
  // Who was scored, row by row: the data set's RDMs and the user's file are fixed candidates, GPT-3 recorded answers, the rest GloVe.
  for (const r of results) {
    const kind = r.benchmark.startsWith('rdm92:') || r.benchmark.startsWith('turing:rdm92:') ? 'fixed' : r.benchmark === 'reading:natural-stories:gpt3' ? 'recorded' : 'run-model';
    assert.equal(r.subject.kind, kind, r.benchmark);
  }
  // The scorecard prints no other subject's number under GloVe's heading.
  const text = await attune(['run', '--suite', 'literature', '--model-rdm', 'mine.csv', '--bootstrap', '0', '--no-png', '--out', 'out'], work.dir);
  assert.equal(text.code, 0, text.stderr);
  const headings = [...text.stdout.matchAll(/^== (.*) ==$/gm)].map((m) => m[1]);
  assert.deepEqual(headings, ["Model glove (the run's model)", 'Recorded answers of GPT-3 davinci (log-probabilities) (data/natural_stories/all_stories_gpt3.csv)', "Fixed candidates (the data sets' own model RDMs, recorded networks, baselines; not the run's model)"]);
  const own = text.stdout.slice(text.stdout.indexOf('== Model glove'), text.stdout.indexOf('== Recorded answers'));
  for (const r of results.filter((x) => x.subject.kind !== 'run-model')) assert.ok(!own.includes(`\n${r.title.slice(0, 20)}`), `${r.benchmark} is not under GloVe`);
});

test('literature suite: --transform geotopological names the transform in the measure; bad --model-rdm files exit 2', async () => {
  const t = await attune(['run', '--suite', 'literature', '--transform', 'geotopological:0.1,0.9', '--bootstrap', '0', '--no-png', '--json', '--out', 'out2'], work.dir);
  assert.equal(t.code, 0, t.stderr);
  const rows = (JSON.parse(t.stdout) as { results: Row[] }).results.filter((x) => x.benchmark.startsWith('rdm92:'));
  assert.ok(rows.length === 16 && rows.every((x) => x.score.measure === 'compare:tau-a:subject-mean:geotopological(0.1,0.9)'));
  const small = await attune(['run', '--suite', 'literature', '--model-rdm', 'small.csv'], work.dir);
  assert.equal(small.code, 2);
  assert.match(small.stderr, /small\.csv.*expected a 92×92 RDM or 4186 values, got 3×3/);
  const badTransform = await attune(['run', '--suite', 'literature', '--transform', 'geotopological:0.9,0.1'], work.dir);
  assert.equal(badTransform.code, 2);
});

test('literature suite with a model that covers too few items → exit 2 naming the benchmarks; the other rows are written', async () => {
  const tiny = new URL('../fixtures/models/tiny.vec', import.meta.url).pathname;
  const r = await attune(['run', '--suite', 'literature', '--model', `vectors:${tiny}`, '--bootstrap', '0', '--no-png', '--out', 'out3'], work.dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /things:property:size: --model: .* covers 3 of 1854 concepts; decoding needs at least 10/);
  assert.match(r.stderr, /turing:simlex999: --model: .* covers 0 of 999 pairs; a correlation needs at least 3/);
  const written = JSON.parse(readFileSync(join(work.dir, 'out3', 'results.json'), 'utf8')) as { results: Row[] };
  assert.ok(written.results.some((x) => x.benchmark === 'rdm92:human-it:monkeyIT'));
});
