import { loadGlove } from './src/models/glove.ts';
import { thingsBenchmarks } from './src/benchmarks/things.ts';
import { tmpdir } from 'node:os'; import { join } from 'node:path';
const t0 = performance.now();
const model = loadGlove({ cacheDir: join(tmpdir(), 'attune-test-glove') });
console.log('glove', (performance.now()-t0).toFixed(0));
for (const b of thingsBenchmarks()) {
  const t = performance.now();
  const o = await b.run(model, { seed: 1 });
  const s = o.score;
  console.log(b.id, (performance.now()-t).toFixed(0), 'ms', s.value.toFixed(4), s.ci95?.map(v=>v.toFixed(4)), s.ceiling?.value?.toFixed(4), o.coverage.n_covered, o.coverage.no_human_value ?? '', JSON.stringify(o.extra && Object.fromEntries(Object.entries(o.extra).map(([k,v])=>[k,[v.value, v.ci95]]))), s.warnings ?? '');
}
