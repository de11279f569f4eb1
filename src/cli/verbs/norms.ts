// `attune norms <norms-file> --word-column COL --column COL [--model ID] [--method decode|rate] [--json]`.
import { InputError } from '../../core/input-error.ts';
import { readNorms } from '../../data/norms-file.ts';
import { decodeNorms } from '../../benchmarks/norms-decoding.ts';
import { scoreRecorded } from '../../benchmarks/recorded-ratings.ts';
import { resolveModel } from '../../models/resolve-model.ts';
import { choiceOption, expectPositionals, integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { printJson, printText } from '../output.ts';
import { ratingColumn } from '../rating-column.ts';

/** Help text of `attune norms`. */
export const NORMS_HELP = `Usage: attune norms <norms-file> --word-column COL --column COL [--model ID] [--method decode|rate]
                    [--rating-column COL] [--seed S] [--bootstrap N] [--json]

Score a model on your own word norms (one word per row, a human mean rating in a column).
  decode (default)  cross-validated ridge from the model's word vectors to the rating (5 shuffled outer
                    folds, alpha chosen per fold on 5 inner folds); Spearman and Pearson of the held-out
                    predictions with the human values, bootstrap 95% intervals over words
  rate              the ratings a model gave (recorded:<file>, matched by word) against the human values
Words the model does not know, and empty/NA human cells, are counted as not covered (n_covered).

Options:
  --word-column COL    the column with the words (name or 1-based number)
  --column COL         the column with the human rating (name or 1-based number)
  --model ID           glove (default), vectors:<file>, recorded:<file> (with --method rate)
  --rating-column COL  for recorded:<file>, the column with the model's rating (default: its last column)
  --seed S             fold and bootstrap seed (default 0)
  --bootstrap N        resamples for ci95 (default 1000)
  --json               one JSON document: spearman, pearson, ci95, n_words, n_covered, …
`;

/** A column option: a header name, or a 1-based column number. */
function columnRef(value: string | boolean | undefined, name: string): string | number {
  if (typeof value !== 'string' || value === '') throw new UsageError('norms', `--${name} is required`);
  return /^\d+$/.test(value) ? Number(value) - 1 : value;
}

/** Run `attune norms`; returns the exit code. */
export async function runNorms(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('norms', args, {
    'word-column': { type: 'string' }, column: { type: 'string' }, model: { type: 'string' }, method: { type: 'string' },
    'rating-column': { type: 'string' }, seed: { type: 'string' }, bootstrap: { type: 'string' }, json: { type: 'boolean' },
  });
  if (values.help) {
    printText(NORMS_HELP);
    return 0;
  }
  const [file] = expectPositionals('norms', positionals, ['norms-file']);
  const method = choiceOption('norms', 'method', values.method, ['decode', 'rate'] as const, 'decode');
  const options = { seed: integerOption('norms', 'seed', values.seed, 0) ?? 0, bootstrap: integerOption('norms', 'bootstrap', values.bootstrap, 0) ?? 1000 };
  const table = readNorms(file, columnRef(values['word-column'], 'word-column'), columnRef(values.column, 'column'));
  if (table.words.length === 0) throw new InputError('no rows in the file', { file });
  const model = await resolveModel(typeof values.model === 'string' ? values.model : 'glove');
  let outcome;
  if (method === 'decode') {
    if (model.kind !== 'embedding') throw new UsageError('norms', `--method decode needs word vectors; ${model.id} holds recorded ratings (use --method rate)`);
    outcome = await decodeNorms(model, table.words, table.values, options);
  } else {
    if (model.kind !== 'recorded') throw new UsageError('norms', `--method rate needs a model that rates words (recorded:<file> now; openai:<model> later)`);
    const column = ratingColumn('norms', model, values['rating-column']);
    const items = table.words.map((word, i) => ({ label: word, human: table.values[i], model: model.rating(word, column) }));
    outcome = scoreRecorded(items, options, 'recorded:rating');
  }
  const spearman = outcome.score;
  const pearson = outcome.extra!.pearson;
  const covered = outcome.coverage.n_covered;
  const missing = outcome.coverage.missing_examples;
  const result = {
    file, column: table.column, method, model: { id: model.id, revision: model.revision }, measure: spearman.measure,
    spearman: spearman.value, pearson: pearson.value, ci95: spearman.ci95 ?? null, pearson_ci95: pearson.ci95 ?? null,
    n_words: table.words.length, n_covered: covered, missing_examples: missing, seed: options.seed, bootstrap: options.bootstrap,
    warnings: spearman.warnings ?? [],
  };
  if (values.json) printJson(result);
  else {
    const ci = result.ci95 ? ` [${result.ci95[0].toFixed(4)}, ${result.ci95[1].toFixed(4)}]` : '';
    printText(`${file} ${table.column} (${method}) with ${model.id}: Spearman ${result.spearman.toFixed(4)}${ci}, Pearson ${result.pearson.toFixed(4)}; ${covered} of ${table.words.length} words covered`);
  }
  return 0;
}
