// `attune worker` as a child process for the queue tests: started with its own cache folder, its stderr lines kept
// and searchable, killed (SIGKILL) at the end of the test if still running.
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from './run-cli.ts';

/** A running worker process. */
export interface WorkerProcess {
  child: ChildProcess;
  /** Its stderr so far, line by line. */
  lines(): string[];
  /** Resolves with the first line (already written or coming) that matches; rejects when the worker exits first or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /** SIGKILL it now (if alive) and wait for the exit. */
  kill(): Promise<void>;
}

/** Start `node bin/attune.mjs worker --queue <url> …args` in `cwd` with ATTUNE_CACHE_DIR=`cacheDir` and `env` added. */
export function startWorkerProcess(url: string, cwd: string, cacheDir: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', url, ...args], {
    cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ATTUNE_CACHE_DIR: cacheDir, ...env },
  });
  const lines: string[] = [];
  const watchers = new Set<() => void>();
  let partial = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => {
    const parts = (partial + s).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of watchers) w();
  });
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => {
    resolve(code ?? signal ?? 'unknown');
    for (const w of watchers) w();
  }));
  return {
    child,
    lines: () => [...lines],
    exited,
    waitForLine(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const hit = lines.find((l) => pattern.test(l));
          if (hit !== undefined) done(() => resolve(hit));
          else if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`the worker exited before a line matched ${pattern}:\n${lines.join('\n')}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no line matched ${pattern} within ${timeoutMs / 1000} s:\n${lines.join('\n')}`))), timeoutMs);
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          watchers.delete(check);
          settle();
        };
        watchers.add(check);
        check();
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
