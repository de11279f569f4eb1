// `attune norms <norms-file> --word-column COL --column COL [--model ID] [--method decode|rate] [--json]`.
import { InputError } from '../../core/input-error.ts';
import { readNorms } from '../../data/norms-file.ts';
import { decodeNorms } from '../../benchmarks/norms-decoding.ts';
import { scoreRecorded } from '../../benchmarks/recorded-ratings.ts';
import { choiceOption, expectPositionals, integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { requiredColumnOption } from '../column-option.ts';
import { refuseModelOptionsOutsideHf, refuseRatingColumnOutsideRecorded } from '../model-scope.ts';
import { MODEL_OPTION_SPECS, MODEL_OPTIONS_HELP, modelChoice, openModel } from '../model-options.ts';
import { correlationFields, correlationText } from '../correlation-result.ts';
import { printJson, printText } from '../output.ts';
import { ratingColumn } from '../rating-column.ts';
import { scoreRatings } from '../../benchmarks/rater-scoring.ts';
import { textProgress } from '../text-progress.ts';
import type { BenchmarkOptions } from '../../benchmarks/benchmark.ts';
import type { WordModel } from '../../models/word-model.ts';

/** Help text of `attune norms`. */
export const NORMS_HELP = `Usage: attune norms <norms-file> --word-column COL --column COL [--model ID] [--method decode|rate]
                    [--layers all|best|N] [--pooling P] [--offline] [--no-cache]
                    [--rating-column COL] [--seed S] [--bootstrap N] [--json]

Score a model on your own word norms (one word per row, a human mean rating in a column).
  decode (default)  cross-validated ridge from the model's word vectors to the rating (5 shuffled outer
                    folds, alpha chosen per fold on 5 inner folds); Spearman and Pearson of the held-out
                    predictions with the human values, bootstrap 95% intervals over words
  rate              the ratings a model gave (recorded:<file>, matched by word) against the human values
Words the model does not know, and empty/NA human cells, are counted as not covered (n_covered).

Options:
  --word-column COL    the column with the words (header name, or number counted from 1)
  --column COL         the column with the human rating (header name, or number counted from 1)
${MODEL_OPTIONS_HELP}
  --rating-column COL  only for recorded:<file>: the model's column with its rating (default: its last column)
  --scale ID           for openai:<model> with --method rate: the study scale and instructions to rate on
                       (glasgow:valence … glasgow:gender, brysbaert:concreteness, kuperman:aoa; prompts/scales.v1.json)
  --no-cache           keep no model activations or answers in the cache
  --seed S             fold and bootstrap seed (default 0)
  --bootstrap N        resamples for ci95 (default 1000)
  --json               one JSON document: value (= spearman), measure, spearman, pearson, ci95, n_words,
                       n_covered, …
`;

/** Run `attune norms`; returns the exit code. */
export async function runNorms(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('norms', args, {
    ...MODEL_OPTION_SPECS, 'no-cache': { type: 'boolean' }, scale: { type: 'string' }, 'word-column': { type: 'string' }, column: { type: 'string' }, method: { type: 'string' },
    'rating-column': { type: 'string' }, seed: { type: 'string' }, bootstrap: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) {
    printText(NORMS_HELP);
    return 0;
  }
  const [file] = expectPositionals('norms', positionals, ['norms-file']);
  const method = choiceOption('norms', 'method', values.method, ['decode', 'rate'] as const, 'decode');
  const choice = modelChoice(values);
  const options = { seed: integerOption('norms', 'seed', values.seed, 0) ?? 0, bootstrap: integerOption('norms', 'bootstrap', values.bootstrap, 0) ?? 1000, layers: choice.layers };
  refuseModelOptionsOutsideHf('norms', choice);
  refuseRatingColumnOutsideRecorded('norms', choice, values['rating-column'], 'the human rating\'s column is --column');
  const table = readNorms(file, requiredColumnOption('norms', 'word-column', values['word-column']), requiredColumnOption('norms', 'column', values.column));
  if (table.words.length === 0) throw new InputError('no rows in the file', { file });
  const opened = await openModel(choice, Boolean(values['no-cache']));
  const model = opened.model;
  let outcome;
  try {
    outcome = await scoreNorms(model, method, table, options, model.kind === 'rater' ? values.scale : values['rating-column']);
  } finally {
    opened.close();
  }
  const fields = correlationFields(model, outcome, options);
  const result = { file, column: table.column, method, n_words: table.words.length, ...fields };
  if (values.json) printJson(result);
  else printText(`${file} ${table.column} (${method}) with ${model.id}: ${correlationText(fields)}; ${fields.n_covered} of ${table.words.length} words covered`);
  return 0;
}

/** Decode the norms from the model's vectors, or compare the ratings the model gives with the human ones (`option`: the recorded column, or the rater's scale). */
async function scoreNorms(
  model: WordModel, method: 'decode' | 'rate', table: { words: string[]; values: Float64Array | number[] },
  options: BenchmarkOptions, ratingColumnOption: string | boolean | undefined,
) {
  if (method === 'decode') {
    if (model.kind !== 'embedding') throw new UsageError('norms', `--method decode needs word vectors; ${model.id} holds recorded ratings (use --method rate)`);
    return decodeNorms(model, table.words, table.values, options);
  }
  if (model.kind === 'rater') {
    const scales = model.scaleIds.join(', ');
    if (typeof ratingColumnOption !== 'string') throw new UsageError('norms', `--method rate with ${model.id} needs --scale ID, the study's scale and instructions (${scales})`);
    if (!model.scaleIds.includes(ratingColumnOption)) throw new UsageError('norms', `unknown --scale '${ratingColumnOption}' (known: ${scales})`);
    return scoreRatings(await model.rateWords(table.words, ratingColumnOption, textProgress(`${model.id} ratings`)), table.values, table.words, options, `norms:rate:${ratingColumnOption}`);
  }
  if (model.kind !== 'recorded') throw new UsageError('norms', `--method rate needs a model that rates words (recorded:<file> or openai:<model>)`);
  const column = ratingColumn('norms', model, ratingColumnOption);
  const items = table.words.map((word, i) => ({ label: word, human: table.values[i], model: model.rating(word, column) }));
  return scoreRecorded(items, options, 'recorded:rating');
}
