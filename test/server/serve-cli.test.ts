import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { attune, BIN } from '../../test-support/run-cli.ts';
import { fixture, INDEX_HTML } from '../../test-support/server-requests.ts';
import { startServe } from '../../test-support/serve-process.ts';

test('attune serve --help, and usage errors exit 2', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const [help, listed, badPort, bigPort, extra] = await Promise.all([
    attune(['serve', '--help'], f.dir),
    attune(['--help'], f.dir),
    attune(['serve', '--port', 'abc'], f.dir),
    attune(['serve', '--port', '70000'], f.dir),
    attune(['serve', 'extra'], f.dir),
  ]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: attune serve \[--port N\] \[--results DIR\] \[--host H\]/);
  for (const option of ['--port N', '--results DIR', '--host H', '--web-dir DIR']) assert.ok(help.stdout.includes(option), option);
  assert.match(help.stdout, /default 4173/);
  assert.match(help.stdout, /default 127\.0\.0\.1/);
  assert.match(listed.stdout, /\n {2}serve {2,}the dashboard/);
  for (const r of [badPort, bigPort, extra]) {
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^attune serve: /);
  }
});

test('attune serve prints its URL, serves the app and the API there, and stops on SIGTERM', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const { child, url, stderr } = await startServe(t, BIN, ['--port', '0', '--results', f.resultsDir, '--web-dir', f.webDir], f.dir, 15_000);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(Number(new URL(url).port), 0);
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), INDEX_HTML);
  const runs = (await (await fetch(`${url}api/runs`)).json()) as { id: string }[];
  assert.deepEqual(runs.map((r) => r.id), ['run-b', 'latest']);
  assert.match(stderr(), /stop with Ctrl\+C/);
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0);
});

test('attune serve on a port in use exits 1 naming the port', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const { startServer } = await import('../../src/server/server.ts');
  const busy = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => busy.close());
  const r = await attune(['serve', '--port', String(busy.port), '--results', f.resultsDir, '--web-dir', f.webDir], f.dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`port ${busy.port} on 127\\.0\\.0\\.1 is already in use`));
  assert.equal(r.stdout, '');
});
