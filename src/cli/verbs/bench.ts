// `attune bench`: time every performance case in its own process and print a line (or a table row) each;
// `attune bench --scaling`: time four ops at doubling sizes and fit how their time and memory grow.
import { totalmem } from 'node:os';
import { benchCases } from '../bench/cases.ts';
import type { BenchResult } from '../bench/child.ts';
import { runBenchChild } from '../bench/run-child.ts';
import { SCALING_DEFAULT_MAX_N, SCALING_OPS, SCALING_P, SCALING_REPS, SCALING_START_N, scalingSizes } from '../bench/scaling-cases.ts';
import { fitScaling, formatScalingTable, planScaling } from '../bench/scaling.ts';
import { expectPositionals, parseVerbArgs, UsageError } from '../args.ts';

const HELP = `Usage: attune bench [--json] [--only OP-PREFIX]
       attune bench --scaling [--min-n N] [--max-n N] [--json] [--only OP-PREFIX]

Times every performance case (median of up to 5 calls after a warm-up), each in its own process.
  --json          one JSON line per case: {op, n, p, seconds, checksum, reps, extra_mib, budget_mib}
  --only PREFIX   only the ops whose id starts with PREFIX (e.g. rdm: or compare:spearman)

--scaling times ${SCALING_OPS.join(', ')} at n = ${SCALING_START_N}, ${SCALING_START_N * 2}, … stimuli
(p = ${SCALING_P} features; median of up to ${SCALING_REPS} calls; each size in its own process) and fits
wall seconds, CPU seconds (user + system, all threads: steadier when other work shares the cores) and extra
peak memory, each ≈ c·n^k, by least squares on log–log axes (over all sizes, and over the three largest).
  --max-n N       the largest size (default ${SCALING_DEFAULT_MAX_N}); --min-n N the smallest (default ${SCALING_START_N})
  --json          one JSON document: {measure, value (wall-time exponent per op), p, sizes, points, skipped, fits}
A size whose estimated memory exceeds half this machine's memory is skipped, and said so.
`;

/** A positive integer option value, or a UsageError naming the option. */
function sizeOption(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError('bench', `--${name} must be a positive whole number of stimuli (got '${String(value)}')`);
  }
  return n;
}

/** Run the bench: `--json` prints one JSON line per case; `--only PREFIX` keeps matching op ids; `--scaling` the sweep. Returns the exit code. */
export async function runBench(argv: string[]): Promise<number> {
  const { values: args, positionals } = parseVerbArgs('bench', argv, {
    json: { type: 'boolean' }, only: { type: 'string' }, scaling: { type: 'boolean' }, 'max-n': { type: 'string' }, 'min-n': { type: 'string' },
  });
  expectPositionals('bench', positionals, []);
  const only = typeof args.only === 'string' ? args.only : undefined;
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (args.scaling) return runScaling(args, only);
  if (args['max-n'] !== undefined || args['min-n'] !== undefined) throw new UsageError('bench', '--max-n and --min-n go with --scaling');
  const cases = benchCases();
  const picked = cases.map((c, i) => ({ c, i })).filter(({ c }) => !only || c.op.startsWith(only));
  if (!args.json) process.stderr.write(`op                     n×p          seconds   checksum            extra/budget MiB\n`);
  for (const { c, i } of picked) {
    const result = await runBenchChild([String(i)]);
    if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      const size = `${c.n}×${c.p}`.padEnd(12);
      process.stderr.write(`${c.op.padEnd(22)} ${size} ${String(result.seconds).padEnd(9)} ${String(result.checksum).padEnd(19)} ${result.extra_mib}/${result.budget_mib}\n`);
    }
  }
  return 0;
}

/** The scaling sweep: every (op, n) point in its own process, progress on stderr, then the table (or one JSON document). */
async function runScaling(args: Record<string, string | boolean | undefined>, only: string | undefined): Promise<number> {
  const maxN = sizeOption('max-n', args['max-n'], SCALING_DEFAULT_MAX_N);
  const minN = sizeOption('min-n', args['min-n'], SCALING_START_N);
  const sizes = scalingSizes(minN, maxN);
  if (sizes.length === 0) throw new UsageError('bench', `no scaling size lies in [${minN}, ${maxN}]: the sizes are ${SCALING_START_N}·2^k`);
  const ops = SCALING_OPS.filter((op) => !only || op.startsWith(only));
  if (ops.length === 0) throw new UsageError('bench', `--only '${only}' matches none of the scaling ops (${SCALING_OPS.join(', ')})`);
  const { runs, skipped } = planScaling(ops, sizes, totalmem() / 2);
  const points: BenchResult[] = [];
  for (const { op, n } of runs) {
    const point = await runBenchChild(['scaling', op, String(n)]);
    points.push(point);
    process.stderr.write(`${op} n=${n}: ${point.seconds} s, ${point.extra_mib} MiB extra\n`);
  }
  const fits = fitScaling(points);
  if (args.json) {
    const value = Object.fromEntries(fits.map((f) => [f.op, f.seconds?.exponent ?? null]));
    process.stdout.write(JSON.stringify({ measure: 'bench:scaling', value, p: SCALING_P, sizes, points, skipped, fits }) + '\n');
  } else process.stderr.write(formatScalingTable(points, fits, skipped));
  return 0;
}
