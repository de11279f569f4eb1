// The queue tests' child processes: `attune worker` with its own cache folder, and a sweep coordinator
// (queue-coordinator-main.ts); their stderr lines kept and searchable, SIGKILLed when the test is done with them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BIN } from './run-cli.ts';

/** The repository root (the coordinator runs from there so `--import tsx` resolves). */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COORDINATOR = fileURLToPath(new URL('./queue-coordinator-main.ts', import.meta.url));

/** A running child process whose stderr is kept line by line. */
export interface WatchedProcess {
  child: ChildProcess;
  /** Its stderr so far, line by line. */
  lines(): string[];
  /** Resolves with the first line (already written or coming) that matches; rejects when the process exits first or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal name) once the process has exited and its output is read. */
  exited: Promise<number | string>;
  /** Send `signal` (default SIGKILL) if it is alive and wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Start `node bin/attune.mjs worker --queue <url> …args` in `cwd` with ATTUNE_CACHE_DIR=`cacheDir` and `env` added. */
export function startWorkerProcess(url: string, cwd: string, cacheDir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): WatchedProcess {
  return watch(spawn(process.execPath, [BIN, 'worker', '--queue', url, ...args], {
    cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ATTUNE_CACHE_DIR: cacheDir, ...env },
  }));
}

/**
 * Start a coordinator: runSweep of the sweep in `specFile` (JSON) over the queue at `url`, in folder `cwd`, writing the
 * results to `outFile` when done. It prints the queue's lines and `attune: [k/n] …` progress lines on stderr.
 */
export function startCoordinatorProcess(url: string, cwd: string, specFile: string, outFile: string, env: NodeJS.ProcessEnv = {}): WatchedProcess {
  return watch(spawn(process.execPath, ['--import', 'tsx', COORDINATOR, cwd, url, specFile, outFile], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env },
  }));
}

/** Keep a child's stderr lines and offer waiting for one. */
function watch(child: ChildProcess): WatchedProcess {
  const lines: string[] = [];
  const watchers = new Set<() => void>();
  let partial = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    const parts = (partial + s).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of watchers) w();
  });
  let over = false;
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => {
    over = true;
    if (partial !== '') lines.push(partial);
    resolve(code ?? signal ?? 'unknown');
    for (const w of watchers) w();
  }));
  return {
    child,
    lines: () => [...lines],
    exited,
    waitForLine(pattern, timeoutMs = 180_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines.find((l) => pattern.test(l));
          if (hit !== undefined) done(() => resolve(hit));
          else if (over) done(() => reject(new Error(`the process exited before a line matched ${pattern}:\n${lines.join('\n')}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no line matched ${pattern} within ${timeoutMs / 1000} s:\n${lines.join('\n')}`))), timeoutMs);
        timer.unref(); // a wait nobody needs any more must not keep the test alive
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          watchers.delete(check);
          settle();
        };
        watchers.add(check);
        check();
      });
    },
    async kill(signal = 'SIGKILL') {
      if (!over && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
