// Queue URLs: what --queue / ATTUNE_QUEUE accept, how a bad one is reported (naming the option, never the password),
// and the ioredis options (no per-command retry cap, reconnection forever with a capped pause).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/core/input-error.ts';
import { MAX_RECONNECT_DELAY_MS, parseQueueUrl, redactUrl, redisOptions } from '../../../src/run/queue/connection.ts';

test('redis:// and rediss:// URLs: host, port (default 6379), database, user and password', () => {
  assert.deepEqual(parseQueueUrl('redis://127.0.0.1:6380'), { tls: false, host: '127.0.0.1', port: 6380, db: 0 });
  assert.deepEqual(parseQueueUrl('redis://queue.lab.example'), { tls: false, host: 'queue.lab.example', port: 6379, db: 0 });
  assert.deepEqual(parseQueueUrl('rediss://alice:s%40cret@redis.example:6390/3'), {
    tls: true, host: 'redis.example', port: 6390, db: 3, username: 'alice', password: 's@cret',
  });
  assert.deepEqual(parseQueueUrl('redis://:pw@[::1]:7000/'), { tls: false, host: '::1', port: 7000, db: 0, password: 'pw' });
});

test('a bad URL is an InputError naming --queue or ATTUNE_QUEUE, with the password hidden', () => {
  const cases: [string, RegExp][] = [
    ['', /no queue URL/],
    ['localhost:6379', /scheme must be redis: or rediss:|not a URL/],
    ['http://localhost:6379', /scheme must be redis: or rediss:, not http:/],
    ['redis://localhost:notaport', /not a URL/],
    ['redis://localhost:0', /port 0/],
    ['redis://localhost:6379/queue', /database number/],
    ['redis://localhost:6379/0?timeout=1', /no \?query/],
  ];
  for (const [url, message] of cases) {
    assert.throws(() => parseQueueUrl(url), (e: unknown) => e instanceof InputError && e.file === '--queue' && message.test(e.message), url);
  }
  assert.throws(() => parseQueueUrl('redis://u:topsecret@h:1/x', 'ATTUNE_QUEUE'), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.file, 'ATTUNE_QUEUE');
    assert.match(e.message, /^ATTUNE_QUEUE: /);
    assert.doesNotMatch(e.message, /topsecret/);
    assert.match(e.message, /redis:\/\/u:\*\*\*@h:1\/x/);
    return true;
  });
});

test('redactUrl hides only the password', () => {
  assert.equal(redactUrl('rediss://bob:pa:ss@h:6379/1'), 'rediss://bob:***@h:6379/1');
  assert.equal(redactUrl('redis://h:6379'), 'redis://h:6379');
  assert.equal(redactUrl('redis://:pw@h'), 'redis://:***@h');
});

test('ioredis options: maxRetriesPerRequest null, TLS for rediss, reconnection forever at most MAX_RECONNECT_DELAY_MS apart', () => {
  const plain = redisOptions(parseQueueUrl('redis://127.0.0.1:6390/2'));
  assert.equal(plain.maxRetriesPerRequest, null);
  assert.equal(plain.host, '127.0.0.1');
  assert.equal(plain.port, 6390);
  assert.equal(plain.db, 2);
  assert.equal(plain.tls, undefined);
  assert.equal(plain.password, undefined);
  const delays = [1, 2, 5, 10, 100, 10_000].map((n) => plain.retryStrategy!(n));
  for (const d of delays) assert.ok(typeof d === 'number' && d > 0 && d <= MAX_RECONNECT_DELAY_MS, String(d));
  assert.ok((delays[0] as number) < (delays[3] as number), 'the pause grows');
  assert.equal(delays[5], MAX_RECONNECT_DELAY_MS);
  const secure = redisOptions(parseQueueUrl('rediss://u:p@redis.example:6380'));
  assert.deepEqual(secure.tls, { servername: 'redis.example' });
  assert.equal(secure.username, 'u');
  assert.equal(secure.password, 'p');
});
