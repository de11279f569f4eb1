import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../src/server/server.ts';
import { APP_JS, fixture, rawRequest } from '../../test-support/server-requests.ts';

test('methods other than GET and HEAD get 405; oversized bodies 413 or 405 unread; oversized headers 431', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    const res = await fetch(`${server.url}api/runs`, { method });
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.get('allow'), 'GET, HEAD');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    await res.arrayBuffer();
  }
  const head = await fetch(`${server.url}assets/app.js`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(Buffer.byteLength(APP_JS)));
  assert.equal(await head.text(), '');

  // 100 KiB declared, only 1 KiB sent: the answer comes without the server waiting for the rest.
  const declared = 100 * 1024;
  for (const method of ['POST', 'GET']) {
    const r = await rawRequest(server.port, `${method} /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: ${declared}\r\n\r\n${'x'.repeat(1024)}`);
    assert.equal(r.status, method === 'POST' ? 405 : 413, method);
    assert.match(r.head, /\r\nConnection: close/i);
    assert.ok(r.ms < 2000, `${method} answered in ${r.ms} ms`);
  }
  // A chunked GET body that passes 64 KiB is cut off with 413.
  const chunk = 'y'.repeat(16 * 1024);
  const chunked = `GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n` + `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(5);
  const cut = await rawRequest(server.port, chunked);
  assert.equal(cut.status, 413);
  // A small GET body is read and ignored.
  const small = await rawRequest(server.port, `GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello`);
  assert.equal(small.status, 200);

  // 20 KiB of headers (over 16 KiB): 431, answered by node:http's parser.
  const big = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
  assert.equal(big.status, 431);
  const fine = await rawRequest(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Filler: ${'a'.repeat(8 * 1024)}\r\n\r\n`);
  assert.equal(fine.status, 200);
});

test('every response has nosniff and the CSP, and none has a CORS header', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  const targets = ['/', '/index.html', '/assets/app.js', '/missing.js', '/api/runs', '/api/runs/latest', '/api/runs/nope', '/api/nothing', '/../x'];
  for (const target of targets) {
    const r = await rawRequest(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n`);
    assert.ok(r.status > 0, target);
    assert.doesNotMatch(r.head, /access-control-/i, target);
    assert.match(r.head, /\r\nX-Content-Type-Options: nosniff\r\n/, target);
    const csp = /\r\nContent-Security-Policy: ([^\r]*)/.exec(r.head)?.[1] ?? '';
    assert.match(csp, /(^|; )script-src 'self'( 'wasm-unsafe-eval')?(;|$)/, target);
    assert.match(csp, /(^|; )worker-src 'self' blob:(;|$)/, target);
    assert.match(csp, /(^|; )img-src 'self' data:/, target);
    assert.match(csp, /(^|; )style-src 'self'/, target);
    assert.doesNotMatch(csp, / 'unsafe-eval'|\*/, target);
  }
  const preflight = await fetch(`${server.url}api/runs`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' } });
  assert.equal(preflight.status, 405);
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
});

test('bound to loopback, only loopback Host headers are answered (DNS rebinding); bound elsewhere, any', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  const ask = (host: string | undefined, port = server.port) =>
    rawRequest(port, `GET /api/runs HTTP/1.1\r\n${host === undefined ? '' : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);
  for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'LOCALHOST', `[::1]:${server.port}`, '127.0.0.2']) {
    assert.equal((await ask(host)).status, 200, host);
  }
  for (const host of ['evil.example', `evil.example:${server.port}`, '192.0.2.7', 'localhost.evil.example', '127.0.0.1.evil.example', '[::1', '']) {
    const r = await ask(host);
    assert.ok(r.status === 403 || r.status === 400, `${host}: ${r.status}`);
    assert.ok(!r.body.includes('glove'), host);
  }
  const http10 = await rawRequest(server.port, 'GET /api/runs HTTP/1.0\r\n\r\n');
  assert.equal(http10.status, 403);
  const open = await startServer({ port: 0, host: '0.0.0.0', resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => open.close());
  assert.equal((await ask('dashboard.lab.example', open.port)).status, 200);
});
