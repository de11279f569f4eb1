// Helpers for the CLI tests: run `node bin/attune.mjs …` in a child process (in this checkout the launcher runs the
// TypeScript sources through tsx, so the tests need no build), make scratch folders.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The launcher, located relative to this file (it runs src/cli/main.ts here, dist/ in an installed package). */
export const BIN = fileURLToPath(new URL('../bin/attune.mjs', import.meta.url));

/** What a CLI run left behind. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI with `args` in folder `cwd` (with `env` added to this process's environment); resolves with the exit code and both streams. */
export function attune(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh scratch folder (removed by the returned cleanup function), with fixtures copied in by name. */
export function scratch(fixtures: string[] = []): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'attune-cli-'));
  for (const name of fixtures) copyFileSync(fileURLToPath(new URL(`../test/fixtures/${name}`, import.meta.url)), join(dir, name));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
