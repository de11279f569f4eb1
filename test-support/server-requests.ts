// Helpers for the server tests: a scratch folder with a tiny web app, a secret outside it and a results folder;
// raw HTTP over a socket (fetch normalises paths, a socket sends them as written).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The marker text of the file that must never be served. */
export const SECRET = 'TOP-SECRET-7c1f';
export const INDEX_HTML = '<!doctype html><title>test app</title><script type="module" src="./assets/app.js"></script>';
export const APP_JS = 'console.log("app");\n';

/** An Attune results document with `n` rows (only the fields the list reads are meaningful). */
export function results(created: string, suite: string, model: string, n: number): object {
  const row = { benchmark: 'wordsim:simlex999', title: 'SimLex-999', suite, score: { value: 0.3, ci95: [0.25, 0.35], n: 999, measure: 'spearman' } };
  return { schema: 'attune-results', schema_version: 1, tool: { name: 'attune', version: '0.1.0' }, created, suite, model: { id: model, revision: 'r1' }, seed: 1, results: Array(n).fill(row), failures: [] };
}

/** A scratch folder: web/ (index.html, assets/app.js, a symlink to the secret), secret.txt beside it, results/ with runs. */
export function fixture(): { dir: string; webDir: string; resultsDir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'attune-server-'));
  const webDir = join(dir, 'web');
  const resultsDir = join(dir, 'results');
  mkdirSync(join(webDir, 'assets'), { recursive: true });
  writeFileSync(join(webDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(webDir, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(webDir, '.hidden'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(webDir, 'link.txt'));
  for (const sub of ['run-b', 'other', 'broken', 'empty']) mkdirSync(join(resultsDir, sub), { recursive: true });
  writeFileSync(join(resultsDir, 'results.json'), JSON.stringify(results('2025-03-01T10:00:00.000Z', 'core', 'glove', 2)));
  writeFileSync(join(resultsDir, 'run-b', 'results.json'), JSON.stringify(results('2025-06-01T10:00:00.000Z', 'literature', 'hf:gpt2', 3)));
  writeFileSync(join(resultsDir, 'other', 'results.json'), JSON.stringify({ schema: 'something-else', created: '2030-01-01', results: [] }));
  writeFileSync(join(resultsDir, 'broken', 'results.json'), '{"schema": "attune-results", ');
  return { dir, webDir, resultsDir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A raw HTTP exchange: the status code, the head's lines and the body, as the bytes came. */
export interface RawResponse {
  status: number;
  head: string;
  body: string;
  /** Milliseconds from connecting to the socket's end. */
  ms: number;
}

/** Send `text` over a TCP socket to 127.0.0.1:`port` and collect everything until the server ends the connection. */
export function rawRequest(port: number, text: string | Buffer, options: { endAfterWrite?: boolean; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect({ port, host: options.host ?? '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('raw request: no end within 5 s'));
    }, 5000);
    socket.on('connect', () => {
      socket.write(text);
      if (options.endAfterWrite) socket.end();
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // A server that answers and closes before the client finished writing may reset: keep what arrived.
      if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') {
        clearTimeout(timer);
        reject(e);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks).toString('latin1');
      const split = all.indexOf('\r\n\r\n');
      const head = split < 0 ? all : all.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? NaN);
      resolve({ status, head, body: split < 0 ? '' : all.slice(split + 4), ms: Date.now() - started });
    });
  });
}

/** A GET request line with the headers that make the server close the connection after answering. */
export function rawGet(target: string): string {
  return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;
}
