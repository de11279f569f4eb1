// Time one `attune bench` case in this process, called repeatedly, for a CPU profile of where its time goes:
//   node --import tsx --cpu-prof --cpu-prof-dir=prof scripts/profile-bench-case.ts cka:linear 2000 5
//   python3 scripts/cpu-profile-top.py prof
import { BENCH_SEED, benchCases } from '../src/cli/bench/cases.ts';
import { createRng } from '../src/core/random.ts';

const [op, nText, callsText = '5'] = process.argv.slice(2);
const n = Number(nText), calls = Number(callsText);
const chosen = benchCases().find((b) => b.op === op && b.n === n);
if (chosen === undefined) {
  console.error(`no bench case ${op} at n = ${nText}; known: ${benchCases().map((b) => `${b.op} ${b.n}`).join(', ')}`);
  process.exit(2);
}
const inputs = await chosen.prepare(createRng(BENCH_SEED));
await chosen.run(inputs); // warm-up, as attune bench
const started = performance.now();
for (let i = 0; i < calls; i++) await chosen.run(inputs);
console.log(`${op} n=${n}: ${((performance.now() - started) / calls).toFixed(2)} ms per call (mean of ${calls})`);
