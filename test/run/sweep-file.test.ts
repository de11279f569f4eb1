// Sweep files: the same sweep written in YAML and in JSON reads to the same SweepSpec; every refused file names the
// line and column of the offending key or value (positions counted by hand in the texts below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/input-error.ts';
import { parseSweepText, readSweepFile } from '../../src/run/sweep-file.ts';

const YAML_TEXT = `# two models on two suites
models:
  - glove
  - id: hf:Xenova/bert-base-uncased
    layers: all
    pooling: first
  - id: vectors:words.vec
    layers: 0
suites: [core, vision]
seed: 7
bootstrap: 20
transform: geotopological:0.1,0.9
offline: true
concurrency: 2
`;

const JSON_TEXT = `{
  "models": [
    "glove",
    { "id": "hf:Xenova/bert-base-uncased", "layers": "all", "pooling": "first" },
    { "id": "vectors:words.vec", "layers": 0 }
  ],
  "suites": ["core", "vision"],
  "seed": 7,
  "bootstrap": 20,
  "transform": "geotopological:0.1,0.9",
  "offline": true,
  "concurrency": 2
}
`;

const EXPECTED = {
  spec: {
    models: [{ id: 'glove' }, { id: 'hf:Xenova/bert-base-uncased', layers: 'all', pooling: 'first' }, { id: 'vectors:words.vec', layers: 0 }],
    suites: ['core', 'vision'], seed: 7, bootstrap: 20, transform: { lower: 0.1, upper: 0.9 }, offline: true,
  },
  concurrency: 2,
};

/** The InputError a text raises, as [line, column, detail]. */
function refusal(text: string, format: 'json' | 'yaml'): [number | undefined, number | undefined, string] {
  try {
    parseSweepText(text, `s.${format}`, format);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    assert.equal(error.file, `s.${format}`);
    assert.ok(error.message.startsWith(error.line === undefined ? `s.${format}: ` : `s.${format}:${error.line}:${error.column}: `), error.message);
    return [error.line, error.column, error.detail];
  }
  assert.fail('accepted');
}

test('a sweep file in YAML and the same in JSON read to the same spec; files by extension', (t) => {
  assert.deepEqual(parseSweepText(YAML_TEXT, 's.yaml', 'yaml'), EXPECTED);
  assert.deepEqual(parseSweepText(JSON_TEXT, 's.json', 'json'), EXPECTED);
  assert.deepEqual(parseSweepText('models: [glove]\n', 's.yml', 'yaml'), { spec: { models: [{ id: 'glove' }] } });
  const dir = mkdtempSync(join(tmpdir(), 'attune-sweep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of [['a.yml', YAML_TEXT], ['a.YAML', YAML_TEXT], ['a.json', JSON_TEXT]]) {
    writeFileSync(join(dir, name), text);
    assert.deepEqual(readSweepFile(join(dir, name)), EXPECTED, name);
  }
  writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON_TEXT}`);
  assert.deepEqual(readSweepFile(join(dir, 'bom.json')), EXPECTED, 'a byte-order mark is skipped');
  writeFileSync(join(dir, 'a.toml'), 'models = ["glove"]\n');
  assert.throws(() => readSweepFile(join(dir, 'a.toml')), (e: unknown) => e instanceof InputError && /JSON \(\.json\) or YAML/.test(e.message));
  assert.throws(() => readSweepFile(join(dir, 'none.yaml')), (e: unknown) => e instanceof InputError && e.detail === 'no such file');
});

test('refused sweep files name the line and column of the key or value at fault', () => {
  // unknown keys, at the key: top level and in a model, with the closest known name
  assert.deepEqual(refusal('models: [glove]\nsuite: [core]\n', 'yaml'), [2, 1, "unknown key 'suite' in a sweep file; did you mean suites?"]);
  assert.deepEqual(refusal('models:\n  - id: glove\n    layer: 3\n', 'yaml')[0], 3);
  assert.deepEqual(refusal('models:\n  - id: glove\n    layer: 3\n', 'yaml').slice(1), [5, "unknown key 'layer' in a model; did you mean layers?"]);
  assert.deepEqual(refusal(JSON_TEXT.replace('"seed": 7,', '"seed": 7,\n  "colour": "red",'), 'json').slice(0, 2), [9, 3]);
  // wrong types, at the value
  assert.deepEqual(refusal('models: [glove]\nseed: "3"\n', 'yaml'), [2, 7, "'seed' must be an integer ≥ 0; got '3' (a string)"]);
  assert.deepEqual(refusal('{"models": ["glove"], "bootstrap": 1.5}', 'json'), [1, 36, "'bootstrap' must be an integer ≥ 0; got 1.5 (a number)"]);
  assert.deepEqual(refusal('models: glove\n', 'yaml'), [1, 9, "'models' must be a list; got 'glove' (a string)"]);
  assert.deepEqual(refusal('models: [glove]\noffline: yes\n', 'yaml'), [2, 10, "'offline' must be true or false; got 'yes' (a string)"]);
  assert.deepEqual(refusal('models:\n  - id: glove\n    layers: last\n', 'yaml')[0], 3);
  assert.deepEqual(refusal('models: [glove]\nconcurrency: 0\n', 'yaml').slice(0, 2), [2, 14]);
  // unknown suites and model kinds, repeated entries
  assert.deepEqual(refusal('models: [glove]\nsuites: [core, visoin]\n', 'yaml'), [2, 16, "unknown suite 'visoin'; did you mean vision?"]);
  assert.deepEqual(refusal('models: [glove, word2vec]\n', 'yaml').slice(0, 2), [1, 17]);
  assert.deepEqual(refusal('models:\n  - glove\n  - id: glove\n', 'yaml'), [3, 5, "model 'glove' is listed twice (each model once: results are grouped by model id)"]);
  assert.deepEqual(refusal('models: []\n', 'yaml'), [1, 9, "'models' is empty: list at least one"]);
  assert.deepEqual(refusal('suites: [core]\n', 'yaml'), [1, 1, "'models' is missing: list the model ids to sweep"]);
  assert.deepEqual(refusal('', 'yaml').slice(0, 2), [1, 1]);
  // syntax: YAML's own message at its position; JSON's strictness beyond YAML (a trailing comma)
  assert.deepEqual(refusal('models: [glove\nsuites: [core]\n', 'yaml').slice(0, 2), [2, 1]);
  assert.match(refusal('models:\n  - glove\n   - x: [\n', 'yaml')[2], /^YAML syntax: /);
  assert.deepEqual(refusal('models: [glove]\n---\nmodels: [glove]\n', 'yaml'), [2, 1, 'YAML syntax: a sweep file holds one document (no second one after ---)']);
  assert.deepEqual(refusal('{\n  "models": ["glove"],\n}\n', 'json'), [3, 1, 'not valid JSON: Expected double-quoted property name']);
  assert.deepEqual(refusal('{\n  "models": ["glove"],\n  "models": ["glove"]\n}\n', 'json').slice(0, 2), [3, 3]);
});
