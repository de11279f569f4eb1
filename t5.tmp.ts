import { loadGlove } from './src/models/glove.ts';
import { heldOutPredictions } from './src/measures/encode.ts';
import { matrix } from './src/core/matrix.ts';
import { loadThingsData } from './src/benchmarks/things-concepts.ts';
import { loadThingsProperty, THINGS_PROPERTIES } from './src/data/datasets/things.ts';
import { tmpdir } from 'node:os'; import { join } from 'node:path';
const model = loadGlove({ cacheDir: join(tmpdir(), 'attune-test-glove') });
const { concepts } = loadThingsData();
const words = concepts.map(c => c.word);
const v = await model.vectors(words);
const rows = words.map((_, i) => i).filter(i => v.covered[i]);
const n = rows.length, d = 100;
const x = matrix(n, d, new Float64Array(n*d)); rows.forEach((i,k)=>{for(let j=0;j<d;j++) x.data[k*d+j]=v.matrix.data[i*d+j];});
const props = THINGS_PROPERTIES.slice(0, 11).map(p => loadThingsProperty(p.name, concepts.map(c=>c.id), words).values);
for (const T of [1, 11, 1]) {
  const y = matrix(n, T, new Float64Array(n*T)); rows.forEach((i,k)=>{for(let t=0;t<T;t++) y.data[k*T+t]=props[t][i];});
  const t0 = performance.now();
  const h = await heldOutPredictions(x, y, { folds: 5, innerFolds: 5, seed: 1 });
  console.log(T, performance.now()-t0, h.predictions.data[0], h.predictions.data[T], h.alphas[0]);
}
