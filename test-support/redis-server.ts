// A private redis-server for the queue tests: Debian's binary on a free loopback port with a fresh temporary folder
// and append-only persistence (as the README's cluster recipe sets it), so a restart keeps the queue. Never the
// default port, never a system service; stopped (and its folder removed) in the test's teardown, or at exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The binary (override with ATTUNE_TEST_REDIS_SERVER). */
const REDIS_SERVER = process.env.ATTUNE_TEST_REDIS_SERVER ?? 'redis-server';

/** A running test server. */
export interface TestRedisServer {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Its working folder (the append-only files). */
  dir: string;
  /** Shut it down (SIGTERM: the append-only file is flushed) and remove its folder; idempotent. */
  stop(): Promise<void>;
  /** Shut it down the same way and start it again on the same port and folder (the data comes back from the AOF). */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Start a redis-server on a free 127.0.0.1 port in a fresh temporary folder; resolves once it answers PING. */
export async function startRedisServer(): Promise<TestRedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'attune-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await launch(port, dir);
    } catch (error) {
      // another process took the port between our probe and redis-server's bind: try another
      if (attempt >= 4) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  let current: ChildProcess | undefined = child;
  let removed = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    async stop() {
      if (current) await shutdown(current);
      current = undefined;
      if (!removed) rmSync(dir, { recursive: true, force: true });
      removed = true;
    },
    async restart() {
      if (removed) throw new Error('this redis-server was stopped for good');
      if (current) await shutdown(current);
      current = undefined;
      current = await launch(port, dir);
    },
  };
}

/** Spawn redis-server on `port` in `dir` and wait until it answers PING (rejects with its output when it exits first). */
async function launch(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER, [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dir,
    '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '',
    '--daemonize', 'no', '--protected-mode', 'yes', '--loglevel', 'warning',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (output = (output + s).slice(-4000)));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (output = (output + s).slice(-4000)));
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start ${REDIS_SERVER}: ${error.message}`)));
    child.once('exit', (code, signal) => reject(new Error(`redis-server on port ${port} exited (${code ?? signal}) before answering PING:\n${output}`)));
  });
  exited.catch(() => running.delete(child));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const answered = await Promise.race([ping(port), exited]);
    if (answered) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server on port ${port} did not answer PING within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SIGTERM (redis-server flushes its append-only file and exits) and wait for the exit; SIGKILL after 10 s. */
async function shutdown(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return;
  }
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
  running.delete(child);
}

/** Whether a server on 127.0.0.1:`port` answers PING with PONG (false on any error). */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.setEncoding('utf8').on('data', (s: string) => {
      reply += s;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/** A port the kernel says is free on 127.0.0.1 now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
