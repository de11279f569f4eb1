// `attune encode <features> <targets> [--folds K] [--alphas a,b,c] [--inner-folds K] [--seed S] [--json]`.
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { encodingScore } from '../../measures/encode.ts';
import type { Score } from '../../measures/score.ts';
import { expectPositionals, integerOption, parseVerbArgs, positiveNumberList } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { pairRepresentations, readRepresentations } from '../representation-pair.ts';
import { TABLE_OPTIONS, tableOptionsHelp } from '../table-options.ts';

/** Help text of `attune encode`. */
export const ENCODE_HELP = `Usage: attune encode <features> <targets> [--folds K] [--alphas a,b,c] [--inner-folds K]
                     [--seed S] [--json]

Cross-validated ridge encoding score (linear predictivity): features (rows = stimuli, columns = model
units) predict each target column (brain responses, human ratings; same stimuli: rows in the same order, or matched by label when both files carry labels). For every
outer fold, each target's alpha is chosen by inner k-fold CV on the training part only, the model is
refit there (with an intercept) and predicts the held-out rows. The score is the mean over targets of
the Pearson r between held-out predictions and targets.

Options:
  --folds K         outer folds (default 5; contiguous, no shuffling unless --seed)
  --inner-folds K   inner folds for the alpha choice (default 5)
  --alphas a,b,c    candidate ridge alphas (default 0.01,0.1,1,10,100,1000,10000,100000)
  --seed S          shuffle the folds with this seed
  --json            print one JSON document: a Score {value, measure, n, details: {perTarget, alphas, …}}
${tableOptionsHelp(20)}
  -h, --help        this help
`;

/** Run `attune encode`; returns the exit code. */
export async function runEncode(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('encode', args, {
    folds: { type: 'string' },
    'inner-folds': { type: 'string' },
    alphas: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(ENCODE_HELP);
    return 0;
  }
  const [fileX, fileY] = expectPositionals('encode', positionals, ['features', 'targets']);
  const folds = integerOption('encode', 'folds', values.folds, 2) ?? 5;
  const innerFolds = integerOption('encode', 'inner-folds', values['inner-folds'], 2) ?? 5;
  const alphas = positiveNumberList('encode', 'alphas', values.alphas);
  const seed = integerOption('encode', 'seed', values.seed, 0);

  const [x, y] = await readRepresentations('encode', [fileX, fileY], values);
  const pair = pairRepresentations(x, y, { what: `${folds}-fold cross-validation`, minimum: Math.max(3, folds), centres: false, names: ['features', 'targets'] });
  let score: Score;
  try {
    score = await encodingScore(pair.x, pair.y, { folds, innerFolds, alphas, seed });
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InputError(`${error.message} (targets = ${fileY})`, { file: fileX });
    throw error;
  }
  const out: Score = { ...score, details: { ...score.details, files: [fileX, fileY], ...(pair.reordered ? { matchedByLabel: true } : {}) } };
  if (values.json) {
    printJson(out);
  } else {
    note(`attune encode: ${fileX} (${x.matrix.rows}×${x.matrix.cols}) → ${fileY} (${y.matrix.rows}×${y.matrix.cols})`);
    const lines = [`${out.measure}  ${formatNumber(out.value)}`];
    const perTarget = score.details?.perTarget as ArrayLike<number> | undefined;
    if (perTarget !== undefined && perTarget.length > 1) {
      for (let j = 0; j < perTarget.length; j++) lines.push(`  target ${j + 1}  r=${formatNumber(perTarget[j])}`);
    }
    printText(lines.join('\n'));
  }
  for (const w of score.warnings ?? []) note(`attune encode: warning: ${w}`);
  return 0;
}
