import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startServer } from '../../src/server/server.ts';
import { APP_JS, fixture, rawGet, rawRequest, SECRET } from '../../test-support/server-requests.ts';

const PACKAGE_JSON = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');

/** Whether a TCP connection to host:port is accepted (false on ECONNREFUSED and the like). */
function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function externalIPv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
}

test('listens on 127.0.0.1 only by default; a non-loopback address of this machine is refused (and reached when --host 0.0.0.0)', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  assert.equal(server.address.address, '127.0.0.1');
  assert.equal(server.address.family, 'IPv4');
  assert.equal(server.url, `http://127.0.0.1:${server.port}/`);
  assert.equal(await canConnect('127.0.0.1', server.port), true);
  const external = externalIPv4();
  if (external === undefined) {
    t.diagnostic('no non-loopback IPv4 interface on this machine: the refusal check is skipped');
    return;
  }
  assert.equal(await canConnect(external, server.port), false, `connecting via ${external} must fail`);
  // Control: the same address does reach a server bound to every interface, so the refusal above is the binding's doing.
  const open = await startServer({ port: 0, host: '0.0.0.0', resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => open.close());
  assert.equal(await canConnect(external, open.port), true);
});

test('traversal attempts get 4xx and no file content, over raw sockets and fetch', async (t) => {
  const f = fixture();
  t.after(f.cleanup);
  const server = await startServer({ port: 0, resultsDir: f.resultsDir, webDir: f.webDir });
  t.after(() => server.close());
  const attempts = [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd',
    '/%252e%252e/etc/passwd',
    '/assets/..\\..\\package.json',
    '/%00',
    '/index.html%00.js',
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/%252e%252e%252fsecret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/assets/../../../../../../etc/passwd',
    '/./index.html',
    '/link.txt',
    '/.hidden',
    '/C:/Windows/win.ini',
    'http://127.0.0.1/../secret.txt',
    '*',
  ];
  for (const target of attempts) {
    const r = await rawRequest(server.port, rawGet(target));
    assert.ok(r.status >= 400 && r.status < 500, `${target}: status ${r.status}`);
    assert.ok(!r.body.includes(SECRET) && !r.body.includes('root:') && !r.body.includes('"devDependencies"'), `${target}: leaked content`);
    assert.ok(!r.body.includes(PACKAGE_JSON.slice(0, 40)), `${target}: package.json`);
  }
  // The raw request line exactly as the issue names it.
  const passwd = await rawRequest(server.port, 'GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
  assert.equal(passwd.status, 400);
  assert.deepEqual(JSON.parse(passwd.body), { error: 'dot segment in path' });
  // fetch normalises the dots away, so the server sees /etc/passwd: not a file of the app either.
  for (const target of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/%252e%252e/etc/passwd', '/%00']) {
    const res = await fetch(server.url.replace(/\/$/, '') + target);
    const body = await res.text();
    assert.ok(res.status >= 400 && res.status < 500, `fetch ${target}: ${res.status}`);
    assert.ok(!body.includes('root:') && !body.includes(SECRET));
  }
  // The app's own files are served.
  const app = await rawRequest(server.port, rawGet('/assets/app.js'));
  assert.equal(app.status, 200);
  assert.equal(app.body, APP_JS);
  assert.match(app.head, /\r\nContent-Type: text\/javascript; charset=utf-8\r\n/);
});
