import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/input-error.ts';
import { loadRecorded } from '../../src/models/recorded.ts';

const data = (name: string): string => fileURLToPath(new URL(`../../data/llm_norms_gpt4/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'attune-recorded-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string, ext = 'csv'): string {
  const path = join(dir, `r${n++}.${ext}`);
  writeFileSync(path, text);
  return path;
}

// Expected values read off the CSV rows by eye (line 2 of simlex_gpt-4.csv: old,new,…,1,1; etc.).
test('simlex_gpt-4: pairs keyed by word1+word2, either order', () => {
  const m = loadRecorded(data('simlex_gpt-4.csv'));
  assert.equal(m.kind, 'recorded');
  assert.deepEqual(m.keyColumns, ['word1', 'word2']);
  assert.equal(m.size, 999);
  assert.deepEqual(m.columns, ['POS', 'SimLex999', 'conc(w1)', 'conc(w2)', 'concQ', 'Assoc(USF)', 'SimAssoc333', 'SD(SimLex)', 'gpt-4_response', 'gpt4_rating']);
  assert.equal(m.pairRating('old', 'new', 'gpt4_rating'), 1);
  assert.equal(m.pairRating('new', 'old', 'gpt4_rating'), 1);
  assert.equal(m.pairRating('smart', 'intelligent', 'gpt4_rating'), 9);
  assert.equal(m.pairRating('intelligent', 'smart', 'SimLex999'), 9.2);
  assert.ok(Number.isNaN(m.pairRating('old', 'new', 'POS') as number)); // 'A' is not a number
  assert.equal(m.pairRating('old', 'zebra', 'gpt4_rating'), undefined);
  assert.equal(m.pairRating('old', 'new', 'no such column'), undefined);
  assert.equal(m.rating('old', 'gpt4_rating'), undefined); // a pair file has no single items
  assert.match(m.revision, /^[0-9a-f]{64}$/);
});

test('glasgow_gpt-4: items keyed by word, sense labels kept, empty cell is NaN', () => {
  const m = loadRecorded(data('glasgow_gpt-4.csv'));
  assert.deepEqual(m.keyColumns, ['word']);
  assert.equal(m.size, 871);
  assert.deepEqual(m.columns, ['AoA', 'Arousal', 'Concreteness', 'Dominance', 'Familiarity', 'Gender', 'Imageability', 'Size', 'Valence']);
  assert.equal(m.rating('address (postal)', 'AoA'), 6);
  assert.equal(m.rating('address (speak to)', 'AoA'), 7);
  assert.equal(m.rating('Apple (brand)', 'Valence'), 7);
  assert.equal(m.rating('apple (brand)', 'Valence'), 7); // case-insensitive fallback
  assert.ok(Number.isNaN(m.rating('scale (magnitude)', 'AoA') as number)); // the cell is empty
  assert.equal(m.rating('address', 'AoA'), undefined);
  assert.equal(m.pairRating('address (postal)', 'x', 'AoA'), undefined);
});

test('glasgow_human_871_senses (CRLF): AoA.M of address (postal)', () => {
  const m = loadRecorded(data('glasgow_human_871_senses.csv'));
  assert.equal(m.rating('address (postal)', 'AoA.M'), 3.059);
  assert.equal(m.rating('address (speak to)', 'Gender.N'), 34);
});

test('raw-c_gpt-4: pairs of sentences', () => {
  const m = loadRecorded(data('raw-c_gpt-4.csv'));
  assert.deepEqual(m.keyColumns, ['sentence1', 'sentence2']);
  assert.equal(m.size, 672);
  assert.ok(m.columns.includes('word') && m.columns.includes('gpt4_rating') && !m.columns.includes('sentence1'));
  assert.equal(m.pairRating('It was a desperate act.', 'It was a magic act.', 'gpt4_rating'), 2);
  assert.equal(m.pairRating('It was a magic act.', 'It was a desperate act.', 'mean_relatedness'), 2.181818182);
});

test('quotes, TSV, refusal text, first column as key, first row of a repeated key wins', () => {
  const csv = file('term,rating,note\r\n"cat, the animal",3.5,"said ""hi"""\r\ndog,"I cannot rate that",x\r\ndog,2,y\r\n');
  const m = loadRecorded(csv);
  assert.deepEqual(m.keyColumns, ['term']);
  assert.deepEqual(m.columns, ['rating', 'note']);
  assert.equal(m.rating('cat, the animal', 'rating'), 3.5);
  assert.ok(Number.isNaN(m.rating('dog', 'rating') as number));
  const tsv = loadRecorded(file('Item\tscore\nice cream\t4\n', 'tsv'));
  assert.deepEqual(tsv.keyColumns, ['Item']);
  assert.equal(tsv.rating('ice cream', 'score'), 4);
});

test('errors: missing file, empty file, header only, short row', () => {
  const missing = join(dir, 'nope.csv');
  assert.throws(() => loadRecorded(missing), (e: unknown) => e instanceof InputError && e.message === `${missing}: file not found`);
  assert.throws(() => loadRecorded(file('')), (e: unknown) => e instanceof InputError && e.line === 1 && e.column === 1 && /empty file/.test(e.detail));
  assert.throws(() => loadRecorded(file('word,x\n')), (e: unknown) => e instanceof InputError && e.line === 2 && /no data rows/.test(e.detail));
  const short = file('a,word1,word2\n1,x,y\n2,z\n');
  assert.throws(
    () => loadRecorded(short),
    (e: unknown) => e instanceof InputError && e.message.startsWith(`${short}:3:3: missing key column 'word2'`),
  );
});
