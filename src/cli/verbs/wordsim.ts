// `attune wordsim <pairs-file> [--model ID] [--layers all|best|N] [--pooling P] [--rating-column COL] [--seed S] [--bootstrap N] [--json]`.
import { readWordPairs } from '../../data/word-pairs.ts';
import { InputError } from '../../core/input-error.ts';
import { scoreRecorded, type RecordedItem } from '../../benchmarks/recorded-ratings.ts';
import { scorePairs } from '../../benchmarks/word-similarity.ts';
import type { RecordedModel } from '../../models/word-model.ts';
import { expectPositionals, integerOption, parseVerbArgs } from '../args.ts';
import { MODEL_OPTION_SPECS, MODEL_OPTIONS_HELP, modelChoice, openModel } from '../model-options.ts';
import { correlationFields, correlationText } from '../correlation-result.ts';
import { printJson, printText } from '../output.ts';
import { ratingColumn } from '../rating-column.ts';

/** Help text of `attune wordsim`. */
export const WORDSIM_HELP = `Usage: attune wordsim <pairs-file> [--model ID] [--layers all|best|N] [--pooling P] [--rating-column COL] [--seed S] [--bootstrap N] [--json]

Score a model on your own word pairs: the cosine of its vectors for each pair (or the rating a
recorded model gave) against your human score, by Spearman (and Pearson), with a bootstrap 95%
interval over pairs. The file: word1, word2, score per line (header optional; TSV, CSV, ';' or spaces).
Pairs with a word the model does not know are counted as not covered (n_covered), never guessed.

Options:
${MODEL_OPTIONS_HELP}
  --rating-column COL  for recorded:<file>, the column holding the model's rating (default: its last column)
  --no-cache           keep no model activations or answers in the cache
  --seed S             bootstrap seed (default 0)
  --bootstrap N        resamples for ci95 (default 1000)
  --json               one JSON document: spearman, pearson, ci95, n_pairs, n_covered, …
`;

/** Run `attune wordsim`; returns the exit code. */
export async function runWordsim(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('wordsim', args, {
    ...MODEL_OPTION_SPECS, 'no-cache': { type: 'boolean' }, 'rating-column': { type: 'string' }, seed: { type: 'string' },
    bootstrap: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) {
    printText(WORDSIM_HELP);
    return 0;
  }
  const [file] = expectPositionals('wordsim', positionals, ['pairs-file']);
  const choice = modelChoice(values);
  const options = { seed: integerOption('wordsim', 'seed', values.seed, 0) ?? 0, bootstrap: integerOption('wordsim', 'bootstrap', values.bootstrap, 0) ?? 1000, layers: choice.layers };
  const data = readWordPairs(file);
  if (data.pairs.length === 0) throw new InputError('no word pairs in the file', { file });
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
  const result = { file, n_pairs: data.pairs.length, ...fields };
  if (values.json) printJson(result);
  else printText(`${file} with ${model.id}: ${correlationText(fields)}; ${fields.n_covered} of ${data.pairs.length} pairs covered`);
  return 0;
}

/** The recorded model's rating of each pair (either order) next to the human score. */
function recordedItems(model: RecordedModel, pairs: readonly { word1: string; word2: string; score: number }[], column: string): RecordedItem[] {
  return pairs.map((p) => ({ label: `${p.word1}–${p.word2}`, human: p.score, model: model.pairRating(p.word1, p.word2, column) }));
}
