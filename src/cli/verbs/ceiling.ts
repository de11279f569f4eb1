// `attune ceiling <subject-rdm>… [--method M] [--json]`: the lower and upper noise ceiling of several subjects' RDMs.
import { COMPARE_METHODS } from '../../measures/compare.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { rdmNoiseCeiling, type RdmNoiseCeiling } from '../../measures/noise-ceiling.ts';
import { assertSubjectsComparable, readSubjectRdms } from '../../benchmarks/subject-rdms-input.ts';
import { TABLE_OPTIONS, tableOptionsHelp, tableReadOptions } from '../table-options.ts';
import { choiceOption, parseVerbArgs, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { alignColumns } from '../text-table.ts';

/** Help text of `attune ceiling`. */
export const CEILING_HELP = `Usage: attune ceiling <subject-rdm>... [--method M] [--json]

The noise ceiling of RDM comparisons across subjects (rsatoolbox's boot_noise_ceiling, without a bootstrap):
the range in which the true model's score would fall, given how much the subjects disagree.
  upper bound: mean over subjects of compare(mean of all subjects' RDMs, subject)
  lower bound: mean over subjects of compare(mean of the other subjects' RDMs, subject) (leave one out)
The mean RDM is rsatoolbox's pool_rdm for the method: the mean of the subjects' ranks (spearman, rho-a,
tau-a, kendall), of their z-scored RDMs minus its minimum (corr), or of the RDMs divided by their root mean
square (cosine). A model's normalized score divides by the lower bound.

Subjects' RDMs, one of:
  two or more files, one RDM per subject: square (symmetric, zero diagonal) or condensed (one row or
      column of n(n−1)/2 values, the strict upper triangle row-major), as CSV/TSV/text or .npy; RDMs with
      stimulus labels are matched by label (the same labels in another order are reordered)
  one .npy or .npz file holding a 3-D array, subjects × n × n
  one file (.npy, .npz or text) holding one condensed RDM per row (rows = subjects)

Options:
  --method M   the comparison you score models with: spearman (default, as attune compare), rho-a, tau-a,
               kendall (tau-b), corr, cosine (rsatoolbox's own default is cosine)
  --json       print one JSON document: value (the lower bound), lower, upper, measure, method, n (stimuli),
               pairs, subjects (one name per subject), lowerPerSubject, upperPerSubject, labels (if any)
${tableOptionsHelp(15)}
  -h, --help   this help

Values print in full precision (the shortest text that reads back to the same float64).
`;

/** Run `attune ceiling`; returns the exit code. */
export async function runCeiling(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('ceiling', args, {
    method: { type: 'string' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(CEILING_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('ceiling', 'missing <subject-rdm>: give one RDM file per subject, or one file holding every subject');
  const method = choiceOption('ceiling', 'method', values.method, COMPARE_METHODS, 'spearman');
  const subjects = await readSubjectRdms(positionals, tableReadOptions('ceiling', values));
  assertSubjectsComparable(subjects, method);
  let ceiling: RdmNoiseCeiling;
  try {
    ceiling = rdmNoiseCeiling(subjects.rdms, method);
  } catch (error) {
    if (error instanceof InvalidInputError) throw subjects.setError(error.message);
    throw error;
  }
  const result = {
    value: ceiling.lower,
    lower: ceiling.lower,
    upper: ceiling.upper,
    measure: `ceiling:rdm:${method}`,
    method,
    n: subjects.stimuli,
    pairs: subjects.rdms.cols,
    subjects: subjects.names,
    layout: subjects.layout,
    lowerPerSubject: ceiling.lowerPerSubject,
    upperPerSubject: ceiling.upperPerSubject,
    ...(subjects.labels ? { labels: subjects.labels } : {}),
  };
  if (values.json) {
    printJson(result);
    return 0;
  }
  note(
    `attune ceiling: ${subjects.names.length} subjects (${subjects.layout}), ${subjects.stimuli} stimuli, ${subjects.rdms.cols} pairs; method ${method}` +
      (subjects.labels ? '; stimuli matched by label' : ''),
  );
  const lines = [
    `lower  ${formatNumber(ceiling.lower)}  (each subject vs the mean of the others)`,
    `upper  ${formatNumber(ceiling.upper)}  (each subject vs the mean of all)`,
    '',
    ...alignColumns([
      ['subject', 'lower', 'upper'],
      ...subjects.names.map((name, s) => [name, formatNumber(ceiling.lowerPerSubject[s]), formatNumber(ceiling.upperPerSubject[s])]),
    ]),
  ];
  printText(lines.join('\n'));
  return 0;
}
