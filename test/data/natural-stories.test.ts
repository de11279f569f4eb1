// Natural Stories loaders: the tokens and mean RTs, GPT-3 log-probabilities aligned to words by character
// offset (known words by hand from the CSV's own numbers), the alignment checks of ALIGNMENT.md against
// numpy, and the SUBTLEX counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bpeWordSurprisals, gpt3Surprisals, loadGpt3Tokens, loadNaturalStories, loadSubtlexCounts, storySubset, wordCore } from '../../src/data/datasets/natural-stories.ts';
import { pearson } from '../../src/core/correlation.ts';

interface Known { story: number; zone: number; word: string; bits: number | null; tokens: number }
const expected = JSON.parse(readFileSync(new URL('../fixtures/natural-stories/reading_times_expected.json', import.meta.url), 'utf8')) as {
  gpt3: { n_words: number; n_with_surprisal: number; known_words: Known[]; mean_surprisal: number; alignment: Record<string, number> };
};
const data = loadNaturalStories();
const surprisal = gpt3Surprisals(data);
const at = (story: number, zone: number): number => data.words.findIndex((w) => w.story === story && w.zone === zone);

test('the 10,256 tokens in story and zone order, with the mean RT of processed_wordinfo.tsv', () => {
  assert.equal(data.words.length, 10256);
  assert.deepEqual(data.stories, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(data.dataset.id, 'natural_stories');
  assert.match(data.dataset.checksum, /^[0-9a-f]{64}$/);
  assert.deepEqual(data.words.slice(0, 3).map((w) => w.word), ['If', 'you', 'were']);
  // processed_wordinfo.tsv line 2: 'Admiral	344	9	76	426.0921052631579 …
  const admiral = data.words[at(9, 344)];
  assert.equal(admiral.word, "'Admiral");
  assert.equal(admiral.meanRt, 426.0921052631579);
  assert.equal(admiral.nRt, 76);
  for (let i = 1; i < data.words.length; i++) {
    const [a, b] = [data.words[i - 1], data.words[i]];
    assert.ok(a.story < b.story || (a.story === b.story && b.zone === a.zone + 1), `order at ${i}`);
  }
  const two = storySubset(data, [2, 5]);
  assert.deepEqual(two.stories, [2, 5]);
  assert.ok(two.words.every((w) => w.story === 2 || w.story === 5));
});

test('BPE tokens to words by the first non-space character; NaN without a log-probability; bad offsets throw', () => {
  const words = ['If', 'you', 'moors.'];
  const tokens = [
    { text: 'If', offset: 0, logprob: NaN },
    { text: ' you', offset: 2, logprob: -0.5 },
    { text: ' mo', offset: 6, logprob: -1 },
    { text: 'ors', offset: 9, logprob: -0.25 },
    { text: '.', offset: 12, logprob: -0.125 },
  ];
  const got = bpeWordSurprisals(words, tokens);
  assert.ok(Number.isNaN(got.bits[0]));
  assert.equal(got.bits[1], 0.5 / Math.LN2);
  assert.ok(Math.abs(got.bits[2] - 1.375 / Math.LN2) < 1e-15);
  assert.deepEqual(Array.from(got.tokens), [1, 1, 3]);
  assert.throws(() => bpeWordSurprisals(words, [tokens[0], tokens[2]]), /do not tile/);
  assert.throws(() => bpeWordSurprisals(['ab', 'c'], [{ text: 'ab c', offset: 0, logprob: -1 }]), /runs past/);
  assert.throws(() => bpeWordSurprisals(['ab', 'cd'], [{ text: 'ab', offset: 0, logprob: -1 }]), /cover 2 characters, the words 5/);
});

test('GPT-3 surprisal of known words, by hand from the log-probabilities in all_stories_gpt3.csv', () => {
  const bits = (...nats: number[]) => -nats.reduce((a, b) => a + b, 0) / Math.LN2;
  const close = (story: number, zone: number, word: string, want: number) => {
    const i = at(story, zone);
    assert.equal(data.words[i].word, word);
    assert.ok(Math.abs(surprisal[i] - want) < 1e-12, `${word}: ${surprisal[i]} vs ${want}`);
  };
  close(1, 2, 'you', bits(-0.7762714));
  close(1, 10, 'England,', bits(-1.6299113, -0.9145297)); // ' England' + ','
  close(1, 21, 'moors', bits(-5.148232, -0.0016757128)); // ' mo' + 'ors'
  close(1, 25, 'mountains.', bits(-1.2220592, -0.6866162));
  close(2, 749, 'peaked', bits(-4.318404, -0.005524709)); // GPT-3's text has ' peek' + 'ed': the one differing character
  for (const story of data.stories) assert.ok(Number.isNaN(surprisal[at(story, 1)]), `story ${story} word 1 has no context`);
  for (const k of expected.gpt3.known_words) {
    const i = at(k.story, k.zone);
    assert.equal(data.words[i].word, k.word);
    if (k.bits === null) assert.ok(Number.isNaN(surprisal[i]));
    else assert.ok(Math.abs(surprisal[i] - k.bits) < 1e-12, k.word);
  }
  assert.equal(surprisal.filter(Number.isFinite).length, expected.gpt3.n_with_surprisal);
});

test('alignment checks (ALIGNMENT.md): log-probs sit on their own token; surprisal goes with the RT of its own word best', () => {
  const a = expected.gpt3.alignment;
  // Word-internal BPE tokens (no leading space) are nearly certain on their own row, not on a neighbour's.
  const rows = [...loadGpt3Tokens().values()].flat();
  const own: number[] = [], next: number[] = [];
  let inner = 0;
  rows.forEach((t, i) => {
    if (!/^[A-Za-z]/.test(t.text)) return;
    inner++;
    if (!Number.isNaN(t.logprob)) own.push(-t.logprob);
    const n = rows[i + 1];
    if (n && n.offset > 0 && !Number.isNaN(n.logprob)) next.push(-n.logprob); // offset 0: the next story begins
  });
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  assert.equal(inner, a.word_internal_tokens);
  assert.ok(Math.abs(mean(own) - a.word_internal_mean_nats_own_row) < 1e-12);
  assert.ok(Math.abs(mean(next) - a.word_internal_mean_nats_next_row) < 1e-12);
  assert.ok(mean(own) < 0.5 * mean(next));
  // Word level: r(RT, surprisal of the same word) > r(RT, surprisal of the next word in the story).
  const pairs = (lag: number) => {
    const rt: number[] = [], s: number[] = [];
    data.words.forEach((w, i) => {
      const j = i + lag;
      if (data.words[j]?.story !== w.story || !Number.isFinite(surprisal[j])) return;
      rt.push(w.meanRt);
      s.push(surprisal[j]);
    });
    return pearson(rt, s);
  };
  const [rSame, rNext, rPrevious] = [pairs(0), pairs(1), pairs(-1)];
  assert.ok(Math.abs(rSame - a.r_rt_surprisal_same_word) < 1e-12);
  assert.ok(Math.abs(rNext - a.r_rt_surprisal_next_word) < 1e-12);
  assert.ok(Math.abs(rPrevious - a.r_rt_surprisal_previous_word) < 1e-12);
  assert.ok(rSame > rNext + 0.03 && rNext > rPrevious, `${rSame} ${rNext} ${rPrevious}`);
});

test('SUBTLEX-US counts from the Brysbaert norms, keyed lower-case; wordCore strips edge punctuation', () => {
  const { counts, dataset } = loadSubtlexCounts();
  assert.equal(dataset.id, 'brysbaert_concreteness');
  assert.equal(counts.get('the'), 1501908);
  assert.equal(counts.get('was'), 288391);
  assert.equal(counts.get('i'), 2038529); // brysbaert_norms.csv line 23274: I,…,2038529,Pronoun
  assert.equal(counts.has('I'), false);
  assert.equal(counts.get('roadsweeper'), 0);
  assert.equal(wordCore("'Come,"), 'Come');
  assert.equal(wordCore("Tourette's"), "Tourette's");
  assert.equal(wordCore('--'), '');
});
