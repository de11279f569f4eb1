// Starts the bench child process (one case, a fresh process, so its peak memory is its own) and reads its result line.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isSourceModule, siblingModule } from '../../core/module-path.ts';
import type { BenchResult } from './child.ts';

const CHILD = fileURLToPath(siblingModule('./child', import.meta.url));
/** From the sources, tsx's loader (resolved from here, so the child works whatever the working directory); compiled, none. */
const LOADER_ARGS = isSourceModule(import.meta.url) ? ['--import', import.meta.resolve('tsx')] : [];

/** Run the child with `args` (a case index, or `scaling OP N`) and resolve with the result it prints. */
export function runBenchChild(args: string[]): Promise<BenchResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', ...LOADER_ARGS, CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench case ${args.join(' ')} exited with code ${code}`));
      else resolve(JSON.parse(out.trim()) as BenchResult);
    });
  });
}
