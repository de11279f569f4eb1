// Attune as an npm package: `npm pack`, install the tarball into a fresh ESM project (offline, from npm's cache)
// and use it from a CommonJS project beside it, with no tsx anywhere: the public API's RDM, RDM comparison and CKA
// against the Python peers' values (test/fixtures: copies of ../shared/reference), the installed `attune` bin,
// the worker threads started from dist/, the README's library example as written, and a TypeScript consumer
// type-checked against the package's .d.ts files with the repository's tsc.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tarballIn, writeConsumerProject } from '../../test-support/package-consumer.ts';
import { startServe } from '../../test-support/serve-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const consumerFile = (name: string): string => fileURLToPath(new URL(`../../test-support/consumer-project/${name}`, import.meta.url));
const rsa = JSON.parse(readFileSync(fixture('rsa_expected.json'), 'utf8')) as {
  rdms: Record<string, { vector: number[] }>;
  comparisons: { pair: string; spearman: number }[];
};
const cka = JSON.parse(readFileSync(fixture('cka_ridge_expected.json'), 'utf8')) as { cka: { numpy_linear_cka: number } };
const matExpected = JSON.parse(readFileSync(fixture('mat73/small_v73.expected.json'), 'utf8')) as { A: { dims: number[]; values: number[] } };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `file args` in `cwd` (never rejects: the exit code comes back with both streams). */
function run(file: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Fail with the command's output when it did not exit 0. */
function ok(result: Run, what: string): Run {
  assert.equal(result.code, 0, `${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The first ```ts block of the README section titled `heading`. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`\n## ${heading}\n`));
  const match = /```ts\n([\s\S]*?)```/.exec(section);
  assert.ok(match, `no \`\`\`ts block under "## ${heading}" in README.md`);
  return match[1];
}

