import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safePath } from '../../src/server/safe-path.ts';

test('safePath: ordinary paths become segments (decoded once, query dropped)', () => {
  assert.deepEqual(safePath('/'), { ok: true, segments: [] });
  assert.deepEqual(safePath('/index.html'), { ok: true, segments: ['index.html'] });
  assert.deepEqual(safePath('/assets/app-1a2b.js?v=3#x'), { ok: true, segments: ['assets', 'app-1a2b.js'] });
  assert.deepEqual(safePath('/api/runs/'), { ok: true, segments: ['api', 'runs'] });
  assert.deepEqual(safePath('/a%20b.txt'), { ok: true, segments: ['a b.txt'] });
  assert.deepEqual(safePath('/caf%C3%A9'), { ok: true, segments: ['café'] });
});

test('safePath: dot segments, backslashes, NUL, double encoding and absolute forms are refused', () => {
  const cases: [string, number][] = [
    ['/../../etc/passwd', 400],
    ['/%2e%2e/%2e%2e/etc/passwd', 400],
    ['/%2E%2E/x', 400],
    ['/..%2f..%2fetc%2fpasswd', 400],
    ['/%252e%252e/etc/passwd', 400],
    ['/assets/..\\..\\package.json', 400],
    ['/assets/%5c..%5cx', 400],
    ['/%00', 400],
    ['/a%0a', 400],
    ['/%e0%a4%a', 400],
    ['/./index.html', 400],
    ['//etc/passwd', 400],
    ['/%2fetc%2fpasswd', 400],
    ['/a//b', 400],
    ['http://127.0.0.1/x', 400],
    ['*', 400],
    ['', 400],
    ['/' + 'a'.repeat(2000), 400],
    ['/.env', 404],
    ['/assets/.git/config', 404],
    ['/C:/Windows/win.ini', 404],
  ];
  for (const [target, status] of cases) {
    const r = safePath(target);
    assert.equal(r.ok, false, target);
    if (!r.ok) assert.equal(r.status, status, target);
  }
});
