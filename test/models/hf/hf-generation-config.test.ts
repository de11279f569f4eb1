// A causal hf: export without generation_config.json (optional in many exports): transformers.js asked for it in
// Attune's cached copy (or the user's folder) and the run ended in "internal error". It now loads: every layer and
// the surprisal equal those of the same export with the file; with the file, the copy carries it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryStore } from '../../../src/models/answer-store.ts';
import { loadHfModel, type HfModel } from '../../../src/models/hf/hf-model.ts';
import { buildTinyGpt2 } from '../../../test-support/tiny-models/tiny-gpt2.ts';
import { attune } from '../../../test-support/run-cli.ts';

let root = '';
const ITEMS = ['cat', 'the cats played', 'unhappiness'];
const WORDS = ['The', 'cat', 'sat', 'on', 'the', 'catapult.'];

let savedCacheDir: string | undefined;
before(() => {
  root = mkdtempSync(join(tmpdir(), 'attune-hf-gen-'));
  // The CLI children inherit this: no copy lands in the user's cache.
  savedCacheDir = process.env.ATTUNE_CACHE_DIR;
  process.env.ATTUNE_CACHE_DIR = join(root, 'cli-cache');
  for (const declared of [false, true]) {
    const withFile = buildTinyGpt2(join(root, `with-${declared}`), { declareHiddenStates: declared }).dir;
    const without = join(root, `without-${declared}`);
    cpSync(withFile, without, { recursive: true });
    rmSync(join(without, 'generation_config.json'));
  }
});
after(() => {
  if (savedCacheDir === undefined) delete process.env.ATTUNE_CACHE_DIR;
  else process.env.ATTUNE_CACHE_DIR = savedCacheDir;
  rmSync(root, { recursive: true, force: true });
});

/** Every layer of ITEMS and the surprisal of WORDS, as plain arrays. */
async function readings(model: HfModel): Promise<{ layers: number[][]; bits: number[]; tokens: number[] }> {
  const layers = (await model.allLayers(ITEMS)).map((v) => Array.from(v));
  const s = await model.surprisals(WORDS);
  return { layers, bits: Array.from(s.bits), tokens: Array.from(s.tokens) };
}

for (const declared of [false, true]) {
  const how = declared ? 'declaring its hidden states (loaded from its own folder)' : 'with hidden states exposed in Attune\'s copy';
  test(`hf: a causal export ${how} loads without generation_config.json; layers and surprisal equal the export with it`, async () => {
    const withDir = join(root, `with-${declared}`);
    const withoutDir = join(root, `without-${declared}`);
    const before = readdirSync(withoutDir).sort();
    const reference = await loadHfModel(withDir, 'hf:tiny-gpt2', { cacheDir: join(root, `cache-with-${declared}`), store: memoryStore() });
    const model = await loadHfModel(withoutDir, 'hf:tiny-gpt2', { cacheDir: join(root, `cache-without-${declared}`), store: memoryStore() });
    try {
      assert.equal(model.causal, true);
      assert.equal(model.declaredHiddenStates, declared);
      const expected = await readings(reference);
      const got = await readings(model);
      assert.ok(expected.bits.every((b) => Number.isFinite(b) && b > 0));
      assert.deepEqual(got, expected);
    } finally {
      await reference.dispose();
      await model.dispose();
    }
    // Nothing is written into the user's folder.
    assert.deepEqual(readdirSync(withoutDir).sort(), before);
    if (!declared) {
      // The cached copy carries the export's generation_config.json when it has one, and none is invented otherwise.
      const copies = (cache: string) => readdirSync(join(root, cache, 'models', 'hf')).map((sha) => join(root, cache, 'models', 'hf', sha));
      const [withCopy] = copies(`cache-with-${declared}`);
      const [withoutCopy] = copies(`cache-without-${declared}`);
      assert.equal(readFileSync(join(withCopy, 'generation_config.json'), 'utf8'), readFileSync(join(withDir, 'generation_config.json'), 'utf8'));
      assert.equal(existsSync(join(withoutCopy, 'generation_config.json')), false);
    }
  });
}

test('attune wordsim --model hf:<causal folder without generation_config.json> exits 0 with the same value as with the file', async () => {
  const pairs = join(root, 'pairs.tsv');
  writeFileSync(pairs, 'cat\tdog\t9\nking\tqueen\t8\nsun\tmoon\t6\napple\tcar\t1\nhappy\tsad\t2\nbook\tread\t6.5\n');
  // One cache folder each (the copies are keyed by the ONNX file's sha256, which the two folders share).
  const run = (dir: string) => {
    process.env.ATTUNE_CACHE_DIR = join(root, `cli-cache-${dir}`);
    return attune(['wordsim', pairs, '--model', `hf:${join(root, dir)}`, '--bootstrap', '0', '--json'], root);
  };
  const withFile = await run('with-false');
  const without = await run('without-false');
  process.env.ATTUNE_CACHE_DIR = join(root, 'cli-cache');
  assert.equal(withFile.code, 0, withFile.stderr);
  assert.equal(without.code, 0, without.stderr);
  assert.doesNotMatch(without.stderr, /internal error/);
  assert.equal((JSON.parse(without.stdout) as { value: number }).value, (JSON.parse(withFile.stdout) as { value: number }).value);
});

test('attune wordsim --model hf:<folder without tokenizer.json or tokenizer_config.json>: exit 2 naming the file (was an internal error)', async () => {
  const pairs = join(root, 'pairs-2.tsv');
  writeFileSync(pairs, 'cat\tdog\t9\nking\tqueen\t8\nsun\tmoon\t6\n');
  for (const name of ['tokenizer.json', 'tokenizer_config.json']) {
    const dir = join(root, `no-${name}`);
    cpSync(join(root, 'with-false'), dir, { recursive: true });
    rmSync(join(dir, name));
    const r = await attune(['wordsim', pairs, '--model', `hf:${dir}`, '--no-cache'], root);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`the model folder has no ${name.replace('.', '\\.')}`));
  }
});
