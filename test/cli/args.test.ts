// Command-line mistakes read as sentences: unknown options with a suggestion, in every verb (one parser), missing
// and superfluous option values; unknown commands with a suggestion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choiceOption, parseVerbArgs, UsageError } from '../../src/cli/args.ts';
import { attune, scratch } from '../../test-support/run-cli.ts';

const OPTIONS = { debiased: { type: 'boolean' }, kernel: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } } as const;

/** The message of the UsageError that parsing `args` throws. */
function problem(args: string[]): string {
  try {
    parseVerbArgs('cka', args, OPTIONS);
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  assert.fail(`no error for ${args.join(' ')}`);
}

test('parseVerbArgs: unknown options get the closest known ones, else the list; values missing or superfluous', () => {
  assert.match(problem(['a', '--debias']), /^attune cka: unknown option '--debias'; did you mean --debiased\?\nSee 'attune cka --help'\.$/);
  assert.match(problem(['--kernal=rbf']), /unknown option '--kernal'; did you mean --kernel\?/);
  assert.match(problem(['-x']), /unknown option '-x' \(options: --help, --debiased, --kernel, --seed, --json\)/);
  assert.match(problem(['--seed']), /--seed needs a value$/m);
  assert.match(problem(['--seed', '--json']), /--seed needs a value \(got '--json'/);
  assert.match(problem(['--json=yes']), /--json takes no value/);
  assert.doesNotMatch(problem(['--debias']), /Unknown option|positional argument/);
  // A known short option is accepted (its token carries the long name), an unknown one is refused.
  const withShort = { ...OPTIONS, output: { type: 'string', short: 'o' } } as const;
  assert.equal(parseVerbArgs('rdm', ['x.csv', '-o', 'out.csv'], withShort).values.output, 'out.csv');
  assert.equal(parseVerbArgs('rdm', ['x.csv', '-h'], withShort).values.help, true);
  assert.throws(() => parseVerbArgs('rdm', ['-p'], withShort), /unknown option '-p'/);
  // After '--' everything is a positional.
  assert.deepEqual(parseVerbArgs('cka', ['--', '--debias'], OPTIONS).positionals, ['--debias']);
});

test('every verb suggests the option it knows (one parser); unknown commands get a suggestion too', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const help = await attune(['--help'], dir);
  const verbs = [...help.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]);
  assert.ok(verbs.length >= 13, verbs.join(' '));
  const runs = await Promise.all(verbs.map((verb) => attune([verb, '--hepl'], dir)));
  runs.forEach((r, k) => {
    assert.equal(r.code, 2, verbs[k]);
    assert.equal(r.stderr, `attune ${verbs[k]}: unknown option '--hepl'; did you mean --help?\nSee 'attune ${verbs[k]} --help'.\n`);
  });
  const [typo, far, option] = await Promise.all([attune(['wordsm', 'x.tsv'], dir), attune(['frobnicate'], dir), attune(['--verison'], dir)]);
  assert.equal(typo.code, 2);
  assert.match(typo.stderr, /^attune: unknown command 'wordsm'; did you mean wordsim\?\nCommands: run, sweep, wordsim, /);
  assert.equal(far.code, 2);
  assert.match(far.stderr, /^attune: unknown command 'frobnicate'\nCommands: /);
  assert.match(option.stderr, /^attune: unknown option '--verison'; did you mean --version\?/);
});

test('a value outside an option\'s choices, an unknown list or cache command: the closest choice is suggested', async (t) => {
  assert.throws(() => choiceOption('compare', 'method', 'spearmann', ['spearman', 'rho-a', 'tau-a'] as const, 'spearman'),
    /--method must be one of spearman, rho-a, tau-a; got 'spearmann'; did you mean spearman\?/);
  assert.throws(() => choiceOption('rdm', 'method', 'manhattan', ['euclidean', 'correlation'] as const, 'euclidean'), (e: unknown) => e instanceof UsageError && !/did you mean/.test(e.message));
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const [list, cache] = await Promise.all([attune(['list', 'measurs'], dir), attune(['cache', 'inf'], dir)]);
  assert.equal(list.code, 2);
  assert.match(list.stderr, /^attune list: unknown list 'measurs': benchmarks, models, measures or datasets; did you mean measures\?/);
  assert.equal(cache.code, 2);
  assert.match(cache.stderr, /^attune cache: unknown cache command 'inf'; expected info or clear; did you mean info\?/);
});
