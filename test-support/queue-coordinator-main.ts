// A sweep coordinator as its own process, for the queue tests that kill it: `node --import tsx
// test-support/queue-coordinator-main.ts <dir> <queue-url> <spec.json> <out.json>` runs the sweep in <dir> over the
// queue (no cache on this side) and writes the results document to <out.json> once every job has an outcome.
import { readFileSync, writeFileSync } from 'node:fs';
import { queueExecutor } from '../src/run/queue/queue-executor.ts';
import { runSweep } from '../src/run/sweep.ts';
import type { SweepSpec } from '../src/run/sweep-spec.ts';

const [dir, url, specFile, outFile] = process.argv.slice(2);
process.chdir(dir);
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as SweepSpec;
const queue = queueExecutor({ url, pollMs: 500, onLine: (line) => process.stderr.write(`${line}\n`) });
try {
  const results = await runSweep(spec, { executor: queue.executor, cacheDir: false, progress: 'lines' });
  writeFileSync(outFile, JSON.stringify(results));
} finally {
  await queue.close();
}
