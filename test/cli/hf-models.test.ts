// `attune wordsim|norms --model hf:<folder>` through the real CLI: per-layer scores with --layers all|N|best
// against values computed from a direct onnxruntime-node session; bad model input → exit 2.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { AutoTokenizer } from '@huggingface/transformers';
import { attune, scratch } from '../../test-support/run-cli.ts';
import { buildTinyBert } from '../../test-support/tiny-models/tiny-bert.ts';

const PAIRS = [
  ['cat', 'dog', 9], ['king', 'queen', 8], ['man', 'woman', 7.5], ['sun', 'moon', 6], ['red', 'blue', 5.5],
  ['house', 'tree', 3], ['apple', 'car', 1], ['happy', 'sad', 2], ['book', 'read', 6.5], ['bird', 'sky', 4],
] as const;

let work: { dir: string; cleanup: () => void };
let bert = '';
before(() => {
  work = scratch();
  process.env.ATTUNE_CACHE_DIR = join(work.dir, 'cache');
  bert = buildTinyBert(join(work.dir, 'tiny-bert'), { declareHiddenStates: true }).dir;
  writeFileSync(join(work.dir, 'pairs.tsv'), PAIRS.map((p) => p.join('\t')).join('\n') + '\n');
});
after(() => work.cleanup());

/** Ranks 1..n of distinct values. */
const ranks = (x: number[]) => x.map((v) => 1 + x.filter((w) => w < v).length);

/** Spearman of distinct values by the textbook formula 1 − 6Σd²/(n(n²−1)). */
function spearmanDistinct(a: number[], b: number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  return 1 - (6 * ra.reduce((s, r, i) => s + (r - rb[i]) ** 2, 0)) / (n * (n * n - 1));
}

/** Per-layer cosine of each pair from a direct session: mean of the word's own tokens (no [CLS]/[SEP]). */
async function expectedByLayer(): Promise<number[]> {
  const session = await ort.InferenceSession.create(join(bert, 'onnx', 'model.onnx'));
  const tokenizer = await AutoTokenizer.from_pretrained(bert);
  const vector = async (word: string, layer: number) => {
    const ids = tokenizer.encode(word);
    const t = (v: number[]) => new ort.Tensor('int64', BigInt64Array.from(v.map(BigInt)), [1, v.length]);
    const out = await session.run({ input_ids: t(ids), attention_mask: t(ids.map(() => 1)), token_type_ids: t(ids.map(() => 0)) });
    const data = out[`hidden_states.${layer}`].data as Float32Array;
    const own = ids.map((_, i) => i).slice(1, -1);
    return Array.from({ length: 16 }, (_, j) => Math.fround(own.reduce((s, i) => s + data[i * 16 + j], 0) / own.length));
  };
  const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0) / Math.sqrt(a.reduce((s, v) => s + v * v, 0) * b.reduce((s, v) => s + v * v, 0));
  const out: number[] = [];
  for (let layer = 0; layer < 3; layer++) {
    const cos: number[] = [];
    for (const [a, b] of PAIRS) cos.push(cosine(await vector(a, layer), await vector(b, layer)));
    out.push(spearmanDistinct(cos, PAIRS.map((p) => p[2])));
  }
  return out;
}

test('wordsim --model hf:<folder> --layers all --json: a layers list with each layer’s Spearman', async () => {
  const r = await attune(['wordsim', 'pairs.tsv', '--model', `hf:${bert}`, '--layers', 'all', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { spearman: number; n_covered: number; layer: { layer: number; chosen: string }; layers: { layer: number; name: string; value: number; n: number }[] };
  const expected = await expectedByLayer();
  assert.equal(out.layers.length, 3);
  assert.deepEqual(out.layers.map((l) => l.name), ['embeddings', 'layer 1', 'layer 2']);
  out.layers.forEach((l, k) => {
    assert.ok(Math.abs(l.value - expected[k]) < 1e-12, `layer ${k}: ${l.value} vs ${expected[k]}`);
    assert.equal(l.n, 10);
  });
  assert.deepEqual(out.layer, { layer: 2, name: 'layer 2', chosen: 'default' });
  assert.ok(Math.abs(out.spearman - expected[2]) < 1e-12);
  assert.equal(out.n_covered, 10);

  const one = await attune(['wordsim', 'pairs.tsv', '--model', `hf:${bert}`, '--layers', '1', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(one.code, 0, one.stderr);
  const o = JSON.parse(one.stdout) as { spearman: number; layer: { layer: number; chosen: string } };
  assert.ok(Math.abs(o.spearman - expected[1]) < 1e-12);
  assert.equal(o.layer.chosen, 'given');

  const best = await attune(['wordsim', 'pairs.tsv', '--model', `hf:${bert}`, '--layers', 'best', '--json', '--bootstrap', '0'], work.dir);
  assert.equal(best.code, 0, best.stderr);
  const b = JSON.parse(best.stdout) as { layer: { chosen: string; selection_items: number; evaluation_items: number; layer: number }; layers: { value: number; n: number }[] };
  assert.equal(b.layer.chosen, 'best');
  assert.equal(b.layer.selection_items, 5);
  assert.equal(b.layer.evaluation_items, 5);
  assert.ok(b.layers.every((l) => l.n === 5)); // the profile is on the selection half only
  assert.equal(b.layers[b.layer.layer].value, Math.max(...b.layers.map((l) => l.value)));
});

test('hf: bad input: no onnx/model.onnx, not a folder, --layers out of range or malformed, hub id offline → exit 2', async () => {
  const empty = join(work.dir, 'no-onnx');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'config.json'), '{}');
  const cases: [string[], RegExp][] = [
    [['--model', `hf:${empty}`], /no onnx\/model\.onnx/],
    [['--model', 'hf:pairs.tsv'], /not a folder/],
    [['--model', `hf:${bert}`, '--layers', '7'], /--layers 7: .* has layers 0…2/],
    [['--model', `hf:${bert}`, '--layers', 'middle'], /--layers takes all, best or a layer number/],
    [['--model', 'hf:someone/some-model', '--offline'], /not in the cache .* and offline/],
    [['--model', 'hf:'], /needs a model/],
  ];
  for (const [args, message] of cases) {
    const r = await attune(['wordsim', 'pairs.tsv', ...args], work.dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
});
