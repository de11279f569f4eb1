// `attune wordsim <pairs-file> [--score-column COL] [--word-columns A,B] [--model ID] [--layers all|best|N] [--pooling P]
// [--rating-column COL] [--seed S] [--bootstrap N] [--json]`.
import { readWordPairs, type WordPairs } from '../../data/word-pairs.ts';
import { InputError } from '../../core/input-error.ts';
import { scoreRecorded, type RecordedItem } from '../../benchmarks/recorded-ratings.ts';
import { scorePairs } from '../../benchmarks/word-similarity.ts';
import type { RecordedModel } from '../../models/word-model.ts';
import { expectPositionals, integerOption, parseVerbArgs } from '../args.ts';
import { columnOption, columnPairOption } from '../column-option.ts';
import { refuseModelOptionsOutsideHf, refuseRatingColumnOutsideRecorded } from '../model-scope.ts';
import { MODEL_OPTION_SPECS, MODEL_OPTIONS_HELP, modelChoice, openModel } from '../model-options.ts';
import { correlationFields, correlationText } from '../correlation-result.ts';
import { printJson, printText } from '../output.ts';
import { ratingColumn } from '../rating-column.ts';

/** Help text of `attune wordsim`. */
export const WORDSIM_HELP = `Usage: attune wordsim <pairs-file> [--score-column COL] [--word-columns A,B] [--model ID]
                      [--layers all|best|N] [--pooling P] [--rating-column COL] [--seed S] [--bootstrap N] [--json]

Score a model on your own word pairs: the cosine of its vectors for each pair (or the rating a
recorded model gave) against your human score, by Spearman (and Pearson), with a bootstrap 95%
interval over pairs. The file: word1, word2, score per line (header optional; TSV, CSV, ';' or spaces),
or any table with a header, its columns picked by name: SimLex-999's own file reads with
--score-column SimLex999. Columns are header names or numbers counted from 1.
Pairs with a word the model does not know are counted as not covered (n_covered), never guessed.

Options:
  --score-column COL   the column with the human score (default: the third)
  --word-columns A,B   the two columns with the words (default: 1,2)
${MODEL_OPTIONS_HELP}
  --rating-column COL  only for recorded:<file>: the model's column holding its rating (default: its last column)
  --no-cache           keep no model activations or answers in the cache
  --seed S             bootstrap seed (default 0)
  --bootstrap N        resamples for ci95 (default 1000)
  --json               one JSON document: value (= spearman), measure, spearman, pearson, ci95, n_pairs,
                       n_covered, score_column, …
`;

/** Run `attune wordsim`; returns the exit code. */
export async function runWordsim(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('wordsim', args, {
    ...MODEL_OPTION_SPECS, 'no-cache': { type: 'boolean' }, 'score-column': { type: 'string' }, 'word-columns': { type: 'string' },
    'rating-column': { type: 'string' }, seed: { type: 'string' },
    bootstrap: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) {
    printText(WORDSIM_HELP);
    return 0;
  }
  const [file] = expectPositionals('wordsim', positionals, ['pairs-file']);
  const choice = modelChoice(values);
  const options = { seed: integerOption('wordsim', 'seed', values.seed, 0) ?? 0, bootstrap: integerOption('wordsim', 'bootstrap', values.bootstrap, 0) ?? 1000, layers: choice.layers };
  refuseModelOptionsOutsideHf('wordsim', choice);
  refuseRatingColumnOutsideRecorded('wordsim', choice, values['rating-column'], 'the human score\'s column is --score-column');
  const data = readPairs(file, columnOption('wordsim', 'score-column', values['score-column']), columnPairOption('wordsim', 'word-columns', values['word-columns']));
  const opened = await openModel(choice, Boolean(values['no-cache']));
  const model = opened.model;
  let outcome;
  try {
    outcome = model.kind !== 'recorded'
      ? await scorePairs(model, data.pairs, options)
      : scoreRecorded(recordedItems(model, data.pairs, ratingColumn('wordsim', model, values['rating-column'])), options, 'recorded:rating');
  } finally {
    opened.close();
  }
  const fields = correlationFields(model, outcome, options);
  const result = { file, score_column: data.column, n_pairs: data.pairs.length, ...fields };
  if (values.json) printJson(result);
  else printText(`${file} (${data.column}) with ${model.id}: ${correlationText(fields)}; ${fields.n_covered} of ${data.pairs.length} pairs covered`);
  return 0;
}

/** The file's pairs; without --score-column, a text third column is reported with the way to pick another. */
function readPairs(file: string, score: string | number | undefined, words: [string | number, string | number] | undefined): WordPairs {
  let data: WordPairs;
  try {
    data = readWordPairs(file, { ...(words ? { word1: words[0], word2: words[1] } : {}), ...(score !== undefined ? { score } : {}) });
  } catch (error) {
    if (score === undefined && error instanceof InputError && error.column === 3 && error.detail.startsWith('non-numeric score')) {
      throw new InputError(`${error.detail} in the third column, the default score column; name the score's column with --score-column NAME|N`, { file, line: error.line, column: error.column });
    }
    throw error;
  }
  if (data.pairs.length === 0) throw new InputError('no word pairs in the file', { file });
  return data;
}

/** The recorded model's rating of each pair (either order) next to the human score. */
function recordedItems(model: RecordedModel, pairs: readonly { word1: string; word2: string; score: number }[], column: string): RecordedItem[] {
  return pairs.map((p) => ({ label: `${p.word1}–${p.word2}`, human: p.score, model: model.pairRating(p.word1, p.word2, column) }));
}
