// The real hf: code path (transformers.js on onnxruntime-node) on tiny BERT and GPT-2 models built by the
// test: every layer against a direct onnxruntime-node session of the same weights with declared hidden
// states (exact), pooling, the activation cache, and surprisal against a hand computation from the logits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { loadHfModel } from '../../../src/models/hf/hf-model.ts';
import { buildTinyBert } from '../../../test-support/tiny-models/tiny-bert.ts';
import { buildTinyGpt2 } from '../../../test-support/tiny-models/tiny-gpt2.ts';

let root = '';
let bertDir = '';
let bertDeclared: ort.InferenceSession;
let gptDir = '';
let gptDeclared: ort.InferenceSession;
let bertTokenizer: PreTrainedTokenizer;
let gptTokenizer: PreTrainedTokenizer;
const BERT_ADDED = new Set([0, 2, 3, 4]); // [PAD] [CLS] [SEP] [MASK]; [UNK] (1) stands for a word

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'attune-hf-'));
  bertDir = buildTinyBert(join(root, 'bert')).dir;
  gptDir = buildTinyGpt2(join(root, 'gpt2')).dir;
  bertDeclared = await ort.InferenceSession.create(join(buildTinyBert(join(root, 'bert-declared'), { declareHiddenStates: true }).dir, 'onnx', 'model.onnx'));
  gptDeclared = await ort.InferenceSession.create(join(buildTinyGpt2(join(root, 'gpt2-declared'), { declareHiddenStates: true }).dir, 'onnx', 'model.onnx'));
  bertTokenizer = await AutoTokenizer.from_pretrained(bertDir);
  gptTokenizer = await AutoTokenizer.from_pretrained(gptDir);
});

after(() => rmSync(root, { recursive: true, force: true }));

const int64 = (values: number[]) => new ort.Tensor('int64', BigInt64Array.from(values.map(BigInt)), [1, values.length]);

/** hidden_states.0..2 of one text from the declared BERT, run directly: [layer][token][unit]. */
async function bertDirect(ids: number[]): Promise<Float32Array[][]> {
  const out = await bertDeclared.run({ input_ids: int64(ids), attention_mask: int64(ids.map(() => 1)), token_type_ids: int64(ids.map(() => 0)) });
  return [0, 1, 2].map((l) => {
    const data = out[`hidden_states.${l}`].data as Float32Array;
    return ids.map((_, t) => data.subarray(t * 16, (t + 1) * 16));
  });
}

/** float64 mean of token vectors, rounded to float32 (as the pooled vectors are stored). */
function meanOf(vectors: Float32Array[]): number[] {
  return Array.from({ length: 16 }, (_, j) => Math.fround(vectors.reduce((s, v) => s + v[j], 0) / vectors.length));
}

test('hf: BERT without declared hidden states: every layer, mean pooling, equals a direct session on the declared model exactly', async () => {
  const cacheDir = join(root, 'cache-a');
  const items = ['cat', 'unhappiness', 'the cats played', 'address (postal)'];
  const model = await loadHfModel(bertDir, `hf:${bertDir}`, { cacheDir, store: memoryStore(), batchTokens: 1 });
  assert.equal(model.declaredHiddenStates, false);
  assert.deepEqual(model.layers, ['embeddings', 'layer 1', 'layer 2']);
  assert.equal(model.defaultLayer, 2);
  assert.equal(model.causal, false);
  for (let layer = 0; layer < 3; layer++) {
    const v = await model.vectors(items, layer);
    assert.deepEqual(v.covered, [true, true, true, true]);
    for (let i = 0; i < items.length; i++) {
      const text = items[i] === 'address (postal)' ? 'address' : items[i];
      const ids = bertTokenizer.encode(text);
      if (text === 'address') assert.deepEqual(ids, [2, 1, 3]); // not in the tiny vocabulary: [UNK]
      const states = (await bertDirect(ids))[layer];
      const own = states.filter((_, t) => !BERT_ADDED.has(ids[t]));
      assert.deepEqual(Array.from(v.matrix.data.subarray(i * 16, (i + 1) * 16)), meanOf(own), `${items[i]} layer ${layer}`);
    }
  }
  // the copy with exposed outputs was written once into the cache folder, keyed by the ONNX file's sha256
  const copies = readdirSync(join(cacheDir, 'models', 'hf'));
  assert.equal(copies.length, 1);
  assert.ok(existsSync(join(cacheDir, 'models', 'hf', copies[0], 'onnx', 'model.onnx')));
  assert.ok(model.revision.startsWith(copies[0].slice(0, 16)));
  await model.dispose();
});

test('hf: batched texts equal the texts run alone (padding masked); first and last pooling pick [CLS] and [SEP]', async () => {
  const items = ['cat', 'unhappiness', 'the cats played', 'dog'];
  const alone = await loadHfModel(bertDir, 'hf:bert', { cacheDir: join(root, 'cache-b'), store: memoryStore(), batchTokens: 1 });
  const batched = await loadHfModel(bertDir, 'hf:bert', { cacheDir: join(root, 'cache-b'), store: memoryStore() });
  const a = await alone.vectors(items);
  const b = await batched.vectors(items);
  for (let k = 0; k < a.matrix.data.length; k++) assert.ok(Math.abs(a.matrix.data[k] - b.matrix.data[k]) <= 1e-6, `element ${k}`);
  for (const pooling of ['first', 'last'] as const) {
    const model = await loadHfModel(bertDir, 'hf:bert', { cacheDir: join(root, 'cache-b'), store: memoryStore(), pooling, batchTokens: 1 });
    const v = await model.vectors(['the cats played'], 1);
    const ids = bertTokenizer.encode('the cats played');
    assert.equal(ids[0], 2);
    assert.equal(ids.at(-1), 3);
    const states = (await bertDirect(ids))[1];
    assert.deepEqual(Array.from(v.matrix.data), Array.from(pooling === 'first' ? states[0] : states[ids.length - 1]));
    await model.dispose();
  }
  await alone.dispose();
  await batched.dispose();
});

