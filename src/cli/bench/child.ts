// Runs one bench case (or one size of a scaling op) in a fresh process (so its peak memory is its own) and prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRng } from '../../core/random.ts';
import { BENCH_SEED, benchCases, type BenchCase } from './cases.ts';
import { SCALING_REPS, isScalingOp, scalingCase, scalingSeed } from './scaling-cases.ts';

/** Result line of one case, as `attune bench --json` prints it. */
export interface BenchResult {
  op: string;
  n: number;
  p: number;
  seconds: number;
  checksum: number;
  reps: number;
  /** Scaling runs only: the median CPU seconds (user + system, every thread of the process) of the timed calls, steadier than `seconds` when other work shares the cores. */
  cpu_seconds?: number;
  params?: Record<string, number>;
  /** Peak resident memory of the first full-size call beyond what the process held just before it (inputs ready, libraries and sessions loaded by a small primer call), in MiB. */
  extra_mib: number;
  /** The budget for that extra: the inputs once more plus one n×n float64 matrix, in MiB. */
  budget_mib: number;
}

const MAX_REPS = 5;
const TIME_BUDGET_S = 20;

/** Resident and peak-resident bytes from /proc (Linux); the peak can be reset with clear_refs. */
function residentBytes(): { rss: number; peak: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** Reset the kernel's peak-RSS mark to the current RSS (Linux ≥ 4.0); false where unsupported. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The case the arguments name: a regular case by its index, or `scaling OP N`; with its seed and most timed calls. */
function pickCase(args: string[]): { bench: BenchCase; seed: number; maxReps: number; scaling: boolean } {
  if (args[0] === 'scaling') {
    const [, op, size] = args;
    const n = Number(size);
    if (!isScalingOp(op) || !Number.isInteger(n) || n < 2) throw new Error(`no scaling case ${args.slice(1).join(' ')}`);
    return { bench: scalingCase(op, n), seed: scalingSeed(n), maxReps: SCALING_REPS, scaling: true };
  }
  const index = Number(args[0]);
  const bench = benchCases()[index];
  if (!bench) throw new Error(`no bench case ${args[0]}`);
  return { bench, seed: BENCH_SEED + index, maxReps: MAX_REPS, scaling: false };
}

async function main(): Promise<void> {
  const { bench, seed, maxReps, scaling } = pickCase(process.argv.slice(2));
  const inputs = await bench.prepare(createRng(seed));
  if (bench.primer) await bench.primer.run(await bench.primer.prepare(createRng(BENCH_SEED)));
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = residentBytes().rss;
  const peakWasReset = resetPeak();
  let checksum = await bench.run(inputs); // the measured call doubles as the warm-up of the timed ones
  const peak = peakWasReset ? residentBytes().peak : process.resourceUsage().maxRSS * 1024;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let spent = 0;
  while (times.length < maxReps && spent < TIME_BUDGET_S) {
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    checksum = await bench.run(inputs);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    times.push(seconds);
    cpuTimes.push((cpu.user + cpu.system) / 1e6);
    spent += seconds;
  }
  const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const result: BenchResult = {
    op: bench.op, n: bench.n, p: bench.p,
    seconds: Number(median(times).toPrecision(4)),
    checksum,
    reps: times.length,
    ...(scaling ? { cpu_seconds: Number(median(cpuTimes).toPrecision(4)) } : {}),
    ...(bench.params ? { params: bench.params } : {}),
    extra_mib: mib(Math.max(0, peak - baseline)),
    budget_mib: mib(bench.inputBytes(inputs) + bench.squareBytes),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
