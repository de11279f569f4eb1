// `attune evaluate --subjects S… <candidate-rdm>… [--method M] [--correction C] [--bootstrap N] [--seed S] [--json]`:
// candidate RDMs scored against several subjects' RDMs, with the noise ceiling and multiple-comparison-corrected tests.
import { readCandidateFiles } from '../../benchmarks/candidate-rdm-files.ts';
import { evaluateRdmCandidates, type CandidateEvaluation } from '../../benchmarks/rdm-candidate-tests.ts';
import { assertSubjectsComparable, readSubjectRdms } from '../../benchmarks/subject-rdms-input.ts';
import { COMPARE_METHODS } from '../../measures/compare.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { CORRECTIONS } from '../../measures/multiple-comparisons.ts';
import { formatP } from '../../report/format-p.ts';
import { TABLE_OPTIONS, tableOptionsHelp, tableReadOptions } from '../table-options.ts';
import { choiceOption, integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import { alignColumns } from '../text-table.ts';

/** Help text of `attune evaluate`. */
export const EVALUATE_HELP = `Usage: attune evaluate --subjects <subject-rdms> <candidate-rdm>... [--method M]
                       [--correction fdr|bonferroni|none] [--bootstrap N] [--seed S] [--json]

Score candidate (model) RDMs against several subjects' RDMs, as rsatoolbox's eval_fixed with a bootstrap
over stimuli and subjects, and compare the candidates:
  value        mean over subjects of compare(candidate, subject)
  ceiling      the noise ceiling of the subjects (as attune ceiling); normalized = value / lower bound
  ci95         percentile interval of the bootstrap draws
  pairs        every pair of candidates: difference, ci95 and a two-sided bootstrap p (rsatoolbox's
               bootstrap_pair_tests), adjusted over the k(k−1)/2 pairs by --correction
  vs 0         one-sided bootstrap p that the candidate is above 0, p = (#{draws ≤ 0} + 1) / draws
  vs ceiling   one-sided bootstrap p that it is below the ceiling's lower bound, p = (#{draws ≥ lower} + 1) / draws
               (the tests against 0 and the ceiling are Bonferroni-adjusted over the candidates, as
               rsatoolbox's plot_model_comparison does; none with --correction none)

Subjects (--subjects, required): one file per subject (repeat --subjects, or separate files with commas),
square or condensed RDMs as CSV/TSV/text or .npy; or one .npy/.npz holding a 3-D array subjects × n × n;
or one file with a condensed RDM per row (see attune ceiling --help).
Candidates: one RDM file each (square or condensed), named by the file's base name. Labelled files are matched
to the subjects' stimulus labels.

Options:
  --subjects FILE     the subjects' RDMs (see above)
  --method M          spearman (default), rho-a, tau-a, kendall (tau-b), corr, cosine
  --correction C      fdr (Benjamini–Hochberg, default, as rsatoolbox), bonferroni, none
  --bootstrap N       bootstrap resamples over stimuli and subjects (default 1000; 0: point values only)
  --seed S            seed of the bootstrap (default 0): the same seed gives the same intervals and p-values
  --json              print one JSON document: value (each candidate's score, in order), measure, method,
                      correction, ceiling {lower, upper, …}, candidates [{name, file, value, normalized, ci95,
                      pZero, pZeroAdjusted, pBelowCeiling, pBelowCeilingAdjusted}], pairs [{a, b, difference,
                      ci95, p, pAdjusted}], subjects, n (stimuli), bootstrap, seed
${tableOptionsHelp(22)}
  -h, --help          this help

Values print in full precision (the shortest text that reads back to the same float64).
`;

/** Run `attune evaluate`; returns the exit code. */
export async function runEvaluate(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('evaluate', args, {
    subjects: { type: 'string', multiple: true },
    method: { type: 'string' },
    correction: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(EVALUATE_HELP);
    return 0;
  }
  const subjectFiles = ((values.subjects as unknown as string[] | undefined) ?? []).flatMap((s) => s.split(',')).filter((s) => s !== '');
  if (subjectFiles.length === 0) throw new UsageError('evaluate', "missing --subjects: the subjects' RDMs (one file per subject, or one file holding every subject)");
  if (positionals.length === 0) throw new UsageError('evaluate', 'missing <candidate-rdm>: give one RDM file per candidate model');
  const method = choiceOption('evaluate', 'method', values.method, COMPARE_METHODS, 'spearman');
  const correction = choiceOption('evaluate', 'correction', values.correction, CORRECTIONS, 'fdr');
  const bootstrap = integerOption('evaluate', 'bootstrap', values.bootstrap, 0) ?? 1000;
  const seed = integerOption('evaluate', 'seed', values.seed, 0) ?? 0;

  const subjects = await readSubjectRdms(subjectFiles, tableReadOptions('evaluate', values));
  assertSubjectsComparable(subjects, method);
  const candidates = await readCandidateFiles(positionals, subjects, method, tableReadOptions('evaluate', values));
  let result: CandidateEvaluation;
  try {
    result = await evaluateRdmCandidates(candidates, subjects.rdms, 'subjects', { method, bootstrap, seed, correction });
  } catch (error) {
    if (error instanceof InvalidInputError) throw subjects.setError(error.message);
    throw error;
  }
  const json = evaluationJson(result, candidates.map((c) => c.file), subjects, { method, correction, bootstrap, seed });
  if (values.json) {
    printJson(json);
    return 0;
  }
  note(
    `attune evaluate: ${candidates.length} candidate${candidates.length === 1 ? '' : 's'} against ${subjects.names.length} subjects (${subjects.layout}), ` +
      `${subjects.stimuli} stimuli; method ${method}; ` +
      (bootstrap > 0 ? `${bootstrap} bootstrap resamples over stimuli and subjects, seed ${seed}; pairs adjusted by ${correction}` : 'no bootstrap (point values only)'),
  );
  printText(evaluationText(json));
  return 0;
}

type EvaluationJson = ReturnType<typeof evaluationJson>;

/** The JSON document of `attune evaluate`. */
function evaluationJson(
  result: CandidateEvaluation,
  files: string[],
  subjects: Awaited<ReturnType<typeof readSubjectRdms>>,
  settings: { method: string; correction: string; bootstrap: number; seed: number },
) {
  const { ceiling } = result;
  return {
    value: result.scores.map((s) => s.score.value),
    measure: `evaluate:compare:${settings.method}:subject-mean`,
    ...settings,
    n: subjects.stimuli,
    pairsOfStimuli: subjects.rdms.cols,
    subjects: subjects.names,
    ceiling: { lower: ceiling.lower, upper: ceiling.upper, method: ceiling.method, lowerPerSubject: ceiling.lowerPerSubject, upperPerSubject: ceiling.upperPerSubject },
    candidates: result.scores.map(({ name, score }, i) => ({
      name,
      file: files[i],
      value: score.value,
      ...(score.normalized !== undefined ? { normalized: score.normalized } : {}),
      ...(score.ci95 ? { ci95: score.ci95 } : {}),
      ...testsWithoutName(result.tests[i]),
      ...(score.details?.bootstrapDropped ? { bootstrapDropped: score.details.bootstrapDropped } : {}),
    })),
    pairs: result.pairs,
    corrections: result.corrections,
    ...(subjects.labels ? { labels: subjects.labels } : {}),
  };
}

function testsWithoutName(tests: CandidateEvaluation['tests'][number]) {
  const { name: _name, ...rest } = tests;
  return rest;
}

/** The human-readable tables: ceiling, candidates, pairs. */
function evaluationText(json: EvaluationJson): string {
  const { ceiling } = json;
  const interval = (ci?: [number, number]) => (ci ? `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : '-');
  const lines = [
    `noise ceiling  lower ${formatNumber(ceiling.lower)}  upper ${formatNumber(ceiling.upper)}`,
    '',
    ...alignColumns([
      ['candidate', 'value', 'ci95', 'normalized', 'above 0 (adjusted)', 'below ceiling (adjusted)'],
      ...json.candidates.map((c) => [
        c.name,
        formatNumber(c.value),
        interval(c.ci95),
        c.normalized === undefined ? '-' : formatNumber(c.normalized),
        `${formatP(c.pZero)} (${formatP(c.pZeroAdjusted)})`,
        `${formatP(c.pBelowCeiling)} (${formatP(c.pBelowCeilingAdjusted)})`,
      ]),
    ]),
  ];
  if (json.pairs.length > 0) {
    lines.push('', `pairs (two-sided; adjusted by ${json.corrections.pairs})`);
    lines.push(
      ...alignColumns([
        ['pair', 'difference', 'ci95', 'p (adjusted)'],
        ...json.pairs.map((p) => [`${p.a} − ${p.b}`, formatNumber(p.difference), interval(p.ci95), `${formatP(p.p)} (${formatP(p.pAdjusted)})`]),
      ]),
    );
  }
  return lines.join('\n');
}
