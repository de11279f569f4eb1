import { bootstrapSpearmanOverStimuli as neu } from './src/benchmarks/things-rsa-bootstrap.ts';
import { bootstrapSpearmanOverStimuli as old } from './src/benchmarks/zzold.tmp.ts';
import { createRng } from './src/core/random.ts';
const g = createRng(5);
const M = 1836, P = M*(M-1)/2;
const X = Float64Array.from({length:P}, () => g.next()); const Y = Float64Array.from({length:P}, (_, i) => X[i] + 3*g.next());
for (let rep = 0; rep < 3; rep++) for (const [name, f] of [['old', old], ['new', neu]] as const) {
  let t = performance.now(); f(X, Y, M, 4, createRng(1)); const t4 = performance.now()-t;
  t = performance.now(); const r = f(X, Y, M, 84, createRng(1)); const t84 = performance.now()-t;
  console.log(name, ((t84-t4)/80).toFixed(2), 'ms/resample', r[83]);
}
