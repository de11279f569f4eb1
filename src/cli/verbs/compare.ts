// `attune compare <rdm-a> <rdm-b> [--method …|all] [--permutations N] [--bootstrap N] [--seed S] [--transform …] [--json]`.
import { cellError } from '../../data/read-matrix.ts';
import { InputError } from '../../core/input-error.ts';
import { InvalidInputError } from '../../measures/errors.ts';
import { COMPARE_METHODS, type CompareMethod } from '../../measures/compare.ts';
import { compareRdmsOnSharedPairs } from '../../measures/compare-shared-pairs.ts';
import { geotopologicalTransform } from '../../measures/geotopological.ts';
import { parseRsaTransform, transformSuffix } from '../../benchmarks/rsa-transform.ts';
import type { Score } from '../../measures/score.ts';
import { choiceOption, expectPositionals, integerOption, parseVerbArgs, UsageError } from '../args.ts';
import { formatP } from '../../report/format-p.ts';
import { formatNumber, note, printJson, printText } from '../output.ts';
import type { RdmInput } from '../../benchmarks/rdm-input.ts';
import { describeHoles, readRdmFilePair } from '../../benchmarks/rdm-file-pair.ts';
import { describeLayout, TABLE_OPTIONS, tableOptionsHelp, tableReadOptions } from '../table-options.ts';

/** Help text of `attune compare`. */
export const COMPARE_HELP = `Usage: attune compare <rdm-a> <rdm-b> [--method M|all] [--permutations N] [--bootstrap N]
                      [--seed S] [--transform geotopological[:lower,upper]] [--json]

Compare two RDMs, each a square matrix (symmetric, zero diagonal) or a condensed vector (one row or
one column of n(n−1)/2 values: the strict upper triangle, row-major), as CSV/TSV/text, .npy or .npz.

Labels: a square RDM with stimulus labels (a label column and/or a header row, as pandas writes
DataFrame.to_csv, or an .npz with a 'labels' array) is matched to the other by label: the second
RDM is reordered to the first's order; different label sets are an error (exit 2).
Missing pairs: empty or NaN cells (pairs not measured, symmetric) are allowed; the comparison runs
on the pairs both RDMs have, as rsatoolbox does, and the number used is reported.

Methods (rsatoolbox's):
  spearman   Spearman rank correlation (ties averaged) (default)
  rho-a      rank correlation without tie correction, 12·Σ(r1−m)(r2−m)/(N³−N)
  tau-a      Kendall tau-a, (concordant − discordant)/(N(N−1)/2)
  kendall    Kendall tau-b
  corr       Pearson correlation
  cosine     cosine similarity of the raw vectors
  all        every method above

Options:
  --permutations N   permutation test over stimulus labels (one-sided p = (count+1)/(N+1))
  --bootstrap N      bootstrap over stimuli: percentile 95% interval (ci95)
  --seed S           seed for permutations and bootstrap (default 0)
  --transform geotopological[:lower,upper]
                     geo-topological transform of both RDMs first, with the lower and upper quantiles
                     (default 0,1: a min-max rescaling)
  --json             print one JSON document: a Score {value, measure, n, p?, ci95?, seed?, details},
                     or an array of Scores for --method all; details carry pairs_used, pairs_total
                     and the stimulus labels (or null)
${tableOptionsHelp(21)}
  -h, --help         this help

Values print in full precision (the shortest text that reads back to the same float64).
`;

const METHOD_CHOICES = [...COMPARE_METHODS, 'all'] as const;

