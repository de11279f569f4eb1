import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { attune, scratch } from '../../test-support/run-cli.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

test('help, version, run, usage errors and exit codes', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const [version, help, none, unknownVerb, unknownOption, verbHelp, helpVerb, run, extra] = await Promise.all([
    attune(['--version'], dir),
    attune(['--help'], dir),
    attune([], dir),
    attune(['frobnicate'], dir),
    attune(['rdm', 'x.csv', '--bogus'], dir),
    attune(['compare', '--help'], dir),
    attune(['help', 'rdm'], dir),
    attune(['run', '--suite', 'nonesuch'], dir),
    attune(['rdm', 'a.csv', 'b.csv'], dir),
  ]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout, `attune ${pkg.version}\n`);

  assert.equal(help.code, 0);
  for (const verb of ['run', 'wordsim', 'norms', 'list', 'cache', 'rdm', 'compare', 'cka', 'encode', 'bench']) assert.match(help.stdout, new RegExp(`\\n  ${verb} `));
  assert.match(help.stdout, /Exit codes: 0 success, 2 bad input or usage/);

  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Usage: attune <command>/);
  assert.equal(none.stdout, '');

  assert.equal(unknownVerb.code, 2);
  assert.match(unknownVerb.stderr, /attune: unknown command 'frobnicate'/);

  assert.equal(unknownOption.code, 2);
  assert.match(unknownOption.stderr, /^attune rdm: unknown option '--bogus' \(options: /);
  assert.match(unknownOption.stderr, /See 'attune rdm --help'/);

  assert.equal(verbHelp.code, 0);
  assert.match(verbHelp.stdout, /^Usage: attune compare <rdm-a> <rdm-b>/);
  assert.equal(helpVerb.code, 0);
  assert.match(helpVerb.stdout, /^Usage: attune rdm <features>/);

  assert.equal(run.code, 2); // the real run is tested in run.test.ts
  assert.match(run.stderr, /unknown suite 'nonesuch' \(known: core, literature, vision\)/);

  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /attune rdm: unexpected argument 'b\.csv'/);
});