function closeTo(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 1e-10 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

test('npm pack → install into fresh ESM and CommonJS projects → the public API, the bin and the types work without tsx', { timeout: 600_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

  // Pack as a publisher would: prepare (tsc → dist/) and prepack (the dashboard → dist/web) run first.
  const packed = ok(await run(npm, ['pack', '--pack-destination', dir], ROOT), 'npm pack');
  assert.doesNotMatch(packed.stdout + packed.stderr, /npm warn/i);
  const tarball = join(dir, tarballIn(readdirSync(dir)));
  t.diagnostic(`tarball ${(statSync(tarball).size / 1e6).toFixed(1)} MB`);

  const esm = join(dir, 'esm');
  mkdirSync(esm);
  writeConsumerProject(esm, 'esm-consumer', 'module', tarball, ROOT);
  // --ignore-scripts: better-sqlite3 would compile for minutes; nothing checked here opens a database.
  const installed = ok(await run(npm, ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], esm), 'npm ci of the tarball');
  assert.doesNotMatch(installed.stdout + installed.stderr, /npm warn/i);
  // The CommonJS project shares the ESM project's installed dependencies (one install of ~1 GB is enough).
  const cjs = join(dir, 'cjs');
  mkdirSync(cjs);
  writeFileSync(join(cjs, 'package.json'), `${JSON.stringify({ name: 'cjs-consumer', private: true, type: 'commonjs' }, null, 2)}\n`);
  symlinkSync(join(esm, 'node_modules'), join(cjs, 'node_modules'), 'dir');
  for (const name of ['check.mjs', 'workers.mjs', 'consumer.ts', 'tsconfig.json']) copyFileSync(consumerFile(name), join(esm, name));
  copyFileSync(consumerFile('check.cjs'), join(cjs, 'check.cjs'));

  await t.test('the package ships compiled JavaScript only, and tsx is not installed', () => {
    const pkg = join(esm, 'node_modules', 'attune');
    assert.ok(existsSync(join(pkg, 'dist', 'index.js')) && existsSync(join(pkg, 'dist', 'index.d.ts')));
    assert.ok(existsSync(join(pkg, 'dist', 'web', 'index.html')), 'the dashboard is prebuilt');
    assert.ok(existsSync(join(pkg, 'data', 'simlex999')), 'the shipped data sets');
    assert.equal(existsSync(join(pkg, 'src')), false);
    assert.equal(existsSync(join(esm, 'node_modules', 'tsx')), false);
  });

  const expectedRdm = rsa.rdms.X_correlation.vector;
  const expectedSpearman = rsa.comparisons.find((c) => c.pair === 'X_correlation~Y_correlation')!.spearman;
  const inputs = [fixture('X_20x50.csv'), fixture('Y_20x50.csv')];

  await t.test('ESM: import { rdm, compareRdms, linearCka, readMatrix } from "attune" gives rsatoolbox / numpy values', async () => {
    const out = ok(await run(process.execPath, ['check.mjs', ...inputs], esm), 'ESM consumer');
    assert.equal(out.stderr, '');
    const got = JSON.parse(out.stdout) as { rdm: number[]; spearman: number; cka: number; spearmanMeasure: string; ckaMeasure: string };
    assert.equal(got.rdm.length, expectedRdm.length);
    got.rdm.forEach((v, i) => closeTo(v, expectedRdm[i], `rdm[${i}]`));
    closeTo(got.spearman, expectedSpearman, 'spearman');
    closeTo(got.cka, cka.cka.numpy_linear_cka, 'linear CKA');
    assert.equal(got.spearmanMeasure, 'compare:spearman');
  });

  await t.test('CommonJS: require("attune") gives the same values, with no warning', async () => {
    const out = ok(await run(process.execPath, ['check.cjs', ...inputs], cjs), 'CommonJS consumer');
    assert.equal(out.stderr, '', 'require(esm) printed a warning');
    const got = JSON.parse(out.stdout) as { rdm: number[]; spearman: number; cka: number };
    got.rdm.forEach((v, i) => closeTo(v, expectedRdm[i], `rdm[${i}]`));
    closeTo(got.spearman, expectedSpearman, 'spearman');
    closeTo(got.cka, cka.cka.numpy_linear_cka, 'linear CKA');
  });

  await t.test('npx attune runs the installed, compiled command line with no npm warning', async () => {
    const help = ok(await run(npm, ['exec', '--offline', '--', 'attune', '--help'], esm), 'npx attune --help');
    assert.match(help.stdout + help.stderr, /Usage: attune/);
    assert.doesNotMatch(help.stdout + help.stderr, /npm warn/i);
    const json = ok(await run(npm, ['exec', '--offline', '--', 'attune', 'cka', ...inputs, '--json'], esm), 'npx attune cka');
    assert.doesNotMatch(json.stderr, /npm warn/i);
    closeTo((JSON.parse(json.stdout) as { value: number }).value, cka.cka.numpy_linear_cka, 'attune cka --json value');
  });

  await t.test('attune serve from the installed package serves the prebuilt dashboard (no Vite build, no sources)', async (t2) => {
    mkdirSync(join(esm, 'results'));
    const bin = join(esm, 'node_modules', 'attune', 'bin', 'attune.mjs');
    const { child, url, stderr } = await startServe(t2, bin, ['--port', '0', '--results', 'results'], esm, 30_000);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.equal(await page.text(), readFileSync(join(esm, 'node_modules', 'attune', 'dist', 'web', 'index.html'), 'utf8'));
    assert.doesNotMatch(stderr(), /building the web app/);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  await t.test('worker threads and the bench child start from dist/', async () => {
    const out = ok(await run(process.execPath, ['workers.mjs', fixture('mat73/small_v73.mat')], esm, { ATTUNE_THREADS: '2' }), 'workers');
    const got = JSON.parse(out.stdout) as { rankHelper: boolean; bootstrapSame: boolean; resamples: number; mat: { dims: number[]; data: number[] }; benchChild: boolean };
    assert.equal(got.rankHelper, true, 'the rank helper thread did not start');
    assert.equal(got.bootstrapSame, true, 'the bootstrap thread disagrees with the same draws done in the main thread');
    assert.equal(got.resamples, 80);
    assert.deepEqual(got.mat.dims, matExpected.A.dims);
    assert.deepEqual(got.mat.data, matExpected.A.values);
    assert.equal(got.benchChild, true);
  });

  await t.test("the README's library example runs as written and finds the shared structure", async () => {
    writeFileSync(join(esm, 'readme-example.mjs'), readmeBlock('As a library'));
    copyFileSync(join(esm, 'readme-example.mjs'), join(esm, 'readme-example.ts'));
    const out = ok(await run(process.execPath, ['readme-example.mjs'], esm), 'README example');
    const tau = /^compare:tau-a (\S+) ci95 (\S+) (\S+) p (\S+)$/m.exec(out.stdout);
    const linear = /^cka:linear:debiased (\S+)$/m.exec(out.stdout);
    assert.ok(tau && linear, `unexpected output:\n${out.stdout}`);
    // Same stimuli in the same rows: a clearly positive tau-a whose interval excludes 0, and the smallest p 1000 permutations allow.
    assert.ok(Number(tau[1]) > 0.2 && Number(tau[2]) > 0, out.stdout);
    assert.equal(Number(tau[4]), 1 / 1001);
    assert.ok(Number(linear[1]) > 0.3, out.stdout);
  });

  await t.test('a TypeScript consumer type-checks against the .d.ts files (tsc, NodeNext)', async () => {
    ok(await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', esm], esm), 'tsc on the consumer');
  });
});
