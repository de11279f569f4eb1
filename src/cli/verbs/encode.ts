// `attune encode <features> <targets> [--cv kfold|loo] [--folds K] [--alphas a,b,c] [--inner-folds K] [--seed S]
// [--alpha-per-target|--shared-alpha] [--json]`.
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { encodingScore } from '../../measures/encode.ts';
import { looEncodingScore } from '../../measures/ridge-loo.ts';
import type { Score } from '../../measures/score.ts';
import { choiceOption, expectPositionals, integerOption, parseVerbArgs, positiveNumberList, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { pairRepresentations, readRepresentations } from '../representation-pair.ts';
import { TABLE_OPTIONS, tableOptionsHelp } from '../table-options.ts';

/** Help text of `attune encode`. */
export const ENCODE_HELP = `Usage: attune encode <features> <targets> [--cv kfold|loo] [--folds K] [--alphas a,b,c]
                     [--inner-folds K] [--seed S] [--alpha-per-target|--shared-alpha] [--json]

Cross-validated ridge encoding score (linear predictivity): features (rows = stimuli, columns = model
units) predict each target column (brain responses, human ratings; same stimuli: rows in the same order, or matched by label when both files carry labels). For every
outer fold, each target's alpha is chosen by inner k-fold CV on the training part only, the model is
refit there (with an intercept) and predicts the held-out rows. The score is the mean over targets of
the Pearson r between held-out predictions and targets.

With --cv loo: efficient leave-one-out ridge (scikit-learn's RidgeCV, one decomposition for every alpha
and target). Each row is predicted by the ridge fitted (with an intercept) on all the other rows, at the
alpha with the lowest mean squared leave-one-out error (per target, or one shared alpha); the score is the
mean over targets of the Pearson r between these predictions and the targets (measure encode:ridge:loo, or
encode:ridge:loo:shared). The alpha is chosen on the same leave-one-out errors, so the score is slightly
optimistic next to the nested k-fold one.

Options:
  --cv kfold|loo       nested k-fold (default) or leave-one-out
  --folds K            outer folds (default 5; contiguous, no shuffling unless --seed; kfold only)
  --inner-folds K      inner folds for the alpha choice (default 5; kfold only)
  --alphas a,b,c       candidate ridge alphas (default 0.01,0.1,1,10,100,1000,10000,100000)
  --seed S             shuffle the folds with this seed (kfold only)
  --alpha-per-target   choose alpha for each target (default)
  --shared-alpha       one alpha for all targets (the best mean over targets; Brain-Score language's choice)
  --json               print one JSON document: a Score {value, measure, n, details: {perTarget, alphas, …}}
${tableOptionsHelp(23)}
  -h, --help           this help
`;

/** Run `attune encode`; returns the exit code. */
export async function runEncode(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('encode', args, {
    folds: { type: 'string' },
    'inner-folds': { type: 'string' },
    alphas: { type: 'string' },
    seed: { type: 'string' },
    cv: { type: 'string' },
    'alpha-per-target': { type: 'boolean' },
    'shared-alpha': { type: 'boolean' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(ENCODE_HELP);
    return 0;
  }
  const [fileX, fileY] = expectPositionals('encode', positionals, ['features', 'targets']);
  const cv = choiceOption('encode', 'cv', values.cv, ['kfold', 'loo'] as const, 'kfold');
  if (values['alpha-per-target'] && values['shared-alpha']) throw new UsageError('encode', '--alpha-per-target and --shared-alpha exclude each other');
  const perTarget = !values['shared-alpha'];
  if (cv === 'loo') {
    const foldOnly = (['folds', 'inner-folds', 'seed'] as const).find((name) => values[name] !== undefined);
    if (foldOnly) throw new UsageError('encode', `--${foldOnly} applies to --cv kfold only (leave-one-out has one fold per row)`);
  }
  const folds = integerOption('encode', 'folds', values.folds, 2) ?? 5;
  const innerFolds = integerOption('encode', 'inner-folds', values['inner-folds'], 2) ?? 5;
  const alphas = positiveNumberList('encode', 'alphas', values.alphas);
  const seed = integerOption('encode', 'seed', values.seed, 0);

  const [x, y] = await readRepresentations('encode', [fileX, fileY], values);
  const what = cv === 'loo' ? 'leave-one-out cross-validation' : `${folds}-fold cross-validation`;
  const pair = pairRepresentations(x, y, { what, minimum: cv === 'loo' ? 3 : Math.max(3, folds), centres: false, names: ['features', 'targets'] });
  let score: Score;
  try {
    score = cv === 'loo'
      ? await looEncodingScore(pair.x, pair.y, { alphas, perTarget })
      : await encodingScore(pair.x, pair.y, { folds, innerFolds, alphas, seed, perTarget });
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
