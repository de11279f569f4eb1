// The worker threads and child processes of the installed package start from dist/ (no .mjs shim, no tsx):
// the rank helper thread, the RDM-bootstrap thread (compared with the same draws done on this thread), the
// MATLAB v7.3 reader's thread, and the file `attune bench` spawns. Prints one JSON line.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readMat73Variable } from 'attune';

const dist = new URL('./node_modules/attune/dist/', import.meta.url);
const { rankHelperReady } = await import(new URL('core/rank-helper.js', dist).href);
const { siblingModule } = await import(new URL('core/module-path.js', dist).href);
const { bootstrapSubjectMeansParallel } = await import(new URL('benchmarks/rdm92-parallel.js', dist).href);
const { bootstrapDraws, evaluateDraws } = await import(new URL('benchmarks/rdm92-bootstrap.js', dist).href);
const { matrix } = await import(new URL('core/matrix.js', dist).href);

const [matFile] = process.argv.slice(2);
const rankHelper = await rankHelperReady();

// 6 subjects' RDMs over 12 stimuli (66 pairs) and 2 candidate RDMs, from a fixed linear congruential sequence.
let state = 12345;
const next = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
const subjects = matrix(6, 66, Float64Array.from({ length: 6 * 66 }, next));
const candidates = [Float64Array.from({ length: 66 }, next), Float64Array.from({ length: 66 }, next)];
const parallel = await bootstrapSubjectMeansParallel(candidates, subjects, 'spearman', 80, 3);
const serial = evaluateDraws(candidates, subjects, 'spearman', bootstrapDraws(12, 6, 80, 3));
const bootstrapSame = parallel.length === serial.length && parallel.every((row, i) => row.every((v, j) => Object.is(v, serial[i][j])));

const mat = await readMat73Variable(matFile, 'A');
const benchChild = existsSync(fileURLToPath(siblingModule('../bench/child', new URL('cli/verbs/bench.js', dist).href)));
console.log(JSON.stringify({ rankHelper, bootstrapSame, resamples: parallel.length, mat: { dims: mat.dims, data: Array.from(mat.data) }, benchChild }));