/** Run `attune compare`; returns the exit code. */
export async function runCompare(args: string[]): Promise<number> {
  const { values, positionals } = parseVerbArgs('compare', args, {
    method: { type: 'string' },
    permutations: { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    transform: { type: 'string' },
    json: { type: 'boolean' },
    ...TABLE_OPTIONS,
  });
  if (values.help) {
    printText(COMPARE_HELP);
    return 0;
  }
  const [fileA, fileB] = expectPositionals('compare', positionals, ['rdm-a', 'rdm-b']);
  const choice = choiceOption('compare', 'method', values.method, METHOD_CHOICES, 'spearman');
  const methods: CompareMethod[] = choice === 'all' ? [...COMPARE_METHODS] : [choice];
  const permutations = integerOption('compare', 'permutations', values.permutations, 0) ?? 0;
  const bootstrap = integerOption('compare', 'bootstrap', values.bootstrap, 0) ?? 0;
  const seed = integerOption('compare', 'seed', values.seed, 0) ?? 0;
  const transform = typeof values.transform === 'string' ? parseRsaTransform(values.transform) : undefined;

  const pair = await readRdmFilePair(fileA, fileB, tableReadOptions('compare', values));
  const { a, b, labels } = pair;
  for (const rdm of [a, b]) {
    const { source } = rdm;
    if (source.headerReason !== undefined || rdm.labels !== undefined || source.missingCells) {
      note(`attune compare: ${describeLayout(source, source.shape?.[0] ?? source.rowLines?.length ?? rdm.stimuli, source.shape?.[1] ?? rdm.stimuli, rdm.labels)}`);
    }
  }
  if (pair.onlyLabelled !== undefined) {
    const other = pair.onlyLabelled === a.source.file ? b.source.file : a.source.file;
    note(`attune compare: ${pair.onlyLabelled} has stimulus labels but ${other} has none: the stimuli are matched by position`);
  }
  const shared = { used: pair.pairsUsed, total: pair.pairsTotal };
  if (shared.used < shared.total && (permutations > 0 || bootstrap > 0 || transform !== undefined)) {
    throw new UsageError('compare', `--permutations, --bootstrap and --transform need complete RDMs; pairs are missing in ${describeHoles(pair)}`);
  }
  const va = transform ? transformed(a, transform) : a.vector;
  const vb = transform ? transformed(b, transform) : b.vector;
  const suffix = transformSuffix(transform);

  // Inference (and its random number generator) loads only when asked for.
  const inference = permutations > 0 || bootstrap > 0 ? (await import('../../measures/rdm-inference.ts')).compareRdmsWithInference : undefined;
  const scores: Score[] = [];
  for (const method of methods) {
    let score: Score;
    try {
      score = inference ? inference(va, vb, { method, permutations, bootstrap, seed }) : compareRdmsOnSharedPairs(va, vb, method);
    } catch (error) {
      if (error instanceof InvalidInputError) throw new InputError(`${error.message} (comparing with ${fileB})`, { file: fileA });
      throw error;
    }
    const pairs = { pairs_used: shared.used, pairs_total: shared.total };
    scores.push({ ...score, measure: score.measure + suffix, details: { ...score.details, ...pairs, files: [fileA, fileB], labels: labels ?? null } });
  }

  if (values.json) {
    printJson(choice === 'all' ? scores : scores[0]);
    return 0;
  }
  const pairText = shared.used === shared.total ? `${shared.total} pairs` : `${shared.used} of ${shared.total} pairs (${shared.total - shared.used} missing in either RDM, left out)`;
  const labelText = labels ? (pair.reordered ? ', matched by label' : ', labelled') : '';
  note(`attune compare: ${fileA} vs ${fileB}: ${a.stimuli} stimuli${labelText}, ${pairText}${transform ? `, geo-topological (${transform.lower}, ${transform.upper})` : ''}`);
  const width = Math.max(...methods.map((m) => m.length));
  const lines = scores.map((s, k) => {
    let line = `${methods[k].padEnd(width)}  ${formatNumber(s.value)}`;
    if (s.p !== undefined) line += `  ${formatP(s.p)}`;
    if (s.ci95 !== undefined) line += `  ci95=[${formatNumber(s.ci95[0])}, ${formatNumber(s.ci95[1])}]`;
    return line;
  });
  printText(lines.join('\n'));
  for (const s of scores) for (const w of s.warnings ?? []) note(`attune compare: warning: ${w}`);
  return 0;
}

/** The geo-topological transform of an RDM's vector; a degenerate result names the file. */
function transformed(rdm: RdmInput, t: { lower: number; upper: number }): Float64Array {
  try {
    return geotopologicalTransform(rdm.vector, t.lower, t.upper);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const [i, j] = rdm.cellOf(0);
      throw cellError(rdm.source, i, j, error.message);
    }
    throw error;
  }
}
