import { bootstrapSpearmanOverStimuli as neu } from './src/benchmarks/things-rsa-bootstrap.ts';
import { createRng } from './src/core/random.ts';
const g = createRng(5);
const M = 1836, P = M*(M-1)/2;
const X = Float64Array.from({length:P}, () => g.next()); const Y = Float64Array.from({length:P}, (_, i) => X[i] + 3*g.next());
neu(X, Y, M, 40, createRng(1));
