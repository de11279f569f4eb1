// `attune serve` as a child process for the tests: started with the given launcher, killed after the test, and
// resolved once it prints its URL (rejected when it exits first or stays silent too long).
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';

/** The running server: its process, its URL, and what it has written to stderr so far. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stderr: () => string;
}

/** Start `node <bin> serve <args…>` in `cwd` (killed after `t`) and wait up to `timeoutMs` for the URL line. */
export async function startServe(t: TestContext, bin: string, args: string[], cwd: string, timeoutMs: number): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`no URL within ${timeoutMs / 1000} s; stderr: ${stderr}`)), timeoutMs);
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
      const line = /^(http:\/\/\S+)\n/.exec(stdout);
      if (line) {
        clearTimeout(timer);
        resolve(line[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing a URL; stderr: ${stderr}`)));
  });
  return { child, url, stderr: () => stderr };
}
