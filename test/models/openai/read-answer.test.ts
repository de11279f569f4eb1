import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceFromTop, firstAnswerPosition, parseChoice, parseRating, ratingFromTop } from '../../../src/models/openai/read-answer.ts';
import { readChoice, readRating } from '../../../src/models/openai/tasks.ts';

const top = (pairs: [string, number][]) => pairs.map(([token, p]) => ({ token, logprob: Math.log(p) }));

test('ratingFromTop: the probability-weighted mean over valid integer tokens, renormalised (by hand)', () => {
  // 1–7 scale: '8' is out of range, 'x' and 'The' are not numbers, ' 5' pools with '5'.
  // valid mass: 4:0.2, 5:0.3+0.1, 6:0.1 → 0.7; mean = (0.8 + 2.0 + 0.6) / 0.7 = 3.4 / 0.7.
  const r = ratingFromTop(top([['5', 0.3], ['4', 0.2], ['8', 0.15], [' 5', 0.1], ['6', 0.1], ['x', 0.1], ['The', 0.05]]), 1, 7);
  assert.ok(r);
  assert.ok(Math.abs(r.value - 3.4 / 0.7) < 1e-12);
  assert.deepEqual(Object.keys(r.distribution), ['4', '5', '6']);
  assert.ok(Math.abs(r.distribution['5'] - 0.4 / 0.7) < 1e-12);
  assert.ok(Math.abs(r.distribution['4'] - 0.2 / 0.7) < 1e-12);
  // 0–100: multi-digit tokens count; '05' (leading zero) and '101' do not.
  const s = ratingFromTop(top([['75', 0.5], ['80', 0.25], ['05', 0.1], ['101', 0.1], ['100', 0.05]]), 0, 100);
  assert.ok(s && Math.abs(s.value - (37.5 + 20 + 5) / 0.8) < 1e-12);
  assert.equal(ratingFromTop(top([['x', 0.9], ['0', 0.1]]), 1, 7), undefined);
  assert.equal(ratingFromTop([], 1, 7), undefined);
});

test('firstAnswerPosition skips leading whitespace, quotes and markdown tokens', () => {
  const content = [{ token: '\n' }, { token: '**' }, { token: '6', top_logprobs: [] }, { token: '**' }];
  assert.equal(firstAnswerPosition(content)?.token, '6');
  assert.equal(firstAnswerPosition([{ token: ' ' }]), undefined);
  assert.equal(firstAnswerPosition(null), undefined);
});

test('parseRating: the first number in range, else undefined', () => {
  assert.equal(parseRating('6', 1, 7), 6);
  assert.equal(parseRating(' Rating: 4.5 out of 7', 1, 7), 4.5);
  assert.equal(parseRating('12', 1, 7), undefined);
  assert.equal(parseRating('x', 1, 99), undefined);
  assert.equal(parseRating('I would say 73.', 0, 100), 73);
});

test('choiceFromTop: A/B/C probabilities renormalised; ties reported', () => {
  // A 0.1, B 0.1, C 0.6 + 0.1 → total 0.9.
  const c = choiceFromTop(top([['C', 0.6], ['A', 0.1], [' C', 0.1], ['B', 0.1], ['The', 0.1]]));
  assert.ok(c);
  assert.equal(c.choice, 'C');
  assert.ok(Math.abs(c.probabilities.A - 1 / 9) < 1e-12 && Math.abs(c.probabilities.B - 1 / 9) < 1e-12);
  assert.ok(Math.abs(c.probabilities.C - 7 / 9) < 1e-12);
  assert.equal(choiceFromTop(top([['A', 0.4], ['B', 0.4], ['C', 0.2]]))?.choice, 'tie');
  assert.equal(choiceFromTop(top([['a', 0.5], ['D', 0.5]])), undefined);
});

test('parseChoice: a leading letter, the one word named, or the only standalone capital', () => {
  const words: [string, string, string] = ['cat', 'dog', 'car'];
  assert.equal(parseChoice('B', words), 'B');
  assert.equal(parseChoice('**(C)**', words), 'C');
  assert.equal(parseChoice('A.', words), 'A');
  assert.equal(parseChoice('The odd one out is car', words), 'C');
  assert.equal(parseChoice('I pick option B here', words), 'B');
  assert.equal(parseChoice('cat or dog', words), undefined);
  assert.equal(parseChoice('no idea', words), undefined);
});

test('readRating / readChoice: logprobs first, then the text, then none', () => {
  const reply = (text: string, pairs?: [string, number][]) => ({
    text,
    content: pairs ? [{ token: pairs[0][0], top_logprobs: top(pairs) }] : undefined,
    promptTokens: 10,
    completionTokens: 1,
  });
  const a = readRating(reply('7', [['7', 0.5], ['6', 0.5]]), 'rate-word.v1', 1, 9);
  assert.equal(a.method, 'logprobs');
  assert.ok(Math.abs(a.value - 6.5) < 1e-12);
  const b = readRating(reply('5', [['x', 0.9], ['The', 0.1]]), 'rate-word.v1', 1, 9);
  assert.deepEqual([b.method, b.value], ['parsed', 5]);
  const c = readRating(reply('x'), 'rate-word.v1', 1, 99);
  assert.equal(c.method, 'none');
  assert.ok(Number.isNaN(c.value));
  assert.deepEqual([c.promptTokens, c.completionTokens, c.template], [10, 1, 'rate-word.v1']);
  const d = readChoice(reply('B'), 'odd-one-out.v1', ['cat', 'dog', 'car']);
  assert.deepEqual([d.method, d.choice, d.word], ['parsed', 'B', 'dog']);
  const e = readChoice(reply('?'), 'odd-one-out.v1', ['cat', 'dog', 'car']);
  assert.deepEqual([e.method, e.choice, e.word], ['none', 'none', undefined]);
});
