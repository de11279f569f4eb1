import { bootstrapSpearmanOverStimuli } from './src/benchmarks/things-rsa-bootstrap.ts';
import { bootstrapOverStimuli } from './src/measures/rdm-inference.ts';
import { createRng } from './src/core/random.ts';
{const m = 25, p = m*(m-1)/2;
const g = createRng(5);
const x = Float64Array.from({length:p}, () => Math.round(g.next()*20));
const y = Float64Array.from({length:p}, () => Math.round(g.next()*30));
const a = bootstrapSpearmanOverStimuli(x, y, m, 50, createRng(9));
const b = bootstrapOverStimuli(x, y, 'spearman', 50, createRng(9));
let md = 0; for (let i=0;i<50;i++) md = Math.max(md, Math.abs(a[i]-b.values[i]));
console.log('maxdiff', md, a[0], b.values[0]);}
const g = createRng(5);
const M = 1836, P = M*(M-1)/2;
const X = Float64Array.from({length:P}, () => g.next()); const Y = Float64Array.from({length:P}, (_, i) => X[i] + g.next());
for (const R of [4, 4, 20, 100, 200]) {
let t = performance.now();
const r = bootstrapSpearmanOverStimuli(X, Y, M, R, createRng(1));
console.log(R, performance.now()-t);
}
