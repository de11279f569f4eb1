import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../../../src/core/input-error.ts';
import { getNormSet } from '../../../src/data/datasets/norms.ts';
import { getScale, LIKERT_SCALES } from '../../../src/models/openai/scales.ts';
import { loadTemplate, renderTemplate, wordPromptValues } from '../../../src/models/openai/templates.ts';
import { oddOneOutTask, pairTask, wordTask } from '../../../src/models/openai/tasks.ts';

// Scale ends as data/*/SOURCE.md states them.
const RANGES: Record<string, [number, number]> = {
  'glasgow:arousal': [1, 9],
  'glasgow:valence': [1, 9],
  'glasgow:dominance': [1, 9],
  'glasgow:concreteness': [1, 7],
  'glasgow:imageability': [1, 7],
  'glasgow:familiarity': [1, 7],
  'glasgow:aoa': [1, 7],
  'glasgow:size': [1, 7],
  'glasgow:gender': [1, 7],
  'brysbaert:concreteness': [1, 5],
};

test('scales.v1.json: the shipped norms, their ranges, and the columns of the norms sets', () => {
  assert.deepEqual(LIKERT_SCALES.map((s) => s.id).sort(), [...Object.keys(RANGES), 'kuperman:aoa'].sort());
  for (const [id, [min, max]] of Object.entries(RANGES)) {
    const s = getScale(id);
    assert.deepEqual([s.kind, s.min, s.max], ['likert', min, max], id);
    assert.ok(s.answer.includes(`from ${min} to ${max}`), id);
    assert.ok(s.anchors[String(min)] && s.anchors[String(max)], `${id}: both ends labelled`);
  }
  const k = getScale('kuperman:aoa');
  assert.equal(k.kind, 'years');
  assert.match(k.answer, /answer x/);
  for (const s of LIKERT_SCALES) {
    const set = getNormSet(s.id);
    assert.deepEqual([s.dataset, s.column], [set.dataset, set.column], s.id);
  }
  assert.equal(getScale('glasgow871:valence'), getScale('glasgow:valence'));
  assert.throws(() => getScale('glasgow:colour'), InputError);
});

test('templates: loaded with their sha256; every placeholder filled', () => {
  const t = loadTemplate('rate-word.v1');
  const raw = readFileSync(new URL('../../../prompts/rate-word.v1.txt', import.meta.url), 'utf8');
  assert.equal(t.sha256, createHash('sha256').update(raw.replace(/\r\n?/g, '\n')).digest('hex'));
  const prompt = renderTemplate(t, wordPromptValues('{word}', getScale('glasgow:aoa')));
  assert.match(prompt, /^Word: \{word\}$/m); // a value with braces is not expanded again
  assert.match(prompt, /^1 = 0 to 2 years$/m);
  assert.match(prompt, /^7 = 13 years or older$/m);
  assert.ok(prompt.endsWith('Answer with a single whole number from 1 to 7 (the age band), and nothing else.'));
  const kuperman = wordTask('zebra', getScale('kuperman:aoa')).prompt;
  assert.match(kuperman, /^an age in years, as a whole number$/m);
  for (const p of [kuperman, pairTask('cat', 'dog').prompt, oddOneOutTask('cat', 'dog', 'car').prompt]) {
    assert.doesNotMatch(p, /\{[a-z_]+\}/);
  }
  assert.match(oddOneOutTask('cat', 'dog', 'car').prompt, /^A: cat\nB: dog\nC: car$/m);
  assert.throws(() => renderTemplate(t, { word: 'x' }), /no value for \{instructions\}/);
  assert.throws(() => renderTemplate(loadTemplate('rate-pair.v1'), { a: 'x', b: 'y', c: 'z' }), /no \{c\} placeholder/);
});
