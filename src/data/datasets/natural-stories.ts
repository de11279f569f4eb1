// Natural Stories (data/natural_stories): the 10 stories' tokens as the self-paced reading experiment showed
// them, the per-word mean reading times, GPT-3's log-probabilities aligned to those words by character
// offset (see data/natural_stories/ALIGNMENT.md), and SUBTLEX-US word counts for a frequency predictor.
import { readFileSync } from 'node:fs';
import { parseDelimited } from '../../core/delimited.ts';
import { InputError } from '../../core/input-error.ts';
import { readNorms } from '../norms-file.ts';
import { datasetFile, verifyDataset } from '../registry.ts';

const DATASET = 'natural_stories';

/** One token of a story with the mean reading time over participants (ms) and how many RTs it rests on. */
export interface StoryWord {
  story: number;
  zone: number;
  word: string;
  meanRt: number;
  nRt: number;
}

/** The corpus: words in story then zone order, the story numbers, and the dataset id with its checksum. */
export interface NaturalStories {
  words: StoryWord[];
  stories: number[];
  dataset: { id: string; checksum: string };
}

/** One BPE token of a log-probability file: its text (leading space included), character offset and natural-log probability (NaN: none). */
export interface BpeToken {
  text: string;
  offset: number;
  logprob: number;
}

function records(name: string, separator: ',' | '\t'): { header: string[]; rows: string[][]; lines: number[]; file: string } {
  const file = datasetFile(DATASET, name);
  const all = parseDelimited(readFileSync(file, 'utf8'), separator);
  const header = all[0].fields;
  return { header, rows: all.slice(1).map((r) => r.fields), lines: all.slice(1).map((r) => r.line), file };
}

function column(t: { header: string[]; file: string }, name: string): number {
  const i = t.header.indexOf(name);
  if (i < 0) throw new InputError(`no column "${name}"`, { file: t.file, line: 1 });
  return i;
}

/** Read all_stories.tok (the displayed tokens) and processed_wordinfo.tsv (meanItemRT, nItem), matched on (item, zone). */
export function loadNaturalStories(): NaturalStories {
  const checksum = verifyDataset(DATASET);
  const tok = records('all_stories.tok', '\t');
  const info = records('processed_wordinfo.tsv', '\t');
  const [iw, iz, ii] = ['word', 'zone', 'item'].map((c) => column(info, c));
  const [irt, in_] = ['meanItemRT', 'nItem'].map((c) => column(info, c));
  const byKey = new Map<string, string[]>();
  info.rows.forEach((r) => byKey.set(`${r[ii]}:${r[iz]}`, r));
  const [tw, tz, ti] = ['word', 'zone', 'item'].map((c) => column(tok, c));
  const words: StoryWord[] = tok.rows.map((r, k) => {
    const row = byKey.get(`${r[ti]}:${r[tz]}`);
    if (!row || row[iw] !== r[tw]) throw new InputError(`token "${r[tw]}" (story ${r[ti]}, zone ${r[tz]}) has no matching row in processed_wordinfo.tsv`, { file: tok.file, line: tok.lines[k] });
    return { story: Number(r[ti]), zone: Number(r[tz]), word: r[tw], meanRt: Number(row[irt]), nRt: Number(row[in_]) };
  });
  words.sort((a, b) => a.story - b.story || a.zone - b.zone);
  return { words, stories: [...new Set(words.map((w) => w.story))], dataset: { id: DATASET, checksum } };
}

/** The corpus restricted to some stories (e.g. for a quick test). */
export function storySubset(data: NaturalStories, stories: readonly number[]): NaturalStories {
  return { ...data, words: data.words.filter((w) => stories.includes(w.story)), stories: data.stories.filter((s) => stories.includes(s)) };
}

/** The tokens of all_stories_gpt3.csv per story (1-based, as in the RT files), in file order. */
export function loadGpt3Tokens(): Map<number, BpeToken[]> {
  const t = records('all_stories_gpt3.csv', ',');
  const [it, il, io, is] = ['token', 'logprob', 'offset', 'story'].map((c) => column(t, c));
  const out = new Map<number, BpeToken[]>();
  t.rows.forEach((r) => {
    const story = Number(r[is]) + 1;
    if (!out.has(story)) out.set(story, []);
    out.get(story)!.push({ text: r[it], offset: Number(r[io]), logprob: r[il] === '' ? NaN : Number(r[il]) });
  });
  return out;
}

/**
 * Surprisal in bits of each word of a text (the words joined by single spaces) from its BPE tokens:
 * −Σ logprob / ln 2 over the tokens whose first non-space character lies in the word; NaN when one of
 * them has no log-probability. Throws when the offsets do not tile the text or a token crosses a word.
 */
export function bpeWordSurprisals(words: readonly string[], tokens: readonly BpeToken[]): { bits: Float64Array; tokens: Int32Array } {
  const starts: number[] = [];
  let length = 0;
  for (const w of words) {
    starts.push(length === 0 ? 0 : length + 1);
    length = starts[starts.length - 1] + w.length;
  }
  const bits = new Float64Array(words.length);
  const counts = new Int32Array(words.length);
  let word = 0;
  let expected = 0;
  for (const t of tokens) {
    if (t.offset !== expected) throw new Error(`BPE token "${t.text}" at offset ${t.offset}, expected ${expected}: the offsets do not tile the text`);
    expected += t.text.length;
    const first = t.offset + t.text.length - t.text.trimStart().length;
    while (word + 1 < words.length && starts[word + 1] <= first) word++;
    if (expected > starts[word] + words[word].length) throw new Error(`BPE token "${t.text}" at offset ${t.offset} runs past the word "${words[word]}"`);
    counts[word]++;
    bits[word] -= t.logprob / Math.LN2;
  }
  if (expected !== length) throw new Error(`the BPE tokens cover ${expected} characters, the words ${length}`);
  counts.forEach((c, w) => {
    if (c === 0) bits[w] = NaN;
  });
  return { bits, tokens: counts };
}

/** GPT-3's surprisal (bits) of every word of `data`, in its word order (NaN for each story's first word). */
export function gpt3Surprisals(data: NaturalStories): Float64Array {
  const tokens = loadGpt3Tokens();
  const out = new Float64Array(data.words.length);
  let k = 0;
  for (const story of data.stories) {
    const words = data.words.filter((w) => w.story === story).map((w) => w.word);
    const own = tokens.get(story);
    if (!own) throw new Error(`all_stories_gpt3.csv has no story ${story}`);
    out.set(bpeWordSurprisals(words, own).bits, k);
    k += words.length;
  }
  return out;
}

/** SUBTLEX-US counts (51M words) of the words of the Brysbaert et al. (2014) norms, keyed lower-case, with their dataset. */
export function loadSubtlexCounts(): { counts: Map<string, number>; dataset: { id: string; checksum: string } } {
  const id = 'brysbaert_concreteness';
  const checksum = verifyDataset(id);
  const table = readNorms(datasetFile(id, 'brysbaert_norms.csv'), 'Word', 'SUBTLEX');
  const counts = new Map<string, number>();
  table.words.forEach((w, i) => {
    const key = w.toLowerCase();
    if (!counts.has(key) && Number.isFinite(table.values[i])) counts.set(key, table.values[i]);
  });
  return { counts, dataset: { id, checksum } };
}

/** A token without leading and trailing non-alphanumeric characters ("'Come," → "Come"). */
export function wordCore(token: string): string {
  return token.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}
