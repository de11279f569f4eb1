import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostAllowed, hostName, isLoopbackHost } from '../../src/server/host-check.ts';

test('host checks: loopback names, Host header parsing, and what a loopback-bound server accepts', () => {
  for (const h of ['localhost', 'LocalHost', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['0.0.0.0', '192.0.2.2', 'localhost.example', '127.0.0.1.example', '::', 'fd00::2']) assert.equal(isLoopbackHost(h), false, h);
  assert.equal(hostName('127.0.0.1:4173'), '127.0.0.1');
  assert.equal(hostName('[::1]:80'), '[::1]');
  assert.equal(hostName('Example.ORG'), 'example.org');
  for (const bad of [undefined, '', 'a:b:c', 'host:123456', 'a b', '[::1']) assert.equal(hostName(bad), undefined, String(bad));
  assert.equal(hostAllowed('localhost:4173', true), true);
  assert.equal(hostAllowed('evil.example', true), false);
  assert.equal(hostAllowed(undefined, true), false);
  assert.equal(hostAllowed('evil.example', false), true);
});