test('hf: activations are cached by content hash: a second model on the same store computes nothing', async () => {
  const store = memoryStore();
  const items = ['cat', 'dog', 'the cats played'];
  const first = await loadHfModel(bertDir, 'hf:bert', { cacheDir: join(root, 'cache-c'), store });
  const v1 = await first.vectors(items, 1);
  assert.equal(store.puts, 3); // one entry (all layers) per text
  await first.dispose();
  let progressCalls = 0;
  const second = await loadHfModel(bertDir, 'hf:bert', { cacheDir: join(root, 'cache-c'), store, onProgress: () => progressCalls++ });
  const v2 = await second.vectors(items, 1);
  assert.deepEqual(Array.from(v2.matrix.data), Array.from(v1.matrix.data));
  assert.equal(store.puts, 3);
  assert.equal(progressCalls, 0);
  // another pooling is another key
  const last = await loadHfModel(bertDir, 'hf:bert', { cacheDir: join(root, 'cache-c'), store, pooling: 'last' });
  await last.vectors(items, 1);
  assert.equal(store.puts, 6);
  await second.dispose();
  await last.dispose();
});

/** Logits [position][vocab] of a token sequence from the declared GPT-2, run directly. */
async function gptLogits(ids: number[]): Promise<Float32Array[]> {
  const out = await gptDeclared.run({ input_ids: int64(ids), attention_mask: int64(ids.map(() => 1)), position_ids: int64(ids.map((_, i) => i)) });
  const data = out.logits.data as Float32Array;
  const vocab = out.logits.dims[2];
  return ids.map((_, t) => data.subarray(t * vocab, (t + 1) * vocab));
}

/** −log2 softmax(row)[token] by hand, in float64. */
function bits(row: Float32Array, token: number): number {
  const values = Array.from(row);
  const max = Math.max(...values);
  const logSum = Math.log(values.reduce((s, x) => s + Math.exp(x - max), 0)) + max;
  return (logSum - row[token]) / Math.LN2;
}

test('hf: GPT-2 surprisal per word in bits = the sum of its tokens’ −log2 p from the direct session’s logits', async () => {
  const model = await loadHfModel(gptDir, 'hf:gpt2', { cacheDir: join(root, 'cache-d'), store: memoryStore() });
  assert.equal(model.causal, true);
  const words = ['The', 'cat', 'sat', 'on', 'the', 'catapult.'];
  const ids = gptTokenizer.encode(words.join(' '), { add_special_tokens: false });
  const perWord = words.map((w, k) => gptTokenizer.encode(k === 0 ? w : ` ${w}`, { add_special_tokens: false }).length);
  assert.equal(perWord.reduce((a, b) => a + b, 0), ids.length); // byte-level BPE: the words' tokens are the text's tokens
  assert.ok(perWord[5] > 1, 'catapult. splits into several tokens');
  const sequence = [309, ...ids]; // <|endoftext|> first
  const logits = await gptLogits(sequence);
  const expected: number[] = [];
  let p = 1;
  for (const n of perWord) {
    let sum = 0;
    for (let k = 0; k < n; k++, p++) sum += bits(logits[p - 1], sequence[p]);
    expected.push(sum);
  }
  const got = await model.surprisals(words);
  assert.deepEqual(Array.from(got.tokens), perWord);
  got.bits.forEach((b, w) => assert.ok(Math.abs(b - expected[w]) <= 1e-9 * Math.max(1, expected[w]), `${words[w]}: ${b} vs ${expected[w]}`));
  await model.dispose();
});

test('hf: surprisal of a text longer than the context (64 tokens) is read in half-overlapping windows', async () => {
  const model = await loadHfModel(gptDir, 'hf:gpt2', { cacheDir: join(root, 'cache-e'), store: memoryStore() });
  const words = ['the', 'cat', 'sat', 'on', 'the', 'mat'];
  const long = Array.from({ length: 80 }, (_, i) => words[i % words.length]);
  const longIds = [309, ...gptTokenizer.encode(long.join(' '), { add_special_tokens: false })];
  assert.ok(longIds.length > 64 && longIds.length <= 96, `${longIds.length} tokens`);
  // by hand: positions 1..63 from the window [0, 64); positions 64.. from the window [32, 96)
  const first = await gptLogits(longIds.slice(0, 64));
  const second = await gptLogits(longIds.slice(32, Math.min(96, longIds.length)));
  const expected = longIds.map((token, p) => (p === 0 ? NaN : p < 64 ? bits(first[p - 1], token) : bits(second[p - 1 - 32], token)));
  const got = await model.surprisals(long);
  // every word here is one token, so word k is token k + 1
  got.bits.forEach((b, k) => assert.ok(Math.abs(b - expected[k + 1]) <= 1e-9 * Math.max(1, expected[k + 1]), `word ${k}`));
  await model.dispose();
});
