// `attune bench`: time every performance case in its own process and print a line (or a table row) each.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isSourceModule, siblingModule } from '../../core/module-path.ts';
import { benchCases } from '../bench/cases.ts';
import type { BenchResult } from '../bench/child.ts';
import { expectPositionals, parseVerbArgs } from '../args.ts';

const CHILD = fileURLToPath(siblingModule('../bench/child', import.meta.url));
/** From the sources, tsx's loader (resolved from here, so the child works whatever the working directory); compiled, none. */
const LOADER_ARGS = isSourceModule(import.meta.url) ? ['--import', import.meta.resolve('tsx')] : [];

function runChild(index: number): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...LOADER_ARGS, CHILD, String(index)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench case ${index} exited with code ${code}`));
      else resolve(JSON.parse(out.trim()) as BenchResult);
    });
  });
}

const HELP = `Usage: attune bench [--json] [--only OP-PREFIX]

Times every performance case (median of up to 5 calls after a warm-up), each in its own process.
  --json          one JSON line per case: {op, n, p, seconds, checksum, reps, extra_mib, budget_mib}
  --only PREFIX   only the ops whose id starts with PREFIX (e.g. rdm: or compare:spearman)
`;

/** Run the bench: `--json` prints one JSON line per case; `--only PREFIX` keeps matching op ids. Returns the exit code. */
export async function runBench(argv: string[]): Promise<number> {
  const { values: args, positionals } = parseVerbArgs('bench', argv, { json: { type: 'boolean' }, only: { type: 'string' } });
  expectPositionals('bench', positionals, []);
  const only = typeof args.only === 'string' ? args.only : undefined;
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const cases = benchCases();
  const picked = cases.map((c, i) => ({ c, i })).filter(({ c }) => !only || c.op.startsWith(only));
  if (!args.json) process.stderr.write(`op                     n×p          seconds   checksum            extra/budget MiB\n`);
  for (const { c, i } of picked) {
    const result = await runChild(i);
    if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      const size = `${c.n}×${c.p}`.padEnd(12);
      process.stderr.write(`${c.op.padEnd(22)} ${size} ${String(result.seconds).padEnd(9)} ${String(result.checksum).padEnd(19)} ${result.extra_mib}/${result.budget_mib}\n`);
    }
  }
  return 0;
}
