// `attune bench --scaling`: which (op, n) points to run, the power laws fitted to them, and the table printed.
import type { BenchResult } from './child.ts';
import { fitPowerLaw, type PowerLawFit } from './power-law.ts';
import { SCALING_P, scalingNeedBytes, type ScalingOp } from './scaling-cases.ts';

/** A size left out because its estimated memory exceeds the limit. */
export interface ScalingSkip {
  op: ScalingOp;
  n: number;
  need_mib: number;
  limit_mib: number;
}

/** What is fitted against n: wall seconds, CPU seconds (steadier under load), extra peak memory. */
export type ScalingMetric = 'seconds' | 'cpu_seconds' | 'extra_mib';
const METRICS: readonly ScalingMetric[] = ['seconds', 'cpu_seconds', 'extra_mib'];

/** The fits of one op: over every size measured, and over the three largest (where fixed per-call costs weigh least). */
export interface ScalingFit {
  op: string;
  sizes: number[];
  seconds: PowerLawFit | null;
  cpu_seconds: PowerLawFit | null;
  extra_mib: PowerLawFit | null;
  seconds_largest3: PowerLawFit | null;
  cpu_seconds_largest3: PowerLawFit | null;
  extra_mib_largest3: PowerLawFit | null;
}

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/** Split the (op, n) grid into the points to run and those whose estimated memory exceeds `limitBytes`. */
export function planScaling(ops: readonly ScalingOp[], sizes: readonly number[], limitBytes: number): { runs: { op: ScalingOp; n: number }[]; skipped: ScalingSkip[] } {
  const runs: { op: ScalingOp; n: number }[] = [];
  const skipped: ScalingSkip[] = [];
  for (const op of ops)
    for (const n of sizes) {
      const need = scalingNeedBytes(op, n);
      if (need > limitBytes) skipped.push({ op, n, need_mib: mib(need), limit_mib: mib(limitBytes) });
      else runs.push({ op, n });
    }
  return { runs, skipped };
}

function fitOf(points: BenchResult[], key: ScalingMetric): PowerLawFit | null {
  return fitPowerLaw(points.map((p) => p.n), points.map((p) => p[key] ?? NaN));
}

/** Power-law fits of wall seconds, CPU seconds and extra peak memory against n, per op, in the order the ops first appear. */
export function fitScaling(points: readonly BenchResult[]): ScalingFit[] {
  const ops = [...new Set(points.map((p) => p.op))];
  return ops.map((op) => {
    const mine = points.filter((p) => p.op === op).sort((a, b) => a.n - b.n);
    const largest = mine.slice(-3);
    const tail = mine.length > 3;
    return {
      op,
      sizes: mine.map((p) => p.n),
      seconds: fitOf(mine, 'seconds'),
      cpu_seconds: fitOf(mine, 'cpu_seconds'),
      extra_mib: fitOf(mine, 'extra_mib'),
      seconds_largest3: tail ? fitOf(largest, 'seconds') : null,
      cpu_seconds_largest3: tail ? fitOf(largest, 'cpu_seconds') : null,
      extra_mib_largest3: tail ? fitOf(largest, 'extra_mib') : null,
    };
  });
}

const exponentText = (fit: PowerLawFit | null) => (fit ? fit.exponent.toFixed(2) : '–');

/**
 * The human table: per op, the median wall and CPU seconds and the extra peak memory (MiB) at each size, then the
 * fitted exponents (all sizes; the three largest); skipped sizes are named below it.
 */
export function formatScalingTable(points: readonly BenchResult[], fits: readonly ScalingFit[], skipped: readonly ScalingSkip[]): string {
  const sizes = [...new Set(points.map((p) => p.n))].sort((a, b) => a - b);
  const cell = (text: string) => text.padStart(10);
  const header = (title: string) => `${title.padEnd(20)}${sizes.map((n) => cell(`n=${n}`)).join('')}${cell('exponent')}${cell('largest 3')}\n`;
  const block = (title: string, key: ScalingMetric) => {
    let text = header(title);
    for (const fit of fits) {
      const row = sizes.map((n) => {
        const point = points.find((p) => p.op === fit.op && p.n === n);
        return cell(point ? String(point[key] ?? '–') : 'skipped');
      });
      text += `${fit.op.padEnd(20)}${row.join('')}${cell(exponentText(fit[key]))}${cell(exponentText(fit[`${key}_largest3`]))}\n`;
    }
    return text;
  };
  const titles: Record<ScalingMetric, string> = { seconds: 'seconds (median)', cpu_seconds: 'CPU seconds', extra_mib: 'extra peak MiB' };
  let out = `Scaling at p = ${SCALING_P} features (compare: RDMs of n×${SCALING_P} features); exponent = least-squares slope of log(value) on log(n).\n`;
  for (const metric of METRICS) out += block(titles[metric], metric);
  for (const s of skipped) out += `skipped ${s.op} at n=${s.n}: needs about ${s.need_mib} MiB, over the ${s.limit_mib} MiB limit (half this machine's memory)\n`;
  return out;
}
